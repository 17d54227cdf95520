"""Kapitlene boka beregner: hvert kapittel regnes ut én gang til ett :class:`Kapittelresultat`
med tallene, tekstene, tabellene og figurene sine.

Notatboka til et kapittel kaller :func:`beregn` og lagrer resultatet (:meth:`Kapittelresultat.lagre`);
bygget samler resultatene til ``figures.json``, ``tabeller.xlsx``, tallene rollen ``{tall}``
slår opp, og tabell- og figurfilene boka henter. ``arsrapport figures`` kaller de samme
funksjonene i sin egen prosess (:func:`beregn_alle`), uten notatbøker. Ingenting beregnes to ganger.

Hvert kapittel melder hvilke tabeller i uttrekket det leser (:attr:`Kapittel.data`): notatboka
får bare se dem (:meth:`arsrapport.innlesing.Uttrekk.utsnitt`), og hurtiglageret kjører
kapittelet på nytt bare når en av dem er endret.
"""

from __future__ import annotations

import functools
import io
import os
import pickle
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import pandas as pd

from arsrapport import regnskap
from arsrapport.grunn.config import rapportar
from arsrapport.kapitler import (
    avstemming,
    kapittel_3_1,
    kapittel_3_2,
    prioriterte_saker,
    produktivitet,
    vedlegg_statistikk,
)
from arsrapport.presentasjon.regnearkspek import Ark
from arsrapport.presentasjon.tallspek import Katalog, Tall

#: Filendelsen til et lagret kapittelresultat.
RESULTATFIL = ".resultat.pickle"

#: Miljøvariabelen bygget setter til katalogen notatbøkene lagrer resultatene i
#: (parametercellen har bare år og datakatalog).
RESULTATER = "ARSRAPPORT_RESULTATER"


@dataclass
class Kapittelresultat:
    """Alt ett kapittel beregner for et rapportår."""

    navn: str  #: kapittelets navn (notatboka uten ``.ipynb``)
    figurer: dict[int, dict[str, float]] = field(default_factory=dict)  #: år → id → verdi
    tekster: dict[str, str] = field(default_factory=dict)  #: id → ferdig tekst (navn i teksten)
    tabeller: dict[str, pd.DataFrame] = field(default_factory=dict)  #: til tabeller.xlsx
    #: merket i boka (``:name:``, ``tab-6-note-b``) → Markdown-tabell (``tabeller/<merket>.md``)
    boktabeller: dict[str, str] = field(default_factory=dict)
    diagrammer: dict[str, bytes] = field(default_factory=dict)  #: merket (``fig-3-1-innkomne``) → PNG
    #: de samme figurene tegnet for telefoner (:func:`arsrapport.presentasjon.diagrammer.smal`) → PNG
    smale_diagrammer: dict[str, bytes] = field(default_factory=dict)

    def lagre(self, katalog: str | Path | None = None) -> Path | None:
        """Skriv resultatet til ``katalog/<navn>.resultat.pickle``, der bygget henter det.
        Standard er katalogen bygget oppgir i miljøvariabelen :data:`RESULTATER`; uten den
        (notatboka kjørt for seg selv, f.eks. av nbval) skrives ingenting."""
        katalog = katalog if katalog is not None else os.environ.get(RESULTATER, "")
        if not katalog:
            return None
        fil = Path(katalog) / f"{self.navn}{RESULTATFIL}"
        fil.parent.mkdir(parents=True, exist_ok=True)
        midlertidig = fil.with_suffix(".tmp")
        midlertidig.write_bytes(pickle.dumps(self, protocol=5))
        midlertidig.replace(fil)
        return fil

    @staticmethod
    def les(fil: str | Path) -> Kapittelresultat:
        ut = pickle.loads(Path(fil).read_bytes())
        if not isinstance(ut, Kapittelresultat):
            raise TypeError(f"{fil} er ikke et kapittelresultat")
        return ut

    def vis(self, navn: str):
        """Tabellen eller figuren med merket ``navn`` (``:name:`` i boka, f.eks.
        ``tab-3-1-beholdning``) slik boka viser den (til notatboka)."""
        from IPython.display import Image, Markdown

        if navn in self.diagrammer:
            return Image(self.diagrammer[navn], width=600)
        return Markdown(self.boktabeller[navn])

    def oversikt(self):
        """Antall tall per år, tekster, tabeller og figurer (det notatboka viser), som tabell
        uten pandas' radnumre."""
        from arsrapport.presentasjon import tabeller

        rader = [{"Hva": f"Tall for {ar}", "Antall": len(v)} for ar, v in sorted(self.figurer.items(), reverse=True)]
        rader += [
            {"Hva": "Tekster", "Antall": len(self.tekster)},
            {"Hva": "Tabeller i boka", "Antall": len(self.boktabeller)},
            {"Hva": "Figurer i boka", "Antall": len(self.diagrammer)},
            {"Hva": "Tabeller i tabeller.xlsx", "Antall": len(self.tabeller)},
        ]
        return tabeller.som_html(pd.DataFrame(rader))


