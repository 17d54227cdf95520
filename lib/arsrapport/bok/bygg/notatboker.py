"""Kapittelnotatbøkene: kjørt med Papermill (samtidig, én kjerne hver) eller hentet fra
hurtiglageret, og avstemmingen etter dem. De kjørte notatbøkene uten klokkeslett."""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from arsrapport import kapitler
from arsrapport.bok.bygg.felles import (
    ByggFeil,
    Melding,
    _antall,
    _inni,
    _sekunder,
    _stille,
)
from arsrapport.bok.hurtiglager import (
    Hurtiglager,
    filsum,
    kodesum,
    miljosum,
    nokkel,
)
from arsrapport.grunn.config import PROSJEKTROT, les_innstillinger
from arsrapport.grunn.prosesser import stopp_etterkommere
from arsrapport.innlesing import Uttrekk
from arsrapport.kapitler import avstemming


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
                # to kjerner starter samtidig; på en travel maskin med to kjerner tok det over
                # standardens 60 s (sett én gang i testene)
                start_timeout=180,
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

    Nøkkelen (:func:`arsrapport.bok.hurtiglager.nokkel`) dekker notatboka, koden i ``lib/``, det
    låste miljøet, parameterne, virksomheten i ``arsrapport.toml`` og filene til tabellene
    kapittelet leser."""
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
        deler = [
            filsum(inn.notebooks / fil),
            kode,
            miljo,
            str(ar),
            parameter,
            repr(inn.virksomhet),  # kapitlene og navnet i arsrapport.toml (regnskapet, 3.2.13)
            *sorted(datasum(t) for t in kap.data),
        ]
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
