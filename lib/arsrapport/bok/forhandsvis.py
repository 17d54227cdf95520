"""Forhåndsvisning for rapportskrivere: ``arsrapport forhandsvis``.

Bygger boka som HTML (uten PDF) til en egen utkatalog (standard ``_forhandsvis/``), viser
den på http://127.0.0.1:8000/ og bygger på nytt når noe i ``book/``, ``notebooks/``,
``lib/``, dataene, ``_config.yml`` eller ``arsrapport.toml`` endres. Bare standardbiblioteket:

- :class:`Vakt` ser etter endringer ved å sammenligne endringstid og størrelse for hver fil
  (to ganger i sekundet) og melder dem først når det har vært stille en liten stund, så en
  lagring som skriver flere filer gir ett bygg.
- :class:`Forhandsvisning` kjører byggefunksjonen (én om gangen; endringer under et bygg gir
  ett bygg til etterpå) og serverer ``<ut>/html`` med en :class:`~http.server.ThreadingHTTPServer`
  bundet til 127.0.0.1. Hver HTML-side får et lite skript lagt inn når den sendes (filene
  på disk endres ikke). Skriptet venter på neste bygg (lang spørring mot
  :data:`HENDELSER`), laster siden på nytt etter et vellykket bygg og viser feilmeldingen
  over forrige vellykkede versjon når et bygg feiler.
"""

from __future__ import annotations

import contextlib
import errno
import fnmatch
import json
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from arsrapport.grunn.config import INNSTILLINGER, PROSJEKTROT
from arsrapport.presentasjon.formatering import tall

Melding = Callable[[str], None]
Byggefunksjon = Callable[[Melding], object]
"""Bygger boka til ``<ut>/html`` og melder underveis; et unntak betyr at bygget feilet."""

VERT = "127.0.0.1"
STANDARD_PORT = 8000
STANDARD_UT = PROSJEKTROT / "_forhandsvis"
HENDELSER = "/__forhandsvis/hendelser"
PORTFORSOK = 20  #: porter som prøves etter den ønskede når den er i bruk

IGNORERTE_KATALOGER = ("__pycache__", ".ipynb_checkpoints", ".git", ".*_cache", "*.egg-info", "_build")
IGNORERTE_FILER = (
    "*.sw?",
    "*.swpx",
    "*~",
    ".#*",
    "#*#",  # vim, emacs og andre redigeringsprogrammers kopier
    "4913",  # vim prøveskriver denne filen før den lagrer
    "*.kate-swp",
    ".goutputstream-*",
    ".~lock.*#",
    ".DS_Store",
    "*.py[co]",
)


class ForhandsvisFeil(Exception):
    """Forhåndsvisningen kan ikke starte (f.eks. ingen ledig port); meldingen er til brukeren."""


def _treffer(navn: str, monstre: Sequence[str]) -> bool:
    return any(fnmatch.fnmatchcase(navn, m) for m in monstre)


def ignoreres(sti: Path) -> bool:
    """Om en endring i ``sti`` ikke skal gi nytt bygg: redigeringsprogrammenes swap- og
    sikkerhetskopier, bytekode og mellomlagre (``__pycache__``, ``.ipynb_checkpoints``)."""
    return _treffer(sti.name, IGNORERTE_FILER) or any(_treffer(d, IGNORERTE_KATALOGER) for d in sti.parts[:-1])


Bilde = dict[Path, tuple[int, int]]


def ta_bilde(stier: Iterable[Path]) -> Bilde:
    """Endringstid (ns) og størrelse for hver fil under ``stier`` (kataloger eller filer)
    som ikke :func:`ignoreres`. Stier som ikke finnes, hoppes over."""
    bilde: Bilde = {}

    def legg_til(fil: Path) -> None:
        try:
            st = fil.stat()
        except OSError:
            return  # slettet mens vi så etter
        bilde[fil] = (st.st_mtime_ns, st.st_size)

    for sti in stier:
        if sti.is_file():
            legg_til(sti)
            continue
        for rot, kataloger, filer in os.walk(sti):
            kataloger[:] = [k for k in kataloger if not _treffer(k, IGNORERTE_KATALOGER)]
            for navn in filer:
                if not _treffer(navn, IGNORERTE_FILER):
                    legg_til(Path(rot) / navn)
    return bilde


