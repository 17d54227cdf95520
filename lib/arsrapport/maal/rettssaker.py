"""Rettssaker: målene i datakontraktens definisjoner for tabellen ``rettssaker``.

Én rad er én sak i én instans. Definisjonene (``docs/data-contract.md``, «Court»):

- **rettskraftige avgjørelser** i år Y: ``rettskraftig_dato`` i Y og ``utfall`` i
  (Medhold, Tap). Hevet/avvist er ikke dommer og telles ikke (Del VII tabell 5);
- **alle avgjørelser** i år Y: ``avgjort_dato`` i Y, uavhengig av rettskraft (tabell 7);
- **nye rettssaker** i år Y: ``innkommet_dato`` i Y, per instans (tabell 6);
- **rettssaksarbeid** i år Y: rader med ``hovedforhandling`` og ``avgjort_dato`` i Y,
  og summen av ``dager_i_retten`` for de samme radene (Tabell 4 / Del VII tabell 8).

Funksjonene tar en typet ``rettssaker``-tabell (datoer som datetime64, ``hovedforhandling``
bool, ``dager_i_retten`` tall eller tom). Tellinger returneres som ``int``, andeler som
brøk (0–1), gjennomsnitt som ``float``; en andel uten nevner er ``nan``.
"""

from __future__ import annotations

import math

import pandas as pd

#: instans i dataene -> kvalifikator i figur-id-ene
INSTANSER: dict[str, str] = {
    "Tingretten": "tingretten",
    "Lagmannsretten": "lagmannsretten",
    "Høyesterett": "hoyesterett",
}
#: utfall i dataene -> kvalifikator i figur-id-ene (rekkefølgen i Del VII tabell 7)
UTFALL: dict[str, str] = {
    "Hevet/avvist": "hevet_avvist",
    "Tap": "tap",
    "Medhold": "medhold",
}
DOMMER = ("Medhold", "Tap")
#: prosedyre i dataene -> kvalifikator
PROSEDYRE: dict[str, str] = {
    "Regjeringsadvokaten": "regjeringsadvokaten",
    "Prosedyreenheten": "prosedyreenheten",
    "Ekstern advokat": "ekstern_advokat",
}

SUM_INSTANS = "Sum for instans"
SUM_UTFALL = "Sum etter utfall"


def _i_ar(datoer: pd.Series, ar: int) -> pd.Series:
    """Sann der datoen ligger i kalenderåret ``ar`` (tom dato: usann)."""
    d = pd.to_datetime(datoer)
    return (d.dt.year == ar).fillna(False).astype(bool)


def _andel(teller: float, nevner: float) -> float:
    return teller / nevner if nevner else math.nan


def _hovedforhandling(rettssaker: pd.DataFrame) -> pd.Series:
    hf = rettssaker["hovedforhandling"]
    return hf.astype("boolean").fillna(False).astype(bool)


def rettskraftige(rettssaker: pd.DataFrame, ar: int) -> dict[str, float | int]:
    """Rettskraftige dommer i ``ar`` (Del VII tabell 5, 3.1.7)."""
    rk = rettssaker[_i_ar(rettssaker["rettskraftig_dato"], ar)]
    medhold = int((rk["utfall"] == "Medhold").sum())
    tap = int((rk["utfall"] == "Tap").sum())
    sum_ = medhold + tap
    return {
        "rettskraftige": sum_,
        "medhold": medhold,
        "tap": tap,
        "medhold_andel": _andel(medhold, sum_),
        "tap_andel": _andel(tap, sum_),
    }


def nye(rettssaker: pd.DataFrame, ar: int) -> dict[str, int]:
    """Nye rettssaker (stevninger og anker) innkommet i ``ar``, per instans (tabell 6)."""
    inn = rettssaker.loc[_i_ar(rettssaker["innkommet_dato"], ar), "instans"]
    ut: dict[str, int] = {q: int((inn == instans).sum()) for instans, q in INSTANSER.items()}
    ut["totalt"] = sum(ut.values())
    return ut


