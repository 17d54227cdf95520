"""Det delene av bygget deler: meldinger underveis, feilene som stopper bygget, tidspunktet
boka dateres med (:func:`kildetid`) og små hjelpere for oppsummeringen."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from arsrapport.grunn.config import PROSJEKTROT
from arsrapport.presentasjon.formatering import dato, tall

Melding = Callable[[str], None]


def _stille(_: str) -> None:
    pass


class ByggFeil(Exception):
    """Et steg i bygget feilet; meldingen sier hvilket og hvorfor. Utkatalogen er ikke rørt."""


class UtkatalogFeil(ByggFeil):
    """Utkatalogen kan ikke brukes (``--out`` peker på noe som ikke er et bygg herfra);
    ingenting er skrevet eller slettet."""


class FlyttFeil(ByggFeil):
    """Det nye bygget kunne ikke flyttes på plass, og forrige bygg kunne heller ikke settes
    tilbake; meldingen sier hvor begge ligger."""


def _inni(a: Path, b: Path) -> bool:
    """Om ``a`` er ``b`` eller ligger under ``b``."""
    return a == b or b in a.parents


def _sekunder(s: float) -> str:
    return f"{tall(s, desimaler=1)} s"


def _antall(n: int, entall: str, flertall: str) -> str:
    return f"{tall(n)} {entall if n == 1 else flertall}"


@dataclass(frozen=True)
class Kildetid:
    """Tidspunktet boka dateres med («Sist oppdatert» i HTML, datoene i PDF-en), tatt fra
    inndataene og aldri fra klokka, så to bygg av de samme inndataene gir samme bytes."""

    sekunder: int  #: sekunder siden 1.1.1970 (UTC), som ``SOURCE_DATE_EPOCH``
    kilde: str  #: hvor tidspunktet kom fra, til meldingen i bygget

    def dato(self) -> str:
        return dato(pd.Timestamp(self.sekunder, unit="s"))


def kildetid(uttrekksdato: pd.Timestamp, miljo: Mapping[str, str] | None = None, rot: Path = PROSJEKTROT) -> Kildetid:
    """Byggets tidspunkt, i denne rekkefølgen: miljøvariabelen ``SOURCE_DATE_EPOCH``
    (reproduserbare bygg-standarden), tidspunktet for siste commit når prosjektet er en
    git-klone, ellers uttrekksdatoen."""
    miljo = os.environ if miljo is None else miljo
    satt = miljo.get("SOURCE_DATE_EPOCH", "").strip()
    if satt:
        if not satt.isdigit():
            raise ByggFeil(f"SOURCE_DATE_EPOCH må være et helt antall sekunder siden 1.1.1970, ikke «{satt[:20]}»")
        return Kildetid(int(satt), "SOURCE_DATE_EPOCH")
    try:
        res = subprocess.run(
            ["git", "-C", str(rot), "log", "-1", "--format=%ct"], capture_output=True, text=True, timeout=10
        )
        if res.returncode == 0 and res.stdout.strip().isdigit():
            return Kildetid(int(res.stdout.strip()), "siste commit")
    except (OSError, subprocess.SubprocessError):
        pass  # ikke git her: uttrekksdatoen
    return Kildetid(int(pd.Timestamp(uttrekksdato).normalize().timestamp()), "uttrekksdatoen")
