"""Bygget: kontroller uttrekket, kjør kapittelnotatbøkene med Papermill, samle de limte
tallene i ``figures.json``, skriv tabellene til ``tabeller.xlsx`` og bygg boka (HTML og PDF).

Alt bygges i en midlertidig katalog ved siden av utkatalogen og flyttes på plass først
når alt har lyktes: et mislykket bygg rører aldri forrige vellykkede resultat.

Underveis meldes hvert steg med nummer («[3/6] Kjører 6 notatbøker …»), og til slutt en
oppsummering (:func:`oppsummering`): kapitlene som ble kjørt, hva notatbøkene limte,
advarsler (og hvilken logg de står i), tiden per steg og hvor utdataene ligger.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

from arsrapport import kapitler
from arsrapport.bok.hurtiglager import (
    Hurtiglager,
    kodesum,
    miljosum,
    nokkel,
    synkroniser,
)
from arsrapport.bok.sphinxtillegg.numre import NUMREFIL
from arsrapport.grunn.config import PROSJEKTROT, les_innstillinger, rapportar
from arsrapport.grunn.prosesser import stopp_etterkommere
from arsrapport.innlesing import Uttrekk, les_uttrekk
from arsrapport.innlesing.kontroll import kontroller_rapportar
from arsrapport.presentasjon.formatering import dato, tall
from arsrapport.utdata import eksport, nummerering, regneark

__all__ = [
    "BYGGMERKE",
    "STAGEMERKE",
    "ByggFeil",
    "Byggrapport",
    "FlyttFeil",
    "Kildetid",
    "UtkatalogFeil",
    "bokkilder",
    "bygg",
    "kildetid",
    "kjor_avstemming",
    "kjor_kapitler",
    "kompiler_oversettelser",
    "kontroller_numrene",
    "kontroller_regnskapet",
    "kontroller_utkatalog",
    "last_og_kontroller",
    "oppsummering",
    "rydd_etter_avbrutte_bygg",
    "skriv_tabeller",
    "slå_opp_referansene",
    "tell_advarsler",
    "uten_klokkeslett",
]

from arsrapport.bok.bygg.felles import (
    ByggFeil,
    FlyttFeil,
    Kildetid,
    Melding,
    UtkatalogFeil,
    _antall,
    _stille,
    kildetid,
)
from arsrapport.bok.bygg.jupyterbook import (
    _jupyter_book_samtidig,
    bokkilder,
    kompiler_oversettelser,
    slå_opp_referansene,
    tell_advarsler,
)
from arsrapport.bok.bygg.notatboker import (
    kjor_avstemming,
    kjor_kapitler,
    uten_klokkeslett,
)
from arsrapport.bok.bygg.pdf import AVSTEMMING, RAPPORT, lag_pdf
from arsrapport.bok.bygg.rapport import Byggrapport, _Steg, oppsummering
from arsrapport.bok.bygg.utkatalog import (
    BYGGMERKE,
    STAGEMERKE,
    _flytt_pa_plass,
    kontroller_utkatalog,
    rydd_etter_avbrutte_bygg,
)


def last_og_kontroller(data: Path, melding: Melding = _stille) -> Uttrekk:
    melding(f"Kontrollerer uttrekket i {data} mot datakontrakten …")
    uttrekk = les_uttrekk(data)  # Valideringsfeil går videre til kalleren
    for a in uttrekk.advarsler:
        melding(f"  advarsel: {a}")
    melding(f"  {len(uttrekk.tabeller)} tabeller lest, {tall(len(uttrekk.saker))} saker")
    return uttrekk


def kontroller_regnskapet(uttrekk: Uttrekk, ar: int, melding: Melding = _stille) -> None:
    """Regnskapskontrollene (``regnskap.kontroller``) for årene boka viser og summene i
    oppstillingene og notene (``regnskap.kontroller_tabellene``); bygget stopper før
    notatbøkene kjøres hvis en av dem feiler."""
    from arsrapport import regnskap

    melding("Kontrollerer regnskapet (bevilgning, artskonto, kapitalkontoer, Note A og 8, summene i tabellene) …")
    try:
        ar_med = regnskap.kontroller_arene(uttrekk, ar)
        regnskap.kontroller_tabellene(uttrekk, ar)
    except regnskap.Regnskapsfeil as feil:
        raise ByggFeil(str(feil)) from None
    if ar_med:
        melding(f"  regnskapet går opp for {', '.join(str(a) for a in sorted(ar_med))}")


def skriv_tabeller(
    resultater: list[kapitler.Kapittelresultat],
    uttrekk: Uttrekk,
    ar: int,
    fil: Path,
    referanser: Mapping[str, str] | None = None,
) -> regneark.Regneark:
    """``tabeller.xlsx``: kapitlenes tabeller og avstemmingen, ett ark per tabell i boka
    oppkalt etter nummeret der (:mod:`arsrapport.utdata.regneark`). Numrene regnes ut fra kildene
    til boka (``book/``), så de er de samme med og uten bok i bygget."""
    inn = les_innstillinger()
    tabeller = {navn: t for r in resultater for navn, t in r.tabeller.items()}
    try:
        limt = dict(referanser or {})
        limt.setdefault("uttrekksdato", dato(uttrekk.uttrekksdato()))  # kildelinjene
        numre = nummerering.nummerer(inn.book, inn.notebooks, PROSJEKTROT / "_config.yml", limt)
        ark = regneark.sett_sammen(
            tabeller, kapitler.regneark(), numre, uttrekk.uttrekksdato(), f"Årsrapport {ar} – {inn.virksomhet.navn}"
        )
    except (ValueError, FileNotFoundError) as feil:
        raise ByggFeil(f"tabeller.xlsx: {feil}") from None
    regneark.skriv(ark, fil)
    return ark


def kontroller_numrene(numre: list, fil: Path, melding: Melding = _stille) -> None:
    """Numrene i ``tabeller.xlsx`` (regnet ut av kildene) mot dem Sphinx satte i boka (``fil``,
    skrevet av :mod:`arsrapport.bok.sphinxtillegg.numre`); et avvik stopper bygget."""
    sphinx = json.loads(fil.read_text(encoding="utf-8"))
    avvik = nummerering.avvik_fra_sphinx(numre, sphinx)
    if avvik:
        raise ByggFeil(
            "Numrene i tabeller.xlsx er ikke de boka viser (arsrapport.utdata.nummerering og Sphinx er uenige):\n  "
            + "\n  ".join(avvik[:20])
        )
    melding(
        f"  numrene i tabeller.xlsx er de boka viser ({_antall(len(numre), 'tabell eller figur', 'tabeller og figurer')})"
    )


def bygg(
    data: Path | None = None,
    ar: int | None = None,
    ut: Path | None = None,
    *,
    bok: bool = True,
    pdf: bool = True,
    avstemming_pdf: bool = False,
    melding: Melding = _stille,
    hurtiglager: Path | None = None,
) -> dict[int, dict[str, float]]:
    """Hele bygget. ``bok=False`` gir bare tallene og tabellene (``arsrapport figures``),
    beregnet i denne prosessen uten notatbøker. Meldingene (``melding``) viser stegene
    underveis og en oppsummering til slutt. ``hurtiglager`` er katalogen for det bygget kan
    gjenbruke (standard: :func:`arsrapport.bok.hurtiglager.standardkatalog`)."""
    start = time.perf_counter()
    inn = les_innstillinger()
    data = Path(data or inn.data).resolve()
    ut = Path(ut or inn.bygg).resolve()
    lager = Hurtiglager(hurtiglager)
    kontroller_utkatalog(ut, (data, inn.book, inn.notebooks, PROSJEKTROT / "lib", lager.katalog))
    rydd_etter_avbrutte_bygg(ut, melding)
    pdf = pdf and bok
    rapport = Byggrapport(bok=bok, pdf=pdf)
    steg = _Steg(4 + bok, melding, rapport)
    with steg("Uttrekket") as m:
        uttrekk = last_og_kontroller(data, m)
        ar = rapportar(ar, uttrekk)
        rapportar_advarsler = kontroller_rapportar(uttrekk, ar)  # Rapportarfeil før noe beregnes
        for a in rapportar_advarsler:
            m(f"  advarsel: {a}")
        rapport.advarsler += [f"uttrekket: {a}" for a in [*uttrekk.advarsler, *rapportar_advarsler]]
        rapport.ar = ar
        m(f"  Rapportår: {ar} (uttrekksdato {uttrekk.uttrekksdato():%d.%m.%Y})")
        tid = kildetid(uttrekk.uttrekksdato())
        if bok:
            m(f"  Boka dateres {tid.dato()} ({tid.kilde})")
    with steg("Regnskapet") as m:
        kontroller_regnskapet(uttrekk, ar, m)
    try:
        ut.parent.mkdir(parents=True, exist_ok=True)
        stage = Path(tempfile.mkdtemp(prefix=f".{ut.name}-", dir=ut.parent))
    except OSError as feil:
        raise ByggFeil(f"kan ikke skrive bygget ved siden av {ut} ({feil.strerror})") from None
    try:
        (stage / STAGEMERKE).write_text(f"{os.getpid()}\n", encoding="utf-8")
        resultat = stage / "resultat"
        resultat.mkdir()
        with contextlib.ExitStack() as las:
            if bok:
                las.enter_context(lager.las(melding))
            with steg("Kapitlene") as m:
                if bok:
                    m("Kapitlene (notatbøkene, eller hurtiglageret når ingenting er endret) …")
                    kjoringer = kjor_kapitler(uttrekk, data, ar, stage, lager, m)
                    resultater = [kapitler.Kapittelresultat.les(k.resultat) for k in kjoringer]
                    figurer = kapitler.slå_sammen_figurer(resultater)
                    avst = kjor_avstemming(figurer, data, ar, stage, lager, m)
                    if avst is not None:
                        kjoringer.append(avst)
                        resultater.append(kapitler.Kapittelresultat.les(avst.resultat))
                    rapport.kapitler = [f"{k.navn}.ipynb" for k in kjoringer if not k.gjenbrukt]
                    rapport.gjenbrukt = [f"{k.navn}.ipynb" for k in kjoringer if k.gjenbrukt]
                else:
                    m("Beregner kapitlene (i prosessen, uten notatbøker) …")
                    try:
                        resultater = kapitler.beregn_alle(uttrekk, ar, bok=False)
                    except ValueError as feil:
                        raise ByggFeil(str(feil)) from None
                    figurer = kapitler.slå_sammen_figurer(resultater)
            with steg("figures.json og tabeller.xlsx") as m:
                m("Skriver figures.json og tabeller.xlsx …")
                eksport.skriv_figures_json(figurer, resultat / "figures.json")
                rapport.tall = sum(len(v) for v in figurer.values())
                rapport.ar_fra_til = (min(figurer), max(figurer))
                m(f"  figures.json: {tall(rapport.tall)} tall for årene {min(figurer)}–{max(figurer)}")
                referanser, kilder = slå_opp_referansene(resultater, uttrekk, ar, figurer) if bok else (None, None)
                ark = skriv_tabeller(resultater, uttrekk, ar, resultat / "tabeller.xlsx", referanser)
                alle_numre = [n for numre in ark.numre.values() for n in numre]
                rapport.ark = len(ark.tabeller)
                rapport.tabeller_i_boka = sum(1 for n in alle_numre if n.type == "tabell")
                rapport.figurer_i_boka = sum(1 for n in alle_numre if n.type == "figur")
                m(
                    f"  tabeller.xlsx: {_antall(rapport.ark, 'ark', 'ark')} "
                    f"({_antall(rapport.tabeller_i_boka, 'tabell', 'tabeller')} og "
                    f"{_antall(rapport.figurer_i_boka, 'figur', 'figurer')} i boka)"
                )
                for a in ark.advarsler:
                    m(f"  advarsel: {a}")
                rapport.advarsler += [f"tabeller.xlsx: {a}" for a in ark.advarsler]
            pdf_filer: list[Path] = []
            if bok:
                notatboker = [k.notatbok for k in kjoringer]
                shutil.copytree(stage / "notatboker", resultat / "notatboker", ignore=shutil.ignore_patterns("*.log"))
                for logg in (stage / "notatboker").glob("*.log"):
                    (resultat / "logg").mkdir(exist_ok=True)
                    shutil.copy(logg, resultat / "logg" / logg.name)
                rapport.referanser = len(referanser)
                rapport.boktabeller = sum(len(r.boktabeller) for r in resultater)
                rapport.diagrammer = sum(len(r.diagrammer) for r in resultater)
                bokfiler = bokkilder(resultater, notatboker, ar, referanser, tid, kilder)
                kildekatalog = lager.kilder()
                skrevet, ny_filliste = synkroniser(bokfiler, kildekatalog)
                if ny_filliste:
                    # sider, tabeller eller figurer er lagt til eller fjernet: Sphinx fjerner ikke
                    # utdata for dem selv, så bygg fra bunnen
                    for navn in ("html", "pdf"):
                        shutil.rmtree(lager.katalog / "sphinx" / navn, ignore_errors=True)
                avtrykk = nokkel(
                    "sphinx",
                    *[f"{k}={hashlib.sha256(v).hexdigest()}" for k, v in sorted(bokfiler.items())],
                    kodesum(),
                    miljosum(),
                    str(tid.sekunder),
                )
                kompiler_oversettelser(kildekatalog)
                with steg("Boka (HTML og PDF)" if pdf else "Boka (HTML)") as m:
                    m(
                        "Bygger boka (HTML med Jupyter Book"
                        + (", så PDF-en av HTML-en med WeasyPrint" if pdf else "")
                        + ") …"
                    )
                    byggere = {"HTML": "html"}
                    kjoringer_jb = _jupyter_book_samtidig(kildekatalog, lager, byggere, avtrykk, m, tid)
                    for navn, k in kjoringer_jb.items():
                        rapport.jupyter_book[navn], rapport.sider_lest[navn] = k.advarsler, k.sider_lest
                        _kopier_logg(k.logg, resultat)
                    kontroller_numrene(alle_numre, kjoringer_jb["HTML"].katalog / NUMREFIL, m)
                    shutil.copytree(kjoringer_jb["HTML"].katalog / "html", resultat / "html")
                    if pdf:
                        pdf_filer.append(lag_pdf(resultat, kildekatalog, tid, lager, m))
                    if pdf and avstemming_pdf:
                        pdf_filer.append(lag_pdf(resultat, kildekatalog, tid, lager, m, AVSTEMMING))
        (resultat / BYGGMERKE).write_text(
            "Laget av arsrapport build/figures. Neste bygg til denne katalogen erstatter den.\n", encoding="utf-8"
        )
        _flytt_pa_plass(resultat, ut)
        melding(f"Ferdig: {ut}")
        rapport.logger = {"HTML": ut / "logg" / "jupyter-book-html.log"}
        if bok:
            rapport.utdata["HTML"] = ut / "html" / "index.html"
        for f in pdf_filer:
            rapport.utdata["PDF" if f.name == RAPPORT[0] else "Avstemming (PDF)"] = ut / "pdf" / f.name
        rapport.utdata["figures.json"] = ut / "figures.json"
        rapport.utdata["tabeller.xlsx"] = ut / "tabeller.xlsx"
        if bok:
            rapport.utdata["Logger"] = ut / "logg"
        rapport.totalt = time.perf_counter() - start
        for linje in oppsummering(rapport):
            melding(linje)
        return figurer
    except BaseException:
        stopp_etterkommere()  # Jupyter Book og LaTeX, om bygget ble avbrutt mens de kjørte
        raise
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _kopier_logg(logg: Path, resultat: Path) -> None:
    (resultat / "logg").mkdir(exist_ok=True)
    shutil.copy(logg, resultat / "logg" / logg.name)
