"""Asylsakene i det syntetiske registeret: spor (realitet, Dublin, trygt tredjeland),
nasjonalitet, enslige mindreårige, barnefamilier og lengeværende barn (3.1.5, 3.2.3 og 3.2.6).

Kjøres etter at datoer, avgjørelsesform og utfall er satt, og etter oppholdssakene;
endrer bare kolonnene for asylsakene. Datoene står fast: kalibreringen består i å velge
*hvilke* saker i hver celle (mottatt / avgjort / ubehandlet i et år) som får hvilket spor,
hvilken nasjonalitet og hvilke flagg, slik at antall, snitt og andeler treffer. Ett unntak:
finnes ingen to anmodninger med snittet for EMA under 18 (36 dager), byttes vedtaksdatoen
mellom to anmodninger i samme celle (``_bytt_til_snitt``), så cellen har de samme datoene.

Der rapporten ikke går opp med seg selv, treffes tallene som strømmen i registeret tillater
(se ``docs/golden/une-2023.yaml``, ``inconsistencies``):
- realitetsbehandlede klager 2023: 108 ved start, 250 avgjort og 218 ved slutt gir 360 mottatt
  (ikke 356) når ingen av dem henlegges;
- anmodninger 2023: 319 realitet, resten (330 - 319) ikke-realitet (ikke 9).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from uttrekksgenerator.kalibrering import Mal
from uttrekksgenerator.kontrakt import NEMNDMOTEFORMER
from uttrekksgenerator.utvalg import velg, velg_med_snitt

NASJONALITETER_ASYL = (
    [
        "Iran",
        "Irak",
        "Afghanistan",
        "Eritrea",
        "Syria",
        "Somalia",
        "Georgia",
        "Tyrkia",
        "Ukraina",
        "Etiopia",
        "Russland",
        "Sudan",
        "Statsløs",
        "Palestina",
        "Albania",
        "Nigeria",
        "Colombia",
        "Venezuela",
        "Marokko",
        "Algerie",
    ],
    [14, 8, 9, 6, 7, 5, 5, 5, 6, 4, 4, 3, 3, 3, 2, 3, 2, 2, 2, 2],
)
SPOR = ["Realitet", "Dublin", "Trygt tredjeland"]
# anslåtte sporandeler der rapporten ikke oppgir tall
SPOR_KLAGE = [0.45, 0.47, 0.08]
SPOR_OMGJORING = [0.97, 0.02, 0.01]
ANDEL_DUBLIN_AV_IKKE_REALITET = 0.9
ANDEL_REALITET_KLAGE_2022 = 0.45
AR = 2023


# ---------------------------------------------------------------------------------
# Hjelpere
# ---------------------------------------------------------------------------------


def _dager(s: pd.Series) -> np.ndarray:
    return s.to_numpy(dtype="datetime64[D]").astype("int64")


class _Saker:
    """Forhåndsberegnede masker og tider for asylsakene."""

    def __init__(self, df: pd.DataFrame):
        self.n = len(df)
        self.asyl = df["saksgruppe"].eq("Asyl").to_numpy()
        self.klage = self.asyl & df["behandlingstype"].eq("Klage").to_numpy()
        self.omg = self.asyl & df["behandlingstype"].eq("Omgjøringsanmodning").to_numpy()
        self.mott = _dager(df["mottatt_dato"])
        avsl = df["avsluttet_dato"]
        self.avsl = np.where(
            avsl.isna().to_numpy(), np.iinfo("int64").max, _dager(avsl.fillna(pd.Timestamp(2100, 1, 1)))
        )
        self.vedtak = df["avslutning"].eq("Vedtak").to_numpy()
        self.henlagt = df["avslutning"].eq("Henlagt").to_numpy()
        self.ar_mott = df["mottatt_dato"].dt.year.to_numpy()
        self.ar_avsl = df["avsluttet_dato"].dt.year.fillna(0).astype("int64").to_numpy()
        self.tid = np.where(self.vedtak, self.avsl - self.mott, 0)
        self.omgjort = df["utfall"].isin(["Omgjort", "Delvis omgjort"]).to_numpy()
        form = df["avgjorelsesform"].to_numpy()
        self.form = form
        self.nemnd = np.isin(form, list(NEMNDMOTEFORMER))
        self.nl = form == "NL"

    def bytt_vedtaksdato(self, df: pd.DataFrame, i: int, j: int) -> None:
        """Bytt vedtaksdatoen mellom sakene i og j (posisjoner), i ``df`` og her."""
        kol = df.columns.get_loc("avsluttet_dato")
        df.iloc[[i, j], kol] = df.iloc[[j, i], kol].to_numpy()
        self.avsl[[i, j]] = self.avsl[[j, i]]
        self.tid[[i, j]] = self.avsl[[i, j]] - self.mott[[i, j]]

    def dato(self, ar: int) -> int:
        return int(np.datetime64(f"{ar}-12-31", "D").astype("int64"))

    def ubehandlet(self, ar: int) -> np.ndarray:
        d = self.dato(ar)
        return (self.mott <= d) & (self.avsl > d)

    def alder(self, ar: int) -> np.ndarray:
        return self.dato(ar) - self.mott

    def avgjort(self, ar: int) -> np.ndarray:
        return self.vedtak & (self.ar_avsl == ar)


def _velg_antall(rng: np.random.Generator, idx: np.ndarray, k: int) -> np.ndarray:
    k = max(0, min(k, len(idx)))
    return np.sort(rng.choice(idx, size=k, replace=False), kind="stable") if k else idx[:0]


def _velg_snitt(
    verdier: np.ndarray, k: int, mal: float | None, rng: np.random.Generator, preferanse=None
) -> np.ndarray:
    """``velg_med_snitt`` med målet begrenset til det oppnåelige (snittet av de k minste og de k
    største): utenfor det bytter ``velg_med_snitt`` også par som trekker snittet feil vei."""
    k = max(0, min(k, len(verdier)))
    if mal is not None and 0 < k < len(verdier):
        sortert = np.sort(verdier.astype("float64"), kind="stable")
        mal = float(np.clip(mal, sortert[:k].mean(), sortert[-k:].mean()))
    return velg_med_snitt(verdier, k, mal, rng, preferanse)


def _velg_i_celler(
    verdier: np.ndarray, celler: list[tuple[np.ndarray, int]], mal: float | None, rng: np.random.Generator
) -> np.ndarray:
    """Velg ``k`` saker fra hver celle (indeksmengde, k) slik at snittet av ``verdier`` over
    alle valgte treffer ``mal``. Hver celle får først sitt eget utvalg med snitt nær målet;
    deretter byttes én sak om gangen innenfor en celle til summen treffer."""
    celler = [(idx, min(k, len(idx))) for idx, k in celler]
    valgt = []
    for idx, k in celler:
        maske = _velg_snitt(verdier[idx], k, mal, rng)
        valgt.append(maske)
    if mal is not None:
        n = sum(k for _, k in celler)
        for _ in range(200):
            behov = mal * n - sum(float(verdier[idx][m].sum()) for (idx, _), m in zip(celler, valgt))
            if abs(behov) < 0.5:
                break
            beste = None
            for c, ((idx, _), m) in enumerate(zip(celler, valgt)):
                inne, ute = np.flatnonzero(m), np.flatnonzero(~m)
                if not len(inne) or not len(ute):
                    continue
                gevinst = verdier[idx][ute][None, :] - verdier[idx][inne][:, None]
                feil = np.abs(behov - gevinst)
                i, j = np.unravel_index(int(np.argmin(feil)), feil.shape)
                if beste is None or feil[i, j] < beste[0]:
                    beste = (feil[i, j], c, inne[i], ute[j])
            if beste is None or beste[0] >= abs(behov):
                break
            _, c, i, j = beste
            valgt[c][i], valgt[c][j] = False, True
    if not celler:
        return np.zeros(0, dtype="int64")
    return np.sort(np.concatenate([idx[m] for (idx, _), m in zip(celler, valgt)]), kind="stable")


def _fordel_heltall(total: int, vekter: dict[str, float], tak: dict[str, int]) -> dict[str, int]:
    """Fordel ``total`` etter vektene (største rest), uten å gå over taket per nøkkel."""
    ut = {k: 0 for k in vekter}
    rest = total
    while rest > 0:
        ledige = {k: v for k, v in vekter.items() if ut[k] < tak.get(k, 10**9)}
        if not ledige:
            break
        s = sum(ledige.values())
        onsket = {k: rest * v / s for k, v in ledige.items()}
        hele = {k: min(int(np.floor(x)), tak.get(k, 10**9) - ut[k]) for k, x in onsket.items()}
        if sum(hele.values()) == 0:
            k = max(ledige, key=lambda k: (onsket[k] - np.floor(onsket[k]), ledige[k]))
            hele[k] = 1
        for k, x in hele.items():
            ut[k] += x
        rest = total - sum(ut.values())
    return ut


# ---------------------------------------------------------------------------------
# Spor
# ---------------------------------------------------------------------------------


def _ikke_realitet(idx: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Dublin eller trygt tredjeland (Dublin dominerer)."""
    return np.where(rng.random(len(idx)) < ANDEL_DUBLIN_AV_IKKE_REALITET, "Dublin", "Trygt tredjeland").astype(object)


