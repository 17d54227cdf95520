"""Tabell- og figurnumrene slik leseren ser dem i boka, regnet ut fra kildene.

Sphinx (``numfig``) nummererer tabeller og figurer fortløpende gjennom hele boka, i
rekkefølgen sidene står i ``_toc.yml``: rotsiden først, så hver del og hvert kapittel, og et
kapittels egne tabeller før underkapitlenes. Bare tabeller og figurer med tekst (``caption``)
får nummer; én teller for tabeller og én for figurer. Boka bruker ikke ``numbered:`` i
innholdsfortegnelsen, så numrene har ikke kapittelnummer foran («Tabell 20», ikke
«Tabell 3.4»). HTML-boka og PDF-en får de samme numrene.

Her gjøres det samme uten å bygge boka: sidene leses i ``_toc.yml``-rekkefølge, og hvert
``{table}``- og ``{figure}``-direktiv med tekst får neste nummer. For hver tabell noteres
hvilken fil den henter (``{include} ../tabeller/tab-6-note-b.md`` → ``tab-6-note-b``), for
hver figur hvilket bilde (``../figurer/fig-3-1-innkomne.png`` → ``fig-3-1-innkomne``), og
merket i ``:name:``. Filen heter som merket; navnet er nøkkelen som kobler nummeret til
tabellen i ``tabeller.xlsx`` (se :mod:`arsrapport.utdata.regneark`, som sjekker at de er like).

Det som leses (MyST Markdown og markdown-cellene i notatbøker):

- direktiver i backtick- og kolonstengsler (```` ```{table} ```` og ``:::{figure}``), også
  nestet i andre direktiver; kodeblokker uten direktiv hoppes over;
- ``{table}``, ``{list-table}`` og ``{csv-table}`` med tekst som argument;
  ``{figure}`` og ``{glue:figure}`` med tekst som første avsnitt i innholdet;
- opsjonene ``:name:`` (eller YAML-blokk mellom ``---``) og ``{include}`` av andre
  Markdown-filer utenfor tabellene.

Tekstene renses for enkel markering (utheving, kode, lenker); ``{numref}`` blir nummeret
det viser til. ``numbered:`` i innholdsfortegnelsen og ``glob:`` støttes ikke og gir feil.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

__all__ = ["Nummerert", "NUMFIG_FORMAT", "avvik_fra_sphinx", "nummerer", "numfig_format", "sider"]

#: Sphinx-standarden i boka (``_config.yml``: ``numfig_format``).
NUMFIG_FORMAT = {"tabell": "Tabell %s", "figur": "Figur %s"}

TABELLDIREKTIVER = ("table", "list-table", "csv-table")
FIGURDIREKTIVER = ("figure", "glue:figure")

_STENGSEL = re.compile(r"^(?P<innrykk>\s*)(?P<stengsel>`{3,}|:{3,})\s*(?P<info>.*?)\s*$")
_DIREKTIV = re.compile(r"^\{(?P<navn>[\w:.-]+)\}\s*(?P<arg>.*)$")
_OPSJON = re.compile(r"^\s*:(?P<nokkel>[\w-]+):\s*(?P<verdi>.*?)\s*$")
_ROLLE = re.compile(r"\{(?P<rolle>[\w:.-]+)\}`(?P<innhold>[^`]*)`")
_FILENDELSER = ("md", "ipynb", "png", "jpg", "jpeg", "gif", "svg", "pdf", "csv")
_LENKE = re.compile(r"\[(?P<tekst>[^\]]*)\]\([^)]*\)")


@dataclass(frozen=True)
class Nummerert:
    """En nummerert tabell eller figur i boka."""

    type: str  #: «tabell» eller «figur»
    nummer: int  #: 20 i «Tabell 20»
    navn: str  #: slik leseren ser det: «Tabell 20»
    tekst: str  #: tabell- eller figurteksten, uten markering
    kilde: str | None  #: filen tabellen eller figuren henter, uten endelse (``tab-6-note-b``)
    merke: str | None  #: ``:name:`` (til ``{numref}``)
    side: str  #: siden i ``_toc.yml``, f.eks. ``del3/3_1_generelle_tall``
    kapittel: str  #: sidens tittel (første overskrift)
    rekkefolge: int  #: plassen i boka (0, 1, 2 …), på tvers av tabeller og figurer


def numfig_format(config: Path | str | None) -> dict[str, str]:
    """``numfig_format`` fra Jupyter Book-oppsettet (``_config.yml``), med Sphinx-navnene
    ``table``/``figure`` oversatt til «tabell»/«figur». Uten fil: :data:`NUMFIG_FORMAT`."""
    ut = dict(NUMFIG_FORMAT)
    if config is None:
        return ut
    oppsett = yaml.safe_load(Path(config).read_text(encoding="utf-8")) or {}
    sphinx = ((oppsett.get("sphinx") or {}).get("config")) or {}
    if not sphinx.get("numfig", True):
        raise ValueError(f"{config}: numfig er slått av; boka har ingen tabell- og figurnumre")
    if sphinx.get("numfig_secnum_depth") not in (None, 0, 1):
        raise ValueError(f"{config}: numfig_secnum_depth støttes ikke (numrene ville fått kapittelnummer)")
    for sphinx_navn, vart in (("table", "tabell"), ("figure", "figur")):
        fmt = (sphinx.get("numfig_format") or {}).get(sphinx_navn)
        if fmt:
            ut[vart] = fmt
    return ut


# --------------------------------------------------------------------------
# innholdsfortegnelsen
# --------------------------------------------------------------------------


def sider(toc: Path | str) -> list[str]:
    """Sidene i ``_toc.yml`` i den rekkefølgen Sphinx nummererer dem: roten, så hver
    del og hvert kapittel med underkapitlene rett etter kapitlet (dybde først)."""
    toc = Path(toc)
    innhold = yaml.safe_load(toc.read_text(encoding="utf-8")) or {}
    if "root" not in innhold:
        raise ValueError(f"{toc}: mangler «root»")
    ut: list[str] = [_uten_endelse(innhold["root"])]

    def oppforinger(liste, hvor: str) -> None:
        for oppforing in liste or []:
            if not isinstance(oppforing, dict):
                raise ValueError(f"{toc}: uventet oppføring {oppforing!r} under {hvor}")
            if "glob" in oppforing:
                raise ValueError(f"{toc}: «glob» støttes ikke ({oppforing['glob']!r})")
            if "file" in oppforing:
                ut.append(_uten_endelse(oppforing["file"]))
            elif "url" not in oppforing:
                raise ValueError(f"{toc}: oppføringen {oppforing!r} har verken file eller url")
            for nokkel in ("sections", "chapters"):
                oppforinger(oppforing.get(nokkel), oppforing.get("file", hvor))

    def sjekk_nummerert(blokk) -> None:
        if isinstance(blokk, dict) and blokk.get("numbered"):
            raise ValueError(f"{toc}: «numbered» støttes ikke (numrene ville fått kapittelnummer)")

    sjekk_nummerert(innhold.get("defaults"))
    sjekk_nummerert(innhold.get("options"))
    for del_ in innhold.get("parts") or []:
        sjekk_nummerert(del_)
        oppforinger(del_.get("chapters"), del_.get("caption", "parts"))
    oppforinger(innhold.get("chapters"), "chapters")
    oppforinger(innhold.get("sections"), "sections")
    return ut


def _uten_endelse(fil: str) -> str:
    fil = str(fil).strip().lstrip("/")
    for endelse in (".md", ".ipynb"):
        if fil.endswith(endelse):
            return fil[: -len(endelse)]
    return fil


def _finn_side(bok: Path, side: str, notatboker: Path | None) -> Path:
    for endelse in (".md", ".ipynb"):
        sti = bok / f"{side}{endelse}"
        if sti.is_file():
            return sti
    forste, _, resten = side.partition("/")
    if notatboker is not None and forste == "beregninger" and resten:
        # de kjørte notatbøkene kopieres inn under beregninger/ først når boka settes sammen
        sti = Path(notatboker) / f"{resten}.ipynb"
        if sti.is_file():
            return sti
    raise FileNotFoundError(f"siden {side!r} i _toc.yml finnes ikke som .md eller .ipynb under {bok}")


# --------------------------------------------------------------------------
# sidene
# --------------------------------------------------------------------------


@dataclass
class _Funn:
    type: str
    tekst: str
    kilde: str | None
    merke: str | None


def _blokker(fil: Path) -> list[list[str]]:
    """Teksten på en side som blokker av linjer: hele filen for Markdown, hver
    markdown-celle for seg for notatbøker (stengsler går ikke over celler)."""
    if fil.suffix == ".ipynb":
        nb = json.loads(fil.read_text(encoding="utf-8"))
        ut = []
        for celle in nb.get("cells", []):
            if celle.get("cell_type") == "markdown":
                kilde = celle.get("source", "")
                kilde = "".join(kilde) if isinstance(kilde, list) else kilde
                ut.append(kilde.splitlines())
        return ut
    return [fil.read_text(encoding="utf-8").splitlines()]


def _tittel(blokker: list[list[str]]) -> str:
    for linjer in blokker:
        i_kode = None
        for linje in linjer:
            m = _STENGSEL.match(linje)
            if m:
                if i_kode is None:
                    i_kode = m["stengsel"]
                elif m["stengsel"][0] == i_kode[0] and len(m["stengsel"]) >= len(i_kode) and not m["info"]:
                    i_kode = None
                continue
            if i_kode is None and re.match(r"^#\s+\S", linje):
                return _ren_tekst(linje.lstrip("#").strip(), {})
    return ""


def _lukker(linje: str, stengsel: str) -> bool:
    m = _STENGSEL.match(linje)
    return bool(m and not m["info"] and m["stengsel"][0] == stengsel[0] and len(m["stengsel"]) >= len(stengsel))


def _opsjoner_og_innhold(linjer: list[str]) -> tuple[dict[str, str], list[str]]:
    """Opsjonene øverst i et direktiv (``:name: x`` eller YAML mellom ``---``) og resten."""
    opsjoner: dict[str, str] = {}
    i = 0
    if linjer and linjer[0].strip() == "---":
        slutt = next((j for j in range(1, len(linjer)) if linjer[j].strip() == "---"), None)
        if slutt is not None:
            data = yaml.safe_load("\n".join(linjer[1:slutt])) or {}
            opsjoner = {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}
            return opsjoner, linjer[slutt + 1 :]
    while i < len(linjer):
        m = _OPSJON.match(linjer[i])
        if not m:
            break
        opsjoner[m["nokkel"]] = m["verdi"]
        i += 1
    return opsjoner, linjer[i:]


def _forste_avsnitt(linjer: list[str]) -> str:
    avsnitt: list[str] = []
    for linje in linjer:
        if not linje.strip():
            if avsnitt:
                break
            continue
        if _STENGSEL.match(linje):
            break
        avsnitt.append(linje.strip())
    return " ".join(avsnitt)


def _stamme(sti: str) -> str | None:
    """``../tabeller/tab-3-1-form.md`` → ``tab-3-1-form``; ``nb.ipynb::fig-x`` → ``fig-x``."""
    sti = sti.strip()
    if not sti:
        return None
    if "::" in sti:
        return sti.rsplit("::", 1)[1].strip() or None
    navn = sti.replace("\\", "/").rsplit("/", 1)[-1]
    stamme, _, endelse = navn.rpartition(".")
    return stamme if endelse.lower() in _FILENDELSER else navn


def _inkludert(linjer: list[str]) -> str | None:
    for linje in linjer:
        m = _STENGSEL.match(linje)
        if m:
            d = _DIREKTIV.match(m["info"])
            if d and d["navn"] == "include":
                return _stamme(d["arg"])
    return None


def _skann(linjer: list[str], fil: Path, besokt: tuple[Path, ...]) -> Iterator[_Funn]:
    """Tabellene og figurene i linjene, i rekkefølge (også i nestede direktiver)."""
    i = 0
    while i < len(linjer):
        m = _STENGSEL.match(linjer[i])
        if not m:
            i += 1
            continue
        stengsel = m["stengsel"]
        slutt = next((j for j in range(i + 1, len(linjer)) if _lukker(linjer[j], stengsel)), len(linjer))
        innhold = linjer[i + 1 : slutt]
        d = _DIREKTIV.match(m["info"])
        i = slutt + 1
        if d is None:
            continue  # kodeblokk: ingenting der teller
        navn, arg = d["navn"], d["arg"].strip()
        if navn in TABELLDIREKTIVER or navn in FIGURDIREKTIVER:
            opsjoner, resten = _opsjoner_og_innhold(innhold)
            if navn in TABELLDIREKTIVER:
                tekst, kilde, type_ = arg, _inkludert(resten), "tabell"
            else:
                tekst, kilde, type_ = _forste_avsnitt(resten), _stamme(arg), "figur"
            if tekst:  # uten tekst: ikke nummerert (som i Sphinx)
                yield _Funn(type_, tekst, kilde, opsjoner.get("name"))
        elif navn == "include":
            inn = (fil.parent / arg).resolve()
            if inn in besokt:
                raise ValueError(f"{fil}: {arg!r} inkluderer seg selv")
            if not inn.is_file():
                raise FileNotFoundError(f"{fil}: {{include}} {arg} finnes ikke")
            yield from _skann(inn.read_text(encoding="utf-8").splitlines(), inn, (*besokt, inn))
        else:
            # andre direktiver (merknader, faner …) kan ha tabeller og figurer inni seg
            _, resten = _opsjoner_og_innhold(innhold)
            yield from _skann(resten, fil, besokt)


def _ren_tekst(tekst: str, numre: dict[str, str], limt: Mapping[str, str] | None = None) -> str:
    """Tabell- og figurtekst uten MyST-markering; ``{numref}`` blir nummeret det viser til, og
    med ``limt`` (referanse eller limnavn → tekst) blir ``{tall}``, ``{glue:text}`` og ``{glue}``
    teksten som settes inn."""

    def rolle(m: re.Match) -> str:
        innhold = m["innhold"]
        if limt is not None and m["rolle"] == "tall":
            if innhold.strip() not in limt:
                raise ValueError(f"teksten «{tekst}» viser tallet {innhold.strip()}, som ikke er slått opp")
            return limt[innhold.strip()]
        if limt is not None and m["rolle"] in ("glue", "glue:text"):
            navn = innhold.rpartition("::")[2].split(":")[0].strip()
            if navn not in limt:
                raise ValueError(f"teksten «{tekst}» limer inn {navn}, som ikke er limt for tabell- og figurtekstene")
            return limt[navn]
        mal = re.match(r"^(?P<tekst>.*?)\s*<(?P<mal>[^>]+)>$", innhold)
        if m["rolle"] == "numref":
            merke = mal["mal"] if mal else innhold
            if merke in numre:
                return numre[merke]
        return (mal["tekst"] if mal else innhold).strip()

    tekst = _ROLLE.sub(rolle, tekst)
    tekst = _LENKE.sub(lambda m: m["tekst"], tekst)
    tekst = re.sub(r"\*\*(.+?)\*\*", r"\1", tekst)
    tekst = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", tekst)
    tekst = re.sub(r"`([^`]*)`", r"\1", tekst)
    return re.sub(r"\s+", " ", tekst).strip()


def nummerer(
    bok: Path | str,
    notatboker: Path | str | None = None,
    config: Path | str | None = None,
    limt: Mapping[str, str] | None = None,
) -> list[Nummerert]:
    """Alle nummererte tabeller og figurer i boka i ``bok`` (katalogen med ``_toc.yml``),
    i bokas rekkefølge, med numrene Sphinx gir dem.

    Sider under ``beregninger/`` som ikke finnes i ``bok`` (de kjørte notatbøkene kopieres
    inn først når boka settes sammen), leses fra ``notatboker``. ``config`` er
    ``_config.yml`` (for ``numfig_format``); uten den brukes «Tabell %s»/«Figur %s».
    ``limt`` gir tekstene lim-rollene i tabell- og figurtekstene viser (kildelinjens
    uttrekksdato); uten den står lim-rollens innhold."""
    bok = Path(bok)
    formater = numfig_format(config)
    tellere = {"tabell": 0, "figur": 0}
    ut: list[Nummerert] = []
    for side in sider(bok / "_toc.yml"):
        fil = _finn_side(bok, side, Path(notatboker) if notatboker else None)
        blokker = _blokker(fil)
        kapittel = _tittel(blokker)
        for linjer in blokker:
            for funn in _skann(linjer, fil, (fil.resolve(),)):
                tellere[funn.type] += 1
                nr = tellere[funn.type]
                ut.append(
                    Nummerert(
                        type=funn.type,
                        nummer=nr,
                        navn=formater[funn.type] % nr,
                        tekst=funn.tekst,
                        kilde=funn.kilde,
                        merke=funn.merke,
                        side=side,
                        kapittel=kapittel,
                        rekkefolge=len(ut),
                    )
                )
    merker = {n.merke: n.navn for n in ut if n.merke}
    return [replace(n, tekst=_ren_tekst(n.tekst, merker, limt)) for n in ut]


def avvik_fra_sphinx(numre: Iterable[Nummerert], sphinx: Mapping[str, str]) -> list[str]:
    """Numrene regnet ut her som ikke er de Sphinx satte i boka (``sphinx``: merke → «Tabell 20»,
    se :mod:`arsrapport.bok.sphinxtillegg.numre`), én linje per avvik. Bare numre med merke
    (``:name:``) kan sammenlignes."""
    ut = []
    for n in numre:
        if n.merke is None:
            continue
        boka = sphinx.get(n.merke)
        if boka is None:
            ut.append(f"{n.merke} ({n.navn}): Sphinx har ikke nummerert den")
        elif boka != n.navn:
            ut.append(f"{n.merke}: {n.navn} her, {boka} i boka")
    return ut
