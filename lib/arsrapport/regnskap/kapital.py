"""Kapitalkontoene, oversikten over mellomværendet med statskassen og Note 8 (bokført avregning
mot rapportert mellomværende).
"""

from __future__ import annotations

import pandas as pd

from arsrapport.regnskap.feil import ManglerGrunnlag
from arsrapport.regnskap.oppsett import MELLOMVAERENDE_LINJER, NOTE8_OPPSETT, mellomvaerendelinje


def _er_endring_mellomvaerende(tekst) -> bool:
    return "mellomværende" in str(tekst).casefold()


def kapitalkontoer(kapital: pd.DataFrame, ar: int) -> pd.DataFrame:
    """Kapitalkontoene for året: konto, tekst, beløp; ``endring_mellomvaerende`` merker
    linjen for endringen i mellomværendet med statskassen (teksten nevner mellomværende)."""
    k = kapital.loc[kapital["ar"] == ar, ["konto", "tekst", "belop"]].reset_index(drop=True)
    k["endring_mellomvaerende"] = k["tekst"].map(_er_endring_mellomvaerende)
    return k


def mellomvaerende(mv: pd.DataFrame, ar: int) -> pd.DataFrame:
    """Mellomværendet for året med standardlinjen hver rad tilhører (``oversikt_id``, ``note8``)."""
    m = mv.loc[mv["ar"] == ar].copy()
    linjer = m["linje"].map(mellomvaerendelinje)
    ukjente = sorted({str(t) for t, li in zip(m["linje"], linjer) if li is None})
    if ukjente:
        raise ManglerGrunnlag("mellomvaerende: ukjent linje " + ", ".join(f"«{t}»" for t in ukjente))
    m["oversikt_id"] = [li.oversikt_id for li in linjer]
    m["note8"] = [li.note8 for li in linjer]
    return m.reset_index(drop=True)


def mellomvaerende_oversikt(mv: pd.DataFrame, ar: int) -> dict[str, float]:
    """Oversikten over mellomværendet (rapportert): alle de 15 standardlinjene (0 når uttrekket
    ikke har linjen) og summen av dem."""
    m = mellomvaerende(mv, ar)
    ut = {li.oversikt_id: 0.0 for li in MELLOMVAERENDE_LINJER}
    for oid, v in m.groupby("oversikt_id")["rapportert"].sum().items():
        ut[oid] = float(v)
    ut["sum"] = float(m["rapportert"].sum())
    return ut


def note8(mv: pd.DataFrame, ar: int) -> dict[str, float]:
    """Note 8: bokført, rapportert og forskjell per linje, per gruppe og i alt
    (``<linje>.bokfort``, ``.rapportert``, ``.forskjell``)."""
    m = mellomvaerende(mv, ar)
    per = m.groupby("note8")[["bokfort", "rapportert"]].sum()
    ut: dict[str, float] = {}
    total = {"bokfort": 0.0, "rapportert": 0.0}
    for _gruppe, sum_id, linjer in NOTE8_OPPSETT:
        s = {"bokfort": 0.0, "rapportert": 0.0}
        for lid, _ in linjer:
            for kol in s:
                v = float(per.at[lid, kol]) if lid in per.index else 0.0
                ut[f"{lid}.{kol}"] = v
                s[kol] += v
            ut[f"{lid}.forskjell"] = ut[f"{lid}.bokfort"] - ut[f"{lid}.rapportert"]
        for kol in s:
            ut[f"{sum_id}.{kol}"] = s[kol]
            total[kol] += s[kol]
        ut[f"{sum_id}.forskjell"] = s["bokfort"] - s["rapportert"]
    ut["sum.bokfort"], ut["sum.rapportert"] = total["bokfort"], total["rapportert"]
    ut["sum.forskjell"] = total["bokfort"] - total["rapportert"]
    return ut
