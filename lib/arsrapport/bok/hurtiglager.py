"""Hurtiglageret: det bygget kan gjenbruke fra et tidligere bygg med de samme inndataene.

* **Kjørte kapitler.** Et kapittel kjøres på nytt bare når noe det avhenger av er endret:
  notatboka, koden i ``lib/``, tabellene i uttrekket kapittelet leser
  (:attr:`arsrapport.kapitler.Kapittel.data`), parameterne og det låste miljøet
  (``requirements.lock`` og Python-versjonen). Nøkkelen er en SHA-256 av alt dette
  (:func:`nokkel`); under den ligger den kjørte notatboka og kapittelresultatet.
* **Sphinx.** Kildene til boka settes sammen i en fast katalog (bare endrede filer skrives),
  og Sphinx beholder miljøet sitt der, så bare sider som er endret, eller som viser et tall
  som er endret, leses og skrives på nytt. Er ingenting endret, kjøres ikke Jupyter Book.

Et hurtiglager gjør bygget raskere, aldri annerledes: et bygg som gjenbruker gir de samme
bytene som et bygg med tomt hurtiglager (``tests/test_hurtiglager.py``). Alt skrives først
ferdig i en midlertidig katalog og flyttes på plass, og et Sphinx-bygg som ble avbrutt,
kastes (:data:`UFERDIG`): et drept bygg etterlater aldri et halvt lager som brukes senere.
To bygg deler aldri lageret samtidig (:meth:`Hurtiglager.las`).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from arsrapport.grunn.config import PROSJEKTROT

#: Økes når formatet på det som lagres endres; gamle oppføringer brukes da ikke.
FORMAT = "1"

#: Miljøvariabel som peker på et annet hurtiglager (testene bruker egne).
MILJOVARIABEL = "ARSRAPPORT_HURTIGLAGER"

#: Filen i en Sphinx-katalog mens Jupyter Book kjører der; finnes den ved start, ble forrige
#: kjøring avbrutt, og katalogen bygges fra bunnen.
UFERDIG = ".uferdig"

#: Så mange kjøringer per kapittel beholdes (de sist brukte).
BEHOLD_PER_KAPITTEL = 4


def standardkatalog() -> Path:
    satt = os.environ.get(MILJOVARIABEL, "").strip()
    return Path(satt).resolve() if satt else PROSJEKTROT / ".hurtiglager"


def _sha(h: hashlib._Hash, data: bytes) -> None:
    h.update(len(data).to_bytes(8, "little"))
    h.update(data)


def filsum(fil: Path) -> str:
    h = hashlib.sha256()
    with open(fil, "rb") as f:
        for blokk in iter(lambda: f.read(1 << 20), b""):
            h.update(blokk)
    return h.hexdigest()


def katalogsum(katalog: Path) -> str:
    """SHA-256 over filnavnene og innholdet i katalogen (``__pycache__`` og skjulte filer
    utelatt), i fast rekkefølge."""
    h = hashlib.sha256()
    katalog = Path(katalog)
    for fil in sorted(katalog.rglob("*")):
        rel = fil.relative_to(katalog)
        if not fil.is_file() or "__pycache__" in rel.parts or any(d.startswith(".") for d in rel.parts):
            continue
        _sha(h, str(rel.as_posix()).encode())
        _sha(h, fil.read_bytes())
    return h.hexdigest()


def miljosum(rot: Path = PROSJEKTROT) -> str:
    """Det låste miljøet: ``requirements.lock``, Python-versjonen og plattformen."""
    h = hashlib.sha256()
    lås = rot / "requirements.lock"
    _sha(h, lås.read_bytes() if lås.is_file() else b"")
    _sha(h, sys.version.encode())
    _sha(h, f"{platform.system()} {platform.machine()}".encode())
    return h.hexdigest()


def kodesum(rot: Path = PROSJEKTROT) -> str:
    """Koden i ``lib/arsrapport/`` (alle filer: Python, stilfila til figurene …)."""
    return katalogsum(rot / "lib" / "arsrapport")


def nokkel(*deler: str | bytes) -> str:
    h = hashlib.sha256()
    _sha(h, FORMAT.encode())
    for d in deler:
        _sha(h, d if isinstance(d, bytes) else str(d).encode())
    return h.hexdigest()


def skriv_hvis_endret(fil: Path, innhold: bytes) -> bool:
    """Skriv filen bare når innholdet er nytt (så Sphinx ser den som uendret ellers).
    Skrives via en midlertidig fil og en omdøping. Returnerer om den ble skrevet."""
    if fil.is_file() and fil.stat().st_size == len(innhold) and fil.read_bytes() == innhold:
        return False
    fil.parent.mkdir(parents=True, exist_ok=True)
    midlertidig = fil.with_name(f".{fil.name}.tmp")
    midlertidig.write_bytes(innhold)
    midlertidig.replace(fil)
    return True


#: Filer Sphinx selv lager i kildekatalogen (oversettelsene kompilert fra ``.po``); de
#: hører ikke til kildene bygget skriver, og står i fred.
SPHINX_LAGER = (".mo",)


def synkroniser(filer: dict[str, bytes], katalog: Path) -> tuple[int, bool]:
    """Gjør ``katalog`` lik ``filer`` (relativ sti → innhold): endrede filer skrives, filer som
    ikke lenger finnes, fjernes (bortsett fra dem Sphinx lager selv, :data:`SPHINX_LAGER`).
    Returnerer (antall skrevne filer, om fillisten endret seg)."""
    katalog.mkdir(parents=True, exist_ok=True)
    finnes = {
        p.relative_to(katalog).as_posix()
        for p in katalog.rglob("*")
        if p.is_file() and not p.name.endswith(SPHINX_LAGER)
    }
    skrevet = sum(skriv_hvis_endret(katalog / rel, innhold) for rel, innhold in sorted(filer.items()))
    foreldet = finnes - set(filer)
    for rel in sorted(foreldet):
        (katalog / rel).unlink()
    for d in sorted((p for p in katalog.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        if not any(d.iterdir()):
            d.rmdir()
    return skrevet, bool(foreldet) or bool(set(filer) - finnes)


class Hurtiglager:
    def __init__(self, katalog: Path | None = None):
        self.katalog = Path(katalog) if katalog is not None else standardkatalog()

    # -------------------------------------------------------------- lås

    @contextlib.contextmanager
    def las(self, melding: Callable[[str], None] = lambda _: None) -> Iterator[None]:
        """Eksklusiv bruk av lageret så lenge bygget varer; et annet bygg venter."""
        self.katalog.mkdir(parents=True, exist_ok=True)
        with open(self.katalog / ".las", "a+") as f:
            try:
                fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                melding(f"  venter på et annet bygg som bruker hurtiglageret ({self.katalog}) …")
                fcntl.flock(f, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(f, fcntl.LOCK_UN)

    # -------------------------------------------------------------- kjørte kapitler

    def _kjoring(self, kapittel: str, nokkel_: str) -> Path:
        return self.katalog / "kapitler" / kapittel / nokkel_

    def hent(self, kapittel: str, nokkel_: str, til: Path) -> list[Path] | None:
        """Kopier en lagret kjøring til ``til``; None om den ikke finnes."""
        kilde = self._kjoring(kapittel, nokkel_)
        if not (kilde / ".ferdig").is_file():
            return None
        til.mkdir(parents=True, exist_ok=True)
        ut = []
        for fil in sorted(kilde.iterdir()):
            if fil.name.startswith("."):
                continue
            shutil.copy2(fil, til / fil.name)
            ut.append(til / fil.name)
        os.utime(kilde / ".ferdig")  # sist brukt, til oppryddingen
        return ut

    def lagre(self, kapittel: str, nokkel_: str, filer: Iterable[Path]) -> None:
        """Lagre en kjøring (atomisk: en midlertidig katalog som omdøpes)."""
        mal = self._kjoring(kapittel, nokkel_)
        if (mal / ".ferdig").is_file():
            return
        mal.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".ny-", dir=mal.parent))
        try:
            for fil in filer:
                shutil.copy2(fil, tmp / Path(fil).name)
            (tmp / ".ferdig").write_text(f"{time.time()}\n", encoding="utf-8")
            if mal.exists():
                shutil.rmtree(mal)
            tmp.rename(mal)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        self._rydd(mal.parent)

    def _rydd(self, kapittelkatalog: Path) -> None:
        kjoringer = [p for p in kapittelkatalog.iterdir() if (p / ".ferdig").is_file()]
        kjoringer.sort(key=lambda p: (p / ".ferdig").stat().st_mtime, reverse=True)
        for gammel in kjoringer[BEHOLD_PER_KAPITTEL:]:
            shutil.rmtree(gammel, ignore_errors=True)
        for rest in kapittelkatalog.glob(".ny-*"):  # etter et drept bygg
            shutil.rmtree(rest, ignore_errors=True)

    # -------------------------------------------------------------- Sphinx

    def sphinx(self, navn: str) -> Path:
        """Den faste katalogen til Jupyter Book-bygget ``navn`` (``html``, ``pdf``); kastes
        om forrige kjøring der ble avbrutt."""
        kat = self.katalog / "sphinx" / navn
        if (kat / UFERDIG).exists():
            shutil.rmtree(kat)
        kat.mkdir(parents=True, exist_ok=True)
        return kat

    def kilder(self) -> Path:
        """Den faste katalogen bokas kilder settes sammen i."""
        return self.katalog / "sphinx" / "bok"