def png(figur) -> bytes:
    """En matplotlib-figur som PNG (oppløsningen fra stilfila), uten programnavn og dato i
    metadataene, så samme figur gir samme bytes. Figuren lukkes."""
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    figur.savefig(buf, format="png", bbox_inches="tight", metadata={"Software": None})
    plt.close(figur)
    return buf.getvalue()


def tegn(lag, tab) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """Figurene ``lag(tab)`` gir, som PNG: i tekstbredden og i telefonbredden."""
    from arsrapport.presentasjon import diagrammer

    vanlige = {n: png(f) for n, f in lag(tab).items()}
    with diagrammer.smal():
        smale = {n: png(f) for n, f in lag(tab).items()}
    return vanlige, smale


def _markdown(tabell) -> str:
    from arsrapport.presentasjon import tabeller

    if isinstance(tabell, pd.DataFrame):
        tabell = tabeller.som_html(tabell)
    return tabell._repr_markdown_()


# ------------------------------------------------------------------ kapitlene


def _kapittel_3_1(uttrekk, ar: int, bok: bool) -> Kapittelresultat:
    from arsrapport.presentasjon import diagrammer, tabeller

    tab = kapittel_3_1.tabeller(uttrekk, ar)
    r = Kapittelresultat("3_1_generelle_tall", kapittel_3_1.figurer(uttrekk, ar), tabeller=tab)
    if bok:
        r.boktabeller = {n: _markdown(t) for n, t in tabeller.kapittel_3_1(tab).items()}
        r.diagrammer, r.smale_diagrammer = tegn(diagrammer.kapittel_3_1, tab)
    return r


def _kapittel_3_2(uttrekk, ar: int, bok: bool) -> Kapittelresultat:
    from arsrapport.presentasjon import diagrammer, tabeller

    tab = kapittel_3_2.tabeller(uttrekk, ar)
    tekster = {n.removeprefix("t."): t for n, t in kapittel_3_2.tekster(uttrekk, ar).items()}
    r = Kapittelresultat("3_2_styringsparametere", kapittel_3_2.figurer(uttrekk, ar), tekster, tab)
    if bok:
        r.boktabeller = {n: _markdown(t) for n, t in tabeller.kapittel_3_2(tab).items()}
        r.diagrammer, r.smale_diagrammer = tegn(diagrammer.kapittel_3_2, tab)
    return r


def _produktivitet(uttrekk, ar: int, bok: bool) -> Kapittelresultat:
    tab = produktivitet.tabeller(uttrekk, ar)
    r = Kapittelresultat("3_2_13_produktivitet", produktivitet.figurer(uttrekk, ar), tabeller=tab)
    if bok:
        r.boktabeller = {n: _markdown(t) for n, t in produktivitet.for_boka(tab).items()}
    return r


def _prioriterte_saker(uttrekk, ar: int, bok: bool) -> Kapittelresultat:
    figurer = prioriterte_saker.figurer(uttrekk, ar)
    tab = prioriterte_saker.tabeller_fra_figurer(figurer, ar)
    r = Kapittelresultat("3_2_prioriterte_saker", figurer, tabeller=tab)
    if bok:
        r.boktabeller = {n: _markdown(t) for n, t in prioriterte_saker.for_boka(tab).items()}
    return r


def _regnskap(uttrekk, ar: int, bok: bool) -> Kapittelresultat:
    from arsrapport.presentasjon import diagrammer

    tab = regnskap.tabeller(uttrekk, ar)
    r = Kapittelresultat("6_arsregnskap", regnskap.figurer(uttrekk, ar), tabeller=tab)
    if bok:
        r.boktabeller = {n: _markdown(t) for n, t in regnskap.for_boka(uttrekk, ar).items()}
        r.diagrammer, r.smale_diagrammer = tegn(diagrammer.regnskapet, tab)
    return r