def forskjell(for_: Bilde, etter: Bilde) -> set[Path]:
    """Filene som er nye, slettet eller endret."""
    return {f for f in for_.keys() | etter.keys() if for_.get(f) != etter.get(f)}


class Vakt:
    """Ser etter endringer i ``stier`` hvert ``intervall`` sekund og kaller ``ved_endring``
    med de endrede filene når ingenting mer har endret seg på ``stille`` sekunder."""

    def __init__(
        self,
        stier: Iterable[Path],
        ved_endring: Callable[[list[Path]], None],
        *,
        intervall: float = 0.5,
        stille: float = 0.3,
    ):
        self.stier = [Path(s).resolve() for s in stier]
        self.ved_endring = ved_endring
        self.intervall, self.stille = intervall, stille
        self._stopp = threading.Event()
        self._trad: threading.Thread | None = None

    def start(self) -> None:
        # første bilde før start() returnerer, så en endring rett etterpå blir sett
        self._bilde = ta_bilde(self.stier)
        self._trad = threading.Thread(target=self._kjor, name="forhandsvis-vakt", daemon=True)
        self._trad.start()

    def stopp(self) -> None:
        self._stopp.set()
        if self._trad is not None and self._trad is not threading.current_thread():
            self._trad.join()

    def _kjor(self) -> None:
        ventende: set[Path] = set()
        while not self._stopp.wait(self.stille if ventende else self.intervall):
            nytt = ta_bilde(self.stier)
            endret = forskjell(self._bilde, nytt)
            self._bilde = nytt
            if endret:
                ventende |= endret  # vent til det har vært stille en stund
            elif ventende:
                self.ved_endring(sorted(ventende))
                ventende = set()


class Tilstand:
    """Det siden får vite fra :data:`HENDELSER`. ``versjon`` øker ved hver endring, ``bygg``
    ved hvert vellykkede bygg (siden lastes på nytt når den har endret seg), ``feil`` er
    meldingen fra siste bygg om det feilet."""

    def __init__(self) -> None:
        self._betingelse = threading.Condition()
        self._data = {"versjon": 0, "bygg": 0, "bygger": False, "feil": None, "sekunder": None}
        self._stopper = False

    def hent(self) -> dict:
        with self._betingelse:
            return dict(self._data)

    def oppdater(self, **endringer) -> None:
        with self._betingelse:
            self._data.update(endringer)
            self._data["versjon"] += 1
            self._betingelse.notify_all()

    def vent(self, versjon: int, tidsfrist: float) -> dict:
        """Tilstanden så snart den er en annen enn ``versjon`` (eller etter ``tidsfrist`` s)."""
        with self._betingelse:
            self._betingelse.wait_for(lambda: self._stopper or self._data["versjon"] != versjon, tidsfrist)
            return dict(self._data)

    def stopp(self) -> None:
        with self._betingelse:
            self._stopper = True
            self._betingelse.notify_all()


