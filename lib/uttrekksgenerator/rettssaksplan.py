"""Planen for ``rettssaker``: hvor mange avgjørelser av hvert slag, og med hvilket utfall,
hver instans har hvert år, regnet ut av de publiserte tallene slik at definisjonene i
datakontrakten gir dem tilbake (fremgangsmåten står i ``rettssaker``)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from uttrekksgenerator.kalibrering import Mal

FORSTE_AR = 2016  # kjeder kan starte i 2016 (oppvarming, ingen publiserte tall)
AR = tuple(range(2017, 2024))  # år med publiserte tall
SISTE = AR[-1]  # rapportåret: har også tabell 7 (alle avgjørelser per instans)

TR, LR, HR = "Tingretten", "Lagmannsretten", "Høyesterett"
INSTANSER = (TR, LR, HR)
Q = {TR: "tingretten", LR: "lagmannsretten", HR: "hoyesterett"}
NESTE = {TR: LR, LR: HR}
M, T, HA = "Medhold", "Tap", "Hevet/avvist"

# Oppvarmingsåret 2016 og januar–februar 2024 (ingen publiserte tall)
NYE_2016 = {TR: 200, LR: 22, HR: 2}
AVGJORT_2016 = {LR: 6, HR: 1}
RETTSKRAFTIGE_2016 = {M: 10, T: 4}
NYE_2024 = 9  # stevninger 1.1.–14.2.2024
AVGJORT_2024 = {TR: 6, LR: 3, HR: 2}
ANKE_NESTE_SISTE = {TR: 2, LR: 1}  # dommer fra desember 2023 anket i januar 2024
RK_NESTE_SISTE = 2  # dommer fra desember 2023 rettskraftige i januar 2024


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
    """Regn ut planen av de publiserte tallene (se docstringen til ``rettssaker``)."""
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
