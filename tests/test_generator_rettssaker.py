"""Generatoren for rettssaker og UIV gjenskaper de publiserte tallene (med dokumenterte
unntak), følger datakontrakten og er deterministisk for et gitt frø. I tillegg en enkel
kontroll av kolonnene og hovedtallene i årsverk-, regnskaps- og referansetabellene."""

import re

import numpy as np
import pandas as pd
import pytest
import yaml

from arsrapport import regnskap
from arsrapport.maal import rettssaker as rs
from arsrapport.maal import uiv as uiv_mal
from uttrekksgenerator import okonomi, referanse
from uttrekksgenerator.kalibrering import GOLDEN, Mal
from uttrekksgenerator.rettssaker import EKSTRAKT, IKKE_GJENSKAPT, lag_rettssaker
from uttrekksgenerator.rettssaksplan import lag_plan
from uttrekksgenerator.uiv import lag_uiv

FRO = 20240215
SAK_IDER = np.array([f"S-{i:06d}" for i in range(4000)])
AR = range(2017, 2024)


@pytest.fixture(scope="module")
def mal() -> Mal:
    return Mal()


@pytest.fixture(scope="module")
def golden() -> list[dict]:
    with open(GOLDEN, encoding="utf-8") as f:
        return yaml.safe_load(f)["figures"]


@pytest.fixture(scope="module")
def rettssaker(mal) -> pd.DataFrame:
    return lag_rettssaker(np.random.default_rng(FRO), mal, SAK_IDER)


@pytest.fixture(scope="module")
def uiv(mal) -> pd.DataFrame:
    return lag_uiv(np.random.default_rng(FRO), mal, SAK_IDER)


def _beregnet_rettssaker(df: pd.DataFrame, ar: int) -> dict:
    f = rs.figurer(df, ar)
    f.update({f"rettssaker.{k}": v for k, v in rs.prosedyre(df, ar).items()})
    return f


# ---------------------------------------------------------------------------
# Rettssaker: publiserte tall
# ---------------------------------------------------------------------------


def test_rettssaker_gjenskaper_publiserte_tall(rettssaker, golden):
    beregnet = {ar: _beregnet_rettssaker(rettssaker, ar) for ar in AR}
    sjekket, avvik, uten_svar = 0, [], []
    for r in golden:
        nokkel = (r["id"], r["year"])
        # tall etter sakstype trenger saksregisteret (test_sakstype_fra_registeret)
        if not r["id"].startswith("rettssaker.") or nokkel in IKKE_GJENSKAPT or ".sakstype." in r["id"]:
            continue
        f = beregnet.get(r["year"], {})
        if r["id"] not in f:
            uten_svar.append(nokkel)
            continue
        sjekket += 1
        if abs(f[r["id"]] - r["value"]) > r["tolerance"] + 1e-12:
            avvik.append((nokkel, r["value"], f[r["id"]]))
    assert not avvik, avvik
    assert not uten_svar, f"publiserte tall uten beregning og uten forklaring: {uten_svar}"
    assert sjekket >= 80


def test_unntakene_er_komponentene(rettssaker, mal):
    """Der rapporten motsier seg selv, følger dataene komponentene."""
    f = rs.figurer(rettssaker, 2023)
    assert f["rettssaker.nye"] == 71 + 29 + 15 != mal("rettssaker.nye", 2023)
    assert f["rettssaker.avgjorelser.tingretten"] == 6 + 16 + 36 != mal("rettssaker.avgjorelser.tingretten", 2023)
    f17 = rs.figurer(rettssaker, 2017)
    assert f17["rettssaker.medhold_andel"] == pytest.approx(74 / 94)
    # 2022: Tabell 4 (68 / 155), ikke Del VII tabell 8 (70 / 160); ikke 3.1.7s 53 rettskraftige
    f22 = rs.figurer(rettssaker, 2022)
    assert (f22["rettssaker.hovedforhandlinger"], f22["rettssaker.dager_i_retten"]) == (68, 155)
    assert (f22["rettssaker.rettskraftige"], f22["rettssaker.medhold"], f22["rettssaker.tap"]) == (56, 31, 25)


def test_alle_unntak_er_publiserte_tall(mal):
    for figur, ar in IKKE_GJENSKAPT:
        assert mal.har(figur, ar), (figur, ar)


