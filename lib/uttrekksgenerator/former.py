"""Avgjørelsesform og utfall i saksregisteret (trinn 3 i ``saker``): formene per år og
gruppe (``formplan``), formen per vedtak (``tildel_former``) og utfallet (``tildel_utfall``),
med byttene som lar omgjøringstallene per gruppe og behandlingstype treffe."""

from __future__ import annotations

import numpy as np
import pandas as pd

from uttrekksgenerator.kalibrering import AR, Mal
from uttrekksgenerator.kontrakt import AVGJORELSESFORMER, NEMNDMOTEFORMER
from uttrekksgenerator.saksplan import GRUPPER, OPPHOLD, _fordel
from uttrekksgenerator.utvalg import velg_med_snitt

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
