"""Boka: kildene satt sammen (teksten, tallene for ``{tall}``, tabellene og figurene, de
kjørte notatbøkene), og Jupyter Book kjørt for HTML og PDF (samtidig, hver i sin faste
Sphinx-katalog i hurtiglageret)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from arsrapport import kapitler
from arsrapport.bok.bygg.felles import (
    ByggFeil,
    Kildetid,
    Melding,
    _antall,
    _sekunder,
)
from arsrapport.bok.hurtiglager import (
    UFERDIG,
    Hurtiglager,
    kodesum,
    miljosum,
    nokkel,
    skriv_hvis_endret,
)
from arsrapport.bok.skjermtillegg import SMAL
from arsrapport.grunn.config import PROSJEKTROT, les_innstillinger
from arsrapport.innlesing import Uttrekk
from arsrapport.utdata import bokreferanser
from arsrapport.utdata.tallkatalog import Tallverdier


def slå_opp_referansene(
    resultater: list[kapitler.Kapittelresultat], uttrekk: Uttrekk, ar: int, figurer: dict[int, dict[str, float]]
) -> tuple[dict[str, str], dict[str, dict]]:
    """Teksten til hver ``{tall}``-referanse i boka, og hvor tallet kommer fra (id,
    definisjon, verdiene de siste årene, funksjonen og siden med den kjørte notatboka, som
    HTML-boka viser ved tallet). En referanse som ikke kan slås opp, stopper bygget med side,
    linje og forslag."""
    inn = les_innstillinger()
    tekster = kapitler.felles_tekster(uttrekk, ar)
    for r in resultater:
        tekster.update(r.tekster)
    verdier = Tallverdier(ar, figurer, tekster)
    try:
        referanser = bokreferanser.slå_opp(bokreferanser.finn(bokreferanser.bokfiler(inn.book), PROSJEKTROT), verdier)
    except bokreferanser.Referansefeil as feil:
        raise ByggFeil(str(feil)) from None
    kilder = bokreferanser.kilder(referanser, verdier)
    sider = {*kapitler.KAPITTEL, kapitler.AVSTEMMING}
    for kilde in kilder.values():
        if kilde.get("kapittel") in sider:
            kilde["side"] = f"beregninger/{kilde['kapittel']}"
    return referanser, kilder


def bokkilder(
    resultater: list[kapitler.Kapittelresultat],
    notatboker: list[Path],
    ar: int,
    referanser: dict[str, str],
    tid: Kildetid,
    kilder: dict[str, dict] | None = None,
) -> dict[str, bytes]:
    """Kildene til boka (relativ sti → innhold): ``book/``, ``_config.yml`` (med rapportåret i
    tittelen og byggets tidspunkt), tekstene til tallreferansene (``_tall.json``), kapitlenes
    tabeller og figurer og de kjørte notatbøkene."""
    from arsrapport.bok.sphinxtillegg import TALLFIL

    inn = les_innstillinger()
    filer = {
        p.relative_to(inn.book).as_posix(): p.read_bytes()
        for p in sorted(inn.book.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }
    oppsett = (PROSJEKTROT / "_config.yml").read_text(encoding="utf-8").replace("{ar}", str(ar))
    anker = "\n  config:\n"
    if anker not in oppsett:
        raise ByggFeil("_config.yml mangler «sphinx: config:», der bygget setter byggets tidspunkt")
    oppsett = oppsett.replace(anker, f"{anker}    arsrapport_kildetid: {tid.sekunder}\n", 1)
    filer["_config.yml"] = oppsett.encode("utf-8")
    filer[TALLFIL] = json.dumps(
        {"referanser": referanser, "kilder": kilder or {}}, ensure_ascii=False, indent=0, sort_keys=True
    ).encode("utf-8")
    for r in resultater:
        for navn, md in r.boktabeller.items():
            filer[f"tabeller/{navn}.md"] = (md + "\n").encode("utf-8")
        for navn, png in r.diagrammer.items():
            filer[f"figurer/{navn}.png"] = png
        for navn, png in r.smale_diagrammer.items():
            filer[f"figurer/{navn}{SMAL}"] = png
    for nb in notatboker:
        filer[f"beregninger/{nb.name}"] = nb.read_bytes()
    return filer


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_SPHINX_ADVARSEL = re.compile(r"\b(?:WARNING|ERROR|CRITICAL):")
_LEST = re.compile(r"reading sources\.\.\. \[\s*\d+%\]")


def tell_advarsler(logg: str) -> int:
    """Advarslene (og feilene) Sphinx skrev under et Jupyter Book-bygg: linjer med
    «WARNING:», «ERROR:» eller «CRITICAL:» (fargekodene fjernet). LaTeX' egne
    mellomvarsler (udefinerte referanser før siste kjøring) telles ikke."""
    return sum(1 for linje in logg.splitlines() if _SPHINX_ADVARSEL.search(_ANSI.sub("", linje)))


@dataclass
class JupyterBookKjoring:
    katalog: Path  #: byggkatalogen (``_build`` under Sphinx-katalogen i hurtiglageret)
    advarsler: int
    sider_lest: int | None  #: sider Sphinx leste på nytt; None = Jupyter Book ble ikke kjørt
    logg: Path


def _jupyter_book(
    bok: Path,
    kat: Path,
    bygger: str,
    fingeravtrykk: str,
    melding: Melding,
    tid: Kildetid,
) -> JupyterBookKjoring:
    """Bygg boka med Jupyter Book i den faste katalogen ``kat`` (hurtiglageret), så Sphinx
    bare leser og skriver sidene som er endret. Er fingeravtrykket (kildene, koden, miljøet og
    tidspunktet) det samme som ved forrige vellykkede kjøring, kjøres ingenting.

    ``SOURCE_DATE_EPOCH`` gir Sphinx datoen («Sist oppdatert», ``today``) og XeTeX datoene i
    PDF-en; ``FORCE_SOURCE_DATE`` får TeX til å bruke den også for ``\\today`` og
    PDF-ens opprettelsestid."""
    logg = kat / f"jupyter-book-{bygger}.log"
    avtrykk = kat / ".fingeravtrykk"
    if avtrykk.is_file() and avtrykk.read_text(encoding="utf-8") == fingeravtrykk and logg.is_file():
        melding(f"  {bygger}: ingenting endret siden forrige bygg, gjenbrukt")
        return JupyterBookKjoring(kat / "_build", tell_advarsler(logg.read_text(encoding="utf-8")), None, logg)
    avtrykk.unlink(missing_ok=True)
    # Sphinx ser bare kildene: er koden (Sphinx-tillegget, temaet i miljøet) endret siden
    # Sphinx-katalogen ble bygget, kan sider den ikke leser på nytt, være skrevet av den gamle
    # koden. Da bygges katalogen fra bunnen.
    kodefil, kode = kat / ".kode", nokkel(kodesum(), miljosum())
    if not kodefil.is_file() or kodefil.read_text(encoding="utf-8") != kode:
        shutil.rmtree(kat / "_build", ignore_errors=True)
        kodefil.write_text(kode, encoding="utf-8")
    # myst-nb skriver stilarket sitt til _static først etter sidene; i et bygg fra bunnen har
    # sidene derfor ingen «?v=<sjekksum>» bak lenken til det. Finnes det fra forrige bygg, får
    # de nye sidene en, og et gjenbrukende bygg blir ulikt et fra bunnen: fjern det først.
    for css in (kat / "_build" / "html" / "_static").glob("mystnb.*.css"):
        css.unlink()
    (kat / UFERDIG).write_text(f"{os.getpid()}\n", encoding="utf-8")
    jb = Path(sys.executable).with_name("jupyter-book")
    cmd = [str(jb), "build", str(bok), "--path-output", str(kat), "--builder", bygger, "-n", "--keep-going"]
    miljo = dict(os.environ, SOURCE_DATE_EPOCH=str(tid.sekunder), FORCE_SOURCE_DATE="1")
    start = time.perf_counter()
    res = subprocess.run(cmd, capture_output=True, text=True, env=miljo)
    utskrift = res.stdout + "\n" + res.stderr
    logg.write_text(utskrift, encoding="utf-8")
    if res.returncode != 0:
        shutil.rmtree(kat / "_build", ignore_errors=True)  # neste bygg begynner på nytt her
        hale = "\n".join(utskrift.strip().splitlines()[-25:])
        raise ByggFeil(f"Jupyter Book ({bygger}) feilet:\n{hale}")
    (kat / UFERDIG).unlink()
    avtrykk.write_text(fingeravtrykk, encoding="utf-8")
    advarsler = tell_advarsler(utskrift)
    lest = len(_LEST.findall(_ANSI.sub("", utskrift)))
    melding(
        f"  {bygger} ferdig på {_sekunder(time.perf_counter() - start)} "
        f"({_antall(lest, 'side', 'sider')} lest), {_antall(advarsler, 'advarsel', 'advarsler')}"
    )
    return JupyterBookKjoring(kat / "_build", advarsler, lest, logg)


def _jupyter_book_samtidig(
    bok: Path,
    lager: Hurtiglager,
    byggere: dict[str, str],
    fingeravtrykk: str,
    melding: Melding,
    tid: Kildetid,
) -> dict[str, JupyterBookKjoring]:
    """HTML og PDF bygges samtidig (hver i sin Sphinx-katalog, fra de samme kildene): PDF-en
    tar lengst, og HTML-en er ferdig mens den bygges. Feiler ett av dem, meldes det etter at
    begge er ferdige."""
    from concurrent.futures import ThreadPoolExecutor

    kataloger = {navn: lager.sphinx(navn.lower()) for navn in byggere}
    with ThreadPoolExecutor(max_workers=len(byggere)) as utforer:
        jobber = {
            navn: utforer.submit(_jupyter_book, bok, kataloger[navn], bygger, fingeravtrykk, melding, tid)
            for navn, bygger in byggere.items()
        }
        feil = []
        ut = {}
        for navn, jobb in jobber.items():
            try:
                ut[navn] = jobb.result()
            except ByggFeil as f:
                feil.append(str(f))
    if feil:
        raise ByggFeil("\n".join(feil))
    return ut


def kompiler_oversettelser(bok: Path) -> None:
    """Kompiler bokas oversettelser (``locales/**/*.po``) til ``.mo`` før Jupyter Book kjører,
    slik Sphinx ville gjort det. HTML- og PDF-bygget kjører samtidig i samme kildekatalog, og
    Sphinx skriver ``.mo``-filen uten omdøping når den er eldre enn ``.po``-filen; her skrives
    den atomisk og får minst ``.po``-filens tid, så ingen av dem skriver den."""
    import io

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in sorted(Path(bok).glob("locales/*/LC_MESSAGES/*.po")):
        sprak = po.parent.parent.name
        with open(po, "rb") as f:
            katalog = read_po(f, locale=sprak.replace("-", "_"))
        buf = io.BytesIO()
        write_mo(buf, katalog)
        mo = po.with_suffix(".mo")
        skriv_hvis_endret(mo, buf.getvalue())
        tid_po = po.stat().st_mtime_ns
        if mo.stat().st_mtime_ns < tid_po:
            os.utime(mo, ns=(tid_po, tid_po))
