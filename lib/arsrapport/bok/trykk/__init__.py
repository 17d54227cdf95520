"""PDF-en av årsrapporten: en tilgjengelig (tagget) PDF laget av den ferdige HTML-boka med
WeasyPrint, i stedet for Sphinx' LaTeX-bygger og XeLaTeX (issue 17).

* :mod:`.samle` setter delene I–VII og en kort avstemming sammen til ett HTML-dokument
  (``lang="nb-NO"``, forside, innholdsfortegnelse); teksten, tabellene, figurene og
  alt-tekstene er de HTML-boka har. Hele avstemmingen (med listen over alle publiserte tall)
  kan lages som eget dokument, ``avstemming.pdf`` (``arsrapport build --avstemming-pdf``).
* ``trykk.css`` er utskriftsoppsettet: A4, sidetall, topptekst, tabeller og figurer.
* :func:`lag_pdf` lar WeasyPrint sette dokumentet som PDF/A-2a (tagget: overskrifter,
  avsnitt, lister, tabeller med overskriftsceller, figurer med alt-tekst; ``/Lang``,
  ``DisplayDocTitle``, bokmerker, innebygde skrifter, sRGB-utdataprofil) og legger
  PDF/UA-1-identifikasjonen til i XMP-metadataene med pikepdf; der får også toppteksten og
  sidetallene merket de skal ha (artefakter) og overskriftscellene /Scope.
* Datoene er byggets tidspunkt fra inndataene (:class:`arsrapport.bok.bygg.felles.Kildetid`),
  og PDF-ens /ID er regnet av innholdet: de samme inndataene gir de samme bytene.

:mod:`.egenskaper` leser egenskapene tilbake (testene og ``arsrapport build`` bruker den).
Identifikasjonen er det WeasyPrint sier den lager; den er ikke kontrollert med veraPDF
(finnes ikke uten nett her)."""

from __future__ import annotations

import io
import time
from datetime import UTC, datetime
from pathlib import Path

import yaml

from arsrapport.bok.trykk.samle import BOK, samle, samle_avstemming

CSS = Path(__file__).with_name("trykk.css")
#: WeasyPrint-varianten: PDF/A-2 nivå A (tagget), PDF 1.7.
VARIANT = "pdf/a-2a"


def tittel(bok: Path) -> str:
    """Rapportens tittel fra ``_config.yml`` i bokas kildekatalog (rapportåret er satt inn)."""
    return yaml.safe_load((bok / "_config.yml").read_text(encoding="utf-8"))["title"]


def forfatter(bok: Path) -> str:
    """Utgiveren (``author`` i ``_config.yml``), på forsiden og i PDF-ens metadata."""
    return yaml.safe_load((bok / "_config.yml").read_text(encoding="utf-8"))["author"]