def _spor_klage_2023(s: _Saker, spor: np.ndarray, mal: Mal, rng: np.random.Generator) -> None:
    """Klager som er i arbeid i 2023. Realitet: 108 ubehandlet 31.12.2022 (alder 151), 250
    avgjort (185 dager og 7,6 % i nemndmøte så langt datoene og formene tillater) og 218 ubehandlet 31.12.2023 (alder 119); resten er
    ikke-realitet (30 / 360 / 115, alder 63 / 110). Ingen realitetsklager henlegges, så strømmen
    gir 360 mottatte (rapporten: 356). Dublin: 449 av de mottatte ikke-realitetsklagene."""
    d0, d1 = s.ubehandlet(AR - 1) & s.klage, s.ubehandlet(AR) & s.klage
    avgj = s.avgjort(AR) & s.klage
    mott = s.klage & (s.ar_mott == AR)
    start, slutt = mal("beholdning_start.asyl_realitet.klage", AR), mal("beholdning.asyl_realitet.klage", AR)
    n_avgj = mal("behandlet.asyl_realitet.klage", AR)
    # ubehandlet ved start: avgjøres i år (A) eller fortsatt ubehandlet (C); henlagte blir ikke-realitet
    pool_start = np.flatnonzero(d0 & (avgj | d1))
    a0 = s.alder(AR - 1)
    mal_start = _snitt_for_begge(
        a0[d0].sum(),
        int(d0.sum()),
        start,
        mal("beholdning_alder_start.asyl_realitet.klage", AR),
        mal("beholdning_alder_start.asyl_ikke_realitet.klage", AR),
    )
    # nemndmøtevedtakene blant dem er realitet (7,6 %); av de øvrige foretrekkes de som
    # avgjøres i år, de lengste først: saksbehandlingstiden blir lang nok
    fast = pool_start[avgj[pool_start] & s.nemnd[pool_start]][:start]
    pool_start = np.setdiff1d(pool_start, fast)
    k = start - len(fast)
    mal_rest = (mal_start * start - a0[fast].sum()) / max(k, 1)
    pref = np.where(avgj[pool_start], s.tid[pool_start], -1.0)
    s_start = np.sort(
        np.concatenate([fast, pool_start[_velg_snitt(a0[pool_start], k, mal_rest, rng, preferanse=pref)]]),
        kind="stable",
    )
    a_idx = s_start[avgj[s_start]]
    c_idx = s_start[d1[s_start]]
    # mottatt i år og fortsatt ubehandlet (G): alder ved slutt 119 over C + G
    pool_g = np.flatnonzero(mott & d1)
    a1 = s.alder(AR)
    k_g = slutt - len(c_idx)
    mal_slutt = _snitt_for_begge(
        a1[d1].sum(),
        int(d1.sum()),
        slutt,
        mal("beholdning_alder.asyl_realitet.klage", AR),
        mal("beholdning_alder.asyl_ikke_realitet.klage", AR),
    )
    mal_g = (mal_slutt * slutt - a1[c_idx].sum()) / max(k_g, 1)
    g_idx = pool_g[_velg_snitt(a1[pool_g], k_g, mal_g, rng)]
    # mottatt og avgjort i år (E): saksbehandlingstid 185 over A + E, nemndmøtevedtakene først
    pool_e = np.flatnonzero(mott & avgj)
    k_e = n_avgj - len(a_idx)
    n_nemnd = int(round(mal("avgjort_andel.asyl_realitet.klage.form.nemndmote", AR) * n_avgj)) - int(
        s.nemnd[a_idx].sum()
    )
    e_nemnd = _velg_antall(rng, pool_e[s.nemnd[pool_e]], n_nemnd)
    rest_e = np.setdiff1d(pool_e, e_nemnd)
    t = mal("saksbehandlingstid.asyl_realitet.klage", AR)
    mal_e = (t * n_avgj - s.tid[a_idx].sum() - s.tid[e_nemnd].sum()) / max(k_e - len(e_nemnd), 1)
    e_idx = rest_e[_velg_snitt(s.tid[rest_e], k_e - len(e_nemnd), mal_e, rng)]
    ikke = np.flatnonzero(d0 | mott)
    spor[ikke] = _ikke_realitet(ikke, rng)
    spor[np.concatenate([a_idx, c_idx, g_idx, e_nemnd, e_idx])] = "Realitet"
    # Dublin blant de mottatte ikke-realitetsklagene (rapporten: 449)
    ir_mott = np.flatnonzero(mott & (spor != "Realitet"))
    _sett_dublin(spor, ir_mott, mal("mottatt.asyl_dublin.klage", AR), rng)


