"""Tester for arsrapport.utdata.eksport: figures.json og tabeller som xlsx."""

from __future__ import annotations

import datetime as dt
import json
import re
import time
import zipfile
from decimal import Decimal

import numpy as np
import openpyxl
import pandas as pd
import pytest

from arsrapport.utdata.eksport import FAST_TIDSPUNKT, TALLFORMATER, skriv_figures_json, skriv_tabeller_xlsx

# ------------------------------------------------------------ figures.json ---


def _figurer():
    return {
        2023: {
            "mottatt": np.int64(7029),
            "behandlet.asyl": 1234,
            "saksbehandlingstid": np.float64(154.25),
            "omgjoringsandel": 0.644,
            "sp1.oppnadd": np.bool_(True),
            "regnskap_post01_21": Decimal("1033463.5"),
        },
        2021: {"mottatt": 5923, "saksbehandlingstid": 166.0},
        np.int64(2022): {"mottatt": np.int32(6000)},
    }


def test_figures_json_innhold_og_typer(tmp_path):
    fil = skriv_figures_json(_figurer(), tmp_path / "figures.json")
    assert fil == tmp_path / "figures.json"
    data = json.loads(fil.read_text(encoding="utf-8"))
    assert list(data) == ["2021", "2022", "2023"]
    assert list(data["2023"]) == sorted(data["2023"])
    assert data["2023"] == {
        "behandlet.asyl": 1234,
        "mottatt": 7029,
        "omgjoringsandel": 0.644,
        "regnskap_post01_21": 1033463.5,
        "saksbehandlingstid": 154.25,
        "sp1.oppnadd": 1,
    }
    assert type(data["2023"]["mottatt"]) is int
    assert type(data["2022"]["mottatt"]) is int
    assert type(data["2023"]["saksbehandlingstid"]) is float
    assert type(data["2023"]["sp1.oppnadd"]) is int


def test_figures_json_eksakt_format(tmp_path):
    fil = skriv_figures_json({2023: {"b": 2, "a": 0.5}, 2022: {"a": 1}}, tmp_path / "f.json")
    assert fil.read_bytes() == (b'{\n "2022": {\n  "a": 1\n },\n "2023": {\n  "a": 0.5,\n  "b": 2\n }\n}\n')


def test_figures_json_deterministisk(tmp_path):
    a = skriv_figures_json(_figurer(), tmp_path / "a.json")
    # samme innhold, annen innsettingsrekkefølge
    omvendt = {ar: dict(reversed(list(v.items()))) for ar, v in reversed(list(_figurer().items()))}
    b = skriv_figures_json(omvendt, tmp_path / "b.json")
    c = skriv_figures_json(_figurer(), tmp_path / "c.json")
    assert a.read_bytes() == b.read_bytes() == c.read_bytes()


def test_figures_json_lager_mappe(tmp_path):
    fil = skriv_figures_json({2023: {"mottatt": 1}}, tmp_path / "ny" / "mappe" / "figures.json")
    assert fil.exists()


@pytest.mark.parametrize("verdi", [float("nan"), np.nan, np.float64("nan"), float("inf"), -np.inf, None, pd.NA])
def test_figures_json_avviser_nan_og_uendelig(tmp_path, verdi):
    fil = tmp_path / "figures.json"
    with pytest.raises(ValueError, match=r"'beholdning\.asyl'.*2023"):
        skriv_figures_json({2023: {"mottatt": 1, "beholdning.asyl": verdi}}, fil)
    assert not fil.exists()


def test_figures_json_avviser_tekst(tmp_path):
    with pytest.raises(TypeError, match="mottatt"):
        skriv_figures_json({2023: {"mottatt": "7029"}}, tmp_path / "f.json")


@pytest.mark.parametrize("figur_id", ["Mottatt", "behandlet.asyl ", "omgjøring", "a..b", "", 3])
def test_figures_json_avviser_ugyldig_id(tmp_path, figur_id):
    with pytest.raises(ValueError, match="ugyldig figur-id"):
        skriv_figures_json({2023: {figur_id: 1}}, tmp_path / "f.json")


def test_figures_json_avviser_dobbelt_ar(tmp_path):
    with pytest.raises(ValueError, match="2023"):
        skriv_figures_json({2023: {"a": 1}, "2023": {"a": 2}}, tmp_path / "f.json")


# ------------------------------------------------------------------- xlsx ---


def _tabeller():
    saker = pd.DataFrame(
        {
            "Mottatt": np.array([5923, 6000, 7029], dtype="int64"),
            "Snitt dager": [166.0, 160.5, 154.25],
            "Andel": [0.5, np.nan, 0.644],
            "Merknad": ["første", None, "=SUM(A1:A2)"],
        },
        index=pd.Index([2021, 2022, 2023], name="År"),
    )
    uten_indeks = pd.DataFrame({"Gruppe": ["asyl", "familie"], "Antall": [10, 20]}, index=[7, 8])
    return {"Saksflyt": saker, "Grupper": uten_indeks}


