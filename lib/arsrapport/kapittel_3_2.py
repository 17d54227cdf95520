"""Kapittel 3.2: styringsparameterne SP1–SP3 (Tabell 5, 7 og 9), saksbehandlingstiden per
tertial (3.2.1) og porteføljeavsnittene (3.2.3, 3.2.5, 3.2.6 og 3.2.10)."""

from __future__ import annotations

import pandas as pd

from arsrapport import portefolje
from arsrapport import saksbehandling as sb
from arsrapport import styringsparametere as sp
from arsrapport import uiv as uiv_mod
from arsrapport.formatering import dager, prosent, tall
from arsrapport.regneark import ark

MANEDER = ["jan.", "feb.", "mars", "april", "mai", "juni", "juli", "aug.", "sep.", "okt.", "nov.", "des."]
NAVN = {
    "SP1": "Saksbehandlingstid for klagesaker asyl",
    "SP2": "Størrelse og alder på beholdningen av ubehandlede klagesaker opphold",
    "SP3": "Saksbehandlingstid for klagesaker utvisning",
}


def figurer(uttrekk, ar: int, sammenligningsar: int = 2) -> dict[int, dict[str, float]]:
    """``sp1.*``–``sp3.*`` (der tabellen ``styringsparametere`` har mål for året),
    ``saksbehandlingstid_tertial.*`` og porteføljetallene for rapportåret og
    sammenligningsårene (og året før dem, som endringene regnes fra)."""
    saker = sb.med_avledede(uttrekk.saker)
    ut: dict[int, dict[str, float]] = {}
    seg = portefolje.segmentkolonner(saker)
    for a in range(ar - sammenligningsar - 1, ar + 1):
        f: dict[str, float] = portefolje.figurer_for_ar(saker, a, seg)
        f.update(portefolje.barn_og_familier(saker, a))
        f.update(portefolje.nye_rettssaker_per_sakstype(uttrekk.rettssaker, saker, a))
        if (uttrekk.styringsparametere["ar"] == a).any():
            f.update(sp.figurer(saker, uttrekk.styringsparametere, a))
        f.update(sp.saksbehandlingstid_tertial(saker, a))
        ut[a] = f
    for a in range(ar - sammenligningsar, ar + 1):
        portefolje.endringer(ut, a)
    return ut


def _dager_eller_strek(v) -> str:
    return "–" if v is None else dager(v)


def tabell(uttrekk, ar: int, kode: str) -> pd.DataFrame:
    """Tabell 5 (SP1), 7 (SP2) og 9 (SP3): parameter, mål, resultat og vurdering."""
    saker = sb.med_avledede(uttrekk.saker)
    m = sp.mal_for_aret(uttrekk.styringsparametere, ar, kode)
    r = sp.resultat(saker, uttrekk.styringsparametere, ar, kode)
    nadd, grunn = sp.vurdering(r, m)
    if m.mal_andel is not None:
        mal_tekst = f"{prosent(m.mal_andel, desimaler=0)} av sakene under {dager(m.grense_dager)}"
        resultat = (
            f"{prosent(r['andel_under_grense'])} under {dager(m.grense_dager)} "
            f"(snitt {dager(r['snitt'])}, {tall(r['antall'])} saker)"
            if "andel_under_grense" in r else "Ingen behandlede saker"
        )
    else:
        mal_tekst = f"Beholdningen ned med minst {tall(m.mal_reduksjon)} saker, og snittalderen skal ikke øke"
        resultat = f"{tall(r['beholdning_start'])} → {tall(r['beholdning'])} saker"
    rader = [
        ("Styringsparameter", f"{kode}: {NAVN[kode]} ({m.populasjon})"),
        ("Mål", mal_tekst),
        ("Resultat", resultat),
        ("Ubehandlede 31.12. året før / i år", f"{tall(r['beholdning_start'])} / {tall(r['beholdning'])}"),
        ("Snittalder ubehandlede, året før / i år", f"{_dager_eller_strek(r.get('alder_start'))} / {_dager_eller_strek(r.get('alder'))}"),
        ("Vurdering", f"{'Nådd' if nadd else 'Ikke nådd'}: {grunn}"),
    ]
    return pd.DataFrame(rader, columns=["", str(ar)])