def _snitt_for_begge(
    sum_alle: float, n_alle: int, n: int, mal_r: float, mal_ir: float | None, tol: float = 0.5
) -> float:
    """Snittet for realitetsdelen (n av n_alle) som gjør at både den og resten (ikke-realitet)
    treffer sine publiserte snitt når det går; ellers realitetsmålet."""
    if mal_ir is None or n >= n_alle:
        return mal_r
    lav = max((mal_r - tol) * n, sum_alle - (mal_ir + tol) * (n_alle - n))
    hoy = min((mal_r + tol) * n, sum_alle - (mal_ir - tol) * (n_alle - n))
    return (lav + hoy) / 2 / n if lav <= hoy else mal_r


def _sett_dublin(spor: np.ndarray, ir_idx: np.ndarray, n_dublin: int | None, rng: np.random.Generator) -> None:
    """Blant ikke-realitetssakene ``ir_idx``: nøyaktig ``n_dublin`` Dublin, resten trygt tredjeland."""
    if n_dublin is None:
        return
    spor[ir_idx] = "Trygt tredjeland"
    spor[_velg_antall(rng, ir_idx, n_dublin)] = "Dublin"


def _spor_klage_tidligere(s: _Saker, spor: np.ndarray, mal: Mal, rng: np.random.Generator) -> None:
    """Klager avsluttet før 2023. 2022: realitetsklagene avgjort med snitt 173 dager; 2021–2022:
    162 og 119 mottatte Dublin-klager (3.2.3). Øvrige år etter anslåtte andeler."""
    ledig = s.klage & (spor == None)  # noqa: E711
    idx = np.flatnonzero(ledig)
    spor[idx] = velg(rng, (SPOR, SPOR_KLAGE), len(idx))
    last = np.zeros(s.n, dtype=bool)  # realitet eller ikke er kalibrert (Dublin/trygt står fritt)
    for ar in (2022, 2021):
        avgj = np.flatnonzero(ledig & s.avgjort(ar))
        t = mal("saksbehandlingstid.asyl_realitet.klage", ar)
        if t is not None:
            # de mottatt samme år må gi plass til Dublin-klagene (162 i 2022) blant ikke-realitet
            k = int(round(ANDEL_REALITET_KLAGE_2022 * len(avgj)))
            samme = avgj[s.ar_mott[avgj] == ar]
            eldre = avgj[s.ar_mott[avgj] < ar]
            mott = s.klage & (s.ar_mott == ar)
            behov_ir = (mal("mottatt.asyl_dublin.klage", ar) or 0) - int((mott & ~ledig & (spor == "Dublin")).sum())
            k_samme = min(len(samme) - behov_ir - 3, int(round(k * len(samme) / max(len(avgj), 1))))
            real = _velg_i_celler(s.tid, [(samme, k_samme), (eldre, k - k_samme)], t, rng)
            spor[avgj] = _ikke_realitet(avgj, rng)
            spor[real] = "Realitet"
            last[avgj] = True
        n_dublin = mal("mottatt.asyl_dublin.klage", ar)
        if n_dublin is None:
            continue
        mott = s.klage & (s.ar_mott == ar)
        fast = mott & ~ledig
        rest = n_dublin - int((fast & (spor == "Dublin")).sum())
        # ledige ikke-realitetsklager mottatt i år: Dublin til målet, resten trygt tredjeland; mangler
        # det, blir realitetsklager som ikke er kalibrert (avsluttet senere år) Dublin
        ir = np.flatnonzero(mott & ledig & (spor != "Realitet"))
        if len(ir) < rest:
            kandidat = np.flatnonzero(mott & ledig & ~last & (spor == "Realitet"))
            ir = np.concatenate([ir, _velg_antall(rng, kandidat, rest - len(ir))])
        _sett_dublin(spor, ir, max(rest, 0), rng)
        # for mange trygt tredjeland (mer enn en firedel av Dublin): de ukalibrerte blir realitet
        tt = np.flatnonzero(mott & ledig & ~last & (spor == "Trygt tredjeland"))
        overskudd = int((mott & ledig & (spor == "Trygt tredjeland")).sum()) - n_dublin // 4
        if overskudd > 0:
            spor[tt[:overskudd]] = "Realitet"


