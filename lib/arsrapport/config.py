"""Prosjektets innstillinger: én TOML-fil, stier regnet fra prosjektroten."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

PROSJEKTROT = Path(__file__).resolve().parents[2]
INNSTILLINGER = PROSJEKTROT / "arsrapport.toml"


@dataclass(frozen=True)
class Innstillinger:
    data: Path
    book: Path
    notebooks: Path
    bygg: Path
    ar: int | None
    sammenligningsar: int
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
        ar=ar or None,
        sammenligningsar=int(raw["rapport"].get("sammenligningsar", 2)),
        notatboker=tuple(raw["kapitler"]["notatboker"]),
    )
