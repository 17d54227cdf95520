"""Ingen tall i boka er skrevet inn for hånd.

Testen leser hver Markdown-side under ``book/`` og Markdown-cellene i notatbøkene under
``notebooks/`` (de kjørte notatbøkene er sider lesere kommer til fra tallene), og feiler på hvert
siffer i teksten som ikke kommer fra en lim-rolle. Den sier hvilken fil, hvilken linje (og
celle) og hvilket tall det gjelder.

Slik leses en side
------------------
Før testen ser etter sifre, fjerner den det som ikke er tekst leseren ser som skrevet av oss:

- lim-roller: ``{glue:text}`...```, ``{glue}`...```, ``{glue:figure}`...``` osv.;
- andre roller og målene deres: ``{numref}`tab-x```, ``{ref}`kap-3-1```, ``{math}`...```.
  En egen tittel i en henvisning (``{ref}`del VI <del-6>```) er tekst og blir sjekket;
- kodeblokker (```` ``` ````, ``~~~``) og matematikk (``$...$``);
- navn i innebygd kode (`` `...` ``): ord med en bokstav eller understrek (``une-2023.yaml``,
  ``3_1_generelle_tall``, ``--year``). Et tall i innebygd kode (``--year 2023``, `` `5 743` ``)
  er skrevet for hånd like fullt og blir funnet;
- direktivenes opsjonslinjer (``:name: ...``, ``:width: ...``). Unntak: ``:alt:`` er tekst
  (den leses opp for svaksynte) og blir sjekket;
- stier: argumentet til ``{include}``, ``{figure}`` og ``{image}``, og lenkemål ``[tekst](mål)``;
- merkelapper ``(kap-3-1)=``, HTML-kommentarer, ``%``-kommentarer, HTML-tagger og forsideoppsett
  (YAML mellom ``---`` øverst).

Tittelen på en tabell (```` ```{table} Tittel ````) og teksten under en figur er tekst og blir
sjekket.

Det som er lov
--------------
Noen sifre er navn, ikke tall, og er tillatt. Hvert unntak står i ``UNNTAK`` under, med en
begrunnelse og eksempler på hva det slipper gjennom og hva det ikke slipper gjennom:
avsnittsnumre og årstall i overskrifter, lovhenvisninger (``§ 36``, ``§§ 28 og 30``,
``artikkel 8``), styringsparameterne ``SP1``–``SP3``, budsjettkapitler og -poster
(``kapittel 0491``, ``post 01``, ``postene 01 og 21``, ``post 01–29``), notenavn (``Note 2``),
årsskiftet (``per 31.12.``), ``rundskriv R-115`` og ``Riksrevisjonens Dokument 1``.

Når testen feiler
-----------------
Et tall i teksten skal limes inn fra beregningen, ikke skrives:

- et beregnet tall: finn id-en i ``docs/tallkatalog.md`` (eller med ``arsrapport tall SØK``)
  og skriv ``{tall}`<id>```;
- rapportåret: ``{tall}`ar``` (året før: ``{tall}`ar_forrige```). Årstall i løpende tekst skal alltid limes, bare overskrifter kan ha årstall;
- en henvisning til et kapittel, en tabell eller en figur: bruk ``{ref}`merkelapp``` eller
  ``{numref}`merkelapp```, aldri «kapittel 3.2» eller «tabell 4» for hånd;
- et tall som ikke er beregnet (en frist, en grense i en regel): skriv det med bokstaver, eller
  skriv om setningen.

Hører tallet virkelig hjemme i teksten som et navn (en ny lov, et nytt dokument), legg til et
smalt unntak i ``UNNTAK`` med begrunnelse, eksempler og moteksempler, aldri et mønster som
«alle firesifrede tall».
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from arsrapport.grunn.config import PROSJEKTROT, les_innstillinger

BOK = les_innstillinger().book


# --------------------------------------------------------------------------------------------
# Unntakene
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Unntak:
    """Et mønster for sifre som er et navn og ikke et tall.

    ``kun_overskrift``: mønsteret gjelder bare i overskrifter (linjer som begynner med ``#``).
    ``gruppe``: hvilken del av treffet som slettes (0 = hele treffet)."""

    navn: str
    monster: re.Pattern
    begrunnelse: str
    slipper_gjennom: tuple[str, ...]
    stoppes: tuple[str, ...]
    kun_overskrift: bool = False
    gruppe: int = 0


_I = re.IGNORECASE
_BOKSTAV = r"(?:\s?[a-z](?![\wæøå]))?"  # «§ 17-1 a», «§ 26 bokstav b» har ingen sifre
_PARAGRAF = rf"\d+(?:-\d+)?{_BOKSTAV}"

UNNTAK: tuple[Unntak, ...] = (
    Unntak(
        "avsnittsnummer i overskrift",
        re.compile(r"^\s{0,3}#{1,6}\s+(\d+(?:\.\d+)*\.?)(?=\s)"),
        "Overskriftene er nummerert slik den publiserte rapporten er («# 3.2.13 Produktivitet», "
        "«## 1. Produserte vekttall»). Bare nummeret først i overskriften.",
        ("# 3.2.13 Produktivitet", "## 1. Produserte vekttall", "### 3.1.7 Rettssaker"),
        ("Nemnda behandlet 3.2 saker", "## Saker eldre enn 2 år", "3.1 Generelle tall"),
        kun_overskrift=True,
        gruppe=1,
    ),
    Unntak(
        "årstall i overskrift",
        re.compile(r"\b(?:19|20)\d{2}\b"),
        "En overskrift kan nevne et bestemt år («## Endringer fra 2024»). I løpende tekst skal "
        "året limes (t.ar, t.ar_forrige).",
        ("## Endringer fra 2024", "# Årsrapport 2023"),
        ("I 2023 behandlet nemnda flere saker.", "## Mer enn 12000 saker"),
        kun_overskrift=True,
    ),
    Unntak(
        "flere lovparagrafer",
        re.compile(rf"§§\s*{_PARAGRAF}(?:\s*(?:,|og|eller|til|–|-)\s*{_PARAGRAF})*(?!\d)"),
        "«§§» innleder en liste av paragrafer: «§§ 28 og 30», «§§ 37, 38 og 63».",
        ("utlendingsloven §§ 28 og 30", "§§ 37, 38 og 63", "§§ 28–30"),
        ("§ 28 og 30 saker",),
    ),
    Unntak(
        "lovparagraf",
        re.compile(rf"§\s*{_PARAGRAF}(?!\d)"),
        "En lovhenvisning er et navn på en regel: «forvaltningsloven § 36», «§ 17-1 a».",
        ("forvaltningsloven § 36", "utlendingsloven § 37 eller § 63", "utlf. § 17-1 a", "§ 8-12 og"),
        ("36 saker etter loven", "§ saker: 36"),
    ),
    Unntak(
        "artikkel i lov eller konvensjon",
        re.compile(r"\bartikkel\s+\d+(?:\s+nr\.\s*\d+)?\b", _I),
        "En henvisning til en artikkel i en konvensjon eller forordning er et navn: "
        "«EMK artikkel 8», «barnekonvensjonen artikkel 3 nr. 1».",
        ("EMK artikkel 8", "barnekonvensjonen artikkel 3 nr. 1"),
        ("8 artikler", "artiklene 8 og 12"),
    ),
    Unntak(
        "styringsparameter",
        re.compile(r"\bSP[1-9]\b"),
        "Styringsparameterne i tildelingsbrevet heter SP1, SP2 og SP3.",
        ("SP1 – Saksbehandlingstid", "SP3: saksbehandlingstid"),
        ("SP 12", "SP12"),
    ),
    Unntak(
        "budsjettkapittel",
        re.compile(r"\b(?:kapittel|kap\.)\s+\d{4}\b", _I),
        "Statsbudsjettets kapitler har firesifrede navn: «kapittel 0491». Henvisninger til "
        "kapitler i boka skal være {ref}, ikke «kapittel 3.2».",
        ("kapittel 0491 post 01", "kap. 0491"),
        ("kapittel 3.2", "kapittel 12", "kapittel 04911"),
    ),
    Unntak(
        "budsjettpost",
        re.compile(r"\b(?:drifts)?post(?:ene)?\s+\d{2}\b(?:\s*(?:–|-|,|og|eller|til)\s*(?:post\s+)?\d{2}\b)*", _I),
        "Postene i statsbudsjettet har tosifrede navn: «post 01», «post 21», «postene 01 og 21», «post 01–29».",
        (
            "post 01",
            "Post 21 (spesielle driftsutgifter)",
            "postene 01 og 21",
            "post 01–29, unntatt post 24",
            "post 01 og 21",
            "driftspostene 01-29",
            "post 01 / post 21",
        ),
        ("post 7029", "post 1", "7 029 poster"),
    ),
    Unntak(
        "note",
        re.compile(r"\bnote\s+\d+\b", _I),
        "Notene til årsregnskapet heter Note 1 til Note 8 (og Note A og B).",
        ("### Note 8 Sammenheng", "Note 2: utbetalinger til lønn", "og Note 3 spesifiserer"),
        ("8 noter", "notene 1 og 2"),
    ),
    Unntak(
        "årsskiftet",
        re.compile(r"\b31\.\s?12\b(?!\.?\d)\.?|\b31\.\s+desember\b|\b1\.\s+januar\b", _I),
        "Regnskap og beholdning gjøres opp per 31.12. hvert år; datoen er et fast tidspunkt, ikke et tall.",
        ("per 31.12.", "per 31.12 (kroner)", "per 31. desember", "per 1. januar"),
        ("per 31.12.2023", "per 30.06.", "15. desember"),
    ),
    Unntak(
        "rundskriv",
        re.compile(r"\brundskriv\s+R-\d+\b", _I),
        "Finansdepartementets rundskriv heter R-115 osv.",
        ("Finansdepartementets rundskriv R-115",),
        ("R-115", "rundskriv 115"),
    ),
    Unntak(
        "UDI-rundskriv",
        re.compile(r"\bRS\s+\d{4}-\d{3}\b"),
        "UDIs rundskriv har navn som RS 2014-025 (år og løpenummer); navnet er ikke et tall.",
        ("UDIs rundskriv RS 2014-025",),
        ("RS 2014", "2014-025"),
    ),
    Unntak(
        "48-timersprosedyren",
        re.compile(r"\b48-timers(?:prosedyren|prosedyre|saker|sak)\b"),
        "Navnet på UDIs hurtigprosedyre for asylsøkere fra land som regnes som trygge.",
        ("Saker i 48-timersprosedyren", "48-timerssaker"),
        ("48 timer", "48-timersfristen"),
    ),
    Unntak(
        "Riksrevisjonens Dokument 1",
        re.compile(r"\bRiksrevisjonens\s+Dokument\s+1\b"),
        "Riksrevisjonens årlige revisjonsrapport til Stortinget heter Dokument 1.",
        ("Riksrevisjonens Dokument 1",),
        ("Dokument 1", "Riksrevisjonens Dokument 3"),
    ),
)


# --------------------------------------------------------------------------------------------
# Rensing: alt som ikke er tekst blir blankt (linjene beholder nummeret sitt)
# --------------------------------------------------------------------------------------------

# Lim-roller og roller der innholdet ikke er tekst leseren ser
_ROLLER_UTEN_TEKST = re.compile(r"tall|glue(?::.*)?|math|eq|code|literal|samp|file|kbd|cite.*|footcite.*")
# Henvisninger: ``{ref}`tittel <mål>``` viser tittelen, ``{ref}`mål``` viser målets tittel
_HENVISNINGER = {"ref", "numref", "doc", "download", "term", "any", "prf:ref"}
# Direktiver der innholdet er kode eller data, ikke tekst
_KODEDIREKTIVER = {
    "code",
    "code-block",
    "code-cell",
    "sourcecode",
    "literalinclude",
    "math",
    "raw",
    "eval-rst",
    "mermaid",
    "toctree",
}
# Direktiver der argumentet er en sti eller en lim-nøkkel (innholdet, f.eks. bildeteksten, er tekst)
_STIDIREKTIVER = {"include", "figure", "image", "glue", "glue:any", "glue:figure", "glue:md", "glue:math"}
# Opsjoner der verdien er tekst leseren ser
_TEKSTOPSJONER = {"alt"}

_GJERDE = re.compile(r"^\s*(?P<merke>`{3,}|~{3,}|:{3,})(?P<info>.*)$")
_DIREKTIV = re.compile(r"^\{(?P<navn>[^}\s]+)\}\s*(?P<arg>.*)$")
_OPSJON = re.compile(r"^\s*:(?P<nokkel>[A-Za-z][\w-]*):(?P<verdi>.*)$")
_ROLLE = re.compile(r"\{(?P<navn>[A-Za-z][\w:.+-]*)\}(?P<bt>`+)(?P<innhold>.*?)(?P=bt)", re.DOTALL)
_INNEBYGD_KODE = re.compile(r"(?P<bt>`+)(?:(?!(?P=bt)).)+?(?P=bt)", re.DOTALL)
_OVERSKRIFT = re.compile(r"^\s{0,3}#{1,6}\s")


def _blank(tekst: str) -> str:
    return "\n" * tekst.count("\n")


def _sub_blank(monster: str | re.Pattern, tekst: str, flagg: int = 0) -> str:
    return re.sub(monster, lambda m: _blank(m.group(0)), tekst, flags=flagg)


def _rens_blokker(tekst: str) -> str:
    """Kodeblokker, direktivopsjoner, sti-argumenter og forsideoppsett, linje for linje."""
    linjer = tekst.split("\n")
    ut: list[str] = []
    stabel: list[tuple[str, int, bool]] = []  # (tegn, lengde, er kode)
    i_yaml = False  # forsideoppsett eller YAML-opsjoner øverst i et direktiv
    forste_i_direktiv = False
    for nr, linje in enumerate(linjer):
        if nr == 0 and linje.strip() == "---":
            i_yaml = True
            ut.append("")
            continue
        if i_yaml:
            i_yaml = linje.strip() != "---"
            ut.append("")
            continue
        m = _GJERDE.match(linje)
        if stabel and stabel[-1][2]:  # inne i kode: bare lukkingen betyr noe
            tegn, lengde, _ = stabel[-1]
            if m and m["merke"][0] == tegn and len(m["merke"]) >= lengde and not m["info"].strip():
                stabel.pop()
            ut.append("")
            continue
        if m and stabel and not m["info"].strip():
            tegn, lengde, _ = stabel[-1]
            if m["merke"][0] == tegn and len(m["merke"]) >= lengde:
                stabel.pop()
                ut.append("")
                continue
        if m:
            merke, info = m["merke"], m["info"].strip()
            d = _DIREKTIV.match(info)
            if d:
                navn = d["navn"]
                er_kode = navn in _KODEDIREKTIVER
                stabel.append((merke[0], len(merke), er_kode))
                forste_i_direktiv = not er_kode
                ut.append("" if er_kode or navn in _STIDIREKTIVER else d["arg"])
                continue
            if merke[0] in "`~":  # vanlig kodeblokk
                stabel.append((merke[0], len(merke), True))
                ut.append("")
                continue
        if stabel:  # inne i et direktiv med tekst
            if forste_i_direktiv and linje.strip() == "---":
                i_yaml = True
                forste_i_direktiv = False
                ut.append("")
                continue
            forste_i_direktiv = False
            o = _OPSJON.match(linje)
            if o:
                ut.append(o["verdi"] if o["nokkel"] in _TEKSTOPSJONER else "")
                continue
        ut.append(linje)
    return "\n".join(ut)


def _rolle(m: re.Match) -> str:
    navn, innhold = m["navn"], m["innhold"]
    if _ROLLER_UTEN_TEKST.fullmatch(navn):
        return _blank(m.group(0))
    if navn in _HENVISNINGER:
        tittel = re.fullmatch(r"(?P<tittel>.*?)\s*<[^<>]*>\s*", innhold, re.DOTALL)
        return tittel["tittel"] + _blank(innhold[len(tittel["tittel"]) :]) if tittel else _blank(innhold)
    return innhold  # {sub}, {sup}, {abbr} o.l.: innholdet er tekst


# Et ord i innebygd kode som har en bokstav eller understrek, er et navn (en sti, en funksjon, en
# id, et valg på kommandolinjen): ``une-2023.yaml``, ``3_1_generelle_tall``, ``--year``, ``f1``.
_KODEORD = re.compile(r"[^\s()\[\]{},;\"'=]+")
_NAVN_I_KODE = re.compile(r"[^\W\d]")  # bokstav eller understrek


def _kode(m: re.Match) -> str:
    """Innebygd kode: navnene blankes, tall står igjen og blir sjekket («`5 743`», «`--year 2023`»)."""
    return _KODEORD.sub(lambda o: _blank(o.group(0)) if _NAVN_I_KODE.search(o.group(0)) else o.group(0), m.group(0))


def rens(tekst: str) -> str:
    """Teksten med alt som ikke er tekst leseren ser, fjernet. Like mange linjer som før."""
    tekst = _sub_blank(r"<!--.*?-->", tekst, re.DOTALL)
    tekst = _rens_blokker(tekst)
    tekst = _ROLLE.sub(_rolle, tekst)
    tekst = _INNEBYGD_KODE.sub(_kode, tekst)
    tekst = _sub_blank(r"\$\$.*?\$\$", tekst, re.DOTALL)
    tekst = _sub_blank(r"\$[^$\n]+\$", tekst)
    tekst = _sub_blank(r"\{\{.*?\}\}", tekst, re.DOTALL)  # substitusjoner
    tekst = _sub_blank(r"^\s*\([^()\s]+\)=\s*$", tekst, re.MULTILINE)  # merkelapper
    tekst = _sub_blank(r"^\s*%.*$", tekst, re.MULTILINE)  # MyST-kommentarer
    tekst = _sub_blank(r"^\s*\[[^\]\n]+\]:\s*\S.*$", tekst, re.MULTILINE)  # lenkedefinisjoner
    tekst = _sub_blank(r"\]\([^)\n]*\)", tekst)  # lenkemål; teksten i [ ] står igjen
    tekst = _sub_blank(r"\[\^[^\]\n]+\]:?", tekst)  # fotnotemerker
    tekst = _sub_blank(r"<(?:https?://|mailto:)[^>\n]*>|https?://\S+", tekst)
    tekst = _sub_blank(r"</?[A-Za-z][^<>\n]*>", tekst)  # HTML-tagger
    return tekst


# --------------------------------------------------------------------------------------------
# Søket
# --------------------------------------------------------------------------------------------

_TALL = re.compile(r"\d+(?:[ \u00a0\u202f.,:/–-]?\d+)*")


@dataclass(frozen=True)
class Funn:
    linje: int  # 1-basert
    tall: str
    tekst: str  # hele linjen slik den står i kilden


def _fjern_unntak(tekst: str) -> str:
    """Blank ut det unntakene tillater. Mønstrene kan gå over linjeskift («kapittel» på én
    linje, «0491» på neste); de som bare gjelder overskrifter, brukes linje for linje."""

    def blank(m: re.Match, gruppe: int = 0) -> str:
        start, slutt = m.start(gruppe) - m.start(0), m.end(gruppe) - m.start(0)
        hele = m.group(0)
        return hele[:start] + re.sub(r"[^\n]", " ", hele[start:slutt]) + hele[slutt:]

    for u in UNNTAK:
        if u.kun_overskrift:
            tekst = "\n".join(
                u.monster.sub(lambda m, g=u.gruppe: blank(m, g), linje) if _OVERSKRIFT.match(linje) else linje
                for linje in tekst.split("\n")
            )
        else:
            tekst = u.monster.sub(lambda m, g=u.gruppe: blank(m, g), tekst)
    return tekst


def handskrevne_tall(kilde: str) -> list[Funn]:
    """Hvert tall i teksten som verken er limt inn eller dekket av et unntak i ``UNNTAK``."""
    originale = kilde.split("\n")
    renset = _fjern_unntak(rens(kilde))
    funn = []
    for m in _TALL.finditer(renset):
        nr = renset.count("\n", 0, m.start()) + 1
        funn.append(Funn(nr, m.group(0), originale[nr - 1].strip()))
    return funn


def _sidene() -> list[Path]:
    return sorted(BOK.rglob("*.md"))


# --------------------------------------------------------------------------------------------
# Boka
# --------------------------------------------------------------------------------------------


# --------------------------------------------------------------------------------------------
# Notatbøkene: Markdown-cellene er tekst som sidene
# --------------------------------------------------------------------------------------------

NOTATBOKER = sorted((PROSJEKTROT / "notebooks").glob("*.ipynb"))


def _markdownceller(notatbok: Path) -> list[tuple[int, str]]:
    import json

    celler = json.loads(notatbok.read_text(encoding="utf-8"))["cells"]
    return [(nr, "".join(c["source"])) for nr, c in enumerate(celler) if c["cell_type"] == "markdown"]


@pytest.mark.parametrize("notatbok", NOTATBOKER, ids=lambda p: p.name)
def test_ingen_handskrevne_tall_i_notatbokene(notatbok: Path):
    fil = notatbok.relative_to(PROSJEKTROT).as_posix()
    funn = [(nr, f) for nr, kilde in _markdownceller(notatbok) for f in handskrevne_tall(kilde)]
    assert not funn, f"{len(funn)} tall skrevet for hånd i Markdown-cellene i {fil}:\n" + "\n".join(
        f"  {fil}, celle {nr}, linje {f.linje}: «{f.tall}» i: {f.tekst}" for nr, f in funn
    )


def test_notatbokene_har_markdownceller():
    assert NOTATBOKER and all(_markdownceller(nb) for nb in NOTATBOKER)


def test_boka_har_sider():
    assert len(_sidene()) >= 5, f"fant nesten ingen Markdown-sider i {BOK}"


@pytest.mark.parametrize("side", _sidene(), ids=lambda p: p.relative_to(BOK).as_posix())
def test_ingen_handskrevne_tall_i_boka(side: Path):
    funn = handskrevne_tall(side.read_text(encoding="utf-8"))
    fil = side.relative_to(PROSJEKTROT).as_posix()
    assert not funn, (
        f"{len(funn)} tall skrevet for hånd i {fil} (lim dem inn; se docstringen i {Path(__file__).name}):\n"
        + "\n".join(f"  {fil}:{f.linje}: «{f.tall}» i: {f.tekst}" for f in funn)
    )


# --------------------------------------------------------------------------------------------
# Søket selv, på små tekster
# --------------------------------------------------------------------------------------------

GLUE = "{tall}`mottatt`"
AR = "{tall}`ar`"


def tall(tekst: str) -> list[str]:
    return [f.tall for f in handskrevne_tall(tekst)]


@pytest.mark.parametrize(
    "tekst, forventet",
    [
        ("Nemnda tok imot 7 029 saker.", ["7 029"]),
        ("Nemnda tok imot 7\u00a0029 saker.", ["7\u00a0029"]),
        ("i 2023 behandlet nemnda flere saker", ["2023"]),
        ("Andelen var 64,4 % mot 12.5 prosent.", ["64,4", "12.5"]),
        ("Det tok 154 dager.", ["154"]),
        ("Se kapittel 3.2 og tabell 4.", ["3.2", "4"]),
        ("per 31.12.2023", ["31.12.2023"]),
        ("R-115", ["115"]),
        ("mellom 2021–2023", ["2021–2023"]),
        ("Kjør `arsrapport build --year 2023`.", ["2023"]),
        ("Nemnda behandlet `5 743` saker.", ["5 743"]),
        ("Se ``Tabell 1`` og `3.2`.", ["1", "3.2"]),
    ],
)
def test_handskrevne_tall_blir_funnet(tekst, forventet):
    assert tall(tekst) == forventet


@pytest.mark.parametrize(
    "tekst",
    [
        f"Nemnda tok imot {GLUE} saker i {AR}.",
        "{tall}`mottatt@f1`",
        "{tall}`bevilgning.0491.21.regnskap`",
        "{glue:text}`../beregninger/6_arsregnskap.ipynb::t.bevilgning.0491.21.regnskap:s`",
        "{numref}`tab-3-2-13-vekter` og {ref}`kap-3-2-13`",
        "{ref}`del VI <del-6>`",
        "forvaltningsloven § 36",
        "utlendingsloven §§ 28 og 30",
        "post 01",
        "kapittel 0491 post 01 / post 21",
        "postene 01 og 21",
        "Note 2 og Note A",
        "SP1, SP2 og SP3",
        "Del VII",
        "# 3.2.13 Produktivitet",
        "### Note 8 Sammenheng",
        "## Tall for 2023",
        "Kjør `arsrapport build --year`.",
        "Se `docs/golden/une-2023.yaml` og `book/del3/3_1_generelle_tall.md`.",
        'Med `arsrapport.kapitler.beregn("3_1_generelle_tall", …)`.',
        "`tab-3-1-form`, `mottatt@f1` og `{tall}`",
        "(kap-3-1)=",
        "<!-- 7 029 saker -->",
        "% 7 029 saker",
        "Se [rapporten](https://www.une.no/2023/rapport.pdf).",
        "Formelen er $x^2 + 1$.",
    ],
)
def test_dette_er_ikke_handskrevne_tall(tekst):
    assert tall(tekst) == []


def test_overskrift_tillater_bare_nummer_og_ar():
    assert tall("# 3.2.13 Produktivitet") == []
    assert tall("## 1. Produserte vekttall i 2023") == []
    assert tall("## Nemnda behandlet 7 029 saker") == ["7 029"]
    assert tall("Produktiviteten i 3.2.13 Produktivitet") == ["3.2.13"]


def test_tittel_i_henvisning_blir_sjekket():
    assert tall("{ref}`kapittel 3.2 <kap-3-2-sp>`") == ["3.2"]
    assert tall("{numref}`Tabell %s <tab-x>`") == []


def test_kodeblokker_og_direktiver():
    kilde = "\n".join(
        [
            "Tekst uten tall.",
            "```python",
            "x = 7029",
            "```",
            "````{table} Ubehandlede saker per 31.12. i 7 grupper.",
            ":name: tab-3-1-beholdning",
            ":widths: 20 80",
            "",
            "```{include} ../tabeller/tab-3-1-beholdning.md",
            "```",
            "````",
            "```{figure} ../figurer/fig-3-1-innkomne.png",
            ":name: fig-3-1-innkomne",
            ":width: 100%",
            ":alt: Søyler for 4 år.",
            "",
            "Innkomne saker de 4 siste årene.",
            "```",
            ":::{note}",
            "Årsrapporten for 2023 oppga høyere tall.",
            ":::",
            "```{code-cell} ipython3",
            "year = 2023",
            "```",
            "Slutt med 12 saker.",
        ]
    )
    assert [(f.linje, f.tall) for f in handskrevne_tall(kilde)] == [
        (5, "7"),
        (15, "4"),
        (17, "4"),
        (20, "2023"),
        (25, "12"),
    ]


def test_lim_direktiv_nokkelen_er_ikke_tekst_men_bildeteksten_er():
    kilde = "```{glue:figure} fig-3-1-innkomne\n:name: fig-2\n\nInnkomne saker i 4 grupper.\n```"
    assert tall(kilde) == ["4"]


def test_direktiv_med_yaml_opsjoner_og_forsideoppsett():
    kilde = "\n".join(
        [
            "---",
            "jupytext: {formats: md:myst, text_representation: {format_version: 0.13}}",
            "---",
            "```{figure} fig.png",
            "---",
            "width: 100%",
            "name: fig-1",
            "---",
            "Bildetekst med 3 tall.",
            "```",
        ]
    )
    assert [(f.linje, f.tall) for f in handskrevne_tall(kilde)] == [(9, "3")]


def test_funnet_har_linjenummer_og_linjen():
    kilde = f"(kap-3-1)=\n# 3.1 Generelle tall\n\nNemnda tok imot {GLUE} saker,\nmot 6 500 året før.\n"
    assert handskrevne_tall(kilde) == [Funn(5, "6 500", "mot 6 500 året før.")]


def test_rolle_over_linjeskift():
    assert tall("Nemnda tok imot {tall}`mottatt`\nsaker. Det var {tall}`note_b.0491.01.merutgift.abs`\nkroner") == []


def test_unntak_over_linjeskift():
    assert tall("regnskapet på kapittel\n0491 post\n01 og 21") == []
    assert tall("etter forvaltningsloven §\n36") == []


@pytest.mark.parametrize("u", UNNTAK, ids=lambda u: u.navn)
def test_hvert_unntak_er_begrunnet_og_smalt(u: Unntak):
    assert u.begrunnelse.strip() and u.slipper_gjennom and u.stoppes
    for tekst in u.slipper_gjennom:
        assert tall(tekst) == [], f"{u.navn} skal slippe gjennom: {tekst!r}"
    for tekst in u.stoppes:
        assert tall(tekst), f"{u.navn} skal ikke slippe gjennom: {tekst!r}"
