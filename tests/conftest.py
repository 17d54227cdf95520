"""Felles fixtures: ett bygg av tallene (og HTML-boka) på de medfølgende dataene per testøkt."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from arsrapport.config import PROSJEKTROT

GOLDEN = PROSJEKTROT / "docs" / "golden" / "une-2023.yaml"
AVVIK = PROSJEKTROT / "docs" / "avvik.yaml"


@pytest.fixture(scope="session")
def bygg_html(tmp_path_factory) -> Path:
    """Et helt bygg (HTML og PDF) av de medfølgende dataene, én gang per testøkt. PDF-en
    bygges når XeLaTeX finnes (``./test.sh`` installerer det), så personvernskanningen også
    dekker den."""
    import shutil

    from arsrapport.bygg import bygg

    ut = tmp_path_factory.mktemp("bygg") / "_build"
    bygg(PROSJEKTROT / "data", None, ut, bok=True, pdf=shutil.which("xelatex") is not None)
    return ut


@pytest.fixture(scope="session")
def figurer(bygg_html) -> dict[int, dict[str, float]]:
    raw = json.loads((bygg_html / "figures.json").read_text(encoding="utf-8"))
    return {int(ar): v for ar, v in raw.items()}
