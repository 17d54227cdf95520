"""Regler i datakontrakten som gjelder flere kolonner eller formatet på koder.

Hver regel tar den typede tabellen (som ``innlesing`` lager den), en Series med
regnearkets radnummer for hver rad (samme indeks som tabellen) og filnavnet, og
gir en liste :class:`~arsrapport.innlesing.Brudd`. Reglene er vektoriserte; de
kjøres bare på rader uten typefeil, så en ugyldig verdi ikke gir følgefeil.

``KONTROLLER`` sier hvilke regler som gjelder for hvilken tabell.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import numpy as np
import pandas as pd

from arsrapport.innlesing import Brudd, brudd_for_maske, vis_verdi
from arsrapport.kontrakt import KODEFORMAT

Regel = Callable[..., list[Brudd]]


def _b(fil, kolonne, maske, df: pd.DataFrame, rader: pd.Series, melding, **kw) -> list[Brudd]:
    """Brudd der ``maske`` er sann, med verdien fra ``df[kolonne]``."""
    maske = np.asarray(maske, dtype=bool)
    verdier = df[kolonne] if kolonne in df.columns else None
    return brudd_for_maske(fil, kolonne, maske, rader.to_numpy(), verdier, melding, **kw)


def _satt(s: pd.Series) -> np.ndarray:
    return s.notna().to_numpy()


def _med(df: pd.DataFrame, kolonne: str, tekst: str) -> Callable[[int], str]:
    """Melding som viser verdien i en annen kolonne på samme rad (``{}`` i ``tekst``)."""

    def melding(i: int) -> str:
        v = vis_verdi(df[kolonne].iloc[i])
        return tekst.format(f"«{v}»" if v is not None else "tom")

    return melding


def kontroller_saker(df: pd.DataFrame, rader: pd.Series, fil: str = "saker.csv") -> list[Brudd]:
    """Avslutning, avsluttet dato, avgjørelsesform, utfall og asylspor henger sammen."""
    ut: list[Brudd] = []
    avsluttet = _satt(df["avslutning"])
    vedtak = (df["avslutning"] == "Vedtak").fillna(False).to_numpy(dtype=bool)
    har_dato = _satt(df["avsluttet_dato"])

    ut += _b(fil, "avsluttet_dato", avsluttet & ~har_dato, df, rader,
             _med(df, "avslutning", "avsluttet_dato mangler, men avslutning er {}"),
             sammendrag="avsluttet_dato mangler når avslutning er satt")
    ut += _b(fil, "avsluttet_dato", ~avsluttet & har_dato, df, rader,
             "avsluttet_dato skal være tom når avslutning er tom (saken er ikke avsluttet)")
    for_tidlig = (df["avsluttet_dato"] < df["mottatt_dato"]).fillna(False).to_numpy(dtype=bool)
    ut += _b(fil, "avsluttet_dato", for_tidlig, df, rader,
             _med(df, "mottatt_dato", "avsluttet_dato er før mottatt_dato ({})"),
             sammendrag="avsluttet_dato før mottatt_dato")

    for kolonne in ("avgjorelsesform", "utfall"):
        satt = _satt(df[kolonne])
        ut += _b(fil, kolonne, vedtak & ~satt, df, rader, f"{kolonne} mangler, men avslutning er «Vedtak»")
        ut += _b(fil, kolonne, ~vedtak & satt, df, rader,
                 _med(df, "avslutning", f"{kolonne} skal være tom når avslutning ikke er «Vedtak» (avslutning er {{}})"),
                 sammendrag=f"{kolonne} satt uten vedtak")

    asyl = (df["saksgruppe"] == "Asyl").fillna(False).to_numpy(dtype=bool)
    spor = _satt(df["asylspor"])
    ut += _b(fil, "asylspor", asyl & ~spor, df, rader, "asylspor mangler, men saksgruppe er «Asyl»")
    ut += _b(fil, "asylspor", ~asyl & spor, df, rader,
             _med(df, "saksgruppe", "asylspor skal være tom når saksgruppe ikke er «Asyl» (saksgruppe er {})"),
             sammendrag="asylspor satt utenfor Asyl")
    return ut


def kontroller_uiv(df: pd.DataFrame, rader: pd.Series, fil: str = "uiv.csv") -> list[Brudd]:
    """``resultat`` er påkrevd når begjæringen er avgjort."""
    maske = _satt(df["avgjort_dato"]) & ~_satt(df["resultat"])
    return _b(fil, "resultat", maske, df, rader,
              _med(df, "avgjort_dato", "resultat mangler, men begjæringen er avgjort ({})"),
              sammendrag="resultat mangler når avgjort_dato er satt")


def kontroller_rettssaker(df: pd.DataFrame, rader: pd.Series, fil: str = "rettssaker.csv") -> list[Brudd]:
    """``utfall`` er påkrevd når saken er avgjort."""
    maske = _satt(df["avgjort_dato"]) & ~_satt(df["utfall"])
    return _b(fil, "utfall", maske, df, rader,
              _med(df, "avgjort_dato", "utfall mangler, men saken er avgjort ({})"),
              sammendrag="utfall mangler når avgjort_dato er satt")


def kontroller_kodeformat(df: pd.DataFrame, rader: pd.Series, fil: str, *, tabell: str) -> list[Brudd]:
    """Kapittel (4 sifre), post (2 sifre) og artskonto (4–6 sifre), etter ``kontrakt.KODEFORMAT``."""
    ut: list[Brudd] = []
    for (t, kolonne), (monster, beskrivelse) in KODEFORMAT.items():
        if t != tabell or kolonne not in df.columns:
            continue
        s = df[kolonne]
        ok = s.str.fullmatch(monster).fillna(True).to_numpy(dtype=bool)
        ut += _b(fil, kolonne, ~ok, df, rader, f"ugyldig {kolonne} (forventet {beskrivelse})")
    return ut


def kontroller_vekttall(df: pd.DataFrame, rader: pd.Series, fil: str = "vekttall.csv") -> list[Brudd]:
    """``ar_fra`` kan ikke være etter ``ar_til``."""
    maske = (df["ar_fra"] > df["ar_til"]).fillna(False).to_numpy(dtype=bool)
    return _b(fil, "ar_til", maske, df, rader, _med(df, "ar_fra", "ar_til er før ar_fra ({})"),
              sammendrag="ar_til før ar_fra")


KONTROLLER: dict[str, tuple[Regel, ...]] = {
    "saker": (kontroller_saker,),
    "uiv": (kontroller_uiv,),
    "rettssaker": (kontroller_rettssaker,),
    "vekttall": (kontroller_vekttall,),
    **{t: (partial(kontroller_kodeformat, tabell=t),) for t in sorted({t for t, _ in KODEFORMAT})},
}
