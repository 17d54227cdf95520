"""Bygget: determinisme, personvern og at boka faktisk blir laget."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pandas as pd

from arsrapport.bygg import bygg
from arsrapport.config import PROSJEKTROT


def test_bygget_lager_bok_tall_og_tabeller(bygg_html):
    assert (bygg_html / "html" / "index.html").exists()
    assert (bygg_html / "figures.json").exists()
    assert (bygg_html / "tabeller.xlsx").exists()
    side = (bygg_html / "html" / "del3" / "3_1_generelle_tall.html").read_text(encoding="utf-8")
    assert "7\u00a0029" in side  # mottatt 2023, formatert norsk og limt inn
    assert "Tabell" in side and "Figur" in side


def test_to_bygg_gir_identisk_figures_json(bygg_html, tmp_path):
    ut = tmp_path / "igjen"
    bygg(PROSJEKTROT / "data", None, ut, bok=False)
    assert (ut / "figures.json").read_bytes() == (bygg_html / "figures.json").read_bytes()


def _tekster(katalog: Path):
    for fil in katalog.rglob("*"):
        if fil.suffix in (".html", ".json", ".ipynb", ".js", ".txt", ".tex"):
            yield fil, fil.read_text(encoding="utf-8", errors="ignore")
        elif fil.suffix == ".xlsx":
            with zipfile.ZipFile(fil) as z:
                yield fil, "".join(z.read(n).decode("utf-8", "ignore") for n in z.namelist())


def test_ingen_sak_eller_person_id_i_bygget(bygg_html):
    saker = pd.read_csv(PROSJEKTROT / "data" / "saker.csv", dtype=str)
    ider = set(saker["sak_id"]) | set(saker["person_id"])
    monster = re.compile(r"\b(?:\d{4}-\d{6}|P\d{8})\b")  # formatene i det syntetiske uttrekket
    for fil, tekst in _tekster(bygg_html):
        lekkasje = {m for m in monster.findall(tekst) if m in ider}
        assert not lekkasje, f"{fil} inneholder identifikatorer: {sorted(lekkasje)[:3]}"