def _kalibrert(df: pd.DataFrame, ar: int, mal: Mal) -> dict:
    """Tallene generatoren styrer: alt utenom fordelingen på hvem som fører saken, som bare
    er kalibrert der den er publisert (Prosedyreenheten i rapportåret) og ellers trekkes."""
    fordeling = {f"rettssaker.{k}" for k in rs.prosedyre(df, ar)}
    return {k: v for k, v in rs.figurer(df, ar).items() if k not in fordeling or mal.har(k, ar)}


@pytest.mark.parametrize("fro", [0, 1, 7, 99])
def test_andre_fro_gir_samme_tall(fro, mal, rettssaker):
    df = lag_rettssaker(np.random.default_rng(fro), mal, SAK_IDER)
    for ar in AR:
        forventet = _kalibrert(rettssaker, ar, mal)
        assert _kalibrert(df, ar, mal) == pytest.approx(forventet)
    assert "rettssaker.nye.prosedyreenheten" in _kalibrert(df, 2023, mal)


# ---------------------------------------------------------------------------
# Rettssaker: kontrakt og realisme
# ---------------------------------------------------------------------------

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


def test_rettssaker_kontrakt(rettssaker):
    df = rettssaker
    assert list(df.columns) == KOLONNER
    assert df["rettssak_id"].is_unique
    assert df["rettssak_id"].str.fullmatch(r"R-\d{4}-\d{4}").all()
    assert all(rid[2:6] == str(d.year) for rid, d in zip(df["rettssak_id"], df["innkommet_dato"]))
    assert set(df["instans"]) == {"Tingretten", "Lagmannsretten", "Høyesterett"}
    assert set(df["utfall"].dropna()) == {"Medhold", "Tap", "Hevet/avvist"}
    assert set(df["prosedyre"].dropna()) == {"Regjeringsadvokaten", "Prosedyreenheten", "Ekstern advokat"}
    for k in ("innkommet_dato", "avgjort_dato", "rettskraftig_dato"):
        assert pd.api.types.is_datetime64_any_dtype(df[k])
        assert (df[k].dropna() <= EKSTRAKT).all()
    assert df["innkommet_dato"].notna().all()
    assert df["innkommet_dato"].min().year == 2016
    # utfall når og bare når avgjort; avgjort etter innkommet; rettskraft etter avgjørelse
    assert (df["utfall"].notna() == df["avgjort_dato"].notna()).all()
    assert (df["avgjort_dato"].dropna() >= df.loc[df["avgjort_dato"].notna(), "innkommet_dato"]).all()
    rk = df[df["rettskraftig_dato"].notna()]
    assert rk["avgjort_dato"].notna().all()
    dager = (rk["rettskraftig_dato"] - rk["avgjort_dato"]).dt.days
    assert dager.between(14, 60).all()  # noen uker
    # de fleste radene har en sak fra UNEs saksregister
    assert df["sak_id"].notna().mean() > 0.9
    assert set(df["sak_id"].dropna()) <= set(SAK_IDER)


def test_hovedforhandlinger_og_dager(rettssaker):
    df = rettssaker
    hf = df[df["hovedforhandling"]]
    assert df["hovedforhandling"].dtype == bool
    assert hf["utfall"].isin(["Medhold", "Tap"]).all()  # bare dommer har hovedforhandling
    assert hf["dager_i_retten"].notna().all()
    assert hf["dager_i_retten"].between(1, 5).all()
    assert df.loc[~df["hovedforhandling"], "dager_i_retten"].isna().all()
    # noen dommer er skriftlige, men de fleste har hovedforhandling
    dommer = df[df["utfall"].isin(["Medhold", "Tap"])]
    assert 0.75 < dommer["hovedforhandling"].mean() < 0.98


def test_ankekjeder(rettssaker):
    """En anke kommer inn etter dommen i instansen under; bare siste avgjørelse er rettskraftig."""
    df = rettssaker.dropna(subset=["sak_id"])
    rekkefolge = {"Tingretten": 0, "Lagmannsretten": 1, "Høyesterett": 2}
    lengder = []
    for _, kjede in df.groupby("sak_id"):
        kjede = kjede.sort_values("innkommet_dato")
        lengder.append(len(kjede))
        rader = kjede.to_dict("records")
        assert rader[0]["instans"] == "Tingretten"
        for under, over in zip(rader, rader[1:]):
            assert pd.notna(under["avgjort_dato"])
            assert over["innkommet_dato"] > under["avgjort_dato"]
            assert pd.isna(under["rettskraftig_dato"])
            assert under["utfall"] in ("Medhold", "Tap")
            # videre opp, eller tilbake til lagmannsretten etter opphevelse i Høyesterett
            assert rekkefolge[over["instans"]] == rekkefolge[under["instans"]] + 1 or (
                under["instans"],
                over["instans"],
            ) == ("Høyesterett", "Lagmannsretten")
    assert max(lengder) >= 3 and sum(n > 1 for n in lengder) > 100


