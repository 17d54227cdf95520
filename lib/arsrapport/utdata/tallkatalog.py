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

Skribentene henter tallene med rollen ``{tall}`` (:mod:`arsrapport.bok.sphinxtillegg`):
``{tall}`behandlet``, ``{tall}`behandlet@f1`` (året før), ``{tall}`behandlet.endring.verb``
(«økte», «gikk ned», «var uendret») og ``{tall}`note_b.0491.01.merutgift.ord``; se
:func:`les_referanse`.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

# oppføringene og katalogklassen er definert i arsrapport.presentasjon.tallspek, så kapitlene og avstemmingen
# kan bruke dem uten denne modulen
from arsrapport.presentasjon.tallspek import PLASSHOLDER_TEKST, PLASSHOLDERE, Katalog, Tall

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


def katalog() -> Katalog:
    """Katalogen over alle kapitlenes ``TALL`` (:func:`arsrapport.kapitler.katalog`)."""
    from arsrapport import kapitler

    return kapitler.katalog()


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
        if kommando
        else "Generert fra `TALL` i kapittelmodulene; ikke rediger for hånd.",
        f"Eksemplene er regnet på {kilde} for rapportåret {rapportar}."
        if kilde
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
                ut.append(
                    f"- eksempel: `{fid}` er «{kat.tekst(fid, eksempler[fid])}» i {rapportar}; i boka `` {{tall}}`{fid}` ``"
                )
            ut.append("")
        while ut[-1] == "":
            ut.pop()
    return "\n".join(ut) + "\n"
