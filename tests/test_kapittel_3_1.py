"""Enhetstester for ``arsrapport.kapitler.kapittel_3_1`` på en liten, håndlaget ``saker``-tabell.

Hvert forventet tall er regnet ut for hånd og står som en konstant, med regnestykket i
en kommentar. Rapportåret er 2023: D = 31.12.2023, D0 = 31.12.2022 (ikke skuddår).

Dager fra 1.1.2023: 1.2 = 31, 1.3 = 59, 1.4 = 90, 1.5 = 120, 1.6 = 151, 1.7 = 181,
1.8 = 212, 1.9 = 243, 1.10 = 273, 31.12 = 364.

``figurer_for_ar`` tar for fart bare med radene med ``mottatt_dato`` ≤ D og ikke
``avsluttet_dato`` ≤ D0. Sakene X1–X4 (avsluttet i 2021/2022) og L1 (mottatt 2024) faller
utenfor det utvalget; testene viser at de ikke endrer noe 2023-tall, og at P1 (mottatt
2022, fortsatt åpen) og P2 (mottatt 2022, avgjort 2023) teller.
"""

from __future__ import annotations

import math
import random
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from typede_tabeller import typet_tabell

from arsrapport.innlesing import DATOTYPE, TEKSTTYPE
from arsrapport.kapitler import kapittel_3_1 as k31
from arsrapport.maal import saksbehandling as sb

AR = 2023

