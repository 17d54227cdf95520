"""Utkatalogen: hva den kan være, merket på et bygg og på et bygg underveis, opprydding etter
bygg som ble drept, og byttet til det nye bygget (to omdøpinger)."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

from arsrapport.bok.bygg.felles import (
    ByggFeil,
    FlyttFeil,
    Melding,
    UtkatalogFeil,
    _inni,
    _stille,
)
from arsrapport.grunn.config import PROSJEKTROT
from arsrapport.grunn.prosesser import lever

BYGGMERKE = ".arsrapport-bygg"
"""Fil i hvert ferdige bygg: bare en katalog med dette merket (eller en tom katalog) byttes ut
av neste bygg. Alt annet som gis som ``--out``, avvises."""

STAGEMERKE = ".arsrapport-underveis"
"""Fil i den midlertidige byggkatalogen med prosess-id-en til bygget som eier den; en slik
katalog etter en prosess som ikke lever lenger (drept med KILL), ryddes av neste bygg."""

_BYGGETS_FILER = frozenset({"html", "pdf", "figures.json", "tabeller.xlsx", "notatboker", "logg", BYGGMERKE})


def kontroller_utkatalog(ut: Path, beskyttet: Sequence[Path] = ()) -> None:
    """Avvis en utkatalog bygget ikke kan erstatte uten å ødelegge noe (:class:`UtkatalogFeil`).

    Godtatt: en sti som ikke finnes, en tom katalog, eller et tidligere bygg (katalogen har
    :data:`BYGGMERKE`, eller er et bygg fra før merket fantes: ``figures.json`` og bare
    byggets egne filer). Aldri en fil, og aldri en katalog som er, ligger i eller inneholder
    en av de ``beskyttet`` (dataene, bokteksten, notatbøkene, koden), og aldri prosjektroten
    eller en katalog over den."""
    ut = Path(ut)
    for b in (Path(b).resolve() for b in beskyttet):
        if _inni(ut, b) or _inni(b, ut):
            hvor = "er" if ut == b else ("ligger i" if _inni(ut, b) else "inneholder")
            raise UtkatalogFeil(f"--out {ut} {hvor} {b}; bygget skriver bare til en egen utkatalog (standard: _build/)")
    if _inni(PROSJEKTROT, ut):
        raise UtkatalogFeil(f"--out {ut} er prosjektroten eller en katalog over den; velg en egen utkatalog")
    if ut.is_symlink() or (ut.exists() and not ut.is_dir()):
        raise UtkatalogFeil(f"--out {ut} finnes og er ikke en katalog; velg en katalog for bygget")
    if not ut.exists():
        return
    innhold = {p.name for p in ut.iterdir()}
    if not innhold or BYGGMERKE in innhold or ("figures.json" in innhold and innhold <= _BYGGETS_FILER):
        return
    eksempel = ", ".join(sorted(innhold)[:3]) + (" …" if len(innhold) > 3 else "")
    raise UtkatalogFeil(
        f"--out {ut} er en katalog som ikke er et bygg fra arsrapport (den inneholder {eksempel}); "
        "bygget erstatter bare en tom katalog eller et tidligere bygg. Velg en ny eller tom katalog."
    )


def rydd_etter_avbrutte_bygg(ut: Path, melding: Melding = _stille) -> None:
    """Rydd etter bygg som ble drept (KILL) før de rakk å rydde selv: midlertidige kataloger
    ``.<ut>-*`` med :data:`STAGEMERKE` fra en prosess som ikke lever lenger. Ble et bygg drept
    mellom de to omdøpingene i :func:`_flytt_pa_plass`, settes forrige bygg tilbake. Ingenting
    uten byggets egne merker røres."""
    forrige = ut.with_name(f".{ut.name}-forrige")
    if forrige.is_dir() and (forrige / BYGGMERKE).is_file():
        if ut.exists():
            shutil.rmtree(forrige, ignore_errors=True)
        else:
            forrige.rename(ut)
            melding(f"  satte tilbake forrige bygg i {ut} (et bygg ble avbrutt mens det ble flyttet på plass)")
    if not ut.parent.is_dir():
        return
    for kat in sorted(ut.parent.glob(f".{ut.name}-*")):
        merke = kat / STAGEMERKE
        if kat == forrige or not merke.is_file():
            continue
        try:
            pid = int(merke.read_text(encoding="utf-8").strip())
        except (OSError, ValueError):
            continue
        if not lever(pid):
            shutil.rmtree(kat, ignore_errors=True)
            melding(f"  ryddet bort {kat.name} etter et avbrutt bygg")


def _flytt_pa_plass(ny: Path, ut: Path) -> None:
    """Bytt ut forrige bygg med det nye i to raske omdøpinger. TERM og INT holdes tilbake
    mens det skjer, så et avbrudd aldri kommer mellom dem; feiler den andre omdøpingen,
    settes forrige bygg tilbake. Bare :class:`FlyttFeil` betyr at utkatalogen er endret."""
    import signal

    gammel = ut.with_name(f".{ut.name}-forrige")
    if gammel.exists():
        shutil.rmtree(gammel)
    signaler = {signal.SIGINT, signal.SIGTERM}
    holdt = signal.pthread_sigmask(signal.SIG_BLOCK, signaler)
    try:
        if ut.exists():
            ut.rename(gammel)
        try:
            ny.rename(ut)
        except OSError as feil:
            if gammel.exists():
                try:
                    gammel.rename(ut)
                except OSError:
                    raise FlyttFeil(
                        f"kunne ikke flytte det nye bygget til {ut} ({feil.strerror}), og forrige bygg ligger "
                        f"nå i {gammel}; det nye ligger i {ny}"
                    ) from None
            raise ByggFeil(f"kunne ikke flytte det nye bygget til {ut}: {feil.strerror}") from None
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, holdt)
    shutil.rmtree(gammel, ignore_errors=True)
