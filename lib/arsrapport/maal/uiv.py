"""Begjæringer om utsatt iverksetting (UIV) i Dublinsaker, tabellen ``uiv`` (3.2.3).

- **mottatt** i år Y: ``mottatt_dato`` i Y;
- **behandlet** i år Y: ``avgjort_dato`` i Y (uansett resultat);
- **mottatt per måned**: ``mottatt_dato`` i måned M av år Y (Figur 14).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd


def _datoer(serie: pd.Series) -> pd.Series:
    return pd.to_datetime(serie)


def mottatt(uiv: pd.DataFrame, ar: int) -> int:
    return int((_datoer(uiv["mottatt_dato"]).dt.year == ar).sum())


def behandlet(uiv: pd.DataFrame, ar: int) -> int:
    return int((_datoer(uiv["avgjort_dato"]).dt.year == ar).sum())


def per_maned(uiv: pd.DataFrame, ar_liste: Iterable[int]) -> pd.DataFrame:
    """Mottatte begjæringer per måned (rader 1–12) og år (kolonner), til Figur 14."""
    ar_liste = [int(a) for a in ar_liste]
    d = _datoer(uiv["mottatt_dato"]).dropna()
    d = d[d.dt.year.isin(ar_liste)]
    tabell = pd.crosstab(d.dt.month, d.dt.year).reindex(index=range(1, 13), columns=ar_liste, fill_value=0).astype(int)
    tabell.index.name = "maned"
    tabell.columns.name = "ar"
    return tabell


def figurer(uiv: pd.DataFrame, ar: int) -> dict[str, int]:
    """UIV-tallene for ``ar`` under figur-id-ene i ``docs/figures.md``."""
    ut: dict[str, int] = {
        "uiv.mottatt": mottatt(uiv, ar),
        "uiv.behandlet": behandlet(uiv, ar),
    }
    mnd = per_maned(uiv, [ar])[ar]
    for m in range(1, 13):
        ut[f"uiv.mottatt.mnd.{m:02d}"] = int(mnd.loc[m])
    return ut
