"""Figurene i boka (matplotlib), én funksjon per figur. Tallene kommer fra tabellene i
``kapittel_3_1``; akser og etiketter på norsk, tall med norsk formatering."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.ticker import FuncFormatter

from arsrapport import formatering as fmt

FARGER = ["#1f4e79", "#8fb3d9", "#c55a11", "#f4b183", "#548235", "#a9d18e", "#7f6000", "#bf9000"]
plt.rcParams.update({"font.size": 9, "savefig.dpi": 150, "axes.spines.top": False, "axes.spines.right": False, "svg.hashsalt": "arsrapport"})

_tall = FuncFormatter(lambda x, _: fmt.tall(x))
_prosent = FuncFormatter(lambda x, _: fmt.prosent(x, desimaler=0))


def _ferdig(fig):
    fig.tight_layout()
    plt.close(fig)
    return fig


def stablet_per_ar(tab: pd.DataFrame, kolonner: list[str], etiketter: list[str]):
    """Figur 2 og 4: stablede søyler per år (klager og omgjøringsanmodninger)."""
    fig, ax = plt.subplots(figsize=(6, 3))
    bunn = None
    for i, (k, navn) in enumerate(zip(kolonner, etiketter)):
        ax.bar(tab["År"].astype(str), tab[k], bottom=bunn, color=FARGER[i], label=navn)
        bunn = tab[k] if bunn is None else bunn + tab[k]
    for x, y in zip(tab["År"].astype(str), bunn):
        ax.annotate(fmt.tall(y), (x, y), ha="center", va="bottom", fontsize=8)
    ax.yaxis.set_major_formatter(_tall)
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1, 1))
    return _ferdig(fig)


def liggende_soyler(etiketter, verdier, prosent: bool = False):
    """Figur 3, 5, 7, 8, 10, 12 og 9: én liggende søyle per kategori, verdien ved søylen.
    Med ``prosent=True`` er verdiene andeler og vises i prosent."""
    formatering = fmt.prosent if prosent else fmt.tall
    akse = _prosent if prosent else _tall
    fig, ax = plt.subplots(figsize=(6, 0.35 * len(etiketter) + 0.8))
    rekke = pd.Series(list(verdier), index=list(etiketter)).sort_values()
    ax.barh(rekke.index, rekke.to_numpy(), color=FARGER[0])
    for y, v in enumerate(rekke.to_numpy()):
        ax.annotate(" " + formatering(v), (v, y), va="center", fontsize=8)
    ax.xaxis.set_major_formatter(akse)
    ax.set_xlim(0, max(rekke.max() * 1.18, 1e-9))
    return _ferdig(fig)


def fordeling(etiketter, verdier):
    """Figur 6: fordeling på avgjørelsesform, antall og andel ved hver søyle."""
    fig, ax = plt.subplots(figsize=(6, 3))
    ax.barh(list(etiketter)[::-1], list(verdier)[::-1], color=FARGER[1])
    total = sum(verdier)
    for y, v in enumerate(list(verdier)[::-1]):
        ax.annotate(f" {fmt.tall(v)} ({fmt.prosent(v / total)})", (v, y), va="center", fontsize=8)
    ax.xaxis.set_major_formatter(_tall)
    ax.set_xlim(0, max(verdier) * 1.35)
    return _ferdig(fig)


def utfall_nasjonalitet(tab: pd.DataFrame):
    """Figur 11: omgjort / ikke omgjort for de fem største nasjonalitetene."""
    fig, ax = plt.subplots(figsize=(6, 2.8))
    navn = tab["Nasjonalitet"].tolist()[::-1]
    ax.barh(navn, tab["Omgjort"].tolist()[::-1], color=FARGER[2], label="Omgjort")
    ax.barh(navn, tab["Ikke omgjort"].tolist()[::-1], left=tab["Omgjort"].tolist()[::-1], color=FARGER[1], label="Ikke omgjort")
    for y, (o, n) in enumerate(zip(tab["Omgjort"].tolist()[::-1], tab["Behandlet"].tolist()[::-1])):
        ax.annotate(f" {fmt.prosent(o / n, desimaler=0)} omgjort", (n, y), va="center", fontsize=8)
    ax.xaxis.set_major_formatter(_tall)
    ax.legend(frameon=False, loc="lower right")
    return _ferdig(fig)


def kapittel_3_1(tab: dict[str, pd.DataFrame]) -> dict[str, plt.Figure]:
    """Figur 2–12 i kapittel 3.1, under navnene boka henter dem med (``fig.figur_N``),
    laget av tabellene fra :func:`arsrapport.kapittel_3_1.tabeller`."""
    utv = tab["3.1 Figur 2 og 4"]
    grp = tab["3.1 Saksgrupper"]
    form = tab["3.1 Figur 6 og 9"]
    mottatt = grp[grp["Mottatt"] > 0]
    behandlet = grp[grp["Behandlet"] > 0]
    nemndmote = grp[grp["Behandlet i nemndmøte"] > 0]
    ubehandlet = grp[grp["Ubehandlet 31.12."] > 0]
    typer = ["Klager", "Omgjøringsanmodninger"]
    return {
        "fig.figur_2": stablet_per_ar(utv, ["Mottatt, klager", "Mottatt, omgjøringsanmodninger"], typer),
        "fig.figur_3": liggende_soyler(mottatt["Saksgruppe"], mottatt["Mottatt"]),
        "fig.figur_4": stablet_per_ar(utv, ["Behandlet, klager", "Behandlet, omgjøringsanmodninger"], typer),
        "fig.figur_5": liggende_soyler(behandlet["Saksgruppe"], behandlet["Behandlet"]),
        "fig.figur_6": fordeling(form["Avgjørelsesform"], form["Behandlede saker"]),
        "fig.figur_7": liggende_soyler(nemndmote["Saksgruppe"], nemndmote["Behandlet i nemndmøte"]),
        "fig.figur_8": liggende_soyler(behandlet["Saksgruppe"], behandlet["Saksbehandlingstid (dager)"]),
        "fig.figur_9": liggende_soyler(form["Avgjørelsesform"], form["Saksbehandlingstid (dager)"]),
        "fig.figur_10": liggende_soyler(behandlet["Saksgruppe"], behandlet["Andel omgjort"], prosent=True),
        "fig.figur_11": utfall_nasjonalitet(tab["3.1 Figur 11"]),
        "fig.figur_12": liggende_soyler(ubehandlet["Saksgruppe"], ubehandlet["Alder ubehandlede (dager)"]),
    }
