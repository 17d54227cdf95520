"""Syntetisk tabell ``rettssaker``, kalibrert mot Del VII tabell 5–8 og Tabell 4.

Modell
------
Én *kjede* er én sak for domstolene: en stevning til tingretten, eventuelt anket til
lagmannsretten og videre til Høyesterett. Hver instans er én rad. Ankens rad kommer inn
10–40 dager etter at dommen i instansen under ble avsagt (ved årsskiftet: i januar).
Bare den siste avgjørelsen i en kjede får ``rettskraftig_dato`` (28–55 dager etter
avsigelse; senest uttrekksdatoen). Hevet/avvist er aldri anket. En dom i Høyesterett som
opphever lagmannsrettens dom sender saken tilbake: da kommer en ny rad i lagmannsretten.

Kalibrering
-----------
Først lages en *plan* (``rettssaksplan``): for hver instans og hvert år hvor mange
avgjørelser av hvert slag (anket samme år / anket med anke inn neste år / rettskraftig
samme år / rettskraftig neste år / hevet-avvist / opphevet), og med hvilket utfall. Planen
regnes ut av de publiserte tallene slik at definisjonene i datakontrakten gir dem tilbake
eksakt:

- nye per instans (Del VII tabell 6): tingretten direkte; lagmannsretten = anker av
  tingrettsdommer som kom inn i året; Høyesterett = anker av lagmannsrettsdommer;
- rettskraftige med medhold/tap (tabell 5): endelige dommer med rettskraftig dato i året;
- alle avgjørelser 2023 per instans og utfall (tabell 7);
- hovedforhandlinger og dager i retten (Tabell 4, for 2017 Del VII tabell 8): så mange
  av årets dommer får hovedforhandling, resten er skriftlig behandlet; dagene (1–5 per
  hovedforhandling) fordeles slik at summen stemmer.

Antall dommer i et år må være minst antall hovedforhandlinger. Det styres med hvor mange
dommer fra slutten av året som blir rettskraftige/anket først i januar (et lite
dynamisk program velger dette slik at andelen skriftlige dommer blir jevn).

Deretter trekkes datoer innenfor vinduer som sikrer at hver hendelse havner i riktig år,
og avgjørelsene fordeles på sakene i kø-rekkefølge (eldste først, med litt tilfeldighet).

``sak_id``: hele kjeden har samme sak. Har sak-id-ene årstall foran (``ÅÅÅÅ-…``), er saken
mottatt i UNE samme år som stevningen eller inntil tre år før; for stevninger fra før
uttrekkets første saksår blir ``sak_id`` tom (saken er eldre enn uttrekket).

Tall som ikke kan gjenskapes (se også ``IKKE_GJENSKAPT``): rapporten motsier seg selv
for ``rettssaker.nye`` 2023 (100, men 71 + 29 + 15 = 115) og
``rettssaker.avgjorelser.tingretten`` 2023 (74, men 6 + 16 + 36 = 58); dataene følger
komponentene. ``rettssaker.medhold_andel`` 2017 er trykt 78 %, men 74/94 = 78,7 %.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from uttrekksgenerator.kalibrering import Mal
from uttrekksgenerator.rettssaksplan import FORSTE_AR, HR, LR, NESTE, SISTE, TR, M, Plan, T, _les_mal, _Mal, lag_plan

KOLONNER = [
    "rettssak_id",
    "sak_id",
    "instans",
    "innkommet_dato",
    "avgjort_dato",
    "utfall",
    "rettskraftig_dato",
    "hovedforhandling",
    "dager_i_retten",
    "prosedyre",
]

EKSTRAKT = pd.Timestamp("2024-02-15")

RA, PE, EA = "Regjeringsadvokaten", "Prosedyreenheten", "Ekstern advokat"

# Publiserte tall som dataene med vilje ikke gjenskaper, med grunn.
IKKE_GJENSKAPT: dict[tuple[str, int], str] = {
    ("rettssaker.nye", 2023): "trykt 100, men radene i Del VII tabell 6 gir 71 + 29 + 15 = 115",
    (
        "rettssaker.avgjorelser.tingretten",
        2023,
    ): "trykt 74, men 6 + 16 + 36 = 58 (og 'Sum etter utfall' forutsetter 58)",
    ("rettssaker.medhold_andel", 2017): "trykt 78 %, men 74 / 94 = 78,7 %",
    ("rettssaker.nye_saker", 2023): "'72 nye rettssaker' (3.2.21) har ingen definisjon i kontrakten; stevninger er 71",
    (
        "rettssaker.nye_andel.prosedyreenheten",
        2023,
    ): "36 / 72 = 50 %; med kontraktens 71 stevninger blir det 36 / 71 = 50,7 %",
    ("rettssaker.nye.tingretten_inkl_byfogd", 2019): "stevninger til byfogden er ikke en instans i kontrakten",
    ("rettssaker.nye.tingretten_inkl_byfogd", 2020): "stevninger til byfogden er ikke en instans i kontrakten",
    ("rettssaker.nye.tingretten_inkl_byfogd", 2021): "stevninger til byfogden er ikke en instans i kontrakten",
}
# sakstypen til nemndas sak (3.2.10): kobles når ``lag_rettssaker`` får saksregisteret
SAKSTYPE_ID = {"tilbakekall_statsborgerskap": "Tilbakekall statsborgerskap"}


# ---------------------------------------------------------------------------
# Datoer
# ---------------------------------------------------------------------------

_HELLIGDAGER = {(1, 1), (5, 1), (5, 17), (12, 24), (12, 25), (12, 26), (12, 31)}


def _lag_virkedager() -> np.ndarray:
    d = pd.bdate_range(f"{FORSTE_AR}-01-01", f"{SISTE + 1}-12-31")
    return d[[(x.month, x.day) not in _HELLIGDAGER for x in d]].values


_VIRKEDAGER = _lag_virkedager()


def _dag(rng: np.random.Generator, fra, til) -> pd.Timestamp:
    """En tilfeldig virkedag i [fra, til]."""
    lo = np.searchsorted(_VIRKEDAGER, np.datetime64(pd.Timestamp(fra)), side="left")
    hi = np.searchsorted(_VIRKEDAGER, np.datetime64(pd.Timestamp(til)), side="right")
    if hi <= lo:
        raise ValueError(f"ingen virkedag mellom {pd.Timestamp(fra).date()} og {pd.Timestamp(til).date()}")
    return pd.Timestamp(_VIRKEDAGER[lo + int(rng.integers(hi - lo))])


def _kalenderdag(rng: np.random.Generator, fra, til) -> pd.Timestamp:
    fra, til = pd.Timestamp(fra), pd.Timestamp(til)
    return fra + pd.Timedelta(days=int(rng.integers((til - fra).days + 1)))


def _vindu(slag: str, ar: int, instans: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Når en avgjørelse av dette slaget kan avsies, så følgene havner i riktig år."""
    start = f"{ar}-01-05"
    if ar == FORSTE_AR:  # ingen saker før 2016
        start = {TR: f"{ar}-04-01", LR: f"{ar}-08-15", HR: f"{ar}-10-15"}[instans]
    vinduer = {
        "anke_s": (start, f"{ar}-11-15"),
        "anke_n": (f"{ar}-12-01", f"{ar}-12-20"),
        "rk_s": (start, f"{ar}-11-20"),
        "rk_n": (f"{ar}-11-12", f"{ar}-12-20"),
        "ha": (start, f"{ar}-12-20"),
        "ny": (f"{ar}-01-03", f"{ar}-02-13"),
    }
    fra, til = vinduer[slag]
    return pd.Timestamp(fra), pd.Timestamp(til)


