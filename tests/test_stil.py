"""Stilkontrollene i CI: de samme som pre-commit-krokene (``.pre-commit-config.yaml``) kjører
før hver commit. ruff (feil, importrekkefølge, formatering) over koden, testene, målingene,
skriptene og notatbøkene, og notatbøkene uten utdata (nbstripout)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from arsrapport.grunn.config import PROSJEKTROT

KATALOGER = ["lib", "tests", "benchmarks", "scripts", "notebooks"]
BIN = Path(sys.executable).parent


def _kjor(*kommando: str) -> subprocess.CompletedProcess:
    return subprocess.run(kommando, cwd=PROSJEKTROT, capture_output=True, text=True)


def test_ruff_finner_ingen_feil():
    k = _kjor(str(BIN / "ruff"), "check", "--no-fix", "--output-format", "concise", *KATALOGER)
    assert k.returncode == 0, k.stdout[-3000:] + k.stderr[-1000:]


def test_koden_er_formatert():
    k = _kjor(str(BIN / "ruff"), "format", "--check", *KATALOGER)
    assert k.returncode == 0, "kjør .venv/bin/ruff format\n" + k.stdout[-3000:]


def test_notatbokene_er_lagret_uten_utdata():
    notatboker = sorted(str(p) for p in (PROSJEKTROT / "notebooks").glob("*.ipynb"))
    assert notatboker
    k = _kjor(str(BIN / "nbstripout"), "--keep-id", "--verify", *notatboker)
    assert k.returncode == 0, "kjør .venv/bin/nbstripout --keep-id notebooks/*.ipynb\n" + k.stdout + k.stderr


def test_krokene_bruker_verktoyene_i_venv_og_laasen():
    """Hver krok er lokal, kaller et verktøy i .venv, og verktøyet står i requirements.lock."""
    oppsett = yaml.safe_load((PROSJEKTROT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    laast = {
        linje.split("==")[0].lower().replace("_", "-")
        for linje in (PROSJEKTROT / "requirements.lock").read_text().splitlines()
        if "==" in linje
    }
    kroker = [k for repo in oppsett["repos"] for k in repo["hooks"]]
    assert {repo["repo"] for repo in oppsett["repos"]} == {"local"}
    assert {k["id"] for k in kroker} == {"ruff-check", "ruff-format", "nbstripout"}
    for k in kroker:
        program = k["entry"].split()[0]
        assert program.startswith(".venv/bin/"), k
        assert program.removeprefix(".venv/bin/") in laast | {"pre-commit"}, k
        assert (BIN / program.removeprefix(".venv/bin/")).exists(), k
