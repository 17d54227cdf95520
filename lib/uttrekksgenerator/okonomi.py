"""Syntetiske tabeller fra HR-systemet og regnskapet: ``arsverk`` for 2021–2023 og
``tildeling``, ``fullmakter``, ``regnskap``, ``kapitalkontoer`` og ``mellomvaerende`` for
2020–2023.

Hva som er kalibrert
--------------------
- ``arsverk``: Tabell 11 eksakt (fire enheter; summene og endringene følger av dem).
- ``tildeling``: Note A 2023 eksakt (kap. 0491 post 01 og 21); 2021 og 2022 er satt slik at
  samlet tildeling (Tabell 1) stemmer og overføringene henger sammen (overført til 2023 på
  post 01 = 5 % av årets tildeling 2022; post 21 = avrundet mindreforbruk).
- ``fullmakter``: Note B 2023 (avgitt belastningsfullmakt 5 000 000 på post 01; maks
  overførbart tomt = 5 %-regelen, som gir 14 265 150 og 400 750).
- ``regnskap``: én konto per notelinje i Note 2, 3, 4, 5 og 6 og felleskapitlene, med beløp fra
  de publiserte notene for 2022 og 2023. Post 21 er honorarer til nemndmedlemmer (utledet av
  Tabell 1: lønn per årsverk er uten honorarer), sakskostnader etter fvl. § 36 (Del VII pkt. 7),
  reiser og tolking til nemndmøter; resten ligger på post 01. Dermed stemmer bevilgnings-
  rapporteringen (post 01, post 21, 1633, 5309, 5700, netto rapportert), artskontorapporteringen,
  Note 2–6 og Tabell 1 (samlet utbetaling, driftsutgifter, lønns- og konsulentandel, lønn per
  årsverk) for 2022–2023, og Tabell 1 for 2021.
- Øre: regnskapet fører øre, og rapporten avrunder hver linje for seg. Noen linjer har derfor
  øre (``ORE``) slik at de trykte 1-kronesavvikene i golden-filens ``inconsistencies`` går opp
  (felleskapitler 2023, investering/finans og Note 3-sum 2022, Note 8, kapitalkontoer).
- ``kapitalkontoer`` og ``mellomvaerende``: 2023 og 2022 fra de publiserte linjene (Note 8 for
  2023); endringen i mellomværendet og utbetalingene over konsernkontoen er regnet slik at
  kapitalkontoene summerer til 0.
- 2020 (for Del VII tabell 1, vekttallskostnaden de fire siste årene): regnskapet på kap. 0491
  post 01 og 21 er 251 758 046 = 141 953 × 1 773,531 (vekttallet 2020, se ``saker.formplan``),
  så kostnad per vekttall blir 141 953,00 (publisert 141 953 ± 0,5). Notelinjene er 2021-
  linjene skalert (sum +2,5 %; lønnsandel 74,6 % og konsulentandel 8,4 % av driftsutgiftene
  regnet som i Tabell 1, mot 74,5 % og 7,9 % i 2021), med mindre reiser og flere
  utstyrsinnkjøp (pandemiåret); nemndmøtene (232 mot 266 i 2021) gir lavere honorarer. Tildelingen henger sammen med 2021: overført til 2021 på post 01 er 13 585 000
  = 5 % av årets tildeling 271 700 000 (mindreforbruket, 28 453 954, er større enn 5 %), og
  post 21 har et lite merforbruk (112 640) som dekkes av post 01, så ingenting overføres der
  (``_overforing`` regner det og kontrolleres mot 2021). Mellomværendet 31.12.2020 summerer
  til ``MELLOMVAERENDE_2020_SUM`` (som 2021-endringen bygger på), og kapitalkontoene 2020
  summerer med netto rapportert til 0 som de andre årene. Årsverk for 2020 er ikke med
  (Tabell 11 viser 2021–2023).

Hva som ikke er kalibrert ennå
------------------------------
- 2021 utover Tabell 1 og hele 2020 utover summen post 01 + 21: fordelingen på notelinjer,
  felleskapitler, mellomværende, tildeling og innbetalinger er plausible anslag (ikke publisert
  i 2023-rapporten).
- Fordelingen innenfor en notelinje på flere kontoer (én konto per linje her), post 21-
  fordelingen utover summen, og Note 8 for 2021–2022 (leverandørgjeld er et anslag).
- Tabell 14 «Regnskap (sum post 01 og 21)» for 2021 (245 734 000) og 2023 (281 477 907, bare
  post 01) følger ikke av regnskapet: dataene gir 245 686 285 og 289 623 347 (se
  golden-filens ``inconsistencies``).
"""

