"""Innlesing og kontroll av datauttrekket (docs/data-contract.md).

``les_uttrekk(katalog)`` leser alle tabellene i kontrakten (``NAVN.csv`` eller
``NAVN.xlsx``), kontrollerer dem mot :mod:`arsrapport.kontrakt` og
:mod:`arsrapport.kontroll`, og gir et :class:`Uttrekk` med typede DataFrames.
Finnes det brudd på kontrakten, samles *alle* bruddene i alle tabellene i én
:class:`Valideringsfeil`; ingenting returneres da.

Typer i resultatet (konvensjonen hele prosjektet bygger på):

=============  ===============================================================
``tekst``,     pandas' strengtype ``str`` (``pd.StringDtype(na_value=np.nan)``);
``enum``       **en tom verdi er ``NaN``** (test med ``.isna()``/``.notna()``,
               aldri med ``== ""``). Verdiene er ikke trimmet.
``dato``       ``datetime64[us]``, uten klokkeslett; tom = ``NaT``.
``tidspunkt``  ``datetime64[us]`` (lokal tid, uten tidssone); tom = ``NaT``.
``bool``       numpy ``bool``; tom = ``False``.
``heltall``    ``int64`` når kolonnen er påkrevd, ellers ``Int64`` (tom = ``<NA>``).
``desimal``,   ``float64``; tom = ``NaN``.
``belop``
=============  ===============================================================

Alle kolonnene i kontrakten finnes i resultatet, i kontraktens rekkefølge, også
de valgfrie kolonnene som manglet i filen (fylt med tomme verdier / ``False``).
Ukjente kolonner tas ikke med (de gir en advarsel). Radindeksen er 0, 1, 2 …;
rad *i* står i regnearkets rad *i* + 2 dersom filen ikke hadde tomme linjer (eller
rader med for få felt, som bare gir et brudd).

Alt arbeid per rad er vektorisert; bare de (høyst ``MAKS_PER_FEIL``) radene som
rapporteres for hver feiltype, behandles enkeltvis.

Det som vises av filens innhold i et brudd, er høyst én celle, kuttet til
``MAKS_VIST`` tegn og med kontrolltegn skrevet som ``\\x00``, ``\\n`` … (:func:`vis_tekst`,
brukt av :meth:`Brudd.__str__`), aldri en hel rad: radene har saks- og person-id.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from arsrapport.kontrakt import NULLUTFYLT, REGISTERSTART, TABELLER, UTTREKKSDATO_KOLONNER, Kolonne, Tabell

MAKS_PER_FEIL = 20
"""Høyst så mange rader rapporteres per (fil, kolonne, feiltype); resten oppsummeres."""

MAKS_VIST = 40
"""Høyst så mange tegn av en verdi (eller et kolonnenavn fra filen) vises i et brudd eller en advarsel."""

MAKS_MELDING = 1000
"""Høyst så mange tegn av selve meldingen i et brudd."""

TEKSTTYPE = "str"
"""pandas' strengtype (i pandas 3: ``StringDtype`` med ``NaN`` som manglende verdi)."""

DATOTYPE = "datetime64[us]"

_BOM = b"\xef\xbb\xbf"
_SANN = ("true", "ja", "1")
_USANN = ("false", "nei", "0")
_SANN_VARIANTER = frozenset(v for s in _SANN for v in (s, s.capitalize(), s.upper()))
_USANN_VARIANTER = frozenset(v for s in _USANN for v in (s, s.capitalize(), s.upper()))


# ------------------------------------------------------------------ brudd


@dataclass(frozen=True)
class Brudd:
    """Ett brudd på datakontrakten.

    ``rad`` teller som en regnearkbruker: overskriftsraden er rad 1, første
    datarad rad 2. ``rad``, ``kolonne`` og ``verdi`` er ``None`` der de ikke
    gjelder (f.eks. en manglende fil). ``verdi`` er verdien slik den sto i filen.
    """

    fil: str
    rad: int | None
    kolonne: str | None
    verdi: str | None
    melding: str

    def __str__(self) -> str:
        # Alt som kan komme fra filen, vises kuttet og med synlige kontrolltegn (vis_tekst).
        deler = [vis_tekst(self.fil, 200)]
        if self.rad is not None:
            deler.append(f"rad {self.rad}")
        if self.kolonne is not None:
            deler.append(f"kolonne {vis_tekst(self.kolonne)}")
        if self.verdi is not None:
            deler.append(f"verdi «{vis_tekst(self.verdi)}»")
        return f"{', '.join(deler)}: {vis_tekst(self.melding, MAKS_MELDING)}"


class Valideringsfeil(Exception):
    """Uttrekket bryter datakontrakten; ``.brudd`` holder alle bruddene."""

    def __init__(self, brudd: Sequence[Brudd], katalog: Path | str | None = None):
        self.brudd: list[Brudd] = list(brudd)
        self.katalog = Path(katalog) if katalog is not None else None
        super().__init__(str(self))

    def __str__(self) -> str:
        n = len(self.brudd)
        hvor = f" i {vis_tekst(str(self.katalog), 200)}" if self.katalog is not None else ""
        hode = f"Datauttrekket{hvor} bryter datakontrakten ({n} brudd):"
        return "\n".join([hode, *(f"  {b}" for b in self.brudd)])


class Rapportarfeil(Valideringsfeil):
    """Uttrekket dekker ikke rapportåret: ``.brudd`` sier hva som mangler for det, ``.dekket``
    er årene uttrekket dekker (se :func:`arsrapport.kontroll.kontroller_rapportar`)."""

    def __init__(self, ar: int, dekket: Sequence[int], brudd: Sequence[Brudd], katalog: Path | str | None = None):
        self.ar = ar
        self.dekket = list(dekket)
        super().__init__(brudd, katalog)

    def __str__(self) -> str:
        hvor = f" i {vis_tekst(str(self.katalog), 200)}" if self.katalog is not None else ""
        hode = (
            f"Rapportåret {self.ar} er utenfor årene uttrekket{hvor} dekker ({arstall(self.dekket) or 'ingen'}); "
            "ingenting er beregnet:"
        )
        return "\n".join([hode, *(f"  {b}" for b in self.brudd)])


def arstall(ar: Sequence[int]) -> str:
    """Årene som sammenhengende intervaller: «2019, 2021–2023» (tom tekst for ingen år)."""
    ar = sorted(set(int(a) for a in ar))
    deler: list[str] = []
    i = 0
    while i < len(ar):
        j = i
        while j + 1 < len(ar) and ar[j + 1] == ar[j] + 1:
            j += 1
        deler.append(str(ar[i]) if i == j else f"{ar[i]}–{ar[j]}")
        i = j + 1
    return ", ".join(deler)


def _tall(n: int) -> str:
    return f"{n:,}".replace(",", "\u00a0")


