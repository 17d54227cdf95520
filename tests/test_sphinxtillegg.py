"""Sphinx-tillegget (``arsrapport.bok.sphinxtillegg``) på håndlagde tabeller og kataloger, og at
bokas sider har det en leser av trykket venter: alt-tekst og kildelinje under hver figur,
kilde ved hver tabell."""

from __future__ import annotations

import json
import re

import pytest
from babel.messages.pofile import read_po
from docutils import nodes

from arsrapport.bok import sphinxtillegg as st
from arsrapport.grunn.config import PROSJEKTROT

BOK = PROSJEKTROT / "book"


def _tabell(hode: list[str], rader: list[list[str]], hoyre: set[int]) -> nodes.table:
    """En docutils-tabell slik MyST lager den av en Markdown-tabell (``---:`` gir
    klassen ``text-right`` på cellene)."""
    tabell = nodes.table()
    tgroup = nodes.tgroup(cols=len(hode))
    tabell += tgroup
    for _ in hode:
        tgroup += nodes.colspec(colwidth=1)

    def rad(tekster):
        r = nodes.row()
        for i, tekst in enumerate(tekster):
            celle = nodes.entry(classes=["text-right"] if i in hoyre else [])
            celle += nodes.paragraph(tekst, tekst)
            r += celle
        return r

    thead, tbody = nodes.thead(), nodes.tbody()
    thead += rad(hode)
    for r in rader:
        tbody += rad(r)
    tgroup += thead
    tgroup += tbody
    return tabell


# --- kolonnespesifikasjonen ---------------------------------------------------------------


def test_korte_tabeller_far_tabulary_med_hoyrejusterte_tall():
    assert st.kolonnespesifikasjon([False, True, True], [30, 11, 11]) == "LRR"


def test_korte_tekstkolonner_brytes_ikke():
    # noter («A, B») og koder: l i stedet for L
    assert st.kolonnespesifikasjon([False, False, True], [30, 4, 11]) == "LlR"


def test_lange_tabeller_far_faste_bredder_som_summerer_til_linja_eller_mindre():
    spes = st.kolonnespesifikasjon([False, True], [20, 11], lang=True)
    assert spes == (r">{\raggedright\arraybackslash}\X{23}{96}" r">{\raggedleft\arraybackslash}\X{14}{96}")


def test_like_mange_justeringer_og_bredder():
    with pytest.raises(ValueError):
        st.kolonnespesifikasjon([True], [1, 2])


def test_kolonnebredder_naturlig_bredde_nar_det_er_plass():
    assert st.kolonnebredder([False, True, True], [40, 10, 10], [12, 10, 10]) == [43, 13, 13]


def test_kolonnebredder_tekst_krymper_tall_beholdes():
    bredder = st.kolonnebredder([False, True, True, False], [60, 10, 10, 300], [15, 10, 10, 14])
    assert bredder[1] == bredder[2] == 13  # tallene brytes ikke
    assert sum(bredder) <= st.TEGN_PER_LINJE
    assert bredder[3] > bredder[0]  # lengst tekst får mest plass


def test_kolonnebredder_lengste_ord_er_gulv_men_lange_id_er_brytes():
    # en id på 50 tegn kan brytes; gulvet er MAKS_ORD, ikke hele ordet
    bredder = st.kolonnebredder([False, True, False], [50, 8, 400], [50, 8, 12])
    assert bredder[0] == st.MAKS_ORD + st.LUFT
    assert sum(bredder) <= st.TEGN_PER_LINJE


def test_kolonnebredder_mange_tekstkolonner_holder_seg_innenfor_linja():
    # avstemmingstabellen: fire tekstkolonner med lange ord og to tallkolonner; gulvene
    # alene (23 + 23 + 14 + 23) og tallene (15 + 15) er bredere enn linja (96)
    hoyre = [False, False, True, True, False, False]
    bredder = st.kolonnebredder(hoyre, [47, 73, 12, 12, 20, 330], [23, 73, 12, 12, 11, 45])
    assert sum(bredder) <= st.TEGN_PER_LINJE
    assert bredder[2] == bredder[3] == 15  # tallene brytes ikke
    assert bredder[5] == max(b for b, h in zip(bredder, hoyre) if not h)  # lengst tekst får mest
    assert min(b for b, h in zip(bredder, hoyre) if not h) >= st.KORT + st.LUFT  # et kort ord får plass