from __future__ import annotations

import pandas as pd

from uttrekksgenerator.kalibrering import Mal

AR = (2020, 2021, 2022, 2023)  # regnskapet og tabellene rundt det
ARSVERK_AR = (2021, 2022, 2023)  # Tabell 11
RAPPORTAR = 2023
KAP = "0491"

ENHETER = {
    "Saksenhetene": "saksenhetene",
    "Nemndledere": "nemndledere",
    "Prosedyreenheten": "prosedyreenheten",
    "Øvrige UNE": "ovrige",
}


def _v(mal: Mal, figur: str, ar: int, standard=None) -> float:
    v = mal(figur, ar, standard)
    if v is None:
        raise KeyError(f"mangler publisert tall {figur} {ar}")
    return float(v)


def _kr(x: float) -> float:
    return round(float(x), 2)


# ---------------------------------------------------------------------------
# Årsverk
# ---------------------------------------------------------------------------


def lag_arsverk(mal: Mal) -> pd.DataFrame:
    """Gjennomsnittlige årsverk per enhet (Tabell 11)."""
    rader = [
        {"ar": ar, "enhet": enhet, "arsverk": _v(mal, f"arsverk.{q}", ar)}
        for ar in ARSVERK_AR
        for enhet, q in ENHETER.items()
    ]
    return pd.DataFrame(rader, columns=["ar", "enhet", "arsverk"])


# ---------------------------------------------------------------------------
# Tildeling og fullmakter
# ---------------------------------------------------------------------------

POSTTEKST = {"01": "Driftsutgifter", "21": "Spesielle driftsutgifter"}
STIKKORD = {"01": "kan nyttes under post 21", "21": "kan overføres, kan nyttes under post 01"}
# (overført fra i fjor, årets tildelinger) for årene før rapportåret
TILDELING_FOR = {
    2020: {"01": (3_112_000, 271_700_000), "21": (0, 5_400_000)},
    2021: {"01": (13_585_000, 243_180_000), "21": (0, 6_200_000)},
    2022: {"01": (12_078_000, 267_080_000), "21": (287_000, 6_294_000)},
}


def _tildeling(mal: Mal, ar: int) -> dict[str, tuple[float, float]]:
    if ar in TILDELING_FOR:
        return TILDELING_FOR[ar]
    return {
        p: (_v(mal, f"note_a.{KAP}.{p}.overfort", ar), _v(mal, f"note_a.{KAP}.{p}.arets_tildelinger", ar))
        for p in ("01", "21")
    }


def lag_tildeling(mal: Mal) -> pd.DataFrame:
    """Note A: tildelinger på kap. 0491 post 01 og 21."""
    rader = []
    for ar in AR:
        for post, (overfort, arets) in _tildeling(mal, ar).items():
            rader.append(
                {
                    "ar": ar,
                    "kapittel": KAP,
                    "post": post,
                    "posttekst": POSTTEKST[post],
                    "overfort_fra_i_fjor": _kr(overfort),
                    "arets_tildelinger": _kr(arets),
                    "stikkord": STIKKORD[post],
                }
            )
    df = pd.DataFrame(rader)
    for ar in AR:  # samlet tildeling = Tabell 1 (der den er publisert)
        if not mal.har("nokkeltall.samlet_tildeling", ar):
            continue
        samlet = df.loc[df["ar"] == ar, ["overfort_fra_i_fjor", "arets_tildelinger"]].to_numpy().sum()
        if abs(samlet - _v(mal, "nokkeltall.samlet_tildeling", ar)) > 0.5:
            raise ValueError(f"samlet tildeling {ar} stemmer ikke med Tabell 1")
    # 2020 → 2021 følger reglene for overføring (2021 → 2022 gjør ikke det på post 01: samlet
    # tildeling 2022 i Tabell 1 gir 12 078 000, 81 000 under 5 %-grensen)
    overfort = _overforing(df, lag_regnskap(mal), 2020)
    for post, (fra_i_fjor, _) in TILDELING_FOR[2021].items():
        if abs(overfort[post] - fra_i_fjor) > 0.5:
            raise ValueError(f"overført fra 2020 på post {post}: {overfort[post]}, ikke {fra_i_fjor}")
    return df


