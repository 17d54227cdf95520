"""Tallkatalogen (``arsrapport.utdata.tallkatalog``): motoren på håndlagde tilfeller, og katalogen
over alle kapitlene mot det kapitlene faktisk beregner på de medfølgende dataene."""

from __future__ import annotations

import importlib
from collections import Counter

import numpy as np
import pytest

from arsrapport import kapitler
from arsrapport.utdata.tallkatalog import Katalog, Tall, UgyldigReferanse, katalog

NB = "\u00a0"  # hardt mellomrom: tusenskille og foran enheten
MINUS = "\u2212"
RAPPORTAR = 2023


# ------------------------------------------------------------------ det kapitlene beregner


@pytest.fixture(scope="module")
def beregnet(medfolgende_uttrekk, medfolgende_resultater):
    """Alle kapitlene for rapportåret på de medfølgende dataene, i denne prosessen."""
    uttrekk = medfolgende_uttrekk
    resultater = medfolgende_resultater
    figurer = kapitler.slå_sammen_figurer(resultater)
    tekster = dict(kapitler.felles_tekster(uttrekk, RAPPORTAR))
    for r in resultater:
        tekster.update(r.tekster)
    return figurer, tekster


# ------------------------------------------------------------------ fullstendighet


def _grunnlag(kat: Katalog, fid: str) -> Tall | None:
    """Oppføringen id-en hører til: det eneste treffet, eller grunnlaget for en avledet endring."""
    treff = kat.treff(fid)
    if len(treff) == 1:
        return treff[0]
    if not treff:
        t = kat.finn(fid)
        if t is not None and t.avledet:
            return kat.treff(fid.rsplit(".", 1)[0])[0]
    return None


def test_hver_beregnet_id_treffer_noyaktig_en_oppforing(beregnet):
    figurer, tekster = beregnet
    kat = katalog()
    ider = set(tekster).union(*figurer.values())
    feil = []
    for fid in sorted(ider):
        if _grunnlag(kat, fid) is None:
            feil.append(f"{fid}: {[t.monster for t in kat.treff(fid)] or 'ingen oppføring'}")
    assert not feil, f"{len(feil)} id-er treffer ikke nøyaktig én oppføring i TALL (de første 20):\n" + "\n".join(
        feil[:20]
    )


def test_tekstene_har_enheten_tekst_og_tallene_ikke(beregnet):
    figurer, tekster = beregnet
    kat = katalog()
    assert {kat.enhet(fid) for fid in tekster} == {"tekst"}
    tall_ider = set().union(*figurer.values())
    assert not [fid for fid in tall_ider if kat.enhet(fid) == "tekst"]


def test_ingen_dode_oppforinger(beregnet):
    """Hver oppføring dekker minst én beregnet id (direkte, eller som grunnlaget for en endring:
    ``kpi`` beregnes bare som ``kpi.endring``)."""
    figurer, tekster = beregnet
    kat = katalog()
    brukt = Counter()
    for fid in set(tekster).union(*figurer.values()):
        t = _grunnlag(kat, fid)
        if t is not None:
            brukt[t] += 1
    dode = [f"{t.kapittel}: {t.monster}" for t in kat.oppforinger if not brukt[t]]
    assert not dode, "oppføringer ingen beregnet id treffer:\n" + "\n".join(dode)


def test_hver_funksjon_finnes():
    for t in katalog().oppforinger:
        modul, _, navn = t.funksjon.rpartition(".")
        assert modul.startswith("arsrapport."), t
        assert callable(getattr(importlib.import_module(modul), navn, None)), f"{t.monster}: {t.funksjon} finnes ikke"


def test_oppforingene_er_unike_og_har_kapittel():
    oppf = katalog().oppforinger
    assert len({t.monster for t in oppf}) == len(oppf)
    assert all(t.kapittel for t in oppf)


# ------------------------------------------------------------------ katalogens enheter og tekster
# (tilfellene fra test_lim.py, da enheten ble gjettet av stavemåten i lim.enhet/lim.som_tekst)


