"""Figurene i boka (matplotlib), én funksjon per figur. Tallene kommer fra tabellene i
``kapittel_3_1``; akser og etiketter på norsk, tall med norsk formatering.

Utseendet (størrelse, skrift, farger, oppløsning) står i stilfila ``stil/arsrapport.mplstyle``,
som lastes når modulen importeres; her står bare det som er særegent for hver figur."""

from __future__ import annotations

import textwrap
from contextlib import contextmanager
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import FuncFormatter

from arsrapport.presentasjon import formatering as fmt

#: Stilfila alle figurene i rapporten bruker.
STIL = Path(__file__).with_name("stil") / "arsrapport.mplstyle"
plt.style.use(STIL)

#: Fargene i rekkefølge (fra stilfila): mørk blå, lys blå, oransje …
FARGER = [f["color"] for f in plt.rcParams["axes.prop_cycle"]]
#: Skriftstørrelse for tallene ved søylene (punkter).
ETIKETT = 8
#: Bredden (tommer) figurene tegnes i for telefoner. HTML-boka viser denne utgaven på smale
#: skjermer (``<picture>``, se :mod:`arsrapport.bok.skjermtillegg`): i en spalte på 358 punkter blir
#: 9 pt skrift ca. 13 punkter høy, mot 7 i den vanlige utgaven (5,5 tommer) skalert ned.
SMAL_BREDDE = 3.3

_tall = FuncFormatter(lambda x, _: fmt.tall(x))
_prosent = FuncFormatter(lambda x, _: fmt.prosent(x, desimaler=0))


def _figur(hoyde: float):
    """Ny figur i tekstbredden (bredden fra stilfila) med gitt høyde i tommer."""
    bredde = plt.rcParams["figure.figsize"][0]
    return plt.subplots(figsize=(bredde, hoyde))


@contextmanager
def smal():
    """Figurene som lages i blokken, tegnes i telefonbredden :data:`SMAL_BREDDE`."""
    with plt.rc_context({"figure.figsize": (SMAL_BREDDE, plt.rcParams["figure.figsize"][1])}):
        yield


def _smal() -> bool:
    """Sann når figuren tegnes i telefonbredden (inne i :func:`smal`)."""
    return plt.rcParams["figure.figsize"][0] <= SMAL_BREDDE


def _bryt(etiketter) -> list[str]:
    """Etikettene; i telefonbredden brutt over flere linjer, så lange navn («Nemndleder etter
    forberedelse fra sekretariatet») ikke tar plassen fra søylene."""
    return [textwrap.fill(str(e), 20) if _smal() else str(e) for e in etiketter]


def _linjer(etiketter) -> float:
    """Høyden etikettene trenger, i søyler: én per etikett, litt mer for brutte etiketter."""
    return sum(1 + 0.6 * e.count("\n") for e in _bryt(etiketter))


def _forklaring(ax, kolonner: int | None = None) -> None:
    """Tegnforklaringen over diagrammet, vannrett, så selve diagrammet får hele bredden. I
    telefonbredden står lange navn under hverandre, så forklaringen ikke er bredere enn figuren."""
    navn = ax.get_legend_handles_labels()[1]
    antall = kolonner or len(navn)
    if _smal() and sum(len(n) + 4 for n in navn) > 40:
        antall = 1
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.02), ncols=antall, borderaxespad=0)


def _ferdig(fig):
    plt.close(fig)
    return fig


def stablet_per_ar(tab: pd.DataFrame, kolonner: list[str], etiketter: list[str]):
    """Figur 2 og 4: stablede søyler per år (klager og omgjøringsanmodninger)."""
    fig, ax = _figur(2.8)
    bunn = None
    for i, (k, navn) in enumerate(zip(kolonner, etiketter)):
        ax.bar(tab["År"].astype(str), tab[k], bottom=bunn, color=FARGER[i], label=navn)
        bunn = tab[k] if bunn is None else bunn + tab[k]
    for x, y in zip(tab["År"].astype(str), bunn):
        ax.annotate(
            fmt.tall(y), (x, y), xytext=(0, 2), textcoords="offset points", ha="center", va="bottom", fontsize=ETIKETT
        )
    ax.yaxis.set_major_formatter(_tall)
    ax.set_ylim(0, max(float(bunn.max()) * 1.12, 1.0))
    _forklaring(ax)
    return _ferdig(fig)