def avgjorelser(rettssaker: pd.DataFrame, ar: int) -> pd.DataFrame:
    """Alle avgjørelser i ``ar`` uavhengig av rettskraft: instans × utfall (tabell 7).

    Radene er instansene og ``Sum etter utfall``, kolonnene utfallene og ``Sum for instans``.
    """
    avg = rettssaker[_i_ar(rettssaker["avgjort_dato"], ar) & rettssaker["utfall"].notna()]
    tabell = (
        pd.crosstab(avg["instans"], avg["utfall"])
        .reindex(index=list(INSTANSER), columns=list(UTFALL), fill_value=0)
        .astype(int)
    )
    tabell.index.name = "instans"
    tabell.columns.name = "utfall"
    tabell[SUM_INSTANS] = tabell.sum(axis=1)
    tabell.loc[SUM_UTFALL] = tabell.sum(axis=0)
    return tabell


def rettssaksarbeid(rettssaker: pd.DataFrame, ar: int) -> dict[str, float | int]:
    """Hovedforhandlinger og dager i retten for saker avgjort i ``ar`` (Tabell 4)."""
    hf = rettssaker[_hovedforhandling(rettssaker) & _i_ar(rettssaker["avgjort_dato"], ar)]
    antall = len(hf)
    dager = pd.to_numeric(hf["dager_i_retten"], errors="coerce").sum(min_count=1)
    dager = 0 if pd.isna(dager) else int(round(float(dager)))
    return {
        "hovedforhandlinger": antall,
        "dager_i_retten": dager,
        "dager_per_sak": _andel(dager, antall),
    }


def prosedyre(rettssaker: pd.DataFrame, ar: int) -> dict[str, float | int]:
    """Hvem som førte de nye sakene i ``ar`` (3.2.21), som hjelpetall.

    ``nye.P``: nye saker i tingretten (stevninger) ført av P; ``anker.P``: nye anker
    (lagmannsretten og Høyesterett) ført av P; ``nye_andel.P``: ``nye.P`` ÷ alle nye
    stevninger (``rettssaker.nye_saker`` i :func:`figurer`; rapportens «72 nye rettssaker»
    er ikke definert, og boka bruker de nye sakene i tingretten).
    """
    inn = rettssaker[_i_ar(rettssaker["innkommet_dato"], ar)]
    ting = inn[inn["instans"] == "Tingretten"]
    anke = inn[inn["instans"] != "Tingretten"]
    ut: dict[str, float | int] = {}
    for p, q in PROSEDYRE.items():
        n = int((ting["prosedyre"] == p).sum())
        ut[f"nye.{q}"] = n
        ut[f"nye_andel.{q}"] = _andel(n, len(ting))
        ut[f"anker.{q}"] = int((anke["prosedyre"] == p).sum())
    return ut


def figurer(rettssaker: pd.DataFrame, ar: int) -> dict[str, float | int]:
    """Alle rettssakstallene for ``ar`` under figur-id-ene i ``docs/figures.md``."""
    ut: dict[str, float | int] = {}
    rk = rettskraftige(rettssaker, ar)
    for k in ("rettskraftige", "medhold", "tap", "medhold_andel", "tap_andel"):
        ut[f"rettssaker.{k}"] = rk[k]

    ny = nye(rettssaker, ar)
    for q in INSTANSER.values():
        ut[f"rettssaker.nye.{q}"] = ny[q]
    ut["rettssaker.nye"] = ny["totalt"]

    tab = avgjorelser(rettssaker, ar)
    for instans, q in INSTANSER.items():
        for utfall, u in UTFALL.items():
            ut[f"rettssaker.avgjorelser.{q}.{u}"] = int(tab.loc[instans, utfall])
        ut[f"rettssaker.avgjorelser.{q}"] = int(tab.loc[instans, SUM_INSTANS])
    for utfall, u in UTFALL.items():
        ut[f"rettssaker.avgjorelser.{u}"] = int(tab.loc[SUM_UTFALL, utfall])

    arb = rettssaksarbeid(rettssaker, ar)
    for k in ("hovedforhandlinger", "dager_i_retten", "dager_per_sak"):
        ut[f"rettssaker.{k}"] = arb[k]

    # 3.2.21: hvem som fører de nye sakene; «nye rettssaker» er de nye sakene i tingretten
    ut["rettssaker.nye_saker"] = ny["tingretten"]
    ut.update({f"rettssaker.{k}": v for k, v in prosedyre(rettssaker, ar).items()})
    return ut
