"""Enhetstester for ``arsrapport.regnskap`` (del VI og Tabell 1) på små håndlagde tabeller.

Hvert forventet tall er regnet ut for hånd; regnestykket står i kommentaren ved siden av.
Fortegn i ``regnskap.belop``: utbetalinger positive, innbetalinger negative.

Uttrekket under (``UTTREKK``) har regnskap for 2022 og 2023, men ikke for 2021 (2021 har bare
tildeling, som Note B trenger for «kan overføres»-posten 45 i 2022). Det går opp: kapital-
kontoene summerer til minus netto rapportert, og endringen i mellomværendet stemmer.

Regnskapet 2023 (kapittel/post, beløp):

====== ========================== ========= =======
konto  tekst                       kap/post  beløp
====== ========================== ========= =======
5000   Lønn                        0491 01    600,00
5092   Honorarer nemndmedlemmer    0491 21    100,00   (utenfor lønn per årsverk)
5400   Arbeidsgiveravgift          0491 01     90,00
5800   Sykepengerefusjon           0491 01    −40,00
6300   Husleie                     0491 01    150,00
6720   Konsulenter                 0491 21     50,50
7100   Reiser                      0491 01     25,00
3000   Salg                        3491 01    −20,00
8050   Renteinntekt                0491 01     −1,50
8150   Renteutgift                 0491 01      2,00
1200   Driftsløsøre                0491 45    300,00
1985   Gruppeliv                   5309 29    −10,00
1986   Arbeidsgiveravgift          5700 72    −30,00
1987   Mva                         1633 01    100,00
530929 Tilfeldige inntekter        5309 29     −5,00
====== ========================== ========= =======

- 0491 01: 600 + 90 − 40 + 150 + 25 − 1,50 + 2 = 825,50; 0491 21: 100 + 50,50 = 150,50;
  0491 45: 300; 1633 01: 100 → sum utgiftsført 825,50 + 150,50 + 300 + 100 = 1 376
- 3491 01: 20; 5309 29: 10 + 5 = 15; 5700 72: 30 → sum inntektsført 65
- netto rapportert 1 376 − 65 = 1 311 (= summen av alle beløpene)

Regnskapet 2022: 5000 lønn 500 (0491 01), 5092 honorarer 60 (0491 21), 6720 konsulenter 40
(0491 01), 1987 mva 50 (1633 01) → netto rapportert 500 + 60 + 40 + 50 = 650.
"""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace

import pandas as pd
import pytest

from arsrapport import regnskap as rg
from arsrapport.presentasjon.formatering import prosent, tall
from arsrapport.regnskap.bevilgning import _kan_nyttes_under

AR = 2023

# ---------------------------------------------------------------------------------------
# Det håndlagde uttrekket
# ---------------------------------------------------------------------------------------

KONTOPLAN = pd.DataFrame(
    [
        ("1200", "1299", "utbetaling_investeringer", "5", "driftslosore", False),
        ("1985", "1985", "gruppelivsforsikring_1985", None, None, False),
        ("1986", "1986", "arbeidsgiveravgift_1986", None, None, False),
        ("1987", "1987", "nettoforing_mva_1987", None, None, False),
        ("3000", "3199", "salgs_og_leieinnbetalinger", "1", "salgs_og_leieinnbetalinger", False),
        ("5000", "5091", "utbetalinger_lonn", "2", "lonn", False),
        ("5092", "5092", "utbetalinger_lonn", "2", "lonn", True),
        # 4-sifret intervall som 530929 ligger i som tekst ("5093" ≤ "530929" ≤ "5399")
        ("5093", "5399", "utbetalinger_lonn", "2", "lonn", False),
        ("5400", "5419", "utbetalinger_lonn", "2", "arbeidsgiveravgift", False),
        ("5800", "5899", "utbetalinger_lonn", "2", "sykepenger_refusjoner", False),
        ("6300", "6319", "andre_utbetalinger_drift", "3", "husleie", False),
        ("6720", "6729", "andre_utbetalinger_drift", "3", "konsulenttjenester", False),
        ("7100", "7199", "andre_utbetalinger_drift", "3", "reiser_diett", False),
        ("8050", "8059", "innbetaling_finansinntekter", "4", "renteinntekter", False),
        ("8150", "8159", "utbetaling_finansutgifter", "4", "renteutgifter", False),
        ("530900", "530999", "innbetaling_skatter_avgifter_gebyrer", "6", "tilfeldige_andre_inntekter", False),
    ],
    columns=["artskonto_fra", "artskonto_til", "oppstilling_linje", "note", "note_linje", "utenfor_lonn_per_arsverk"],
)

REGNSKAPSKOLONNER = ["ar", "artskonto", "kontonavn", "kapittel", "post", "belop"]


def lag_regnskap(*rader: tuple) -> pd.DataFrame:
    return pd.DataFrame(list(rader), columns=REGNSKAPSKOLONNER)


REGNSKAP = lag_regnskap(
    (2023, "5000", "Lønn", "0491", "01", 600.0),
    (2023, "5092", "Honorarer nemndmedlemmer", "0491", "21", 100.0),
    (2023, "5400", "Arbeidsgiveravgift", "0491", "01", 90.0),
    (2023, "5800", "Sykepengerefusjon", "0491", "01", -40.0),
    (2023, "6300", "Husleie", "0491", "01", 150.0),
    (2023, "6720", "Konsulenter", "0491", "21", 50.5),
    (2023, "7100", "Reiser", "0491", "01", 25.0),
    (2023, "3000", "Salg", "3491", "01", -20.0),
    (2023, "8050", "Renteinntekt", "0491", "01", -1.5),
    (2023, "8150", "Renteutgift", "0491", "01", 2.0),
    (2023, "1200", "Driftsløsøre", "0491", "45", 300.0),
    (2023, "1985", "Gruppeliv", "5309", "29", -10.0),
    (2023, "1986", "Arbeidsgiveravgift", "5700", "72", -30.0),
    (2023, "1987", "Mva", "1633", "01", 100.0),
    (2023, "530929", "Tilfeldige inntekter", "5309", "29", -5.0),
    (2022, "5000", "Lønn", "0491", "01", 500.0),
    (2022, "5092", "Honorarer nemndmedlemmer", "0491", "21", 60.0),
    (2022, "6720", "Konsulenter", "0491", "01", 40.0),
    (2022, "1987", "Mva", "1633", "01", 50.0),
)

TILDELINGSKOLONNER = ["ar", "kapittel", "post", "posttekst", "overfort_fra_i_fjor", "arets_tildelinger", "stikkord"]


def lag_tildeling(*rader: tuple) -> pd.DataFrame:
    return pd.DataFrame(list(rader), columns=TILDELINGSKOLONNER)


TILDELING = lag_tildeling(
    (2023, "0491", "01", "Driftsutgifter", 40.0, 900.0, "kan nyttes under post 21"),  # samlet 940
    (2023, "0491", "21", "Spesielle driftsutgifter", 0.0, 100.0, "kan overføres, kan nyttes under post 01"),  # 100
    (2023, "0491", "45", "Større utstyrsanskaffelser", 50.0, 200.0, "kan overføres"),  # 250
    (2022, "0491", "01", "Driftsutgifter", 0.0, 700.0, "kan nyttes under post 21"),
    (2022, "0491", "21", "Spesielle driftsutgifter", 0.0, 100.0, "kan overføres, kan nyttes under post 01"),
    (2022, "0491", "45", "Større utstyrsanskaffelser", 0.0, 150.0, "kan overføres"),
    (2021, "0491", "01", "Driftsutgifter", 0.0, 600.0, "kan nyttes under post 21"),
    (2021, "0491", "21", "Spesielle driftsutgifter", 0.0, 100.0, "kan overføres, kan nyttes under post 01"),
    (2021, "0491", "45", "Større utstyrsanskaffelser", 0.0, 120.0, "kan overføres"),
)

FULLMAKTSKOLONNER = [
    "ar",
    "kapittel",
    "post",
    "avgitte_belastningsfullmakter",
    "merinntekter",
    "omdisponering",
    "innsparinger",
    "maks_overforbart",
]


def lag_fullmakter(*rader: tuple) -> pd.DataFrame:
    df = pd.DataFrame(list(rader), columns=FULLMAKTSKOLONNER)
    for k in FULLMAKTSKOLONNER[3:]:
        df[k] = df[k].astype(float)
    return df


