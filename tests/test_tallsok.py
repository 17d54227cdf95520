"""``arsrapport tall`` (``arsrapport.utdata.tallsok``): søket i tallene, utskriften og den genererte
lista ``docs/tallkatalog.md``. Kommandolinjen selv testes i ``test_cli.py``."""

from __future__ import annotations

import difflib

import pytest

from arsrapport.grunn.config import PROSJEKTROT
from arsrapport.utdata import tallsok

NB = "\u00a0"


@pytest.fixture(scope="module")
def beregnet() -> tallsok.Beregnet:
    """Alle kapitlene på de medfølgende dataene, standard rapportår (som kommandoen)."""
    return tallsok.beregn()


def test_standard_rapportar_og_data(beregnet):
    assert beregnet.rapportar == 2023  # arsrapport.toml: ar = 0, siste hele år i data/
    assert beregnet.data == PROSJEKTROT / "data"
    assert beregnet.arets["mottatt"] == 7029
    assert beregnet.arets["ar"] == "2023"


def test_sok_er_del_av_id_en(beregnet):
    treff = tallsok.sok(beregnet, "sp1.")
    assert "sp1.andel_under_grense" in treff
    # «sp1.» er en del av id-en, ikke ordet «sp1» (som står i definisjonen til sp2.* og sp3.*)
    assert all(f.startswith("sp1.") for f in treff)
    assert tallsok.sok(beregnet, "SP1.") == treff  # store og små bokstaver er likegyldige
    assert tallsok.sok(beregnet, "mottatt.endring") == ["mottatt.endring", "mottatt.endring_abs"]


def test_sok_er_ord_i_definisjonen(beregnet):
    # ingen id har «lønn» i seg (id-ene staves lonn); treffene kommer fra definisjonene
    treff = tallsok.sok(beregnet, "Lønn")
    assert {"note2.lonn", "nokkeltall.lonnsandel", "nokkeltall.lonn_per_arsverk"} <= set(treff)
    assert "note3.husleie" not in treff
    # et helt ord, ikke en del av et ord: «lønnsandel» i en definisjon er ikke «lønn»
    assert tallsok.sok(beregnet, "lønns") == []
    # flere ord: alle må stå i definisjonen
    assert set(tallsok.sok(beregnet, "konsulenttjenester driftsutgiftene")) == {"nokkeltall.konsulentandel"}


def test_uten_sok_alle(beregnet):
    assert tallsok.sok(beregnet) == sorted(beregnet.arets)


def test_utskriften(beregnet):
    linjer = tallsok.vis_sok(beregnet, "sp1.andel")
    assert linjer[0] == f"1 tall for 2023 som passer «sp1.andel» (av {len(beregnet.arets)}); skriv {{tall}}`id` i boka."
    # 393 av 610 asylklager behandlet i 2023 under 120 dager (regnet for hånd på saker.csv)
    assert linjer[1].startswith(f"sp1.andel_under_grense: 64,4{NB}% – Andel av sakene behandlet i året")
    assert len(linjer) == 2


def test_utskriften_med_verb_og_fortegnsord(beregnet):
    linjer = dict(linje.split(": ", 1) for linje in tallsok.vis_sok(beregnet, "merutgift")[1:])
    assert linjer["bevilgning.0491.21.merutgift"].startswith(f"−66{NB}440 (merutgift) – ")
    assert linjer["bevilgning.0491.01.merutgift"].startswith(f"17{NB}179{NB}093 (mindreutgift) – ")
    linjer = dict(linje.split(": ", 1) for linje in tallsok.vis_sok(beregnet, "mottatt.endring")[1:])
    assert linjer["mottatt.endring"].startswith(f"31{NB}% (økte) – Endring i prosent fra året før: saker UNE mottok")


def test_utskriften_kuttes(beregnet):
    linjer = tallsok.vis_sok(beregnet, "", maks=5)
    n = len(beregnet.arets)
    assert linjer[0].startswith(f"{n} tall for 2023 i alt (av {n})")
    assert len(linjer) == 1 + 5 + 1
    assert linjer[-1] == f"… og {n - 5} til; snevre inn søket (en del av id-en eller et ord i definisjonen)."
    assert len(tallsok.vis_sok(beregnet, "")) == 1 + tallsok.MAKS_LINJER + 1


def test_ingen_treff(beregnet):
    assert tallsok.vis_sok(beregnet, "finnes_ikke") == [
        f"0 tall for 2023 som passer «finnes_ikke» (av {len(beregnet.arets)}); skriv {{tall}}`id` i boka."
    ]


def test_dokumentasjonen_er_oppdatert(beregnet):
    """``docs/tallkatalog.md`` er det kommandoen lager av katalogen og de medfølgende dataene."""
    ny = tallsok.lag_dokumentasjon(beregnet)
    gammel = tallsok.DOKUMENTASJON.read_text(encoding="utf-8") if tallsok.DOKUMENTASJON.exists() else ""
    if gammel != ny:
        diff = "".join(
            list(difflib.unified_diff(gammel.splitlines(True), ny.splitlines(True), "i git", "ny", n=1))[:30]
        )
        pytest.fail(f"docs/tallkatalog.md er ikke oppdatert; lag den på nytt med `{tallsok.KOMMANDO}`:\n{diff}")


def test_dokumentasjonen_har_hver_oppforing_med_eksempel():
    from arsrapport.utdata.tallkatalog import katalog

    tekst = tallsok.DOKUMENTASJON.read_text(encoding="utf-8")
    for t in katalog().oppforinger:
        assert f"### `{t.monster}`\n\n{t.definisjon}\n" in tekst, t.monster
        assert f"- beregnes av: `{t.funksjon}`" in tekst
    assert tekst.count("\n- eksempel: `") == len(katalog().oppforinger)
    assert "- eksempel: `mottatt` er «7\u00a0029» i 2023; i boka `` {tall}`mottatt` ``" in tekst
    assert "- eksempel: `kpi.endring` er «6\u00a0%» i 2023" in tekst  # bare endringen beregnes
    assert "ingen id beregnet" not in tekst
    # plassholderne er forklart med ord
    from arsrapport.utdata.tallkatalog import PLASSHOLDER_TEKST, PLASSHOLDERE

    assert set(PLASSHOLDER_TEKST) == set(PLASSHOLDERE)
    for navn in PLASSHOLDERE:
        assert f"| `{{{navn}}}` | {PLASSHOLDER_TEKST[navn]} |" in tekst


def test_kjor_avviser_sok_sammen_med_dokumentasjon():
    ut, feil = [], []
    assert tallsok.kjor("sp1.", skriv_dokumentasjon=True, melding=ut.append, feil=feil.append) == 2
    assert ut == [] and feil == ["--skriv-dokumentasjon skriver hele lista; ta bort søket."]