@pytest.mark.parametrize(
    "fid, enhet",
    [
        # antall
        ("mottatt", "antall"),
        ("mottatt.asyl", "antall"),
        ("behandlet.form.nemndmote", "antall"),
        ("behandlet.sakstype.tilbakekall_statsborgerskap.form.nemndmote", "antall"),
        ("beholdning_start.familie", "antall"),
        ("omgjort.form.nmp", "antall"),
        ("rettssaker.medhold", "antall"),
        ("rettssaker.dager_i_retten", "antall"),  # en sum av dager, ikke et snitt
        ("uiv.mottatt.mnd.03", "antall"),
        ("ema.behandlet.klage", "antall"),
        ("ema.personer", "antall"),
        ("lengevarende_barn.omgjort", "antall"),
        ("sp1.oppnadd", "antall"),
        # andeler
        ("omgjoringsandel", "andel"),
        ("omgjoringsandel.asyl_realitet.nasjonalitet.iran", "andel"),
        ("avgjort_andel.form.nmp", "andel"),
        ("avgjort_andel.asyl.form.nemndmote", "andel"),
        ("avgjort_andel_nemndmote.form.nup", "andel"),
        ("andel_omgjoring_av_mottatt", "andel"),
        ("rettssaker.medhold_andel", "andel"),
        ("rettssaker.tap_andel", "andel"),
        ("rettssaker.nye_andel.prosedyreenheten", "andel"),  # lim.enhet sa «antall» og skrev «0»
        ("ema_under_18.avgjort_andel.form.nl", "andel"),
        ("lengevarende_barn.avgjort_andel.form.nemndmote", "andel"),
        ("lengevarende_barn.omgjoringsandel", "andel"),
        ("barnefamilie.andel_klage_av_behandlet", "andel"),
        ("nokkeltall.utnyttelsesgrad", "andel"),
        ("note2.premiesats_arbeidsgiverandel", "andel"),
        # dager
        ("saksbehandlingstid", "dager"),
        ("saksbehandlingstid.form.nemndmote", "dager"),
        ("saksbehandlingstid_tertial.2", "dager"),
        ("beholdning_alder", "dager"),
        ("beholdning_alder.asyl", "dager"),
        ("beholdning_alder_start.familie", "dager"),
        ("ema_under_18.saksbehandlingstid.klage", "dager"),
        ("barnefamilie.saksbehandlingstid", "dager"),
        ("sp1.alder", "dager"),
        ("sp1.grense_dager", "dager"),
        # endringer: relativ endring er en andel, absolutt endring har grunntallets enhet
        ("mottatt.endring", "andel"),
        ("beholdning.asyl.endring", "andel"),
        ("saksbehandlingstid.endring", "andel"),
        ("vekttall.endring", "andel"),
        ("mottatt.endring_abs", "antall"),
        ("beholdning.arbeid_opphold.endring_abs", "antall"),
        ("saksbehandlingstid.endring_abs", "dager"),
        ("beholdning_alder.endring_abs", "dager"),
        ("beholdning_alder_start.endring_abs", "dager"),
        ("nokkeltall.lonn_per_arsverk.endring_abs", "kroner"),
        # årsverk og desimaltall
        ("arsverk", "arsverk"),
        ("arsverk.saksenhetene", "arsverk"),
        ("nokkeltall.arsverk", "arsverk"),
        ("note2.antall_arsverk", "arsverk"),
        ("rettssaker.dager_per_sak", "desimaltall"),
        ("saker_per_arsverk.saksenheter_nemndledere", "desimaltall"),
        ("vekttall", "desimaltall"),
        ("vekttall_per_sak", "desimaltall"),
        ("vekt.asylsaker.form.nmp", "desimaltall"),
        ("prioritet.arbeidsdager_snitt", "desimaltall"),
        # kroner
        ("kostnad_per_sak", "kroner"),
        ("bevilgning.0491.01.merutgift", "kroner"),
        ("note3.husleie", "kroner"),
        ("note2.lonn", "kroner"),
        # tekster
        ("topp.behandlet.asyl_realitet.klage", "tekst"),
        ("uttrekksdato", "tekst"),
    ],
)
def test_enhet(fid, enhet):
    assert katalog().enhet(fid) == enhet