FULLMAKTER = lag_fullmakter(
    (2023, "0491", "01", 4.0, None, None, None, None),
    (2023, "0491", "21", 0.0, None, None, None, None),
)

KAPITALKONTOER = pd.DataFrame(
    [
        (2023, "60048801", "Norges Bank KK/innbetalinger", 65.0),
        (2023, "60048802", "Norges Bank KK/utbetalinger", -1301.2),
        (2023, "705011", "Endring i mellomværende med statskassen", -74.8),
        # 65 − 1 301,20 − 74,80 = −1 311 = −netto rapportert
        (2022, "60048802", "Norges Bank KK/utbetalinger", -620.0),
        (2022, "705011", "Endring i mellomværende med statskassen", -30.0),
        # −620 − 30 = −650 = −netto rapportert (2021 har ikke mellomværende: endringen kontrolleres ikke)
    ],
    columns=["ar", "konto", "tekst", "belop"],
)

MELLOMVAERENDE = pd.DataFrame(
    [
        (2023, "Fordringer på ansatte", "Omløpsmidler", 20.0, 20.0),
        (2023, "Leverandørgjeld", "Kortsiktig gjeld", -80.0, 0.0),
        (2023, "Skyldig skattetrekk og andre trekk", "Kortsiktig gjeld", -250.0, -250.0),
        (2023, "Skyldige offentlige avgifter", "Kortsiktig gjeld", -14.9, -14.8),
        # rapportert 2023: 20 − 250 − 14,80 = −244,80; bokført 20 − 80 − 250 − 14,90 = −324,90
        (2022, "Fordringer på ansatte", "Omløpsmidler", 30.0, 30.0),
        (2022, "Leverandørgjeld", "Kortsiktig gjeld", -70.0, 0.0),
        (2022, "Skyldig skattetrekk", "Kortsiktig gjeld", -200.0, -200.0),
        # rapportert 2022: 30 − 200 = −170 → endring −244,80 − (−170) = −74,80
    ],
    columns=["ar", "linje", "gruppe", "bokfort", "rapportert"],
)

ARSVERK = pd.DataFrame(
    {
        "ar": [2023, 2023, 2022],
        "enhet": ["Saksenhetene", "Øvrige UNE", "Saksenhetene"],
        "arsverk": [1.5, 0.5, 2.5],  # 2023: 2,0; 2022: 2,5
    }
)
PENSJONSPREMIE = pd.DataFrame({"ar": [2022, 2023], "premiesats_arbeidsgiver": [0.093, 0.096]})


def lag_uttrekk(**erstatt) -> SimpleNamespace:
    tabeller = dict(
        regnskap=REGNSKAP,
        kontoplan=KONTOPLAN,
        tildeling=TILDELING,
        fullmakter=FULLMAKTER,
        kapitalkontoer=KAPITALKONTOER,
        mellomvaerende=MELLOMVAERENDE,
        arsverk=ARSVERK,
        pensjonspremie=PENSJONSPREMIE,
    )
    tabeller.update(erstatt)
    return SimpleNamespace(**{k: v.copy() for k, v in tabeller.items()})


UTTREKK = lag_uttrekk()


def med_kapitalkonto(ar: int, konto: str, belop: float) -> pd.DataFrame:
    """Kapitalkontoene med ett beløp byttet ut."""
    k = KAPITALKONTOER.copy()
    k.loc[(k["ar"] == ar) & (k["konto"] == konto), "belop"] = belop
    return k


@pytest.fixture(scope="module")
def r2023() -> rg.Arsregnskap:
    return rg.arsregnskap(UTTREKK, AR)


@pytest.fixture(scope="module")
def linjer() -> pd.DataFrame:
    return rg.med_linjer(REGNSKAP, KONTOPLAN)


# ---------------------------------------------------------------------------------------
# Kontoplanen: konto → linje
# ---------------------------------------------------------------------------------------


def test_hver_konto_far_linje_note_og_flagg_fra_kontoplanen(linjer):
    rad = linjer.set_index(["ar", "artskonto"])
    assert rad.loc[(2023, "5400"), "oppstilling_linje"] == "utbetalinger_lonn"
    assert rad.loc[(2023, "5400"), "note"] == 2 and rad.loc[(2023, "5400"), "note_linje"] == "arbeidsgiveravgift"
    assert rad.loc[(2023, "6720"), "note_linje"] == "konsulenttjenester"
    # felleskapitlene har ingen note
    assert pd.isna(rad.loc[(2023, "1987"), "note"])
    assert rad.loc[(2023, "1987"), "oppstilling_linje"] == "nettoforing_mva_1987"
    # bare 5092 er merket utenfor lønn per årsverk
    assert rad.loc[(2023, "5092"), "utenfor_lonn_per_arsverk"]
    assert not rad.loc[(2023, "5000"), "utenfor_lonn_per_arsverk"]
    assert linjer["utenfor_lonn_per_arsverk"].sum() == 2  # 5092 i 2022 og 2023
    assert len(linjer) == len(REGNSKAP)


def test_kontoplan_uten_flaggkolonne_gir_ingen_kontoer_utenfor():
    ut = rg.med_linjer(REGNSKAP, KONTOPLAN.drop(columns="utenfor_lonn_per_arsverk"))
    assert not ut["utenfor_lonn_per_arsverk"].any()


def test_konto_uten_intervall_gir_feil_med_konto_og_ar():
    r = pd.concat([REGNSKAP, lag_regnskap((2022, "9999", "Ukjent", "0491", "01", 1.0))], ignore_index=True)
    with pytest.raises(rg.Regnskapsfeil) as e:
        rg.med_linjer(r, KONTOPLAN)
    assert e.value.meldinger == ["regnskap: konto 9999 (2022) treffer ingen linje i kontoplan"]


def test_konto_i_to_intervaller_gir_feil():
    # 6300–6319 og 6310–6399 overlapper; 6300 ligger bare i det første, 6310 i begge
    plan = pd.concat(
        [
            KONTOPLAN,
            pd.DataFrame(
                [("6310", "6399", "andre_utbetalinger_drift", "3", "husleie", False)], columns=KONTOPLAN.columns
            ),
        ],
        ignore_index=True,
    )
    r = pd.concat([REGNSKAP, lag_regnskap((2023, "6310", "Husleie 2", "0491", "01", 1.0))], ignore_index=True)
    with pytest.raises(rg.Regnskapsfeil) as e:
        rg.med_linjer(r, plan)
    assert e.value.meldinger == ["regnskap: konto 6310 (2023) treffer 2 intervaller i kontoplan"]


def test_seks_sifret_statskonto_treffer_ikke_firesifret_intervall(linjer):
    rad = linjer.loc[linjer["artskonto"] == "530929"].iloc[0]
    assert rad["oppstilling_linje"] == "innbetaling_skatter_avgifter_gebyrer"
    assert rad["note"] == 6 and rad["note_linje"] == "tilfeldige_andre_inntekter"
    # uten det 6-sifrede intervallet treffer 530929 ingenting, selv om "5093" ≤ "530929" ≤ "5399" som tekst
    uten = KONTOPLAN.loc[KONTOPLAN["artskonto_fra"] != "530900"]
    with pytest.raises(rg.Regnskapsfeil, match=r"konto 530929 \(2023\) treffer ingen linje"):
        rg.med_linjer(REGNSKAP, uten)


def test_regnskap_med_gjentatt_indeks_kobles_riktig():
    a = lag_regnskap((2023, "5000", "Lønn", "0491", "01", 100.0))
    b = lag_regnskap((2023, "6720", "Konsulenter", "0491", "01", 50.0))
    ut = rg.med_linjer(pd.concat([a, b]), KONTOPLAN)  # indeksen er [0, 0]
    assert list(ut["oppstilling_linje"]) == ["utbetalinger_lonn", "andre_utbetalinger_drift"]


# ---------------------------------------------------------------------------------------
# Artskontorapporteringen og notene
# ---------------------------------------------------------------------------------------


