"""Gjenbruk av mellomresultater som regnes ut av de samme tabellene flere ganger i ett bygg.

Flere mål trenger de samme avledede kolonnene (:func:`arsrapport.maal.saksbehandling.med_avledede`,
:func:`arsrapport.maal.portefolje.segmentkolonner`, merkehistorikken i prioporteføljen); på et
register med en million saker koster hver utregning et halvt sekund. :func:`husk_per_tabell`
husker resultatet for de samme tabell-*objektene* (uttrekkets tabeller endres aldri etter at
de er lest), og gir hver kaller sin egen kopi (copy-on-write i pandas: en kaller som endrer
kopien, endrer ikke det som huskes). En tabell som er borte, huskes ikke (svak referanse).
"""

from __future__ import annotations

import functools
import weakref
from collections import OrderedDict
from collections.abc import Callable

import pandas as pd

#: Så mange ulike inndata huskes per funksjon (de sist brukte).
PLASSER = 4


def husk_per_tabell(funksjon: Callable[..., pd.DataFrame]) -> Callable[..., pd.DataFrame]:
    """Husk ``funksjon(*tabeller)`` for de samme tabellobjektene (bare posisjonsargumenter)."""
    minne: OrderedDict[tuple[int, ...], tuple[tuple[weakref.ref, ...], pd.DataFrame]] = OrderedDict()

    @functools.wraps(funksjon)
    def husket(*tabeller: pd.DataFrame) -> pd.DataFrame:
        nokkel = tuple(id(t) for t in tabeller)
        treff = minne.get(nokkel)
        if treff is not None and all(r() is t for r, t in zip(treff[0], tabeller)):
            minne.move_to_end(nokkel)
            return treff[1].copy(deep=False)
        ut = funksjon(*tabeller)
        minne[nokkel] = (tuple(weakref.ref(t) for t in tabeller), ut)
        while len(minne) > PLASSER:
            minne.popitem(last=False)
        return ut.copy(deep=False)

    husket.glem = minne.clear  # type: ignore[attr-defined]
    return husket
