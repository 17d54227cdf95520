"""``bygg.samle_figurer``: tallene i ``figures.json`` samles fra det notatbøkene limte.

Notatbøkene her er skrevet for hånd med nbformat, med utdata av samme form som
``myst_nb.glue(navn, verdi, display=False)`` gir i en kjørt notatbok (se f.eks.
``notatboker/3_1_generelle_tall.ipynb`` i et bygg): ``display_data`` med
``metadata.scrapbook.name`` og ``mime_prefix`` ``application/papermill.record/``, og
verdiens ``repr`` under ``application/papermill.record/text/plain``. Til slutt én test
som kjører en ekte notatbok med ``myst_nb.glue`` og ``lim_figurer``.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from arsrapport.bygg import ByggFeil, samle_figurer

PREFIKS = "application/papermill.record/"


def limt(navn: str, verdi, ekstra: dict | None = None):
    """Utdata slik ``glue(navn, verdi, display=False)`` lagrer det (``repr`` som text/plain)."""
    data = {f"{PREFIKS}text/plain": repr(verdi)}
    for mime, innhold in (ekstra or {}).items():
        data[f"{PREFIKS}{mime}"] = innhold
    return new_output(
        "display_data",
        data=data,
        metadata={"scrapbook": {"name": navn, "mime_prefix": PREFIKS}},
    )


def skriv(fil: Path, *celler_utdata: list) -> Path:
    nb = new_notebook()
    nb.cells.append(new_markdown_cell("# Overskrift"))
    for i, utdata in enumerate(celler_utdata, start=1):
        nb.cells.append(new_code_cell(f"# celle {i}", execution_count=i, outputs=list(utdata)))
    nbformat.validate(nb)
    nbformat.write(nb, fil)
    return fil


@pytest.fixture
def notatbok(tmp_path) -> Path:
    return skriv(
        tmp_path / "3_1_generelle_tall.ipynb",
        [
            limt("mottatt@2023", 7029),
            limt("t.mottatt@2023", "7\u00a0029"),
            limt("t.mottatt", "7\u00a0029"),
            limt("mottatt@2022", 5365),
            limt("t.mottatt@f1", "5\u00a0365"),
            limt("mottatt.endring@2023", 0.31015843429636537),
            limt("t.mottatt.endring", "31\u00a0%"),
            limt("t.mottatt.endring.verb", "økte"),
            limt("omgjoringsandel@2023", 0.1 + 0.2),  # repr 0.30000000000000004
            limt("saksbehandlingstid@2023", 154.0),  # flyttall, selv om det er helt
            limt("beholdning.asyl.endring_abs@2023", -12),
            limt("rettssaker.avgjorelser.hevet_avvist@2017", 44),
            limt("regnskap@2023", 12112653123456789),
        ],
        [
            # ikke-tall og andre utdata
            new_output("stream", name="stdout", text="hei\n"),
            new_output("execute_result", data={"text/plain": "2588"}, execution_count=2),
            new_output("display_data", data={"text/plain": "uten metadata"}),
            new_output("display_data", data={"text/plain": "1"}, metadata={"scrapbook": {}}),
            limt("t.ar", "2023"),
            limt("fig.figur_2", None, {"image/png": "iVBORw0KGgo=", "text/plain": "<Figure size 600x300 with 1 Axes>"}),
            limt("tab.tabell_2", None, {"text/markdown": "| a |\n|---|\n| 1 |", "text/html": "<table></table>"}),
        ],
        [limt("mottatt@2023", 7029)],  # samme tall limt igjen, samme verdi: greit
    )


def test_samle_figurer_ravverdier(notatbok):
    f = samle_figurer([notatbok])
    assert f == {
        2017: {"rettssaker.avgjorelser.hevet_avvist": 44},
        2022: {"mottatt": 5365},
        2023: {
            "mottatt": 7029,
            "mottatt.endring": 0.31015843429636537,
            "omgjoringsandel": 0.30000000000000004,
            "saksbehandlingstid": 154.0,
            "beholdning.asyl.endring_abs": -12,
            "regnskap": 12112653123456789,
        },
    }


def test_samle_figurer_ignorerer_tekst_figurer_og_tabeller(notatbok):
    f = samle_figurer([notatbok])
    alle = {k for v in f.values() for k in v}
    assert not any(k.startswith(("t.", "fig.", "tab.")) for k in alle)
    assert not any("@" in k for k in alle)
    assert all(isinstance(ar, int) for ar in f)


def test_samle_figurer_tolker_tall_eksakt(notatbok):
    f = samle_figurer([notatbok])[2023]
    assert type(f["mottatt"]) is int and f["mottatt"] == 7029
    assert type(f["beholdning.asyl.endring_abs"]) is int and f["beholdning.asyl.endring_abs"] == -12
    assert type(f["regnskap"]) is int and f["regnskap"] == 12112653123456789  # ingen float-avrunding
    assert type(f["saksbehandlingstid"]) is float and f["saksbehandlingstid"] == 154.0
    assert f["omgjoringsandel"] == 0.1 + 0.2  # eksakt samme flyttall, ikke 0.3
    assert f["omgjoringsandel"] != 0.3
    assert f["mottatt.endring"] == 0.31015843429636537
    # og det samme tallet skrevet til figures.json og lest tilbake
    tilbake = json.loads(json.dumps(f))
    assert tilbake == f


def test_samle_figurer_flere_notatboker(notatbok, tmp_path):
    annen = skriv(tmp_path / "avstemming.ipynb", [limt("uiv.mottatt@2023", 585), limt("mottatt@2023", 7029)])
    f = samle_figurer([notatbok, annen])
    assert f[2023]["uiv.mottatt"] == 585
    assert f[2023]["mottatt"] == 7029
    assert samle_figurer([]) == {}


def test_samle_figurer_notatbok_uten_limte_tall(tmp_path):
    fil = skriv(tmp_path / "tom.ipynb", [], [new_output("stream", name="stdout", text="x")])
    assert samle_figurer([fil]) == {}


def test_samle_figurer_ulike_verdier_feiler(tmp_path):
    fil = skriv(tmp_path / "kapittel.ipynb", [limt("mottatt@2023", 7029)], [limt("mottatt@2023", 7030)])
    with pytest.raises(ByggFeil) as feil:
        samle_figurer([fil])
    melding = str(feil.value)
    assert "mottatt" in melding and "2023" in melding and "kapittel.ipynb" in melding


def test_samle_figurer_ulike_verdier_i_to_notatboker_feiler(tmp_path):
    a = skriv(tmp_path / "a.ipynb", [limt("behandlet@2023", 5743)])
    b = skriv(tmp_path / "b.ipynb", [limt("behandlet@2023", 5743.5)])
    with pytest.raises(ByggFeil, match="behandlet for 2023.*b.ipynb"):
        samle_figurer([a, b])


def test_samle_figurer_samme_id_ulike_ar_er_greit(tmp_path):
    fil = skriv(tmp_path / "k.ipynb", [limt("mottatt@2022", 1), limt("mottatt@2023", 2)])
    assert samle_figurer([fil]) == {2022: {"mottatt": 1}, 2023: {"mottatt": 2}}


def test_samle_figurer_likt_tall_som_int_og_float_er_samme_verdi(tmp_path):
    # 100 og 100.0 er samme tall: ingen ByggFeil
    fil = skriv(tmp_path / "k.ipynb", [limt("mottatt@2023", 100), limt("mottatt@2023", 100.0)])
    assert samle_figurer([fil]) == {2023: {"mottatt": 100}}


def test_samle_figurer_fra_ekte_glue(tmp_path):
    """En notatbok kjørt med ekte ``myst_nb.glue`` via ``lim_figurer`` (numpy-tall inn):
    samle_figurer gir tilbake de samme tallene."""
    from nbclient import NotebookClient

    kode = (
        "import numpy as np\n"
        "from myst_nb import glue\n"
        "from arsrapport.lim import lim_figurer\n"
        "figurer = {\n"
        "    2022: {'mottatt': np.int64(5365), 'omgjoringsandel': np.float64(0.2)},\n"
        "    2023: {'mottatt': np.int64(7029), 'mottatt.endring': 7029 / 5365 - 1,\n"
        "           'omgjoringsandel': np.float64(0.1) + np.float64(0.2), 'saksbehandlingstid': float('nan'),\n"
        "           'behandlet.endring_abs': np.int64(-5)},\n"
        "}\n"
        "lim_figurer(figurer, 2023)\n"
        "glue('fig.figur_1', 'ikke et tall', display=False)\n"
    )
    nb = new_notebook(cells=[new_code_cell(kode)])
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    fil = tmp_path / "ekte.ipynb"
    nbformat.write(nb, fil)
    navn = [u["metadata"]["scrapbook"]["name"] for u in nb.cells[0].outputs if "scrapbook" in u.get("metadata", {})]
    assert "t.mottatt" in navn and "t.behandlet.endring_abs.verb" in navn and "fig.figur_1" in navn
    for u in nb.cells[0].outputs:  # formen testene over etterligner
        if u.get("output_type") == "display_data":
            assert u["metadata"]["scrapbook"]["mime_prefix"] == PREFIKS
    f = samle_figurer([fil])
    assert f == {
        2022: {"mottatt": 5365, "omgjoringsandel": 0.2},
        2023: {
            "mottatt": 7029,
            "mottatt.endring": 7029 / 5365 - 1,
            "omgjoringsandel": 0.1 + 0.2,
            "behandlet.endring_abs": -5,
        },
    }
    assert type(f[2023]["mottatt"]) is int


def test_samle_figurer_arets_ordbok_og_enkeltverdier(tmp_path):
    """``figurer@<år>`` (JSON-ordboken lim_figurer skriver) og ``<id>@<år>`` samles likt;
    samme tall med ulik verdi fra to kapitler stopper bygget, flyttallsstøy gjør det ikke."""
    ordbok = json.dumps({"mottatt": 7029, "omgjoringsandel": 0.1 + 0.2})
    fil = skriv(tmp_path / "a.ipynb", [limt("figurer@2023", ordbok), limt("omgjoringsandel@2023", 0.3)])
    assert samle_figurer([fil]) == {2023: {"mottatt": 7029, "omgjoringsandel": 0.3}}
    annen = skriv(tmp_path / "b.ipynb", [limt("figurer@2023", json.dumps({"mottatt": 7030}))])
    with pytest.raises(ByggFeil, match="mottatt for 2023 er limt med to ulike verdier i b.ipynb"):
        samle_figurer([fil, annen])
