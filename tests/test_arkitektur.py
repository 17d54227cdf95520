"""Lagene i ``lib/arsrapport`` (``docs/arkitektur.md``): én underpakke per lag; en pakke
importerer bare fra seg selv og lagene under, og ingen moduler importerer hverandre i ring.
Importer inne i funksjoner («late» importer) teller med: de skjuler en avhengighet, men fjerner
den ikke."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from arsrapport.grunn.config import PROSJEKTROT

LIB = PROSJEKTROT / "lib" / "arsrapport"
#: Alle pakkene i ``lib/`` (biblioteket og generatoren): grensen på 700 linjer gjelder dem alle.
ALLE_PAKKER = PROSJEKTROT / "lib"

#: Lagene nedenfra og opp, med pakkene i hvert. Samme tabell står i docs/arkitektur.md.
LAG: dict[str, tuple[str, ...]] = {
    "grunn": ("grunn",),
    "presentasjon": ("presentasjon",),
    "data": ("data",),
    "maal": ("maal", "regnskap"),
    "innlesing": ("innlesing",),
    "kapitler": ("kapitler",),
    "utdata": ("utdata",),
    "bok": ("bok",),
}

#: Filer rett under ``lib/arsrapport`` (utenfor lagene): pakkens forside og ``python -m``.
TOPPNIVA = {"__init__.py": "grunn", "__main__.py": "bok"}


def modulnavn(fil: Path, lib: Path = LIB) -> str:
    """``lib/arsrapport/maal/uiv.py`` → ``arsrapport.maal.uiv`` (``__init__`` → pakken)."""
    deler = list(fil.relative_to(lib).with_suffix("").parts)
    if deler[-1] == "__init__":
        deler.pop()
    return ".".join(["arsrapport", *deler])


def importer(fil: Path, moduler: set[str]) -> set[str]:
    """Modulene i ``arsrapport`` fila importerer, også inne i funksjoner. ``from pakke import
    navn`` er en import av undermodulen når den finnes, ellers av pakken."""
    ut: set[str] = set()
    for node in ast.walk(ast.parse(fil.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "arsrapport" or node.module.startswith("arsrapport."):
                for a in node.names:
                    under = f"{node.module}.{a.name}"
                    ut.add(under if under in moduler else node.module)
        elif isinstance(node, ast.Import):
            ut |= {a.name for a in node.names if a.name.startswith("arsrapport.")}
    return ut


def pakke(modul: str) -> str:
    """Laget en modul hører til er pakken rett under ``arsrapport`` (``arsrapport.maal.uiv`` →
    ``maal``); filene på toppnivået står i ``TOPPNIVA``."""
    deler = modul.split(".")
    if len(deler) == 1:
        return TOPPNIVA["__init__.py"]
    if (LIB / f"{deler[1]}.py").is_file():
        return TOPPNIVA[f"{deler[1]}.py"]
    return deler[1]


def avhengigheter(lib: Path = LIB) -> dict[str, set[str]]:
    """Hver modul → modulene i biblioteket den importerer (ikke seg selv)."""
    filer = sorted(lib.rglob("*.py"))
    moduler = {modulnavn(f, lib) for f in filer}
    return {modulnavn(f, lib): importer(f, moduler) - {modulnavn(f, lib)} for f in filer}


def _ringer(graf: dict[str, set[str]]) -> list[list[str]]:
    """De sterkt sammenhengende komponentene med mer enn én modul (Tarjan)."""
    indeks: dict[str, int] = {}
    lav: dict[str, int] = {}
    stabel: list[str] = []
    ut: list[list[str]] = []

    def besok(v: str) -> None:
        indeks[v] = lav[v] = len(indeks)
        stabel.append(v)
        for w in sorted(graf.get(v, ())):
            if w not in indeks:
                besok(w)
                lav[v] = min(lav[v], lav[w])
            elif w in stabel:
                lav[v] = min(lav[v], indeks[w])
        if lav[v] == indeks[v]:
            komponent = []
            while True:
                w = stabel.pop()
                komponent.append(w)
                if w == v:
                    break
            if len(komponent) > 1:
                ut.append(sorted(komponent))

    for v in sorted(graf):
        if v not in indeks:
            besok(v)
    return ut


def _lag_for() -> dict[str, int]:
    return {p: nr for nr, pakker in enumerate(LAG.values()) for p in pakker}


def test_hver_pakke_har_et_lag():
    pakker = {pakke(m) for m in avhengigheter()}
    assert pakker - set(_lag_for()) == set(), "legg pakken inn i LAG (og docs/arkitektur.md)"
    assert set(_lag_for()) - pakker == set(), "pakken finnes ikke lenger"


def test_bare_pakker_og_forsiden_pa_toppnivaet():
    """Nye moduler legges i laget sitt, ikke rett under ``lib/arsrapport``."""
    assert {f.name for f in LIB.glob("*.py")} == set(TOPPNIVA)


def test_importene_peker_nedover():
    lag = _lag_for()
    navn = list(LAG)
    brudd = [
        f"{modul} ({navn[lag[pakke(modul)]]}) importerer {mal} ({navn[lag[pakke(mal)]]})"
        for modul, mal_ in sorted(avhengigheter().items())
        for mal in sorted(mal_)
        if lag[pakke(mal)] > lag[pakke(modul)]
    ]
    assert not brudd, "\n".join(brudd)


def test_ingen_ringer():
    assert _ringer(avhengigheter()) == []


def test_ringfinneren_finner_en_ring_og_lagtesten_et_brudd(tmp_path):
    """Testene over kan feile: en ring på tre blir funnet, og en sen import oppover blir sett
    (også ``from pakke import undermodul``)."""
    assert _ringer({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    lib = tmp_path / "arsrapport"
    (lib / "bok").mkdir(parents=True)
    (lib / "data").mkdir()
    (lib / "bok" / "bygg.py").write_text("")
    (lib / "data" / "__init__.py").write_text("")
    (lib / "data" / "kontrakt.py").write_text(
        "def f():\n    from arsrapport.bok import bygg\n    from arsrapport.data import TABELLER\n"
    )
    graf = avhengigheter(lib)
    assert graf["arsrapport.data.kontrakt"] == {"arsrapport.bok.bygg", "arsrapport.data"}
    assert pakke("arsrapport.bok.bygg") == "bok" and _lag_for()["bok"] > _lag_for()["data"]


def test_arkitekturdokumentet_har_samme_lag():
    tekst = (PROSJEKTROT / "docs" / "arkitektur.md").read_text(encoding="utf-8")
    for lag, pakker in LAG.items():
        linje = next((rad for rad in tekst.splitlines() if rad.startswith(f"| `{lag}`")), None)
        assert linje is not None, f"laget {lag} mangler i docs/arkitektur.md"
        for p in pakker:
            assert f"`{p}/`" in linje, f"{p}/ mangler i raden for {lag} i docs/arkitektur.md"
        for modul in sorted(m for p in pakker for m in (LIB / p).glob("*.py")):
            if modul.stem != "__init__":
                assert f"`{modul.stem}`" in linje, f"{modul.stem} mangler i raden for {lag} i docs/arkitektur.md"


@pytest.mark.parametrize("fil", sorted(ALLE_PAKKER.rglob("*.py")), ids=lambda f: str(f.relative_to(ALLE_PAKKER)))
def test_ingen_modul_er_over_700_linjer(fil):
    assert len(fil.read_text(encoding="utf-8").splitlines()) <= 700
