"""Bygget: determinisme, personvern og at boka faktisk blir laget."""

from __future__ import annotations

import html as htmlmod
import re
import zipfile
from dataclasses import replace
from pathlib import Path

import openpyxl
import pandas as pd

from arsrapport.bok.bygg import Byggrapport, oppsummering, tell_advarsler
from arsrapport.grunn.config import PROSJEKTROT


def test_bygget_lager_bok_tall_og_tabeller(bygg_html):
    assert (bygg_html / "html" / "index.html").exists()
    assert (bygg_html / "figures.json").exists()
    assert (bygg_html / "tabeller.xlsx").exists()
    side = (bygg_html / "html" / "del3" / "3_1_generelle_tall.html").read_text(encoding="utf-8")
    assert "7\u00a0029" in side  # mottatt 2023, formatert norsk og limt inn
    assert "Tabell" in side and "Figur" in side


def _filer(katalog: Path) -> dict[str, bytes]:
    # loggene er diagnostikk: de nevner den midlertidige byggkatalogen og holdes utenfor
    return {
        f.relative_to(katalog).as_posix(): f.read_bytes()
        for f in sorted(katalog.rglob("*"))
        if f.is_file() and f.parent.name != "logg"
    }


def test_bygg_pa_en_annen_prosessor_og_et_annet_tidspunkt_gir_samme_bytes(bygg_html, bygg_uten_simd):
    """Hele bygget (HTML, PDF, figures.json, tabeller.xlsx og de kjørte notatbøkene) er byte for
    byte likt når det kjøres igjen senere, fra bunnen (eget, tomt hurtiglager), og med numpys
    SIMD-grupper over grunnlinjen slått av (som på en enklere prosessor). Datoen i boka kommer
    fra inndataene, ikke fra klokka."""
    from arsrapport.bok.bygg import kildetid
    from arsrapport.innlesing import les_uttrekk

    ut, _, gruppe = bygg_uten_simd
    forste, andre = _filer(bygg_html), _filer(ut)
    assert sorted(andre) == sorted(forste)
    ulike = [navn for navn in forste if forste[navn] != andre[navn]]
    assert not ulike, f"ulike bytes med NPY_DISABLE_CPU_FEATURES={gruppe}: {ulike[:10]}"

    dato = kildetid(les_uttrekk(PROSJEKTROT / "data").uttrekksdato()).dato()
    side = (bygg_html / "html" / "del3" / "3_1_generelle_tall.html").read_text(encoding="utf-8")
    assert re.search(rf"oppdatert\s+{re.escape(dato)}", side), "«Sist oppdatert» er ikke datoen fra inndataene"


def _tekster(katalog: Path):
    """Teksten i hver fil bygget skriver: HTML, JSON, notatbøker, JavaScript, LaTeX og logger
    som tekst, xlsx som XML-en i arkivet, PDF gjennom pdftotext."""
    import shutil
    import subprocess

    for fil in sorted(katalog.rglob("*")):
        if not fil.is_file():
            continue
        if fil.suffix == ".xlsx":
            with zipfile.ZipFile(fil) as z:
                yield fil, "".join(z.read(n).decode("utf-8", "ignore") for n in z.namelist())
        elif fil.suffix == ".pdf":
            assert shutil.which("pdftotext"), "pdftotext mangler (poppler-utils; ./test.sh installerer det)"
            res = subprocess.run(["pdftotext", "-layout", str(fil), "-"], capture_output=True, text=True, check=True)
            yield fil, res.stdout
        elif fil.suffix in (".html", ".json", ".ipynb", ".js", ".txt", ".tex", ".log", ".md", ".csv", ".svg"):
            yield fil, fil.read_text(encoding="utf-8", errors="ignore")


# identifikatorene i uttrekket: (tabell, kolonne)
IDENTIFIKATORER = (
    ("saker", "sak_id"),
    ("saker", "person_id"),
    ("saker", "familie_id"),
    ("uiv", "uiv_id"),
    ("rettssaker", "rettssak_id"),
)