def test_artskontorapportering_2023(linjer):
    a = rg.artskontorapportering(linjer, AR)
    assert a["salgs_og_leieinnbetalinger"] == 20.0  # −20 vist positivt
    assert a["sum_innbetalinger_drift"] == 20.0
    assert a["utbetalinger_lonn"] == 750.0  # 600 + 100 + 90 − 40
    assert a["andre_utbetalinger_drift"] == 225.5  # 150 + 50,50 + 25
    assert a["sum_utbetalinger_drift"] == 975.5  # 750 + 225,50
    assert a["netto_driftsutgifter"] == 955.5  # −20 + 975,50
    assert a["innbetaling_finansinntekter"] == 1.5
    assert a["utbetaling_investeringer"] == 300.0 and a["utbetaling_finansutgifter"] == 2.0
    assert a["sum_investerings_og_finansutgifter"] == 302.0  # 300 + 2
    assert a["netto_investerings_og_finansutgifter"] == 300.5  # −1,50 + 302
    assert a["innbetaling_skatter_avgifter_gebyrer"] == 5.0 and a["sum_innkrevingsvirksomhet"] == 5.0
    assert a["sum_tilskuddsforvaltning"] == 0.0
    assert (a["gruppelivsforsikring_1985"], a["arbeidsgiveravgift_1986"], a["nettoforing_mva_1987"]) == (
        10.0,
        30.0,
        100.0,
    )
    assert a["netto_felleskapitler"] == 60.0  # 100 − 10 − 30
    assert a["netto_rapportert"] == pytest.approx(1311.0)  # 955,50 + 300,50 − 5 + 0 + 60


def test_felleskapitler_vises_positivt_men_nettoen_har_fortegn():
    r = lag_regnskap(
        (AR, "1987", "Mva", "1633", "01", 100.0),
        (AR, "1985", "Gruppeliv", "5309", "29", -10.0),
        (AR, "1986", "Arbeidsgiveravgift", "5700", "72", -30.0),
    )
    a = rg.artskontorapportering(rg.med_linjer(r, KONTOPLAN), AR)
    # viste: 100 / 10 / 30; netto = 100 − 10 − 30 = 60 (ikke 100 + 10 + 30 = 140)
    assert (a["nettoforing_mva_1987"], a["gruppelivsforsikring_1985"], a["arbeidsgiveravgift_1986"]) == (
        100.0,
        10.0,
        30.0,
    )
    assert a["netto_felleskapitler"] == 60.0
    assert a["netto_rapportert"] == 60.0
    assert a["netto_driftsutgifter"] == 0.0


def test_artskontorapportering_2022_og_tomt_ar(linjer):
    a = rg.artskontorapportering(linjer, 2022)
    assert a["utbetalinger_lonn"] == 560.0  # 500 + 60
    assert a["sum_utbetalinger_drift"] == 600.0  # 560 + 40
    assert a["netto_rapportert"] == 650.0  # 600 + 50
    tom = rg.artskontorapportering(linjer, 2020)
    assert tom["netto_rapportert"] == 0.0 and tom["sum_utbetalinger_drift"] == 0.0


def test_notene_2023(linjer):
    n1 = rg.note(linjer, 1, AR)
    assert n1["salgs_og_leieinnbetalinger"] == 20.0 and n1["sum_innbetalinger_drift"] == 20.0
    n2 = rg.note(linjer, 2, AR)
    assert n2["lonn"] == 700.0  # 600 + 100 (5092 er lønn i noten, selv om den er utenfor lønn per årsverk)
    assert n2["arbeidsgiveravgift"] == 90.0
    assert n2["sykepenger_refusjoner"] == -40.0  # refusjonen trekker fra
    assert n2["sum_utbetalinger_lonn"] == 750.0  # 700 + 90 − 40
    n3 = rg.note(linjer, 3, AR)
    assert (n3["husleie"], n3["konsulenttjenester"], n3["reiser_diett"]) == (150.0, 50.5, 25.0)
    assert n3["sum_andre_utbetalinger_drift"] == 225.5  # 150 + 50,50 + 25
    n4 = rg.note(linjer, 4, AR)
    assert n4["renteinntekter"] == 1.5  # innbetaling vist positivt
    assert n4["sum_finansinntekter"] == 1.5 and n4["renteutgifter"] == 2.0 and n4["sum_finansutgifter"] == 2.0
    n5 = rg.note(linjer, 5, AR)
    assert n5["driftslosore"] == 300.0 and n5["sum_investeringer"] == 300.0 and n5["sum_kjop_aksjer"] == 0.0
    n6 = rg.note(linjer, 6, AR)
    assert n6["tilfeldige_andre_inntekter"] == 5.0 and n6["sum_innkrevingsvirksomhet"] == 5.0
    assert rg.note(linjer, 7, AR)["sum_tilskuddsforvaltning"] == 0.0


# ---------------------------------------------------------------------------------------
# Bevilgningsrapporteringen og Note A
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kapittel, inntekt",
    [("0491", False), ("1633", False), ("2999", False), ("3000", True), ("3491", True), ("5700", True)],
)
def test_inntektskapittel_fra_3000(kapittel, inntekt):
    assert rg.er_inntektskapittel(kapittel) is inntekt


def test_note_a():
    a = rg.note_a(TILDELING, AR)
    assert list(a["post"]) == ["01", "21", "45"]
    assert list(a["samlet"]) == [940.0, 100.0, 250.0]  # 40 + 900, 0 + 100, 50 + 200
    assert list(a.columns) == ["kapittel", "post", "posttekst", "overfort_fra_i_fjor", "arets_tildelinger", "samlet"]


def test_bevilgningsrapportering_2023():
    bev = rg.bevilgningsrapportering(REGNSKAP, TILDELING, AR)
    # utgiftskapitlene først, så inntektskapitlene
    assert list(zip(bev["kapittel"], bev["post"])) == [
        ("0491", "01"),
        ("0491", "21"),
        ("0491", "45"),
        ("1633", "01"),
        ("3491", "01"),
        ("5309", "29"),
        ("5700", "72"),
    ]
    b = bev.set_index(["kapittel", "post"])
    assert b.at[("0491", "01"), "regnskap"] == pytest.approx(825.5)  # 600 + 90 − 40 + 150 + 25 − 1,50 + 2
    assert b.at[("0491", "01"), "merutgift"] == pytest.approx(114.5)  # 940 − 825,50
    assert b.at[("0491", "21"), "merutgift"] == pytest.approx(-50.5)  # 100 − 150,50: merutgift
    assert b.at[("0491", "45"), "merutgift"] == pytest.approx(-50.0)  # 250 − 300
    assert b.at[("0491", "01"), "note"] == "A, B" and b.at[("1633", "01"), "note"] == ""
    assert b.at[("1633", "01"), "samlet_tildeling"] == 0.0 and pd.isna(b.at[("1633", "01"), "merutgift"])
    # inntektskapitlene vises positivt
    assert b.at[("3491", "01"), "regnskap"] == 20.0 and b.at[("3491", "01"), "inntekt"]
    assert b.at[("5309", "29"), "regnskap"] == 15.0  # 10 + 5
    assert b.at[("5700", "72"), "regnskap"] == 30.0
    assert b.at[("5700", "72"), "kapittelnavn"] == "Arbeidsgiveravgift"

    s = rg.bevilgning_summer(bev)
    assert s["sum_utgiftsfort"] == pytest.approx(1376.0)  # 825,50 + 150,50 + 300 + 100
    assert s["sum_utgiftsfort.samlet_tildeling"] == 1290.0  # 940 + 100 + 250
    assert s["sum_inntektsfort"] == 65.0  # 20 + 15 + 30
    assert s["sum_inntektsfort.samlet_tildeling"] == 0.0
    assert s["netto_rapportert"] == pytest.approx(1311.0)  # 1 376 − 65


def test_netto_rapportert_er_utgiftsfort_minus_inntektsfort():
    bev = pd.DataFrame(
        {"inntekt": [False, False, True], "samlet_tildeling": [10.0, 0.0, 5.0], "regnskap": [7.0, 3.5, 2.25]}
    )
    s = rg.bevilgning_summer(bev)
    assert s["sum_utgiftsfort"] == 10.5 and s["sum_inntektsfort"] == 2.25
    assert s["netto_rapportert"] == 8.25  # 7 + 3,50 − 2,25
    assert s["sum_inntektsfort.samlet_tildeling"] == 5.0


# ---------------------------------------------------------------------------------------
# Note B
# ---------------------------------------------------------------------------------------


