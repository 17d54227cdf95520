"""Rapporten som ett HTML-dokument til utskrift, satt sammen av den ferdige HTML-boka.

Delene I–VII i rekkefølgen i ``_toc.yml`` (uten «Beregningsgrunnlag»), med forside og
innholdsfortegnelse. Avstemmingsvedlegget tas med til og med avvikslisten; den fullstendige
listen over alle publiserte tall (``tab-avstemming-alle``) står bare i HTML-boka og i
``tabeller.xlsx``. Teksten, tabellene, figurene og alt-tekstene er nøyaktig de HTML-boka viser.

Overskriftene flyttes ett nivå ned, så hver del er ``h1``, hvert kapittel ``h2`` og så videre
(et kapittel med samme tittel som delen, f.eks. «Del I Leders beretning», mister sin egen).
Id-ene får siden foran seg (``del3-3_1_generelle_tall--tab-3-1-form``), og lenker mellom sidene
blir lenker i dokumentet; lenker til sider som ikke er med, blir vanlig tekst."""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from bs4 import BeautifulSoup, NavigableString, Tag

#: Delen i ``_toc.yml`` som ikke er med i PDF-en (notatbøkene; de står i HTML-boka).
UTELATTE_DELER = ("Beregningsgrunnlag",)
#: Seksjonene (id i HTML-boka) som ikke er med i PDF-en, med teksten som står der i stedet.
UTELATTE_SEKSJONER = {
    "vedlegg/avstemming": {
        "alle-publiserte-tall-for-rapportaret": (
            "Den fullstendige listen over alle publiserte tall for rapportåret, ved siden av "
            "tallene boka beregner, står i nettutgaven av rapporten og i regnearket "
            "tabeller.xlsx (ett ark per tabell)."
        ),
    },
}
#: Adressen bildene i HTML-boka får i dokumentet (``bok:/_images/fig-3-1-innkomne.png``).
BOK = "bok:/"
#: Avsnitt på forsiden av HTML-boka som gjelder nettutgaven.
_BARE_NETT = re.compile(r"Beregningsgrunnlag")


@dataclass
class Kapittel:
    side: str  #: «del3/3_1_generelle_tall»
    tittel: str
    anker: str  #: id-en til kapittelets første seksjon i dokumentet


@dataclass
class Del:
    tittel: str
    anker: str
    kapitler: list[Kapittel]


def deler(toc: Path) -> tuple[str, list[tuple[str, list[str]]]]:
    """Forsiden og delene i ``_toc.yml``: (rot, [(overskrift, [sider])]) uten de utelatte."""
    data = yaml.safe_load(toc.read_text(encoding="utf-8"))
    ut = []
    for del_ in data.get("parts", []):
        if del_["caption"] in UTELATTE_DELER:
            continue
        ut.append((del_["caption"], [k["file"] for k in del_.get("chapters", [])]))
    return data["root"], ut


def _slug(side: str) -> str:
    return side.replace("/", "-")


def _artikkel(html_rot: Path, side: str) -> Tag:
    suppe = BeautifulSoup((html_rot / f"{side}.html").read_text(encoding="utf-8"), "lxml")
    artikkel = suppe.find("article", class_="bd-article")
    if artikkel is None:
        raise ValueError(f"{side}.html har ingen <article class='bd-article'>")
    return artikkel


