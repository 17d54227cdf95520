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
Først lages en *plan*: for hver instans og hvert år hvor mange avgjørelser av hvert
slag (anket samme år / anket med anke inn neste år / rettskraftig samme år /
rettskraftig neste år / hevet-avvist / opphevet), og med hvilket utfall. Planen regnes ut
av de publiserte tallene slik at definisjonene i datakontrakten gir dem tilbake eksakt:

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
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from uttrekksgenerator.kalibrering import Mal

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
FORSTE_AR = 2016  # kjeder kan starte i 2016 (oppvarming, ingen publiserte tall)
AR = tuple(range(2017, 2024))  # år med publiserte tall
SISTE = AR[-1]  # rapportåret: har også tabell 7 (alle avgjørelser per instans)

TR, LR, HR = "Tingretten", "Lagmannsretten", "Høyesterett"
INSTANSER = (TR, LR, HR)
Q = {TR: "tingretten", LR: "lagmannsretten", HR: "hoyesterett"}
NESTE = {TR: LR, LR: HR}
M, T, HA = "Medhold", "Tap", "Hevet/avvist"
RA, PE, EA = "Regjeringsadvokaten", "Prosedyreenheten", "Ekstern advokat"

# Oppvarmingsåret 2016 og januar–februar 2024 (ingen publiserte tall)
NYE_2016 = {TR: 200, LR: 22, HR: 2}
AVGJORT_2016 = {LR: 6, HR: 1}
RETTSKRAFTIGE_2016 = {M: 10, T: 4}
NYE_2024 = 9  # stevninger 1.1.–14.2.2024
AVGJORT_2024 = {TR: 6, LR: 3, HR: 2}
ANKE_NESTE_SISTE = {TR: 2, LR: 1}  # dommer fra desember 2023 anket i januar 2024
RK_NESTE_SISTE = 2  # dommer fra desember 2023 rettskraftige i januar 2024

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
# Mål
# ---------------------------------------------------------------------------


@dataclass
class _Mal:
    nye: dict[str, dict[int, int]]
    rk: dict[str, dict[int, int]]  # utfall -> år -> antall rettskraftige
    hf: dict[int, int]
    dager: dict[int, int]
    siste: dict[str, dict[str, int]]  # instans -> utfall -> alle avgjørelser i SISTE
    pe_nye: int
    pe_anker: int


def _heltall(mal: Mal, figur: str, ar: int, standard: int | None = None) -> int:
    v = mal(figur, ar, standard)
    if v is None:
        raise KeyError(f"mangler publisert tall {figur} {ar}")
    return int(round(v))


def _les_mal(mal: Mal) -> _Mal:
    nye = {c: {y: _heltall(mal, f"rettssaker.nye.{Q[c]}", y) for y in AR} for c in INSTANSER}
    for c in INSTANSER:
        nye[c][FORSTE_AR] = NYE_2016[c]
    rk = {
        M: {y: _heltall(mal, "rettssaker.medhold", y) for y in AR},
        T: {y: _heltall(mal, "rettssaker.tap", y) for y in AR},
    }
    for u in (M, T):
        rk[u][FORSTE_AR] = RETTSKRAFTIGE_2016[u]
    hf = {y: _heltall(mal, "rettssaker.hovedforhandlinger", y) for y in AR}
    dager = {y: _heltall(mal, "rettssaker.dager_i_retten", y) for y in AR}
    siste = {
        c: {
            u: _heltall(mal, f"rettssaker.avgjorelser.{Q[c]}.{k}", SISTE, 0)
            for u, k in ((M, "medhold"), (T, "tap"), (HA, "hevet_avvist"))
        }
        for c in INSTANSER
    }
    pe_nye = _heltall(mal, "rettssaker.nye.prosedyreenheten", SISTE, 36)
    pe_anker = _heltall(mal, "rettssaker.anker.prosedyreenheten", SISTE, 12)
    return _Mal(nye, rk, hf, dager, siste, pe_nye, pe_anker)


