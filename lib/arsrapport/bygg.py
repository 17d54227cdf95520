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
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from arsrapport import avstemming, bokreferanser, eksport, kapitler, nummerering, regneark
from arsrapport.config import PROSJEKTROT, les_innstillinger, rapportar
from arsrapport.formatering import dato, tall
from arsrapport.hurtiglager import (
    UFERDIG,
    Hurtiglager,
    filsum,
    kodesum,
    miljosum,
    nokkel,
    skriv_hvis_endret,
    synkroniser,
)
from arsrapport.innlesing import Uttrekk, les_uttrekk
from arsrapport.kontroll import kontroller_rapportar
from arsrapport.prosesser import lever, stopp_etterkommere
from arsrapport.skjermtillegg import SMAL
from arsrapport.tallkatalog import Tallverdier

Melding = Callable[[str], None]


def _stille(_: str) -> None:
    pass


class ByggFeil(Exception):
    """Et steg i bygget feilet; meldingen sier hvilket og hvorfor. Utkatalogen er ikke rørt."""


class UtkatalogFeil(ByggFeil):
    """Utkatalogen kan ikke brukes (``--out`` peker på noe som ikke er et bygg herfra);
    ingenting er skrevet eller slettet."""


class FlyttFeil(ByggFeil):
    """Det nye bygget kunne ikke flyttes på plass, og forrige bygg kunne heller ikke settes
    tilbake; meldingen sier hvor begge ligger."""


BYGGMERKE = ".arsrapport-bygg"
"""Fil i hvert ferdige bygg: bare en katalog med dette merket (eller en tom katalog) byttes ut
av neste bygg. Alt annet som gis som ``--out``, avvises."""

STAGEMERKE = ".arsrapport-underveis"
"""Fil i den midlertidige byggkatalogen med prosess-id-en til bygget som eier den; en slik
katalog etter en prosess som ikke lever lenger (drept med KILL), ryddes av neste bygg."""

_BYGGETS_FILER = frozenset({"html", "pdf", "figures.json", "tabeller.xlsx", "notatboker", "logg", BYGGMERKE})


def _inni(a: Path, b: Path) -> bool:
    """Om ``a`` er ``b`` eller ligger under ``b``."""
    return a == b or b in a.parents


def kontroller_utkatalog(ut: Path, beskyttet: Sequence[Path] = ()) -> None:
    """Avvis en utkatalog bygget ikke kan erstatte uten å ødelegge noe (:class:`UtkatalogFeil`).

    Godtatt: en sti som ikke finnes, en tom katalog, eller et tidligere bygg (katalogen har
    :data:`BYGGMERKE`, eller er et bygg fra før merket fantes: ``figures.json`` og bare
    byggets egne filer). Aldri en fil, og aldri en katalog som er, ligger i eller inneholder
    en av de ``beskyttet`` (dataene, bokteksten, notatbøkene, koden), og aldri prosjektroten
    eller en katalog over den."""
    ut = Path(ut)
    for b in (Path(b).resolve() for b in beskyttet):
        if _inni(ut, b) or _inni(b, ut):
            hvor = "er" if ut == b else ("ligger i" if _inni(ut, b) else "inneholder")
            raise UtkatalogFeil(f"--out {ut} {hvor} {b}; bygget skriver bare til en egen utkatalog (standard: _build/)")
    if _inni(PROSJEKTROT, ut):
        raise UtkatalogFeil(f"--out {ut} er prosjektroten eller en katalog over den; velg en egen utkatalog")
    if ut.is_symlink() or (ut.exists() and not ut.is_dir()):
        raise UtkatalogFeil(f"--out {ut} finnes og er ikke en katalog; velg en katalog for bygget")
    if not ut.exists():
        return
    innhold = {p.name for p in ut.iterdir()}
    if not innhold or BYGGMERKE in innhold or ("figures.json" in innhold and innhold <= _BYGGETS_FILER):
        return
    eksempel = ", ".join(sorted(innhold)[:3]) + (" …" if len(innhold) > 3 else "")
    raise UtkatalogFeil(
        f"--out {ut} er en katalog som ikke er et bygg fra arsrapport (den inneholder {eksempel}); "
        "bygget erstatter bare en tom katalog eller et tidligere bygg. Velg en ny eller tom katalog."
    )


def rydd_etter_avbrutte_bygg(ut: Path, melding: Melding = _stille) -> None:
    """Rydd etter bygg som ble drept (KILL) før de rakk å rydde selv: midlertidige kataloger
    ``.<ut>-*`` med :data:`STAGEMERKE` fra en prosess som ikke lever lenger. Ble et bygg drept
    mellom de to omdøpingene i :func:`_flytt_pa_plass`, settes forrige bygg tilbake. Ingenting
    uten byggets egne merker røres."""
    forrige = ut.with_name(f".{ut.name}-forrige")
    if forrige.is_dir() and (forrige / BYGGMERKE).is_file():
        if ut.exists():
            shutil.rmtree(forrige, ignore_errors=True)
        else:
            forrige.rename(ut)
            melding(f"  satte tilbake forrige bygg i {ut} (et bygg ble avbrutt mens det ble flyttet på plass)")
    if not ut.parent.is_dir():
        return
    for kat in sorted(ut.parent.glob(f".{ut.name}-*")):
        merke = kat / STAGEMERKE
        if kat == forrige or not merke.is_file():
            continue
        try:
            pid = int(merke.read_text(encoding="utf-8").strip())
        except (OSError, ValueError):
            continue
        if not lever(pid):
            shutil.rmtree(kat, ignore_errors=True)
            melding(f"  ryddet bort {kat.name} etter et avbrutt bygg")


