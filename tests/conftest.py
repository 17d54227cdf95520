"""Felles fixtures: ett bygg av tallene (og HTML-boka) på de medfølgende dataene per testøkt."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from arsrapport.grunn.config import PROSJEKTROT, les_innstillinger

GOLDEN = les_innstillinger().publisert
AVVIK = PROSJEKTROT / "docs" / "avvik.yaml"


@pytest.fixture(scope="session", autouse=True)
def hurtiglager(tmp_path_factory) -> Path:
    """Ett hurtiglager for hele testøkta (også for kommandolinjen testene starter): byggene
    gjenbruker hverandres kjøringer, og prosjektets eget lager (``.hurtiglager``) røres ikke."""
    import os

    from arsrapport.bok.hurtiglager import MILJOVARIABEL

    kat = tmp_path_factory.mktemp("hurtiglager")
    forrige = os.environ.get(MILJOVARIABEL)
    os.environ[MILJOVARIABEL] = str(kat)
    yield kat
    if forrige is None:
        os.environ.pop(MILJOVARIABEL, None)
    else:
        os.environ[MILJOVARIABEL] = forrige


@pytest.fixture(scope="session")
def bygg_html(tmp_path_factory, hurtiglager) -> Path:
    """Et helt bygg (HTML og PDF) av de medfølgende dataene, én gang per testøkt; PDF-en er
    med, så personvernskanningen og PDF-testene dekker den."""
    from arsrapport.bok.bygg import bygg

    ut = tmp_path_factory.mktemp("bygg") / "_build"
    bygg(PROSJEKTROT / "data", None, ut, bok=True, pdf=True)
    return ut


@pytest.fixture(scope="session")
def bygg_uten_simd(tmp_path_factory) -> tuple[Path, Path, str]:
    """Et bygg til av de medfølgende dataene, senere, i en egen prosess, fra bunnen (eget, tomt
    hurtiglager) og med numpys valgfrie SIMD-grupper slått av. Gir (utkatalog, hurtiglager,
    gruppene som ble slått av); ``test_bygg_gjenbruk`` bygger videre med hurtiglageret."""
    import os
    import subprocess
    import sys

    from test_data import _valgfrie_simd_grupper

    from arsrapport.bok.hurtiglager import MILJOVARIABEL

    rot = tmp_path_factory.mktemp("uten_simd")
    gruppe = " ".join(_valgfrie_simd_grupper())
    miljo = dict(os.environ)
    miljo[MILJOVARIABEL] = str(rot / "hurtiglager")
    if gruppe:
        miljo["NPY_DISABLE_CPU_FEATURES"] = gruppe
    ut = rot / "_build"
    kommando = [sys.executable, "-m", "arsrapport", "build", "--out", str(ut)]
    res = subprocess.run(kommando, capture_output=True, text=True, env=miljo, timeout=900)
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    return ut, rot / "hurtiglager", gruppe


@pytest.fixture(scope="session")
def medfolgende_uttrekk():
    """Det medfølgende uttrekket (``data/``), lest og kontrollert én gang per testøkt. Bare for
    tester som leser det uten å endre det."""
    from arsrapport.innlesing import les_uttrekk

    return les_uttrekk(PROSJEKTROT / "data")


@pytest.fixture(scope="session")
def medfolgende_resultater(medfolgende_uttrekk):
    """Alle kapitlene og avstemmingen for 2023 på det medfølgende uttrekket, i denne prosessen
    (``kapitler.beregn_alle``, uten bok), én gang per testøkt. Bare til lesing."""
    from arsrapport import kapitler

    return kapitler.beregn_alle(medfolgende_uttrekk, 2023)


@pytest.fixture(scope="session")
def figurer(bygg_html) -> dict[int, dict[str, float]]:
    raw = json.loads((bygg_html / "figures.json").read_text(encoding="utf-8"))
    return {int(ar): v for ar, v in raw.items()}
