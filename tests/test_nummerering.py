"""``arsrapport.utdata.nummerering``: tabell- og figurnumrene slik Sphinx setter dem, på små,
håndlagde bøker (``_toc.yml`` og sider i ``tmp_path``). At numrene er de samme som i den
bygde boka, testes i ``test_bygg.py``."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from arsrapport.utdata import nummerering
from arsrapport.utdata.nummerering import NUMFIG_FORMAT, numfig_format, nummerer, sider


def _skriv(rot: Path, filer: dict[str, str]) -> Path:
    for navn, tekst in filer.items():
        sti = rot / navn
        sti.parent.mkdir(parents=True, exist_ok=True)
        sti.write_text(textwrap.dedent(tekst).lstrip("\n"), encoding="utf-8")
    return rot


def _tabell(navn: str, tekst: str, merke: str | None = None) -> str:
    opsjon = f":name: {merke}\n" if merke else ""
    return f"````{{table}} {tekst}\n{opsjon}\n```{{include}} ../tabeller/{navn}.md\n```\n````\n"


def _figur(navn: str, tekst: str, merke: str | None = None) -> str:
    opsjon = f":name: {merke}\n" if merke else ""
    return f"```{{figure}} ../figurer/{navn}.png\n{opsjon}\n{tekst}\n```\n"


TOC = """
format: jb-book
root: intro
parts:
  - caption: Del I
    chapters:
      - file: del1/a
        sections:
          - file: del1/a_1
      - file: del1/b
  - caption: Del II
    chapters:
      - file: del2/c