@dataclass(frozen=True)
class Kildetid:
    """Tidspunktet boka dateres med («Sist oppdatert» i HTML, datoene i PDF-en), tatt fra
    inndataene og aldri fra klokka, så to bygg av de samme inndataene gir samme bytes."""

    sekunder: int  #: sekunder siden 1.1.1970 (UTC), som ``SOURCE_DATE_EPOCH``
    kilde: str  #: hvor tidspunktet kom fra, til meldingen i bygget

    def dato(self) -> str:
        return dato(pd.Timestamp(self.sekunder, unit="s"))


def kildetid(uttrekksdato: pd.Timestamp, miljo: Mapping[str, str] | None = None, rot: Path = PROSJEKTROT) -> Kildetid:
    """Byggets tidspunkt, i denne rekkefølgen: miljøvariabelen ``SOURCE_DATE_EPOCH``
    (reproduserbare bygg-standarden), tidspunktet for siste commit når prosjektet er en
    git-klone, ellers uttrekksdatoen."""
    miljo = os.environ if miljo is None else miljo
    satt = miljo.get("SOURCE_DATE_EPOCH", "").strip()
    if satt:
        if not satt.isdigit():
            raise ByggFeil(f"SOURCE_DATE_EPOCH må være et helt antall sekunder siden 1.1.1970, ikke «{satt[:20]}»")
        return Kildetid(int(satt), "SOURCE_DATE_EPOCH")
    try:
        res = subprocess.run(
            ["git", "-C", str(rot), "log", "-1", "--format=%ct"], capture_output=True, text=True, timeout=10
        )
        if res.returncode == 0 and res.stdout.strip().isdigit():
            return Kildetid(int(res.stdout.strip()), "siste commit")
    except (OSError, subprocess.SubprocessError):
        pass  # ikke git her: uttrekksdatoen
    return Kildetid(int(pd.Timestamp(uttrekksdato).normalize().timestamp()), "uttrekksdatoen")


def last_og_kontroller(data: Path, melding: Melding = _stille) -> Uttrekk:
    melding(f"Kontrollerer uttrekket i {data} mot datakontrakten …")
    uttrekk = les_uttrekk(data)  # Valideringsfeil går videre til kalleren
    for a in uttrekk.advarsler:
        melding(f"  advarsel: {a}")
    melding(f"  {len(uttrekk.tabeller)} tabeller lest, {tall(len(uttrekk.saker))} saker")
    return uttrekk


def kontroller_regnskapet(uttrekk: Uttrekk, ar: int, melding: Melding = _stille) -> None:
    """Regnskapskontrollene (``regnskap.kontroller``) for årene boka viser; bygget stopper før
    notatbøkene kjøres hvis en av dem feiler."""
    from arsrapport import regnskap

    melding("Kontrollerer regnskapet (bevilgning, artskonto, kapitalkontoer, Note A og 8) …")
    try:
        ar_med = regnskap.kontroller_arene(uttrekk, ar)
    except regnskap.Regnskapsfeil as feil:
        raise ByggFeil(str(feil)) from None
    if ar_med:
        melding(f"  regnskapet går opp for {', '.join(str(a) for a in sorted(ar_med))}")


def _data_parameter(data: Path, notatboker: Path) -> str:
    """``data_dir`` slik notatboka får det: relativt til notatbøkene når dataene ligger i
    prosjektet («../data», som i parametercellen), ellers absolutt. Parameteren står i den
    kjørte notatboka og er en del av nøkkelen i hurtiglageret."""
    data = Path(data).resolve()
    if _inni(data, PROSJEKTROT):
        return os.path.relpath(data, notatboker)
    return str(data)


@dataclass
class Kjoring:
    """En kapittelnotatbok i dette bygget: kjørt nå eller hentet fra hurtiglageret."""

    navn: str  #: notatboka uten .ipynb
    nokkel: str
    notatbok: Path | None = None
    resultat: Path | None = None
    gjenbrukt: bool = False