def _rettskraftig(rng, slag: str, avgjort: pd.Timestamp) -> pd.Timestamp | None:
    ar = avgjort.year
    if slag == "rk_s":
        til = min(avgjort + pd.Timedelta(days=50), pd.Timestamp(f"{ar}-12-31"))
        d = _kalenderdag(rng, avgjort + pd.Timedelta(days=28), til)
    elif slag == "rk_n":
        fra = max(avgjort + pd.Timedelta(days=28), pd.Timestamp(f"{ar + 1}-01-02"))
        d = _kalenderdag(rng, fra, max(fra, avgjort + pd.Timedelta(days=55)))
    else:  # ha, ny
        d = avgjort + pd.Timedelta(days=int(rng.integers(21, 51)))
    return d if d <= EKSTRAKT else None


def _anke_inn(rng, slag: str, avgjort: pd.Timestamp) -> pd.Timestamp:
    ar = avgjort.year
    if slag == "anke_s":
        til = min(avgjort + pd.Timedelta(days=40), pd.Timestamp(f"{ar}-12-22"))
        return _dag(rng, avgjort + pd.Timedelta(days=10), til)
    if slag == "anke_n":
        fra = max(avgjort + pd.Timedelta(days=14), pd.Timestamp(f"{ar + 1}-01-03"))
        return _dag(rng, fra, min(pd.Timestamp(f"{ar + 1}-01-31"), EKSTRAKT))
    raise ValueError(slag)


