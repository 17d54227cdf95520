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
    """Teksten i hver fil bygget skriver: HTML, JSON, notatbøker, JavaScript, LaTeX og logger
    som tekst, xlsx som XML-en i arkivet, PDF gjennom pdftotext."""
    import shutil
    import subprocess

    for fil in sorted(katalog.rglob("*")):
        if not fil.is_file():
            continue
        if fil.suffix == ".xlsx":
            with zipfile.ZipFile(fil) as z:
                yield fil, "".join(z.read(n).decode("utf-8", "ignore") for n in z.namelist())
        elif fil.suffix == ".pdf":
            assert shutil.which("pdftotext"), "pdftotext mangler (poppler-utils; ./test.sh installerer det)"
            res = subprocess.run(["pdftotext", "-layout", str(fil), "-"], capture_output=True, text=True, check=True)
            yield fil, res.stdout
        elif fil.suffix in (".html", ".json", ".ipynb", ".js", ".txt", ".tex", ".log", ".md", ".csv", ".svg"):
            yield fil, fil.read_text(encoding="utf-8", errors="ignore")


# identifikatorene i uttrekket: (tabell, kolonne)
IDENTIFIKATORER = (("saker", "sak_id"), ("saker", "person_id"), ("saker", "familie_id"),
                   ("uiv", "uiv_id"), ("rettssaker", "rettssak_id"))


def test_ingen_identifikator_fra_dataene_i_noe_utdata(bygg_html):
    """Ingen sak-, person-, familie-, begjærings- eller rettssaks-id fra dataene i noe bygget
    skriver (HTML, PDF, xlsx, figures.json, de kjørte notatbøkene, loggene)."""
    ider: set[str] = set()
    for tabell, kolonne in IDENTIFIKATORER:
        verdier = pd.read_csv(PROSJEKTROT / "data" / f"{tabell}.csv", dtype=str, usecols=[kolonne])[kolonne]
        ider |= set(verdier.dropna())
    assert len(ider) > 40_000  # alle fem kolonnene er med
    # ord-liknende biter (bokstaver, sifre og bindestrek) sammenlignes med identifikatorene
    bit = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{5,}")
    skannet = set()
    for fil, tekst in _tekster(bygg_html):
        skannet.add(fil.suffix)
        lekkasje = {m for m in bit.findall(tekst) if m in ider}
        assert not lekkasje, f"{fil} inneholder identifikatorer: {sorted(lekkasje)[:3]}"
    assert {".html", ".json", ".ipynb", ".xlsx"} <= skannet
    if (bygg_html / "pdf").exists():
        assert ".pdf" in skannet


def test_skanningen_finner_en_identifikator(tmp_path):
    """Skanningen virker: en id plantet i en HTML-side, en notatbok og et xlsx-ark blir funnet."""
    saker = pd.read_csv(PROSJEKTROT / "data" / "saker.csv", dtype=str, nrows=3)
    sak, person = saker["sak_id"].iloc[0], saker["person_id"].iloc[1]
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "side.html").write_text(f"<td>{sak}</td>", encoding="utf-8")
    (tmp_path / "nb.ipynb").write_text(f'{{"x": "{person}"}}', encoding="utf-8")
    funnet = {fil.name for fil, tekst in _tekster(tmp_path) if sak in tekst or person in tekst}
    assert funnet == {"side.html", "nb.ipynb"}
