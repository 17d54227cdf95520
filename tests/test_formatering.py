"""Tester for arsrapport.presentasjon.formatering med håndregnede verdier.

NBSP (U+00A0) og MINUS (U+2212) skrives eksplisitt, så testene fanger opp om
et vanlig mellomrom eller en bindestrek sniker seg inn.
"""

from __future__ import annotations

import datetime as dt
import locale
import math
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from arsrapport.presentasjon import formatering as f
from arsrapport.presentasjon.formatering import (
    Endring,
    dager,
    dato,
    endring,
    endring_tekst,
    endring_verb,
    fra_til,
    kroner,
    prosent,
    prosent_ord,
    tall,
    tall_eller_strek,
)

NBSP = "\u00a0"
MINUS = "\u2212"
STREK = "\u2013"

MANGLER = [None, float("nan"), np.nan, pd.NA, Decimal("NaN")]


def test_konstanter():
    assert f.HARDT_MELLOMROM == NBSP
    assert f.MINUS == MINUS
    assert f.STREK == STREK


# ---------------------------------------------------------------- tall ---


@pytest.mark.parametrize(
    "x, desimaler, ventet",
    [
        (0, 0, "0"),
        (7, 0, "7"),
        (999, 0, "999"),
        (1000, 0, f"1{NBSP}000"),
        (7029, 0, f"7{NBSP}029"),
        (12112653, 0, f"12{NBSP}112{NBSP}653"),
        (-12112653, 0, f"{MINUS}12{NBSP}112{NBSP}653"),
        (186.24, 1, "186,2"),
        (186.2, 1, "186,2"),
        (186, 1, "186,0"),
        (1234.5678, 2, f"1{NBSP}234,57"),
        (-0.5, 1, f"{MINUS}0,5"),
        # halvt opp, bort fra null
        (0.5, 0, "1"),
        (1.5, 0, "2"),
        (2.5, 0, "3"),  # Babel/Python ville gitt 2 (halvt til partall)
        (5.5, 0, "6"),
        (-5.5, 0, f"{MINUS}6"),
        (-2.5, 0, f"{MINUS}3"),
        (2.45, 1, "2,5"),  # binært 2,4500000000000001776…
        (2.449, 1, "2,4"),
        (1.005, 2, "1,01"),  # binært 1,00499999999999989…
        (0.0005, 3, "0,001"),
        (0.0004999, 3, "0,000"),
        (-0.0005, 3, f"{MINUS}0,001"),
        (999.5, 0, f"1{NBSP}000"),
        # avrundet til null: uten fortegn
        (-0.4, 0, "0"),
        (-0.04, 1, "0,0"),
        (-0.0, 0, "0"),
        # andre talltyper
        (np.int64(7029), 0, f"7{NBSP}029"),
        (np.float64(2.45), 1, "2,5"),
        (Decimal("2.45"), 1, "2,5"),
    ],
)
def test_tall(x, desimaler, ventet):
    assert tall(x, desimaler) == ventet


def test_tall_bruker_ikke_maskinens_lokale():
    gammel = locale.setlocale(locale.LC_NUMERIC)
    try:
        for navn in ("en_US.UTF-8", "C.UTF-8", "C"):
            try:
                locale.setlocale(locale.LC_NUMERIC, navn)
            except locale.Error:
                continue
            assert tall(1234.5, 1) == f"1{NBSP}234,5"
    finally:
        locale.setlocale(locale.LC_NUMERIC, gammel)


@pytest.mark.parametrize("x", MANGLER)
def test_tall_mangler_gir_valueerror(x):
    with pytest.raises(ValueError, match=r"tall\(\): verdien mangler"):
        tall(x)


@pytest.mark.parametrize("x", [float("inf"), -math.inf])
def test_tall_uendelig_gir_valueerror(x):
    with pytest.raises(ValueError, match="ikke endelig"):
        tall(x)


@pytest.mark.parametrize("x", ["12", True, np.bool_(False), [1]])
def test_tall_ikke_tall_gir_typeerror(x):
    with pytest.raises(TypeError, match="forventet et tall"):
        tall(x)


def test_tall_negative_desimaler():
    with pytest.raises(ValueError, match="desimaler"):
        tall(1, -1)


# ------------------------------------------------------------- prosent ---