def _overforing(tildeling: pd.DataFrame, regnskap: pd.DataFrame, ar: int) -> dict[str, float]:
    """Det som overføres til året etter, per post: mindreforbruket (tildeling − regnskap)
    avrundet ned til hele tusen og høyst 5 % av årets tildeling. Et merforbruk på post 21
    dekkes av post 01 (som kan nyttes under post 21)."""
    rest = {}
    for post in ("01", "21"):
        t = tildeling.loc[(tildeling["ar"] == ar) & (tildeling["post"] == post)].iloc[0]
        brukt = regnskap.loc[
            (regnskap["ar"] == ar) & (regnskap["kapittel"] == KAP) & (regnskap["post"] == post), "belop"
        ].sum()
        rest[post] = (t["overfort_fra_i_fjor"] + t["arets_tildelinger"] - brukt, 0.05 * t["arets_tildelinger"])
    if rest["21"][0] < 0:
        rest = {"01": (rest["01"][0] + rest["21"][0], rest["01"][1]), "21": (0.0, rest["21"][1])}
    return {post: float(min(max(0.0, (m // 1000) * 1000), grense)) for post, (m, grense) in rest.items()}


def lag_fullmakter(mal: Mal) -> pd.DataFrame:
    """Note B: avgitte belastningsfullmakter m.m. (tomt maks_overforbart = 5 %-regelen)."""
    rader = []
    for ar in AR:
        for post in ("01", "21"):
            belastning = 0.0
            if ar == RAPPORTAR:
                belastning = -_v(mal, f"note_b.{KAP}.{post}.belastningsfullmakter", ar, 0)
            rader.append(
                {
                    "ar": ar,
                    "kapittel": KAP,
                    "post": post,
                    "avgitte_belastningsfullmakter": _kr(belastning),
                    "merinntekter": None,
                    "omdisponering": None,
                    "innsparinger": None,
                    "maks_overforbart": None,
                }
            )
    return pd.DataFrame(
        rader,
        columns=[
            "ar",
            "kapittel",
            "post",
            "avgitte_belastningsfullmakter",
            "merinntekter",
            "omdisponering",
            "innsparinger",
            "maks_overforbart",
        ],
    )


# ---------------------------------------------------------------------------
# Regnskap
# ---------------------------------------------------------------------------

# notelinje -> (artskonto, kontonavn)
KONTOER = {
    "note2.lonn": ("5000", "Lønn til ansatte"),
    "note2.arbeidsgiveravgift": ("5400", "Arbeidsgiveravgift"),
    "note2.pensjonsutgifter": ("5420", "Pensjonspremie til Statens pensjonskasse"),
    "note2.sykepenger_refusjoner": ("5800", "Refusjon av sykepenger og foreldrepenger"),
    "note2.andre_ytelser": ("5900", "Annen personalkostnad"),
    "note3.husleie": ("6300", "Leie lokaler"),
    "note3.vedlikehold_leide_lokaler": ("6600", "Reparasjon og vedlikehold av leide lokaler"),
    "note3.andre_utgifter_eiendom": ("6390", "Andre kostnader lokaler"),
    "note3.reparasjon_vedlikehold_maskiner": ("6620", "Reparasjon og vedlikehold av maskiner og utstyr"),
    "note3.mindre_utstyrsanskaffelser": ("6500", "Inventar og utstyr under aktiveringsgrensen"),
    "note3.leie_maskiner": ("6400", "Leie maskiner, inventar og lignende"),
    "note3.konsulenttjenester": ("6720", "Kjøp av konsulenttjenester"),
    "note3.andre_fremmede_tjenester": ("6790", "Kjøp av andre fremmede tjenester"),
    "note3.reiser_diett": ("7140", "Reiser og diett"),
    "note3.ovrige_driftsutgifter": ("7790", "Andre driftsutgifter"),
    "note4.renteinntekter": ("8050", "Renteinntekter"),
    "note4.renteutgifter": ("8150", "Renteutgifter"),
    "note5.immaterielle_eiendeler": ("1000", "Immaterielle eiendeler"),
    "note5.driftslosore": ("1200", "Driftsløsøre, inventar og verktøy"),
}
HONORAR = ("5092", "Honorarer til nemndmedlemmer")
NOTELINJER = [k for k in KONTOER]

# 2021: bare Tabell 1 er publisert; linjene er anslag som gir Tabell 1 eksakt
# (driftsutgifter 241 338 422, lønnsandel 74,5 %, konsulentandel 7,9 %, lønn per årsverk
# 952 948 uten honorarer, samlet utbetaling 245 686 285).
NOTER_2021 = {
    "note2.lonn": 147_338_433,
    "note2.arbeidsgiveravgift": 22_036_871,
    "note2.pensjonsutgifter": 14_912_000,
    "note2.sykepenger_refusjoner": -8_702_110,
    "note2.andre_ytelser": 4_211_930,
    "note3.husleie": 18_902_114,
    "note3.vedlikehold_leide_lokaler": 412_087,
    "note3.andre_utgifter_eiendom": 7_105_442,
    "note3.reparasjon_vedlikehold_maskiner": 388_265,
    "note3.mindre_utstyrsanskaffelser": 1_804_219,
    "note3.leie_maskiner": 3_590_118,
    "note3.konsulenttjenester": 19_065_735,
    "note3.andre_fremmede_tjenester": 4_511_090,
    "note3.reiser_diett": 512_330,
    "note3.ovrige_driftsutgifter": 5_249_898,
    "note4.renteinntekter": 0,
    "note4.renteutgifter": 0,
    "note5.immaterielle_eiendeler": 1_412_640,
    "note5.driftslosore": 2_935_223,
}
FELLES_2021 = {"gruppeliv": 268_417, "mva": 12_004_633, "tilfeldige": 150}

# 2020: ikke publisert i 2023-rapporten; 2021-linjene skalert, med mindre reiser og flere
# utstyrsinnkjøp (pandemiåret). Summen er 251 758 046 = 141 953 × 1 773,531 (Del VII tabell 1:
# kostnad per vekttall 141 953 med vekttallet 2020); driftsløsøre tar resten.
NOTER_2020 = {
    "note2.lonn": 151_204_512,
    "note2.arbeidsgiveravgift": 22_615_106,
    "note2.pensjonsutgifter": 15_380_000,
    "note2.sykepenger_refusjoner": -8_215_340,
    "note2.andre_ytelser": 3_902_115,
    "note3.husleie": 18_630_402,
    "note3.vedlikehold_leide_lokaler": 389_540,
    "note3.andre_utgifter_eiendom": 6_912_087,
    "note3.reparasjon_vedlikehold_maskiner": 402_110,
    "note3.mindre_utstyrsanskaffelser": 2_615_380,
    "note3.leie_maskiner": 3_471_205,
    "note3.konsulenttjenester": 20_812_664,
    "note3.andre_fremmede_tjenester": 4_380_226,
    "note3.reiser_diett": 298_140,
    "note3.ovrige_driftsutgifter": 5_102_733,
    "note4.renteinntekter": 0,
    "note4.renteutgifter": 0,
    "note5.immaterielle_eiendeler": 1_208_415,
    "note5.driftslosore": 2_648_751,
}
FELLES_2020 = {"gruppeliv": 259_830, "mva": 12_486_219, "tilfeldige": 85}
NOTER_FOR = {2020: NOTER_2020, 2021: NOTER_2021}
FELLES_FOR = {2020: FELLES_2020, 2021: FELLES_2021}

# Øre der rapporten avrunder linjene hver for seg (se golden «inconsistencies», siste punkt)
ORE = {
    (2023, "note2.arbeidsgiveravgift"): 0.2,
    (2023, "mva"): -0.2,
    (2023, "gruppeliv"): 0.3,
    (2023, "tilfeldige"): -0.4,
    (2022, "note3.husleie"): -0.2,
    (2022, "note3.andre_utgifter_eiendom"): -0.2,
    (2022, "note3.konsulenttjenester"): -0.2,
    (2022, "note3.andre_fremmede_tjenester"): -0.2,
    (2022, "note3.ovrige_driftsutgifter"): -0.2,
    (2022, "note5.immaterielle_eiendeler"): -0.2,
    (2022, "note5.driftslosore"): -0.1,
    (2022, "note4.renteutgifter"): -0.4,
}

# Post 21: regnskap (2022 = 2023 / 1,25: «økt med ca. 25 %», 2.3), fvl. § 36 (Del VII pkt. 7),
# reiser til nemndmøter; resten er tolk m.m. (andre fremmede tjenester)
# 2020: færre nemndmøter (232) og nesten ingen reiser til dem; honorarene er satt direkte
# (årsverk og lønn per årsverk for 2020 er ikke publisert), om lag som 2021 per nemndmøte
POST21 = {2020: 5_512_640, 2021: 5_912_480, 2022: 6_516_352}
SAKSKOSTNADER_36 = {2020: 1_964_870, 2021: 2_145_560, 2022: 2_810_785, 2023: 4_171_355}
REISER_NEMNDMOTER = {2020: 95_000, 2021: 310_000, 2022: 450_000, 2023: 620_000}
HONORAR_FOR = {2020: 2_071_480.0}


def _noter(mal: Mal, ar: int) -> dict[str, float]:
    if ar in NOTER_FOR:
        return {k: float(v) for k, v in NOTER_FOR[ar].items()}
    return {k: _v(mal, k, ar, 0) + ORE.get((ar, k), 0.0) for k in NOTELINJER}


def _felles(mal: Mal, ar: int) -> dict[str, float]:
    if ar in FELLES_FOR:
        return {k: float(v) for k, v in FELLES_FOR[ar].items()}
    return {
        "gruppeliv": _v(mal, "artskonto.gruppelivsforsikring_1985", ar) + ORE.get((ar, "gruppeliv"), 0.0),
        "mva": _v(mal, "artskonto.nettoforing_mva_1987", ar) + ORE.get((ar, "mva"), 0.0),
        "tilfeldige": _v(mal, "note6.tilfeldige_andre_inntekter", ar) + ORE.get((ar, "tilfeldige"), 0.0),
    }


def _honorar(mal: Mal, ar: int, lonn_sum: float) -> float:
    """Honorarer til nemndmedlemmer = lønn i alt − lønn per årsverk × årsverk (Tabell 1);
    satt direkte for år uten Tabell 1 (``HONORAR_FOR``)."""
    if ar in HONORAR_FOR:
        return HONORAR_FOR[ar]
    arsverk = sum(_v(mal, f"arsverk.{q}", ar) for q in ENHETER.values())
    return _kr(lonn_sum - _v(mal, "nokkeltall.lonn_per_arsverk", ar) * arsverk)


def lag_regnskap(mal: Mal) -> pd.DataFrame:
    """Beløp rapportert til statsregnskapet per konto, kapittel og post."""
    rader = []

    def rad(ar, konto, navn, kap, post, belop):
        if abs(belop) >= 0.005:
            rader.append(
                {"ar": ar, "artskonto": konto, "kontonavn": navn, "kapittel": kap, "post": post, "belop": _kr(belop)}
            )

    for ar in AR:
        n = _noter(mal, ar)
        f = _felles(mal, ar)
        lonn_sum = sum(v for k, v in n.items() if k.startswith("note2."))
        honorar = _honorar(mal, ar, lonn_sum)
        post21 = POST21.get(ar) or _v(mal, f"bevilgning.{KAP}.21.regnskap", ar)
        tolk = post21 - honorar - SAKSKOSTNADER_36[ar] - REISER_NEMNDMOTER[ar]
        pa_post21 = {
            "note3.andre_fremmede_tjenester": tolk,
            "note3.reiser_diett": REISER_NEMNDMOTER[ar],
            "note3.ovrige_driftsutgifter": SAKSKOSTNADER_36[ar],
        }
        if min(tolk, honorar) < 0:
            raise ValueError(f"post 21 {ar} går ikke opp")
        for linje, belop in n.items():
            konto, navn = KONTOER[linje]
            if linje == "note2.lonn":
                rad(ar, konto, navn, KAP, "01", belop - honorar)
                rad(ar, *HONORAR, KAP, "21", honorar)
                continue
            del21 = pa_post21.get(linje, 0.0)
            if del21 > 0 and del21 > belop:
                raise ValueError(f"{linje} {ar}: post 21-delen er større enn linjen")
            rad(ar, konto, navn, KAP, "01", belop - del21)
            rad(ar, konto, navn, KAP, "21", del21)
        # felleskapitler og innkrevingsvirksomhet (innbetalinger negative)
        rad(ar, "1987", "Nettoføringsordning for merverdiavgift", "1633", "01", f["mva"])
        rad(ar, "1985", "Gruppelivsforsikring", "5309", "29", -f["gruppeliv"])
        rad(ar, "530929", "Tilfeldige og andre inntekter", "5309", "29", -f["tilfeldige"])
        rad(ar, "1986", "Arbeidsgiveravgift", "5700", "72", -n["note2.arbeidsgiveravgift"])
    return pd.DataFrame(rader, columns=["ar", "artskonto", "kontonavn", "kapittel", "post", "belop"])


# ---------------------------------------------------------------------------
# Mellomværende og kapitalkontoer
# ---------------------------------------------------------------------------

OMLOP, KORTSIKTIG = "Omløpsmidler", "Kortsiktig gjeld"
FINANSIELLE, LANGSIKTIG = "Finansielle anleggsmidler", "Langsiktig gjeld"

# linje, gruppe, figur-id (mellomvaerende.X) eller None
LINJER = [
    ("Investeringer i aksjer og andeler", FINANSIELLE, None),
    ("Obligasjoner", FINANSIELLE, None),
    ("Kundefordringer", OMLOP, None),
    ("Fordringer på ansatte", OMLOP, "fordringer_ansatte"),
    ("Kontanter", OMLOP, "kontanter"),
    ("Bankkontoer med statlige midler utenfor Norges Bank", OMLOP, "bankkontoer_utenfor_norges_bank"),
    ("Annen langsiktig gjeld", LANGSIKTIG, None),
    ("Leverandørgjeld", KORTSIKTIG, None),
    ("Skyldig skattetrekk og andre trekk", KORTSIKTIG, "skyldig_skattetrekk"),
    ("Skyldige offentlige avgifter", KORTSIKTIG, "skyldige_offentlige_avgifter"),
    ("Avsatt pensjonspremie til Statens pensjonskasse", KORTSIKTIG, "avsatt_pensjonspremie"),
    ("Mottatte forskuddsbetalinger", KORTSIKTIG, "mottatte_forskuddsbetalinger"),
    ("Lønn (negativ netto, for mye utbetalt lønn m.m.)", KORTSIKTIG, "lonn_negativ_netto"),
    ("Differanser på bank og uidentifiserte innbetalinger", KORTSIKTIG, "differanser_bank"),
]
MELLOMVAERENDE_FOR = {
    # 2020: summerer til MELLOMVAERENDE_2020_SUM
    2020: {
        "fordringer_ansatte": 142_870,
        "skyldig_skattetrekk": -7_104_118,
        "skyldige_offentlige_avgifter": -8_912,
        "avsatt_pensjonspremie": -3_936_540,
        "lonn_negativ_netto": 1_178,
    },
    2021: {
        "fordringer_ansatte": 160_220,
        "skyldig_skattetrekk": -7_412_305,
        "skyldige_offentlige_avgifter": -9_874,
        "avsatt_pensjonspremie": -4_102_338,
        "lonn_negativ_netto": 980,
    },
}
MELLOMVAERENDE_2019_SUM = -10_284_917.0
MELLOMVAERENDE_2020_SUM = -10_905_522.0
LEVERANDORGJELD_BOKFORT = {2020: -431_205.0, 2021: -512_330.0, 2022: -688_140.0}
# øre i rapportert mellomværende (linjene avrundes hver for seg; se golden «inconsistencies»)
ORE_MELLOMVAERENDE = {
    (2022, "fordringer_ansatte"): -0.2,
    (2022, "skyldig_skattetrekk"): -0.2,
    (2022, "skyldige_offentlige_avgifter"): -0.2,
    (2022, "avsatt_pensjonspremie"): -0.2,
    (2022, "lonn_negativ_netto"): -0.2,
    (2023, "skyldige_offentlige_avgifter"): -0.3,
    (2023, "avsatt_pensjonspremie"): 0.1,
}
# bokført − rapportert i Note 8 (2023): offentlige avgifter −70, leverandørgjeld −739 891
ORE_BOKFORT_2023 = {"skyldige_offentlige_avgifter": 0.4, "leverandorgjeld": 0.3}
# innbetalinger over konsernkontoen i Norges Bank (60048801)
INNBETALINGER = {2020: 9_106_482.0, 2021: 9_418_004.0, 2022: 9_952_118.0}
ORE_INNBETALINGER_2023 = -0.4


def lag_mellomvaerende(mal: Mal) -> pd.DataFrame:
    """Mellomværende med statskassen 31.12 (oversikten og Note 8)."""
    rader = []
    for ar in AR:
        for linje, gruppe, q in LINJER:
            if q is None:
                rapportert = 0.0
            elif ar in MELLOMVAERENDE_FOR:
                rapportert = float(MELLOMVAERENDE_FOR[ar].get(q, 0))
            else:
                rapportert = _v(mal, f"mellomvaerende.{q}", ar, 0) + ORE_MELLOMVAERENDE.get((ar, q), 0.0)
            bokfort = rapportert
            if linje == "Leverandørgjeld":
                bokfort = (
                    LEVERANDORGJELD_BOKFORT[ar]
                    if ar in LEVERANDORGJELD_BOKFORT
                    else _v(mal, "note8.leverandorgjeld.bokfort", ar) + ORE_BOKFORT_2023["leverandorgjeld"]
                )
            elif ar == RAPPORTAR and q == "skyldige_offentlige_avgifter":
                bokfort = (
                    _v(mal, "note8.skyldige_offentlige_avgifter.bokfort", ar)
                    + ORE_BOKFORT_2023["skyldige_offentlige_avgifter"]
                )
            rader.append(
                {"ar": ar, "linje": linje, "gruppe": gruppe, "bokfort": _kr(bokfort), "rapportert": _kr(rapportert)}
            )
    return pd.DataFrame(rader, columns=["ar", "linje", "gruppe", "bokfort", "rapportert"])


def lag_kapitalkontoer(mal: Mal) -> pd.DataFrame:
    """Kapitalkontoene: innbetalinger, utbetalinger og endring i mellomværendet.

    Endringen er årets mellomværende minus fjorårets; utbetalingene er regnet slik at
    netto rapportert + kapitalkontoene = 0.
    """
    regnskap = lag_regnskap(mal)
    mv = lag_mellomvaerende(mal).groupby("ar")["rapportert"].sum()
    if mv[2020] != MELLOMVAERENDE_2020_SUM:
        raise ValueError(f"mellomværendet 31.12.2020 summerer til {mv[2020]}, ikke {MELLOMVAERENDE_2020_SUM}")
    forrige = MELLOMVAERENDE_2019_SUM
    rader = []
    for ar in AR:
        netto = regnskap.loc[regnskap["ar"] == ar, "belop"].sum()
        endring = _kr(mv[ar] - forrige)
        forrige = mv[ar]
        if ar in INNBETALINGER:
            inn = INNBETALINGER[ar]
        else:
            inn = _v(mal, "kapitalkonto.60048801", ar) + ORE_INNBETALINGER_2023
        ut = _kr(-(netto + inn + endring))
        rader += [
            {"ar": ar, "konto": "60048801", "tekst": "Norges Bank KK/innbetalinger", "belop": _kr(inn)},
            {"ar": ar, "konto": "60048802", "tekst": "Norges Bank KK/utbetalinger", "belop": ut},
            {"ar": ar, "konto": "705011", "tekst": "Endring i mellomværende med statskassen", "belop": endring},
        ]
    return pd.DataFrame(rader, columns=["ar", "konto", "tekst", "belop"])
