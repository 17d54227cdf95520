"""Reglene i datakontrakten som gjelder flere kolonner (``arsrapport.kontroll``).

Testene går gjennom ``valider`` på et lite, gyldig uttrekk der én ting er
ødelagt (``Uttrekksdata`` fra test_innlesing), og direkte mot reglene.
"""

from __future__ import annotations

import pandas as pd
import pytest
from test_innlesing import Uttrekksdata

from arsrapport import kontroll
from arsrapport.innlesing import Brudd, les_uttrekk, valider


@pytest.fixture
def uttrekk(tmp_path) -> Uttrekksdata:
    return Uttrekksdata(tmp_path / "data")


def ett_brudd(uttrekk: Uttrekksdata) -> Brudd:
    brudd, _ = valider(uttrekk.skriv())
    assert len(brudd) == 1, "\n".join(map(str, brudd))
    return brudd[0]


def sjekk(b: Brudd, fil: str, rad: int, kolonne: str, verdi: str | None, *ord: str) -> None:
    assert (b.fil, b.rad, b.kolonne, b.verdi) == (fil, rad, kolonne, verdi), str(b)
    for o in ord:
        assert o in b.melding, str(b)


# ------------------------------------------------------------------ saker


def test_avsluttet_dato_pakrevd_nar_avslutning_er_satt(uttrekk):
    uttrekk.sett("saker", 4, "avsluttet_dato", "")  # Henlagt uten dato
    sjekk(ett_brudd(uttrekk), "saker.csv", 4, "avsluttet_dato", None, "mangler", "Henlagt")


def test_avsluttet_dato_skal_vaere_tom_nar_saken_ikke_er_avsluttet(uttrekk):
    uttrekk.sett("saker", 5, "avsluttet_dato", "2024-01-20")
    sjekk(ett_brudd(uttrekk), "saker.csv", 5, "avsluttet_dato", "2024-01-20", "tom")


def test_avsluttet_for_mottatt(uttrekk):
    uttrekk.sett("saker", 3, "avsluttet_dato", "2022-11-14")
    sjekk(ett_brudd(uttrekk), "saker.csv", 3, "avsluttet_dato", "2022-11-14", "før mottatt_dato", "2022-11-15")


def test_avsluttet_samme_dag_som_mottatt_er_lov(uttrekk):
    uttrekk.sett("saker", 3, "avsluttet_dato", "2022-11-15")
    les_uttrekk(uttrekk.skriv())


@pytest.mark.parametrize("kolonne", ["avgjorelsesform", "utfall"])
def test_vedtak_uten_avgjorelsesform_eller_utfall(uttrekk, kolonne):
    uttrekk.sett("saker", 2, kolonne, "")
    sjekk(ett_brudd(uttrekk), "saker.csv", 2, kolonne, None, "mangler", "Vedtak")


@pytest.mark.parametrize("kolonne, verdi", [("avgjorelsesform", "NL"), ("utfall", "Omgjort")])
@pytest.mark.parametrize("rad, avslutning", [(4, "Henlagt"), (5, "tom")])
def test_avgjorelsesform_og_utfall_uten_vedtak(uttrekk, kolonne, verdi, rad, avslutning):
    uttrekk.sett("saker", rad, kolonne, verdi)
    sjekk(ett_brudd(uttrekk), "saker.csv", rad, kolonne, verdi, "skal være tom", avslutning)


def test_asylspor_mangler_for_asyl(uttrekk):
    uttrekk.sett("saker", 5, "asylspor", "")
    sjekk(ett_brudd(uttrekk), "saker.csv", 5, "asylspor", None, "mangler", "Asyl")


def test_asylspor_satt_utenfor_asyl(uttrekk):
    uttrekk.sett("saker", 4, "asylspor", "Dublin")
    sjekk(ett_brudd(uttrekk), "saker.csv", 4, "asylspor", "Dublin", "skal være tom", "Utvisning")


def test_ugyldig_verdi_gir_ikke_folgefeil(uttrekk):
    # «Vedtatt» er en ukjent avslutning; det skal ikke i tillegg gi brudd på
    # reglene for avsluttet_dato/avgjorelsesform/utfall på samme rad.
    uttrekk.sett("saker", 2, "avslutning", "Vedtatt")
    sjekk(ett_brudd(uttrekk), "saker.csv", 2, "avslutning", "Vedtatt", "ukjent verdi")


# ------------------------------------------------------------------ uiv og rettssaker


def test_uiv_resultat_pakrevd_nar_avgjort(uttrekk):
    uttrekk.sett("uiv", 2, "resultat", "")
    sjekk(ett_brudd(uttrekk), "uiv.csv", 2, "resultat", None, "mangler", "2024-02-15")


def test_rettssak_utfall_pakrevd_nar_avgjort(uttrekk):
    uttrekk.sett("rettssaker", 2, "utfall", "")
    sjekk(ett_brudd(uttrekk), "rettssaker.csv", 2, "utfall", None, "mangler", "2023-09-01")


# ------------------------------------------------------------------ regnskap


@pytest.mark.parametrize(
    "tabell, rad, kolonne, verdi",
    [
        ("tildeling", 2, "kapittel", "491"),
        ("fullmakter", 2, "kapittel", "04910"),
        ("regnskap", 3, "kapittel", "049A"),
        ("tildeling", 3, "post", "1"),
        ("fullmakter", 2, "post", "001"),
        ("regnskap", 2, "post", "O1"),
    ],
)
def test_kapittel_fire_og_post_to_sifre(uttrekk, tabell, rad, kolonne, verdi):
    uttrekk.sett(tabell, rad, kolonne, verdi)
    sjekk(ett_brudd(uttrekk), f"{tabell}.csv", rad, kolonne, verdi, "sifre")


@pytest.mark.parametrize("verdi", ["500", "5000000", "50a0"])
def test_artskonto_fire_til_seks_sifre(uttrekk, verdi):
    uttrekk.sett("regnskap", 2, "artskonto", verdi)
    sjekk(ett_brudd(uttrekk), "regnskap.csv", 2, "artskonto", verdi, "4–6 sifre")


def test_vekttall_ar_fra_etter_ar_til(uttrekk):
    uttrekk.sett("vekttall", 3, "ar_til", "2020")
    sjekk(ett_brudd(uttrekk), "vekttall.csv", 3, "ar_til", "2020", "før ar_fra")


# ------------------------------------------------------------------ reglene direkte


def test_reglene_bruker_radnummerserien():
    df = pd.DataFrame(
        {
            "avgjort_dato": pd.to_datetime(["2024-01-05", None, "2024-01-06"]).astype("datetime64[us]"),
            "resultat": pd.array(["Innvilget", None, None], dtype="str"),
        },
        index=[10, 11, 12],
    )
    rader = pd.Series([7, 9, 42], index=df.index)
    [b] = kontroll.kontroller_uiv(df, rader, fil="uiv.xlsx")
    assert (b.fil, b.rad, b.kolonne, b.verdi) == ("uiv.xlsx", 42, "resultat", None)


def test_alle_tabeller_med_regler_finnes_i_kontrakten():
    from arsrapport.kontrakt import TABELLER

    assert set(kontroll.KONTROLLER) <= set(TABELLER)
    assert {"saker", "uiv", "rettssaker", "tildeling", "fullmakter", "regnskap"} <= set(kontroll.KONTROLLER)
