"""Enhetstester for ``arsrapport.kapitler.avstemming`` på små, håndlagde lister over publiserte tall."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from conftest import AVVIK, GOLDEN

from arsrapport import kapitler
from arsrapport.kapitler import avstemming

NB = "\u00a0"
IKKE_BEGRUNNET = "Ikke begrunnet – må rettes"


# --- i_omfang --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kilde, fid, forventet",
    [
        # kapittel 3.1 og Tabell 2–4
        ("3.1.1", "mottatt", True),
        ("3.1.3 fotnote 2", "avgjort_andel.form.nemndmote", True),
        ("3.1.5 (Figur 11 tekst)", "omgjoringsandel.asyl_realitet.nasjonalitet.iran", True),
        ("3.1.7", "rettssaker.rettskraftige", True),
        ("Tabell 2", "behandlet.form.sek", True),
        ("Tabell 3", "beholdning.asyl", True),
        ("Tabell 4", "rettssaker.hovedforhandlinger", True),
        # andre tabeller med samme begynnelse er egne kilder
        ("Tabell 13", "vekt.asylsaker.form.nmp", True),
        # rettssaks- og UIV-tall fra Del VII-tabellene og 3.2.3
        ("Del VII tabell 5", "rettssaker.medhold", True),
        ("Del VII tabell 6 (fotnote)", "rettssaker.nye.tingretten", True),
        ("Del VII tabell 8", "rettssaker.dager_i_retten", True),
        ("3.2.3", "uiv.mottatt", True),
        ("Del VII tabell 2", "avgjort_andel.asylsaker.form.nl", True),
        # hele 3.2.1–3.2.10 og Del VII er med, også tekstpunktene
        ("3.2.3", "ema.behandlet", True),
        ("3.2.10", "rettssaker.nye.tingretten.sakstype.tilbakekall_statsborgerskap", True),
        ("Del VII pkt. 6 (tekst)", "mottatt.hjemmel.utl_37_63", True),
        ("3.2.1", "saksbehandlingstid_tertial.1", True),
        ("3.2.5", "saksbehandlingstid.familie", True),
        ("3.2.5 (Figur 17 tekst)", "behandlet.sakstype.arbeid", True),
        ("3.2.2", "sp1.andel_under_grense", True),
        ("Tabell 7", "sp2.mal_reduksjon", True),
        ("Tabell 8", "beholdning.oppholdssaker", True),
        # produktiviteten er med: «3.2.1» er ikke et prefiks for «3.2.13»
        ("3.2.13", "avgjort_andel.form.sek", True),
        ("3.2.13 note 10", "kpi.endring", True),
        ("Del VII tabell 1", "vekttall", True),
        ("Tabell 10", "behandlet.asylsaker", True),
        ("Tabell 14", "kostnad_per_sak", True),
        # nøkkeltallene (Tabell 1, 2.3) og hele del VI er med
        ("Tabell 1", "nokkeltall.arsverk", True),
        ("Del VI note 2", "note2.lonn", True),
        ("Del VI note 2 (fotnote)", "note2.premiesats_arbeidsgiverandel", True),
        ("Del VI bevilgningsrapportering (kapitalkontoer)", "kapitalkonto.sum_rapportert", True),
        ("2.3", "nokkeltall.konsulentandel", True),
        ("3.2.21", "rettssaker.nye_saker", True),
    ],
)
def test_i_omfang(kilde, fid, forventet):
    assert avstemming.i_omfang({"id": fid, "source": kilde, "year": 2023, "value": 1}) is forventet


@pytest.mark.parametrize(
    "kilde, forventet",
    [
        ("3.2.21", False),
        ("3.2.21 (tekst)", False),  # presiseringen i parentes hører til kilden
        ("3.2.210", True),  # et prefiks er ikke nok
        ("3.2.2", True),
    ],
)
def test_ikke_beregnede_kilder_er_utenfor(monkeypatch, kilde, forventet):
    monkeypatch.setattr(avstemming, "IKKE_BEREGNET", ("3.2.21",))
    assert avstemming.i_omfang({"id": "x", "source": kilde, "year": 2023, "value": 1}) is forventet


def test_publiserte_i_omfang_fra_gullfila():
    publ = avstemming.publiserte(GOLDEN)
    assert publ and all(avstemming.i_omfang(r) for r in publ)
    kilder = {r["source"] for r in publ}
    assert {
        "3.1.1",
        "Tabell 2",
        "Tabell 3",
        "Tabell 4",
        "3.2.3",
        "3.2.10",
        "Del VII tabell 5",
        "Del VII pkt. 6 (tekst)",
        "3.2.13",
        "Tabell 10",
        "Tabell 14",
        "Del VII tabell 1",
        "Tabell 1",
        "2.3",
        "Del VI note 8",
        "Del VI bevilgningsrapportering",
    } <= kilder
    for k in kilder:
        avsnitt = k.split(" (")[0]
        assert all(avsnitt != i and not avsnitt.startswith(i + " ") for i in avstemming.IKKE_BEREGNET), k
    # kjente avvik gjelder publiserte tall og har en begrunnelse
    avvik = avstemming.kjente_avvik(AVVIK)
    assert avvik and all(isinstance(a.grunn, str) and a.grunn for a in avvik.values())
    assert set(avvik) <= {(r["id"], int(r["year"])) for r in publ}


# --- sammenlign ------------------------------------------------------------------------


def rad(fid, ar, verdi, tol, kilde="3.1.1"):
    return {"id": fid, "year": ar, "value": verdi, "tolerance": tol, "source": kilde}


PUBL = [
    rad("mottatt", 2023, 7029, 0),  # 0: stemmer eksakt
    rad("omgjoringsandel", 2023, 0.644, 0.0005),  # 1: 0,6445 – akkurat på grensen
    rad("omgjoringsandel", 2022, 0.644, 0.0005),  # 2: 0,6435 – akkurat på grensen nedenfra
    rad("saksbehandlingstid", 2023, 154, 0.5, "3.1.4"),  # 3: 154,5 – på grensen
    rad("saksbehandlingstid", 2022, 154, 0.5, "3.1.4"),  # 4: 154,51 – utenfor
    rad("behandlet", 2023, 5743, 0),  # 5: 5 744 – avviker, uten begrunnelse
    rad("behandlet.klage", 2023, 4790, 0, "3.1.2"),  # 6: 4 795 – kjent avvik
    rad("henlagt", 2023, 94, 0, "3.1.2"),  # 7: kjent avvik, men treffer: stemmer
    rad("beholdning.diverse", 2023, 3, 0, "Tabell 3"),  # 8: finnes ikke i figurene
    rad("andel_omgjoring_av_mottatt", 2023, 0.127, 0.0005),  # 9: 0,1260 – kjent avvik
    rad("mottatt", 2021, 5000, 0),  # 10: året finnes ikke i figurene
    rad("rettssaker.medhold_andel", 2023, 0.875, 0.0005, "Del VII tabell 5"),  # 11: 0,87451 – avviker
]
FIGURER = {
    2022: {"omgjoringsandel": 0.6435, "saksbehandlingstid": 154.51},
    2023: {
        "mottatt": 7029,
        "omgjoringsandel": 0.6445,
        "saksbehandlingstid": 154.5,
        "behandlet": 5744,
        "behandlet.klage": 4795,
        "henlagt": 94,
        "andel_omgjoring_av_mottatt": 886 / 7029,
        "rettssaker.medhold_andel": 0.87449,
        "ikke.publisert": 1,  # tall som ikke er publisert, tas ikke med
    },
}
KA = avstemming.KjentAvvik
AVVIK_DICT = {
    ("behandlet.klage", 2023): KA("Klagene og anmodningene summerer ikke til totalen.", 4795),
    ("henlagt", 2023): KA("Strømmen går ikke opp.", 94),
    ("andel_omgjoring_av_mottatt", 2023): KA("886 / 7 029 = 12,60 %.", 0.126049),
    ("beholdning.diverse", 2022): KA("Gjelder et annet år.", None),
}


@pytest.fixture
def sammenligning() -> pd.DataFrame:
    return avstemming.sammenlign(FIGURER, PUBL, AVVIK_DICT)


def test_sammenlign_kolonner_og_rader(sammenligning):
    assert sammenligning.columns.tolist() == [
        "id",
        "år",
        "kilde",
        "publisert",
        "beregnet",
        "toleranse",
        "status",
        "grunn",
    ]
    assert len(sammenligning) == len(PUBL)
    assert sammenligning["id"].tolist() == [r["id"] for r in PUBL]  # publiseringsrekkefølgen
    assert sammenligning["år"].tolist() == [r["year"] for r in PUBL]
    assert sammenligning["kilde"].tolist() == [r["source"] for r in PUBL]
    assert sammenligning["publisert"].tolist() == [r["value"] for r in PUBL]
    assert sammenligning["toleranse"].tolist() == [r["tolerance"] for r in PUBL]
    assert "ikke.publisert" not in set(sammenligning["id"])


def test_sammenlign_status(sammenligning):
    assert sammenligning["status"].tolist() == [
        "stemmer",  # 7029 = 7029
        "stemmer",  # |0,6445 − 0,644| = 0,0005 ≤ 0,0005 (flyttallsstøy tolereres)
        "stemmer",  # |0,6435 − 0,644| = 0,0005
        "stemmer",  # |154,5 − 154| = 0,5
        "avviker",  # |154,51 − 154| = 0,51 > 0,5
        "avviker",  # 5744 ≠ 5743, ikke i avvikslisten
        "kjent avvik",
        "stemmer",  # i avvikslisten, men treffer: «stemmer» går foran
        "avviker",  # mangler i figurene; avviket står for et annet år
        "kjent avvik",  # 886 / 7029 = 0,12605 − 0,127 > 0,0005
        "avviker",  # hele året mangler
        "avviker",  # 0,875 − 0,87449 = 0,00051 > 0,0005
    ]
    assert sammenligning["grunn"].tolist() == [
        "",
        "",
        "",
        "",
        "",
        "",
        "Klagene og anmodningene summerer ikke til totalen.",
        "",  # stemmer: ingen grunn, selv om avviket er listet
        "",
        "886 / 7 029 = 12,60 %.",
        "",
        "",
    ]


def test_sammenlign_beregnet(sammenligning):
    beregnet = sammenligning["beregnet"].tolist()
    assert beregnet[0] == 7029
    assert beregnet[1] == 0.6445
    assert beregnet[5] == 5744
    for i in (8, 10):  # mangler
        assert beregnet[i] is None or math.isnan(beregnet[i])


def test_sammenlign_toleranse_grensen_for_heltall():
    publ = [rad("mottatt", 2023, 100, 0), rad("behandlet", 2023, 100, 2)]
    for beregnet, forventet in (
        ({"mottatt": 100, "behandlet": 102}, ["stemmer", "stemmer"]),
        ({"mottatt": 101, "behandlet": 98}, ["avviker", "stemmer"]),
        ({"mottatt": 99, "behandlet": 103}, ["avviker", "avviker"]),
    ):
        s = avstemming.sammenlign({2023: beregnet}, publ, {})
        assert s["status"].tolist() == forventet, beregnet


def test_kjent_avvik_gjelder_bare_tallet_det_er_begrunnet_for():
    """Et listet avvik er «kjent» bare når boka beregner tallet grunnen er skrevet for; ellers
    avviker det uten begrunnelse (grunnen vises ikke ved et annet tall)."""
    publ = [rad("henlagt", 2023, 94, 0), rad("behandlet.returland.polen", 2023, 12, 0)]
    avvik = {
        ("henlagt", 2023): KA("Strømmen går ikke opp.", 183),
        ("behandlet.returland.polen", 2023): KA("Returlandet finnes ikke i kontrakten.", None),
    }
    for figurer, status in (
        ({"henlagt": 183}, ["kjent avvik", "kjent avvik"]),  # 183 og ingen verdi: som begrunnet
        ({"henlagt": 183.0000009}, ["kjent avvik", "kjent avvik"]),  # innenfor seks desimaler
        ({"henlagt": 183.000002}, ["avviker", "kjent avvik"]),
        ({"henlagt": 183_000}, ["avviker", "kjent avvik"]),
        ({}, ["avviker", "kjent avvik"]),  # henlagt ikke beregnet
        ({"henlagt": 183, "behandlet.returland.polen": 12.5}, ["kjent avvik", "avviker"]),
        ({"henlagt": 94}, ["stemmer", "kjent avvik"]),
    ):
        s = avstemming.sammenlign({2023: figurer}, publ, avvik)
        assert s["status"].tolist() == status, figurer
        assert [g for g, st in zip(s["grunn"], status) if st == "avviker"] == [""] * status.count("avviker")


def test_samme_verdi():
    assert avstemming.samme_verdi(None, None) and avstemming.samme_verdi(float("nan"), None)
    assert not avstemming.samme_verdi(0, None) and not avstemming.samme_verdi(None, 0)
    assert avstemming.samme_verdi(0.126049, 0.1260492) and not avstemming.samme_verdi(0.126049, 0.126051)


def test_kjente_avvik_krever_beregnet(tmp_path):
    fil = tmp_path / "avvik.yaml"
    fil.write_text("- id: henlagt\n  year: 2023\n  beregnet: 183\n  grunn: Strømmen.\n", encoding="utf-8")
    assert avstemming.kjente_avvik(fil) == {("henlagt", 2023): KA("Strømmen.", 183)}
    fil.write_text("- id: henlagt\n  year: 2023\n  grunn: Strømmen.\n", encoding="utf-8")
    with pytest.raises(ValueError, match="henlagt 2023 mangler «beregnet»"):
        avstemming.kjente_avvik(fil)


def test_sammenlign_aar_som_tekst_i_publiseringen():
    s = avstemming.sammenlign({2023: {"mottatt": 1}}, [rad("mottatt", "2023", 1, 0)], {})
    assert s["år"].tolist() == [2023]
    assert s["status"].tolist() == ["stemmer"]


# --- oversikt ----------------------------------------------------------------------------


def test_oversikt(sammenligning):
    o = avstemming.oversikt(sammenligning)
    assert o.columns.tolist() == ["Status", "Antall publiserte tall"]
    assert o["Status"].tolist() == ["Stemmer", "Kjent avvik", "Avviker"]
    assert o["Antall publiserte tall"].tolist() == [5, 2, 5]
    assert o["Antall publiserte tall"].sum() == len(PUBL)


def test_oversikt_med_null_i_en_status():
    s = avstemming.sammenlign({2023: {"mottatt": 7029}}, [rad("mottatt", 2023, 7029, 0)], {})
    o = avstemming.oversikt(s)
    assert o["Antall publiserte tall"].tolist() == [1, 0, 0]


# --- avvikstabell --------------------------------------------------------------------


def test_avvikstabell(sammenligning):
    a = avstemming.avvikstabell(sammenligning, kapitler.katalog())
    assert a.columns.tolist() == ["Tall (figur-id)", "År", "Publisert", "Beregnet", "Grunn"]
    # bare det som ikke stemmer, i samme rekkefølge
    assert a["Tall (figur-id)"].tolist() == [
        "saksbehandlingstid",
        "behandlet",
        "behandlet.klage",
        "beholdning.diverse",
        "andel_omgjoring_av_mottatt",
        "mottatt",
        "rettssaker.medhold_andel",
    ]
    assert a["År"].tolist() == ["2022", "2023", "2023", "2023", "2023", "2021", "2023"]
    # norsk formatering etter enheten i id-en; «–» for det som mangler
    assert a["Publisert"].tolist() == [
        f"154{NB}dager",
        f"5{NB}743",
        f"4{NB}790",
        "3",
        f"12,7{NB}%",
        f"5{NB}000",
        f"87,5{NB}%",
    ]
    assert a["Beregnet"].tolist() == [
        f"155{NB}dager",  # 154,51 avrundes til hele dager
        f"5{NB}744",
        f"4{NB}795",
        "–",
        f"12,6{NB}%",
        "–",
        f"87,4{NB}%",
    ]
    # avvik uten begrunnelse merkes
    assert a["Grunn"].tolist() == [
        IKKE_BEGRUNNET,
        IKKE_BEGRUNNET,
        "Klagene og anmodningene summerer ikke til totalen.",
        IKKE_BEGRUNNET,
        f"886 / 7{NB}029 = 12,60{NB}%.",  # harde mellomrom også i begrunnelsene
        IKKE_BEGRUNNET,
        IKKE_BEGRUNNET,
    ]


def test_avvikstabell_tom_naar_alt_stemmer():
    s = avstemming.sammenlign({2023: {"mottatt": 7029}}, [rad("mottatt", 2023, 7029, 0)], {})
    a = avstemming.avvikstabell(s, kapitler.katalog())
    assert a.empty
    assert a.columns.tolist() == ["Tall (figur-id)", "År", "Publisert", "Beregnet", "Grunn"]


def test_alle_for_ar_viser_hvert_tall_med_differanse_og_grunn():
    publ = [
        rad("mottatt", 2023, 7029, 0),  # stemmer eksakt
        rad("andel_omgjoring_av_mottatt", 2023, 0.127, 0.0005),  # 0,1260: kjent avvik
        rad("saksbehandlingstid", 2023, 154, 0.5),  # 154,3 innenfor avrundingen
        rad("behandlet", 2023, 5743, 0),  # 5 748: avviker uten grunn
        rad("rettssaker.nye", 2023, 100, 0),  # ikke beregnet
        rad("mottatt", 2022, 6000, 0),  # et annet år er ikke med
    ]
    figurer = {
        2023: {"mottatt": 7029, "andel_omgjoring_av_mottatt": 0.1260, "saksbehandlingstid": 154.3, "behandlet": 5748},
        2022: {"mottatt": 6000},
    }
    avvik = {("andel_omgjoring_av_mottatt", 2023): KA("886 / 7 029 = 12,60 %.", 0.126)}
    t = avstemming.alle_for_ar(avstemming.sammenlign(figurer, publ, avvik), 2023, kapitler.katalog())
    assert t.columns.tolist() == ["Kilde", "Tall (figur-id)", "Publisert", "Beregnet", "Differanse", "Merknad"]
    assert t["Tall (figur-id)"].tolist() == [
        "mottatt",
        "andel_omgjoring_av_mottatt",
        "saksbehandlingstid",
        "behandlet",
        "rettssaker.nye",
    ]
    assert t["Differanse"].tolist() == [
        "0",
        f"−0,1{NB}pp",  # 12,60 % − 12,7 % = −0,1 prosentpoeng
        "innenfor avrundingen",
        "+5",  # 5 748 − 5 743
        "–",
    ]
    assert t["Merknad"].tolist() == [
        "Stemmer",
        f"886 / 7{NB}029 = 12,60{NB}%.",
        "Stemmer",
        "Ikke begrunnet – må rettes",
        "Ikke begrunnet – må rettes",
    ]
    assert t["Beregnet"].iloc[4] == "–"


def test_tekst_og_differanse_etter_tallkatalogen():
    """Publisert og beregnet skrives slik boka skriver tallet (tallkatalogen); en publisert id
    boka ikke beregner, står ikke i katalogen og skrives som et tall."""
    publ = [
        rad("rettssaker.nye_andel.prosedyreenheten", 2023, 0.5, 0.005),  # andel: prosent og prosentpoeng
        rad("arsverk", 2023, 203.9, 0.05),  # årsverk: én desimal
        rad("vekttall_per_sak", 2023, 0.309, 0.0005),  # tre desimaler
        rad("behandlet.utvisning.straffet_257_391a", 2023, 12, 0),  # ikke beregnet, ikke i katalogen
        rad("behandlet.utvisning.straffet_257_391a", 2022, 2.5, 0),
    ]
    figurer = {
        2023: {
            "rettssaker.nye_andel.prosedyreenheten": 0.5070422535211268,
            "arsverk": 204.04,
            "vekttall_per_sak": 0.3105,
        }
    }
    s = avstemming.sammenlign(figurer, publ, {})
    t = avstemming.alle_for_ar(s, 2023, kapitler.katalog())
    assert t["Publisert"].tolist() == [f"50,0{NB}%", "203,9", "0,309", "12"]
    assert t["Beregnet"].tolist() == [f"50,7{NB}%", "204,0", "0,311", "–"]
    assert t["Differanse"].tolist() == [f"+0,7{NB}pp", "+0,1", "+0,002", "–"]
    assert avstemming.avvikstabell(s, kapitler.katalog())["Publisert"].tolist()[-1] == "2,50"