# Kontrolltegn (C0, DEL, C1), myke bindestreker, usynlige og retningsstyrende tegn og linje-
# og avsnittsskille: tegn som kan flytte markøren, fargelegge terminalen, snu teksten eller
# skjule hva som står i en celle.
_KONTROLLTEGN = re.compile(r"[\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]")
_ESCAPE = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(m: re.Match) -> str:
    c = m.group()
    return _ESCAPE.get(c) or (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")


def vis_tekst(tekst: str, maks: int = MAKS_VIST) -> str:
    """``tekst`` slik den kan skrives til en terminal eller en logg: høyst ``maks`` tegn (så
    «…»), og kontrolltegn (NUL, linjeskift, tabulator, ESC i ANSI-koder …) skrevet som
    ``\\x00``, ``\\n``, ``\\t``, ``\\x1b``. Det eneste stedet innhold fra filene kuttes og
    gjøres synlig; :meth:`Brudd.__str__` og advarslene bruker det."""
    tekst = str(tekst)
    kuttet = len(tekst) > maks
    if kuttet:
        tekst = tekst[:maks]
    return _KONTROLLTEGN.sub(_escape, tekst) + ("…" if kuttet else "")


def vis_verdi(v) -> str | None:
    """En verdi slik den vises i et brudd (``None`` for tomme verdier)."""
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, float) and np.isnan(v):
        return None
    if isinstance(v, (pd.Timestamp, dt.datetime)):
        if (v.hour, v.minute, v.second, v.microsecond) == (0, 0, 0, 0):
            return v.strftime("%Y-%m-%d")
        return v.strftime("%Y-%m-%dT%H:%M")
    if isinstance(v, (bool, np.bool_)):
        return "true" if v else "false"
    if isinstance(v, (float, np.floating)):
        return format(float(v), ".15g")
    return str(v)


def brudd_for_maske(
    fil: str,
    kolonne: str | None,
    maske,
    rader,
    verdier,
    melding: str | Callable[[int], str],
    *,
    sammendrag: str | None = None,
    maks: int = MAKS_PER_FEIL,
) -> list[Brudd]:
    """Brudd for radene der ``maske`` er sann, høyst ``maks`` pluss en oppsummering.

    ``rader`` og ``verdier`` er posisjonelle (samme lengde som ``maske``);
    ``verdier`` kan være ``None``. ``melding`` er en tekst eller en funksjon av
    posisjonen, som bare kalles for radene som rapporteres.
    """
    pos = np.flatnonzero(np.asarray(maske, dtype=bool))
    if len(pos) == 0:
        return []
    rader = np.asarray(rader)
    if verdier is not None and isinstance(verdier, pd.Series):
        verdier = verdier.to_numpy(dtype=object)
    ut = []
    for i in pos[:maks]:
        verdi = None if verdier is None else vis_verdi(verdier[i])
        tekst = melding(int(i)) if callable(melding) else melding
        ut.append(Brudd(fil, int(rader[i]), kolonne, verdi, tekst))
    if len(pos) > maks:
        kort = sammendrag or (melding if isinstance(melding, str) else "samme feil")
        ut.append(Brudd(fil, None, kolonne, None, f"… og {_tall(len(pos) - maks)} rader til med samme feil: {kort}"))
    return ut


# ------------------------------------------------------------------ uttrekket


class _Utsnitt(dict):
    """Tabellene et kapittel har meldt at det leser (:meth:`Uttrekk.utsnitt`); en annen
    tabell gir en feil i stedet for å bli lest i det stille, så hurtiglageret aldri gjenbruker
    et kapittel etter en endring i en tabell det ikke har meldt."""

    def __missing__(self, navn):
        raise KeyError(
            f"kapittelet har ikke meldt at det leser tabellen {navn!r} (Kapittel.data i arsrapport.kapitler)"
        )

    def get(self, navn, standard=None):
        return self[navn]


@dataclass
class Uttrekk:
    """Et innlest og kontrollert uttrekk: ``uttrekk.saker``, ``uttrekk.kpi`` …"""

    tabeller: dict[str, pd.DataFrame]
    advarsler: list[str] = field(default_factory=list)
    katalog: Path = field(default_factory=Path)
    filer: dict[str, str] = field(default_factory=dict)  # tabell -> filnavn («regnskap.xlsx»)

    def __getattr__(self, navn: str) -> pd.DataFrame:
        if navn.startswith("_") or navn in ("tabeller", "advarsler", "katalog", "filer"):
            raise AttributeError(navn)
        tabeller = self.__dict__.get("tabeller") or {}
        try:
            return tabeller[navn]
        except KeyError as feil:
            if isinstance(tabeller, _Utsnitt):
                raise AttributeError(feil.args[0]) from None
            raise AttributeError(f"uttrekket har ingen tabell {navn!r}") from None

    def __getitem__(self, navn: str) -> pd.DataFrame:
        return self.tabeller[navn]

    def __dir__(self):
        return sorted(set(super().__dir__()) | set(self.tabeller))

    def utsnitt(self, navn: tuple[str, ...] | list[str]) -> Uttrekk:
        """Et uttrekk med bare tabellene ``navn`` (de et kapittel har meldt at det leser);
        å slå opp en annen tabell gir en feil som sier det. Tabellene deles, ikke kopieres."""
        mangler = [n for n in navn if n not in self.tabeller]
        if mangler:
            raise KeyError(f"uttrekket har ingen tabell {mangler[0]!r}")
        return Uttrekk(
            tabeller=_Utsnitt({n: self.tabeller[n] for n in navn}),
            advarsler=list(self.advarsler),
            katalog=self.katalog,
            filer={n: f for n, f in self.filer.items() if n in navn},
        )

    def fil(self, tabell: str) -> str:
        """Filnavnet tabellen ble lest fra (``NAVN.csv`` hvis det ikke er kjent)."""
        return self.filer.get(tabell, f"{tabell}.csv")

    def uttrekksdato(self) -> pd.Timestamp:
        """Siste dato i uttrekket: mottatt/avsluttet for saker, mottatt/avgjort for UIV
        (``kontrakt.UTTREKKSDATO_KOLONNER``)."""
        kandidater = []
        for tabell, k in UTTREKKSDATO_KOLONNER:
            df = self.tabeller.get(tabell)
            if df is not None and k in df.columns:
                m = df[k].max()
                if pd.notna(m):
                    kandidater.append(pd.Timestamp(m))
        if not kandidater:
            raise ValueError("uttrekket har ingen datoer i saker eller uiv")
        return max(kandidater).normalize()

    def siste_hele_ar(self) -> int:
        """Siste år Y der 31.12.Y ligger strengt før uttrekksdatoen.

        Det er alltid året før uttrekksdatoens år: et uttrekk datert 2024-01-01
        gir 2023, et datert 2023-12-31 gir 2022 (31.12.2023 er ikke *før*).
        """
        return self.uttrekksdato().year - 1


