"""Bruddene på datakontrakten og hvordan de vises: høyst én celle, kuttet til ``MAKS_VIST``
tegn og med kontrolltegn synlige, aldri en hel rad (radene har saks- og person-id). Brukes av
innlesingen og av kontrollene."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

MAKS_PER_FEIL = 20
"""Høyst så mange rader rapporteres per (fil, kolonne, feiltype); resten oppsummeres."""

MAKS_VIST = 40
"""Høyst så mange tegn av en verdi (eller et kolonnenavn fra filen) vises i et brudd eller en advarsel."""

MAKS_MELDING = 1000
"""Høyst så mange tegn av selve meldingen i et brudd."""

# ------------------------------------------------------------------ brudd


@dataclass(frozen=True)
class Brudd:
    """Ett brudd på datakontrakten.

    ``rad`` teller som en regnearkbruker: overskriftsraden er rad 1, første
    datarad rad 2. ``rad``, ``kolonne`` og ``verdi`` er ``None`` der de ikke
    gjelder (f.eks. en manglende fil). ``verdi`` er verdien slik den sto i filen.
    """

    fil: str
    rad: int | None
    kolonne: str | None
    verdi: str | None
    melding: str

    def __str__(self) -> str:
        # Alt som kan komme fra filen, vises kuttet og med synlige kontrolltegn (vis_tekst).
        deler = [vis_tekst(self.fil, 200)]
        if self.rad is not None:
            deler.append(f"rad {self.rad}")
        if self.kolonne is not None:
            deler.append(f"kolonne {vis_tekst(self.kolonne)}")
        if self.verdi is not None:
            deler.append(f"verdi «{vis_tekst(self.verdi)}»")
        return f"{', '.join(deler)}: {vis_tekst(self.melding, MAKS_MELDING)}"


class Valideringsfeil(Exception):
    """Uttrekket bryter datakontrakten; ``.brudd`` holder alle bruddene."""

    def __init__(self, brudd: Sequence[Brudd], katalog: Path | str | None = None):
        self.brudd: list[Brudd] = list(brudd)
        self.katalog = Path(katalog) if katalog is not None else None
        super().__init__(str(self))

    def __str__(self) -> str:
        n = len(self.brudd)
        hvor = f" i {vis_tekst(str(self.katalog), 200)}" if self.katalog is not None else ""
        hode = f"Datauttrekket{hvor} bryter datakontrakten ({n} brudd):"
        return "\n".join([hode, *(f"  {b}" for b in self.brudd)])


class Rapportarfeil(Valideringsfeil):
    """Uttrekket dekker ikke rapportåret: ``.brudd`` sier hva som mangler for det, ``.dekket``
    er årene uttrekket dekker (se :func:`arsrapport.innlesing.kontroll.kontroller_rapportar`)."""

    def __init__(self, ar: int, dekket: Sequence[int], brudd: Sequence[Brudd], katalog: Path | str | None = None):
        self.ar = ar
        self.dekket = list(dekket)
        super().__init__(brudd, katalog)

    def __str__(self) -> str:
        hvor = f" i {vis_tekst(str(self.katalog), 200)}" if self.katalog is not None else ""
        hode = (
            f"Rapportåret {self.ar} er utenfor årene uttrekket{hvor} dekker ({arstall(self.dekket) or 'ingen'}); "
            "ingenting er beregnet:"
        )
        return "\n".join([hode, *(f"  {b}" for b in self.brudd)])


def arstall(ar: Sequence[int]) -> str:
    """Årene som sammenhengende intervaller: «2019, 2021–2023» (tom tekst for ingen år)."""
    ar = sorted(set(int(a) for a in ar))
    deler: list[str] = []
    i = 0
    while i < len(ar):
        j = i
        while j + 1 < len(ar) and ar[j + 1] == ar[j] + 1:
            j += 1
        deler.append(str(ar[i]) if i == j else f"{ar[i]}–{ar[j]}")
        i = j + 1
    return ", ".join(deler)


def _tall(n: int) -> str:
    return f"{n:,}".replace(",", "\u00a0")


# Kontrolltegn (C0, DEL, C1), myke bindestreker, usynlige og retningsstyrende tegn og linje-
# og avsnittsskille: tegn som kan flytte markøren, fargelegge terminalen, snu teksten eller
# skjule hva som står i en celle.
_KONTROLLTEGN = re.compile(r"[\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]")
_ESCAPE = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(m: re.Match) -> str:
    c = m.group()
    return _ESCAPE.get(c) or (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")


def vis_tekst(tekst: str, maks: int = MAKS_VIST) -> str:
    """``tekst`` slik den kan skrives til en terminal eller en logg: høyst ``maks`` tegn (så
    «…»), og kontrolltegn (NUL, linjeskift, tabulator, ESC i ANSI-koder …) skrevet som
    ``\\x00``, ``\\n``, ``\\t``, ``\\x1b``. Det eneste stedet innhold fra filene kuttes og
    gjøres synlig; :meth:`Brudd.__str__` og advarslene bruker det."""
    tekst = str(tekst)
    kuttet = len(tekst) > maks
    if kuttet:
        tekst = tekst[:maks]
    return _KONTROLLTEGN.sub(_escape, tekst) + ("…" if kuttet else "")


def vis_verdi(v) -> str | None:
    """En verdi slik den vises i et brudd (``None`` for tomme verdier)."""
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, float) and np.isnan(v):
        return None
    if isinstance(v, (pd.Timestamp, dt.datetime)):
        if (v.hour, v.minute, v.second, v.microsecond) == (0, 0, 0, 0):
            return v.strftime("%Y-%m-%d")
        return v.strftime("%Y-%m-%dT%H:%M")
    if isinstance(v, (bool, np.bool_)):
        return "true" if v else "false"
    if isinstance(v, (float, np.floating)):
        return format(float(v), ".15g")
    return str(v)


def brudd_for_maske(
    fil: str,
    kolonne: str | None,
    maske,
    rader,
    verdier,
    melding: str | Callable[[int], str],
    *,
    sammendrag: str | None = None,
    maks: int = MAKS_PER_FEIL,
) -> list[Brudd]:
    """Brudd for radene der ``maske`` er sann, høyst ``maks`` pluss en oppsummering.

    ``rader`` og ``verdier`` er posisjonelle (samme lengde som ``maske``);
    ``verdier`` kan være ``None``. ``melding`` er en tekst eller en funksjon av
    posisjonen, som bare kalles for radene som rapporteres.
    """
    pos = np.flatnonzero(np.asarray(maske, dtype=bool))
    if len(pos) == 0:
        return []
    rader = np.asarray(rader)
    if verdier is not None and isinstance(verdier, pd.Series):
        verdier = verdier.to_numpy(dtype=object)
    ut = []
    for i in pos[:maks]:
        verdi = None if verdier is None else vis_verdi(verdier[i])
        tekst = melding(int(i)) if callable(melding) else melding
        ut.append(Brudd(fil, int(rader[i]), kolonne, verdi, tekst))
    if len(pos) > maks:
        kort = sammendrag or (melding if isinstance(melding, str) else "samme feil")
        ut.append(Brudd(fil, None, kolonne, None, f"… og {_tall(len(pos) - maks)} rader til med samme feil: {kort}"))
    return ut
