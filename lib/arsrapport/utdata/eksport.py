"""Maskinlesbare utdata fra en bygging: ``figures.json`` og tabellene som xlsx.

Begge filene er deterministiske: samme inndata gir byte-identiske filer, slik
at to bygginger fra samme uttrekk kan sammenlignes direkte.

``figures.json`` (se ``docs/figures.md``)
    ``{"2023": {"<figur-id>": <tall>, ...}, ...}`` med år og id-er sortert,
    ``json.dumps(..., ensure_ascii=False, indent=1, sort_keys=True)`` og
    avsluttende linjeskift. numpy-skalarer blir ``int``/``float``, ``bool``
    blir 1/0 (``sp1.oppnadd``), ``Decimal`` blir ``float``. NaN, uendelig og
    manglende verdier avvises med ``ValueError`` som nevner år og id.

Tabeller som xlsx
    Ett ark per tabell, med nøkkelen som arknavn. Øverst titlene (fete, én per
    rad) og kildelinjen (kursiv) når de er gitt, en tom rad etter kildelinjen,
    deretter overskriftsraden (fet) og dataene; uten tittel og kilde står
    overskriftene i rad 1. Et navngitt indeks skrives som vanlige kolonner
    først, et unavngitt indeks utelates. Tall forblir tall, manglende verdier
    blir tomme celler, og tekst blir aldri tolket som formel. Kolonnebredden
    settes etter innholdet i tabellen, og rutene fryses under overskriftene.
    En kolonne kan gjøres til lenker til andre ark (innholdsarket).

    Tallene vises med norske tallformater (``TALLFORMATER``): Excel bruker
    tusenskillet og desimaltegnet i brukerens lokale, så i norsk Excel står
    «7 029», «186,2» og «64,4 %»; negative tall får ekte minustegn (−) som i
    boka. Formatet per celle velges av ``formater`` for arket (se
    :mod:`arsrapport.utdata.regneark`), ellers etter overskriften
    (:func:`format_etter_overskrift`) og verdien (heltall med tusenskille,
    andre tall med én til tre desimaler).

    Arbeidsbokens opprettet/endret-tidspunkt og tidsstemplene i zip-arkivet
    settes til 2000-01-01, så filen blir byte-identisk fra bygging til bygging.
"""

from __future__ import annotations

import datetime as _dt
import io
import json
import math
import re
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from numbers import Integral, Real
from pathlib import Path
from typing import Any
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.xml.functions import tostring

__all__ = [
    "FAST_TIDSPUNKT",
    "TALLFORMATER",
    "format_etter_overskrift",
    "format_etter_verdi",
    "skriv_figures_json",
    "skriv_tabeller_xlsx",
]

#: Fast tidspunkt for arbeidsbokens egenskaper og zip-oppføringene.
FAST_TIDSPUNKT = _dt.datetime(2000, 1, 1)

_FIGUR_ID = re.compile(r"[a-z0-9_]+(\.[a-z0-9_]+)*")
_MAKS_ARKNAVN = 31
_ULOVLIG_I_ARKNAVN = re.compile(r"[\\/*?:\[\]]")
_MAKS_BREDDE = 60
_MIN_BREDDE = 6
_KJERNE_XML = "docProps/core.xml"

_MINUS = '"\u2212"'  # ekte minustegn, som i boka (formatering.MINUS)

#: Norske tallformater (Excel-formatkoder) etter hva tallet er. Komma og punktum i koden er
#: Excels plassholdere for tusenskille og desimaltegn; norsk Excel viser mellomrom og komma.
TALLFORMATER = {
    "antall": f"#,##0;{_MINUS}#,##0",
    "kroner": f"#,##0;{_MINUS}#,##0",
    "dager": f"#,##0;{_MINUS}#,##0",  # hele dager, som i boka
    "andel": f"0.0 %;{_MINUS}0.0 %",  # andeler som prosent med én desimal: 64,4 %
    "endring": f"0.0 %;{_MINUS}0.0 %",
    "desimal": f"#,##0.0;{_MINUS}#,##0.0",  # årsverk, vekttall: 203,9
    "tusendeler": f"#,##0.000;{_MINUS}#,##0.000",  # vekter: 0,309
    "aarstall": "0",  # 2023, ikke 2 023
    "generelt": "General",  # Excels standard: så mange desimaler som trengs (toleranser)
}
_DESIMALTALL = f"#,##0.0##;{_MINUS}#,##0.0##"  # andre tall: én til tre desimaler

Formatvelger = Callable[[Mapping[str, Any], str], "str | None"]


# --------------------------------------------------------------------------
# figures.json
# --------------------------------------------------------------------------