def _kjor_papermill(jobber: list[tuple[str, str, dict]], katalog: Path, resultater: Path, melding: Melding) -> None:
    """Kjør notatbøkene (navn, notatbokfil, parametere) samtidig med Papermill, én kjerne hver,
    så mange som maskinen har kjerner. De kjørte notatbøkene skrives til ``katalog``,
    kapittelresultatene til ``resultater``.

    Kjernene starter i notatbokkatalogen (der ``../data`` i parametercellen peker på dataene).
    Det gis kjernen direkte (nbclients ``resources.metadata.path``), ikke med Papermills
    ``cwd``: den bytter arbeidskatalog for hele prosessen, og med flere notatbøker samtidig
    kunne en tråd sette katalogen tilbake mens en annen kjerne startet («../data finnes ikke»).
    Arbeidskatalogen settes likevel tilbake etterpå, for sikkerhets skyld."""
    from concurrent.futures import ThreadPoolExecutor

    import papermill as pm

    inn = les_innstillinger()
    katalog.mkdir(parents=True, exist_ok=True)
    resultater.mkdir(parents=True, exist_ok=True)
    arbeidskatalog = os.getcwd()

    def kjor(navn: str, fil: str, parametere: dict) -> None:
        mal = katalog / fil
        start = time.perf_counter()
        try:
            pm.execute_notebook(
                str(inn.notebooks / fil),
                str(mal),
                parameters=parametere,
                resources={"metadata": {"path": str(inn.notebooks)}},
                kernel_name="python3",
                progress_bar=False,
                log_output=False,
            )
        except pm.PapermillExecutionError as feil:
            raise ByggFeil(f"{fil} feilet i celle {feil.exec_count}: {feil.ename}: {feil.evalue}") from None
        uten_klokkeslett(mal, fil)
        if not (resultater / f"{navn}{kapitler.RESULTATFIL}").is_file():
            raise ByggFeil(f"{fil} lagret ikke kapittelresultatet (resultat.lagre() mangler i notatboka)")
        melding(f"  {fil} kjørt på {_sekunder(time.perf_counter() - start)}")

    samtidig = max(1, min(len(jobber), os.cpu_count() or 1))
    forrige = os.environ.get(kapitler.RESULTATER)
    os.environ[kapitler.RESULTATER] = str(resultater)  # kjernene arver miljøet når de startes
    try:
        with _stderr_til(katalog / "kjerner.log"):
            utforer = ThreadPoolExecutor(max_workers=samtidig)
            try:
                for j in [utforer.submit(kjor, *jobb) for jobb in jobber]:
                    j.result()
            except BaseException:
                # en notatbok feilet, eller bygget ble avbrutt (TERM/INT): stopp kjernene som
                # fortsatt regner, så trådene slutter med en gang i stedet for å regne ferdig
                utforer.shutdown(wait=False, cancel_futures=True)
                stopp_etterkommere()
                raise
            finally:
                utforer.shutdown(wait=True)
    finally:
        os.chdir(arbeidskatalog)
        if forrige is None:
            os.environ.pop(kapitler.RESULTATER, None)
        else:
            os.environ[kapitler.RESULTATER] = forrige


def kjor_kapitler(
    uttrekk: Uttrekk,
    data: Path,
    ar: int,
    stage: Path,
    lager: Hurtiglager,
    melding: Melding = _stille,
) -> list[Kjoring]:
    """Kapittelnotatbøkene, i rekkefølgen i ``arsrapport.toml``: hentet fra hurtiglageret når
    ingenting de avhenger av er endret, ellers kjørt (samtidig) og lagt i lageret.

    Nøkkelen (:func:`arsrapport.hurtiglager.nokkel`) dekker notatboka, koden i ``lib/``, det
    låste miljøet, parameterne og filene til tabellene kapittelet leser."""
    inn = les_innstillinger()
    data = Path(data).resolve()
    parameter = _data_parameter(data, inn.notebooks)
    kode, miljo = kodesum(), miljosum()
    filsummer: dict[str, str] = {}

    def datasum(tabell: str) -> str:
        fil = data / uttrekk.fil(tabell)
        if fil.name not in filsummer:
            filsummer[fil.name] = filsum(fil)
        return f"{fil.name}={filsummer[fil.name]}"

    kjoringer = []
    for fil in inn.notatboker:
        navn = Path(fil).stem
        if navn == kapitler.AVSTEMMING:
            continue
        if navn not in kapitler.KAPITTEL:
            raise ByggFeil(f"{fil} i arsrapport.toml er ikke et kapittel i arsrapport.kapitler.KAPITTEL")
        kap = kapitler.KAPITTEL[navn]
        deler = [filsum(inn.notebooks / fil), kode, miljo, str(ar), parameter, *sorted(datasum(t) for t in kap.data)]
        kjoringer.append(Kjoring(navn, nokkel("kapittel", navn, *deler)))
    _hent_eller_kjor(kjoringer, {"year": ar, "data_dir": parameter}, stage, lager, melding)
    return kjoringer