def _statistikk(uttrekk, ar: int, bok: bool) -> Kapittelresultat:
    tab = vedlegg_statistikk.tabeller(uttrekk, ar)
    r = Kapittelresultat("7_statistikk", vedlegg_statistikk.figurer(uttrekk, ar), tabeller=tab)
    if bok:
        r.boktabeller = {n: _markdown(t) for n, t in vedlegg_statistikk.for_boka(tab).items()}
    return r


@dataclass(frozen=True)
class Kapittel:
    """Et kapittel boka beregner: notatboka, tabellene i uttrekket det leser, og funksjonen
    som regner det ut."""

    navn: str  #: notatboka uten ``.ipynb``
    modul: ModuleType  #: kapittelmodulen, med ``REGNEARK`` og ``TALL``
    data: tuple[str, ...]  #: tabellene i uttrekket kapittelet leser (datakontrakten)
    _beregn: Callable[..., Kapittelresultat]

    @property
    def notatbok(self) -> str:
        return f"{self.navn}.ipynb"


# tabellene hvert kapittel leser (testen test_kapitler sjekker at hver meldt tabell blir lest,
# og at ingen annen blir det); saker og uiv gir uttrekksdatoen der kapittelet bruker den
KAPITTEL: dict[str, Kapittel] = {
    k.navn: k
    for k in (
        Kapittel("3_1_generelle_tall", kapittel_3_1, ("saker", "uiv", "rettssaker"), _kapittel_3_1),
        Kapittel(
            "3_2_styringsparametere", kapittel_3_2, ("saker", "uiv", "rettssaker", "styringsparametere"), _kapittel_3_2
        ),
        Kapittel(
            "3_2_13_produktivitet", produktivitet, ("saker", "arsverk", "kpi", "regnskap", "vekttall"), _produktivitet
        ),
        Kapittel("3_2_prioriterte_saker", prioriterte_saker, ("saker", "prioritet"), _prioriterte_saker),
        Kapittel(
            "6_arsregnskap",
            regnskap,
            (
                "arsverk",
                "fullmakter",
                "kapitalkontoer",
                "kontoplan",
                "mellomvaerende",
                "pensjonspremie",
                "regnskap",
                "tildeling",
            ),
            _regnskap,
        ),
        Kapittel("7_statistikk", vedlegg_statistikk, ("saker", "rettssaker", "regnskap", "vekttall"), _statistikk),
    )
}

#: Avstemmingsvedlegget: regnes ut av de andre kapitlenes tall, etter dem.
AVSTEMMING = "avstemming"


def beregn(navn: str, uttrekk, ar: int | None, *, bok: bool = True) -> Kapittelresultat:
    """Regn ut kapittelet ``navn`` for rapportåret ``ar`` (``None``: som
    :func:`arsrapport.grunn.config.rapportar`). Kapittelet ser bare tabellene det har meldt
    (:attr:`Kapittel.data`). ``bok=False`` hopper over boktabellene og figurene
    (``arsrapport figures``)."""
    kapittel = KAPITTEL[navn]
    return kapittel._beregn(uttrekk.utsnitt(kapittel.data), rapportar(ar, uttrekk), bok)


def felles_tekster(uttrekk, ar: int) -> dict[str, str]:
    """Tekstene alle sider kan bruke: rapportåret, året før og uttrekksdatoen."""
    from arsrapport.presentasjon.formatering import dato

    return {"ar": str(ar), "ar_forrige": str(ar - 1), "uttrekksdato": dato(uttrekk.uttrekksdato())}


def beregn_avstemming(figurer: dict[int, dict[str, float]], ar: int | None, *, bok: bool = True) -> Kapittelresultat:
    """Avstemmingsvedlegget: de beregnede tallene mot de publiserte (``publisert`` i
    ``arsrapport.toml``). Rapportåret ``None`` er det siste året tallene gjelder."""
    ar = max(figurer) if ar is None else ar
    sammenligning = avstemming.sammenlign(figurer)
    tekster = {
        "avstemming.publiserte_ar": str(int((sammenligning["år"] == ar).sum())),
        "avstemming.stemmer": str(int((sammenligning["status"] == "stemmer").sum())),
        "avstemming.publiserte": str(len(sammenligning)),
    }
    r = Kapittelresultat(AVSTEMMING, tekster=tekster, tabeller=avstemming.tabeller(sammenligning))
    if bok:
        r.boktabeller = {
            "tab-avstemming-oversikt": _markdown(avstemming.oversikt(sammenligning)),
            "tab-avstemming-avvik": _markdown(avstemming.avvikstabell(sammenligning, katalog())),
            "tab-avstemming-alle": _markdown(avstemming.alle_for_ar(sammenligning, ar, katalog())),
        }
    return r


