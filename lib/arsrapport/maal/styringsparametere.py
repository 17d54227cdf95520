"""Styringsparameterne SP1–SP3 i tildelingsbrevet (3.2.2, 3.2.4, 3.2.9): resultatet,
målet fra referansetabellen ``styringsparametere`` og en beregnet vurdering.

Populasjonene er datakontraktens definisjoner:

- SP1: asylsaker (``saksgruppe`` = Asyl) med ``behandlingstype`` = Klage. Andel av de
  behandlede med saksbehandlingstid under årets grense, pluss antall og snittalder for
  ubehandlede ved årets start og slutt. Nådd når andelen er minst målandelen.
- SP2: oppholdssaker (alle andre grupper) med behandlingstype Klage: antall og snittalder
  ubehandlede ved start og slutt. Nådd når antallet har gått ned med minst årets
  ``mal_reduksjon`` og snittalderen ikke har økt.
- SP3: utvisningssaker med behandlingstype Klage, som SP1 med årets grense.

Målene leses alltid fra tabellen, aldri fra koden: et annet år eller andre mål gir en
annen vurdering.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from arsrapport.maal import saksbehandling as sb

KODER = ("SP1", "SP2", "SP3")


def populasjon(saker: pd.DataFrame, kode: str) -> pd.Series:
    """Maske for sakene styringsparameteren gjelder."""
    klage = saker["behandlingstype"].eq("Klage").fillna(False)
    if kode == "SP1":
        return klage & saker["saksgruppe"].eq("Asyl").fillna(False)
    if kode == "SP2":
        return klage & saker["saksgruppe"].ne("Asyl").fillna(False)
    if kode == "SP3":
        return klage & saker["saksgruppe"].eq("Utvisning").fillna(False)
    raise ValueError(f"ukjent styringsparameter {kode!r} (kjente: {', '.join(KODER)})")


@dataclass(frozen=True)
class Mal:
    kode: str
    populasjon: str
    grense_dager: int | None
    mal_andel: float | None
    mal_reduksjon: int | None


def mal_for_aret(styringsparametere: pd.DataFrame, ar: int, kode: str) -> Mal:
    """Årets mål fra referansetabellen; en klar feil om året eller koden mangler."""
    rad = styringsparametere[(styringsparametere["ar"] == ar) & (styringsparametere["kode"] == kode)]
    if len(rad) != 1:
        raise ValueError(f"styringsparametere: fant {len(rad)} rader for {kode} i {ar}, ventet én")
    r = rad.iloc[0]

    def verdi(kol, typ):
        v = r[kol]
        return None if pd.isna(v) else typ(v)

    return Mal(
        kode, str(r["populasjon"]), verdi("grense_dager", int), verdi("mal_andel", float), verdi("mal_reduksjon", int)
    )


def resultat(saker: pd.DataFrame, styringsparametere: pd.DataFrame, ar: int, kode: str) -> dict[str, float]:
    """Tallene for én styringsparameter, under figur-id-ene ``spN.*`` (uten prefiks)."""
    m = mal_for_aret(styringsparametere, ar, kode)
    s = saker.loc[populasjon(saker, kode)]
    d, d0 = sb.sluttdato(ar), sb.sluttdato(ar - 1)
    ut: dict[str, float] = {
        "beholdning_start": sb.beholdning(s, d0),
        "beholdning": sb.beholdning(s, d),
        "alder_start": sb.snitt_alder(s, d0),
        "alder": sb.snitt_alder(s, d),
    }
    ut["beholdning.endring_abs"] = ut["beholdning"] - ut["beholdning_start"]
    ut["alder.endring_abs"] = ut["alder"] - ut["alder_start"]
    if m.grense_dager is not None:
        ut["grense_dager"] = m.grense_dager
        ut["antall"] = sb.behandlet(s, ar)
        ut["snitt"] = sb.saksbehandlingstid(s, ar)
        ut["andel_under_grense"] = sb.andel_under(s, ar, m.grense_dager)
    if m.mal_andel is not None:
        ut["mal_andel"] = m.mal_andel
    if m.mal_reduksjon is not None:
        ut["mal_reduksjon"] = m.mal_reduksjon
    ut["oppnadd"] = int(vurdering(ut, m)[0])
    return {k: v for k, v in ut.items() if not (isinstance(v, float) and np.isnan(v))}


def vurdering(res: dict[str, float], m: Mal) -> tuple[bool, str]:
    """Nådd eller ikke, og hvorfor (norsk tekst til tabellen)."""
    from arsrapport.presentasjon import formatering as fmt

    grunner, nadd = [], True
    if m.mal_andel is not None:
        andel = res.get("andel_under_grense")
        if andel is not None and np.isnan(andel):  # ingen behandlede saker i populasjonen
            andel = None
        ok = andel is not None and andel >= m.mal_andel
        nadd &= ok
        grunner.append(
            f"{fmt.prosent(andel)} under {m.grense_dager} dager mot målet {fmt.prosent(m.mal_andel, desimaler=0)}"
            if andel is not None
            else "ingen behandlede saker"
        )
    if m.mal_reduksjon is not None:
        nedgang = res["beholdning_start"] - res["beholdning"]
        ok_antall = nedgang >= m.mal_reduksjon
        ok_alder = res["alder"] <= res["alder_start"]
        nadd &= ok_antall and ok_alder
        endring = "gikk ned med" if nedgang > 0 else "økte med"
        grunner.append(
            f"beholdningen {endring} {fmt.tall(abs(nedgang))} mot målet en nedgang på minst {fmt.tall(m.mal_reduksjon)}"
        )
        grunner.append("snittalderen økte" if not ok_alder else "snittalderen økte ikke")
    return nadd, "; ".join(grunner)


def figurer(saker: pd.DataFrame, styringsparametere: pd.DataFrame, ar: int) -> dict[str, float]:
    """Alle ``sp1.*``–``sp3.*`` for året."""
    ut = {}
    for kode in KODER:
        for k, v in resultat(saker, styringsparametere, ar, kode).items():
            ut[f"{kode.lower()}.{k}"] = v
    return ut


def saksbehandlingstid_tertial(saker: pd.DataFrame, ar: int) -> dict[str, float]:
    """Snitt saksbehandlingstid for saker behandlet i hvert tertial (jan–apr, mai–aug, sep–des)."""
    b = saker.loc[sb.er_behandlet(saker, ar)]
    tid = (b["avsluttet_dato"] - b["mottatt_dato"]).dt.days
    tertial = (b["avsluttet_dato"].dt.month - 1) // 4 + 1
    snitt = tid.groupby(tertial).mean()
    return {f"saksbehandlingstid_tertial.{int(t)}": float(v) for t, v in snitt.items()}