def _celler(fil):
    wb = openpyxl.load_workbook(fil)
    return {ark.title: [[c.value for c in rad] for rad in ark.iter_rows()] for ark in wb}


def test_xlsx_rundtur(tmp_path):
    fil = skriv_tabeller_xlsx(_tabeller(), tmp_path / "tabeller.xlsx", titler={"Saksflyt": "Tabell 1 Saksflyt"})
    wb = openpyxl.load_workbook(fil)
    assert wb.sheetnames == ["Saksflyt", "Grupper"]

    ark = wb["Saksflyt"]
    assert ark["A1"].value == "Tabell 1 Saksflyt"
    assert ark["A1"].font.b
    overskrifter = [c.value for c in ark[2]]
    assert overskrifter == ["År", "Mottatt", "Snitt dager", "Andel", "Merknad"]
    assert all(c.font.b for c in ark[2])
    assert [c.value for c in ark[3]] == [2021, 5923, 166, 0.5, "første"]
    assert [c.value for c in ark[4]] == [2022, 6000, 160.5, None, None]
    assert [c.value for c in ark[5]] == [2023, 7029, 154.25, 0.644, "=SUM(A1:A2)"]
    assert ark.max_row == 5
    assert not ark["C3"].font.b
    assert ark.freeze_panes == "A3"

    # uten tittel: overskrifter i rad 1, unavngitt indeks utelates
    ark = wb["Grupper"]
    assert [c.value for c in ark[1]] == ["Gruppe", "Antall"]
    assert all(c.font.b for c in ark[1])
    assert [[c.value for c in rad] for rad in ark.iter_rows(min_row=2)] == [
        ["asyl", 10],
        ["familie", 20],
    ]


def test_xlsx_tall_er_tall_og_tekst_er_aldri_formel(tmp_path):
    fil = skriv_tabeller_xlsx(_tabeller(), tmp_path / "t.xlsx")
    ark = openpyxl.load_workbook(fil)["Saksflyt"]
    for rad in ark.iter_rows(min_row=2, max_col=4):
        for c in rad:
            if c.value is not None:
                assert c.data_type == "n", c.coordinate
                assert isinstance(c.value, (int, float)) and not isinstance(c.value, bool)
    assert ark["E4"].data_type == "s"
    assert ark["E4"].value == "=SUM(A1:A2)"
    # pandas leser også tallene tilbake som tall
    df = pd.read_excel(fil, sheet_name="Saksflyt")
    assert df["Mottatt"].tolist() == [5923, 6000, 7029]
    assert pd.api.types.is_numeric_dtype(df["Snitt dager"])


def test_xlsx_kolonnebredde(tmp_path):
    df = pd.DataFrame({"A": ["x" * 30], "Lang overskrift her": [1], "C": ["y" * 500]})
    ark = openpyxl.load_workbook(skriv_tabeller_xlsx({"T": df}, tmp_path / "t.xlsx"))["T"]
    bredde = {k: ark.column_dimensions[k].width for k in "ABC"}
    assert bredde["A"] == 32
    assert bredde["B"] == len("Lang overskrift her") + 2
    assert bredde["C"] == 60  # tak


def test_xlsx_egenskaper_fast_tidspunkt(tmp_path):
    wb = openpyxl.load_workbook(skriv_tabeller_xlsx(_tabeller(), tmp_path / "t.xlsx"))
    assert wb.properties.created == FAST_TIDSPUNKT == dt.datetime(2000, 1, 1)
    assert wb.properties.modified == FAST_TIDSPUNKT


def test_xlsx_deterministisk(tmp_path):
    a = skriv_tabeller_xlsx(_tabeller(), tmp_path / "a.xlsx", titler={"Grupper": "G"})
    time.sleep(1.1)  # tidsstempler med sekundoppløsning ville ellers vært like uansett
    b = skriv_tabeller_xlsx(_tabeller(), tmp_path / "b.xlsx", titler={"Grupper": "G"})
    assert _celler(a) == _celler(b)
    assert a.read_bytes() == b.read_bytes()


def test_xlsx_arknavn_kortes_til_31_tegn(tmp_path):
    langt = "Behandlede saker etter saksgruppe og vedtaksform"
    fil = skriv_tabeller_xlsx({langt: pd.DataFrame({"a": [1]})}, tmp_path / "t.xlsx")
    assert openpyxl.load_workbook(fil).sheetnames == [langt[:31]]


