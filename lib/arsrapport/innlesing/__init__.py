"""Innlesing og kontroll av datauttrekket (docs/data-contract.md).

Filene leses av :mod:`arsrapport.data.fillesing` (CSV og xlsx til rå tabeller med tekst) og bruddene
beskrives i :mod:`arsrapport.data.brudd`; her gjøres kolonnene om til sine typer, reglene i
:mod:`arsrapport.innlesing.kontroll` kjøres, og resultatet er et :class:`Uttrekk`.

``les_uttrekk(katalog)`` leser alle tabellene i kontrakten (``NAVN.csv`` eller
``NAVN.xlsx``), kontrollerer dem mot :mod:`arsrapport.data.kontrakt` og
:mod:`arsrapport.innlesing.kontroll`, og gir et :class:`Uttrekk` med typede DataFrames.
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

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from arsrapport.data.brudd import (  # noqa: F401  (navnene brukes også som arsrapport.innlesing.X)
    MAKS_MELDING,
    MAKS_PER_FEIL,
    MAKS_VIST,
    Brudd,
    Rapportarfeil,
    Valideringsfeil,
    _tall,
    arstall,
    brudd_for_maske,
    vis_tekst,
    vis_verdi,
)
from arsrapport.data.fillesing import _les_csv, _les_xlsx, _Raa
from arsrapport.data.kontrakt import REGISTERSTART, TABELLER, UTTREKKSDATO_KOLONNER, Kolonne, Tabell

_SANN = ("true", "ja", "1")
_USANN = ("false", "nei", "0")

TEKSTTYPE = "str"
"""pandas' strengtype (i pandas 3: ``StringDtype`` med ``NaN`` som manglende verdi)."""

DATOTYPE = "datetime64[us]"


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
        from arsrapport.innlesing import kontroll

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
    from arsrapport.innlesing import kontroll as regler

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
