"""Prosessene et bygg starter (notatbokkjernene, Jupyter Book, LaTeX), og å stoppe dem
når bygget avbrytes.

Jupyter-kjernene startes i en egen sesjon (jupyter_client gjør det, så Ctrl-C i terminalen
ikke treffer dem), og LaTeX startes av Jupyter Book. Et avbrutt bygg finner derfor alle
etterkommerne sine gjennom ``/proc`` (Linux) og stopper dem, i stedet for å etterlate
kjerner som regner videre for et bygg ingen venter på.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

PROC = Path("/proc")


def _foreldre() -> dict[int, int]:
    """pid → forelderens pid for hver prosess i ``/proc`` (tomt der ``/proc`` ikke finnes)."""
    ut: dict[int, int] = {}
    if not PROC.is_dir():
        return ut
    for d in PROC.iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
        except OSError:
            continue  # prosessen rakk å avslutte
        # «pid (navn) tilstand ppid …»: navnet kan inneholde mellomrom og parenteser
        felt = stat[stat.rfind(")") + 2 :].split()
        if len(felt) > 1:
            ut[int(d.name)] = int(felt[1])
    return ut


def etterkommere(pid: int | None = None) -> list[int]:
    """Alle prosessene under ``pid`` (standard: denne prosessen), barn før barnebarn."""
    pid = os.getpid() if pid is None else pid
    barn: dict[int, list[int]] = {}
    for p, forelder in _foreldre().items():
        barn.setdefault(forelder, []).append(p)
    ut, ko = [], list(barn.get(pid, []))
    while ko:
        p = ko.pop(0)
        ut.append(p)
        ko.extend(barn.get(p, []))
    return ut


def stopp_etterkommere(ventetid: float = 3.0) -> int:
    """Send TERM til alle etterkommerne, og KILL til dem som fortsatt lever etter
    ``ventetid`` sekunder. Returnerer antallet som fikk TERM."""
    pids = etterkommere()
    for p in pids:
        try:
            os.kill(p, signal.SIGTERM)
        except OSError:
            pass
    frist = time.monotonic() + ventetid
    igjen = pids
    while igjen and time.monotonic() < frist:
        time.sleep(0.1)
        igjen = [p for p in igjen if lever(p)]
    for p in igjen:
        try:
            os.kill(p, signal.SIGKILL)
        except OSError:
            pass
    return len(pids)


def lever(pid: int) -> bool:
    """Om prosessen finnes og ikke er en zombie (avsluttet, men ikke hentet av forelderen).
    Uten ``/proc`` spørres operativsystemet direkte (en zombie teller da som levende)."""
    if not PROC.is_dir():
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True  # en annen brukers prosess
        return True
    try:
        stat = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return False
    return stat[stat.rfind(")") + 2 :].split()[:1] != ["Z"]


# ------------------------------------------------------------------ avbrudd og meldinger

URORT = "Ingenting er skrevet; forrige bygg står urørt."
IKKE_RORT = "Ingenting er skrevet eller slettet."


class Avbrutt(BaseException):
    """Bygget fikk TERM (``kill``, en tidsgrense i CI) eller INT (Ctrl-C)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def avbryt(signum, _ramme) -> None:
    """Signalbehandler for TERM og INT: avbryt det som kjører med :class:`Avbrutt`."""
    raise Avbrutt(signum)