# ---------------------------------------------------------------------------
# Plan: antall avgjørelser per instans, år, slag og utfall
# ---------------------------------------------------------------------------
# slag: "anke_s"/"anke_n" (anket; anken kommer inn samme/neste år),
#       "rk_s"/"rk_n" (endelig dom; rettskraftig samme/neste år),
#       "ha" (hevet/avvist, endelig), "oppheve" (Høyesterett opphever, saken sendes tilbake),
#       "ny" (avgjort i 2024 før uttrekket)


@dataclass
class Plan:
    avgjorelser: dict[tuple[str, int], Counter] = field(default_factory=dict)
    nye_tr: dict[int, int] = field(default_factory=dict)
    opphevelser: int = 0

    def legg_til(self, instans: str, ar: int, slag: str, utfall: str, n: int) -> None:
        if n < 0:
            raise ValueError(f"negativt antall i planen: {instans} {ar} {slag} {utfall} {n}")
        if n:
            self.avgjorelser.setdefault((instans, ar), Counter())[(slag, utfall)] += n

    def antall(self, instans: str, ar: int, slag=None, utfall=None) -> int:
        c = self.avgjorelser.get((instans, ar), Counter())
        return sum(n for (s, u), n in c.items() if (slag is None or s in slag) and (utfall is None or u in utfall))


def _del(n: int, vekter: dict[str, float]) -> dict[str, int]:
    """Del heltallet n i forhold til vektene (største rest)."""
    tot = sum(vekter.values())
    if n == 0 or tot == 0:
        return {k: 0 for k in vekter}
    eksakt = {k: n * v / tot for k, v in vekter.items()}
    ut = {k: int(np.floor(x)) for k, x in eksakt.items()}
    rest = n - sum(ut.values())
    for k in sorted(eksakt, key=lambda k: eksakt[k] - ut[k], reverse=True)[:rest]:
        ut[k] += 1
    return ut


