"""Kommandolinjen ``arsrapport``: build, figures, forhandsvis, validate, tall, generate."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from pathlib import Path

# meldingene og avbruddet står i prosesser, så forhåndsvisningen (som cli starter) kan bruke
# dem uten å importere cli
from arsrapport.grunn.prosesser import IKKE_RORT, URORT, Avbrutt, avbryt
from arsrapport.innlesing import Valideringsfeil


def _melding(tekst: str) -> None:
    print(tekst, flush=True)


def _feil(tekst: str) -> None:
    print(tekst, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="arsrapport", description="UNEs årsrapport beregnet fra registeruttrekk.")
    sub = p.add_subparsers(dest="kommando", required=True)
    for navn, hjelp in (
        ("build", "kontroller, beregn og bygg boka (HTML og PDF)"),
        ("figures", "kontroller og beregn tallene (uten boka)"),
    ):
        s = sub.add_parser(navn, help=hjelp)
        s.add_argument("--year", type=int, default=None, help="rapportår (standard: siste hele år i dataene)")
        s.add_argument("--data", type=Path, default=None, help="katalog med uttrekket (standard: data/)")
        s.add_argument("--out", type=Path, default=None, help="utkatalog (standard: _build/)")
        if navn == "build":
            s.add_argument("--no-pdf", action="store_true", help="hopp over PDF-en (raskere)")
            s.add_argument(
                "--avstemming-pdf",
                action="store_true",
                help="lag også hele avstemmingen som pdf/avstemming.pdf (med alle publiserte tall)",
            )
    f = sub.add_parser("forhandsvis", help="bygg HTML-boka, vis den i nettleseren og bygg på nytt ved endringer")
    f.add_argument("--port", type=int, default=8000, help="port på 127.0.0.1 (standard: 8000, ellers neste ledige)")
    f.add_argument("--data", type=Path, default=None, help="katalog med uttrekket (standard: data/)")
    f.add_argument("--year", type=int, default=None, help="rapportår (standard: siste hele år i dataene)")
    f.add_argument("--out", type=Path, default=None, help="utkatalog (standard: _forhandsvis/)")
    v = sub.add_parser("validate", help="kontroller uttrekket mot datakontrakten")
    v.add_argument("--data", type=Path, default=None)
    v.add_argument("--year", type=int, default=None, help="rapportår (standard: siste hele år i dataene)")
    t = sub.add_parser("tall", help="søk i tallene boka beregner: årets verdi og definisjonen")
    t.add_argument(
        "sok", nargs="?", default="", metavar="SØK", help="del av id-en eller ord i definisjonen (standard: alle)"
    )
    t.add_argument("--year", type=int, default=None, help="rapportår (standard: siste hele år i dataene)")
    t.add_argument("--data", type=Path, default=None, help="katalog med uttrekket (standard: data/)")
    t.add_argument("--skriv-dokumentasjon", action="store_true", help="skriv lista docs/tallkatalog.md på nytt")
    g = sub.add_parser("generate", help="skriv det syntetiske uttrekket")
    g.add_argument("--out", type=Path, default=None, help="katalog (standard: data/)")
    g.add_argument("--seed", type=int, default=None)
    g.add_argument(
        "--erstatt",
        action="store_true",
        help="skriv over CSV-filene i en katalog som ikke er tom (f.eks. data/); ellers avvises den",
    )
    a = p.parse_args(argv)
    start = time.perf_counter()
    # TERM og INT blir et unntak, så bygget rydder etter seg (midlertidig katalog, kjerner)
    # før prosessen avslutter; forrige bygg står da urørt
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, avbryt)
    try:
        if a.kommando in ("build", "figures"):
            from arsrapport.bok.bygg import bygg

            # bygget skriver selv tiden per steg og totalt i oppsummeringen
            if getattr(a, "no_pdf", False) and getattr(a, "avstemming_pdf", False):
                p.error("--avstemming-pdf kan ikke brukes sammen med --no-pdf")
            bygg(
                a.data,
                a.year,
                a.out,
                bok=a.kommando == "build",
                pdf=not getattr(a, "no_pdf", False),
                avstemming_pdf=getattr(a, "avstemming_pdf", False),
                melding=_melding,
            )
            return 0
        elif a.kommando == "forhandsvis":
            from arsrapport.bok.forhandsvis import forhandsvis

            return forhandsvis(a.data, a.year, a.out, a.port, melding=_melding, feil=_feil)
        elif a.kommando == "validate":
            from arsrapport.grunn.config import les_innstillinger
            from arsrapport.innlesing import valider

            data = a.data or les_innstillinger().data
            brudd, advarsler = valider(data)
            for adv in advarsler:
                _melding(f"advarsel: {adv}")
            if brudd:
                raise Valideringsfeil(brudd)
            from arsrapport.bok.bygg import kontroller_regnskapet
            from arsrapport.grunn.config import rapportar
            from arsrapport.innlesing import les_uttrekk
            from arsrapport.innlesing.kontroll import kontroller_rapportar

            uttrekk = les_uttrekk(data)
            ar = rapportar(a.year, uttrekk)
            for adv in kontroller_rapportar(uttrekk, ar):
                _melding(f"advarsel: {adv}")
            _melding(f"{data}: uttrekket følger datakontrakten (rapportår {ar}).")
            kontroller_regnskapet(uttrekk, ar, _melding)
        elif a.kommando == "tall":
            from arsrapport.utdata.tallsok import kjor

            return kjor(a.sok, a.data, a.year, a.skriv_dokumentasjon, _melding, _feil)
        elif a.kommando == "generate":
            from arsrapport.grunn.config import les_innstillinger
            from uttrekksgenerator.uttrekk import STANDARD_FRO, skriv_uttrekk

            ut = a.out or les_innstillinger().data
            antall = skriv_uttrekk(ut, a.seed if a.seed is not None else STANDARD_FRO, erstatt=a.erstatt)
            for navn, n in antall.items():
                _melding(f"  {navn}: {n} rader")
            _melding(f"Skrev det syntetiske uttrekket til {ut}")
    except Valideringsfeil as feil:
        _feil(str(feil))
        if a.kommando not in ("generate", "tall"):  # validate skriver aldri; build og figures har ikke begynt
            _feil(URORT)
        return 1
    except (Avbrutt, KeyboardInterrupt) as avbrudd:
        signum = getattr(avbrudd, "signum", signal.SIGINT)
        navn = "TERM" if signum == signal.SIGTERM else "INT"
        _feil(f"Avbrutt ({navn}).")
        if a.kommando in ("build", "figures"):
            _feil(URORT)
        # ikke vent på notatboktråder som fortsatt avslutter: kjernene er stoppet og den
        # midlertidige katalogen fjernet
        sys.stdout.flush()
        os._exit(128 + signum)
    except Exception as feil:  # ingen traceback til brukeren; meldingen sier hva som feilet
        from arsrapport.bok.bygg import ByggFeil, FlyttFeil, UtkatalogFeil
        from uttrekksgenerator.uttrekk import KatalogFeil

        egen = isinstance(feil, (ByggFeil, KatalogFeil))  # meldinger skrevet for brukeren
        _feil(f"Feil: {feil if egen else f'{type(feil).__name__}: {feil}'}")
        if isinstance(feil, (UtkatalogFeil, KatalogFeil)):
            _feil(IKKE_RORT)
        elif a.kommando not in ("generate", "tall") and not isinstance(feil, FlyttFeil):
            _feil(URORT)
        return 2
    _melding(f"({time.perf_counter() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