@pytest.mark.parametrize(
    "fid, verdi, tekst",
    [
        ("mottatt", 7029, f"7{NB}029"),
        ("mottatt.asyl", 940, "940"),
        ("behandlet", 0, "0"),
        ("beholdning", 12112653, f"12{NB}112{NB}653"),
        ("mottatt", -5, f"{MINUS}5"),  # bare endringene står uten fortegn
        ("omgjoringsandel", 0.644, f"64,4{NB}%"),
        ("omgjoringsandel.klage", 0.14049, f"14,0{NB}%"),
        ("avgjort_andel.form.sek", 0.1445, f"14,5{NB}%"),  # halvt opp
        ("andel_omgjoring_av_mottatt", 886 / 7029, f"12,6{NB}%"),
        ("rettssaker.medhold_andel", 0.875, f"87,5{NB}%"),
        ("rettssaker.tap_andel", 1.0, f"100,0{NB}%"),
        ("rettssaker.nye_andel.prosedyreenheten", 0.375, f"37,5{NB}%"),
        ("saksbehandlingstid", 154.4, f"154{NB}dager"),
        ("saksbehandlingstid", 154.5, f"155{NB}dager"),
        ("saksbehandlingstid", -3.0, f"{MINUS}3{NB}dager"),
        ("saksbehandlingstid.form.nmp", 1.0, f"1{NB}dag"),
        ("beholdning_alder", 0.0, f"0{NB}dager"),
        # relativ endring: hele prosent, uten fortegn (verbet bærer retningen)
        ("mottatt.endring", 0.3149, f"31{NB}%"),
        ("mottatt.endring", -0.072, f"7{NB}%"),
        ("behandlet.endring", -0.5, f"50{NB}%"),
        ("beholdning.endring", 0.005, f"1{NB}%"),
        ("beholdning.endring", 0.004, f"0{NB}%"),
        ("beholdning.endring", 2.0, f"200{NB}%"),
        # absolutt endring: antall eller dager, uten fortegn
        ("mottatt.endring_abs", 1106, f"1{NB}106"),
        ("mottatt.endring_abs", -1106, f"1{NB}106"),
        ("beholdning.asyl.endring_abs", 0, "0"),
        ("saksbehandlingstid.endring_abs", -12.4, f"12{NB}dager"),
        ("beholdning_alder.endring_abs", 1, f"1{NB}dag"),
        ("beholdning_alder.endring_abs", -1, f"1{NB}dag"),
        ("rettssaker.dager_per_sak", 2.25, "2,3"),  # én desimal, halvt opp
        ("rettssaker.dager_per_sak", 2.0, "2,0"),
        ("rettssaker.dager_per_sak", 1234.56, f"1{NB}234,6"),
        # produktivitet: årsverk og saker per årsverk med én desimal, vekter med tre
        ("arsverk", 203.9, "203,9"),
        ("saker_per_arsverk", 27.54, "27,5"),
        ("vekttall", 1869.25, f"1{NB}869,3"),
        ("vekttall_per_sak", 0.3094, "0,309"),
        ("vekt.oppholdssaker.form.sek", 0.15, "0,150"),
        ("kostnad_per_sak", 49012.4, f"49{NB}012"),
        # mål i tildelingsbrevet i hele prosent, resultatet med én desimal
        ("sp1.mal_andel", 0.7, f"70{NB}%"),
        ("sp1.andel_under_grense", 0.6443, f"64,4{NB}%"),
        ("sp1.grense_dager", 180, f"180{NB}dager"),
        # regnskapet
        ("nokkeltall.arsverk", 203.9, "203,9"),
        ("note2.antall_arsverk", 203.94, "203,9"),
        ("nokkeltall.utnyttelsesgrad", 0.96051, f"96,1{NB}%"),
        ("nokkeltall.lonnsandel", 0.75136, f"75,1{NB}%"),
        ("note2.premiesats_arbeidsgiverandel", 0.096, f"9,6{NB}%"),
        ("nokkeltall.lonn_per_arsverk", 1_033_463.2, f"1{NB}033{NB}463"),
        ("nokkeltall.lonn_per_arsverk.endring_abs", -9592.000000000116, f"9{NB}592"),
        ("kapitalregnskap.705011", -17069580.2, f"{MINUS}17{NB}069{NB}580"),
        ("note8.sum.forskjell", -70.3, f"{MINUS}70"),
    ],
)
def test_tekst(fid, verdi, tekst):
    assert katalog().tekst(fid, verdi) == tekst