# ------------------------------------------------------------------ lesing av filer


@dataclass
class _Raa:
    """En tabell slik den står i filen: tekst, tom = NaN, kolonner etter navn."""

    kolonner: list[str]  # navnene i overskriftsraden, i filens rekkefølge
    data: pd.DataFrame  # posisjonelle kolonner 0..n-1, object, NaN = tom
    rader: np.ndarray  # regnearkets radnummer for hver rad i data
    brudd: list[Brudd] = field(default_factory=list)  # rader som ikke kom med i data (f.eks. for få felt)


_BLOKK = 1 << 20


def _posisjoner(a: np.ndarray, byte: int) -> np.ndarray:
    """Posisjonene til ``byte`` i ``a``, blokkvis (raskere og mindre minne enn på hele filen)."""
    deler = [np.flatnonzero(a[s : s + _BLOKK] == byte) + s for s in range(0, len(a), _BLOKK)]
    return np.concatenate(deler) if deler else np.zeros(0, dtype=np.intp)


_GRENSE = np.zeros(256, dtype=bool)
_GRENSE[[44, 10, 13, 34]] = True  # komma, linjeskift, anførselstegn


def _anforselstegn(a: np.ndarray, data: bytes) -> tuple[np.ndarray | None, bool]:
    """Posisjonene til anførselstegnene (``None`` hvis ingen), og om de står slik RFC 4180
    krever: hvert åpnende tegn først i et felt, hvert lukkende sist i feltet (eller doblet).
    Bare da står et tegn utenfor anførselstegn når det står et partall anførselstegn foran det.
    """
    if data.find(b'"') < 0:
        return None, True
    anf = _posisjoner(a, 34)
    if len(anf) % 2:
        return anf, False
    apner, lukker = anf[0::2], anf[1::2]
    ok = _GRENSE[a[apner[apner > 0] - 1]].all() and _GRENSE[a[lukker[lukker < len(a) - 1] + 1]].all()
    return anf, bool(ok)


def _utenfor(pos: np.ndarray, anf: np.ndarray | None) -> np.ndarray:
    """De av ``pos`` som står utenfor anførselstegn (se :func:`_anforselstegn`)."""
    return pos if anf is None else pos[(np.searchsorted(anf, pos) & 1) == 0]


def _postslutter(a: np.ndarray, data: bytes, anf: np.ndarray | None) -> np.ndarray:
    """Posisjonen til linjeskiftet (``\\n``, eller ``\\r`` alene) som avslutter hver CSV-post.

    Et linjeskift inne i et felt i anførselstegn avslutter ikke posten. Den siste
    posten mangler her dersom filen ikke slutter med et linjeskift.
    """
    slutter = _posisjoner(a, 10)
    if data.find(b"\r") >= 0:
        cr = _posisjoner(a, 13)
        neste = np.minimum(cr + 1, len(a) - 1)
        alene = cr[(cr + 1 == len(a)) | (a[neste] != 10)]
        if len(alene):
            slutter = np.union1d(slutter, alene)
    return _utenfor(slutter, anf)


def _komma_for(a: np.ndarray, anf: np.ndarray | None, pos: np.ndarray) -> np.ndarray:
    """Antall skilletegn (komma utenfor anførselstegn) foran hver av de stigende posisjonene ``pos``."""
    ut = np.empty(len(pos), dtype=np.int64)
    totalt = 0
    for s in range(0, len(a), _BLOKK):
        komma = _utenfor(np.flatnonzero(a[s : s + _BLOKK] == 44) + s, anf)
        fra, til = np.searchsorted(pos, [s, s + _BLOKK])
        ut[fra:til] = totalt + np.searchsorted(komma, pos[fra:til])
        totalt += len(komma)
    ut[np.searchsorted(pos, len(a)) :] = totalt
    return ut


_MANGE_KANDIDATER = 10_000
"""Flere kandidater enn dette: tell feltene i alle postene vektorisert i stedet for én og én."""


def _felt_i_poster(data: bytes, poster: np.ndarray, antall_poster: int) -> np.ndarray | None:
    """Antall felt i CSV-postene nr. ``poster`` (stigende; 0 = overskriftsraden), talt i råteksten.

    Postene deles ved linjeskift utenfor anførselstegn, som pandas gjør; en tom linje
    er en post. Står anførselstegnene ikke som RFC 4180 krever (f.eks. ``5" skjerm``
    uten anførselstegn rundt feltet), eller stemmer ikke antall poster med de
    ``antall_poster`` pandas fant, leses hele filen med csv-modulen i stedet (tregere,
    men riktig). ``None`` dersom heller ikke det stemmer.
    """
    a = np.frombuffer(data, dtype=np.uint8)
    anf, ok = _anforselstegn(a, data)
    if ok:
        slutter = _postslutter(a, data, anf)
        if not (len(slutter) and slutter[-1] == len(data) - 1):
            slutter = np.append(slutter, len(data))  # siste post uten linjeskift
    if not ok or len(slutter) != antall_poster:
        try:
            alle = np.array([len(f) for f in csv.reader(io.StringIO(data.decode("utf-8"), newline=""))])
        except csv.Error:
            return None
        return alle[poster] if len(alle) == antall_poster else None
    if len(poster) > _MANGE_KANDIDATER:
        # Skilletegn foran slutten av hver post; en post starter like etter et linjeskift.
        foran = _komma_for(a, anf, slutter)
        return np.diff(foran, prepend=0)[poster] + 1
    starter = np.concatenate([[0], slutter[:-1] + 1])[poster]
    slutter = slutter[poster]
    ut = np.empty(len(poster), dtype=np.int64)
    for i, (s, e) in enumerate(zip(starter.tolist(), slutter.tolist())):
        if anf is None or data.find(b'"', s, e) < 0:
            ut[i] = data.count(b",", s, e) + 1
        else:  # komma utenfor anførselstegn, som i _komma_for (ingen lengdegrense som i csv-modulen)
            ut[i] = len(_utenfor(np.flatnonzero(a[s:e] == 44) + s, anf)) + 1
    return ut


def _korte_rader(data: bytes, df: pd.DataFrame, krav: int) -> tuple[np.ndarray, np.ndarray]:
    """Radene i ``df`` (posisjon; overskriften er 0) med færre enn ``krav`` felt, og antall felt i dem.

    pandas fyller en slik rad ut med tomme verdier bakerst. Bare rader der kolonne nr.
    ``krav`` er tom, kan være for korte, og bare de telles i råteksten; er den kolonnen
    alltid utfylt, koster kontrollen nesten ingenting.
    """
    ingen = (np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.int64))
    if krav <= 1 or len(df) <= 1:
        return ingen
    kand = np.flatnonzero(df[krav - 1].isna().to_numpy())
    kand = kand[kand > 0]
    if len(kand) == 0:
        return ingen
    felt = _felt_i_poster(data, kand, len(df))
    if felt is None:
        return ingen
    kort = felt < krav
    kand, felt = kand[kort], felt[kort]
    if len(kand):
        # En tom linje er ikke for kort, og pandas må ha fylt ut tomme verdier fra og
        # med felt nr. «felt» (ellers er tellingen feil, og raden tas ikke med).
        utfylt = df.iloc[kand].notna().to_numpy()
        ok = utfylt.any(axis=1) & ~(utfylt & (np.arange(df.shape[1]) >= felt[:, None])).any(axis=1)
        kand, felt = kand[ok], felt[ok]
    return kand, felt