# ---------------------------------------------------------------------------
# Bygging
# ---------------------------------------------------------------------------

MIN_VARIGHET = {TR: 60, LR: 90, HR: 25}  # dager fra innkommet til avgjort


def _rad(instans: str, inn: pd.Timestamp, kjede: int, forelder: int | None = None) -> dict:
    return {
        "instans": instans,
        "innkommet_dato": inn,
        "avgjort_dato": None,
        "utfall": None,
        "rettskraftig_dato": None,
        "slag": None,
        "kjede": kjede,
        "forelder": forelder,
    }


def _beslutninger(rng, plan: Plan, instans: str) -> list[dict]:
    ut = []
    for (c, ar), teller in sorted(plan.avgjorelser.items()):
        if c != instans:
            continue
        for (slag, utfall), n in sorted(teller.items()):
            if slag == "oppheve":
                continue  # egen behandling
            fra, til = _vindu(slag, ar, instans)
            for _ in range(n):
                ut.append({"dato": _dag(rng, fra, til), "slag": slag, "utfall": utfall, "ar": ar, "vindu": (fra, til)})
    ut.sort(key=lambda b: (b["dato"], b["slag"], b["utfall"]))
    return ut


def _tildel(rng, rader: list[dict], indekser: list[int], beslutninger: list[dict], instans: str) -> None:
    """Gi avgjørelsene til sakene i kø-rekkefølge (blant de fire eldste som er modne).

    Finnes ingen moden sak på datoen, utsettes avgjørelsen til den eldste saken er moden,
    så lenge det er innenfor vinduet for avgjørelsens slag.
    """
    ko = sorted(indekser, key=lambda i: (rader[i]["innkommet_dato"], i))
    min_dager = pd.Timedelta(days=MIN_VARIGHET[instans])
    for b in sorted(beslutninger, key=lambda b: (b["dato"], b["slag"], b["utfall"])):
        if not ko:
            raise ValueError(f"{instans}: flere avgjørelser enn saker")
        grense = b["dato"] - min_dager
        modne = [i for i in ko if rader[i]["innkommet_dato"] <= grense]
        if not modne:
            tidligst = rader[ko[0]]["innkommet_dato"] + min_dager
            _, til = b["vindu"]
            if tidligst > til:
                raise ValueError(f"ingen sak i {instans} kan avgjøres innen {til.date()} ({b['slag']})")
            b["dato"] = _dag(rng, tidligst, min(til, tidligst + pd.Timedelta(days=20)))
            modne = [ko[0]]
        i = modne[int(rng.integers(min(4, len(modne))))]
        ko.remove(i)
        rader[i].update(avgjort_dato=b["dato"], utfall=b["utfall"], slag=b["slag"])


def _nye_anker(rng, rader: list[dict], indekser: list[int]) -> list[int]:
    """Lag rader i neste instans for de ankede avgjørelsene."""
    nye = []
    for i in indekser:
        r = rader[i]
        if r["slag"] in ("anke_s", "anke_n"):
            inn = _anke_inn(rng, r["slag"], r["avgjort_dato"])
            rader.append(_rad(NESTE[r["instans"]], inn, r["kjede"], i))
            nye.append(len(rader) - 1)
    return nye


