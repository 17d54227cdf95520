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

Alle tilfeldige valg går gjennom én ``numpy.random.Generator``: samme frø gir samme data.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from uttrekksgenerator.asyl import ANDEL_REALITET_KLAGE_2022, tildel_asyl
from uttrekksgenerator.kalibrering import AR, Mal
from uttrekksgenerator.kontrakt import AVGJORELSESFORMER, NEMNDMOTEFORMER
from uttrekksgenerator.opphold import tildel_opphold
from uttrekksgenerator.utvalg import juster_sum, velg_med_snitt

UTTREKKSDATO = pd.Timestamp("2024-02-15")

# figur-id-kvalifikator -> saksgruppe i registeret
GRUPPER = {
    "asyl": "Asyl",
    "familie": "Familieinnvandring",
    "arbeid_opphold": "Arbeid/opphold",
    "statsborgerskap": "Statsborgerskap",
    "utvisning": "Utvisning",
    "tilbakekall": "Tilbakekall",
    "andre": "Andre saker",
    "diverse": "Diverse",
}
OPPHOLD = [g for g in GRUPPER if g != "asyl"]

# Anslag der rapporten ikke oppgir tall (2018–2020 og gruppetall for 2021–2022).
BEHANDLET_ANSLAG = {2018: 3600, 2019: 7300, 2020: 6100}
MOTTATT_ANSLAG = {2018: 8200, 2019: 7000, 2020: 5100}

MANEDSPROFIL_MOTTATT = np.array([8.5, 8.0, 9.0, 8.0, 8.5, 8.5, 7.0, 8.0, 9.0, 9.0, 9.0, 7.5])
# 2023: tilstrømningen økte gjennom året (7 029 mottatt mot ca. 5 350 i 2022, 3.2.1)
MANEDSPROFIL_MOTTATT_AR = {2023: np.array([6.5, 6.5, 7.5, 7.0, 8.0, 8.5, 7.5, 8.5, 9.5, 10.0, 10.0, 9.0])}
MANEDSPROFIL_AVSLUTTET = np.array([7.5, 8.5, 9.5, 8.0, 8.5, 9.0, 5.5, 7.5, 9.0, 9.5, 9.5, 8.0])
# 2023: avviklingen økte gjennom året (3.2.1); andelen vedtak per tertial må passe med
# tertialtidene 139/148/169 dager og årssnittet
MANEDSPROFIL_AVSLUTTET_AR = {2023: np.array([6.5, 7.5, 8.0, 7.5, 8.0, 8.5, 6.0, 8.5, 9.5, 10.0, 10.5, 9.5])}


@dataclass
class Plan:
    """Årlige mål for ett stratum (gruppe, behandlingstype)."""

    R: dict[int, int]
    D: dict[int, int]
    H: dict[int, int]
    P: dict[int, int]
    T: dict[int, float | None]
    A: dict[int, float | None]
    E: dict[int, int] = field(default_factory=dict)  # beholdning eldre enn ett år 31.12.
    U: dict[int, int] = field(default_factory=dict)  # så mange av de eldste avsluttes i året


# ---------------------------------------------------------------------------------
# 1. Planen
# ---------------------------------------------------------------------------------


def gruppeplan(mal: Mal) -> dict[str, dict[str, dict[int, float]]]:
    """Mål per saksgruppe og år: R, D, H, P, T, A (A og T kan være None)."""
    plan: dict[str, dict[str, dict[int, float]]] = {g: {k: {} for k in "RDHPTA"} for g in GRUPPER}

    # --- behandlet per gruppe ---
    d23 = {g: mal(f"behandlet.{g}", 2023) for g in GRUPPER if g != "diverse"}
    d23["diverse"] = mal("behandlet", 2023) - sum(d23.values())
    andel23 = {g: d23[g] / mal("behandlet.oppholdssaker", 2023) for g in OPPHOLD}
    for ar in (2021, 2022):
        opph = mal("behandlet.oppholdssaker", ar)
        kjent = {g: mal(f"behandlet.{g}", ar) for g in OPPHOLD}
        kjent = {g: v for g, v in kjent.items() if v is not None}
        rest = opph - sum(kjent.values())
        ukjent = [g for g in OPPHOLD if g not in kjent and g != "diverse"]
        vekt = sum(andel23[g] for g in ukjent)
        fordelt = {g: int(round(rest * andel23[g] / vekt)) for g in ukjent}
        fordelt[ukjent[-1]] += rest - sum(fordelt.values()) - 3
        for g in OPPHOLD:
            plan[g]["D"][ar] = kjent.get(g, fordelt.get(g, 3))
        plan["asyl"]["D"][ar] = mal("behandlet.asylsaker", ar)
    for g in GRUPPER:
        plan[g]["D"][2023] = d23[g]
    asyl_andel = 0.17
    for ar, total in BEHANDLET_ANSLAG.items():
        plan["asyl"]["D"][ar] = int(total * asyl_andel)
        for g in OPPHOLD:
            plan[g]["D"][ar] = int(round(total * (1 - asyl_andel) * andel23[g])) if g != "diverse" else 4

    # --- beholdning 31.12. per gruppe (Tabell 3) ---
    for ar in (2021, 2022, 2023):
        for g in GRUPPER:
            plan[g]["P"][ar] = mal(f"beholdning.{g}", ar)
    faktor = {2018: 1.55, 2019: 1.45, 2020: 1.2}
    for ar, f in faktor.items():
        for g in GRUPPER:
            plan[g]["P"][ar] = int(round(plan[g]["P"][2021] * f)) if g != "diverse" else 2

    # --- mottatt 2023 per gruppe, henlagt avledes av strømmen ---
    r23 = {g: mal(f"mottatt.{g}", 2023) for g in GRUPPER if g != "diverse"}
    r23["diverse"] = mal("mottatt", 2023) - sum(r23.values())
    for g in GRUPPER:
        plan[g]["R"][2023] = r23[g]
    # henlagt 2022: det som gir rapportens «ca. 5 350» mottatte saker i 2022
    h_total_2022 = mal("mottatt", 2022) - sum(
        plan[g]["P"][2022] - plan[g]["P"][2021] + plan[g]["D"][2022] for g in GRUPPER
    )
    # fordelt først dit gruppenes mottatt 2022 (3.2.5) krever henleggelser: statsborgerskap
    # 737 = 112 - 334 + 954 + 5; arbeid/opphold ville trengt 47, men det finnes bare 7 i alt
    behov = {}
    for g in GRUPPER:
        r = mal(f"mottatt.{g}", 2022)
        uten = plan[g]["P"][2022] - plan[g]["P"][2021] + plan[g]["D"][2022]
        behov[g] = max(0, int(r - uten)) if r is not None else 0
    h_2022, igjen = {g: 0 for g in GRUPPER}, max(0, int(h_total_2022))
    for g in sorted((g for g in GRUPPER if behov[g]), key=lambda g: behov[g]):  # minst behov først: de som kan treffe
        h_2022[g] = min(behov[g], igjen)
        igjen -= h_2022[g]
    rest = _fordel(igjen, {g: plan[g]["D"][2022] for g in GRUPPER}, {g: 10**6 for g in GRUPPER})
    h_2022 = {g: h_2022[g] + rest[g] for g in GRUPPER}
    for g in GRUPPER:
        p = plan[g]
        forrige = 0
        for ar in AR:
            if ar == 2023:
                h = p["P"][2022] + p["R"][2023] - p["D"][2023] - p["P"][2023]
                if h < 0:  # kan ikke henlegge negativt: beholdningen avviker
                    h = 0
                    p["P"][2023] = p["P"][2022] + p["R"][2023] - p["D"][2023]
                p["H"][ar] = h
                continue
            h = max(1, int(round(0.012 * p["D"][ar]))) if g != "diverse" else 0
            if ar == 2022:  # «ca. 5 350» mottatt i 2022 (3.2.1) gir få henleggelser det året
                h = h_2022[g]
            # mottatt før 2023 følger av strømmen; gruppetallene for 2022 i 3.2.5 viker for
            # totalen i 3.2.1 og beholdningen i Tabell 3
            p["R"][ar] = p["P"][ar] - forrige + p["D"][ar] + h
            if p["R"][ar] < 0:
                raise ValueError(f"planen gir negativt mottatt for {g} {ar}")
            p["H"][ar] = h
            forrige = p["P"][ar]
        forrige = p["P"][2022]

    # --- saksbehandlingstid (T) og alder (A) ---
    for ar in (2021, 2022, 2023):
        for g in GRUPPER:
            plan[g]["T"][ar] = mal(f"saksbehandlingstid.{g}", ar)
            plan[g]["A"][ar] = mal(f"beholdning_alder.{g}", ar)
        for g in GRUPPER:  # alder ved inngangen til året = alder 31.12. året før
            a0 = mal(f"beholdning_alder_start.{g}", ar)
            if a0 is not None:
                plan[g]["A"][ar - 1] = a0
    # 2023: der rapporten oppgir tid for både klager og anmodninger, styrer de (3.2.x), og
    # gruppens snitt blir det de gir (for utvisning 146,6 mot trykte 149; se avvik)
    for g in GRUPPER:
        t_kl, t_om = mal(f"saksbehandlingstid.{g}.klage", 2023), mal(f"saksbehandlingstid.{g}.omgjoring", 2023)
        d_kl = mal(f"behandlet.{g}.klage", 2023)
        if t_kl is not None and t_om is not None and d_kl is not None:
            d = plan[g]["D"][2023]
            plan[g]["T"][2023] = (d_kl * t_kl + (d - d_kl) * t_om) / d
    _fyll_rest(plan, "T", "D", mal, "saksbehandlingstid")
    _typetider_2023(plan, mal)
    _tilbakekall_typetider_2023(plan, mal)
    _fyll_rest_alder(plan, mal)
    plan["diverse"]["T"] = {ar: None for ar in AR}
    # år uten publisert alder: en rimelig alder gitt neste års saksbehandlingstid,
    # ellers blir de eldste sakene liggende og neste års tider urealistiske
    for g in GRUPPER:
        for ar in AR:
            if plan[g]["A"].get(ar) is None and ar < 2023:
                neste_t = plan[g]["T"].get(ar + 1) or plan[g]["T"].get(2021) or 150.0
                plan[g]["A"][ar] = 0.8 * neste_t
    return plan