def test_tekst_tar_numpy_tall():
    assert katalog().tekst("mottatt", np.int64(7029)) == f"7{NB}029"
    assert katalog().tekst("omgjoringsandel", np.float64(0.644)) == f"64,4{NB}%"
    assert katalog().tekst("saksbehandlingstid", np.float32(154.5)) == f"155{NB}dager"


def test_fortegnsord_for_belop():
    """Beløp der fortegnet er et ord: tallet uten fortegn og ordet for retningen."""
    from arsrapport.utdata.tallkatalog import Tallverdier

    figurer = {
        2023: {
            "bevilgning.0491.01.merutgift": 17_179_093.0,  # tildeling − regnskap > 0: mindreutgift
            "bevilgning.0491.21.merutgift": -66_440.0,  # < 0: merutgift
            "nokkeltall.merforbruk": -12_112_653.0,  # utbetaling − tildeling < 0: mindreforbruk
            "note_b.0491.01.etter_belastningsfullmakter": 0.0,  # null regnes som mindreutgift
            "note_b.0491.01.grunnlag_overforing": -5.0,
            "nokkeltall.driftsutgifter": 283_280_688.0,  # ikke et fortegnsord
        },
        2022: {"nokkeltall.merforbruk": 100.0},
    }
    v = Tallverdier(2023, figurer, katalog=katalog())
    assert v.vis("bevilgning.0491.01.merutgift") == f"17{NB}179{NB}093"
    assert v.vis("bevilgning.0491.01.merutgift.abs") == f"17{NB}179{NB}093"
    assert v.vis("bevilgning.0491.01.merutgift.ord") == "mindreutgift"
    assert v.vis("bevilgning.0491.21.merutgift") == f"{MINUS}66{NB}440"
    assert v.vis("bevilgning.0491.21.merutgift.abs") == f"66{NB}440"
    assert v.vis("bevilgning.0491.21.merutgift.ord") == "merutgift"
    assert v.vis("nokkeltall.merforbruk.abs") == f"12{NB}112{NB}653"
    assert v.vis("nokkeltall.merforbruk.ord") == "mindreforbruk"
    assert v.vis("nokkeltall.merforbruk@f1.ord") == "merforbruk"
    assert v.vis("note_b.0491.01.etter_belastningsfullmakter.ord") == "mindreutgift"
    assert v.vis("note_b.0491.01.grunnlag_overforing.ord") == "merutgift"
    with pytest.raises(UgyldigReferanse, match="ingen fortegnsord"):
        v.vis("nokkeltall.driftsutgifter.ord")
    with pytest.raises(UgyldigReferanse, match="ingen fortegnsord"):
        v.vis("nokkeltall.driftsutgifter.abs")


def test_fortegnsord_bare_der_fortegnet_er_et_ord(beregnet):
    """De beløpene som har fortegnsord, er de som slutter på merutgift,
    etter_belastningsfullmakter, grunnlag_overforing og merforbruk (som lim.FORTEGNSORD)."""
    figurer, _ = beregnet
    ord_ = {
        "merutgift": ("mindreutgift", "merutgift"),
        "etter_belastningsfullmakter": ("mindreutgift", "merutgift"),
        "grunnlag_overforing": ("mindreutgift", "merutgift"),
        "merforbruk": ("merforbruk", "mindreforbruk"),
    }
    for fid in set().union(*figurer.values()):
        assert katalog().finn(fid).fortegnsord == ord_.get(fid.rsplit(".", 1)[-1]), fid


# ------------------------------------------------------------------ mønstrene