def lag_plan(mal: Mal) -> Plan:
    """Regn ut planen av de publiserte tallene (se modulens docstring)."""
    m = _les_mal(mal)
    ar_alle = (FORSTE_AR, *AR)
    N = m.nye
    F = {y: m.rk[M][y] + m.rk[T][y] for y in ar_alle}
    oppheve = {y: 0 for y in ar_alle}
    oppheve[SISTE] = m.siste[HR][M] + m.siste[HR][T]

    # anker: hvor mange av årets dommer som ankes, og om anken kommer inn samme år
    a_n = {c: {} for c in (TR, LR)}
    for y in ar_alle:
        for c in (TR, LR):
            a_n[c][y] = ANKE_NESTE_SISTE[c] if y == SISTE else round(0.12 * N[NESTE[c]][y + 1])
    a_s = {c: {} for c in (TR, LR)}
    for y in ar_alle:
        a_s[TR][y] = N[LR][y] - a_n[TR].get(y - 1, 0) - oppheve[y]
        a_s[LR][y] = N[HR][y] - a_n[LR].get(y - 1, 0)
    a = {c: {y: a_s[c][y] + a_n[c][y] for y in ar_alle} for c in (TR, LR)}

    # avgjørelser i lagmannsretten og Høyesterett: følger inngangen med etterslep
    d_lr = {FORSTE_AR: AVGJORT_2016[LR], SISTE: sum(m.siste[LR].values())}
    d_hr = {FORSTE_AR: AVGJORT_2016[HR], SISTE: sum(m.siste[HR].values())}
    for y in AR[:-1]:
        d_lr[y] = round(0.5 * N[LR][y - 1] + 0.5 * N[LR][y])
        d_hr[y] = round(0.45 * N[HR][y - 1] + 0.5 * N[HR][y])
    ha_lr = {y: (m.siste[LR][HA] if y == SISTE else round(0.12 * d_lr[y])) for y in ar_alle}
    j_lr = {y: d_lr[y] - ha_lr[y] for y in ar_alle}
    fin_lr = {y: j_lr[y] - a[LR][y] for y in ar_alle}
    for y in ar_alle:
        if fin_lr[y] < 0:  # flere anker enn dommer: la flere bli dommer
            j_lr[y] -= fin_lr[y]
            ha_lr[y] = max(0, d_lr[y] - j_lr[y])
            fin_lr[y] = 0
    fin_hr = {y: (0 if y == SISTE else int(d_hr[y] >= 10)) for y in ar_alle}
    ha_hr = {y: (m.siste[HR][HA] if y == SISTE else d_hr[y] - fin_hr[y]) for y in ar_alle}

    # rapportåret: tabell 7 gir dommene per instans
    j_tr_siste = m.siste[TR][M] + m.siste[TR][T]
    fin_tr_siste = j_tr_siste - a[TR][SISTE]
    fin_lr[SISTE] = m.siste[LR][M] + m.siste[LR][T] - a[LR][SISTE]
    f_n = {SISTE: RK_NESTE_SISTE}
    f_n[SISTE - 1] = F[SISTE] + f_n[SISTE] - fin_tr_siste - fin_lr[SISTE]
    if f_n[SISTE - 1] < 0:
        raise ValueError("planen går ikke opp for rapportåret")

    # dommer i år y = a(y) + F(y) - f_n(y-1) + f_n(y) + opphevelser(y) >= hovedforhandlinger(y)
    def slakk(y: int, fn_for: int, fn: int) -> int:
        return a[TR][y] + a[LR][y] + F[y] - fn_for + fn + oppheve[y] - m.hf[y]

    frie = list(range(FORSTE_AR, SISTE - 1))  # f_n[2016 .. SISTE-2] velges
    kandidater = range(1, 31)
    # dynamisk program over f_n: tilstand = f_n året før
    beste: dict[int, tuple[float, list[int]]] = {0: (0.0, [])}
    for y in frie:
        ny: dict[int, tuple[float, list[int]]] = {}
        for fn_for, (kost, sti) in beste.items():
            for fn in kandidater:
                k = kost + 0.3 * (fn - round(0.12 * F[y + 1])) ** 2
                if y in m.hf:
                    s = slakk(y, fn_for, fn)
                    if s < 1:
                        continue
                    k += (s - max(2, round(0.07 * m.hf[y]))) ** 2
                if fn not in ny or k < ny[fn][0]:
                    ny[fn] = (k, sti + [fn])
        beste = ny
    # året før rapportåret har tvunget f_n
    y = SISTE - 1
    slutt = []
    for fn_for, (kost, sti) in beste.items():
        s = slakk(y, fn_for, f_n[y])
        if s >= 1:
            slutt.append((kost + (s - max(2, round(0.07 * m.hf[y]))) ** 2, sti))
    if not slutt:
        raise ValueError("fant ingen plan der dommene dekker hovedforhandlingene")
    _, sti = min(slutt)
    for y, fn in zip(frie, sti):
        f_n[y] = fn

    # rettskraftige: fordel overhenget på utfall etter neste års fordeling
    fn_u = {y: _del(f_n[y], {M: m.rk[M][y + 1], T: m.rk[T][y + 1]}) for y in ar_alle if y < SISTE}
    fs_u = {y: {u: m.rk[u][y] - (fn_u[y - 1][u] if y - 1 in fn_u else 0) for u in (M, T)} for y in ar_alle}

    plan = Plan(opphevelser=oppheve[SISTE])
    plan.nye_tr = {y: N[TR][y] for y in ar_alle}
    plan.nye_tr[SISTE + 1] = NYE_2024

    for y in ar_alle:
        if y < SISTE:
            # Høyesterett: en sjelden dom etter ankeforhandling (medhold), resten nektet/avvist
            plan.legg_til(HR, y, "rk_s", M, fin_hr[y])
            plan.legg_til(HR, y, "ha", HA, ha_hr[y])
            rest = {M: fs_u[y][M] - fin_hr[y], T: fs_u[y][T]}
            lr_u = _del(fin_lr[y], rest)
            for u in (M, T):
                plan.legg_til(LR, y, "rk_s", u, lr_u[u])
                plan.legg_til(TR, y, "rk_s", u, rest[u] - lr_u[u])
                plan.legg_til(TR, y, "rk_n", u, fn_u[y][u])
            plan.legg_til(LR, y, "ha", HA, ha_lr[y])
            # anker: staten anker helst tap, motparten medhold; omtrent 60 % av ankede dommer er medhold
            for c in (TR, LR):
                for slag, n in (("anke_s", a_s[c][y]), ("anke_n", a_n[c][y])):
                    du = _del(n, {M: 0.6, T: 0.4})
                    for u in (M, T):
                        plan.legg_til(c, y, slag, u, du[u])
        else:
            _plan_siste(plan, m, a_s, a_n, f_n, fn_u, fin_lr[SISTE])
    # tingrettens hevet/avvist: samme andel av dommene hvert år før rapportåret, valgt slik
    # at om lag halvparten av rapportårets stevninger er ubehandlet ved årsslutt
    j = {y: plan.antall(TR, y) for y in ar_alle}
    ha_siste = m.siste[TR][HA]
    rom = sum(N[TR][y] for y in ar_alle) - round(0.5 * N[TR][SISTE]) - sum(j.values()) - ha_siste
    tidlige = [y for y in ar_alle if y < SISTE]
    ha_tr = _del(max(0, rom), {y: j[y] for y in tidlige})
    ha_tr[SISTE] = ha_siste
    ko = 0
    for y in ar_alle:
        plan.legg_til(TR, y, "ha", HA, ha_tr[y])
        ko += N[TR][y] - j[y] - ha_tr[y]
        if ko < 0:
            raise ValueError(f"tingretten avgjør flere saker enn den har fått inn ({y})")
    # januar–februar 2024
    for c, n in AVGJORT_2024.items():
        andel_ha = {TR: 0.15, LR: 0.25, HR: 0.8}[c]
        du = _del(n, {HA: andel_ha, M: (1 - andel_ha) * 0.65, T: (1 - andel_ha) * 0.35})
        for u, k in du.items():
            plan.legg_til(c, SISTE + 1, "ny", u, k)
    return plan