@pytest.mark.parametrize(
    "andel, desimaler, ventet",
    [
        (0.644, 1, f"64,4{NBSP}%"),
        (0.25, 1, f"25,0{NBSP}%"),
        (0, 1, f"0,0{NBSP}%"),
        (1, 1, f"100,0{NBSP}%"),
        (0.6445, 1, f"64,5{NBSP}%"),  # halv: opp
        (0.64449, 1, f"64,4{NBSP}%"),
        (0.0005, 1, f"0,1{NBSP}%"),  # 0,05 % → 0,1 %
        (0.0005, 0, f"0{NBSP}%"),
        (0.005, 0, f"1{NBSP}%"),
        (0.0245, 1, f"2,5{NBSP}%"),  # 0.0245*100 er 2,4499999… i flyttall
        (-0.072, 1, f"{MINUS}7,2{NBSP}%"),
        (12.5, 0, f"1{NBSP}250{NBSP}%"),
        (0.12345, 2, f"12,35{NBSP}%"),
    ],
)
def test_prosent(andel, desimaler, ventet):
    assert prosent(andel, desimaler) == ventet


def test_prosent_standard_en_desimal():
    assert prosent(0.25) == f"25,0{NBSP}%"


@pytest.mark.parametrize(
    "andel, desimaler, ventet",
    [
        (0.176, 1, f"17,6{NBSP}prosent"),
        (0.17649, 1, f"17,6{NBSP}prosent"),
        (0.17650, 1, f"17,7{NBSP}prosent"),
        (0.5, 0, f"50{NBSP}prosent"),
        (-0.01, 1, f"{MINUS}1,0{NBSP}prosent"),
    ],
)
def test_prosent_ord(andel, desimaler, ventet):
    assert prosent_ord(andel, desimaler) == ventet


@pytest.mark.parametrize("funksjon", [prosent, prosent_ord, kroner, dager])
@pytest.mark.parametrize("x", MANGLER)
def test_mangler_gir_valueerror_med_funksjonsnavn(funksjon, x):
    with pytest.raises(ValueError, match=rf"{funksjon.__name__}\(\): verdien mangler"):
        funksjon(x)


# -------------------------------------------------------------- kroner ---


@pytest.mark.parametrize(
    "x, desimaler, ventet",
    [
        (1033463, 0, f"kr{NBSP}1{NBSP}033{NBSP}463"),
        (1033462.5, 0, f"kr{NBSP}1{NBSP}033{NBSP}463"),
        (1033462.49, 0, f"kr{NBSP}1{NBSP}033{NBSP}462"),
        (0, 0, f"kr{NBSP}0"),
        (-1000, 0, f"kr{NBSP}{MINUS}1{NBSP}000"),
        (99.995, 2, f"kr{NBSP}100,00"),
        (1234.5, 2, f"kr{NBSP}1{NBSP}234,50"),
    ],
)
def test_kroner(x, desimaler, ventet):
    assert kroner(x, desimaler) == ventet


# --------------------------------------------------------------- dager ---


@pytest.mark.parametrize(
    "x, ventet",
    [
        (154, f"154{NBSP}dager"),
        (154.4, f"154{NBSP}dager"),
        (153.5, f"154{NBSP}dager"),
        (1, f"1{NBSP}dag"),
        (1.4, f"1{NBSP}dag"),
        (0.5, f"1{NBSP}dag"),
        (0.4, f"0{NBSP}dager"),
        (0, f"0{NBSP}dager"),
        (2, f"2{NBSP}dager"),
        (1234, f"1{NBSP}234{NBSP}dager"),
        (-1, f"{MINUS}1{NBSP}dag"),
        (-3, f"{MINUS}3{NBSP}dager"),
    ],
)
def test_dager(x, ventet):
    assert dager(x) == ventet


# ---------------------------------------------------------------- dato ---


@pytest.mark.parametrize(
    "d",
    [
        dt.date(2023, 12, 31),
        dt.datetime(2023, 12, 31, 23, 59),
        pd.Timestamp("2023-12-31"),
        pd.Timestamp("2023-12-31 10:00", tz="Europe/Oslo"),
        np.datetime64("2023-12-31"),
        "2023-12-31",
        " 2023-12-31T08:30:00 ",
    ],
)
def test_dato(d):
    assert dato(d) == "31.12.2023"


def test_dato_nuller_foran():
    assert dato(dt.date(2024, 1, 2)) == "02.01.2024"


@pytest.mark.parametrize("d", [None, pd.NaT, np.datetime64("NaT"), float("nan")])
def test_dato_mangler(d):
    with pytest.raises(ValueError, match=r"dato\(\): verdien mangler"):
        dato(d)


def test_dato_ugyldig_streng():
    with pytest.raises(ValueError, match="ISO-dato"):
        dato("31.12.2023")


def test_dato_feil_type():
    with pytest.raises(TypeError):
        dato(20231231)


# ------------------------------------------------------------- endring ---


def test_endring_okning():
    e = endring(131, 100)
    assert e == Endring(relativ=0.31, absolutt=31.0, retning="økning")


def test_endring_nedgang():
    e = endring(154, 166)
    assert e.retning == "nedgang"
    assert e.absolutt == -12.0
    assert e.relativ == pytest.approx(-12 / 166)