@pytest.mark.parametrize(
    "monster, ja, nei",
    [
        (
            "behandlet[.{segment}][.{type}][.{form}]",
            [
                "behandlet",
                "behandlet.asyl",
                "behandlet.klage",
                "behandlet.form.nmp",
                "behandlet.asyl.klage.form.nmp",
                "behandlet.sakstype.visum.omgjoring",
                "behandlet.hjemmel.utl_37_63",
            ],
            [
                "behandlet.",
                "behandlet.klage.asyl",
                "behandlet.form.xyz",
                "behandlet.asyl.endring",
                "behandletx",
                "mottatt",
                "behandlet.sakstype",
            ],
        ),
        (
            "uiv.mottatt.mnd.{maned}",
            ["uiv.mottatt.mnd.01", "uiv.mottatt.mnd.12"],
            ["uiv.mottatt.mnd.00", "uiv.mottatt.mnd.13", "uiv.mottatt.mnd.1"],
        ),
        ("note_b.{post}.merutgift", ["note_b.0491.01.merutgift"], ["note_b.491.01.merutgift", "note_b.0491.merutgift"]),
        ("{populasjon}.personer", ["ema.personer", "ema_under_18.personer"], ["emaa.personer", "personer"]),
        # {ledd} er ett ledd, men aldri endring/endring_abs (de er forbeholdt avledningen)
        (
            "arsverk[.{ledd}]",
            ["arsverk", "arsverk.ovrige", "arsverk.endringer"],
            ["arsverk.endring", "arsverk.endring_abs", "arsverk.a.b"],
        ),
        ("note8.{ledd}.{ledd}", ["note8.sum.bokfort"], ["note8.endring.bokfort", "note8.sum"]),
    ],
)
def test_kompiler(monster, ja, nei):
    from arsrapport.presentasjon.tallspek import kompiler

    uttrykk = kompiler(monster)
    assert [f for f in ja if not uttrykk.fullmatch(f)] == []
    assert [f for f in nei if uttrykk.fullmatch(f)] == []


@pytest.mark.parametrize(
    "monster, melding",
    [
        ("behandlet.{gruppe}", r"ukjent plassholder \{gruppe\}"),
        ("Behandlet", "hører ikke hjemme"),
        ("behandlet-asyl", "hører ikke hjemme"),
        ("behandlet.*", "hører ikke hjemme"),
    ],
)
def test_kompiler_feil(monster, melding):
    from arsrapport.presentasjon.tallspek import kompiler

    with pytest.raises(ValueError, match=melding):
        kompiler(monster)


def test_ukjent_plassholder_gir_feil_forst_nar_monsteret_brukes():
    t = Tall("x.{gruppe}", "antall", "Noe.", "arsrapport.kapitler.beregn")
    with pytest.raises(ValueError, match="ukjent plassholder"):
        Katalog([t]).treff("x.asyl")


@pytest.mark.parametrize(
    "kw, melding",
    [
        ({"enhet": "prosent"}, "ukjent enhet 'prosent'"),
        ({"enhet": "desimaltall"}, "trenger desimaler="),
        ({"definisjon": "To\nlinjer."}, "én linje"),
        ({"definisjon": "  "}, "én linje"),
    ],
)
def test_ugyldig_oppforing(kw, melding):
    args = {"monster": "x", "enhet": "antall", "definisjon": "Noe.", "funksjon": "arsrapport.kapitler.beregn"} | kw
    with pytest.raises(ValueError, match=melding):
        Tall(**args)


# ------------------------------------------------------------------ teksten per enhet


def _t(enhet: str, **kw) -> Tall:
    return Tall("x", enhet, "Et tall.", "arsrapport.kapitler.beregn", **kw)


@pytest.mark.parametrize(
    "tall, verdi, tekst",
    [
        (_t("antall"), 7029, f"7{NB}029"),
        (_t("antall"), 0, "0"),
        (_t("antall"), -5, f"{MINUS}5"),
        (_t("antall"), 1234567, f"1{NB}234{NB}567"),
        (_t("kroner"), 17179093, f"17{NB}179{NB}093"),
        (_t("kroner"), -12112652.8, f"{MINUS}12{NB}112{NB}653"),
        (_t("kroner"), 0.5, "1"),  # halvt opp, bort fra null
        (_t("kroner"), -0.4, "0"),  # avrundet til null: uten fortegn
        (_t("dager"), 154.4, f"154{NB}dager"),
        (_t("dager"), 154.5, f"155{NB}dager"),
        (_t("dager"), 1, f"1{NB}dag"),
        (_t("dager"), 0.6, f"1{NB}dag"),
        (_t("dager"), -3.0, f"{MINUS}3{NB}dager"),
        (_t("andel"), 0.644, f"64,4{NB}%"),
        # halvt opp på tallet slik det er skrevet: 64,45 → 64,5 (Babel alene runder til partall: «64,4 %»)
        (_t("andel"), 0.6445, f"64,5{NB}%"),
        (_t("andel"), 0.64449, f"64,4{NB}%"),
        (_t("andel"), 0.6425, f"64,3{NB}%"),  # Babel alene: «64,2 %»
        (_t("andel"), -0.6445, f"{MINUS}64,5{NB}%"),
        (_t("andel"), 1.0, f"100,0{NB}%"),
        (_t("andel", desimaler=0), 0.7, f"70{NB}%"),  # mål i tildelingsbrevet: hele prosent
        (_t("andel", desimaler=0), 0.705, f"71{NB}%"),
        (_t("arsverk"), 203.94, "203,9"),
        (_t("arsverk"), 203.95, "204,0"),
        (_t("arsverk"), 1234.5, f"1{NB}234,5"),
        (_t("desimaltall", desimaler=1), 2.25, "2,3"),
        (_t("desimaltall", desimaler=3), 0.3085, "0,309"),
        (_t("desimaltall", desimaler=3), 1234.5678, f"1{NB}234,568"),
        (_t("tekst"), "Iran (93) og Irak (44)", "Iran (93) og Irak (44)"),
        (_t("tekst"), 110, "110"),
    ],
)
def test_tekst_per_enhet(tall, verdi, tekst):
    assert tall.tekst(verdi) == tekst


