"""``arsrapport forhandsvis`` uten et ekte bygg: en falsk byggefunksjon skriver en liten
HTML-side, tjeneren lytter på en tilfeldig ledig port (0) og vakten ser på en katalog i
``tmp_path`` med korte intervaller, så hele filen tar noen få sekunder."""

from __future__ import annotations

import json
import signal
import socket
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from arsrapport.bok import forhandsvis as fv_modul
from arsrapport.bok.bygg import ByggFeil, UtkatalogFeil
from arsrapport.bok.forhandsvis import HENDELSER, Forhandsvisning, ignoreres, sett_inn, ta_bilde

INTERVALL, STILLE = 0.05, 0.1
ROLIG = 4 * (INTERVALL + STILLE)  # lenger enn vakten trenger for å melde en endring


def vent_til(betingelse, frist: float = 3.0) -> None:
    slutt = time.monotonic() + frist
    while not betingelse():
        if time.monotonic() > slutt:
            raise AssertionError("ventet forgjeves")
        time.sleep(0.01)


class FalskBygg:
    """Skriver ``<ut>/html`` med byggnummeret i teksten; ``feil`` gjør neste bygg mislykket,
    ``slipp`` (når den er satt) holder bygget igjen til testen slipper det."""

    def __init__(self, ut: Path):
        self.ut = ut
        self.antall = 0
        self.feil: Exception | None = None
        self.slipp: threading.Event | None = None
        self.i_gang = threading.Event()

    def __call__(self, melding) -> None:
        self.antall += 1
        self.i_gang.set()
        try:
            if self.slipp is not None:
                assert self.slipp.wait(5)
            if self.feil is not None:
                raise self.feil
            html = self.ut / "html"
            (html / "_static").mkdir(parents=True, exist_ok=True)
            (html / "index.html").write_text(f"<!DOCTYPE html><html><body><p>bygg {self.antall}</p></body></html>\n")
            (html / "side.html").write_text("<html><BODY>side</BODY></html>")
            (html / "_static" / "stil.css").write_bytes(b"body { color: red }\n</body>\n")
            (html / "_static" / "bilde.png").write_bytes(bytes(range(256)))
            melding(f"falskt bygg {self.antall}")
        finally:
            self.i_gang.clear()


@pytest.fixture
def oppsett(tmp_path):
    """Et kildetre, en falsk byggefunksjon og en forhåndsvisning som kjører (byggeløkken i en
    egen tråd); stoppes etter testen."""
    kilde = tmp_path / "kilde"
    (kilde / "book").mkdir(parents=True)
    (kilde / "book" / "intro.md").write_text("# Innledning\n")
    bygg = FalskBygg(tmp_path / "ut")
    meldinger: list[str] = []
    fv = Forhandsvisning(
        tmp_path / "ut",
        bygg,
        stier=[kilde],
        port=0,
        melding=meldinger.append,
        intervall=INTERVALL,
        stille=STILLE,
        ventetid=2.0,
    )
    fv.start()
    trad = threading.Thread(target=fv.kjor, daemon=True)
    trad.start()
    yield fv, bygg, kilde, meldinger
    fv.stopp()
    trad.join(5)
    assert not trad.is_alive()


def hent(fv: Forhandsvisning, sti: str) -> tuple[bytes, dict]:
    with urllib.request.urlopen(fv.url.rstrip("/") + sti, timeout=5) as svar:
        return svar.read(), dict(svar.headers)


def hendelse(fv: Forhandsvisning, versjon: int = -1) -> dict:
    return json.loads(hent(fv, f"{HENDELSER}?versjon={versjon}")[0])


def forste_bygg(fv, bygg) -> None:
    vent_til(lambda: hendelse(fv)["bygg"] == 1)
    assert bygg.antall == 1


# ------------------------------------------------------------------ tjeneren


