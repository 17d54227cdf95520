"""SP1–SP3 på en liten håndlaget tabell; målene kommer fra referansetabellen, og andre mål
gir en annen vurdering og ingenting annet."""

from __future__ import annotations

import pandas as pd
import pytest
from typede_tabeller import typet_tabell

from arsrapport.maal import saksbehandling as sb
from arsrapport.maal import styringsparametere as sp

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
DATO = ("mottatt_dato", "avsluttet_dato")
V, KL, OM = "Vedtak", "Klage", "Omgjøringsanmodning"

SAKER = typet_tabell(
    KOL,
    [
        # asylklager avgjort 2023: 119, 120 og 60 dager -> 2 av 3 under 120 (120 er ikke under)
        ("A1", "Asyl", KL, "2023-01-01", V, "2023-04-30", "NL", "Ikke omgjort"),  # 119
        ("A2", "Asyl", KL, "2023-01-01", V, "2023-05-01", "NL", "Ikke omgjort"),  # 120
        ("A3", "Asyl", KL, "2023-03-01", V, "2023-04-30", "SEK", "Omgjort"),  # 60
        ("A4", "Asyl", OM, "2023-01-01", V, "2023-02-01", "NL", "Ikke omgjort"),  # anmodning: ikke SP1
        # asylklager i beholdning: 31.12.2022 er A5 (alder 31) ; 31.12.2023 er A5 og A6
        ("A5", "Asyl", KL, "2022-11-30", None, None, None, None),  # 31 / 396 dager
        ("A6", "Asyl", KL, "2023-12-31", None, None, None, None),  # 0 dager
        # utvisningsklager: 149 og 150 dager -> 1 av 2 under 150
        ("U1", "Utvisning", KL, "2023-01-01", V, "2023-05-30", "NL", "Ikke omgjort"),  # 149
        ("U2", "Utvisning", KL, "2023-01-01", V, "2023-05-31", "NL", "Ikke omgjort"),  # 150
        # oppholdsklager i beholdning: 31.12.2022: U3, F1 ; 31.12.2023: U3 (avgjøres 2024), F2
        ("U3", "Utvisning", KL, "2022-12-01", V, "2024-01-10", "NL", "Ikke omgjort"),  # 30 / 395
        ("F1", "Familieinnvandring", KL, "2022-10-01", V, "2023-12-31", "NL", "Omgjort"),  # 91 ved D0
        ("F2", "Familieinnvandring", KL, "2023-12-01", None, None, None, None),  # 30 ved D
        ("F3", "Familieinnvandring", OM, "2022-06-01", None, None, None, None),  # anmodning: ikke SP2
    ],
    DATO,
)

MAL = pd.DataFrame(
    {
        "ar": [2023, 2023, 2023],
        "kode": ["SP1", "SP2", "SP3"],
        "populasjon": ["Asyl, klage", "Oppholdssaker, klage", "Utvisning, klage"],
        "grense_dager": pd.array([120, None, 150], dtype="Int64"),
        "mal_andel": [0.7, None, 0.5],
        "mal_reduksjon": pd.array([None, 1, None], dtype="Int64"),
    }
)


@pytest.fixture
def saker():
    return sb.med_avledede(SAKER)


def test_sp1(saker):
    r = sp.resultat(saker, MAL, 2023, "SP1")
    assert r["antall"] == 3
    assert r["andel_under_grense"] == pytest.approx(2 / 3)  # 119 og 60 under, 120 ikke
    assert r["snitt"] == pytest.approx((119 + 120 + 60) / 3)
    assert (r["beholdning_start"], r["beholdning"]) == (1, 2)
    assert r["alder_start"] == 31 and r["alder"] == pytest.approx((396 + 0) / 2)
    assert r["oppnadd"] == 0  # 66,7 % < 70 %


