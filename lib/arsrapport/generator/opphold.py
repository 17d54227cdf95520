"""Oppholdssakene i det syntetiske registeret: sakstype innenfor gruppen, hjemmel,
nasjonalitet og om saken behandles sammen med en utvisningssak (3.2.5 og 3.2.10).

Kjøres etter at datoer, avgjørelsesform og utfall er satt; endrer bare disse kolonnene."""

from __future__ import annotations

import numpy as np
import pandas as pd

from arsrapport.generator.kalibrering import AR, Mal
from arsrapport.generator.utvalg import velg
from arsrapport.saksbehandling import NEMNDMOTEFORMER

SAKSTYPER = {
    "Asyl": (["Beskyttelse"], [1.0]),
    "Familieinnvandring": (["Familiegjenforening", "Familieetablering"], [0.7, 0.3]),
    "Arbeid/opphold": (
        ["Arbeid", "Studier", "Permanent opphold", "EØS", "Sesongarbeid", "Midlertidig opphold"],
        [0.32, 0.22, 0.17, 0.12, 0.05, 0.12],
    ),
    "Statsborgerskap": (["Statsborgerskap"], [1.0]),
    "Utvisning": (["Utvisning brudd på utlendingsloven", "Utvisning straff"], [0.6, 0.4]),
    "Tilbakekall": (
        ["Tilbakekall utl. § 63", "Opphør utl. § 37", "Tilbakekall statsborgerskap"],
        [0.74, 0.08, 0.18],
    ),
    "Andre saker": (
        ["Reisedokument", "Visum", "Nekte innreise", "Asyl fornyelse", "Opphevelse av innreiseforbud", "Bortvisning", "Annet"],
        [0.41, 0.2, 0.15, 0.1, 0.06, 0.04, 0.04],
    ),
    "Diverse": (["Diverse"], [1.0]),
}
HJEMMEL = {
    "Tilbakekall utl. § 63": "utl. § 63",
    "Opphør utl. § 37": "utl. § 37",
    "Tilbakekall statsborgerskap": "stbl. § 26",
    "Utvisning brudd på utlendingsloven": "utl. § 66",
    "Utvisning straff": "utl. § 66 første ledd bokstav b",
}
NASJONALITETER_OPPHOLD = (
    ["Somalia", "Pakistan", "India", "Filippinene", "Thailand", "Kina", "Tyrkia", "Russland", "Irak", "Iran",
     "Eritrea", "Syria", "Afghanistan", "Marokko", "Nigeria", "Ghana", "Kosovo", "Serbia", "Brasil", "USA",
     "Vietnam", "Sri Lanka", "Bangladesh", "Ukraina", "Colombia"],
    [8, 7, 6, 5, 5, 5, 5, 4, 4, 4, 4, 4, 4, 3, 3, 3, 3, 3, 3, 2, 3, 2, 2, 3, 2],
)


def tildel_opphold(df: pd.DataFrame, mal: Mal, rng: np.random.Generator) -> None:
    """Setter ``sakstype`` (alle grupper unntatt asyl), ``hjemmel``, ``nasjonalitet`` og
    ``tilknyttet_utvisning`` for oppholdssakene."""
    n = len(df)
    asyl = df["saksgruppe"].eq("Asyl").to_numpy()
    df["sakstype"] = tildel_sakstype(df, mal, rng)
    nasj = np.empty(n, dtype=object)
    nasj[~asyl] = velg(rng, NASJONALITETER_OPPHOLD, int((~asyl).sum()))
    tilb = df["saksgruppe"].eq("Tilbakekall").to_numpy()
    somali = tilb & (rng.random(n) < 0.3)
    nasj[somali] = "Somalia"
    df["nasjonalitet"] = nasj
    df["hjemmel"] = pd.Series(df["sakstype"]).map(HJEMMEL).to_numpy(dtype=object)
    df["tilknyttet_utvisning"] = (tilb & (rng.random(n) < 0.35)) | (~tilb & ~asyl & (rng.random(n) < 0.01))


def tildel_sakstype(df: pd.DataFrame, mal: Mal, rng: np.random.Generator) -> np.ndarray:
    """Sakstype innenfor gruppen. Tilbakekall av statsborgerskap har obligatorisk nemndmøte
    med personlig frammøte (3.1.3): slike vedtak får NMP, og 56 av nemndmøtene i 2023."""
    sakstype = np.empty(len(df), dtype=object)
    gruppe = df["saksgruppe"].to_numpy()
    for g, fordeling in SAKSTYPER.items():
        idx = np.flatnonzero(gruppe == g)
        sakstype[idx] = velg(rng, fordeling, len(idx))
    # tilbakekall: statsborgerskapssakene er nemndmøtesakene
    form = df["avgjorelsesform"].to_numpy()
    ar = df["avsluttet_dato"].dt.year.to_numpy()
    tilb = gruppe == "Tilbakekall"
    nm = np.isin(form, NEMNDMOTEFORMER)
    for a in AR:
        i_ar = tilb & (ar == a) & df["avslutning"].eq("Vedtak").to_numpy()
        idx_nm = np.flatnonzero(i_ar & nm)
        andel = 56 / 94
        n_stb = int(round(len(idx_nm) * andel))
        stb = rng.choice(idx_nm, size=n_stb, replace=False) if n_stb else np.empty(0, dtype=int)
        ovrige = np.setdiff1d(np.flatnonzero(i_ar), stb)
        ovrige_nm = np.intersect1d(ovrige, idx_nm)
        ovrige_andre = np.setdiff1d(ovrige, idx_nm)
        # resten av tilbakekallsakene: § 63 / § 37 (og noen få statsborgerskap uten nemndmøte)
        sakstype[ovrige_nm] = velg(rng, (["Tilbakekall utl. § 63", "Opphør utl. § 37"], [0.9, 0.1]), len(ovrige_nm))
        sakstype[ovrige_andre] = velg(rng, (["Tilbakekall utl. § 63", "Opphør utl. § 37", "Tilbakekall statsborgerskap"], [0.83, 0.09, 0.08]), len(ovrige_andre))
        sakstype[stb] = "Tilbakekall statsborgerskap"
    return sakstype