def _fyll_rest(plan, mal_kol, vekt_kol, mal: Mal, prefiks: str) -> None:
    """Gi grupper uten publisert tall en felles verdi slik at totalen stemmer,
    og forskyv alle innenfor avrundingen (±0,45) om totalen ellers bommer."""
    for ar in (2022, 2021, 2023):
        total = mal(prefiks, ar)
        if total is None:
            continue
        grupper = [g for g in GRUPPER if g != "diverse"]
        if all(plan[g][mal_kol].get(ar) is None for g in grupper):
            # intet gruppetall publisert: bruk neste års mønster, skalert til totalen
            n = {g: plan[g][vekt_kol][ar] for g in grupper}
            monster = sum(n[g] * plan[g][mal_kol][ar + 1] for g in grupper) / sum(n.values())
            for g in grupper:
                plan[g][mal_kol][ar] = plan[g][mal_kol][ar + 1] * total / monster
        n = {g: plan[g][vekt_kol][ar] for g in grupper}
        kjent = {g: plan[g][mal_kol].get(ar) for g in grupper if plan[g][mal_kol].get(ar) is not None}
        ukjent = [g for g in grupper if g not in kjent]
        sum_n = sum(n.values())
        if ukjent:
            rest = total * sum_n - sum(n[g] * kjent[g] for g in kjent)
            felles = rest / sum(n[g] for g in ukjent)
            for g in ukjent:
                plan[g][mal_kol][ar] = felles
        else:
            dagens = sum(n[g] * kjent[g] for g in grupper) / sum_n
            # flytt bare så langt at totalen kommer innenfor avrundingen (±0,25), slik at
            # det som følger av totalen (f.eks. snittet for NL-vedtak) endres minst mulig
            avstand = total - dagens
            skift = float(np.clip(avstand - np.clip(avstand, -0.25, 0.25), -0.45, 0.45))
            for g in grupper:
                plan[g][mal_kol][ar] = kjent[g] + skift


EOS_ELDSTE = 0.05  # andel av arbeid/opphold-klagene avgjort 2021 som er de eldste i beholdningen
AVRUNDING = 0.48  # så langt et trykt snitt (hele dager, ±0,5) kan forskyves, med litt luft


def _typetider_2023(plan, mal: Mal) -> None:
    """Snitt saksbehandlingstid 2023 per type (``plan[g]["K"][2023]`` = (klage, anmodning))
    for gruppene der 3.2.x oppgir begge typene. Begge typetallene i en gruppe forskyves likt
    innenfor avrundingen slik at

    1. gruppens trykte snitt treffer der det går: asyl 128/273 gir 178,9, trykt 178 (3.2.3),
       så asyl får 127,6/272,6 (178,48); utvisning 160/106 gir 146,6 mot trykte 149 (avvik),
       og flyttes så langt det går opp;
    2. totalen i 3.1.4 (154) treffer: med typetallene som trykt blir den 153,42, og det er
       bare avrundingsrommet i de øvrige gruppene som løfter den over 153,5.
    """
    ar = 2023
    tider, d = {}, {}
    for g in GRUPPER:
        t_kl, t_om = mal(f"saksbehandlingstid.{g}.klage", ar), mal(f"saksbehandlingstid.{g}.omgjoring", ar)
        d_kl = mal(f"behandlet.{g}.klage", ar)
        if t_kl is not None and t_om is not None and d_kl is not None:
            tider[g] = (t_kl, t_om)
            d[g] = (d_kl, plan[g]["D"][ar] - d_kl)

    def snitt(g: str, s: float) -> float:
        return (d[g][0] * (tider[g][0] + s) + d[g][1] * (tider[g][1] + s)) / sum(d[g])

    def rom(g: str, s: float, retning: float) -> float:
        """Hvor langt gruppen kan flyttes videre i retningen uten å bomme på noe trykt tall."""
        grense = AVRUNDING - retning * s
        trykt = mal(f"saksbehandlingstid.{g}", ar)
        if trykt is not None:
            grense = min(grense, AVRUNDING - retning * (snitt(g, s) - trykt))
        return max(0.0, grense)

    skift = {}
    for g in tider:  # 1. mot gruppens trykte snitt
        trykt = mal(f"saksbehandlingstid.{g}", ar)
        m = snitt(g, 0.0)
        mal_g = m if trykt is None else float(np.clip(m, trykt - AVRUNDING, trykt + AVRUNDING))
        skift[g] = float(np.clip(mal_g - m, -AVRUNDING, AVRUNDING))
    total = mal("saksbehandlingstid", ar)
    if total is not None:  # 2. mot totalen, så langt gruppene har rom
        med_tid = [g for g in GRUPPER if plan[g]["T"].get(ar) is not None and plan[g]["D"][ar] > 0]
        n = sum(plan[g]["D"][ar] for g in med_tid)
        summen = sum(
            snitt(g, skift[g]) * sum(d[g]) if g in tider else plan[g]["T"][ar] * plan[g]["D"][ar] for g in med_tid
        )
        avstand = total * n - summen
        mangler = float(np.sign(avstand)) * max(0.0, abs(avstand) - 0.25 * n)
        for g in tider:
            if abs(mangler) < 1e-9:
                break
            retning = float(np.sign(mangler))
            s = min(rom(g, skift[g], retning), abs(mangler) / sum(d[g]))
            skift[g] += retning * s
            mangler -= retning * s * sum(d[g])
    for g in tider:
        plan[g]["K"] = {ar: (tider[g][0] + skift[g], tider[g][1] + skift[g])}
        plan[g]["T"][ar] = snitt(g, skift[g])


# sakstypene i tilbakekallsgruppen med publisert antall og snitt for klagene (3.2.10)
TILBAKEKALL_KLAGETYPER = ("tilbakekall_statsborgerskap", "tilbakekall_63", "opphor_37")


def _tilbakekall_typetider_2023(plan, mal: Mal, ar: int = 2023) -> None:
    """Tilbakekall 2023: klagene har snittet sakstypene gir (statsborgerskap 57 på 172 dager,
    § 63 239 på 268, § 37 17 på 541; de få øvrige som snittet), anmodningene resten av
    gruppens 247 dager (3.1.4), om lag 173."""
    p = plan["tilbakekall"]
    d_kl, t_g = mal("behandlet.tilbakekall.klage", ar), p["T"].get(ar)
    typer = [
        (mal(f"behandlet.sakstype.{t}.klage", ar), mal(f"saksbehandlingstid.sakstype.{t}.klage", ar))
        for t in TILBAKEKALL_KLAGETYPER
    ]
    if d_kl is None or t_g is None or any(n is None or t is None for n, t in typer) or "K" in p:
        return
    t_kl = sum(n * t for n, t in typer) / sum(n for n, _ in typer)
    d_om = p["D"][ar] - d_kl
    p["K"] = {ar: (t_kl, (t_g * p["D"][ar] - t_kl * d_kl) / d_om)}


