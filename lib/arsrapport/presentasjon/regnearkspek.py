"""Hvordan kapitlenes tabeller står i ``tabeller.xlsx`` (:class:`Ark`), deklarert i hver
kapittelmodul i ordboken ``REGNEARK``. Ren deklarasjon: modulen avhenger ikke av boka eller
regnearket, så kapitlene kan bruke den uten å dra inn utdatalaget
(:mod:`arsrapport.utdata.regneark` setter arbeidsboka sammen).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

#: Kildene en tabell kan bygge på, slik de står i kildelinjen.
KILDER = {
    "saksregister": "UNEs saksregister",
    "hr": "UNEs HR-system (årsverk)",
    "regnskap": "UNEs regnskap rapportert til statsregnskapet",
    "tildelingsbrev": "tildelingsbrevet (mål og vekter)",
    "kpi": "SSBs konsumprisindeks",
    "publisert": "UNEs publiserte årsrapport",
}
#: Kildene som er en del av registeruttrekket og får uttrekksdatoen.
FRA_UTTREKKET = ("saksregister", "hr")

#: Navnet på en tabell eller figur i boka: merket den har i ``:name:`` («tab-6-note-b»,
#: «fig-3-1-innkomne»). Det samme navnet har filen boka henter (``tabeller/<navn>.md``,
#: ``figurer/<navn>.png``) og nøkkelen i kapittelresultatet.
BOKNAVN = re.compile(r"(tab|fig)-[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class Ark:
    """Hvordan en tabell fra et kapittel står i ``tabeller.xlsx`` (se modulens dokumentasjon)."""

    boka: tuple[str, ...] = ()  #: tabellene og figurene i boka (:data:`BOKNAVN`) tabellen er grunnlaget for
    kilder: tuple[str, ...] = ("saksregister",)  #: nøkler i :data:`KILDER`
    standard: str | None = None  #: tallformat der ingen annen regel gjelder
    kolonner: Mapping[str, str] = field(default_factory=dict)  #: kolonnenavn → tallformat
    rader: Mapping[str, str] = field(default_factory=dict)  #: radnavn (eller begynnelse) → tallformat
    radenhet: str | None = None  #: kolonne med figur-id; formatet etter enheten til id-en
    tittel: str | None = None  #: tittel for et ark som ikke har nummer i boka

    def __post_init__(self) -> None:
        # tallformatene kontrolleres i sett_sammen (mot eksport.TALLFORMATER), så
        # kapittelmodulene slipper å laste openpyxl når de importeres
        ukjente = [k for k in self.kilder if k not in KILDER]
        if ukjente:
            raise ValueError(f"ukjente kilder {ukjente}; bruk {sorted(KILDER)}")
        if not self.kilder:
            raise ValueError("en tabell må ha minst én kilde")
        for navn in self.boka:
            if not BOKNAVN.fullmatch(navn):
                raise ValueError(
                    f"{navn!r}: bruk merket tabellen eller figuren har i :name: i boka (tab- eller fig-, "
                    "så små bokstaver, tall og bindestreker, f.eks. «tab-6-note-b»)"
                )


def ark(*boka: str, **opsjoner: Any) -> Ark:
    """``ark("tab-3-1-form")``, ``ark("fig-3-2-asyl-tid", standard="dager")``: se :class:`Ark`."""
    return Ark(boka=tuple(boka), **opsjoner)
