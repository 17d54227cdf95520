"""Prosjektets innstillinger: én TOML-fil, stier regnet fra prosjektroten."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

PROSJEKTROT = Path(__file__).resolve().parents[3]
INNSTILLINGER = PROSJEKTROT / "arsrapport.toml"


@dataclass(frozen=True)
class Virksomhet:
    """Virksomheten regnskapet gjelder (``[virksomhet]`` i ``arsrapport.toml``): navnet og
    kapitlene i statsbudsjettet den fører regnskap på som sine egne (utgifts- og
    inntektskapitler, 4 sifre). Navnet står ved kapitlene i bevilgningsrapporteringen;
    utgiftskapitlene (under 3000) er kostnaden i produktivitetstallene (3.2.13)."""

    navn: str
    kapitler: tuple[str, ...]

    @property
    def utgiftskapitler(self) -> tuple[str, ...]:
        return tuple(k for k in self.kapitler if int(k) < 3000)


@dataclass(frozen=True)
class Innstillinger:
    data: Path
    book: Path
    notebooks: Path
    bygg: Path
    publisert: Path  #: de publiserte tallene avstemmingen sammenligner med
    ar: int | None
    notatboker: tuple[str, ...]
    virksomhet: Virksomhet


def _virksomhet(raw: dict, fil: Path) -> Virksomhet:
    v = raw.get("virksomhet")
    if not isinstance(v, dict):
        raise ValueError(f"{fil.name}: mangler [virksomhet] med navn og kapitler")
    navn, kapitler = v.get("navn"), v.get("kapitler")
    if not isinstance(navn, str) or not navn.strip():
        raise ValueError(f'{fil.name}: [virksomhet] navn må være en tekst, f.eks. "Utlendingsnemnda"')
    if (
        not isinstance(kapitler, list)
        or not kapitler
        or not all(isinstance(k, str) and re.fullmatch(r"\d{4}", k) for k in kapitler)
    ):
        raise ValueError(f'{fil.name}: [virksomhet] kapitler må være en liste med kapitler på 4 sifre, f.eks. ["0491"]')
    return Virksomhet(navn=navn.strip(), kapitler=tuple(kapitler))


def les_innstillinger(fil: Path | None = None) -> Innstillinger:
    """Innstillingene i ``fil`` (standard: :data:`INNSTILLINGER`, slått opp ved kallet)."""
    fil = Path(fil) if fil is not None else INNSTILLINGER
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
        virksomhet=_virksomhet(raw, fil),
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