_LINJE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")


def _csv_post(tekst: str, pos: int, start: int, rad: int) -> tuple[int, int, int] | None:
    """``(rad, start, slutt)`` for CSV-posten i ``tekst`` som inneholder tegn nr. ``pos``.

    Lesingen begynner i ``tekst[start]``, som må være starten på post nr. ``rad``.
    En post kan gå over flere linjer (et linjeskift i et felt i anførselstegn) og
    teller da som én rad, som hos pandas; en tom linje er en post. ``None`` når
    csv-modulen ikke kan lese en post foran den (f.eks. et felt over lengdegrensen):
    hvor den posten slutter, og dermed hvilken rad ``pos`` står i, er da ikke sikkert.
    """
    slutt = start

    def linjer():
        nonlocal slutt
        for m in _LINJE.finditer(tekst, start):
            if m.end() == m.start():
                return
            slutt = m.end()
            yield m.group()

    leser = csv.reader(linjer())
    while True:
        try:
            next(leser)
        except StopIteration:
            return rad, start, max(slutt, pos + 1)
        except csv.Error:  # posten kan ikke leses; står pos i den, er raden likevel kjent
            return (rad, start, slutt) if slutt > pos else None
        if slutt > pos:
            return rad, start, slutt
        start, rad = slutt, rad + 1


def _celle_ved(data: bytes, pos: int, koding: str) -> tuple[int | None, str | None, str | None]:
    """``(rad, kolonne, verdi)`` for cellen som byte nr. ``pos`` i CSV-filen står i.

    Posten (raden) finnes som i :func:`_felt_i_poster`, så en post som går over flere
    linjer, teller som én rad, som hos pandas. Posten leses med csv-modulen (tekst dekodet
    som ``koding``), slik at komma og anførselstegn inne i et felt i anførselstegn tolkes
    riktig. Kolonne og verdi er ``None`` når raden ikke har like mange felt som
    overskriftsraden (da er «feltet» kanskje flere celler, eller hele raden, og vises ikke)
    eller ikke kan leses; også raden er ``None`` når den ikke kan finnes (:func:`_csv_post`).
    """
    a = np.frombuffer(data, dtype=np.uint8)
    anf, ok = _anforselstegn(a, data)
    if ok:
        slutter = _postslutter(a, data, anf)
        i = int(np.searchsorted(slutter, pos))
        rad, start = i + 1, (int(slutter[i - 1]) + 1 if i else 0)
        slutt = int(slutter[i]) + 1 if i < len(slutter) else len(data)
        hodeslutt = int(slutter[0]) + 1 if len(slutter) else len(data)
    else:  # anførselstegn midt i felt: les fra begynnelsen med csv-modulen (én byte = ett tegn)
        tekst = data.decode("latin-1")
        post, hode = _csv_post(tekst, pos, 0, 1), _csv_post(tekst, 0, 0, 1)
        if post is None or hode is None:
            return None, None, None
        (rad, start, slutt), hodeslutt = post, hode[2]

    def les(b: bytes, koding: str = koding) -> list[str]:
        return next(csv.reader(io.StringIO(b.decode(koding, errors="replace"), newline="")), [])

    try:
        nr = max(len(les(data[start:pos]) or [""]) - 1, 0)  # feltet byten står i (et uavsluttet felt tas med)
        felt = les(data[start:slutt])
        navn = les(data[:hodeslutt], "utf-8")
    except csv.Error:  # f.eks. et felt over csv-modulens lengdegrense: bare raden
        return rad, None, None
    if rad == 1 or len(felt) != len(navn) or nr >= len(felt):
        return rad, None, None
    return rad, (navn[nr].strip() or None), felt[nr]


def _windows_1252(byte: int) -> str:
    """«(«ø» i Windows-1252)» for en byte som er en bokstav eller et tegn i Windows-1252."""
    try:
        tegn = bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return ""
    return f" («{tegn}» i Windows-1252)" if tegn.isprintable() else ""


_LAGRE_SOM_UTF8 = (
    "lagre den på nytt som UTF-8: i Excel Fil → Lagre som → «CSV UTF-8 (kommadelt) (*.csv)», "
    "eller lagre arket som Excel-arbeidsbok (.xlsx), som kontrakten også godtar"
)


def _tegnkodingsbrudd(fil: str, data: bytes, feil: UnicodeDecodeError) -> Brudd:
    """Bruddet for den første byten som ikke er gyldig UTF-8: rad, kolonne og cellen den står
    i (lest som Windows-1252), og hvor mange steder i filen det samme gjelder."""
    pos = feil.start
    rad, kolonne, verdi = _celle_ved(data, pos, "cp1252")
    byte = data[pos]
    steder = data.decode("utf-8", errors="replace").count("\ufffd")
    flere = f"; filen har {_tall(steder)} slike steder" if steder > 1 else ""
    return Brudd(
        fil,
        rad,
        kolonne,
        verdi,
        f"ugyldig tegnkoding: byte 0x{byte:02X}{_windows_1252(byte)} er ikke gyldig UTF-8{flere}. "
        f"Filen er trolig lagret som Windows-1252 (cp1252, «ANSI»), slik Excel gjør med «CSV (kommadelt)»; "
        + _LAGRE_SOM_UTF8,
    )


_UTF16_BOM = (b"\xff\xfe", b"\xfe\xff")


def _utf16brudd(fil: str, data: bytes) -> Brudd | None:
    """En fil lagret som UTF-16 (Excel: «Unicode-tekst»): byte-rekkefølgemerket først, eller
    annenhver byte er NUL i begynnelsen av filen."""
    start = data[:4096]
    if not (start.startswith(_UTF16_BOM) or (len(start) >= 4 and start.count(0) * 3 >= len(start))):
        return None
    return Brudd(
        fil,
        None,
        None,
        None,
        "filen er lagret som UTF-16 (i Excel «Unicode-tekst»), ikke UTF-8; " + _LAGRE_SOM_UTF8,
    )


_I_ANFORSELSTEGN = re.compile(rb'"[^"]*"')
_SKILLETEGN = {b";": "semikolon (;)", b"\t": "tabulator"}


