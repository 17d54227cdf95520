"""Del VI for et hvilket som helst regnskap som følger datakontrakten (issue 18), på små
håndlagde regnskap; hvert forventet tall er regnet for hånd i kommentaren ved siden av.

- Oversikten over mellomværendet har alle de 15 standardlinjene: en linje med et rapportert
  beløp vises alltid, og linjene summerer til summen.
- Kontrollen av summene: en tabell der linjene ikke summerer til summen den viser, stopper.
- Note B: fjorårets tildeling er 0 på en post uten rad når tildeling dekker fjoråret;
  rekkefølgen når én post dekker flere eller dekkes av flere; tak 0; negativ overføring.
- Virksomheten (kapitlene og navnet) kommer fra ``arsrapport.toml``: det samme regnskapet på
  andre kapitler gir de samme tallene under de andre kapitlene.

Regnskapet er det i ``test_regnskap`` (``lag_uttrekk``), med endringene hver test nevner.
"""

from __future__ import annotations

import dataclasses
import re

import numpy as np
import pandas as pd
import pytest
from test_regnskap import (
    AR,
    KAPITALKONTOER,
    MELLOMVAERENDE,
    REGNSKAP,
    TILDELING,
    lag_uttrekk,
    note_b_for,
)

from arsrapport import regnskap as rg
from arsrapport.grunn import config
from arsrapport.kapitler import produktivitet
from arsrapport.presentasjon.formatering import tall
from arsrapport.regnskap import boka

# ---------------------------------------------------------------------------------------
# Mellomværendet: alle standardlinjene
# ---------------------------------------------------------------------------------------

MV_ALLE = pd.concat(
    [
        pd.DataFrame(
            [
                (2023, "Investeringer i aksjer og andeler", "Finansielle anleggsmidler", 5.0, 5.0),
                (2023, "OBLIGASJONER", "Finansielle anleggsmidler", 7.0, 7.0),  # skrivemåten spiller ingen rolle
                (2023, "Kundefordringer", "Omløpsmidler", 11.0, 11.0),
                (2023, "Fordringer på ansatte", "Omløpsmidler", 20.0, 20.0),
                (2023, "Annen langsiktig gjeld", "Langsiktig gjeld", -13.0, -13.0),
                (2023, "Leverandørgjeld", "Kortsiktig gjeld", -80.0, -17.0),
                (2023, "Skyldig skattetrekk og andre trekk", "Kortsiktig gjeld", -250.0, -250.0),
                (2023, "Skyldige offentlige avgifter", "Kortsiktig gjeld", -14.9, -14.8),
                (2023, "Annen  kortsiktig gjeld", "Kortsiktig gjeld", -19.0, -19.0),
                # rapportert 2023: 5 + 7 + 11 + 20 − 13 − 17 − 250 − 14,80 − 19 = −270,80
            ],
            columns=MELLOMVAERENDE.columns,
        ),
        MELLOMVAERENDE.loc[MELLOMVAERENDE["ar"] == 2022],  # rapportert 2022: 30 − 200 = −170
    ],
    ignore_index=True,
)


def _kapital_for(endring: float) -> pd.DataFrame:
    """Kapitalkontoene 2023 med endringen i mellomværendet ``endring`` og utbetalingene som
    holder summen på −1 311 (minus netto rapportert): 65 + utbetalinger + endring = −1 311."""
    k = KAPITALKONTOER.copy()
    k.loc[(k["ar"] == AR) & (k["konto"] == "705011"), "belop"] = endring
    k.loc[(k["ar"] == AR) & (k["konto"] == "60048802"), "belop"] = -1311.0 - 65.0 - endring
    return k


U_ALLE = lag_uttrekk(mellomvaerende=MV_ALLE, kapitalkontoer=_kapital_for(-100.8))  # −270,80 − (−170)


def test_oversikten_har_alle_standardlinjene_med_id():
    o = rg.mellomvaerende_oversikt(MV_ALLE, AR)
    assert o["investeringer_aksjer_andeler"] == 5.0
    assert o["obligasjoner"] == 7.0
    assert o["kundefordringer"] == 11.0
    assert o["annen_langsiktig_gjeld"] == -13.0
    assert o["leverandorgjeld"] == -17.0  # rapportert, ikke bokført (−80)
    assert o["annen_kortsiktig_gjeld"] == -19.0
    assert o["kontanter"] == 0.0  # ikke i uttrekket: 0
    assert o["sum"] == pytest.approx(-270.8)
    assert len(o) == 16  # 15 linjer og summen
    f = rg.figurer(U_ALLE, AR)[AR]
    assert f["mellomvaerende.leverandorgjeld"] == -17.0
    assert f["mellomvaerende.sum"] == pytest.approx(-270.8)
    assert f["note8.sum.rapportert"] == pytest.approx(-270.8)  # Note 8 og oversikten er enige
    assert f["note8.annen_kortsiktig_gjeld.rapportert"] == -19.0
    assert f["note8.sum_finansielle_anleggsmidler.rapportert"] == 12.0  # 5 + 7


