"""Tallreferansene i boka (``{tall}`id```): finn dem i kildene og slå dem opp før Sphinx
kjører, så en feilskrevet id stopper bygget med side, linje og forslag i stedet for å
forsvinne fra siden."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from arsrapport.utdata.tallkatalog import Tallverdier, UgyldigReferanse

_TALLROLLE = re.compile(r"\{tall\}`(?P<ref>[^`]*)`")


@dataclass(frozen=True)
class Forekomst:
    fil: str  #: stien slik den vises i meldingen («book/del3/3_1_generelle_tall.md»)
    linje: int
    ref: str


class Referansefeil(ValueError):
    """En eller flere referanser kan ikke slås opp; meldingen har én linje per feil."""


def finn(filer: Iterable[Path], rot: Path) -> list[Forekomst]:
    """Alle ``{tall}``-referansene i filene, med linjenummer (1 = første linje)."""
    ut = []
    for fil in sorted(filer):
        try:
            vist = str(fil.relative_to(rot))
        except ValueError:
            vist = str(fil)
        for nr, linje in enumerate(fil.read_text(encoding="utf-8").splitlines(), start=1):
            ut.extend(Forekomst(vist, nr, m["ref"].strip()) for m in _TALLROLLE.finditer(linje))
    return ut


def bokfiler(bok: Path) -> list[Path]:
    """Markdown-sidene i boka (der skribentene skriver ``{tall}``)."""
    return sorted(p for p in Path(bok).rglob("*.md") if p.is_file())


#: Så mange feil listes før meldingen kortes av.
MAKS_FEIL = 20


def slå_opp(forekomster: Iterable[Forekomst], verdier: Tallverdier) -> dict[str, str]:
    """Teksten til hver referanse (``ref → tekst``). :class:`Referansefeil` lister hver
    referanse som ikke kan slås opp, med fil, linje og de nærmeste kjente id-ene."""
    ut: dict[str, str] = {}
    feil: list[str] = []
    for f in forekomster:
        if f.ref in ut:
            continue
        try:
            ut[f.ref] = verdier.vis(f.ref)
        except UgyldigReferanse as e:
            feil.append(f"{f.fil}, linje {f.linje}: {e}")
    if feil:
        antall = len(feil)
        vist = feil[:MAKS_FEIL] + ([f"… og {antall - MAKS_FEIL} til"] if antall > MAKS_FEIL else [])
        raise Referansefeil(
            f"{antall} tallreferanse{'r' if antall > 1 else ''} i boka kan ikke slås opp:\n  " + "\n  ".join(vist)
        )
    return dict(sorted(ut.items()))


def kilder(referanser: Iterable[str], verdier: Tallverdier) -> dict[str, dict]:
    """Hvor hvert tall kommer fra (:meth:`Tallverdier.kilde`), per referanse."""
    return {ref: verdier.kilde(ref) for ref in sorted(referanser)}