#: Tabellene i ``tabeller.xlsx``: hvilke tabeller og figurer i boka (``tab.*``/``fig.*``)
#: hver tabell fra :func:`tabeller` er grunnlaget for, kildene og tallformater ut over
#: standardreglene (se :mod:`arsrapport.regneark`).
REGNEARK = {
    "3.2 Tabell 5 SP1": ark("tab.tabell_5", kilder=("saksregister", "tildelingsbrev")),
    "3.2.3 Tabell 6": ark("tab.tabell_6"),
    "3.2.3 Figur 13": ark("fig.figur_13", standard="dager"),
    "3.2.3 Asylspor": ark("tab.asylspor"),
    "3.2.3 Figur 14": ark("fig.figur_14"),
    "3.2 Tabell 7 SP2": ark("tab.tabell_7", kilder=("saksregister", "tildelingsbrev")),
    "3.2.5 Tabell 8": ark("tab.tabell_8"),
    "3.2.5 Saksgrupper": ark("tab.saksgrupper_opphold"),
    "3.2.5 Figur 15": ark("fig.figur_15", standard="dager"),
    "3.2.5 Figur 16": ark("fig.figur_16", standard="dager"),
    "3.2.5 Figur 17": ark("tab.arbeid_opphold", "fig.figur_17"),
    "3.2.5 Figur 18": ark("tab.andre_saker", "fig.figur_18"),
    "3.2 Tabell 9 SP3": ark("tab.tabell_9", kilder=("saksregister", "tildelingsbrev")),
    "3.2.10 Tilbakekall": ark("tab.tilbakekall"),
}


def tabeller(uttrekk, ar: int) -> dict[str, pd.DataFrame]:
    """Alle tabellene i kapittelet (og grunnlaget for Figur 13–18), under nøklene i
    ``REGNEARK`` (arket i ``tabeller.xlsx`` får nummeret i boka som navn)."""
    s = sb.med_avledede(uttrekk.saker)
    uiv = uiv_mod.per_maned(uttrekk.uiv, range(ar - 2, ar + 1))
    uiv.index = [MANEDER[m - 1] for m in uiv.index]
    uiv.index.name, uiv.columns.name = "Måned", None
    uiv.columns = [str(a) for a in uiv.columns]
    return {
        "3.2 Tabell 5 SP1": tabell(uttrekk, ar, "SP1"),
        "3.2.3 Tabell 6": portefolje.tabell_beholdning_per_ar(s, ar, asyl=True),
        "3.2.3 Figur 13": portefolje.tabell_tid_per_ar(s, ar, asyl=True),
        "3.2.3 Asylspor": portefolje.tabell_asylspor(s, ar),
        "3.2.3 Figur 14": uiv.reset_index(),
        "3.2 Tabell 7 SP2": tabell(uttrekk, ar, "SP2"),
        "3.2.5 Tabell 8": portefolje.tabell_beholdning_per_ar(s, ar, asyl=False),
        "3.2.5 Saksgrupper": portefolje.tabell_grupper_opphold(s, ar),
        "3.2.5 Figur 15": portefolje.tabell_alder_per_gruppe(s, ar),
        "3.2.5 Figur 16": portefolje.tabell_tid_per_ar(s, ar, asyl=False),
        "3.2.5 Figur 17": portefolje.tabell_sakstyper(s, ar, "Arbeid/opphold"),
        "3.2.5 Figur 18": portefolje.tabell_sakstyper(s, ar, "Andre saker"),
        "3.2 Tabell 9 SP3": tabell(uttrekk, ar, "SP3"),
        "3.2.10 Tilbakekall": portefolje.tabell_sakstyper(s, ar, "Tilbakekall"),
    }


def tekster(uttrekk, ar: int) -> dict[str, str]:
    """Navnene teksten nevner (største nasjonaliteter og sakstyper), ferdig formatert."""
    return portefolje.tekster(uttrekk.saker, ar)
