"""Norsk formatering av tall, prosenter, beløp, datoer og endringer.

All formatering går gjennom Babel med lokalet ``nb_NO`` og er dermed
uavhengig av maskinens lokale (``LANG``/``LC_ALL``). Valgene her gjelder hele
rapporten:

- Tusenskille er hardt mellomrom (U+00A0), desimaltegn er komma:
  ``7 029``, ``186,2``. Også firesifrede tall får tusenskille.
- Negative tall får ekte minustegn (U+2212, ``−12 112 653``), ikke bindestrek.
  Det er tegnet CLDR oppgir for ``nb``; Babel setter selv inn bindestrek, så
  fortegnet settes på her.
- Avrunding er «halvt opp» bort fra null (``ROUND_HALF_UP``): 5,5 → 6,
  −5,5 → −6, 2,45 → 2,5. Tallet gjøres om til ``Decimal`` via ``str(x)`` før
  avrunding, slik at 2,45 (som binært er 2,4500000000000001776…) behandles
  som 2,45 og ikke gir overraskelser. Babel får et ferdig avrundet tall og
  runder ikke selv (Babel runder ellers «halvt til partall»).
- Et tall som avrundes til null, vises uten fortegn (−0,04 → ``0,0``).
- Prosent skrives med hardt mellomrom før prosenttegnet: ``64,4 %``.
- Kroner skrives ``kr 1 033 463`` med hardt mellomrom etter «kr»;
  negative beløp ``kr −1 000``.
- Manglende verdier (``None``, NaN, ``pd.NA``, ``NaT``) og uendelige verdier gir
  ``ValueError`` med funksjonsnavnet i meldingen. Bare ``tall_eller_strek``
  godtar dem (og viser tankestrek).

Endringer (``endring``, ``endring_verb``, ``endring_tekst``, ``fra_til``):

- ``endring`` er eksakt, uten avrunding. Relativ endring regnes mot
  absoluttverdien av det gamle tallet, slik at fortegnet alltid følger
  retningen; den er ``None`` når det gamle tallet er 0.
- ``endring_tekst`` og ``fra_til`` avgjør retningen ut fra tallene *slik de
  vises*: blir den avrundede endringen null, står det «uendret», aldri
  «økte med 0 %».
- Prosentvis endring vises med hele prosent når den (avrundet til én
  desimal) er minst 10 %, ellers med én desimal: «økte med 31 %»,
  «gikk ned med 7,2 %». 9,96 % blir altså «10 %».
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from numbers import Real
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal, get_minus_sign_symbol

__all__ = [
    "LOKALE",
    "MINUS",
    "HARDT_MELLOMROM",
    "harde_mellomrom",
    "STREK",
    "Endring",
    "tall",
    "prosent",
    "prosent_ord",
    "kroner",
    "dager",
    "dato",
    "endring",
    "endring_verb",
    "endring_tekst",
    "fra_til",
    "tall_eller_strek",
]

LOKALE = "nb_NO"
#: Minustegnet for nb (U+2212), hentet fra Babel/CLDR.
MINUS = get_minus_sign_symbol(LOKALE)
#: Hardt mellomrom (U+00A0): tusenskille og mellom tall og enhet.
HARDT_MELLOMROM = "\u00a0"
#: Tankestrek (U+2013) for null eller manglende verdi i tabeller.
STREK = "\u2013"

_TUSENGRUPPE = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")
_ENHET_ETTER = re.compile(r"(?<=\d) (?=(?:%|pp|prosentpoeng)(?!\w))")
_KR_FOR = re.compile(r"(?<!\w)kr (?=[\d\u2212-])")

_PROSENTTEGN = Locale.parse(LOKALE).number_symbols["latn"]["percentSign"]
_HUNDRE = Decimal(100)


# --------------------------------------------------------------------------
# Hjelpefunksjoner
# --------------------------------------------------------------------------


def _mangler(x: Any) -> bool:
    """Sann for None, NaN, pd.NA og NaT (uten å kreve pandas)."""
    if x is None:
        return True
    try:
        return bool(x != x)  # NaN, NaT
    except TypeError:  # pd.NA: «x != x» gir pd.NA, som ikke kan bli bool
        return True


def _desimal(x: Any, funksjon: str) -> Decimal:
    """Gjør x om til en endelig Decimal, eller feiler med en tydelig melding."""
    if _mangler(x):
        raise ValueError(f"{funksjon}(): verdien mangler ({x!r})")
    if isinstance(x, (bool, str, bytes)) or not isinstance(x, (Real, Decimal)):
        # numpy-skalarer er registrert som Real; bool avvises bevisst.
        if type(x).__module__ == "numpy" and hasattr(x, "item"):
            return _desimal(x.item(), funksjon)
        raise TypeError(f"{funksjon}(): forventet et tall, fikk {type(x).__name__} ({x!r})")
    try:
        d = x if isinstance(x, Decimal) else Decimal(str(x))
    except (InvalidOperation, ValueError) as e:  # pragma: no cover - forsiktighet
        raise ValueError(f"{funksjon}(): kan ikke tolke {x!r} som tall") from e
    if not d.is_finite():
        raise ValueError(f"{funksjon}(): verdien er ikke endelig ({x!r})")
    return d


def _avrund(d: Decimal, desimaler: int) -> Decimal:
    """Avrund halvt opp (bort fra null) til `desimaler` desimaler; aldri −0."""
    if desimaler < 0:
        raise ValueError(f"desimaler må være 0 eller mer, fikk {desimaler}")
    q = d.quantize(Decimal(1).scaleb(-desimaler), rounding=ROUND_HALF_UP)
    return q.copy_abs() if q.is_zero() else q


def _skriv(q: Decimal, desimaler: int) -> str:
    """Formater et ferdig avrundet tall med Babel og sett på ekte minustegn."""
    mønster = "#,##0" + ("." + "0" * desimaler if desimaler else "")
    tekst = format_decimal(q.copy_abs(), format=mønster, locale=LOKALE)
    return (MINUS + tekst) if q < 0 else tekst


def _tall(d: Decimal, desimaler: int) -> str:
    return _skriv(_avrund(d, desimaler), desimaler)


def _prosent(andel: Decimal, desimaler: int) -> str:
    return _tall(andel * _HUNDRE, desimaler)


# --------------------------------------------------------------------------
# Tall og enheter
# --------------------------------------------------------------------------


def tall(x: Real | Decimal, desimaler: int = 0) -> str:
    """Tall med tusenskille og desimalkomma: ``tall(7029)`` → ``"7 029"``,
    ``tall(186.24, 1)`` → ``"186,2"``, ``tall(-12112653)`` → ``"−12 112 653"``."""
    return _tall(_desimal(x, "tall"), desimaler)


def prosent(andel: Real | Decimal, desimaler: int = 1) -> str:
    """Andel (0–1) som prosent med tegn: ``prosent(0.644)`` → ``"64,4 %"``."""
    d = _desimal(andel, "prosent")
    return _prosent(d, desimaler) + HARDT_MELLOMROM + _PROSENTTEGN


def prosent_ord(andel: Real | Decimal, desimaler: int = 1) -> str:
    """Andel (0–1) som prosent i løpende tekst: ``"17,6 prosent"``."""
    d = _desimal(andel, "prosent_ord")
    return _prosent(d, desimaler) + HARDT_MELLOMROM + "prosent"


def kroner(x: Real | Decimal, desimaler: int = 0) -> str:
    """Beløp i kroner: ``kroner(1033463)`` → ``"kr 1 033 463"``,
    negative beløp ``"kr −1 000"``."""
    return "kr" + HARDT_MELLOMROM + _tall(_desimal(x, "kroner"), desimaler)


def dager(x: Real | Decimal) -> str:
    """Antall dager avrundet til hele dager: ``"154 dager"``, ``"1 dag"``."""
    q = _avrund(_desimal(x, "dager"), 0)
    return _skriv(q, 0) + HARDT_MELLOMROM + ("dag" if abs(q) == 1 else "dager")


def dato(d: _dt.date | _dt.datetime | str | Any) -> str:
    """Dato som ``dd.mm.åååå``: ``"31.12.2023"``. Godtar ``date``,
    ``datetime``, ``pd.Timestamp``, ``numpy.datetime64`` og ISO-streng
    (``"2023-12-31"`` eller ``"2023-12-31T10:00"``); klokkeslett ignoreres."""
    if _mangler(d):
        raise ValueError(f"dato(): verdien mangler ({d!r})")
    if isinstance(d, str):
        try:
            d = _dt.datetime.fromisoformat(d.strip())
        except ValueError as e:
            raise ValueError(f"dato(): {d!r} er ikke en ISO-dato (åååå-mm-dd)") from e
    elif not isinstance(d, _dt.date) and type(d).__module__ == "numpy":
        import pandas as pd  # bare for numpy.datetime64

        d = pd.Timestamp(d)
        if _mangler(d):
            raise ValueError("dato(): verdien mangler (NaT)")
    if isinstance(d, _dt.datetime):  # også pd.Timestamp
        d = d.date()
    if not isinstance(d, _dt.date):
        raise TypeError(f"dato(): forventet en dato, fikk {type(d).__name__} ({d!r})")
    return format_date(d, "dd.MM.yyyy", locale=LOKALE)


def tall_eller_strek(x: Real | Decimal | None, desimaler: int = 0) -> str:
    """Til tabeller: tankestrek ``"–"`` (U+2013) når verdien er nøyaktig 0 eller
    mangler (None, NaN, pd.NA), ellers ``tall(x, desimaler)``. En verdi som ikke
    er 0 men avrundes til 0, vises som ``"0"``."""
    if _mangler(x):
        return STREK
    d = _desimal(x, "tall_eller_strek")
    return STREK if d.is_zero() else _tall(d, desimaler)


# --------------------------------------------------------------------------
# Endringer
# --------------------------------------------------------------------------

_ØKNING, _NEDGANG, _UENDRET = "økning", "nedgang", "uendret"
_VERB = {_ØKNING: "økte", _NEDGANG: "gikk ned", _UENDRET: "var uendret"}
_ENHETER_ENDRING = ("prosent", "antall", "dager", "prosentpoeng", "kroner")
_ENHETER_FRA_TIL = ("dager", "antall", "prosent", "kroner")


@dataclass(frozen=True)
class Endring:
    """Endring fra `gammel` til `ny`.

    relativ:  (ny − gammel) / |gammel| som andel (0,31 = 31 %); None når gammel er 0.
    absolutt: ny − gammel.
    retning:  "økning", "nedgang" eller "uendret" (eksakt, uten avrunding).
    """

    relativ: float | None
    absolutt: float
    retning: str


def _retning(d: Decimal) -> str:
    if d > 0:
        return _ØKNING
    if d < 0:
        return _NEDGANG
    return _UENDRET


def endring(ny: Real | Decimal, gammel: Real | Decimal) -> Endring:
    """Eksakt endring fra `gammel` til `ny`, se ``Endring``."""
    n, g = _desimal(ny, "endring"), _desimal(gammel, "endring")
    diff = n - g
    relativ = None if g.is_zero() else float(diff / g.copy_abs())
    return Endring(relativ=relativ, absolutt=float(diff), retning=_retning(diff))


def _vist_endring(ny: Any, gammel: Any, enhet: str, desimaler: int | None, funksjon: str):
    """Endringen slik den skal vises: (avrundet størrelse ≥ 0, desimaler, retning)."""
    if enhet not in _ENHETER_ENDRING:
        raise ValueError(f"{funksjon}(): ukjent enhet {enhet!r}; bruk en av {', '.join(_ENHETER_ENDRING)}")
    n, g = _desimal(ny, funksjon), _desimal(gammel, funksjon)
    diff = n - g
    if enhet == "prosent":
        if g.is_zero():
            if diff.is_zero():
                return Decimal(0), 0, _UENDRET
            raise ValueError(
                f"{funksjon}(): prosentvis endring er udefinert når gammel verdi er 0 "
                f"(ny = {ny!r}); bruk enhet='antall'"
            )
        størrelse = diff / g.copy_abs() * _HUNDRE
        if desimaler is None:
            desimaler = 0 if abs(_avrund(størrelse, 1)) >= 10 else 1
    elif enhet == "prosentpoeng":  # ny og gammel er andeler (0–1)
        størrelse = diff * _HUNDRE
        desimaler = 1 if desimaler is None else desimaler
    else:  # antall, dager, kroner
        størrelse = diff
        desimaler = 0 if desimaler is None else desimaler
    q = _avrund(størrelse, desimaler)
    return q.copy_abs(), desimaler, _retning(q)


def endring_verb(
    ny: Real | Decimal,
    gammel: Real | Decimal,
    enhet: str | None = None,
    desimaler: int | None = None,
) -> str:
    """«økte», «gikk ned» eller «var uendret».

    Uten `enhet` avgjøres retningen eksakt (som ``endring``). Med `enhet` (og
    eventuelt `desimaler`) avgjøres den som i ``endring_tekst``, slik at verbet
    stemmer med tallet som vises."""
    if enhet is None:
        return _VERB[endring(ny, gammel).retning]
    return _VERB[_vist_endring(ny, gammel, enhet, desimaler, "endring_verb")[2]]


def endring_tekst(
    ny: Real | Decimal,
    gammel: Real | Decimal,
    enhet: str = "prosent",
    desimaler: int | None = None,
) -> str:
    """Endring i løpende tekst.

    enhet="prosent":      «økte med 31 %», «gikk ned med 7,2 %» (hele prosent
                          når endringen er minst 10 %, ellers én desimal).
    enhet="antall":       «økte med 1 106».
    enhet="dager":        «gikk ned med 12 dager».
    enhet="prosentpoeng": ny/gammel er andeler: «økte med 2,1 prosentpoeng».
    enhet="kroner":       «økte med kr 12 000».
    Blir den avrundede endringen null: «var uendret». `desimaler` overstyrer
    standardvalget for enheten."""
    størrelse, des, retning = _vist_endring(ny, gammel, enhet, desimaler, "endring_tekst")
    if retning == _UENDRET:
        return _VERB[_UENDRET]
    tekst = _skriv(størrelse, des)
    if enhet == "prosent":
        tekst += HARDT_MELLOMROM + _PROSENTTEGN
    elif enhet == "prosentpoeng":
        tekst += HARDT_MELLOMROM + "prosentpoeng"
    elif enhet == "dager":
        tekst += HARDT_MELLOMROM + ("dag" if størrelse == 1 else "dager")
    elif enhet == "kroner":
        tekst = "kr" + HARDT_MELLOMROM + tekst
    return f"{_VERB[retning]} med {tekst}"


def fra_til(
    gammel: Real | Decimal,
    ny: Real | Decimal,
    enhet: str = "dager",
    desimaler: int | None = None,
) -> str:
    """«ned fra 166 til 154 dager», «opp fra 1 200 til 1 300», «uendret på 154 dager».

    Retningen avgjøres av de avrundede tallene slik de vises. Enheter:
    "dager" (hele dager; «dag» når det siste tallet er 1), "antall" (uten
    enhetsord), "prosent" (andeler 0–1, én desimal, «… prosent»), "kroner"
    («fra kr 1 000 til kr 1 200»). `desimaler` overstyrer standardvalget."""
    if enhet not in _ENHETER_FRA_TIL:
        raise ValueError(f"fra_til(): ukjent enhet {enhet!r}; bruk en av {', '.join(_ENHETER_FRA_TIL)}")
    g, n = _desimal(gammel, "fra_til"), _desimal(ny, "fra_til")
    if enhet == "prosent":
        g, n = g * _HUNDRE, n * _HUNDRE
        desimaler = 1 if desimaler is None else desimaler
    else:
        desimaler = 0 if desimaler is None else desimaler
    gq, nq = _avrund(g, desimaler), _avrund(n, desimaler)

    def vis(q: Decimal) -> str:
        t = _skriv(q, desimaler)
        return "kr" + HARDT_MELLOMROM + t if enhet == "kroner" else t

    if enhet == "dager":
        etter = HARDT_MELLOMROM + ("dag" if abs(nq) == 1 else "dager")
    elif enhet == "prosent":
        etter = HARDT_MELLOMROM + "prosent"
    else:
        etter = ""
    if gq == nq:
        return f"uendret på {vis(nq)}{etter}"
    retning = "opp" if nq > gq else "ned"
    return f"{retning} fra {vis(gq)} til {vis(nq)}{etter}"


def harde_mellomrom(tekst: str) -> str:
    """Fritekst (f.eks. en begrunnelse skrevet for hånd) med harde mellomrom der tallene i
    teksten ellers kunne blitt brutt over to linjer: mellom sifergruppene («245 686 285»),
    før % og pp og etter «kr», som i tallene :func:`tall` og :func:`prosent` lager."""
    tekst = _TUSENGRUPPE.sub(HARDT_MELLOMROM, tekst)
    tekst = _ENHET_ETTER.sub(HARDT_MELLOMROM, tekst)
    return _KR_FOR.sub("kr" + HARDT_MELLOMROM, tekst)