def _rydd(artikkel: Tag, side: str, html_rot: Path, sider: set[str], ider: dict[tuple[str, str], str]) -> None:
    """Det HTML-boka har for skjermen, tas bort; id-er, lenker og bildestier gjøres om."""
    for a in artikkel.select("a.headerlink"):
        a.decompose()
    for kilde in artikkel.select("picture source"):
        kilde.unwrap()  # lxml legger <img> inni <source>; den smale figuren er for telefonen
    for tag in artikkel.select("picture, a.image-reference, div.pst-scrollable-table-container"):
        tag.unwrap()
    for span in artikkel.select("span.tall"):
        span.attrs = {"class": ["tall"]}
    for tag in artikkel.find_all(class_=["tex2jax_ignore", "mathjax_ignore"]):
        tag["class"] = [k for k in tag.get("class", []) if k not in ("tex2jax_ignore", "mathjax_ignore")]
        if not tag["class"]:
            del tag["class"]
    for tag in artikkel.find_all(id=True):
        tag["id"] = ider.setdefault((side, tag["id"]), f"{_slug(side)}--{tag['id']}")
    mappe = posixpath.dirname(side)
    for img in artikkel.find_all("img"):
        # en adresse uten HTML-bokas plassering på disken (WeasyPrint ordner bildene etter
        # adressen): samme bytes uansett hvor bygget står; arsrapport.bok.trykk henter filen
        img["src"] = BOK + posixpath.normpath(posixpath.join(mappe, img["src"]))
        img.attrs.pop("style", None)
    for a in artikkel.find_all("a", href=True):
        href = a["href"]
        if re.match(r"^[a-z]+:", href):
            continue
        sti, _, fragment = href.partition("#")
        maal = side if not sti else posixpath.normpath(posixpath.join(mappe, sti)).removesuffix(".html")
        if maal not in sider:
            a.unwrap()
            continue
        a["href"] = "#" + (f"{_slug(maal)}--{fragment}" if fragment else f"{_slug(maal)}--")


def _kolonnebredder(artikkel: Tag) -> None:
    """Brede tabeller (mer innhold enn linja rommer) får faste kolonnebredder, regnet ut som
    i :func:`arsrapport.bok.trykk.kolonner.kolonnebredder`:
    tallkolonnene får sin bredde, tekstkolonnene deler resten. WeasyPrints automatiske
    tabelloppsett lar ellers en bred tekstkolonne gå ut over margen."""
    from arsrapport.bok.trykk.kolonner import TEGN_PER_LINJE, kolonnebredder

    for tabell in artikkel.find_all("table"):
        rader = [r.find_all(["td", "th"], recursive=False) for r in tabell.find_all("tr")]
        antall = max((len(r) for r in rader), default=0)
        if not antall or any(len(r) != antall or any(c.get("colspan") for c in r) for r in rader):
            continue
        kropp = [r for r in rader if r[0].find_parent("tbody") is not None]
        hoyre, bredder, typiske, minste = [], [], [], []
        for i in range(antall):
            fylte = [r[i] for r in kropp if r[i].get_text(strip=True)]
            hoyre.append(bool(fylte) and all("text-right" in c.get("class", []) for c in fylte))
            tekster = [r[i].get_text(" ", strip=True).replace("\u00ad", "") for r in kropp]
            overskrift = [r[i].get_text(" ", strip=True).replace("\u00ad", "") for r in rader if r not in kropp]
            bredder.append(max((len(t) for t in tekster), default=0))
            # tall brytes ikke: tallkolonnene får den lengste cellen, tekstkolonnene den typiske
            typiske.append(bredder[-1] if hoyre[-1] else _typisk([len(t) for t in tekster]))
            minste.append(max((len(o) for t in tekster + overskrift for o in t.split()), default=0))
        if sum(b + 3 for b in bredder) <= TEGN_PER_LINJE:
            continue
        tegn = kolonnebredder(hoyre, typiske, minste)
        kolonner = BeautifulSoup("", "lxml").new_tag("colgroup")
        for t in tegn:
            col = BeautifulSoup("", "lxml").new_tag("col")
            col["style"] = f"width: {100 * t / sum(tegn):.1f}%"
            kolonner.append(col)
        tekst = tabell.find("caption")
        if tekst is not None:
            tekst.insert_after(kolonner)
        else:
            tabell.insert(0, kolonner)
        tabell["class"] = [*tabell.get("class", []), "fast"]


