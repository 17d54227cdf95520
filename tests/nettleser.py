"""En ekte nettleser til testene av HTML-boka: Debians Chromium uten vindu, styrt over
DevTools-protokollen på et rør (``--remote-debugging-pipe``), bare med standardbiblioteket.

    with Nettleser(bredde=390) as n:
        n.ga_til(side.as_uri())
        n.js("document.title")

``scripts/oppsett.sh --system`` (og ``./test.sh``) installerer ``chromium``."""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import shutil
import subprocess
import threading
import time
from pathlib import Path


@contextlib.contextmanager
def tjener(rot: Path):
    """En HTTP-tjener for katalogen ``rot`` på 127.0.0.1 (egen port); gir adressen. Sidene
    testes over HTTP som lesere får dem (``file://`` oppfører seg annerledes, og en manglende
    fil gir en ekte 404)."""

    class Behandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *_):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Behandler, directory=str(rot)))
    traad = threading.Thread(target=server.serve_forever, daemon=True)
    traad.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


class Nettleser:
    def __init__(self, bredde: int = 1280, hoyde: int = 900):
        self.bredde, self.hoyde = bredde, hoyde
        self._nr = 0
        self._buf = b""
        self.feil: list[str] = []  #: skriptfeil på sidene (Runtime.exceptionThrown)
        #: filer siden ba om og ikke fikk (Network.loadingFailed, eller HTTP-status 400 og over)
        self.mislykket: list[str] = []
        self._adresser: dict[str, str] = {}

    def __enter__(self) -> Nettleser:
        program = chromium()
        if program is None:
            raise RuntimeError("chromium mangler; kjør scripts/oppsett.sh --system")
        inn_r, self._inn_w = os.pipe()  # Chromium leser kommandoer fra fd 3
        self._ut_r, ut_w = os.pipe()  # og skriver svar til fd 4
        a, b = os.dup(inn_r), os.dup(ut_w)
        self._prosess = subprocess.Popen(
            [
                program,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--remote-debugging-pipe",
                "about:blank",
            ],
            close_fds=False,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=lambda: (os.dup2(a, 3), os.dup2(b, 4)),
        )
        for fd in (inn_r, ut_w, a, b):
            os.close(fd)
        mal = self._send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self._sesjon = self._send("Target.attachToTarget", {"targetId": mal, "flatten": True})["sessionId"]
        mobil = self.bredde < 600
        self._send(
            "Emulation.setDeviceMetricsOverride",
            {"width": self.bredde, "height": self.hoyde, "deviceScaleFactor": 1, "mobile": mobil},
            self._sesjon,
        )
        self._send("Page.enable", {}, self._sesjon)
        self._send("Runtime.enable", {}, self._sesjon)
        self._send("Network.enable", {}, self._sesjon)
        return self

    def __exit__(self, *_):
        try:
            self._send("Browser.close")
        except Exception:
            pass
        try:
            self._prosess.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._prosess.kill()
        os.close(self._inn_w)
        os.close(self._ut_r)

    def _les(self) -> dict:
        while b"\0" not in self._buf:
            del_ = os.read(self._ut_r, 1 << 20)
            if not del_:
                raise RuntimeError("Chromium lukket røret")
            self._buf += del_
        rad, self._buf = self._buf.split(b"\0", 1)
        return json.loads(rad)

    def _send(self, metode: str, parametere: dict | None = None, sesjon: str | None = None) -> dict:
        self._nr += 1
        melding = {"id": self._nr, "method": metode, "params": parametere or {}}
        if sesjon:
            melding["sessionId"] = sesjon
        os.write(self._inn_w, json.dumps(melding).encode() + b"\0")
        while True:
            svar = self._les()
            if svar.get("method") == "Runtime.exceptionThrown":
                detaljer = svar["params"]["exceptionDetails"]
                self.feil.append(detaljer.get("exception", {}).get("description") or detaljer.get("text", ""))
            if svar.get("method") == "Network.requestWillBeSent":
                self._adresser[svar["params"]["requestId"]] = svar["params"]["request"]["url"]
            if svar.get("method") == "Network.responseReceived" and svar["params"]["response"]["status"] >= 400:
                svar_ = svar["params"]["response"]
                self.mislykket.append(f"{svar_['url']} ({svar_['status']})")
            if svar.get("method") == "Network.loadingFailed" and not svar["params"].get("canceled"):
                self.mislykket.append(self._adresser.get(svar["params"]["requestId"], "?"))
            if svar.get("id") == self._nr:
                if "error" in svar:
                    raise RuntimeError(f"{metode}: {svar['error']}")
                return svar.get("result", {})

    def ga_til(self, url: str, vent: float = 10.0) -> None:
        """Åpne siden og vent til dokumentet er ferdig lastet."""
        self._send("Page.navigate", {"url": url}, self._sesjon)
        slutt = time.monotonic() + vent
        while time.monotonic() < slutt:
            if self.js("document.readyState") == "complete":
                return
            time.sleep(0.05)
        raise TimeoutError(f"{url} ble ikke ferdig lastet på {vent} s")

    def js(self, uttrykk: str):
        svar = self._send("Runtime.evaluate", {"expression": uttrykk, "returnByValue": True}, self._sesjon)
        if "exceptionDetails" in svar:
            raise RuntimeError(svar["exceptionDetails"].get("text", "skriptfeil"))
        return svar["result"].get("value")

    def vent_pa(self, uttrykk: str, vent: float = 5.0):
        """Vent til JavaScript-uttrykket er sant (f.eks. at et skript har kjørt ferdig)."""
        slutt = time.monotonic() + vent
        while time.monotonic() < slutt:
            if verdi := self.js(uttrykk):
                return verdi
            time.sleep(0.05)
        raise TimeoutError(f"{uttrykk} ble ikke sant på {vent} s")

    def axe(self, kilde: str, regler: dict | None = None) -> list[dict]:
        """Kjør axe-core (kildeteksten ``kilde``) på siden; bruddene (id, impact, nodes)."""
        if not self.js("typeof axe !== 'undefined'"):
            self.js(kilde)
        valg = json.dumps({"resultTypes": ["violations"], "rules": regler or {}})
        svar = self._send(
            "Runtime.evaluate",
            {
                "expression": f"axe.run(document, {valg}).then(r => JSON.stringify(r.violations))",
                "awaitPromise": True,
                "returnByValue": True,
            },
            self._sesjon,
        )
        if "exceptionDetails" in svar:
            raise RuntimeError(svar["exceptionDetails"].get("text", "axe feilet"))
        return json.loads(svar["result"]["value"])

    def trykk(self, velger: str) -> None:
        """Trykk (mus) midt på det første synlige elementet ``velger`` treffer, som en leser ville."""
        punkt = self.js(
            f"(() => {{ const e = Array.from(document.querySelectorAll({json.dumps(velger)}))"
            ".find(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden');"
            " if (!e) return null; const r = e.getBoundingClientRect();"
            " return [r.left + r.width / 2, r.top + r.height / 2]; })()"
        )
        if punkt is None:
            raise RuntimeError(f"ingen synlig {velger}")
        for type_ in ("mousePressed", "mouseReleased"):
            self._send(
                "Input.dispatchMouseEvent",
                {"type": type_, "x": punkt[0], "y": punkt[1], "button": "left", "clickCount": 1},
                self._sesjon,
            )

    def tast(self, tast: str) -> None:
        for type_ in ("keyDown", "keyUp"):
            self._send("Input.dispatchKeyEvent", {"type": type_, "key": tast, "code": tast}, self._sesjon)

    def bilde(self, sti, hel_side: bool = False) -> None:
        """Skjermbilde (PNG) av det synlige vinduet, eller hele siden med ``hel_side``."""
        import base64

        parametere = {"format": "png"}
        if hel_side:
            parametere["captureBeyondViewport"] = True
            bredde = self.js("document.documentElement.scrollWidth")
            hoyde = self.js("document.documentElement.scrollHeight")
            parametere["clip"] = {"x": 0, "y": 0, "width": bredde, "height": min(hoyde, 12000), "scale": 1}
        data = self._send("Page.captureScreenshot", parametere, self._sesjon)["data"]
        with open(sti, "wb") as f:
            f.write(base64.b64decode(data))