def test_prosedyreenheten_2023(rettssaker, mal):
    p = rs.prosedyre(rettssaker, 2023)
    assert p["nye.prosedyreenheten"] == mal("rettssaker.nye.prosedyreenheten", 2023) == 36
    assert p["nye_andel.prosedyreenheten"] == pytest.approx(36 / 71)  # ~ halvparten (3.2.21)
    assert p["anker.prosedyreenheten"] == 12


def test_plan_er_ren_funksjon_av_malet(mal):
    a, b = lag_plan(mal), lag_plan(mal)
    assert a.avgjorelser == b.avgjorelser and a.nye_tr == b.nye_tr


def test_rettssaker_deterministisk(mal, rettssaker):
    igjen = lag_rettssaker(np.random.default_rng(FRO), mal, SAK_IDER)
    pd.testing.assert_frame_equal(igjen, rettssaker)
    annen = lag_rettssaker(np.random.default_rng(FRO + 1), mal, SAK_IDER)
    assert not annen["innkommet_dato"].equals(rettssaker["innkommet_dato"])


# ---------------------------------------------------------------------------
# UIV
# ---------------------------------------------------------------------------


def test_uiv_gjenskaper_publiserte_tall(uiv, golden):
    sjekket = 0
    for r in golden:
        if r["id"].startswith("uiv."):
            f = uiv_mal.figurer(uiv, r["year"])
            assert abs(f[r["id"]] - r["value"]) <= r["tolerance"], (r["id"], r["year"])
            sjekket += 1
    assert sjekket == 4
    assert [uiv_mal.mottatt(uiv, a) for a in (2021, 2022, 2023)] == [101, 369, 585]
    assert uiv_mal.behandlet(uiv, 2023) == 524


def test_uiv_kontrakt_og_profil(uiv):
    df = uiv
    assert list(df.columns) == ["uiv_id", "sak_id", "mottatt_dato", "avgjort_dato", "resultat"]
    assert df["uiv_id"].is_unique and df["uiv_id"].str.fullmatch(r"U-\d{4}-\d{4}").all()
    assert df["mottatt_dato"].min().year == 2021
    assert (df["mottatt_dato"] < EKSTRAKT).all() and (df["avgjort_dato"].dropna() < EKSTRAKT).all()
    assert 1 <= (df["mottatt_dato"].dt.year == 2024).sum() <= 15  # en håndfull i 2024
    avgjort = df[df["avgjort_dato"].notna()]
    assert (avgjort["avgjort_dato"] >= avgjort["mottatt_dato"]).all()
    assert (df["resultat"].notna() == df["avgjort_dato"].notna()).all()
    assert set(df["resultat"].dropna()) == {"Avslått", "Innvilget"}
    assert (df["resultat"] == "Avslått").sum() > 0.85 * len(avgjort)
    # de fleste avgjøres i løpet av dager
    assert ((avgjort["avgjort_dato"] - avgjort["mottatt_dato"]).dt.days <= 7).mean() > 0.75
    # noen er ubehandlet på uttrekksdatoen
    assert df["avgjort_dato"].isna().sum() >= 1
    # månedsprofilen stiger: snitt per måned 2021 < 2022 < 2023, og andre halvår 2022 > første
    tab = uiv_mal.per_maned(df, [2021, 2022, 2023])
    assert tab[2021].mean() < tab[2022].mean() < tab[2023].mean()
    assert tab[2022].iloc[6:].sum() > tab[2022].iloc[:6].sum()
    assert (tab.sum() == [101, 369, 585]).all()


def test_uiv_deterministisk(mal, uiv):
    pd.testing.assert_frame_equal(lag_uiv(np.random.default_rng(FRO), mal, SAK_IDER), uiv)


