"""Skriv hele det syntetiske uttrekket: alle tabellene i datakontrakten som CSV."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from uttrekksgenerator import okonomi, referanse
from uttrekksgenerator import prioritet as gen_prioritet
from uttrekksgenerator import rettssaker as gen_rettssaker
from uttrekksgenerator import uiv as gen_uiv
from uttrekksgenerator.kalibrering import Mal
from uttrekksgenerator.saker import lag_saker

STANDARD_FRO = 20240215
PRIORITET_STROM = 3000  # spawn_key for prioporteføljens tilfeldighetsstrøm


def lag_tabeller(fro: int = STANDARD_FRO, mal: Mal | None = None) -> dict[str, pd.DataFrame]:
    mal = mal or Mal()
    rng = np.random.default_rng(fro)
    saker = lag_saker(rng, mal)
    sak_ider = saker["sak_id"].to_numpy()
    dublin = saker.loc[saker["asylspor"].eq("Dublin"), "sak_id"].to_numpy()
    uiv = gen_uiv.lag_uiv(rng, mal, dublin)
    rettssaker = gen_rettssaker.lag_rettssaker(rng, mal, sak_ider, saker)
    # prioporteføljen (issue 7) trekkes fra en egen strøm etter alt annet: ingen av trekkene
    # over flytter seg, og de nye kolonnene kommer bak de gamle i saker
    rng_prioritet = np.random.default_rng(np.random.SeedSequence(fro, spawn_key=(PRIORITET_STROM,)))
    prioritet, nye_kolonner = gen_prioritet.lag_prioritet(saker, rng_prioritet)
    saker = pd.concat([saker, nye_kolonner], axis=1)
    return {
        "saker": saker,
        "prioritet": prioritet,
        "uiv": uiv,
        "rettssaker": rettssaker,
        "arsverk": okonomi.lag_arsverk(mal),
        "tildeling": okonomi.lag_tildeling(mal),
        "fullmakter": okonomi.lag_fullmakter(mal),
        "regnskap": okonomi.lag_regnskap(mal),
        "kapitalkontoer": okonomi.lag_kapitalkontoer(mal),
        "mellomvaerende": okonomi.lag_mellomvaerende(mal),
        "pensjonspremie": referanse.lag_pensjonspremie(mal),
        "vekttall": referanse.lag_vekttall(mal),
        "styringsparametere": referanse.lag_styringsparametere(mal),
        "kpi": referanse.lag_kpi(mal),
        "kontoplan": referanse.lag_kontoplan(),
    }


def skriv_csv(df: pd.DataFrame, fil: Path) -> None:
    """CSV etter kontrakten: ISO-datoer (tidspunkter med klokkeslett, ``ÅÅÅÅ-MM-DDTtt:mm``,
    for kolonnene kontrakten har som ``tidspunkt``), true/false, tomt for manglende verdier."""
    from arsrapport.data.kontrakt import TABELLER

    tabell = TABELLER.get(Path(fil).stem)
    tidspunkt = {k.navn for k in tabell.kolonner if k.type == "tidspunkt"} if tabell else set()
    ut = df.copy()
    for kol in ut.columns:
        s = ut[kol]
        if pd.api.types.is_datetime64_any_dtype(s):
            ut[kol] = s.dt.strftime("%Y-%m-%dT%H:%M" if kol in tidspunkt else "%Y-%m-%d")
        elif pd.api.types.is_bool_dtype(s):
            ut[kol] = np.where(s, "true", "false")
    ut.to_csv(fil, index=False, encoding="utf-8", lineterminator="\n")


class KatalogFeil(Exception):
    """Katalogen kan ikke skrives til uten å skrive over noe brukeren eier; ingenting er skrevet."""


def skriv_uttrekk(katalog: Path, fro: int = STANDARD_FRO, *, erstatt: bool = False) -> dict[str, int]:
    """Skriv alle tabellene til ``katalog`` (lages ved behov). Returnerer radantall per tabell.

    En katalog som ikke er tom, avvises (:class:`KatalogFeil`) med mindre ``erstatt`` er satt:
    der kan det ligge et ekte uttrekk. Med ``erstatt`` byttes bare kontraktens CSV-filer ut,
    andre filer står urørt, og står det en ``NAVN.xlsx`` for en av tabellene (som ville
    konkurrert med CSV-filen), avvises katalogen også da; den slettes aldri. Filene skrives
    først til en midlertidig katalog og flyttes på plass når alle er skrevet."""
    import shutil
    import tempfile

    katalog = Path(katalog)
    if katalog.exists() and not katalog.is_dir():
        raise KatalogFeil(f"{katalog} finnes og er ikke en katalog")
    innhold = sorted(p.name for p in katalog.iterdir()) if katalog.is_dir() else []
    if innhold and not erstatt:
        eksempel = ", ".join(innhold[:3]) + (" …" if len(innhold) > 3 else "")
        raise KatalogFeil(
            f"{katalog} er ikke tom ({eksempel}); det syntetiske uttrekket skriver ikke over et uttrekk "
            "uten --erstatt. Bruk en ny katalog, eller --erstatt for å bytte ut CSV-filene der."
        )
    from arsrapport.data.kontrakt import TABELLER

    xlsx = [f"{navn}.xlsx" for navn in TABELLER if (katalog / f"{navn}.xlsx").exists()]
    if xlsx:
        raise KatalogFeil(
            f"{katalog} har {', '.join(xlsx)}, som ville stått ved siden av CSV-filen for samme tabell; "
            "flytt dem ut først"
        )
    tabeller = lag_tabeller(fro)
    katalog.mkdir(parents=True, exist_ok=True)
    midlertidig = Path(tempfile.mkdtemp(prefix=".generate-", dir=katalog))
    try:
        antall = {}
        for navn, df in tabeller.items():
            skriv_csv(df, midlertidig / f"{navn}.csv")
            antall[navn] = len(df)
        for navn in tabeller:
            (midlertidig / f"{navn}.csv").replace(katalog / f"{navn}.csv")
    finally:
        shutil.rmtree(midlertidig, ignore_errors=True)
    return antall