def lag_pdf(html_rot: Path, bok: Path, ut: Path, sekunder: int, *, avstemming: bool = False) -> dict:
    """Skriv PDF-en ``ut`` av HTML-boka i ``html_rot``; ``bok`` er bokas kildekatalog
    (``_toc.yml``, ``_config.yml``), ``sekunder`` byggets tidspunkt (``SOURCE_DATE_EPOCH``).
    ``avstemming=True`` gir hele avstemmingen som eget dokument i stedet for rapporten.
    Gir tidene (samle, weasyprint, metadata) og antallet sider."""
    import logging

    import weasyprint

    tider = {}
    start = time.perf_counter()
    tidspunkt = datetime.fromtimestamp(sekunder, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    css = CSS.read_text(encoding="utf-8")
    if avstemming:
        dokument = samle_avstemming(html_rot, tittel(bok), css, tidspunkt, forfatter(bok))
    else:
        dokument = samle(html_rot, bok / "_toc.yml", tittel(bok), css, tidspunkt, forfatter(bok))
    tider["samle"] = time.perf_counter() - start

    start = time.perf_counter()
    # WeasyPrint logger hver CSS-egenskap den ikke kjenner (temaets) som advarsel
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    satt = weasyprint.HTML(string=dokument, url_fetcher=_henter(html_rot)).render()
    rå = satt.write_pdf(pdf_variant=VARIANT, uncompressed_pdf=False)
    tider["weasyprint"] = time.perf_counter() - start

    start = time.perf_counter()
    ut.parent.mkdir(parents=True, exist_ok=True)
    ut.write_bytes(_identifiser(rå))
    tider["metadata"] = time.perf_counter() - start
    return {"tider": tider, "sider": len(satt.pages)}


def _henter(html_rot: Path):
    """WeasyPrint får bare filene i HTML-boka (``bok:/…``); alt annet (nett, andre filer)
    avvises, og en fil som mangler, stopper PDF-en."""
    import mimetypes

    from weasyprint.urls import URLFetcher, URLFetcherResponse

    rot = html_rot.resolve()

    class Henter(URLFetcher):
        def fetch(self, url, headers=None):
            if not url.startswith(BOK):
                raise ValueError(f"PDF-en henter bare filer fra HTML-boka, ikke {url}")
            fil = (rot / url.removeprefix(BOK)).resolve()
            if not fil.is_relative_to(rot):
                raise ValueError(f"{url} er utenfor HTML-boka")
            type_ = mimetypes.guess_type(fil.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, fil.read_bytes(), {"Content-Type": type_})

    return Henter(fail_on_errors=True)


def _identifiser(pdf: bytes) -> bytes:
    """Overskriftscellene får /Scope, toppteksten og sidetallene blir artefakter, og PDF/UA-1
    står i XMP-metadataene (ved siden av WeasyPrints PDF/A-2a), uten at pikepdf setter seg
    selv som produsent eller stempler klokka (``xmp:MetadataDate``); /ID regnes av innholdet."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as dok:
        _scope(dok)
        _artefakter(dok)
        with dok.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta["pdfuaid:part"] = "1"
            meta["xmp:MetadataDate"] = meta["xmp:ModifyDate"]
        buf = io.BytesIO()
        dok.save(buf, deterministic_id=True, fix_metadata_version=False)
    return buf.getvalue()


def _scope(dok) -> None:
    """Hver /TH får attributtet /Scope (PDF/UA-1, 7.5): /Column i tabellhodet (/THead), ellers
    /Row. WeasyPrint setter bare /O /Table på cellene."""
    import pikepdf

    rot = dok.Root.get("/StructTreeRoot")
    if rot is None:
        return
    stabel = [(rot.get("/K"), False)]
    while stabel:
        k, i_hodet = stabel.pop()
        if isinstance(k, pikepdf.Array):
            stabel.extend((x, i_hodet) for x in k)
            continue
        if not isinstance(k, pikepdf.Dictionary) or "/S" not in k:
            continue
        if k.S == "/TH":
            a = k.get("/A")
            if not isinstance(a, pikepdf.Dictionary):
                a = pikepdf.Dictionary(O=pikepdf.Name.Table)
                k.A = a
            a.Scope = pikepdf.Name.Column if i_hodet else pikepdf.Name.Row
        stabel.append((k.get("/K"), i_hodet or k.S == "/THead"))


def _artefakter(dok) -> None:
    """Toppteksten og sidetallene (CSS-margboksene) blir pagineringsartefakter (PDF/UA-1, 7.8).

    WeasyPrint merker dem som vanlig innhold (/Span med /MCID) knyttet til strukturelementer
    den ikke henger inn i treet: en skjermleser hopper over dem, men innholdet er da verken
    tagget eller artefakt. Her blir de ``/Artifact <</Type /Pagination>> BDC`` i innholdet,
    og /ParentTree slipper elementene (de forsvinner når PDF-en lagres)."""
    import pikepdf

    from arsrapport.bok.trykk.egenskaper import sider_med_elementer

    for side, liste, nabare in sider_med_elementer(dok):
        lose = {m for m, el in enumerate(liste) if isinstance(el, pikepdf.Dictionary) and el.objgen not in nabare}
        if not lose:
            continue
        nye = []
        for operander, operator in pikepdf.parse_content_stream(side):
            if (
                operator == pikepdf.Operator("BDC")
                and isinstance(operander[1], pikepdf.Dictionary)
                and int(operander[1].get("/MCID", -1)) in lose
            ):
                operander = [pikepdf.Name.Artifact, pikepdf.Dictionary(Type=pikepdf.Name.Pagination)]
            nye.append((operander, operator))
        side.obj.Contents = dok.make_stream(pikepdf.unparse_content_stream(nye))
        for m in lose:
            liste[m] = None