_SKRIPT = """<script id="forhandsvis">
(function () {
  var sidensBygg = %(bygg)d, adresse = "%(adresse)s";
  var nokkel = "forhandsvis-rulling:" + location.pathname;
  var rulling = sessionStorage.getItem(nokkel);
  if (rulling !== null) {
    sessionStorage.removeItem(nokkel);
    addEventListener("load", function () { scrollTo(0, Number(rulling)); });
  }
  var boks = null, merke = null, skjult = null;
  function element(type, stil, tekst) {
    var e = document.createElement(type);
    e.style.cssText = stil;
    if (tekst) e.textContent = tekst;  // aldri innerHTML: feilmeldingen vises som tekst
    return e;
  }
  function vis(s) {
    if (s.feil && s.feil !== skjult) {
      if (!boks) {
        boks = element("div", "position:fixed;top:0;left:0;right:0;z-index:99999;max-height:45vh;overflow:auto;" +
          "background:#8b0000;color:#fff;font:15px/1.4 sans-serif;padding:12px 16px;box-shadow:0 2px 8px #0006");
        boks.id = "forhandsvis-feil";
        document.body.appendChild(boks);
      }
      var knapp = element("button", "float:right;font:inherit", "Skjul");
      knapp.onclick = function () { skjult = s.feil; boks.remove(); boks = null; };
      boks.replaceChildren(knapp, element("strong", "", s.bygg ?
          "Bygget feilet \\u2013 siden viser forrige vellykkede versjon." : "Bygget feilet."),
        element("pre", "white-space:pre-wrap;margin:8px 0 0;font:13px/1.4 monospace", s.feil));
    } else if (!s.feil && boks) {
      boks.remove(); boks = null;
    }
    var tekst = s.frakoblet ? "Forh\\u00e5ndsvisningen svarer ikke" : (s.bygger ? "Bygger \\u2026" : "");
    if (tekst && !merke) {
      merke = element("div", "position:fixed;bottom:12px;right:12px;z-index:99999;background:#333;color:#fff;" +
        "font:14px sans-serif;padding:6px 10px;border-radius:4px;opacity:.85");
      document.body.appendChild(merke);
    }
    if (merke) { merke.textContent = tekst; merke.style.display = tekst ? "block" : "none"; }
  }
  var versjon = -1;
  function lytt() {
    fetch(adresse + "?versjon=" + versjon, {cache: "no-store"})
      .then(function (svar) { return svar.json(); })
      .then(function (s) {
        if (s.bygg !== sidensBygg) {
          sessionStorage.setItem(nokkel, String(scrollY));
          location.reload();
          return;
        }
        versjon = s.versjon;
        vis(s);
        lytt();
      }, function () { vis({frakoblet: true}); setTimeout(lytt, 2000); });
  }
  lytt();
})();
</script>
"""

_VENTESIDE = """<!DOCTYPE html>
<html lang="nb"><head><meta charset="utf-8"><title>Forhåndsvisning</title></head>
<body style="font:16px/1.5 sans-serif;margin:3em">
<h1>Årsrapporten bygges …</h1>
<p>Siden lastes på nytt når det første bygget er ferdig.</p>
</body></html>
"""


def skript(bygg: int) -> bytes:
    """Skriptet som legges inn i hver HTML-side; ``bygg`` er byggnummeret siden er fra."""
    return (_SKRIPT % {"bygg": bygg, "adresse": HENDELSER}).encode("utf-8")


def sett_inn(html: bytes, tillegg: bytes) -> bytes:
    """``tillegg`` rett før siste ``</body>`` (ellers til slutt)."""
    i = html.lower().rfind(b"</body>")
    return html + tillegg if i < 0 else html[:i] + tillegg + html[i:]


