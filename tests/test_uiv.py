"""UIV-målene på en liten håndlaget tabell med fasit regnet ut for hånd."""

import pandas as pd
import pytest

from arsrapport.maal import uiv as u

T = pd.Timestamp
NaT = pd.NaT

# uiv_id, mottatt, avgjort, resultat
RADER = [
    ("U1", T("2022-12-31"), T("2023-01-01"), "Avslått"),  # mottatt 2022, behandlet 2023
    ("U2", T("2023-01-01"), T("2023-01-03"), "Avslått"),  # januar 2023
    ("U3", T("2023-01-31"), T("2023-02-01"), "Innvilget"),  # januar, behandlet februar
    ("U4", T("2023-02-15"), T("2023-02-15"), "Avslått"),  # behandlet samme dag
    ("U5", T("2023-12-31"), T("2024-01-02"), "Avslått"),  # desember 2023, behandlet 2024
    ("U6", T("2023-12-01"), NaT, None),  # ubehandlet
    ("U7", T("2024-01-01"), T("2024-01-05"), "Avslått"),
    ("U8", T("2021-06-30"), T("2021-06-30"), "Avslått"),
]


@pytest.fixture
def df() -> pd.DataFrame:
    d = pd.DataFrame(RADER, columns=["uiv_id", "mottatt_dato", "avgjort_dato", "resultat"])
    d["sak_id"] = None
    return d


def test_mottatt_og_behandlet(df):
    assert u.mottatt(df, 2023) == 5  # U2–U6 (U1 er 31.12.2022, U7 1.1.2024)
    assert u.behandlet(df, 2023) == 4  # U1 (1.1.2023), U2, U3, U4; U5 først 2.1.2024
    assert u.mottatt(df, 2022) == 1 and u.behandlet(df, 2022) == 0
    assert u.mottatt(df, 2024) == 1 and u.behandlet(df, 2024) == 2  # U7; U5 og U7
    assert u.mottatt(df, 2021) == 1 and u.behandlet(df, 2021) == 1


def test_per_maned(df):
    tab = u.per_maned(df, [2022, 2023, 2024])
    assert list(tab.index) == list(range(1, 13))
    assert list(tab.columns) == [2022, 2023, 2024]
    assert tab[2023].tolist() == [2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]
    assert tab[2022].tolist() == [0] * 11 + [1]
    assert tab[2024].tolist() == [1] + [0] * 11
    # et år uten data gir en kolonne med nuller
    assert u.per_maned(df, [2020])[2020].sum() == 0


def test_figurer(df):
    f = u.figurer(df, 2023)
    assert set(f) == {"uiv.mottatt", "uiv.behandlet", *(f"uiv.mottatt.mnd.{m:02d}" for m in range(1, 13))}
    assert f["uiv.mottatt"] == 5 and f["uiv.behandlet"] == 4
    assert f["uiv.mottatt.mnd.01"] == 2 and f["uiv.mottatt.mnd.02"] == 1
    assert f["uiv.mottatt.mnd.12"] == 2 and f["uiv.mottatt.mnd.06"] == 0
    assert sum(f[f"uiv.mottatt.mnd.{m:02d}"] for m in range(1, 13)) == f["uiv.mottatt"]
    assert all(type(v) is int for v in f.values())


def test_tekstdatoer_godtas():
    d = pd.DataFrame({"uiv_id": ["U1"], "mottatt_dato": ["2023-03-01"], "avgjort_dato": [None], "resultat": [None]})
    assert u.figurer(d, 2023)["uiv.mottatt.mnd.03"] == 1
    assert u.behandlet(d, 2023) == 0