def test_sp2(saker):
    r = sp.resultat(saker, MAL, 2023, "SP2")
    # 31.12.2022: U3 (30), F1 (91); 31.12.2023: U3 (395), F2 (30)
    assert (r["beholdning_start"], r["beholdning"]) == (2, 2)
    assert r["alder_start"] == pytest.approx((30 + 91) / 2)
    assert r["alder"] == pytest.approx((395 + 30) / 2)
    assert r["oppnadd"] == 0  # ingen nedgang, og alderen økte


def test_sp3_grensen_er_ikke_under(saker):
    r = sp.resultat(saker, MAL, 2023, "SP3")
    assert r["antall"] == 2 and r["andel_under_grense"] == 0.5  # 149 under, 150 ikke
    assert r["oppnadd"] == 1  # 50 % >= 50 %


def test_andre_mal_endrer_vurderingen_og_ingenting_annet(saker):
    for_ = sp.figurer(saker, MAL, 2023)
    strengere = MAL.copy()
    strengere.loc[strengere["kode"] == "SP3", "mal_andel"] = 0.6
    lempeligere = strengere.copy()
    lempeligere.loc[lempeligere["kode"] == "SP1", "mal_andel"] = 0.6
    etter = sp.figurer(saker, lempeligere, 2023)
    endret = {k for k in for_ if for_[k] != etter[k]}
    assert endret == {"sp1.mal_andel", "sp1.oppnadd", "sp3.mal_andel", "sp3.oppnadd"}
    assert etter["sp1.oppnadd"] == 1 and etter["sp3.oppnadd"] == 0


def test_sp2_naadd_naar_nedgang_og_alder_holder():
    s = sb.med_avledede(
        typet_tabell(
            KOL,
            [
                ("F1", "Familieinnvandring", KL, "2022-12-01", V, "2023-01-10", "NL", "Ikke omgjort"),
                ("F2", "Familieinnvandring", KL, "2022-12-01", V, "2023-01-10", "NL", "Ikke omgjort"),
                ("F3", "Familieinnvandring", KL, "2023-12-21", None, None, None, None),
            ],
            DATO,
        )
    )
    r = sp.resultat(s, MAL, 2023, "SP2")
    assert (r["beholdning_start"], r["beholdning"], r["alder_start"], r["alder"]) == (2, 1, 30, 10)
    assert r["oppnadd"] == 1
    strengere = MAL.copy()
    strengere["mal_reduksjon"] = pd.array([None, 2, None], dtype="Int64")
    assert sp.resultat(s, strengere, 2023, "SP2")["oppnadd"] == 0


def test_manglende_mal_gir_klar_feil(saker):
    with pytest.raises(ValueError, match="SP1 i 2024"):
        sp.resultat(saker, MAL, 2024, "SP1")


def test_tertialer(saker):
    t = sp.saksbehandlingstid_tertial(saker, 2023)
    # T1 (jan–apr): A1 119, A3 60, A4 31 ; T2 (mai–aug): A2 120, U1 149, U2 150 ; T3: F1 456
    assert t["saksbehandlingstid_tertial.1"] == pytest.approx((119 + 60 + 31) / 3)
    assert t["saksbehandlingstid_tertial.2"] == pytest.approx((120 + 149 + 150) / 3)
    assert t["saksbehandlingstid_tertial.3"] == pytest.approx(456)


def test_ingen_behandlede_saker_gir_ikke_nadd_med_grunn():
    """Et år uten vedtak i populasjonen: ingen andel, og vurderingen sier hvorfor (ingen krasj)."""
    tom = sb.med_avledede(SAKER.loc[SAKER["saksgruppe"].ne("Utvisning")])
    r = sp.resultat(tom, MAL, 2023, "SP3")
    assert "andel_under_grense" not in r and r["antall"] == 0
    nadd, grunn = sp.vurdering({**r, "andel_under_grense": float("nan")}, sp.mal_for_aret(MAL, 2023, "SP3"))
    assert not nadd and grunn == "ingen behandlede saker"