KOLONNER = (
    "sak_id",
    "saksgruppe",
    "sakstype",
    "behandlingstype",
    "asylspor",
    "nasjonalitet",
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


ASYL, FAM, UTV, STB, TBK = "Asyl", "Familieinnvandring", "Utvisning", "Statsborgerskap", "Tilbakekall"
KL, OM = "Klage", "Omgjøringsanmodning"
V, H = "Vedtak", "Henlagt"

# Saksbehandlingstid (tid) og alder ved D / D0 regnet for hånd.
UTENFOR = (
    # id    gruppe sakstype  type asylspor    nasjonalitet mottatt       avsl. avsluttet     form    utfall
    ("X1", ASYL, "Asyl", KL, "Realitet", "Iran", "2021-03-01", V, "2022-02-01", "NMP", "Omgjort"),
    # ^ avgjort 2022: i beholdning 31.12.2021, teller ikke i 2023
    ("X2", FAM, "Familie", KL, None, "Irak", "2022-01-10", V, "2022-12-31", "SEK", "Ikke omgjort"),
    # ^ avgjort nøyaktig 31.12.2022: ikke i beholdning ved D0 (avsluttet_dato ≤ D0)
    ("X3", UTV, "Utvisning", OM, None, "Somalia", "2022-05-01", H, "2022-08-01", None, None),
    ("X4", STB, "Statsborgerskap", KL, None, "Iran", "2021-01-10", V, "2021-11-01", "NL", "Ikke omgjort"),
    ("L1", ASYL, "Asyl", KL, "Realitet", "Iran", "2024-01-01", None, None, None, None),  # mottatt etter D
)
INNENFOR = (
    ("P1", ASYL, "Asyl", KL, "Realitet", "Syria", "2022-12-01", None, None, None, None),
    # ^ mottatt 2022, åpen: i beholdning ved D0 (alder 30) og D (alder 30 + 1 + 364 = 395)
    ("P2", FAM, "Familie", KL, None, "Eritrea", "2022-06-01", V, "2023-03-01", "NL", "Omgjort"),
    # ^ mottatt 2022, avgjort 2023: beholdning ved D0 (alder 213); tid 214 + 59 = 273
    ("A1", ASYL, "Asyl", KL, "Realitet", "Iran", "2023-01-01", V, "2023-05-01", "NMP", "Omgjort"),  # tid 120
    ("A2", ASYL, "Asyl", KL, "Realitet", "Irak", "2023-02-01", V, "2023-12-31", "NUP", "Ikke omgjort"),
    # ^ avgjort nøyaktig 31.12.2023: behandlet i 2023, ikke i beholdning ved D; tid 364 − 31 = 333
    ("A3", ASYL, "Asyl", OM, "Dublin", "Somalia", "2023-03-01", V, "2023-04-01", "SEK", "Ikke omgjort"),  # tid 31
    ("A4", ASYL, "Asyl", KL, "Realitet", "Irak", "2023-06-01", V, "2024-01-01", "NL", "Omgjort"),
    # ^ avgjort 1.1.2024: ikke behandlet i 2023, i beholdning ved D (alder 364 − 151 = 213)
    ("A5", ASYL, "Asyl", KL, "Realitet", "Syria", "2023-12-31", None, None, None, None),
    # ^ mottatt nøyaktig 31.12.2023: mottatt i 2023, i beholdning ved D med alder 0
    ("F1", FAM, "Familie", KL, None, "Eritrea", "2023-02-01", V, "2023-04-01", "SEK", "Ikke omgjort"),  # tid 59
    ("F2", FAM, "Familie", OM, None, "Eritrea", "2023-03-01", H, "2023-05-01", None, None),  # henlagt 2023
    ("F3", FAM, "Familie", KL, None, "Eritrea", "2023-09-01", None, None, None, None),  # åpen, alder 121
    ("U1", UTV, "Utvisning", KL, None, "Somalia", "2023-01-01", V, "2023-07-01", "Stornemnd", "Delvis omgjort"),  # 181
    ("U2", UTV, "Utvisning", OM, None, "Somalia", "2023-05-01", V, "2023-06-01", "NMP", "Ikke omgjort"),  # tid 31
    ("S1", STB, "Statsborgerskap", KL, None, "Iran", "2023-04-01", V, "2023-10-01", "NL", "Ikke omgjort"),  # 183
    ("T1", TBK, "Tilbakekall statsborgerskap", KL, None, "Irak", "2023-02-01", V, "2023-08-01", "NUP", "Omgjort"),
    # ^ tid 212 − 31 = 181
)

# Alle tallene figurer_for_ar gir for 2023 (nøklene er hele mengden: det som mangler, skal mangle).
FORVENTET_2023 = {
    # mottatt i 2023: A1–A5, F1–F3, U1, U2, S1, T1 = 12 (P1, P2 er fra 2022; L1 fra 2024)
    "mottatt": 12,
    "mottatt.klage": 9,  # A1 A2 A4 A5 F1 F3 U1 S1 T1
    "mottatt.omgjoring": 3,  # A3 F2 U2
    "mottatt.asyl": 5,
    "mottatt.familie": 3,
    "mottatt.utvisning": 2,
    "mottatt.statsborgerskap": 1,
    "mottatt.tilbakekall": 1,
    "andel_omgjoring_av_mottatt": 3 / 12,
    # behandlet (Vedtak i 2023): P2 A1 A2 A3 F1 U1 U2 S1 T1 = 9 (A4 i 2024; F2 henlagt)
    "behandlet": 9,
    "behandlet.klage": 7,  # P2 A1 A2 F1 U1 S1 T1
    "behandlet.omgjoring": 2,  # A3 U2
    "behandlet.asyl": 3,  # A1 A2 A3
    "behandlet.familie": 2,  # P2 F1
    "behandlet.utvisning": 2,
    "behandlet.statsborgerskap": 1,
    "behandlet.tilbakekall": 1,
    "behandlet.asylsaker": 3,
    "behandlet.oppholdssaker": 6,  # 9 − 3
    "andel_omgjoring_av_behandlet": 2 / 9,
    "henlagt": 1,  # F2
    "henlagt.familie": 1,
    # former: P2 NL, A1 NMP, A2 NUP, A3 SEK, F1 SEK, U1 Stornemnd, U2 NMP, S1 NL, T1 NUP
    "behandlet.form.stornemnd": 1,
    "behandlet.form.nmp": 2,
    "behandlet.form.nup": 2,
    "behandlet.form.nl": 2,
    "behandlet.form.sek": 2,
    "behandlet.form.nemndmote": 5,  # 1 + 2 + 2
    "avgjort_andel.form.stornemnd": 1 / 9,
    "avgjort_andel.form.nmp": 2 / 9,
    "avgjort_andel.form.nup": 2 / 9,
    "avgjort_andel.form.nl": 2 / 9,
    "avgjort_andel.form.sek": 2 / 9,
    "avgjort_andel.form.nemndmote": 5 / 9,
    "avgjort_andel_nemndmote.form.nmp": 2 / 5,
    "avgjort_andel_nemndmote.form.nup": 2 / 5,
    # nemndmøte per gruppe: bare grupper med nemndmøtevedtak (familie og statsborgerskap mangler)
    "behandlet.asyl.form.nemndmote": 2,  # A1 A2
    "behandlet.utvisning.form.nemndmote": 2,  # U1 U2
    "behandlet.tilbakekall.form.nemndmote": 1,  # T1
    # andel nemndmøte per gruppe: alle grupper med vedtak, også 0
    "avgjort_andel.asyl.form.nemndmote": 2 / 3,
    "avgjort_andel.familie.form.nemndmote": 0.0,
    "avgjort_andel.utvisning.form.nemndmote": 1.0,
    "avgjort_andel.statsborgerskap.form.nemndmote": 0.0,
    "avgjort_andel.tilbakekall.form.nemndmote": 1.0,
    "behandlet.sakstype.tilbakekall_statsborgerskap.form.nemndmote": 1,  # T1 (NUP)
    # tid: P2 273, A1 120, A2 333, A3 31, F1 59, U1 181, U2 31, S1 183, T1 181 → 1392 / 9
    "saksbehandlingstid": 1392 / 9,
    "saksbehandlingstid.asyl": (120 + 333 + 31) / 3,  # 484 / 3
    "saksbehandlingstid.familie": (273 + 59) / 2,  # 166
    "saksbehandlingstid.utvisning": (181 + 31) / 2,  # 106
    "saksbehandlingstid.statsborgerskap": 183.0,
    "saksbehandlingstid.tilbakekall": 181.0,
    "saksbehandlingstid.form.stornemnd": 181.0,  # U1
    "saksbehandlingstid.form.nmp": (120 + 31) / 2,  # A1 U2: 75,5
    "saksbehandlingstid.form.nup": (333 + 181) / 2,  # A2 T1: 257
    "saksbehandlingstid.form.nl": (273 + 183) / 2,  # P2 S1: 228
    "saksbehandlingstid.form.sek": (31 + 59) / 2,  # A3 F1: 45
    "saksbehandlingstid.form.nemndmote": (181 + 120 + 31 + 333 + 181) / 5,  # 846 / 5 = 169,2
    # omgjort: P2 Omgjort, A1 Omgjort, U1 Delvis omgjort, T1 Omgjort = 4 (A4 er 2024)
    "omgjort": 4,
    "omgjoringsandel": 4 / 9,
    "omgjoringsandel.asyl": 1 / 3,  # A1 av A1 A2 A3
    "omgjoringsandel.familie": 1 / 2,  # P2 av P2 F1
    "omgjoringsandel.utvisning": 1 / 2,  # U1 av U1 U2
    "omgjoringsandel.statsborgerskap": 0.0,
    "omgjoringsandel.tilbakekall": 1.0,
    "omgjoringsandel.klage": 4 / 7,  # P2 A1 U1 T1 av 7
    "omgjoringsandel.omgjoring": 0.0,  # A3 U2
    "omgjoringsandel.form.stornemnd": 1.0,
    "omgjoringsandel.form.nmp": 1 / 2,  # A1 ja, U2 nei
    "omgjoringsandel.form.nup": 1 / 2,  # T1 ja, A2 nei
    "omgjoringsandel.form.nl": 1 / 2,  # P2 ja, S1 nei
    "omgjoringsandel.form.sek": 0.0,
    "omgjoringsandel.form.nemndmote": 3 / 5,  # U1 A1 T1 av 5
    # omgjort per form: bare former med minst én omgjøring (sek mangler)
    "omgjort.form.stornemnd": 1,
    "omgjort.form.nmp": 1,
    "omgjort.form.nup": 1,
    "omgjort.form.nl": 1,
    # Figur 11: realitetsbehandlede asylvedtak 2023: A1 Iran (omgjort), A2 Irak (ikke). A3 er Dublin.
    "omgjoringsandel.asyl_realitet.nasjonalitet.iran": 1.0,
    "omgjoringsandel.asyl_realitet.nasjonalitet.irak": 0.0,
    # beholdning ved D: P1 A4 A5 F3 = 4 (A2 avgjort 31.12, L1 mottatt 2024)
    "beholdning": 4,
    "beholdning_start": 2,  # ved D0: P1 P2 (X1 avgjort 2022, X2 avgjort 31.12.2022)
    "beholdning.asyl": 3,
    "beholdning.familie": 1,
    "beholdning.arbeid_opphold": 0,
    "beholdning.statsborgerskap": 0,  # har vedtak i 2023, men ingen åpne saker: med, som 0
    "beholdning.utvisning": 0,
    "beholdning.tilbakekall": 0,
    "beholdning.andre": 0,
    "beholdning.diverse": 0,
    "beholdning_start.asyl": 1,  # P1
    "beholdning_start.familie": 1,  # P2
    "beholdning_start.arbeid_opphold": 0,
    "beholdning_start.statsborgerskap": 0,
    "beholdning_start.utvisning": 0,
    "beholdning_start.tilbakekall": 0,
    "beholdning_start.andre": 0,
    "beholdning_start.diverse": 0,
    # alder ved D: P1 395, A4 213, A5 0, F3 121 → 729 / 4
    "beholdning_alder": 729 / 4,
    "beholdning_alder.asyl": (395 + 213 + 0) / 3,
    "beholdning_alder.familie": 121.0,
    # alder ved D0: P1 30, P2 213 → 243 / 2
    "beholdning_alder_start": 243 / 2,
    "beholdning_alder_start.asyl": 30.0,
    "beholdning_alder_start.familie": 213.0,
    # per behandlingstype (klage/omgjøringsanmodning); tellingene har begge typene, også 0
    "henlagt.klage": 0,
    "henlagt.omgjoring": 1,  # F2
    "omgjort.klage": 4,  # P2 A1 U1 T1
    "omgjort.omgjoring": 0,  # A3 og U2 ikke omgjort
    # klager: P2 273, A1 120, A2 333, F1 59, U1 181, S1 183, T1 181 = 1330; anmodninger: A3 31, U2 31
    "saksbehandlingstid.klage": 1330 / 7,
    "saksbehandlingstid.omgjoring": 31.0,
    "beholdning.klage": 4,  # P1 A4 A5 F3, alle klager
    "beholdning.omgjoring": 0,
    "beholdning_start.klage": 2,  # P1 P2
    "beholdning_start.omgjoring": 0,
    "beholdning_alder.klage": 729 / 4,  # ingen åpne anmodninger: ingen snittalder for dem
    "beholdning_alder_start.klage": 243 / 2,
}


@pytest.fixture
def saker() -> pd.DataFrame:
    return lag_saker(*UTENFOR, *INNENFOR)


@pytest.fixture
def f2023(saker) -> dict:
    return k31.figurer_for_ar(sb.med_avledede(saker), AR)


def sjekk_figurer(faktisk: dict, forventet: dict) -> None:
    assert sorted(faktisk) == sorted(forventet)
    for k, v in forventet.items():
        assert faktisk[k] == pytest.approx(v, rel=1e-12, abs=0), k


# --- figurer_for_ar --------------------------------------------------------------


def test_hjelperen_gir_innlesingens_typer(saker):
    for k in KOLONNER:
        forventet = np.dtype("datetime64[us]") if k in DATOKOLONNER else TEKSTTYPE
        assert saker[k].dtype == forventet, k
    assert saker["avslutning"].isna().sum() == 4  # L1 P1 A5 F3 (åpne)
    assert saker.loc[saker["sak_id"].eq("A5"), "asylspor"].tolist() == ["Realitet"]


def test_figurer_for_ar_alle_tall(f2023):
    sjekk_figurer(f2023, FORVENTET_2023)


def test_figurer_for_ar_enkelttall(f2023):
    # de viktigste tallene ett for ett, for lesbare feilmeldinger
    assert f2023["mottatt"] == 12
    assert f2023["mottatt.klage"] == 9 and f2023["mottatt.omgjoring"] == 3
    assert f2023["andel_omgjoring_av_mottatt"] == 0.25
    assert f2023["behandlet"] == 9
    assert f2023["behandlet.form.nemndmote"] == 5
    assert f2023["henlagt"] == 1
    assert f2023["saksbehandlingstid.form.nemndmote"] == pytest.approx(169.2)
    assert f2023["omgjoringsandel.form.nemndmote"] == pytest.approx(0.6)
    assert f2023["beholdning"] == 4 and f2023["beholdning_start"] == 2
    assert f2023["beholdning_alder"] == 182.25
    assert f2023["beholdning_alder_start"] == 121.5


def test_grupper_uten_verdi(f2023):
    # tellinger og snitt per gruppe: bare grupper med saker i utvalget
    assert "mottatt.arbeid_opphold" not in f2023
    assert "henlagt.asyl" not in f2023
    assert "behandlet.familie.form.nemndmote" not in f2023  # ingen nemndmøtevedtak i familie
    assert "saksbehandlingstid.arbeid_opphold" not in f2023
    assert "beholdning_alder.statsborgerskap" not in f2023  # tomt snitt, ikke 0
    assert "omgjort.form.sek" not in f2023
    # beholdningen per gruppe er derimot alltid med (Tabell 3 viser «–»)
    for g in k31.GRUPPE_ID.values():
        assert f"beholdning.{g}" in f2023 and f"beholdning_start.{g}" in f2023
    assert f2023["beholdning.statsborgerskap"] == 0


def test_figurene_er_tall_ikke_nan(f2023):
    for k, v in f2023.items():
        assert v is not None and not (isinstance(v, float) and math.isnan(v)), k
        assert isinstance(v, (int, float, np.integer, np.floating)), k


def test_saker_utenfor_utvalget_endrer_ingenting(saker, f2023):
    """X1–X4 (avsluttet 2021/2022) og L1 (mottatt 2024) faller utenfor radutvalget; uten dem
    er alle 2023-tallene de samme."""
    uten = saker.loc[~saker["sak_id"].isin(["X1", "X2", "X3", "X4", "L1"])].reset_index(drop=True)
    sjekk_figurer(k31.figurer_for_ar(sb.med_avledede(uten), AR), f2023)
    # … og bare med dem blir det ingen 2023-tall å snakke om
    bare = saker.loc[saker["sak_id"].isin(["X1", "X2", "X3", "X4", "L1"])].reset_index(drop=True)
    f = k31.figurer_for_ar(sb.med_avledede(bare), AR)
    assert f["mottatt"] == f["behandlet"] == f["henlagt"] == f["omgjort"] == 0
    assert f["beholdning"] == f["beholdning_start"] == 0


def test_radutvalget_gir_samme_svar_som_alle_radene(saker, f2023):
    """Radutvalget er bare en fartsoptimalisering: målene i ``saksbehandling`` på hele
    tabellen gir de samme tallene."""
    s = sb.med_avledede(saker)
    d, d0 = sb.sluttdato(AR), sb.sluttdato(AR - 1)
    assert sb.mottatt(s, AR) == f2023["mottatt"]
    assert sb.behandlet(s, AR) == f2023["behandlet"]
    assert sb.henlagt(s, AR) == f2023["henlagt"]
    assert sb.beholdning(s, d) == f2023["beholdning"]
    assert sb.beholdning(s, d0) == f2023["beholdning_start"]
    assert sb.snitt_alder(s, d) == f2023["beholdning_alder"]
    assert sb.snitt_alder(s, d0) == f2023["beholdning_alder_start"]
    assert sb.saksbehandlingstid(s, AR) == pytest.approx(f2023["saksbehandlingstid"])


def test_sak_fra_2022_som_fortsatt_er_apen_teller(saker, f2023):
    uten_p1 = saker.loc[saker["sak_id"].ne("P1")].reset_index(drop=True)
    f = k31.figurer_for_ar(sb.med_avledede(uten_p1), AR)
    assert f["beholdning"] == f2023["beholdning"] - 1 == 3
    assert f["beholdning_start"] == f2023["beholdning_start"] - 1 == 1
    assert f["beholdning.asyl"] == 2
    # alder ved D uten P1 (395): (213 + 0 + 121) / 3
    assert f["beholdning_alder"] == pytest.approx(334 / 3)
    assert f["beholdning_alder_start"] == 213.0  # bare P2
    assert f["mottatt"] == f2023["mottatt"]  # P1 er mottatt i 2022


def test_figurer_for_ar_radrekkefolgen_spiller_ingen_rolle(saker, f2023):
    stokket = saker.sample(frac=1, random_state=7).reset_index(drop=True)
    f = k31.figurer_for_ar(sb.med_avledede(stokket), AR)
    sjekk_figurer(f, f2023)
    assert list(f) == list(f2023)


def test_figurer_for_ar_2022(saker):
    # Utvalget for 2022: mottatt ≤ 31.12.2022 og ikke avsluttet ≤ 31.12.2021:
    # X1 X2 X3 P1 P2 (X4 avgjort 2021, L1 og 2023-sakene mottatt senere).
    f = k31.figurer_for_ar(sb.med_avledede(saker), 2022)
    assert f["mottatt"] == 4  # X2 X3 P1 P2
    assert f["behandlet"] == 2  # X1 X2 (X2 på årets siste dag)
    assert f["behandlet.asylsaker"] == 1 and f["behandlet.oppholdssaker"] == 1
    assert f["henlagt"] == 1  # X3
    assert f["beholdning"] == 2  # P1 P2
    assert f["beholdning_start"] == 1  # X1 ved 31.12.2021
    # X1: 1.3.2021 → 31.12.2021 = 305 dager
    assert f["beholdning_alder_start"] == 305.0


# --- endringer -----------------------------------------------------------------------


def test_endringer_fra_figurene(saker):
    s = sb.med_avledede(saker)
    f = {2022: k31.figurer_for_ar(s, 2022), 2023: k31.figurer_for_ar(s, 2023)}
    k31._endringer(f, 2023)
    naa = f[2023]
    assert naa["mottatt.endring"] == pytest.approx(2.0)  # 12 / 4 − 1
    assert naa["mottatt.endring_abs"] == 8
    assert naa["behandlet.endring"] == pytest.approx(3.5)  # 9 / 2 − 1
    assert naa["behandlet.endring_abs"] == 7
    assert naa["behandlet.asylsaker.endring"] == pytest.approx(2.0)  # 3 / 1 − 1
    assert naa["behandlet.asylsaker.endring_abs"] == 2
    assert naa["behandlet.oppholdssaker.endring"] == pytest.approx(5.0)  # 6 / 1 − 1
    assert naa["behandlet.oppholdssaker.endring_abs"] == 5
    # beholdning: fra 31.12. året før (beholdning_start i samme år), ikke fra fjorårets tall
    assert naa["beholdning.endring"] == pytest.approx(1.0)  # 4 / 2 − 1
    assert naa["beholdning.endring_abs"] == 2
    assert naa["beholdning.asyl.endring"] == pytest.approx(2.0)  # 3 / 1 − 1
    assert naa["beholdning.asyl.endring_abs"] == 2
    assert naa["beholdning.familie.endring"] == 0.0  # 1 / 1 − 1
    assert naa["beholdning.familie.endring_abs"] == 0
    # fra 0 til 0: absolutt endring 0, ingen relativ endring
    for g in ("arbeid_opphold", "statsborgerskap", "utvisning", "tilbakekall", "andre", "diverse"):
        assert naa[f"beholdning.{g}.endring_abs"] == 0
        assert f"beholdning.{g}.endring" not in naa
    # ingen endring for andre tall, og fjoråret er urørt
    assert "omgjoringsandel.endring" not in naa and "saksbehandlingstid.endring" not in naa
    assert "beholdning_start.endring" not in naa and "beholdning_alder.endring" not in naa
    assert not any(k.endswith(("endring", "endring_abs")) for k in f[2022])


def test_endringer_uten_fjoraret_og_med_null():
    f = {
        2022: {"mottatt": 0, "behandlet": 50},
        2023: {
            "mottatt": 10,
            "behandlet": 40,
            "behandlet.asylsaker": 5,  # mangler i fjor
            "beholdning": 30,
            "beholdning_start": 0,
            "beholdning.asyl": 8,
            "beholdning_start.asyl": 10,
            "beholdning.familie": 3,  # uten beholdning_start.familie
        },
    }
    k31._endringer(f, 2023)
    naa = f[2023]
    assert "mottatt.endring" not in naa and "mottatt.endring_abs" not in naa  # fjorårets 0
    assert naa["behandlet.endring"] == pytest.approx(-0.2)  # 40 / 50 − 1
    assert naa["behandlet.endring_abs"] == -10
    assert "behandlet.asylsaker.endring" not in naa
    assert naa["beholdning.endring_abs"] == 30 and "beholdning.endring" not in naa  # start 0
    assert naa["beholdning.asyl.endring"] == pytest.approx(-0.2)  # 8 / 10 − 1
    assert naa["beholdning.asyl.endring_abs"] == -2
    assert "beholdning.familie.endring_abs" not in naa
    # det første året (uten år før) får bare beholdningsendringene
    g = {2023: {"mottatt": 10, "beholdning": 6, "beholdning_start": 4}}
    k31._endringer(g, 2023)
    assert g[2023] == {
        "mottatt": 10,
        "beholdning": 6,
        "beholdning_start": 4,
        "beholdning.endring": pytest.approx(0.5),
        "beholdning.endring_abs": 2,
    }


RETTSKOLONNER = (
    "rettssak_id",
    "sak_id",
    "instans",
    "innkommet_dato",
    "avgjort_dato",
    "utfall",
    "rettskraftig_dato",
    "hovedforhandling",
    "dager_i_retten",
    "prosedyre",
)


def lag_rettssaker(*rader: tuple) -> pd.DataFrame:
    """``rettssaker`` med innlesingens typer (datoer ``datetime64[us]``, ``hovedforhandling``
    bool, ``dager_i_retten`` ``Int64``, resten ``str``)."""
    df = pd.DataFrame(list(rader), columns=list(RETTSKOLONNER), dtype=object)
    for k in RETTSKOLONNER:
        if k.endswith("_dato"):
            df[k] = pd.to_datetime(df[k]).astype(DATOTYPE)
        elif k == "hovedforhandling":
            df[k] = df[k].astype(bool)
        elif k == "dager_i_retten":
            df[k] = df[k].astype("Int64")
        else:
            df[k] = df[k].astype(TEKSTTYPE)
    return df


RETTSSAKER = (
    # id   sak   instans           innkommet     avgjort       utfall     rettskraftig  hf     dager prosedyre
    ("R1", "A1", "Tingretten", "2021-05-01", "2022-05-01", "Medhold", "2022-06-15", True, 2, "Regjeringsadvokaten"),
    ("R2", "A2", "Lagmannsretten", "2022-09-01", "2023-03-01", "Tap", "2023-04-15", True, 3, "Regjeringsadvokaten"),
    ("R3", "U1", "Tingretten", "2023-01-10", "2023-06-01", "Medhold", None, False, 1, "Prosedyreenheten"),
    ("R4", "U2", "Tingretten", "2023-02-10", "2023-12-31", "Hevet/avvist", None, True, None, "Prosedyreenheten"),
    ("R5", "S1", "Høyesterett", "2023-05-01", None, None, None, True, 4, "Regjeringsadvokaten"),
)


def test_figurer_hele_kapittelet(saker):
    """``figurer`` samler årene, endringene, rettssakene (fra 2017) og UIV (sammenligningsårene)."""
    uiv = pd.DataFrame(
        {
            "uiv_id": ["U-1", "U-2", "U-3"],
            "sak_id": ["A3", None, None],
            "mottatt_dato": pd.to_datetime(["2023-03-02", "2023-03-20", "2022-11-01"]).astype(DATOTYPE),
            "avgjort_dato": pd.to_datetime(["2023-03-05", None, "2023-01-03"]).astype(DATOTYPE),
            "resultat": ["Avslått", None, "Innvilget"],
        }
    )
    uttrekk = SimpleNamespace(saker=saker, rettssaker=lag_rettssaker(*RETTSSAKER), uiv=uiv)
    f = k31.figurer(uttrekk, AR)
    assert sorted(f) == list(range(2017, 2024))
    sjekk_figurer({k: v for k, v in f[2023].items() if k in FORVENTET_2023}, FORVENTET_2023)
    assert f[2023]["mottatt.endring"] == pytest.approx(2.0)  # som i test_endringer_fra_figurene
    assert f[2023]["beholdning.asyl.endring_abs"] == 2
    assert f[2020]["mottatt"] == 0 and "mottatt.endring" not in f[2020]  # første saksår: ingen fjorår
    assert "mottatt.endring" not in f[2021]  # 2020 hadde 0 mottatt
    assert f[2021]["mottatt"] == 2  # X1 X4
    assert f[2023]["rettssaker.hovedforhandlinger"] == 2  # R2, R4
    assert f[2022]["rettssaker.medhold"] == 1  # R1, rettskraftig 2022
    assert f[2023]["uiv.mottatt"] == 2 and f[2023]["uiv.behandlet"] == 2
    assert f[2023]["uiv.mottatt.mnd.03"] == 2
    assert "uiv.mottatt" not in f[2020] and "mottatt" not in f[2019]
    assert f[2019]["rettssaker.nye"] == 0


# --- slug ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "tekst, forventet",
    [
        ("Sør-Sudan", "sor_sudan"),
        ("Østerrike", "osterrike"),
        ("Elfenbenskysten (Côte d'Ivoire)", "elfenbenskysten_cote_d_ivoire"),
        ("Færøyene", "faeroyene"),
        ("ÆØÅ æøå", "aeoa_aeoa"),
        ("Iran", "iran"),
        ("Den demokratiske republikken Kongo", "den_demokratiske_republikken_kongo"),
        ("  Statsløs / ukjent  ", "statslos_ukjent"),
        ("São Tomé og Príncipe", "sao_tome_og_principe"),
        ("Arbeid/opphold", "arbeid_opphold"),
    ],
)
def test_slug(tekst, forventet):
    assert k31.slug(tekst) == forventet


