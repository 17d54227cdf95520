"""Notatbøkene: lagret uten utdata, tynne (bare importer fra ``arsrapport``, kall til det de
importerer og ``resultat``-metodene; ingen egen logikk), én parametercelle, og de kjøres med
nbval – løst over kildene, strengt over notatbøkene et bygg kjørte (der må hver utdata
reproduseres)."""

from __future__ import annotations

import ast
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


# Det en tynn notatbok gjør med resultatet: lagre det til bygget og vise det
RESULTATMETODER = {"lagre", "vis", "oversikt"}


def _enkel_verdi(node: ast.AST, navn: set[str]) -> bool:
    """Et argument er en konstant eller et navn notatboka har (ikke et uttrykk)."""
    return isinstance(node, ast.Constant) or (isinstance(node, ast.Name) and node.id in navn)


def _rot(node: ast.AST) -> str | None:
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def ikke_tynt(celler: list[tuple[str, bool]]) -> list[str]:
    """Setningene i kodecellene ``(kilde, er_parametercelle)`` som er mer enn en tynn notatbok
    trenger. Lov: i parametercellen bare ``navn = konstant``; ellers importer fra
    ``arsrapport``, ``navn = f(...)`` der ``f`` er importert fra ``arsrapport`` og argumentene
    er konstanter eller navn, og ``resultat.lagre()``/``vis("…")``/``oversikt()``. Alt annet
    (løkker, ``len``, oppslag med ``[]``, regning, f-strenger, funksjoner, lambda, klasser) er
    logikk som hører hjemme i ``lib/arsrapport``."""
    importert: set[str] = set()
    navn: set[str] = set()
    funn = []
    for nr, (kilde, parametere) in enumerate(celler):
        for s in ast.parse(kilde).body:
            ok = False
            if parametere:
                ok = (
                    isinstance(s, ast.Assign)
                    and all(isinstance(t, ast.Name) for t in s.targets)
                    and isinstance(s.value, ast.Constant)
                )
            elif isinstance(s, ast.ImportFrom):
                ok = (s.module or "").split(".")[0] == "arsrapport" and s.level == 0
                importert |= {a.asname or a.name for a in s.names}
            elif isinstance(s, ast.Import):
                ok = all(a.name.split(".")[0] == "arsrapport" for a in s.names)
                importert |= {(a.asname or a.name).split(".")[0] for a in s.names}
            elif isinstance(s, ast.Assign) and isinstance(s.value, ast.Call):
                kall = s.value
                ok = (
                    all(isinstance(t, ast.Name) for t in s.targets)
                    and _rot(kall.func) in importert
                    and all(_enkel_verdi(a, navn) for a in kall.args)
                    and all(_enkel_verdi(k.value, navn) for k in kall.keywords)
                )
            elif isinstance(s, ast.Expr) and isinstance(s.value, ast.Call):
                kall = s.value
                ok = (
                    isinstance(kall.func, ast.Attribute)
                    and isinstance(kall.func.value, ast.Name)
                    and kall.func.value.id == "resultat"
                    and kall.func.attr in RESULTATMETODER
                    and all(isinstance(a, ast.Constant) for a in kall.args)
                    and not kall.keywords
                )
            if isinstance(s, ast.Assign):
                navn |= {t.id for t in s.targets if isinstance(t, ast.Name)}
            if not ok:
                funn.append(f"celle {nr}, linje {s.lineno}: {ast.unparse(s).splitlines()[0]}")
    return funn


@pytest.mark.parametrize(
    "kilde",
    [
        "n = len(figurer)",
        "antall = resultat.tabeller['tab-avstemming-avvik'].shape[0]",
        "for a in figurer:\n    print(a)",
        "stemmer = sum(1 for r in rader if r)",
        "andel = kapitler.beregn('x', uttrekk, year) / 2",
        "resultat = kapitler.beregn('x', uttrekk, year + 1)",
        "print(f'{len(figurer)} tall')",
        "def f():\n    pass",
        "g = lambda x: x",
        "class K:\n    pass",
        "import pandas as pd",
        "from arsrapport.kapitler.avstemming import sammenlign\nrader = sammenlign(figurer)[lambda d: d.år == 2023]",
        "resultat.tabeller.clear()",
        "resultat.vis(navn.upper())",
    ],
)
def test_regelen_finner_logikk_i_en_notatbok(kilde):
    assert ikke_tynt([("year = None\ndata_dir = '../data'", True), (kilde, False)])


def test_regelen_godtar_en_tynn_notatbok():
    celler = [
        ("year = None  # rapportåret\ndata_dir = '../data'", True),
        (
            "from arsrapport import kapitler\nfrom arsrapport.innlesing import les_uttrekk\n\n"
            "uttrekk = les_uttrekk(data_dir)\nresultat = kapitler.beregn('3_1', uttrekk, year)\n"
            "resultat.lagre()\nresultat.oversikt()",
            False,
        ),
        ("resultat.vis('tab-3-1-beholdning')", False),
    ]
    assert ikke_tynt(celler) == []
    assert ikke_tynt([("year = 2023 - 1", True)])  # parametercellen har bare konstanter


@pytest.mark.parametrize("fil", NOTATBOKER, ids=lambda f: f.name)
def test_tynn_med_en_parametercelle(fil):
    kode = [c for c in _celler(fil) if c["cell_type"] == "code"]
    parametere = [c for c in kode if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(parametere) == 1, "nøyaktig én celle merket «parameters»"
    kilde = "".join(parametere[0]["source"])
    assert "year" in kilde and "data_dir" in kilde
    funn = ikke_tynt([("".join(c["source"]), c in parametere) for c in kode])
    assert not funn, f"{fil.name}: logikk hører hjemme i lib/arsrapport, ikke i notatboka:\n" + "\n".join(funn)


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
