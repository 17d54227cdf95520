"""Referansetabellene som følger med prosjektet: ``vekttall``, ``styringsparametere``,
``kpi`` og ``kontoplan`` (datakontrakten, «Reference tables»).

- ``vekttall``: Tabell 13 (tildelingsbrevet 2023 pkt. 8.2), fra golden ``vekt.*``. Rapporten
  sammenligner vekttall 2020–2023 (Tabell 14, Del VII tabell 1) uten å si at vektene er endret,
  så vektene gjelder 2020–2023.
- ``styringsparametere``: SP1–SP3 for 2023 fra golden (``sp1.grense_dager``, ``sp1.mal_andel``,
  ``sp2.mal_reduksjon``, ``sp3.grense_dager``, ``sp3.mal_andel``). 2023-rapporten oppgir ikke
  kravene for 2021 og 2022; radene for de årene bruker 2023-verdiene (en forutsetning, merket
  i ``KILDE``).
- ``kpi``: Statistisk sentralbyrås årsgjennomsnitt (2015 = 100), tabell 03014. Endringene
  2021→2022 (5,8 %) og 2022→2023 (5,5 %) stemmer med fotnote 10 i 3.2.13 (golden
  ``kpi.endring``). NB: 2023 er 129,6, ikke 130,0 (130,0 ville gitt 5,9 %).
- ``kontoplan``: kontointervaller i standard kontoplan for statlige virksomheter til linjene
  i artskontorapporteringen og Note 1–7 (en første, plausibel fordeling). Konto 5092
  (honorarer til nemndmedlemmer) er merket ``utenfor_lonn_per_arsverk``: Tabell 1 holder
  honorarene utenfor «lønn og sosiale utgifter per årsverk» (fotnoten til tabellen).
"""

from __future__ import annotations

import pandas as pd

from uttrekksgenerator.kalibrering import Mal

# ---------------------------------------------------------------------------
# Vekttall
# ---------------------------------------------------------------------------

FORMER = {"Stornemnd": "stornemnd", "NMP": "nmp", "NUP": "nup", "NL": "nl", "SEK": "sek"}
KATEGORIER = {"Asyl": "asylsaker", "Opphold": "oppholdssaker"}
VEKTTALL_AR = (2020, 2023)


def lag_vekttall(mal: Mal) -> pd.DataFrame:
    """Vekt per kategori og avgjørelsesform (Tabell 13)."""
    rader = []
    for kategori, k in KATEGORIER.items():
        for form, f in FORMER.items():
            vekt = mal(f"vekt.{k}.form.{f}", 2023)
            if vekt is None:
                raise KeyError(f"mangler vekt.{k}.form.{f}")
            rader.append(
                {
                    "ar_fra": VEKTTALL_AR[0],
                    "ar_til": VEKTTALL_AR[1],
                    "kategori": kategori,
                    "avgjorelsesform": form,
                    "vekt": float(vekt),
                }
            )
    return pd.DataFrame(rader, columns=["ar_fra", "ar_til", "kategori", "avgjorelsesform", "vekt"])


# ---------------------------------------------------------------------------
# Styringsparametere
# ---------------------------------------------------------------------------

POPULASJON = {
    "SP1": "Asyl, klage",
    "SP2": "Oppholdssaker, klage",
    "SP3": "Utvisning, klage",
}
STYRING_AR = (2021, 2022, 2023)
KILDE = {
    2023: "Tildelingsbrevet 2023 (Tabell 5, 7 og 9 i årsrapporten)",
    2022: "Forutsetning: som 2023 (ikke oppgitt i årsrapporten for 2023)",
    2021: "Forutsetning: som 2023 (ikke oppgitt i årsrapporten for 2023)",
}


