"""Oppsummeringen etter bygget og stegene underveis («[3/5] Kapitlene …»)."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from arsrapport.bok.bygg.felles import (
    Melding,
    _antall,
    _sekunder,
)
from arsrapport.presentasjon.formatering import tall


@dataclass
class Byggrapport:
    """Det oppsummeringen viser (se :func:`oppsummering`)."""

    bok: bool = True
    pdf: bool = True
    ar: int | None = None
    steg: list[tuple[str, float]] = field(default_factory=list)  #: (steg, sekunder)
    kapitler: list[str] = field(default_factory=list)  #: notatbøkene som ble kjørt i dette bygget
    gjenbrukt: list[str] = field(default_factory=list)  #: notatbøkene hentet fra hurtiglageret
    tall: int = 0  #: tall i figures.json
    ar_fra_til: tuple[int, int] | None = None
    referanser: int = 0  #: ulike {tall}-referanser i boka
    boktabeller: int = 0
    diagrammer: int = 0
    tabeller_i_boka: int = 0
    figurer_i_boka: int = 0
    ark: int = 0  #: ark i tabeller.xlsx, innholdsarket medregnet
    advarsler: list[str] = field(default_factory=list)  #: byggets egne (uttrekket, regnearket)
    jupyter_book: dict[str, int] = field(default_factory=dict)  #: bygger → advarsler i loggen
    sider_lest: dict[str, int | None] = field(default_factory=dict)  #: bygger → sider lest (None: ikke kjørt)
    logger: dict[str, Path] = field(default_factory=dict)  #: bygger → loggfil
    utdata: dict[str, Path] = field(default_factory=dict)
    totalt: float = 0.0


def oppsummering(r: Byggrapport) -> list[str]:
    """Linjene i oppsummeringen på slutten av et bygg."""
    linjer = ["", "Oppsummering" + (f" ({r.ar})" if r.ar else "")]
    if r.bok:
        kap = ", ".join(Path(k).stem for k in r.kapitler)
        linjer.append(
            f"  Kapitler kjørt:  {_antall(len(r.kapitler), 'notatbok', 'notatbøker')}" + (f" ({kap})" if kap else "")
        )
        gjen = ", ".join(Path(k).stem for k in r.gjenbrukt)
        linjer.append(
            f"  Gjenbrukt:       {_antall(len(r.gjenbrukt), 'notatbok', 'notatbøker')}" + (f" ({gjen})" if gjen else "")
        )
    else:
        linjer.append("  Kapitler:        beregnet i prosessen (uten notatbøker)")
    spenn = f" for {r.ar_fra_til[0]}–{r.ar_fra_til[1]}" if r.ar_fra_til else ""
    linjer.append(f"  Tall:            {tall(r.tall)} i figures.json{spenn}")
    if r.bok:
        linjer.append(
            f"  Til boka:        {_antall(r.referanser, 'tallreferanse', 'tallreferanser')}, "
            f"{_antall(r.diagrammer, 'figur', 'figurer')} og {_antall(r.boktabeller, 'tabell', 'tabeller')}"
        )
    linjer.append(
        f"  tabeller.xlsx:   {_antall(r.ark, 'ark', 'ark')} for {_antall(r.tabeller_i_boka, 'tabell', 'tabeller')} "
        f"og {_antall(r.figurer_i_boka, 'figur', 'figurer')} i boka"
    )
    totalt = len(r.advarsler) + sum(r.jupyter_book.values())
    deler = [f"bygget {tall(len(r.advarsler))}"] + [f"Jupyter Book {b} {tall(n)}" for b, n in r.jupyter_book.items()]
    linjer.append(f"  Advarsler:       {tall(totalt)} ({', '.join(deler)})")
    for a in r.advarsler:
        linjer.append(f"    {a}")
    for bygger, n in r.jupyter_book.items():
        if bygger in r.logger:
            lest = r.sider_lest.get(bygger)
            hvor = (
                "fra forrige kjøring, ingenting endret"
                if lest is None
                else f"{_antall(lest, 'side', 'sider')} lest på nytt"
            )
            linjer.append(
                f"    Jupyter Book {bygger}: {_antall(n, 'advarsel', 'advarsler')} i {r.logger[bygger]} ({hvor})"
            )
    if not r.bok:
        linjer.append("  Boka:            ikke bygget (arsrapport figures)")
    elif not r.pdf:
        linjer.append("  PDF:             ikke bygget (--no-pdf)")
    linjer.append("  Tid per steg:")
    bredde = max([len(n) for n, _ in r.steg] + [len("Totalt")])
    for navn, sek in r.steg:
        linjer.append(f"    {navn:<{bredde}}  {_sekunder(sek):>9}")
    linjer.append(f"    {'Totalt':<{bredde}}  {_sekunder(r.totalt):>9}")
    linjer.append("  Utdata:")
    bredde = max((len(n) for n in r.utdata), default=0)
    for navn, sti in r.utdata.items():
        linjer.append(f"    {navn:<{bredde}}  {sti}")
    return linjer


class _Steg:
    """Nummererte steg: den første meldingen i et steg får «[n/N]» foran, og tiden måles."""

    def __init__(self, antall: int, melding: Melding, rapport: Byggrapport):
        self.antall, self.melding, self.rapport, self.nr = antall, melding, rapport, 0

    @contextlib.contextmanager
    def __call__(self, navn: str) -> Iterator[Melding]:
        self.nr += 1
        forste = [True]

        def melding(tekst: str) -> None:
            if forste[0] and not tekst.startswith(" "):
                tekst = f"[{self.nr}/{self.antall}] {tekst}"
                forste[0] = False
            self.melding(tekst)

        start = time.perf_counter()
        yield melding
        self.rapport.steg.append((navn, time.perf_counter() - start))