def test_endring_uendret():
    assert endring(5, 5) == Endring(relativ=0.0, absolutt=0.0, retning="uendret")


def test_endring_fra_null():
    assert endring(10, 0) == Endring(relativ=None, absolutt=10.0, retning="økning")
    assert endring(0, 0) == Endring(relativ=None, absolutt=0.0, retning="uendret")


def test_endring_negativt_utgangspunkt_folger_retningen():
    # fra −200 til −100 er en økning på 50 % av |−200|
    e = endring(-100, -200)
    assert e.retning == "økning"
    assert e.relativ == pytest.approx(0.5)


def test_endring_er_frosset():
    e = endring(2, 1)
    with pytest.raises(AttributeError):
        e.retning = "nedgang"  # type: ignore[misc]


@pytest.mark.parametrize("ny, gammel", [(None, 1), (1, float("nan")), (pd.NA, 1)])
def test_endring_mangler(ny, gammel):
    with pytest.raises(ValueError, match="verdien mangler"):
        endring(ny, gammel)


@pytest.mark.parametrize(
    "ny, gammel, ventet",
    [(131, 100, "økte"), (92.8, 100, "gikk ned"), (100, 100, "var uendret")],
)
def test_endring_verb(ny, gammel, ventet):
    assert endring_verb(ny, gammel) == ventet


def test_endring_verb_med_enhet_folger_visningen():
    # 100 → 100,04: eksakt en økning, men 0,04 % vises som 0,0 % → uendret
    assert endring_verb(100.04, 100) == "økte"
    assert endring_verb(100.04, 100, enhet="prosent") == "var uendret"
    assert endring_verb(100.4, 100, enhet="antall") == "var uendret"
    assert endring_verb(100.5, 100, enhet="antall") == "økte"


@pytest.mark.parametrize(
    "ny, gammel, ventet",
    [
        (131, 100, f"økte med 31{NBSP}%"),
        (92.8, 100, f"gikk ned med 7,2{NBSP}%"),
        (7029, 5923, f"økte med 19{NBSP}%"),  # 18,67 % → hele prosent
        (110, 100, f"økte med 10{NBSP}%"),  # akkurat 10 %: hele prosent
        (90, 100, f"gikk ned med 10{NBSP}%"),
        (109.96, 100, f"økte med 10{NBSP}%"),  # 9,96 → 10,0 → hele prosent
        (109.94, 100, f"økte med 9,9{NBSP}%"),
        (109.95, 100, f"økte med 10{NBSP}%"),  # 9,95 → 10,0 (halvt opp)
        (110.5, 100, f"økte med 11{NBSP}%"),  # 10,5 → 11 (halvt opp)
        (89.5, 100, f"gikk ned med 11{NBSP}%"),
        (1025, 1000, f"økte med 2,5{NBSP}%"),
        (100.05, 100, f"økte med 0,1{NBSP}%"),  # 0,05 → 0,1
        (100.04, 100, "var uendret"),  # 0,04 → 0,0
        (99.96, 100, "var uendret"),
        (100, 100, "var uendret"),
        (0, 0, "var uendret"),
        (300, 100, f"økte med 200{NBSP}%"),
        (12000, 1000, f"økte med 1{NBSP}100{NBSP}%"),
        (-100, -200, f"økte med 50{NBSP}%"),
    ],
)
def test_endring_tekst_prosent(ny, gammel, ventet):
    assert endring_tekst(ny, gammel) == ventet
    assert endring_tekst(ny, gammel, enhet="prosent") == ventet


def test_endring_tekst_prosent_fra_null_gir_valueerror():
    with pytest.raises(ValueError, match="udefinert"):
        endring_tekst(10, 0)


def test_endring_tekst_prosent_overstyrte_desimaler():
    assert endring_tekst(131.25, 100, desimaler=1) == f"økte med 31,3{NBSP}%"
    assert endring_tekst(92.8, 100, desimaler=0) == f"gikk ned med 7{NBSP}%"


@pytest.mark.parametrize(
    "ny, gammel, ventet",
    [
        (7029, 5923, f"økte med 1{NBSP}106"),
        (5923, 7029, f"gikk ned med 1{NBSP}106"),
        (10, 0, "økte med 10"),
        (100.5, 100, "økte med 1"),
        (99.5, 100, "gikk ned med 1"),
        (100.49, 100, "var uendret"),
        (5, 5, "var uendret"),
    ],
)
def test_endring_tekst_antall(ny, gammel, ventet):
    assert endring_tekst(ny, gammel, enhet="antall") == ventet