def test_kolonnebredder_kort_tekst_kolonne_far_minst_sitt_lengste_ord():
    bredder = st.kolonnebredder([False, False, True], [12, 500, 30], [12, 10, 30])
    assert bredder[0] >= 12 + st.LUFT
    assert sum(bredder) <= st.TEGN_PER_LINJE


# --- tabellene i dokumenttreet ------------------------------------------------------------


def test_tabellmal_leser_justering_og_bredder():
    t = _tabell(["Tekst", "2023"], [["Utbetalinger til lønn", "212\u00a0846\u00a0088"], ["Sum", ""]], hoyre={1})
    hoyre, bredder, minste, rader = st.tabellmal(t)
    assert hoyre == [False, True]
    assert bredder == [len("Utbetalinger til lønn"), 11]
    assert minste == [len("Utbetalinger"), 11]
    assert rader == 2


def test_tabellmal_tom_tallkolonne_er_ikke_hoyrejustert():
    t = _tabell(["A", "B"], [["x", ""]], hoyre=set())
    assert st.tabellmal(t)[0] == [False, False]


def test_tomme_celler_mister_det_tomme_avsnittet():
    t = _tabell(["Tekst", "Beløp"], [["Sum", ""]], hoyre={1})
    st._fjern_tomme_avsnitt(t)
    celler = list(t.findall(nodes.entry))
    assert len(celler[-1]) == 0  # tom celle uten avsnitt
    assert len(celler[-2]) == 1  # «Sum» er der fortsatt


def test_lange_ord_far_brytningspunkter_i_latex():
    t = _tabell(["Tall (figur-id)"], [["behandlet.asyl_ikke_realitet.klage og kort"]], hoyre=set())
    st._bryt_lange_ord(t, maks=20)
    raa = [n.astext() for n in t.findall(nodes.raw)]
    assert raa and all(r == r"\allowbreak{}" for r in raa)
    assert "".join(n.astext() for n in t.findall(nodes.Text) if not isinstance(n.parent, nodes.raw)).endswith(
        "behandlet.asyl_ikke_realitet.klage og kort"
    )


class _Bygger:
    format = "latex"


class _App:
    builder = _Bygger()


def test_latex_tabeller_far_kolonnespesifikasjon_og_lange_blir_longtable():
    from sphinx import addnodes

    dok = nodes.section()
    kort = _tabell(["Tekst", "Beløp"], [["a", "1"]], hoyre={1})
    lang = _tabell(["Tekst", "Beløp"], [[f"rad {i}", str(i)] for i in range(st.LANG_TABELL + 1)], hoyre={1})
    dok += kort
    dok += lang
    st._sett_kolonner_i_latex(_App(), dok, "indeks")
    spes = [n for n in dok.children if isinstance(n, addnodes.tabular_col_spec)]
    assert [s["spec"] for s in spes][0] == "lR"
    assert "longtable" in lang["classes"] and "longtable" not in kort["classes"]
    assert dok.index(spes[1]) == dok.index(lang) - 1


def test_html_tabeller_far_ingen_kolonnespesifikasjon():
    class Html:
        format = "html"

    class App:
        builder = Html()

    dok = nodes.section()
    dok += _tabell(["Tekst", "Beløp"], [["a", "1"]], hoyre={1})
    st._sett_kolonner_i_latex(App(), dok, "indeks")
    assert len(dok.children) == 1


# --- norske tekster i HTML ----------------------------------------------------------------


def _katalog(navn):
    with open(BOK / "locales" / "nb" / "LC_MESSAGES" / f"{navn}.po", "rb") as f:
        return {m.id: m.string for m in read_po(f) if m.id}


def test_katalogene_oversetter_temaets_engelske_tekster():
    sphinx = _katalog("sphinx")
    bok = _katalog("booktheme")
    for tekst in ("Skip to main content", "Back to top", "On this page", "previous", "next", "Search Results"):
        assert sphinx[tekst], tekst
    assert sphinx["previous"] == "Forrige" and sphinx["next"] == "Neste"
    for tekst in ("By", "Contents", "Download this page", "Print to PDF", "Fullscreen mode"):
        assert bok[tekst], tekst
    assert bok["Contents"] == "Innhold"


def test_javascript_oversettelser_er_gyldig_katalog():
    js = st.javascript_oversettelser({"Search Results": "Søkeresultater"}, "nb")
    innhold = json.loads(re.match(r"Documentation\.addTranslations\((.*)\);\s*$", js, re.S).group(1))
    assert innhold["locale"] == "nb"
    assert innhold["messages"] == {"Search Results": "Søkeresultater"}


