"""Enhetstester for målene i ``arsrapport.maal.saksbehandling`` på små, håndlagde tabeller.

Hvert forventet svar er regnet ut for hånd og står som en konstant i testen, med
regnestykket i en kommentar. Rapportåret er 2023 (D = 31.12.2023, ikke skuddår)
der ikke annet er sagt.

Observert oppførsel som testene låser fast (se også kommentarene):

- Grupperte resultater inneholder bare grupper som har minst én sak i utvalget; en
  gruppe uten saker er *fraværende*, ikke 0 / NaN.
- Et snitt over et tomt utvalg er ``nan`` (skalar) og en tom Series (gruppert).
- Navnet på de grupperte snitt-Seriene varierer (``snitt_alder`` heter
  ``"mottatt_dato"``, ``omgjoringsandel`` heter ``"utfall"``, ``saksbehandlingstid`` og
  ``andel_under`` har ``None``), og den skalare ``avgjorelsesform_andeler`` heter
  ``"count"``. Navnet bærer ingen mening, så sammenligningene ser bort fra det
  (indeksnavnene sjekkes).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandas.testing as tm
import pytest
from typede_tabeller import typet_tabell

from arsrapport.innlesing import TEKSTTYPE
from arsrapport.maal import saksbehandling as sb

AR = 2023
D = pd.Timestamp("2023-12-31")
SG = "saksgruppe"
TO = ["saksgruppe", "behandlingstype"]
FORMER = ["Stornemnd", "NMP", "NUP", "NL", "SEK", "Nemndmøte"]

KOLONNER = (
    "sak_id",
    "saksgruppe",
    "behandlingstype",
    "mottatt_dato",
    "avslutning",
    "avsluttet_dato",
    "avgjorelsesform",
    "utfall",
)
DATOKOLONNER = ("mottatt_dato", "avsluttet_dato")


def lag_saker(*rader: tuple) -> pd.DataFrame:
    """En ``saker``-tabell med innlesingens typer; hver rad er en tuppel i rekkefølgen ``KOLONNER``."""
    return typet_tabell(KOLONNER, rader, DATOKOLONNER)


# Alder ved D = 31.12.2023 og saksbehandlingstid (avsluttet − mottatt) regnet for hånd.
# Dager fra 1.1.2023: 1.2 = 31, 1.3 = 59, 1.4 = 90, 1.5 = 120, 1.6 = 151, 1.7 = 181, 31.12 = 364.
RADER = (
    # id    saksgruppe            behandlingstype        mottatt       avslutning avsluttet     form         utfall
    ("A1", "Asyl", "Klage", "2023-01-01", "Vedtak", "2023-05-01", "NMP", "Omgjort"),  # tid 120 (ikke under 120)
    ("A2", "Asyl", "Klage", "2023-01-02", "Vedtak", "2023-05-01", "NUP", "Ikke omgjort"),  # tid 119 (under 120)
    ("A3", "Asyl", "Omgjøringsanmodning", "2022-12-01", "Vedtak", "2023-12-31", "SEK", "Delvis omgjort"),
    # ^ behandlet 31.12: teller i 2023, ikke i beholdning ved D; tid 31 + 364 = 395
    ("A4", "Asyl", "Klage", "2023-06-01", "Vedtak", "2024-01-01", "NL", "Ikke omgjort"),
    # ^ behandlet 1.1.2024: ikke behandlet i 2023, i beholdning ved D; alder 364 − 151 = 213; tid 214
    ("A5", "Asyl", "Klage", "2023-12-31", None, None, None, None),  # mottatt 31.12: i beholdning, alder 0
    ("A6", "Asyl", "Klage", "2022-12-31", None, None, None, None),  # alder 365: ikke «over 365»
    ("A7", "Asyl", "Klage", "2022-12-30", None, None, None, None),  # alder 366: «over 365»
    ("U1", "Utvisning", "Klage", "2023-02-01", "Henlagt", "2023-03-01", None, None),  # henlagt 2023, tid 28
    ("U2", "Utvisning", "Klage", "2023-03-01", "Henlagt", "2024-02-01", None, None),
    # ^ henlagt 2024: i beholdning ved D; alder 364 − 59 = 305; tid 306 + 31 = 337
    ("U3", "Utvisning", "Omgjøringsanmodning", "2023-04-01", "Vedtak", "2023-04-11", "Stornemnd", "Omgjort"),  # tid 10
    ("F1", "Familieinnvandring", "Klage", "2023-07-01", "Vedtak", "2023-08-01", "SEK", "Ikke omgjort"),  # tid 31
    ("L1", "Familieinnvandring", "Klage", "2024-01-01", None, None, None, None),  # mottatt etter D
)
IDS = [r[0] for r in RADER]


@pytest.fixture
def saker() -> pd.DataFrame:
    return lag_saker(*RADER)


def ix(*verdier, navn=SG) -> pd.Index:
    return pd.Index(list(verdier), name=navn)


def mix(*tupler, navn=TO) -> pd.MultiIndex:
    return pd.MultiIndex.from_tuples(list(tupler), names=navn)


def serie(verdier, index, dtype) -> pd.Series:
    return pd.Series(verdier, index=index, dtype=dtype)


def sjekk(faktisk: pd.Series, forventet: pd.Series) -> None:
    """Sammenlign verdier, indeks (med navn) og dtype; Seriens eget navn er uten betydning."""
    assert isinstance(faktisk, pd.Series)
    tm.assert_series_equal(faktisk.rename(None), forventet)


def maske(*sanne: str) -> pd.Series:
    return pd.Series([i in sanne for i in IDS], dtype=bool)


def andelsramme(rader: dict, navn=SG) -> pd.DataFrame:
    keys = list(rader)
    index = mix(*keys, navn=navn) if isinstance(keys[0], tuple) else ix(*keys, navn=navn)
    return pd.DataFrame(
        [rader[k] for k in keys],
        index=index,
        columns=pd.Index(FORMER, name="avgjorelsesform"),
        dtype="float64",
    )


# --- hjelperen og datoene -----------------------------------------------------------


def test_hjelperen_gir_innlesingens_typer(saker):
    assert saker["saksgruppe"].dtype == TEKSTTYPE
    for k in ("sak_id", "behandlingstype", "avslutning", "avgjorelsesform", "utfall"):
        assert saker[k].dtype == TEKSTTYPE, k
    for k in DATOKOLONNER:
        assert saker[k].dtype == np.dtype("datetime64[us]"), k
    # En ubehandlet sak: avslutning NaN (ikke "" og ikke "None"), avsluttet_dato NaT.
    a5 = saker.set_index("sak_id").loc["A5"]
    assert pd.isna(a5["avslutning"]) and a5["avslutning"] is not pd.NA
    assert a5["avsluttet_dato"] is pd.NaT
    assert saker["avslutning"].isna().sum() == 4  # A5, A6, A7, L1


def test_sluttdato():
    assert sb.sluttdato(2023) == pd.Timestamp("2023-12-31")
    assert sb.sluttdato(2024) == pd.Timestamp("2024-12-31")
    assert isinstance(sb.sluttdato(2023), pd.Timestamp)
    # Kan sammenlignes direkte med datetime64[us]-kolonner.
    assert (lag_saker(RADER[0])["mottatt_dato"] <= sb.sluttdato(2023)).all()


# --- masker --------------------------------------------------------------------------


def test_er_mottatt(saker):
    # Mottatt i 2023: alle unntatt A3, A6, A7 (2022) og L1 (2024); A5 mottatt 31.12 teller.
    tm.assert_series_equal(
        sb.er_mottatt(saker, AR), maske("A1", "A2", "A4", "A5", "U1", "U2", "U3", "F1"), check_names=False
    )
    tm.assert_series_equal(sb.er_mottatt(saker, 2024), maske("L1"), check_names=False)


def test_er_behandlet(saker):
    # 2023: Vedtak med dato i 2023, inkl. A3 (31.12); ikke A4 (1.1.2024) og aldri henlagte (U1).
    tm.assert_series_equal(sb.er_behandlet(saker, AR), maske("A1", "A2", "A3", "U3", "F1"), check_names=False)
    tm.assert_series_equal(sb.er_behandlet(saker, 2024), maske("A4"), check_names=False)
    assert sb.er_behandlet(saker, AR).dtype == bool


def test_er_henlagt(saker):
    tm.assert_series_equal(sb.er_henlagt(saker, AR), maske("U1"), check_names=False)
    tm.assert_series_equal(sb.er_henlagt(saker, 2024), maske("U2"), check_names=False)


def test_er_i_beholdning(saker):
    # Ved 31.12.2023: A4 (avgjort 1.1.2024), A5 (mottatt 31.12), A6, A7 (uten avslutning),
    # U2 (henlagt 2024). Ikke A3 (avgjort 31.12), U1 (henlagt 1.3), L1 (mottatt 2024).
    tm.assert_series_equal(sb.er_i_beholdning(saker, D), maske("A4", "A5", "A6", "A7", "U2"), check_names=False)
    # Ved 1.5.2023: A1/A2 avgjort den dagen (ute); U1 henlagt 1.3 (ute); U2 mottatt 1.3 (inne);
    # A3, A6, A7 mottatt i 2022 (inne); A4, A5, L1 ikke mottatt ennå; U3 avgjort 11.4; F1 mottatt 1.7.
    tm.assert_series_equal(
        sb.er_i_beholdning(saker, pd.Timestamp("2023-05-01")), maske("A3", "A6", "A7", "U2"), check_names=False
    )
    # Datoen kan også gis som tekst.
    assert sb.er_i_beholdning(saker, "2023-12-31").sum() == 5


# --- antall --------------------------------------------------------------------------


def test_mottatt(saker):
    assert sb.mottatt(saker, AR) == 8  # A1 A2 A4 A5 U1 U2 U3 F1
    assert isinstance(sb.mottatt(saker, AR), int)
    # Asyl: A1 A2 A4 A5 = 4; Familieinnvandring: F1 = 1 (L1 er 2024); Utvisning: U1 U2 U3 = 3
    sjekk(sb.mottatt(saker, AR, etter=SG), serie([4, 1, 3], ix("Asyl", "Familieinnvandring", "Utvisning"), "int64"))
    # (Asyl, Omgjøringsanmodning) har bare A3 (mottatt 2022) → fraværende.
    sjekk(
        sb.mottatt(saker, AR, etter=TO),
        serie(
            [4, 1, 2, 1],
            mix(
                ("Asyl", "Klage"),
                ("Familieinnvandring", "Klage"),
                ("Utvisning", "Klage"),
                ("Utvisning", "Omgjøringsanmodning"),
            ),
            "int64",
        ),
    )


def test_behandlet(saker):
    # A1 A2 A3 (31.12) U3 F1 = 5; ikke A4 (1.1.2024), ikke U1 (henlagt).
    assert sb.behandlet(saker, AR) == 5
    assert sb.behandlet(saker, 2024) == 1  # A4
    # Asyl: A1 A2 A3 = 3; Familieinnvandring: F1 = 1; Utvisning: U3 = 1
    sjekk(sb.behandlet(saker, AR, etter=SG), serie([3, 1, 1], ix("Asyl", "Familieinnvandring", "Utvisning"), "int64"))
    sjekk(
        sb.behandlet(saker, AR, etter=TO),
        serie(
            [2, 1, 1, 1],
            mix(
                ("Asyl", "Klage"),  # A1 A2
                ("Asyl", "Omgjøringsanmodning"),  # A3
                ("Familieinnvandring", "Klage"),  # F1
                ("Utvisning", "Omgjøringsanmodning"),  # U3
            ),
            "int64",
        ),
    )


def test_henlagt(saker):
    assert sb.henlagt(saker, AR) == 1  # U1
    assert sb.henlagt(saker, 2024) == 1  # U2
    sjekk(sb.henlagt(saker, AR, etter=SG), serie([1], ix("Utvisning"), "int64"))
    sjekk(sb.henlagt(saker, AR, etter=TO), serie([1], mix(("Utvisning", "Klage")), "int64"))


def test_beholdning(saker):
    assert sb.beholdning(saker, D) == 5  # A4 A5 A6 A7 U2
    assert sb.beholdning(saker, sb.sluttdato(2022)) == 3  # A3 A6 A7 (mottatt ≤ 31.12.2022)
    # Familieinnvandring har ingen saker i beholdning → fraværende (ikke 0).
    sjekk(sb.beholdning(saker, D, etter=SG), serie([4, 1], ix("Asyl", "Utvisning"), "int64"))
    sjekk(sb.beholdning(saker, D, etter=TO), serie([4, 1], mix(("Asyl", "Klage"), ("Utvisning", "Klage")), "int64"))


def test_over_alder(saker):
    # I beholdning ved D med alder: A4 213, A5 0, A6 365, A7 366, U2 305.
    assert sb.over_alder(saker, D) == 1  # bare A7 (366 > 365); A6 på nøyaktig 365 teller ikke
    assert sb.over_alder(saker, D, 365) == 1
    assert sb.over_alder(saker, D, 364) == 2  # A6, A7
    # Saker utenfor beholdningen teller ikke selv om de er gamle (A3 mottatt 1.12.2022, avgjort 31.12).
    assert sb.over_alder(saker, D, 300) == 3  # A6 365, A7 366, U2 305
    sjekk(sb.over_alder(saker, D, etter=SG), serie([1], ix("Asyl"), "int64"))
    sjekk(sb.over_alder(saker, D, etter=TO), serie([1], mix(("Asyl", "Klage")), "int64"))
    sjekk(sb.over_alder(saker, D, 300, etter=SG), serie([2, 1], ix("Asyl", "Utvisning"), "int64"))
    sjekk(
        sb.over_alder(saker, D, 300, etter=TO),
        serie([2, 1], mix(("Asyl", "Klage"), ("Utvisning", "Klage")), "int64"),
    )


# --- alder og snitt --------------------------------------------------------------------


def test_alder(saker):
    # D − mottatt for alle radene (også utenfor beholdningen; L1 mottatt etter D gir −1):
    # A1 364, A2 363, A3 31+364=395, A4 213, A5 0, A6 365, A7 366,
    # U1 364−31=333, U2 305, U3 364−90=274, F1 364−181=183, L1 −1
    forventet = pd.Series([364, 363, 395, 213, 0, 365, 366, 333, 305, 274, 183, -1], dtype="float64")
    tm.assert_series_equal(sb.alder(saker, D), forventet, check_names=False)
    # Ved 31.12.2022: A6 mottatt samme dag har alder 0.
    assert sb.alder(saker, sb.sluttdato(2022)).iloc[5] == 0.0


def test_snitt_alder(saker):
    # (213 + 0 + 365 + 366 + 305) / 5 = 1249 / 5
    assert sb.snitt_alder(saker, D) == pytest.approx(249.8)
    # Ved 31.12.2022: A3 30, A6 0, A7 1 → 31 / 3
    assert sb.snitt_alder(saker, sb.sluttdato(2022)) == pytest.approx(31 / 3)
    # Asyl: (213 + 0 + 365 + 366) / 4 = 944 / 4 = 236; Utvisning: U2 305
    sjekk(sb.snitt_alder(saker, D, etter=SG), serie([236.0, 305.0], ix("Asyl", "Utvisning"), "float64"))
    sjekk(
        sb.snitt_alder(saker, D, etter=TO),
        serie([236.0, 305.0], mix(("Asyl", "Klage"), ("Utvisning", "Klage")), "float64"),
    )


def test_snitt_alder_mottatt_31_12_er_null():
    s = lag_saker(("X", "Asyl", "Klage", "2023-12-31", None, None, None, None))
    assert sb.beholdning(s, D) == 1
    assert sb.snitt_alder(s, D) == 0.0


def test_saksbehandlingstid(saker):
    # A1 120, A2 119, A3 395, U3 10, F1 31 → 675 / 5 = 135. U1 (henlagt, 28) er ikke med.
    assert sb.saksbehandlingstid(saker, AR) == pytest.approx(135.0)
    assert sb.saksbehandlingstid(saker, 2024) == pytest.approx(214.0)  # A4; U2 (henlagt 2024) ikke med
    # Asyl: (120 + 119 + 395) / 3 = 634 / 3; Familieinnvandring 31; Utvisning 10
    sjekk(
        sb.saksbehandlingstid(saker, AR, etter=SG),
        serie([634 / 3, 31.0, 10.0], ix("Asyl", "Familieinnvandring", "Utvisning"), "float64"),
    )
    sjekk(
        sb.saksbehandlingstid(saker, AR, etter=TO),
        serie(
            [119.5, 395.0, 31.0, 10.0],  # (120 + 119) / 2 = 119.5
            mix(
                ("Asyl", "Klage"),
                ("Asyl", "Omgjøringsanmodning"),
                ("Familieinnvandring", "Klage"),
                ("Utvisning", "Omgjøringsanmodning"),
            ),
            "float64",
        ),
    )


def test_saksbehandlingstid_over_skuddag():
    # 28.2.2024 → 29.2 → 1.3.2024 = 2 dager (2024 er skuddår).
    s = lag_saker(("S1", "Statsborgerskap", "Klage", "2024-02-28", "Vedtak", "2024-03-01", "NL", "Ikke omgjort"))
    assert sb.saksbehandlingstid(s, 2024) == 2.0
    sjekk(sb.saksbehandlingstid(s, 2024, etter=SG), serie([2.0], ix("Statsborgerskap"), "float64"))
    assert sb.med_avledede(s)["saksbehandlingstid"].tolist() == [2.0]
    # Og alder ved 31.12.2024 for en sak mottatt 31.12.2023 er 366 (skuddår) → «over 365».
    t = lag_saker(("S2", "Statsborgerskap", "Klage", "2023-12-31", None, None, None, None))
    assert sb.alder(t, sb.sluttdato(2024)).tolist() == [366.0]
    assert sb.over_alder(t, sb.sluttdato(2024)) == 1


def test_andel_under(saker):
    # Under 120 (strengt): A2 119, U3 10, F1 31 ja; A1 120 og A3 395 nei → 3 / 5
    assert sb.andel_under(saker, AR, 120) == pytest.approx(0.6)
    # Under 119: A2 (119) faller også ut → 2 / 5; under 121: A1 (120) kommer med → 4 / 5
    assert sb.andel_under(saker, AR, 119) == pytest.approx(0.4)
    assert sb.andel_under(saker, AR, 121) == pytest.approx(0.8)
    # Asyl: A2 av A1 A2 A3 → 1/3; Familieinnvandring F1 31 → 1; Utvisning U3 10 → 1
    sjekk(
        sb.andel_under(saker, AR, 120, etter=SG),
        serie([1 / 3, 1.0, 1.0], ix("Asyl", "Familieinnvandring", "Utvisning"), "float64"),
    )
    sjekk(
        sb.andel_under(saker, AR, 120, etter=TO),
        serie(
            [0.5, 0.0, 1.0, 1.0],  # (Asyl, Klage): A2 av A1 A2; (Asyl, Omgj.): A3 395 → 0
            mix(
                ("Asyl", "Klage"),
                ("Asyl", "Omgjøringsanmodning"),
                ("Familieinnvandring", "Klage"),
                ("Utvisning", "Omgjøringsanmodning"),
            ),
            "float64",
        ),
    )


def test_andel_under_120_og_119_dager():
    s = lag_saker(
        ("T120", "Asyl", "Klage", "2023-01-01", "Vedtak", "2023-05-01", "NL", "Ikke omgjort"),  # 120 dager
        ("T119", "Asyl", "Klage", "2023-01-02", "Vedtak", "2023-05-01", "NL", "Ikke omgjort"),  # 119 dager
    )
    assert sb.med_avledede(s)["saksbehandlingstid"].tolist() == [120.0, 119.0]
    assert sb.andel_under(s, AR, 120) == 0.5  # bare 119 er «under 120»
    assert sb.andel_under(s.iloc[[0]], AR, 120) == 0.0
    assert sb.andel_under(s.iloc[[1]], AR, 120) == 1.0


# --- omgjøring -------------------------------------------------------------------------


def test_omgjort(saker):
    # Behandlet 2023 og Omgjort/Delvis omgjort: A1 (Omgjort), A3 (Delvis omgjort), U3 (Omgjort) = 3.
    # A2 og F1 er «Ikke omgjort».
    assert sb.omgjort(saker, AR) == 3
    assert sb.omgjort(saker, 2024) == 0  # A4 «Ikke omgjort»
    # Familieinnvandring (bare «Ikke omgjort») er fraværende, ikke 0.
    sjekk(sb.omgjort(saker, AR, etter=SG), serie([2, 1], ix("Asyl", "Utvisning"), "int64"))
    sjekk(
        sb.omgjort(saker, AR, etter=TO),
        serie(
            [1, 1, 1],
            mix(("Asyl", "Klage"), ("Asyl", "Omgjøringsanmodning"), ("Utvisning", "Omgjøringsanmodning")),
            "int64",
        ),
    )


def test_omgjoringsandel(saker):
    # 3 omgjorte / 5 behandlede
    assert sb.omgjoringsandel(saker, AR) == pytest.approx(0.6)
    assert sb.omgjoringsandel(saker, 2024) == 0.0  # 0 / 1
    # Asyl 2/3 (A1, A3 av A1 A2 A3); Familieinnvandring 0/1 (med, i motsetning til omgjort());
    # Utvisning 1/1.
    sjekk(
        sb.omgjoringsandel(saker, AR, etter=SG),
        serie([2 / 3, 0.0, 1.0], ix("Asyl", "Familieinnvandring", "Utvisning"), "float64"),
    )
    sjekk(
        sb.omgjoringsandel(saker, AR, etter=TO),
        serie(
            [0.5, 1.0, 0.0, 1.0],  # (Asyl, Klage): A1 av A1 A2; (Asyl, Omgj.): A3 Delvis av A3
            mix(
                ("Asyl", "Klage"),
                ("Asyl", "Omgjøringsanmodning"),
                ("Familieinnvandring", "Klage"),
                ("Utvisning", "Omgjøringsanmodning"),
            ),
            "float64",
        ),
    )


def test_delvis_omgjort_teller_ikke_omgjort_teller_ikke():
    s = lag_saker(
        ("a", "Asyl", "Klage", "2023-03-01", "Vedtak", "2023-04-01", "NL", "Delvis omgjort"),
        ("b", "Asyl", "Klage", "2023-03-01", "Vedtak", "2023-04-01", "NL", "Ikke omgjort"),
        ("c", "Asyl", "Klage", "2023-03-01", "Vedtak", "2023-04-01", "NL", "Ikke omgjort"),
        ("d", "Asyl", "Klage", "2023-03-01", "Vedtak", "2023-04-01", "NL", "Omgjort"),
    )
    assert sb.omgjort(s, AR) == 2  # a (Delvis) + d
    assert sb.omgjoringsandel(s, AR) == 0.5  # 2 / 4
    assert sb.med_avledede(s)["omgjort"].tolist() == [True, False, False, True]


# --- henlagte er aldri behandlet -----------------------------------------------------


def test_henlagte_er_usynlige_for_vedtaksmalene(saker):
    """Henlagte teller aldri som behandlet, selv med (kontraktsstridige) vedtaksfelt utfylt."""
    med_felt = saker.copy()
    u1 = med_felt["sak_id"].eq("U1")
    med_felt.loc[u1, "utfall"] = "Omgjort"
    med_felt.loc[u1, "avgjorelsesform"] = "NMP"
    # U1 (henlagt 1.3.2023 etter 28 dager) ville ellers gitt 6 behandlet, tid 703/6, osv.
    for s in (saker, med_felt):
        assert sb.behandlet(s, AR) == 5
        assert sb.henlagt(s, AR) == 1
        assert sb.saksbehandlingstid(s, AR) == pytest.approx(135.0)
        assert sb.andel_under(s, AR, 120) == pytest.approx(0.6)
        assert sb.omgjort(s, AR) == 3
        assert sb.omgjoringsandel(s, AR) == pytest.approx(0.6)
        assert sb.avgjorelsesform_andeler(s, AR)["NMP"] == pytest.approx(0.2)
        assert not sb.er_i_beholdning(s, D)[u1].any()  # henlagt 1.3: ikke i beholdning etterpå
        assert sb.er_i_beholdning(s, pd.Timestamp("2023-02-28"))[u1].all()  # men før henleggelsen


# --- avgjørelsesformer ---------------------------------------------------------------


def test_avgjorelsesform_andeler_uten_gruppering(saker):
    # Behandlet 2023: A1 NMP, A2 NUP, A3 SEK, U3 Stornemnd, F1 SEK (5 saker).
    # NL forekommer ikke i 2023 (A4 er avgjort 2024) → 0. Nemndmøte = 0.2 + 0.2 + 0.2 = 0.6.
    forventet = pd.Series(
        [0.2, 0.2, 0.2, 0.0, 0.4, 0.6], index=pd.Index(FORMER, name="avgjorelsesform"), dtype="float64"
    )
    sjekk(sb.avgjorelsesform_andeler(saker, AR), forventet)


def test_avgjorelsesform_andeler_etter_saksgruppe(saker):
    forventet = andelsramme(
        {
            # Storn  NMP    NUP    NL   SEK    Nemndmøte
            "Asyl": [0.0, 1 / 3, 1 / 3, 0.0, 1 / 3, 2 / 3],  # A1 NMP, A2 NUP, A3 SEK
            "Familieinnvandring": [0.0, 0.0, 0.0, 0.0, 1.0, 0.0],  # F1 SEK
            "Utvisning": [1.0, 0.0, 0.0, 0.0, 0.0, 1.0],  # U3 Stornemnd
        }
    )
    tm.assert_frame_equal(sb.avgjorelsesform_andeler(saker, AR, etter=SG), forventet)


def test_avgjorelsesform_andeler_etter_to_kolonner(saker):
    forventet = andelsramme(
        {
            ("Asyl", "Klage"): [0.0, 0.5, 0.5, 0.0, 0.0, 1.0],  # A1 NMP, A2 NUP
            ("Asyl", "Omgjøringsanmodning"): [0.0, 0.0, 0.0, 0.0, 1.0, 0.0],  # A3 SEK
            ("Familieinnvandring", "Klage"): [0.0, 0.0, 0.0, 0.0, 1.0, 0.0],  # F1 SEK
            ("Utvisning", "Omgjøringsanmodning"): [1.0, 0.0, 0.0, 0.0, 0.0, 1.0],  # U3 Stornemnd
        },
        navn=TO,
    )
    tm.assert_frame_equal(sb.avgjorelsesform_andeler(saker, AR, etter=TO), forventet)


def test_nemndmote_er_stornemnd_nmp_nup():
    s = lag_saker(
        ("a", "Asyl", "Klage", "2023-03-01", "Vedtak", "2023-04-01", "Stornemnd", "Ikke omgjort"),
        ("b", "Asyl", "Klage", "2023-03-01", "Vedtak", "2023-04-01", "NMP", "Ikke omgjort"),
        ("c", "Asyl", "Klage", "2023-03-01", "Vedtak", "2023-04-01", "NUP", "Ikke omgjort"),
        ("d", "Asyl", "Klage", "2023-03-01", "Vedtak", "2023-04-01", "NL", "Ikke omgjort"),
    )
    a = sb.avgjorelsesform_andeler(s, AR)
    assert a["Nemndmøte"] == pytest.approx(0.75)  # (1 + 1 + 1) / 4
    assert a["SEK"] == 0.0  # forekommer ikke
    assert sb.med_avledede(s)["nemndmote"].tolist() == [True, True, True, False]


# --- tomme utvalg --------------------------------------------------------------------


def test_tomt_utvalg(saker):
    tomt_ar = 2030  # ingen saker mottatt, behandlet eller henlagt
    tidlig = pd.Timestamp("2000-12-31")  # ingen saker mottatt ennå → tom beholdning
    # Antall: 0 (skalar) og tom int64-Series med riktig indeksnavn (gruppert).
    assert sb.mottatt(saker, tomt_ar) == 0
    assert sb.behandlet(saker, tomt_ar) == 0
    assert sb.henlagt(saker, tomt_ar) == 0
    assert sb.beholdning(saker, tidlig) == 0
    assert sb.over_alder(saker, tidlig) == 0
    assert sb.omgjort(saker, tomt_ar) == 0
    # Snitt: NaN (skalar).
    assert np.isnan(sb.snitt_alder(saker, tidlig))
    assert np.isnan(sb.saksbehandlingstid(saker, tomt_ar))
    assert np.isnan(sb.andel_under(saker, tomt_ar, 120))
    assert np.isnan(sb.omgjoringsandel(saker, tomt_ar))
    tom_sg, _tom_to = ix(navn=SG).astype(TEKSTTYPE), mix(("x", "y"), navn=TO)[:0]
    for f, dtype in (
        (lambda e: sb.mottatt(saker, tomt_ar, etter=e), "int64"),
        (lambda e: sb.behandlet(saker, tomt_ar, etter=e), "int64"),
        (lambda e: sb.henlagt(saker, tomt_ar, etter=e), "int64"),
        (lambda e: sb.beholdning(saker, tidlig, etter=e), "int64"),
        (lambda e: sb.over_alder(saker, tidlig, etter=e), "int64"),
        (lambda e: sb.omgjort(saker, tomt_ar, etter=e), "int64"),
        (lambda e: sb.snitt_alder(saker, tidlig, etter=e), "float64"),
        (lambda e: sb.saksbehandlingstid(saker, tomt_ar, etter=e), "float64"),
        (lambda e: sb.andel_under(saker, tomt_ar, 120, etter=e), "float64"),
        (lambda e: sb.omgjoringsandel(saker, tomt_ar, etter=e), "float64"),
    ):
        en, to = f(SG), f(TO)
        assert len(en) == 0 and en.dtype == dtype and en.index.names == [SG]
        assert len(to) == 0 and to.dtype == dtype and list(to.index.names) == TO
        sjekk(en, serie([], tom_sg, dtype))
    # Andeler uten behandlede saker: alle NaN, også Nemndmøte (ikke 0).
    a = sb.avgjorelsesform_andeler(saker, tomt_ar)
    assert list(a.index) == FORMER
    assert a.isna().all()
    for e in (SG, TO):
        r = sb.avgjorelsesform_andeler(saker, tomt_ar, etter=e)
        assert r.empty and list(r.columns) == FORMER


# --- avledede kolonner ---------------------------------------------------------------


def test_med_avledede(saker):
    foer = saker.copy()
    m = sb.med_avledede(saker)
    tm.assert_frame_equal(saker, foer)  # input er uendret
    assert list(m.columns) == [
        *KOLONNER,
        "kategori",
        "nemndmote",
        "omgjort",
        "saksbehandlingstid",
        "avsluttet_ar",
        "mottatt_ar",
        "vedtak",
        "henlagt",
    ]
    assert (m["vedtak"] == saker["avslutning"].eq("Vedtak").fillna(False)).all()
    assert (m["henlagt"] == saker["avslutning"].eq("Henlagt").fillna(False)).all()
    assert not (m["vedtak"] & m["henlagt"]).any()
    tm.assert_frame_equal(m[list(KOLONNER)], saker)
    #                A1    A2    A3    A4    A5    A6    A7    U1    U2    U3    F1    L1
    asyl = ["Asylsaker"] * 7
    opph = ["Oppholdssaker"] * 5
    assert m["kategori"].tolist() == asyl + opph
    assert m["kategori"].dtype == TEKSTTYPE
    # nemndmote: A1 NMP, A2 NUP, U3 Stornemnd; NaN-former (ubehandlede, henlagte) er False
    assert m["nemndmote"].tolist() == [True, True, False, False, False, False, False, False, False, True, False, False]
    assert m["nemndmote"].dtype == bool
    # omgjort: A1 Omgjort, A3 Delvis omgjort, U3 Omgjort
    assert m["omgjort"].tolist() == [True, False, True, False, False, False, False, False, False, True, False, False]
    assert m["omgjort"].dtype == bool
    # saksbehandlingstid for alle avsluttede (også henlagte U1 28 og U2 337), NaN for åpne
    nan = np.nan
    tm.assert_series_equal(
        m["saksbehandlingstid"],
        pd.Series(
            [120, 119, 395, 214, nan, nan, nan, 28, 337, 10, 31, nan], dtype="float64", name="saksbehandlingstid"
        ),
    )
    # avsluttet_ar blir float64 fordi kolonnen har NaT (uten NaT ville dtype vært et heltall)
    np.testing.assert_array_equal(
        m["avsluttet_ar"].to_numpy(dtype="float64"),
        [2023, 2023, 2023, 2024, nan, nan, nan, 2023, 2024, 2023, 2023, nan],
    )
    assert m["mottatt_ar"].tolist() == [2023, 2023, 2022, 2023, 2023, 2022, 2022, 2023, 2023, 2023, 2023, 2024]
    assert pd.api.types.is_integer_dtype(m["mottatt_ar"])


def test_malene_kan_grupperes_paa_avledede_kolonner(saker):
    m = sb.med_avledede(saker)
    # Uten gruppering gir de avledede kolonnene ingen endring i målene.
    assert sb.mottatt(m, AR) == sb.mottatt(saker, AR) == 8
    # Mottatt 2023: Asylsaker A1 A2 A4 A5 = 4; Oppholdssaker U1 U2 U3 F1 = 4
    sjekk(
        sb.mottatt(m, AR, etter="kategori"), serie([4, 4], ix("Asylsaker", "Oppholdssaker", navn="kategori"), "int64")
    )
    # Behandlet 2023 etter (kategori, nemndmote):
    # Asylsaker: A3 SEK (False); A1 NMP, A2 NUP (True). Oppholdssaker: F1 SEK (False); U3 Stornemnd (True).
    sjekk(
        sb.behandlet(m, AR, etter=["kategori", "nemndmote"]),
        serie(
            [1, 2, 1, 1],
            mix(
                ("Asylsaker", False),
                ("Asylsaker", True),
                ("Oppholdssaker", False),
                ("Oppholdssaker", True),
                navn=["kategori", "nemndmote"],
            ),
            "int64",
        ),
    )
    # Saksbehandlingstid etter kategori: Asylsaker 634 / 3; Oppholdssaker (10 + 31) / 2 = 20.5
    sjekk(
        sb.saksbehandlingstid(m, AR, etter="kategori"),
        serie([634 / 3, 20.5], ix("Asylsaker", "Oppholdssaker", navn="kategori"), "float64"),
    )