def liggende_soyler(etiketter, verdier, prosent: bool = False):
    """Figur 3, 5, 7, 8, 10, 12 og 9: én liggende søyle per kategori, verdien ved søylen.
    Med ``prosent=True`` er verdiene andeler og vises i prosent."""
    formatering = fmt.prosent if prosent else fmt.tall
    akse = _prosent if prosent else _tall
    fig, ax = _figur(0.27 * _linjer(etiketter) + 0.6)
    # stabil sortering: like verdier står i etikettenes rekkefølge på alle prosessorer
    rekke = pd.Series(list(verdier), index=_bryt(etiketter)).sort_values(kind="stable")
    ax.barh(rekke.index, rekke.to_numpy(), color=FARGER[0])
    for y, v in enumerate(rekke.to_numpy()):
        ax.annotate(formatering(v), (v, y), xytext=(3, 0), textcoords="offset points", va="center", fontsize=ETIKETT)
    ax.xaxis.set_major_formatter(akse)
    maks = float(rekke.max()) if rekke.notna().any() else 0.0  # tom figur for en tom gruppe
    ax.set_xlim(0, max(maks * 1.18, 1e-9))
    return _ferdig(fig)


def fordeling(etiketter, verdier):
    """Figur 6: fordeling på avgjørelsesform, antall og andel ved hver søyle."""
    fig, ax = _figur(0.27 * _linjer(etiketter) + 0.6)
    ax.barh(_bryt(etiketter)[::-1], list(verdier)[::-1], color=FARGER[0])
    total = sum(verdier)
    for y, v in enumerate(list(verdier)[::-1]):
        ax.annotate(
            f"{fmt.tall(v)} ({fmt.prosent(v / total)})",
            (v, y),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            fontsize=ETIKETT,
        )
    ax.xaxis.set_major_formatter(_tall)
    ax.set_xlim(0, max(verdier) * 1.35)
    return _ferdig(fig)


def utfall_nasjonalitet(tab: pd.DataFrame):
    """Figur 11: omgjort / ikke omgjort for de fem største nasjonalitetene."""
    fig, ax = _figur(0.27 * len(tab) + 0.9)
    navn = tab["Nasjonalitet"].tolist()[::-1]
    ax.barh(navn, tab["Omgjort"].tolist()[::-1], color=FARGER[2], label="Omgjort")
    ax.barh(
        navn,
        tab["Ikke omgjort"].tolist()[::-1],
        left=tab["Omgjort"].tolist()[::-1],
        color=FARGER[1],
        label="Ikke omgjort",
    )
    for y, (o, n) in enumerate(zip(tab["Omgjort"].tolist()[::-1], tab["Behandlet"].tolist()[::-1])):
        ax.annotate(
            f"{fmt.prosent(o / n, desimaler=0)} omgjort",
            (n, y),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            fontsize=ETIKETT,
        )
    ax.xaxis.set_major_formatter(_tall)
    ax.set_xlim(0, max(float(tab["Behandlet"].max()) * 1.22, 1.0) if len(tab) else 1.0)
    _forklaring(ax)
    return _ferdig(fig)