# --- topp nasjonaliteter (Figur 11) ----------------------------------------------------


def test_topp_nasjonaliteter_asyl_realitet(saker):
    tab = k31.topp_nasjonaliteter_asyl_realitet(sb.med_avledede(saker), AR)
    # like mange vedtak (1): flest omgjorte først → Iran (1) før Irak (0)
    assert tab.index.tolist() == ["Iran", "Irak"]
    assert tab.columns.tolist() == ["behandlet", "omgjort", "ikke_omgjort", "andel_omgjort"]
    assert tab["behandlet"].tolist() == [1, 1]
    assert tab["omgjort"].tolist() == [1, 0]
    assert tab["ikke_omgjort"].tolist() == [0, 1]
    assert tab["andel_omgjort"].tolist() == [1.0, 0.0]


def _realitet(nasj: str, n: int, omgjort: int) -> list[tuple]:
    return [
        (
            f"{nasj}-{i}",
            ASYL,
            "Asyl",
            KL,
            "Realitet",
            nasj,
            "2023-01-02",
            V,
            "2023-03-01",
            "NL",
            "Omgjort" if i < omgjort else "Ikke omgjort",
        )
        for i in range(n)
    ]


def test_topp_nasjonaliteter_rangering_og_likhet():
    rader = (
        _realitet("Syria", 4, 1)
        + _realitet("Eritrea", 3, 2)  # 3 vedtak, flere omgjorte enn Afghanistan
        + _realitet("Afghanistan", 3, 1)
        + _realitet("Irak", 2, 1)  # Irak, Iran, Somalia: helt like (2, 1)
        + _realitet("Iran", 2, 1)
        + _realitet("Somalia", 2, 1)
        + _realitet("Georgia", 5, 0)
        # teller ikke: Dublin, annet år, henlagt, annen gruppe
        + [("d", ASYL, "Asyl", KL, "Dublin", "Somalia", "2023-01-02", V, "2023-03-01", "NL", "Omgjort")]
        + [("y", ASYL, "Asyl", KL, "Realitet", "Somalia", "2022-01-02", V, "2022-03-01", "NL", "Omgjort")]
        + [("h", ASYL, "Asyl", KL, "Realitet", "Somalia", "2023-01-02", H, "2023-03-01", None, None)]
        + [("f", FAM, "Familie", KL, None, "Somalia", "2023-01-02", V, "2023-03-01", "NL", "Omgjort")]
    )
    forventet = ["Georgia", "Syria", "Eritrea", "Afghanistan", "Irak"]
    # likhet i (behandlet, omgjort) avgjøres alfabetisk (groupby sorterer); Somalia og Iran faller ut
    for frø in range(5):
        stokket = list(rader)
        random.Random(frø).shuffle(stokket)
        s = sb.med_avledede(lag_saker(*stokket))
        tab = k31.topp_nasjonaliteter_asyl_realitet(s, AR)
        assert tab.index.tolist() == forventet, frø
        assert tab["behandlet"].tolist() == [5, 4, 3, 3, 2]
        assert tab["omgjort"].tolist() == [0, 1, 2, 1, 1]
        assert tab["andel_omgjort"].tolist() == pytest.approx([0.0, 0.25, 2 / 3, 1 / 3, 0.5])
    s = sb.med_avledede(lag_saker(*rader))
    assert k31.topp_nasjonaliteter_asyl_realitet(s, AR, n=7).index.tolist() == [*forventet, "Iran", "Somalia"]
    assert k31.topp_nasjonaliteter_asyl_realitet(s, 2024).empty