def _katalog_med(*oppforinger: Tall) -> Katalog:
    return Katalog(oppforinger)


ENKEL = _katalog_med(
    Tall("mottatt[.{type}]", "antall", "Saker mottatt.", "arsrapport.maal.saksbehandling.mottatt"),
    Tall("saksbehandlingstid", "dager", "Snitt tid.", "arsrapport.maal.saksbehandling.saksbehandlingstid"),
    Tall("kostnad", "kroner", "Kroner.", "arsrapport.kapitler.produktivitet.figurer_for_ar"),
    Tall("arsverk", "arsverk", "Årsverk.", "arsrapport.kapitler.produktivitet.arsverk"),
    Tall("omgjoringsandel", "andel", "Andel.", "arsrapport.maal.saksbehandling.omgjoringsandel"),
    Tall("topp.land", "tekst", "Navn.", "arsrapport.maal.portefolje.tekster"),
    Tall(
        "note_b.{post}.merutgift",
        "kroner",
        "Tildeling − regnskap.",
        "arsrapport.regnskap.note_b",
        fortegnsord=("mindreutgift", "merutgift"),
    ),
)


@pytest.mark.parametrize(
    "fid, verdi, tekst",
    [
        # relativ endring: hele prosent, uten fortegn (verbet bærer retningen)
        ("mottatt.endring", 0.3149, f"31{NB}%"),
        ("mottatt.endring", -0.072, f"7{NB}%"),
        ("mottatt.klage.endring", 0.005, f"1{NB}%"),
        ("mottatt.endring", -0.005, f"1{NB}%"),
        ("mottatt.endring", 0.0049, f"0{NB}%"),
        ("saksbehandlingstid.endring", -0.5, f"50{NB}%"),  # relativ, uansett grunnenhet
        ("omgjoringsandel.endring", 2.0, f"200{NB}%"),
        # absolutt endring: i grunntallets enhet, uten fortegn
        ("mottatt.endring_abs", -1106, f"1{NB}106"),
        ("mottatt.endring_abs", 0, "0"),
        ("saksbehandlingstid.endring_abs", -12.4, f"12{NB}dager"),
        ("saksbehandlingstid.endring_abs", -0.5, f"1{NB}dag"),
        ("kostnad.endring_abs", -9592.000000000116, f"9{NB}592"),
        ("arsverk.endring_abs", -2.35, "2,4"),
        ("omgjoringsandel.endring_abs", -0.012, f"1,2{NB}%"),
        # og uten endring: med fortegn
        ("note_b.0491.01.merutgift", -12112652.8, f"{MINUS}12{NB}112{NB}653"),
    ],
)
def test_tekst_for_endringer_uten_fortegn(fid, verdi, tekst):
    assert ENKEL.tekst(fid, verdi) == tekst


