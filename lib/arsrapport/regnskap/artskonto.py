"""Artskontorapporteringen og Note 1–7 for et år, fra regnskapet med linjene fra kontoplanen
(:func:`arsrapport.regnskap.kontoplan.med_linjer`).
"""

from __future__ import annotations

import pandas as pd

from arsrapport.regnskap.oppsett import ARTSKONTO_OPPSETT, NOTE_OPPSETT, Seksjon, oppstillingslinjer


def _belop_per(df: pd.DataFrame, kolonne: str) -> dict[str, float]:
    return df.groupby(kolonne)["belop"].sum().to_dict()


def artskontorapportering(regnskap_linjer: pd.DataFrame, ar: int) -> dict[str, float]:
    """Linjene i artskontorapporteringen for året som ``{id: beløp}``: beløpslinjene slik de
    vises (innbetalinger positive), sumlinjene og nettolinjene."""
    r = regnskap_linjer.loc[regnskap_linjer["ar"] == ar]
    belop = _belop_per(r, "oppstilling_linje")
    ut: dict[str, float] = {}
    seksjonsbelop: dict[str, float] = {}  # rå beløp (med eget fortegn) per seksjon
    for s in ARTSKONTO_OPPSETT:
        if isinstance(s, Seksjon):
            for li in s.linjer:
                ut[li.id] = li.fortegn * belop.get(li.id, 0.0)
            nokkel = s.sum_id or "felleskapitler"
            if s.sum_id:
                ut[s.sum_id] = sum(ut[li.id] for li in s.linjer)
            seksjonsbelop[nokkel] = sum(belop.get(li.id, 0.0) for li in s.linjer)
        else:
            deler = seksjonsbelop.values() if s.seksjoner == ("*",) else (seksjonsbelop[k] for k in s.seksjoner)
            ut[s.id] = float(sum(deler))
    return ut


def note(regnskap_linjer: pd.DataFrame, nr: int, ar: int) -> dict[str, float]:
    """Note ``nr`` (1–7) for året: notelinjene slik de vises (med fortegnet til
    oppstillingslinjen de spesifiserer) og sumlinjene."""
    r = regnskap_linjer.loc[(regnskap_linjer["ar"] == ar) & (regnskap_linjer["note"] == nr)]
    fortegn = r["oppstilling_linje"].map(lambda li: oppstillingslinjer()[li].fortegn)
    vist = (r["belop"] * fortegn).groupby(r["note_linje"]).sum().to_dict()
    ut: dict[str, float] = {}
    for s in NOTE_OPPSETT[nr]:
        for li in s.linjer:
            ut[li.id] = float(vist.get(li.id, 0.0))
        ut[s.sum_id] = sum(ut[li.id] for li in s.linjer)
    return ut
