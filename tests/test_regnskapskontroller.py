"""Kontrollene i regnskapet stopper bygget.

Hver test ødelegger en kopi av det medfølgende uttrekket (eller, for kontrollene som bare kan
feile ved en programfeil, én av oppstillingene) på én måte, kjører bygget og sjekker at det
stopper med kontrollens melding før noe er skrevet: forrige bygg står urørt.

- Datafeil (kommandolinjen, egen prosess): en konto uten linje i kontoplanen, et overlappende
  kontointervall, kapitalkontoer som ikke summerer til minus netto rapportert, og en endring i
  mellomværendet på kapitalkontoen som ikke stemmer med det rapporterte mellomværendet.
- Oppstillinger som ikke stemmer med hverandre (i prosessen, med én oppstilling forfalsket):
  netto rapportert ulik i de to oppstillingene, Note 8s forskjell ulik bokført − rapportert,
  og Note A ulik tildelingskolonnen. Med ett uttrekk som kilde til begge sider kan disse bare
  feile ved en feil i koden; kontrollen er vakten mot det.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
from test_cli import DATA, IKKE_SKREVET, Csv, arsrapport, ett_brudd

from arsrapport import regnskap
from arsrapport.bok import bygg as bygg_modul
from arsrapport.bok.bygg import ByggFeil, bygg
from arsrapport.innlesing import les_uttrekk
from arsrapport.presentasjon.formatering import tall
from arsrapport.regnskap import kontrollene


@pytest.fixture
def kopi(tmp_path) -> Path:
    return Path(shutil.copytree(DATA, tmp_path / "data"))


@pytest.fixture
def forrige(tmp_path) -> Path:
    """Et «forrige gode bygg»: en katalog med innhold som ikke skal røres."""
    ut = tmp_path / "bygg" / "_build"
    ut.mkdir(parents=True)
    (ut / "figures.json").write_text('{"2023": {"mottatt": 7029}}\n', encoding="utf-8")
    (ut / "html").mkdir()
    (ut / "html" / "index.html").write_text("<p>forrige bygg</p>", encoding="utf-8")
    return ut


def _avtrykk(katalog: Path) -> dict[str, str]:
    return {
        p.relative_to(katalog).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(katalog.rglob("*"))
        if p.is_file()
    }


def _nb(tekst: str) -> str:
    """Teksten med tusenskillet ``formatering.tall`` bruker (hardt mellomrom)."""
    return re.sub(r"(?<=\d) (?=\d{3})", tall(1000)[1], tekst)


def _rad(f: Csv, **krav) -> int:
    return f.finn(lambda r: all(r[k] == v for k, v in krav.items()))


def _stopper(kopi: Path, forrige: Path, *meldinger: str):
    for_ = _avtrykk(forrige)
    k = arsrapport("figures", "--data", kopi, "--out", forrige)
    assert k.rc != 0, str(k)
    assert "Traceback" not in k.tekst, str(k)
    assert IKKE_SKREVET in k.stderr, str(k)
    for m in meldinger:
        assert m in k.tekst, str(k)
    assert _avtrykk(forrige) == for_, "forrige bygg ble endret"
    assert sorted(p.name for p in forrige.parent.iterdir()) == ["_build"], "midlertidige kataloger ble liggende"
    return k


# ------------------------------------------------------------------ datafeil, via kommandolinjen


def test_konto_uten_linje_i_kontoplanen_stopper_bygget(kopi, forrige):
    f = Csv(kopi / "regnskap.csv")
    rad = _rad(f, ar="2023", artskonto="6720")  # konsulenttjenester
    f.sett(rad, "artskonto", "4720")  # 4000–4999 finnes ikke i kontoplanen
    f.lagre()
    k = _stopper(kopi, forrige)
    b = ett_brudd(k, "regnskap.csv", rad, "artskonto", "4720")
    assert "kontoplan" in b.melding


def test_overlappende_kontointervall_stopper_bygget(kopi, forrige):
    f = Csv(kopi / "kontoplan.csv")
    rad = _rad(f, artskonto_fra="6720")  # 6720–6729 konsulenttjenester
    f.sett(rad, "artskonto_til", "6740")  # overlapper 6730–6799
    f.lagre()
    k = _stopper(kopi, forrige)
    neste = _rad(Csv(kopi / "kontoplan.csv"), artskonto_fra="6730")
    b = ett_brudd(k, "kontoplan.csv", neste, "artskonto_fra", "6730")
    assert f"overlapper rad {rad}" in b.melding


def test_kapitalkontoer_som_ikke_summerer_til_netto_rapportert_stopper_bygget(kopi, forrige):
    f = Csv(kopi / "kapitalkontoer.csv")
    rad = _rad(f, ar="2023", konto="60048801")
    f.sett(rad, "belop", str(float(f.rad(rad)["belop"]) + 100))
    f.lagre()
    _stopper(
        kopi,
        forrige,
        "Regnskapet går ikke opp",
        "2023: Kapitalkontoene summerer til",
        "«Sum rapportert» blir 100, ikke 0",
    )


def test_endring_i_mellomvaerende_som_ikke_stemmer_stopper_bygget(kopi, forrige):
    f = Csv(kopi / "mellomvaerende.csv")
    rad = _rad(f, ar="2023", linje="Fordringer på ansatte")
    for kol in ("bokfort", "rapportert"):
        f.sett(rad, kol, str(float(f.rad(rad)[kol]) + 250))
    f.lagre()
    _stopper(
        kopi,
        forrige,
        _nb("2023: Endringen i mellomværendet på kapitalkontoen er −4 519 071,20"),
        _nb("det rapporterte mellomværendet endret seg med −4 518 821,20"),
    )


def test_riktig_regnskap_gar_gjennom_kontrollene():
    meldinger = []
    bygg_modul.kontroller_regnskapet(les_uttrekk(DATA), 2023, meldinger.append)
    assert meldinger[-1] == "  regnskapet går opp for 2021, 2022, 2023"


# ------------------------------------------------------------------ oppstillinger som ikke stemmer, i prosessen


def _forfalsk(monkeypatch, navn: str, endre):
    ekte = getattr(regnskap, navn)

    def falsk(*args, **kw):
        return endre(ekte(*args, **kw))

    # byttes ut der arsregnskap() slår navnet opp (modulen, ikke pakken som gir det videre)
    monkeypatch.setattr(kontrollene, navn, falsk)


def _netto_en_krone_for_hoy(art: dict) -> dict:
    return {**art, "netto_rapportert": art["netto_rapportert"] + 1}


def _note8_feil_forskjell(n8: dict) -> dict:
    return {**n8, "leverandorgjeld.forskjell": n8["leverandorgjeld.forskjell"] + 10}


def _tildelingskolonnen_feil(bev):
    bev = bev.copy()
    bev.loc[0, "samlet_tildeling"] += 1000
    return bev


@pytest.mark.parametrize(
    "navn, endre, melding",
    [
        pytest.param(
            "artskontorapportering",
            _netto_en_krone_for_hoy,
            "Netto rapportert til bevilgningsregnskapet er 274 282 557,90 i bevilgningsrapporteringen, "
            "men 274 282 558,90 i artskontorapporteringen",
            id="netto-ulik",
        ),
        pytest.param(
            "note8",
            _note8_feil_forskjell,
            "Note 8, leverandorgjeld: forskjellen er −739 880,70, men bokført − rapportert er −739 890,70",
            id="note8-forskjell",
        ),
        pytest.param(
            "bevilgningsrapportering",
            _tildelingskolonnen_feil,
            "Note A, kapittel 0491 post 01: samlet tildeling 298 657 000, men bevilgningsrapporteringen viser "
            "298 658 000",
            id="note-a",
        ),
    ],
)
def test_oppstillinger_som_ikke_stemmer_stopper_bygget(monkeypatch, forrige, navn, endre, melding):
    for_ = _avtrykk(forrige)
    _forfalsk(monkeypatch, navn, endre)
    with pytest.raises(ByggFeil) as feil:
        bygg(DATA, None, forrige, bok=False)
    assert "går ikke opp" in str(feil.value)
    assert _nb(melding) in str(feil.value)
    assert _avtrykk(forrige) == for_, "forrige bygg ble endret"
    assert sorted(p.name for p in forrige.parent.iterdir()) == ["_build"]


def test_tabell_der_linjene_ikke_summerer_til_summen_stopper_bygget(monkeypatch, forrige):
    """Oversikten over mellomværendet uten en linje (slik den var når en linje utenom de faste
    hadde et beløp), men med summen av alle: kontrollen av summene stopper bygget."""
    for_ = _avtrykk(forrige)
    ekte = regnskap.boka._mellomvaerende_tabell

    def uten_skattetrekket(r):
        t = ekte(r)
        t = t.loc[t["Tekst"] != "Skyldig skattetrekk og andre trekk"].reset_index(drop=True)
        t.at[len(t) - 1, "_ledd"] = tuple((i, 1) for i in range(1, len(t) - 1))
        return t

    monkeypatch.setattr(regnskap.boka, "_mellomvaerende_tabell", uten_skattetrekket)
    with pytest.raises(ByggFeil) as feil:
        bygg(DATA, None, forrige, bok=False)
    # −17 069 580,20 − (−8 963 558) = −8 106 022,20
    assert _nb(
        "tab-6-mellomvaerende, «Sum mellomværende med statskassen», kolonne «2023»: linjene summerer til "
        "−8 106 022,20, men tabellen viser −17 069 580,20 (forskjell −8 963 558)."
    ) in str(feil.value)
    assert _avtrykk(forrige) == for_, "forrige bygg ble endret"
