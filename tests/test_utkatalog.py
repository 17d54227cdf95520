"""Bygget mister aldri noe brukeren eier: ``--out`` som ikke er et bygg herfra avvises, et
avbrutt bygg (TERM, INT) rydder etter seg og lar forrige bygg stå, og et drept bygg (KILL)
ryddes av neste kjøring. ``generate`` skriver ikke over et uttrekk uten ``--erstatt``.

Kommandolinjetestene kjører i midlertidige kataloger, med en kopi av dataene."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from test_cli import IKKE_SKREVET, _avtrykk, _kommando, arsrapport

from arsrapport.bok.bygg import BYGGMERKE, STAGEMERKE, UtkatalogFeil, kontroller_utkatalog, rydd_etter_avbrutte_bygg
from arsrapport.data.kontrakt import TABELLER
from arsrapport.grunn.config import PROSJEKTROT
from arsrapport.grunn.prosesser import etterkommere, lever

DATA = PROSJEKTROT / "data"
IKKE_RORT = "Ingenting er skrevet eller slettet."


@pytest.fixture
def kopi(tmp_path) -> Path:
    return Path(shutil.copytree(DATA, tmp_path / "data"))


# ------------------------------------------------------------------ hvilke utkataloger som godtas


def test_utkatalog_som_godtas(tmp_path):
    kontroller_utkatalog(tmp_path / "ny")  # finnes ikke
    (tmp_path / "tom").mkdir()
    kontroller_utkatalog(tmp_path / "tom")
    merket = tmp_path / "merket"
    (merket / "html").mkdir(parents=True)
    (merket / BYGGMERKE).write_text("")
    (merket / "noe-brukeren-la-der.txt").write_text("x")  # et merket bygg er vårt, hele
    kontroller_utkatalog(merket)
    eldre = tmp_path / "eldre"  # et bygg fra før merket fantes
    (eldre / "notatboker").mkdir(parents=True)
    (eldre / "figures.json").write_text("{}")
    (eldre / "tabeller.xlsx").write_text("")
    kontroller_utkatalog(eldre)


@pytest.mark.parametrize(
    "lag, ord_",
    [
        pytest.param(
            lambda d: (d.mkdir(), (d / "saker.csv").write_text("sak_id\n")), "saker.csv", id="fremmed-katalog"
        ),
        pytest.param(lambda d: d.write_text("notat"), "ikke en katalog", id="fil"),
        pytest.param(
            lambda d: (d.mkdir(), (d / "figures.json").write_text("{}"), (d / "rapport.docx").write_text("")),
            "rapport.docx",
            id="eldre-bygg-med-fremmed-fil",
        ),
    ],
)
def test_utkatalog_som_avvises(tmp_path, lag, ord_):
    ut = tmp_path / "ut"
    lag(ut)
    with pytest.raises(UtkatalogFeil, match=ord_):
        kontroller_utkatalog(ut)


def test_utkatalog_i_eller_rundt_dataene_og_prosjektet_avvises(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for ut, hvor in ((data, "er"), (data / "ut", "ligger i"), (tmp_path, "inneholder")):
        with pytest.raises(UtkatalogFeil, match=hvor):
            kontroller_utkatalog(ut, [data])
    for ut in (PROSJEKTROT, PROSJEKTROT.parent):
        with pytest.raises(UtkatalogFeil, match="prosjektroten"):
            kontroller_utkatalog(ut)


# ------------------------------------------------------------------ kommandolinjen rører ingenting


def test_out_lik_data_sletter_ikke_dataene(kopi):
    for_ = _avtrykk(kopi)
    k = arsrapport("figures", "--data", kopi, "--out", kopi)
    assert k.rc == 2, str(k)
    assert "Traceback" not in k.tekst
    assert f"--out {kopi} er {kopi}" in k.stderr and IKKE_RORT in k.stderr, str(k)
    assert IKKE_SKREVET not in k.stderr  # det finnes ikke noe «forrige bygg» å vise til
    assert _avtrykk(kopi) == for_


@pytest.mark.parametrize("hva", ["fil", "fremmed-katalog"])
def test_out_som_ikke_er_et_bygg_avvises(tmp_path, hva):
    ut = tmp_path / "rapport"
    if hva == "fil":
        ut.write_text("mitt notat")
    else:
        ut.mkdir()
        (ut / "notat.txt").write_text("mitt notat")
    for_ = _avtrykk(tmp_path)
    k = arsrapport("figures", "--out", ut)
    assert k.rc == 2 and IKKE_RORT in k.stderr and IKKE_SKREVET not in k.stderr, str(k)
    assert _avtrykk(tmp_path) == for_
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rapport"]


# ------------------------------------------------------------------ rydding etter drepte bygg


def _dod_pid() -> int:
    p = subprocess.Popen(["true"])
    p.wait()
    return p.pid


def test_rydder_bare_egne_kataloger_fra_prosesser_som_er_borte(tmp_path):
    ut = tmp_path / "_build"
    dod, lever, fremmed, annet = (tmp_path / n for n in ("._build-dod", "._build-lever", "._build-fremmed", ".annet-x"))
    for kat in (dod, lever, fremmed, annet):
        (kat / "notatboker").mkdir(parents=True)
    (dod / STAGEMERKE).write_text(f"{_dod_pid()}\n")
    (lever / STAGEMERKE).write_text(f"{os.getpid()}\n")
    (annet / STAGEMERKE).write_text(f"{_dod_pid()}\n")  # hører til en annen utkatalog
    meldinger = []
    rydd_etter_avbrutte_bygg(ut, meldinger.append)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["._build-fremmed", "._build-lever", ".annet-x"]
    assert meldinger == ["  ryddet bort ._build-dod etter et avbrutt bygg"]


def test_forrige_bygg_settes_tilbake_etter_kill_mellom_omdopingene(tmp_path):
    ut = tmp_path / "_build"
    forrige = tmp_path / "._build-forrige"
    forrige.mkdir()
    (forrige / BYGGMERKE).write_text("")
    (forrige / "figures.json").write_text("{}")
    rydd_etter_avbrutte_bygg(ut)
    assert (ut / "figures.json").read_text() == "{}" and not forrige.exists()
    # finnes både ut og -forrige, var det nye bygget alt på plass: -forrige fjernes
    forrige.mkdir()
    (forrige / BYGGMERKE).write_text("")
    rydd_etter_avbrutte_bygg(ut)
    assert not forrige.exists() and (ut / "figures.json").exists()


def _start_bygg(data: Path, ut: Path, lager: Path) -> subprocess.Popen:
    """Et bygg (uten PDF) med et tomt hurtiglager, så notatbøkene faktisk kjøres."""
    import os

    from arsrapport.bok.hurtiglager import MILJOVARIABEL

    return subprocess.Popen(
        [*_kommando(), "build", "--no-pdf", "--data", str(data), "--out", str(ut)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env={**os.environ, MILJOVARIABEL: str(lager)},
    )


def _vent_til_notatbokene_kjorer(p: subprocess.Popen, ut: Path, frist: float = 120) -> list[int]:
    """Vent til bygget har en midlertidig katalog og minst én kjerne; gir etterkommerne."""
    slutt = time.monotonic() + frist
    while time.monotonic() < slutt:
        assert p.poll() is None, "bygget avsluttet før det kunne avbrytes"
        barn = etterkommere(p.pid)
        if list(ut.parent.glob(f".{ut.name}-*")) and barn:
            time.sleep(1.0)  # la kjernene komme i gang med cellene
            return etterkommere(p.pid)
        time.sleep(0.2)
    raise AssertionError("bygget startet aldri notatbøkene")


@pytest.fixture(scope="module")
def forrige(tmp_path_factory) -> Path:
    """Et vellykket ``figures``-bygg som de avbrutte byggene skal la stå."""
    ut = tmp_path_factory.mktemp("avbrutt") / "_build"
    k = arsrapport("figures", "--out", ut, timeout=900)
    assert k.rc == 0, str(k)
    return ut


def test_term_rydder_stopper_kjernene_og_lar_forrige_bygg_sta(forrige, tmp_path):
    for_ = _avtrykk(forrige)
    p = _start_bygg(DATA, forrige, tmp_path / "lager")
    barn = _vent_til_notatbokene_kjorer(p, forrige)
    start = time.monotonic()
    p.send_signal(signal.SIGTERM)
    stdout, stderr = p.communicate(timeout=60)
    assert p.returncode == 128 + signal.SIGTERM, stderr
    assert time.monotonic() - start < 20, "bygget brukte for lang tid på å avslutte"
    assert "Avbrutt (TERM)." in stderr and IKKE_SKREVET in stderr, stderr
    assert "Traceback" not in stderr
    assert _avtrykk(forrige) == for_
    assert sorted(p.name for p in forrige.parent.iterdir()) == ["_build"], "den midlertidige katalogen ble liggende"
    time.sleep(0.5)
    assert not [b for b in barn if lever(b)], "kjerner eller andre prosesser lever videre"


def test_kill_etterlater_en_katalog_som_neste_kjoring_rydder(forrige, kopi, tmp_path):
    for_ = _avtrykk(forrige)
    p = _start_bygg(DATA, forrige, tmp_path / "lager")
    barn = _vent_til_notatbokene_kjorer(p, forrige)
    p.kill()
    p.communicate(timeout=60)
    igjen = list(forrige.parent.glob("._build-*"))
    assert igjen, "KILL skal ikke kunne rydde; testen forutsetter en katalog som blir liggende"
    # kjernene merker at forelderen er borte og avslutter selv (ipykernels foreldrevakt)
    frist = time.monotonic() + 15
    while [b for b in barn if lever(b)] and time.monotonic() < frist:
        time.sleep(0.2)
    assert not [b for b in barn if lever(b)], "kjernene lever etter at bygget ble drept"
    # neste kjøring rydder, også når den stopper på et ødelagt uttrekk
    (kopi / "uiv.csv").unlink()
    k = arsrapport("figures", "--data", kopi, "--out", forrige)
    assert k.rc == 1, str(k)
    assert sorted(p.name for p in forrige.parent.iterdir()) == ["_build"], str(k)
    assert _avtrykk(forrige) == for_


# ------------------------------------------------------------------ generate


def test_generate_skriver_ikke_over_et_uttrekk(kopi):
    for_ = _avtrykk(kopi)
    k = arsrapport("generate", "--out", kopi)
    assert k.rc == 2 and "er ikke tom" in k.stderr and "--erstatt" in k.stderr and IKKE_RORT in k.stderr, str(k)
    assert _avtrykk(kopi) == for_
    (kopi / "saker.xlsx").write_bytes(b"")  # med --erstatt: en xlsx ved siden av slettes aldri
    k = arsrapport("generate", "--out", kopi, "--erstatt")
    assert k.rc == 2 and "saker.xlsx" in k.stderr, str(k)
    assert (kopi / "saker.xlsx").exists() and _avtrykk(kopi) == {**for_, "saker.xlsx": _avtrykk(kopi)["saker.xlsx"]}


def test_generate_erstatt_bytter_bare_csv_filene(tmp_path):
    ut = tmp_path / "uttrekk"
    ut.mkdir()
    (ut / "LESMEG.txt").write_text("mitt")
    (ut / "saker.csv").write_text("gammel\n")
    k = arsrapport("generate", "--out", ut, "--seed", 7, "--erstatt")
    assert k.rc == 0, str(k)
    assert (ut / "LESMEG.txt").read_text() == "mitt"
    assert sorted(p.name for p in ut.iterdir()) == sorted(["LESMEG.txt", *(f"{n}.csv" for n in TABELLER)])
    assert (ut / "saker.csv").read_text().startswith("sak_id,")