def note_b_for(
    tildeling: list[tuple], regnskap: list[tuple], fullmakter: list[tuple] = (), ar: int = AR
) -> pd.DataFrame:
    """Note B for små tabeller: tildeling (kap, post, overført, årets, stikkord[, år]),
    regnskap (kap, post, beløp) og fullmakter (kap, post, avgitte, merinnt., omdisp., innsp., maks)."""
    t = lag_tildeling(
        *[(rad[5] if len(rad) > 5 else ar, rad[0], rad[1], "Post", rad[2], rad[3], rad[4]) for rad in tildeling]
    )
    r = lag_regnskap(*[(ar, "6300", "", k, p, b) for k, p, b in regnskap])
    f = lag_fullmakter(*[(ar, *rad) for rad in fullmakter])
    bev = rg.bevilgningsrapportering(r, t, ar)
    return rg.note_b(bev, t, f, ar).set_index("post")


def test_note_b_2023(r2023):
    nb = r2023.note_b.set_index("post")
    assert nb.at["01", "merutgift"] == pytest.approx(114.5)  # 940 − 825,50
    assert nb.at["01", "belastningsfullmakter"] == -4.0  # avgitt 4 vises negativt
    assert nb.at["01", "etter_belastningsfullmakter"] == pytest.approx(110.5)  # 114,50 − 4
    assert nb.at["01", "grunnlag_overforing"] == pytest.approx(110.5)
    assert nb.at["01", "maks_overforbart"] == pytest.approx(45.0)  # 5 % av 900 (ikke av 940)
    # post 21 (−50,50) dekkes av post 01: 110,50 − 50,50 = 60, begrenset til 45
    assert nb.at["01", "mulig_overforbart"] == pytest.approx(45.0)
    assert nb.at["21", "mulig_overforbart"] == pytest.approx(0.0)
    assert nb.at["21", "maks_overforbart"] == pytest.approx(5.0)  # driftspost: 5 % av 100, selv med «kan overføres»
    # post 45: «kan overføres» → 200 + 150 (fjorårets tildeling); merutgiften −50 har ingen partner
    assert nb.at["45", "maks_overforbart"] == 350.0
    assert nb.at["45", "mulig_overforbart"] == -50.0
    assert nb.at["45", "stikkord"] == "kan overføres"
    # ingen innsparinger: 0, ikke −0
    assert str(nb.at["45", "innsparinger"]) == "0.0"


def test_note_b_med_innsparinger_merinntekter_og_omdisponering():
    nb = note_b_for(
        [("0491", "01", 0.0, 1000.0, None)],
        [("0491", "01", 900.0)],
        [("0491", "01", 10.0, 20.0, -5.0, 30.0, None)],
    )
    assert nb.at["01", "merutgift"] == 100.0  # 1 000 − 900
    assert nb.at["01", "belastningsfullmakter"] == -10.0
    assert nb.at["01", "etter_belastningsfullmakter"] == 90.0  # 100 − 10
    assert nb.at["01", "merinntekter"] == 20.0 and nb.at["01", "omdisponering"] == -5.0
    assert nb.at["01", "innsparinger"] == -30.0  # ført positivt, vist negativt
    assert nb.at["01", "grunnlag_overforing"] == 75.0  # 90 + 20 − 5 − 30
    assert nb.at["01", "maks_overforbart"] == 50.0  # 5 % av 1 000
    assert nb.at["01", "mulig_overforbart"] == 50.0  # min(75, 50)


def test_fem_prosent_av_arets_tildeling_ikke_av_samlet():
    nb = note_b_for([("0491", "01", 400.0, 1000.0, None)], [("0491", "01", 1000.0)])
    # grunnlag 1 400 − 1 000 = 400; maks 5 % av 1 000 = 50 (ikke 5 % av 1 400 = 70)
    assert nb.at["01", "maks_overforbart"] == 50.0
    assert nb.at["01", "mulig_overforbart"] == 50.0


@pytest.mark.parametrize(
    "post, maks",
    [
        ("01", 5.0),  # første driftspost: 5 % av 100
        ("23", 5.0),
        ("24", 0.0),  # post 24 er ikke driftspost og har ikke «kan overføres»
        ("29", 5.0),  # siste driftspost
        ("30", 0.0),  # ikke driftspost
    ],
)
def test_driftspostene_01_til_29_unntatt_24(post, maks):
    nb = note_b_for([("0491", post, 0.0, 100.0, None)], [("0491", post, 60.0)])
    assert nb.at[post, "grunnlag_overforing"] == 40.0  # 100 − 60
    assert nb.at[post, "maks_overforbart"] == maks
    assert nb.at[post, "mulig_overforbart"] == maks  # min(40, maks)


def test_maks_overforbart_fylt_ut_overstyrer_regelen():
    nb = note_b_for(
        [("0491", "01", 0.0, 1000.0, None), ("0491", "70", 0.0, 100.0, None)],
        [("0491", "01", 800.0), ("0491", "70", 50.0)],
        [("0491", "01", 0.0, None, None, None, 80.0), ("0491", "70", 0.0, None, None, None, 30.0)],
    )
    assert nb.at["01", "maks_overforbart"] == 80.0  # ikke 5 % av 1 000 = 50
    assert nb.at["01", "mulig_overforbart"] == 80.0  # min(200, 80)
    assert nb.at["70", "maks_overforbart"] == 30.0  # ikke 0
    assert nb.at["70", "mulig_overforbart"] == 30.0  # min(50, 30)


def test_post_45_kan_overfores_far_arets_og_fjorarets_tildeling():
    nb = note_b_for(
        [("0491", "45", 10.0, 200.0, "Kan overføres"), ("0491", "45", 0.0, 150.0, "kan overføres", AR - 1)],
        [("0491", "45", 0.0)],
    )
    assert nb.at["45", "grunnlag_overforing"] == 210.0  # 10 + 200 − 0
    assert nb.at["45", "maks_overforbart"] == 350.0  # 200 + 150 (overført 10 teller ikke)
    assert nb.at["45", "mulig_overforbart"] == 210.0


def test_post_45_kan_overfores_uten_fjorarets_tildeling_gir_tydelig_feil():
    with pytest.raises(rg.ManglerGrunnlag) as e:
        note_b_for([("0491", "45", 0.0, 200.0, "kan overføres")], [("0491", "45", 100.0)])
    melding = str(e.value)
    assert "kapittel 0491 post 45" in melding and "«kan overføres»" in melding
    assert "ingen rader for 2022" in melding and "maks_overforbart" in melding


def test_post_45_med_maks_fylt_ut_trenger_ikke_fjorarets_tildeling():
    nb = note_b_for(
        [("0491", "45", 0.0, 200.0, "kan overføres")],
        [("0491", "45", 100.0)],
        [("0491", "45", 0.0, None, None, None, 60.0)],
    )
    assert nb.at["45", "mulig_overforbart"] == 60.0  # min(200 − 100, 60)


def test_annen_post_uten_kan_overfores_kan_ikke_overfore():
    nb = note_b_for([("0491", "70", 0.0, 100.0, "kan nyttes under post 01")], [("0491", "70", 40.0)])
    assert nb.at["70", "grunnlag_overforing"] == 60.0  # 100 − 40
    assert nb.at["70", "maks_overforbart"] == 0.0
    assert nb.at["70", "mulig_overforbart"] == 0.0  # min(60, 0)


def test_merutgift_dekkes_av_post_som_kan_nyttes_under_den():
    nb = note_b_for(
        [("0491", "01", 0.0, 100_000.0, "kan nyttes under post 21"), ("0491", "21", 0.0, 1000.0, None)],
        [("0491", "01", 99_000.0), ("0491", "21", 1300.0)],
    )
    assert nb.at["01", "grunnlag_overforing"] == 1000.0  # 100 000 − 99 000
    assert nb.at["21", "grunnlag_overforing"] == -300.0  # 1 000 − 1 300
    assert nb.at["01", "mulig_overforbart"] == 700.0  # 1 000 − 300 (under maks 5 000)
    assert nb.at["21", "mulig_overforbart"] == 0.0  # dekket
    # grunnlaget i noten står urørt; bare mulig overførbart er samordnet
    assert nb.at["21", "grunnlag_overforing"] == -300.0