def test_ingen_identifikator_fra_dataene_i_noe_utdata(bygg_html):
    """Ingen sak-, person-, familie-, begjærings- eller rettssaks-id fra dataene i noe bygget
    skriver (HTML, PDF, xlsx, figures.json, de kjørte notatbøkene, loggene)."""
    ider: set[str] = set()
    for tabell, kolonne in IDENTIFIKATORER:
        verdier = pd.read_csv(PROSJEKTROT / "data" / f"{tabell}.csv", dtype=str, usecols=[kolonne])[kolonne]
        ider |= set(verdier.dropna())
    assert len(ider) > 40_000  # alle fem kolonnene er med
    # ord-liknende biter (bokstaver, sifre og bindestrek) sammenlignes med identifikatorene
    bit = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{5,}")
    skannet = set()
    for fil, tekst in _tekster(bygg_html):
        skannet.add(fil.suffix)
        lekkasje = {m for m in bit.findall(tekst) if m in ider}
        assert not lekkasje, f"{fil} inneholder identifikatorer: {sorted(lekkasje)[:3]}"
    assert {".html", ".json", ".ipynb", ".xlsx"} <= skannet
    if (bygg_html / "pdf").exists():
        assert ".pdf" in skannet


def test_skanningen_finner_en_identifikator(tmp_path):
    """Skanningen virker: en id plantet i en HTML-side, en notatbok og et xlsx-ark blir funnet."""
    saker = pd.read_csv(PROSJEKTROT / "data" / "saker.csv", dtype=str, nrows=3)
    sak, person = saker["sak_id"].iloc[0], saker["person_id"].iloc[1]
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "side.html").write_text(f"<td>{sak}</td>", encoding="utf-8")
    (tmp_path / "nb.ipynb").write_text(f'{{"x": "{person}"}}', encoding="utf-8")
    funnet = {fil.name for fil, tekst in _tekster(tmp_path) if sak in tekst or person in tekst}
    assert funnet == {"side.html", "nb.ipynb"}


# ------------------------------------------------------------------ tabeller.xlsx mot boka


def _numre_i_html(html: Path) -> dict[str, str]:
    """«Tabell 20» → tabellteksten, slik de står i den bygde HTML-boka."""
    monster = re.compile(
        r'<span class="caption-number">(?P<nr>[^<]+?)\s*</span><span class="caption-text">(?P<tekst>.*?)</span>', re.S
    )
    ut: dict[str, str] = {}
    for side in sorted(html.rglob("*.html")):
        # limt tekst i bildeteksten (kildelinjens uttrekksdato) står i et eget <span>
        innhold = re.sub(r'<span class="tall"[^>]*>(.*?)</span>', r"\1", side.read_text(encoding="utf-8"))
        for m in monster.finditer(innhold):
            tekst = re.sub(r"\s+", " ", htmlmod.unescape(re.sub(r"<[^>]+>", "", m["tekst"]))).strip()
            tekst = tekst.replace("\u00ad", "")  # myke bindestreker (orddeling på smale skjermer) er usynlige
            assert m["nr"] not in ut, f"{m['nr']} står to ganger i HTML-boka"
            ut[m["nr"]] = tekst
    return ut


def _innhold(wb) -> list[dict]:
    rader = list(wb["Innhold"].iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rader) if r[:4] == ("Ark", "Nummer", "Tekst", "Kapittel"))
    return [dict(zip(rader[start], r)) for r in rader[start + 1 :]]


def _ark_med_tekst(wb, begynnelse: str) -> str:
    return next(r["Ark"] for r in _innhold(wb) if (r["Tekst"] or "").startswith(begynnelse))


