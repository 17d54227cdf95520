"""Kontoplanen: hvilken oppstillings- og notelinje hver rad i regnskapet hører til, etter
kontointervallene i referansetabellen ``kontoplan``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from arsrapport.regnskap.feil import Regnskapsfeil


def konto_treff(artskonto: pd.Series, kontoplan: pd.DataFrame) -> pd.DataFrame:
    """Alle (rad i regnskapet, rad i kontoplanen) der kontoen ligger i intervallet. Kontoen
    sammenlignes med intervaller med like mange sifre (en 6-sifret statskonto treffer ikke
    et 4-sifret intervall)."""
    konto = artskonto.astype(str).str.strip().reset_index(drop=True)
    fra = kontoplan["artskonto_fra"].astype(str).str.strip()
    til = kontoplan["artskonto_til"].astype(str).str.strip()
    rader = []
    for j in range(len(kontoplan)):
        maske = (konto.str.len() == len(fra.iloc[j])) & (konto >= fra.iloc[j]) & (konto <= til.iloc[j])
        for i in np.flatnonzero(maske.to_numpy()):
            rader.append((int(i), j))
    # «rad» er posisjonen i regnskapet (ikke indeksetiketten, som kan gjentas)
    return pd.DataFrame(rader, columns=["rad", "plan"])


def med_linjer(regnskap: pd.DataFrame, kontoplan: pd.DataFrame) -> pd.DataFrame:
    """Regnskapet med ``oppstilling_linje``, ``note``, ``note_linje`` og
    ``utenfor_lonn_per_arsverk`` fra kontoplanen. Hver rad må treffe nøyaktig ett intervall;
    ellers :class:`Regnskapsfeil` (innlesingen melder det samme med fil, rad og verdi)."""
    treff = konto_treff(regnskap["artskonto"], kontoplan)
    antall = treff.groupby("rad").size().reindex(range(len(regnskap)), fill_value=0)
    feil = [
        f"regnskap: konto {regnskap['artskonto'].iloc[i]} ({regnskap['ar'].iloc[i]}) treffer "
        f"{'ingen linje' if n == 0 else f'{n} intervaller'} i kontoplan"
        for i, n in antall.items()
        if n != 1
    ]
    if feil:
        raise Regnskapsfeil(feil)
    plan = kontoplan.reset_index(drop=True)
    j = treff.set_index("rad")["plan"].reindex(range(len(regnskap))).to_numpy()
    ut = regnskap.copy()
    ut["oppstilling_linje"] = plan["oppstilling_linje"].to_numpy()[j]
    noter = pd.to_numeric(plan["note"], errors="coerce").to_numpy()[j]
    ut["note"] = pd.array([int(n) if pd.notna(n) else pd.NA for n in noter], dtype="Int64")
    ut["note_linje"] = plan["note_linje"].to_numpy()[j]
    utenfor = (
        plan["utenfor_lonn_per_arsverk"] if "utenfor_lonn_per_arsverk" in plan else pd.Series(False, index=plan.index)
    )
    ut["utenfor_lonn_per_arsverk"] = utenfor.fillna(False).astype(bool).to_numpy()[j]
    return ut