def _plan_siste(plan: Plan, m: _Mal, a_s, a_n, f_n, fn_u, fin_lr: int) -> None:
    """Rapportåret: fordel utfallene i tabell 7 på slagene."""
    y = SISTE
    fs = {u: m.rk[u][y] - fn_u[y - 1][u] for u in (M, T)}  # rettskraftige fra årets dommer
    lr = m.siste[LR]
    lr_fin = _del(fin_lr, {M: lr[M], T: lr[T]})
    # lagmannsrettsdommen som Høyesterett opphever må være et tap for staten
    while lr[T] - lr_fin[T] < plan.opphevelser and lr_fin[T] > 0:
        lr_fin[T] -= 1
        lr_fin[M] += 1
    tr_rk_s = {u: fs[u] - lr_fin[u] for u in (M, T)}
    tr = m.siste[TR]
    tr_igjen = {u: tr[u] - tr_rk_s[u] for u in (M, T)}
    tr_rk_n = _del(f_n[y], tr_igjen)
    tr_anke = {u: tr_igjen[u] - tr_rk_n[u] for u in (M, T)}
    lr_anke = {u: lr[u] - lr_fin[u] for u in (M, T)}
    if min(*tr_rk_s.values(), *tr_anke.values(), *lr_anke.values()) < 0:
        raise ValueError("rapportårets utfall lar seg ikke fordele")
    for u in (M, T):
        plan.legg_til(TR, y, "rk_s", u, tr_rk_s[u])
        plan.legg_til(TR, y, "rk_n", u, tr_rk_n[u])
        plan.legg_til(LR, y, "rk_s", u, lr_fin[u])
    for c, anke in ((TR, tr_anke), (LR, lr_anke)):
        # fordel ankede dommer på samme/neste år; opphevelsessaken er en anke samme år
        n_neste = a_n[c][y]
        neste = _del(n_neste, {M: anke[M], T: anke[T]})
        if c == LR and anke[T] - neste[T] < plan.opphevelser:
            neste = {M: n_neste, T: 0}
        for u in (M, T):
            plan.legg_til(c, y, "anke_n", u, neste[u])
            plan.legg_til(c, y, "anke_s", u, anke[u] - neste[u])
    if plan.antall(TR, y, slag=("anke_s",)) != a_s[TR][y]:
        raise ValueError("anker fra tingretten i rapportåret stemmer ikke")
    plan.legg_til(LR, y, "ha", HA, m.siste[LR][HA])
    plan.legg_til(HR, y, "ha", HA, m.siste[HR][HA])
    plan.legg_til(HR, y, "oppheve", M, m.siste[HR][M])
    plan.legg_til(HR, y, "oppheve", T, m.siste[HR][T])


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