def test_tabeller_xlsx_har_et_ark_per_nummer_i_boka(bygg_html):
    """Arkene heter det leseren ser i boka: hvert nummer i HTML-boka står i innholdsarket med
    samme tekst, og arket det peker til har nummeret i navnet og tittelen."""
    vist = _numre_i_html(bygg_html / "html")
    assert sum(n.startswith("Tabell ") for n in vist) > 40 and sum(n.startswith("Figur ") for n in vist) > 15
    wb = openpyxl.load_workbook(bygg_html / "tabeller.xlsx")
    assert wb.sheetnames[0] == "Innhold"
    innhold = [r for r in _innhold(wb) if r["Nummer"]]
    assert {r["Nummer"]: r["Tekst"] for r in innhold} == vist
    for r in innhold:
        ark = r["Ark"]
        assert ark in wb.sheetnames, f"{r['Nummer']} har ikke noe ark"
        ord_, nr = r["Nummer"].split()
        assert ord_.lower() in ark.lower() and nr in re.findall(r"\d+", ark), (r["Nummer"], ark)
        titler = [wb[ark].cell(row=i, column=1).value for i in range(1, 8)]
        assert f"{r['Nummer']}: {r['Tekst']}" in titler
        lenke = wb["Innhold"].cell(row=next(c.row for c in wb["Innhold"]["A"] if c.value == ark), column=1).hyperlink
        assert lenke is not None and lenke.location == f"'{ark}'!A1"
    for n in vist:
        if n.startswith("Tabell "):
            assert n in wb.sheetnames or any(r["Nummer"] == n and r["Ark"] for r in innhold)


def test_tabeller_xlsx_kildelinje_med_uttrekksdatoen_og_tall_som_tall(bygg_html):
    from arsrapport.innlesing import les_uttrekk
    from arsrapport.presentasjon.formatering import dato

    uttrekk = dato(les_uttrekk(PROSJEKTROT / "data").uttrekksdato())
    wb = openpyxl.load_workbook(bygg_html / "tabeller.xlsx")
    for ark in wb.worksheets:
        kilder = [c.value for c in ark["A"][:8] if isinstance(c.value, str) and c.value.startswith("Kilde: ")]
        assert len(kilder) == 1, f"{ark.title}: {kilder}"
        if "saksregister" in kilder[0]:
            assert f", uttrekk {uttrekk}" in kilder[0], ark.title
        assert re.findall(r"\d\d\.\d\d\.\d{4}", kilder[0]) in ([], [uttrekk]), ark.title

    form = wb[_ark_med_tekst(wb, "Behandlede saker etter avgjørelsesform og andel")]
    assert [c.value for c in form["A"] if c.value and str(c.value).startswith("Kilde:")] == [
        f"Kilde: UNEs saksregister, uttrekk {uttrekk}"
    ]
    rader = list(form.iter_rows())
    hode = next(i for i, r in enumerate(rader) if r[0].value == "Avgjørelsesform")
    kol = {c.value: j for j, c in enumerate(rader[hode])}
    data = rader[hode + 1 :]
    assert sum(r[kol["Behandlede saker"]].value for r in data) > 1000
    for r in data:
        antall, andel = r[kol["Behandlede saker"]], r[kol["Andel omgjort"]]
        assert isinstance(antall.value, int) and antall.number_format.startswith("#,##0;")
        assert isinstance(andel.value, float) and 0 < andel.value < 1 and andel.number_format.startswith("0.0 %")

    note1 = wb[_ark_med_tekst(wb, "Note 1:")]
    assert "Kilde: UNEs regnskap rapportert til statsregnskapet" in [c.value for c in note1["A"][:5]]


def test_alt_kapitlene_gir_boka_har_ark():
    """Hver tabell og figur kapitlene gir boka, står under samme navn (merket i boka) i
    ``REGNEARK`` i et kapittel."""
    from arsrapport import kapitler
    from arsrapport.innlesing import les_uttrekk

    i_regnearket = {navn for spek in kapitler.regneark().values() for navn in spek.boka}
    resultater = kapitler.beregn_alle(les_uttrekk(PROSJEKTROT / "data"), 2023, bok=True)
    til_boka = {navn for r in resultater for navn in (*r.boktabeller, *r.diagrammer)}
    assert len(til_boka) > 60
    assert til_boka - i_regnearket == set()


