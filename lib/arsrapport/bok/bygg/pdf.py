"""PDF-steget i bygget: den tilgjengelige PDF-en laget av den ferdige HTML-boka
(:mod:`arsrapport.bok.trykk`), med egenskapene kontrollert før den legges i bygget, og
gjenbrukt fra hurtiglageret når HTML-boka, koden, miljøet og byggets tidspunkt er de samme."""

from __future__ import annotations

import time
from pathlib import Path

from arsrapport.bok.bygg.felles import ByggFeil, Kildetid, Melding, _antall, _sekunder
from arsrapport.bok.hurtiglager import Hurtiglager, filsum, katalogsum, kodesum, miljosum, nokkel

#: Navnet PDF-ene lagres under i hurtiglageret (som et kapittel).
LAGERNAVN = "pdf"


#: PDF-ene bygget kan lage: filnavnet og navnet i hurtiglageret. Avstemmingen (hele, med
#: listen over alle publiserte tall) lages bare med ``arsrapport build --avstemming-pdf``.
RAPPORT = ("arsrapport.pdf", LAGERNAVN)
AVSTEMMING = ("avstemming.pdf", "pdf-avstemming")


def pdf_nokkel(html: Path, kildekatalog: Path, tid: Kildetid, lagernavn: str = LAGERNAVN) -> str:
    """Alt PDF-en avhenger av: HTML-boka (byte for byte), ``_toc.yml`` og ``_config.yml``
    (delene, tittelen), koden (også ``trykk.css``), det låste miljøet (WeasyPrint) og tidspunktet."""
    return nokkel(
        lagernavn,
        katalogsum(html),
        filsum(kildekatalog / "_toc.yml"),
        filsum(kildekatalog / "_config.yml"),
        kodesum(),
        miljosum(),
        str(tid.sekunder),
    )


def lag_pdf(
    resultat: Path,
    kildekatalog: Path,
    tid: Kildetid,
    lager: Hurtiglager,
    melding: Melding,
    hvilken: tuple[str, str] = RAPPORT,
) -> Path:
    """``resultat/pdf/arsrapport.pdf`` (eller ``avstemming.pdf``, ``hvilken=AVSTEMMING``) av
    ``resultat/html``; stopper bygget om PDF-en ikke er tagget, mangler språk, tittel,
    bokmerker, alt-tekst, har innhold utenfor strukturtreet eller skrifter som ikke er
    innebygd."""
    from arsrapport.bok.trykk import lag_pdf as trykk
    from arsrapport.bok.trykk.egenskaper import ROLLER, ROLLER_AVSTEMMING, les, mangler

    filnavn, lagernavn = hvilken
    ut = resultat / "pdf" / filnavn
    start = time.perf_counter()
    nokkel_ = pdf_nokkel(resultat / "html", kildekatalog, tid, lagernavn)
    if lager.hent(lagernavn, nokkel_, ut.parent):
        melding(f"  {filnavn} gjenbrukt (HTML-boka er uendret) på {_sekunder(time.perf_counter() - start)}")
        return ut
    avstemming = hvilken == AVSTEMMING
    svar = trykk(resultat / "html", kildekatalog, ut, tid.sekunder, avstemming=avstemming)
    feil = mangler(les(ut), ROLLER_AVSTEMMING if avstemming else ROLLER)
    if feil:
        raise ByggFeil(f"{filnavn} er ikke tilgjengelig:\n  " + "\n  ".join(feil))
    lager.lagre(lagernavn, nokkel_, [ut])
    melding(
        f"  {filnavn} ferdig på {_sekunder(time.perf_counter() - start)} "
        f"({_antall(svar['sider'], 'side', 'sider')}, tagget, PDF/UA-1 og PDF/A-2a)"
    )
    return ut
