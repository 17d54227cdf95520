"""Den tilgjengelige PDF-en (issue 17): PDF-en bygget lager (``arsrapport.bok.trykk``) åpnes med
pikepdf og holdes til kravene: tagget, norsk språk, tittelen vises, hver figur har
alt-teksten HTML-boka har, bokmerker, alle skrifter innebygd, PDF/UA-1 og PDF/A-2a i
XMP-metadataene, datoene fra inndataene og sidetallet til selve rapporten (delene I–VII og
en kort avstemming, ikke den fullstendige listen over publiserte tall)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from arsrapport.bok.trykk.egenskaper import ROLLER, ROLLER_AVSTEMMING, Egenskaper, les, mangler

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


def test_topptekst_og_sidetall_er_artefakter(egenskaper):
    """Alt innhold er i strukturtreet eller en artefakt, og hver side unntatt forsiden har
    topptekst og sidetall som pagineringsartefakter (skjermlesere leser dem ikke inn i teksten)."""
    assert egenskaper.utenfor_treet == 0
    assert egenskaper.med_sidetall == egenskaper.sider - 1


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
    from arsrapport.bok.hurtiglager import Hurtiglager
    from arsrapport.bok.trykk import lag_pdf

    sekunder = _sekunder(pdf)

    kilder = Hurtiglager().kilder()
    if not (kilder / "_toc.yml").is_file():
        pytest.skip("bokas kildekatalog finnes ikke i hurtiglageret")
    ny = tmp_path / "arsrapport.pdf"
    lag_pdf(bygg_html / "html", kilder, ny, sekunder)
    assert ny.read_bytes() == pdf.read_bytes()


def test_hele_avstemmingen_som_eget_dokument(pdf, bygg_html, hurtiglager, tmp_path):
    """``--avstemming-pdf``: byggets PDF-steg lager ``avstemming.pdf`` av den samme HTML-boka,
    med hele avstemmingen (også alle publiserte tall), like tilgjengelig som rapporten; andre
    gang gjenbrukes den fra hurtiglageret."""
    import subprocess

    from arsrapport.bok.bygg.felles import Kildetid
    from arsrapport.bok.bygg.pdf import AVSTEMMING, lag_pdf
    from arsrapport.bok.hurtiglager import Hurtiglager

    lager = Hurtiglager(hurtiglager)
    resultat = tmp_path / "resultat"
    resultat.mkdir()
    (resultat / "html").symlink_to(bygg_html / "html", target_is_directory=True)
    sekunder = _sekunder(pdf)
    meldinger: list[str] = []
    fil = lag_pdf(resultat, lager.kilder(), Kildetid(sekunder, "test"), lager, meldinger.append, AVSTEMMING)
    assert fil == resultat / "pdf" / "avstemming.pdf"
    e = les(fil)
    assert mangler(e, ROLLER_AVSTEMMING) == []
    assert (e.utenfor_treet, e.med_sidetall) == (0, e.sider - 1)
    assert e.tittel == "Avstemming mot den publiserte rapporten – Årsrapport 2023 – Utlendingsnemnda"
    assert 20 <= e.sider <= 60
    tekst = subprocess.run(["pdftotext", str(fil), "-"], capture_output=True, text=True, check=True).stdout
    assert "Alle publiserte tall for rapportåret" in tekst
    assert "Publiserte tall boka ikke gjenskaper" in tekst
    assert "Samfunnsoppdrag" not in tekst  # bare avstemmingen, ikke rapporten

    igjen = tmp_path / "igjen"
    igjen.mkdir()
    (igjen / "html").symlink_to(bygg_html / "html", target_is_directory=True)
    lag_pdf(igjen, lager.kilder(), Kildetid(sekunder, "test"), lager, meldinger.append, AVSTEMMING)
    assert "avstemming.pdf gjenbrukt" in meldinger[-1]
    assert (igjen / "pdf" / "avstemming.pdf").read_bytes() == fil.read_bytes()


def _sekunder(pdf: Path) -> int:
    """Byggets tidspunkt, lest av rapport-PDF-en (xmp:CreateDate)."""
    from datetime import datetime

    import pikepdf

    with pikepdf.open(pdf) as dok:
        tidspunkt = dok.open_metadata()["xmp:CreateDate"]
    return int(datetime.fromisoformat(tidspunkt.replace("Z", "+00:00")).timestamp())