def kjor_avstemming(
    figurer: dict[int, dict[str, float]],
    data: Path,
    ar: int,
    stage: Path,
    lager: Hurtiglager,
    melding: Melding = _stille,
) -> Kjoring | None:
    """Avstemmingsvedlegget, etter kapitlene: det leser tallene deres (fra resultatene i
    bygget) og de publiserte tallene (``docs/``)."""
    inn = les_innstillinger()
    fil = f"{kapitler.AVSTEMMING}.ipynb"
    if fil not in inn.notatboker:
        return None
    parameter = _data_parameter(Path(data), inn.notebooks)
    tall = json.dumps({str(a): figurer[a] for a in sorted(figurer)}, sort_keys=True).encode()
    dokumenter = [filsum(p) for p in (avstemming.PUBLISERT, avstemming.AVVIK) if p.is_file()]
    deler = [filsum(inn.notebooks / fil), kodesum(), miljosum(), str(ar), parameter, tall, *dokumenter]
    kjoring = Kjoring(kapitler.AVSTEMMING, nokkel("avstemming", *deler))
    _hent_eller_kjor([kjoring], {"year": ar, "data_dir": parameter}, stage, lager, melding)
    return kjoring


def _hent_eller_kjor(
    kjoringer: list[Kjoring], parametere: dict, stage: Path, lager: Hurtiglager, melding: Melding
) -> None:
    notatboker, resultater = stage / "notatboker", stage / "resultater"
    mangler = []
    for k in kjoringer:
        hentet = lager.hent(k.navn, k.nokkel, stage / "hentet" / k.navn)
        if hentet is None:
            mangler.append(k)
            continue
        for f in hentet:
            mal = (resultater if f.name.endswith(kapitler.RESULTATFIL) else notatboker) / f.name
            mal.parent.mkdir(parents=True, exist_ok=True)
            f.replace(mal)
        k.gjenbrukt = True
    if mangler:
        melding(f"Kjører {_antall(len(mangler), 'notatbok', 'notatbøker')} …")
        _kjor_papermill([(k.navn, f"{k.navn}.ipynb", parametere) for k in mangler], notatboker, resultater, melding)
    for k in kjoringer:
        k.notatbok = notatboker / f"{k.navn}.ipynb"
        k.resultat = resultater / f"{k.navn}{kapitler.RESULTATFIL}"
        if not k.gjenbrukt:
            lager.lagre(k.navn, k.nokkel, [k.notatbok, k.resultat])
    gjenbrukt = [k.navn for k in kjoringer if k.gjenbrukt]
    if gjenbrukt:
        melding(f"  gjenbrukt fra hurtiglageret: {', '.join(gjenbrukt)}")


_TIDSFELT = ("start_time", "end_time", "duration")


def uten_klokkeslett(fil: Path, navn: str) -> None:
    """Gjør en kjørt notatbok uavhengig av når og hvor den ble kjørt: Papermills og nbclients
    tidsstempler og varigheter fjernes, stiene til inn- og utfil blir relative, og cellen med
    de injiserte parameterne får en fast id (Papermill trekker en ny hver gang). Resten
    (kildekoden, parameterne, utdataene) står urørt, så to kjøringer av de samme
    inndataene gir samme bytes."""
    import nbformat

    nb = nbformat.read(fil, as_version=4)
    pm = nb.metadata.get("papermill", {})
    for nokkel_ in _TIDSFELT:
        pm.pop(nokkel_, None)
    if "input_path" in pm:
        pm["input_path"] = f"notebooks/{navn}"
    if "output_path" in pm:
        pm["output_path"] = f"notatboker/{navn}"
    for celle in nb.cells:
        celle.metadata.pop("execution", None)  # nbclients tidsstempler per celle
        for nokkel_ in _TIDSFELT:
            celle.metadata.get("papermill", {}).pop(nokkel_, None)
        if "injected-parameters" in celle.metadata.get("tags", []):
            celle["id"] = "injected-parameters"
    nbformat.write(nb, fil)


@contextlib.contextmanager
def _stderr_til(fil: Path):
    """Send kjernens standard feilutgang (oppstartsmeldinger fra ipykernel) til en loggfil
    i stedet for brukerens terminal. Feil i notatboka meldes uansett via Papermill."""
    sys.stderr.flush()
    kopi = os.dup(2)
    with open(fil, "ab") as logg:
        os.dup2(logg.fileno(), 2)
        try:
            yield
        finally:
            sys.stderr.flush()
            os.dup2(kopi, 2)
            os.close(kopi)


def slå_opp_referansene(
    resultater: list[kapitler.Kapittelresultat], uttrekk: Uttrekk, ar: int, figurer: dict[int, dict[str, float]]
) -> tuple[dict[str, str], dict[str, dict]]:
    """Teksten til hver ``{tall}``-referanse i boka, og hvor tallet kommer fra (id,
    definisjon, verdiene de siste årene, funksjonen og siden med den kjørte notatboka, som
    HTML-boka viser ved tallet). En referanse som ikke kan slås opp, stopper bygget med side,
    linje og forslag."""
    inn = les_innstillinger()
    tekster = kapitler.felles_tekster(uttrekk, ar)
    for r in resultater:
        tekster.update(r.tekster)
    verdier = Tallverdier(ar, figurer, tekster)
    try:
        referanser = bokreferanser.slå_opp(bokreferanser.finn(bokreferanser.bokfiler(inn.book), PROSJEKTROT), verdier)
    except bokreferanser.Referansefeil as feil:
        raise ByggFeil(str(feil)) from None
    kilder = bokreferanser.kilder(referanser, verdier)
    sider = {*kapitler.KAPITTEL, kapitler.AVSTEMMING}
    for kilde in kilder.values():
        if kilde.get("kapittel") in sider:
            kilde["side"] = f"beregninger/{kilde['kapittel']}"
    return referanser, kilder


