"""Datakontraktens verdier og regler slik generatoren bruker dem, skrevet av fra
``docs/data-contract.md`` for seg (avsnittene «Definitions» og «Priority portfolio»).

Generatoren importerer aldri målene i ``arsrapport`` (``arsrapport.maal``,
``arsrapport.regnskap``): en feil regel i biblioteket ville ellers forme dataene og målet
likt, og gull-testen kunne ikke se den. Herfra henter generatoren det den trenger av
kontrakten; fra ``arsrapport`` bruker den bare tabelldefinisjonene (``data.kontrakt.TABELLER``,
for filformatet) og prosjektets stier (``tests/test_data.py`` holder det slik).
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import holidays

# verdilistene (kontraktens «Tables»)
AVGJORELSESFORMER = ("Stornemnd", "NMP", "NUP", "NL", "SEK")
# «Decided in a board meeting»: Stornemnd, NMP eller NUP
NEMNDMOTEFORMER = ("Stornemnd", "NMP", "NUP")
# «Reversed (omgjort)»: utfall Omgjort eller Delvis omgjort
OMGJORT = ("Omgjort", "Delvis omgjort")
# prioritet.kode: PP (merket), UM (uten merking)
PP, UM = "PP", "UM"

# «Priority portfolio»: en arbeidsdag er mandag–fredag som ikke er offentlig helligdag i Norge
# (pakken holidays); julaften og nyttårsaften er arbeidsdager, men ikke siste dag i en frist
FRIST_APENBART_GRUNNLOS = 2  # arbeidsdager, samme klokkeslett
KLAGEFRIST_DAGER = 21  # tre uker, til dagens slutt
DAGENS_SLUTT = dt.time(23, 59)
IKKE_SISTE_FRISTDAG = ((12, 24), (12, 31))


@cache
def _helligdager(ar: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("NO", years=ar))


def er_arbeidsdag(dag: dt.date) -> bool:
    """Mandag–fredag og ikke offentlig helligdag i Norge."""
    return dag.weekday() < 5 and dag not in _helligdager(dag.year)


def legg_til_arbeidsdager(tidspunkt: dt.datetime, n: int) -> dt.datetime:
    """Samme klokkeslett på den ``n``-te arbeidsdagen etter datoen til ``tidspunkt`` (før, når
    ``n`` er negativ); dagen selv telles ikke."""
    dag, steg, igjen = tidspunkt.date(), (1 if n > 0 else -1), abs(n)
    while igjen:
        dag += dt.timedelta(days=steg)
        igjen -= er_arbeidsdag(dag)
    return dt.datetime.combine(dag, tidspunkt.time())


def uiv_frist(vedtak: dt.datetime, aapenbart_grunnlos: bool) -> dt.datetime:
    """Fristen for å begjære utsatt iverksetting etter regelen: to arbeidsdager fra vedtaket
    (samme klokkeslett) for en sak avslått som åpenbart grunnløs; ellers tre uker fra
    vedtaksdagen, forlenget til nærmeste arbeidsdag som ikke er julaften eller nyttårsaften,
    kl. 23.59."""
    if aapenbart_grunnlos:
        return legg_til_arbeidsdager(vedtak, FRIST_APENBART_GRUNNLOS)
    dag = vedtak.date() + dt.timedelta(days=KLAGEFRIST_DAGER)
    while not er_arbeidsdag(dag) or (dag.month, dag.day) in IKKE_SISTE_FRISTDAG:
        dag += dt.timedelta(days=1)
    return dt.datetime.combine(dag, DAGENS_SLUTT)