def _mangler(v: Any) -> bool:
    if v is None:
        return True
    try:
        return bool(v != v)
    except TypeError:  # pd.NA
        return True


def _figurverdi(v: Any, ar: str, figur_id: str) -> int | float:
    hvor = f"figur {figur_id!r} ({ar})"
    if _mangler(v):
        raise ValueError(f"{hvor}: verdien mangler eller er NaN ({v!r})")
    if isinstance(v, (bool, np.bool_)):
        return int(bool(v))
    if isinstance(v, Integral):
        return int(v)
    if isinstance(v, (Real, Decimal)):
        f = float(v)
        if not math.isfinite(f):
            raise ValueError(f"{hvor}: verdien er ikke endelig ({v!r})")
        return f
    raise TypeError(f"{hvor}: forventet et tall, fikk {type(v).__name__} ({v!r})")


def _arnokkel(ar: Any) -> str:
    if isinstance(ar, bool):
        raise TypeError(f"ugyldig år {ar!r}")
    if isinstance(ar, Integral):
        return str(int(ar))
    if isinstance(ar, str) and ar.strip().isdigit():
        return str(int(ar))
    raise TypeError(f"ugyldig år {ar!r}: forventet et heltall")


def skriv_figures_json(figurer: Mapping[int, Mapping[str, float | int]], fil: Path | str) -> Path:
    """Skriv ``figures.json``: ``{"<år>": {"<figur-id>": tall, ...}, ...}``.

    År og id-er sorteres, numpy-skalarer gjøres om til ``int``/``float``, og
    NaN/uendelig/manglende verdier gir ``ValueError`` som nevner id-en. Figur-id-er
    må følge ``docs/figures.md`` (små ASCII-bokstaver, sifre og ``_``, delt med
    punktum). Returnerer stien til filen.
    """
    data: dict[str, dict[str, int | float]] = {}
    for ar, tall in figurer.items():
        nokkel = _arnokkel(ar)
        if nokkel in data:
            raise ValueError(f"året {nokkel} forekommer mer enn én gang ({ar!r})")
        aret: dict[str, int | float] = {}
        for figur_id, verdi in tall.items():
            if not isinstance(figur_id, str) or not _FIGUR_ID.fullmatch(figur_id):
                raise ValueError(
                    f"ugyldig figur-id {figur_id!r} ({nokkel}): bruk små ASCII-bokstaver, "
                    "sifre og '_', delt med punktum (se docs/figures.md)"
                )
            aret[figur_id] = _figurverdi(verdi, nokkel, figur_id)
        data[nokkel] = dict(sorted(aret.items()))
    data = dict(sorted(data.items(), key=lambda kv: int(kv[0])))
    tekst = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True, allow_nan=False)
    fil = Path(fil)
    fil.parent.mkdir(parents=True, exist_ok=True)
    with open(fil, "w", encoding="utf-8", newline="\n") as ut:
        ut.write(tekst + "\n")
    return fil


# --------------------------------------------------------------------------
# xlsx
# --------------------------------------------------------------------------


def _arknavn(tabeller: Mapping[str, Any]) -> dict[str, str]:
    """Nøkkel → arknavn (maks 31 tegn); feiler ved ulovlige tegn og kollisjoner."""
    navn: dict[str, str] = {}
    brukt: dict[str, str] = {}  # arknavn i små bokstaver → nøkkel (Excel skiller ikke)
    for nokkel in tabeller:
        if not isinstance(nokkel, str) or not nokkel.strip():
            raise ValueError(f"ugyldig arknavn {nokkel!r}: må være en ikke-tom tekst")
        if _ULOVLIG_I_ARKNAVN.search(nokkel):
            raise ValueError(f"arknavnet {nokkel!r} inneholder et av de ulovlige tegnene \\ / * ? : [ ]")
        if nokkel.startswith("'") or nokkel.endswith("'"):
            raise ValueError(f"arknavnet {nokkel!r} kan ikke begynne eller slutte med apostrof")
        ark = nokkel[:_MAKS_ARKNAVN]
        if ark.lower() in brukt:
            raise ValueError(
                f"arknavnene for {brukt[ark.lower()]!r} og {nokkel!r} blir like ({ark!r}) "
                f"når de kortes til {_MAKS_ARKNAVN} tegn (Excel skiller ikke store og små bokstaver)"
            )
        brukt[ark.lower()] = nokkel
        navn[nokkel] = ark
    return navn


def _kolonnenavn(kol: Any) -> str:
    if isinstance(kol, tuple):  # MultiIndex-kolonner
        deler = [str(d) for d in kol if not _mangler(d) and str(d) != "" and not str(d).startswith("Unnamed:")]
        return " – ".join(deler)
    return "" if _mangler(kol) else str(kol)


