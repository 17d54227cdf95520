"""Hvordan kapitlenes tabeller står i ``tabeller.xlsx`` (:class:`Ark`), deklarert i hver
kapittelmodul i ordboken ``REGNEARK``. Ren deklarasjon: modulen avhenger ikke av boka eller
regnearket, så kapitlene kan bruke den uten å dra inn utdatalaget
(:mod:`arsrapport.regneark` setter arbeidsboka sammen).
"""

from __future__ import annotations

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


@dataclass(frozen=True)
class Ark:
    """Hvordan en tabell fra et kapittel står i ``tabeller.xlsx`` (se modulens dokumentasjon)."""

    boka: tuple[str, ...] = ()  #: ``tab.*``/``fig.*`` i boka tabellen er grunnlaget for
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
            if not (navn.startswith("tab.") or navn.startswith("fig.")):
                raise ValueError(f"{navn!r}: navnet i boka må begynne med tab. eller fig.")


def ark(*boka: str, **opsjoner: Any) -> Ark:
    """``ark("tab.tabell_2")``, ``ark("fig.figur_13", standard="dager")``: se :class:`Ark`."""
    return Ark(boka=tuple(boka), **opsjoner)