def _fyll_rest_alder(plan, mal: Mal) -> None:
    """Alder på beholdningen: grupper uten tall får en verdi som gjør totalen riktig
    (først oppholdssakene samlet, så asyl mot totalen)."""
    for ar, total_id, opph_id, _sp in (
        (2023, ("beholdning_alder", 2023), ("beholdning_alder.oppholdssaker", 2023), None),
        (2022, ("beholdning_alder_start", 2023), ("beholdning_alder_start.oppholdssaker", 2023), None),
    ):
        total = mal(*total_id)
        opph = mal(*opph_id)
        n = {g: plan[g]["P"][ar] for g in GRUPPER}
        a = {g: plan[g]["A"].get(ar) for g in GRUPPER}
        n_opph = sum(n[g] for g in OPPHOLD)
        kjent_opph = [g for g in OPPHOLD if a[g] is not None]
        ukjent_opph = [g for g in OPPHOLD if a[g] is None and n[g] > 0]
        rest = opph * n_opph - sum(n[g] * a[g] for g in kjent_opph)
        felles = rest / sum(n[g] for g in ukjent_opph)
        for g in ukjent_opph:
            plan[g]["A"][ar] = felles
        n_alle = sum(n.values())
        plan["asyl"]["A"][ar] = (total * n_alle - opph * n_opph) / n["asyl"]


def _vekt_anmodninger(mal: Mal, gplan, grupper: list[str], ar: int) -> dict[str, float]:
    """Vekt for gruppenes andel av de ubehandlede anmodningene 31.12.: etter Littles lov
    antall anmodninger behandlet i 2023 ganger deres saksbehandlingstid (3.2.5/3.2.10), der
    rapporten oppgir begge; ellers gruppens beholdning skalert likt. Med beholdningen som vekt
    fikk arbeid/opphold 61 anmodninger 31.12.2022, som ikke går sammen med 98 behandlet på
    68 dager i snitt."""
    vekt = {}
    for g in grupper:
        d = mal(f"behandlet.{g}.omgjoring", 2023)
        if d is None and mal(f"behandlet.{g}.klage", 2023) is not None:
            d = gplan[g]["D"][2023] - mal(f"behandlet.{g}.klage", 2023)
        t = mal(f"saksbehandlingstid.{g}.omgjoring", 2023) or gplan[g]["T"].get(2023)
        vekt[g] = None if d is None or t is None else d * t / 365
    kjent = [g for g in grupper if vekt[g] is not None]
    skala = sum(vekt[g] for g in kjent) / max(1, sum(gplan[g]["P"][ar] for g in kjent))
    return {g: vekt[g] if vekt[g] is not None else gplan[g]["P"][ar] * skala for g in grupper}


def _anmodninger_fra_typetider(mal: Mal, gplan, ar: int) -> dict[str, int]:
    """Behandlede anmodninger før 2023 for gruppene der rapporten oppgir snitt saksbehandlingstid
    for begge typene (2022: familie 164/210, utvisning 174/131; 3.2.5): fordelingen som gjør
    gruppens snitt (planen) til det typetallene gir. Typetidene settes i ``_typetider``."""
    ut = {}
    for g in GRUPPER:
        t_kl, t_om = mal(f"saksbehandlingstid.{g}.klage", ar), mal(f"saksbehandlingstid.{g}.omgjoring", ar)
        t_g, d_g = gplan[g]["T"].get(ar), gplan[g]["D"][ar]
        if t_kl is None or t_om is None or t_g is None or t_kl == t_om:
            continue
        andel_om = float(np.clip((t_kl - t_g) / (t_kl - t_om), 0.05, 0.6))
        ut[g] = int(round(andel_om * d_g))
    return ut


def _anmodninger_fra_mottatte_klager(mal: Mal, gplan, om, p_om, ar: int) -> dict[str, int]:
    """Beholdningen av anmodninger 31.12. året før ``ar`` for gruppene der klagene mottatt i
    ``ar`` er publisert (familie 2021 og 2022: 546 og 477, 3.2.5): anmodningene mottatt er
    gruppens mottatte minus klagene, og beholdningen året før er det strømmen da gir."""
    ut = {}
    for g in GRUPPER:
        kl = mal(f"mottatt.{g}.klage", ar) if ar < 2023 else None
        if kl is not None:
            r_om = gplan[g]["R"][ar] - kl
            ut[g] = int(max(0, p_om[ar][g] + om[g].D[ar] + om[g].H[ar] - r_om))
    return ut


