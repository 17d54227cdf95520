"""Syntetisk prioportefølje (issue 7): tabellen ``prioritet`` og de nye kolonnene i ``saker``.

Rundt tre hundre asylsaker realitetsbehandlet med vedtak på en arbeidsdag i 2021–februar
2024 merkes ``PP``; noen av dem er fortsatt ubehandlet på uttrekksdatoen. Generatoren tar
sakene som de er og endrer ingen eksisterende kolonne: den legger bare til merkingen,
vedtakstidspunktet (``avsluttet_dato`` med et klokkeslett i kontortiden), åpenbart grunnløs,
fristen for å begjære utsatt iverksetting, begjæringen og avgjørelsen av den.

- **Merking**: meldt inn av PU, lokalt politi, mottak, OPA, RMA eller ASA (noen få uten
  melder). Fra merking til vedtak går det oftest fem arbeidsdager eller mindre, litt oftere
  for hvert år; resten tar opptil fem uker.
- **Tatt ut igjen** (``UM``): omtrent hver tiende merket sak, oftest saker som endte med
  omgjøring (saken lå an til innvilgelse), noen dager etter merkingen.
- **Åpenbart grunnløs**: om lag halvparten av de avslåtte prioriterte sakene. Fristen settes
  for det meste etter regelen (to arbeidsdager med klokkeslett, ellers tre uker); noen få
  kortere eller lengre. De fleste begjæringene avgjøres innen en time etter fristen.
- **Helligdager**: sakene avgjort like før påske 2021–2023 er alltid med, så den korte fristen
  går over påsken, og det samme gjelder sakene avgjort i de dagene av desember som gir en
  tre-ukersfrist over jul og nyttår.
- **Avvik** som kontrollen skal finne: noen få UM uten PP, PP satt etter vedtaket
  (returoppfølging), to Dublinsaker, én sak i 48-timersprosedyren og én enslig mindreårig
  merket før Barnefaglig enhet hadde vurdert saken (en annen er merket etter vurderingen).

Alt trekkes fra en egen tilfeldighetsstrøm (``rng``), så de andre tabellene er uendret.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from uttrekksgenerator import kontrakt as regler

KOLONNER = ["sak_id", "tidspunkt", "kode", "meldt_av"]
NYE_SAKSKOLONNER = [
    "vedtak_tidspunkt",
    "aapenbart_grunnlos",
    "uiv_frist",
    "uiv_begjaering",
    "uiv_avgjort",
    "prosedyre_48t",
    "bfe_vurdert",
]
EKSTRAKT = pd.Timestamp("2024-02-15")

# antall prioriterte saker med vedtak per år (2024: januar–14. februar)
VEDTAK_PER_AR = {2021: 78, 2022: 92, 2023: 112, 2024: 9}
UBEHANDLET = 12  # merket høsten 2023 / januar 2024, ikke avgjort ved uttrekket
TATT_UT_PER_AR = {2021: 8, 2022: 10, 2023: 13}
ANDEL_INNEN_MAL = {2021: 0.62, 2022: 0.68, 2023: 0.74, 2024: 0.75}
ANDEL_AG = {2021: 0.42, 2022: 0.47, 2023: 0.53, 2024: 0.5}
MELDERE = ("PU", "Lokalt politi", "Mottak", "OPA", "RMA", "ASA")
MELDER_VEKT = (0.38, 0.21, 0.15, 0.05, 0.08, 0.11)  # resten (2 %) uten melder
ANDEL_UTEN_MELDER = 0.02
PROSEDYRE_48T = 24  # asylsaker i 48-timersprosedyren (ikke merket)

# vedtaksdager som gir frister over påske og jul/nyttår (tas med når det finnes en sak)
PASKE = (
    "2021-03-29",
    "2021-03-30",
    "2021-03-31",
    "2022-04-11",
    "2022-04-12",
    "2022-04-13",
    "2023-04-03",
    "2023-04-04",
    "2023-04-05",
)
JUL_TRE_UKER = (
    "2021-12-03",
    "2021-12-06",
    "2021-12-10",
    "2022-12-02",
    "2022-12-05",
    "2022-12-09",
    "2023-12-04",
    "2023-12-05",
    "2023-12-08",
)


def _ts(t: dt.datetime) -> pd.Timestamp:
    return pd.Timestamp(t)


def _klokke(rng: np.random.Generator, fra: tuple[int, int] = (8, 30), til: tuple[int, int] = (15, 45)) -> dt.timedelta:
    a, b = fra[0] * 60 + fra[1], til[0] * 60 + til[1]
    return dt.timedelta(minutes=int(rng.integers(a, b + 1)))


def _arbeidsdag(d: pd.Series) -> np.ndarray:
    return np.array([regler.er_arbeidsdag(x) for x in d.dt.date], dtype=bool)


def _velg(rng: np.random.Generator, pool: np.ndarray, n: int, tvungne: np.ndarray) -> np.ndarray:
    """``n`` saker fra ``pool`` (posisjoner), med ``tvungne`` først."""
    tvungne = np.intersect1d(tvungne, pool)
    rest = np.setdiff1d(pool, tvungne)
    n_rest = max(0, min(len(rest), n - len(tvungne)))
    return np.concatenate([tvungne, rng.choice(rest, n_rest, replace=False)]).astype("int64")


def lag_prioritet(saker: pd.DataFrame, rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(``prioritet``, de nye kolonnene i ``saker`` med samme indeks som ``saker``)."""
    n = len(saker)
    ny = {
        "vedtak_tidspunkt": np.full(n, np.datetime64("NaT"), dtype="datetime64[us]"),
        "aapenbart_grunnlos": np.zeros(n, dtype=bool),
        "uiv_frist": np.full(n, np.datetime64("NaT"), dtype="datetime64[us]"),
        "uiv_begjaering": np.full(n, np.datetime64("NaT"), dtype="datetime64[us]"),
        "uiv_avgjort": np.full(n, np.datetime64("NaT"), dtype="datetime64[us]"),
        "prosedyre_48t": np.zeros(n, dtype=bool),
        "bfe_vurdert": np.full(n, np.datetime64("NaT"), dtype="datetime64[us]"),
    }
    hendelser: list[tuple[int, pd.Timestamp, str, str | None]] = []

    asyl = saker["saksgruppe"].eq("Asyl").to_numpy()
    realitet = saker["asylspor"].eq("Realitet").fillna(False).to_numpy()
    vedtak = saker["avslutning"].eq("Vedtak").fillna(False).to_numpy()
    avsl = saker["avsluttet_dato"]
    mott = saker["mottatt_dato"]
    voksen = ~(saker["ema"].to_numpy(dtype=bool) | saker["under_18_ved_vedtak"].to_numpy(dtype=bool))
    arbeidsdag = np.zeros(n, dtype=bool)
    arbeidsdag[vedtak] = _arbeidsdag(avsl[vedtak])
    avslag = saker["utfall"].eq("Ikke omgjort").fillna(False).to_numpy()
    omgjort = saker["utfall"].isin(["Omgjort", "Delvis omgjort"]).to_numpy()
    ar = avsl.dt.year.to_numpy()
    kandidat = asyl & realitet & vedtak & arbeidsdag & voksen

    def melder() -> str | None:
        if rng.random() < ANDEL_UTEN_MELDER:
            return None
        return str(rng.choice(MELDERE, p=np.array(MELDER_VEKT) / sum(MELDER_VEKT)))

    def sett_vedtak(i: int) -> pd.Timestamp:
        v = avsl.iat[i] + _klokke(rng)
        ny["vedtak_tidspunkt"][i] = v.to_datetime64()
        return v

    def merketid(i: int, v: pd.Timestamp, dager: int) -> pd.Timestamp:
        """Merking ``dager`` arbeidsdager før vedtaket, ikke før saken kom inn."""
        m = _ts(regler.legg_til_arbeidsdager(v.to_pydatetime(), -dager)).normalize() + _klokke(rng, (8, 0), (15, 59))
        if dager == 0 or m >= v:
            m = v - dt.timedelta(minutes=int(rng.integers(40, 300)))
        m = max(m, mott.iat[i] + dt.timedelta(hours=9))
        return m if m < v else v - dt.timedelta(minutes=10)

    brukt: set[int] = set()
    tvungne = np.flatnonzero(kandidat & avslag & avsl.isin(pd.to_datetime(PASKE + JUL_TRE_UKER)).to_numpy())

    # --- prioriterte saker med vedtak (PP i kraft ved vedtaket)
    for a, antall in VEDTAK_PER_AR.items():
        pool = np.flatnonzero(kandidat & (ar == a) & (avslag | (rng.random(n) < 0.12) & omgjort))
        if a == 2024:
            pool = pool[avsl.iloc[pool].lt(EKSTRAKT).to_numpy()]
        valgt = _velg(rng, pool, antall, tvungne[ar[tvungne] == a])
        for i in valgt:
            i = int(i)
            brukt.add(i)
            v = sett_vedtak(i)
            dager = int(rng.integers(0, 6)) if rng.random() < ANDEL_INNEN_MAL[a] else int(rng.integers(6, 26))
            hendelser.append((i, merketid(i, v, dager), regler.PP, melder()))
            if avslag[i]:
                ag = bool(rng.random() < ANDEL_AG[a]) and avsl.iloc[i] not in pd.to_datetime(JUL_TRE_UKER)
                if avsl.iloc[i] in pd.to_datetime(PASKE):
                    ag = True  # fristen over påske
                _frist_og_begjaering(ny, i, v, ag, rng)

    # --- tatt ut igjen (UM) før vedtaket: oftest saker som endte med omgjøring
    for a, antall in TATT_UT_PER_AR.items():
        pool = np.flatnonzero(kandidat & (ar == a) & (omgjort | (rng.random(n) < 0.15) & avslag))
        pool = np.array([p for p in pool if p not in brukt], dtype="int64")
        for i in _velg(rng, pool, antall, np.array([], dtype="int64")):
            i = int(i)
            brukt.add(i)
            v = sett_vedtak(i)
            m = merketid(i, v, int(rng.integers(4, 12)))
            hendelser.append((i, m, regler.PP, melder()))
            ut = _ts(regler.legg_til_arbeidsdager(m.to_pydatetime(), int(rng.integers(1, 4))))
            um = max(min(ut, v - dt.timedelta(minutes=30)), m + dt.timedelta(minutes=5))
            hendelser.append((i, um, regler.UM, None))

    # --- merket, ikke avgjort ved uttrekket
    apen = np.flatnonzero(asyl & realitet & ~vedtak & voksen & saker["avslutning"].isna().to_numpy())
    apen = apen[mott.iloc[apen].lt(pd.Timestamp("2024-01-20")).to_numpy()]
    for i in _velg(rng, apen, UBEHANDLET, np.array([], dtype="int64")):
        i = int(i)
        brukt.add(i)
        start = max(mott.iat[i], pd.Timestamp("2023-10-02"))
        dag = start + pd.Timedelta(days=int(rng.integers(0, max(1, (pd.Timestamp("2024-02-09") - start).days))))
        m = _ts(regler.legg_til_arbeidsdager(dag.to_pydatetime(), 1)).normalize() + _klokke(rng)
        hendelser.append((i, m, regler.PP, melder()))

    # --- avvik kontrollen skal finne
    rest = np.flatnonzero(kandidat & (ar == 2023) & avslag)
    rest = np.array([p for p in rest if p not in brukt], dtype="int64")
    ekstra = rng.choice(rest, 6, replace=False)
    for i in ekstra[:4]:  # PP etter endelig avslag, for returoppfølging
        i = int(i)
        brukt.add(i)
        v = sett_vedtak(i)
        hendelser.append((i, v + pd.Timedelta(days=int(rng.integers(2, 30))), regler.PP, "PU"))
    for i in ekstra[4:]:  # UM uten at saken var merket
        i = int(i)
        brukt.add(i)
        v = sett_vedtak(i)
        hendelser.append((i, merketid(i, v, int(rng.integers(1, 5))), regler.UM, None))
    dublin = np.flatnonzero(
        asyl & saker["asylspor"].eq("Dublin").fillna(False).to_numpy() & vedtak & arbeidsdag & (ar == 2023) & voksen
    )
    for i in rng.choice(dublin, 2, replace=False):
        i = int(i)
        brukt.add(i)
        v = sett_vedtak(i)
        hendelser.append((i, merketid(i, v, int(rng.integers(1, 6))), regler.PP, "PU"))
    # 48-timersprosedyren: de raskest avgjorte asylklagene; én av dem er merket
    klage = saker["behandlingstype"].eq("Klage").to_numpy()
    tid = (avsl - mott).dt.days.to_numpy()
    p48 = np.flatnonzero(kandidat & klage & (ar >= 2022) & avslag)
    p48 = np.array(
        [p for p in p48[np.argsort(tid[p48], kind="stable")] if p not in brukt][:PROSEDYRE_48T], dtype="int64"
    )
    ny["prosedyre_48t"][p48] = True
    i = int(p48[0])
    brukt.add(i)
    v = sett_vedtak(i)
    hendelser.append((i, merketid(i, v, 0), regler.PP, "Lokalt politi"))
    # enslige mindreårige: én merket etter at Barnefaglig enhet vurderte saken, én før
    ema = np.flatnonzero(
        asyl & realitet & vedtak & arbeidsdag & saker["ema"].to_numpy(dtype=bool) & (ar == 2023) & avslag
    )
    ema = np.array([p for p in ema if p not in brukt], dtype="int64")
    for k, i in enumerate(rng.choice(ema, 2, replace=False)):
        i = int(i)
        brukt.add(i)
        v = sett_vedtak(i)
        m = merketid(i, v, int(rng.integers(2, 6)))
        hendelser.append((i, m, regler.PP, "Mottak"))
        if k == 0:
            ny["bfe_vurdert"][i] = (m - pd.Timedelta(hours=int(rng.integers(2, 48)))).to_datetime64()
        else:
            ny["bfe_vurdert"][i] = (m + pd.Timedelta(days=int(rng.integers(1, 4)))).to_datetime64()

    sak_id = saker["sak_id"].to_numpy()
    prio = pd.DataFrame(
        {
            "sak_id": [sak_id[i] for i, *_ in hendelser],
            "tidspunkt": pd.to_datetime([t for _, t, *_ in hendelser]).floor("min"),
            "kode": [k for *_, k, _ in hendelser],
            "meldt_av": [m for *_, m in hendelser],
        }
    )
    prio = prio.sort_values(["tidspunkt", "sak_id"], kind="stable").reset_index(drop=True)
    kolonner = pd.DataFrame(ny, index=saker.index)
    for k in ("vedtak_tidspunkt", "uiv_frist", "uiv_begjaering", "uiv_avgjort", "bfe_vurdert"):
        kolonner[k] = kolonner[k].dt.floor("min")
    return prio[KOLONNER], kolonner[NYE_SAKSKOLONNER]