def test_stikkordet_gjelder_posten_som_dekker_ikke_omvendt():
    # post 01 «kan nyttes under post 45»: 01s bevilgning kan brukes på 45, ikke 45s på 01.
    # Post 01 har merutgift (−300), post 45 mindreutgift (500): ingen samordning.
    nb = note_b_for(
        [
            ("0491", "01", 0.0, 100_000.0, "kan nyttes under post 45"),
            ("0491", "45", 0.0, 10_000.0, "kan overføres"),
            ("0491", "45", 0.0, 10_000.0, "kan overføres", AR - 1),
        ],
        [("0491", "01", 100_300.0), ("0491", "45", 9_500.0)],
    )
    assert nb.at["01", "mulig_overforbart"] == -300.0  # står igjen
    assert nb.at["45", "mulig_overforbart"] == 500.0  # min(500, 10 000 + 10 000)


def test_stikkord_med_flere_poster():
    # «kan nyttes under postene 21 og 45»: post 01 dekker merutgiften på post 21
    nb = note_b_for(
        [
            ("0491", "01", 0.0, 100_000.0, "kan nyttes under postene 21 og 45, kan overføres"),
            ("0491", "21", 0.0, 1000.0, None),
        ],
        [("0491", "01", 99_000.0), ("0491", "21", 1300.0)],
    )
    assert nb.at["01", "mulig_overforbart"] == 700.0  # 1 000 − 300
    assert nb.at["21", "mulig_overforbart"] == 0.0
    assert _kan_nyttes_under("kan nyttes under postene 21 og 45, kan overføres") == {"21", "45"}
    assert _kan_nyttes_under("Kan benyttes under post 01") == {"01"}
    assert _kan_nyttes_under("kan overføres") == set() and _kan_nyttes_under(None) == set()


def test_maks_gjelder_etter_samordningen():
    nb = note_b_for(
        [("0491", "01", 0.0, 10_000.0, "kan nyttes under post 21"), ("0491", "21", 0.0, 1000.0, None)],
        [("0491", "01", 9000.0), ("0491", "21", 1300.0)],
    )
    assert nb.at["01", "maks_overforbart"] == 500.0  # 5 % av 10 000
    # 1 000 − 300 = 700 → min(700, 500) = 500 (maks først ville gitt min(1 000, 500) − 300 = 200)
    assert nb.at["01", "mulig_overforbart"] == 500.0
    assert nb.at["21", "mulig_overforbart"] == 0.0


def test_merutgift_uten_partner_star_igjen_negativ():
    nb = note_b_for(
        [
            ("0491", "01", 0.0, 100_000.0, None),
            ("0491", "21", 0.0, 1000.0, None),
            ("0492", "01", 0.0, 100_000.0, "kan nyttes under post 21"),
        ],
        [("0491", "01", 99_000.0), ("0491", "21", 1300.0), ("0492", "01", 99_000.0)],
    )
    assert nb.loc[nb["kapittel"] == "0491", "mulig_overforbart"].tolist() == [1000.0, -300.0]  # ingen stikkord
    # 0492 01 kan nyttes under post 21, men bare i sitt eget kapittel
    assert nb.loc[nb["kapittel"] == "0492", "mulig_overforbart"].tolist() == [1000.0]


def test_merutgift_storre_enn_partnerens_mindreutgift():
    nb = note_b_for(
        [("0491", "01", 0.0, 100_000.0, "kan nyttes under post 21"), ("0491", "21", 0.0, 1000.0, None)],
        [("0491", "01", 99_800.0), ("0491", "21", 1300.0)],
    )
    # 200 dekker 200 av 300: post 01 → 0, post 21 → −300 + 200 = −100
    assert nb.at["01", "mulig_overforbart"] == 0.0
    assert nb.at["21", "mulig_overforbart"] == -100.0


def test_fullmakter_for_post_uten_tildeling_gir_mangler_grunnlag():
    with pytest.raises(rg.ManglerGrunnlag, match=r"fullmakter: kapittel 0491 post 22 har ingen tildeling i 2023"):
        note_b_for(
            [("0491", "01", 0.0, 100.0, None)], [("0491", "01", 50.0)], [("0491", "22", 1.0, None, None, None, None)]
        )
    # gjennom kontrollert blir det en Regnskapsfeil for året
    f = pd.concat([FULLMAKTER, lag_fullmakter((AR, "0491", "22", 1.0, None, None, None, None))], ignore_index=True)
    with pytest.raises(rg.Regnskapsfeil) as e:
        rg.kontrollert(lag_uttrekk(fullmakter=f), AR)
    assert e.value.ar == AR and "kapittel 0491 post 22 har ingen tildeling i 2023" in e.value.meldinger[0]


# ---------------------------------------------------------------------------------------
# Kapitalkontoer, mellomværendet og Note 8
# ---------------------------------------------------------------------------------------


def test_kapitalkontoer_merker_endringen_i_mellomvaerendet():
    k = rg.kapitalkontoer(KAPITALKONTOER, AR)
    assert list(k["konto"]) == ["60048801", "60048802", "705011"]
    assert list(k["endring_mellomvaerende"]) == [False, False, True]
    assert k["belop"].sum() == pytest.approx(-1311.0)  # 65 − 1 301,20 − 74,80
    # store/små bokstaver spiller ingen rolle; bare linjer for året
    stor = pd.DataFrame(
        [(AR, "1", "ENDRING I MELLOMVÆRENDE", 1.0), (2022, "2", "mellomværende", 2.0)], columns=KAPITALKONTOER.columns
    )
    assert rg.kapitalkontoer(stor, AR)["endring_mellomvaerende"].tolist() == [True]


def test_mellomvaerendelinjer_kjennes_igjen_uavhengig_av_skrivemate():
    assert rg.mellomvaerendelinje("  skyldig   SKATTETREKK ").oversikt_id == "skyldig_skattetrekk"
    assert rg.mellomvaerendelinje("Andre fordringer").oversikt_id == "fordringer_ansatte"
    assert rg.mellomvaerendelinje("Leverandørgjeld").oversikt_id == "leverandorgjeld"
    assert rg.mellomvaerendelinje("Leverandørgjeld").note8 == "leverandorgjeld"
    assert rg.mellomvaerendelinje("Noe annet") is None


def test_ukjent_mellomvaerendelinje_gir_mangler_grunnlag():
    mv = pd.concat(
        [
            MELLOMVAERENDE,
            pd.DataFrame([(AR, "Ukjent gjeld", "Kortsiktig gjeld", 1.0, 1.0)], columns=MELLOMVAERENDE.columns),
        ],
        ignore_index=True,
    )
    with pytest.raises(rg.ManglerGrunnlag, match="mellomvaerende: ukjent linje «Ukjent gjeld»"):
        rg.mellomvaerende(mv, AR)


def test_oversikten_over_mellomvaerendet():
    o = rg.mellomvaerende_oversikt(MELLOMVAERENDE, AR)
    assert o["fordringer_ansatte"] == 20.0
    assert o["skyldig_skattetrekk"] == -250.0
    assert o["skyldige_offentlige_avgifter"] == -14.8
    assert o["kontanter"] == 0.0 and o["leverandorgjeld"] == 0.0  # bokført −80, rapportert 0
    assert len(o) == 16  # de 15 standardlinjene og summen
    assert o["sum"] == pytest.approx(-244.8)  # 20 − 250 − 14,80 (+ leverandørgjeld rapportert 0)
    assert rg.mellomvaerende_oversikt(MELLOMVAERENDE, 2022)["sum"] == -170.0  # 30 − 200


def test_note8():
    n = rg.note8(MELLOMVAERENDE, AR)
    assert (n["leverandorgjeld.bokfort"], n["leverandorgjeld.rapportert"], n["leverandorgjeld.forskjell"]) == (
        -80.0,
        0.0,
        -80.0,
    )
    assert n["skyldige_offentlige_avgifter.forskjell"] == pytest.approx(-0.1)  # −14,90 − (−14,80)
    assert n["andre_fordringer.bokfort"] == 20.0  # «Fordringer på ansatte» er «Andre fordringer» i Note 8
    assert n["sum_omlopsmidler.rapportert"] == 20.0
    assert n["sum_kortsiktig_gjeld.bokfort"] == pytest.approx(-344.9)  # −80 − 250 − 14,90
    assert n["sum_kortsiktig_gjeld.forskjell"] == pytest.approx(-80.1)  # −344,90 − (−264,80)
    assert n["sum_finansielle_anleggsmidler.bokfort"] == 0.0
    assert n["sum.bokfort"] == pytest.approx(-324.9)  # 20 − 344,90
    assert n["sum.rapportert"] == pytest.approx(-244.8)  # = summen i oversikten
    assert n["sum.forskjell"] == pytest.approx(-80.1)