def bokkilder(
    resultater: list[kapitler.Kapittelresultat],
    notatboker: list[Path],
    ar: int,
    referanser: dict[str, str],
    tid: Kildetid,
    kilder: dict[str, dict] | None = None,
) -> dict[str, bytes]:
    """Kildene til boka (relativ sti → innhold): ``book/``, ``_config.yml`` (med rapportåret i
    tittelen og byggets tidspunkt), tekstene til tallreferansene (``_tall.json``), kapitlenes
    tabeller og figurer og de kjørte notatbøkene."""
    from arsrapport.sphinxtillegg import TALLFIL

    inn = les_innstillinger()
    filer = {
        p.relative_to(inn.book).as_posix(): p.read_bytes()
        for p in sorted(inn.book.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }
    oppsett = (PROSJEKTROT / "_config.yml").read_text(encoding="utf-8").replace("{ar}", str(ar))
    anker = "\n  config:\n"
    if anker not in oppsett:
        raise ByggFeil("_config.yml mangler «sphinx: config:», der bygget setter byggets tidspunkt")
    oppsett = oppsett.replace(anker, f"{anker}    arsrapport_kildetid: {tid.sekunder}\n", 1)
    filer["_config.yml"] = oppsett.encode("utf-8")
    filer[TALLFIL] = json.dumps(
        {"referanser": referanser, "kilder": kilder or {}}, ensure_ascii=False, indent=0, sort_keys=True
    ).encode("utf-8")
    for r in resultater:
        for navn, md in r.boktabeller.items():
            filer[f"tabeller/{navn}.md"] = (md + "\n").encode("utf-8")
        for navn, png in r.diagrammer.items():
            filer[f"figurer/{navn}.png"] = png
        for navn, png in r.smale_diagrammer.items():
            filer[f"figurer/{navn}{SMAL}"] = png
    for nb in notatboker:
        filer[f"beregninger/{nb.name}"] = nb.read_bytes()
    return filer


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_SPHINX_ADVARSEL = re.compile(r"\b(?:WARNING|ERROR|CRITICAL):")
_LEST = re.compile(r"reading sources\.\.\. \[\s*\d+%\]")


def tell_advarsler(logg: str) -> int:
    """Advarslene (og feilene) Sphinx skrev under et Jupyter Book-bygg: linjer med
    «WARNING:», «ERROR:» eller «CRITICAL:» (fargekodene fjernet). LaTeX' egne
    mellomvarsler (udefinerte referanser før siste kjøring) telles ikke."""
    return sum(1 for linje in logg.splitlines() if _SPHINX_ADVARSEL.search(_ANSI.sub("", linje)))


@dataclass
class JupyterBookKjoring:
    katalog: Path  #: byggkatalogen (``_build`` under Sphinx-katalogen i hurtiglageret)
    advarsler: int
    sider_lest: int | None  #: sider Sphinx leste på nytt; None = Jupyter Book ble ikke kjørt
    logg: Path


def _jupyter_book(
    bok: Path,
    kat: Path,
    bygger: str,
    fingeravtrykk: str,
    melding: Melding,
    tid: Kildetid,
) -> JupyterBookKjoring:
    """Bygg boka med Jupyter Book i den faste katalogen ``kat`` (hurtiglageret), så Sphinx
    bare leser og skriver sidene som er endret. Er fingeravtrykket (kildene, koden, miljøet og
    tidspunktet) det samme som ved forrige vellykkede kjøring, kjøres ingenting.

    ``SOURCE_DATE_EPOCH`` gir Sphinx datoen («Sist oppdatert», ``today``) og XeTeX datoene i
    PDF-en; ``FORCE_SOURCE_DATE`` får TeX til å bruke den også for ``\\today`` og
    PDF-ens opprettelsestid."""
    logg = kat / f"jupyter-book-{bygger}.log"
    avtrykk = kat / ".fingeravtrykk"
    if avtrykk.is_file() and avtrykk.read_text(encoding="utf-8") == fingeravtrykk and logg.is_file():
        melding(f"  {bygger}: ingenting endret siden forrige bygg, gjenbrukt")
        return JupyterBookKjoring(kat / "_build", tell_advarsler(logg.read_text(encoding="utf-8")), None, logg)
    avtrykk.unlink(missing_ok=True)
    # Sphinx ser bare kildene: er koden (Sphinx-tillegget, temaet i miljøet) endret siden
    # Sphinx-katalogen ble bygget, kan sider den ikke leser på nytt, være skrevet av den gamle
    # koden. Da bygges katalogen fra bunnen.
    kodefil, kode = kat / ".kode", nokkel(kodesum(), miljosum())
    if not kodefil.is_file() or kodefil.read_text(encoding="utf-8") != kode:
        shutil.rmtree(kat / "_build", ignore_errors=True)
        kodefil.write_text(kode, encoding="utf-8")
    # myst-nb skriver stilarket sitt til _static først etter sidene; i et bygg fra bunnen har
    # sidene derfor ingen «?v=<sjekksum>» bak lenken til det. Finnes det fra forrige bygg, får
    # de nye sidene en, og et gjenbrukende bygg blir ulikt et fra bunnen: fjern det først.
    for css in (kat / "_build" / "html" / "_static").glob("mystnb.*.css"):
        css.unlink()
    (kat / UFERDIG).write_text(f"{os.getpid()}\n", encoding="utf-8")
    jb = Path(sys.executable).with_name("jupyter-book")
    cmd = [str(jb), "build", str(bok), "--path-output", str(kat), "--builder", bygger, "-n", "--keep-going"]
    miljo = dict(os.environ, SOURCE_DATE_EPOCH=str(tid.sekunder), FORCE_SOURCE_DATE="1")
    start = time.perf_counter()
    res = subprocess.run(cmd, capture_output=True, text=True, env=miljo)
    utskrift = res.stdout + "\n" + res.stderr
    logg.write_text(utskrift, encoding="utf-8")
    if res.returncode != 0:
        shutil.rmtree(kat / "_build", ignore_errors=True)  # neste bygg begynner på nytt her
        hale = "\n".join(utskrift.strip().splitlines()[-25:])
        raise ByggFeil(f"Jupyter Book ({bygger}) feilet:\n{hale}")
    (kat / UFERDIG).unlink()
    avtrykk.write_text(fingeravtrykk, encoding="utf-8")
    advarsler = tell_advarsler(utskrift)
    lest = len(_LEST.findall(_ANSI.sub("", utskrift)))
    melding(
        f"  {bygger} ferdig på {_sekunder(time.perf_counter() - start)} "
        f"({_antall(lest, 'side', 'sider')} lest), {_antall(advarsler, 'advarsel', 'advarsler')}"
    )
    return JupyterBookKjoring(kat / "_build", advarsler, lest, logg)


def _jupyter_book_samtidig(
    bok: Path,
    lager: Hurtiglager,
    byggere: dict[str, str],
    fingeravtrykk: str,
    melding: Melding,
    tid: Kildetid,
) -> dict[str, JupyterBookKjoring]:
    """HTML og PDF bygges samtidig (hver i sin Sphinx-katalog, fra de samme kildene): PDF-en
    tar lengst, og HTML-en er ferdig mens den bygges. Feiler ett av dem, meldes det etter at
    begge er ferdige."""
    from concurrent.futures import ThreadPoolExecutor

    kataloger = {navn: lager.sphinx(navn.lower()) for navn in byggere}
    with ThreadPoolExecutor(max_workers=len(byggere)) as utforer:
        jobber = {
            navn: utforer.submit(_jupyter_book, bok, kataloger[navn], bygger, fingeravtrykk, melding, tid)
            for navn, bygger in byggere.items()
        }
        feil = []
        ut = {}
        for navn, jobb in jobber.items():
            try:
                ut[navn] = jobb.result()
            except ByggFeil as f:
                feil.append(str(f))
    if feil:
        raise ByggFeil("\n".join(feil))
    return ut


def kompiler_oversettelser(bok: Path) -> None:
    """Kompiler bokas oversettelser (``locales/**/*.po``) til ``.mo`` før Jupyter Book kjører,
    slik Sphinx ville gjort det. HTML- og PDF-bygget kjører samtidig i samme kildekatalog, og
    Sphinx skriver ``.mo``-filen uten omdøping når den er eldre enn ``.po``-filen; her skrives
    den atomisk og får minst ``.po``-filens tid, så ingen av dem skriver den."""
    import io

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in sorted(Path(bok).glob("locales/*/LC_MESSAGES/*.po")):
        sprak = po.parent.parent.name
        with open(po, "rb") as f:
            katalog = read_po(f, locale=sprak.replace("-", "_"))
        buf = io.BytesIO()
        write_mo(buf, katalog)
        mo = po.with_suffix(".mo")
        skriv_hvis_endret(mo, buf.getvalue())
        tid_po = po.stat().st_mtime_ns
        if mo.stat().st_mtime_ns < tid_po:
            os.utime(mo, ns=(tid_po, tid_po))


def _sekunder(s: float) -> str:
    return f"{tall(s, desimaler=1)} s"


def _antall(n: int, entall: str, flertall: str) -> str:
    return f"{tall(n)} {entall if n == 1 else flertall}"


@dataclass
class Byggrapport:
    """Det oppsummeringen viser (se :func:`oppsummering`)."""

    bok: bool = True
    pdf: bool = True
    ar: int | None = None
    steg: list[tuple[str, float]] = field(default_factory=list)  #: (steg, sekunder)
    kapitler: list[str] = field(default_factory=list)  #: notatbøkene som ble kjørt i dette bygget
    gjenbrukt: list[str] = field(default_factory=list)  #: notatbøkene hentet fra hurtiglageret
    tall: int = 0  #: tall i figures.json
    ar_fra_til: tuple[int, int] | None = None
    referanser: int = 0  #: ulike {tall}-referanser i boka
    boktabeller: int = 0
    diagrammer: int = 0
    tabeller_i_boka: int = 0
    figurer_i_boka: int = 0
    ark: int = 0  #: ark i tabeller.xlsx, innholdsarket medregnet
    advarsler: list[str] = field(default_factory=list)  #: byggets egne (uttrekket, regnearket)
    jupyter_book: dict[str, int] = field(default_factory=dict)  #: bygger → advarsler i loggen
    sider_lest: dict[str, int | None] = field(default_factory=dict)  #: bygger → sider lest (None: ikke kjørt)
    logger: dict[str, Path] = field(default_factory=dict)  #: bygger → loggfil
    utdata: dict[str, Path] = field(default_factory=dict)
    totalt: float = 0.0


def oppsummering(r: Byggrapport) -> list[str]:
    """Linjene i oppsummeringen på slutten av et bygg."""
    linjer = ["", "Oppsummering" + (f" ({r.ar})" if r.ar else "")]
    if r.bok:
        kap = ", ".join(Path(k).stem for k in r.kapitler)
        linjer.append(
            f"  Kapitler kjørt:  {_antall(len(r.kapitler), 'notatbok', 'notatbøker')}" + (f" ({kap})" if kap else "")
        )
        gjen = ", ".join(Path(k).stem for k in r.gjenbrukt)
        linjer.append(
            f"  Gjenbrukt:       {_antall(len(r.gjenbrukt), 'notatbok', 'notatbøker')}" + (f" ({gjen})" if gjen else "")
        )
    else:
        linjer.append("  Kapitler:        beregnet i prosessen (uten notatbøker)")
    spenn = f" for {r.ar_fra_til[0]}–{r.ar_fra_til[1]}" if r.ar_fra_til else ""
    linjer.append(f"  Tall:            {tall(r.tall)} i figures.json{spenn}")
    if r.bok:
        linjer.append(
            f"  Til boka:        {_antall(r.referanser, 'tallreferanse', 'tallreferanser')}, "
            f"{_antall(r.diagrammer, 'figur', 'figurer')} og {_antall(r.boktabeller, 'tabell', 'tabeller')}"
        )
    linjer.append(
        f"  tabeller.xlsx:   {_antall(r.ark, 'ark', 'ark')} for {_antall(r.tabeller_i_boka, 'tabell', 'tabeller')} "
        f"og {_antall(r.figurer_i_boka, 'figur', 'figurer')} i boka"
    )
    totalt = len(r.advarsler) + sum(r.jupyter_book.values())
    deler = [f"bygget {tall(len(r.advarsler))}"] + [f"Jupyter Book {b} {tall(n)}" for b, n in r.jupyter_book.items()]
    linjer.append(f"  Advarsler:       {tall(totalt)} ({', '.join(deler)})")
    for a in r.advarsler:
        linjer.append(f"    {a}")
    for bygger, n in r.jupyter_book.items():
        if bygger in r.logger:
            lest = r.sider_lest.get(bygger)
            hvor = (
                "fra forrige kjøring, ingenting endret"
                if lest is None
                else f"{_antall(lest, 'side', 'sider')} lest på nytt"
            )
            linjer.append(
                f"    Jupyter Book {bygger}: {_antall(n, 'advarsel', 'advarsler')} i {r.logger[bygger]} ({hvor})"
            )
    if not r.bok:
        linjer.append("  Boka:            ikke bygget (arsrapport figures)")
    elif not r.pdf:
        linjer.append("  PDF:             ikke bygget (--no-pdf)")
    linjer.append("  Tid per steg:")
    bredde = max([len(n) for n, _ in r.steg] + [len("Totalt")])
    for navn, sek in r.steg:
        linjer.append(f"    {navn:<{bredde}}  {_sekunder(sek):>9}")
    linjer.append(f"    {'Totalt':<{bredde}}  {_sekunder(r.totalt):>9}")
    linjer.append("  Utdata:")
    bredde = max((len(n) for n in r.utdata), default=0)
    for navn, sti in r.utdata.items():
        linjer.append(f"    {navn:<{bredde}}  {sti}")
    return linjer


class _Steg:
    """Nummererte steg: den første meldingen i et steg får «[n/N]» foran, og tiden måles."""

    def __init__(self, antall: int, melding: Melding, rapport: Byggrapport):
        self.antall, self.melding, self.rapport, self.nr = antall, melding, rapport, 0

    @contextlib.contextmanager
    def __call__(self, navn: str) -> Iterator[Melding]:
        self.nr += 1
        forste = [True]

        def melding(tekst: str) -> None:
            if forste[0] and not tekst.startswith(" "):
                tekst = f"[{self.nr}/{self.antall}] {tekst}"
                forste[0] = False
            self.melding(tekst)

        start = time.perf_counter()
        yield melding
        self.rapport.steg.append((navn, time.perf_counter() - start))


def skriv_tabeller(
    resultater: list[kapitler.Kapittelresultat],
    uttrekk: Uttrekk,
    ar: int,
    fil: Path,
    referanser: Mapping[str, str] | None = None,
) -> regneark.Regneark:
    """``tabeller.xlsx``: kapitlenes tabeller og avstemmingen, ett ark per tabell i boka
    oppkalt etter nummeret der (:mod:`arsrapport.regneark`). Numrene regnes ut fra kildene
    til boka (``book/``), så de er de samme med og uten bok i bygget."""
    inn = les_innstillinger()
    tabeller = {navn: t for r in resultater for navn, t in r.tabeller.items()}
    try:
        limt = dict(referanser or {})
        limt.setdefault("uttrekksdato", dato(uttrekk.uttrekksdato()))  # kildelinjene
        numre = nummerering.nummerer(inn.book, inn.notebooks, PROSJEKTROT / "_config.yml", limt)
        ark = regneark.sett_sammen(
            tabeller, kapitler.regneark(), numre, uttrekk.uttrekksdato(), f"Årsrapport {ar} – Utlendingsnemnda"
        )
    except (ValueError, FileNotFoundError) as feil:
        raise ByggFeil(f"tabeller.xlsx: {feil}") from None
    regneark.skriv(ark, fil)
    return ark


def bygg(
    data: Path | None = None,
    ar: int | None = None,
    ut: Path | None = None,
    *,
    bok: bool = True,
    pdf: bool = True,
    melding: Melding = _stille,
    hurtiglager: Path | None = None,
) -> dict[int, dict[str, float]]:
    """Hele bygget. ``bok=False`` gir bare tallene og tabellene (``arsrapport figures``),
    beregnet i denne prosessen uten notatbøker. Meldingene (``melding``) viser stegene
    underveis og en oppsummering til slutt. ``hurtiglager`` er katalogen for det bygget kan
    gjenbruke (standard: :func:`arsrapport.hurtiglager.standardkatalog`)."""
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
                    m("Bygger boka (HTML" + (" og PDF med XeLaTeX, samtidig" if pdf else "") + ") med Jupyter Book …")
                    byggere = {"HTML": "html", **({"PDF": "pdflatex"} if pdf else {})}
                    kjoringer_jb = _jupyter_book_samtidig(kildekatalog, lager, byggere, avtrykk, m, tid)
                    for navn, k in kjoringer_jb.items():
                        rapport.jupyter_book[navn], rapport.sider_lest[navn] = k.advarsler, k.sider_lest
                        _kopier_logg(k.logg, resultat)
                    shutil.copytree(kjoringer_jb["HTML"].katalog / "html", resultat / "html")
                    if pdf:
                        (resultat / "pdf").mkdir()
                        for f in sorted((kjoringer_jb["PDF"].katalog / "latex").glob("*.pdf")):
                            shutil.copy(f, resultat / "pdf" / f.name)
                            pdf_filer.append(f)
                        if not pdf_filer:
                            raise ByggFeil("PDF-bygget ga ingen PDF-fil")
        (resultat / BYGGMERKE).write_text(
            "Laget av arsrapport build/figures. Neste bygg til denne katalogen erstatter den.\n", encoding="utf-8"
        )
        _flytt_pa_plass(resultat, ut)
        melding(f"Ferdig: {ut}")
        rapport.logger = {
            "HTML": ut / "logg" / "jupyter-book-html.log",
            "PDF": ut / "logg" / "jupyter-book-pdflatex.log",
        }
        if bok:
            rapport.utdata["HTML"] = ut / "html" / "index.html"
        for f in pdf_filer:
            rapport.utdata["PDF"] = ut / "pdf" / f.name
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


def _flytt_pa_plass(ny: Path, ut: Path) -> None:
    """Bytt ut forrige bygg med det nye i to raske omdøpinger. TERM og INT holdes tilbake
    mens det skjer, så et avbrudd aldri kommer mellom dem; feiler den andre omdøpingen,
    settes forrige bygg tilbake. Bare :class:`FlyttFeil` betyr at utkatalogen er endret."""
    import signal

    gammel = ut.with_name(f".{ut.name}-forrige")
    if gammel.exists():
        shutil.rmtree(gammel)
    signaler = {signal.SIGINT, signal.SIGTERM}
    holdt = signal.pthread_sigmask(signal.SIG_BLOCK, signaler)
    try:
        if ut.exists():
            ut.rename(gammel)
        try:
            ny.rename(ut)
        except OSError as feil:
            if gammel.exists():
                try:
                    gammel.rename(ut)
                except OSError:
                    raise FlyttFeil(
                        f"kunne ikke flytte det nye bygget til {ut} ({feil.strerror}), og forrige bygg ligger "
                        f"nå i {gammel}; det nye ligger i {ny}"
                    ) from None
            raise ByggFeil(f"kunne ikke flytte det nye bygget til {ut}: {feil.strerror}") from None
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, holdt)
    shutil.rmtree(gammel, ignore_errors=True)