def _spor_omgjoring(s: _Saker, spor: np.ndarray, mal: Mal, rng: np.random.Generator) -> None:
    """Anmodninger: alle mottatt i 2023 er realitet (260); av de avgjorte i 2023 er 319 realitet
    med 38 % omgjort og 13 % i nemndmøte; resten er ikke-realitet. Henlagte 2023 som kom inn
    før 2023 blir ikke-realitet, slik at realitetsbeholdningen går ned med ca. 60."""
    idx = np.flatnonzero(s.omg)
    spor[idx] = velg(rng, (SPOR, SPOR_OMGJORING), len(idx))
    spor[s.omg & (s.ar_mott == AR)] = "Realitet"
    gamle_henlagt = np.flatnonzero(s.omg & s.henlagt & (s.ar_avsl == AR) & (s.ar_mott < AR))
    spor[gamle_henlagt] = _ikke_realitet(gamle_henlagt, rng)
    avgj = s.omg & s.avgjort(AR)
    n_real = mal("behandlet.asyl_realitet.omgjoring", AR)
    gamle = np.flatnonzero(avgj & (s.ar_mott < AR))
    m = int(avgj.sum()) - n_real  # ikke-realitet blant de avgjorte (alle mottatt før 2023)
    andel_om, andel_nemnd = (
        mal("omgjoringsandel.asyl_realitet.omgjoring", AR),
        mal("avgjort_andel.asyl_realitet.omgjoring.form.nemndmote", AR),
    )
    om_ir = int((s.omgjort & avgj).sum()) - int(round(andel_om * n_real))
    nemnd_ir = int((s.nemnd & avgj).sum()) - int(round(andel_nemnd * n_real))
    ir = _velg_to_flagg(s.omgjort[gamle], s.nemnd[gamle], m, om_ir, nemnd_ir, rng)
    spor[gamle] = "Realitet"
    spor[gamle[ir]] = _ikke_realitet(gamle[ir], rng)


