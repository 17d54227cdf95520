"""Tallkatalogen: hvert tall boka beregner, med enhet, utskriftsform og definisjon.

Et tall deklareres der det beregnes: hver kapittelmodul har en liste ``TALL`` med
:class:`Tall`-oppføringer. En oppføring dekker en familie av id-er med et *mønster*,
for eksempel ``behandlet[.{segment}][.{type}][.{form}]``:

* ``.`` skiller leddene, ``[...]`` er et valgfritt ledd;
* ``{navn}`` er en plassholder fra :data:`PLASSHOLDERE` (saksgruppe, behandlingstype,
  vedtaksform, nasjonalitet, et fritt ledd …).

Endringene ``<id>.endring`` (relativ endring fra året før) og ``<id>.endring_abs``
(endringen i ``<id>``-s egen enhet) trenger ingen egen oppføring: de avledes av
oppføringen til ``<id>``.

Hver id et kapittel beregner, skal treffe nøyaktig én oppføring (testen
``tests/test_tallkatalog.py``). Enheten bestemmer hvordan tallet skrives i teksten
(:meth:`Tall.tekst`), ikke hvordan id-en staves.

Skribentene henter tallene med rollen ``{tall}`` (:mod:`arsrapport.sphinxtillegg`):
``{tall}`behandlet``, ``{tall}`behandlet@f1`` (året før), ``{tall}`behandlet.endring.verb``
(«økte», «gikk ned», «var uendret») og ``{tall}`note_b.0491.01.merutgift.ord``; se
:func:`les_referanse`.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property

from arsrapport import formatering as fmt

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
    funksjon: str  #: funksjonen i ``lib`` som beregner tallet («arsrapport.saksbehandling.behandlet»)
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


def _avled(grunn: Tall, hvilken: str) -> Tall:
    if hvilken == "endring":
        return replace(
            grunn, monster=grunn.monster + ENDRING, enhet="andel", desimaler=0, fortegnsord=None, avledet="endring",
            definisjon=f"Endring i prosent fra året før: {grunn.definisjon[0].lower()}{grunn.definisjon[1:]}",
        )
    return replace(
        grunn, monster=grunn.monster + ENDRING_ABS, fortegnsord=None, avledet="endring_abs",
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


# ------------------------------------------------------------------ referansene i boka

#: Variantene en referanse kan ha etter id-en.
VARIANTER = ("verb", "abs", "ord")

_REFERANSE = re.compile(
    r"^(?P<id>[a-z0-9_]+(?:\.[a-z0-9_]+)*?)(?:@f(?P<f1>[0-3]))?(?:\.(?P<variant>verb|abs|ord))?(?:@f(?P<f2>[0-3]))?$"
)


@dataclass(frozen=True)
class Referanse:
    """En referanse slik skribenten skriver den i ``{tall}`...```."""

    id: str
    tilbake: int = 0  #: 0 = rapportåret, 1 = året før (``@f1``) …
    variant: str = ""  #: "", "verb", "abs" eller "ord"

    def __str__(self) -> str:
        return self.id + (f"@f{self.tilbake}" if self.tilbake else "") + (f".{self.variant}" if self.variant else "")


class UgyldigReferanse(ValueError):
    """En ``{tall}``-referanse som ikke kan slås opp; meldingen foreslår nære id-er."""


def les_referanse(tekst: str) -> Referanse:
    """``behandlet.asyl@f1`` → Referanse("behandlet.asyl", 1, ""); ``x.endring.verb`` →
    variant «verb». ``@fN`` kan stå før eller etter varianten."""
    m = _REFERANSE.match(tekst.strip())
    if not m or (m["f1"] and m["f2"]):
        raise UgyldigReferanse(
            f"«{tekst[:60]}» er ikke en tallreferanse (skriv id-en, eventuelt med @f1–@f3 og .verb, .abs eller .ord)"
        )
    return Referanse(m["id"], int(m["f1"] or m["f2"] or 0), m["variant"] or "")


@dataclass
class Tallverdier:
    """Tallene og tekstene boka viser, slik rollen ``{tall}`` slår dem opp."""

    rapportar: int
    figurer: Mapping[int, Mapping[str, float]]  #: år → id → verdi
    tekster: Mapping[str, str] = field(default_factory=dict)  #: id → ferdig tekst (rapportåret)
    katalog: Katalog | None = None

    @cached_property
    def _katalog(self) -> Katalog:
        return self.katalog if self.katalog is not None else katalog()

    @cached_property
    def kjente(self) -> list[str]:
        ider = set(self.tekster)
        for verdier in self.figurer.values():
            ider.update(verdier)
        return sorted(ider)

    def forslag(self, fid: str, n: int = 3) -> list[str]:
        """De nærmeste kjente id-ene (til feilmeldingen)."""
        return difflib.get_close_matches(fid, self.kjente, n=n, cutoff=0.6)

    def vis(self, referanse: str | Referanse) -> str:
        """Teksten referansen står for i boka. :class:`UgyldigReferanse` med forslag når
        id-en ikke finnes, året mangler eller varianten ikke passer til tallet."""
        ref = les_referanse(referanse) if isinstance(referanse, str) else referanse
        if ref.id in self.tekster:
            if ref.tilbake or ref.variant:
                raise UgyldigReferanse(f"«{ref}»: {ref.id} er en tekst for rapportåret, uten @f og varianter")
            return self.tekster[ref.id]
        ar = self.rapportar - ref.tilbake
        verdi = self.figurer.get(ar, {}).get(ref.id)
        if verdi is None or (isinstance(verdi, float) and not math.isfinite(verdi)):
            if any(ref.id in v for v in self.figurer.values()):
                raise UgyldigReferanse(f"«{ref}»: {ref.id} er ikke beregnet for {ar}")
            forslag = self.forslag(ref.id)
            hint = f"; mente du {', '.join(forslag)}?" if forslag else ""
            raise UgyldigReferanse(f"ukjent tall «{ref.id}»{hint}")
        tall = self._katalog.finn(ref.id)
        if tall is None:
            raise UgyldigReferanse(f"«{ref.id}» er beregnet, men mangler i tallkatalogen (TALL i kapittelmodulen)")
        try:
            if ref.variant == "verb":
                return tall.verb(verdi)
            if ref.variant == "ord":
                return tall.ord(verdi)
            if ref.variant == "abs":
                if tall.fortegnsord is None:
                    raise ValueError(f"{ref.id} har ingen fortegnsord; .abs brukes sammen med .ord")
                return tall.tekst(abs(verdi))
        except ValueError as feil:
            raise UgyldigReferanse(f"«{ref}»: {feil}") from None
        return tall.tekst(verdi)


    def kilde(self, referanse: str | Referanse) -> dict:
        """Hvor tallet kommer fra, til lesere som spør (HTML-boka viser det ved tallet): id-en,
        definisjonen, funksjonen og kapittelet som beregner det, og verdien rapportåret og de
        to årene før (det som er beregnet). Referansen må kunne vises (:meth:`vis`)."""
        ref = les_referanse(referanse) if isinstance(referanse, str) else referanse
        tall = self._katalog.finn(ref.id)
        ut = {"id": ref.id}
        if tall is not None:
            ut.update(definisjon=tall.definisjon, funksjon=tall.funksjon, kapittel=tall.kapittel)
        if ref.id not in self.tekster and tall is not None:
            ar = []
            for tilbake in range(3):
                verdi = self.figurer.get(self.rapportar - tilbake, {}).get(ref.id)
                if verdi is not None and not (isinstance(verdi, float) and not math.isfinite(verdi)):
                    ar.append([self.rapportar - tilbake, tall.tekst(verdi)])
            ut["ar"] = ar
        return ut


# ------------------------------------------------------------------ katalogen over alle kapitlene


_KATALOG: Katalog | None = None


def katalog() -> Katalog:
    """Katalogen over alle kapitlenes ``TALL`` (lest én gang per prosess)."""
    global _KATALOG
    if _KATALOG is None:
        from arsrapport import kapitler

        _KATALOG = Katalog(kapitler.tallkatalog())
    return _KATALOG


# ------------------------------------------------------------------ lista for skribentene


def eksempel(kat: Katalog, tall: Tall, verdier: Mapping[str, object]) -> str | None:
    """Id-en som viser oppføringen best blant ``verdier`` (id → verdi for rapportåret): den
    korteste som treffer oppføringen direkte, ellers den korteste endringen av en slik."""
    direkte, avledet = [], []
    for fid in verdier:
        t = kat.finn(fid)
        if t is tall:
            direkte.append(fid)
        elif t is not None and t.avledet and kat.finn(fid.rsplit(".", 1)[0]) is tall:
            avledet.append(fid)
    kandidater = direkte or avledet
    return min(kandidater, key=lambda f: (len(f), f)) if kandidater else None


def dokumentasjon(
    kat: Katalog,
    eksempler: Mapping[str, object],
    rapportar: int,
    *,
    titler: Mapping[str, str] | None = None,
    kilde: str = "",
    kommando: str = "",
) -> str:
    """Lista over tallkatalogen for skribentene (Markdown): per kapittel hver oppføring med
    mønster, enhet, definisjon, funksjonen som beregner tallet og et eksempel (en id med
    verdien for ``rapportar`` slik boka skriver den, og hvordan den skrives i boka).

    ``eksempler``: id → verdi for rapportåret (tall og tekster); ``titler``: kapittel →
    overskrift; ``kilde`` og ``kommando`` står i innledningen (hvor eksemplene kommer fra,
    og kommandoen som lager fila på nytt)."""
    titler = titler or {}
    ut = [
        "# Tallkatalogen: tallene boka beregner",
        "",
        f"Generert av `{kommando}` fra `TALL` i kapittelmodulene; ikke rediger for hånd."
        if kommando else "Generert fra `TALL` i kapittelmodulene; ikke rediger for hånd.",
        f"Eksemplene er regnet på {kilde} for rapportåret {rapportar}." if kilde
        else f"Eksemplene gjelder rapportåret {rapportar}.",
        "Søk i tallene med årets verdier: `arsrapport tall SØK`.",
        "",
        "Et tall skrives i boka med rollen `{tall}` og id-en: `` {tall}`behandlet.asyl` `` (rapportåret),",
        "`` {tall}`behandlet.asyl@f1` `` (året før, `@f2` og `@f3` lenger tilbake). Til hvert tall hører",
        "endringen fra året før, `<id>.endring` (i prosent, uten fortegn) og `<id>.endring_abs` (i tallets",
        "egen enhet, uten fortegn), med verbet `` {tall}`<id>.endring.verb` `` («økte», «gikk ned», «var",
        "uendret»). Der fortegnet er et ord, gir `.abs` beløpet uten fortegn og `.ord` ordet",
        "(`` {tall}`note_b.0491.01.merutgift.ord` ``).",
        "",
        "Et mønster dekker en familie av id-er: `[...]` er et valgfritt ledd, `{navn}` en plassholder:",
        "",
        "| Plassholder | Står for |",
        "|---|---|",
        *(f"| `{{{navn}}}` | {PLASSHOLDER_TEKST.get(navn, '')} |" for navn in PLASSHOLDERE),
        "",
        "Enhetene: antall (heltall), kroner, dager (gjennomsnitt i hele dager), andel (skrives i prosent),",
        "arsverk (én desimal), desimaltall (desimalene står ved oppføringen) og tekst (ferdig tekst).",
    ]
    kapitler: dict[str, list[Tall]] = {}
    for t in kat.oppforinger:
        kapitler.setdefault(t.kapittel, []).append(t)
    for kapittel, oppforinger in kapitler.items():
        ut += ["", f"## {titler.get(kapittel, kapittel)}", ""]
        if kapittel in titler:
            ut += [f"Kapittel `{kapittel}`, {len(oppforinger)} oppføringer.", ""]
        for t in oppforinger:
            enhet = t.enhet
            if t.desimaler is not None:
                enhet += f", {t.desimaler} {'desimal' if t.desimaler == 1 else 'desimaler'}"
                enhet += " i prosenten" if t.enhet == "andel" else ""
            ut += [f"### `{t.monster}`", "", t.definisjon, "", f"- enhet: {enhet}", f"- beregnes av: `{t.funksjon}`"]
            if t.fortegnsord:
                ut.append(
                    f"- fortegnsord: «{t.fortegnsord[0]}» (0 eller mer), «{t.fortegnsord[1]}» (under 0); "
                    "skriv `.abs` for beløpet og `.ord` for ordet"
                )
            fid = eksempel(kat, t, eksempler)
            if fid is None:
                ut.append(f"- eksempel: ingen id beregnet for {rapportar}")
            else:
                ut.append(f"- eksempel: `{fid}` er «{kat.tekst(fid, eksempler[fid])}» i {rapportar}; i boka `` {{tall}}`{fid}` ``")
            ut.append("")
        while ut[-1] == "":
            ut.pop()
    return "\n".join(ut) + "\n"
