"""Bygget: kontroller uttrekket, kjør kapittelnotatbøkene med Papermill, samle de limte
tallene i ``figures.json``, skriv tabellene til ``tabeller.xlsx`` og bygg boka (HTML og PDF).

Alt bygges i en midlertidig katalog ved siden av utkatalogen og flyttes på plass først
når alt har lyktes: et mislykket bygg rører aldri forrige vellykkede resultat.

Underveis meldes hvert steg med nummer («[3/6] Kjører 6 notatbøker …»), og til slutt en
oppsummering (:func:`oppsummering`): kapitlene som ble kjørt, hva notatbøkene limte,
advarsler (og hvilken logg de står i), tiden per steg og hvor utdataene ligger.
"""

from __future__ import annotations

import ast
import contextlib
import json
import math
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

from arsrapport import avstemming, eksport, kapitler, nummerering, regneark
from arsrapport.formatering import dato, tall
from arsrapport.config import PROSJEKTROT, les_innstillinger
from arsrapport.innlesing import Uttrekk, les_uttrekk
from arsrapport.kontroll import kontroller_rapportar
from arsrapport.lim import ALLE, SKILLE, TEKST, UTTREKKSDATO
from arsrapport.prosesser import lever, stopp_etterkommere

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
            raise UtkatalogFeil(
                f"--out {ut} {hvor} {b}; bygget skriver bare til en egen utkatalog (standard: _build/)"
            )
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


def kjor_notatboker(data: Path, ar: int, katalog: Path, melding: Melding = _stille) -> list[Path]:
    """Kjør hver kapittelnotatbok med parameterne ``year`` og ``data_dir``; de kjørte
    notatbøkene (med utdata) skrives til ``katalog``.

    Notatbøkene er uavhengige av hverandre (hver leser uttrekket selv), så de kjøres samtidig,
    én kjerne hver, så mange som maskinen har kjerner. Rekkefølgen i resultatet er den i
    ``arsrapport.toml``.

    Papermill bytter arbeidskatalog for hele prosessen mens en notatbok kjører (``cwd``), så
    stiene gjøres absolutte før trådene starter, og arbeidskatalogen settes tilbake etterpå:
    ellers kan en relativ sti (``--data data``) tolkes fra notatbokkatalogen."""
    from concurrent.futures import ThreadPoolExecutor

    import papermill as pm

    inn = les_innstillinger()
    data_dir = str(Path(data).resolve())
    katalog = Path(katalog).resolve()
    katalog.mkdir(parents=True, exist_ok=True)
    arbeidskatalog = os.getcwd()

    def kjor(navn: str) -> Path:
        mal = katalog / navn
        start = time.perf_counter()
        try:
            pm.execute_notebook(
                str(inn.notebooks / navn),
                str(mal),
                parameters={"year": ar, "data_dir": data_dir},
                cwd=str(inn.notebooks),
                kernel_name="python3",
                progress_bar=False,
                log_output=False,
                # utdata kan komme sent etter at en celle med mange tusen limte tall er
                # ferdig (nbclient venter ellers bare 4 s, for lite på en travel maskin)
                iopub_timeout=120,
            )
        except pm.PapermillExecutionError as feil:
            raise ByggFeil(f"{navn} feilet i celle {feil.exec_count}: {feil.ename}: {feil.evalue}") from None
        uten_klokkeslett(mal, navn)
        melding(f"  {navn} ferdig på {_sekunder(time.perf_counter() - start)}")
        return mal

    samtidig = max(1, min(len(inn.notatboker), os.cpu_count() or 1))
    melding(f"Kjører {len(inn.notatboker)} notatbøker for {ar} ({samtidig} om gangen) …")
    # kjernenes oppstartsmeldinger (ipykernel skriver til standard feil) går til en loggfil
    try:
        with _stderr_til(katalog / "kjerner.log"):
            utforer = ThreadPoolExecutor(max_workers=samtidig)
            try:
                jobber = [utforer.submit(kjor, navn) for navn in inn.notatboker]
                return [j.result() for j in jobber]
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
    for nokkel in _TIDSFELT:
        pm.pop(nokkel, None)
    if "input_path" in pm:
        pm["input_path"] = f"notebooks/{navn}"
    if "output_path" in pm:
        pm["output_path"] = f"notatboker/{navn}"
    for celle in nb.cells:
        celle.metadata.pop("execution", None)  # nbclients tidsstempler per celle
        for nokkel in _TIDSFELT:
            celle.metadata.get("papermill", {}).pop(nokkel, None)
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