# ---------------------------------------------------------------------------------------
# Kontrollene
# ---------------------------------------------------------------------------------------


def test_regnskapet_som_gar_opp_gir_ingen_meldinger(r2023):
    assert rg.kontroller(r2023) == []
    assert rg.kontrollert(UTTREKK, 2022).bevilgning_sum["netto_rapportert"] == 650.0
    assert r2023.mellomvaerende_i_fjor["sum"] == -170.0
    assert rg.kontrollert(UTTREKK, 2022).mellomvaerende_i_fjor is None  # 2021 har ikke mellomværende


def test_kontroll_1_netto_ulik_i_de_to_oppstillingene(r2023):
    brutt = dataclasses.replace(r2023, artskonto={**r2023.artskonto, "netto_rapportert": 1311.01})
    assert rg.kontroller(brutt) == [
        f"Netto rapportert til bevilgningsregnskapet er {tall(1311)} i bevilgningsrapporteringen, "
        f"men {tall(1311.01, 2)} i artskontorapporteringen (forskjell {tall(-0.01, 2)})."
    ]
    # på øret: et avvik under et halvt øre er likt
    assert rg.kontroller(dataclasses.replace(r2023, artskonto={**r2023.artskonto, "netto_rapportert": 1311.004})) == []


def test_kontroll_2_kapitalkontoene_summerer_ikke_til_minus_netto():
    u = lag_uttrekk(kapitalkontoer=med_kapitalkonto(AR, "60048802", -1401.2))
    r = rg.arsregnskap(u, AR)
    # 65 − 1 401,20 − 74,80 = −1 411; skal være −1 311; «Sum rapportert» = 1 311 − 1 411 = −100
    assert rg.kontroller(r) == [
        f"Kapitalkontoene summerer til {tall(-1411)}, men skal være minus netto rapportert ({tall(-1311)}); "
        f"«Sum rapportert» blir {tall(-100)}, ikke 0."
    ]
    assert rg.figurer_for_ar(u, AR, r)["kapitalkonto.sum_rapportert"] == pytest.approx(-100.0)


@pytest.mark.parametrize(
    "innbetalinger, feiler",
    [
        (65.0, False),
        (65.004, False),  # 0,004 kr unna: likt på øret
        (64.996, False),
        (65.01, True),  # 1 øre unna
        (64.99, True),
    ],
)
def test_kontroll_2_pa_oret(innbetalinger, feiler):
    r = rg.arsregnskap(lag_uttrekk(kapitalkontoer=med_kapitalkonto(AR, "60048801", innbetalinger)), AR)
    meldinger = rg.kontroller(r)
    assert bool(meldinger) is feiler
    if feiler:
        assert "Kapitalkontoene summerer til" in meldinger[0]


def test_kontroll_2_ingen_kapitalkontoer():
    k = KAPITALKONTOER.loc[KAPITALKONTOER["ar"] != AR]
    r = rg.arsregnskap(lag_uttrekk(kapitalkontoer=k), AR)
    assert rg.kontroller(r) == ["Kapitalkontoer: ingen linjer for 2023 (kapitalkontoer)."]


def test_kontroll_3_endringen_i_mellomvaerendet_stemmer_ikke():
    # endringslinjen −70,80 i stedet for −74,80; utbetalingene −1 305,20 holder summen på −1 311
    k = med_kapitalkonto(AR, "705011", -70.8)
    k.loc[(k["ar"] == AR) & (k["konto"] == "60048802"), "belop"] = -1305.2
    r = rg.arsregnskap(lag_uttrekk(kapitalkontoer=k), AR)
    assert rg.kontroller(r) == [
        f"Endringen i mellomværendet på kapitalkontoen er {tall(-70.8, 2)}, men det rapporterte mellomværendet "
        f"endret seg med {tall(-74.8, 2)} (fra {tall(-170)} til {tall(-244.8, 2)})."
    ]


def test_kontroll_3_endringen_pa_oret():
    k = med_kapitalkonto(AR, "705011", -74.81)
    k.loc[(k["ar"] == AR) & (k["konto"] == "60048802"), "belop"] = -1301.19  # summen fortsatt −1 311
    assert len(rg.kontroller(rg.arsregnskap(lag_uttrekk(kapitalkontoer=k), AR))) == 1  # 1 øre unna: feil
    k.loc[(k["ar"] == AR) & (k["konto"] == "705011"), "belop"] = -74.804
    k.loc[(k["ar"] == AR) & (k["konto"] == "60048802"), "belop"] = -1301.196
    assert rg.kontroller(rg.arsregnskap(lag_uttrekk(kapitalkontoer=k), AR)) == []


@pytest.mark.parametrize(
    "konto, tekst, antall",
    [
        ("60048801", "Endring i mellomværende (feilført)", 2),  # to linjer nevner mellomværende
        ("705011", "Endring i avregning med statskassen", 0),  # ingen linje nevner det
    ],
)
def test_kontroll_3_noyaktig_en_linje_for_endringen(konto, tekst, antall):
    k = KAPITALKONTOER.copy()
    k.loc[(k["ar"] == AR) & (k["konto"] == konto), "tekst"] = tekst
    r = rg.arsregnskap(lag_uttrekk(kapitalkontoer=k), AR)
    assert rg.kontroller(r) == [
        f"Kapitalkontoer: fant {antall} linjer for endring i mellomværendet med statskassen "
        "(teksten skal nevne «mellomværende» på nøyaktig én linje)."
    ]


def test_kontroll_4_note8_forskjell_ulik_bokfort_minus_rapportert(r2023):
    brutt = dataclasses.replace(r2023, note8={**r2023.note8, "leverandorgjeld.forskjell": -79.0})
    assert rg.kontroller(brutt) == [
        f"Note 8, leverandorgjeld: forskjellen er {tall(-79)}, men bokført − rapportert er {tall(-80)}."
    ]


def test_kontroll_4_note8_sum_ulik_oversikten(r2023):
    # rapportert i alt −244,79 (1 øre unna oversiktens −244,80); forskjellen i alt holdes konsistent
    n8 = {**r2023.note8, "sum.rapportert": -244.79, "sum.forskjell": r2023.note8["sum.bokfort"] - (-244.79)}
    assert rg.kontroller(dataclasses.replace(r2023, note8=n8)) == [
        f"Note 8: rapportert mellomværende i alt er {tall(-244.79, 2)}, men oversikten over "
        f"mellomværendet summerer til {tall(-244.8, 2)}."
    ]


def test_kontroll_5_note_a_ulik_tildelingskolonnen(r2023):
    a = r2023.note_a.copy()
    a.loc[a["post"] == "01", "samlet"] = 941.0  # bevilgningsrapporteringen viser 940
    assert rg.kontroller(dataclasses.replace(r2023, note_a=a)) == [
        f"Note A, kapittel 0491 post 01: samlet tildeling {tall(941)}, men bevilgningsrapporteringen viser {tall(940)}.",
        # 941 + 100 + 250 = 1 291 mot 940 + 100 + 250 = 1 290
        f"Note A summerer til {tall(1291)}, men tildelingskolonnen i bevilgningsrapporteringen til {tall(1290)}.",
    ]


def test_kontrollert_gir_regnskapsfeil_med_ar_og_meldinger():
    u = lag_uttrekk(kapitalkontoer=med_kapitalkonto(AR, "60048802", -1401.2))
    with pytest.raises(rg.Regnskapsfeil) as e:
        rg.kontrollert(u, AR)
    assert e.value.ar == AR and len(e.value.meldinger) == 1
    assert str(e.value).startswith(
        "Regnskapet for 2023 går ikke opp (1 kontroll feilet):\n  Kapitalkontoene summerer til"
    )
    # en konto uten linje i kontoplanen stopper også, med året
    r = pd.concat([REGNSKAP, lag_regnskap((AR, "9999", "Ukjent", "0491", "01", 0.0))], ignore_index=True)
    with pytest.raises(rg.Regnskapsfeil) as e:
        rg.kontrollert(lag_uttrekk(regnskap=r), AR)
    assert e.value.ar == AR and e.value.meldinger == ["regnskap: konto 9999 (2023) treffer ingen linje i kontoplan"]


