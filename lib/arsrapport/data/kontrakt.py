"""Datakontrakten (docs/data-contract.md) som data.

Hver tabell i uttrekket er en :class:`Tabell` med en liste :class:`Kolonne`.
Innlesingen (``innlesing``) og kontrollene (``kontroll``) leser kravene herfra;
det finnes ingen egne kodegrener per tabell for typer, påkrevde kolonner,
lovlige verdier, unikhet eller fortegn. Regler som gjelder flere kolonner
samtidig (f.eks. at ``avsluttet_dato`` er påkrevd når ``avslutning`` er satt),
står i ``kontroll``.

Betydningen av feltene:

``type``
    ``tekst``, ``heltall``, ``desimal``, ``belop`` (kroner, høyst to desimaler),
    ``dato`` (ÅÅÅÅ-MM-DD), ``tidspunkt`` (ÅÅÅÅ-MM-DDTtt:mm), ``bool`` eller
    ``enum`` (en av ``verdier``).
``pakrevd``
    Kolonnen må finnes, og hver verdi må være utfylt. Er den ikke påkrevd, kan
    kolonnen mangle (den fylles da med tomme verdier / ``False``), og verdiene
    kan være tomme.
``unik``
    Ingen verdi kan forekomme to ganger i tabellen.
``ikke_negativ`` / ``positiv``
    Tallet må være ≥ 0 / > 0.
``fremtidig``
    For datoer og tidspunkter: verdien kan ligge etter dagens dato (en frist). Alle
    andre datoer er noe som har skjedd, og en dato etter dagens dato er et brudd.
``Tabell.krever_rader``
    Tabellen må ha minst én datarad; ellers er en fil med bare overskriftsraden
    en gyldig tom tabell.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

TYPER = frozenset({"tekst", "heltall", "desimal", "belop", "dato", "tidspunkt", "bool", "enum"})
GRUPPER = frozenset({"register", "regnskap", "referanse"})


@dataclass(frozen=True)
class Kolonne:
    navn: str
    type: str
    pakrevd: bool = False
    verdier: tuple[str, ...] | None = None
    unik: bool = False
    ikke_negativ: bool = False
    positiv: bool = False
    fremtidig: bool = False

    def __post_init__(self):
        if self.type not in TYPER:
            raise ValueError(f"ukjent kolonnetype {self.type!r} for {self.navn}")
        if self.fremtidig and self.type not in ("dato", "tidspunkt"):
            raise ValueError(f"{self.navn}: bare datoer og tidspunkter kan være fremtidige")
        if (self.type == "enum") != (self.verdier is not None):
            raise ValueError(f"{self.navn}: verdier skal oppgis for enum og bare for enum")
        if self.verdier is not None and not isinstance(self.verdier, tuple):
            object.__setattr__(self, "verdier", tuple(self.verdier))

    @property
    def nullbar(self) -> bool:
        """Tomme verdier er lov (alle kolonner som ikke er påkrevd)."""
        return not self.pakrevd


@dataclass(frozen=True)
class Tabell:
    navn: str
    kolonner: tuple[Kolonne, ...]
    gruppe: str
    krever_rader: bool = False

    def __post_init__(self):
        if self.gruppe not in GRUPPER:
            raise ValueError(f"ukjent tabellgruppe {self.gruppe!r} for {self.navn}")
        if not isinstance(self.kolonner, tuple):
            object.__setattr__(self, "kolonner", tuple(self.kolonner))
        navn = [k.navn for k in self.kolonner]
        if len(set(navn)) != len(navn):
            raise ValueError(f"{self.navn}: samme kolonnenavn to ganger")

    def kolonne(self, navn: str) -> Kolonne:
        for k in self.kolonner:
            if k.navn == navn:
                return k
        raise KeyError(navn)

    @property
    def kolonnenavn(self) -> tuple[str, ...]:
        return tuple(k.navn for k in self.kolonner)


# ---------------------------------------------------------------- verdilister

SAKSGRUPPER = (
    "Asyl",
    "Familieinnvandring",
    "Arbeid/opphold",
    "Statsborgerskap",
    "Utvisning",
    "Tilbakekall",
    "Andre saker",
    "Diverse",
)
BEHANDLINGSTYPER = ("Klage", "Omgjøringsanmodning")
ASYLSPOR = ("Realitet", "Dublin", "Trygt tredjeland")
AVSLUTNINGER = ("Vedtak", "Henlagt")
AVGJORELSESFORMER = ("Stornemnd", "NMP", "NUP", "NL", "SEK")
UTFALL = ("Omgjort", "Delvis omgjort", "Ikke omgjort")
UIV_RESULTATER = ("Innvilget", "Avslått")
INSTANSER = ("Tingretten", "Lagmannsretten", "Høyesterett")
RETTSSAK_UTFALL = ("Medhold", "Tap", "Hevet/avvist")
PROSEDYRE = ("Regjeringsadvokaten", "Prosedyreenheten", "Ekstern advokat")
ENHETER = ("Saksenhetene", "Nemndledere", "Prosedyreenheten", "Øvrige UNE")
BALANSEGRUPPER = ("Finansielle anleggsmidler", "Omløpsmidler", "Langsiktig gjeld", "Kortsiktig gjeld")
VEKTKATEGORIER = ("Asyl", "Opphold")
PRIORITETSKODER = ("PP", "UM")
MELDT_AV = ("PU", "Lokalt politi", "Mottak", "OPA", "RMA", "ASA")


def _k(navn, type, pakrevd=False, verdier=None, **kw) -> Kolonne:
    return Kolonne(navn, type, pakrevd=pakrevd, verdier=verdier, **kw)


_AR = _k("ar", "heltall", True)
_KAPITTEL = _k("kapittel", "tekst", True)
_POST = _k("post", "tekst", True)

TABELLER: dict[str, Tabell] = {
    t.navn: t
    for t in [
        # ------------------------------------------------------------ register
        Tabell(
            "saker",
            (
                _k("sak_id", "tekst", True, unik=True),
                _k("person_id", "tekst", True),
                _k("familie_id", "tekst"),
                _k("saksgruppe", "enum", True, SAKSGRUPPER),
                _k("sakstype", "tekst", True),
                _k("behandlingstype", "enum", True, BEHANDLINGSTYPER),
                _k("asylspor", "enum", False, ASYLSPOR),
                _k("mottatt_dato", "dato", True),
                _k("avslutning", "enum", False, AVSLUTNINGER),
                _k("avsluttet_dato", "dato"),
                _k("avgjorelsesform", "enum", False, AVGJORELSESFORMER),
                _k("utfall", "enum", False, UTFALL),
                _k("nasjonalitet", "tekst", True),
                _k("hjemmel", "tekst"),
                _k("ema", "bool"),
                _k("under_18_ved_vedtak", "bool"),
                _k("barnefamilie", "bool"),
                _k("lengevarende_barn", "bool"),
                _k("tilknyttet_utvisning", "bool"),
                # prioporteføljen (issue 7): vedtaket og fristen for å begjære utsatt iverksetting
                _k("vedtak_tidspunkt", "tidspunkt"),
                _k("aapenbart_grunnlos", "bool"),
                _k("uiv_frist", "tidspunkt", fremtidig=True),  # en frist kan ligge etter uttrekket
                _k("uiv_begjaering", "tidspunkt"),
                _k("uiv_avgjort", "tidspunkt"),
                # prosjektets tillegg: hvem som kan merkes PP (RS 2014-025 punkt 2.1 og 3.1)
                _k("prosedyre_48t", "bool"),
                _k("bfe_vurdert", "tidspunkt"),
            ),
            "register",
            krever_rader=True,
        ),
        Tabell(
            "prioritet",
            (
                _k("sak_id", "tekst", True),
                _k("tidspunkt", "tidspunkt", True),
                _k("kode", "enum", True, PRIORITETSKODER),
                _k("meldt_av", "enum", False, MELDT_AV),
            ),
            "register",
        ),
        Tabell(
            "uiv",
            (
                _k("uiv_id", "tekst", True, unik=True),
                _k("sak_id", "tekst"),
                _k("mottatt_dato", "dato", True),
                _k("avgjort_dato", "dato"),
                _k("resultat", "enum", False, UIV_RESULTATER),
            ),
            "register",
        ),
        Tabell(
            "rettssaker",
            (
                _k("rettssak_id", "tekst", True, unik=True),
                _k("sak_id", "tekst"),
                _k("instans", "enum", True, INSTANSER),
                _k("innkommet_dato", "dato", True),
                _k("avgjort_dato", "dato"),
                _k("utfall", "enum", False, RETTSSAK_UTFALL),
                _k("rettskraftig_dato", "dato"),
                _k("hovedforhandling", "bool"),
                _k("dager_i_retten", "heltall", ikke_negativ=True),
                _k("prosedyre", "enum", False, PROSEDYRE),
            ),
            "register",
        ),
        Tabell(
            "arsverk",
            (
                _AR,
                _k("enhet", "enum", True, ENHETER),
                _k("arsverk", "desimal", True, ikke_negativ=True),
            ),
            "register",
            krever_rader=True,
        ),
        # ------------------------------------------------------------ regnskap
        Tabell(
            "tildeling",
            (
                _AR,
                _KAPITTEL,
                _POST,
                _k("posttekst", "tekst", True),
                _k("overfort_fra_i_fjor", "belop", True),
                _k("arets_tildelinger", "belop", True),
                _k("stikkord", "tekst"),
            ),
            "regnskap",
        ),
        Tabell(
            "fullmakter",
            (
                _AR,
                _KAPITTEL,
                _POST,
                _k("avgitte_belastningsfullmakter", "belop", True),
                _k("merinntekter", "belop"),
                _k("omdisponering", "belop"),
                _k("innsparinger", "belop"),
                _k("maks_overforbart", "belop"),
            ),
            "regnskap",
        ),
        Tabell(
            "regnskap",
            (
                _AR,
                _k("artskonto", "tekst", True),
                _k("kontonavn", "tekst"),
                _KAPITTEL,
                _POST,
                _k("belop", "belop", True),
            ),
            "regnskap",
        ),
        Tabell(
            "kapitalkontoer",
            (
                _AR,
                _k("konto", "tekst", True),
                _k("tekst", "tekst", True),
                _k("belop", "belop", True),
            ),
            "regnskap",
        ),
        Tabell(
            "mellomvaerende",
            (
                _AR,
                _k("linje", "tekst", True),
                _k("gruppe", "enum", True, BALANSEGRUPPER),
                _k("bokfort", "belop", True),
                _k("rapportert", "belop", True),
            ),
            "regnskap",
        ),
        Tabell(
            "pensjonspremie",
            (
                _k("ar", "heltall", True, unik=True),
                _k("premiesats_arbeidsgiver", "desimal", True, ikke_negativ=True),
            ),
            "regnskap",
        ),
        # ---------------------------------------------------------- referanse
        Tabell(
            "vekttall",
            (
                _k("ar_fra", "heltall", True),
                _k("ar_til", "heltall", True),
                _k("kategori", "enum", True, VEKTKATEGORIER),
                _k("avgjorelsesform", "enum", True, AVGJORELSESFORMER),
                _k("vekt", "desimal", True, ikke_negativ=True),
            ),
            "referanse",
            krever_rader=True,
        ),
        Tabell(
            "styringsparametere",
            (
                _AR,
                _k("kode", "tekst", True),
                _k("populasjon", "tekst", True),
                _k("grense_dager", "heltall"),
                _k("mal_andel", "desimal"),
                _k("mal_reduksjon", "desimal"),
            ),
            "referanse",
            krever_rader=True,
        ),
        Tabell(
            "kpi",
            (
                _k("ar", "heltall", True, unik=True),
                _k("indeks", "desimal", True, positiv=True),
            ),
            "referanse",
            krever_rader=True,
        ),
        Tabell(
            "kontoplan",
            (
                _k("artskonto_fra", "tekst", True),
                _k("artskonto_til", "tekst", True),
                _k("oppstilling_linje", "tekst", True),
                _k("note", "tekst"),
                _k("note_linje", "tekst"),
                _k("utenfor_lonn_per_arsverk", "bool"),
            ),
            "referanse",
            krever_rader=True,
        ),
    ]
}

# Formatkrav på kodekolonner i regnskapstabellene: (tabell, kolonne) ->
# (regulært uttrykk som hele verdien må oppfylle, beskrivelse). Kontrolleres i
# ``kontroll.kontroller_kodeformat``.
KODEFORMAT: dict[tuple[str, str], tuple[str, str]] = {
    **{(t, "kapittel"): (r"\d{4}", "4 sifre, f.eks. 0491") for t in ("tildeling", "fullmakter", "regnskap")},
    **{(t, "post"): (r"\d{2}", "2 sifre, f.eks. 01") for t in ("tildeling", "fullmakter", "regnskap")},
    ("regnskap", "artskonto"): (r"\d{4,6}", "4–6 sifre"),
}

# Kodekolonner med fast bredde som Excel kan ha gjort om til tall (491 for «0491»): et heltall
# i en xlsx-celle fylles ut med nuller foran til denne bredden før formatkontrollen.
NULLUTFYLT: dict[tuple[str, str], int] = {
    **{(t, "kapittel"): 4 for t in ("tildeling", "fullmakter", "regnskap")},
    **{(t, "post"): 2 for t in ("tildeling", "fullmakter", "regnskap")},
}

# ---------------------------------------------------------------- datoer og rapportåret

REGISTERSTART = dt.date(2001, 1, 1)
"""UNE ble opprettet 1. januar 2001. En dato før det gir en advarsel (med antallet rader):
det kan være en sak tatt over fra Justisdepartementet, men oftere en skrivefeil."""

UTTREKKSDATO_KOLONNER: tuple[tuple[str, str], ...] = (
    ("saker", "mottatt_dato"),
    ("saker", "avsluttet_dato"),
    ("uiv", "mottatt_dato"),
    ("uiv", "avgjort_dato"),
)
"""Datoene uttrekksdatoen regnes fra (den siste av dem); siste hele år er året før den."""

ISOLERT_DAGER = 31
ISOLERT_ANDEL = 0.01
ISOLERT_MINST = 1000
"""Isolerte siste datoer: blant de ``UTTREKKSDATO_KOLONNER``-datoene (minst ``ISOLERT_MINST``
av dem) er de av den siste ``ISOLERT_ANDEL`` som ligger mer enn ``ISOLERT_DAGER`` dager etter
datoen foran, og alle senere, et brudd: de ville flyttet uttrekksdatoen og dermed rapportåret."""

RAPPORTAR_TABELLER: dict[str, int] = {
    "regnskap": 1,
    "tildeling": 1,
    "kapitalkontoer": 1,
    "mellomvaerende": 1,
    "arsverk": 1,
    "styringsparametere": 1,
    "kpi": 3,
    "vekttall": 3,
}
"""Tabellene rapportåret Y trenger, og hvor mange år til og med Y hver må ha: rader med
``ar`` lik året (``vekttall``: et intervall ``ar_fra``–``ar_til`` som dekker det). Uten dem
stopper et kapittel eller blir feil: regnskapskontrollene hopper over et år uten regnskap,
Note A blir 0 uten tildeling, styringsparameterne mangler, og produktivitetstabellene
(3.2.13) viser vekttall og KPI-justerte kroner for Y − 2 til Y."""