def _velg_to_flagg(
    a: np.ndarray, b: np.ndarray, m: int, mal_a: int, mal_b: int, rng: np.random.Generator
) -> np.ndarray:
    """Velg ``m`` av sakene slik at antallet med flagg a og b blir så nær målene som mulig
    (avvik i a veier tyngst). Returnerer indekser."""
    celler = {(x, y): np.flatnonzero((a == x) & (b == y)) for x in (True, False) for y in (True, False)}
    beste = None
    for x11 in range(min(m, len(celler[True, True])) + 1):
        for x10 in range(min(m - x11, len(celler[True, False])) + 1):
            for x01 in range(min(m - x11 - x10, len(celler[False, True])) + 1):
                x00 = m - x11 - x10 - x01
                if x00 > len(celler[False, False]):
                    continue
                feil = 2 * abs(x11 + x10 - mal_a) + abs(x11 + x01 - mal_b)
                if beste is None or feil < beste[0]:
                    beste = (feil, (x11, x10, x01, x00))
    if beste is None:
        return np.zeros(0, dtype="int64")
    antall = dict(zip([(True, True), (True, False), (False, True), (False, False)], beste[1]))
    return np.sort(np.concatenate([_velg_antall(rng, celler[c], k) for c, k in antall.items()]), kind="stable")


# ---------------------------------------------------------------------------------
# Nasjonalitet
# ---------------------------------------------------------------------------------


def _nasjonalitet(df: pd.DataFrame, s: _Saker, mal: Mal, rng: np.random.Generator) -> None:
    """Trekk nasjonalitet for alle asylsaker, og sett deretter de publiserte antallene:
    realitetsvedtak 2023 (Figur 11 og 3.2.3) og ukrainske klager mottatt 2023 (108: 6 + 102)."""
    nasj = np.full(s.n, None, dtype=object)
    nasj[s.asyl] = velg(rng, NASJONALITETER_ASYL, int(s.asyl.sum()))
    real = df["asylspor"].eq("Realitet").to_numpy()
    fast = _nasjonalitet_realitet_2023(nasj, s, real, mal, rng)
    # ukrainske klager mottatt 2023: realitetsdelen blant dem som fortsatt er ubehandlet
    mott = s.klage & (s.ar_mott == AR) & ~fast
    ikke_ukr = (
        NASJONALITETER_ASYL[0][:8] + NASJONALITETER_ASYL[0][9:],
        NASJONALITETER_ASYL[1][:8] + NASJONALITETER_ASYL[1][9:],
    )
    ukr = np.flatnonzero(mott & (nasj == "Ukraina"))
    nasj[ukr] = velg(rng, ikke_ukr, len(ukr))
    for maske, fid in (
        (real, "mottatt.asyl_realitet.klage.nasjonalitet.ukraina"),
        (~real, "mottatt.asyl_ikke_realitet.klage.nasjonalitet.ukraina"),
    ):
        nasj[_velg_antall(rng, np.flatnonzero(mott & maske), mal(fid, AR) or 0)] = "Ukraina"
    df.loc[s.asyl, "nasjonalitet"] = nasj[s.asyl]


