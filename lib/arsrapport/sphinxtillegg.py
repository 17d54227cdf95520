"""Sphinx-tillegg for boka (lastes av Jupyter Book via ``extra_extensions`` i ``_config.yml``).

Tre ting Jupyter Book og temaet ikke gjør selv:

* **Tabeller i PDF.** Markdown-tabellene markerer tallkolonner som høyrejusterte (``---:``,
  se :mod:`arsrapport.tabeller`); MyST legger det på cellene som klassen ``text-right``, men
  LaTeX-skriveren i Sphinx bryr seg ikke om den og venstrejusterer alt. Her får hver tabell en
  kolonnespesifikasjon (samme virkning som ``.. tabularcolumns::``) regnet ut av justeringen
  og innholdet: korte tabeller settes med ``tabulary`` (``L``/``R``), lange tabeller med
  ``longtable`` (brytes over sider, med gjentatt overskrift) og faste kolonnebredder.
* **Delene i PDF-en.** Overskriftene i ``_toc.yml`` («Del III Aktiviteter og resultater»)
  blir linjer i innholdsfortegnelsen og bokmerkene, og forsiden (``intro.md``) et
  unummerert kapittel; Sphinx' LaTeX-bygger dropper begge.
* **Norske ord i HTML-temaet.** ``sphinx-book-theme`` har ingen norsk katalog som Sphinx finner
  for språket ``nb``; katalogen ``locales/nb/LC_MESSAGES/booktheme.po`` i boka kompileres og
  lastes her. (``sphinx.po`` i samme katalog kompilerer Sphinx selv.) Søkesidens tekster
  (``translations.js``) lages av den samlede katalogen, fordi Sphinx bare leter etter en
  ferdig fil under nøyaktig språknavnet ``nb``. Tekster temaet har skrevet fast på engelsk
  (verktøytips, ``aria-label``), er overstyrt i ``book/_templates/``.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from docutils import nodes

#: Tabeller med flere rader enn dette settes som ``longtable`` og kan brytes over sider.
LANG_TABELL = 18
#: Omtrent så mange tegn (i tabellskriften) får plass på tekstbredden; brukes til å fordele
#: bredden mellom kolonnene i lange tabeller.
TEGN_PER_LINJE = 96
#: Luft per kolonne (kolonneavstanden) regnet i tegn.
LUFT = 3
#: Ord lengre enn dette (figur-id-er o.l.) får brytningspunkter etter punktum og understrek
#: i lange tabeller, så kolonnen ikke må være like bred som ordet.
MAKS_ORD = 20
#: Tekstkolonner med så kort innhold (tegn) brytes ikke i korte tabeller («A, B», koder).
KORT = 8

_HOYRE = r">{\raggedleft\arraybackslash}"
_VENSTRE = r">{\raggedright\arraybackslash}"


# ------------------------------------------------------------------ tabeller i LaTeX


def kolonnespesifikasjon(
    hoyre: list[bool],
    bredder: list[int],
    minste: list[int] | None = None,
    lang: bool = False,
    tegn_per_linje: int = TEGN_PER_LINJE,
) -> str:
    """Kolonnespesifikasjonen for én tabell.

    ``hoyre`` sier hvilke kolonner som er høyrejustert (tall), ``bredder`` hvor mange tegn
    det lengste innholdet i hver kolonne har, ``minste`` det lengste ordet (en tekstkolonne
    blir ikke smalere enn det, så langt plassen rekker). Korte tabeller får
    ``tabulary``-kolonner (``L``/``R``), som finner bredden selv; tekstkolonner med høyst
    :data:`KORT` tegn får ``l`` og brytes ikke. Lange tabeller (``longtable``) trenger faste
    bredder, se :func:`kolonnebredder`.
    """
    if len(hoyre) != len(bredder):
        raise ValueError("like mange justeringer og bredder trengs")
    if not lang:
        # tabulary: R/L fordeler bredden; korte tekstkolonner (noter, koder) brytes ikke
        return "".join("R" if h else "l" if b <= KORT else "L" for h, b in zip(hoyre, bredder))
    tegn = kolonnebredder(hoyre, bredder, minste, tegn_per_linje)
    return "".join((_HOYRE if h else _VENSTRE) + rf"\X{{{b}}}{{{tegn_per_linje}}}" for b, h in zip(tegn, hoyre))


def kolonnebredder(
    hoyre: list[bool],
    bredder: list[int],
    minste: list[int] | None = None,
    tegn_per_linje: int = TEGN_PER_LINJE,
) -> list[int]:
    """Faste kolonnebredder i tegn (med luft) for en lang tabell.

    Hver kolonne får sin naturlige bredde. Blir summen bredere enn linja, beholder
    tallkolonnene sin (tall brytes ikke), og tekstkolonnene deler resten i forhold til
    innholdet; en tekstkolonne som da ville blitt smalere enn sitt lengste ord (begrenset
    til :data:`MAKS_ORD` tegn, lengre ord brytes), får det ordet, og de andre deler det som
    er igjen. Får ikke engang ordgulvene plass, krymper tekstkolonnene forholdsvis, så
    tabellen aldri blir bredere enn linja så lenge tallkolonnene får plass.
    """
    minste = list(minste) if minste is not None else [0] * len(bredder)
    onsket = [max(b, m) + LUFT for b, m in zip(bredder, minste)]
    if sum(onsket) <= tegn_per_linje:
        return onsket
    gulv = [min(m, MAKS_ORD) + LUFT for m in minste]
    faste = {i for i, h in enumerate(hoyre) if h}
    ut = list(onsket)
    while True:
        frie = [i for i in range(len(onsket)) if i not in faste]
        if not frie:
            break
        rom = tegn_per_linje - sum(ut[i] for i in faste)
        sum_frie = sum(onsket[i] for i in frie)
        andel = {i: rom * onsket[i] / sum_frie for i in frie}
        for_smale = [i for i in frie if andel[i] < gulv[i]]
        if not for_smale:
            for i in frie:
                ut[i] = max(int(andel[i]), 1)
            break
        for i in for_smale:
            ut[i] = gulv[i]
            faste.add(i)
    tekst = [i for i, h in enumerate(hoyre) if not h]
    rom = tegn_per_linje - sum(ut[i] for i, h in enumerate(hoyre) if h)
    if sum(ut) > tegn_per_linje and tekst and rom > 0:
        # selv ordgulvene får ikke plass (mange tekstkolonner): hver tekstkolonne får et
        # lavere gulv (et kort ord), og resten fordeles etter innholdet, heller enn at tabellen
        # går ut over margen; lengre ord brytes i cellen
        grunn = {i: min(gulv[i], KORT + LUFT, rom // len(tekst)) for i in tekst}
        rest = rom - sum(grunn.values())
        over = {i: max(onsket[i] - grunn[i], 0) for i in tekst}
        sum_over = sum(over.values()) or 1
        for i in tekst:
            ut[i] = grunn[i] + int(rest * over[i] / sum_over)
    return ut


def _rader(tabell: nodes.table) -> tuple[list[nodes.row], list[nodes.row]] | None:
    """Overskriftsrader og innholdsrader, eller ``None`` for tabeller med sammenslåtte celler
    (dem lar vi Sphinx sette som før)."""
    tgrupper = [g for g in tabell.children if isinstance(g, nodes.tgroup)]
    if len(tgrupper) != 1:
        return None
    hode = [r for t in tgrupper[0].findall(nodes.thead) for r in t.children if isinstance(r, nodes.row)]
    kropp = [r for t in tgrupper[0].findall(nodes.tbody) for r in t.children if isinstance(r, nodes.row)]
    for rad in hode + kropp:
        for celle in rad.children:
            if celle.get("morecols") or celle.get("morerows"):
                return None
    return hode, kropp


def tabellmal(tabell: nodes.table) -> tuple[list[bool], list[int], list[int], int] | None:
    """Justering, lengste innhold, lengste ord og antall innholdsrader for en tabell."""
    rader = _rader(tabell)
    if rader is None:
        return None
    hode, kropp = rader
    antall = max((len(r.children) for r in hode + kropp), default=0)
    if not antall or any(len(r.children) != antall for r in hode + kropp):
        return None
    hoyre, bredder, minste = [], [], []
    for i in range(antall):
        celler = [r.children[i] for r in kropp]
        fylte = [c for c in celler if c.astext().strip()]
        hoyre.append(bool(fylte) and all("text-right" in c.get("classes", []) for c in fylte))
        tekster = [c.astext().strip() for c in celler]
        overskrift = [r.children[i].astext().strip() for r in hode]
        ord_ = [o for t in tekster + overskrift for o in t.split()]
        if hoyre[-1]:
            # tall brytes ikke (hardt mellomrom); overskriften kan brytes mellom ordene
            bredder.append(max([len(t) for t in tekster] + [len(o) for o in ord_], default=0))
            minste.append(bredder[-1])
        else:
            bredder.append(max([len(t) for t in tekster + overskrift], default=0))
            minste.append(max([len(o) for o in ord_], default=0))
    return hoyre, bredder, minste, len(kropp)


def _fjern_tomme_avsnitt(tabell: nodes.table) -> None:
    """Tomme celler uten tomt avsnitt: LaTeX setter ellers en tom linje i cellen, så raden
    blir dobbelt så høy (grupperader og sumlinjer med tomme celler)."""
    for celle in tabell.findall(nodes.entry):
        if len(celle) == 1 and isinstance(celle[0], nodes.paragraph) and not celle.astext().strip():
            celle.remove(celle[0])


_BRYTBAR = re.compile(r"(?<=[._/])")


def _bryt_lange_ord(tabell: nodes.table, maks: int = MAKS_ORD) -> None:
    """Brytningspunkter (``\\allowbreak``) etter punktum, understrek og skråstrek i ord
    lengre enn ``maks`` tegn, så lange id-er kan deles over linjer i smale kolonner."""
    for tekst in list(tabell.findall(nodes.Text)):
        if not any(len(o) > maks for o in str(tekst).split()):
            continue
        nye: list[nodes.Node] = []
        for del_ in re.split(r"(\s+)", str(tekst)):
            biter = _BRYTBAR.split(del_) if len(del_) > maks else [del_]
            for j, bit in enumerate(biter):
                if j:
                    nye.append(nodes.raw("", r"\allowbreak{}", format="latex"))
                if bit:
                    nye.append(nodes.Text(bit))
        tekst.parent.replace(tekst, nye)


def _sett_kolonner_i_latex(app, doctree: nodes.document, docname: str) -> None:
    """Gi hver tabell en kolonnespesifikasjon før LaTeX-skriveren ser den (bare for LaTeX)."""
    if app.builder.format != "latex":
        return
    from sphinx import addnodes

    for tabell in list(doctree.findall(nodes.table)):
        forelder = tabell.parent
        indeks = forelder.index(tabell)
        if any(True for _ in tabell.findall(nodes.table, include_self=False)):
            continue
        _fjern_tomme_avsnitt(tabell)
        if indeks and isinstance(forelder[indeks - 1], addnodes.tabular_col_spec):
            continue  # forfatteren har bestemt kolonnene selv
        mal = tabellmal(tabell)
        if mal is None:
            continue
        hoyre, bredder, minste, rader = mal
        lang = rader > LANG_TABELL or "longtable" in tabell.get("classes", [])
        if lang:
            if "longtable" not in tabell["classes"]:
                tabell["classes"].append("longtable")
            _bryt_lange_ord(tabell)
        spes = kolonnespesifikasjon(hoyre, bredder, minste, lang=lang)
        forelder.insert(indeks, addnodes.tabular_col_spec(spec=spes))


# ------------------------------------------------------------------ delene i PDF-en


def _deler_i_latex(app, doctree: nodes.document) -> None:
    """Delene (``Del II …``, overskriftene i ``_toc.yml``) som egne linjer i PDF-ens
    innholdsfortegnelse og bokmerker, og forsiden som et unummerert kapittel.

    LaTeX-byggeren i Sphinx limer kapitlene inn der innholdslistene (toctree) står på
    forsiden og kaster overskriftene deres; HTML-menyen viser dem. Her settes en linje inn
    foran hver innholdsliste (den blir stående når kapitlene limes inn)."""
    from sphinx import addnodes
    from sphinx.util.texescape import escape

    if app.builder.format != "latex" or app.env.docname != app.config.root_doc:
        return
    seksjon = next(iter(doctree.findall(nodes.section)), None)
    if seksjon is not None and len(seksjon) and isinstance(seksjon[0], nodes.title):
        tittel = escape(seksjon[0].astext())
        seksjon.insert(
            1,
            nodes.raw(
                "",
                r"\chapter*{%s}\addcontentsline{toc}{chapter}{%s}\markboth{%s}{%s}" % ((tittel,) * 4),
                format="latex",
            ),
        )
    for toctree in list(doctree.findall(addnodes.toctree)):
        del_ = toctree.get("caption")
        if not del_:
            continue
        forelder = toctree.parent
        forelder.insert(
            forelder.index(toctree),
            nodes.raw(
                "",
                rf"\clearpage\phantomsection\addcontentsline{{toc}}{{part}}{{{escape(del_)}}}",
                format="latex",
            ),
        )


# ------------------------------------------------------------------ norske ord i HTML


def _katalog(app) -> Path:
    return Path(app.srcdir) / "locales" / (app.config.language or "") / "LC_MESSAGES"


def _last_bokteemakatalogen(app, config) -> None:
    """Kompiler og last ``booktheme.po`` (tekstene fra sphinx-book-theme)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from sphinx import locale

    po = _katalog(app) / "booktheme.po"
    if not config.language or not po.exists():
        return
    import io

    with open(po, "rb") as f:
        katalog = read_po(f, locale=config.language.replace("-", "_"))
    buf = io.BytesIO()
    write_mo(buf, katalog)
    mo = po.with_suffix(".mo")
    # HTML- og PDF-bygget kan kjøre samtidig i samme kildekatalog: skriv bare når innholdet er
    # nytt, og via en egen midlertidig fil, så den andre aldri leser en halvskrevet katalog
    if not mo.is_file() or mo.read_bytes() != buf.getvalue():
        tmp = mo.with_name(f".{mo.name}.{os.getpid()}.tmp")
        tmp.write_bytes(buf.getvalue())
        os.replace(tmp, mo)
    locale.init([str(Path(app.srcdir) / "locales")], config.language, "booktheme")