def samle_figurer(notatboker: list[Path]) -> dict[int, dict[str, float]]:
    """Tallene slik notatbøkene limte dem, ikke beregnet på nytt: ordbøkene ``figurer@<år>``
    (se :mod:`arsrapport.lim`) og enkeltverdier ``<id>@<år>``."""
    figurer: dict[int, dict[str, float]] = {}

    def legg_til(fid: str, ar: int, verdi, fil: Path) -> None:
        # samme tall fra to kapitler må være likt (ut over flyttallsstøy i siste siffer)
        if fid in figurer.get(ar, {}) and not math.isclose(figurer[ar][fid], verdi, rel_tol=1e-9):
            raise ByggFeil(f"{fid} for {ar} er limt med to ulike verdier i {fil.name}")
        figurer.setdefault(ar, {})[fid] = verdi

    for fil in notatboker:
        nb = json.loads(Path(fil).read_text(encoding="utf-8"))
        for celle in nb["cells"]:
            for utdata in celle.get("outputs", []):
                navn = utdata.get("metadata", {}).get("scrapbook", {}).get("name")
                if not navn or navn.startswith(TEKST) or SKILLE not in navn:
                    continue
                fid, ar = navn.rsplit(SKILLE, 1)
                prefiks = utdata["metadata"]["scrapbook"].get("mime_prefix", "")
                verdi = ast.literal_eval(utdata["data"][f"{prefiks}text/plain"])
                if fid == ALLE:
                    for f, v in json.loads(verdi).items():
                        legg_til(f, int(ar), v, fil)
                else:
                    legg_til(fid, int(ar), verdi, fil)
    return figurer


def tell_limte(notatboker: list[Path]) -> dict[str, int]:
    """Hva notatbøkene limte: tekster til sidene (``t.*``), figurer (``fig.*``) og tabeller
    (``tab.*``), telt som navn (et navn limt i to notatbøker telles én gang)."""
    navn_per_type: dict[str, set[str]] = {"tekster": set(), "figurer": set(), "tabeller": set()}
    for fil in notatboker:
        nb = json.loads(Path(fil).read_text(encoding="utf-8"))
        for celle in nb["cells"]:
            for utdata in celle.get("outputs", []):
                navn = utdata.get("metadata", {}).get("scrapbook", {}).get("name") or ""
                for prefiks, type_ in ((TEKST, "tekster"), ("fig.", "figurer"), ("tab.", "tabeller")):
                    if navn.startswith(prefiks):
                        navn_per_type[type_].add(navn)
    return {t: len(n) for t, n in navn_per_type.items()}


def _bok_katalog(stage: Path, notatboker: list[Path], ar: int) -> Path:
    """Sett sammen kildene til boka: ``book/``, ``_config.yml`` (med rapportåret i tittelen)
    og de kjørte notatbøkene."""
    inn = les_innstillinger()
    bok = stage / "bok"
    shutil.copytree(inn.book, bok)
    oppsett = (PROSJEKTROT / "_config.yml").read_text(encoding="utf-8").replace("{ar}", str(ar))
    (bok / "_config.yml").write_text(oppsett, encoding="utf-8")
    (bok / "beregninger").mkdir(exist_ok=True)
    for nb in notatboker:
        shutil.copy(nb, bok / "beregninger" / nb.name)
        skriv_limte_figurer_og_tabeller(nb, bok)
    return bok


def skriv_limte_figurer_og_tabeller(notatbok: Path, bok: Path) -> None:
    """Figurer (``fig.*``) og tabeller (``tab.*``) som notatboka limte, som filer boka
    henter med vanlige ``{figure}``- og ``{table}``-direktiver (nummerert og kryssreferert).
    myst-nb kan ikke hente figurer fra en annen notatbok med ``{glue:figure}``."""
    import base64

    nb = json.loads(Path(notatbok).read_text(encoding="utf-8"))
    for celle in nb["cells"]:
        for utdata in celle.get("outputs", []):
            meta = utdata.get("metadata", {}).get("scrapbook", {})
            navn, prefiks = meta.get("name", ""), meta.get("mime_prefix", "")
            data = utdata.get("data", {})
            if navn.startswith("fig.") and f"{prefiks}image/png" in data:
                (bok / "figurer").mkdir(exist_ok=True)
                (bok / "figurer" / f"{navn}.png").write_bytes(base64.b64decode(data[f"{prefiks}image/png"]))
            elif navn.startswith("tab.") and f"{prefiks}text/markdown" in data:
                (bok / "tabeller").mkdir(exist_ok=True)
                (bok / "tabeller" / f"{navn}.md").write_text(data[f"{prefiks}text/markdown"] + "\n", encoding="utf-8")


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_SPHINX_ADVARSEL = re.compile(r"\b(?:WARNING|ERROR|CRITICAL):")