def typeplan(mal: Mal, gplan) -> dict[tuple[str, str], Plan]:
    """Del hver gruppe på klage og omgjøringsanmodning.

    - Behandlet 2023: klagene per gruppe som publisert (3.2.x; SP1 og SP3 er klagetall),
      anmodningene er resten av gruppens vedtak. Mottatt 2023: gruppenes tall, justert til
      totalene i 3.1.1. 2018–2022: rapportens andeler anmodninger (3.1.1/3.1.2).
    - Beholdningen av klager 31.12.2022 og 31.12.2023 følger styringsparameterne: asyl
      (SP1), utvisning (SP3) og oppholdssakene samlet (SP2); anmodningene er resten.
      Mottatte anmodninger før 2023 avledes av beholdningen slik at strømmen går opp.
    - Alder per type: klagene får SP-alderen, anmodningene det som gjør gruppens alder riktig.
    """
    grupper = list(GRUPPER)
    om = {g: Plan({}, {}, {}, {}, {}, {}) for g in grupper}
    # --- 2023: mottatt og behandlet per type ---
    r = {}
    for g in grupper:
        v = mal(f"mottatt.{g}.omgjoring", 2023)
        kl = mal(f"mottatt.{g}.klage", 2023)
        if v is None and kl is not None:
            v = gplan[g]["R"][2023] - kl
        r[g] = 0 if v is None else int(v)
    storst = max(r, key=r.get)
    r[storst] += int(mal("mottatt.omgjoring", 2023)) - sum(r.values())
    for g in grupper:
        om[g].R[2023] = r[g]
        kl = mal(f"behandlet.{g}.klage", 2023)
        v = mal(f"behandlet.{g}.omgjoring", 2023)
        om[g].D[2023] = int(gplan[g]["D"][2023] - kl) if kl is not None else int(v or 0)
    # --- beholdning av anmodninger 31.12.2022 og 2023 (styringsparameterne) ---
    p_om = {2022: {}, 2023: {}}
    for ar, sp1, sp2, sp3 in (
        (2022, mal("sp1.beholdning_start", 2023), mal("sp2.beholdning_start", 2023), mal("sp3.beholdning_start", 2023)),
        (2023, mal("sp1.beholdning", 2023), mal("sp2.beholdning", 2023), mal("sp3.beholdning", 2023)),
    ):
        p_om[ar]["asyl"] = gplan["asyl"]["P"][ar] - int(sp1)
        p_om[ar]["utvisning"] = gplan["utvisning"]["P"][ar] - int(sp3)
        opph_om = sum(gplan[g]["P"][ar] for g in OPPHOLD) - int(sp2)
        ovrige = [g for g in OPPHOLD if g not in ("utvisning", "diverse")]
        fordelt = _fordel(
            opph_om - p_om[ar]["utvisning"],
            _vekt_anmodninger(mal, gplan, ovrige, ar),
            {g: gplan[g]["P"][ar] for g in ovrige},
        )
        p_om[ar].update(fordelt)
        p_om[ar]["diverse"] = 0
    # --- 2018–2022: andelene gir totalene; beholdningen 2022 styrer gruppene ---
    andel = {
        2021: (mal("andel_omgjoring_av_mottatt", 2021), mal("andel_omgjoring_av_behandlet", 2021)),
        2022: (mal("andel_omgjoring_av_mottatt", 2022), mal("andel_omgjoring_av_behandlet", 2022)),
    }
    tilboyelighet = {
        g: (om[g].R[2023] + om[g].D[2023]) / max(1, gplan[g]["R"][2023] + gplan[g]["D"][2023]) for g in grupper
    }
    for ar in AR[:-1]:
        a_r, a_d = andel.get(ar, (0.24, 0.24))
        for kol, a in (("D", a_d),):
            total = sum(gplan[g][kol][ar] for g in grupper)
            vekt = {g: gplan[g][kol][ar] * tilboyelighet[g] for g in grupper}
            fast = _anmodninger_fra_typetider(mal, gplan, ar)
            fri = [g for g in grupper if g not in fast]
            fordelt = _fordel(
                int(round(a * total)) - sum(fast.values()),
                {g: vekt[g] for g in fri},
                {g: int(gplan[g][kol][ar] * 0.8) for g in fri},
            )
            for g in grupper:
                om[g].D[ar] = fast.get(g, fordelt.get(g))
        for g in grupper:
            om[g].H[ar] = int(round(gplan[g]["H"][ar] * om[g].D[ar] / max(1, gplan[g]["D"][ar])))
    # beholdning av anmodninger bakover fra 2022: totalen for 2021 og 2020 slik at mottatt
    # i 2022 og 2021 får rapportens andel; fordelt på gruppene etter beholdningen
    for ar in (2021, 2020):
        neste = ar + 1
        r_total = int(round(andel[neste][0] * sum(gplan[g]["R"][neste] for g in grupper)))
        total = sum(p_om[neste][g] + om[g].D[neste] + om[g].H[neste] for g in grupper) - r_total
        fast = _anmodninger_fra_mottatte_klager(mal, gplan, om, p_om, neste)
        fri = [g for g in grupper if g not in fast]
        vekt = {g: gplan[g]["P"][ar] * tilboyelighet[g] for g in fri}
        p_om[ar] = fast | _fordel(
            max(0, total - sum(fast.values())), vekt, {g: int(gplan[g]["P"][ar] * 0.7) for g in fri}
        )
    for g in grupper:
        o, p = om[g], gplan[g]
        o.H[2023] = int(np.clip(p_om[2022][g] + o.R[2023] - o.D[2023] - p_om[2023][g], 0, p["H"][2023]))
        for ar in (2021, 2022):
            o.R[ar] = p_om[ar][g] - p_om[ar - 1][g] + o.D[ar] + o.H[ar]
        # 2018–2020: en jevn tilstrømning som bygger opp beholdningen per 31.12.2020; der
        # klagene mottatt i 2020 er publisert (familie 677, 3.2.5), er anmodningene resten
        behov = p_om[2020][g] + sum(o.D[a] + o.H[a] for a in (2018, 2019, 2020))
        kl_2020 = mal(f"mottatt.{g}.klage", 2020)
        o.R[2020] = behov - 2 * (behov // 3) if kl_2020 is None else int(p["R"][2020] - kl_2020)
        o.R[2018] = (behov - o.R[2020]) // 2
        o.R[2019] = behov - o.R[2020] - o.R[2018]
        forrige = 0
        for ar in AR:
            o.P[ar] = forrige + o.R[ar] - o.D[ar] - o.H[ar]
            forrige = o.P[ar]
    # --- alder per type ---
    alder_kl: dict[tuple[str, int], float] = {}
    for ar, sp1, sp2, sp3 in (
        (2022, mal("sp1.alder_start", 2023), mal("sp2.alder_start", 2023), mal("sp3.alder_start", 2023)),
        (2023, mal("sp1.alder", 2023), mal("sp2.alder", 2023), mal("sp3.alder", 2023)),
    ):
        alder_kl[("asyl", ar)] = sp1
        alder_kl[("utvisning", ar)] = sp3
        # oppholdsgruppene uten eget tall: gruppens alder skalert likt, slik at SP2 treffer
        ovrige = [g for g in OPPHOLD if g not in ("utvisning",) and gplan[g]["P"][ar] - om[g].P[ar] > 0]
        n_kl = {g: gplan[g]["P"][ar] - om[g].P[ar] for g in ovrige}
        n_utv = gplan["utvisning"]["P"][ar] - om["utvisning"].P[ar]
        rest = sp2 * (sum(n_kl.values()) + n_utv) - sp3 * n_utv
        grunnlag = sum(n_kl[g] * gplan[g]["A"][ar] for g in ovrige)
        for g in ovrige:
            alder_kl[(g, ar)] = gplan[g]["A"][ar] * rest / grunnlag
    for g in grupper:  # typetider før 2023: forskjøvet likt slik at gruppens snitt (planen) står
        for ar in AR[:-1]:
            t_kl, t_om = mal(f"saksbehandlingstid.{g}.klage", ar), mal(f"saksbehandlingstid.{g}.omgjoring", ar)
            t_g, d_g = gplan[g]["T"].get(ar), gplan[g]["D"][ar]
            if t_kl is None or t_om is None or t_g is None:
                continue
            skift = float(np.clip(t_g - ((d_g - om[g].D[ar]) * t_kl + om[g].D[ar] * t_om) / d_g, -AVRUNDING, AVRUNDING))
            gplan[g].setdefault("K", {})[ar] = (t_kl + skift, t_om + skift)
    _asyl_typetider_2022(gplan, om["asyl"], mal)
    ut: dict[tuple[str, str], Plan] = {}
    for g in grupper:
        p, o = gplan[g], om[g]
        kl = Plan({}, {}, {}, {}, {}, {})
        for k in "RDHP":
            getattr(kl, k).update({a: p[k][a] - getattr(o, k)[a] for a in AR})
        for ar in AR:
            typetid = p.get("K", {}).get(ar)
            for i, plan_k in enumerate((kl, o)):
                plan_k.T[ar] = typetid[i] if typetid is not None else p["T"].get(ar)
            a_g = p["A"].get(ar)
            a_kl = alder_kl.get((g, ar))
            if a_kl is not None and a_g is not None and o.P[ar] > 0:
                kl.A[ar] = a_kl
                o.A[ar] = (a_g * p["P"][ar] - a_kl * kl.P[ar]) / o.P[ar]
            else:
                kl.A[ar] = o.A[ar] = a_g
        ut[(g, "Klage")] = kl
        ut[(g, "Omgjøringsanmodning")] = o
    for (g, k), pl in ut.items():
        for kol in "RDHP":
            for ar, v in getattr(pl, kol).items():
                if v < 0:
                    raise ValueError(f"planen gir negativt {kol} for {g}/{k} i {ar}: {v}")
    _planlegg_over_ett_ar(ut, mal)
    _eldste_avgjort(ut, mal)
    return ut


def _eldste_avgjort(ut: dict[tuple[str, str], Plan], mal: Mal, ar: int = 2021) -> None:
    """Arbeid/opphold 2021: beholdningen 31.12. er gammel (156 dager, 3.2.5), men EØS-sakene
    avgjort det året tok 348 dager i snitt; de eldste klagene avgjøres derfor i året og blir
    ikke liggende (så mange som en del av EØS-sakene trenger)."""
    if (
        mal("beholdning_alder_start.arbeid_opphold", ar + 1) is None
        or mal("saksbehandlingstid.sakstype.eos", ar) is None
    ):
        return
    pl = ut[("arbeid_opphold", "Klage")]
    pl.U[ar] = int(round(EOS_ELDSTE * pl.D[ar]))


def _asyl_typetider_2022(gplan, om_asyl: Plan, mal: Mal, ar: int = 2022) -> None:
    """Asyl 2022: klagene har snittet sporene gir (realitet 173 dager, Dublin og trygt
    tredjeland 121, 3.2.3; realitetsandelen som i asyltrinnet), anmodningene resten av
    gruppens 189 dager."""
    t_r, t_ir = (mal(f"saksbehandlingstid.{s}.klage", ar) for s in ("asyl_realitet", "asyl_ikke_realitet"))
    t_g, d_g, d_om = gplan["asyl"]["T"].get(ar), gplan["asyl"]["D"][ar], om_asyl.D[ar]
    if None in (t_r, t_ir, t_g) or not 0 < d_om < d_g:
        return
    t_kl = ANDEL_REALITET_KLAGE_2022 * t_r + (1 - ANDEL_REALITET_KLAGE_2022) * t_ir
    gplan["asyl"].setdefault("K", {})[ar] = (t_kl, (t_g * d_g - t_kl * (d_g - d_om)) / d_om)


def _planlegg_over_ett_ar(ut: dict[tuple[str, str], Plan], mal: Mal) -> None:
    """Antall saker i beholdningen eldre enn ett år (alder > 365 dager) 31.12.2022 og
    31.12.2023: 268 og 264 i alt (3.2.1), tilbakekall 43 (6 anmodninger) og 31 (3.2.10).
    Der rapporten ikke deler opp, fordeles etter samlet alder (antall x snittalder), som er
    det som setter taket for hvor mange gamle saker en beholdning kan ha."""
    for ar, suffiks in ((2022, "_start"), (2023, "")):
        total = mal(f"beholdning_over_ett_ar{suffiks}", 2023)
        if total is None:
            continue
        vekt = {gk: pl.P[ar] * (pl.A.get(ar) or 0.0) / 366 for gk, pl in ut.items() if gk[0] != "diverse"}
        tak = {gk: int(0.6 * v) for gk, v in vekt.items()}
        fast: dict[tuple[str, str], int] = {}
        for g in GRUPPER:
            n_g = mal(f"beholdning_over_ett_ar{suffiks}.{g}", 2023)
            if n_g is None:
                continue
            typer = [gk for gk in vekt if gk[0] == g]
            n_om = mal(f"beholdning_over_ett_ar{suffiks}.{g}.omgjoring", 2023)
            if n_om is not None:
                fast[(g, "Omgjøringsanmodning")] = int(n_om)
                fast[(g, "Klage")] = int(n_g - n_om)
            else:
                fast.update(_fordel(int(n_g), {gk: vekt[gk] for gk in typer}, {gk: tak[gk] for gk in typer}))
        ovrige = [gk for gk in vekt if gk not in fast]
        fordelt = _fordel(
            int(total) - sum(fast.values()), {gk: vekt[gk] for gk in ovrige}, {gk: tak[gk] for gk in ovrige}
        )
        for gk, pl in ut.items():
            pl.E[ar] = fast.get(gk, fordelt.get(gk, 0))


# ---------------------------------------------------------------------------------
# 2. Simulering av datoer
# ---------------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------------
# 3. Avgjørelsesform, utfall og de øvrige kolonnene
# ---------------------------------------------------------------------------------

FORMER = AVGJORELSESFORMER


def formplan(mal: Mal, df: pd.DataFrame) -> dict[tuple[int, str], dict[str, int]]:
    """Antall vedtak per (år, gruppe) og avgjørelsesform.

    Kategoritallene følger Del VII tabell 2 (andeler per sakskategori, avrundet til hele
    prosent; 2021–2023), 3.1.3 (nemndmøter i alt og per gruppe) og for 2020–2023 vekttallet i
    Tabell 14 og Del VII tabell 1 (sum av vektene i Tabell 13 over årets vedtak); innenfor
    oppholdssakene fordeles nemndmøtene på gruppene etter 2023-mønsteret og
    sekretariatsvedtakene etter volum. Planen kontrolleres mot nemndmøteandelen og vekttallet
    (``_kontroller_formplan``).
    """
    vedtak = df[df["avslutning"].eq("Vedtak")]
    n = vedtak.groupby([vedtak["avsluttet_dato"].dt.year, "saksgruppe"]).size()
    # (år, kategori) -> (nmp, nup, sek, stornemnd); NL er resten. Valgt innenfor avrundingen av
    # de publiserte andelene (Del VII tabell 2: ±0,5 prosentpoeng) slik at også nemndmøtetotalen
    # for året (3.1.3) stemmer, og slik at omgjøringsandelene i Del VII tabell 3 (halve
    # prosent, ±0,25) har et heltall omgjorte i hver celle (se OMGJORT_PLAN). Stornemnd telles
    # blant nemndmøtene; tabell 2 har ingen egen linje for den.
    # 2021–2022: vekttallet (Tabell 14) = Σ vekt(kategori, form) × vedtak. Sammen med
    # regnskapet post 01+21 og kostnad per vekttall (Tabell 14) ligger det i et smalt vindu:
    # 2021 245 734 000 / 155 850 (±0,5) → 1 576,729–1 576,739; 2022 271 827 228 / 161 073 og
    # 256 925 546 / 152 243 (KPI) → 1 687,597–1 687,605.
    kategori = {
        # 2023: Tabell 2 oppgir 4 670 NL og 828 SEK, som summerer til 5 733 av 5 743 vedtak.
        # Omgjøringsandelen 16,6 % for SEK går bare opp med 838 SEK-vedtak (139/838), og
        # 15,8 % for NL med 4 670 (737/4 670 = 15,78 %): de ti manglende vedtakene legges
        # til SEK. Asyl har 62 nemndmøter (3.1.3), NMP 194 og NUP 41 i alt.
        #   Asyl 940:    NMP 49 (5,2 %), NUP 13 (1,4 %, trykt 2 %), NL 649 (69,0 %), SEK 229 (24,4 %)
        #   Opphold 4 803: NMP 145 (3,0 %), NUP 28 (0,6 %), NL 4 021 (83,7 %), SEK 609 (12,7 %, trykt 12 %)
        # Vekttallet (Tabell 14: 1 777,0) velger mellom de to SEK-fordelingene: 228/610 gir
        # 1 777,138, ett asylvedtak fra NL til SEK og ett oppholdsvedtak motsatt vei gir 1 776,971.
        # SEK: 24 % av 940 er høyst 230 (24,5 %) og 12 % av 4 803 høyst 600 (12,5 %), til
        # sammen 830 < 838, så begge SEK-andelene kan ikke treffe; asyl treffer. NUP for asyl
        # er 13 (ikke 2 %) fordi ingen fordeling av 62/194/41 med 2 % NUP for asyl og 1 %
        # (≥ 25) NUP for opphold gir heltall omgjorte for NMP i tabell 3 (se OMGJORT_PLAN).
        2023: {"Asyl": (49, 13, 229, 0), "Opphold": (145, 28, 609, 0)},
        # 2022: 847 asyl og 4 655 opphold; nemndmøter 57 + 16 + 2 + 148 + 34 + 1 = 258 (4,69 %),
        # SEK 1 199 (21,8 %). Vekttall 1 687,598 (1 687,6; 0,307 per sak).
        #   Asyl:    NMP 57 (6,7 %), NUP 16 (1,9 %), NL 691 (81,6 %), SEK 81 (9,6 %), stornemnd 2
        #   Opphold: NMP 148 (3,2 %), NUP 34 (0,7 %), NL 3 354 (72,1 %), SEK 1 118 (24,0 %), stornemnd 1
        # Uten stornemnd er høyeste vekttall tabell 2 og 3.1.3 tillater om lag 1 680 (nemndmøtene
        # er høyst 261, NL for asyl minst 691), med én eller to stornemnd høyst 1 687,28: det
        # trengs tre stornemndvedtak (+5,1 til +6,1 hver mot NMP/NL).
        2022: {"Asyl": (57, 16, 81, 2), "Opphold": (148, 34, 1118, 1)},
        # 2021: 960 asyl og 3 741 opphold; nemndmøter 90 + 16 + 137 + 23 = 266 (5,66 %),
        # SEK 594 (12,6 %). Vekttall 1 576,739 (1 576,7; 0,335 per sak); eneste familie av
        # løsninger i vinduet over (SEK for asyl 44–47).
        #   Asyl:    NMP 90 (9,4 %), NUP 16 (1,7 %), NL 810 (84,4 %), SEK 44 (4,6 %)
        #   Opphold: NMP 137 (3,7 %), NUP 23 (0,6 %), NL 3 031 (81,0 %), SEK 550 (14,7 %)
        2021: {"Asyl": (90, 16, 44, 0), "Opphold": (137, 23, 550, 0)},
        # 2020: 6 104 vedtak, 1 037 asyl og 5 067 opphold. Publisert er bare nemndmøteandelen
        # 3,8 % (3.1.3) og vekttallet 1 773,5 (Del VII tabell 1; 0,291 per sak, lavest av de
        # fire årene). Nemndmøtene er de samme som uten tabell 2: 232 (3,80 %), 30 % asyl og
        # fire av fem med frammøte, én stornemnd i asyl. Med 5 % SEK for asyl og 14 % for
        # opphold ble vekttallet 1 942,4; sekretariatet må avgjøre om lag hver fjerde sak.
        # Ett vedtak fra NL til SEK senker vekttallet med 0,334 (asyl) eller 0,167 (opphold),
        # så med nemndmøtene faste treffer bare 2 × Δasyl + Δopphold = 1 011 (−168,837)
        # vinduet 1 773,45–1 773,55 (kostnad per vekttall 141 953 ± 0,5, se ``okonomi``):
        # vekttall 1 773,531. Fordelingen mellom asyl og opphold er valgt som i 2022–2023
        # (om lag en firedel SEK i den ene kategorien).
        #   Asyl:    NMP 55 (5,3 %), NUP 14 (1,4 %), NL 717 (69,1 %), SEK 250 (24,1 %), stornemnd 1
        #   Opphold: NMP 130 (2,6 %), NUP 32 (0,6 %), NL 3 581 (70,7 %), SEK 1 324 (26,1 %)
        # Nemndmøtene per gruppe er som før kalibreringen; bare SEK og NL er flyttet.
        2020: {"Asyl": (55, 14, 250, 1), "Opphold": (130, 32, 1324, 0)},
    }
    nm_andel = {2018: 0.05, 2019: 0.045}
    nm_gruppe_2023 = {g: _nemndmoter_2023(mal, g) for g in GRUPPER}
    ut: dict[tuple[int, str], dict[str, int]] = {}
    for ar in AR:
        n_ar = n.loc[ar] if ar in n.index.get_level_values(0) else pd.Series(dtype="int64")
        if ar not in kategori:  # år uten tabell 2: nemndmøteandelen for året (3.1.3) styrer
            nm_tot = int(round(nm_andel[ar] * n_ar.sum()))
            nm_asyl = int(round(nm_tot * 0.3))
            n_asyl = int(n_ar.get("Asyl", 0))
            kategori[ar] = {
                "Asyl": (int(round(nm_asyl * 0.8)), nm_asyl - int(round(nm_asyl * 0.8)), int(round(n_asyl * 0.05)), 0),
                "Opphold": (
                    int(round((nm_tot - nm_asyl) * 0.8)),
                    nm_tot - nm_asyl - int(round((nm_tot - nm_asyl) * 0.8)),
                    int(round((n_ar.sum() - n_asyl) * 0.14)),
                    0,
                ),
            }
        for kat, grupper in (("Asyl", ["asyl"]), ("Opphold", OPPHOLD)):
            navn = [GRUPPER[g] for g in grupper]
            n_kat = int(sum(n_ar.get(x, 0) for x in navn))
            nmp, nup, sek, sn = kategori[ar][kat]
            # fordel på gruppene
            vekt_nm = {}
            for g in grupper:
                v = nm_gruppe_2023.get(g)
                if v is None:
                    rest = 235 - sum(x for x in nm_gruppe_2023.values() if x is not None)
                    ukjente = [h for h in OPPHOLD if nm_gruppe_2023.get(h) is None and h != "diverse"]
                    v = rest / len(ukjente) if g != "diverse" else 0.0
                vekt_nm[g] = v
            vol = {g: int(n_ar.get(GRUPPER[g], 0)) for g in grupper}
            nm_fordelt = _fordel(
                sn + nmp + nup, {g: vekt_nm[g] * (1 if ar == 2023 else vol[g] / max(1, n_kat)) for g in grupper}, vol
            )
            sek_fordelt = _fordel(
                sek, {g: vol[g] - nm_fordelt[g] for g in grupper}, {g: vol[g] - nm_fordelt[g] for g in grupper}
            )
            sn_fordelt = _fordel(sn, {g: nm_fordelt[g] for g in grupper}, nm_fordelt)
            uten_sn = {g: nm_fordelt[g] - sn_fordelt[g] for g in grupper}
            nmp_fordelt = _fordel(nmp, uten_sn, uten_sn)
            for g in grupper:
                d = {
                    "Stornemnd": sn_fordelt[g],
                    "NMP": nmp_fordelt[g],
                    "NUP": uten_sn[g] - nmp_fordelt[g],
                    "SEK": sek_fordelt[g],
                }
                d["NL"] = vol[g] - sum(d.values())
                ut[(ar, GRUPPER[g])] = d
    # stornemnd forekommer sjelden: to asylsaker i 2019 (og én i 2020, i tabellen over), talt
    # blant nemndmøtene
    for ar, k in ((2019, 2),):
        ut[(ar, "Asyl")]["Stornemnd"] += k
        ut[(ar, "Asyl")]["NMP"] -= k
    _kontroller_formplan(mal, ut)
    return ut


def _kontroller_formplan(mal: Mal, plan: dict[tuple[int, str], dict[str, int]]) -> None:
    """Planen gir de publiserte tallene den er kalibrert mot: nemndmøteandelen (3.1.3, ±0,05
    prosentpoeng) og vekttallet (Tabell 14 og Del VII tabell 1, ±0,05) for hvert år de finnes."""
    from uttrekksgenerator.referanse import lag_vekttall

    vekt = {(r.kategori, r.avgjorelsesform): r.vekt for r in lag_vekttall(mal).itertuples()}
    for ar in sorted({a for a, _ in plan}):
        celler = {g: d for (a, g), d in plan.items() if a == ar}
        total = sum(sum(d.values()) for d in celler.values())
        nm = sum(d[f] for d in celler.values() for f in NEMNDMOTEFORMER)
        andel = mal("avgjort_andel.form.nemndmote", ar)
        if andel is not None and total and abs(nm / total - andel) > 0.0005:
            raise ValueError(f"formplan {ar}: nemndmøteandelen {nm / total:.4f} treffer ikke {andel}")
        publisert = mal("vekttall", ar)
        if publisert is not None:
            vt = sum(
                n * vekt[("Asyl" if g == "Asyl" else "Opphold", f)] for g, d in celler.items() for f, n in d.items()
            )
            if abs(vt - publisert) > 0.05:
                raise ValueError(f"formplan {ar}: vekttallet {vt:.3f} treffer ikke {publisert}")


def _nemndmoter_2023(mal: Mal, g: str) -> float | None:
    """Nemndmøter i gruppen 2023: antallet (3.1.3), ellers andelen ganger vedtakene (3.2.5:
    familie 0,9 % og andre saker 2,3 %)."""
    n = mal(f"behandlet.{g}.form.nemndmote", 2023)
    andel, d = mal(f"avgjort_andel.{g}.form.nemndmote", 2023), mal(f"behandlet.{g}", 2023)
    return n if n is not None or andel is None or d is None else andel * d


def _fordel(total: int, vekt: dict[str, float], tak: dict[str, int]) -> dict[str, int]:
    """Fordel et heltall etter vekter med største-rest-metoden, uten å gå over taket."""
    sum_v = sum(max(0.0, v) for v in vekt.values())
    if total <= 0 or sum_v <= 0:
        return {g: 0 for g in vekt}
    eksakt = {g: total * max(0.0, v) / sum_v for g, v in vekt.items()}
    ut = {g: min(int(np.floor(x)), tak[g]) for g, x in eksakt.items()}
    rest = total - sum(ut.values())
    for g in sorted(eksakt, key=lambda h: -(eksakt[h] - np.floor(eksakt[h]))) * 3:
        if rest <= 0:
            break
        if ut[g] < tak[g]:
            ut[g] += 1
            rest -= 1
    return ut


def tildel_former(df: pd.DataFrame, plan: dict, mal: Mal, rng: np.random.Generator) -> np.ndarray:
    """Avgjørelsesform per sak: nemndmøtene tar de lengste sakene, sekretariatet de korteste,
    og utvalget justeres slik at snitt saksbehandlingstid per form treffer målene. Unntak:
    tilbakekallets nemndmøter er mest statsborgerskapssaker (56 av 94, 3.1.3) med kortere tid
    enn § 63-klagene (172 mot 268 dager, 3.2.10), så der trekkes nemndmøtene uten hensyn til tid.
    Stornemnd tar lange saker uten eget mål; der bare nemndmøtesnittet er publisert (2022, 3.1.4),
    tar NMP igjen det stornemnd og NUP har gitt, så snittet for nemndmøtene treffer."""
    form = np.full(len(df), None, dtype=object)
    tid = (df["avsluttet_dato"] - df["mottatt_dato"]).dt.days.to_numpy().astype("float64")
    ar = df["avsluttet_dato"].dt.year.to_numpy()
    vedtak = df["avslutning"].eq("Vedtak").to_numpy()
    gruppe = df["saksgruppe"].to_numpy()
    klage = df["behandlingstype"].eq("Klage").to_numpy()
    for (a, g), antall in plan.items():
        idx = np.flatnonzero(vedtak & (ar == a) & (gruppe == g))
        ledig = np.ones(len(idx), dtype=bool)
        kvote = _nemndmoter_klage(mal, a, g, antall)
        nm_tid: list[float] = []  # tidene som alt er valgt til nemndmøter i cellen
        for f in ("Stornemnd", "NUP", "NMP", "SEK"):
            k = antall[f]
            if k <= 0:
                continue
            t_mal = mal(f"saksbehandlingstid.form.{f.lower()}", a)
            if t_mal is None and f in ("NMP", "NUP"):
                t_mal = mal("saksbehandlingstid.form.nemndmote", a)
                if f == "NMP" and t_mal is not None:
                    t_mal = (t_mal * (k + len(nm_tid)) - sum(nm_tid)) / k
            deler = [(np.ones(len(idx), dtype=bool), k)]
            if kvote is not None and f in kvote:
                deler = [(klage[idx], kvote[f]), (~klage[idx], k - kvote[f])]
            for del_maske, k_del in deler:
                kand = np.flatnonzero(ledig & del_maske)
                fortegn = -1.0 if f == "SEK" else 1.0
                if g == "Tilbakekall" and f != "SEK":  # se docstring
                    fortegn = 0.0
                pref = fortegn * tid[idx[kand]] + rng.normal(0, 120, len(kand))
                valgt = velg_med_snitt(tid[idx[kand]], k_del, t_mal if fortegn else None, rng, pref)
                form[idx[kand[valgt]]] = f
                ledig[kand[valgt]] = False
                if f != "SEK":
                    nm_tid.extend(tid[idx[kand[valgt]]])
        form[idx[ledig]] = "NL"
    # vedtak etter planperioden (januar–februar året etter): samme fordeling som siste år
    rest = np.flatnonzero(vedtak & (form == None))  # noqa: E711 (objekt-array)
    form[rest] = rng.choice(["NMP", "NUP", "NL", "SEK"], size=len(rest), p=[0.034, 0.007, 0.815, 0.144])
    return form


def _nemndmoter_klage(mal: Mal, ar: int, gruppe: str, antall: dict[str, int]) -> dict[str, int] | None:
    """Asyl 2023: hvor mange av nemndmøtene (NUP, NMP) som er klager. 3.2.3 oppgir 7,6 % av
    250 realitetsbehandlede klager (19) og 13 % av 319 anmodninger (40–43); av asylsakenes 62
    nemndmøter blir 19 klager og 43 anmodninger. Uten kvoten tar anmodningene (som har
    lengst tid) nesten alle nemndmøtene."""
    andel, n_kl = mal("avgjort_andel.asyl_realitet.klage.form.nemndmote", ar), mal("behandlet.asyl_realitet.klage", ar)
    if gruppe != "Asyl" or andel is None or n_kl is None:
        return None
    q = int(round(andel * n_kl))
    nm = antall["NUP"] + antall["NMP"]
    nup = int(round(q * antall["NUP"] / max(1, nm)))
    return {"NUP": nup, "NMP": q - nup}


# Omgjorte vedtak per (år, sakskategori, form) for årene med Del VII tabell 3 (andeler
# trykt til nærmeste halve prosent, altså ±0,25 prosentpoeng). Vedtakene per celle står i
# ``formplan``. Kategori- og årstotalene følger av cellene.
OMGJORT_PLAN: dict[int, dict[tuple[str, str], int]] = {
    # 2023: formtallene i 3.1.5 styrer: NMP 105/194 = 54,1 %, NUP 28/41 = 68,3 %,
    # NL 737/4 670 = 15,8 %, SEK 139/838 = 16,6 %; i alt 1 009 (3.1.5).
    #   Asyl:    NMP 31/49 = 63,3 % (63,5), NUP 9/13 = 69,2 % (69), NL 150/649 = 23,1 % (23),
    #            SEK 7/229 = 3,1 % (3); i alt 197/940 = 21,0 % (21)
    #   Opphold: NMP 74/145 = 51,0 % (51), NUP 19/28 = 67,9 % (68), NL 587/4 021 = 14,6 % (14,5),
    #            SEK 132/609 = 21,7 % (21,5); i alt 812/4 803 = 16,9 % (17)
    # Med 62 nemndmøter for asyl, NMP 194, NUP 41, 105 og 28 omgjorte er 49/13/145/28 den
    # eneste fordelingen som gir alle fire NMP/NUP-andelene i tabell 3. Med tabell 2 for
    # NUP (asyl 2 %: 15–23 av 940; opphold 1 %: ≥ 25 av 4 803, altså asyl ≤ 16) blir asyl
    # NUP 15 eller 16. Med 16 finnes ikke heltall omgjorte for NMP (asyl 46: 29,10–29,33;
    # opphold 148: 75,11–75,85); med 15 ikke for asyl NUP 15 (10,31–10,39), asyl NMP 47
    # (29,73–29,96) og opphold NUP 26 (17,62–17,75). Asyl NUP blir 13 (1,4 %, trykt 2 %).
    2023: {
        ("asylsaker", "NMP"): 31,
        ("asylsaker", "NUP"): 9,
        ("asylsaker", "NL"): 150,
        ("asylsaker", "SEK"): 7,
        ("oppholdssaker", "NMP"): 74,
        ("oppholdssaker", "NUP"): 19,
        ("oppholdssaker", "NL"): 587,
        ("oppholdssaker", "SEK"): 132,
    },
    # 2022: i alt 985/5 502 = 17,9 % (3.1.5).
    #   Asyl:    NMP 43/57 = 75,4 % (75,5), NUP 12/16 = 75,0 %, NL 167/691 = 24,2 % (24),
    #            SEK 0/81, stornemnd 0/2; i alt 222/847 = 26,2 % (26)
    #   Opphold: NMP 69/148 = 46,6 % (46,5), NUP 25/34 = 73,5 % (73,5), NL 594/3 354 = 17,7 % (17,5),
    #            SEK 74/1 118 = 6,6 % (6,5), stornemnd 1/1; i alt 763/4 655 = 16,4 % (16,5)
    2022: {
        ("asylsaker", "NMP"): 43,
        ("asylsaker", "NUP"): 12,
        ("asylsaker", "NL"): 167,
        ("asylsaker", "SEK"): 0,
        ("oppholdssaker", "NMP"): 69,
        ("oppholdssaker", "NUP"): 25,
        ("oppholdssaker", "NL"): 594,
        ("oppholdssaker", "SEK"): 74,
        ("oppholdssaker", "Stornemnd"): 1,
    },
    # 2021: i alt 780/4 701 = 16,6 % (3.1.5).
    #   Asyl:    NMP 64/90 = 71,1 % (71), NUP 13/16 = 81,25 % (81,5: på grensen, men 16 er det
    #            eneste antallet med 1,5–2,5 % av 960 som har et heltall), NL 130/810 = 16,0 % (16),
    #            SEK 0/44; i alt 207/960 = 21,6 % (21,5)
    #   Opphold: NMP 59/137 = 43,1 % (43), NUP 14/23 = 60,9 % (61), NL 486/3 031 = 16,0 % (16),
    #            SEK 14/550 = 2,5 % (2,5); i alt 573/3 741 = 15,3 % (15,5)
    2021: {
        ("asylsaker", "NMP"): 64,
        ("asylsaker", "NUP"): 13,
        ("asylsaker", "NL"): 130,
        ("asylsaker", "SEK"): 0,
        ("oppholdssaker", "NMP"): 59,
        ("oppholdssaker", "NUP"): 14,
        ("oppholdssaker", "NL"): 486,
        ("oppholdssaker", "SEK"): 14,
    },
}


def tildel_utfall(df: pd.DataFrame, mal: Mal, rng: np.random.Generator) -> np.ndarray:
    """Utfall per vedtak. Antall omgjorte per (år, sakskategori, form) følger Del VII
    tabell 3 og 3.1.5 (``OMGJORT_PLAN`` for 2021–2023; før det 2021-andelene skalert);
    anmodninger omgjøres oftere enn klager, og for 2023 treffes også gruppetallene for
    utvisning og tilbakekall og andelen for anmodninger."""
    utfall = np.full(len(df), None, dtype=object)
    vedtak = df["avslutning"].eq("Vedtak").to_numpy()
    ar = df["avsluttet_dato"].dt.year.to_numpy()
    kat = np.where(df["saksgruppe"].eq("Asyl"), "asylsaker", "oppholdssaker")
    form = df["avgjorelsesform"].to_numpy()
    er_omg = df["behandlingstype"].eq("Omgjøringsanmodning").to_numpy()
    gruppe = df["saksgruppe"].to_numpy()
    omgjort = np.zeros(len(df), dtype=bool)
    for a in AR:
        celler = {
            (k, f): np.flatnonzero(vedtak & (ar == a) & (kat == k) & (form == f))
            for f in FORMER
            for k in ("asylsaker", "oppholdssaker")
        }
        if a in OMGJORT_PLAN:  # Del VII tabell 3: eksplisitte heltall per celle
            heltall = {c: OMGJORT_PLAN[a].get(c, 0) for c in celler}
            publisert = mal("omgjort", a)
            if publisert is not None and sum(heltall.values()) != int(publisert):
                raise ValueError(f"OMGJORT_PLAN {a} gir {sum(heltall.values())} omgjorte, ikke {publisert}")
        else:  # før tabell 3: 2021-andelene per celle, skalert til årstotalen der den finnes
            eksakt = {}
            for (k, f), idx in celler.items():
                r = mal(f"omgjoringsandel.{k}.form.{f.lower()}", 2021)
                eksakt[(k, f)] = len(idx) * (r if r is not None else (0.6 if f == "Stornemnd" else 0.2))
            total = int(round(sum(eksakt.values())))
            r_ar = mal("omgjoringsandel", a)
            n_ar = sum(len(i) for i in celler.values())
            if r_ar is not None and n_ar:
                total = int(round(r_ar * n_ar))
                forventet = sum(eksakt.values())
                eksakt = {c: e * total / forventet for c, e in eksakt.items()}
            heltall = {c: int(np.floor(v)) for c, v in eksakt.items()}
            for c in sorted(eksakt, key=lambda x: -(eksakt[x] - heltall[x]))[: total - sum(heltall.values())]:
                heltall[c] += 1
        for c, idx in celler.items():
            if heltall[c] > len(idx):
                raise ValueError(f"{a} {c}: {heltall[c]} omgjorte av {len(idx)} vedtak")
            if heltall[c]:
                vekt = np.where(er_omg[idx], 2.6, 1.0) * _gruppevekt(gruppe[idx])
                omgjort[rng.choice(idx, size=heltall[c], replace=False, p=vekt / vekt.sum())] = True
    _juster_gruppe_omgjoring(omgjort, df, mal, vedtak & (ar == 2023), form, kat, rng)
    _juster_asyl_anmodninger(omgjort, df, mal, vedtak & (ar == 2023), form, rng)
    _juster_tilbakekall_anmodninger(omgjort, df, mal, vedtak & (ar == 2023), form, rng)
    egne = np.isin(gruppe, ["Asyl", "Tilbakekall"])  # justert for seg over
    _juster_type_omgjoring(
        omgjort, df, mal, vedtak & (ar == 2023) & ~egne, form, rng, asyl=vedtak & (ar == 2023) & egne
    )
    delvis = rng.random(len(df)) < 0.12
    utfall[vedtak] = "Ikke omgjort"
    utfall[vedtak & omgjort] = "Omgjort"
    utfall[vedtak & omgjort & delvis] = "Delvis omgjort"
    return utfall


def _gruppevekt(grupper: np.ndarray) -> np.ndarray:
    vekt = {"Utvisning": 1.6, "Statsborgerskap": 0.6, "Arbeid/opphold": 0.9, "Tilbakekall": 1.2}
    return np.array([vekt.get(g, 1.0) for g in grupper])


def _juster_gruppe_omgjoring(omgjort, df, mal: Mal, maske, form, kat, rng) -> None:
    """Bytt omgjort-flagget mellom saker i samme (kategori, form)-celle, men ulik gruppe,
    til gruppenes omgjøringstall for 2023 treffer. Celletallene endres ikke.

    Gruppene justeres etter tur; en gruppe som er justert, byttes ikke med senere.
    Oppholdssakene har 812 omgjorte (``OMGJORT_PLAN``): utvisning 218 (3.2.5) og
    tilbakekall 83 (21,2 % av 391) gir 511 til resten. 3.2.5 oppgir familie 146, andre 104,
    arbeid/opphold 204 og statsborgerskap 59, til sammen 513: statsborgerskap får sine 59
    (11,8 %, trykt 12 %) og arbeid/opphold resten, 202 (12,9 %, trykt 13 %).
    """
    gruppe = df["saksgruppe"].to_numpy()
    n = {g: int((maske & (gruppe == GRUPPER[g])).sum()) for g in GRUPPER}
    onsket_per_gruppe = {
        "utvisning": int(mal("omgjort.utvisning", 2023, 218)),  # 25,0 % i 3.1.5 er et avvik
        "tilbakekall": int(round(mal("omgjoringsandel.tilbakekall", 2023) * n["tilbakekall"])),
        "familie": int(mal("omgjort.familie", 2023, 146)),
        "andre": int(mal("omgjort.andre", 2023, 104)),
        "statsborgerskap": int(mal("omgjort.statsborgerskap", 2023, 59)),
    }
    faste = ["Utvisning", "Tilbakekall"]  # byttes ikke med de andre gruppene
    for g, onsket in onsket_per_gruppe.items():
        navn = GRUPPER[g]
        if navn not in faste:
            faste.append(navn)
        for _ in range(500):
            naa = int((omgjort & maske & (gruppe == navn)).sum())
            if naa == onsket:
                break
            inn = naa < onsket
            # en sak i gruppen som skal endres, og en i samme celle i en gruppe som ikke er justert
            kilde = np.flatnonzero(maske & (gruppe == navn) & (omgjort != inn) & (kat == "oppholdssaker"))
            if not len(kilde):
                break
            i = rng.choice(kilde)
            andre = np.flatnonzero(
                maske
                & (gruppe != navn)
                & (gruppe != "Asyl")
                & (omgjort == inn)
                & (form == form[i])
                & ~np.isin(gruppe, faste)
            )
            if not len(andre):
                continue
            j = rng.choice(andre)
            omgjort[i], omgjort[j] = inn, not inn


NEMNDMOTE = NEMNDMOTEFORMER


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


def _juster_asyl_anmodninger(omgjort, df, mal: Mal, maske, form, rng) -> None:
    """Asyl 2023: omgjorte anmodninger nok til at 38 % av de 319 realitetsbehandlede kan være
    omgjort (3.2.3), og de 11 andre omtrent samme andel: bytt flagget med en asylklage i samme
    form (``_juster_type_omgjoring`` tar så oppholdssakene mot andelen i 3.1.5)."""
    r, n_real = mal("omgjoringsandel.asyl_realitet.omgjoring", 2023), mal("behandlet.asyl_realitet.omgjoring", 2023)
    if r is None or n_real is None:
        return
    asyl = maske & df["saksgruppe"].eq("Asyl").to_numpy()
    er_omg = df["behandlingstype"].eq("Omgjøringsanmodning").to_numpy()
    onsket = int(round(r * (asyl & er_omg).sum()))
    _bytt_mot(omgjort, asyl & er_omg, asyl & ~er_omg, onsket, form, rng)


def _juster_tilbakekall_anmodninger(omgjort, df, mal: Mal, maske, form, rng) -> None:
    """Tilbakekall 2023: de omgjorte er klager så nær som de 8 § 63/§ 37-anmodningene og
    statsborgerskapsanmodningenes del (3.2.10: § 63/§ 37 59 omgjort, 8 av dem anmodninger;
    statsborgerskapsklager 21): 72 klager og 11 anmodninger av gruppens 83."""
    t_alle, t_om = (mal(f"omgjort.sakstype.tilbakekall_63_37{s}", 2023) for s in ("", ".omgjoring"))
    stb_kl = mal("omgjort.sakstype.tilbakekall_statsborgerskap.klage", 2023)
    if None in (t_alle, t_om, stb_kl):
        return
    tilb = maske & df["saksgruppe"].eq("Tilbakekall").to_numpy()
    er_omg = df["behandlingstype"].eq("Omgjøringsanmodning").to_numpy()
    onsket = int((omgjort & tilb).sum()) - (t_alle - t_om) - stb_kl
    _bytt_mot(omgjort, tilb & er_omg, tilb & ~er_omg, onsket, form, rng)


def _bytt_mot(omgjort, a, b, onsket: int, form, rng, runder: int = 400) -> None:
    """Bytt omgjort-flagget mellom en sak i ``a`` og en i ``b`` med samme form til ``a`` har
    ``onsket`` omgjorte."""
    for _ in range(runder):
        naa = int((omgjort & a).sum())
        if naa == onsket:
            break
        inn = naa < onsket
        kilde = np.flatnonzero(a & (omgjort != inn))
        i = rng.choice(kilde)
        andre = np.flatnonzero(b & (omgjort == inn) & (form == form[i]))
        if not len(andre):
            continue
        j = rng.choice(andre)
        omgjort[i], omgjort[j] = inn, not inn


def _juster_type_omgjoring(omgjort, df, mal: Mal, maske, form, rng, asyl=None) -> None:
    """Bytt omgjort-flagget mellom en anmodning og en klage i samme (gruppe, form) blant
    ``maske`` til omgjøringsandelen for anmodninger i 2023 treffer (3.1.5; ``asyl`` er de
    asylvedtakene som er justert for seg og telles med). Celle- og gruppetall står."""
    gruppe = df["saksgruppe"].to_numpy()
    er_omg = df["behandlingstype"].eq("Omgjøringsanmodning").to_numpy()
    r = mal("omgjoringsandel.omgjoring", 2023)
    fast = np.zeros(len(df), dtype=bool) if asyl is None else asyl
    n_omg = int(((maske | fast) & er_omg).sum())
    onsket = int(round(r * n_omg)) - int((omgjort & fast & er_omg).sum())
    for _ in range(400):
        naa = int((omgjort & maske & er_omg).sum())
        if naa == onsket:
            break
        inn = naa < onsket
        kilde = np.flatnonzero(maske & er_omg & (omgjort != inn))
        i = rng.choice(kilde)
        andre = np.flatnonzero(maske & ~er_omg & (omgjort == inn) & (form == form[i]) & (gruppe == gruppe[i]))
        if not len(andre):
            continue
        j = rng.choice(andre)
        omgjort[i], omgjort[j] = inn, not inn


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
