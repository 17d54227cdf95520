"""Det medfølgende syntetiske uttrekket: laget av generatoren (ikke redigert for hånd), det
samme på hver CPU, følger kontrakten, dekker hver verdi i hver verdiliste og ser ut som et
ekte register."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import uttrekksgenerator
from arsrapport.data.kontrakt import TABELLER
from arsrapport.grunn.config import PROSJEKTROT
from arsrapport.innlesing import les_uttrekk
from uttrekksgenerator.uttrekk import STANDARD_FRO, skriv_uttrekk

DATA = PROSJEKTROT / "data"


@pytest.fixture(scope="module")
def uttrekk(medfolgende_uttrekk):
    return medfolgende_uttrekk


@pytest.fixture(scope="module")
def generert(tmp_path_factory) -> Path:
    """Uttrekket generatoren skriver her og nå, på denne CPU-en (én gang for modulen)."""
    katalog = tmp_path_factory.mktemp("generert")
    skriv_uttrekk(katalog, STANDARD_FRO)
    return katalog


def test_data_er_generatorens_utdata(generert):
    for fil in sorted(DATA.glob("*.csv")):
        assert (generert / fil.name).read_bytes() == fil.read_bytes(), (
            f"data/{fil.name} er ikke det generatoren skriver; kjør `arsrapport generate --erstatt`"
        )


def test_generert_uttrekk_folger_kontrakten_og_gir_de_publiserte_tallene(generert):
    """Generer → kontroller → gull: det generatoren skriver på denne maskinen, bryter ikke
    datakontrakten (``les_uttrekk`` stopper på hvert brudd) og gir de publiserte tallene
    (eller de kjente avvikene med tallet i avvik.yaml), uansett om det er byte for byte det
    samme som ``data/``."""
    from test_golden import sammenlign_med_gull

    from arsrapport import kapitler

    u = les_uttrekk(generert)
    figurer = kapitler.slå_sammen_figurer(kapitler.beregn_alle(u, 2023))
    treff, _, feil = sammenlign_med_gull(figurer)
    assert not feil, "\n".join(feil)
    assert treff > 800


# Det generatoren kan bruke fra arsrapport: tabelldefinisjonene (filformatet) og stiene, aldri målene
_TILLATT_FRA_ARSRAPPORT = {"arsrapport.data.kontrakt": {"TABELLER"}, "arsrapport.grunn.config": {"les_innstillinger"}}


def _importer_fra_arsrapport(kilde: str) -> list[tuple[int, str, str]]:
    """(linje, modul, navn) for hver import fra ``arsrapport`` (også inne i funksjoner)."""
    funn = []
    for node in ast.walk(ast.parse(kilde)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "arsrapport":
            funn += [(node.lineno, node.module, a.name) for a in node.names]
        elif isinstance(node, ast.Import):
            funn += [(node.lineno, a.name, "*") for a in node.names if a.name.split(".")[0] == "arsrapport"]
    return funn


def test_regelen_finner_importer_fra_biblioteket():
    kilde = (
        "from arsrapport.maal import prioritet as regler\nimport arsrapport.maal.saksbehandling\n"
        "def f():\n    from arsrapport.data.kontrakt import AVGJORELSESFORMER\n"
        "from arsrapport.data.kontrakt import TABELLER\nimport numpy\n"
    )
    funn = _importer_fra_arsrapport(kilde)
    assert [(linje, m, n) for linje, m, n in funn if n not in _TILLATT_FRA_ARSRAPPORT.get(m, set())] == [
        (1, "arsrapport.maal", "prioritet"),
        (2, "arsrapport.maal.saksbehandling", "*"),
        (4, "arsrapport.data.kontrakt", "AVGJORELSESFORMER"),
    ]


def test_generatoren_har_egne_regler_og_bruker_ikke_bibliotekets_maal():
    """Generatoren tar reglene fra kontrakten selv (``uttrekksgenerator.kontrakt``): en feil
    regel i ``arsrapport.maal`` skal ikke forme dataene og målet likt."""
    funn = [
        f"{fil.name}:{linje}: from {modul} import {navn}"
        for fil in sorted(Path(uttrekksgenerator.__file__).parent.glob("*.py"))
        for linje, modul, navn in _importer_fra_arsrapport(fil.read_text(encoding="utf-8"))
        if navn not in _TILLATT_FRA_ARSRAPPORT.get(modul, set())
    ]
    assert not funn, "generatoren importerer fra rapportbiblioteket:\n" + "\n".join(funn)


def test_generatorens_regler_er_kontraktens_eksempler():
    """Eksemplene i datakontrakten («Priority portfolio»), regnet med generatorens egne regler."""
    import datetime as dt

    from uttrekksgenerator import kontrakt as k

    t = dt.datetime
    assert k.uiv_frist(t(2023, 4, 5, 14, 0), True) == t(2023, 4, 12, 14, 0)  # over påsken
    assert k.legg_til_arbeidsdager(t(2023, 3, 10, 15, 30), 2) == t(2023, 3, 14, 15, 30)  # fredag → tirsdag
    assert k.legg_til_arbeidsdager(t(2023, 3, 11, 10, 0), 2) == t(2023, 3, 14, 10, 0)  # lørdag → tirsdag
    assert k.legg_til_arbeidsdager(t(2023, 3, 14, 10, 0), -2) == t(2023, 3, 10, 10, 0)
    assert k.uiv_frist(t(2023, 4, 26, 10, 0), False) == t(2023, 5, 19, 23, 59)  # 17. og 18. mai
    assert k.uiv_frist(t(2024, 12, 3, 10, 0), False) == t(2024, 12, 27, 23, 59)  # julaften, 1. og 2. juledag
    assert k.uiv_frist(t(2023, 12, 4, 10, 0), False) == t(2023, 12, 27, 23, 59)
    assert k.er_arbeidsdag(dt.date(2023, 12, 24)) is False and k.er_arbeidsdag(dt.date(2024, 12, 24)) is True
    assert k.NEMNDMOTEFORMER == ("Stornemnd", "NMP", "NUP") and k.OMGJORT == ("Omgjort", "Delvis omgjort")


def test_generatorens_regler_er_de_samme_som_bibliotekets():
    """To uavhengige utgaver av de samme reglene (generatorens og bibliotekets) gir det samme
    for hver dag 2020–2025 (med et tilfeldig klokkeslett og antall arbeidsdager); en forskjell
    betyr at én av dem er feil."""
    import datetime as dt

    from arsrapport.data import kontrakt as biblioteket_kontrakt
    from arsrapport.maal import prioritet as biblioteket
    from arsrapport.maal import saksbehandling
    from uttrekksgenerator import kontrakt as k

    rng = np.random.default_rng(19)
    start = dt.datetime(2020, 1, 1)
    for dag in range((dt.datetime(2026, 1, 1) - start).days):
        t = start + dt.timedelta(days=dag, minutes=int(rng.integers(0, 24 * 60)))
        n = int(rng.integers(-12, 13))
        assert k.er_arbeidsdag(t.date()) == biblioteket.er_arbeidsdag(t.date()), t
        assert k.legg_til_arbeidsdager(t, n) == biblioteket.legg_til_arbeidsdager(t, n), (t, n)
        for ag in (True, False):
            assert k.uiv_frist(t, ag) == biblioteket.uiv_frist(t, ag), (t, ag)
    assert k.NEMNDMOTEFORMER == saksbehandling.NEMNDMOTEFORMER and k.OMGJORT == saksbehandling.OMGJORT
    assert k.AVGJORELSESFORMER == biblioteket_kontrakt.AVGJORELSESFORMER
    assert (k.PP, k.UM) == biblioteket_kontrakt.PRIORITETSKODER


def _valgfrie_simd_grupper() -> list[str]:
    """SIMD-gruppene numpy kan velge utover grunnlinjen og som denne CPU-en har (som
    «found» i ``numpy.show_runtime()``), f.eks. X86_V3, X86_V4, AVX512_ICL."""
    from numpy._core._multiarray_umath import __cpu_dispatch__, __cpu_features__

    return [g for g in __cpu_dispatch__ if __cpu_features__.get(g)]


def test_data_er_det_samme_uten_simd(tmp_path):
    """Generatoren skriver de samme bytene når numpy ikke får bruke noen av CPU-ens valgfrie
    SIMD-grupper (sortering, transcendente funksjoner m.m. går da gjennom grunnlinjekjernene).
    Alle gruppene slås av, ikke bare den høyeste: med bare AVX512_ICL av bruker numpy fortsatt
    AVX-512-sorteringen i X86_V4, og da ville ustabil sortering av like nøkler ikke synes."""
    grupper = _valgfrie_simd_grupper()
    if not grupper:
        pytest.skip(f"CPU-en har ingen valgfri SIMD-gruppe utover grunnlinjen ({np.__version__})")
    kode = (
        "import sys\n"
        "from numpy._core._multiarray_umath import __cpu_features__\n"
        "aktive = [g for g in sys.argv[2:] if __cpu_features__.get(g)]\n"
        "assert not aktive, f'numpy bruker fortsatt {aktive}'\n"
        "from uttrekksgenerator.uttrekk import STANDARD_FRO, skriv_uttrekk\n"
        "skriv_uttrekk(sys.argv[1], STANDARD_FRO)\n"
    )
    miljo = dict(os.environ, NPY_DISABLE_CPU_FEATURES=" ".join(grupper))
    # ImportWarning er numpys melding om et navn den ikke kan slå av: gjør den til en feil
    res = subprocess.run(
        [sys.executable, "-W", "error::ImportWarning", "-c", kode, str(tmp_path), *grupper],
        env=miljo,
        capture_output=True,
        text=True,
    )
    assert res.returncode == 0, res.stderr[-3000:]
    for fil in sorted(DATA.glob("*.csv")):
        assert (tmp_path / fil.name).read_bytes() == fil.read_bytes(), (
            f"data/{fil.name} blir ikke det samme med NPY_DISABLE_CPU_FEATURES={' '.join(grupper)}"
        )


# Kall som gir CPU-avhengig utdata, ut over sorteringen (den krever tests/test_stabil_sortering.py
# stabil i hele lib/). Transcendente ufuncs har egne SIMD-implementasjoner med ulike siste bits,
# og BLAS har kjerner per CPU; partisjonering har ingen stabil variant.
_UTEN_STABIL_VARIANT = {"partition", "argpartition", "nlargest", "nsmallest"}
_SIMD_NUMPY = {
    "exp",
    "exp2",
    "expm1",
    "log",
    "log2",
    "log10",
    "log1p",
    "power",
    "float_power",
    "sin",
    "cos",
    "tan",
    "arcsin",
    "arccos",
    "arctan",
    "arctan2",
    "sinh",
    "cosh",
    "tanh",
    "arcsinh",
    "arccosh",
    "arctanh",
    "cbrt",
    "hypot",
    "logaddexp",
    "logaddexp2",
    "dot",
    "vdot",
    "inner",
    "matmul",
    "tensordot",
    "einsum",
    "linalg",
}
_SIMD_METODER = {"dot", "pow", "rpow", "matmul"}


def _cpu_avhengige_kall(kilde: str) -> list[tuple[int, str]]:
    funn = []
    for node in ast.walk(ast.parse(kilde)):
        if isinstance(node, ast.Call):
            navn = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
            kw = {k.arg: k.value for k in node.keywords}
            if navn in _UTEN_STABIL_VARIANT:
                funn.append((node.lineno, f'{navn}(...) (ingen stabil variant; sorter med kind="stable")'))
            elif navn == "value_counts" and not (
                isinstance(kw.get("sort"), ast.Constant) and kw["sort"].value is False
            ):
                funn.append((node.lineno, "value_counts(...) uten sort=False (rekkefølgen av like antall)"))
            elif isinstance(node.func, ast.Attribute) and navn in _SIMD_METODER:
                funn.append((node.lineno, f".{navn}(...)"))
        elif (
            isinstance(node, ast.Attribute)
            and node.attr in _SIMD_NUMPY
            and getattr(node.value, "id", None) in ("np", "numpy")
        ):
            funn.append((node.lineno, f"np.{node.attr}"))
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.MatMult):
            funn.append((node.lineno, "@ (BLAS)"))
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
            # ** 2 er kvadrering (np.square for matriser); heltallskonstanter er eksakte; ellers np.power
            konstanter = all(isinstance(x, ast.Constant) and type(x.value) is int for x in (node.left, node.right))
            if not konstanter and not (isinstance(node.right, ast.Constant) and node.right.value == 2):
                funn.append((node.lineno, f"{ast.unparse(node)} (np.power)"))
    return sorted(funn)


def test_regelen_finner_cpu_avhengige_kall():
    kilde = (
        "d = np.exp(x)\ne = x @ y\nf = x ** 1.5\ng = x.argpartition(3)\nh = s.value_counts()\ni = x.dot(y)\n"
        "ok = [np.argsort(x, kind='stable'), sorted(x), rader.sort(key=len), x ** 2, 10 ** 9, np.sqrt(x),"
        " s.value_counts(sort=False)]\n"
    )
    assert [linje for linje, _ in _cpu_avhengige_kall(kilde)] == [1, 2, 3, 4, 5, 6]


def test_generatoren_har_ingen_cpu_avhengige_kall():
    """Generatoren bruker verken transcendente numpy-funksjoner, potenser, partisjonering eller
    BLAS (at den sorterer stabilt, krever ``test_stabil_sortering``); ``test_data_er_det_samme_uten_simd`` prøver det på
    denne maskinen, denne testen dekker kjernene den ikke har (AVX2 uten AVX-512, ARM)."""
    funn = [
        f"{fil.name}:{linje}: {hva}"
        for fil in sorted(Path(uttrekksgenerator.__file__).parent.glob("*.py"))
        for linje, hva in _cpu_avhengige_kall(fil.read_text(encoding="utf-8"))
    ]
    assert not funn, "CPU-avhengige kall i generatoren:\n" + "\n".join(funn)


def test_hver_verdi_i_hver_verdiliste_forekommer(uttrekk):
    for tabell in TABELLER.values():
        for kol in tabell.kolonner:
            if kol.type == "enum" and kol.verdier:
                forekommer = set(uttrekk[tabell.navn][kol.navn].dropna().unique())
                mangler = set(kol.verdier) - forekommer
                assert not mangler, f"{tabell.navn}.{kol.navn}: {sorted(mangler)} forekommer ikke"


def test_registeret_ser_realistisk_ut(uttrekk):
    s = uttrekk.saker
    assert s["mottatt_dato"].min() >= pd.Timestamp("2018-01-01")
    assert uttrekk.uttrekksdato() == pd.Timestamp("2024-02-15")
    # mottak hver måned, uten at én måned dominerer
    per_maned = s.loc[s["mottatt_dato"].dt.year.eq(2023), "mottatt_dato"].dt.month.value_counts()
    assert len(per_maned) == 12 and per_maned.max() < 2 * per_maned.min()
    # saksbehandlingstider med spredning, ingen negative
    tid = (s["avsluttet_dato"] - s["mottatt_dato"]).dt.days.dropna()
    assert tid.min() >= 0 and tid.quantile(0.9) > 2 * tid.quantile(0.25)
    # mange nasjonaliteter; noen personer med flere saker
    assert s["nasjonalitet"].nunique() >= 20
    saker_per_person = s["person_id"].value_counts()
    assert (saker_per_person > 1).sum() > 500
    # ubehandlede saker ved årsskiftet 2020/2021 (porteføljer før rapportperioden)
    apen_2020 = (s["mottatt_dato"] <= "2020-12-31") & ~(s["avsluttet_dato"] <= "2020-12-31")
    assert apen_2020.sum() > 1000