def _nasjonalitet_realitet_2023(nasj, s: _Saker, real, mal: Mal, rng) -> np.ndarray:
    """Realitetsvedtak 2023: Iran flest (110, 41 % omgjort) og Irak nest flest (56, 34 %)
    (3.1.5, Figur 11); klager: Georgia 23, Tyrkia 23 og Somalia 22 størst; anmodninger: Iran 93,
    Irak 44 og Afghanistan 35 størst (3.2.3). Returnerer masken over sakene som er satt."""
    fast = np.zeros(s.n, dtype=bool)
    avgj = real & s.avgjort(AR)
    topp = {"Iran": 110, "Irak": 56}
    andel = {
        "Iran": mal("omgjoringsandel.asyl_realitet.nasjonalitet.iran", AR),
        "Irak": mal("omgjoringsandel.asyl_realitet.nasjonalitet.irak", AR),
    }
    omg_kvote = {
        "Iran": mal("behandlet.asyl_realitet.omgjoring.nasjonalitet.iran", AR),
        "Irak": mal("behandlet.asyl_realitet.omgjoring.nasjonalitet.irak", AR),
        "Afghanistan": mal("behandlet.asyl_realitet.omgjoring.nasjonalitet.afghanistan", AR),
    }
    klage_kvote = {
        "Georgia": mal("behandlet.asyl_realitet.klage.nasjonalitet.georgia", AR),
        "Tyrkia": mal("behandlet.asyl_realitet.klage.nasjonalitet.tyrkia", AR),
        "Somalia": mal("behandlet.asyl_realitet.klage.nasjonalitet.somalia", AR),
        "Iran": topp["Iran"] - omg_kvote["Iran"],
        "Irak": topp["Irak"] - omg_kvote["Irak"],
    }
    kl, om = np.flatnonzero(avgj & s.klage), np.flatnonzero(avgj & s.omg)
    # omgjorte Iran/Irak-saker fordeles på klager og anmodninger etter omgjøringsandelen i hver
    rate_kl = s.omgjort[kl].mean() if len(kl) else 0.0
    omgjort_kvote = {}
    for land in topp:
        totalt = int(round(andel[land] * topp[land]))
        i_klage = min(int(round(rate_kl * klage_kvote[land])), totalt)
        omgjort_kvote[land] = {"kl": i_klage, "om": totalt - i_klage}
    andre = [x for x in NASJONALITETER_ASYL[0] if x not in ("Ukraina",)]
    vekt = dict(zip(*NASJONALITETER_ASYL))
    # resten: ingen når opp til de navngitte (klager < 22, anmodninger < 35, samlet < 56)
    kl_tak = min(klage_kvote.values()) - 1
    om_tak = min(omg_kvote.values()) - 1
    rest_kl = {x: vekt[x] for x in andre if x not in klage_kvote and x != "Afghanistan"}
    rest_kl["Afghanistan"] = vekt["Afghanistan"]
    kl_ant = dict(
        klage_kvote,
        **_fordel_heltall(
            len(kl) - sum(klage_kvote.values()),
            rest_kl,
            dict({x: kl_tak for x in rest_kl}, Afghanistan=min(kl_tak, topp["Irak"] - 1 - omg_kvote["Afghanistan"])),
        ),
    )
    rest_om = {x: vekt[x] for x in andre if x not in omg_kvote}
    om_tak_land = {x: min(om_tak, topp["Irak"] - 1 - kl_ant.get(x, 0)) for x in rest_om}
    om_ant = dict(omg_kvote, **_fordel_heltall(len(om) - sum(omg_kvote.values()), rest_om, om_tak_land))
    for idx, antall, nokkel in ((kl, kl_ant, "kl"), (om, om_ant, "om")):
        ledig_om = list(rng.permutation(idx[s.omgjort[idx]]))
        ledig_ikke = list(rng.permutation(idx[~s.omgjort[idx]]))
        for land in topp:  # Figur 11: omgjorte først
            k_om = min(omgjort_kvote[land][nokkel], antall[land], len(ledig_om))
            for _ in range(k_om):
                nasj[ledig_om.pop()] = land
            for _ in range(antall[land] - k_om):
                nasj[ledig_ikke.pop()] = land
        resten = ledig_om + ledig_ikke
        liste = [x for land, k in antall.items() if land not in topp for x in [land] * k]
        nasj[np.array(resten, dtype="int64")] = rng.permutation(np.array(liste, dtype=object))[: len(resten)]
        fast[idx] = True
    return fast


# ---------------------------------------------------------------------------------
# EMA, barnefamilier og lengeværende barn (3.2.6)
# ---------------------------------------------------------------------------------


def _flagg(df: pd.DataFrame, s: _Saker, mal: Mal, rng: np.random.Generator) -> None:
    """Flaggene etter anslåtte andeler, og nøyaktig for vedtakene i 2023 (3.2.6)."""
    spor = df["asylspor"].to_numpy()
    ema = s.asyl & (rng.random(s.n) < 0.07)
    u18 = ema & s.vedtak & (rng.random(s.n) < 0.38)
    bf = s.asyl & ~ema & (rng.random(s.n) < 0.2)
    lv = bf & (spor == "Realitet") & (rng.random(s.n) < 0.2)
    avgj = s.asyl & s.avgjort(AR)
    ema[avgj] = u18[avgj] = bf[avgj] = lv[avgj] = False
    ledig = avgj.copy()
    # EMA under 18 ved vedtaket
    u = _ema_under_18(df, s, spor, ledig, mal, rng)
    ema[u] = u18[u] = True
    ledig[u] = False
    # øvrige EMA-vedtak: resten av klagene og anmodningene
    for kode, maske in (("klage", s.klage), ("omgjoring", s.omg)):
        k = (mal(f"ema.behandlet.{kode}", AR) or 0) - int((u18 & maske & avgj).sum())
        ema[_velg_antall(rng, np.flatnonzero(ledig & maske), k)] = True
    ledig &= ~ema
    # lengeværende barn: realitet, 40 av 49 omgjort, 4 i nemndmøte, 199 dager
    lv_idx = _lengevarende(s, spor, ledig, mal, rng)
    lv[lv_idx] = bf[lv_idx] = True
    ledig[lv_idx] = False
    # barnefamilier: 132 klager + 67 anmodninger, 171 dager (inkludert de lengeværende)
    n_kl = (mal("barnefamilie.behandlet.klage", AR) or 0) - int((lv & s.klage & avgj).sum())
    n_om = (mal("barnefamilie.behandlet.omgjoring", AR) or 0) - int((lv & s.omg & avgj).sum())
    n_alle = mal("barnefamilie.behandlet", AR) or 0
    t = mal("barnefamilie.saksbehandlingstid", AR)
    mal_rest = None if t is None else (t * n_alle - s.tid[lv_idx].sum()) / max(n_kl + n_om, 1)
    bf_idx = _velg_i_celler(
        s.tid, [(np.flatnonzero(ledig & s.klage), n_kl), (np.flatnonzero(ledig & s.omg), n_om)], mal_rest, rng
    )
    bf[bf_idx] = True
    df["ema"] = ema
    df["under_18_ved_vedtak"] = u18
    df["barnefamilie"] = bf
    df["lengevarende_barn"] = lv
    df["familie_id"] = _familier(s, bf, lv, avgj, mal, rng)