def test_html_sider_far_skriptet_filene_pa_disk_gjor_ikke(oppsett):
    fv, bygg, _, _ = oppsett
    forste_bygg(fv, bygg)
    for sti, tekst in (("/", b"bygg 1"), ("/index.html", b"bygg 1"), ("/side.html", b"side")):
        innhold, hoder = hent(fv, sti)
        assert tekst in innhold
        assert innhold.count(b'<script id="forhandsvis">') == 1
        assert innhold.index(b"<script") < innhold.lower().rindex(b"</body>")
        assert b"var sidensBygg = 1," in innhold
        assert int(hoder["Content-Length"]) == len(innhold)
        assert hoder["Cache-Control"] == "no-cache"
    assert b"<script" not in (fv.html / "index.html").read_bytes()


def test_andre_filer_sendes_uendret(oppsett):
    fv, bygg, _, _ = oppsett
    forste_bygg(fv, bygg)
    for navn in ("stil.css", "bilde.png"):
        innhold, _ = hent(fv, f"/_static/{navn}")
        assert innhold == (fv.html / "_static" / navn).read_bytes()
    with pytest.raises(urllib.error.HTTPError) as feil:
        hent(fv, "/finnes-ikke.html")
    assert feil.value.code == 404


def test_venteside_til_forste_bygg_er_ferdig(tmp_path):
    bygg = FalskBygg(tmp_path / "ut")
    bygg.slipp = threading.Event()
    fv = Forhandsvisning(tmp_path / "ut", bygg, port=0, melding=lambda _: None, ventetid=2.0)
    fv.start()
    trad = threading.Thread(target=fv.kjor, daemon=True)
    trad.start()
    try:
        vent_til(bygg.i_gang.is_set)
        innhold, _ = hent(fv, "/")
        assert b"bygges" in innhold and b'<script id="forhandsvis">' in innhold
        assert hendelse(fv)["bygger"] is True
        bygg.slipp.set()
        vent_til(lambda: hendelse(fv)["bygg"] == 1)
        assert b"bygg 1" in hent(fv, "/")[0]
    finally:
        bygg.slipp.set()
        fv.stopp()
        trad.join(5)


def test_lytter_bare_pa_127_0_0_1(oppsett):
    fv, _, _, _ = oppsett
    assert fv.tjener.server_address[0] == "127.0.0.1"
    if sys.platform.startswith("linux"):  # hele 127/8 går til lo: 127.0.0.2 svarer bare med 0.0.0.0
        with pytest.raises(OSError):
            socket.create_connection(("127.0.0.2", fv.port), timeout=1).close()


def test_opptatt_port_gir_neste_ledige(tmp_path):
    with socket.socket() as opptatt:
        opptatt.bind(("127.0.0.1", 0))
        opptatt.listen()
        port = opptatt.getsockname()[1]
        meldinger: list[str] = []
        fv = Forhandsvisning(tmp_path / "ut", FalskBygg(tmp_path / "ut"), port=port, melding=meldinger.append)
        fv.start()
        try:
            assert fv.port != port
            assert meldinger == [f"Port {port} er i bruk; bruker {fv.port} i stedet."]
        finally:
            fv.stopp()


def test_alle_porter_opptatt_gir_tydelig_feil(tmp_path, monkeypatch):
    monkeypatch.setattr(fv_modul, "PORTFORSOK", 1)
    with socket.socket() as opptatt:
        opptatt.bind(("127.0.0.1", 0))
        opptatt.listen()
        port = opptatt.getsockname()[1]
        fv = Forhandsvisning(tmp_path / "ut", FalskBygg(tmp_path / "ut"), port=port)
        with pytest.raises(fv_modul.ForhandsvisFeil, match=f"portene {port}–{port} er i bruk"):
            fv.start()


# ------------------------------------------------------------------ vakten og byggene