_JS_MAL = re.compile(r"Documentation\.addTranslations\((.*)\);?\s*$", re.S)


def javascript_oversettelser(meldinger: dict[str, str], sprak: str) -> str:
    """``translations.js`` slik Sphinx' søkeside venter den."""
    innhold = {"locale": sprak, "messages": meldinger, "plural_expr": "(n != 1)"}
    return "Documentation.addTranslations(" + json.dumps(innhold, ensure_ascii=False, indent=1, sort_keys=True) + ");\n"


def _lag_javascript_oversettelser(app, config) -> None:
    """Lag ``translations.js`` for søkesiden fra den samlede katalogen (Sphinx' egen norske
    katalog pluss ``sphinx.po`` i boka) og pek Sphinx dit."""
    import sphinx

    if not config.language or not (_katalog(app) / "sphinx.po").exists():
        return
    from babel.messages.pofile import read_po

    nokler: set[str] = set()
    innebygd = Path(sphinx.__file__).parent / "locale" / "nb_NO" / "LC_MESSAGES" / "sphinx.js"
    if innebygd.exists():
        treff = _JS_MAL.search(innebygd.read_text(encoding="utf-8"))
        if treff:
            nokler |= set(json.loads(treff.group(1))["messages"])
    with open(_katalog(app) / "sphinx.po", "rb") as f:
        nokler |= {m.id for m in read_po(f) if m.id and isinstance(m.id, str)}
    meldinger = {}
    for nokkel in sorted(nokler):
        oversatt = app.translator.gettext(nokkel)
        if oversatt and oversatt != nokkel:
            meldinger[nokkel] = oversatt
    ut = Path(app.doctreedir).parent / "oversettelser"
    fil = ut / config.language / "LC_MESSAGES" / "sphinx.js"
    fil.parent.mkdir(parents=True, exist_ok=True)
    fil.write_text(javascript_oversettelser(meldinger, config.language), encoding="utf-8")
    # Sphinx leter etter sphinx.js i locale_dirs relativt til arbeidskatalogen; absolutte stier
    config.locale_dirs = [str(Path(app.srcdir) / d) for d in config.locale_dirs] + [str(ut)]


