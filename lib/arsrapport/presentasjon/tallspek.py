"""Oppføringene i tallkatalogen (:class:`Tall`): enhet, utskriftsform og definisjon for en
familie av figur-id-er, beskrevet med et mønster (se :mod:`arsrapport.utdata.tallkatalog`).

Kapittelmodulene deklarerer tallene sine med :class:`Tall` i listen ``TALL``. Denne modulen
avhenger bare av formateringen, så kapitlene kan importere den uten å dra inn katalogen
(som samler ``TALL`` fra kapitlene).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property

from arsrapport.presentasjon import formatering as fmt

# ------------------------------------------------------------------ enhetene

#: Enhetene et tall kan ha, med standard antall desimaler i teksten.
ENHETER: dict[str, int | None] = {
    "antall": 0,  # saker, personer, dager i retten (en sum): «7 029»
    "kroner": 0,  # beløp i kroner: «17 179 093»
    "dager": 0,  # gjennomsnittlig tid eller alder i dager: «154 dager»
    "andel": 1,  # andel 0–1, skrevet som prosent: «64,4 %»
    "arsverk": 1,  # årsverk: «203,9»
    "desimaltall": None,  # forholdstall (saker per årsverk, vekter); desimalene oppgis
    "tekst": None,  # ferdig tekst (navn, datoer), ikke et tall; kommer ikke i figures.json
}

ENDRING = ".endring"
ENDRING_ABS = ".endring_abs"


# ------------------------------------------------------------------ mønstrene

#: Plassholderne i mønstrene og hva de står for (regulære uttrykk over hele ledd).
PLASSHOLDERE: dict[str, str] = {
    # behandlingstype
    "type": r"(?:klage|omgjoring)",
    # vedtaksform
    "form": r"form\.(?:stornemnd|nmp|nup|nl|sek|nemndmote)",
    # saksgruppe, kategori, asylspor, undertype (sakstype.S) eller hjemmel (hjemmel.S)
    "segment": (
        r"(?:asyl|familie|arbeid_opphold|statsborgerskap|utvisning|tilbakekall|andre|diverse"
        r"|asylsaker|oppholdssaker|asyl_realitet|asyl_ikke_realitet|asyl_dublin|asyl_trygt_tredjeland"
        r"|sakstype\.[a-z0-9_]+|hjemmel\.[a-z0-9_]+)"
    ),
    # nasjonalitet i id-stil (nasjonalitet.iran)
    "land": r"nasjonalitet\.[a-z0-9_]+",
    # kapittel og post i statsbudsjettet (0491.01)
    "post": r"[0-9]{4}\.[0-9]{2}",
    # ett fritt ledd, men ikke endring/endring_abs: de er forbeholdt de avledede endringene,
    # så arsverk[.{ledd}] ikke tar arsverk.endring som et eget tall
    "ledd": r"(?!endring(?:_abs)?(?:\.|$))[a-z0-9_]+",
    # tertial 1–3
    "tertial": r"[123]",
    # måned 01–12
    "maned": r"(?:0[1-9]|1[0-2])",
    # sakskategori (Tabell 10, Del VII tabell 2 og 3, vektene i Tabell 13)
    "kategori": r"(?:asylsaker|oppholdssaker)",
    # undertype i id-stil (sakstype.visum)
    "sakstype": r"sakstype\.[a-z0-9_]+",
    # populasjonene i 3.2.6: enslige mindreårige, de av dem under 18 ved vedtaket,
    # barnefamilier og lengeværende barn
    "populasjon": r"(?:ema|ema_under_18|barnefamilie|lengevarende_barn)",
    # styringsparameter SP1–SP3
    "sp": r"sp[123]",
    # rettsinstans
    "instans": r"(?:tingretten|lagmannsretten|hoyesterett)",
    # utfall i retten
    "utfall": r"(?:medhold|tap|hevet_avvist)",
    # hvem som førte saken for staten
    "prosedyre": r"(?:regjeringsadvokaten|prosedyreenheten|ekstern_advokat)",
    # kontonummer (kapitalkontoene)
    "konto": r"[0-9]+",
    # gruppen en frist for utsatt iverksetting hører til (prioriterte saker)
    "fristgruppe": r"(?:aapenbart_grunnlos|ordinaer)",
    # den satte fristen mot regelen, og andelen med det utfallet
    "fristutfall": r"(?:lik|kortere|lengre)",
    "fristandel": r"andel_(?:lik|kortere|lengre)",
}

#: Hva plassholderne står for, med ord (lista for skribentene, ``docs/tallkatalog.md``).
PLASSHOLDER_TEKST: dict[str, str] = {
    "type": "behandlingstype: klage eller omgjoring (omgjøringsanmodning)",
    "form": (
        "avgjørelsesform: form.stornemnd, form.nmp (nemndmøte med personlig frammøte), form.nup (nemndmøte uten "
        "personlig frammøte), form.nl (nemndleder), form.sek (sekretariatet) eller form.nemndmote (de tre møteformene)"
    ),
    "segment": (
        "delportefølje: saksgruppe (asyl, familie, arbeid_opphold, statsborgerskap, utvisning, tilbakekall, andre, "
        "diverse), kategori (asylsaker, oppholdssaker), asylspor (asyl_realitet, asyl_ikke_realitet, asyl_dublin, "
        "asyl_trygt_tredjeland), sakstype.S (sakstypen i id-stil) eller hjemmel.utl_37_63"
    ),
    "land": "nasjonalitet.N: nasjonaliteten i id-stil (nasjonalitet.iran)",
    "post": "kapittel og post i statsbudsjettet (0491.01)",
    "ledd": "ett ledd: linjen, enheten eller typen definisjonen nevner (aldri endring eller endring_abs)",
    "tertial": "tertialet: 1, 2 eller 3",
    "maned": "måneden: 01–12",
    "kategori": "asylsaker eller oppholdssaker",
    "sakstype": "sakstype.S: sakstypen i id-stil (sakstype.visum)",
    "populasjon": "ema, ema_under_18, barnefamilie eller lengevarende_barn (3.2.6)",
    "sp": "styringsparameteren: sp1, sp2 eller sp3",
    "instans": "tingretten, lagmannsretten eller hoyesterett",
    "utfall": "medhold, tap eller hevet_avvist",
    "prosedyre": "regjeringsadvokaten, prosedyreenheten eller ekstern_advokat",
    "konto": "kontonummeret (705011)",
    "fristgruppe": "aapenbart_grunnlos (to arbeidsdager) eller ordinaer (tre uker)",
    "fristutfall": "lik, kortere eller lengre: den satte fristen mot regelen",
    "fristandel": "andel_lik, andel_kortere eller andel_lengre",
}

_PLASSHOLDER = re.compile(r"\{([a-z_]+)\}")


def kompiler(monster: str) -> re.Pattern[str]:
    """Mønsteret som regulært uttrykk over hele id-en."""
    ut, i = [], 0
    while i < len(monster):
        c = monster[i]
        if c == "[":
            ut.append("(?:")
        elif c == "]":
            ut.append(")?")
        elif c == "{":
            slutt = monster.index("}", i)
            navn = monster[i + 1 : slutt]
            if navn not in PLASSHOLDERE:
                raise ValueError(f"ukjent plassholder {{{navn}}} i mønsteret {monster!r}")
            ut.append(PLASSHOLDERE[navn])
            i = slutt
        elif c == ".":
            ut.append(r"\.")
        elif re.fullmatch(r"[a-z0-9_]", c):
            ut.append(c)
        else:
            raise ValueError(f"tegnet {c!r} hører ikke hjemme i mønsteret {monster!r}")
        i += 1
    return re.compile("".join(ut))


def _forste_ledd(monster: str) -> str:
    """Det faste første leddet i mønsteret (oppslagsnøkkelen), eller ``""`` om det varierer."""
    m = re.match(r"[a-z0-9_]+", monster)
    return m.group(0) if m and (len(monster) == m.end() or monster[m.end()] == ".") else ""


# ------------------------------------------------------------------ oppføringene


@dataclass(frozen=True)
class Tall:
    """Én oppføring i katalogen."""

    monster: str  #: id-mønsteret, se modulteksten
    enhet: str  #: en nøkkel i :data:`ENHETER`
    definisjon: str  #: én linje på norsk: hva tallet er
    funksjon: str  #: funksjonen i ``lib`` som beregner tallet («arsrapport.maal.saksbehandling.behandlet»)
    desimaler: int | None = None  #: desimaler i teksten, når de avviker fra enhetens
    #: ord for fortegnet når beløpet står uten fortegn i teksten: (ord for ≥ 0, ord for < 0)
    fortegnsord: tuple[str, str] | None = None
    kapittel: str = ""  #: kapittelet som beregner tallet (settes av :class:`Katalog`)
    avledet: str = ""  #: ``endring``/``endring_abs`` for avledede oppføringer

    def __post_init__(self) -> None:
        if self.enhet not in ENHETER:
            raise ValueError(f"{self.monster}: ukjent enhet {self.enhet!r}; bruk en av {', '.join(ENHETER)}")
        if self.enhet == "desimaltall" and self.desimaler is None:
            raise ValueError(f"{self.monster}: enheten desimaltall trenger desimaler=")
        if not self.definisjon.strip() or "\n" in self.definisjon:
            raise ValueError(f"{self.monster}: definisjonen skal være én linje")

    @cached_property
    def uttrykk(self) -> re.Pattern[str]:
        return kompiler(self.monster)

    @property
    def antall_desimaler(self) -> int:
        return self.desimaler if self.desimaler is not None else (ENHETER[self.enhet] or 0)

    def tekst(self, verdi) -> str:
        """Verdien slik den står i løpende tekst («7 029», «64,4 %», «154 dager»).
        Endringer (``.endring``, ``.endring_abs``) skrives uten fortegn: retningen står i
        verbet (:meth:`verb`)."""
        if self.enhet == "tekst":
            return str(verdi)
        if self.avledet:
            verdi = abs(verdi)
        if self.avledet == "endring":
            return fmt.prosent(verdi, desimaler=0)
        if self.enhet == "andel":
            return fmt.prosent(verdi, desimaler=self.antall_desimaler)
        if self.enhet == "dager":
            return fmt.dager(verdi)
        return fmt.tall(verdi, desimaler=self.antall_desimaler)

    def verb(self, verdi) -> str:
        """«økte», «gikk ned» eller «var uendret», slik tallet vises: aldri «økte med 0 %»."""
        if not self.avledet:
            raise ValueError(f"{self.monster}: bare endringer (.endring, .endring_abs) har et verb")
        if not any(c in "123456789" for c in self.tekst(verdi)):
            return "var uendret"
        return "økte" if verdi > 0 else "gikk ned"

    def ord(self, verdi) -> str:
        if self.fortegnsord is None:
            raise ValueError(f"{self.monster}: tallet har ingen fortegnsord")
        return self.fortegnsord[0] if verdi >= 0 else self.fortegnsord[1]


# ------------------------------------------------------------------ katalogen


def _avled(grunn: Tall, hvilken: str) -> Tall:
    if hvilken == "endring":
        return replace(
            grunn,
            monster=grunn.monster + ENDRING,
            enhet="andel",
            desimaler=0,
            fortegnsord=None,
            avledet="endring",
            definisjon=f"Endring i prosent fra året før: {grunn.definisjon[0].lower()}{grunn.definisjon[1:]}",
        )
    return replace(
        grunn,
        monster=grunn.monster + ENDRING_ABS,
        fortegnsord=None,
        avledet="endring_abs",
        definisjon=f"Endring fra året før: {grunn.definisjon[0].lower()}{grunn.definisjon[1:]}",
    )


class Katalog:
    """Oppføringene fra alle kapitlene, med oppslag fra id til oppføring."""

    def __init__(self, oppforinger: Iterable[Tall]):
        self.oppforinger: tuple[Tall, ...] = tuple(oppforinger)
        self._etter_forste: dict[str, list[Tall]] = {}
        for t in self.oppforinger:
            self._etter_forste.setdefault(_forste_ledd(t.monster), []).append(t)
        self._funnet: dict[str, Tall | None] = {}

    def treff(self, fid: str) -> list[Tall]:
        """Alle oppføringene som dekker id-en direkte (uten avledning); skal være én."""
        kandidater = self._etter_forste.get(fid.split(".", 1)[0], []) + self._etter_forste.get("", [])
        return [t for t in kandidater if t.uttrykk.fullmatch(fid)]

    def finn(self, fid: str) -> Tall | None:
        """Oppføringen for id-en (avledet for ``.endring``/``.endring_abs``), eller None."""
        if fid in self._funnet:
            return self._funnet[fid]
        treff = self.treff(fid)
        funnet = treff[0] if treff else None
        if funnet is None:
            for hale, hvilken in ((ENDRING_ABS, "endring_abs"), (ENDRING, "endring")):
                if fid.endswith(hale):
                    grunn = self.finn(fid[: -len(hale)])
                    if grunn is not None and not grunn.avledet and grunn.enhet != "tekst":
                        funnet = _avled(grunn, hvilken)
                    break
        self._funnet[fid] = funnet
        return funnet

    def enhet(self, fid: str) -> str:
        t = self.finn(fid)
        if t is None:
            raise KeyError(f"{fid} står ikke i tallkatalogen")
        return t.enhet

    def tekst(self, fid: str, verdi) -> str:
        t = self.finn(fid)
        if t is None:
            raise KeyError(f"{fid} står ikke i tallkatalogen")
        return t.tekst(verdi)