def test_en_serie_endringer_gir_ett_bygg(oppsett):
    fv, bygg, kilde, meldinger = oppsett
    forste_bygg(fv, bygg)
    for i in range(5):  # tettere enn STILLE, men over flere runder hos vakten
        (kilde / "book" / f"kapittel{i}.md").write_text(f"tekst {i}\n")
        time.sleep(0.8 * INTERVALL)
    vent_til(lambda: hendelse(fv)["bygg"] == 2)
    time.sleep(ROLIG)
    assert bygg.antall == 2
    endret = [m for m in meldinger if m.startswith("\nEndret:")]
    assert len(endret) == 1 and "kapittel0.md" in endret[0] and "og 2 til" in endret[0]


def test_ignorerte_filer_gir_ikke_bygg(oppsett):
    fv, bygg, kilde, _ = oppsett
    forste_bygg(fv, bygg)
    bok = kilde / "book"
    for navn in (".intro.md.swp", "intro.md~", ".#intro.md", "#intro.md#", "4913"):
        (bok / navn).write_text("x")
    for katalog in ("__pycache__", ".ipynb_checkpoints"):
        (bok / katalog).mkdir()
        (bok / katalog / "noe.md").write_text("x")
    time.sleep(ROLIG)
    assert bygg.antall == 1


def test_bildet_hopper_over_ignorerte_filer(tmp_path):
    (tmp_path / "__pycache__").mkdir()
    for navn in ("a.md", "a.md.swp", "__pycache__/a.cpython-311.pyc", "b.py"):
        (tmp_path / navn).write_text("x")
    assert sorted(p.name for p in ta_bilde([tmp_path, tmp_path / "finnes-ikke"])) == ["a.md", "b.py"]
    assert ignoreres(Path("lib/.ipynb_checkpoints/x.ipynb")) and not ignoreres(Path("book/del1/x.md"))


def test_endringer_under_et_bygg_gir_ett_bygg_til(oppsett):
    fv, bygg, kilde, _ = oppsett
    forste_bygg(fv, bygg)
    bygg.slipp = threading.Event()
    (kilde / "book" / "intro.md").write_text("# Ny tittel\n")
    vent_til(bygg.i_gang.is_set)  # bygg 2 venter
    for i in range(3):
        (kilde / "book" / "intro.md").write_text(f"# Tittel {i}\n")
        time.sleep(ROLIG / 2)  # hver endring meldes for seg
    bygg.slipp.set()
    vent_til(lambda: hendelse(fv)["bygg"] == 3)
    time.sleep(ROLIG)
    assert bygg.antall == 3


def test_mislykket_bygg_beholder_siden_og_viser_feilen(oppsett):
    fv, bygg, kilde, meldinger = oppsett
    forste_bygg(fv, bygg)
    for_ = hendelse(fv)
    melding = "Jupyter Book (html) feilet:\n<b>ukjent</b> rolle & «glue»"
    bygg.feil = ByggFeil(melding)
    svar: list[dict] = []
    lang = threading.Thread(target=lambda: svar.append(hendelse(fv, for_["versjon"])))
    lang.start()  # venter på neste hendelse
    (kilde / "book" / "intro.md").write_text("# Feil\n")
    lang.join(3)
    assert svar and svar[0]["versjon"] > for_["versjon"]
    vent_til(lambda: hendelse(fv)["feil"] is not None)
    tilstand = hendelse(fv)
    assert tilstand["feil"] == melding and tilstand["bygg"] == 1 and not tilstand["bygger"]
    assert b"bygg 1" in hent(fv, "/")[0]
    assert any(melding in m for m in meldinger)
    # siden viser meldingen som tekst, aldri som HTML
    skript = fv_modul.skript(1).decode()
    assert "textContent" in skript and "innerHTML =" not in skript
    bygg.feil = None
    (kilde / "book" / "intro.md").write_text("# Rettet\n")
    vent_til(lambda: hendelse(fv)["bygg"] == 2)
    assert hendelse(fv)["feil"] is None
    assert b"bygg 3" in hent(fv, "/")[0]  # bygg 2 var det som feilet


