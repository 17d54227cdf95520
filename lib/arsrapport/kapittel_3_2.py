"""Kapittel 3.2: styringsparameterne SP1–SP3 (Tabell 5, 7 og 9), saksbehandlingstiden per
tertial (3.2.1) og porteføljeavsnittene (3.2.3, 3.2.5, 3.2.6 og 3.2.10)."""

from __future__ import annotations

import pandas as pd

from arsrapport import portefolje
from arsrapport import saksbehandling as sb
from arsrapport import styringsparametere as sp
from arsrapport.formatering import dager, prosent, tall

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
    for a in range(ar - sammenligningsar - 1, ar + 1):
        f: dict[str, float] = portefolje.figurer_for_ar(saker, a)
        f.update(portefolje.barn_og_familier(saker, a))
        f.update(portefolje.nye_rettssaker_per_sakstype(uttrekk.rettssaker, saker, a))
        if (uttrekk.styringsparametere["ar"] == a).any():
            f.update(sp.figurer(saker, uttrekk.styringsparametere, a))
        f.update(sp.saksbehandlingstid_tertial(saker, a))
        ut[a] = f
    for a in range(ar - sammenligningsar, ar + 1):
        portefolje.endringer(ut, a)
    del ut[ar - sammenligningsar - 1]  # bare grunnlag for endringene
    return ut


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
        )
    else:
        mal_tekst = f"Beholdningen ned med minst {tall(m.mal_reduksjon)} saker, og snittalderen skal ikke øke"
        resultat = f"{tall(r['beholdning_start'])} → {tall(r['beholdning'])} saker"
    rader = [
        ("Styringsparameter", f"{kode}: {NAVN[kode]} ({m.populasjon})"),
        ("Mål", mal_tekst),
        ("Resultat", resultat),
        ("Ubehandlede 31.12. året før / i år", f"{tall(r['beholdning_start'])} / {tall(r['beholdning'])}"),
        ("Snittalder ubehandlede, året før / i år", f"{dager(r['alder_start'])} / {dager(r['alder'])}"),
        ("Vurdering", f"{'Nådd' if nadd else 'Ikke nådd'}: {grunn}"),
    ]
    return pd.DataFrame(rader, columns=["", str(ar)])


def tabeller(uttrekk, ar: int) -> dict[str, pd.DataFrame]:
    return {
        "3.2 Tabell 5 SP1": tabell(uttrekk, ar, "SP1"),
        "3.2 Tabell 7 SP2": tabell(uttrekk, ar, "SP2"),
        "3.2 Tabell 9 SP3": tabell(uttrekk, ar, "SP3"),
    }