def lag_styringsparametere(mal: Mal) -> pd.DataFrame:
    """Årets styringsparametere SP1–SP3 (grense i dager, målandel, målt reduksjon)."""

    def tall(figur: str, standard):
        v = mal(figur, 2023, standard)
        return None if v is None else v

    sp = {
        "SP1": {
            "grense_dager": tall("sp1.grense_dager", 120),
            "mal_andel": tall("sp1.mal_andel", 0.7),
            "mal_reduksjon": None,
        },
        "SP2": {"grense_dager": None, "mal_andel": None, "mal_reduksjon": tall("sp2.mal_reduksjon", 200)},
        "SP3": {
            "grense_dager": tall("sp3.grense_dager", 150),
            "mal_andel": tall("sp3.mal_andel", 0.7),
            "mal_reduksjon": None,
        },
    }
    rader = []
    for ar in STYRING_AR:
        for kode, v in sp.items():
            rader.append(
                {
                    "ar": ar,
                    "kode": kode,
                    "populasjon": POPULASJON[kode],
                    "grense_dager": None if v["grense_dager"] is None else int(v["grense_dager"]),
                    "mal_andel": None if v["mal_andel"] is None else float(v["mal_andel"]),
                    "mal_reduksjon": None if v["mal_reduksjon"] is None else int(v["mal_reduksjon"]),
                }
            )
    df = pd.DataFrame(rader, columns=["ar", "kode", "populasjon", "grense_dager", "mal_andel", "mal_reduksjon"])
    df["grense_dager"] = df["grense_dager"].astype("Int64")
    df["mal_reduksjon"] = df["mal_reduksjon"].astype("Int64")
    return df


# ---------------------------------------------------------------------------
# KPI
# ---------------------------------------------------------------------------

# SSB tabell 03014, konsumprisindeks, årsgjennomsnitt, 2015 = 100
KPI = {
    2015: 100.0,
    2016: 103.6,
    2017: 105.5,
    2018: 108.4,
    2019: 110.8,
    2020: 112.2,
    2021: 116.1,
    2022: 122.8,
    2023: 129.6,
}


def lag_kpi(mal: Mal) -> pd.DataFrame:
    """Konsumprisindeksen; kontrollerer endringene mot ``kpi.endring`` i de publiserte tallene."""
    for (figur, ar), v in mal.alle("kpi.endring").items():
        if figur != "kpi.endring" or ar - 1 not in KPI or ar not in KPI:
            continue
        endring = KPI[ar] / KPI[ar - 1] - 1
        if abs(endring - v) > 0.0005:
            raise ValueError(f"KPI {ar - 1}→{ar}: {endring:.4f}, publisert {v}")
    return pd.DataFrame({"ar": list(KPI), "indeks": list(KPI.values())})


# ---------------------------------------------------------------------------
# Kontoplan
# ---------------------------------------------------------------------------

