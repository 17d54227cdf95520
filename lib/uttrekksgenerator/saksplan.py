"""Planen for saksregisteret (trinn 1 i ``saker``): saksgruppene og de årlige målene per
stratum, først per saksgruppe (``gruppeplan``) og så per behandlingstype (``typeplan``),
regnet ut av de publiserte tallene."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from uttrekksgenerator.asyl import ANDEL_REALITET_KLAGE_2022
from uttrekksgenerator.kalibrering import AR, Mal

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