def test_endring_tekst_andre_enheter():
    assert endring_tekst(154, 166, enhet="dager") == f"gikk ned med 12{NBSP}dager"
    assert endring_tekst(167, 166, enhet="dager") == f"økte med 1{NBSP}dag"
    assert endring_tekst(0.25, 0.229, enhet="prosentpoeng") == f"økte med 2,1{NBSP}prosentpoeng"
    assert endring_tekst(0.2294, 0.229, enhet="prosentpoeng") == "var uendret"
    assert endring_tekst(0.2295, 0.229, enhet="prosentpoeng") == f"økte med 0,1{NBSP}prosentpoeng"
    assert endring_tekst(1045000, 1033000, enhet="kroner") == f"økte med kr{NBSP}12{NBSP}000"


def test_endring_tekst_ukjent_enhet():
    with pytest.raises(ValueError, match="ukjent enhet"):
        endring_tekst(2, 1, enhet="stk")


def test_endring_tekst_mangler():
    with pytest.raises(ValueError, match=r"endring_tekst\(\): verdien mangler"):
        endring_tekst(None, 1)


# ------------------------------------------------------------- fra_til ---


@pytest.mark.parametrize(
    "gammel, ny, enhet, ventet",
    [
        (166, 154, "dager", f"ned fra 166 til 154{NBSP}dager"),
        (154, 166, "dager", f"opp fra 154 til 166{NBSP}dager"),
        (154, 154, "dager", f"uendret på 154{NBSP}dager"),
        (154.2, 153.6, "dager", f"uendret på 154{NBSP}dager"),  # begge vises som 154
        (153.4, 153.5, "dager", f"opp fra 153 til 154{NBSP}dager"),
        (2, 1, "dager", f"ned fra 2 til 1{NBSP}dag"),
        (1200, 1300, "antall", f"opp fra 1{NBSP}200 til 1{NBSP}300"),
        (0.176, 0.192, "prosent", f"opp fra 17,6 til 19,2{NBSP}prosent"),
        (0.17649, 0.1765, "prosent", f"opp fra 17,6 til 17,7{NBSP}prosent"),
        (0.1761, 0.1764, "prosent", f"uendret på 17,6{NBSP}prosent"),
        (1000, 1200, "kroner", f"opp fra kr{NBSP}1{NBSP}000 til kr{NBSP}1{NBSP}200"),
        (-5, -10, "antall", f"ned fra {MINUS}5 til {MINUS}10"),
    ],
)
def test_fra_til(gammel, ny, enhet, ventet):
    assert fra_til(gammel, ny, enhet) == ventet


def test_fra_til_standard_er_dager_og_desimaler_kan_overstyres():
    assert fra_til(166, 154) == f"ned fra 166 til 154{NBSP}dager"
    assert fra_til(166.25, 154.04, desimaler=1) == f"ned fra 166,3 til 154,0{NBSP}dager"


def test_fra_til_feil():
    with pytest.raises(ValueError, match="ukjent enhet"):
        fra_til(1, 2, "stk")
    with pytest.raises(ValueError, match=r"fra_til\(\): verdien mangler"):
        fra_til(float("nan"), 2)


# ---------------------------------------------------- tall_eller_strek ---


@pytest.mark.parametrize(
    "x, ventet",
    [
        (0, STREK),
        (0.0, STREK),
        (-0.0, STREK),
        (np.int64(0), STREK),
        (None, STREK),
        (float("nan"), STREK),
        (np.nan, STREK),
        (pd.NA, STREK),
        (7029, f"7{NBSP}029"),
        (-3, f"{MINUS}3"),
        (0.3, "0"),  # ikke null, men avrundes til 0
        (2.5, "3"),
    ],
)
def test_tall_eller_strek(x, ventet):
    assert tall_eller_strek(x) == ventet


def test_tall_eller_strek_desimaler():
    assert tall_eller_strek(186.24, 1) == "186,2"
    assert tall_eller_strek(0, 1) == STREK


def test_tall_eller_strek_uendelig():
    with pytest.raises(ValueError, match="ikke endelig"):
        tall_eller_strek(float("inf"))


@pytest.mark.parametrize(
    "inn, ut",
    [
        ("245 686 285 / 262 965 000", f"245{NBSP}686{NBSP}285 / 262{NBSP}965{NBSP}000"),
        ("93,4 %, ikke 93,6 %", f"93,4{NBSP}%, ikke 93,6{NBSP}%"),
        ("kr 5 000 000", f"kr{NBSP}5{NBSP}000{NBSP}000"),
        ("+1,2 pp", f"+1,2{NBSP}pp"),
        # to årstall og et tall på fire sifre etter et ord står fortsatt med vanlig mellomrom
        ("2021 2022 og SP1 6100", "2021 2022 og SP1 6100"),
        ("i 12 saker, 7 dager", "i 12 saker, 7 dager"),
        ("kroner 5", "kroner 5"),
    ],
)
def test_harde_mellomrom_i_fritekst(inn, ut):
    assert f.harde_mellomrom(inn) == ut
