"""Feilene regnskapet melder: :class:`Regnskapsfeil` (en kontroll feilet; bygget stopper) og
:class:`ManglerGrunnlag` (uttrekket mangler noe en oppstilling trenger).
"""

from __future__ import annotations

from arsrapport.regnskap.oppsett import ORE


class Regnskapsfeil(Exception):
    """Regnskapet går ikke opp: én melding per kontroll som feilet. Bygget stopper før noe
    skrives over forrige gode bygg."""

    def __init__(self, meldinger: list[str], ar: int | None = None):
        self.meldinger = list(meldinger)
        self.ar = ar
        super().__init__(str(self))

    def __str__(self) -> str:
        hvor = f" for {self.ar}" if self.ar is not None else ""
        hode = f"Regnskapet{hvor} går ikke opp ({len(self.meldinger)} kontroll{'er' if len(self.meldinger) != 1 else ''} feilet):"
        return "\n".join([hode, *(f"  {m}" for m in self.meldinger)])


class ManglerGrunnlag(ValueError):
    """Uttrekket mangler noe en oppstilling trenger (f.eks. fjorårets tildeling)."""


def _kr(x: float) -> str:
    """Kroner i en kontrollmelding, norsk formatert: 1 234 567,89 (øre bare når de finnes)."""
    from arsrapport.presentasjon.formatering import tall

    return tall(x, desimaler=0 if abs(round(x, 2) - round(x)) < ORE else 2)
