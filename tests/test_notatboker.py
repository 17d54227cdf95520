"""Notatbøkene: lagret uten utdata, tynne (ingen funksjoner), én parametercelle, og de
kjøres med nbval – løst over kildene, strengt over notatbøkene et bygg kjørte (der må
hver utdata reproduseres)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from arsrapport.grunn.config import PROSJEKTROT

NOTATBOKER = sorted((PROSJEKTROT / "notebooks").glob("*.ipynb"))
SANERING = PROSJEKTROT / "tests" / "nbval_sanitize.cfg"


def _celler(fil):
    return json.loads(fil.read_text(encoding="utf-8"))["cells"]


@pytest.mark.parametrize("fil", NOTATBOKER, ids=lambda f: f.name)
def test_lagret_uten_utdata(fil):
    for celle in _celler(fil):
        if celle["cell_type"] == "code":
            assert not celle.get("outputs"), f"{fil.name} er lagret med utdata"
            assert celle.get("execution_count") is None


@pytest.mark.parametrize("fil", NOTATBOKER, ids=lambda f: f.name)
def test_tynn_med_en_parametercelle(fil):
    kode = [c for c in _celler(fil) if c["cell_type"] == "code"]
    parametere = [c for c in kode if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(parametere) == 1, "nøyaktig én celle merket «parameters»"
    kilde = "".join(parametere[0]["source"])
    assert "year" in kilde and "data_dir" in kilde
    for celle in kode:
        tekst = "".join(celle["source"])
        assert "def " not in tekst and "lambda" not in tekst and "class " not in tekst, (
            f"{fil.name}: logikk hører hjemme i lib/arsrapport, ikke i notatboka"
        )


def _nbval(*argumenter, cwd):
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *argumenter],
        cwd=cwd,
        capture_output=True,
        text=True,
    )


def test_nbval_lost_over_kildene():
    res = _nbval("--nbval-lax", *[f.name for f in NOTATBOKER], cwd=PROSJEKTROT / "notebooks")
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-2000:]


def test_nbval_strengt_over_kjorte_notatboker(bygg_html, tmp_path):
    """De kjørte notatbøkene har ``data_dir`` relativt til notatbokkatalogen («../data», så de
    er like uansett hvor prosjektet ligger); de kjøres derfor fra en katalog ved siden av dataene."""
    import shutil

    katalog = tmp_path / "notebooks"
    shutil.copytree(bygg_html / "notatboker", katalog)
    (tmp_path / "data").symlink_to(PROSJEKTROT / "data")
    filer = sorted(p.name for p in katalog.glob("*.ipynb"))
    assert filer, "bygget kjørte ingen notatbøker"
    for fil in filer:
        assert '"../data"' in (katalog / fil).read_text(encoding="utf-8"), fil
    res = _nbval("--nbval", "--nbval-sanitize-with", str(SANERING), *filer, cwd=katalog)
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-2000:]