# ---------------------------------------------------------------------------
# Årsverk, regnskap og referansetabeller: kolonner og hovedtall
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "funksjon, kolonner",
    [
        (okonomi.lag_arsverk, ["ar", "enhet", "arsverk"]),
        (
            okonomi.lag_tildeling,
            ["ar", "kapittel", "post", "posttekst", "overfort_fra_i_fjor", "arets_tildelinger", "stikkord"],
        ),
        (
            okonomi.lag_fullmakter,
            [
                "ar",
                "kapittel",
                "post",
                "avgitte_belastningsfullmakter",
                "merinntekter",
                "omdisponering",
                "innsparinger",
                "maks_overforbart",
            ],
        ),
        (okonomi.lag_regnskap, ["ar", "artskonto", "kontonavn", "kapittel", "post", "belop"]),
        (okonomi.lag_kapitalkontoer, ["ar", "konto", "tekst", "belop"]),
        (okonomi.lag_mellomvaerende, ["ar", "linje", "gruppe", "bokfort", "rapportert"]),
        (referanse.lag_vekttall, ["ar_fra", "ar_til", "kategori", "avgjorelsesform", "vekt"]),
        (referanse.lag_styringsparametere, ["ar", "kode", "populasjon", "grense_dager", "mal_andel", "mal_reduksjon"]),
        (referanse.lag_kpi, ["ar", "indeks"]),
    ],
)
def test_kolonner(funksjon, kolonner, mal):
    df = funksjon(mal)
    assert list(df.columns) == kolonner and len(df) > 0


def test_kontoplan_dekker_regnskapet(mal):
    kp = referanse.lag_kontoplan()
    assert list(kp.columns) == [
        "artskonto_fra",
        "artskonto_til",
        "oppstilling_linje",
        "note",
        "note_linje",
        "utenfor_lonn_per_arsverk",
    ]
    # hver konto i det genererte regnskapet treffer nøyaktig ett intervall (bibliotekets regel:
    # like mange sifre), og bare honorarkontoen er holdt utenfor lønn per årsverk
    r = okonomi.lag_regnskap(mal)
    linjer = regnskap.med_linjer(r, kp)
    assert set(linjer.loc[linjer["utenfor_lonn_per_arsverk"], "artskonto"]) == {"5092"}


def test_arsverk_tabell_11(mal):
    df = okonomi.lag_arsverk(mal)
    sum_ar = df.groupby("ar")["arsverk"].sum()
    for ar in (2021, 2022, 2023):
        assert sum_ar[ar] == pytest.approx(mal("arsverk", ar), abs=0.05)
    assert set(df["enhet"]) == {"Saksenhetene", "Nemndledere", "Prosedyreenheten", "Øvrige UNE"}


def test_regnskap_hovedtall(mal):
    r = okonomi.lag_regnskap(mal)
    t = okonomi.lag_tildeling(mal)
    for ar in (2021, 2022, 2023):
        post = r[(r["ar"] == ar) & (r["kapittel"] == "0491")].groupby("post")["belop"].sum()
        tildelt = t.loc[t["ar"] == ar, ["overfort_fra_i_fjor", "arets_tildelinger"]].to_numpy().sum()
        belastning = 5_000_000 if ar == 2023 else 0
        assert post["01"] + post["21"] + belastning == pytest.approx(mal("nokkeltall.samlet_utbetaling", ar), abs=0.5)
        assert tildelt == mal("nokkeltall.samlet_tildeling", ar)
    r23 = r[r["ar"] == 2023]
    assert r23["belop"].sum() == pytest.approx(mal("bevilgning.netto_rapportert", 2023), abs=0.5)
    assert r23.loc[(r23["kapittel"] == "0491") & (r23["post"] == "01"), "belop"].sum() == pytest.approx(
        mal("bevilgning.0491.01.regnskap", 2023), abs=0.5
    )
    kk = okonomi.lag_kapitalkontoer(mal)
    for ar in (2021, 2022, 2023):  # kapitalkontoene balanserer mot netto rapportert
        assert kk.loc[kk["ar"] == ar, "belop"].sum() + r.loc[r["ar"] == ar, "belop"].sum() == pytest.approx(
            0, abs=0.005
        )
    mv = okonomi.lag_mellomvaerende(mal)
    assert mv.loc[mv["ar"] == 2023, "rapportert"].sum() == pytest.approx(-17_069_580, abs=0.5)
    assert set(mv["gruppe"]) <= {"Finansielle anleggsmidler", "Omløpsmidler", "Langsiktig gjeld", "Kortsiktig gjeld"}


