"""Sphinx-tillegg for HTML-boka på alle skjermer (lastes via ``extra_extensions`` i ``_config.yml``).

Det temaet (sphinx-book-theme 1.3.0 på pydata-sphinx-theme 0.17.1) ikke gjør selv, eller gjør
feil, og som bare gjelder nettsidene:

* **Orddeling i overskrifter.** Lange sammensatte ord («utlendingsforvaltningen») får myke
  bindestreker (U+00AD) fra den norske ordlista i ``pyphen``, så overskriftene brytes på en
  telefon i stedet for å gjøre siden bredere enn skjermen. Nettlesernes egen orddeling
  (``hyphens: auto``) finnes ikke for norsk i alle nettlesere. Bare HTML-en endres: søket,
  innholdslistene og PDF-en ser ordene hele.
* **Skript som står to ganger.** sphinx-thebe og sphinx-togglebutton legger inn et innebygd
  skript både i registeret og direkte i byggeren; Sphinx ser dem som ulike (filnavn ``None``
  mot ``''``), så ``const THEBE_JS_URL`` ble deklarert to ganger og ga en skriptfeil på hver side.
* **Tabellceller.** Figur-id-er («mellomvaerende.investeringer_aksjer_andeler») får mulige
  linjeskift (``<wbr>``) etter punktum og understrek, og lange ord («bevilgningsrapportering»)
  myke bindestreker, så tabellene (avstemmingen særlig) får plass i spalten på en vanlig
  skjerm uten at noe brytes midt i et ord uten bindestrek.
* **Tomme overskriftsceller.** Tabeller med radnavn har en tom celle øverst til venstre;
  som overskriftscelle (``th``) uten tekst er den en feil for skjermlesere (axe:
  empty-table-header), så den blir en vanlig tom celle.
* **Figurer for telefoner.** Ved siden av hver figur ``figurer/fig-x.png`` ligger utgaven
  tegnet i telefonbredden, ``fig-x.smal.png`` (:func:`arsrapport.presentasjon.diagrammer.smal`). Her blir
  figuren et ``<picture>`` som viser den på smale skjermer, så skriften i figurene er like
  lesbar der som i teksten. Samme alternativtekst; PDF-en bruker bare den vanlige.
* **Forsiden ``index.html``.** sphinx-external-toc skriver en omdirigering uten språk og tittel;
  her skrives en med ``lang="nb"``, tittel og en lenke for dem som ikke følger omdirigeringen.
"""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path

from arsrapport.bok.hurtiglager import skriv_hvis_endret

#: Filendelsen til telefonutgaven av en figur (``fig-x.png`` → ``fig-x.smal.png``).
SMAL = ".smal.png"
#: Skjermene som får telefonutgaven (pydata-sphinx-theme bytter til én spalte under 576 px).
SMAL_SKJERM = "(max-width: 575.98px)"

#: Ord med minst så mange bokstaver får myke bindestreker.
LANGT_ORD = 16
#: Ingen bit kortere enn dette før eller etter en deling (som i norsk typografi).
MINST_VED_DELING = 3

MYK = "\u00ad"

_OVERSKRIFT = re.compile(r"(<h[1-6]\b[^>]*>)(.*?)(</h[1-6]>)|(<span class=\"caption-text\">)(.*?)(</span>)", re.S)
_MERKE = re.compile(r"(<[^>]*>)")
#: I tabellceller (smale kolonner) deles ord fra så mange bokstaver.
LANGT_ORD_I_TABELL = 12


@functools.cache
def _ordliste():
    import pyphen

    return pyphen.Pyphen(lang="nb_NO", left=MINST_VED_DELING, right=MINST_VED_DELING)


@functools.cache
def _ord(minst: int) -> re.Pattern:
    return re.compile(rf"[^\W\d_]{{{minst},}}")


def del_ord(tekst: str, minst: int = LANGT_ORD, bindestrek: str = MYK) -> str:
    """Myke bindestreker (eller ``bindestrek``) i ordene på minst ``minst`` bokstaver i en ren
    tekst (uten HTML-merker)."""
    return _ord(minst).sub(lambda m: _ordliste().inserted(m.group(0), hyphen=bindestrek), tekst)


def myke_bindestreker(body: str) -> str:
    """HTML-teksten med myke bindestreker i lange ord i overskrifter (``h1``–``h6``) og
    figur- og tabelltekster. Bare teksten mellom merkene endres, aldri merkene selv
    (id-er, lenker, ``data-*``)."""

    def i_teksten(innhold: str) -> str:
        deler = _MERKE.split(innhold)
        return "".join(d if d.startswith("<") else del_ord(d) for d in deler)

    def bytt(m: re.Match) -> str:
        start, innhold, slutt = (m.group(1), m.group(2), m.group(3)) if m.group(1) else m.group(4, 5, 6)
        return start + i_teksten(innhold) + slutt

    return _OVERSKRIFT.sub(bytt, body)


_CELLE = re.compile(r"(<td\b[^>]*>)(.*?)(</td>)", re.S)
#: en figur-id: små bokstaver og sifre, delt med punktum eller understrek
_ID = re.compile(r"\b[a-z][a-z0-9]*(?:[._][a-z0-9]+)+\b")


