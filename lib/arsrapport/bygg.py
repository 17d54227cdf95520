"""Bygget: kontroller uttrekket, kjør kapittelnotatbøkene med Papermill, samle de limte
tallene i ``figures.json``, skriv tabellene til ``tabeller.xlsx`` og bygg boka (HTML og PDF).

Alt bygges i en midlertidig katalog ved siden av utkatalogen og flyttes på plass først
når alt har lyktes: et mislykket bygg rører aldri forrige vellykkede resultat.
"""

from __future__ import annotations

import ast
import contextlib
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from arsrapport import avstemming, eksport, kapitler, nummerering, regneark
from arsrapport.formatering import tall
from arsrapport.config import PROSJEKTROT, les_innstillinger
from arsrapport.innlesing import Uttrekk, les_uttrekk
from arsrapport.lim import ALLE, SKILLE, TEKST

Melding = Callable[[str], None]


class ByggFeil(Exception):
    """Et steg i bygget feilet; meldingen sier hvilket og hvorfor."""


def _stille(_: str) -> None:
    pass


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
        melding(f"  {navn} ferdig på {time.perf_counter() - start:.1f} s")
        return mal

    samtidig = max(1, min(len(inn.notatboker), os.cpu_count() or 1))
    melding(f"Kjører {len(inn.notatboker)} notatbøker for {ar} ({samtidig} om gangen) …")
    # kjernenes oppstartsmeldinger (ipykernel skriver til standard feil) går til en loggfil
    try:
        with _stderr_til(katalog / "kjerner.log"), ThreadPoolExecutor(max_workers=samtidig) as utforer:
            jobber = [utforer.submit(kjor, navn) for navn in inn.notatboker]
            return [j.result() for j in jobber]
    finally:
        os.chdir(arbeidskatalog)


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


def _jupyter_book(bok: Path, ut: Path, bygger: str, melding: Melding) -> Path:
    jb = Path(sys.executable).with_name("jupyter-book")
    cmd = [str(jb), "build", str(bok), "--all", "--path-output", str(ut), "--builder", bygger, "-n", "--keep-going"]
    start = time.perf_counter()
    res = subprocess.run(cmd, capture_output=True, text=True)
    logg = ut / f"jupyter-book-{bygger}.log"
    ut.mkdir(parents=True, exist_ok=True)
    logg.write_text(res.stdout + "\n" + res.stderr, encoding="utf-8")
    if res.returncode != 0:
        hale = "\n".join((res.stdout + res.stderr).strip().splitlines()[-25:])
        raise ByggFeil(f"Jupyter Book ({bygger}) feilet:\n{hale}")
    melding(f"  {bygger} ferdig på {time.perf_counter() - start:.1f} s")
    return ut / "_build"


def skriv_tabeller(uttrekk: Uttrekk, ar: int, figurer: dict[int, dict[str, float]], fil: Path) -> regneark.Regneark:
    """``tabeller.xlsx``: kapitlenes tabeller og avstemmingen, ett ark per tabell i boka
    oppkalt etter nummeret der (:mod:`arsrapport.regneark`). Numrene regnes ut fra kildene
    til boka (``book/``), så de er de samme med og uten bok i bygget."""
    inn = les_innstillinger()
    tabeller = kapitler.tabeller(uttrekk, ar)
    tabeller.update(avstemming.tabeller(avstemming.sammenlign(figurer)))
    try:
        numre = nummerering.nummerer(inn.book, inn.notebooks, PROSJEKTROT / "_config.yml")
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
    """Hele bygget. ``bok=False`` gir bare tallene (``arsrapport figures``)."""
    inn = les_innstillinger()
    data = Path(data or inn.data).resolve()
    ut = Path(ut or inn.bygg).resolve()
    uttrekk = last_og_kontroller(data, melding)
    ar = ar or inn.ar or uttrekk.siste_hele_ar()
    melding(f"Rapportår: {ar} (uttrekksdato {uttrekk.uttrekksdato():%d.%m.%Y})")
    kontroller_regnskapet(uttrekk, ar, melding)
    ut.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{ut.name}-", dir=ut.parent))
    try:
        resultat = stage / "resultat"
        resultat.mkdir()
        notatboker = kjor_notatboker(data, ar, stage / "notatboker", melding)
        figurer = samle_figurer(notatboker)
        eksport.skriv_figures_json(figurer, resultat / "figures.json")
        antall = sum(len(v) for v in figurer.values())
        melding(f"Skrev figures.json: {antall} tall for årene {min(figurer)}–{max(figurer)}")
        ark = skriv_tabeller(uttrekk, ar, figurer, resultat / "tabeller.xlsx")
        melding(f"Skrev tabeller.xlsx: {len(ark.tabeller)} ark")
        for a in ark.advarsler:
            melding(f"  advarsel: {a}")
        shutil.copytree(stage / "notatboker", resultat / "notatboker", ignore=shutil.ignore_patterns("*.log"))
        for logg in (stage / "notatboker").glob("*.log"):
            (resultat / "logg").mkdir(exist_ok=True)
            shutil.copy(logg, resultat / "logg" / logg.name)
        if bok:
            kilde = _bok_katalog(stage, notatboker, ar)
            melding("Bygger boka (HTML) med Jupyter Book …")
            html = _jupyter_book(kilde, stage / "jb-html", "html", melding)
            shutil.copytree(html / "html", resultat / "html")
            if pdf:
                melding("Bygger PDF (XeLaTeX) …")
                latex = _jupyter_book(kilde, stage / "jb-pdf", "pdflatex", melding)
                (resultat / "pdf").mkdir()
                for f in (latex / "latex").glob("*.pdf"):
                    shutil.copy(f, resultat / "pdf" / f.name)
                if not any((resultat / "pdf").iterdir()):
                    raise ByggFeil("PDF-bygget ga ingen PDF-fil")
        for logg in stage.glob("jb-*/jupyter-book-*.log"):
            (resultat / "logg").mkdir(exist_ok=True)
            shutil.copy(logg, resultat / "logg" / logg.name)
        _flytt_pa_plass(resultat, ut)
        melding(f"Ferdig: {ut}")
        return figurer
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _flytt_pa_plass(ny: Path, ut: Path) -> None:
    """Bytt ut forrige bygg med det nye i to raske omdøpinger."""
    gammel = ut.with_name(f".{ut.name}-forrige")
    if gammel.exists():
        shutil.rmtree(gammel)
    if ut.exists():
        ut.rename(gammel)
    ny.rename(ut)
    if gammel.exists():
        shutil.rmtree(gammel)
