"""Kapittelresultatene (:mod:`arsrapport.kapitler`): lagret og lest i ett stykke, slått sammen
uten motstrid, og hvert kapittel ser bare tabellene det har meldt."""

from __future__ import annotations

import pandas as pd
import pytest

from arsrapport import kapitler
from arsrapport.innlesing import Uttrekk
from arsrapport.kapitler import Kapittelresultat, slå_sammen_figurer


def _resultat(navn="k", **figurer):
    return Kapittelresultat(
        navn,
        figurer={2023: dict(figurer)},
        tekster={"topp.x": "Iran (3)"},
        tabeller={"t": pd.DataFrame({"a": [1, 2]})},
        boktabeller={"tab-t": "| a |\n|---:|\n| 1 |"},
        diagrammer={"fig-f": b"\x89PNG"},
    )


def test_lagre_og_les_gir_det_samme_resultatet(tmp_path):
    r = _resultat(mottatt=7029, omgjoringsandel=0.644)
    fil = r.lagre(tmp_path)
    assert fil == tmp_path / f"k{kapitler.RESULTATFIL}"
    lest = Kapittelresultat.les(fil)
    assert lest.figurer == {2023: {"mottatt": 7029, "omgjoringsandel": 0.644}}
    assert lest.tekster == r.tekster and lest.boktabeller == r.boktabeller and lest.diagrammer == r.diagrammer
    pd.testing.assert_frame_equal(lest.tabeller["t"], r.tabeller["t"])
    assert not list(tmp_path.glob("*.tmp"))


def test_uten_katalog_fra_bygget_skrives_ingenting(tmp_path, monkeypatch):
    """Notatboka kjørt for seg selv (nbval): ingen miljøvariabel, ingen fil."""
    monkeypatch.delenv(kapitler.RESULTATER, raising=False)
    monkeypatch.chdir(tmp_path)
    assert _resultat().lagre() is None
    assert list(tmp_path.iterdir()) == []
    monkeypatch.setenv(kapitler.RESULTATER, str(tmp_path / "res"))
    assert _resultat().lagre() == tmp_path / "res" / f"k{kapitler.RESULTATFIL}"


def test_les_avviser_noe_annet_enn_et_resultat(tmp_path):
    import pickle

    fil = tmp_path / "x.resultat.pickle"
    fil.write_bytes(pickle.dumps({"ikke": "resultat"}))
    with pytest.raises(TypeError, match="ikke et kapittelresultat"):
        Kapittelresultat.les(fil)


def test_slaa_sammen_godtar_samme_tall_fra_to_kapitler_men_ikke_ulike():
    a, b = _resultat("a", mottatt=100, x=1), _resultat("b", mottatt=100.0, y=2)
    assert slå_sammen_figurer([a, b]) == {2023: {"mottatt": 100.0, "x": 1, "y": 2}}
    with pytest.raises(ValueError, match="mottatt for 2023 er beregnet med to ulike verdier"):
        slå_sammen_figurer([a, _resultat("c", mottatt=101)])


def test_utsnittet_viser_bare_de_meldte_tabellene():
    u = Uttrekk(
        tabeller={"saker": pd.DataFrame({"a": [1]}), "kpi": pd.DataFrame({"b": [2]})}, filer={"saker": "saker.csv"}
    )
    v = u.utsnitt(("saker",))
    assert v.saker is u.saker  # delt, ikke kopiert
    assert v.filer == {"saker": "saker.csv"}
    with pytest.raises(AttributeError, match="har ikke meldt at det leser tabellen 'kpi'"):
        v.kpi  # noqa: B018  (attributtoppslaget er det som skal feile)
    with pytest.raises(KeyError, match="kpi"):
        v.tabeller.get("kpi")
    with pytest.raises(KeyError, match="ingen tabell 'uiv'"):
        u.utsnitt(("uiv",))


def test_hvert_kapittel_klarer_seg_med_tabellene_det_har_meldt(medfolgende_uttrekk):
    """Hvert kapittel regnes ut med bare de meldte tabellene (en annen tabell gir «har ikke
    meldt»), og hver meldt tabell blir lest: en tabell kapittelet ikke leser, ville bare gitt
    unødvendige omkjøringer når den endres."""
    from arsrapport.innlesing import _Utsnitt

    uttrekk = medfolgende_uttrekk
    for navn, kapittel in kapitler.KAPITTEL.items():
        lest: set[str] = set()

        class Sporet(_Utsnitt):
            def __getitem__(self, n):
                lest.add(n)  # noqa: B023  (klassen brukes bare i samme runde)
                return super().__getitem__(n)

            def get(self, n, standard=None):
                lest.add(n)  # noqa: B023
                return super().get(n, standard)

        utsnitt = uttrekk.utsnitt(kapittel.data)
        sporet = Uttrekk(tabeller=Sporet(utsnitt.tabeller), filer=utsnitt.filer, katalog=utsnitt.katalog)
        r = kapittel._beregn(sporet, 2023, True)
        assert r.navn == navn and r.figurer
        assert lest == set(kapittel.data), (navn, sorted(set(kapittel.data) - lest), sorted(lest - set(kapittel.data)))


def test_beregn_alle_gir_hvert_kapittel_og_avstemmingen(medfolgende_resultater):
    resultater = medfolgende_resultater
    assert [r.navn for r in resultater] == [*kapitler.KAPITTEL, kapitler.AVSTEMMING]
    assert all(not r.diagrammer and not r.boktabeller for r in resultater)  # bok=False
    assert int(resultater[-1].tekster["avstemming.publiserte"]) > 600


def test_hver_figur_har_en_telefonutgave_i_telefonbredden(medfolgende_uttrekk):
    """Figurene tegnes to ganger: i tekstbredden (PDF og store skjermer) og i telefonbredden
    (``diagrammer.SMAL_BREDDE``), med de samme navnene; bare telefonutgaven bryter etikettene."""
    import struct

    from arsrapport.presentasjon import diagrammer

    r = kapitler.beregn("3_1_generelle_tall", medfolgende_uttrekk, 2023, bok=True)
    assert r.diagrammer and set(r.smale_diagrammer) == set(r.diagrammer)

    def bredde(png: bytes) -> int:  # PNG-hodet: bredden står i byte 16–20
        return struct.unpack(">I", png[16:20])[0]

    for navn in r.diagrammer:
        vanlig, smal = bredde(r.diagrammer[navn]), bredde(r.smale_diagrammer[navn])
        assert smal < 0.75 * vanlig, navn
        assert smal <= (diagrammer.SMAL_BREDDE + 0.3) * 300, navn  # 300 punkter per tomme
    with diagrammer.smal():
        assert diagrammer._bryt(["Nemndleder etter forberedelse fra sekretariatet"]) == [
            "Nemndleder etter\nforberedelse fra\nsekretariatet"
        ]
    assert diagrammer._bryt(["Nemndleder etter forberedelse fra sekretariatet"]) == [
        "Nemndleder etter forberedelse fra sekretariatet"
    ]