def _hovedforhandlinger(rng, rader: list[dict], m: _Mal) -> None:
    for r in rader:
        r["hovedforhandling"] = False
        r["dager_i_retten"] = None
    dommer_per_ar: dict[int, list[dict]] = {}
    for r in rader:
        if r["avgjort_dato"] is not None and r["utfall"] in (M, T):
            dommer_per_ar.setdefault(r["avgjort_dato"].year, []).append(r)
    for ar, dommer in sorted(dommer_per_ar.items()):
        if ar not in m.hf:  # 2016 og 2024: ca. 90 % med hovedforhandling
            for r in dommer:
                if rng.random() < 0.9:
                    r["hovedforhandling"] = True
                    r["dager_i_retten"] = int(rng.choice([1, 2, 3, 4], p=[0.3, 0.4, 0.2, 0.1]))
            continue
        h, d = m.hf[ar], m.dager[ar]
        hr = [r for r in dommer if r["instans"] == HR]
        andre = [r for r in dommer if r["instans"] != HR]
        if h > len(dommer) or h < len(hr):
            raise ValueError(f"{ar}: {h} hovedforhandlinger, {len(dommer)} dommer")
        valgt = hr + [andre[i] for i in rng.choice(len(andre), size=h - len(hr), replace=False)]
        grunn = np.array([2 if r["instans"] == LR else 1 for r in valgt])
        if grunn.sum() > d:
            grunn[:] = 1
        if d > 5 * h or d < h:
            raise ValueError(f"{ar}: {d} dager går ikke på {h} hovedforhandlinger (1–5 dager)")
        vekt = np.array([{TR: 1.0, LR: 1.5, HR: 0.5}[r["instans"]] for r in valgt])
        maks = np.array([2 if r["instans"] == HR else 5 for r in valgt])
        if d > maks.sum():
            raise ValueError(f"{ar}: {d} dager går ikke på {h} hovedforhandlinger")
        dager = grunn.copy()
        for _ in range(d - int(grunn.sum())):
            ledig = dager < maks
            p = vekt * ledig
            dager[rng.choice(len(valgt), p=p / p.sum())] += 1
        for r, n in zip(valgt, dager):
            r["hovedforhandling"] = True
            r["dager_i_retten"] = int(n)


def _prosedyre(rng, rader: list[dict], m: _Mal) -> None:
    """Hvem som fører saken. Andelen for Prosedyreenheten øker over tid (3.2.21)."""

    def andeler(ar: int) -> list[float]:
        pe = min(0.5, 0.25 + 0.035 * (ar - FORSTE_AR))
        ea = 0.1 if ar < 2021 else 0.2
        return [1 - pe - ea, pe, ea]  # RA, PE, EA

    for r in rader:
        ar = r["innkommet_dato"].year
        if r["instans"] == TR:
            r["prosedyre"] = str(rng.choice([RA, PE, EA], p=andeler(ar)))
        elif r["instans"] == HR:
            r["prosedyre"] = str(rng.choice([RA, PE, EA], p=[0.7, 0.2, 0.1]))
        else:  # anken føres som regel av den som førte saken i tingretten
            forelder = rader[r["forelder"]] if r["forelder"] is not None else None
            if forelder is not None and rng.random() < 0.7:
                r["prosedyre"] = forelder["prosedyre"]
            else:
                r["prosedyre"] = str(rng.choice([RA, PE, EA], p=andeler(ar)))
    # rapportåret: eksakt antall nye stevninger og anker til Prosedyreenheten
    for gruppe, antall in (
        ([r for r in rader if r["instans"] == TR and r["innkommet_dato"].year == SISTE], m.pe_nye),
        ([r for r in rader if r["instans"] != TR and r["innkommet_dato"].year == SISTE], m.pe_anker),
    ):
        pe = [r for r in gruppe if r["prosedyre"] == PE]
        andre = [r for r in gruppe if r["prosedyre"] != PE]
        if len(pe) > antall:
            for i in rng.choice(len(pe), size=len(pe) - antall, replace=False):
                pe[i]["prosedyre"] = str(rng.choice([RA, EA], p=[0.6, 0.4]))
        elif len(pe) < antall:
            for i in rng.choice(len(andre), size=antall - len(pe), replace=False):
                andre[i]["prosedyre"] = PE
    # noen eldre saker uten registrert prosedyre (kolonnen kan være tom)
    gamle = [r for r in rader if r["innkommet_dato"].year <= 2017]
    for i in rng.choice(len(gamle), size=min(4, len(gamle)), replace=False):
        gamle[i]["prosedyre"] = None


def sak_ar(sak_ider) -> np.ndarray:
    """Året i en sak_id på formen ``ÅÅÅÅ-…`` (mottaksåret), ellers -1."""
    ut = np.full(len(sak_ider), -1, dtype=int)
    for i, s in enumerate(sak_ider):
        s = str(s)
        if len(s) > 4 and s[:4].isdigit() and s[4] in "-/_":
            ut[i] = int(s[:4])
    return ut