def kapittel_3_1(tab: dict[str, pd.DataFrame]) -> dict[str, plt.Figure]:
    """Figur 2–12 i kapittel 3.1, under merkene i boka (``fig-3-1-…``),
    laget av tabellene fra :func:`arsrapport.kapitler.kapittel_3_1.tabeller`."""
    utv = tab["fig-3-1-innkomne"]
    grp = tab["fig-3-1-innkomne-gruppe"]
    form = tab["fig-3-1-form"]
    mottatt = grp[grp["Mottatt"] > 0]
    behandlet = grp[grp["Behandlet"] > 0]
    nemndmote = grp[grp["Behandlet i nemndmøte"] > 0]
    ubehandlet = grp[grp["Ubehandlet 31.12."] > 0]
    typer = ["Klager", "Omgjøringsanmodninger"]
    return {
        "fig-3-1-innkomne": stablet_per_ar(utv, ["Mottatt, klager", "Mottatt, omgjøringsanmodninger"], typer),
        "fig-3-1-innkomne-gruppe": liggende_soyler(mottatt["Saksgruppe"], mottatt["Mottatt"]),
        "fig-3-1-behandlede": stablet_per_ar(utv, ["Behandlet, klager", "Behandlet, omgjøringsanmodninger"], typer),
        "fig-3-1-behandlede-gruppe": liggende_soyler(behandlet["Saksgruppe"], behandlet["Behandlet"]),
        "fig-3-1-form": fordeling(form["Avgjørelsesform"], form["Behandlede saker"]),
        "fig-3-1-nemndmote": liggende_soyler(nemndmote["Saksgruppe"], nemndmote["Behandlet i nemndmøte"]),
        "fig-3-1-tid-gruppe": liggende_soyler(behandlet["Saksgruppe"], behandlet["Saksbehandlingstid (dager)"]),
        "fig-3-1-tid-form": liggende_soyler(form["Avgjørelsesform"], form["Saksbehandlingstid (dager)"]),
        "fig-3-1-omgjoring": liggende_soyler(behandlet["Saksgruppe"], behandlet["Andel omgjort"], prosent=True),
        "fig-3-1-nasjonalitet": utfall_nasjonalitet(tab["fig-3-1-nasjonalitet"]),
        "fig-3-1-alder": liggende_soyler(ubehandlet["Saksgruppe"], ubehandlet["Alder ubehandlede (dager)"]),
    }


def grupperte_soyler(tab: pd.DataFrame, kategori: str, serier: list[str], dager: bool = False):
    """Figur 13, 15 og 16: grupperte søyler, én gruppe per rad og én søyle per serie."""
    fig, ax = _figur(2.8)
    x = np.arange(len(tab))
    bredde = 0.8 / len(serier)
    for i, serie in enumerate(serier):
        verdier = tab[serie].to_numpy(dtype="float64")
        pos = x - 0.4 + bredde * (i + 0.5)
        ax.bar(pos, np.nan_to_num(verdier), bredde, color=FARGER[i], label=serie)
        for px, v in zip(pos, verdier):
            if not np.isnan(v):
                ax.annotate(
                    fmt.tall(v),
                    (px, v),
                    xytext=(0, 2),
                    textcoords="offset points",
                    ha="center",
                    va="bottom",
                    fontsize=ETIKETT - 0.5,
                )
    ax.set_xticks(
        x, tab[kategori].astype(str), rotation=0 if len(tab) <= 4 else 20, ha="center" if len(tab) <= 4 else "right"
    )
    ax.yaxis.set_major_formatter(_tall)
    if dager:
        ax.set_ylabel("dager")
    topp = np.nanmax([tab[s].to_numpy(dtype="float64") for s in serier]) if len(tab) else np.nan
    ax.set_ylim(0, float(topp) * 1.12 if np.isfinite(topp) and topp > 0 else 1)
    _forklaring(ax)
    return _ferdig(fig)


