"""Rettssaksmålene på en liten håndlaget tabell med fasit regnet ut for hånd."""

import math

import numpy as np
import pandas as pd
import pytest

from arsrapport.maal import rettssaker as rs

T = pd.Timestamp
NaT = pd.NaT

# rettssak_id, instans, innkommet, avgjort, utfall, rettskraftig, hovedforhandling, dager, prosedyre
RADER = [
    # avgjort 31.12.2022 (teller i 2022), rettskraftig året etter (teller i 2023)
    ("R1", "Tingretten", T("2022-03-01"), T("2022-12-31"), "Medhold", T("2023-02-05"), True, 2, "Prosedyreenheten"),
    # anket (ingen rettskraftig dato), fortsetter som R3
    ("R2", "Tingretten", T("2023-01-01"), T("2023-06-10"), "Tap", NaT, True, 3, "Prosedyreenheten"),
    # avgjort 31.12.2023, rettskraftig 1.1.2024; dager i retten mangler
    (
        "R3",
        "Lagmannsretten",
        T("2023-07-01"),
        T("2023-12-31"),
        "Medhold",
        T("2024-01-01"),
        True,
        np.nan,
        "Regjeringsadvokaten",
    ),
    # innkommet 31.12.2022; hevet/avvist er ingen dom
    (
        "R4",
        "Tingretten",
        T("2022-12-31"),
        T("2023-03-01"),
        "Hevet/avvist",
        T("2023-04-01"),
        False,
        np.nan,
        "Ekstern advokat",
    ),
    # innkommet 1.1.2024, ikke avgjort
    ("R5", "Tingretten", T("2024-01-01"), NaT, None, NaT, False, np.nan, None),
    # avgjort 1.1.2024 teller ikke i 2023
    (
        "R6",
        "Høyesterett",
        T("2023-05-05"),
        T("2024-01-01"),
        "Hevet/avvist",
        T("2024-02-01"),
        False,
        np.nan,
        "Regjeringsadvokaten",
    ),
    # avgjort 1.1.2023 teller i 2023
    ("R7", "Tingretten", T("2021-05-01"), T("2023-01-01"), "Tap", T("2023-02-15"), True, 4, "Ekstern advokat"),
    # rettskraftig 31.12.2023 teller i 2023
    ("R8", "Lagmannsretten", T("2022-06-01"), T("2023-05-01"), "Medhold", T("2023-12-31"), True, 1, None),
    # hovedforhandling mangler (= nei)
    (
        "R9",
        "Høyesterett",
        T("2023-01-10"),
        T("2023-03-10"),
        "Hevet/avvist",
        T("2023-04-20"),
        None,
        np.nan,
        "Regjeringsadvokaten",
    ),
]
KOLONNER = [
    "rettssak_id",
    "instans",
    "innkommet_dato",
    "avgjort_dato",
    "utfall",
    "rettskraftig_dato",
    "hovedforhandling",
    "dager_i_retten",
    "prosedyre",
]


@pytest.fixture
def df() -> pd.DataFrame:
    d = pd.DataFrame(RADER, columns=KOLONNER)
    d["sak_id"] = None
    return d


@pytest.fixture
def df_nullable(df) -> pd.DataFrame:
    """Samme tabell med pandas' nullbare typer, slik innlesingen kan levere den."""
    d = df.copy()
    d["dager_i_retten"] = d["dager_i_retten"].astype("Int64")
    d["hovedforhandling"] = d["hovedforhandling"].astype("boolean")
    d["utfall"] = d["utfall"].astype("string")
    return d


def test_rettskraftige_2023(df):
    # R1 (Medhold, avgjort 2022), R7 (Tap), R8 (Medhold, 31.12); R4 og R9 er hevet/avvist
    assert rs.rettskraftige(df, 2023) == {
        "rettskraftige": 3,
        "medhold": 2,
        "tap": 1,
        "medhold_andel": pytest.approx(2 / 3),
        "tap_andel": pytest.approx(1 / 3),
    }


def test_rettskraftige_andre_ar(df):
    # 2024: bare R3 (1.1.2024); R6 er hevet/avvist
    r = rs.rettskraftige(df, 2024)
    assert (r["rettskraftige"], r["medhold"], r["tap"], r["medhold_andel"]) == (1, 1, 0, 1.0)
    # 2022: R1 ble avgjort 31.12.2022, men rettskraftig først i 2023
    r = rs.rettskraftige(df, 2022)
    assert r["rettskraftige"] == 0
    assert math.isnan(r["medhold_andel"]) and math.isnan(r["tap_andel"])


def test_nye(df):
    # 2023: R2 (TR), R3 (LR), R6 og R9 (HR); R4 (31.12.2022) og R5 (1.1.2024) ikke
    assert rs.nye(df, 2023) == {"tingretten": 1, "lagmannsretten": 1, "hoyesterett": 2, "totalt": 4}
    assert rs.nye(df, 2022) == {"tingretten": 2, "lagmannsretten": 1, "hoyesterett": 0, "totalt": 3}
    assert rs.nye(df, 2024) == {"tingretten": 1, "lagmannsretten": 0, "hoyesterett": 0, "totalt": 1}


