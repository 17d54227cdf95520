"""Enhetstester for ``arsrapport.lim``: hva ``lim_figurer`` limer (med en falsk ``glue`` som
registrerer kallene). Enheten og teksten til hver figur-id står i tallkatalogen og testes i
``test_tallkatalog.py``."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from arsrapport import lim

NB = "\u00a0"  # hardt mellomrom: tusenskille og foran enheten


# --- lim_figurer ---------------------------------------------------------------------


class FalskGlue:
    """Registrerer kallene ``glue(navn, verdi, display=...)``."""

    def __init__(self):
        self.kall: list[tuple[str, object, dict]] = []

    def __call__(self, navn, verdi, **kw):
        self.kall.append((navn, verdi, kw))

    @property
    def limt(self) -> dict[str, object]:
        """Navn -> verdi; årets råverdier (JSON-ordboken ``figurer@<år>``) pakkes ut til
        ``<id>@<år>``, slik ``bygg.samle_figurer`` leser dem."""
        navn = [k[0] for k in self.kall]
        assert len(navn) == len(set(navn)), "samme navn limt to ganger"
        ut = {}
        for n, v, _ in self.kall:
            if n.startswith("figurer@"):
                ar = n.split("@")[1]
                ut.update({f"{fid}@{ar}": verdi for fid, verdi in json.loads(v).items()})
            else:
                ut[n] = v
        return ut


def lim_med(figurer, rapportar):
    glue = FalskGlue()
    n = lim.lim_figurer(figurer, rapportar, glue=glue)
    return n, glue


def test_lim_figurer_ravverdier_tekster_og_alias():
    figurer = {
        2019: {"mottatt": 100},  # fire år tilbake: ingen årsuavhengige navn
        2020: {"mottatt": 200},
        2021: {"mottatt": 300},
        2022: {"mottatt": 6000},
        2023: {"mottatt": 7029, "omgjoringsandel": 0.644, "saksbehandlingstid": 154.4},
    }
    n, glue = lim_med(figurer, 2023)
    limt = glue.limt
    assert all(kw == {"display": False} for _, _, kw in glue.kall)
    # råverdier per år, som én JSON-ordbok per år
    assert [k[0] for k in glue.kall if k[0].startswith("figurer@")] == [f"figurer@{a}" for a in range(2019, 2024)]
    assert limt["mottatt@2023"] == 7029
    assert limt["omgjoringsandel@2023"] == 0.644
    assert limt["saksbehandlingstid@2023"] == 154.4
    for ar, v in ((2019, 100), (2020, 200), (2021, 300), (2022, 6000)):
        assert limt[f"mottatt@{ar}"] == v
    # årsuavhengige navn: rapportåret, f1, f2, f3 – og ikke lenger tilbake
    assert limt["t.mottatt"] == f"7{NB}029"
    assert limt["t.mottatt@f1"] == f"6{NB}000"
    assert limt["t.mottatt@f2"] == "300"
    assert limt["t.mottatt@f3"] == "200"
    assert "t.mottatt@f4" not in limt
    assert limt["t.omgjoringsandel"] == f"64,4{NB}%"
    assert "t.omgjoringsandel@f1" not in limt  # finnes ikke i 2022
    # ingen årsuavhengige råverdier, ingen verb for tall som ikke er endringer
    assert "mottatt" not in limt and "mottatt@f1" not in limt
    assert not any(k.endswith(".verb") for k in limt)
    # 5 ordbøker (én per år) + tekst for 2020–2023 (4 for mottatt, 2 til i 2023) = 5 + 6
    assert n == len(glue.kall) == 11
    assert set(limt) == {
        *(f"mottatt@{a}" for a in range(2019, 2024)),
        "omgjoringsandel@2023", "t.omgjoringsandel",
        "saksbehandlingstid@2023", "t.saksbehandlingstid",
        "t.mottatt", "t.mottatt@f1", "t.mottatt@f2", "t.mottatt@f3",
    }


def test_lim_figurer_ar_etter_rapportaret_far_ikke_alias():
    n, glue = lim_med({2024: {"mottatt": 5}, 2023: {"mottatt": 4}}, 2023)
    assert glue.limt == {"mottatt@2023": 4, "t.mottatt": "4", "mottatt@2024": 5}
    assert n == 3


def test_lim_figurer_verb_for_endringer():
    figurer = {
        2022: {"mottatt.endring": -0.1, "behandlet.endring_abs": 0},
        2023: {
            "mottatt.endring": 0.3149,
            "behandlet.endring": -0.072,
            "beholdning.endring_abs": 0,
            "beholdning.asyl.endring_abs": -12,
            "saksbehandlingstid.endring_abs": 3.6,
        },
    }
    n, glue = lim_med(figurer, 2023)
    limt = glue.limt
    assert limt["t.mottatt.endring"] == f"31{NB}%"
    assert limt["t.mottatt.endring.verb"] == "økte"
    assert limt["t.behandlet.endring"] == f"7{NB}%"
    assert limt["t.behandlet.endring.verb"] == "gikk ned"
    assert limt["t.beholdning.endring_abs"] == "0"
    assert limt["t.beholdning.endring_abs.verb"] == "var uendret"
    assert limt["t.beholdning.asyl.endring_abs"] == "12"
    assert limt["t.beholdning.asyl.endring_abs.verb"] == "gikk ned"
    assert limt["t.saksbehandlingstid.endring_abs"] == f"4{NB}dager"
    assert limt["t.saksbehandlingstid.endring_abs.verb"] == "økte"
    # året før: verbet henger på aliaset med @f1
    assert limt["t.mottatt.endring@f1"] == f"10{NB}%"
    assert limt["t.mottatt.endring@f1.verb"] == "gikk ned"
    assert limt["t.behandlet.endring_abs@f1.verb"] == "var uendret"
    # verbet limes bare under de årsuavhengige navnene
    assert not any(k.endswith(".verb") and "@20" in k for k in limt)
    assert limt["mottatt.endring@2023"] == 0.3149  # råverdien med fortegn
    assert limt["behandlet.endring@2023"] == -0.072
    # 2 ordbøker + 7 tekster og 7 verb
    assert n == len(glue.kall) == 2 + 7 * 2


@pytest.mark.parametrize(
    "fid, verdi, tekst",
    [
        ("mottatt.endring", 0.004, f"0{NB}%"),  # 0,4 % vises som 0 %
        ("mottatt.endring", -0.0049, f"0{NB}%"),
        ("saksbehandlingstid.endring_abs", 0.4, f"0{NB}dager"),
        ("beholdning_alder.endring_abs", -0.5 + 1e-9, f"0{NB}dager"),
    ],
)
def test_lim_figurer_verb_folger_tallet_slik_det_vises(fid, verdi, tekst):
    """En endring som vises som null, «var uendret» – aldri «økte med 0 %» (jf. formatering)."""
    _, glue = lim_med({2023: {fid: verdi}}, 2023)
    assert glue.limt[f"t.{fid}"] == tekst
    assert glue.limt[f"t.{fid}.verb"] == "var uendret"
    assert glue.limt[f"{fid}@2023"] == verdi  # råverdien er uendret


def test_lim_figurer_verb_ved_avrunding_opp():
    _, glue = lim_med({2023: {"mottatt.endring": 0.005, "behandlet.endring": -0.005}}, 2023)
    assert glue.limt["t.mottatt.endring"] == f"1{NB}%"
    assert glue.limt["t.mottatt.endring.verb"] == "økte"
    assert glue.limt["t.behandlet.endring"] == f"1{NB}%"
    assert glue.limt["t.behandlet.endring.verb"] == "gikk ned"


def test_lim_figurer_hopper_over_tomme_verdier():
    figurer = {
        2023: {
            "mottatt": 10,
            "saksbehandlingstid": float("nan"),
            "omgjoringsandel": np.float64("nan"),
            "beholdning_alder": None,
            "rettssaker.medhold_andel": math.nan,
            "behandlet.endring": float("inf"),
        }
    }
    n, glue = lim_med(figurer, 2023)
    assert glue.limt == {"mottatt@2023": 10, "t.mottatt": "10"}
    assert n == 2


def test_lim_figurer_numpy_blir_int_og_float():
    figurer = {
        2023: {
            "mottatt": np.int64(7029),
            "henlagt": np.int32(94),
            "omgjoringsandel": np.float64(0.644),
            "saksbehandlingstid": np.float32(154.5),
            "behandlet": 5743,
            "rettssaker.tap_andel": 0.125,
        }
    }
    _, glue = lim_med(figurer, 2023)
    limt = glue.limt
    for navn, verdi, typ in (
        ("mottatt@2023", 7029, int),
        ("henlagt@2023", 94, int),
        ("omgjoringsandel@2023", 0.644, float),
        ("saksbehandlingstid@2023", 154.5, float),
        ("behandlet@2023", 5743, int),
        ("rettssaker.tap_andel@2023", 0.125, float),
    ):
        assert type(limt[navn]) is typ, navn  # ikke numpy: glue lagrer JSON-en
        assert limt[navn] == verdi
        assert repr(limt[navn]) == repr(verdi)
    assert limt["t.mottatt"] == f"7{NB}029"
    assert limt["t.saksbehandlingstid"] == f"155{NB}dager"


def test_lim_figurer_bool_blir_0_og_1():
    _, glue = lim_med({2023: {"flagg.a": True, "flagg.b": np.bool_(False), "flagg.c": np.True_}}, 2023)
    limt = glue.limt
    assert limt["flagg.a@2023"] == 1 and type(limt["flagg.a@2023"]) is int
    assert limt["flagg.b@2023"] == 0 and type(limt["flagg.b@2023"]) is int
    assert limt["flagg.c@2023"] == 1 and type(limt["flagg.c@2023"]) is int
    assert limt["t.flagg.c"] == "1"


def test_lim_figurer_tomt():
    n, glue = lim_med({}, 2023)
    assert n == 0 and glue.kall == []
    n, glue = lim_med({2023: {}}, 2023)
    assert n == 0 and glue.kall == []


def test_lim_figurer_rekkefolge_er_sortert():
    _, glue = lim_med({2023: {"b": 1, "a": 2}, 2022: {"c": 3}}, 2023)
    ravnavn = [k[0] for k in glue.kall if "@20" in k[0] and not k[0].startswith("t.")]
    assert ravnavn == ["figurer@2022", "figurer@2023"]
    assert list(json.loads(glue.kall[-1][1])) == ["a", "b"]


def test_lim_figurer_fortegnsord_for_belop():
    """Beløp der fortegnet er et ord: tallet uten fortegn og ordet for retningen."""
    _, glue = lim_med({2023: {
        "bevilgning.0491.01.merutgift": 17_179_093.0,  # tildeling − regnskap > 0: mindreutgift
        "bevilgning.0491.21.merutgift": -66_440.0,  # < 0: merutgift
        "nokkeltall.merforbruk": -12_112_653.0,  # utbetaling − tildeling < 0: mindreforbruk
        "note_b.0491.01.etter_belastningsfullmakter": 0.0,  # null regnes som mindreutgift
        "nokkeltall.driftsutgifter": 283_280_688.0,  # ikke et fortegnsord
    }}, 2023)
    t = glue.limt
    assert t["t.bevilgning.0491.01.merutgift"] == f"17{NB}179{NB}093"
    assert t["t.bevilgning.0491.01.merutgift.abs"] == f"17{NB}179{NB}093"
    assert t["t.bevilgning.0491.01.merutgift.ord"] == "mindreutgift"
    assert t["t.bevilgning.0491.21.merutgift"] == f"−66{NB}440"
    assert t["t.bevilgning.0491.21.merutgift.abs"] == f"66{NB}440"
    assert t["t.bevilgning.0491.21.merutgift.ord"] == "merutgift"
    assert t["t.nokkeltall.merforbruk.abs"] == f"12{NB}112{NB}653"
    assert t["t.nokkeltall.merforbruk.ord"] == "mindreforbruk"
    assert t["t.note_b.0491.01.etter_belastningsfullmakter.ord"] == "mindreutgift"
    assert "t.nokkeltall.driftsutgifter.abs" not in t and "t.nokkeltall.driftsutgifter.ord" not in t
    # året før får ordet på aliaset med @f1
    _, glue = lim_med({2022: {"nokkeltall.merforbruk": 100.0}}, 2023)
    assert glue.limt["t.nokkeltall.merforbruk@f1.ord"] == "merforbruk"


# --- uttrekksdatoen ---------------------------------------------------------------------


def test_lim_uttrekksdato_som_norsk_dato():
    import pandas as pd
    from types import SimpleNamespace

    kall = []
    uttrekk = SimpleNamespace(uttrekksdato=lambda: pd.Timestamp("2024-02-15"))
    tekst = lim.lim_uttrekksdato(uttrekk, glue=lambda navn, verdi, display: kall.append((navn, verdi, display)))
    assert tekst == "15.02.2024"
    assert kall == [("t.uttrekksdato", "15.02.2024", False)]


def test_uttrekksdatoen_er_tekst_og_ikke_med_i_figures_json():
    # samle_figurer hopper over navn som begynner med «t.»
    assert lim.UTTREKKSDATO.startswith(lim.TEKST)
