"""Syntetisk tabell ``uiv``: begjæringer om utsatt iverksetting i Dublinsaker (3.2.3).

Kalibrert mot ``uiv.mottatt`` 2021–2023 (101 / 369 / 585) og ``uiv.behandlet`` 2023 (524),
som gjenskapes eksakt. Månedsprofilen (Figur 14 finnes bare som diagram) er et anslag:
lav start i 2021, jevn økning gjennom 2022 og en høyere, ujevn inngang i 2023.

De fleste begjæringene avgjøres i løpet av noen få virkedager. Ved utgangen av 2023
hopet sakene seg opp (585 mottatt, 524 behandlet): de siste begjæringene fra november og
desember 2023 avgjøres i januar–februar 2024, og noen få er ubehandlet på uttrekksdatoen
15.2.2024. Et lite antall begjæringer kommer inn i 2024 før uttrekket. De aller fleste
avslås; noen få gis utsatt iverksetting. ``sak_id`` (når klagesaken er kjent) er en sak
mottatt samme år som begjæringen eller året etter, når sak-id-ene har årstall foran.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from uttrekksgenerator.kalibrering import Mal
from uttrekksgenerator.rettssaker import trekk_saker

KOLONNER = ["uiv_id", "sak_id", "mottatt_dato", "avgjort_dato", "resultat"]
EKSTRAKT = pd.Timestamp("2024-02-15")
AR = (2021, 2022, 2023)
RAPPORTAR = 2023

# relativ månedsprofil per år (januar–desember)
PROFIL = {
    2021: [1, 1, 2, 3, 5, 7, 9, 11, 13, 14, 16, 18],
    2022: [18, 20, 22, 24, 26, 28, 30, 32, 34, 36, 38, 40],
    2023: [42, 38, 50, 44, 58, 36, 40, 62, 46, 54, 48, 66],
}
STANDARD_MOTTATT = {2021: 101, 2022: 369, 2023: 585}
STANDARD_BEHANDLET = 524
MOTTATT_2024 = 8  # 1.1.–14.2.2024
UBEHANDLET_VED_UTTREKK = 4  # fra slutten av 2023
ANDEL_INNVILGET = 0.07
ANDEL_MED_SAK = 0.65  # klagesaken er ofte ikke kommet til UNE ennå

_HELLIGDAGER = {(1, 1), (5, 1), (5, 17), (12, 24), (12, 25), (12, 26), (12, 31)}


def _virkedager(fra, til) -> pd.DatetimeIndex:
    d = pd.bdate_range(fra, til)
    return d[[(x.month, x.day) not in _HELLIGDAGER for x in d]]


def _forsinkelse(rng: np.random.Generator) -> int:
    """Virkedager fra mottak til avgjørelse: oftest 0–3, av og til et par uker."""
    if rng.random() < 0.9:
        return int(rng.geometric(0.45)) - 1
    return int(rng.integers(5, 16))


def _legg_til_virkedager(dag: pd.Timestamp, n: int, dager: pd.DatetimeIndex) -> pd.Timestamp:
    i = dager.searchsorted(dag)
    return dager[min(i + n, len(dager) - 1)]


def lag_uiv(rng: np.random.Generator, mal: Mal, sak_ider: np.ndarray) -> pd.DataFrame:
    """Tabellen ``uiv`` (kolonner som i datakontrakten), kalibrert mot ``mal``."""
    mottatt = {ar: int(mal("uiv.mottatt", ar, STANDARD_MOTTATT[ar])) for ar in AR}
    behandlet = int(mal("uiv.behandlet", RAPPORTAR, STANDARD_BEHANDLET))
    alle_dager = _virkedager(f"{AR[0]}-01-01", f"{RAPPORTAR + 1}-12-31")

    rader = []
    for ar in AR:
        p = np.array(PROFIL[ar], dtype=float)
        per_mnd = rng.multinomial(mottatt[ar], p / p.sum())
        for mnd, n in enumerate(per_mnd, start=1):
            start = pd.Timestamp(year=ar, month=mnd, day=1)
            dager = _virkedager(start, start + pd.offsets.MonthEnd(0))
            for d in sorted(dager[rng.integers(len(dager), size=n)]):
                rader.append({"mottatt_dato": d})
    dager_2024 = _virkedager(f"{RAPPORTAR + 1}-01-02", EKSTRAKT - pd.Timedelta(days=1))
    for d in sorted(dager_2024[rng.integers(len(dager_2024), size=MOTTATT_2024)]):
        rader.append({"mottatt_dato": d})

    # avgjørelser: noen få virkedager etter mottak
    for r in rader:
        r["avgjort_dato"] = _legg_til_virkedager(r["mottatt_dato"], _forsinkelse(rng), alle_dager)

    # rapportåret: eksakt antall behandlet. Begjæringer fra året før som ble avgjort i
    # rapportåret teller med; så mange av rapportårets egne som trengs, avgjøres i året,
    # resten (de siste, i en kø mot slutten av året) i 2024 eller ikke før uttrekket.
    siste_dag = _virkedager(f"{RAPPORTAR}-12-01", f"{RAPPORTAR}-12-31")[-1]
    fjorarets = sum(1 for r in rader if r["mottatt_dato"].year < RAPPORTAR and r["avgjort_dato"].year == RAPPORTAR)
    egne = [r for r in rader if r["mottatt_dato"].year == RAPPORTAR]
    i_aret = behandlet - fjorarets
    ko = len(egne) - i_aret
    if not 0 <= ko <= len(egne):
        raise ValueError("uiv: behandlet og mottatt i rapportåret går ikke opp")
    # køen: de siste ``ko`` begjæringene, med litt tilfeldighet i rekkefølgen
    rekkefolge = sorted(
        range(len(egne)), key=lambda i: egne[i]["mottatt_dato"] + pd.Timedelta(days=float(rng.normal(0, 6)))
    )
    i_ko = set(rekkefolge[len(egne) - ko :])
    ko_rader = sorted((egne[i] for i in i_ko), key=lambda r: r["mottatt_dato"])
    for i, r in enumerate(egne):
        if i in i_ko:
            continue
        if r["avgjort_dato"] > siste_dag:  # mottatt i romjulen: avgjort siste virkedag
            r["avgjort_dato"] = siste_dag
    januar = _virkedager(f"{RAPPORTAR + 1}-01-02", EKSTRAKT - pd.Timedelta(days=1))
    n_ubeh = min(UBEHANDLET_VED_UTTREKK, len(ko_rader))
    behandles = ko_rader[: len(ko_rader) - n_ubeh]
    datoer = sorted(januar[rng.integers(0, len(januar), size=len(behandles))])
    for r, d in zip(behandles, datoer):
        r["avgjort_dato"] = d
    for r in ko_rader[len(ko_rader) - n_ubeh :]:
        r["avgjort_dato"] = None
    # 2024: avgjort senest dagen før uttrekket, ellers ubehandlet
    for r in rader:
        if r["avgjort_dato"] is not None and r["avgjort_dato"] >= EKSTRAKT:
            r["avgjort_dato"] = None

    for r in rader:
        r["resultat"] = (
            None if r["avgjort_dato"] is None else ("Innvilget" if rng.random() < ANDEL_INNVILGET else "Avslått")
        )

    df = pd.DataFrame(rader).sort_values("mottatt_dato", kind="stable").reset_index(drop=True)
    lopenr = df.groupby(df["mottatt_dato"].dt.year).cumcount() + 1
    df["uiv_id"] = [f"U-{d.year}-{n:04d}" for d, n in zip(df["mottatt_dato"], lopenr)]
    # klagesaken kommer til UNE etter begjæringen: samme år eller året etter
    med_sak = rng.random(len(df)) < ANDEL_MED_SAK
    saker = trekk_saker(rng, sak_ider, df["mottatt_dato"].dt.year.tolist(), forskyvning={0: 0.7, 1: 0.3})
    df["sak_id"] = [s if m else None for s, m in zip(saker, med_sak)]
    for k in ("mottatt_dato", "avgjort_dato"):
        df[k] = pd.to_datetime(df[k])
    df["resultat"] = df["resultat"].astype(object).where(df["resultat"].notna(), None)
    df["sak_id"] = df["sak_id"].astype(object).where(df["sak_id"].notna(), None)
    return df[KOLONNER]