def _skilletegnbrudd(fil: str, data: bytes) -> Brudd | None:
    """En fil skilt med semikolon eller tabulator i stedet for komma, funnet i råbytene (før
    dekodingen, så det gjelder også en fil som ikke er UTF-8): overskriftsraden, eller den
    første dataraden når overskriften er skilt med komma, har flere slike skilletegn enn
    komma. Én melding for hele filen; ingenting fra radene vises."""
    linjer = re.split(rb"\r\n|\r|\n", data[: 1 << 16], maxsplit=2)
    hode = _I_ANFORSELSTEGN.sub(b"", linjer[0])
    komma = hode.count(b",")
    for tegn, navn in _SKILLETEGN.items():
        n = hode.count(tegn)
        if n > komma:
            hvor, rad = f"overskriftsraden har {n + 1} felt skilt med {navn.split(' ')[0]}", 1
        elif len(linjer) > 2 and b'"' not in linjer[0]:  # første datarad (rad 2)
            forste = _I_ANFORSELSTEGN.sub(b"", linjer[1])
            if not (forste.count(b",") < komma <= forste.count(tegn)):
                continue
            hvor, rad = f"overskriftsraden er skilt med komma, men radene med {navn.split(' ')[0]}", 2
        else:
            continue
        try:
            data.decode("utf-8")
            koding = ""
        except UnicodeDecodeError:
            koding = " Filen er dessuten ikke UTF-8, men trolig Windows-1252 (cp1252)."
        return Brudd(
            fil,
            rad,
            None,
            None,
            f"filen er skilt med {navn}, ikke komma ({hvor}).{koding} Norsk Excel lagrer CSV slik; "
            "lagre heller arket som Excel-arbeidsbok (.xlsx, og fjern .csv-filen), eller sett "
            "listeskilletegnet til komma og lagre som «CSV UTF-8 (kommadelt) (*.csv)»",
        )
    return None


_KONTROLLBYTE = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ANDRE_BYTE = bytes(range(32, 127)) + bytes(range(128, 256)) + b"\t\n\r"  # alt annet enn kontrolltegnene


def _kontrolltegnbrudd(fil: str, data: bytes) -> Brudd | None:
    """Kontrolltegn (NUL, ESC …; ikke tabulator og linjeskift) hører ikke hjemme i et uttrekk:
    de kommer fra en ødelagt eksport og ville gått rett inn i teksten. Bruddet peker på det
    første, med antallet i filen."""
    n = len(data.translate(None, _ANDRE_BYTE))  # raskt (én gang over filen i C) når det er 0
    if n == 0:
        return None
    m = _KONTROLLBYTE.search(data)
    rad, kolonne, verdi = _celle_ved(data, m.start(), "utf-8")
    flere = f"; filen har {_tall(n)} kontrolltegn" if n > 1 else ""
    return Brudd(
        fil,
        rad,
        kolonne,
        verdi,
        f"{'feltet' if kolonne else 'raden' if rad is not None else 'filen'} har kontrolltegnet 0x{data[m.start()]:02X}{' (NUL)' if data[m.start()] == 0 else ''}{flere}; "
        "eksporten er trolig ødelagt",
    )


def _les_csv(sti: Path, fil: str) -> _Raa | list[Brudd]:
    data = sti.read_bytes()
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    if not data[:4096].strip() and not data.strip():
        return [Brudd(fil, None, None, None, "filen er tom (ingen overskriftsrad)")]
    # Filen som helhet før innholdet: UTF-16, skilletegn, tegnkoding. En fil som ikke kan
    # leses riktig, gir ett brudd, ikke ett per rad, og ingenting fra radene vises.
    feil = _utf16brudd(fil, data) or _skilletegnbrudd(fil, data)
    if feil:
        return [feil]
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        return [_tegnkodingsbrudd(fil, data, e)]
    kontrolltegn = _kontrolltegnbrudd(fil, data)
    try:
        df = pd.read_csv(
            io.BytesIO(data),
            header=None,
            dtype=object,
            keep_default_na=False,
            na_values=[""],
            skip_blank_lines=False,
            encoding="utf-8",
        )
    except pd.errors.ParserError as e:
        m = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(e))
        forst = [kontrolltegn] if kontrolltegn else []
        if m:
            forventet, rad, fant = (int(x) for x in m.groups())
            return forst + [
                Brudd(
                    fil,
                    rad,
                    None,
                    None,
                    f"raden har {fant} felt, men overskriftsraden har {forventet} (sjekk kommaer og anførselstegn)",
                )
            ]
        return forst + [Brudd(fil, None, None, None, f"filen kan ikke leses som CSV: {e}")]
    except pd.errors.EmptyDataError:
        return [Brudd(fil, None, None, None, "filen er tom (ingen overskriftsrad)")]
    kolonner = ["" if pd.isna(v) else str(v).strip() for v in df.iloc[0].tolist()]
    if len(kolonner) == 1 and ";" in kolonner[0]:  # overskrift i anførselstegn: «"ar;indeks"»
        return [Brudd(fil, 1, None, None, "overskriftsraden er skilt med semikolon; kontrakten krever komma")]
    kropp = df.iloc[1:]
    rader = kropp.index.to_numpy() + 1
    # En rad med for få felt fyller pandas ut bakerst; kolonnene etter feltet som
    # mangler, er da forskjøvet. Den raden gir ett brudd og kontrolleres ikke videre.
    # Tomme kolonner uten navn bakerst i overskriftsraden kreves ikke.
    krav = max((j + 1 for j, navn in enumerate(kolonner) if navn), default=0)
    kort, felt = _korte_rader(data, df, krav)
    brudd: list[Brudd] = [kontrolltegn] if kontrolltegn else []
    if len(kort):
        maske = np.zeros(len(kropp), dtype=bool)
        maske[kort - 1] = True
        antall = dict(zip((kort - 1).tolist(), felt.tolist()))
        brudd += brudd_for_maske(
            fil,
            None,
            maske,
            rader,
            None,
            lambda i: (
                f"raden har {antall[i]} felt, men overskriftsraden har {len(kolonner)} (sjekk kommaer og anførselstegn)"
            ),
            sammendrag="raden har for få felt",
        )
        kropp, rader = kropp.loc[~maske], rader[~maske]
    return _uten_tomme_rader(_Raa(kolonner, kropp.reset_index(drop=True), rader, brudd))


def _uten_tomme_rader(raa: _Raa) -> _Raa:
    d = raa.data
    if d.shape[1] == 0 or len(d) == 0:
        return raa
    kandidat = d[0].isna().to_numpy()
    if not kandidat.any():
        return raa
    tom = np.zeros(len(d), dtype=bool)
    tom[kandidat] = d.loc[kandidat].isna().all(axis=1).to_numpy()
    if not tom.any():
        return raa
    return _Raa(raa.kolonner, d.loc[~tom].reset_index(drop=True), raa.rader[~tom], raa.brudd)


