"""Reglene i datakontrakten som gjelder flere kolonner (``arsrapport.innlesing.kontroll``).

Testene går gjennom ``valider`` på et lite, gyldig uttrekk der én ting er
ødelagt (``Uttrekksdata`` fra test_innlesing), og direkte mot reglene.
"""

from __future__ import annotations

import csv

import pandas as pd
import pytest
from test_innlesing import Uttrekksdata

from arsrapport.innlesing import Brudd, kontroll, les_uttrekk, valider


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
    from arsrapport.data.kontrakt import TABELLER

    assert set(kontroll.KONTROLLER) <= set(TABELLER)
    assert {"saker", "uiv", "rettssaker", "tildeling", "fullmakter", "regnskap"} <= set(kontroll.KONTROLLER)


# ------------------------------------------------------------------ rapportåret (issue 13)
#
# Et uttrekk som dekker 2022 og 2023: registeret begynner 2022-03-01 (første mottatt_dato) og
# uttrekksdatoen er 2024-02-15 (uiv), så registeret dekker 2022–2023; tabellene rapportåret
# trenger, har 2022 og 2023 (KPI og vekttall også årene før, som produktivitetstabellene viser).


def _to_ar(uttrekk: Uttrekksdata) -> Uttrekksdata:
    t = uttrekk.tabeller
    for navn in ("arsverk", "tildeling", "regnskap", "kapitalkontoer", "mellomvaerende", "styringsparametere"):
        t[navn] += [dict(r, ar="2022") for r in t[navn]]
    t["kpi"] += [dict(ar=str(a), indeks=str(100 + a - 2015)) for a in (2020, 2021, 2022)]
    for r in t["vekttall"]:
        r["ar_fra"] = "2020"
    return uttrekk


def _rapportarfeil(u, ar: int):
    from arsrapport.innlesing import Rapportarfeil

    with pytest.raises(Rapportarfeil) as e:
        kontroll.kontroller_rapportar(u, ar)
    return e.value


def test_dekkede_ar(uttrekk):
    u = les_uttrekk(_to_ar(uttrekk).skriv())
    assert kontroll.dekkede_ar(u) == [2022, 2023]
    assert kontroll.kontroller_rapportar(u, 2022) == []  # første dekkede år
    assert kontroll.kontroller_rapportar(u, 2023) == []  # siste hele år


def test_rapportar_for_registeret(uttrekk):
    u = les_uttrekk(_to_ar(uttrekk).skriv())
    feil = _rapportarfeil(u, 2021)
    assert feil.ar == 2021 and feil.dekket == [2022, 2023]
    assert [(b.fil, b.rad, b.kolonne, b.verdi, b.melding) for b in feil.brudd] == [
        ("saker.csv", None, "mottatt_dato", None, "registeret begynner i 2022: den første mottatt_dato er 2022-03-01"),
        *[
            (f"{t}.csv", None, "ar", None, "ingen rader for 2021 (filen har 2022–2023)")
            for t in ("regnskap", "tildeling", "kapitalkontoer", "mellomvaerende", "arsverk", "styringsparametere")
        ],
        (
            "kpi.csv",
            None,
            "ar",
            None,
            "ingen rader for 2019; rapportåret 2021 trenger 2019–2021 (filen har 2015, 2020–2023)",
        ),
        (
            "vekttall.csv",
            None,
            "ar_fra",
            None,
            "ingen vekter gjelder for 2019; rapportåret 2021 trenger 2019–2021 (intervallene ar_fra–ar_til dekker 2020–2025)",
        ),
    ]
    assert str(feil).splitlines()[0] == (
        f"Rapportåret 2021 er utenfor årene uttrekket i {u.katalog} dekker (2022–2023); ingenting er beregnet:"
    )


def test_rapportar_etter_siste_hele_ar(uttrekk):
    u = les_uttrekk(_to_ar(uttrekk).skriv())
    feil = _rapportarfeil(u, 2024)
    assert [(b.fil, b.kolonne, b.melding) for b in feil.brudd] == [
        (
            "uiv.csv",
            "avgjort_dato",
            "siste hele år i uttrekket er 2023: uttrekksdatoen, den siste datoen i saker og uiv, er 15.02.2024",
        ),
        *[
            (f"{t}.csv", "ar", "ingen rader for 2024 (filen har 2022–2023)")
            for t in ("regnskap", "tildeling", "kapitalkontoer", "mellomvaerende", "arsverk", "styringsparametere")
        ],
        ("kpi.csv", "ar", "ingen rader for 2024; rapportåret 2024 trenger 2022–2024 (filen har 2015, 2020–2023)"),
    ]


@pytest.mark.parametrize("ar", [0, 1999, 2030])
def test_rapportar_langt_utenfor(uttrekk, ar):
    u = les_uttrekk(_to_ar(uttrekk).skriv())
    feil = _rapportarfeil(u, ar)
    assert f"Rapportåret {ar} er utenfor årene" in str(feil) and "(2022–2023)" in str(feil)
    assert ("regnskap.csv", f"ingen rader for {ar} (filen har 2022–2023)") in [(b.fil, b.melding) for b in feil.brudd]