def test_sett_inn():
    assert sett_inn(b"<p>a</p></BODY></html>", b"<s>") == b"<p>a</p><s></BODY></html>"
    assert sett_inn(b"<p></body></p></body>", b"X") == b"<p></body></p>X</body>"
    assert sett_inn(b"<p>uten body</p>", b"X") == b"<p>uten body</p>X"


# ------------------------------------------------------------------ kommandolinjen


@pytest.fixture
def signaler():
    """``cli.main`` setter egne INT- og TERM-behandlere; sett pytests tilbake etterpå."""
    lagret = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    yield
    for s, h in lagret.items():
        signal.signal(s, h)


def test_kommandoen_bygger_html_uten_pdf_og_stopper_rent_pa_ctrl_c(tmp_path, monkeypatch, capsys, signaler):
    from arsrapport.bok import cli, forhandsvis

    kall = []

    def falsk_bygg(data, ar, ut, melding):
        kall.append((data, ar, ut))
        (ut / "html").mkdir(parents=True, exist_ok=True)
        (ut / "html" / "index.html").write_text("<html><body>bok</body></html>")

    monkeypatch.setattr(forhandsvis, "byggprosess", falsk_bygg)
    (tmp_path / "data").mkdir()
    ut = tmp_path / "fv"

    def ctrl_c():
        vent_til(lambda: (ut / "html" / "index.html").is_file())
        time.sleep(0.1)
        signal.pthread_kill(threading.main_thread().ident, signal.SIGINT)

    threading.Thread(target=ctrl_c, daemon=True).start()
    rc = cli.main(["forhandsvis", "--port", "0", "--data", str(tmp_path / "data"), "--year", "2023", "--out", str(ut)])
    ut_tekst = capsys.readouterr()
    assert rc == 0, ut_tekst
    assert kall == [((tmp_path / "data").resolve(), 2023, ut.resolve())]
    assert "http://127.0.0.1:" in ut_tekst.out and ut_tekst.out.rstrip().endswith("Forhåndsvisningen er stoppet.")
    assert "Traceback" not in ut_tekst.err
    assert not [t for t in threading.enumerate() if t.name.startswith("forhandsvis-")]


def test_kommandoen_stopper_pa_en_utkatalog_som_ikke_kan_brukes(tmp_path, monkeypatch, capsys, signaler):
    from arsrapport.bok import cli, forhandsvis

    def falsk_bygg(data, ar, ut, melding):
        raise UtkatalogFeil(f"--out {ut} er en katalog som ikke er et bygg fra arsrapport")

    monkeypatch.setattr(forhandsvis, "byggprosess", falsk_bygg)
    rc = cli.main(["forhandsvis", "--port", "0", "--out", str(tmp_path / "noe")])
    feil = capsys.readouterr().err
    assert rc == 2
    assert "Feil: --out" in feil and "Traceback" not in feil
    assert not [t for t in threading.enumerate() if t.name.startswith("forhandsvis-")]


def test_byggprosessen_bygger_i_en_egen_prosess_og_melder_feilen(tmp_path):
    """Hvert bygg er en egen prosess (en endring i lib/ gjelder med én gang); en utkatalog som
    ikke kan brukes gir UtkatalogFeil (forhåndsvisningen stopper), andre feil ByggFeil."""
    from arsrapport.bok.bygg import ByggFeil
    from arsrapport.bok.forhandsvis import byggprosess
    from arsrapport.grunn.config import PROSJEKTROT

    fremmed = tmp_path / "fremmed"
    fremmed.mkdir()
    (fremmed / "notat.txt").write_text("mitt")
    meldinger: list[str] = []
    with pytest.raises(UtkatalogFeil, match="ikke er et bygg fra arsrapport"):
        byggprosess(PROSJEKTROT / "data", None, fremmed, meldinger.append)
    assert (fremmed / "notat.txt").read_text() == "mitt"
    with pytest.raises(ByggFeil, match="datakatalogen finnes ikke|finnes ikke"):
        byggprosess(tmp_path / "ingen-data", None, tmp_path / "ut", meldinger.append)