def _celle(v, type: str):
    """En Excel-celle som tekst (samme form som i CSV), ``None`` for tom."""
    if v is None:
        return None
    if isinstance(v, str):
        return v if v != "" else None
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if v.is_integer() and abs(v) < 1e15:
            return str(int(v))
        return format(v, ".15g")
    if isinstance(v, dt.datetime):
        if type == "dato":
            return v.strftime("%Y-%m-%d")
        if type == "tidspunkt":
            return v.strftime("%Y-%m-%dT%H:%M")
        if (v.hour, v.minute, v.second, v.microsecond) == (0, 0, 0, 0):
            return v.strftime("%Y-%m-%d")
        return v.isoformat()
    if isinstance(v, (dt.date, dt.time)):
        return v.isoformat()
    return str(v)


def _les_xlsx(sti: Path, fil: str, tabell: Tabell) -> _Raa | list[Brudd]:
    import openpyxl

    if sti.stat().st_size == 0:
        return [Brudd(fil, None, None, None, "filen er tom (0 byte)")]
    try:
        bok = openpyxl.load_workbook(sti, read_only=True, data_only=True)
    except Exception as e:  # zipfile.BadZipFile, KeyError, InvalidFileException …
        return [Brudd(fil, None, None, None, f"filen kan ikke leses som Excel-arbeidsbok (.xlsx): {e}")]
    try:
        ark = bok.worksheets[0]
        ark.reset_dimensions()
        rader = list(ark.iter_rows(values_only=True))
    finally:
        bok.close()
    if not rader or all(v is None for v in rader[0]):
        return [Brudd(fil, None, None, None, "første ark er tomt (ingen overskriftsrad i rad 1)")]
    kolonner = [("" if v is None else str(v).strip()) for v in rader[0]]
    bredde = max(len(r) for r in rader)
    kolonner += [""] * (bredde - len(kolonner))
    typer = []
    for navn in kolonner:
        try:
            typer.append(tabell.kolonne(navn).type)
        except KeyError:
            typer.append("tekst")
    kropp = rader[1:]
    celler = [[_celle(r[j] if j < len(r) else None, typer[j]) for r in kropp] for j in range(bredde)]
    # Excel gjør kapittel «0491» og post «01» til tallene 491 og 1 når cellen er formatert som
    # tall (slik økonomisystemene ofte eksporterer); et heltall fylles ut med nuller foran
    for j, navn in enumerate(kolonner):
        bredde_kode = NULLUTFYLT.get((tabell.navn, navn))
        if bredde_kode:
            celler[j] = [
                c.zfill(bredde_kode)
                if isinstance(r[j] if j < len(r) else None, (int, float))
                and not isinstance(r[j], bool)
                and c is not None
                and c.isdigit()
                and len(c) < bredde_kode
                else c
                for r, c in zip(kropp, celler[j])
            ]
    data = pd.DataFrame({j: pd.Series(c, dtype=object) for j, c in enumerate(celler)}, index=pd.RangeIndex(len(kropp)))
    data = data.where(data.notna(), np.nan)
    return _uten_tomme_rader(_Raa(kolonner, data, np.arange(2, len(kropp) + 2)))


# ------------------------------------------------------------------ typing


# Omformerne arbeider på de *ulike* verdiene i en kolonne (``pd.factorize``),
# ikke på hver rad: en datokolonne med en million rader har bare noen tusen
# ulike datoer. De får verdiene uten mellomrom foran/bak og gir (typede verdier,
# feilkode per verdi), der feilkode 0 er gyldig og andre koder slås opp i
# ``_FEILMELDINGER``.

_HELTALL = r"[+-]?\d+"
_BELOP = r"[+-]?\d+(?:\.\d{1,2})?"
_FOR_MANGE_DESIMALER = r"[+-]?\d+\.\d{3,}"

_FEILMELDINGER: dict[str, dict[int, str]] = {
    "enum": {1: "ukjent verdi (lovlige verdier: {verdier})"},
    "dato": {1: "ugyldig dato (forventet ÅÅÅÅ-MM-DD)"},
    "tidspunkt": {1: "ugyldig tidspunkt (forventet ÅÅÅÅ-MM-DDTtt:mm)"},
    "bool": {1: "ugyldig sannhetsverdi (forventet true/false, ja/nei eller 1/0)"},
    "heltall": {1: "ugyldig heltall"},
    "desimal": {1: "ugyldig desimaltall (bruk punktum som desimaltegn)"},
    "belop": {
        1: "beløp med mer enn to desimaler",
        2: "ugyldig beløp (forventet kroner med punktum som desimaltegn, f.eks. 1234.50)",
    },
}


def _feilkode(ok: np.ndarray, kode: int = 1) -> np.ndarray:
    return np.where(ok, 0, kode).astype(np.int8)


def _konv_enum(u: pd.Series, k: Kolonne):
    ok = u.isin(k.verdier).to_numpy()
    return u.where(ok).to_numpy(dtype=object), _feilkode(ok)


def _konv_dato(u: pd.Series, k: Kolonne):
    if k.type == "dato":
        formater, lengde = ("%Y-%m-%d",), 10
    else:
        formater, lengde = ("%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"), None
    ut = pd.to_datetime(u, format=formater[0], errors="coerce").astype(DATOTYPE)
    for f in formater[1:]:
        mangler = ut.isna()
        if mangler.any():
            ut[mangler] = pd.to_datetime(u[mangler], format=f, errors="coerce").astype(DATOTYPE)
    ok = ut.notna().to_numpy()
    if lengde is not None:
        ok = ok & (u.str.len() == lengde).to_numpy()
    verdier = ut.to_numpy(dtype=DATOTYPE).copy()
    verdier[~ok] = np.datetime64("NaT")
    return verdier, _feilkode(ok)


def _konv_bool(u: pd.Series, k: Kolonne):
    liten = u.str.lower()
    sann = liten.isin(_SANN).to_numpy()
    ok = sann | liten.isin(_USANN).to_numpy()
    return sann, _feilkode(ok)


def _konv_tall(u: pd.Series, k: Kolonne):
    tall = pd.to_numeric(u, errors="coerce").astype("float64").to_numpy().copy()
    ok = np.isfinite(tall)
    if k.type == "heltall":
        ok &= u.str.fullmatch(_HELTALL).to_numpy(dtype=bool)
    kode = _feilkode(ok)
    if k.type == "belop":
        ok &= u.str.fullmatch(_BELOP).to_numpy(dtype=bool)
        for_mange = u.str.fullmatch(_FOR_MANGE_DESIMALER).to_numpy(dtype=bool)
        kode = np.where(ok, 0, np.where(for_mange, 1, 2)).astype(np.int8)
    tall[~ok] = np.nan
    return tall, kode