# --- tabeller -------------------------------------------------------------------------


def test_tabell_avgjorelsesform(saker):
    tab = k31.tabell_avgjorelsesform(saker, AR)  # uten avledede kolonner: legges til
    assert tab.columns.tolist() == ["Avgjørelsesform", "Behandlede saker", "Andel omgjort"]
    assert tab["Avgjørelsesform"].tolist() == [
        "Stornemnd",
        "Nemndmøte med personlig frammøte",
        "Nemndmøte uten personlig frammøte",
        "Nemndleder etter forberedelse fra sekretariatet",
        "I sekretariatet",
    ]
    assert tab["Behandlede saker"].tolist() == [1, 2, 2, 2, 2]  # sum 9 = behandlet
    assert tab["Andel omgjort"].tolist() == pytest.approx([1.0, 0.5, 0.5, 0.5, 0.0])
    assert tab.index.tolist() == [0, 1, 2, 3, 4]
    pd.testing.assert_frame_equal(k31.tabell_avgjorelsesform(sb.med_avledede(saker), AR), tab)


def test_tabell_avgjorelsesform_uten_rader_for_former_uten_vedtak(saker):
    # 2022: X1 NMP (Omgjort), X2 SEK (Ikke omgjort); de tre andre formene vises ikke
    tab = k31.tabell_avgjorelsesform(saker, 2022)
    assert tab["Avgjørelsesform"].tolist() == ["Nemndmøte med personlig frammøte", "I sekretariatet"]
    assert tab["Behandlede saker"].tolist() == [1, 1]
    assert tab["Andel omgjort"].tolist() == [1.0, 0.0]
    assert tab.index.tolist() == [0, 1]
    assert k31.tabell_avgjorelsesform(saker, 2030).empty


