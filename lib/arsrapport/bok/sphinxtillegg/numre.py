"""Numrene Sphinx ga tabellene og figurene (``env.toc_fignumbers``), skrevet til
``_build/sphinx-numre.json`` i Sphinx-katalogen etter HTML-bygget. Bygget sammenligner dem med
numrene i ``tabeller.xlsx``, som regnes ut av kildene (:mod:`arsrapport.utdata.nummerering`, så
``arsrapport figures`` klarer seg uten boka), og stopper om de ikke er like."""

from __future__ import annotations

import json
from pathlib import Path

from arsrapport.bok.hurtiglager import skriv_hvis_endret

#: Fila numrene skrives til, i byggkatalogen (``_build``) ved siden av ``html``.
NUMREFIL = "sphinx-numre.json"

_TYPER = ("table", "figure")


def numrene(toc_fignumbers: dict, numfig_format: dict[str, str]) -> dict[str, str]:
    """Merket (``:name:``) → nummeret slik boka skriver det («Tabell 20»)."""
    ut = {}
    for typer in toc_fignumbers.values():
        for sphinxtype, numre in typer.items():
            if sphinxtype in _TYPER:
                for merke, nr in numre.items():
                    ut[merke] = numfig_format[sphinxtype] % ".".join(str(n) for n in nr)
    return dict(sorted(ut.items()))


def skriv_numrene(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    innhold = json.dumps(numrene(app.env.toc_fignumbers, app.config.numfig_format), ensure_ascii=False, indent=0)
    fil = Path(app.outdir).parent / NUMREFIL
    skriv_hvis_endret(fil, innhold.encode("utf-8"))  # bare når numrene er endret
