"""Produktivitet (3.2.13) på små håndlagde tabeller; svarene regnet for hånd i kommentarene."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest
from typede_tabeller import typet_tabell

from arsrapport.kapitler import produktivitet as p

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
V, KL = "Vedtak", "Klage"
SAKER = typet_tabell(
    KOL,
    [
        ("A1", "Asyl", KL, "2023-01-01", V, "2023-03-01", "NMP", "Omgjort"),  # 1,276
        ("A2", "Asyl", KL, "2023-01-01", V, "2023-12-31", "SEK", "Ikke omgjort"),  # 0,101 (31.12. teller)
        ("F1", "Familieinnvandring", KL, "2022-06-01", V, "2023-01-01", "NL", "Ikke omgjort"),  # 0,292 (1.1. teller)
        ("F2", "Familieinnvandring", KL, "2022-06-01", V, "2022-12-31", "NL", "Ikke omgjort"),  # 2022: ikke med i 2023
        ("F3", "Familieinnvandring", KL, "2023-06-01", "Henlagt", "2023-07-01", None, None),  # henlagt: teller ikke
    ],
    ("mottatt_dato", "avsluttet_dato"),
)

VEKTTALL = pd.DataFrame(
    {
        "ar_fra": [2020] * 4 + [2024],
        "ar_til": [2023] * 4 + [2026],
        "kategori": ["Asyl", "Asyl", "Opphold", "Opphold", "Asyl"],
        "avgjorelsesform": ["NMP", "SEK", "NL", "SEK", "NMP"],
        "vekt": [1.276, 0.101, 0.292, 0.125, 9.9],
    }
)
KPI = pd.DataFrame({"ar": [2021, 2022, 2023], "indeks": [116.1, 122.8, 129.6]})
REGNSKAP = pd.DataFrame(
    {
        "ar": [2023, 2023, 2023, 2023, 2021],
        "kapittel": ["0491", "0491", "0491", "1633", "0491"],
        "post": ["01", "21", "45", "01", "01"],
        "belop": [300_000.0, 30_000.0, 99_999.0, 77_777.0, 200_000.0],
    }
)
ARSVERK = pd.DataFrame(
    {
        "ar": [2023] * 4,
        "enhet": ["Saksenhetene", "Nemndledere", "Prosedyreenheten", "Øvrige UNE"],
        "arsverk": [2.0, 1.0, 0.5, 1.5],
    }
)


def test_vekttall_etter_kategori_og_form():
    # 2023: A1 1,276 + A2 0,101 + F1 0,292 = 1,669 (F2 er 2022, F3 er henlagt)
    assert p.vekttall_sum(SAKER, VEKTTALL, 2023) == pytest.approx(1.669)
    assert p.vekttall_sum(SAKER, VEKTTALL, 2022) == pytest.approx(0.292)


def test_vekt_fra_riktig_periode_og_tydelig_feil_uten_vekt():
    assert p.vekter(VEKTTALL, 2024) == {("Asyl", "NMP"): 9.9}
    with pytest.raises(p.ManglerReferanse, match="ingen vekter gjelder for 2019"):
        p.vekter(VEKTTALL, 2019)
    uten_nl = VEKTTALL.loc[VEKTTALL["avgjorelsesform"].ne("NL")]
    with pytest.raises(p.ManglerReferanse, match="ingen vekt for Opphold/NL i 2023"):
        p.vekttall_sum(SAKER, uten_nl, 2023)


def test_regnskap_bare_kapittel_0491_post_01_og_21():
    assert p.regnskap_drift(REGNSKAP, 2023) == 330_000.0
    # 2022 har ingen rader: ingen kjent kostnad, ikke 0
    assert p.regnskap_drift(REGNSKAP, 2022) is None
    # 2021 har en rad på post 01 og ingen på post 21: kostnaden er post 01 alene
    assert p.regnskap_drift(REGNSKAP, 2021) == 200_000.0
    # rader bare på andre kapitler eller poster gir heller ingen kostnad
    assert p.regnskap_drift(REGNSKAP.loc[REGNSKAP["post"].eq("45")], 2023) is None


def test_kpi_faktor():
    assert p.kpi_faktor(KPI, 2023, 2021) == pytest.approx(116.1 / 129.6)
    assert p.kpi_faktor(KPI, 2021, 2021) == 1.0
    with pytest.raises(p.ManglerReferanse, match="mangler indeks for 2024"):
        p.kpi_faktor(KPI, 2024, 2021)


def test_arsverk_per_enhet():
    a = p.arsverk(ARSVERK, 2023)
    assert a["arsverk"] == 5.0 and a["arsverk.saksenheter_nemndledere"] == 3.0
    assert a["arsverk.ovrige"] == 1.5 and a["arsverk.prosedyreenheten"] == 0.5


def test_figurer_for_ar():
    u = SimpleNamespace(saker=SAKER, vekttall=VEKTTALL, kpi=KPI, regnskap=REGNSKAP, arsverk=ARSVERK)
    f = p.figurer_for_ar(u, 2023, basisar=2021)
    # 3 behandlede saker, 5 årsverk (3 i saksenhetene og hos nemndlederne), 330 000 kr
    assert f["saker_per_arsverk"] == pytest.approx(3 / 5)
    assert f["saker_per_arsverk.saksenheter_nemndledere"] == pytest.approx(1.0)
    assert f["vekttall_per_sak"] == pytest.approx(1.669 / 3)
    assert f["kostnad_per_sak"] == pytest.approx(110_000)
    assert f["kostnad_per_sak_kpi"] == pytest.approx(110_000 * 116.1 / 129.6)
    assert f["kostnad_per_vekttall"] == pytest.approx(330_000 / 1.669)
    assert f["kpi.endring"] == pytest.approx(129.6 / 122.8 - 1)
    assert f["vekt.asylsaker.form.nmp"] == 1.276 and f["vekt.oppholdssaker.form.sek"] == 0.125


def test_figurer_med_endring_fra_aret_for():
    arsverk = pd.concat([ARSVERK, ARSVERK.assign(ar=2022, arsverk=ARSVERK["arsverk"] * 2)])
    u = SimpleNamespace(saker=SAKER, vekttall=VEKTTALL, kpi=KPI, regnskap=REGNSKAP, arsverk=arsverk)
    f = p.figurer(u, 2023, antall_ar=2)
    assert set(f) == {2022, 2023}
    assert f[2023]["arsverk.endring"] == pytest.approx(-0.5)  # 10 -> 5
    # 2022 har ikke regnskap: ingen kostnadstall for året (ikke 0) og ingen endring å regne
    assert "kostnad_per_sak.endring" not in f[2023]
    for fid in (
        "regnskap_post01_21",
        "regnskap_post01_21_kpi",
        "kostnad_per_sak",
        "kostnad_per_vekttall",
        "kostnad_per_vekttall_kpi",
    ):
        assert fid not in f[2022]
    assert f[2022]["vekttall"] == pytest.approx(0.292)  # F2


def test_tabellene_og_visningen():
    arsverk = pd.concat([ARSVERK, ARSVERK.assign(ar=2022)])
    u = SimpleNamespace(saker=SAKER, vekttall=VEKTTALL, kpi=KPI, regnskap=REGNSKAP, arsverk=arsverk)
    tab = p.tabeller(u, 2023)
    assert list(tab) == [
        "tab-3-2-13-behandlet",
        "tab-3-2-13-arsverk",
        "tab-3-2-13-per-arsverk",
        "tab-3-2-13-vekter",
        "tab-3-2-13-kostnad",
    ]
    t10 = tab["tab-3-2-13-behandlet"].set_index("")
    assert t10.loc["Sum", "2023"] == 3 and t10.loc["Sum", "2022"] == 1
    assert t10.loc["Sum", "Endring 2022–23"] == pytest.approx(2.0)
    vist = p.for_boka(tab)
    t14 = vist["tab-3-2-13-kostnad"].set_index("")
    assert t14.loc["Kostnad per sak (kr)", "2023"] == "110\u00a0000"
    assert t14.loc["Vekttall", "2023"] == "1,7"  # 1,669 med én desimal
    assert t14.loc["Vekttall per sak", "2023"] == "0,556"
    assert t14.loc["Behandlede saker", "Endring 2022–23"] == "200\u00a0%"
    assert vist["tab-3-2-13-arsverk"].set_index("").loc["UNE totalt", "2023"] == "5,0"
    assert vist["tab-3-2-13-vekter"].set_index("Avgjørelsesform").loc["Sekretariatet", "Vekt oppholdssaker"] == "0,125"


# --- Del VII tabell 1: vekttallskostnaden de fire siste årene -------------------------

SAKER_4 = pd.concat(
    [
        SAKER,
        typet_tabell(
            KOL,
            [
                ("B1", "Asyl", KL, "2019-01-01", V, "2019-05-01", "NMP", "Ikke omgjort"),  # 2019: ingen vekter
                ("C1", "Asyl", KL, "2020-01-01", V, "2020-02-01", "NMP", "Ikke omgjort"),  # 1,276
                ("C2", "Utvisning", KL, "2020-01-01", V, "2020-12-31", "SEK", "Ikke omgjort"),  # 0,125
                ("D1", "Asyl", KL, "2021-01-01", V, "2021-02-01", "SEK", "Ikke omgjort"),  # 0,101
                ("D2", "Asyl", KL, "2021-01-01", V, "2021-03-01", "SEK", "Omgjort"),  # 0,101
                ("E1", "Asyl", KL, "2022-01-01", "Henlagt", "2022-03-01", None, None),  # henlagt
            ],
            ("mottatt_dato", "avsluttet_dato"),
        ),
    ],
    ignore_index=True,
)
REGNSKAP_4 = pd.concat(
    [
        REGNSKAP,
        pd.DataFrame(
            {
                "ar": [2021, 2022, 2019],
                "kapittel": ["0491"] * 3,
                "post": ["21", "01", "01"],
                "belop": [47_000.0, 100_000.0, 55_000.0],
            }
        ),
    ],
    ignore_index=True,
)


def test_vekttallskostnad_fire_ar():
    u = SimpleNamespace(saker=SAKER_4, vekttall=VEKTTALL, regnskap=REGNSKAP_4)
    f = p.vekttallskostnad(u, 2023)
    assert set(f) == {2020, 2021, 2022, 2023}
    # 2020: C1 1,276 + C2 0,125 = 1,401; regnskapet har ingen rader for 2020: ingen kostnad
    assert f[2020] == {"vekttall": pytest.approx(1.401)}
    # 2021: D1 + D2 = 2 x 0,101 = 0,202; regnskapet 200 000 (post 01) + 47 000 (post 21)
    #       = 247 000; 247 000 / 0,202
    assert f[2021]["vekttall"] == pytest.approx(0.202)
    assert f[2021]["kostnad_per_vekttall"] == pytest.approx(247_000 / 0.202)  # 1 222 772,28
    # 2022: F2 (NL opphold, 31.12.2022) 0,292; regnskapet 100 000 -> 342 465,75 per vekttall
    assert f[2022]["vekttall"] == pytest.approx(0.292)
    assert f[2022]["kostnad_per_vekttall"] == pytest.approx(100_000 / 0.292)
    # 2023: A1 1,276 + A2 0,101 + F1 0,292 = 1,669; 300 000 + 30 000 = 330 000 -> 197 723,19
    assert f[2023]["vekttall"] == pytest.approx(1.669)
    assert f[2023]["kostnad_per_vekttall"] == pytest.approx(330_000 / 1.669)


def test_vekttallskostnad_ar_uten_vekter_eller_saker():
    u = SimpleNamespace(saker=SAKER_4, vekttall=VEKTTALL, regnskap=REGNSKAP_4)
    f = p.vekttallskostnad(u, 2022)
    # 2019: ett vedtak (B1) og 55 000 i regnskapet, men ingen vekter gjelder: ingen tall, ikke 0
    assert f[2019] == {}
    assert f[2020]["vekttall"] == pytest.approx(1.401)
    # uten behandlede saker i 2022 (bare henlagte) er det ikke noe vekttall å dele på
    uten_2022 = SAKER_4.loc[SAKER_4["sak_id"].ne("F2")]
    g = p.vekttallskostnad(SimpleNamespace(saker=uten_2022, vekttall=VEKTTALL, regnskap=REGNSKAP_4), 2022, antall_ar=1)
    assert g == {2022: {}}


def test_vekttallskostnad_manglende_vekt_for_en_form_er_fortsatt_en_feil():
    # 2021 har vekter, men ingen for Asyl/SEK: D1 og D2 kan ikke telle null
    uten_sek = VEKTTALL.loc[~(VEKTTALL["kategori"].eq("Asyl") & VEKTTALL["avgjorelsesform"].eq("SEK"))]
    u = SimpleNamespace(saker=SAKER_4, vekttall=uten_sek, regnskap=REGNSKAP_4)
    with pytest.raises(p.ManglerReferanse, match="ingen vekt for Asyl/SEK i 2021"):
        p.vekttallskostnad(u, 2021, antall_ar=1)