"""


@pytest.fixture
def bok(tmp_path) -> Path:
    return _skriv(
        tmp_path,
        {
            "_toc.yml": TOC,
            "intro.md": "# Innledning\n\n" + _figur("fig-forside", "Forsiden."),
            "del1/a.md": "(kap-a)=\n# 1 Kapittel A\n\nTekst.\n\n"
            + _tabell("tab-a1", "Første tabell.", "tab-a1")
            + "\n"
            + _figur("fig-a1", "Første figur i A.", "fig-a1")
            + "\n"
            + _tabell("tab-a2", "Andre tabell.", "tab-a2"),
            "del1/a_1.md": "# 1.1 Underkapittel\n\n" + _tabell("tab-a11", "Tabell i underkapitlet."),
            "del1/b.md": "# 2 Kapittel B\n\n" + _figur("fig-b1", "Figur i B.") + _tabell("tab-b1", "Tabell i B."),
            "del2/c.md": "# Del II Kapittel C\n\n" + _tabell("tab-c1", "Siste tabell."),
        },
    )


def test_sider_i_toc_rekkefolge_dybde_forst(bok):
    assert sider(bok / "_toc.yml") == ["intro", "del1/a", "del1/a_1", "del1/b", "del2/c"]


def test_numre_fortlopende_per_type_i_bokas_rekkefolge(bok):
    numre = nummerer(bok)
    assert [(n.navn, n.kilde) for n in numre] == [
        ("Figur 1", "fig-forside"),
        ("Tabell 1", "tab-a1"),
        ("Figur 2", "fig-a1"),
        ("Tabell 2", "tab-a2"),
        ("Tabell 3", "tab-a11"),  # underkapitlet etter kapitlet sitt
        ("Figur 3", "fig-b1"),
        ("Tabell 4", "tab-b1"),
        ("Tabell 5", "tab-c1"),
    ]
    assert [n.rekkefolge for n in numre] == list(range(8))
    a1 = numre[1]
    assert (a1.type, a1.nummer, a1.tekst, a1.merke, a1.side, a1.kapittel) == (
        "tabell",
        1,
        "Første tabell.",
        "tab-a1",
        "del1/a",
        "1 Kapittel A",
    )
    assert numre[2].tekst == "Første figur i A."
    assert numre[4].kapittel == "1.1 Underkapittel" and numre[4].merke is None


def test_uten_tekst_ingen_nummer_og_kodeblokker_teller_ikke(tmp_path):
    bok = _skriv(
        tmp_path,
        {
            "_toc.yml": "format: jb-book\nroot: intro\n",
            "intro.md": """
                # Tittel

                ```{figure} ../figurer/fig-uten-tekst.png
                :name: fig-uten
                ```

                ````{table}
                ```{include} ../tabeller/tab-uten-tekst.md
                ```
                ````

                ````markdown
                ```{figure} ../figurer/fig-eksempel.png
                Bare et eksempel i en kodeblokk.
                ```
                ````

                ```python
                # {table} i kode teller ikke
                ```

                | a | b |
                |---|---|
                | 1 | 2 |

                ```{figure} ../figurer/fig-med-tekst.png
                :name: fig-med
                :width: 80%

                Figuren med tekst.
                ```
            """,
        },
    )
    assert [(n.navn, n.kilde) for n in nummerer(bok)] == [("Figur 1", "fig-med-tekst")]


def test_kolonstengsel_nestede_direktiver_yaml_og_andre_tabelltyper(tmp_path):
    bok = _skriv(
        tmp_path,
        {
            "_toc.yml": "format: jb-book\nroot: intro\n",
            "intro.md": """
                # Tittel

                :::{figure} ../figurer/fig-kolon.png
                ---
                name: fig-kolon
                width: 50%
                ---
                Figur i kolonstengsel,
                over to linjer.
                :::

                `````{admonition} Merk
                ````{table} Tabell i en merknad.
                :name: tab-i-merknad

                ```{include} ../tabeller/tab-i-merknad.md
                ```
                ````
                `````

                ```{list-table} Listetabell.
                :header-rows: 1

                * - a
                  - b
                ```

                ```{glue:figure} ../beregninger/nb.ipynb::fig-limt
                :name: fig-limt

                Limt figur.
                ```
            """,
        },
    )
    numre = nummerer(bok)
    assert [(n.navn, n.kilde, n.merke, n.tekst) for n in numre] == [
        ("Figur 1", "fig-kolon", "fig-kolon", "Figur i kolonstengsel, over to linjer."),
        ("Tabell 1", "tab-i-merknad", "tab-i-merknad", "Tabell i en merknad."),
        ("Tabell 2", None, None, "Listetabell."),
        ("Figur 2", "fig-limt", "fig-limt", "Limt figur."),
    ]


def test_teksten_renses_og_numref_blir_nummeret(tmp_path):
    bok = _skriv(
        tmp_path,
        {
            "_toc.yml": "format: jb-book\nroot: intro\nchapters:\n  - file: b\n",
            "intro.md": "# T\n\n"
            + _tabell("tab-x", "Tall som i {numref}`fig-y` og **uthevet** *kursiv* `kode`.", "tab-x"),
            "b.md": "# B\n\n"
            + _figur(
                "fig-y", "Se {numref}`Tabell %s <tab-x>`, [lenke](https://une.no) og {ref}`kapitlet <kap-b>`.", "fig-y"
            ),
        },
    )
    tab, fig = nummerer(bok)
    assert tab.tekst == "Tall som i Figur 1 og uthevet kursiv kode."
    assert fig.tekst == "Se Tabell 1, lenke og kapitlet."


def test_limt_tekst_i_bildeteksten_blir_verdien(tmp_path):
    """Kildelinjens uttrekksdato er limt inn; regnearket skal vise datoen, ikke lim-rollen."""
    rolle = "{glue:text}`../beregninger/a.ipynb::t.uttrekksdato:s`"
    bok = _skriv(
        tmp_path,
        {
            "_toc.yml": "format: jb-book\nroot: intro\n",
            "intro.md": "# T\n\n" + _tabell("tab-x", f"Tall. Kilde: registeret, uttrekk {rolle}.", "tab-x"),
        },
    )
    (tab,) = nummerer(bok, limt={"t.uttrekksdato": "15.02.2024"})
    assert tab.tekst == "Tall. Kilde: registeret, uttrekk 15.02.2024."
    with pytest.raises(ValueError, match="t.uttrekksdato"):
        nummerer(bok, limt={})


def test_include_av_markdown_utenfor_tabellene(tmp_path):
    bok = _skriv(
        tmp_path,
        {
            "_toc.yml": "format: jb-book\nroot: intro\n",
            "intro.md": "# T\n\n"
            + _figur("fig-a", "A.")
            + "\n```{include} deler/felles.md\n```\n\n"
            + _figur("fig-c", "C."),
            "deler/felles.md": _figur("fig-b", "B fra en inkludert fil."),
        },
    )
    assert [(n.navn, n.kilde) for n in nummerer(bok)] == [
        ("Figur 1", "fig-a"),
        ("Figur 2", "fig-b"),
        ("Figur 3", "fig-c"),
    ]


def test_notatbokside_og_beregninger_fra_notatbokkatalogen(tmp_path):
    bok = _skriv(
        tmp_path / "book",
        {
            "_toc.yml": "format: jb-book\nroot: intro\nchapters:\n  - file: nb/side\n  - file: beregninger/kapittel\n",
            "intro.md": "# T\n",
        },
    )
    celler = [
        {"cell_type": "markdown", "source": ["# Notatbokside\n"]},
        {"cell_type": "code", "source": "# ```{figure} teller ikke i kode\n", "outputs": []},
        {"cell_type": "markdown", "source": _figur("fig-nb", "Figur i en notatbok.")},
    ]
    (bok / "nb").mkdir()
    (bok / "nb" / "side.ipynb").write_text(json.dumps({"cells": celler}), encoding="utf-8")
    notatboker = tmp_path / "notebooks"
    notatboker.mkdir()
    (notatboker / "kapittel.ipynb").write_text(
        json.dumps({"cells": [{"cell_type": "markdown", "source": "# K\n\n" + _tabell("tab-k", "Fra beregningene.")}]}),
        encoding="utf-8",
    )
    numre = nummerer(bok, notatboker)
    assert [(n.navn, n.kilde, n.side, n.kapittel) for n in numre] == [
        ("Figur 1", "fig-nb", "nb/side", "Notatbokside"),
        ("Tabell 1", "tab-k", "beregninger/kapittel", "K"),
    ]
    with pytest.raises(FileNotFoundError, match="beregninger/kapittel"):
        nummerer(bok)  # uten notatbokkatalogen finnes ikke siden


@pytest.mark.parametrize(
    "toc, melding",
    [
        ("format: jb-book\nroot: intro\ndefaults:\n  numbered: true\n", "numbered"),
        (
            "format: jb-book\nroot: intro\nparts:\n  - caption: A\n    numbered: true\n    chapters:\n      - file: intro\n",
            "numbered",
        ),
        ("format: jb-book\nroot: intro\nchapters:\n  - glob: del*/*\n", "glob"),
        ("format: jb-book\nchapters:\n  - file: a\n", "root"),
    ],
)
def test_innholdsfortegnelse_som_ikke_stottes(tmp_path, toc, melding):
    bok = _skriv(tmp_path, {"_toc.yml": toc, "intro.md": "# T\n"})
    with pytest.raises(ValueError, match=melding):
        nummerer(bok)


def test_manglende_side(tmp_path):
    bok = _skriv(
        tmp_path, {"_toc.yml": "format: jb-book\nroot: intro\nchapters:\n  - file: borte\n", "intro.md": "# T\n"}
    )
    with pytest.raises(FileNotFoundError, match="borte"):
        nummerer(bok)


def test_numfig_format_fra_oppsettet(tmp_path, bok):
    config = tmp_path / "_config.yml"
    config.write_text(
        "sphinx:\n  config:\n    numfig: true\n    numfig_format:\n      table: 'Tab. %s'\n      figure: 'Fig. %s'\n",
        encoding="utf-8",
    )
    assert numfig_format(None) == NUMFIG_FORMAT == {"tabell": "Tabell %s", "figur": "Figur %s"}
    assert numfig_format(config) == {"tabell": "Tab. %s", "figur": "Fig. %s"}
    assert [n.navn for n in nummerer(bok, config=config)][:3] == ["Fig. 1", "Tab. 1", "Fig. 2"]
    config.write_text("sphinx:\n  config:\n    numfig: false\n", encoding="utf-8")
    with pytest.raises(ValueError, match="numfig"):
        numfig_format(config)


def test_prosjektets_oppsett_gir_tabell_og_figur():
    from arsrapport.grunn.config import PROSJEKTROT

    assert numfig_format(PROSJEKTROT / "_config.yml") == {"tabell": "Tabell %s", "figur": "Figur %s"}


# ------------------------------------------------------------------ mot Sphinx


def _nr(navn: str, merke: str | None) -> nummerering.Nummerert:
    type_, _, tall = navn.lower().partition(" ")
    return nummerering.Nummerert(type_, int(tall), navn, "tekst", merke, merke, "side", "Kapittel", 0)


def test_numrene_fra_sphinx_skrives_som_boka():
    """``env.toc_fignumbers`` (side → type → merke → nummer) blir merke → «Tabell 20»; andre
    typer (kodeblokker) tas ikke med."""
    from arsrapport.bok.sphinxtillegg.numre import numrene

    toc = {
        "del3/a": {"table": {"tab-3-1-form": (2,)}, "figure": {"fig-3-1-innkomne": (1,)}},
        "del6/b": {"table": {"tab-6-3-note-b": (23,)}, "code-block": {"kode": (1,)}},
    }
    assert numrene(toc, {"table": "Tabell %s", "figure": "Figur %s", "code-block": "Kode %s"}) == {
        "fig-3-1-innkomne": "Figur 1",
        "tab-3-1-form": "Tabell 2",
        "tab-6-3-note-b": "Tabell 23",
    }


def test_avvik_fra_sphinx():
    sphinx = {"tab-a": "Tabell 1", "tab-b": "Tabell 3", "fig-c": "Figur 1"}
    numre = [_nr("Tabell 1", "tab-a"), _nr("Tabell 2", "tab-b"), _nr("Figur 1", "fig-c"), _nr("Tabell 4", None)]
    assert nummerering.avvik_fra_sphinx(numre, sphinx) == ["tab-b: Tabell 2 her, Tabell 3 i boka"]
    assert nummerering.avvik_fra_sphinx([_nr("Figur 2", "fig-d")], sphinx) == [
        "fig-d (Figur 2): Sphinx har ikke nummerert den"
    ]
    assert nummerering.avvik_fra_sphinx(numre[:1] + numre[2:], sphinx) == []


def test_bygget_stopper_naar_numrene_ikke_er_bokas(tmp_path):
    import json

    from arsrapport.bok.bygg import ByggFeil, kontroller_numrene

    fil = tmp_path / "sphinx-numre.json"
    fil.write_text(json.dumps({"tab-a": "Tabell 1", "tab-b": "Tabell 3"}))
    meldinger = []
    kontroller_numrene([_nr("Tabell 1", "tab-a")], fil, meldinger.append)
    assert meldinger == ["  numrene i tabeller.xlsx er de boka viser (1 tabell eller figur)"]
    with pytest.raises(ByggFeil, match="tab-b: Tabell 2 her, Tabell 3 i boka"):
        kontroller_numrene([_nr("Tabell 2", "tab-b")], fil)