def test_referanse(mal):
    kpi = referanse.lag_kpi(mal).set_index("ar")["indeks"]
    assert kpi[2015] == 100
    assert kpi[2022] / kpi[2021] - 1 == pytest.approx(mal("kpi.endring", 2022), abs=0.0005)
    assert kpi[2023] / kpi[2022] - 1 == pytest.approx(mal("kpi.endring", 2023), abs=0.0005)
    v = referanse.lag_vekttall(mal)
    assert len(v) == 10
    assert v.set_index(["kategori", "avgjorelsesform"]).loc[("Opphold", "NMP"), "vekt"] == 0.895
    sp = referanse.lag_styringsparametere(mal)
    sp23 = sp[sp["ar"] == 2023].set_index("kode")
    assert sp23.loc["SP1", "grense_dager"] == 120 and sp23.loc["SP3", "grense_dager"] == 150
    assert sp23.loc["SP1", "mal_andel"] == 0.7 and sp23.loc["SP2", "mal_reduksjon"] == 200
    assert set(sp["ar"]) == {2021, 2022, 2023}
    assert re.fullmatch(r".+", sp23.loc["SP2", "populasjon"])


def test_sak_id_med_arstall_er_ikke_yngre_enn_rettssaken(mal):
    """Med sak-id-er på formen ÅÅÅÅ-nnnnnn (mottaksår) er saken mottatt før stevningen, og
    klagesaken etter UIV-begjæringen (samme år eller året etter)."""
    ider = np.array([f"{ar}-{nr:06d}" for ar in range(2018, 2025) for nr in range(100001, 100801)])
    df = lag_rettssaker(np.random.default_rng(FRO), mal, ider)
    ting = df[df["instans"] == "Tingretten"].dropna(subset=["sak_id"])
    sak_ar = ting["sak_id"].str[:4].astype(int)
    stevning_ar = ting["innkommet_dato"].dt.year
    assert (sak_ar <= stevning_ar).all() and (sak_ar >= stevning_ar - 3).all()
    # stevninger fra før 2018 har ingen sak i uttrekket; de fra 2018 og senere nesten alltid
    fra_2018 = df[df["innkommet_dato"].dt.year >= 2019]
    assert fra_2018["sak_id"].notna().mean() > 0.9
    assert df.loc[df["innkommet_dato"].dt.year <= 2016, "sak_id"].isna().all()
    # hele kjeden har samme sak
    assert ting["sak_id"].is_unique
    u = lag_uiv(np.random.default_rng(FRO), mal, ider).dropna(subset=["sak_id"])
    forskjell = u["sak_id"].str[:4].astype(int) - u["mottatt_dato"].dt.year
    assert forskjell.isin([0, 1]).all() and len(u) > 500


def test_sakstype_fra_registeret(mal):
    """Med saksregisteret gjelder rapportens antall nye tingrettssaker en sak om tilbakekall
    av statsborgerskap (3.2.10), vedtatt av nemnda før stevningen, og hele kjeden har samme sak."""
    from arsrapport.maal.portefolje import nye_rettssaker_per_sakstype

    n = len(SAK_IDER)
    saker = pd.DataFrame(
        {
            "sak_id": SAK_IDER,
            "saksgruppe": np.where(np.arange(n) % 50 == 0, "Tilbakekall", "Familieinnvandring"),
            "sakstype": np.where(np.arange(n) % 50 == 0, "Tilbakekall statsborgerskap", "Familiegjenforening"),
            "avslutning": "Vedtak",
            "avsluttet_dato": pd.Timestamp("2016-01-01") + pd.to_timedelta(np.arange(n) % 2900, unit="D"),
        }
    )
    df = lag_rettssaker(np.random.default_rng(FRO), mal, SAK_IDER, saker)
    antall = nye_rettssaker_per_sakstype(df, saker, 2023)
    assert antall["rettssaker.nye.tingretten.sakstype.tilbakekall_statsborgerskap"] == mal(
        "rettssaker.nye.tingretten.sakstype.tilbakekall_statsborgerskap", 2023
    )
    vedtatt = saker.set_index("sak_id")["avsluttet_dato"]
    ting = df.loc[
        df["instans"].eq("Tingretten")
        & df["innkommet_dato"].dt.year.eq(2023)
        & df["sak_id"].isin(saker.loc[saker["sakstype"].eq("Tilbakekall statsborgerskap"), "sak_id"])
    ]
    assert (ting["sak_id"].map(vedtatt) < ting["innkommet_dato"]).all()
    # tallene uten sakstype er de samme som uten registeret
    uten = lag_rettssaker(np.random.default_rng(FRO), mal, SAK_IDER)
    for ar in AR:
        assert rs.figurer(df, ar) == pytest.approx(rs.figurer(uten, ar))
