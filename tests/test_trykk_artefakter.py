"""Topptekst og sidetall i PDF-en er pagineringsartefakter (PDF/UA-1, 7.8), prøvd på et lite
dokument: WeasyPrint merker margboksene som innhold med /MCID uten element i strukturtreet;
``_identifiser`` gjør dem til ``/Artifact /Pagination`` og lar resten av innholdet stå."""

from __future__ import annotations

import subprocess

import pytest

from arsrapport.bok.trykk import VARIANT, _identifiser
from arsrapport.bok.trykk.egenskaper import les

HTML = """<!DOCTYPE html><html lang="nb-NO"><head><title>Prøve</title>
<meta name="dcterms.created" content="2024-02-15T00:00:00Z">
<meta name="dcterms.modified" content="2024-02-15T00:00:00Z"><style>
@page { size: A6; margin: 20mm 10mm;
        @top-left { content: "Topptekst" }
        @bottom-right { content: "Side " counter(page) } }
h1 { break-before: page }
</style></head><body>
<h1>Første</h1><p>Et avsnitt.</p>
<h1>Andre</h1><p>Et avsnitt til.</p><p>Og ett til.</p>
</body></html>"""


@pytest.fixture(scope="module")
def ra(tmp_path_factory):
    import weasyprint

    fil = tmp_path_factory.mktemp("artefakter") / "ra.pdf"
    fil.write_bytes(weasyprint.HTML(string=HTML).write_pdf(pdf_variant=VARIANT))
    return fil


@pytest.fixture(scope="module")
def ferdig(ra):
    fil = ra.with_name("ferdig.pdf")
    fil.write_bytes(_identifiser(ra.read_bytes()))
    return fil


def test_weasyprint_lar_margboksene_sta_utenfor_treet(ra):
    """Utgangspunktet (to sider, to margbokser på hver): fire biter innhold uten element i
    treet. Endrer en ny WeasyPrint dette, viser denne testen det."""
    e = les(ra)
    assert (e.sider, e.utenfor_treet, e.med_sidetall) == (2, 4, 0)


def test_margboksene_blir_pagineringsartefakter(ferdig):
    e = les(ferdig)
    assert (e.sider, e.utenfor_treet, e.med_sidetall) == (2, 0, 2)


def test_resten_av_innholdet_er_urort(ra, ferdig):
    """Overskriftene og avsnittene er i treet som før, og toppteksten og sidetallene står
    fortsatt på sidene (de er bare ikke en del av lesingen)."""
    foer, etter = les(ra), les(ferdig)
    assert etter.roller == foer.roller
    assert (etter.roller["H1"], etter.roller["P"]) == (2, 3)
    tekst = subprocess.run(["pdftotext", str(ferdig), "-"], capture_output=True, text=True, check=True).stdout
    assert tekst.count("Topptekst") == 2
    assert "Side 1" in tekst and "Side 2" in tekst