def per_maned(tab: pd.DataFrame):
    """Figur 14: mottatte begjæringer per måned, én linje per år."""
    fig, ax = _figur(2.8)
    # rapportåret mørkest og heltrukket, eldre år lysere med egen strektype og markør, så
    # linjene skilles også i gråtoner
    stiler = [(FARGER[0], "-", "o"), (FARGER[2], "--", "s"), (FARGER[3], ":", "^")]
    arene = [k for k in tab.columns if k != "Måned"]
    for i, ar in enumerate(arene):
        farge, strek, markor = stiler[min(len(arene) - 1 - i, len(stiler) - 1)]
        ax.plot(tab["Måned"], tab[ar], color=farge, linestyle=strek, marker=markor, label=ar, clip_on=False)
    ax.yaxis.set_major_formatter(_tall)
    ax.set_ylim(bottom=0)
    ax.grid(axis="y")
    if _smal():  # tolv månedsnavn får ikke plass vannrett
        ax.tick_params(axis="x", labelrotation=45)
        for etikett in ax.get_xticklabels():
            etikett.set_horizontalalignment("right")
    _forklaring(ax)
    return _ferdig(fig)


def kapittel_3_2(tab: dict[str, pd.DataFrame]) -> dict[str, plt.Figure]:
    """Figur 13–18 i kapittel 3.2 (``fig-3-2-…``), laget av tabellene fra
    :func:`arsrapport.kapitler.kapittel_3_2.tabeller`."""
    typer = ["Klager", "Omgjøringsanmodninger", "Samlet"]
    alder = tab["fig-3-2-opphold-alder"]
    arbeid = tab["tab-3-2-arbeid"]
    andre = tab["tab-3-2-andre"]
    return {
        "fig-3-2-asyl-tid": grupperte_soyler(tab["fig-3-2-asyl-tid"], "År", typer, dager=True),
        "fig-3-2-uiv": per_maned(tab["fig-3-2-uiv"]),
        "fig-3-2-opphold-alder": grupperte_soyler(
            alder, "Saksgruppe", [k for k in alder.columns if k != "Saksgruppe"], dager=True
        ),
        "fig-3-2-opphold-tid": grupperte_soyler(tab["fig-3-2-opphold-tid"], "År", typer, dager=True),
        "fig-3-2-arbeid": liggende_soyler(arbeid["Sakstype"], arbeid["Behandlet"]),
        "fig-3-2-andre": liggende_soyler(andre["Sakstype"], andre["Behandlet"]),
    }


def _millioner(x: float) -> str:
    return f"{fmt.tall(x / 1e6, desimaler=1)} mill."


def soyler_per_ar(ar, verdier, andeler=None):
    """Figur 20: én søyle per år med beløpet i millioner kroner (og andelen under, om gitt)."""
    fig, ax = _figur(2.5)
    x = [str(a) for a in ar]
    ax.bar(x, list(verdier), color=FARGER[0], width=0.6)
    for i, v in enumerate(verdier):
        tekst = _millioner(v) + (f"\n({fmt.prosent(andeler[i])})" if andeler is not None else "")
        ax.annotate(
            tekst, (x[i], v), xytext=(0, 2), textcoords="offset points", ha="center", va="bottom", fontsize=ETIKETT
        )
    ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _: fmt.tall(y / 1e6)))
    ax.set_ylabel("Millioner kroner")
    ax.set_ylim(0, max(list(verdier) + [0]) * 1.3 or 1)
    return _ferdig(fig)


def regnskapet(tab: dict[str, pd.DataFrame]) -> dict[str, plt.Figure]:
    """Figur 19 (driftsutgiftene etter art, andel) og Figur 20 (konsulentutgifter per år),
    laget av tabellene fra :func:`arsrapport.regnskap.tabeller`."""
    art, kons = tab["fig-4-3-art"], tab["fig-4-3-konsulenter"]
    return {
        "fig-4-3-art": liggende_soyler(art["Art"], art["Andel"], prosent=True),
        "fig-4-3-konsulenter": soyler_per_ar(
            kons["År"].tolist(), kons["Konsulenttjenester"].tolist(), kons["Andel av driftsutgiftene"].tolist()
        ),
    }
