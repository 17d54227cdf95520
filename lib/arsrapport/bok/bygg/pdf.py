"""PDF-steget i bygget: den tilgjengelige PDF-en laget av den ferdige HTML-boka
(:mod:`arsrapport.bok.trykk`), med egenskapene kontrollert før den legges i bygget."""

from __future__ import annotations

import time
from pathlib import Path

from arsrapport.bok.bygg.felles import ByggFeil, Kildetid, Melding, _antall, _sekunder


def lag_pdf(resultat: Path, kildekatalog: Path, tid: Kildetid, melding: Melding) -> Path:
    """``resultat/pdf/arsrapport.pdf`` av ``resultat/html``; stopper bygget om PDF-en ikke er
    tagget, mangler språk, tittel, bokmerker, alt-tekst eller har skrifter som ikke er
    innebygd."""
    from arsrapport.bok.trykk import lag_pdf as trykk
    from arsrapport.bok.trykk.egenskaper import les, mangler

    ut = resultat / "pdf" / "arsrapport.pdf"
    start = time.perf_counter()
    svar = trykk(resultat / "html", kildekatalog, ut, tid.sekunder)
    feil = mangler(les(ut))
    if feil:
        raise ByggFeil("PDF-en er ikke tilgjengelig:\n  " + "\n  ".join(feil))
    melding(
        f"  pdf ferdig på {_sekunder(time.perf_counter() - start)} "
        f"({_antall(svar['sider'], 'side', 'sider')}, tagget, PDF/UA-1 og PDF/A-2a)"
    )
    return ut