def brytbare_celler(body: str) -> str:
    """Tabellcellene med ``<wbr>`` etter hvert punktum og understrek i figur-id-er (og i lange
    ledd av dem) og myke bindestreker i ord på minst :data:`LANGT_ORD_I_TABELL` bokstaver."""

    def i_id(id_: str) -> str:
        # lange ledd deles også, men uten synlig bindestrek: den ville sett ut som en del av id-en
        return re.sub(r"([._])", r"\1<wbr>", del_ord(id_, bindestrek="<wbr>"))

    def i_tekst(tekst: str) -> str:
        deler = _ID.split(tekst)
        idene = [i_id(m.group(0)) for m in _ID.finditer(tekst)]
        ut = [del_ord(deler[0], LANGT_ORD_I_TABELL)]
        for id_, del_ in zip(idene, deler[1:]):
            ut += [id_, del_ord(del_, LANGT_ORD_I_TABELL)]
        return "".join(ut)

    def i_cellen(innhold: str) -> str:
        return "".join(d if d.startswith("<") else i_tekst(d) for d in _MERKE.split(innhold))

    return _CELLE.sub(lambda m: m.group(1) + i_cellen(m.group(2)) + m.group(3), body)


_TOM_TH = re.compile(r"<th(\s[^>]*)?>\s*(?:<p>\s*</p>)?\s*</th>")


def tomme_overskriftsceller(body: str) -> str:
    """Tomme ``th``-celler (hjørnet over radnavnene) som vanlige tomme celler."""
    return _TOM_TH.sub(lambda m: f"<td{m.group(1) or ''}></td>", body)


_BILDE = re.compile(r'<img\b[^>]*\bsrc="([^"]*?)([^"/]+)\.png"[^>]*>')


def med_smale_figurer(body: str, har_smal) -> str:
    """Hver ``<img src=".../<navn>.png">`` der ``har_smal(navn + ".png")`` er sann, pakket i
    et ``<picture>`` med telefonutgaven (``<navn>.smal.png`` ved siden av) for smale skjermer."""

    def bytt(m: re.Match) -> str:
        mappe, navn = m.group(1), m.group(2)
        if not har_smal(navn + ".png"):
            return m.group(0)
        kilde = f'<source media="{SMAL_SKJERM}" srcset="{mappe}{navn}{SMAL}">'
        return f"<picture>{kilde}{m.group(0)}</picture>"

    return _BILDE.sub(bytt, body)


def uten_doble_skript(skript: list) -> list:
    """Skriptlisten uten gjentakelser: to skript er like når fil og attributter (også et
    innebygd skripts tekst) er like, uansett prioritet og om filnavnet er ``None`` eller ``''``."""
    sett, ut = set(), []
    for js in skript:
        filnavn = getattr(js, "filename", js) or ""
        attributter = getattr(js, "attributes", {})
        nokkel = (str(filnavn), tuple(sorted((k, str(v)) for k, v in attributter.items())))
        if nokkel not in sett:
            sett.add(nokkel)
            ut.append(js)
    return ut


def forside(tittel: str, maal: str) -> str:
    """``index.html``: omdirigering til rapportens første side, med språk og tittel."""
    t, m = html.escape(tittel), html.escape(maal, quote=True)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="nb">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{t}</title>\n"
        f'<meta http-equiv="refresh" content="0; url={m}">\n'
        f'<link rel="canonical" href="{m}">\n'
        "</head>\n"
        "<body>\n"
        f'<main><h1>{t}</h1><p><a href="{m}">Gå til rapporten</a></p></main>\n'
        "</body>\n"
        "</html>\n"
    )


# ------------------------------------------------------------------ Sphinx


def _smale_figurer(app) -> dict[str, Path]:
    """Bildene i ``_images/`` (navnet Sphinx ga dem) som har en telefonutgave i kildene → den."""
    ut = {}
    for kilde, (_, navn) in app.env.images.items():
        if kilde.endswith(".png") and (smal := Path(app.srcdir, kilde[: -len(".png")] + SMAL)).is_file():
            ut[navn] = smal
    return ut


def _side(app, pagename, templatename, context, doctree):
    if "body" in context:
        smale = _smale_figurer(app)
        body = brytbare_celler(tomme_overskriftsceller(myke_bindestreker(context["body"])))
        context["body"] = med_smale_figurer(body, smale.__contains__)
    if "script_files" in context:
        context["script_files"] = uten_doble_skript(context["script_files"])


def _kopier_smale_figurer(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    for navn, smal in _smale_figurer(app).items():
        maal = Path(app.outdir, app.builder.imagedir, navn[: -len(".png")] + SMAL)
        skriv_hvis_endret(maal, smal.read_bytes())


def _skriv_forside(app, exception):
    if exception is not None or app.builder.format != "html" or app.config.root_doc == "index":
        return
    sti = Path(app.outdir) / "index.html"
    innhold = forside(app.config.html_title or app.config.project, app.builder.get_target_uri(app.config.root_doc))
    skriv_hvis_endret(sti, innhold.encode("utf-8"))  # et bygg uten endringer rører ikke filen


def setup(app):
    # sist, etter temaene, så listen er endelig
    app.connect("html-page-context", _side, priority=900)
    # før sphinx-external-toc (500), som ikke skriver filen når den finnes
    app.connect("build-finished", _skriv_forside, priority=400)
    app.connect("build-finished", _kopier_smale_figurer)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
