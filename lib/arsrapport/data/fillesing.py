"""Lesingen av filene i uttrekket: CSV (UTF-8, komma, med radnummer for hver post, også når et
felt i anførselstegn har linjeskift) og xlsx, til rå tabeller med tekst. Brudd som gjelder
filen som helhet (tegnkoding, skilletegn, kontrolltegn, rader med for få felt), gis her; typene
og reglene kontrolleres i :mod:`arsrapport.innlesing` og :mod:`arsrapport.innlesing.kontroll`."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from arsrapport.data.brudd import Brudd, _tall, brudd_for_maske
from arsrapport.data.kontrakt import NULLUTFYLT, Tabell

_BOM = b"\xef\xbb\xbf"


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