def _celleverdi(v: Any, tabell: str, kolonne: str) -> Any:
    """Gjør en DataFrame-verdi om til noe openpyxl skriver riktig (tall som tall)."""
    if isinstance(v, str):
        return v
    if _mangler(v):
        return None
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, Integral):
        return int(v)
    if isinstance(v, (Real, Decimal)):
        f = float(v)
        if not math.isfinite(f):
            raise ValueError(f"tabell {tabell!r}, kolonne {kolonne!r}: verdien er ikke endelig ({v!r})")
        return f + 0.0  # −0,0 blir 0,0
    if isinstance(v, pd.Timestamp):
        v = v.to_pydatetime()
    if isinstance(v, _dt.datetime):
        return v.replace(tzinfo=None) if v.tzinfo is not None else v
    if isinstance(v, (_dt.date, _dt.time)):
        return v
    return str(v)


def format_etter_overskrift(kolonne: str) -> str | None:
    """Formatet overskriften gir: «År» → ``aarstall``; «Andel …», «… andel …» og
    «Endring …» → ``andel``; «… (dager)», «Dager …» → ``dager``; ellers ``None``."""
    k = str(kolonne).strip().lower()
    if k == "år":
        return "aarstall"
    if "andel" in k or k.startswith("endring"):
        return "andel"
    if "dager" in k:
        return "dager"
    return None


def format_etter_verdi(v: Any) -> str:
    """Formatkoden for et tall ingen regel dekker: heltall med tusenskille, andre tall med
    én til tre desimaler."""
    if isinstance(v, Integral) or (isinstance(v, float) and v.is_integer()):
        return TALLFORMATER["antall"]
    return _DESIMALTALL


def _formatkode(navn_eller_kode: str | None) -> str | None:
    if navn_eller_kode is None:
        return None
    return TALLFORMATER.get(navn_eller_kode, navn_eller_kode)


def _vist_lengde(v: Any) -> int:
    if v is None:
        return 0
    if isinstance(v, float) and v.is_integer():
        return len(str(int(v)))
    if isinstance(v, _dt.datetime):
        return 19
    if isinstance(v, _dt.date):
        return 10
    return max((len(linje) for linje in str(v).splitlines()), default=0)


def _lenke(navn: str) -> str:
    return "'" + navn.replace("'", "''") + "'!A1"


def _skriv_ark(
    ark,
    navn: str,
    df: pd.DataFrame,
    titler: Sequence[str] = (),
    kilde: str | None = None,
    formater: Formatvelger | None = None,
    lenkekolonne: str | None = None,
    arknavn: frozenset[str] = frozenset(),
) -> None:
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"tabell {navn!r}: forventet en pandas.DataFrame, fikk {type(df).__name__}")
    if any(n is not None for n in df.index.names):
        df = df.reset_index()
    overskrifter = [_kolonnenavn(k) for k in df.columns]
    if lenkekolonne is not None and lenkekolonne not in overskrifter:
        raise ValueError(f"tabell {navn!r}: lenkekolonnen {lenkekolonne!r} finnes ikke")
    fet = Font(bold=True)
    rad = 0
    for tittel in titler:
        rad += 1
        celle = ark.cell(row=rad, column=1, value=tittel)
        celle.data_type = "s"
        celle.font = fet
    if kilde:
        rad += 1
        celle = ark.cell(row=rad, column=1, value=kilde)
        celle.data_type = "s"
        celle.font = Font(italic=True)
        rad += 1  # tom rad mellom kilden og tabellen
    rad += 1
    bredder = [_vist_lengde(o) for o in overskrifter]
    for j, overskrift in enumerate(overskrifter, start=1):
        celle = ark.cell(row=rad, column=j, value=overskrift)
        celle.data_type = "s"
        celle.font = fet
    overskriftsrad = rad
    for rekke in df.itertuples(index=False, name=None):
        rad += 1
        verdier = [_celleverdi(v, navn, overskrifter[j]) for j, v in enumerate(rekke)]
        radinnhold = dict(zip(overskrifter, verdier))
        for j, verdi in enumerate(verdier, start=1):
            if verdi is None:
                continue
            kolonne = overskrifter[j - 1]
            celle = ark.cell(row=rad, column=j, value=verdi)
            if isinstance(verdi, str):
                celle.data_type = "s"  # «=…» skal være tekst, ikke formel
                if kolonne == lenkekolonne and verdi in arknavn:
                    celle.hyperlink = Hyperlink(ref=celle.coordinate, location=_lenke(verdi), display=verdi)
                    celle.style = "Hyperlink"
            elif isinstance(verdi, (int, float)) and not isinstance(verdi, bool):
                kode = _formatkode(formater(radinnhold, kolonne) if formater else None)
                if kode is None:
                    kode = _formatkode(format_etter_overskrift(kolonne)) or format_etter_verdi(verdi)
                celle.number_format = kode
            bredder[j - 1] = max(bredder[j - 1], _vist_lengde(verdi))
    for j, bredde in enumerate(bredder, start=1):
        ark.column_dimensions[get_column_letter(j)].width = min(max(bredde + 2, _MIN_BREDDE), _MAKS_BREDDE)
    if overskrifter:
        ark.freeze_panes = ark.cell(row=overskriftsrad + 1, column=1)