def test_xlsx_arknavn_kollisjon_etter_korting(tmp_path):
    felles = "Behandlede saker etter saksgrup"  # 31 tegn
    assert len(felles) == 31
    tabeller = {felles + "pe": pd.DataFrame({"a": [1]}), felles + "per": pd.DataFrame({"a": [2]})}
    with pytest.raises(ValueError, match="blir like"):
        skriv_tabeller_xlsx(tabeller, tmp_path / "t.xlsx")
    assert not (tmp_path / "t.xlsx").exists()


def test_xlsx_arknavn_kollisjon_store_og_sma_bokstaver(tmp_path):
    with pytest.raises(ValueError, match="blir like"):
        skriv_tabeller_xlsx(
            {"Saker": pd.DataFrame({"a": [1]}), "saker": pd.DataFrame({"a": [1]})},
            tmp_path / "t.xlsx",
        )


@pytest.mark.parametrize("navn", ["a/b", "a:b", "[a]", "", "'a'"])
def test_xlsx_ugyldig_arknavn(tmp_path, navn):
    with pytest.raises(ValueError):
        skriv_tabeller_xlsx({navn: pd.DataFrame({"a": [1]})}, tmp_path / "t.xlsx")


def test_xlsx_ukjent_tittel_og_tom(tmp_path):
    with pytest.raises(ValueError, match="titler"):
        skriv_tabeller_xlsx({"A": pd.DataFrame({"a": [1]})}, tmp_path / "t.xlsx", {"B": "x"})
    with pytest.raises(ValueError, match="ingen tabeller"):
        skriv_tabeller_xlsx({}, tmp_path / "t.xlsx")


def test_xlsx_avviser_uendelig(tmp_path):
    with pytest.raises(ValueError, match=r"'T'.*'a'.*endelig"):
        skriv_tabeller_xlsx({"T": pd.DataFrame({"a": [1.0, np.inf]})}, tmp_path / "t.xlsx")


def test_xlsx_multiindeks_og_datoer(tmp_path):
    df = pd.DataFrame(
        [[1, 2, pd.Timestamp("2023-12-31")]],
        columns=pd.MultiIndex.from_tuples([("Asyl", "klage"), ("Asyl", "omgjøring"), ("Dato", "")]),
        index=pd.MultiIndex.from_tuples([("2023", "T3")], names=["År", "Tertial"]),
    )
    ark = openpyxl.load_workbook(skriv_tabeller_xlsx({"T": df}, tmp_path / "t.xlsx"))["T"]
    assert [c.value for c in ark[1]] == ["År", "Tertial", "Asyl – klage", "Asyl – omgjøring", "Dato"]
    assert [c.value for c in ark[2]] == ["2023", "T3", 1, 2, dt.datetime(2023, 12, 31)]


def test_xlsx_nullable_heltall(tmp_path):
    df = pd.DataFrame({"a": pd.array([1, None, 3], dtype="Int64")})
    ark = openpyxl.load_workbook(skriv_tabeller_xlsx({"T": df}, tmp_path / "t.xlsx"))["T"]
    assert [c.value for c in ark["A"]] == ["a", 1, None, 3]
    assert ark["A2"].data_type == "n"


# ------------------------------------------------------ titler, kilde, tallformater, lenker ---


def test_xlsx_flere_titler_kildelinje_og_tom_rad(tmp_path):
    fil = skriv_tabeller_xlsx(
        _tabeller(),
        tmp_path / "t.xlsx",
        titler={"Saksflyt": ["Figur 1: Mottatt", "Figur 3: Behandlet"]},
        kilder={"Saksflyt": "Kilde: UNEs saksregister, uttrekk 15.02.2024", "Grupper": "Kilde: X"},
    )
    wb = openpyxl.load_workbook(fil)
    ark = wb["Saksflyt"]
    assert [ark.cell(row=i, column=1).value for i in range(1, 6)] == [
        "Figur 1: Mottatt",
        "Figur 3: Behandlet",
        "Kilde: UNEs saksregister, uttrekk 15.02.2024",
        None,
        "År",
    ]
    assert ark["A1"].font.b and ark["A2"].font.b and ark["A3"].font.i and not ark["A3"].font.b
    assert ark.freeze_panes == "A6"
    assert [c.value for c in ark[6]] == [2021, 5923, 166, 0.5, "første"]
    # kildelinjen uten tittel: rad 1, tom rad, overskriftene i rad 3
    ark = wb["Grupper"]
    assert [ark.cell(row=i, column=1).value for i in (1, 2, 3)] == ["Kilde: X", None, "Gruppe"]
    # lange titler og kilder styrer ikke kolonnebredden
    assert ark.column_dimensions["A"].width == len("familie") + 2