def test_tabell_beholdning(saker):
    tab = k31.tabell_beholdning(saker, AR)
    assert tab.columns.tolist() == ["Saksgruppe", "31.12.2021", "31.12.2022", "31.12.2023"]
    # alle grupper (sortert), også de uten saker, og til slutt Sum
    assert tab["Saksgruppe"].tolist() == [
        "Andre saker",
        "Arbeid/opphold",
        "Asyl",
        "Diverse",
        "Familieinnvandring",
        "Statsborgerskap",
        "Tilbakekall",
        "Utvisning",
        "Sum",
    ]
    # 31.12.2021: X1; 31.12.2022: P1 (Asyl), P2 (Familie); 31.12.2023: P1 A4 A5 (Asyl), F3 (Familie)
    assert tab["31.12.2021"].tolist() == [0, 0, 1, 0, 0, 0, 0, 0, 1]
    assert tab["31.12.2022"].tolist() == [0, 0, 1, 0, 1, 0, 0, 0, 2]
    assert tab["31.12.2023"].tolist() == [0, 0, 3, 0, 1, 0, 0, 0, 4]
    for kol in ("31.12.2021", "31.12.2022", "31.12.2023"):
        assert pd.api.types.is_integer_dtype(tab[kol]), kol
    # samme som figurene: Sum = beholdning, og året før = beholdning_start
    f = k31.figurer_for_ar(sb.med_avledede(saker), AR)
    assert tab["31.12.2023"].iloc[-1] == f["beholdning"]
    assert tab["31.12.2022"].iloc[-1] == f["beholdning_start"]
    kort = k31.tabell_beholdning(saker, AR, antall_ar=1)
    assert kort.columns.tolist() == ["Saksgruppe", "31.12.2023"]


def test_tabell_rettssaksarbeid():
    r = lag_rettssaker(*RETTSSAKER)
    tab = k31.tabell_rettssaksarbeid(r, AR, fra=2021)
    assert tab.columns.tolist() == ["", "2021", "2022", "2023"]
    assert tab[""].tolist() == ["Antall hovedforhandlinger", "Antall dager i retten"]
    # 2022: R1 (2 dager). 2023: R2 (3 dager) og R4 (tom = 0 dager); R3 uten hovedforhandling,
    # R5 ikke avgjort.
    assert tab["2021"].tolist() == [0, 0]
    assert tab["2022"].tolist() == [1, 2]
    assert tab["2023"].tolist() == [2, 3]
    standard = k31.tabell_rettssaksarbeid(r, AR)
    assert standard.columns.tolist() == ["", "2018", "2019", "2020", "2021", "2022", "2023"]
    assert standard["2018"].tolist() == [0, 0]