_OMFORMERE = {
    "enum": (_konv_enum, np.array([np.nan], dtype=object)),
    "dato": (_konv_dato, np.array(["NaT"], dtype=DATOTYPE)),
    "tidspunkt": (_konv_dato, np.array(["NaT"], dtype=DATOTYPE)),
    "bool": (_konv_bool, np.array([False])),
    "heltall": (_konv_tall, np.array([np.nan])),
    "desimal": (_konv_tall, np.array([np.nan])),
    "belop": (_konv_tall, np.array([np.nan])),
}


def _tom_kolonne(k: Kolonne, n: int) -> pd.Series:
    idx = pd.RangeIndex(n)
    if k.type in ("tekst", "enum"):
        return pd.Series(np.full(n, np.nan, dtype=object), index=idx).astype(TEKSTTYPE)
    if k.type in ("dato", "tidspunkt"):
        return pd.Series(pd.NaT, index=idx, dtype=DATOTYPE)
    if k.type == "bool":
        return pd.Series(np.zeros(n, dtype=bool), index=idx)
    if k.type == "heltall":
        return pd.Series(pd.NA, index=idx, dtype="Int64")
    return pd.Series(np.full(n, np.nan), index=idx, dtype="float64")


class _Tabellkontroll:
    """Typer og kontrollerer én tabell; samler brudd og advarsler."""

    def __init__(self, tabell: Tabell, fil: str, raa: _Raa, i_dag: dt.date):
        self.tabell = tabell
        self.fil = fil
        self.raa = raa
        self.i_dag = i_dag
        self.brudd: list[Brudd] = []
        self.advarsler: list[str] = []
        n = len(raa.data)
        self.n = n
        self.feilrad = np.zeros(n, dtype=bool)
        self.mangler_pakrevd = False

    def _brudd(self, kolonne, maske, verdier, melding, **kw):
        self.brudd += brudd_for_maske(self.fil, kolonne, maske, self.raa.rader, verdier, melding, **kw)
        self.feilrad |= np.asarray(maske, dtype=bool)

    def kjor(self) -> pd.DataFrame:
        tabell, raa, fil = self.tabell, self.raa, self.fil
        # overskriftsraden
        posisjon: dict[str, int] = {}
        for j, navn in enumerate(raa.kolonner):
            if navn == "":
                if raa.data[j].notna().any():
                    self.advarsler.append(f"{fil}: kolonne nr. {j + 1} har ikke noe navn og blir ignorert")
                continue
            if navn in posisjon:
                self.brudd.append(Brudd(fil, 1, navn, None, "kolonnen står flere ganger i overskriftsraden"))
                continue
            posisjon[navn] = j
        kjente = set(tabell.kolonnenavn)
        for navn in posisjon:
            if navn not in kjente:
                self.advarsler.append(f"{fil}: ukjent kolonne «{vis_tekst(navn)}» blir ignorert")
        for k in tabell.kolonner:
            if k.pakrevd and k.navn not in posisjon:
                self.mangler_pakrevd = True
                self.brudd.append(Brudd(fil, 1, k.navn, None, "påkrevd kolonne mangler i overskriftsraden"))
        self.brudd += raa.brudd
        if tabell.krever_rader and self.n == 0 and not raa.brudd:
            self.brudd.append(
                Brudd(
                    fil,
                    None,
                    None,
                    None,
                    "tabellen har ingen datarader (bare overskriftsraden); den må ha minst én rad",
                )
            )

        ut = {}
        for k in tabell.kolonner:
            if k.navn in posisjon:
                ut[k.navn] = self._kolonne(k, raa.data[posisjon[k.navn]])
            else:
                ut[k.navn] = _tom_kolonne(k, self.n)
        df = pd.DataFrame(ut, index=pd.RangeIndex(self.n))
        self._kryss(df)
        return df

    def _kolonne(self, k: Kolonne, s: pd.Series) -> pd.Series:
        raa_verdier = s.to_numpy(dtype=object)
        mangler_melding = "verdi mangler (kolonnen er påkrevd)"
        if k.type == "tekst":
            if k.pakrevd:
                self._brudd(k.navn, s.isna().to_numpy(), None, mangler_melding)
            verdi = s.astype(TEKSTTYPE)
        else:
            # Koder per rad (-1 = tom) og de ulike verdiene, uten mellomrom rundt.
            koder, ulike = pd.factorize(raa_verdier)
            u = pd.Series(ulike, dtype=object).str.strip()
            blank = (u == "").to_numpy()
            if blank.any():  # bare mellomrom regnes som tom
                koder = np.where(np.append(blank, True)[koder], -1, koder)
                u = u.where(~blank, "-")
            if k.pakrevd:
                self._brudd(k.navn, koder < 0, None, mangler_melding)
            omformer, fyll = _OMFORMERE[k.type]
            verdier_u, feilkode_u = omformer(u, k)
            feilkode = np.append(feilkode_u, np.int8(0))[koder]
            for kode, melding in _FEILMELDINGER[k.type].items():
                if k.verdier is not None:
                    melding = melding.format(verdier=", ".join(k.verdier))
                self._brudd(k.navn, feilkode == kode, raa_verdier, melding)
            full = np.concatenate([verdier_u, fyll])[koder]
            if k.type == "enum":
                verdi = pd.Series(full, dtype=object).astype(TEKSTTYPE)
            elif k.type == "heltall":
                tall = pd.Series(full, dtype="float64")
                verdi = tall.astype("int64") if k.pakrevd and not np.isnan(full).any() else tall.astype("Int64")
            else:
                verdi = pd.Series(full)
        verdi.index = pd.RangeIndex(self.n)

        if k.type in ("dato", "tidspunkt"):
            self._datoer(k, verdi, raa_verdier)
        if k.ikke_negativ or k.positiv:
            tall = verdi.to_numpy(dtype=float, na_value=np.nan)
            if k.positiv:
                self._brudd(k.navn, tall <= 0, raa_verdier, "må være større enn 0")
            else:
                self._brudd(k.navn, tall < 0, raa_verdier, "negativ verdi er ikke lov")
        if k.unik:
            self._unik(k.navn, s, raa_verdier)
        return verdi

    def _datoer(self, k: Kolonne, verdi: pd.Series, raa_verdier: np.ndarray) -> None:
        """En dato etter dagens dato er et brudd (unntatt frister, ``Kolonne.fremtidig``); en dato
        før UNE ble opprettet (``kontrakt.REGISTERSTART``) gir en advarsel med antallet rader."""
        if not k.fremtidig:
            i_morgen = np.datetime64(self.i_dag + dt.timedelta(days=1), "us")
            etter = (verdi >= i_morgen).to_numpy(dtype=bool)
            hva = "datoen" if k.type == "dato" else "tidspunktet"
            self._brudd(
                k.navn,
                etter,
                raa_verdier,
                f"{hva} er etter dagens dato ({self.i_dag:%Y-%m-%d}) og kan ikke ha skjedd ennå (sjekk årstallet)",
                sammendrag="dato etter dagens dato",
            )
        for_start = (verdi < np.datetime64(REGISTERSTART, "us")).to_numpy(dtype=bool)
        n = int(for_start.sum())
        if n:
            rader = "1 rad" if n == 1 else f"{_tall(n)} rader"
            self.advarsler.append(
                f"{self.fil}: {rader} har {k.navn} før {REGISTERSTART:%d.%m.%Y}, da UNE ble opprettet; sjekk datoene"
            )

    def _unik(self, navn: str, s: pd.Series, raa_verdier: np.ndarray) -> None:
        utfylt = s.notna()
        dup = (s.duplicated(keep="first") & utfylt).to_numpy()
        if not dup.any():
            return
        vis = np.flatnonzero(dup)[:MAKS_PER_FEIL]
        verdier = s.iloc[vis]
        forste_maske = (s.isin(verdier) & ~s.duplicated(keep="first")).to_numpy()
        forste = dict(zip(s[forste_maske], self.raa.rader[forste_maske]))

        def melding(i: int) -> str:
            return f"verdien finnes allerede i rad {forste[s.iloc[i]]} (kolonnen skal ha unike verdier)"

        self._brudd(navn, dup, raa_verdier, melding, sammendrag="duplikat")

    def _kryss(self, df: pd.DataFrame) -> None:
        from arsrapport import kontroll

        regler = kontroll.KONTROLLER.get(self.tabell.navn, ())
        if not regler or self.mangler_pakrevd or self.n == 0:
            return
        rader = pd.Series(self.raa.rader, index=df.index)
        if self.feilrad.any():
            ok = ~self.feilrad
            df, rader = df.loc[ok], rader.loc[ok]
        nye: list[Brudd] = []
        for regel in regler:
            nye += regel(df, rader, fil=self.fil)
        self.brudd += nye
        # rader med brudd er ikke med i reglene på tvers av tabeller (ingen følgefeil)
        feil = {b.rad for b in nye if b.rad is not None}
        if feil:
            self.feilrad |= np.isin(np.asarray(self.raa.rader), list(feil))