# ------------------------------------------------------------------ tallene: rollen {tall}

#: Filen i bokas kildekatalog med teksten til hver ``{tall}``-referanse boka bruker; bygget
#: skriver den (``arsrapport.bygg``) etter å ha slått opp og kontrollert hver referanse.
TALLFIL = "_tall.json"


def _les_tallfil(app) -> dict:
    fil = Path(app.srcdir) / TALLFIL
    if not fil.is_file():
        return {"referanser": {}, "kilder": {}}
    innhold = json.loads(fil.read_text(encoding="utf-8"))
    innhold.setdefault("kilder", {})
    return innhold


def _tallene(app) -> dict:
    if not hasattr(app, "_arsrapport_tall"):
        app._arsrapport_tall = _les_tallfil(app)
    return app._arsrapport_tall


class tall(nodes.inline):
    """Et tall fra rollen ``{tall}``: teksten, og i HTML hvor den kommer fra (``data-*``)."""


#: Feltene i ``kilder`` som blir ``data-*`` på tallet i HTML (til tall.js).
_KILDEFELT = ("id", "definisjon", "funksjon")


def _besok_tall_html(self, node: tall) -> None:
    kilde = node.get("kilde") or {}
    atts = {f"data-{f}": str(kilde[f]) for f in _KILDEFELT if kilde.get(f)}
    if kilde.get("ar"):
        atts["data-ar"] = json.dumps(kilde["ar"], ensure_ascii=False)
    if kilde.get("side"):
        atts["data-side"] = self.builder.get_relative_uri(self.builder.current_docname, kilde["side"])
    # tallet kan nås med tastaturet; tall.js viser hvor det kommer fra ved fokus, pekeren og trykk
    self.body.append(self.starttag(node, "span", "", tabindex="0", **atts))