def test_tabellen_viser_hver_linje_med_et_rapportert_belop_og_summerer():
    t = rg.tabeller(U_ALLE, AR)["tab-6-mellomvaerende"]
    assert t["Tekst"].tolist() == [
        "Eiendeler og gjeld",
        "Investeringer i aksjer og andeler",
        "Obligasjoner",
        "Kundefordringer",
        "Fordringer på ansatte",
        "Kontanter",  # vises alltid, også med 0
        "Bankkontoer med statlige midler utenfor Norges Bank",
        "Annen langsiktig gjeld",
        "Leverandørgjeld",
        "Skyldig skattetrekk og andre trekk",
        "Skyldige offentlige avgifter",
        "Avsatt pensjonspremie til Statens pensjonskasse",
        "Mottatte forskuddsbetalinger",
        "Lønn (negativ netto, for mye utbetalt lønn m.m.)",
        "Differanser på bank og uidentifiserte innbetalinger",
        "Annen kortsiktig gjeld",
        "Sum mellomværende med statskassen",
    ]
    linjer, sum_ = t.iloc[1:-1], t.iloc[-1]
    assert linjer["2023"].sum() == pytest.approx(-270.8) == sum_["2023"]
    assert linjer["2022"].sum() == pytest.approx(-170.0) == sum_["2022"]
    vist = rg.for_boka(U_ALLE, AR)["tab-6-mellomvaerende"].set_index("Tekst")
    assert vist.at["Leverandørgjeld", "2023"] == tall(-17)
    assert vist.at["**Sum mellomværende med statskassen**", "2023"] == f"**{tall(-271)}**"


def test_linje_uten_rapportert_belop_vises_ikke_utenom_de_faste():
    # leverandørgjelden har bokført −80, men rapportert 0 i begge årene: ikke med
    t = rg.tabeller(lag_uttrekk(), AR)["tab-6-mellomvaerende"]
    assert "Leverandørgjeld" not in t["Tekst"].tolist()
    assert len(t) == 11  # overskriften, de 9 faste linjene og summen


def test_linje_med_belop_bare_i_fjor_vises(monkeypatch):
    r = rg.arsregnskap(lag_uttrekk(), AR)
    fjor = {**r.mellomvaerende_i_fjor, "kundefordringer": 4.0, "sum": -166.0}  # −170 + 4
    t = boka._mellomvaerende_tabell(dataclasses.replace(r, mellomvaerende_i_fjor=fjor))
    rad = t.loc[t["Tekst"] == "Kundefordringer"].iloc[0]
    assert (rad["2023"], rad["2022"]) == (0.0, 4.0)
    assert rg.summer_som_ikke_gar_opp({"tab-6-mellomvaerende": t}) == []
    # et halvt øre er 0 på øret, ikke et beløp
    fjor = {**r.mellomvaerende_i_fjor, "kundefordringer": 0.004, "sum": -169.996}
    t = boka._mellomvaerende_tabell(dataclasses.replace(r, mellomvaerende_i_fjor=fjor))
    assert "Kundefordringer" not in t["Tekst"].tolist()


# ---------------------------------------------------------------------------------------
# Kontrollen av summene i tabellene
# ---------------------------------------------------------------------------------------


def _tabell(*rader: tuple) -> pd.DataFrame:
    """Rader (tekst, beløp, ledd); ledd er None for en linje."""
    return pd.DataFrame(
        [{"Tekst": t, "2023": b, "_type": "sum" if ledd else "linje", "_ledd": ledd} for t, b, ledd in rader]
    )


def test_sum_som_gar_opp_gir_ingen_melding():
    t = _tabell(("A", 1.25, None), ("B", 2.0, None), ("Tom", None, None), ("Sum", 3.25, ((0, 1), (1, 1), (2, 1))))
    assert rg.summer_som_ikke_gar_opp({"t": t}) == []  # en tom linje teller 0
    # heltall fra numpy er også tall
    t = _tabell(("A", np.int64(1), None), ("Sum", np.int64(2), ((0, 1),)))
    assert len(rg.summer_som_ikke_gar_opp({"t": t})) == 1