def slå_sammen_figurer(resultater: Iterable[Kapittelresultat]) -> dict[int, dict[str, float]]:
    """Tallene fra alle kapitlene; samme id fra to kapitler må ha samme verdi."""
    import math

    ut: dict[int, dict[str, float]] = {}
    for r in resultater:
        for ar, verdier in r.figurer.items():
            mal = ut.setdefault(ar, {})
            for fid, v in verdier.items():
                if fid in mal and not math.isclose(mal[fid], v, rel_tol=1e-9):
                    raise ValueError(f"{fid} for {ar} er beregnet med to ulike verdier (også i {r.navn})")
                mal[fid] = v
    return ut


def tall_for_avstemming(data_dir: str | Path, ar: int | None) -> dict[int, dict[str, float]]:
    """Tallene avstemmingen sammenligner: fra kapittelresultatene bygget har lagret
    (:data:`RESULTATER`), eller, når notatboka kjøres for seg selv, beregnet her."""
    katalog = os.environ.get(RESULTATER, "")
    if katalog:
        filer = [Path(katalog) / f"{navn}{RESULTATFIL}" for navn in KAPITTEL]
        if all(f.is_file() for f in filer):
            return slå_sammen_figurer(Kapittelresultat.les(f) for f in filer)
    from arsrapport.innlesing import les_uttrekk

    uttrekk = les_uttrekk(data_dir)
    return slå_sammen_figurer(beregn(navn, uttrekk, ar, bok=False) for navn in KAPITTEL)


def beregn_alle(uttrekk, ar: int, *, bok: bool = False) -> list[Kapittelresultat]:
    """Alle kapitlene og avstemmingen i denne prosessen (``arsrapport figures``)."""
    resultater = [beregn(navn, uttrekk, ar, bok=bok) for navn in KAPITTEL]
    resultater.append(beregn_avstemming(slå_sammen_figurer(resultater), ar, bok=bok))
    return resultater


# ------------------------------------------------------------------ samlet


def regneark() -> dict[str, Ark]:
    """Alle ``REGNEARK``-oppføringene (kapitlene og avstemmingen): tabellnøkkel → :class:`Ark`."""
    ut: dict[str, Ark] = {}
    for modul in (*(k.modul for k in KAPITTEL.values()), avstemming):
        for nokkel, spek in modul.REGNEARK.items():
            if nokkel in ut:
                raise ValueError(f"tabellen {nokkel!r} står i REGNEARK i mer enn én modul")
            ut[nokkel] = spek
    return ut


#: Tekstene bygget selv legger til (felles for alle sider).
FELLES_TALL = (
    Tall("ar", "tekst", "Rapportåret («2023»).", "arsrapport.kapitler.felles_tekster"),
    Tall("ar_forrige", "tekst", "Året før rapportåret («2022»).", "arsrapport.kapitler.felles_tekster"),
    Tall(
        "uttrekksdato",
        "tekst",
        "Datoen uttrekket er tatt ut (den siste datoen i saker og uiv), «15.02.2024».",
        "arsrapport.kapitler.felles_tekster",
    ),
)


@functools.cache
def katalog() -> Katalog:
    """Tallkatalogen over alle kapitlenes ``TALL`` (én gang per prosess)."""
    return Katalog(tallkatalog())


def tallkatalog() -> list[Tall]:
    """Oppføringene i tallkatalogen fra alle kapitlene (``TALL`` i hver modul), med kapittelet satt."""
    from dataclasses import replace

    moduler: dict[str, Iterable[Tall]] = {"felles": FELLES_TALL}
    moduler.update({navn: getattr(k.modul, "TALL", ()) for navn, k in KAPITTEL.items()})
    moduler[AVSTEMMING] = getattr(avstemming, "TALL", ())
    return [replace(t, kapittel=navn) for navn, tall in moduler.items() for t in tall]