# ------------------------------------------------------------------ oppsummeringen


def test_tell_advarsler_i_jupyter_book_loggen():
    logg = "\n".join(
        [
            "\x1b[01mreading sources... \x1b[39;49;00m[ 50%] del3/a",
            "\x1b[91m/tmp/bok/del3/a.md:12: WARNING: undefined label: 'x' [ref.ref]\x1b[39;49;00m",
            '/tmp/bok/del3/b.md:3: ERROR: Unknown directive type "tabel".',
            "[IPKernelApp] WARNING | Kernel is running over TCP",  # kjernen, ikke Sphinx
            "LaTeX Warning: Reference `a' on page 2 undefined",  # mellomkjøring i LaTeX
            "build succeeded, 1 warning.",
        ]
    )
    assert tell_advarsler(logg) == 2
    assert tell_advarsler("") == 0


def test_oppsummering_viser_kapitler_tall_advarsler_tid_og_utdata(tmp_path):
    r = Byggrapport(
        ar=2023,
        steg=[("Uttrekket", 0.41), ("Notatbøkene", 61.25), ("Boka (HTML og PDF)", 26.4)],
        kapitler=["3_1_generelle_tall.ipynb", "avstemming.ipynb"],
        gjenbrukt=["7_statistikk.ipynb"],
        tall=11994,
        ar_fra_til=(2017, 2023),
        referanser=517,
        diagrammer=19,
        boktabeller=47,
        tabeller_i_boka=47,
        figurer_i_boka=19,
        ark=59,
        advarsler=["uttrekket: 3 saker mangler nasjonalitet"],
        jupyter_book={"HTML": 2},
        sider_lest={"HTML": 3},
        logger={"HTML": tmp_path / "logg" / "jupyter-book-html.log"},
        utdata={"HTML": tmp_path / "html" / "index.html", "figures.json": tmp_path / "figures.json"},
        totalt=98.04,
    )
    tekst = "\n".join(oppsummering(r))
    assert "Oppsummering (2023)" in tekst
    assert "Kapitler kjørt:  2 notatbøker (3_1_generelle_tall, avstemming)" in tekst
    assert "Gjenbrukt:       1 notatbok (7_statistikk)" in tekst
    assert "Tall:            11\u00a0994 i figures.json for 2017–2023" in tekst
    assert "Til boka:        517 tallreferanser, 19 figurer og 47 tabeller" in tekst
    assert "59 ark for 47 tabeller og 19 figurer i boka" in tekst
    assert "Advarsler:       3 (bygget 1, Jupyter Book HTML 2)" in tekst
    assert "    uttrekket: 3 saker mangler nasjonalitet" in tekst
    assert (
        f"Jupyter Book HTML: 2 advarsler i {tmp_path / 'logg' / 'jupyter-book-html.log'} (3 sider lest på nytt)"
        in tekst
    )
    uendret = replace(r, jupyter_book={"HTML": 0}, sider_lest={"HTML": None})
    assert "Jupyter Book HTML: 0 advarsler" in "\n".join(oppsummering(uendret))
    assert "(fra forrige kjøring, ingenting endret)" in "\n".join(oppsummering(uendret))
    assert re.search(r"Notatbøkene\s+61,3 s", tekst)  # avrundet halvt opp, som i boka
    assert re.search(r"Totalt\s+98,0 s", tekst)
    assert f"HTML          {tmp_path / 'html' / 'index.html'}" in tekst
    assert f"figures.json  {tmp_path / 'figures.json'}" in tekst
    assert "ikke bygget" not in tekst

    uten_bok = "\n".join(oppsummering(Byggrapport(bok=False, pdf=False)))
    assert "Boka:            ikke bygget (arsrapport figures)" in uten_bok
    assert "Advarsler:       0 (bygget 0)" in uten_bok
    assert "PDF:             ikke bygget (--no-pdf)" in "\n".join(oppsummering(Byggrapport(pdf=False)))