def test_regnskapsfeil_teller_kontrollene():
    assert (
        str(rg.Regnskapsfeil(["a", "b"], 2022)) == "Regnskapet for 2022 går ikke opp (2 kontroller feilet):\n  a\n  b"
    )
    assert str(rg.Regnskapsfeil(["a"])) == "Regnskapet går ikke opp (1 kontroll feilet):\n  a"


def test_kontroller_arene_samler_bruddene_fra_alle_arene():
    assert rg.kontroller_arene(UTTREKK, AR) == [2022, 2023]  # 2021 har ikke regnskap
    k = med_kapitalkonto(AR, "60048802", -1401.2)
    k.loc[(k["ar"] == 2022) & (k["konto"] == "60048802"), "belop"] = -619.0  # −619 − 30 = −649, skal være −650
    with pytest.raises(rg.Regnskapsfeil) as e:
        rg.kontroller_arene(lag_uttrekk(kapitalkontoer=k), AR)
    assert [m[:6] for m in e.value.meldinger] == ["2022: ", "2023: "]
    assert f"«Sum rapportert» blir {tall(1)}, ikke 0." in e.value.meldinger[0]  # 650 − 649


# ---------------------------------------------------------------------------------------
# Figur-id-ene og nøkkeltallene
# ---------------------------------------------------------------------------------------


def test_figurer_for_ar_2023(r2023):
    f = rg.figurer_for_ar(UTTREKK, AR, r2023)
    assert f["bevilgning.0491.01.samlet_tildeling"] == 940.0
    assert f["bevilgning.0491.01.regnskap"] == pytest.approx(825.5)
    assert f["bevilgning.0491.01.merutgift"] == pytest.approx(114.5)
    assert "bevilgning.1633.01.merutgift" not in f  # ingen tildeling
    assert f["bevilgning.3491.01.regnskap"] == 20.0
    assert f["bevilgning.sum_utgiftsfort"] == pytest.approx(1376.0)
    assert f["bevilgning.sum_inntektsfort"] == 65.0
    assert f["bevilgning.netto_rapportert"] == pytest.approx(1311.0)
    # regnskapet medregnet belastningsfullmakten: 825,50 + 4 = 829,50
    assert f["bevilgning.0491.01.regnskap_inkl_belastning"] == pytest.approx(829.5)
    assert f["kapitalkonto.705011"] == -74.8
    assert f["kapitalkonto.sum_rapportert"] == pytest.approx(0.0, abs=1e-9)  # 1 311 − 1 311
    assert f["kapitalregnskap.705011"] == pytest.approx(-244.8)
    assert f["kapitalregnskap.705011.endring_abs"] == pytest.approx(-74.8)  # −244,80 − (−170)
    assert f["note_a.0491.45.overfort"] == 50.0 and f["note_a.0491.45.samlet"] == 250.0
    assert f["note_b.0491.01.mulig_overforbart"] == pytest.approx(45.0)
    assert f["note_b.0491.45.maks_overforbart"] == 350.0
    assert f["artskonto.sum_utbetalinger_drift"] == 975.5
    assert f["note2.sykepenger_refusjoner"] == -40.0
    assert f["note3.konsulenttjenester"] == 50.5
    assert f["mellomvaerende.sum"] == pytest.approx(-244.8)
    assert f["note8.leverandorgjeld.forskjell"] == -80.0
    assert f["note2.antall_arsverk"] == 2.0  # 1,5 + 0,5
    assert f["note2.premiesats_arbeidsgiverandel"] == 0.096


def test_figurer_for_ar_uten_fjorarets_mellomvaerende_har_ingen_endring():
    f = rg.figurer_for_ar(UTTREKK, 2022)
    assert f["kapitalregnskap.705011"] == -170.0
    assert "kapitalregnskap.705011.endring_abs" not in f


def test_nokkeltall_2023(r2023):
    n = rg.nokkeltall_for_ar(UTTREKK, AR, r2023)
    assert n["nokkeltall.arsverk"] == 2.0
    assert n["nokkeltall.samlet_tildeling"] == 1040.0  # post 01 og 21: 940 + 100 (45 er ikke driftspost)
    assert n["nokkeltall.samlet_utbetaling"] == pytest.approx(980.0)  # 825,50 + 150,50 + avgitt 4
    assert n["nokkeltall.merforbruk"] == pytest.approx(-60.0)  # 980 − 1 040
    assert n["nokkeltall.utnyttelsesgrad"] == pytest.approx(980 / 1040)
    assert n["nokkeltall.driftsutgifter"] == 975.5
    assert n["nokkeltall.lonnsandel"] == pytest.approx(750 / 975.5)
    assert n["nokkeltall.konsulentandel"] == pytest.approx(50.5 / 975.5)
    assert n["nokkeltall.lonn_per_arsverk.honorarer"] == 100.0  # konto 5092
    assert n["nokkeltall.lonn_per_arsverk"] == pytest.approx(325.0)  # (750 − 100) / 2


def test_nokkeltall_uten_arsverk_har_ikke_lonn_per_arsverk(r2023):
    n = rg.nokkeltall_for_ar(lag_uttrekk(arsverk=ARSVERK.loc[ARSVERK["ar"] != AR]), AR, r2023)
    assert "nokkeltall.arsverk" not in n and "nokkeltall.lonn_per_arsverk" not in n
    assert n["nokkeltall.samlet_tildeling"] == 1040.0


def test_figurer_hopper_over_ar_uten_regnskap_og_gir_endringer():
    f = rg.figurer(UTTREKK, AR)
    assert sorted(f) == [2022, 2023]  # 2021 har tildeling, men ingen regnskapsrader
    assert f[2022]["nokkeltall.samlet_tildeling"] == 800.0  # 700 + 100
    assert f[2022]["nokkeltall.samlet_utbetaling"] == 600.0  # 540 + 60
    assert f[2022]["nokkeltall.utnyttelsesgrad"] == 0.75  # 600 / 800
    assert f[2022]["nokkeltall.lonn_per_arsverk"] == 200.0  # (560 − 60) / 2,5
    assert f[2022]["note_b.0491.45.maks_overforbart"] == 270.0  # 150 + 120 (2021)
    # endringer fra 2022
    assert f[2023]["bevilgning.0491.01.regnskap.endring"] == pytest.approx(825.5 / 540 - 1)
    assert f[2023]["bevilgning.0491.21.regnskap.endring"] == pytest.approx(150.5 / 60 - 1)
    assert f[2023]["bevilgning.1633.01.regnskap.endring"] == pytest.approx(1.0)  # 100 / 50 − 1
    assert "bevilgning.0491.45.regnskap.endring" not in f[2023]  # 0 i 2022
    assert "bevilgning.3491.01.regnskap.endring" not in f[2023]  # finnes ikke i 2022
    assert "bevilgning.0491.01.regnskap.endring" not in f[2022]  # 2021 mangler
    assert f[2023]["nokkeltall.lonn_per_arsverk.endring_abs"] == pytest.approx(125.0)  # 325 − 200


def test_figurer_bare_nokkeltall_for_det_eldste_aret():
    f = rg.figurer(UTTREKK, 2024)  # 2022–2024; 2024 har ikke regnskap
    assert sorted(f) == [2022, 2023]
    assert "nokkeltall.samlet_tildeling" in f[2022]
    assert not any(k.startswith("bevilgning.") for k in f[2022])  # bare rapportåret og året før
    assert "bevilgning.0491.01.regnskap" in f[2023]


def test_endring_fra_negativt_regnskap_folger_retningen():
    # 3491 01 i 2022: en tilbakebetaling på 40 (vist −40); 2023: 20 (se tabellen øverst)
    r = pd.concat([REGNSKAP, lag_regnskap((2022, "3000", "Tilbakebetalt salg", "3491", "01", 40.0))], ignore_index=True)
    k = med_kapitalkonto(2022, "60048802", -660.0)  # netto 2022: 650 + 40 = 690 = 660 + 30
    f = rg.figurer(lag_uttrekk(regnskap=r, kapitalkontoer=k), AR)
    assert f[2022]["bevilgning.3491.01.regnskap"] == -40.0
    # økte fra −40 til 20: (20 − (−40)) / |−40| = +1,5
    assert f[2023]["bevilgning.3491.01.regnskap.endring"] == pytest.approx(1.5)


# ---------------------------------------------------------------------------------------
# Tabellene
# ---------------------------------------------------------------------------------------