def test_maler_har_ikke_engelske_faste_tekster():
    for mal in (BOK / "_templates").glob("*.html"):
        tekst = mal.read_text(encoding="utf-8")
        for engelsk in ('title="Toggle', 'aria-label="Main"', 'aria-label="Page"'):
            assert engelsk not in tekst, (mal.name, engelsk)


# --- figurer og tabeller i sidene ---------------------------------------------------------

_FIGUR = re.compile(r"^(`{3,}|:{3,})\{figure\}[^\n]*\n(?P<valg>(?::[^\n]*\n)*)\n(?P<tekst>.*?)\n\1\s*$", re.S | re.M)
_TABELL = re.compile(r"^(?:`{3,}|:{3,})\{table\} (?P<tekst>[^\n]*)$", re.M)
_DATO = "{tall}`uttrekksdato`"


def _sider():
    return sorted(p for p in BOK.rglob("*.md") if "_build" not in p.parts)


def test_hver_figur_har_alt_tekst_bredde_og_kildelinje():
    funnet = 0
    for side in _sider():
        tekst = side.read_text(encoding="utf-8")
        assert tekst.count("{figure}") == len(_FIGUR.findall(tekst)), side
        for m in _FIGUR.finditer(tekst):
            funnet += 1
            valg = m.group("valg")
            assert re.search(r"^:alt: \S.{20,}$", valg, re.M), (side.name, valg)
            assert not re.search(r"\d", re.search(r"^:alt: (.*)$", valg, re.M).group(1)), (
                side.name,
                "tall i alt-teksten",
            )
            assert ":width: 100%" in valg, side.name
            bildetekst = m.group("tekst").strip()
            assert re.search(r"Kilde: [^\n]+\.$", bildetekst), (side.name, bildetekst)
    assert funnet >= 19


def test_hver_tabell_oppgir_kilden():
    funnet = 0
    for side in _sider():
        for m in _TABELL.finditer(side.read_text(encoding="utf-8")):
            funnet += 1
            assert "Kilde: " in m.group("tekst"), (side.name, m.group("tekst"))
    assert funnet >= 40


def test_registerkilder_har_limt_uttrekksdato():
    """«Kilde: UNEs saksregister, uttrekk <dato>»: datoen er limt, aldri skrevet inn."""
    for side in _sider():
        tekst = side.read_text(encoding="utf-8")
        for m in re.finditer(r"uttrekk (\S+)", tekst):
            if m.group(0).startswith("uttrekk {"):
                assert tekst[m.start(1) :].startswith(_DATO), side.name
        assert not re.search(r"uttrekk \d", tekst), side.name


def test_tabeller_med_roller_i_bildeteksten_bruker_kolongjerde():
    """Et backtick-gjerde (````{table}) kan ikke ha backticks i bildeteksten (CommonMark);
    da blir direktivet vanlig tekst."""
    for side in _sider():
        for linje in side.read_text(encoding="utf-8").splitlines():
            if re.match(r"^`{3,}\{table\}", linje):
                assert "`" not in linje.split("{table}", 1)[1], (side.name, linje)


# --- den bygde HTML-boka ------------------------------------------------------------------


def test_html_boka_er_pa_norsk(bygg_html):
    html = bygg_html / "html"
    side = (html / "del3" / "3_1_generelle_tall.html").read_text(encoding="utf-8")
    for norsk in (
        "Gå til hovedinnholdet",
        "Innhold",
        "Utgitt av",
        "Forrige",
        "Neste",
        "Søk i rapporten",
        "Last ned denne siden",
        "Sist oppdatert",
    ):
        assert norsk in side, norsk
    tekst = re.sub(r"<script.*?</script>", "", side, flags=re.S)
    for engelsk in (
        "Skip to main content",
        ">Contents",
        "By Utlendingsnemnda",
        "Back to top",
        "previous page",
        "Search this book",
        "Toggle primary sidebar",
        "Download this page",
        "Last updated",
    ):
        assert engelsk not in tekst, engelsk
    assert "Søkeresultater" in (html / "_static" / "translations.js").read_text(encoding="utf-8")