def test_sum_som_ikke_gar_opp_gir_melding_med_tabell_rad_kolonne_og_belop():
    t = _tabell(("A", 1.25, None), ("B", 2.0, None), ("Sum", 4.0, ((0, 1), (1, 1))))
    assert rg.summer_som_ikke_gar_opp({"tab-x": t}) == [
        f"tab-x, «Sum», kolonne «2023»: linjene summerer til {tall(3.25, 2)}, men tabellen viser {tall(4)} "
        f"(forskjell {tall(0.75, 2)})."
    ]


@pytest.mark.parametrize("sum_, feil", [(1.004, False), (0.996, False), (1.01, True), (0.99, True)])
def test_summen_kontrolleres_pa_oret(sum_, feil):
    t = _tabell(("A", 3.0, None), ("B", 2.0, None), ("Netto", sum_, ((0, 1), (1, -1))))  # 3 − 2 = 1
    assert bool(rg.summer_som_ikke_gar_opp({"t": t})) is feil


def test_tom_sumcelle_og_ledd_i_annen_tabell():
    # en sumrad uten tall i en kolonne kontrolleres ikke i den kolonnen
    t = _tabell(("A", 1.0, None), ("Sum", None, ((0, 1),)))
    assert rg.summer_som_ikke_gar_opp({"t": t}) == []
    # et ledd fra en annen tabell (kapitalkontoenes «Sum rapportert» regner med netto rapportert)
    andre = pd.DataFrame({"Kapittel og post": ["Netto"], "Regnskap 2023": [10.0]})
    kap = _tabell(
        ("Konto", -10.0, None), ("Sum rapportert", 0.0, ((boka.Fra("a", "Netto", "Regnskap 2023"), 1), (0, 1)))
    )
    assert rg.summer_som_ikke_gar_opp({"a": andre, "k": kap}) == []
    andre.loc[0, "Regnskap 2023"] = 11.0
    assert rg.summer_som_ikke_gar_opp({"a": andre, "k": kap}) == [
        f"k, «Sum rapportert», kolonne «2023»: linjene summerer til {tall(1)}, men tabellen viser {tall(0)} "
        f"(forskjell {tall(-1)})."
    ]


@pytest.mark.parametrize("u", [lag_uttrekk(), U_ALLE], ids=["fast", "alle-linjer"])
def test_alle_summene_i_oppstillingene_og_notene_gar_opp(u):
    tab = boka._oppstillinger(u, AR)
    assert rg.summer_som_ikke_gar_opp(tab) == []
    # hver oppstilling og note med en sum har ledd for den
    med_ledd = {n for n, t in tab.items() if t["_ledd"].map(lambda x: isinstance(x, tuple)).any()}
    assert med_ledd == set(tab) - {"tab-6-beholdninger", "tab-6-note-a"}


def test_en_sum_som_ikke_gar_opp_stopper_tabellene(monkeypatch):
    """Slik oversikten var før: bare de faste linjene, men summen av alle (leverandørgjelden −17
    mangler): tabellene og kontrollen stopper med beløpene."""
    ekte = boka._mellomvaerende_tabell

    def uten_leverandorgjeld(r):
        t = ekte(r)
        t = t.loc[t["Tekst"] != "Leverandørgjeld"].reset_index(drop=True)
        t.at[len(t) - 1, "_ledd"] = tuple((i, 1) for i in range(1, len(t) - 1))
        return t

    monkeypatch.setattr(boka, "_mellomvaerende_tabell", uten_leverandorgjeld)
    melding = (
        f"tab-6-mellomvaerende, «Sum mellomværende med statskassen», kolonne «2023»: linjene summerer til "
        f"{tall(-253.8, 2)}, men tabellen viser {tall(-270.8, 2)} (forskjell {tall(-17)})."  # −270,80 + 17
    )
    for kall in (rg.tabeller, rg.for_boka, rg.kontroller_tabellene):
        with pytest.raises(rg.Regnskapsfeil) as e:
            kall(U_ALLE, AR)
        assert e.value.ar == AR and e.value.meldinger == [melding]


# ---------------------------------------------------------------------------------------
# Note B
# ---------------------------------------------------------------------------------------


def test_kan_overfores_uten_rad_i_fjor_far_fjorarets_tildeling_0():
    # tildeling har rader for 2022 (post 01), men ikke for post 45: fjorårets tildeling er 0
    nb = note_b_for(
        [("0491", "45", 0.0, 200.0, "kan overføres"), ("0491", "01", 0.0, 100.0, None, AR - 1)],
        [("0491", "45", 100.0)],
    )
    assert nb.at["45", "maks_overforbart"] == 200.0  # 200 + 0
    assert nb.at["45", "mulig_overforbart"] == 100.0  # min(200 − 100, 200)