def test_avgjorelser_2023(df):
    tab = rs.avgjorelser(df, 2023)
    forventet = pd.DataFrame(
        [[1, 2, 0, 3], [0, 0, 2, 2], [1, 0, 0, 1], [2, 2, 2, 6]],
        index=["Tingretten", "Lagmannsretten", "Høyesterett", rs.SUM_UTFALL],
        columns=["Hevet/avvist", "Tap", "Medhold", rs.SUM_INSTANS],
    )
    assert tab.values.tolist() == forventet.values.tolist()
    assert list(tab.index) == list(forventet.index)
    assert list(tab.columns) == list(forventet.columns)


def test_avgjorelser_grenser(df):
    # 2022: bare R1 (31.12.2022); 2024: bare R6 (1.1.2024)
    t22 = rs.avgjorelser(df, 2022)
    assert t22.loc["Tingretten", "Medhold"] == 1 and t22.loc[rs.SUM_UTFALL, rs.SUM_INSTANS] == 1
    t24 = rs.avgjorelser(df, 2024)
    assert t24.loc["Høyesterett", "Hevet/avvist"] == 1 and t24.loc[rs.SUM_UTFALL, rs.SUM_INSTANS] == 1
    # tomt år: alle celler finnes og er 0
    t20 = rs.avgjorelser(df, 2020)
    assert t20.shape == (4, 4) and int(t20.to_numpy().sum()) == 0


def test_rettssaksarbeid(df):
    # 2023: R2 (3), R3 (mangler), R7 (4), R8 (1); R9 har tom hovedforhandling
    assert rs.rettssaksarbeid(df, 2023) == {
        "hovedforhandlinger": 4,
        "dager_i_retten": 8,
        "dager_per_sak": 2.0,
    }
    assert rs.rettssaksarbeid(df, 2022) == {
        "hovedforhandlinger": 1,
        "dager_i_retten": 2,
        "dager_per_sak": 2.0,
    }
    r = rs.rettssaksarbeid(df, 2024)
    assert r["hovedforhandlinger"] == 0 and r["dager_i_retten"] == 0
    assert math.isnan(r["dager_per_sak"])


def test_bare_manglende_dager():
    d = pd.DataFrame(RADER[2:3], columns=KOLONNER)  # R3: hovedforhandling, dager mangler
    assert rs.rettssaksarbeid(d, 2023) == {
        "hovedforhandlinger": 1,
        "dager_i_retten": 0,
        "dager_per_sak": 0.0,
    }


def test_nullbare_typer_gir_samme_svar(df, df_nullable):
    assert rs.figurer(df_nullable, 2023) == pytest.approx(rs.figurer(df, 2023), nan_ok=True)


def test_prosedyre(df):
    p = rs.prosedyre(df, 2023)
    assert p["nye.prosedyreenheten"] == 1  # R2
    assert p["nye_andel.prosedyreenheten"] == 1.0
    assert p["anker.regjeringsadvokaten"] == 3  # R3, R6, R9
    assert p["anker.prosedyreenheten"] == 0


def test_figurer(df):
    f = rs.figurer(df, 2023)
    instanser = ("tingretten", "lagmannsretten", "hoyesterett")
    utfall = ("medhold", "tap", "hevet_avvist")
    forventede_id = {
        "rettssaker.rettskraftige",
        "rettssaker.medhold",
        "rettssaker.tap",
        "rettssaker.medhold_andel",
        "rettssaker.tap_andel",
        "rettssaker.nye",
        "rettssaker.hovedforhandlinger",
        "rettssaker.dager_i_retten",
        "rettssaker.dager_per_sak",
        *(f"rettssaker.nye.{i}" for i in instanser),
        *(f"rettssaker.avgjorelser.{i}.{u}" for i in instanser for u in utfall),
        *(f"rettssaker.avgjorelser.{i}" for i in instanser),
        *(f"rettssaker.avgjorelser.{u}" for u in utfall),
        "rettssaker.nye_saker",
        *(
            f"rettssaker.{m}.{p}"
            for m in ("nye", "nye_andel", "anker")
            for p in ("regjeringsadvokaten", "prosedyreenheten", "ekstern_advokat")
        ),
    }
    assert set(f) == forventede_id
    # 3.2.21: «nye rettssaker» er de nye sakene i tingretten, og prosedyren følger med
    assert f["rettssaker.nye_saker"] == f["rettssaker.nye.tingretten"]
    assert f["rettssaker.nye.prosedyreenheten"] == rs.prosedyre(df, 2023)["nye.prosedyreenheten"]
    assert f["rettssaker.rettskraftige"] == 3
    assert f["rettssaker.medhold_andel"] == pytest.approx(2 / 3)
    assert f["rettssaker.nye"] == 4 and f["rettssaker.nye.hoyesterett"] == 2
    assert f["rettssaker.avgjorelser.tingretten.tap"] == 2
    assert f["rettssaker.avgjorelser.tingretten"] == 3
    assert f["rettssaker.avgjorelser.lagmannsretten.medhold"] == 2
    assert f["rettssaker.avgjorelser.hoyesterett.hevet_avvist"] == 1
    assert f["rettssaker.avgjorelser.hevet_avvist"] == 2
    assert f["rettssaker.avgjorelser.medhold"] == 2
    assert f["rettssaker.hovedforhandlinger"] == 4
    assert f["rettssaker.dager_i_retten"] == 8
    assert f["rettssaker.dager_per_sak"] == 2.0
    # tellinger er int (ikke numpy-typer), andeler float
    for k, v in f.items():
        if k.endswith(("_andel", "dager_per_sak")) or ".nye_andel." in k:
            assert isinstance(v, float), k
        else:
            assert type(v) is int, k