# ------------------------------------------------------------------ datoen i boka


def test_kildetid_fra_miljoet_siste_commit_eller_uttrekksdatoen(tmp_path):
    import subprocess

    import pytest

    from arsrapport.bok.bygg import ByggFeil, kildetid

    uttrekk = pd.Timestamp("2024-02-15")
    # SOURCE_DATE_EPOCH går foran alt: 1700000000 = 14.11.2023 22:13:20 UTC
    t = kildetid(uttrekk, {"SOURCE_DATE_EPOCH": "1700000000"})
    assert (t.sekunder, t.kilde, t.dato()) == (1_700_000_000, "SOURCE_DATE_EPOCH", "14.11.2023")
    with pytest.raises(ByggFeil, match="SOURCE_DATE_EPOCH må være et helt antall sekunder"):
        kildetid(uttrekk, {"SOURCE_DATE_EPOCH": "i går"})
    # ikke en git-klone: uttrekksdatoen (midnatt UTC)
    t = kildetid(uttrekk, {}, rot=tmp_path)
    assert (t.sekunder, t.kilde, t.dato()) == (1_707_955_200, "uttrekksdatoen", "15.02.2024")
    # en git-klone: tidspunktet for siste commit, uansett når bygget kjøres
    res = subprocess.run(["git", "-C", str(PROSJEKTROT), "log", "-1", "--format=%ct"], capture_output=True, text=True)
    if res.returncode == 0:
        t = kildetid(uttrekk, {})
        assert (t.sekunder, t.kilde) == (int(res.stdout), "siste commit")


def test_kjorte_notatboker_uten_klokkeslett_og_midlertidige_stier(tmp_path):
    import nbformat

    from arsrapport.bok.bygg import uten_klokkeslett

    nb = nbformat.v4.new_notebook()
    param = nbformat.v4.new_code_cell('year = 2023\ndata_dir = "/data"', id="a1b2c3d4")
    param.metadata = {
        "tags": ["injected-parameters"],
        "papermill": {"start_time": "2026-12-07T02:03:18", "end_time": "x", "duration": 0.02, "status": "completed"},
    }
    kode = nbformat.v4.new_code_cell("1 + 1", id="kode")
    kode.metadata = {"execution": {"iopub.status.busy": "2026-12-07T02:03:18.119953Z"}, "tags": ["x"]}
    kode.outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=1)]
    nb.cells = [param, kode]
    nb.metadata["papermill"] = {
        "start_time": "s",
        "end_time": "e",
        "duration": 1.5,
        "parameters": {"year": 2023},
        "input_path": "/prosjekt/notebooks/a.ipynb",
        "output_path": "/tmp/.b-x1y2/notatboker/a.ipynb",
    }
    fil = tmp_path / "a.ipynb"
    nbformat.write(nb, fil)

    uten_klokkeslett(fil, "a.ipynb")

    ny = nbformat.read(fil, as_version=4)
    assert ny.metadata["papermill"] == {
        "parameters": {"year": 2023},
        "input_path": "notebooks/a.ipynb",
        "output_path": "notatboker/a.ipynb",
    }
    assert ny.cells[0].id == "injected-parameters"
    assert ny.cells[0].metadata["papermill"] == {"status": "completed"}
    assert ny.cells[1].metadata == {"tags": ["x"]}
    assert ny.cells[1].outputs[0]["data"] == {"text/plain": "2"}  # utdataene står urørt
    # to ganger gir samme bytes
    forste = fil.read_bytes()
    uten_klokkeslett(fil, "a.ipynb")
    assert fil.read_bytes() == forste
