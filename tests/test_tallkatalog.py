"""Tallkatalogen (``arsrapport.tallkatalog``): motoren på håndlagde tilfeller, og katalogen
over alle kapitlene mot det kapitlene faktisk beregner på de medfølgende dataene."""

from __future__ import annotations

import importlib
from collections import Counter

import pytest

from arsrapport import kapitler
from arsrapport.config import PROSJEKTROT
from arsrapport.tallkatalog import Katalog, Tall, katalog

NB = "\u00a0"  # hardt mellomrom: tusenskille og foran enheten
MINUS = "\u2212"
RAPPORTAR = 2023


# ------------------------------------------------------------------ det kapitlene beregner


@pytest.fixture(scope="module")
def beregnet():
    """Alle kapitlene for rapportåret på de medfølgende dataene, i denne prosessen."""
    from arsrapport.innlesing import les_uttrekk

    uttrekk = les_uttrekk(PROSJEKTROT / "data")
    resultater = kapitler.beregn_alle(uttrekk, RAPPORTAR)
    figurer = kapitler.slå_sammen_figurer(resultater)
    tekster = dict(kapitler.felles_tekster(uttrekk, RAPPORTAR))
    for r in resultater:
        tekster.update(r.tekster)
    return figurer, tekster


# ------------------------------------------------------------------ fullstendighet


def _grunnlag(kat: Katalog, fid: str) -> Tall | None:
    """Oppføringen id-en hører til: det eneste treffet, eller grunnlaget for en avledet endring."""
    treff = kat.treff(fid)
    if len(treff) == 1:
        return treff[0]
    if not treff:
        t = kat.finn(fid)
        if t is not None and t.avledet:
            return kat.treff(fid.rsplit(".", 1)[0])[0]
    return None


def test_hver_beregnet_id_treffer_noyaktig_en_oppforing(beregnet):
    figurer, tekster = beregnet
    kat = katalog()
    ider = set(tekster).union(*figurer.values())
    feil = []
    for fid in sorted(ider):
        if _grunnlag(kat, fid) is None:
            feil.append(f"{fid}: {[t.monster for t in kat.treff(fid)] or 'ingen oppføring'}")
    assert not feil, (
        f"{len(feil)} id-er treffer ikke nøyaktig én oppføring i TALL (de første 20):\n" + "\n".join(feil[:20])
    )


def test_tekstene_har_enheten_tekst_og_tallene_ikke(beregnet):
    figurer, tekster = beregnet
    kat = katalog()
    assert {kat.enhet(fid) for fid in tekster} == {"tekst"}
    tall_ider = set().union(*figurer.values())
    assert not [fid for fid in tall_ider if kat.enhet(fid) == "tekst"]


def test_ingen_dode_oppforinger(beregnet):
    """Hver oppføring dekker minst én beregnet id (direkte, eller som grunnlaget for en endring:
    ``kpi`` beregnes bare som ``kpi.endring``)."""
    figurer, tekster = beregnet
    kat = katalog()
    brukt = Counter()
    for fid in set(tekster).union(*figurer.values()):
        t = _grunnlag(kat, fid)
        if t is not None:
            brukt[t] += 1
    dode = [f"{t.kapittel}: {t.monster}" for t in kat.oppforinger if not brukt[t]]
    assert not dode, "oppføringer ingen beregnet id treffer:\n" + "\n".join(dode)


def test_hver_funksjon_finnes():
    for t in katalog().oppforinger:
        modul, _, navn = t.funksjon.rpartition(".")
        assert modul.startswith("arsrapport."), t
        assert callable(getattr(importlib.import_module(modul), navn, None)), f"{t.monster}: {t.funksjon} finnes ikke"


def test_oppforingene_er_unike_og_har_kapittel():
    oppf = katalog().oppforinger
    assert len({t.monster for t in oppf}) == len(oppf)
    assert all(t.kapittel for t in oppf)


# ------------------------------------------------------------------ overgangen fra lim.som_tekst

# Id-er der katalogen bevisst skriver noe annet enn lim.som_tekst gjorde: lim gjettet enheten
# av stavemåten og skrev andelene rettssaker.nye_andel.* som heltall («0», «1»).
BEVISST_ANNERLEDES = ("rettssaker.nye_andel.",)


def test_migrering_samme_tekst_som_lim(beregnet):
    """Hver tekst lim limer (``t.<id>``, ``@fN``, ``.verb``, ``.abs``, ``.ord``) er den samme som
    katalogen gir, for hvert beregnet tall og hvert år."""
    from arsrapport import lim
    from arsrapport.tallkatalog import Tallverdier

    figurer, tekster = beregnet
    kat = katalog()
    verdier = Tallverdier(RAPPORTAR, figurer, tekster, kat)
    avvik = []
    for ar in sorted(figurer):
        limt: dict[str, str] = {}
        lim.lim_figurer(figurer, RAPPORTAR, glue=lambda navn, v, **_: limt.__setitem__(navn, v), ar=ar)
        for navn, tekst in limt.items():
            if not navn.startswith(lim.TEKST):
                continue
            ref = navn.removeprefix(lim.TEKST)
            if ref.startswith(BEVISST_ANNERLEDES):
                continue
            vist = verdier.vis(ref)
            if vist != tekst:
                avvik.append(f"{ref} ({ar}): lim «{tekst}», katalogen «{vist}»")
        # årene lim ikke limer tekst for (mer enn tre år tilbake): teksten selv
        if RAPPORTAR - ar > 3:
            for fid, v in figurer[ar].items():
                if not fid.startswith(BEVISST_ANNERLEDES) and lim.som_tekst(fid, v) != kat.tekst(fid, v):
                    avvik.append(f"{fid} ({ar}): lim «{lim.som_tekst(fid, v)}», katalogen «{kat.tekst(fid, v)}»")
    assert not avvik, f"{len(avvik)} tekster er ulike (de første 20):\n" + "\n".join(avvik[:20])
    # og fortegnsordene er de samme som lim.FORTEGNSORD
    for fid in set().union(*figurer.values()):
        assert kat.finn(fid).fortegnsord == lim.FORTEGNSORD.get(fid.rsplit(".", 1)[-1]), fid


def test_bevisst_annerledes_er_andeler():
    kat = katalog()
    assert kat.tekst("rettssaker.nye_andel.prosedyreenheten", 0.375) == f"37,5{NB}%"