# (fra, til, linje i artskontorapporteringen, note, linje i noten[, utenfor lønn per årsverk])
KONTOPLAN = [
    ("1000", "1099", "utbetaling_investeringer", 5, "immaterielle_eiendeler"),
    ("1100", "1299", "utbetaling_investeringer", 5, "driftslosore"),
    ("1300", "1349", "utbetaling_kjop_aksjer", 5, "kapitalinnskudd"),
    ("1350", "1379", "utbetaling_kjop_aksjer", 5, "obligasjoner"),
    ("1380", "1399", "utbetaling_kjop_aksjer", 5, "aksjer_andeler"),
    ("1985", "1985", "gruppelivsforsikring_1985", None, None),
    ("1986", "1986", "arbeidsgiveravgift_1986", None, None),
    ("1987", "1987", "nettoforing_mva_1987", None, None),
    ("3000", "3199", "salgs_og_leieinnbetalinger", 1, "salgs_og_leieinnbetalinger"),
    ("3200", "3299", "innbetalinger_gebyrer", 1, "innbetalinger_gebyrer"),
    ("3300", "3499", "innbetalinger_tilskudd_overforinger", 1, "innbetalinger_tilskudd_overforinger"),
    ("3500", "3999", "andre_innbetalinger", 1, "andre_innbetalinger"),
    ("5000", "5089", "utbetalinger_lonn", 2, "lonn"),
    ("5090", "5091", "utbetalinger_lonn", 2, "lonn"),
    # honorarer til nemndmedlemmer: lønn i Note 2, men ikke med i «lønn per årsverk» (Tabell 1)
    ("5092", "5092", "utbetalinger_lonn", 2, "lonn", True),
    ("5093", "5099", "utbetalinger_lonn", 2, "lonn"),
    ("5100", "5399", "utbetalinger_lonn", 2, "lonn"),
    ("5400", "5419", "utbetalinger_lonn", 2, "arbeidsgiveravgift"),
    ("5420", "5499", "utbetalinger_lonn", 2, "pensjonsutgifter"),
    ("5500", "5799", "utbetalinger_lonn", 2, "andre_ytelser"),
    ("5800", "5899", "utbetalinger_lonn", 2, "sykepenger_refusjoner"),
    ("5900", "5999", "utbetalinger_lonn", 2, "andre_ytelser"),
    ("6000", "6199", "andre_utbetalinger_drift", 3, "ovrige_driftsutgifter"),
    ("6200", "6299", "andre_utbetalinger_drift", 3, "andre_utgifter_eiendom"),
    ("6300", "6319", "andre_utbetalinger_drift", 3, "husleie"),
    ("6320", "6399", "andre_utbetalinger_drift", 3, "andre_utgifter_eiendom"),
    ("6400", "6499", "andre_utbetalinger_drift", 3, "leie_maskiner"),
    ("6500", "6599", "andre_utbetalinger_drift", 3, "mindre_utstyrsanskaffelser"),
    ("6600", "6619", "andre_utbetalinger_drift", 3, "vedlikehold_leide_lokaler"),
    ("6620", "6699", "andre_utbetalinger_drift", 3, "reparasjon_vedlikehold_maskiner"),
    ("6700", "6719", "andre_utbetalinger_drift", 3, "andre_fremmede_tjenester"),
    ("6720", "6729", "andre_utbetalinger_drift", 3, "konsulenttjenester"),
    ("6730", "6799", "andre_utbetalinger_drift", 3, "andre_fremmede_tjenester"),
    ("6800", "7099", "andre_utbetalinger_drift", 3, "ovrige_driftsutgifter"),
    ("7100", "7199", "andre_utbetalinger_drift", 3, "reiser_diett"),
    ("7200", "7999", "andre_utbetalinger_drift", 3, "ovrige_driftsutgifter"),
    ("8000", "8049", "innbetaling_finansinntekter", 4, "annen_finansinntekt"),
    ("8050", "8059", "innbetaling_finansinntekter", 4, "renteinntekter"),
    ("8060", "8069", "innbetaling_finansinntekter", 4, "valutagevinst"),
    ("8070", "8099", "innbetaling_finansinntekter", 4, "annen_finansinntekt"),
    ("8100", "8149", "utbetaling_finansutgifter", 4, "annen_finansutgift"),
    ("8150", "8159", "utbetaling_finansutgifter", 4, "renteutgifter"),
    ("8160", "8169", "utbetaling_finansutgifter", 4, "valutatap"),
    ("8170", "8199", "utbetaling_finansutgifter", 4, "annen_finansutgift"),
    ("8500", "8599", "utbetalinger_tilskudd_stonader", 7, "tilskudd_stonader"),
    # statskonto for innkrevingsvirksomhet (kap. 5309 post 29)
    ("530900", "530999", "innbetaling_skatter_avgifter_gebyrer", 6, "tilfeldige_andre_inntekter"),
]


def lag_kontoplan() -> pd.DataFrame:
    """Kontointervaller til oppstillings- og notelinjer."""
    rader = [(*r[:5], r[5] if len(r) > 5 else False) for r in KONTOPLAN]
    df = pd.DataFrame(
        rader,
        columns=[
            "artskonto_fra",
            "artskonto_til",
            "oppstilling_linje",
            "note",
            "note_linje",
            "utenfor_lonn_per_arsverk",
        ],
    )
    df["note"] = df["note"].astype("Int64")
    df["note_linje"] = df["note_linje"].astype(object).where(df["note_linje"].notna(), None)
    return df


# ---------------------------------------------------------------------------
# Pensjonspremie (SPK)
# ---------------------------------------------------------------------------

# Premiesatsen for arbeidsgiverandelen i Statens pensjonskasse, slik SPK oppgir den;
# 2021 er ikke publisert i 2023-rapporten (et anslag).
PREMIESATS_2021 = 0.091


def lag_pensjonspremie(mal: Mal) -> pd.DataFrame:
    """Arbeidsgiverandelen av pensjonspremien (fotnoten til Note 2)."""
    rader = [{"ar": 2021, "premiesats_arbeidsgiver": PREMIESATS_2021}]
    for ar in (2022, 2023):
        v = mal("note2.premiesats_arbeidsgiverandel", ar)
        if v is None:
            raise KeyError(f"mangler publisert premiesats {ar}")
        rader.append({"ar": ar, "premiesats_arbeidsgiver": float(v)})
    return pd.DataFrame(rader, columns=["ar", "premiesats_arbeidsgiver"])
