"""Hurtiglageret (:mod:`arsrapport.bok.hurtiglager`): nøkler, synkronisering av bokas kilder,
lagring og henting av kjøringer, låsen og oppryddingen. Byggene som gjenbruker lageret, og
at de gir de samme bytene som et bygg fra bunnen, testes i ``test_bygg_gjenbruk.py``."""

from __future__ import annotations

import os
import threading
import time

import pytest

from arsrapport.bok import hurtiglager as hl
from arsrapport.bok.hurtiglager import Hurtiglager, katalogsum, nokkel, skriv_hvis_endret, synkroniser


def test_nokkel_skiller_rekkefolge_og_grenser():
    assert nokkel("a", "b") == nokkel("a", "b")
    assert nokkel("a", "b") != nokkel("b", "a")
    # lengden er med i summen: «ab»+«c» er ikke «a»+«bc»
    assert nokkel("ab", "c") != nokkel("a", "bc")
    assert nokkel("a") != nokkel(b"a", "")


def test_formatet_er_med_i_nokkelen(monkeypatch):
    for_ = nokkel("x")
    monkeypatch.setattr(hl, "FORMAT", "999")
    assert nokkel("x") != for_


def test_katalogsum_ser_innhold_og_navn_men_ikke_pycache(tmp_path):
    (tmp_path / "a.py").write_text("x = 1\n")
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "a.pyc").write_bytes(b"\0")
    forste = katalogsum(tmp_path)
    (tmp_path / "__pycache__" / "a.pyc").write_bytes(b"\1")
    assert katalogsum(tmp_path) == forste
    (tmp_path / "a.py").write_text("x = 2\n")
    assert katalogsum(tmp_path) != forste
    (tmp_path / "a.py").write_text("x = 1\n")
    assert katalogsum(tmp_path) == forste
    (tmp_path / "a.py").rename(tmp_path / "b.py")
    assert katalogsum(tmp_path) != forste


def test_skriv_hvis_endret_ror_ikke_lik_fil(tmp_path):
    fil = tmp_path / "k" / "side.md"
    assert skriv_hvis_endret(fil, b"tekst") is True
    gammel = time.time() - 100
    os.utime(fil, (gammel, gammel))
    assert skriv_hvis_endret(fil, b"tekst") is False
    assert fil.stat().st_mtime == pytest.approx(gammel)  # Sphinx ser den som uendret
    assert skriv_hvis_endret(fil, b"tekst!") is True
    assert fil.read_bytes() == b"tekst!"
    assert not list(fil.parent.glob(".*.tmp"))


def test_synkroniser_skriver_endret_fjerner_foreldet_og_melder_ny_filliste(tmp_path):
    kat = tmp_path / "bok"
    assert synkroniser({"a.md": b"A", "d/b.md": b"B"}, kat) == (2, True)
    assert synkroniser({"a.md": b"A", "d/b.md": b"B"}, kat) == (0, False)
    assert synkroniser({"a.md": b"A2", "d/b.md": b"B"}, kat) == (1, False)
    assert synkroniser({"a.md": b"A2"}, kat) == (0, True)
    assert not (kat / "d").exists()  # tom katalog fjernet
    # oversettelsene Sphinx kompilerer inn i kildekatalogen står i fred
    (kat / "locales").mkdir()
    (kat / "locales" / "sphinx.mo").write_bytes(b"mo")
    assert synkroniser({"a.md": b"A2"}, kat) == (0, False)
    assert (kat / "locales" / "sphinx.mo").is_file()


def _kjoring(tmp_path, navn="x"):
    nb = tmp_path / f"{navn}.ipynb"
    nb.write_text("{}")
    res = tmp_path / f"{navn}.resultat.pickle"
    res.write_bytes(b"resultat")
    return [nb, res]


def test_lagre_og_hent_kjoring(tmp_path):
    lager = Hurtiglager(tmp_path / "lager")
    assert lager.hent("kap", "n1", tmp_path / "til") is None
    lager.lagre("kap", "n1", _kjoring(tmp_path))
    hentet = lager.hent("kap", "n1", tmp_path / "til")
    assert sorted(p.name for p in hentet) == ["x.ipynb", "x.resultat.pickle"]
    assert (tmp_path / "til" / "x.resultat.pickle").read_bytes() == b"resultat"
    assert lager.hent("kap", "n2", tmp_path / "til2") is None


