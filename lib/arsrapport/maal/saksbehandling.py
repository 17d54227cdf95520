"""Målene i datakontraktens «Definitions», for ett rapportår og etter en valgfri gruppering.

Alle funksjoner tar den typede ``saker``-tabellen fra ``innlesing`` og er vektoriserte.
``etter`` er ``None`` (ett tall for alle sakene) eller ett eller flere kolonnenavn
(en ``pandas.Series`` med én verdi per gruppe). Avledede kolonner som ``kategori``,
``nemndmote`` og ``omgjort`` legges til med :func:`med_avledede`.

Definisjonene (for år Y, D = 31.12.Y):

- mottatt i Y: ``mottatt_dato`` i Y
- behandlet i Y: ``avslutning`` = Vedtak og ``avsluttet_dato`` i Y (henlagte er aldri behandlet)
- henlagt i Y: ``avslutning`` = Henlagt og ``avsluttet_dato`` i Y
- i beholdning ved D: ``mottatt_dato`` ≤ D og (ingen avslutning eller ``avsluttet_dato`` > D)
- alder ved D: D − ``mottatt_dato`` i dager
- saksbehandlingstid: ``avsluttet_dato`` − ``mottatt_dato`` i dager; «under N dager» er strengt mindre enn N
- omgjort: ``utfall`` er Omgjort eller Delvis omgjort; omgjøringsandel = omgjort ÷ behandlet
- nemndmøte: ``avgjorelsesform`` er Stornemnd, NMP eller NUP
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from arsrapport.data.kontrakt import AVGJORELSESFORMER, BEHANDLINGSTYPER, SAKSGRUPPER  # noqa: F401 (re-eksport)
from arsrapport.grunn.minne import husk_per_tabell

NEMNDMOTEFORMER = ("Stornemnd", "NMP", "NUP")
OMGJORT = ("Omgjort", "Delvis omgjort")
IKKE_REALITET = ("Dublin", "Trygt tredjeland")

Etter = str | Sequence[str] | None


def sluttdato(ar: int) -> pd.Timestamp:
    """31.12. i året: datoen beholdningen og aldersmålene måles ved."""
    return pd.Timestamp(year=ar, month=12, day=31)


@husk_per_tabell
def med_avledede(saker: pd.DataFrame) -> pd.DataFrame:
    """Legg til kolonnene målene grupperer og teller på (endrer ikke input).

    ``kategori`` (Asylsaker/Oppholdssaker), ``nemndmote`` (bool), ``omgjort`` (bool),
    ``saksbehandlingstid`` (dager, NaN for saker uten avslutning), ``avsluttet_ar``,
    ``mottatt_ar``, ``vedtak`` og ``henlagt`` (bool: avslutningen, uten tekstsammenligning
    i hvert mål).
    """
    ut = saker.copy()
    ut["kategori"] = np.where(ut["saksgruppe"].eq("Asyl"), "Asylsaker", "Oppholdssaker")
    ut["nemndmote"] = ut["avgjorelsesform"].isin(NEMNDMOTEFORMER).to_numpy()
    ut["omgjort"] = ut["utfall"].isin(OMGJORT).to_numpy()
    ut["saksbehandlingstid"] = (ut["avsluttet_dato"] - ut["mottatt_dato"]).dt.days.astype("float64")
    ut["avsluttet_ar"] = ut["avsluttet_dato"].dt.year
    ut["mottatt_ar"] = ut["mottatt_dato"].dt.year
    # ferdige masker: tekstsammenligninger på millioner av rader er det som koster
    ut["vedtak"] = ut["avslutning"].eq("Vedtak").fillna(False).to_numpy(dtype=bool)
    ut["henlagt"] = ut["avslutning"].eq("Henlagt").fillna(False).to_numpy(dtype=bool)
    return ut


# --- utvalg (boolske masker) -------------------------------------------------------


def _i_aret(datoer: pd.Series, ar: int) -> pd.Series:
    return (datoer >= pd.Timestamp(year=ar, month=1, day=1)) & (datoer < pd.Timestamp(year=ar + 1, month=1, day=1))


def er_mottatt(saker: pd.DataFrame, ar: int) -> pd.Series:
    return _i_aret(saker["mottatt_dato"], ar)


def _avslutning(saker: pd.DataFrame, verdi: str, ferdig: str) -> pd.Series:
    """Maske for avslutningen; bruker den ferdige kolonnen fra :func:`med_avledede` om den finnes."""
    if ferdig in saker:
        return saker[ferdig]
    return saker["avslutning"].eq(verdi).fillna(False)


def er_behandlet(saker: pd.DataFrame, ar: int) -> pd.Series:
    return _avslutning(saker, "Vedtak", "vedtak") & _i_aret(saker["avsluttet_dato"], ar)


def er_henlagt(saker: pd.DataFrame, ar: int) -> pd.Series:
    return _avslutning(saker, "Henlagt", "henlagt") & _i_aret(saker["avsluttet_dato"], ar)


def er_i_beholdning(saker: pd.DataFrame, dato: pd.Timestamp) -> pd.Series:
    dato = pd.Timestamp(dato)
    apen = saker["avsluttet_dato"].isna() | (saker["avsluttet_dato"] > dato)
    return (saker["mottatt_dato"] <= dato) & apen


# --- telling og snitt etter gruppering ---------------------------------------------


def _tell(saker: pd.DataFrame, maske: pd.Series, etter: Etter):
    if etter is None:
        return int(maske.sum())
    kol = _kolonner(etter)
    return saker.loc[maske, kol].groupby(kol, observed=True).size()


def _snitt(saker: pd.DataFrame, verdier: pd.Series, maske: pd.Series, etter: Etter):
    if etter is None:
        utvalg = verdier[maske]
        return float(utvalg.mean()) if len(utvalg) else float("nan")
    return verdier[maske].groupby([saker.loc[maske, k] for k in _kolonner(etter)], observed=True).mean()


def _kolonner(etter: Etter) -> list[str]:
    return [etter] if isinstance(etter, str) else list(etter)


def mottatt(saker: pd.DataFrame, ar: int, etter: Etter = None):
    """Antall saker mottatt i året."""
    return _tell(saker, er_mottatt(saker, ar), etter)


def behandlet(saker: pd.DataFrame, ar: int, etter: Etter = None):
    """Antall saker behandlet (avgjort ved vedtak) i året."""
    return _tell(saker, er_behandlet(saker, ar), etter)


def henlagt(saker: pd.DataFrame, ar: int, etter: Etter = None):
    """Antall saker henlagt (avsluttet uten vedtak) i året."""
    return _tell(saker, er_henlagt(saker, ar), etter)


def beholdning(saker: pd.DataFrame, dato, etter: Etter = None):
    """Antall ubehandlede saker ved datoen (vanligvis 31.12.)."""
    return _tell(saker, er_i_beholdning(saker, dato), etter)


def alder(saker: pd.DataFrame, dato) -> pd.Series:
    """Alder i dager ved datoen (for alle saker; gir bare mening for saker i beholdning)."""
    return (pd.Timestamp(dato) - saker["mottatt_dato"]).dt.days.astype("float64")


def snitt_alder(saker: pd.DataFrame, dato, etter: Etter = None):
    """Gjennomsnittlig alder i dager på sakene i beholdning ved datoen."""
    return _snitt(saker, alder(saker, dato), er_i_beholdning(saker, dato), etter)


def over_alder(saker: pd.DataFrame, dato, dager: int = 365, etter: Etter = None):
    """Antall saker i beholdning ved datoen som er eldre enn ``dager`` (strengt over)."""
    maske = er_i_beholdning(saker, dato) & alder(saker, dato).gt(dager)
    return _tell(saker, maske, etter)


def saksbehandlingstid(saker: pd.DataFrame, ar: int, etter: Etter = None):
    """Gjennomsnittlig saksbehandlingstid i dager for saker behandlet i året."""
    tid = (saker["avsluttet_dato"] - saker["mottatt_dato"]).dt.days.astype("float64")
    return _snitt(saker, tid, er_behandlet(saker, ar), etter)


def andel_under(saker: pd.DataFrame, ar: int, grense_dager: int, etter: Etter = None):
    """Andel av sakene behandlet i året med saksbehandlingstid strengt under grensen."""
    tid = (saker["avsluttet_dato"] - saker["mottatt_dato"]).dt.days
    under = tid.lt(grense_dager).astype("float64")
    return _snitt(saker, under, er_behandlet(saker, ar), etter)


def omgjort(saker: pd.DataFrame, ar: int, etter: Etter = None):
    """Antall behandlede saker der tidligere vedtak ble omgjort helt eller delvis."""
    maske = er_behandlet(saker, ar) & _er_omgjort(saker)
    return _tell(saker, maske, etter)


def omgjoringsandel(saker: pd.DataFrame, ar: int, etter: Etter = None):
    """Omgjorte ÷ behandlede saker i året."""
    return _snitt(saker, _er_omgjort(saker).astype("float64"), er_behandlet(saker, ar), etter)


def _er_omgjort(saker: pd.DataFrame) -> pd.Series:
    return saker["omgjort"] if "omgjort" in saker else saker["utfall"].isin(OMGJORT)


def avgjorelsesform_andeler(saker: pd.DataFrame, ar: int, etter: Etter = None) -> pd.DataFrame | pd.Series:
    """Andel av de behandlede sakene avgjort i hver avgjørelsesform (og i nemndmøte samlet).

    Uten ``etter``: en Series indeksert på form. Med ``etter``: en DataFrame med én rad
    per gruppe og én kolonne per form. Former som ikke forekommer får andel 0.
    """
    b = saker.loc[er_behandlet(saker, ar)]
    former = list(AVGJORELSESFORMER)
    if etter is None:
        antall = b["avgjorelsesform"].value_counts().reindex(former, fill_value=0)
        total = antall.sum()
        andel = antall / total if total else antall.astype("float64") * np.nan
        andel["Nemndmøte"] = andel[list(NEMNDMOTEFORMER)].sum(min_count=1)  # NaN, ikke 0, uten behandlede saker
        return andel
    tab = pd.crosstab([b[k] for k in _kolonner(etter)], b["avgjorelsesform"]).reindex(columns=former, fill_value=0)
    andel = tab.div(tab.sum(axis=1), axis=0)
    andel["Nemndmøte"] = andel[list(NEMNDMOTEFORMER)].sum(axis=1)
    return andel
