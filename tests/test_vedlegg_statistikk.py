"""Del VII: avrunding til nærmeste halve prosent og tallene per sakskategori, på håndlagde data."""

from __future__ import annotations

import math
from types import SimpleNamespace

import pandas as pd
import pytest
from typede_tabeller import typet_tabell

from arsrapport.kapitler import vedlegg_statistikk as v

KOL = (
    "sak_id",
    "saksgruppe",
    "behandlingstype",
    "mottatt_dato",
    "avslutning",
    "avsluttet_dato",
    "avgjorelsesform",
    "utfall",
)
# vekter bare for 2022–2023, og regnskap bare for 2023 (tabell 1)
VEKTTALL = pd.DataFrame(
    {
        "ar_fra": [2022] * 4,
        "ar_til": [2023] * 4,
        "kategori": ["Asyl", "Asyl", "Opphold", "Asyl"],
        "avgjorelsesform": ["NMP", "NL", "NUP", "SEK"],
        "vekt": [1.25, 0.5, 0.75, 0.125],
    }
)
REGNSKAP = pd.DataFrame(
    {"ar": [2023, 2023], "kapittel": ["0491", "0491"], "post": ["01", "21"], "belop": [24_000.0, 1_000.0]}
)


@pytest.mark.parametrize(
    "andel, avrundet",
    [
        (0.2124, 0.21),
        (0.2125, 0.215),
        (0.2174, 0.215),
        (0.2175, 0.22),
        (0.0, 0.0),
        (1.0, 1.0),
        (0.63, 0.63),
        (0.0024, 0.0),
        (0.0025, 0.005),
    ],
)
def test_naermeste_halve_prosent(andel, avrundet):
    assert v.naermeste_halve_prosent(andel) == avrundet


def test_figurer_per_kategori():
    saker = typet_tabell(
        KOL,
        [
            ("1", "Asyl", "Klage", "2023-01-01", "Vedtak", "2023-03-01", "NMP", "Omgjort"),
            ("2", "Asyl", "Klage", "2023-01-01", "Vedtak", "2023-03-01", "NL", "Ikke omgjort"),
            ("3", "Asyl", "Klage", "2023-01-01", "Vedtak", "2023-03-01", "NL", "Delvis omgjort"),
            ("4", "Asyl", "Klage", "2023-01-01", "Vedtak", "2023-12-31", "SEK", "Ikke omgjort"),
            ("5", "Utvisning", "Klage", "2023-01-01", "Vedtak", "2024-01-01", "NL", "Omgjort"),  # 2024: ikke med
            ("6", "Utvisning", "Klage", "2023-01-01", "Vedtak", "2023-06-01", "NUP", "Omgjort"),
        ],
        ("mottatt_dato", "avsluttet_dato"),
    )
    uttrekk = SimpleNamespace(saker=saker, vekttall=VEKTTALL, regnskap=REGNSKAP)
    alle = v.figurer(uttrekk, 2023, sammenligningsar=0)
    f = alle[2023]
    # tabell 1 (fire år): bare 2023 har vedtak; 2020 og 2021 har ingen vekter, 2022 ingen vedtak
    assert set(alle) == {2023}
    # vekttall 2023: NMP 1,25 + NL 2 x 0,5 + SEK 0,125 + NUP (opphold) 0,75 = 3,125;
    # regnskapet 24 000 + 1 000 = 25 000 -> 8 000 per vekttall
    assert f["vekttall"] == pytest.approx(3.125)
    assert f["kostnad_per_vekttall"] == pytest.approx(8_000)
    # asyl: 4 vedtak, NMP 1, NL 2, SEK 1; omgjort 2 av 4 (1 og 3), NL 1 av 2
    assert f["avgjort_andel.asylsaker.form.nmp"] == 0.25
    assert f["avgjort_andel.asylsaker.form.nl"] == 0.5
    assert f["avgjort_andel.asylsaker.form.nup"] == 0.0
    assert f["omgjoringsandel.asylsaker"] == 0.5
    assert f["omgjoringsandel.asylsaker.form.nl"] == 0.5
    assert f["omgjoringsandel.asylsaker.form.sek"] == 0.0
    # opphold: bare sak 6 i 2023
    assert f["avgjort_andel.oppholdssaker.form.nup"] == 1.0
    assert f["omgjoringsandel.oppholdssaker"] == 1.0
    assert "omgjoringsandel.oppholdssaker.form.nl" not in f  # ingen NL-vedtak i 2023
    assert all(not (isinstance(x, float) and math.isnan(x)) for x in f.values())


def test_tabell_1_fire_ar_med_tomme_celler():
    saker = typet_tabell(
        KOL,
        [
            ("1", "Asyl", "Klage", "2021-01-01", "Vedtak", "2021-03-01", "NMP", "Omgjort"),  # ingen vekter i 2021
            ("2", "Asyl", "Klage", "2022-01-01", "Vedtak", "2022-03-01", "NL", "Ikke omgjort"),  # 0,5
            ("3", "Asyl", "Klage", "2023-01-01", "Vedtak", "2023-03-01", "NMP", "Omgjort"),  # 1,25
            ("4", "Familieinnvandring", "Klage", "2023-01-01", "Vedtak", "2023-04-01", "NUP", "Omgjort"),  # 0,75
        ],
        ("mottatt_dato", "avsluttet_dato"),
    )
    uttrekk = SimpleNamespace(saker=saker, vekttall=VEKTTALL, regnskap=REGNSKAP)
    tab = v.tabell_1(uttrekk, 2023)
    assert list(tab.columns) == ["", "2020", "2021", "2022", "2023"]
    t = tab.set_index("")
    # 2023: 1,25 + 0,75 = 2,0 vekttall; 25 000 / 2,0 = 12 500 kr
    assert t.loc["Produserte vekttall", "2023"] == pytest.approx(2.0)
    assert t.loc["Utgift per vekttall (kr)", "2023"] == pytest.approx(12_500)
    # 2022: 0,5 vekttall, men ikke regnskap: tom utgift, ikke 0
    assert t.loc["Produserte vekttall", "2022"] == pytest.approx(0.5)
    assert math.isnan(t.loc["Utgift per vekttall (kr)", "2022"])
    # 2020 (ingen vedtak) og 2021 (ingen vekter): tomme
    assert t[["2020", "2021"]].isna().all().all()
    vist = v.vis_tabell_1(tab).set_index("")
    assert vist.loc["Produserte vekttall", "2023"] == "2,0"
    assert vist.loc["Utgift per vekttall (kr)", "2023"] == "12\u00a0500"
    assert vist.loc["Utgift per vekttall (kr)", "2022"] == ""
    assert vist.loc["Produserte vekttall", "2021"] == ""