def _frist_og_begjaering(ny: dict, i: int, v: pd.Timestamp, ag: bool, rng: np.random.Generator) -> None:
    """Fristen for å begjære utsatt iverksetting i en avslått sak, og for en sak avslått som
    åpenbart grunnløs: begjæringen og avgjørelsen av den."""
    vp = v.to_pydatetime()
    regel = _ts(regler.uiv_frist(vp, ag))
    u = rng.random()
    if ag:
        ny["aapenbart_grunnlos"][i] = True
        if u < 0.80:
            frist = regel
        elif u < 0.93:  # kortere: én arbeidsdag eller noen timer (uttransport er klar)
            frist = (
                _ts(regler.legg_til_arbeidsdager(vp, 1))
                if rng.random() < 0.6
                else v + pd.Timedelta(hours=int(rng.integers(4, 8)))
            )
        else:  # lengre: tre arbeidsdager
            frist = _ts(regler.legg_til_arbeidsdager(vp, 3))
    else:
        if u < 0.88:
            frist = regel
        elif u < 0.97:  # lengre: regnet fra en underretning noen dager etter vedtaket
            frist = regel + pd.Timedelta(days=int(rng.integers(2, 6)))
        else:  # kortere: en dag for tidlig
            frist = regel - pd.Timedelta(days=1)
    ny["uiv_frist"][i] = frist.to_datetime64()
    if not ag or rng.random() > 0.68:
        return
    # advokaten begjærer utsatt iverksetting før fristen går ut
    spenn = max(60, int((frist - v).total_seconds() // 60) - 10)
    begj = v + pd.Timedelta(minutes=int(rng.integers(45, spenn + 1)))
    if begj >= EKSTRAKT:  # begjæringen kom etter uttrekket og er ikke i registeret
        return
    ny["uiv_begjaering"][i] = begj.to_datetime64()
    if rng.random() < 0.81:
        avgj = frist + pd.Timedelta(minutes=int(rng.integers(5, 61)))
    else:
        avgj = frist + pd.Timedelta(minutes=int(rng.integers(75, 60 * 30)))
    # avgjort senest timen før uttrekket; en begjæring som kom etter det, er ikke avgjort ennå
    if begj < EKSTRAKT - pd.Timedelta(hours=1):
        ny["uiv_avgjort"][i] = min(avgj, EKSTRAKT - pd.Timedelta(hours=1)).to_datetime64()