# ------------------------------------------------------------------ hele uttrekket


def _finn_filer(katalog: Path) -> tuple[dict[str, Path], list[Brudd], list[str]]:
    filer: dict[str, Path] = {}
    brudd: list[Brudd] = []
    advarsler: list[str] = []
    for navn in TABELLER:
        csv_ = katalog / f"{navn}.csv"
        xlsx = katalog / f"{navn}.xlsx"
        if csv_.is_file() and xlsx.is_file():
            brudd.append(
                Brudd(f"{navn}.csv", None, None, None, f"både {navn}.csv og {navn}.xlsx finnes; behold bare én av dem")
            )
        elif csv_.is_file():
            filer[navn] = csv_
        elif xlsx.is_file():
            filer[navn] = xlsx
        else:
            brudd.append(
                Brudd(f"{navn}.csv", None, None, None, f"filen mangler (verken {navn}.csv eller {navn}.xlsx finnes)")
            )
    for sti in sorted(katalog.iterdir()):
        if sti.suffix.lower() in (".csv", ".xlsx") and not sti.name.startswith("~$") and sti.stem not in TABELLER:
            advarsler.append(f"{vis_tekst(sti.name, 200)}: filen er ikke en tabell i datakontrakten og blir ignorert")
    return filer, brudd, advarsler


def _les_og_kontroller(
    katalog: Path, i_dag: dt.date | None = None, filnavn: dict[str, str] | None = None
) -> tuple[dict[str, pd.DataFrame], list[Brudd], list[str]]:
    katalog = Path(katalog)
    i_dag = i_dag or dt.date.today()
    if not katalog.is_dir():
        return {}, [Brudd(str(katalog), None, None, None, "datakatalogen finnes ikke")], []
    filer, brudd, advarsler = _finn_filer(katalog)
    tabeller: dict[str, pd.DataFrame] = {}
    gode: dict[str, pd.DataFrame] = {}  # radene uten brudd, til reglene på tvers av tabeller
    radnr: dict[str, pd.Series] = {}
    filnavn = {} if filnavn is None else filnavn  # tabell -> fil, for kalleren og reglene på tvers
    for navn, sti in filer.items():
        tabell = TABELLER[navn]
        fil = sti.name
        if sti.stat().st_size == 0:
            brudd.append(Brudd(fil, None, None, None, "filen er tom (0 byte)"))
            continue
        raa = _les_csv(sti, fil) if sti.suffix == ".csv" else _les_xlsx(sti, fil, tabell)
        if isinstance(raa, list):
            brudd += raa
            continue
        kontroll = _Tabellkontroll(tabell, fil, raa, i_dag)
        tabeller[navn] = kontroll.kjor()
        brudd += kontroll.brudd
        advarsler += kontroll.advarsler
        # en referansetabell med brudd (f.eks. et overlappende kontointervall) gir ingen
        # følgefeil i tabellene som slås opp i den; de andre tabellene bidrar med feilfrie rader
        if not kontroll.mangler_pakrevd and not (tabell.gruppe == "referanse" and kontroll.brudd):
            ok = ~kontroll.feilrad
            gode[navn] = tabeller[navn].loc[ok]
            radnr[navn] = pd.Series(np.asarray(raa.rader), index=tabeller[navn].index).loc[ok]
        filnavn[navn] = fil
    from arsrapport import kontroll as regler

    for regel in regler.KRYSSKONTROLLER:
        brudd += regel(gode, radnr, filnavn, alle=tabeller)
    for regel in regler.KRYSSADVARSLER:
        advarsler += regel(gode, radnr, filnavn, alle=tabeller)
    return tabeller, brudd, advarsler


def valider(katalog: Path | str, *, i_dag: dt.date | None = None) -> tuple[list[Brudd], list[str]]:
    """Alle brudd og advarsler for uttrekket i ``katalog``, uten å kaste unntak.

    ``i_dag`` (standard: dagens dato) er grensen for datoer som ikke kan ligge fram i tid."""
    _, brudd, advarsler = _les_og_kontroller(Path(katalog), i_dag)
    return brudd, advarsler


def les_uttrekk(katalog: Path | str, *, i_dag: dt.date | None = None) -> Uttrekk:
    """Les og kontroller uttrekket i ``katalog``.

    Kaster :class:`Valideringsfeil` med alle bruddene dersom uttrekket bryter
    datakontrakten.
    """
    katalog = Path(katalog)
    filer: dict[str, str] = {}
    tabeller, brudd, advarsler = _les_og_kontroller(katalog, i_dag, filer)
    if brudd:
        raise Valideringsfeil(brudd, katalog)
    return Uttrekk(tabeller=tabeller, advarsler=advarsler, katalog=katalog, filer=filer)