def test_avledede_oppforinger():
    e = ENKEL.finn("mottatt.klage.endring")
    assert (e.avledet, e.enhet, e.desimaler, e.monster) == ("endring", "andel", 0, "mottatt[.{type}].endring")
    assert e.definisjon == "Endring i prosent fra året før: saker mottatt."
    a = ENKEL.finn("saksbehandlingstid.endring_abs")
    assert (a.avledet, a.enhet, a.definisjon) == ("endring_abs", "dager", "Endring fra året før: snitt tid.")
    # endringen av et beløp med fortegnsord har ingen fortegnsord selv
    assert ENKEL.finn("note_b.0491.01.merutgift.endring_abs").fortegnsord is None
    # ingen endring av tekster, ingen endring av en endring, ingen for ukjente id-er
    assert ENKEL.finn("topp.land.endring") is None
    assert ENKEL.finn("mottatt.endring.endring") is None
    assert ENKEL.finn("ukjent.endring") is None
    with pytest.raises(KeyError, match="står ikke i tallkatalogen"):
        ENKEL.enhet("ukjent")
    with pytest.raises(KeyError, match="står ikke i tallkatalogen"):
        ENKEL.tekst("ukjent", 1)


def test_treff_med_plassholder_forst_og_flere_treff():
    kat = _katalog_med(
        Tall("{populasjon}.behandlet", "antall", "A.", "arsrapport.maal.portefolje.barn_og_familier"),
        Tall("ema.{ledd}", "antall", "B.", "arsrapport.maal.portefolje.barn_og_familier"),
    )
    assert [t.definisjon for t in kat.treff("barnefamilie.behandlet")] == ["A."]
    assert sorted(t.definisjon for t in kat.treff("ema.behandlet")) == ["A.", "B."]  # testen over fanger slikt
    assert kat.treff("ema") == []


# ------------------------------------------------------------------ verb og fortegnsord


@pytest.mark.parametrize(
    "fid, verdi, verb",
    [
        ("mottatt.endring", 0.3149, "økte"),
        ("mottatt.endring", -0.072, "gikk ned"),
        # det som vises som «0 %», er uendret, aldri «økte med 0 %»
        ("mottatt.endring", 0.0049, "var uendret"),
        ("mottatt.endring", -0.0049, "var uendret"),
        ("mottatt.endring", 0.005, "økte"),  # vises som «1 %»
        ("mottatt.endring", -0.005, "gikk ned"),
        ("mottatt.endring", 0, "var uendret"),
        ("mottatt.endring_abs", 0, "var uendret"),
        ("mottatt.endring_abs", 0.4, "var uendret"),  # «0»
        ("mottatt.endring_abs", -1, "gikk ned"),
        ("saksbehandlingstid.endring_abs", 0.4999, "var uendret"),  # «0 dager»
        ("saksbehandlingstid.endring_abs", -0.5, "gikk ned"),  # «1 dag»
        ("arsverk.endring_abs", 0.04, "var uendret"),  # «0,0»
        ("arsverk.endring_abs", 0.05, "økte"),  # «0,1»
    ],
)
def test_verb(fid, verdi, verb):
    assert ENKEL.finn(fid).verb(verdi) == verb


def test_verb_bare_for_endringer():
    with pytest.raises(ValueError, match="bare endringer"):
        ENKEL.finn("mottatt").verb(5)


def test_fortegnsord():
    t = ENKEL.finn("note_b.0491.01.merutgift")
    assert t.ord(17179093) == "mindreutgift"
    assert t.ord(0) == "mindreutgift"  # null er ikke en merutgift
    assert t.ord(-0.01) == "merutgift"
    with pytest.raises(ValueError, match="ingen fortegnsord"):
        ENKEL.finn("mottatt").ord(5)


# ------------------------------------------------------------------ referansene


@pytest.mark.parametrize(
    "tekst, id_, tilbake, variant",
    [
        ("behandlet.asyl", "behandlet.asyl", 0, ""),
        ("  behandlet.asyl ", "behandlet.asyl", 0, ""),
        ("behandlet.asyl@f1", "behandlet.asyl", 1, ""),
        ("mottatt@f0", "mottatt", 0, ""),
        ("mottatt.endring.verb", "mottatt.endring", 0, "verb"),
        ("mottatt.endring@f2.verb", "mottatt.endring", 2, "verb"),  # @f før varianten …
        ("mottatt.endring.verb@f3", "mottatt.endring", 3, "verb"),  # … eller etter
        ("note_b.0491.01.merutgift.ord", "note_b.0491.01.merutgift", 0, "ord"),
        ("note_b.0491.01.merutgift@f1.abs", "note_b.0491.01.merutgift", 1, "abs"),
    ],
)
def test_les_referanse(tekst, id_, tilbake, variant):
    from arsrapport.utdata.tallkatalog import Referanse, les_referanse

    assert les_referanse(tekst) == Referanse(id_, tilbake, variant)