def test_halvferdig_kjoring_brukes_ikke(tmp_path):
    """En kjøring uten ``.ferdig`` (bygget ble drept mens den ble lagret) finnes ikke."""
    lager = Hurtiglager(tmp_path / "lager")
    halv = tmp_path / "lager" / "kapitler" / "kap" / "n1"
    halv.mkdir(parents=True)
    (halv / "x.ipynb").write_text("{}")
    assert lager.hent("kap", "n1", tmp_path / "til") is None
    lager.lagre("kap", "n1", _kjoring(tmp_path))  # erstatter den halve
    assert lager.hent("kap", "n1", tmp_path / "til") is not None


def test_rydder_eldre_kjoringer_per_kapittel(tmp_path):
    lager = Hurtiglager(tmp_path / "lager")
    filer = _kjoring(tmp_path)
    for i in range(hl.BEHOLD_PER_KAPITTEL + 2):
        lager.lagre("kap", f"n{i}", filer)
        ferdig = tmp_path / "lager" / "kapitler" / "kap" / f"n{i}" / ".ferdig"
        os.utime(ferdig, (1000 + i, 1000 + i))
    lager.lagre("kap", "siste", filer)
    igjen = sorted(p.name for p in (tmp_path / "lager" / "kapitler" / "kap").iterdir())
    assert len(igjen) == hl.BEHOLD_PER_KAPITTEL
    assert "siste" in igjen and "n0" not in igjen and "n1" not in igjen


def test_sphinxkatalog_fra_et_avbrutt_bygg_kastes(tmp_path):
    lager = Hurtiglager(tmp_path / "lager")
    kat = lager.sphinx("html")
    (kat / "_build").mkdir()
    (kat / "_build" / "gammel.html").write_text("x")
    assert (lager.sphinx("html") / "_build" / "gammel.html").is_file()  # fullført: beholdes
    (kat / hl.UFERDIG).write_text("123")
    assert not (lager.sphinx("html") / "_build").exists()


def test_laasen_slipper_ett_bygg_til_om_gangen(tmp_path):
    lager = Hurtiglager(tmp_path / "lager")
    hendelser: list[str] = []
    inne = threading.Event()

    def annet_bygg():
        inne.wait(5)
        with Hurtiglager(tmp_path / "lager").las(hendelser.append):
            hendelser.append("annet inne")

    t = threading.Thread(target=annet_bygg)
    t.start()
    with lager.las():
        inne.set()
        time.sleep(0.3)
        hendelser.append("første ferdig")
    t.join(5)
    assert hendelser[-2:] == ["første ferdig", "annet inne"]
    assert any("venter på et annet bygg" in h for h in hendelser)


def test_standardkatalog_fra_miljoet(monkeypatch, tmp_path):
    monkeypatch.setenv(hl.MILJOVARIABEL, str(tmp_path / "her"))
    assert hl.standardkatalog() == (tmp_path / "her").resolve()
    monkeypatch.delenv(hl.MILJOVARIABEL)
    assert hl.standardkatalog().name == ".hurtiglager"


def test_sphinxkatalogen_bygges_fra_bunnen_naar_koden_er_endret(tmp_path, monkeypatch):
    """Sphinx ser bare kildene; er koden (Sphinx-tillegget) eller miljøet endret, kastes det
    Sphinx bygget før, så ingen side står igjen skrevet av den gamle koden."""
    import subprocess

    from arsrapport.bok import bygg
    from arsrapport.bok.bygg import jupyterbook

    kat = tmp_path / "html"
    (kat / "_build" / "html").mkdir(parents=True)
    gammel = kat / "_build" / "html" / "side.html"
    kjort = []

    def falsk_jupyter_book(cmd, **_):
        kjort.append(cmd)
        return subprocess.CompletedProcess(cmd, 0, "reading sources... [100%] side\n", "")

    monkeypatch.setattr(jupyterbook.subprocess, "run", falsk_jupyter_book)
    tid = bygg.Kildetid(0, "test")
    for kode, finnes_etterpa in (("kode-1", False), ("kode-1", True), ("kode-2", False)):
        gammel.parent.mkdir(parents=True, exist_ok=True)
        gammel.write_text("skrevet av forrige kode")
        monkeypatch.setattr(jupyterbook, "kodesum", lambda rot=None, k=kode: k)
        jupyterbook._jupyter_book(tmp_path / "bok", kat, "html", f"avtrykk-{len(kjort)}", lambda _: None, tid)
        assert gammel.exists() is finnes_etterpa, kode
    assert len(kjort) == 3
