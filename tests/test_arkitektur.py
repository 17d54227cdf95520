"""Lagene i ``lib/arsrapport`` (``docs/arkitektur.md``): en modul importerer bare fra sitt eget
lag eller lagene under, og ingen moduler importerer hverandre i ring. Importer inne i
funksjoner («late» importer) teller med: de skjuler en avhengighet, men fjerner den ikke."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from arsrapport.config import PROSJEKTROT

LIB = PROSJEKTROT / "lib" / "arsrapport"

#: Lagene nedenfra og opp, med modulene i hvert. Samme tabell står i docs/arkitektur.md.
LAG: dict[str, tuple[str, ...]] = {
    "grunn": ("config", "kontrakt", "minne", "prosesser", "formatering", "idledd"),
    "deklarasjoner": ("tallspek", "regnearkspek", "tabeller", "diagrammer"),
    "data": ("brudd", "fillesing"),
    "maal": ("saksbehandling", "rettssaker", "uiv", "prioritet", "portefolje", "styringsparametere", "regnskap"),
    "kontroll": ("kontroll", "innlesing"),
    "kapitler": (
        "kapittel_3_1",
        "kapittel_3_2",
        "produktivitet",
        "prioriterte_saker",
        "vedlegg_statistikk",
        "avstemming",
        "kapitler",
    ),
    "utdata": ("tallkatalog", "nummerering", "eksport", "regneark", "bokreferanser", "tallsok"),
    "bok": ("hurtiglager", "sphinxtillegg", "skjermtillegg", "bygg", "forhandsvis", "cli"),
}

#: Importer som ennå går oppover (og ringen de lager), med grunnen. Lista skal bli tom; testen
#: feiler både for et nytt brudd og når et av disse er rettet uten at lista er oppdatert.
KJENTE_BRUDD: dict[tuple[str, str], str] = {}


def _lag_for() -> dict[str, int]:
    return {modul: nr for nr, moduler in enumerate(LAG.values()) for modul in moduler}


def importer(fil: Path) -> set[str]:
    """Modulene i ``arsrapport`` fila importerer, også inne i funksjoner."""
    ut: set[str] = set()
    for node in ast.walk(ast.parse(fil.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "arsrapport":
                ut |= {a.name for a in node.names}
            elif node.module.startswith("arsrapport."):
                ut.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            ut |= {a.name.split(".")[1] for a in node.names if a.name.startswith("arsrapport.")}
    return ut


def _enhet(fil: Path) -> str:
    """Modulen eller underpakken fila hører til (``regnskap/note_b.py`` → ``regnskap``)."""
    return fil.relative_to(LIB).parts[0].removesuffix(".py")


def avhengigheter() -> dict[str, set[str]]:
    """Hver modul (en underpakke regnes som én) → modulene den importerer utenfor seg selv."""
    ut: dict[str, set[str]] = {}
    for f in sorted(LIB.rglob("*.py")):
        if f.parent == LIB and f.stem == "__init__":
            continue
        enhet = _enhet(f)
        ut.setdefault(enhet, set()).update(importer(f) - {enhet})
    return ut


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


def test_hver_modul_har_et_lag():
    moduler = set(avhengigheter())
    plassert = set(_lag_for())
    assert moduler - plassert == set(), "legg modulen inn i LAG (og docs/arkitektur.md)"
    assert plassert - moduler == set(), "modulen finnes ikke lenger"


def test_importene_peker_nedover():
    lag = _lag_for()
    navn = list(LAG)
    brudd = {
        (modul, mal): f"{modul} ({navn[lag[modul]]}) importerer {mal} ({navn[lag[mal]]})"
        for modul, mal_ in avhengigheter().items()
        for mal in mal_
        if lag[mal] > lag[modul]
    }
    nye = {k: v for k, v in brudd.items() if k not in KJENTE_BRUDD}
    assert not nye, "\n".join(nye.values())
    rettet = set(KJENTE_BRUDD) - set(brudd)
    assert not rettet, f"rettet: fjern {sorted(rettet)} fra KJENTE_BRUDD"


def test_ingen_ringer_utenom_de_kjente_bruddene():
    graf = avhengigheter()
    for modul, mal in KJENTE_BRUDD:
        graf[modul].discard(mal)
    assert _ringer(graf) == []


def test_ringfinneren_finner_en_ring_og_lagtesten_et_brudd(tmp_path):
    """Testene over kan feile: en ring på tre og en import oppover blir funnet."""
    assert _ringer({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    fil = tmp_path / "x.py"
    fil.write_text("def f():\n    from arsrapport import bygg\n    from arsrapport.kontrakt import TABELLER\n")
    assert importer(fil) == {"bygg", "kontrakt"}


def test_arkitekturdokumentet_har_samme_lag():
    tekst = (PROSJEKTROT / "docs" / "arkitektur.md").read_text(encoding="utf-8")
    for lag, moduler in LAG.items():
        linje = next((rad for rad in tekst.splitlines() if rad.startswith(f"| `{lag}`")), None)
        assert linje is not None, f"laget {lag} mangler i docs/arkitektur.md"
        for modul in moduler:
            assert f"`{modul}`" in linje, f"{modul} mangler i raden for {lag} i docs/arkitektur.md"


#: Moduler som ennå er for store og skal deles (streng: testen feiler når en av dem er delt
#: og står her fortsatt).
FOR_STORE: set[str] = set()


def test_de_for_store_finnes():
    assert {f.stem for f in LIB.glob("*.py")} >= FOR_STORE


@pytest.mark.parametrize(
    "fil",
    [
        pytest.param(
            f,
            id=str(f.relative_to(LIB)),
            marks=[pytest.mark.xfail(strict=True, reason="skal deles")] if f.stem in FOR_STORE else [],
        )
        for f in sorted(LIB.rglob("*.py"))
    ],
)
def test_ingen_modul_er_over_700_linjer(fil):
    assert len(fil.read_text(encoding="utf-8").splitlines()) <= 700