def tell_advarsler(logg: str) -> int:
    """Advarslene (og feilene) Sphinx skrev under et Jupyter Book-bygg: linjer med
    «WARNING:», «ERROR:» eller «CRITICAL:» (fargekodene fjernet). LaTeX' egne
    mellomvarsler (udefinerte referanser før siste kjøring) telles ikke."""
    return sum(1 for linje in logg.splitlines() if _SPHINX_ADVARSEL.search(_ANSI.sub("", linje)))


def _jupyter_book(bok: Path, ut: Path, bygger: str, melding: Melding, tid: Kildetid) -> tuple[Path, int]:
    """Bygg boka med Jupyter Book; returnerer byggkatalogen og antallet advarsler i loggen.

    ``SOURCE_DATE_EPOCH`` gir Sphinx datoen («Sist oppdatert», ``today``) og XeTeX datoene i
    PDF-en; ``FORCE_SOURCE_DATE`` får TeX til å bruke den også for ``\\today`` og
    PDF-ens opprettelsestid."""
    jb = Path(sys.executable).with_name("jupyter-book")
    cmd = [str(jb), "build", str(bok), "--all", "--path-output", str(ut), "--builder", bygger, "-n", "--keep-going"]
    miljo = dict(os.environ, SOURCE_DATE_EPOCH=str(tid.sekunder), FORCE_SOURCE_DATE="1")
    start = time.perf_counter()
    res = subprocess.run(cmd, capture_output=True, text=True, env=miljo)
    logg = ut / f"jupyter-book-{bygger}.log"
    ut.mkdir(parents=True, exist_ok=True)
    logg.write_text(res.stdout + "\n" + res.stderr, encoding="utf-8")
    if res.returncode != 0:
        hale = "\n".join((res.stdout + res.stderr).strip().splitlines()[-25:])
        raise ByggFeil(f"Jupyter Book ({bygger}) feilet:\n{hale}")
    advarsler = tell_advarsler(res.stdout + "\n" + res.stderr)
    melding(f"  {bygger} ferdig på {_sekunder(time.perf_counter() - start)}, {_antall(advarsler, 'advarsel', 'advarsler')}")
    return ut / "_build", advarsler


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
    kapitler: list[str] = field(default_factory=list)  #: notatbøkene som ble kjørt
    tall: int = 0  #: tall i figures.json
    ar_fra_til: tuple[int, int] | None = None
    limt: dict[str, int] = field(default_factory=dict)  #: tekster, figurer, tabeller (tell_limte)
    tabeller_i_boka: int = 0
    figurer_i_boka: int = 0
    ark: int = 0  #: ark i tabeller.xlsx, innholdsarket medregnet
    advarsler: list[str] = field(default_factory=list)  #: byggets egne (uttrekket, regnearket)
    jupyter_book: dict[str, int] = field(default_factory=dict)  #: bygger → advarsler i loggen
    logger: dict[str, Path] = field(default_factory=dict)  #: bygger → loggfil
    utdata: dict[str, Path] = field(default_factory=dict)
    totalt: float = 0.0


