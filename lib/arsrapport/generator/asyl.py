"""Asylsakene i det syntetiske registeret: spor (realitet, Dublin, trygt tredjeland),
nasjonalitet, enslige mindreårige, barnefamilier og lengeværende barn (3.2.3 og 3.2.6).

Kjøres etter at datoer, avgjørelsesform og utfall er satt, og etter oppholdssakene;
endrer bare kolonnene for asylsakene."""

from __future__ import annotations

import numpy as np
import pandas as pd

from arsrapport.generator.kalibrering import Mal
from arsrapport.generator.utvalg import velg

NASJONALITETER_ASYL = (
    ["Iran", "Irak", "Afghanistan", "Eritrea", "Syria", "Somalia", "Georgia", "Tyrkia", "Ukraina", "Etiopia",
     "Russland", "Sudan", "Statsløs", "Palestina", "Albania", "Nigeria", "Colombia", "Venezuela", "Marokko", "Algerie"],
    [14, 8, 9, 6, 7, 5, 5, 5, 6, 4, 4, 3, 3, 3, 2, 3, 2, 2, 2, 2],
)


def tildel_asyl(df: pd.DataFrame, mal: Mal, rng: np.random.Generator) -> None:
    """Setter ``sakstype``, ``asylspor``, ``nasjonalitet``, ``hjemmel``, ``ema``,
    ``under_18_ved_vedtak``, ``barnefamilie`` og ``lengevarende_barn`` for asylsakene
    (flaggene er usanne for alle andre saker)."""
    n = len(df)
    asyl = df["saksgruppe"].eq("Asyl").to_numpy()
    omg = df["behandlingstype"].eq("Omgjøringsanmodning").to_numpy()
    df.loc[asyl, "sakstype"] = "Beskyttelse"
    spor = np.full(n, None, dtype=object)
    spor[asyl & ~omg] = velg(rng, (["Realitet", "Dublin", "Trygt tredjeland"], [0.41, 0.5, 0.09]), int((asyl & ~omg).sum()))
    spor[asyl & omg] = velg(rng, (["Realitet", "Dublin", "Trygt tredjeland"], [0.97, 0.02, 0.01]), int((asyl & omg).sum()))
    df["asylspor"] = spor
    df.loc[asyl, "nasjonalitet"] = velg(rng, NASJONALITETER_ASYL, int(asyl.sum()))
    _nasjonalitet_figur_11(df, rng)
    df.loc[asyl, "hjemmel"] = "utl. § 28"
    vedtak = df["avslutning"].eq("Vedtak").to_numpy()
    df["ema"] = asyl & (rng.random(n) < 0.04)
    df["under_18_ved_vedtak"] = df["ema"].to_numpy() & vedtak & (rng.random(n) < 0.4)
    df["barnefamilie"] = asyl & ~df["ema"].to_numpy() & (rng.random(n) < 0.2)
    df["lengevarende_barn"] = df["barnefamilie"].to_numpy() & (rng.random(n) < 0.05)


def _nasjonalitet_figur_11(df: pd.DataFrame, rng: np.random.Generator) -> None:
    """Realitetsbehandlede asylsaker 2023: Iran flest avgjørelser med 41 % omgjort, Irak
    nest flest med 34 % (3.1.5, Figur 11)."""
    m = (
        df["saksgruppe"].eq("Asyl") & df["asylspor"].eq("Realitet") & df["avslutning"].eq("Vedtak")
        & df["avsluttet_dato"].dt.year.eq(2023)
    ).to_numpy()
    omgj = df["utfall"].isin(["Omgjort", "Delvis omgjort"]).to_numpy()
    idx = np.flatnonzero(m)
    topp = ["Afghanistan", "Eritrea", "Syria"]
    df.loc[df.index[idx], "nasjonalitet"] = velg(rng, (topp + ["Somalia", "Georgia", "Tyrkia", "Etiopia", "Russland", "Sudan", "Statsløs"], [9, 6, 6, 4, 4, 4, 3, 3, 3, 3]), len(idx))
    ledig = np.ones(len(df), dtype=bool)
    for land, antall, andel in (("Iran", 110, 0.41), ("Irak", 56, 0.34)):
        k_om = int(round(antall * andel))
        a = rng.choice(np.flatnonzero(m & omgj & ledig), size=k_om, replace=False)
        b = rng.choice(np.flatnonzero(m & ~omgj & ledig), size=antall - k_om, replace=False)
        df.loc[df.index[np.concatenate([a, b])], "nasjonalitet"] = land
        ledig[a] = ledig[b] = False