def test_referanse_som_tekst():
    from arsrapport.utdata.tallkatalog import Referanse

    assert str(Referanse("mottatt.endring", 1, "verb")) == "mottatt.endring@f1.verb"
    assert str(Referanse("mottatt")) == "mottatt"


@pytest.mark.parametrize(
    "tekst",
    [
        "",
        "mottatt@f4",
        "mottatt@f1.verb@f2",
        "mottatt@f1@f2",
        "Mottatt",
        "mottatt asyl",
        "mottatt@f",
        "mottatt.",
        ".mottatt",
        "mottatt..asyl",
        "mottatt@f1.tekst",
    ],
)
def test_ugyldig_referanse(tekst):
    from arsrapport.utdata.tallkatalog import UgyldigReferanse, les_referanse

    with pytest.raises(UgyldigReferanse, match="er ikke en tallreferanse"):
        les_referanse(tekst)


# ------------------------------------------------------------------ oppslaget i boka


@pytest.fixture
def verdier():
    from arsrapport.utdata.tallkatalog import Tallverdier

    figurer = {
        2023: {
            "mottatt": 7029,
            "mottatt.klage": 6000,
            "mottatt.endring": -0.072,
            "omgjoringsandel": 0.644,
            "note_b.0491.01.merutgift": -12112652.8,
            "ukatalogisert": 5,
            "saksbehandlingstid": float("nan"),
        },
        2022: {"mottatt": 7600, "mottatt.endring": 0.0049},
    }
    return Tallverdier(2023, figurer, {"topp.land": "Iran (93)"}, ENKEL)


@pytest.mark.parametrize(
    "ref, tekst",
    [
        ("mottatt", f"7{NB}029"),
        ("mottatt@f1", f"7{NB}600"),
        ("mottatt.klage", f"6{NB}000"),
        ("mottatt.endring", f"7{NB}%"),
        ("mottatt.endring.verb", "gikk ned"),
        ("mottatt.endring@f1", f"0{NB}%"),
        ("mottatt.endring@f1.verb", "var uendret"),
        ("mottatt.endring.verb@f1", "var uendret"),
        ("omgjoringsandel", f"64,4{NB}%"),
        ("note_b.0491.01.merutgift", f"{MINUS}12{NB}112{NB}653"),
        ("note_b.0491.01.merutgift.abs", f"12{NB}112{NB}653"),
        ("note_b.0491.01.merutgift.ord", "merutgift"),
        ("topp.land", "Iran (93)"),
    ],
)
def test_vis(verdier, ref, tekst):
    assert verdier.vis(ref) == tekst


@pytest.mark.parametrize(
    "ref, melding",
    [
        ("motatt", r"ukjent tall «motatt»; mente du mottatt, mottatt\.klage"),  # nære id-er foreslås
        ("zzz", r"^ukjent tall «zzz»$"),  # ingen nære: ingen forslag
        ("omgjoringsandel@f1", r"«omgjoringsandel@f1»: omgjoringsandel er ikke beregnet for 2022"),
        ("mottatt@f3", "mottatt er ikke beregnet for 2020"),
        ("saksbehandlingstid", "saksbehandlingstid er ikke beregnet for 2023"),  # NaN er ikke et tall
        ("mottatt.verb", r"«mottatt\.verb»: .*bare endringer"),
        ("mottatt.abs", r"«mottatt\.abs»: mottatt har ingen fortegnsord"),
        ("mottatt.ord", "ingen fortegnsord"),
        ("topp.land@f1", "topp.land er en tekst for rapportåret, uten @f og varianter"),
        ("topp.land.verb", "er en tekst for rapportåret"),
        ("ukatalogisert", "«ukatalogisert» er beregnet, men mangler i tallkatalogen"),
        ("mottatt@f9", "er ikke en tallreferanse"),
    ],
)
def test_vis_feil(verdier, ref, melding):
    from arsrapport.utdata.tallkatalog import UgyldigReferanse

    with pytest.raises(UgyldigReferanse, match=melding):
        verdier.vis(ref)