def oppsummering(r: Byggrapport) -> list[str]:
    """Linjene i oppsummeringen på slutten av et bygg."""
    linjer = ["", "Oppsummering" + (f" ({r.ar})" if r.ar else "")]
    kap = ", ".join(Path(k).stem for k in r.kapitler)
    linjer.append(f"  Kapitler kjørt:  {_antall(len(r.kapitler), 'notatbok', 'notatbøker')}" + (f" ({kap})" if kap else ""))
    spenn = f" for {r.ar_fra_til[0]}–{r.ar_fra_til[1]}" if r.ar_fra_til else ""
    linjer.append(f"  Limte tall:      {tall(r.tall)} i figures.json{spenn}")
    if r.limt:
        linjer.append(
            f"  Limt til boka:   {_antall(r.limt.get('figurer', 0), 'figur', 'figurer')}, "
            f"{_antall(r.limt.get('tabeller', 0), 'tabell', 'tabeller')} og "
            f"{_antall(r.limt.get('tekster', 0), 'tekst', 'tekster')}"
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
            linjer.append(f"    Jupyter Book {bygger}: {_antall(n, 'advarsel', 'advarsler')} i {r.logger[bygger]}")
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


def skriv_tabeller(uttrekk: Uttrekk, ar: int, figurer: dict[int, dict[str, float]], fil: Path) -> regneark.Regneark:
    """``tabeller.xlsx``: kapitlenes tabeller og avstemmingen, ett ark per tabell i boka
    oppkalt etter nummeret der (:mod:`arsrapport.regneark`). Numrene regnes ut fra kildene
    til boka (``book/``), så de er de samme med og uten bok i bygget."""
    inn = les_innstillinger()
    tabeller = kapitler.tabeller(uttrekk, ar)
    tabeller.update(avstemming.tabeller(avstemming.sammenlign(figurer)))
    try:
        limt = {UTTREKKSDATO: dato(uttrekk.uttrekksdato())}  # kildelinjene
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
) -> dict[int, dict[str, float]]:
    """Hele bygget. ``bok=False`` gir bare tallene (``arsrapport figures``). Meldingene
    (``melding``) viser stegene underveis og en oppsummering til slutt."""
    start = time.perf_counter()
    inn = les_innstillinger()
    data = Path(data or inn.data).resolve()
    ut = Path(ut or inn.bygg).resolve()
    kontroller_utkatalog(ut, (data, inn.book, inn.notebooks, PROSJEKTROT / "lib"))
    rydd_etter_avbrutte_bygg(ut, melding)
    pdf = pdf and bok
    rapport = Byggrapport(bok=bok, pdf=pdf)
    steg = _Steg(4 + bok + pdf, melding, rapport)
    with steg("Uttrekket") as m:
        uttrekk = last_og_kontroller(data, m)
        ar = ar if ar is not None else (inn.ar or uttrekk.siste_hele_ar())
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
        with steg("Notatbøkene") as m:
            notatboker = kjor_notatboker(data, ar, stage / "notatboker", m)
            rapport.kapitler = [nb.name for nb in notatboker]
        with steg("figures.json og tabeller.xlsx") as m:
            m("Samler de limte tallene og skriver figures.json og tabeller.xlsx …")
            figurer = samle_figurer(notatboker)
            eksport.skriv_figures_json(figurer, resultat / "figures.json")
            rapport.tall = sum(len(v) for v in figurer.values())
            rapport.ar_fra_til = (min(figurer), max(figurer))
            rapport.limt = tell_limte(notatboker)
            m(f"  figures.json: {tall(rapport.tall)} tall for årene {min(figurer)}–{max(figurer)}")
            ark = skriv_tabeller(uttrekk, ar, figurer, resultat / "tabeller.xlsx")
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
        shutil.copytree(stage / "notatboker", resultat / "notatboker", ignore=shutil.ignore_patterns("*.log"))
        for logg in (stage / "notatboker").glob("*.log"):
            (resultat / "logg").mkdir(exist_ok=True)
            shutil.copy(logg, resultat / "logg" / logg.name)
        pdf_filer: list[Path] = []
        if bok:
            with steg("Boka (HTML)") as m:
                kilde = _bok_katalog(stage, notatboker, ar)
                m("Bygger boka (HTML) med Jupyter Book …")
                html, rapport.jupyter_book["HTML"] = _jupyter_book(kilde, stage / "jb-html", "html", m, tid)
                shutil.copytree(html / "html", resultat / "html")
            if pdf:
                with steg("PDF") as m:
                    m("Bygger PDF (XeLaTeX) …")
                    latex, rapport.jupyter_book["PDF"] = _jupyter_book(kilde, stage / "jb-pdf", "pdflatex", m, tid)
                    (resultat / "pdf").mkdir()
                    for f in sorted((latex / "latex").glob("*.pdf")):
                        shutil.copy(f, resultat / "pdf" / f.name)
                        pdf_filer.append(f)
                    if not pdf_filer:
                        raise ByggFeil("PDF-bygget ga ingen PDF-fil")
        for logg in stage.glob("jb-*/jupyter-book-*.log"):
            (resultat / "logg").mkdir(exist_ok=True)
            shutil.copy(logg, resultat / "logg" / logg.name)
        (resultat / BYGGMERKE).write_text(
            "Laget av arsrapport build/figures. Neste bygg til denne katalogen erstatter den.\n", encoding="utf-8"
        )
        _flytt_pa_plass(resultat, ut)
        melding(f"Ferdig: {ut}")
        rapport.logger = {"HTML": ut / "logg" / "jupyter-book-html.log", "PDF": ut / "logg" / "jupyter-book-pdflatex.log"}
        if bok:
            rapport.utdata["HTML"] = ut / "html" / "index.html"
        for f in pdf_filer:
            rapport.utdata["PDF"] = ut / "pdf" / f.name
        rapport.utdata["figures.json"] = ut / "figures.json"
        rapport.utdata["tabeller.xlsx"] = ut / "tabeller.xlsx"
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
