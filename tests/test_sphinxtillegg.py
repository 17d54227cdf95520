"""Sphinx-tillegget (``arsrapport.bok.sphinxtillegg``) på håndlagde tabeller og kataloger, og at
bokas sider har det en leser av trykket venter: alt-tekst og kildelinje under hver figur,
kilde ved hver tabell."""

from __future__ import annotations

import json
import re

from babel.messages.pofile import read_po

from arsrapport.bok import sphinxtillegg as st
from arsrapport.grunn.config import PROSJEKTROT

BOK = PROSJEKTROT / "book"


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

    pdf = bygg_html / "pdf" / "arsrapport.pdf"
    assert pdf.is_file() and shutil.which("pdftotext"), "PDF-en og pdftotext (./test.sh installerer det) trengs"
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
