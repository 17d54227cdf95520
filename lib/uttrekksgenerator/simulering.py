"""Datoene i saksregisteret (trinn 2 i ``saker``): mottaks- og avslutningsdatoer per
stratum (``simuler_stratum``) og de små flyttingene som lar snittene treffe: per gruppe og
type (``finjuster_tider``), per avgjørelsesform (``finjuster_formtider``), andelen under
grensen i SP1 og SP3 (``juster_andel_under``) og per tertial (``finjuster_tertialer``)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from uttrekksgenerator.asyl import ANDEL_REALITET_KLAGE_2022
from uttrekksgenerator.kalibrering import AR, Mal
from uttrekksgenerator.saksplan import GRUPPER, Plan
from uttrekksgenerator.utvalg import juster_sum, velg_med_snitt

UTTREKKSDATO = pd.Timestamp("2024-02-15")

MANEDSPROFIL_MOTTATT = np.array([8.5, 8.0, 9.0, 8.0, 8.5, 8.5, 7.0, 8.0, 9.0, 9.0, 9.0, 7.5])
# 2023: tilstrømningen økte gjennom året (7 029 mottatt mot ca. 5 350 i 2022, 3.2.1)
MANEDSPROFIL_MOTTATT_AR = {2023: np.array([6.5, 6.5, 7.5, 7.0, 8.0, 8.5, 7.5, 8.5, 9.5, 10.0, 10.0, 9.0])}
MANEDSPROFIL_AVSLUTTET = np.array([7.5, 8.5, 9.5, 8.0, 8.5, 9.0, 5.5, 7.5, 9.0, 9.5, 9.5, 8.0])
# 2023: avviklingen økte gjennom året (3.2.1); andelen vedtak per tertial må passe med
# tertialtidene 139/148/169 dager og årssnittet
MANEDSPROFIL_AVSLUTTET_AR = {2023: np.array([6.5, 7.5, 8.0, 7.5, 8.0, 8.5, 6.0, 8.5, 9.5, 10.0, 10.5, 9.5])}


def _dager_i_aret(ar: int, n: int, profil: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """n datoer (som dagnummer, epoch-dager) i året etter en månedsprofil."""
    if n == 0:
        return np.empty(0, dtype="int64")
    maned = rng.choice(12, size=n, p=profil / profil.sum())
    start = np.array([pd.Timestamp(ar, m + 1, 1).value // 86_400_000_000_000 for m in range(12)])
    lengde = np.array([pd.Timestamp(ar, m + 1, 1).days_in_month for m in range(12)])
    return start[maned] + (rng.random(n) * lengde[maned]).astype("int64")


def _dag(ts: pd.Timestamp) -> int:
    return int(ts.value // 86_400_000_000_000)


def simuler_stratum(plan: Plan, rng: np.random.Generator):
    """Mottaks- og avslutningsdatoer for ett stratum. Returnerer (mottatt, avsluttet, avslutning)
    der avslutning er 'Vedtak', 'Henlagt' eller '' (ubehandlet ved uttrekket)."""
    mott: list[np.ndarray] = []
    avsl: list[np.ndarray] = []
    kode: list[np.ndarray] = []
    # beholdning: indekser inn i en voksende liste
    pool_m = np.empty(0, dtype="int64")
    for ar in AR:
        nye = _dager_i_aret(ar, plan.R[ar], MANEDSPROFIL_MOTTATT_AR.get(ar, MANEDSPROFIL_MOTTATT), rng)
        pool_m = np.concatenate([pool_m, nye])
        slutt = _dag(pd.Timestamp(ar, 12, 31))
        start = _dag(pd.Timestamp(ar, 1, 1))
        n_ut = plan.D[ar] + plan.H[ar]
        n_bli = len(pool_m) - n_ut
        if n_bli < 0:
            raise ValueError("planen tar ut flere saker enn det finnes")
        profil = MANEDSPROFIL_AVSLUTTET_AR.get(ar, MANEDSPROFIL_AVSLUTTET)
        ut_datoer = np.sort(_dager_i_aret(ar, n_ut, profil, rng), kind="stable")
        # hvem blir liggende? realistisk: de nyeste, med støy
        preferanse = pool_m + rng.normal(0, 70, len(pool_m))
        if plan.A.get(ar) is not None:
            mal_snitt = slutt - plan.A[ar]
        elif plan.T.get(ar) is not None and n_bli > 0 and n_ut > 0:
            onsket_ut = ut_datoer.mean() - plan.T[ar]
            mal_snitt = (pool_m.sum() - onsket_ut * n_ut) / n_bli
        else:
            mal_snitt = None
        if plan.U.get(ar):  # de eldste avsluttes; beholdningen velges blant resten
            bli = np.zeros(len(pool_m), dtype=bool)
            fri = np.sort(np.argsort(pool_m, kind="stable")[plan.U[ar] :], kind="stable")
            bli[fri] = velg_med_snitt(pool_m[fri], n_bli, mal_snitt, rng, preferanse[fri])
        else:
            bli = velg_med_snitt(pool_m, n_bli, mal_snitt, rng, preferanse)
        if ar in plan.E:
            _velg_over_ett_ar(pool_m, bli, slutt - 365, plan.E[ar], mal_snitt, rng)
        ut_m = pool_m[~bli]
        # parring omtrent først inn, først ut
        rekkefolge = np.argsort(ut_m + rng.normal(0, 25, len(ut_m)), kind="stable")
        ut_m = ut_m[rekkefolge]
        x = ut_datoer.copy()
        for_tidlig = x < ut_m
        x[for_tidlig] = np.minimum(ut_m[for_tidlig] + rng.integers(0, 25, for_tidlig.sum()), slutt)
        x = np.maximum(x, ut_m)
        # henlagte: tilfeldig blant dem som går ut
        henlegg = np.zeros(n_ut, dtype=bool)
        henlegg[rng.choice(n_ut, size=plan.H[ar], replace=False)] = True
        vedtak = ~henlegg
        # juster avslutningsdatoene slik at snitt saksbehandlingstid treffer
        if plan.T.get(ar) is not None and vedtak.any():
            behov = (plan.T[ar] - (x[vedtak] - ut_m[vedtak]).mean()) * vedtak.sum()
            nedre = np.maximum(ut_m[vedtak], start) - x[vedtak]
            ovre = slutt - x[vedtak]
            x[vedtak] += juster_sum(x[vedtak], behov, np.maximum(nedre, -150), np.minimum(ovre, 150))
        mott.append(ut_m)
        avsl.append(x)
        kode.append(np.where(henlegg, "Henlagt", "Vedtak"))
        # juster alder på nye saker som blir liggende, slik at snittalder treffer
        rest_m = pool_m[bli]
        if plan.A.get(ar) is not None and len(rest_m):
            nye_maske = rest_m >= start
            behov = (rest_m.mean() - (slutt - plan.A[ar])) * len(rest_m)
            if nye_maske.any():
                nedre = start - rest_m[nye_maske]
                ovre = slutt - rest_m[nye_maske]
                rest_m[nye_maske] += juster_sum(rest_m[nye_maske], -behov, nedre, ovre)
        pool_m = rest_m
    # 2024 fram til uttrekksdatoen: noen avgjøres, nye kommer inn
    start24, slutt24 = _dag(pd.Timestamp(2024, 1, 1)), _dag(UTTREKKSDATO)
    dager24 = slutt24 - start24 + 1
    n_ut24 = min(len(pool_m), int(round(plan.D[2023] * dager24 / 365)))
    if n_ut24:
        rekkefolge = np.argsort(pool_m + rng.normal(0, 60, len(pool_m)), kind="stable")
        ut_idx = rekkefolge[:n_ut24]
        x = start24 + rng.integers(0, dager24, n_ut24)
        mott.append(pool_m[ut_idx])
        avsl.append(x)
        kode.append(np.full(n_ut24, "Vedtak"))
        pool_m = np.delete(pool_m, ut_idx)
    nye24 = start24 + rng.integers(0, dager24, int(round(plan.R[2023] * dager24 / 365)))
    pool_m = np.concatenate([pool_m, nye24])
    mott.append(pool_m)
    avsl.append(np.full(len(pool_m), -1))
    kode.append(np.full(len(pool_m), ""))
    return np.concatenate(mott), np.concatenate(avsl), np.concatenate(kode)


def _velg_over_ett_ar(pool_m, bli, grense_dag: int, onsket: int, mal_snitt, rng: np.random.Generator) -> None:
    """Bytt saker inn i og ut av beholdningen (``bli``, endres på stedet) til nøyaktig ``onsket``
    er mottatt før ``grense_dag`` (eldre enn ett år), og velg så på nytt blant de yngre slik
    at snittet for hele beholdningen fortsatt er ``mal_snitt``."""
    gammel = pool_m < grense_dag
    k = int((bli & gammel).sum())
    if k < onsket:  # de yngste av de gamle som avsluttes blir liggende i stedet for tilfeldige unge
        inn = np.flatnonzero(~bli & gammel)
        inn = inn[np.argsort(-pool_m[inn], kind="stable")][: onsket - k]
        ut = np.flatnonzero(bli & ~gammel)
    else:  # de yngste av de gamle som blir liggende avsluttes, tilfeldige unge blir liggende
        ut = np.flatnonzero(bli & gammel)
        ut = ut[np.argsort(-pool_m[ut], kind="stable")][: k - onsket]
        inn = np.flatnonzero(~bli & ~gammel)
    if k < onsket:
        ut = rng.choice(ut, size=min(len(inn), len(ut)), replace=False)
        inn = inn[: len(ut)]
    else:
        inn = rng.choice(inn, size=min(len(inn), len(ut)), replace=False)
        ut = ut[: len(inn)]
    bli[ut], bli[inn] = False, True
    unge = np.flatnonzero(~gammel)
    n_unge = int(bli[unge].sum())
    if mal_snitt is None or n_unge == 0:
        return
    mal_unge = (mal_snitt * int(bli.sum()) - pool_m[bli & gammel].sum()) / n_unge
    preferanse = bli[unge] + 0.5 * rng.random(len(unge))  # start fra dagens utvalg
    bli[unge] = velg_med_snitt(pool_m[unge], n_unge, mal_unge, rng, preferanse)


def finjuster_tider(df: pd.DataFrame, gplan) -> None:
    """Flytt vedtaksdatoer noen dager innenfor året slik at snitt saksbehandlingstid treffer
    planen eksakt: per behandlingstype der planen har tall for begge typene
    (``gplan[g]["K"]``), ellers for gruppen samlet (endrer ``df`` på stedet)."""
    dag = df["avsluttet_dato"].to_numpy(dtype="datetime64[D]").astype("int64")
    mott = df["mottatt_dato"].to_numpy(dtype="datetime64[D]").astype("int64")
    ar = df["avsluttet_dato"].dt.year.to_numpy()
    vedtak = df["avslutning"].eq("Vedtak").to_numpy()
    klage = df["behandlingstype"].eq("Klage").to_numpy()
    for g, navn in GRUPPER.items():
        gr = df["saksgruppe"].eq(navn).to_numpy()
        for a in AR:
            typetid = gplan[g].get("K", {}).get(a)
            if typetid is not None:
                mal_per_utvalg = [(gr & klage, typetid[0]), (gr & ~klage, typetid[1])]
            elif gplan[g]["T"].get(a) is not None:
                mal_per_utvalg = [(gr, gplan[g]["T"][a])]
            else:
                continue
            for utvalg, t in mal_per_utvalg:
                idx = np.flatnonzero(utvalg & vedtak & (ar == a))
                if len(idx):
                    _skyv_snitt(dag, mott, idx, t, a)
    _sett_avsluttet(df, dag)


def _eldste_asylklager_sist(df: pd.DataFrame, mal: Mal, ar: int) -> None:
    """3.2.3: realitetsklagene tar lengst tid (185 dager i 2023 mot 84 for Dublin og trygt
    tredjeland), og de eldre klagene, mottatt før året, er realitetsklager. Bytt vedtaksdato
    mellom en eldre klage med tidlig vedtak og en klage mottatt i år med senere vedtak: datoene,
    antallet per måned og snittet for asylklagene står, men de eldre får lengre tid.

    Målet for de eldre (snitt ``t_eldre``) er det som lar realitetssporet (de eldre
    realitetsklagene, høyst beholdningen ved inngangen, pluss klager mottatt i år) nå sitt snitt
    med et helt vanlig utvalg av de nye: snittet for de valgte nye lik snittet for alle nye."""
    t_real = mal("saksbehandlingstid.asyl_realitet.klage", ar)
    if t_real is None:
        return
    dag = df["avsluttet_dato"].to_numpy(dtype="datetime64[D]").astype("int64")
    mott = df["mottatt_dato"].to_numpy(dtype="datetime64[D]").astype("int64")
    idx = np.flatnonzero(
        df["saksgruppe"].eq("Asyl").to_numpy()
        & df["behandlingstype"].eq("Klage").to_numpy()
        & df["avslutning"].eq("Vedtak").to_numpy()
        & df["avsluttet_dato"].dt.year.eq(ar).to_numpy()
    )
    start = _dag(pd.Timestamp(ar, 1, 1))
    eldre, nye = idx[mott[idx] < start], idx[mott[idx] >= start]
    if not len(eldre) or not len(nye):
        return
    n_real = mal("behandlet.asyl_realitet.klage", ar) or int(round(ANDEL_REALITET_KLAGE_2022 * len(idx)))
    n_a = min(
        len(eldre),
        mal("beholdning_start.asyl_realitet.klage", ar) or int(round(ANDEL_REALITET_KLAGE_2022 * len(eldre))),
    )
    n_e = n_real - n_a
    total = float((dag[idx] - mott[idx]).sum())
    nevner = n_a - n_e * len(eldre) / len(nye)
    if nevner <= 0:
        return
    t_eldre = (t_real * n_real - n_e * total / len(nye)) / nevner
    mangler = t_eldre * len(eldre) - float((dag[eldre] - mott[eldre]).sum())
    # tidligste vedtak blant de eldre mot seneste blant de nye, så lenge det gir lengre tid
    eldre = eldre[np.argsort(dag[eldre], kind="stable")]
    nye = list(nye[np.argsort(-dag[nye], kind="stable")])
    for i in eldre:
        if mangler <= 0:
            break
        for pos, j in enumerate(nye):
            if dag[j] <= dag[i]:
                nye = []
                break
            if mott[j] <= dag[i]:
                mangler -= dag[j] - dag[i]
                dag[i], dag[j] = dag[j], dag[i]
                del nye[pos]
                break
    _sett_avsluttet(df, dag)


def _skyv_snitt(dag: np.ndarray, mott: np.ndarray, idx: np.ndarray, t: float, ar: int, maks: int = 240) -> None:
    """Flytt vedtaksdatoene ``dag[idx]`` innenfor året (og ikke før mottak) slik at snittet
    av ``dag - mott`` blir ``t``."""
    start, slutt = _dag(pd.Timestamp(ar, 1, 1)), _dag(pd.Timestamp(ar, 12, 31))
    behov = (t - (dag[idx] - mott[idx]).mean()) * len(idx)
    nedre = np.maximum(mott[idx], start) - dag[idx]
    ovre = slutt - dag[idx]
    dag[idx] += juster_sum(dag[idx], behov, np.maximum(nedre, -maks), np.minimum(ovre, maks))


def _sett_avsluttet(df: pd.DataFrame, dag: np.ndarray) -> None:
    apen = df["avsluttet_dato"].isna().to_numpy()
    ny = np.where(apen, np.datetime64("NaT"), dag.astype("datetime64[D]"))
    df["avsluttet_dato"] = pd.to_datetime(ny)


def juster_andel_under(
    df: pd.DataFrame, utvalg: np.ndarray, flyttbare: np.ndarray, ar: int, grense: int, andel: float, rng
) -> None:
    """Styringsparameterne (SP1, SP3): flytt vedtak rett over grensen til rett under, og
    kompenser med de lengste sakene, slik at andelen under grensen treffer uten at
    snittet endres."""
    dag = df["avsluttet_dato"].to_numpy(dtype="datetime64[D]").astype("int64")
    mott = df["mottatt_dato"].to_numpy(dtype="datetime64[D]").astype("int64")
    alle = np.flatnonzero(
        utvalg & df["avslutning"].eq("Vedtak").to_numpy() & df["avsluttet_dato"].dt.year.eq(ar).to_numpy()
    )
    onsket = int(round(andel * len(alle)))
    mangler = onsket - int(((dag[alle] - mott[alle]) < grense).sum())
    idx = alle[flyttbare[alle]]  # bare disse flyttes (NL: snittet som er en rest)
    start, slutt = _dag(pd.Timestamp(ar, 1, 1)), _dag(pd.Timestamp(ar, 12, 31))
    tid = dag[idx] - mott[idx]
    if mangler > 0:  # flytt noen rett over grensen til rett under
        kand = np.flatnonzero((tid >= grense) & (dag[idx] - (tid - grense + 15) >= start))
        kand = kand[np.argsort(tid[kand], kind="stable")][: mangler * 3]
        valgt = rng.choice(kand, size=min(mangler, len(kand)), replace=False)
        ny_tid = grense - 1 - rng.integers(0, 15, len(valgt))
    else:  # flytt noen rett under grensen til rett over
        kand = np.flatnonzero((tid < grense) & (dag[idx] + (grense - tid + 15) <= slutt))
        kand = kand[np.argsort(-tid[kand], kind="stable")][: -mangler * 3]
        valgt = rng.choice(kand, size=min(-mangler, len(kand)), replace=False)
        ny_tid = grense + rng.integers(0, 15, len(valgt))
    endring = ny_tid - tid[valgt]
    dag[idx[valgt]] += endring
    # kompenser: de andre sakene på samme side av grensen som de lengste/korteste
    andre = np.setdiff1d(np.arange(len(idx)), valgt)
    tid = dag[idx] - mott[idx]
    if mangler > 0:
        andre = andre[tid[andre] >= grense + 20]
        nedre = np.zeros(len(andre), dtype="int64")
        ovre = slutt - dag[idx[andre]]
    else:
        andre = andre[tid[andre] < grense - 20]
        nedre = np.maximum(mott[idx[andre]], start) - dag[idx[andre]]
        ovre = np.zeros(len(andre), dtype="int64")
    dag[idx[andre]] += juster_sum(dag[idx[andre]], -int(endring.sum()), nedre, ovre)
    _sett_avsluttet(df, dag)


def finjuster_formtider(df: pd.DataFrame, mal: Mal) -> None:
    """Flytt vedtaksdatoer slik at snitt saksbehandlingstid per avgjørelsesform treffer
    (3.1.4), og motvirk flyttingen med NL-vedtak i samme gruppe, type og år, slik at
    gruppenes og typenes snitt står. NL-snittet blir det som følger av totalen. Der bare
    nemndmøtesnittet er publisert (2022), tar NMP igjen stornemnd og NUP."""
    dag = df["avsluttet_dato"].to_numpy(dtype="datetime64[D]").astype("int64")
    mott = df["mottatt_dato"].to_numpy(dtype="datetime64[D]").astype("int64")
    ar = df["avsluttet_dato"].dt.year.to_numpy()
    form = df["avgjorelsesform"].to_numpy()
    gruppe = df["saksgruppe"].to_numpy()
    for a in AR:
        start, slutt = _dag(pd.Timestamp(a, 1, 1)), _dag(pd.Timestamp(a, 12, 31))
        klage = df["behandlingstype"].eq("Klage").to_numpy()
        flyttet = {(g, k): 0 for g in GRUPPER.values() for k in (True, False)}
        for f in ("NUP", "NMP", "SEK"):
            t = mal(f"saksbehandlingstid.form.{f.lower()}", a)
            idx = np.flatnonzero((ar == a) & (form == f))
            if t is None and f != "SEK":
                t = mal("saksbehandlingstid.form.nemndmote", a)
                andre = np.flatnonzero((ar == a) & np.isin(form, ["Stornemnd", "NUP"]))
                if f == "NMP" and t is not None and len(idx):
                    t = (t * (len(idx) + len(andre)) - (dag[andre] - mott[andre]).sum()) / len(idx)
            if t is None or not len(idx):
                continue
            behov = (t - (dag[idx] - mott[idx]).mean()) * len(idx)
            nedre = np.maximum(mott[idx], start) - dag[idx]
            # tilbakekall: nemndmøtene er mest statsborgerskapssaker med kort tid (3.2.10); de flyttes ikke
            fast = np.where(gruppe[idx] == "Tilbakekall", 0, 200)
            s = juster_sum(dag[idx], behov, np.maximum(nedre, -fast), np.minimum(slutt - dag[idx], fast))
            dag[idx] += s
            for g, k in flyttet:
                flyttet[(g, k)] += int(s[(gruppe[idx] == g) & (klage[idx] == k)].sum())
        for (g, k), total in flyttet.items():
            idx = np.flatnonzero((ar == a) & (form == "NL") & (gruppe == g) & (klage == k))
            if not total or not len(idx):
                continue
            nedre = np.maximum(mott[idx], start) - dag[idx]
            dag[idx] += juster_sum(dag[idx], -total, np.maximum(nedre, -200), np.minimum(slutt - dag[idx], 200))
    vedtak = df["avsluttet_dato"].notna().to_numpy()
    ny = df["avsluttet_dato"].to_numpy(dtype="datetime64[D]").copy()
    ny[vedtak] = dag[vedtak].astype("datetime64[D]")
    df["avsluttet_dato"] = pd.to_datetime(ny)


def finjuster_tertialer(
    df: pd.DataFrame, mal: Mal, ar: int, rng: np.random.Generator, grense: np.ndarray | None = None, runder: int = 20000
) -> None:
    """Snitt saksbehandlingstid per tertial (3.2.1: 139, 148 og 169 dager i 2023): bytt
    vedtaksdato mellom to vedtak i samme (gruppe, type, form) i hvert sitt tertial. Et bytte
    endrer ingen av disse snittene, bare hvilke saker som avgjøres tidlig og sent på året.

    Å bytte datoene til i (tertial a) og j (tertial b) er det samme som å bytte mottaksdatoene:
    summen av tidene i a endres med m_i - m_j. Antallet per tertial står (det følger av
    avslutningsprofilen). ``grense`` (dager, per sak; negativ = ingen) holder antallet under
    grensen fast, slik at andelene i SP1 og SP3 står."""
    mal_t = {t: mal(f"saksbehandlingstid_tertial.{t}", ar) for t in (1, 2, 3)}
    if any(v is None for v in mal_t.values()):
        return
    dag = df["avsluttet_dato"].to_numpy(dtype="datetime64[D]").astype("int64")
    mott = df["mottatt_dato"].to_numpy(dtype="datetime64[D]").astype("int64")
    idx = np.flatnonzero(df["avslutning"].eq("Vedtak").to_numpy() & df["avsluttet_dato"].dt.year.eq(ar).to_numpy())
    celle = pd.factorize(
        df["saksgruppe"].astype(str) + "|" + df["behandlingstype"].astype(str) + "|" + df["avgjorelsesform"].astype(str)
    )[0][idx]
    d, m = dag[idx], mott[idx]
    g = np.full(len(idx), -1, dtype="int64") if grense is None else grense[idx]
    grenser = np.array([_dag(pd.Timestamp(ar, 5, 1)), _dag(pd.Timestamp(ar, 9, 1))])
    t = 1 + np.searchsorted(grenser, d, side="right")
    n = np.array([(t == k).sum() for k in (1, 2, 3)], dtype="float64")
    summer = np.array([(d - m)[t == k].sum() for k in (1, 2, 3)], dtype="float64")
    onsket = np.array([mal_t[k] for k in (1, 2, 3)]) * n

    def feil(sm):
        return ((sm - onsket) / n) ** 2

    for _ in range(runder):
        avvik = (summer - onsket) / n
        if np.max(np.abs(avvik)) < 0.05:
            break
        # fra tertialet lengst over målet: en sak mottatt tidlig; fra det lengst under: en
        # sak i samme celle mottatt senere, slik at tiden flyttes fra det ene til det andre
        hoy, lav = int(np.argmax(avvik)), int(np.argmin(avvik))
        i = rng.choice(np.flatnonzero(t == hoy + 1))
        kand = np.flatnonzero((t == lav + 1) & (celle == celle[i]) & (m > m[i]) & (m <= d[i]))
        kand = kand[d[kand] >= m[i]]
        if not len(kand):
            continue
        # under grensen før og etter byttet (i får dato d_j, j får d_i)
        under_for = (d[i] - m[i] < g[i]).astype(int) + (d[kand] - m[kand] < g[kand])
        under_etter = (d[kand] - m[i] < g[i]).astype(int) + (d[i] - m[kand] < g[kand])
        # og ingen nye vedtak samme dag som mottak: korteste tid etter byttet minst som før (høyst en uke)
        korteste_for = np.minimum(np.minimum(d[i] - m[i], d[kand] - m[kand]), 7)
        korteste_etter = np.minimum(d[kand] - m[i], d[i] - m[kand])
        kand = kand[(under_for == under_etter) & (korteste_etter >= korteste_for)]
        if not len(kand):
            continue
        flytt = m[i] - m[kand]  # endring i summen for tertialet over målet (negativ)
        ny_hoy, ny_lav = summer[hoy] + flytt, summer[lav] - flytt
        gevinst = feil(summer)[[hoy, lav]].sum() - (
            ((ny_hoy - onsket[hoy]) / n[hoy]) ** 2 + ((ny_lav - onsket[lav]) / n[lav]) ** 2
        )
        beste = int(np.argmax(gevinst))
        if gevinst[beste] <= 0:
            continue
        j = kand[beste]
        summer[hoy], summer[lav] = ny_hoy[beste], ny_lav[beste]
        d[i], d[j] = d[j], d[i]
        t[i], t[j] = t[j], t[i]
    dag[idx] = d
    _sett_avsluttet(df, dag)