def test_regnskap_med_bare_overskrift(uttrekk):
    """Gyldig etter kontrakten (tabellen kan være tom), men rapportåret har da ikke regnskap."""
    _to_ar(uttrekk).tabeller["regnskap"] = []
    u = les_uttrekk(uttrekk.skriv())
    feil = _rapportarfeil(u, 2023)
    assert [(b.fil, b.kolonne, b.melding) for b in feil.brudd] == [
        ("regnskap.csv", "ar", "ingen rader for 2023 (filen har ingen datarader)")
    ]
    assert feil.dekket == [] and "dekker (ingen)" in str(feil)


def test_regnskap_uten_rapportaret_navngir_xlsx_filen(uttrekk):
    import openpyxl

    _to_ar(uttrekk)
    uttrekk.tabeller["regnskap"] = [r for r in uttrekk.tabeller["regnskap"] if r["ar"] == "2022"]
    katalog = uttrekk.skriv()
    bok = openpyxl.Workbook()
    with open(katalog / "regnskap.csv", encoding="utf-8") as f:
        for rad in csv.reader(f):
            bok.active.append(rad)
    bok.save(katalog / "regnskap.xlsx")
    (katalog / "regnskap.csv").unlink()
    u = les_uttrekk(katalog)
    feil = _rapportarfeil(u, 2023)
    assert [(b.fil, b.melding) for b in feil.brudd] == [("regnskap.xlsx", "ingen rader for 2023 (filen har 2022)")]


def test_regnskapskontrollene_hopper_ikke_over_rapportaret(uttrekk):
    from arsrapport import regnskap

    uttrekk.tabeller["regnskap"] = []
    u = les_uttrekk(uttrekk.skriv())
    with pytest.raises(regnskap.Regnskapsfeil, match="ingen rader for rapportåret 2023"):
        regnskap.kontroller_arene(u, 2023)


# ------------------------------------------------------------------ fortegn utenfor regnskapskontrollene


def _regnskap(belop: dict[tuple[str, int], list[float]]):
    from arsrapport.innlesing import Uttrekk

    rader = [(konto, ar, b) for (konto, ar), bs in belop.items() for b in bs]
    df = pd.DataFrame(rader, columns=["artskonto", "ar", "belop"])
    return Uttrekk(tabeller={"regnskap": df})


def _fem_ar(**endret) -> dict:
    """Lønn (5000) positiv og gruppelivsforsikring (1985) negativ i 2019–2023; ``endret`` bytter
    beløpene for (konto, år), skrevet ``k5000_2019=[-100.0]``."""
    belop = {(k, a): [100.0 if k == "5000" else -10.0] for k in ("5000", "1985") for a in range(2019, 2024)}
    for navn, v in endret.items():
        k, a = navn[1:].split("_")
        belop[(k, int(a))] = v
    return belop


SJEKK = "kontrolleres ikke, så sjekk fortegnet (utbetalinger positive, innbetalinger negative)"


@pytest.mark.parametrize(
    "endret, ar, ventet",
    [
        ({}, 2023, []),
        (
            {"k5000_2019": [-100.0]},
            2023,
            [
                f"regnskap.csv: 1 konto har i 2019 motsatt fortegn av i årene regnskapskontrollene dekker (2021–2023); 2019 {SJEKK}"
            ],
        ),
        (
            {"k5000_2020": [-100.0], "k1985_2020": [10.0]},
            2023,
            [
                f"regnskap.csv: 2 kontoer har i 2020 motsatt fortegn av i årene regnskapskontrollene dekker (2021–2023); 2020 {SJEKK}"
            ],
        ),
        # et år etter rapportåret er heller ikke kontrollert
        (
            {"k1985_2023": [10.0]},
            2022,
            [
                f"regnskap.csv: 1 konto har i 2023 motsatt fortegn av i årene regnskapskontrollene dekker (2020–2022); 2023 {SJEKK}"
            ],
        ),
        # i et kontrollert år er fortegnet ikke fasit (kontrollene fanger det): ingen advarsel
        ({"k5000_2022": [-100.0]}, 2023, []),
        # summen for året teller, ikke hver rad; en sum på 0 har ikke noe fortegn
        ({"k5000_2019": [150.0, -100.0], "k1985_2020": [10.0, -10.0]}, 2023, []),
    ],
)
def test_fortegnsadvarsler(endret, ar, ventet):
    advarsler = kontroll.fortegnsadvarsler(_regnskap(_fem_ar(**endret)), ar)
    assert advarsler == ventet
    assert not any(k in a for a in advarsler for k in ("5000", "1985"))  # antall, ikke kontoer


def test_kontroller_rapportar_legger_fortegnsadvarselen_i_uttrekket(uttrekk):
    _to_ar(uttrekk).tabeller["regnskap"].append(
        dict(ar="2020", artskonto="5000", kontonavn="Lønn", kapittel="0491", post="01", belop="-1000")
    )
    u = les_uttrekk(uttrekk.skriv())
    ventet = [
        f"regnskap.csv: 1 konto har i 2020 motsatt fortegn av i årene regnskapskontrollene dekker (2022–2023); 2020 {SJEKK}"
    ]
    assert kontroll.kontroller_rapportar(u, 2023) == ventet
    assert kontroll.kontroller_rapportar(u, 2023) == []  # ikke to ganger
    assert u.advarsler == ventet