def test_kan_overfores_uten_rad_i_fjor_i_hele_regnskapet():
    # UTTREKK: tildeling 2021–2023; en ny post 70 «kan overføres» i 2023 har fjorårets tildeling 0
    t = pd.concat(
        [
            TILDELING,
            pd.DataFrame([(AR, "0491", "70", "Tilskudd", 0.0, 80.0, "kan overføres")], columns=TILDELING.columns),
        ],
        ignore_index=True,
    )
    r = rg.kontrollert(lag_uttrekk(tildeling=t), AR)
    nb = r.note_b.set_index("post")
    assert nb.at["70", "maks_overforbart"] == 80.0  # 80 + 0
    assert nb.at["70", "mulig_overforbart"] == 80.0  # ingen regnskap: grunnlaget 80, min(80, 80)


def test_en_post_dekker_flere_i_stigende_rekkefolge():
    # post 01 (mindreutgift 500) kan nyttes under 21 (−300) og 22 (−400); radene står baklengs
    nb = note_b_for(
        [
            ("0491", "22", 0.0, 1000.0, None),
            ("0491", "21", 0.0, 1000.0, None),
            ("0491", "01", 0.0, 10_000.0, "kan nyttes under postene 21 og 22"),
        ],
        [("0491", "22", 1400.0), ("0491", "21", 1300.0), ("0491", "01", 9500.0)],
    )
    assert nb.at["21", "mulig_overforbart"] == 0.0  # dekket først: 500 − 300 = 200 igjen
    assert nb.at["22", "mulig_overforbart"] == -200.0  # −400 + 200
    assert nb.at["01", "mulig_overforbart"] == 0.0  # brukt opp


def test_en_post_dekkes_av_flere_i_stigende_rekkefolge():
    # post 21 (−300) dekkes av 01 (mindreutgift 100) og så 23 (mindreutgift 1 000)
    nb = note_b_for(
        [
            ("0491", "23", 0.0, 20_000.0, "kan nyttes under post 21"),
            ("0491", "21", 0.0, 1000.0, None),
            ("0491", "01", 0.0, 10_000.0, "kan nyttes under post 21"),
        ],
        [("0491", "23", 19_000.0), ("0491", "21", 1300.0), ("0491", "01", 9900.0)],
    )
    assert nb.at["01", "mulig_overforbart"] == 0.0  # 100 − 100
    assert nb.at["21", "mulig_overforbart"] == 0.0  # −300 + 100 + 200
    assert nb.at["23", "mulig_overforbart"] == 800.0  # 1 000 − 200, under maks 5 % av 20 000 = 1 000


def test_tak_0_og_negativ_overforing_fra_i_fjor():
    nb = note_b_for(
        [("0491", "01", -50.0, 1000.0, None), ("0491", "45", 0.0, 100.0, "kan overføres", AR)],
        [("0491", "01", 900.0), ("0491", "45", 150.0)],
        [("0491", "01", 0.0, None, None, None, None), ("0491", "45", 0.0, None, None, None, 0.0)],
    )
    # 01: samlet tildeling −50 + 1 000 = 950; 950 − 900 = 50; maks 5 % av 1 000 = 50
    assert nb.at["01", "merutgift"] == 50.0 and nb.at["01", "mulig_overforbart"] == 50.0
    # 45: tak 0; merutgiften −50 er udekket og står igjen negativ
    assert nb.at["45", "maks_overforbart"] == 0.0
    assert nb.at["45", "mulig_overforbart"] == -50.0
    # med mindreutgift og tak 0 kan ingenting overføres
    nb = note_b_for(
        [("0491", "45", 0.0, 100.0, "kan overføres")],
        [("0491", "45", 60.0)],
        [("0491", "45", 0.0, None, None, None, 0.0)],
    )
    assert nb.at["45", "mulig_overforbart"] == 0.0  # min(40, 0)


# ---------------------------------------------------------------------------------------
# Virksomheten fra arsrapport.toml: andre kapitler
# ---------------------------------------------------------------------------------------

ANDRE = {"0491": "0440", "3491": "3440"}


def _med_kapitler(df: pd.DataFrame) -> pd.DataFrame:
    return df.assign(kapittel=df["kapittel"].replace(ANDRE))