def test_nokkeltall_tabell():
    f = rg.figurer(UTTREKK, AR)
    t = rg.nokkeltall_tabell(f, TILDELING.loc[TILDELING["ar"] == AR])
    assert list(t.columns) == ["Nøkkeltall", "2022", "2023", "_id"]
    t = t.set_index("_id")
    assert t.at["nokkeltall.samlet_tildeling", "Nøkkeltall"] == "Samlet tildeling, post 01–21"  # 45 er ikke driftspost
    assert t.at["nokkeltall.merforbruk", "2023"] == pytest.approx(-60.0)
    assert t.at["nokkeltall.merforbruk", "2022"] == pytest.approx(-200.0)  # 600 − 800
    assert t.at["nokkeltall.arsverk", "2022"] == 2.5
    bare_01 = rg.nokkeltall_tabell(f, TILDELING.loc[(TILDELING["ar"] == AR) & (TILDELING["post"] != "21")])
    assert bare_01.at[1, "Nøkkeltall"] == "Samlet tildeling, post 01"


def test_utgifter_etter_art(r2023):
    t = rg.utgifter_etter_art(r2023).set_index("Art")
    assert t.at["Lønn og sosiale utgifter", "Beløp"] == 750.0
    assert t.at["Husleie og vedlikehold av lokaler", "Beløp"] == 150.0
    assert t.at["Kjøp av konsulenttjenester", "Beløp"] == 50.5
    assert t.at["Reiser og diett", "Beløp"] == 25.0
    assert t.at["Øvrige driftsutgifter", "Beløp"] == 0.0
    assert t["Beløp"].sum() == 975.5  # alle driftsutgiftene: 750 + 150 + 50,50 + 25
    assert t.at["Lønn og sosiale utgifter", "Andel"] == pytest.approx(750 / 975.5)
    assert t["Andel"].sum() == pytest.approx(1.0)


def test_konsulentutgifter_for_arene_med_regnskap():
    t = rg.konsulentutgifter(UTTREKK, AR)  # 2019–2023, bare 2022 og 2023 har regnskap
    assert list(t["År"]) == [2022, 2023]
    assert list(t["Konsulenttjenester"]) == [40.0, 50.5]
    assert t["Andel av driftsutgiftene"].tolist() == pytest.approx([40 / 600, 50.5 / 975.5])


def test_tabeller_har_tall_uten_skjulte_kolonner():
    tab = rg.tabeller(UTTREKK, AR)
    assert list(tab) == [
        "tab-2-3-nokkeltall",
        "tab-6-bevilgning",
        "tab-6-kapitalkontoer",
        "tab-6-beholdninger",
        "tab-6-note-a",
        "tab-6-note-b",
        "tab-6-artskonto",
        "tab-6-mellomvaerende",
        *[f"tab-6-note-{n}" for n in range(1, 8)],
        "tab-6-note-8",
        "fig-4-3-art",
        "fig-4-3-konsulenter",
    ]
    assert all("_type" not in t.columns and "_id" not in t.columns for t in tab.values())
    bev = tab["tab-6-bevilgning"].set_index("Kapittel og post")
    assert bev.at["Sum utgiftsført", "Regnskap 2023"] == pytest.approx(1376.0)
    assert bev.at["0491 01", "Tekst"] == "Utlendingsnemnda, driftsutgifter"
    kap = tab["tab-6-kapitalkontoer"].set_index("Tekst")
    assert kap.at["Sum rapportert", "Beløp"] == pytest.approx(0.0, abs=1e-9)
    beh = tab["tab-6-beholdninger"].iloc[0]
    assert (beh["Konto"], beh["2023"], beh["2022"]) == ("705011", pytest.approx(-244.8), -170.0)
    assert beh["Endring"] == pytest.approx(-74.8)
    art = tab["tab-6-artskonto"].set_index("Tekst")
    assert art.at["Sum utbetalinger til drift", "2022"] == 600.0
    assert art.at["Utbetalinger til lønn", "Note"] == "2"
    nb = tab["tab-6-note-b"]
    assert list(nb.columns) == [
        "Tekst",
        "0491 01 «kan nyttes under post 21»",
        "0491 21 «kan overføres, kan nyttes under post 01»",
        "0491 45 «kan overføres»",
    ]
    n2 = tab["tab-6-note-2"].set_index("Tekst")
    assert (n2.at["Antall utførte årsverk", "31.12.2023"], n2.at["Antall utførte årsverk", "31.12.2022"]) == (2.0, 2.5)


def test_for_boka_norsk_format_og_uthevede_summer():
    vis = rg.for_boka(UTTREKK, AR)
    assert set(vis) == {
        "tab-6-bevilgning",
        "tab-6-kapitalkontoer",
        "tab-6-beholdninger",
        "tab-6-note-a",
        "tab-6-note-b",
        "tab-6-artskonto",
        "tab-6-mellomvaerende",
        *[f"tab-6-note-{n}" for n in range(1, 9)],
        "tab-2-3-nokkeltall",
    }

    bev = vis["tab-6-bevilgning"]
    assert bev.iloc[0]["Kapittel og post"] == "*Utgiftskapitler*"  # overskrift i kursiv
    b = bev.set_index("Kapittel og post")
    assert b.at["0491 01", "Regnskap 2023"] == tall(825.5)  # 826, halvt opp
    assert b.at["0491 21", "Merutgift (–) og mindreutgift"] == tall(-50.5)  # −51
    assert b.at["1633 01", "Merutgift (–) og mindreutgift"] == ""  # ingen tildeling
    assert b.at["**Sum utgiftsført**", "Samlet tildeling"] == f"**{tall(1290)}**"
    assert b.at["**Sum utgiftsført**", "Regnskap 2023"] == f"**{tall(1376)}**"
    assert b.at["**Sum utgiftsført**", "Merutgift (–) og mindreutgift"] == ""  # tomme celler uthevs ikke
    assert b.at["**Sum inntektsført**", "Regnskap 2023"] == f"**{tall(65)}**"
    assert b.at["**Netto rapportert til bevilgningsregnskapet**", "Regnskap 2023"] == f"**{tall(1311)}**"

    kap = vis["tab-6-kapitalkontoer"].set_index("Tekst")
    assert kap.at["**Sum rapportert**", "Beløp"] == "**0**"  # aldri −0
    assert kap.at["Norges Bank KK/utbetalinger", "Beløp"] == tall(-1301.2)

    art = vis["tab-6-artskonto"].set_index("Tekst")
    assert art.at["*Driftsutgifter rapportert til bevilgningsregnskapet*", "2023"] == ""
    assert art.at["**Sum utbetalinger til drift**", "2023"] == f"**{tall(975.5)}**"  # 976
    assert art.at["**Sum utbetalinger til drift**", "2022"] == f"**{tall(600)}**"
    assert art.at["**Netto rapporterte utgifter på felleskapitler**", "2023"] == f"**{tall(60)}**"
    assert art.at["Gruppelivsforsikring konto 1985 (ref. kap. 5309, inntekt)", "2023"] == tall(10)

    n2 = vis["tab-6-note-2"].set_index("Tekst")
    assert n2.at["Antall utførte årsverk", "31.12.2023"] == tall(2.0, desimaler=1)  # «2,0»
    assert n2.at["Sykepenger og andre refusjoner (–)", "31.12.2023"] == tall(-40)

    n8 = vis["tab-6-note-8"]
    assert n8.iloc[-1]["Tekst"] == "**Sum i alt**"
    assert n8.iloc[-1]["Forskjell"] == f"**{tall(-80.1)}**"

    t1 = vis["tab-2-3-nokkeltall"].set_index("Nøkkeltall")
    assert t1.at["Utførte årsverk", "2023"] == tall(2.0, desimaler=1)
    assert t1.at["Samlet utbetaling, post 01–21", "2023"] == tall(980)
    assert t1.at["Merforbruk (+) / mindreforbruk (–), post 01–21", "2023"] == tall(-60)
    assert t1.at["Utnyttelsesgrad, post 01–21", "2023"] == prosent(980 / 1040)  # 94,2 %
    assert t1.at["Lønnsandel av driftsutgifter", "2022"] == prosent(560 / 600)  # 93,3 %
    assert t1.at["Konsulentandel av driftsutgifter", "2023"] == prosent(50.5 / 975.5)  # 5,2 %
    assert t1.at["Lønn og sosiale utgifter per årsverk*", "2023"] == tall(325)