def trekk_saker(rng: np.random.Generator, sak_ider, ar: list[int], forskyvning: dict[int, float]) -> list[str | None]:
    """Trekk en sak per element i ``ar``, helst uten gjentak.

    Har sak-id-ene et årstall foran (``ÅÅÅÅ-…``), trekkes saken fra år ``a + k`` med vekt
    ``forskyvning[k]``; finnes ingen sak i de årene (saken er eldre enn uttrekket), blir det
    ingen sak. Uten årstall trekkes fritt.
    """
    ider = np.asarray(sak_ider).astype(str)
    if len(ider) == 0:
        return [None] * len(ar)
    aar = sak_ar(ider)
    if (aar >= 0).mean() < 0.5:
        trekk = rng.choice(len(ider), size=len(ar), replace=len(ider) < len(ar))
        return [str(ider[t]) for t in trekk]
    per_ar = {int(a): np.flatnonzero(aar == a) for a in np.unique(aar[aar >= 0])}
    brukt: set[int] = set()
    ut: list[str | None] = []
    for a in ar:
        kand = [(a + k, v) for k, v in forskyvning.items() if a + k in per_ar]
        if not kand:
            ut.append(None)
            continue
        vekt = np.array([v for _, v in kand])
        valgt_ar = kand[int(rng.choice(len(kand), p=vekt / vekt.sum()))][0]
        pool = per_ar[valgt_ar]
        t = int(pool[rng.integers(len(pool))])
        for _ in range(5):
            if t not in brukt:
                break
            t = int(pool[rng.integers(len(pool))])
        brukt.add(t)
        ut.append(str(ider[t]))
    return ut