class _Tjener(ThreadingHTTPServer):
    daemon_threads = True  # en lang spørring som venter, skal ikke holde igjen avslutningen

    def handle_error(self, request, client_address) -> None:
        # nettleseren bryter forbindelser hele tiden (ny lasting midt i en lang spørring)
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def _lag_handler(fv: Forhandsvisning) -> type[SimpleHTTPRequestHandler]:
    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            # katalogen som streng: bygget bytter ut <ut>/html ved å døpe om, og hver
            # forespørsel skal se den som ligger der nå
            super().__init__(*args, directory=str(fv.html), **kwargs)

        def log_message(self, format, *args) -> None:
            pass  # ingen linje per forespørsel i terminalen

        def end_headers(self) -> None:
            self.send_header("Cache-Control", "no-cache")  # alltid siste bygg
            super().end_headers()

        def do_GET(self) -> None:
            self._svar(med_innhold=True)

        def do_HEAD(self) -> None:
            self._svar(med_innhold=False)

        def _svar(self, med_innhold: bool) -> None:
            sti = urlsplit(self.path).path
            if sti == HENDELSER:
                innhold = json.dumps(self._vent_pa_hendelse(), ensure_ascii=False).encode("utf-8")
                return self._send(innhold, "application/json; charset=utf-8", med_innhold)
            bygg = fv.tilstand.hent()["bygg"]  # før filen leses: et bygg imellom gir bare én lasting for mye
            fil = Path(self.translate_path(self.path))
            if fil.is_dir() and sti.endswith("/"):
                fil = fil / "index.html"
            if fil.suffix in (".html", ".htm") and fil.is_file():
                try:
                    html = fil.read_bytes()
                except OSError:
                    pass  # byttet ut akkurat nå: vanlig svar (404)
                else:
                    return self._send(sett_inn(html, skript(bygg)), "text/html", med_innhold)
            elif sti in ("/", "/index.html") and not (fv.html / "index.html").is_file():
                # ikke noe vellykket bygg ennå: en venteside som lastes på nytt når det kommer
                return self._send(
                    sett_inn(_VENTESIDE.encode("utf-8"), skript(bygg)), "text/html; charset=utf-8", med_innhold
                )
            if med_innhold:
                super().do_GET()
            else:
                super().do_HEAD()

        def _vent_pa_hendelse(self) -> dict:
            sporring = parse_qs(urlsplit(self.path).query)
            try:
                versjon = int(sporring.get("versjon", ["-1"])[0])
            except ValueError:
                versjon = -1
            return fv.tilstand.vent(versjon, fv.ventetid)

        def _send(self, innhold: bytes, type_: str, med_innhold: bool) -> None:
            self.send_response(200)
            self.send_header("Content-Type", type_)
            self.send_header("Content-Length", str(len(innhold)))
            self.end_headers()
            if med_innhold:
                self.wfile.write(innhold)

    return Handler