def _ema_under_18(df: pd.DataFrame, s: _Saker, spor, ledig, mal: Mal, rng) -> np.ndarray:
    """25 vedtak (23 klager, 97 dager; 2 anmodninger, 36 dager): 12 realitet, 12 Dublin og én
    trygt tredjeland; tre omgjort (to realitet, én Dublin); 72 % avgjort av nemndleder.
    Anmodningene velges først (få kandidater med så kort tid), klagene etter det."""
    if not mal.har("ema_under_18.behandlet", AR):
        return np.zeros(0, dtype="int64")
    n_om = mal("ema_under_18.behandlet.omgjoring", AR)
    real = mal("ema_under_18.behandlet.asyl_realitet", AR) - n_om  # anmodningene er realitet
    dub, tt = mal("ema_under_18.behandlet.asyl_dublin", AR), mal("ema_under_18.behandlet.asyl_trygt_tredjeland", AR)
    om_r, om_d = mal("ema_under_18.omgjort.asyl_realitet", AR), mal("ema_under_18.omgjort.asyl_dublin", AR)
    n = real + dub + tt + n_om
    ikke_nl = n - int(round(mal("ema_under_18.avgjort_andel.form.nl", AR) * n))
    t_om = mal("ema_under_18.saksbehandlingstid.omgjoring", AR)
    # anmodningene (36 dager) avgjøres helst i sekretariatet; finnes ingen par med det snittet
    # der, tar nemndleder en av dem og en klage til går utenom nemndleder
    lov = ledig & s.omg & (spor == "Realitet") & ~s.omgjort
    forsok = []
    for nl_om in range(n_om + 1):
        celler = [(np.flatnonzero(lov & (s.nl == nl)), k) for nl, k in ((False, n_om - nl_om), (True, nl_om))]
        om = _velg_i_celler(s.tid, celler, t_om, rng)
        feil = 0.0 if t_om is None or not len(om) else abs(float(s.tid[om].mean()) - t_om)
        forsok.append((feil, nl_om, om))
        if feil < 0.5:  # strengt innenfor: 36,5 ville vært trykt som 37
            break
    forsok.sort(key=lambda f: f[0])  # stabil: likt avvik beholder rekkefølgen over
    _, nl_om, om = forsok[0]
    if forsok[0][0] >= 0.5:  # intet utvalg treffer: bytt en vedtaksdato, beste utgangspunkt først
        for _, nl_forsok, om_forsok in forsok:
            byttet = _bytt_til_snitt(df, s, om_forsok, t_om, lov)
            if byttet is not None:
                nl_om, om = nl_forsok, byttet
                break
    ikke_nl_kl = ikke_nl - (n_om - nl_om)
    ikke_nl_d = min(dub - om_d, ikke_nl_kl // 2)
    ikke_nl_r = ikke_nl_kl - ikke_nl_d
    # (spor, omgjort, NL) -> antall klager
    plan = {
        ("Realitet", True, True): om_r,
        ("Realitet", False, True): real - om_r - ikke_nl_r,
        ("Realitet", False, False): ikke_nl_r,
        ("Dublin", True, True): om_d,
        ("Dublin", False, True): dub - om_d - ikke_nl_d,
        ("Dublin", False, False): ikke_nl_d,
        ("Trygt tredjeland", False, True): tt,
    }
    celler = [
        (np.flatnonzero(ledig & s.klage & (spor == sp) & (s.omgjort == o) & (s.nl == nl)), k)
        for (sp, o, nl), k in plan.items()
    ]
    kl = _velg_i_celler(s.tid, celler, mal("ema_under_18.saksbehandlingstid.klage", AR), rng)
    return np.concatenate([kl, om])


def _bytt_til_snitt(
    df: pd.DataFrame, s: _Saker, valgt: np.ndarray, mal_snitt: float, lov: np.ndarray
) -> np.ndarray | None:
    """Få snittet av ``s.tid`` over utvalget ``valgt`` strengt innenfor avrundingen av
    ``mal_snitt`` (±0,5) når ingen utvalg av sakene i ``lov`` gjør det: én valgt sak i erstattes
    av en sak k i ``lov`` med samme nemndleder-flagg (eller i selv), og k bytter vedtaksdato med
    en ikke valgt sak j i samme celle (samme behandlingstype, avgjørelsesform, utfall og tertial i
    rapportåret; ``lov`` holder sporet likt). Cellen har da de samme vedtaksdatoene, og snittene
    per gruppe, type, form og tertial står. Byttet som flytter datoene minst velges; ingen sak
    får vedtak samme dag som mottak. Returnerer det nye utvalget, eller None om intet bytte finnes."""
    grenser = [int(np.datetime64(f"{AR}-{m:02d}-01", "D").astype("int64")) for m in (5, 9)]
    tertial = np.searchsorted(grenser, s.avsl, side="right")
    pool = np.setdiff1d(np.flatnonzero(lov & s.avgjort(AR)), valgt)
    n, summen = len(valgt), float(s.tid[valgt].sum())
    beste = None
    for i in valgt:
        for k in np.concatenate([[i], pool[s.nl[pool] == s.nl[i]]]):
            celle = pool[
                (pool != k)
                & (s.omg[pool] == s.omg[k])
                & (s.form[pool] == s.form[k])
                & (s.omgjort[pool] == s.omgjort[k])
                & (tertial[pool] == tertial[k])
            ]
            ny_k, ny_j = s.avsl[celle] - s.mott[k], s.avsl[k] - s.mott[celle]
            ok = (np.abs((summen - s.tid[i] + ny_k) / n - mal_snitt) < 0.5) & (ny_k >= 1) & (ny_j >= 1)
            if ok.any():
                flytt = np.abs(s.avsl[celle[ok]] - s.avsl[k])
                m = int(np.argmin(flytt))
                if beste is None or flytt[m] < beste[0]:
                    beste = (int(flytt[m]), int(i), int(k), int(celle[ok][m]))
    if beste is None:
        return None
    _, i, k, j = beste
    s.bytt_vedtaksdato(df, k, j)
    return np.where(valgt == i, k, valgt)


def _lengevarende(s: _Saker, spor, ledig, mal: Mal, rng) -> np.ndarray:
    """Lengeværende barn 2023: 49 realitetsvedtak, 40 omgjort, 8,2 % (4) i nemndmøte, 199 dager."""
    n = mal("lengevarende_barn.behandlet", AR)
    if n is None:
        return np.zeros(0, dtype="int64")
    n_om = mal("lengevarende_barn.omgjort", AR)
    n_nemnd = int(round(mal("lengevarende_barn.avgjort_andel.form.nemndmote", AR) * n))
    pool = ledig & (spor == "Realitet")
    plan = {(True, True): n_nemnd, (True, False): n_om - n_nemnd, (False, False): n - n_om}
    celler = [(np.flatnonzero(pool & (s.omgjort == o) & (s.nemnd == nm)), k) for (o, nm), k in plan.items()]
    return _velg_i_celler(s.tid, celler, mal("lengevarende_barn.saksbehandlingstid", AR), rng)


def _familier(s: _Saker, bf, lv, avgj, mal: Mal, rng) -> np.ndarray:
    """``familie_id`` for barnefamiliene: sakene i en familie har samme behandlingstype og
    avgjøres nær hverandre i tid. Vedtakene 2023: 65 familier, 16 av dem med lengeværende barn."""
    fam = np.full(s.n, None, dtype=object)
    nr = 0
    grupper = [
        (bf & avgj & lv, mal("lengevarende_barn.familier", AR)),
        (bf & avgj & ~lv, (mal("barnefamilie.familier", AR) or 0) - (mal("lengevarende_barn.familier", AR) or 0)),
        (bf & ~avgj, None),
    ]
    for maske, antall in grupper:
        deler = [np.flatnonzero(maske & s.klage), np.flatnonzero(maske & s.omg)]
        if antall:  # familiene deles på behandlingstypene etter antall saker
            k_kl = int(round(antall * len(deler[0]) / max(len(deler[0]) + len(deler[1]), 1)))
            antall_per_type = [k_kl, antall - k_kl]
        else:
            antall_per_type = [max(1, len(d) // 3) for d in deler]
        for idx, k in zip(deler, antall_per_type):
            if not len(idx):
                continue
            orden = idx[np.lexsort((s.mott[idx], s.avsl[idx]))]
            for familie in np.array_split(orden, max(1, min(k, len(idx)))):
                fam[familie] = f"F{nr:06d}"
                nr += 1
    return fam


# ---------------------------------------------------------------------------------


def tildel_asyl(df: pd.DataFrame, mal: Mal, rng: np.random.Generator) -> None:
    """Setter ``sakstype``, ``asylspor``, ``nasjonalitet``, ``hjemmel``, ``ema``,
    ``under_18_ved_vedtak``, ``barnefamilie``, ``lengevarende_barn`` og ``familie_id`` for
    asylsakene (flaggene er usanne og familie_id tom for alle andre saker)."""
    s = _Saker(df)
    df.loc[s.asyl, "sakstype"] = "Beskyttelse"
    df.loc[s.asyl, "hjemmel"] = "utl. § 28"
    spor = np.full(s.n, None, dtype=object)
    _spor_klage_2023(s, spor, mal, rng)
    _spor_klage_tidligere(s, spor, mal, rng)
    _spor_omgjoring(s, spor, mal, rng)
    df["asylspor"] = spor
    _nasjonalitet(df, s, mal, rng)
    _flagg(df, s, mal, rng)