def _deterministisk_zip(ra: bytes, kjerne_xml: bytes) -> bytes:
    """Skriv zip-arkivet på nytt med faste tidsstempler og fast core.xml."""
    ut = io.BytesIO()
    with ZipFile(io.BytesIO(ra)) as inn, ZipFile(ut, "w", ZIP_DEFLATED) as zut:
        for info in inn.infolist():
            data = kjerne_xml if info.filename == _KJERNE_XML else inn.read(info.filename)
            ny = ZipInfo(info.filename, date_time=FAST_TIDSPUNKT.timetuple()[:6])
            ny.compress_type = ZIP_DEFLATED
            ny.external_attr = 0o644 << 16
            zut.writestr(ny, data)
    return ut.getvalue()


def _per_ark(navn: str, verdier: Mapping[str, Any] | None, tabeller: Mapping[str, Any]) -> dict[str, Any]:
    verdier = dict(verdier or {})
    ukjente = sorted(set(verdier) - set(tabeller))
    if ukjente:
        raise ValueError(f"{navn} for tabeller som ikke finnes: {', '.join(map(repr, ukjente))}")
    return verdier


def skriv_tabeller_xlsx(
    tabeller: Mapping[str, pd.DataFrame],
    fil: Path | str,
    titler: Mapping[str, str | Sequence[str]] | None = None,
    *,
    kilder: Mapping[str, str] | None = None,
    formater: Mapping[str, Formatvelger] | None = None,
    lenker: Mapping[str, str] | None = None,
) -> Path:
    """Skriv tabellene til én arbeidsbok, ett ark per tabell i gitt rekkefølge.

    Arknavn = nøkkelen, kortet til 31 tegn; ``ValueError`` hvis to navn da blir
    like (uten hensyn til store/små bokstaver) eller inneholder tegn Excel ikke
    tillater. Per ark (nøkkel → verdi):

    - ``titler``: tittel eller liste av titler, fete, øverst;
    - ``kilder``: kildelinjen, i kursiv under titlene, med en tom rad etter;
    - ``formater``: funksjon ``(rad, kolonne) → tallformat`` for tallcellene, der ``rad``
      er ``{overskrift: verdi}`` for raden; et navn i :data:`TALLFORMATER` eller en
      Excel-formatkode, ``None`` for standardreglene;
    - ``lenker``: en kolonne der celler med navnet på et annet ark blir lenker til det.

    Returnerer stien til filen.
    """
    if not tabeller:
        raise ValueError("skriv_tabeller_xlsx(): ingen tabeller å skrive")
    titler = _per_ark("titler", titler, tabeller)
    kilder = _per_ark("kilder", kilder, tabeller)
    formater = _per_ark("formater", formater, tabeller)
    lenker = _per_ark("lenker", lenker, tabeller)
    arknavn = _arknavn(tabeller)
    alle_ark = frozenset(arknavn.values())

    wb = Workbook()
    wb.remove(wb.active)
    for nokkel, df in tabeller.items():
        ark = wb.create_sheet(title=arknavn[nokkel])
        tittel = titler.get(nokkel)
        _skriv_ark(
            ark,
            nokkel,
            df,
            titler=[tittel] if isinstance(tittel, str) else list(tittel or []),
            kilde=kilder.get(nokkel),
            formater=formater.get(nokkel),
            lenkekolonne=lenker.get(nokkel),
            arknavn=alle_ark,
        )
    wb.properties.creator = "arsrapport"
    wb.properties.created = FAST_TIDSPUNKT

    buffer = io.BytesIO()
    wb.save(buffer)  # openpyxl setter «modified» til nå under lagring …
    wb.properties.modified = FAST_TIDSPUNKT  # … så core.xml skrives på nytt
    innhold = _deterministisk_zip(buffer.getvalue(), tostring(wb.properties.to_tree()))

    fil = Path(fil)
    fil.parent.mkdir(parents=True, exist_ok=True)
    fil.write_bytes(innhold)
    return fil
