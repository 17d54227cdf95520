"""Leddene i figur-id-ene (``docs/figures.md``): hvordan verdiene i datakontrakten
(saksgruppe, behandlingstype, vedtaksform) skrives i en id, og :func:`slug` for fritt
navngitte ledd. Brukes av kapitlene og av målene som gir tall per gruppe."""

from __future__ import annotations

import re
import unicodedata

# saksgruppe -> kvalifikator i figur-id
GRUPPE_ID = {
    "Asyl": "asyl",
    "Familieinnvandring": "familie",
    "Arbeid/opphold": "arbeid_opphold",
    "Statsborgerskap": "statsborgerskap",
    "Utvisning": "utvisning",
    "Tilbakekall": "tilbakekall",
    "Andre saker": "andre",
    "Diverse": "diverse",
}
TYPE_ID = {"Klage": "klage", "Omgjøringsanmodning": "omgjoring"}
FORM_ID = {"Stornemnd": "stornemnd", "NMP": "nmp", "NUP": "nup", "NL": "nl", "SEK": "sek"}


def slug(tekst: str) -> str:
    """Figur-id-kvalifikator: små ASCII-bokstaver, æ→ae, ø→o, å→a."""
    t = tekst.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    t = unicodedata.normalize("NFKD", t).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", t).strip("_")