def _typisk(lengder: list[int]) -> int:
    """Lengden nesten alle cellene i en tekstkolonne holder seg innenfor (90-persentilen):
    noen få lange merknader skal ikke ta plassen fra en kolonne som er lang i hver rad."""
    if not lengder:
        return 0
    ordnet = sorted(lengder)
    return ordnet[min(len(ordnet) - 1, (9 * len(ordnet)) // 10)]


def _flytt_overskrifter(artikkel: Tag, trinn: int) -> None:
    """Overskriftene ``trinn`` nivåer ned, og uten de myke bindestrekene HTML-boka har for
    smale skjermer (de ville stått i bokmerkene)."""
    for h in artikkel.find_all(re.compile(r"^h[1-6]$")):
        h.name = f"h{min(int(h.name[1]) + trinn, 6)}"
        for tekst in h.find_all(string=True):
            if "\u00ad" in tekst:
                tekst.replace_with(tekst.replace("\u00ad", ""))


def _utelat(artikkel: Tag, side: str) -> None:
    for id_, tekst in UTELATTE_SEKSJONER.get(side, {}).items():
        seksjon = artikkel.find(id=id_)
        if seksjon is None:
            raise ValueError(f"{side}: seksjonen {id_} som skal utelates i PDF-en, finnes ikke")
        avsnitt = BeautifulSoup("", "lxml").new_tag("p")
        avsnitt.string = tekst
        seksjon.replace_with(avsnitt)


def samle(html_rot: Path, toc: Path, tittel: str, css: str, tidspunkt: str, forfatter: str) -> str:
    """Hele rapporten som ett HTML-dokument (``lang="nb-NO"``) med stilarket ``css``.
    ``tidspunkt`` (W3C-dato, «2024-02-15T00:00:00Z») blir PDF-ens opprettelses- og
    endringstid; tittelen står på forsiden, i toppteksten og i PDF-ens metadata, ``forfatter``
    (``author`` i ``_config.yml``) på forsiden og i metadataene."""
    rot, delene = deler(toc)
    return _dokument(html_rot, rot, delene, tittel, css, tidspunkt, forfatter, utelat=True)


#: Siden med avstemmingen i HTML-boka; hele, også listen over alle publiserte tall, er
#: ``avstemming.pdf`` (``arsrapport build --avstemming-pdf``).
AVSTEMMING = "vedlegg/avstemming"


def samle_avstemming(html_rot: Path, tittel: str, css: str, tidspunkt: str, forfatter: str) -> str:
    """Hele avstemmingen (oversikten, avvikene og alle publiserte tall for rapportåret ved
    siden av bokas) som eget dokument til dem som vil ha den på papir. ``tittel`` er
    rapportens; dokumentet heter «Avstemming mot den publiserte rapporten – <tittel>»."""
    h1 = _artikkel(html_rot, AVSTEMMING).find("h1")
    for a in h1.select("a.headerlink") if h1 else []:
        a.decompose()
    navn = h1.get_text(" ", strip=True) if h1 else "Avstemming"
    return _dokument(
        html_rot,
        None,
        [(navn, [AVSTEMMING])],
        f"{navn} – {tittel}",
        css,
        tidspunkt,
        forfatter,
        utelat=False,
        topptekst=tittel,
    )


def _dokument(
    html_rot: Path,
    rot: str | None,
    delene: list[tuple[str, list[str]]],
    tittel: str,
    css: str,
    tidspunkt: str,
    forfatter: str,
    *,
    utelat: bool,
    topptekst: str | None = None,
) -> str:
    """Forsiden, innholdsfortegnelsen (når det er mer enn én del), forordet (siden ``rot``,
    om den er gitt) og delene; ``utelat`` tar bort seksjonene i :data:`UTELATTE_SEKSJONER`.
    Toppteksten til høyre er ``topptekst`` (standard: tittelen)."""
    sider = ({rot} if rot else set()) | {s for _, ss in delene for s in ss}
    ider: dict[tuple[str, str], str] = {}
    for side in sider:  # sidens eget anker, for lenker til hele siden
        ider[(side, "")] = f"{_slug(side)}--"

    innhold: list[str] = []
    oversikt: list[Del] = []

    forord_tittel = tittel
    if rot:
        forside = _artikkel(html_rot, rot)
        _rydd(forside, rot, html_rot, sider, ider)
        for p in forside.find_all("p"):
            if _BARE_NETT.search(p.get_text()):
                p.decompose()
        _flytt_overskrifter(forside, 0)
        h1 = forside.find("h1")
        forord_tittel = h1.get_text(" ", strip=True) if h1 else tittel
        innhold.append(f'<div class="forord" id="{_slug(rot)}--">{_indre(forside)}</div>')

    for nr, (overskrift, ss) in enumerate(delene, 1):
        anker = f"del-{nr}"
        del_ = Del(overskrift, anker, [])
        deler_html = [f'<section class="del" id="{anker}"><h1>{html.escape(overskrift)}</h1>']
        for side in ss:
            artikkel = _artikkel(html_rot, side)
            if utelat:
                _utelat(artikkel, side)
            _rydd(artikkel, side, html_rot, sider, ider)
            _kolonnebredder(artikkel)
            h = artikkel.find("h1")
            kap_tittel = h.get_text(" ", strip=True) if h else side
            if h is not None and kap_tittel == overskrift:
                h.decompose()
                trinn = 0
            else:
                trinn = 1
                del_.kapitler.append(Kapittel(side, kap_tittel, f"{_slug(side)}--"))
            _flytt_overskrifter(artikkel, trinn)
            deler_html.append(f'<div class="kapittel" id="{_slug(side)}--">{_indre(artikkel)}</div>')
        deler_html.append("</section>")
        oversikt.append(del_)
        innhold.append("\n".join(deler_html))

    toc_html: list[str] = []
    if len(oversikt) > 1:
        toc_html = [
            '<nav class="innhold" aria-labelledby="innhold-tittel">',
            '<h1 id="innhold-tittel">Innhold</h1>',
            "<ol>",
        ]
        if rot:
            toc_html.append(f'<li class="kapittel"><a href="#{_slug(rot)}--">{html.escape(forord_tittel)}</a></li>')
        for del_ in oversikt:
            toc_html.append(f'<li class="del"><a href="#{del_.anker}">{html.escape(del_.tittel)}</a>')
            if del_.kapitler:
                toc_html.append("<ol>")
                for k in del_.kapitler:
                    toc_html.append(f'<li class="kapittel"><a href="#{k.anker}">{html.escape(k.tittel)}</a></li>')
                toc_html.append("</ol>")
            toc_html.append("</li>")
        toc_html.append("</ol></nav>")

    del1, _, del2 = tittel.partition(" – ")
    forsiden = (
        '<div class="forside">'
        f'<p class="tittel">{html.escape(del1)}</p>'
        + (f'<p class="undertittel">{html.escape(del2)}</p>' if del2 else "")
        + f'<p class="utgiver">{html.escape(forfatter)}</p></div>'
    )
    hoyre = (topptekst or tittel).replace("\\", "").replace('"', "")
    stil_topp = '@page { @top-right { content: "' + hoyre + '"; } }'
    return (
        "<!DOCTYPE html>\n"
        '<html lang="nb-NO"><head><meta charset="utf-8">'
        f"<title>{html.escape(tittel)}</title>"
        f'<meta name="author" content="{html.escape(forfatter)}">'
        f'<meta name="dcterms.created" content="{tidspunkt}">'
        f'<meta name="dcterms.modified" content="{tidspunkt}">'
        f"<style>{css}\n{stil_topp}</style></head>\n<body>\n"
        + forsiden
        + "\n"
        + "\n".join(toc_html)
        + "\n<main>\n"
        + "\n".join(innhold)
        + "\n</main></body></html>\n"
    )


def _indre(tag: Tag) -> str:
    return "".join(str(b) for b in tag.contents if not (isinstance(b, NavigableString) and not b.strip()))
