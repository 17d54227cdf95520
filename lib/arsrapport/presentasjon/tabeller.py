"""Tabellene slik boka viser dem: tall formatert på norsk (tusenskille, desimalkomma,
prosent), «–» for null. Regnearket ``tabeller.xlsx`` får de uformaterte tallene."""

from __future__ import annotations

import re

import pandas as pd

from arsrapport.presentasjon import formatering as fmt

# et tall, eventuelt uthevet (sumlinjer: **1 234**)
_TALL = re.compile(r"^(\*\*)?(kr\s)?[\d\s\u00a0\u2212,.%–-]*(\sdager?)?(\*\*)?$")


def vis(tab: pd.DataFrame, andeler=(), dager=(), strek_for_null: bool = False) -> pd.DataFrame:
    """En kopi der tallkolonnene er norske tekster, klar for visning i boka."""
    ut = tab.copy()
    for kol in ut.columns:
        serie = ut[kol]
        if kol in andeler:
            ut[kol] = [fmt.prosent(v) if pd.notna(v) else "" for v in serie]
        elif kol in dager:
            ut[kol] = [fmt.tall(v) if pd.notna(v) else "" for v in serie]
        elif pd.api.types.is_numeric_dtype(serie):
            ut[kol] = [
                (fmt.tall_eller_strek(v) if strek_for_null else fmt.tall(v)) if pd.notna(v) else "" for v in serie
            ]
    return ut


def som_html(tab: pd.DataFrame):
    """Objekt med HTML- og tekstvisning (uten pandas' indeks), til glue og notatbokvisning."""
    return _Tabell(tab)


class _Tabell:
    def __init__(self, tab: pd.DataFrame):
        self.tab = tab

    def _repr_html_(self) -> str:
        return self.tab.to_html(index=False, border=0, classes="tabell", escape=True)

    def _repr_markdown_(self) -> str:
        kol = [str(k) for k in self.tab.columns]
        # tallkolonner høyrejustert, tekst venstrejustert, som i trykte tabeller
        justering = [
            "---:" if i > 0 and all(_TALL.match(str(v)) for v in self.tab.iloc[:, i]) else ":---"
            for i in range(len(kol))
        ]
        linjer = ["| " + " | ".join(kol) + " |", "|" + "|".join(justering) + "|"]
        for rad in self.tab.itertuples(index=False):
            linjer.append("| " + " | ".join(str(v) for v in rad) + " |")
        return "\n".join(linjer)

    def __repr__(self) -> str:
        return self.tab.to_string(index=False)


def kapittel_3_1(tab: dict[str, pd.DataFrame]) -> dict[str, _Tabell]:
    """Tabell 2–4 i kapittel 3.1 slik boka viser dem, under merkene i boka (``tab-3-1-…``)."""
    return {
        "tab-3-1-form": som_html(vis(tab["tab-3-1-form"], andeler=["Andel omgjort"])),
        "tab-3-1-beholdning": som_html(vis(tab["tab-3-1-beholdning"], strek_for_null=True)),
        "tab-3-1-rettssaker": som_html(vis(tab["tab-3-1-rettssaker"])),
    }


OVERSIKT_ANDELER = ["Andel omgjort", "Andel i nemndmøte"]
OVERSIKT_DAGER = ["Snittalder i fjor (dager)", "Snittalder (dager)", "Saksbehandlingstid (dager)"]


# korte kolonnenavn i boka (tabellteksten forklarer dem); regnearket har de fulle navnene
OVERSIKT_KORT = {
    "Ubehandlet 31.12. i fjor": "Ubeh. 1.1.",
    "Ubehandlet 31.12.": "Ubeh. 31.12.",
    "Saksbehandlingstid (dager)": "Tid",
    "Andel omgjort": "Omgjort",
    "Andel i nemndmøte": "Nemndmøte",
}


# boka viser ikke henlagte og snittalder i porteføljetabellene (de får ikke plass på en
# trykt side; teksten og Figur 15 har dem, og regnearket har alle kolonnene)
OVERSIKT_IKKE_I_BOKA = ["Henlagt", "Snittalder i fjor (dager)", "Snittalder (dager)"]


def oversikt(tab: pd.DataFrame) -> _Tabell:
    """En porteføljeoversikt (``portefolje.oversikt``) slik boka viser den."""
    vist = vis(
        tab.drop(columns=OVERSIKT_IKKE_I_BOKA), andeler=OVERSIKT_ANDELER, dager=OVERSIKT_DAGER, strek_for_null=True
    )
    return som_html(vist.rename(columns=OVERSIKT_KORT))


def kapittel_3_2(tab: dict[str, pd.DataFrame]) -> dict[str, _Tabell]:
    """Tabell 5–9 og porteføljetabellene i kapittel 3.2 under merkene i boka (``tab-3-2-…``)."""
    return {
        "tab-3-2-sp1": som_html(tab["tab-3-2-sp1"]),
        "tab-3-2-asyl-beholdning": som_html(vis(tab["tab-3-2-asyl-beholdning"])),
        "tab-3-2-asylspor": oversikt(tab["tab-3-2-asylspor"]),
        "tab-3-2-sp2": som_html(tab["tab-3-2-sp2"]),
        "tab-3-2-opphold-beholdning": som_html(vis(tab["tab-3-2-opphold-beholdning"])),
        "tab-3-2-saksgrupper": oversikt(tab["tab-3-2-saksgrupper"]),
        "tab-3-2-arbeid": oversikt(tab["tab-3-2-arbeid"]),
        "tab-3-2-andre": oversikt(tab["tab-3-2-andre"]),
        "tab-3-2-sp3": som_html(tab["tab-3-2-sp3"]),
        "tab-3-2-tilbakekall": oversikt(tab["tab-3-2-tilbakekall"]),
    }
