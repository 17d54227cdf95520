"""Den tilgjengelige PDF-en (issue 17): PDF-en bygget lager (``arsrapport.bok.trykk``) åpnes med
pikepdf og holdes til kravene: tagget, norsk språk, tittelen vises, hver figur har
alt-teksten HTML-boka har, bokmerker, alle skrifter innebygd, PDF/UA-1 og PDF/A-2a i
XMP-metadataene, datoene fra inndataene og sidetallet til selve rapporten (delene I–VII og
en kort avstemming, ikke den fullstendige listen over publiserte tall)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from arsrapport.bok.trykk.egenskaper import ROLLER, Egenskaper, les, mangler

#: Rapporten er 55 sider; med forside, innhold og avstemmingen (oversikten og avvikene) høyst så mange.
MAKS_SIDER = 65
MINST_SIDER = 40


@pytest.fixture(scope="module")
def pdf(bygg_html) -> Path:
    fil = bygg_html / "pdf" / "arsrapport.pdf"
    assert fil.is_file(), "bygget laget ingen PDF"
    return fil


@pytest.fixture(scope="module")
def egenskaper(pdf) -> Egenskaper:
    return les(pdf)


def test_ingenting_mangler(egenskaper):
    assert mangler(egenskaper) == []


def test_tagget_med_rollene(egenskaper):
    assert egenskaper.tagget
    for rolle in ROLLER:
        assert egenskaper.roller[rolle] > 0, rolle
    # en H1 per del (I–VII), innholdsfortegnelsen og forordet; ingen fra «Beregningsgrunnlag»
    assert egenskaper.roller["H1"] == 9


def test_sprak_og_tittel(egenskaper):
    assert egenskaper.sprak == "nb-NO"
    assert re.fullmatch(r"Årsrapport \d{4} – Utlendingsnemnda", egenskaper.tittel)
    assert egenskaper.vis_tittel


def test_figurene_har_alt_tekstene_fra_html(egenskaper, bygg_html):
    """Hver figur i PDF-en har en alt-tekst, og det er de samme tekstene som i HTML-boka
    (delene I–VII; ingen figur er utelatt)."""
    from bs4 import BeautifulSoup

    alt_html = []
    for side in sorted((bygg_html / "html").glob("del*/*.html")) + [bygg_html / "html" / "vedlegg" / "avstemming.html"]:
        artikkel = BeautifulSoup(side.read_text(encoding="utf-8"), "lxml").find("article")
        alt_html += [img["alt"] for img in artikkel.find_all("img")]
    assert alt_html, "HTML-boka har ingen figurer"
    assert all(egenskaper.figurer)
    assert sorted(egenskaper.figurer) == sorted(alt_html)


def test_overskriftsceller_har_scope(egenskaper):
    assert egenskaper.roller["TH"] > 0
    assert egenskaper.th_uten_scope == 0


def test_bokmerker_for_delene(egenskaper):
    topp = [t for n, t in egenskaper.bokmerker if n == 1]
    assert [t.split()[1] for t in topp if t.startswith("Del ")] == ["I", "II", "III", "IV", "V", "VI", "VII"]
    assert all("\u00ad" not in t for _, t in egenskaper.bokmerker)
    assert not any("beregning" in t.lower() for _, t in egenskaper.bokmerker)


def test_skriftene_er_innebygd(egenskaper):
    assert egenskaper.skrifter
    assert all(egenskaper.skrifter.values()), egenskaper.skrifter


def test_identifikasjon(egenskaper):
    assert egenskaper.pdfua == "1"
    assert egenskaper.pdfa == "2A"


def test_sidetallet_er_rapportens(egenskaper):
    assert MINST_SIDER <= egenskaper.sider <= MAKS_SIDER


def test_datoene_er_byggets_tidspunkt(egenskaper, pdf):
    """Opprettelses- og endringstid er byggets tidspunkt fra inndataene (samme som HTML-boka
    dateres med), ikke klokka; /ID er regnet av innholdet."""
    import pikepdf

    d = egenskaper.datoer
    assert d["/CreationDate"] == d["/ModDate"]
    assert d["xmp:CreateDate"] == d["xmp:ModifyDate"] == d["xmp:MetadataDate"]
    assert d["/CreationDate"] == "D:" + re.sub(r"\D", "", d["xmp:CreateDate"]) + "Z"
    with pikepdf.open(pdf) as dok:
        assert "/ID" in dok.trailer


def test_avstemmingen_er_kort(pdf):
    """Avstemmingen har oversikten og avvikene, ikke listen over alle publiserte tall."""
    import subprocess

    tekst = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Avstemming mot den publiserte rapporten" in tekst
    assert "Publiserte tall boka ikke gjenskaper" in tekst
    assert "Alle publiserte tall for rapportåret" not in tekst
    assert "tabeller.xlsx" in tekst


def test_samme_bytes_to_ganger(pdf, bygg_html, tmp_path):
    """Samme HTML-bok og samme tidspunkt gir samme PDF byte for byte."""
    import pikepdf

    from arsrapport.bok.trykk import lag_pdf

    with pikepdf.open(pdf) as dok:
        meta = dok.open_metadata()
        tidspunkt = meta["xmp:CreateDate"]
    from datetime import datetime

    sekunder = int(datetime.fromisoformat(tidspunkt.replace("Z", "+00:00")).timestamp())
    from arsrapport.bok.hurtiglager import Hurtiglager

    kilder = Hurtiglager().kilder()
    if not (kilder / "_toc.yml").is_file():
        pytest.skip("bokas kildekatalog finnes ikke i hurtiglageret")
    ny = tmp_path / "arsrapport.pdf"
    lag_pdf(bygg_html / "html", kilder, ny, sekunder)
    assert ny.read_bytes() == pdf.read_bytes()