@contextlib.contextmanager
def _uten_signaler_i_nye_trader():
    """Tråder arver signalmasken. Med INT og TERM blokkert i tjener- og vakttrådene går de
    alltid til hovedtråden, der bygget kjører; da virker også byggets egen blokkering mens
    det flytter det nye bygget på plass (``bygg._flytt_pa_plass``)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    holdt = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, holdt)


def _kort(sti: Path) -> str:
    try:
        return str(sti.relative_to(PROSJEKTROT))
    except ValueError:
        return str(sti)


class Forhandsvisning:
    """Tjeneren, vakten og byggeløkken. ``bygg`` er byggefunksjonen (i testene en falsk);
    den skal skrive boka til ``<ut>/html`` og kaste et unntak med en melding til brukeren
    når bygget feiler. Unntakene i ``fatale`` (f.eks. en utkatalog som ikke kan brukes)
    stopper forhåndsvisningen i stedet for å vises på siden."""

    def __init__(
        self,
        ut: Path,
        bygg: Byggefunksjon,
        *,
        stier: Iterable[Path] = (),
        port: int = STANDARD_PORT,
        melding: Melding = print,
        feil: Melding | None = None,
        intervall: float = 0.5,
        stille: float = 0.3,
        ventetid: float = 25.0,
        fatale: tuple[type[BaseException], ...] = (),
    ):
        self.ut = Path(ut).resolve()
        self.html = self.ut / "html"
        self.bygg = bygg
        self.melding = melding
        self.feil = feil or melding
        self.ventetid = ventetid  #: høyst så lenge venter en lang spørring på neste hendelse
        self.fatale = fatale
        self.tilstand = Tilstand()
        self.onsket_port = port
        self.tjener: _Tjener | None = None
        self.vakt = Vakt(stier, self._endret, intervall=intervall, stille=stille)
        self._onsket = threading.Event()  # et bygg er ønsket (første gang, eller noe er endret)
        self._endringer: set[Path] = set()
        self._las = threading.Lock()
        self._stopp = threading.Event()
        self._tjenertrad: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self.tjener.server_address[1] if self.tjener else self.onsket_port

    @property
    def url(self) -> str:
        return f"http://{VERT}:{self.port}/"

    @property
    def bygger(self) -> bool:
        return self.tilstand.hent()["bygger"]

    def _bind(self) -> _Tjener:
        porter = [self.onsket_port] if self.onsket_port == 0 else range(self.onsket_port, self.onsket_port + PORTFORSOK)
        for port in porter:
            try:
                tjener = _Tjener((VERT, port), _lag_handler(self))
            except OSError as feil:
                if feil.errno == errno.EADDRINUSE:
                    continue
                if feil.errno == errno.EACCES:
                    raise ForhandsvisFeil(
                        f"har ikke lov til å bruke port {port} (porter under 1024 krever root); velg en annen med --port"
                    ) from None
                raise ForhandsvisFeil(f"kan ikke lytte på {VERT}:{port}: {feil.strerror}") from None
            if port != self.onsket_port:
                self.melding(f"Port {self.onsket_port} er i bruk; bruker {port} i stedet.")
            return tjener
        raise ForhandsvisFeil(
            f"portene {porter[0]}–{porter[-1]} er i bruk (kjører forhåndsvisningen allerede?); velg en annen med --port"
        )

    def start(self) -> None:
        """Start tjeneren og vakten (ikke bygget: det gjør :meth:`kjor`)."""
        self.tjener = self._bind()
        with _uten_signaler_i_nye_trader():
            self._tjenertrad = threading.Thread(
                target=self.tjener.serve_forever, kwargs={"poll_interval": 0.2}, name="forhandsvis-tjener", daemon=True
            )
            self._tjenertrad.start()
            self.vakt.start()

    def _endret(self, stier: list[Path]) -> None:
        with self._las:
            self._endringer.update(stier)
        self._onsket.set()

    def kjor(self) -> None:
        """Bygg nå og deretter hver gang noe endres, til :meth:`stopp`. Kjøres i hovedtråden
        i kommandoen, så Ctrl-C avbryter bygget der det er og lar det rydde etter seg."""
        self._onsket.set()
        while not self._stopp.is_set():
            if not self._onsket.wait(0.2) or self._stopp.is_set():
                continue
            self._onsket.clear()
            with self._las:
                endret, self._endringer = sorted(self._endringer), set()
            if endret:
                navn = ", ".join(_kort(s) for s in endret[:3]) + (
                    f" og {len(endret) - 3} til" if len(endret) > 3 else ""
                )
                self.melding(f"\nEndret: {navn}")
            self.bygg_na()

    def bygg_na(self) -> bool:
        """Ett bygg; returnerer om det lyktes. Et mislykket bygg lar forrige HTML stå og
        legger feilmeldingen i tilstanden (siden viser den)."""
        self.tilstand.oppdater(bygger=True)
        self.melding("Bygger forhåndsvisningen …")
        start = time.perf_counter()
        try:
            self.bygg(self.melding)
        except self.fatale:
            self.tilstand.oppdater(bygger=False)
            raise
        # Avbrutt (Ctrl-C) går videre med «bygger» satt: kommandoen ser da at et bygg ble avbrutt
        except Exception as feil:
            sekunder = time.perf_counter() - start
            tekst = str(feil) if _egen_melding(feil) else f"{type(feil).__name__}: {feil}"
            self.tilstand.oppdater(bygger=False, feil=tekst, sekunder=round(sekunder, 1))
            self.feil(f"Bygget feilet etter {tall(sekunder, desimaler=1)} s:\n{tekst}")
            if (self.html / "index.html").is_file():
                self.feil(f"{self.url} viser forrige vellykkede versjon til neste bygg lykkes.")
            return False
        sekunder = time.perf_counter() - start
        self.tilstand.oppdater(
            bygger=False, feil=None, bygg=self.tilstand.hent()["bygg"] + 1, sekunder=round(sekunder, 1)
        )
        self.melding(f"Forhåndsvisningen er oppdatert ({tall(sekunder, desimaler=1)} s): {self.url}")
        return True

    def stopp(self) -> None:
        """Stopp byggeløkken, vakten og tjeneren (kan kalles flere ganger)."""
        self._stopp.set()
        self._onsket.set()
        self.tilstand.stopp()
        self.vakt.stopp()
        if self.tjener is not None:
            if self._tjenertrad is not None and self._tjenertrad.is_alive():
                self.tjener.shutdown()
            self.tjener.server_close()


def _egen_melding(feil: BaseException) -> bool:
    """Om unntaket har en melding skrevet for brukeren (bygget, datakontrakten)."""
    from arsrapport.bok.bygg import ByggFeil
    from arsrapport.innlesing import Valideringsfeil

    return isinstance(feil, (ByggFeil, Valideringsfeil))


def byggprosess(data: Path, ar: int | None, ut: Path, melding: Melding) -> None:
    """Ett bygg (HTML, uten PDF) i en egen prosess, så en endring i ``lib/`` gjelder hele
    bygget med én gang (denne prosessen har lastet den gamle koden). Stegene meldes; et bygg
    som feiler, gir :class:`arsrapport.bok.bygg.ByggFeil` med byggets egen melding. Ctrl-C når
    også byggeprosessen (samme prosessgruppe), som rydder etter seg selv."""
    import subprocess

    from arsrapport.bok.bygg import ByggFeil, UtkatalogFeil
    from arsrapport.grunn.prosesser import IKKE_RORT

    kommando = [sys.executable, "-m", "arsrapport", "build", "--no-pdf", "--data", str(data), "--out", str(ut)]
    if ar is not None:
        kommando += ["--year", str(ar)]
    with subprocess.Popen(kommando, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8") as p:
        feil: list[str] = []
        lesere = threading.Thread(target=lambda: feil.extend(p.stderr), daemon=True)
        lesere.start()
        for linje in p.stdout:
            linje = linje.rstrip("\n")
            # stegene og advarslene; oppsummeringen står i `arsrapport build`
            if linje.startswith("[") or "advarsel" in linje or "ferdig på" in linje:
                melding(linje)
        p.wait()
        lesere.join()
    if p.returncode != 0:
        linjer = [linje.rstrip("\n") for linje in feil]
        tekst = "\n".join(linje for linje in linjer if linje != IKKE_RORT).strip().removeprefix("Feil: ")
        if IKKE_RORT in linjer:  # utkatalogen kan ikke brukes: å prøve igjen hjelper ikke
            raise UtkatalogFeil(tekst)
        raise ByggFeil(tekst or f"bygget avsluttet med kode {p.returncode}")


def forhandsvis(
    data: Path | None = None,
    ar: int | None = None,
    ut: Path | None = None,
    port: int = STANDARD_PORT,
    *,
    melding: Melding = print,
    feil: Melding | None = None,
) -> int:
    """``arsrapport forhandsvis``: bygg, server og bygg på nytt ved endringer til Ctrl-C."""
    from arsrapport.bok import bygg as byggmodul
    from arsrapport.grunn.config import les_innstillinger
    from arsrapport.grunn.prosesser import Avbrutt

    inn = les_innstillinger()
    data = Path(data or inn.data).resolve()
    ut = Path(ut or STANDARD_UT).resolve()
    stier = [inn.book, inn.notebooks, PROSJEKTROT / "lib", data, PROSJEKTROT / "_config.yml", INNSTILLINGER]

    def bygg_html(m: Melding) -> None:
        byggprosess(data, ar, ut, m)

    fv = Forhandsvisning(
        ut, bygg_html, stier=stier, port=port, melding=melding, feil=feil, fatale=(byggmodul.UtkatalogFeil,)
    )
    try:
        fv.start()
    except ForhandsvisFeil as f:
        (feil or melding)(f"Feil: {f}")
        return 2
    melding(f"Forhåndsvisningen: {fv.url}  (Ctrl-C stopper)")
    melding(f"Bygger på nytt når noe endres i {', '.join(_kort(s) for s in stier)}; HTML-en skrives til {ut}")
    try:
        fv.kjor()
    except (Avbrutt, KeyboardInterrupt):
        midt_i_bygg = fv.bygger
        fv.stopp()
        melding("Forhåndsvisningen er stoppet.")
        if midt_i_bygg:
            raise  # kommandolinjen melder det avbrutte bygget og avslutter uten å vente på kjernetrådene
        return 0
    finally:
        fv.stopp()
    return 0