def lag_rettssaker(
    rng: np.random.Generator, mal: Mal, sak_ider: np.ndarray, saker: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Tabellen ``rettssaker`` (kolonner som i datakontrakten), kalibrert mot ``mal``.
    Med ``saker`` (registeret) får de nye sakene i tingretten også riktig sakstype der
    rapporten oppgir den (3.2.10)."""
    m = _les_mal(mal)
    plan = lag_plan(mal)
    rader: list[dict] = []

    # tingretten: stevninger jevnt over året
    for ar, n in sorted(plan.nye_tr.items()):
        til = pd.Timestamp(f"{ar}-12-31") if ar <= SISTE else EKSTRAKT - pd.Timedelta(days=1)
        for _ in range(n):
            rader.append(_rad(TR, _dag(rng, f"{ar}-01-01", til), kjede=len(rader)))
    tr = list(range(len(rader)))
    _tildel(rng, rader, tr, _beslutninger(rng, plan, TR), TR)

    # lagmannsretten
    lr = _nye_anker(rng, rader, tr)
    lr_beslutninger = _beslutninger(rng, plan, LR)
    if plan.opphevelser:
        # den eller de dommene Høyesterett opphever: tap i lagmannsretten tidlig i rapportåret
        kandidater = [b for b in lr_beslutninger if b["ar"] == SISTE and b["slag"] == "anke_s" and b["utfall"] == T]
        for b in kandidater[: plan.opphevelser]:
            b["vindu"] = (pd.Timestamp(f"{SISTE}-02-01"), pd.Timestamp(f"{SISTE}-06-15"))
            b["dato"] = _dag(rng, *b["vindu"])
            b["slag"] = "anke_oppheves"
        lr_beslutninger.sort(key=lambda b: (b["dato"], b["slag"], b["utfall"]))
    _tildel(rng, rader, lr, lr_beslutninger, LR)

    # Høyesterett (Ankeutvalget)
    opphevet = [i for i in lr if rader[i]["slag"] == "anke_oppheves"]
    for i in opphevet:
        rader[i]["slag"] = "anke_s"
    hr = _nye_anker(rng, rader, lr)
    hr_oppheve = [j for j in hr if rader[j]["forelder"] in opphevet]
    _tildel(rng, rader, [j for j in hr if j not in hr_oppheve], _beslutninger(rng, plan, HR), HR)
    opphev_utfall = [
        u for (s, u), n in plan.avgjorelser.get((HR, SISTE), Counter()).items() if s == "oppheve" for _ in range(n)
    ]
    for j, u in zip(hr_oppheve, opphev_utfall):
        r = rader[j]
        avgjort = _dag(rng, r["innkommet_dato"] + pd.Timedelta(days=60), f"{SISTE}-10-31")
        r.update(avgjort_dato=avgjort, utfall=u, slag="oppheve")
        # saken sendes tilbake til lagmannsretten for ny behandling
        inn = _dag(
            rng, avgjort + pd.Timedelta(days=10), min(avgjort + pd.Timedelta(days=40), pd.Timestamp(f"{SISTE}-12-20"))
        )
        rader.append(_rad(LR, inn, r["kjede"], j))

    # rettskraft: bare siste avgjørelse i kjeden
    for r in rader:
        if r["slag"] in ("rk_s", "rk_n", "ha", "ny"):
            r["rettskraftig_dato"] = _rettskraftig(rng, r["slag"], r["avgjort_dato"])

    _hovedforhandlinger(rng, rader, m)
    _prosedyre(rng, rader, m)

    # sak_id per kjede: UNEs vedtak før stevningen; noen få mangler
    start = {}
    for r in rader:
        if r["instans"] == TR:
            start[r["kjede"]] = r["innkommet_dato"].year
    kjeder = sorted(start)
    sak = trekk_saker(rng, sak_ider, [start[k] for k in kjeder], forskyvning={0: 0.35, -1: 0.35, -2: 0.2, -3: 0.1})
    sak = dict(zip(kjeder, sak))
    uten = set(rng.choice(kjeder, size=max(1, len(kjeder) // 40), replace=False).tolist())
    for r in rader:
        r["sak_id"] = None if r["kjede"] in uten else sak.get(r["kjede"])

    if saker is not None:
        _koble_sakstyper(rng, rader, saker, mal)
    df = pd.DataFrame(rader)
    df = df.sort_values(["innkommet_dato", "instans", "kjede"], kind="stable").reset_index(drop=True)
    lopenr = df.groupby(df["innkommet_dato"].dt.year).cumcount() + 1
    df["rettssak_id"] = [f"R-{d.year}-{n:04d}" for d, n in zip(df["innkommet_dato"], lopenr)]
    for k in ("innkommet_dato", "avgjort_dato", "rettskraftig_dato"):
        df[k] = pd.to_datetime(df[k])
    df["hovedforhandling"] = df["hovedforhandling"].astype(bool)
    df["dager_i_retten"] = df["dager_i_retten"].astype("Int64")
    for k in ("sak_id", "utfall", "prosedyre"):
        df[k] = df[k].astype(object).where(df[k].notna(), None)
    return df[KOLONNER]


def _koble_sakstyper(rng: np.random.Generator, rader: list[dict], saker: pd.DataFrame, mal: Mal) -> None:
    """``rettssaker.nye.tingretten.sakstype.S`` (3.2.10): så mange av årets nye kjeder i
    tingretten gjelder en sak av typen S (vedtatt av nemnda før stevningen), og ingen flere.
    Hele kjeden (også ankene) får samme sak."""
    vedtak = saker.loc[saker["avslutning"].eq("Vedtak"), ["sak_id", "sakstype", "avsluttet_dato"]]
    brukt = {r["sak_id"] for r in rader if r.get("sak_id")}
    for sid, sakstype in SAKSTYPE_ID.items():
        av_typen = vedtak.loc[vedtak["sakstype"].eq(sakstype)].sort_values(["avsluttet_dato", "sak_id"], kind="stable")
        typens = set(saker.loc[saker["sakstype"].eq(sakstype), "sak_id"])  # også uavgjorte: de telles
        for ar in range(2017, SISTE + 1):
            onsket = mal(f"rettssaker.nye.tingretten.sakstype.{sid}", ar)
            if onsket is None:
                continue
            starter = [r for r in rader if r["instans"] == TR and r["innkommet_dato"].year == ar and r.get("sak_id")]
            naa = [r for r in starter if r["sak_id"] in typens]
            andre = [r for r in starter if r["sak_id"] not in typens]
            for r in naa[int(onsket) :]:  # for mange: kjeden mister saken (skjer sjelden)
                for rr in rader:
                    if rr["kjede"] == r["kjede"]:
                        rr["sak_id"] = None
            for r in andre[: max(0, int(onsket) - len(naa))]:
                kand = av_typen.loc[
                    (av_typen["avsluttet_dato"] < r["innkommet_dato"]) & ~av_typen["sak_id"].isin(brukt), "sak_id"
                ]
                if not len(kand):
                    continue
                ny = str(kand.iloc[int(rng.integers(max(1, len(kand) - 40), len(kand)))])  # helst et nylig vedtak
                gammel = r["sak_id"]
                for rr in rader:
                    if rr["kjede"] == r["kjede"]:
                        rr["sak_id"] = ny
                brukt.add(ny)
                brukt.discard(gammel)
