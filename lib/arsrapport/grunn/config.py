"""Prosjektets innstillinger: én TOML-fil, stier regnet fra prosjektroten."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

PROSJEKTROT = Path(__file__).resolve().parents[3]
INNSTILLINGER = PROSJEKTROT / "arsrapport.toml"


@dataclass(frozen=True)
class Innstillinger:
    data: Path
    book: Path
    notebooks: Path
    bygg: Path
    publisert: Path  #: de publiserte tallene avstemmingen sammenligner med
    ar: int | None
    notatboker: tuple[str, ...]


def les_innstillinger(fil: Path = INNSTILLINGER) -> Innstillinger:
    with open(fil, "rb") as f:
        raw = tomllib.load(f)
    stier = raw["stier"]
    ar = int(raw["rapport"].get("ar") or 0)
    return Innstillinger(
        data=PROSJEKTROT / stier["data"],
        book=PROSJEKTROT / stier["book"],
        notebooks=PROSJEKTROT / stier["notebooks"],
        bygg=PROSJEKTROT / stier["bygg"],
        publisert=PROSJEKTROT / stier["publisert"],
        ar=ar or None,
        notatboker=tuple(raw["kapitler"]["notatboker"]),
    )


def rapportar(ar: int | None, uttrekk) -> int:
    """Rapportåret: ``ar`` når det er gitt (``--year``, notatbokas ``year``), ellers ``ar`` i
    ``arsrapport.toml``, ellers siste hele år uttrekket dekker."""
    if ar is not None:
        return int(ar)
    return les_innstillinger().ar or uttrekk.siste_hele_ar()


#: Det et bygg leser fra prosjektet (teksten, notatbøkene, koden, dataene, dokumentene og
#: innstillingene); en kopi av dette kan bygges for seg (målingene, testene av hurtiglageret).
PROSJEKTFILER = ("book", "notebooks", "lib", "data", "docs", "_config.yml", "arsrapport.toml", "requirements.lock")


def kopier_prosjektet(til: Path) -> Path:
    """Kopier :data:`PROSJEKTFILER` til ``til`` (en ny katalog), uten mellomlagre og bygg.
    Kopien bygges med ``PYTHONPATH=<til>/lib``; prosjektet selv røres ikke."""
    import shutil

    til = Path(til)
    til.mkdir(parents=True)
    for navn in PROSJEKTFILER:
        kilde = PROSJEKTROT / navn
        if kilde.is_dir():
            shutil.copytree(kilde, til / navn, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "_build"))
        else:
            shutil.copy2(kilde, til / navn)
    return til
