"""Kapitlene boka beregner, samlet: alle tall og alle tabeller for et rapportår.

Brukes av avstemmingsvedlegget og av ``tabeller.xlsx``; kapittelnotatbøkene kaller hvert
sitt kapittelmodul direkte."""

from __future__ import annotations

import pandas as pd

from arsrapport import (
    avstemming, kapittel_3_1, kapittel_3_2, prioriterte_saker, produktivitet, regnskap, vedlegg_statistikk,
)
from arsrapport.regneark import Ark


#: Kapittelmodulene: hver har ``figurer``, ``tabeller`` og ``REGNEARK``.
KAPITLER = (kapittel_3_1, kapittel_3_2, produktivitet, prioriterte_saker, vedlegg_statistikk, regnskap)


def figurer(uttrekk, ar: int) -> dict[int, dict[str, float]]:
    ut: dict[int, dict[str, float]] = {}
    for modul in KAPITLER:
        for a, verdier in modul.figurer(uttrekk, ar).items():
            ut.setdefault(a, {}).update(verdier)
    return ut


def tabeller(uttrekk, ar: int) -> dict[str, pd.DataFrame]:
    return {navn: tabell for modul in KAPITLER for navn, tabell in modul.tabeller(uttrekk, ar).items()}


def regneark() -> dict[str, Ark]:
    """Alle ``REGNEARK``-oppføringene (kapitlene og avstemmingen): tabellnøkkel → :class:`Ark`."""
    ut: dict[str, Ark] = {}
    for modul in (*KAPITLER, avstemming):
        for nokkel, spek in modul.REGNEARK.items():
            if nokkel in ut:
                raise ValueError(f"tabellen {nokkel!r} står i REGNEARK i mer enn én modul")
            ut[nokkel] = spek
    return ut