def test_html_figurene_har_alt_tekst_og_limt_uttrekksdato(bygg_html):
    side = (bygg_html / "html" / "del3" / "3_1_generelle_tall.html").read_text(encoding="utf-8")
    alt = re.findall(r'<img[^>]*alt="([^"]*)"', side)
    assert alt and not any(a.endswith(".png") for a in alt)
    assert re.search(r'Kilde: UNEs saksregister, uttrekk <span class="tall"[^>]*>\d{2}\.\d{2}\.\d{4}</span>', side)
    tabeller = (bygg_html / "html" / "del6" / "6_3_arsregnskap.html").read_text(encoding="utf-8")
    assert "Kilde: UNEs regnskap rapportert til statsregnskapet." in tabeller
    assert "{table}" not in tabeller  # direktivene er tolket, ikke vist som tekst


# --- hvor tallene kommer fra (HTML) -----------------------------------------------------


def test_html_tallene_bærer_id_definisjon_aar_og_kilde(bygg_html):
    """Hvert tall fra rollen ``{tall}`` har i HTML id-en, definisjonen, funksjonen og, for
    tall fra et kapittel, lenken til den kjørte notatboka og verdiene de siste årene."""
    import html as htmlmod

    from arsrapport.utdata.tallkatalog import katalog

    html = bygg_html / "html"
    side = html / "del3" / "3_1_generelle_tall.html"
    tekst = side.read_text(encoding="utf-8")
    tallene = re.findall(r'<span class="tall"([^>]*)>([^<]*)</span>', tekst)
    assert len(tallene) > 30
    for attributter, _vist in tallene:
        a = {k: htmlmod.unescape(v) for k, v in re.findall(r'(data-[a-z]+)="([^"]*)"', attributter)}
        assert 'tabindex="0"' in attributter
        assert a["data-definisjon"] and a["data-funksjon"].startswith("arsrapport.")
        assert katalog().finn(a["data-id"]) is not None or a["data-id"] in ("ar", "ar_forrige", "uttrekksdato")
        if "data-side" in a:
            assert (side.parent / a["data-side"]).resolve().is_file(), a["data-side"]
    mottatt = next(dict(re.findall(r'(data-[a-z]+)="([^"]*)"', a)) for a, v in tallene if 'data-id="mottatt"' in a)
    ar = json.loads(htmlmod.unescape(mottatt["data-ar"]))
    assert [a for a, _ in ar] == [2023, 2022, 2021]
    assert ar[0][1] == "7\u00a0029"
    assert mottatt["data-side"] == "../beregninger/3_1_generelle_tall.html"


def test_pdf_har_ikke_kildene_til_tallene(bygg_html):
    import shutil
    import subprocess

    pdf = next((bygg_html / "pdf").glob("*.pdf"), None) if (bygg_html / "pdf").is_dir() else None
    if pdf is None or not shutil.which("pdftotext"):
        pytest.skip("boka er bygget uten PDF (XeLaTeX mangler)")
    tekst = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "7\u00a0029" in tekst or "7 029" in tekst
    assert (
        "Beregnes av" not in tekst and "Se beregningen" not in tekst and "arsrapport.maal.saksbehandling" not in tekst
    )


def test_nettleser_viser_kilden_ved_fokus_og_lukker_med_escape(bygg_html):
    """I en ekte nettleser på telefonbredde: fokus på et tall (tastatur) viser id-en,
    definisjonen, årene, funksjonen og lenken, innenfor skjermen; Escape lukker."""
    from nettleser import Nettleser

    side = bygg_html / "html" / "del3" / "3_1_generelle_tall.html"
    with Nettleser(bredde=390) as n:
        n.ga_til(side.as_uri())
        assert n.mislykket == [], n.mislykket  # ingen fil siden ber om, mangler (også ikonet)
        svar = n.js(
            "var t = document.querySelector('span.tall[data-id=\"mottatt.klage\"]'); t.scrollIntoView(); t.focus();"
            "var b = document.getElementById('tall-kilde'); var r = b.getBoundingClientRect();"
            "[b.innerText, t.getAttribute('aria-describedby'), b.getAttribute('role'), r.left >= 0,"
            " r.right <= document.documentElement.clientWidth, b.querySelector('a').href]"
        )
        tekst, beskrevet, rolle, venstre, hoyre, lenke = svar
        assert "mottatt.klage" in tekst and "Saker UNE mottok" in tekst
        assert "2023: 6\u00a0143 · 2022:" in tekst and "Beregnes av arsrapport.maal.saksbehandling.mottatt" in tekst
        assert beskrevet == "tall-kilde" and rolle == "tooltip" and venstre and hoyre
        assert lenke.endswith("/beregninger/3_1_generelle_tall.html")
        n.tast("Escape")
        assert n.js("document.getElementById('tall-kilde') === null")
        assert n.js("document.activeElement.dataset.id") == "mottatt.klage"
