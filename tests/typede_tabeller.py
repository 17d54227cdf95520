"""Felles hjelper for testene: små håndlagde tabeller med innlesingens typer."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from arsrapport.innlesing import DATOTYPE, TEKSTTYPE


def typet_tabell(kolonner: Sequence[str], rader: Sequence[tuple], datokolonner: Sequence[str] = ()) -> pd.DataFrame:
    """Tekst/enum som ``str`` (tom = NaN), datoer som ``datetime64[us]`` (tom = NaT).
    Hver rad er en tuppel i rekkefølgen ``kolonner``; ``None`` er en tom verdi."""
    df = pd.DataFrame(list(rader), columns=list(kolonner), dtype=object)
    for k in kolonner:
        if k in datokolonner:
            df[k] = pd.to_datetime(df[k]).astype(DATOTYPE)
        else:
            df[k] = df[k].astype(TEKSTTYPE)
    return df
