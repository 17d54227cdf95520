"""Les de publiserte tallene som kalibreringsmål for generatoren.

Bare generatoren (og testene og avstemmingsvedlegget) leser denne filen.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from arsrapport.grunn.config import les_innstillinger

# årene generatoren simulerer (det syntetiske registeret starter 2018)
AR = list(range(2018, 2024))

GOLDEN = les_innstillinger().publisert


@lru_cache(maxsize=4)
def _les(fil: str) -> dict[tuple[str, int], float]:
    with open(fil, encoding="utf-8") as f:
        raw = yaml.safe_load(f)
    return {(r["id"], int(r["year"])): r["value"] for r in raw["figures"]}


class Mal:
    """Oppslag i de publiserte tallene: ``mal("behandlet.asyl", 2023)``."""

    def __init__(self, fil: Path = GOLDEN):
        self._verdier = _les(str(fil))

    def __call__(self, figur_id: str, ar: int, standard=None):
        return self._verdier.get((figur_id, ar), standard)

    def har(self, figur_id: str, ar: int) -> bool:
        return (figur_id, ar) in self._verdier

    def alle(self, prefiks: str = "") -> dict[tuple[str, int], float]:
        return {k: v for k, v in self._verdier.items() if k[0].startswith(prefiks)}
