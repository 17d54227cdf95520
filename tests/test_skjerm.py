"""HTML-boka på alle skjermer: enhetstester av ``arsrapport.bok.skjermtillegg`` og ikonene, og en
test i en ekte nettleser (Debians Chromium) av hver side i det bygde bokverket, på en
telefon (390 punkter) og en vanlig skjerm, med axe-core (fra pakken ``selenium-axe-python``)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml

from arsrapport.bok import skjermtillegg as sk
from arsrapport.grunn.config import PROSJEKTROT

MYK = "\u00ad"


# ------------------------------------------------------------------ orddeling


def test_lange_ord_i_overskrifter_far_myke_bindestreker_og_merkene_er_urort():
    body = (
        '<h2 id="nemnda-i-utlendingsforvaltningen">Nemnda i utlendingsforvaltningen'
        '<a class="headerlink" href="#nemnda-i-utlendingsforvaltningen" title="Lenke">#</a></h2>'
        "<p>utlendingsforvaltningen i brødteksten</p>"
    )
    ut = sk.myke_bindestreker(body)
    overskrift, avsnitt = ut.split("</h2>")
    # minst tre bokstaver før den første og etter den siste delingen
    assert f"utlen{MYK}dings{MYK}for{MYK}valt{MYK}nin{MYK}gen" in overskrift
    # id, lenke og tittel uendret, og brødteksten er ikke rørt
    assert (
        'id="nemnda-i-utlendingsforvaltningen"' in overskrift
        and 'href="#nemnda-i-utlendingsforvaltningen"' in overskrift
    )
    assert MYK not in avsnitt
    assert ut.replace(MYK, "") == body


def test_korte_ord_og_tall_deles_ikke():
    # «Samfunnsoppdrag» har 15 bokstaver (under grensen på 16), tall og id-er med _ er ikke ord
    body = "<h1>2.1 Samfunnsoppdrag og mål 1234567890123456789 tab_6_3_note_b_kroner</h1>"
    assert sk.myke_bindestreker(body) == body
    assert sk.del_ord("Utlendingsnemnda") == f"Utlen{MYK}dings{MYK}nemnda"  # nøyaktig 16


def test_figur_og_tabelltekster_deles_ogsa():
    body = '<span class="caption-text">Oppstilling av bevilgningsrapporteringen</span>'
    assert f"bevilg{MYK}nings{MYK}rap{MYK}por{MYK}te{MYK}rin{MYK}gen" in sk.myke_bindestreker(body)


def test_tabellceller_kan_brytes_i_figur_id_er_og_lange_ord():
    body = (
        '<td class="text-left"><p>mellomvaerende.investeringer_aksjer</p></td>'
        '<td><a href="x.html">tabeller.xlsx</a> og 12,5 %</td><td>andel_omgjoring_av_behandlet</td>'
        "<td>Oppstilling av bevilgningsrapportering</td><p>arsrapport.kapitler.beregn</p>"
        "<td>bevilgning.belastningsfullmakter (kapitalkontoer)</td>"
    )
    assert sk.brytbare_celler(body) == (
        '<td class="text-left"><p>mellomvaerende.<wbr>investeringer_<wbr>aksjer</p></td>'
        '<td><a href="x.html">tabeller.<wbr>xlsx</a> og 12,5 %</td><td>andel_<wbr>omgjoring_<wbr>av_<wbr>behandlet</td>'
        f"<td>Oppstilling av bevilg{MYK}nings{MYK}rap{MYK}por{MYK}te{MYK}ring</td><p>arsrapport.kapitler.beregn</p>"
        # et langt ledd i en id deles uten bindestrek; i en celle deles ord fra 12 bokstaver
        f"<td>bevilgning.<wbr>belast<wbr>nings<wbr>full<wbr>mak<wbr>ter (kapi{MYK}tal{MYK}kon{MYK}toer)</td>"
    )


def test_tomme_overskriftsceller_blir_vanlige_celler():
    body = '<tr><th class="head text-left"><p></p></th><th class="head"><p>2023</p></th><th></th></tr>'
    assert sk.tomme_overskriftsceller(body) == (
        '<tr><td class="head text-left"></td><th class="head"><p>2023</p></th><td></td></tr>'
    )


def test_skript_som_star_to_ganger_fjernes_uansett_prioritet_og_tomt_filnavn():
    from sphinx.builders.html._assets import _JavaScript

    thebe = "const THEBE_JS_URL = 1"
    skript = [
        _JavaScript("_static/a.js"),
        _JavaScript("", body=thebe, priority=500),  # fra registeret (filnavn '')
        _JavaScript(None, body=thebe, priority=500),  # lagt rett i byggeren (filnavn None)
        _JavaScript("_static/a.js", priority=800),
        _JavaScript(None, body="annet"),
    ]
    ut = sk.uten_doble_skript(skript)
    assert [(j.filename, j.attributes.get("body")) for j in ut] == [
        ("_static/a.js", None),
        ("", thebe),
        (None, "annet"),
    ]


def test_forsiden_har_sprak_tittel_og_lenke():
    s = sk.forside("Årsrapport 2023 – <UNE>", "intro.html")
    assert '<html lang="nb">' in s and "<title>Årsrapport 2023 – &lt;UNE&gt;</title>" in s
    assert 'content="0; url=intro.html"' in s and '<a href="intro.html">' in s


def test_figurer_med_telefonutgave_blir_picture():
    body = '<img alt="A" src="../_images/fig-3-1-innkomne.png" style="width: 100%;" /><img alt="B" src="../_images/logo.png" />'
    ut = sk.med_smale_figurer(body, {"fig-3-1-innkomne.png"}.__contains__)
    assert ut == (
        '<picture><source media="(max-width: 575.98px)" srcset="../_images/fig-3-1-innkomne.smal.png">'
        '<img alt="A" src="../_images/fig-3-1-innkomne.png" style="width: 100%;" /></picture>'
        '<img alt="B" src="../_images/logo.png" />'
    )


# ------------------------------------------------------------------ ikonene


def _lag_ikoner():
    sys.path.insert(0, str(PROSJEKTROT / "scripts"))
    try:
        import lag_ikoner
    finally:
        sys.path.pop(0)
    return lag_ikoner


def test_ikonfila_er_a_jour():
    assert _lag_ikoner().main(["--sjekk"]) == 0, "kjør .venv/bin/python scripts/lag_ikoner.py"


def test_hvert_ikon_boka_og_temaet_bruker_har_en_regel(bygg_html):
    """fontawesome.js lastes ikke; hvert ``fa-*``-ikon i sidene eller i temaets skript må
    derfor ha sin regel i ikoner.css, ellers blir knappen tom."""
    html = bygg_html / "html"
    brukt = set()
    for side in html.rglob("*.html"):
        brukt |= set(re.findall(r"\bfa-([a-z0-9-]+)", side.read_text(encoding="utf-8")))
    for skript in (html / "_static" / "scripts").glob("*-theme.js"):
        brukt |= set(re.findall(r"\bfa-([a-z0-9-]+)", skript.read_text(encoding="utf-8")))
    brukt -= {"solid", "lg", "regular", "brands"}  # stil og størrelse, ikke ikoner
    regler = set(re.findall(r"^\.fa-([a-z0-9-]+) \{ --ikon", (html / "_static" / "ikoner.css").read_text(), re.M))
    assert brukt and brukt <= regler, brukt - regler
    assert "fontawesome.js" not in (html / "del3" / "3_1_generelle_tall.html").read_text(encoding="utf-8")


# ------------------------------------------------------------------ i nettleseren


def _axe_kilde() -> str:
    import selenium_axe_python

    return (Path(selenium_axe_python.__file__).parent / "axe-core" / "axe.min.js").read_text(encoding="utf-8")


#: axe-regler som er «eksperimentelle» i den pakkede axe-core, men gjelder etter WCAG 2.1 AA
#: (navnet på en knapp må inneholde den synlige teksten, 2.5.3).
AXE_REGLER = {"label-content-name-mismatch": {"enabled": True}}


def _sider(html: Path) -> list[str]:
    return sorted(
        str(p.relative_to(html))
        for p in html.rglob("*.html")
        if p.parts[len(html.parts)] not in ("_static", "_sources") and p.name != "index.html"
    )


def _kapitlene() -> set[str]:
    toc = yaml.safe_load((PROSJEKTROT / "book" / "_toc.yml").read_text(encoding="utf-8"))
    return {f"/{k['file']}.html" for del_ in toc["parts"] for k in del_["chapters"]}


def _alvorlige(brudd: list[dict]) -> list[str]:
    return [
        f"{b['id']} ({b['impact']}, {len(b['nodes'])}): {b['nodes'][0]['target']}"
        for b in brudd
        if b["impact"] in ("serious", "critical")
    ]


@pytest.fixture(scope="module")
def nettside(bygg_html):
    from nettleser import chromium, tjener

    if chromium() is None:
        pytest.skip("chromium mangler; kjør scripts/oppsett.sh --system")
    with tjener(bygg_html / "html") as adresse:
        yield adresse, _sider(bygg_html / "html")


def test_hver_side_pa_en_telefon(nettside):
    """På 390 punkters bredde, for hver side: ikke bredere enn skjermen, ingen fil som mangler
    (4xx), ingen skriptfeil, ingen alvorlige axe-brudd; ☰ åpner listen over alle kapitlene og
    «Innhold» sidens overskrifter; fokus på et tall viser kilden; figurene er telefonutgavene."""
    from nettleser import Nettleser

    adresse, sider = nettside
    assert len(sider) >= 30
    kapitlene = _kapitlene()
    funn: dict[str, list[str]] = {}
    med_tall = med_figur = 0
    with Nettleser(bredde=390, hoyde=800) as n:
        for side in sider:
            feil = []
            n.mislykket.clear()
            n.feil.clear()
            n.ga_til(f"{adresse}/{side}")
            bredde = n.js("document.documentElement.scrollWidth")
            if bredde > 390:
                feil.append(f"{bredde} punkter bred")
            feil += [f"mangler {m}" for m in n.mislykket]
            # axe på siden slik den lastes; det axe selv ber om (den henter stilarkene på nytt og
            # løser @import feil), er ikke sidens forespørsler
            feil += _alvorlige(n.axe(_axe_kilde(), AXE_REGLER))
            n.mislykket.clear()
            # menyen: trykk på den synlige ☰, og kapitlene står i vinduet som åpnes
            n.trykk(".primary-toggle")
            try:
                lenker = n.vent_pa(
                    "(() => { const d = document.getElementById('pst-primary-sidebar-modal');"
                    " if (!d || !d.open) return null;"
                    " return Array.from(d.querySelectorAll('.bd-docs-nav a')).filter(a => a.getClientRects().length)"
                    ".map(a => new URL(a.href).pathname); })()"
                )
            except TimeoutError:
                lenker = []
                feil.append("☰ åpner ikke menyen")
            if lenker and not kapitlene <= set(lenker):
                feil.append(f"menyen mangler {sorted(kapitlene - set(lenker))[:3]}")
            n.tast("Escape")
            n.vent_pa("!document.getElementById('pst-primary-sidebar-modal').open")
            # «Innhold» (sidens overskrifter) åpner på samme måte, der siden har en slik liste
            if n.js("Array.from(document.querySelectorAll('.secondary-toggle')).some(e => e.getClientRects().length)"):
                n.trykk(".secondary-toggle")
                try:
                    n.vent_pa(
                        "(() => { const d = document.getElementById('pst-secondary-sidebar-modal');"
                        " return d && d.open && d.querySelectorAll('.toc-entry a').length > 0 })()"
                    )
                except TimeoutError:
                    feil.append("«Innhold» åpner ikke sidens innholdsliste")
                n.tast("Escape")
            # kilden til et tall ved fokus
            if n.js("!!document.querySelector('span.tall[data-id]')"):
                med_tall += 1
                id_, tekst = n.js(
                    "(() => { const t = document.querySelector('span.tall[data-id]'); t.scrollIntoView(); t.focus();"
                    " const b = document.getElementById('tall-kilde'); return [t.dataset.id, b ? b.innerText : ''] })()"
                )
                if id_ not in tekst:
                    feil.append(f"kilden til {id_} vises ikke ved fokus")
            if n.js("!!document.querySelector('picture img')"):
                med_figur += 1
                n.js("document.querySelectorAll('picture img').forEach(i => i.loading = 'eager')")
                kilder = n.vent_pa(
                    "(() => { const k = Array.from(document.querySelectorAll('picture img')).map(i => i.currentSrc);"
                    " return k.every(s => s) ? k : null })()"
                )
                if not all(k.endswith(sk.SMAL) for k in kilder):
                    feil.append("figurene er ikke telefonutgavene")
            feil += [f"mangler {m}" for m in n.mislykket] + [f"skriptfeil {f}" for f in n.feil]
            if feil:
                funn[side] = feil
    assert funn == {}
    assert med_tall >= 15 and med_figur >= 3  # testen så faktisk tall og figurer (3.1, 3.2, 4.3)


def test_hver_side_pa_en_vanlig_skjerm(nettside):
    """På 1280 punkter: ingen alvorlige axe-brudd, ingen skriptfeil eller manglende filer, ett
    søk, alle tabeller innenfor spalten, vanlige figurer; ☰ skjuler og viser
    innholdsfortegnelsen."""
    from nettleser import Nettleser

    adresse, sider = nettside
    funn: dict[str, list[str]] = {}
    with Nettleser(bredde=1280, hoyde=900) as n:
        for side in sider:
            n.mislykket.clear()
            n.feil.clear()
            n.ga_til(f"{adresse}/{side}")
            feil = []
            sok = n.js(
                "Array.from(document.querySelectorAll('.search-button__button'))"
                ".filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden').length"
            )
            if sok != 1:
                feil.append(f"{sok} synlige søk")
            brede = n.js(
                "Array.from(document.querySelectorAll('.bd-article .pst-scrollable-table-container'))"
                ".filter(b => b.scrollWidth > b.clientWidth + 1).map(b => b.querySelector('table').id || '?')"
            )
            if brede:  # på en vanlig skjerm får alle tabellene plass i spalten
                feil.append(f"tabeller bredere enn spalten: {brede}")
            kilder = n.js("Array.from(document.querySelectorAll('picture img')).map(i => i.currentSrc)")
            if any(k.endswith(sk.SMAL) for k in kilder):
                feil.append("telefonutgaven av figurene på en stor skjerm")
            feil += [f"mangler {m}" for m in n.mislykket] + [f"skriptfeil {f}" for f in n.feil]
            feil += _alvorlige(n.axe(_axe_kilde(), AXE_REGLER))
            n.mislykket.clear()
            if feil:
                funn[side] = feil
        assert funn == {}
        n.ga_til(f"{adresse}/del3/3_1_generelle_tall.html")
        synlig = "getComputedStyle(document.getElementById('pst-primary-sidebar')).visibility"
        assert n.js(synlig) == "visible"
        n.trykk(".primary-toggle")
        assert n.vent_pa(f"{synlig} === 'hidden'")
        n.trykk(".primary-toggle")
        assert n.vent_pa(f"{synlig} === 'visible'")


def test_forsiden_har_sprak_og_tittel_og_sender_videre(nettside, bygg_html):
    from nettleser import Nettleser

    adresse, _ = nettside
    kilde = (bygg_html / "html" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="nb">' in kilde and "<title>Årsrapport 2023 – Utlendingsnemnda</title>" in kilde
    with Nettleser(bredde=390) as n:
        n.ga_til(f"{adresse}/index.html")
        assert n.vent_pa("location.pathname === '/intro.html'")