def test_xlsx_norske_tallformater_etter_overskrift_og_verdi(tmp_path):
    df = pd.DataFrame(
        {
            "År": [2022, 2023],
            "Mottatt": [7029, 12],
            "Andel omgjort": [0.644, 0.1],
            "Endring 2022–23": [-0.05, 0.2],
            "Saksbehandlingstid (dager)": [154.25, 90.0],
            "Vekttall": [1776.971, 0.5],
            "Beløp": [-66440.0, -0.0],
            "Nådd": [True, False],
        }
    )
    fil = skriv_tabeller_xlsx({"T": df}, tmp_path / "t.xlsx")
    ark = openpyxl.load_workbook(fil)["T"]
    formater = {c.column_letter: c.number_format for c in ark[2]}
    assert formater == {
        "A": "0",
        "B": TALLFORMATER["antall"],
        "C": TALLFORMATER["andel"],
        "D": TALLFORMATER["andel"],
        "E": TALLFORMATER["dager"],
        "F": '#,##0.0##;"\u2212"#,##0.0##',
        "G": TALLFORMATER["kroner"],
        "H": "General",  # sannhetsverdier får ikke tallformat
    }
    assert TALLFORMATER["antall"] == '#,##0;"\u2212"#,##0'  # tusenskille, ekte minus
    assert TALLFORMATER["andel"] == '0.0 %;"\u2212"0.0 %'  # 64,4 % i norsk Excel
    with zipfile.ZipFile(fil) as z:
        assert not re.search(r"<v>-0(\.0)?</v>", z.read("xl/worksheets/sheet1.xml").decode())  # −0,0 blir 0
    assert ark["G3"].value == 0
    assert ark["B2"].value == 7029 and ark["B2"].data_type == "n"  # tallet er fortsatt et tall


def test_xlsx_formatvelger_per_ark(tmp_path):
    df = pd.DataFrame({"Tekst": ["Årsverk", "Lønn", "Andel"], "2023": [203.9, 1033463.5, 0.75]})
    kall = []

    def velg(rad, kolonne):
        kall.append((dict(rad), kolonne))
        return {"Årsverk": "desimal", "Lønn": "kroner", "Andel": '0.00" prosent"'}[rad["Tekst"]]

    ark = openpyxl.load_workbook(skriv_tabeller_xlsx({"T": df}, tmp_path / "t.xlsx", formater={"T": velg}))["T"]
    assert [ark.cell(row=i, column=2).number_format for i in (2, 3, 4)] == [
        TALLFORMATER["desimal"],
        TALLFORMATER["kroner"],
        '0.00" prosent"',
    ]
    assert kall[0] == ({"Tekst": "Årsverk", "2023": 203.9}, "2023")  # bare tallcellene spørres


def test_xlsx_lenker_til_andre_ark(tmp_path):
    innhold = pd.DataFrame({"Ark": ["Tabell 1", "Finnes ikke", "Tabell 1"], "Tekst": ["a", "b", "c"]})
    fil = skriv_tabeller_xlsx(
        {"Innhold": innhold, "Tabell 1": pd.DataFrame({"a": [1]})}, tmp_path / "t.xlsx", lenker={"Innhold": "Ark"}
    )
    ark = openpyxl.load_workbook(fil)["Innhold"]
    assert ark["A2"].hyperlink.location == "'Tabell 1'!A1" and ark["A2"].hyperlink.target is None
    assert ark["A3"].hyperlink is None
    assert ark["B2"].hyperlink is None
    with pytest.raises(ValueError, match="lenkekolonnen"):
        skriv_tabeller_xlsx({"I": innhold}, tmp_path / "u.xlsx", lenker={"I": "Side"})


@pytest.mark.parametrize("argument", ["kilder", "formater", "lenker"])
def test_xlsx_per_ark_for_ukjent_ark(tmp_path, argument):
    with pytest.raises(ValueError, match=f"{argument} for tabeller som ikke finnes"):
        skriv_tabeller_xlsx({"A": pd.DataFrame({"a": [1]})}, tmp_path / "t.xlsx", **{argument: {"B": "x"}})


def test_xlsx_deterministisk_med_alt(tmp_path):
    def skriv(navn):
        return skriv_tabeller_xlsx(
            {"Innhold": pd.DataFrame({"Ark": ["Saksflyt"]}), **_tabeller()},
            tmp_path / navn,
            titler={"Saksflyt": ["A", "B"]},
            kilder={"Saksflyt": "Kilde: X"},
            formater={"Saksflyt": lambda rad, kol: "andel" if kol == "Andel" else None},
            lenker={"Innhold": "Ark"},
        )

    a = skriv("a.xlsx")
    time.sleep(1.1)
    assert a.read_bytes() == skriv("b.xlsx").read_bytes()