@pytest.fixture
def politiet(tmp_path, monkeypatch):
    """``arsrapport.toml`` med en annen virksomhet (kapittel 0440 og inntektskapittel 3440)."""
    tekst = config.INNSTILLINGER.read_text(encoding="utf-8")
    tekst = re.sub(
        r"\[virksomhet\].*?(?=\n\[)",
        '[virksomhet]\nnavn = "Politidirektoratet"\nkapitler = ["0440", "3440"]\n',
        tekst,
        flags=re.S,
    )
    fil = tmp_path / "arsrapport.toml"
    fil.write_text(tekst, encoding="utf-8")
    monkeypatch.setattr(config, "INNSTILLINGER", fil)
    u = lag_uttrekk()
    for navn in ("regnskap", "tildeling", "fullmakter"):
        setattr(u, navn, _med_kapitler(getattr(u, navn)))
    return u


def test_del_vi_pa_andre_kapitler_gir_de_samme_tallene(politiet):
    une = rg.figurer(lag_uttrekk(), AR)  # (med UNEs arsrapport.toml er 0491 virksomhetens kapittel)
    assert rg.kontroller_arene(politiet, AR) == [2022, 2023]
    andre = rg.figurer(politiet, AR)
    omdopt = {
        a: {re.sub(r"\b(0491|3491)\b", lambda m: ANDRE[m.group(1)], k): v for k, v in f.items()} for a, f in une.items()
    }
    assert andre == omdopt
    assert andre[AR]["bevilgning.0440.01.regnskap"] == pytest.approx(825.5)
    assert andre[AR]["note_b.0440.01.mulig_overforbart"] == pytest.approx(45.0)
    assert not any("0491" in k for f in andre.values() for k in f)


def test_kapittelnavnet_er_virksomhetens(politiet):
    bev = rg.tabeller(politiet, AR)["tab-6-bevilgning"].set_index("Kapittel og post")
    assert bev.at["0440 01", "Tekst"] == "Politidirektoratet, driftsutgifter"
    assert bev.at["3440 01", "Tekst"] == "Politidirektoratet"  # inntektskapittelet, uten tildeling
    assert bev.at["1633 01", "Tekst"] == "Nettoordning for mva i staten"  # felleskapittel
    assert rg.kapittelnavn("0491") == ""  # ikke denne virksomhetens kapittel
    v = config.Virksomhet("Utlendingsnemnda", ("0491",))
    assert rg.kapittelnavn("0491", v) == "Utlendingsnemnda"


def test_produktivitetens_kostnad_er_virksomhetens_utgiftskapitler(politiet):
    # 0440 post 01 og 21 i 2023: 825,50 + 150,50 = 976; inntektskapittelet 3440 er ikke kostnad
    assert produktivitet.regnskap_drift(politiet.regnskap, AR) == pytest.approx(976.0)
    assert produktivitet.regnskap_drift(politiet.regnskap, 2022) == pytest.approx(600.0)  # 500 + 60 + 40
    # UNEs kapittel gitt uttrykkelig: ingen rader på 0491 i dette regnskapet
    assert produktivitet.regnskap_drift(politiet.regnskap, AR, ("0491",)) is None
    assert produktivitet.regnskap_drift(REGNSKAP, AR, ("0491",)) == pytest.approx(976.0)


@pytest.mark.parametrize(
    "seksjon, feil",
    [
        ("", "mangler [virksomhet]"),
        ('[virksomhet]\nnavn = ""\nkapitler = ["0491"]\n', "navn må være en tekst"),
        ('[virksomhet]\nnavn = "UNE"\nkapitler = ["491"]\n', "kapitler må være en liste med kapitler på 4 sifre"),
        ('[virksomhet]\nnavn = "UNE"\nkapitler = []\n', "kapitler må være en liste"),
    ],
)
def test_virksomheten_i_innstillingene_kontrolleres(tmp_path, seksjon, feil):
    tekst = re.sub(r"\[virksomhet\].*?(?=\n\[)", seksjon, config.INNSTILLINGER.read_text(encoding="utf-8"), flags=re.S)
    fil = tmp_path / "arsrapport.toml"
    fil.write_text(tekst, encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(feil)):
        config.les_innstillinger(fil)


def test_virksomheten_i_prosjektets_innstillinger():
    v = config.les_innstillinger().virksomhet
    assert v == config.Virksomhet("Utlendingsnemnda", ("0491",))
    assert config.Virksomhet("X", ("0440", "3440")).utgiftskapitler == ("0440",)
    assert config.Virksomhet("X", ("2999", "3000")).utgiftskapitler == ("2999",)  # 3000 er inntekt
