"""Syntetisk saksregister (``saker``) kalibrert mot årsrapporten for 2023.

Fremgangsmåte, per saksgruppe og behandlingstype (et «stratum»):

1. En *plan* per år 2018–2023: mottatt (R), behandlet (D), henlagt (H), beholdning
   31.12. (P), snitt saksbehandlingstid (T) og snitt alder på beholdningen (A). Tallene
   hentes fra de publiserte tallene der de finnes, ellers fra rimelige anslag. Strømmen
   P(Y) = P(Y-1) + R - D - H holder alltid (slik den gjør i et ekte register); der
   rapporten selv ikke går opp, tar henlagt (eller mottatt før 2023) differansen.
2. Mottaksdatoer trekkes med en månedsprofil. Hvert år velges hvilke saker som blir
   liggende (mål: alder A eller saksbehandlingstid T), resten avsluttes på datoer
   trukket med en månedsprofil, parret omtrent først-inn-først-ut.
3. Små datojusteringer treffer gjennomsnittene eksakt; avgjørelsesform, utfall,
   nasjonalitet og de øvrige kolonnene fordeles etter de publiserte andelene.

Trinnene står i hver sin modul: planen (1) i ``saksplan``, datoene (2 og datojusteringene
i 3) i ``simulering``, avgjørelsesform og utfall i ``former``, sakstype, nasjonalitet og de
øvrige kolonnene i ``opphold`` og ``asyl``. Her settes de sammen (``lag_saker``), med saks-,
person- og familie-id.

Alle tilfeldige valg går gjennom én ``numpy.random.Generator``: samme frø gir samme data.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from uttrekksgenerator.asyl import tildel_asyl
from uttrekksgenerator.former import formplan, tildel_former, tildel_utfall
from uttrekksgenerator.kalibrering import Mal
from uttrekksgenerator.opphold import tildel_opphold
from uttrekksgenerator.saksplan import GRUPPER, gruppeplan, typeplan
from uttrekksgenerator.simulering import (
    _eldste_asylklager_sist,
    finjuster_formtider,
    finjuster_tertialer,
    finjuster_tider,
    juster_andel_under,
    simuler_stratum,
)


def lag_saker(rng: np.random.Generator, mal: Mal) -> pd.DataFrame:
    """Hele ``saker``-tabellen, kalibrert."""
    gplan = gruppeplan(mal)
    tplan = typeplan(mal, gplan)
    deler = []
    for (g, k), pl in tplan.items():
        m, a, c = simuler_stratum(pl, rng)
        deler.append(
            pd.DataFrame(
                {
                    "saksgruppe": GRUPPER[g],
                    "behandlingstype": k,
                    "mottatt_dato": m.astype("datetime64[D]"),
                    "avsluttet_dato": np.where(a < 0, np.datetime64("NaT"), a.astype("datetime64[D]")),
                    "avslutning": np.where(c == "", None, c),
                }
            )
        )
    df = pd.concat(deler, ignore_index=True)
    df["mottatt_dato"] = pd.to_datetime(df["mottatt_dato"])
    df["avsluttet_dato"] = pd.to_datetime(df["avsluttet_dato"])
    finjuster_tider(df, gplan)
    for ar in (2022, 2023):
        _eldste_asylklager_sist(df, mal, ar)
    df["avgjorelsesform"] = tildel_former(df, formplan(mal, df), mal, rng)
    finjuster_formtider(df, mal)
    sp_grense = np.full(len(df), -1, dtype="int64")
    for kode, gruppe in (("sp1", "Asyl"), ("sp3", "Utvisning")):
        utvalg = df["saksgruppe"].eq(gruppe).to_numpy() & df["behandlingstype"].eq("Klage").to_numpy()
        nl = df["avgjorelsesform"].to_numpy() == "NL"
        grense = int(mal(f"{kode}.grense_dager", 2023))
        juster_andel_under(df, utvalg, nl, 2023, grense, mal(f"{kode}.andel_under_grense", 2023), rng)
        sp_grense[utvalg] = grense
    finjuster_tertialer(df, mal, 2023, rng, sp_grense)
    df["utfall"] = tildel_utfall(df, mal, rng)
    # egne tilfeldighetsstrømmer per trinn, avledet av frøet og ikke av hvor langt hovedstrømmen
    # har kommet: kalibreringen av datoene og formene flytter ikke oppholds- og asyltrinnene
    rng_opphold, rng_asyl = (
        np.random.default_rng(np.random.SeedSequence(rng.bit_generator.seed_seq.entropy, spawn_key=(1000 + i,)))
        for i in range(2)
    )
    tildel_opphold(df, mal, rng_opphold)
    tildel_asyl(df, mal, rng_asyl)
    _personer_og_id(df, rng, mal)
    _egen_strom_videre(rng)
    kolonner = [
        "sak_id",
        "person_id",
        "familie_id",
        "saksgruppe",
        "sakstype",
        "behandlingstype",
        "asylspor",
        "mottatt_dato",
        "avslutning",
        "avsluttet_dato",
        "avgjorelsesform",
        "utfall",
        "nasjonalitet",
        "hjemmel",
        "ema",
        "under_18_ved_vedtak",
        "barnefamilie",
        "lengevarende_barn",
        "tilknyttet_utvisning",
    ]
    return df[kolonner].sort_values(["mottatt_dato", "sak_id"], kind="stable").reset_index(drop=True)


def _egen_strom_videre(rng: np.random.Generator) -> None:
    """Tabellene som lages etter ``saker`` (uiv, rettssaker) fortsetter i en strøm avledet av
    frøet, ikke av hvor mange trekk kalibreringen her brukte: en endring i saksregisteret
    flytter ikke rettssakene."""
    ny = np.random.default_rng(np.random.SeedSequence(rng.bit_generator.seed_seq.entropy, spawn_key=(1002,)))
    rng.bit_generator.state = ny.bit_generator.state


def _personer_og_id(df: pd.DataFrame, rng: np.random.Generator, mal: Mal) -> None:
    """Saks-id, person-id (mange anmodninger gjelder en person med en tidligere klage) og
    familie-id for barnefamilier."""
    n = len(df)
    orden = np.lexsort((rng.random(n), df["mottatt_dato"].to_numpy()))
    lopenr = np.empty(n, dtype="int64")
    lopenr[orden] = np.arange(n)
    ar = df["mottatt_dato"].dt.year.to_numpy()
    df["sak_id"] = [f"{a}-{nr:06d}" for a, nr in zip(ar, 100000 + lopenr)]
    person_nr = rng.permutation(n) + 1_000_000
    # anmodninger: 60 % gjelder samme person som en tidligere avsluttet klage i gruppen
    avsl = df["avsluttet_dato"].to_numpy()
    mott = df["mottatt_dato"].to_numpy()
    for g in GRUPPER.values():
        kl = np.flatnonzero(
            df["saksgruppe"].eq(g).to_numpy()
            & df["behandlingstype"].eq("Klage").to_numpy()
            & df["avslutning"].eq("Vedtak").to_numpy()
        )
        om = np.flatnonzero(
            df["saksgruppe"].eq(g).to_numpy() & df["behandlingstype"].eq("Omgjøringsanmodning").to_numpy()
        )
        if not len(kl) or not len(om):
            continue
        kl = kl[np.argsort(avsl[kl], kind="stable")]
        for_mott = np.searchsorted(avsl[kl], mott[om], side="left")
        gjenbruk = (for_mott > 0) & (rng.random(len(om)) < 0.6)
        valg = (rng.random(len(om)) * np.maximum(for_mott, 1)).astype("int64")
        person_nr[om[gjenbruk]] = person_nr[kl[valg[gjenbruk]]]
    df["person_id"] = [f"P{p:08d}" for p in person_nr]
    # familie-id settes av asyltrinnet (familiene er kalibrert der); ellers trekkes den her
    fam = df["familie_id"].to_numpy(dtype=object).copy() if "familie_id" in df else np.full(n, None, dtype=object)
    bf = np.flatnonzero(df["barnefamilie"].to_numpy() & pd.isna(fam))
    familie_nr = rng.integers(0, max(1, len(bf) // 2), len(bf))
    fam[bf] = [f"F{f:06d}" for f in familie_nr]
    df["familie_id"] = fam
    _ema_personer(df, mal)


def _ema_personer(df: pd.DataFrame, mal: Mal, ar: int = 2023) -> None:
    """3.2.6: de behandlede EMA-sakene gjelder færre personer enn saker (66 saker, 61
    personer): noen anmodninger om omgjøring kommer fra en klager som fikk klagen sin
    avgjort tidligere samme år. Gi så mange anmodninger personen til en slik klage."""
    saker, personer = mal("ema.behandlet", ar), mal("ema.personer", ar)
    if saker is None or personer is None:
        return
    beh = (
        df["ema"].to_numpy(dtype=bool)
        & df["avslutning"].eq("Vedtak").to_numpy()
        & df["avsluttet_dato"].dt.year.eq(ar).to_numpy()
    )
    klage = df["behandlingstype"].eq("Klage").to_numpy()
    kl = np.flatnonzero(beh & klage)
    kl = kl[np.argsort(df["avsluttet_dato"].to_numpy()[kl], kind="stable")]
    om = np.flatnonzero(beh & ~klage)
    om = om[np.argsort(df["mottatt_dato"].to_numpy()[om], kind="stable")]
    person = df["person_id"].to_numpy(dtype=object)
    brukt = set()
    mangler = int(df.loc[beh, "person_id"].nunique() - personer)
    for i in om:
        if mangler <= 0:
            break
        for j in kl:
            if j not in brukt and df["avsluttet_dato"].iat[j] < df["mottatt_dato"].iat[i] and person[j] != person[i]:
                person[i] = person[j]
                brukt.add(j)
                mangler -= 1
                break
    df["person_id"] = person