def _forlat_tall_html(self, node: tall) -> None:
    self.body.append("</span>")


def tall_rolle(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{tall}`behandlet.asyl``: teksten bygget slo opp for referansen («1 234»). Hvilke
    referanser (tekst og kilde) hver side bruker, huskes i miljøet, så en side leses på nytt
    når et tall den viser, har endret seg (:func:`_sider_med_endrede_tall`). I PDF-en er tallet
    bare tekst; i HTML bærer det id-en og kilden (:func:`_besok_tall_html`)."""
    env = inliner.document.settings.env
    tallene = _tallene(env.app)
    ref = text.strip()
    if ref not in tallene["referanser"]:
        melding = inliner.reporter.error(
            f"ukjent tall «{ref}» (bygget fant det ikke; kjør arsrapport build)", line=lineno
        )
        return [inliner.problematic(rawtext, rawtext, melding)], [melding]
    brukt = (tallene["referanser"][ref], tallene["kilder"].get(ref))
    if not hasattr(env, "arsrapport_tall"):
        env.arsrapport_tall = {}
    env.arsrapport_tall.setdefault(env.docname, {})[ref] = brukt
    return [tall(rawtext, brukt[0], classes=["tall"], kilde=brukt[1] or {})], []


def _sider_med_endrede_tall(app, env, lagt_til, endret, fjernet):
    """Sidene som viser et tall med en annen tekst eller kilde enn sist de ble lest (Sphinx
    leser dem på nytt)."""
    tallene = _tallene(app)

    def na(ref):
        return (tallene["referanser"].get(ref), tallene["kilder"].get(ref))

    brukt = getattr(env, "arsrapport_tall", {})
    return sorted(
        side
        for side, refs in brukt.items()
        if side in env.found_docs and any(tuple(t) != na(r) for r, t in refs.items())
    )


def _glem_side(app, env, side):
    getattr(env, "arsrapport_tall", {}).pop(side, None)


def _slå_sammen(app, env, sider, annen):
    if hasattr(annen, "arsrapport_tall"):
        if not hasattr(env, "arsrapport_tall"):
            env.arsrapport_tall = {}
        for side in sider:
            if side in annen.arsrapport_tall:
                env.arsrapport_tall[side] = annen.arsrapport_tall[side]


def _uten_tomme_ord(get_terms):
    """Sphinx' søkeindeks beholder ord som bare sto i en side som er lest på nytt, med en tom
    liste sider («"028": []»), når bygget gjenbruker indeksen; et bygg fra bunnen har dem ikke.
    Ord uten sider tas ut, så søkeindeksen blir den samme byte for byte."""

    def uten_tomme(self, fn2index):
        return tuple({ord_: sider for ord_, sider in rv.items() if sider != []} for rv in get_terms(self, fn2index))

    uten_tomme.arsrapport = True
    return uten_tomme


def setup(app):
    from sphinx.search import IndexBuilder

    if not getattr(IndexBuilder.get_terms, "arsrapport", False):
        IndexBuilder.get_terms = _uten_tomme_ord(IndexBuilder.get_terms)
    app.add_role("tall", tall_rolle)
    # bare HTML har egne besøkere; ellers (LaTeX, tekst) er tallet en vanlig inline med tekst
    app.add_node(tall, html=(_besok_tall_html, _forlat_tall_html))
    # byggets tidspunkt («Sist oppdatert»): endres det, skrives alle sidene på nytt
    app.add_config_value("arsrapport_kildetid", 0, "html")
    app.connect("env-get-outdated", _sider_med_endrede_tall)
    app.connect("env-purge-doc", _glem_side)
    app.connect("env-merge-info", _slå_sammen)
    app.connect("config-inited", _last_bokteemakatalogen)
    app.connect("config-inited", _lag_javascript_oversettelser)
    app.connect("doctree-read", _deler_i_latex)
    app.connect("doctree-resolved", _sett_kolonner_i_latex)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
