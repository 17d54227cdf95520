"""Prioporteføljen (UDI RS 2014-025): arbeidsdagkalender, fristreglene og merkehistorikken.

Asylsaker der søkeren er siktet eller straffet for kriminalitet, eller truer andre, merkes
``PP`` (prioportefølje) slik at alle ledd i kjeden behandler dem raskt. En merking slettes
aldri; den erstattes med ``UM`` (uten merking). Rundskrivet setter tidsregler i arbeidsdager
og timer. Funksjonene her tar og gir tidspunkter uten tidssone (``datetime`` i norsk lokal
tid, slik datakontrakten lagrer dem) og er offentlige, så rapportskriverne kan bruke dem til
egne kontroller.

Kalenderen
----------
En **arbeidsdag** er mandag–fredag som ikke er offentlig helligdag i Norge. Helligdagene
(1. nyttårsdag, skjærtorsdag, langfredag, 2. påskedag, 1. mai, 17. mai, Kristi
himmelfartsdag, 2. pinsedag, 1. og 2. juledag) hentes fra pakken ``holidays`` (PyPI), ikke
fra en liste i koden. Julaften og nyttårsaften er ikke helligdager og er derfor arbeidsdager
i kalenderen (i staten med kortere arbeidstid).

Rundskrivet bruker både «arbeidsdager» (fem dager fra merking til vedtak) og «virkedager»
(fristen på to dager). I vanlig norsk lovspråk er lørdag en virkedag; her regnes begge som
arbeidsdager (mandag–fredag), slik eksemplet i oppgaven (issue 7) forutsetter: en frist satt
onsdag 5. april 2023 kl. 14.00 går ut onsdag 12. april kl. 14.00, ikke tirsdag 11. april.

Telling
-------
``legg_til_arbeidsdager(t, n)`` gir *samme klokkeslett* på den n-te arbeidsdagen etter
datoen til ``t``. Dagen ``t`` faller på, telles ikke med (som i domstolloven § 148 for
frister i dager), og den trenger ikke selv være en arbeidsdag: et vedtak fredag kl. 15.30
gir to arbeidsdager til tirsdag kl. 15.30 (mandag er dag 1, tirsdag dag 2), et vedtak lørdag
kl. 10.00 gir tirsdag kl. 10.00. ``n = 0`` gir ``t`` uendret; negativ ``n`` teller bakover.

``arbeidsdager_mellom(fra, til)`` er antall arbeidsdager etter datoen til ``fra`` til og med
datoen til ``til`` (klokkeslettet telles ikke), negativt når ``til`` er før ``fra``. Da er
``arbeidsdager_mellom(t, legg_til_arbeidsdager(t, n)) == n``. Det er et mål på
behandlingstid i hele dager, som saksbehandlingstiden i datakontrakten (som regnes i
kalenderdager mellom datoer).

Reglene
-------
- **Frist for å begjære utsatt iverksetting** (``uiv_frist``): i en sak avslått som åpenbart
  grunnløs to arbeidsdager fra vedtakstidspunktet, med dato og klokkeslett (rundskrivet
  punkt 5 og 11); ellers lik klagefristen, tre uker (punkt 11.2). Tre uker regnes som
  klagefristen i forvaltningsloven § 29–30 med domstolloven §§ 148–149: fristen går ut på
  samme ukedag tre uker etter vedtaksdagen, ved dagens slutt; faller den dagen på lørdag,
  søndag, en helligdag, julaften eller nyttårsaften, forlenges den til nærmeste arbeidsdag
  som ikke er julaften eller nyttårsaften. Dagens slutt gis som kl. 23.59, det siste
  minuttet et tidspunkt i datakontrakten kan uttrykke. Klagefristen løper fra underretningen,
  som registeret ikke har; regelen her regner fra vedtaket.
- **Frist satt mot regelen** (``frist_mot_regel``): «lik», «kortere» eller «lengre». Den korte
  fristen sammenlignes på minuttet (den settes med klokkeslett); tre-ukersfristen på dato.
  Kortere enn to arbeidsdager er lov (punkt 11.1) og rapporteres som «kortere».
- **Behandlingsmålet** (``innen_behandlingsmal``): vedtak innen fem arbeidsdager fra saken ble
  merket PP (punkt 2 og 5), dvs. ``arbeidsdager_mellom(merket, vedtak) <= 5``.
- **Én time** (``avgjort_innen_en_time``): begjæringen om utsatt iverksetting avgjøres innen
  en time etter at fristen gikk ut (punkt 12.1): ``avgjort <= frist + 1 time``; vanlige
  klokketimer, også utenom kontortid. Avgjort før fristen gikk ut er også innen en time.
- **Hvem kan merkes** (``grunn_til_utelukkelse``, punkt 2.1, 3 og 3.1): bare asylsaker; ikke
  saker i 48-timersprosedyren (``saker.prosedyre_48t``); ikke Dublinsaker
  (``saker.asylspor`` = ``Dublin``); en mindreårig (``saker.ema`` eller
  ``saker.under_18_ved_vedtak``) først når Barnefaglig enhet har vurdert saken
  (``saker.bfe_vurdert`` satt og ikke etter merkingen).

Merkehistorikken (tabellen ``prioritet``) kontrolleres med ``kontroller_historikk``;
avvikene blir advarsler med antall saker (``advarsler``), aldri med saks-id.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache, lru_cache
from numbers import Integral

import holidays
import numpy as np
import pandas as pd

from arsrapport.data.kontrakt import MELDT_AV, PRIORITETSKODER  # noqa: F401 (brukes av kapitlet)
from arsrapport.grunn.minne import husk_per_tabell

LAND = "NO"
UKEMASKE = "1111100"  # mandag–fredag

PP, UM = PRIORITETSKODER

FRIST_AAPENBART_GRUNNLOS_ARBEIDSDAGER = 2
KLAGEFRIST = dt.timedelta(weeks=3)
BEHANDLINGSMAL_ARBEIDSDAGER = 5
AVGJORELSE_ETTER_FRIST = dt.timedelta(hours=1)
DAGENS_SLUTT = dt.time(23, 59)

# domstolloven § 149: en frist som ender på lørdag, helgedag, julaften eller nyttårsaften
# forlenges til nærmeste virkedag (julaften og nyttårsaften er ellers arbeidsdager)
IKKE_FRISTDAG = ((12, 24), (12, 31))

LIK, KORTERE, LENGRE = "lik", "kortere", "lengre"

# grunner til at en sak ikke skal merkes PP (rundskrivet punkt 2.1, 3 og 3.1)
IKKE_ASYL = "ikke_asyl"
DUBLIN = "dublin"
PROSEDYRE_48T = "prosedyre_48t"
MINDREARIG_UTEN_BFE = "mindrearig_uten_bfe"
GRUNNER = {
    IKKE_ASYL: "ikke en asylsak",
    DUBLIN: "Dublinsak",
    PROSEDYRE_48T: "i 48-timersprosedyren",
    MINDREARIG_UTEN_BFE: "mindreårig uten at Barnefaglig enhet hadde vurdert saken",
}


# ------------------------------------------------------------------ kalenderen


@cache
def helligdager(ar: int) -> tuple[dt.date, ...]:
    """Offentlige helligdager i Norge i året (uten vanlige søndager), fra ``holidays``."""
    return tuple(sorted(holidays.country_holidays(LAND, years=int(ar), include_sundays=False)))


@lru_cache(maxsize=64)
def _kalender(fra_ar: int, til_ar: int) -> np.busdaycalendar:
    dager = [d for ar in range(fra_ar, til_ar + 1) for d in helligdager(ar)]
    return np.busdaycalendar(weekmask=UKEMASKE, holidays=np.array(dager, dtype="datetime64[D]"))


def _kalender_for(*ar: int) -> np.busdaycalendar:
    # ett år ekstra i hver ende: en telling kan gå over et årsskifte
    return _kalender(min(ar) - 1, max(ar) + 1)


def er_arbeidsdag(dag: dt.date | dt.datetime) -> bool:
    """Mandag–fredag og ikke offentlig helligdag."""
    d = dag.date() if isinstance(dag, dt.datetime) else dag
    return d.weekday() < 5 and d not in helligdager(d.year)


def _naiv(t, navn: str) -> dt.datetime:
    """Et tidspunkt uten tidssone som ``datetime`` (også fra ``pd.Timestamp`` og ``date``)."""
    if t is None or t is pd.NaT or (isinstance(t, float) and np.isnan(t)):
        raise ValueError(f"{navn} mangler")
    if isinstance(t, pd.Timestamp):
        t = t.to_pydatetime()
    elif isinstance(t, np.datetime64):
        t = pd.Timestamp(t).to_pydatetime()
    elif isinstance(t, dt.date) and not isinstance(t, dt.datetime):
        t = dt.datetime.combine(t, dt.time())
    if not isinstance(t, dt.datetime):
        raise TypeError(f"{navn} skal være et tidspunkt (datetime), ikke {type(t).__name__}")
    if t.tzinfo is not None:
        raise ValueError(f"{navn} skal være uten tidssone (norsk lokal tid), fikk {t.tzinfo}")
    return t


def legg_til_arbeidsdager(tidspunkt: dt.datetime, n: int) -> dt.datetime:
    """Samme klokkeslett på den ``n``-te arbeidsdagen etter datoen til ``tidspunkt`` (før,
    når ``n`` er negativ). Dagen ``tidspunkt`` faller på telles ikke med."""
    t = _naiv(tidspunkt, "tidspunkt")
    if isinstance(n, bool) or not isinstance(n, Integral):
        raise TypeError(f"n skal være et heltall, fikk {n!r}")
    n = int(n)
    if n == 0:
        return t
    spenn = abs(n) // 240 + 1  # minst 240 arbeidsdager i et år
    kal = _kalender_for(t.year, t.year + spenn if n > 0 else t.year - spenn)
    # fra en dag som ikke er arbeidsdag: rull til arbeidsdagen før (framover) eller etter
    # (bakover), så blir neste/forrige arbeidsdag dag nr. 1
    dag = np.busday_offset(np.datetime64(t.date(), "D"), n, roll="backward" if n > 0 else "forward", busdaycal=kal)
    return dt.datetime.combine(dag.astype(dt.date), t.time())


def arbeidsdager_mellom(fra: dt.datetime, til: dt.datetime) -> int:
    """Arbeidsdager etter datoen til ``fra`` til og med datoen til ``til`` (negativt når
    ``til`` er før ``fra``); klokkeslettet telles ikke."""
    a, b = _naiv(fra, "fra").date(), _naiv(til, "til").date()
    return int(_tell(np.array([a], dtype="datetime64[D]"), np.array([b], dtype="datetime64[D]"))[0])


def _tell(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Arbeidsdager i (a, b] for datoene a ≤ b, og minus antallet i (b, a] når b < a."""
    lav, hoy = np.minimum(a, b), np.maximum(a, b)
    en = np.timedelta64(1, "D")
    ar = pd.DatetimeIndex(np.concatenate([lav, hoy])).year
    n = np.busday_count(lav + en, hoy + en, busdaycal=_kalender_for(int(ar.min()), int(ar.max())))
    return np.where(b < a, -n, n)


def arbeidsdager_mellom_serier(fra: pd.Series, til: pd.Series) -> pd.Series:
    """``arbeidsdager_mellom`` rad for rad for to kolonner med tidspunkter (tom der en av dem
    mangler), vektorisert."""
    fra, til = pd.to_datetime(fra), pd.to_datetime(til)
    ok = (fra.notna() & til.notna()).to_numpy()
    ut = pd.Series(pd.NA, index=fra.index, dtype="Int64")
    if not ok.any():
        return ut
    ut[ok] = _tell(fra.to_numpy()[ok].astype("datetime64[D]"), til.to_numpy()[ok].astype("datetime64[D]"))
    return ut


# ------------------------------------------------------------------ reglene


def _fristdag(dag: dt.date) -> bool:
    return er_arbeidsdag(dag) and (dag.month, dag.day) not in IKKE_FRISTDAG


def klagefrist(vedtak_tidspunkt: dt.datetime) -> dt.datetime:
    """Tre uker fra vedtaksdagen, forlenget til nærmeste arbeidsdag (ikke julaften eller
    nyttårsaften) når den siste dagen ikke er en; kl. 23.59 den dagen."""
    dag = _naiv(vedtak_tidspunkt, "vedtak_tidspunkt").date() + KLAGEFRIST
    while not _fristdag(dag):
        dag += dt.timedelta(days=1)
    return dt.datetime.combine(dag, DAGENS_SLUTT)


def uiv_frist(vedtak_tidspunkt: dt.datetime, aapenbart_grunnlos: bool) -> dt.datetime:
    """Fristen for å begjære utsatt iverksetting som regelen gir: to arbeidsdager fra
    vedtakstidspunktet (samme klokkeslett) når søknaden er avslått som åpenbart grunnløs,
    ellers klagefristen (tre uker, kl. 23.59 siste dag)."""
    v = _naiv(vedtak_tidspunkt, "vedtak_tidspunkt")
    if aapenbart_grunnlos:
        return legg_til_arbeidsdager(v, FRIST_AAPENBART_GRUNNLOS_ARBEIDSDAGER)
    return klagefrist(v)


def frist_mot_regel(satt_frist: dt.datetime, vedtak_tidspunkt: dt.datetime, aapenbart_grunnlos: bool) -> str:
    """Om fristen som ble satt, er ``"lik"``, ``"kortere"`` eller ``"lengre"`` enn regelen:
    på minuttet for den korte fristen, på dato for tre-ukersfristen."""
    satt = _naiv(satt_frist, "satt_frist")
    regel = uiv_frist(vedtak_tidspunkt, aapenbart_grunnlos)
    if aapenbart_grunnlos:
        a, b = satt.replace(second=0, microsecond=0), regel.replace(second=0, microsecond=0)
    else:
        a, b = satt.date(), regel.date()
    return LIK if a == b else KORTERE if a < b else LENGRE


def innen_behandlingsmal(merket: dt.datetime, vedtak: dt.datetime) -> bool:
    """Vedtak innen fem arbeidsdager fra merkingen (``arbeidsdager_mellom`` ≤ 5)."""
    return arbeidsdager_mellom(merket, vedtak) <= BEHANDLINGSMAL_ARBEIDSDAGER


def avgjort_innen_en_time(frist: dt.datetime, avgjort: dt.datetime | None) -> bool:
    """Begjæringen avgjort senest en time etter at fristen gikk ut (ikke avgjort = nei)."""
    if avgjort is None or avgjort is pd.NaT or (isinstance(avgjort, float) and np.isnan(avgjort)):
        return False
    return _naiv(avgjort, "avgjort") <= _naiv(frist, "frist") + AVGJORELSE_ETTER_FRIST


def grunn_til_utelukkelse(
    saksgruppe: str,
    asylspor: str | None = None,
    *,
    mindrearig: bool = False,
    prosedyre_48t: bool = False,
    bfe_vurdert: dt.datetime | None = None,
    tidspunkt: dt.datetime | None = None,
) -> str | None:
    """Hvorfor saken ikke kan merkes PP på ``tidspunkt`` (en nøkkel i ``GRUNNER``), eller
    ``None`` når den kan det. Bare asylsaker; ikke Dublin; ikke 48-timersprosedyren; en
    mindreårig først etter at Barnefaglig enhet har vurdert saken (``bfe_vurdert`` ≤
    ``tidspunkt``; uten ``tidspunkt`` holder det at den er vurdert)."""
    if saksgruppe != "Asyl":
        return IKKE_ASYL
    if asylspor == "Dublin":
        return DUBLIN
    if prosedyre_48t:
        return PROSEDYRE_48T
    if mindrearig:
        if bfe_vurdert is None or pd.isna(bfe_vurdert):
            return MINDREARIG_UTEN_BFE
        if tidspunkt is not None and _naiv(bfe_vurdert, "bfe_vurdert") > _naiv(tidspunkt, "tidspunkt"):
            return MINDREARIG_UTEN_BFE
    return None


# ------------------------------------------------------------------ merkehistorikken


def vedtakstidspunkt(saker: pd.DataFrame) -> pd.Series:
    """Tidspunktet for vedtaket i hver sak: ``vedtak_tidspunkt``, ellers (for saker med
    ``avslutning`` = Vedtak) slutten av ``avsluttet_dato``; tomt for andre saker."""
    vedtak = saker["avslutning"].eq("Vedtak").fillna(False)
    reserve = (pd.to_datetime(saker["avsluttet_dato"]) + pd.Timedelta(hours=23, minutes=59)).where(vedtak)
    if "vedtak_tidspunkt" not in saker:
        return reserve
    return pd.to_datetime(saker["vedtak_tidspunkt"]).where(lambda s: s.notna(), reserve)


def mindrearig(saker: pd.DataFrame) -> pd.Series:
    """Søkeren er mindreårig: oppga å være enslig mindreårig (``ema``) eller var under 18 år
    ved vedtaket."""
    ut = pd.Series(False, index=saker.index)
    for k in ("ema", "under_18_ved_vedtak"):
        if k in saker:
            ut |= saker[k].fillna(False).astype(bool)
    return ut


@husk_per_tabell
def historikk(prioritet: pd.DataFrame, saker: pd.DataFrame) -> pd.DataFrame:
    """Merkehistorikken med sakens opplysninger, sortert per sak i tid (likt tidspunkt: i
    filens rekkefølge), med ``forrige_kode`` (koden før hendelsen i samme sak) og ``vedtak``
    (sakens vedtakstidspunkt). Hendelser i saker som ikke finnes i ``saker``, er ikke med."""
    kol = ["sak_id", "saksgruppe", "asylspor", "prosedyre_48t", "bfe_vurdert"]
    s = saker.reindex(columns=kol).copy()
    s["prosedyre_48t"] = s["prosedyre_48t"].fillna(False).astype(bool)
    s["mindrearig"] = mindrearig(saker).to_numpy()
    s["vedtak"] = vedtakstidspunkt(saker).to_numpy()
    p = prioritet.reset_index(drop=True).rename_axis("_rad").reset_index()
    h = p.merge(s, on="sak_id", how="inner", validate="many_to_one")
    h = h.sort_values(["sak_id", "tidspunkt", "_rad"], kind="stable").reset_index(drop=True)
    h["forrige_kode"] = h.groupby("sak_id", sort=False)["kode"].shift(1)
    return h.drop(columns="_rad")


@dataclass(frozen=True)
class Avvik:
    """Hendelser i merkehistorikken som rundskrivet ikke åpner for (masker per rad i
    ``historikk``) og grunnen til utelukkelse per rad (tom der merkingen er lovlig)."""

    historikk: pd.DataFrame
    um_uten_pp: pd.Series
    etter_vedtak: pd.Series
    utelukket: pd.Series  # grunn (nøkkel i GRUNNER) for PP-hendelser på saker som ikke kan merkes

    def saker(self, maske: pd.Series) -> int:
        return int(self.historikk.loc[maske.to_numpy(dtype=bool), "sak_id"].nunique())


def kontroller_historikk(prioritet: pd.DataFrame, saker: pd.DataFrame) -> Avvik:
    """``UM`` som ikke erstatter en ``PP`` (koden før var ikke PP), hendelser etter vedtaket
    i saken, og ``PP`` på saker rundskrivet holder utenfor."""
    h = historikk(prioritet, saker)
    um_uten_pp = h["kode"].eq(UM) & ~h["forrige_kode"].eq(PP).fillna(False)
    etter = (h["tidspunkt"] > h["vedtak"]).fillna(False)
    grunn = pd.Series(None, index=h.index, dtype=object)
    pp = h["kode"].eq(PP).to_numpy()
    for i in np.flatnonzero(pp):
        r = h.iloc[i]
        grunn.iat[i] = grunn_til_utelukkelse(
            r["saksgruppe"],
            None if pd.isna(r["asylspor"]) else r["asylspor"],
            mindrearig=bool(r["mindrearig"]),
            prosedyre_48t=bool(r["prosedyre_48t"]),
            bfe_vurdert=None if pd.isna(r["bfe_vurdert"]) else r["bfe_vurdert"],
            tidspunkt=r["tidspunkt"],
        )
    return Avvik(h, um_uten_pp.astype(bool), etter.astype(bool), grunn)


def _saker_tekst(n: int) -> str:
    return f"{n} sak" if n == 1 else f"{n} saker"


def advarsler(prioritet: pd.DataFrame, saker: pd.DataFrame, fil: str = "prioritet.csv") -> list[str]:
    """Avvikene i merkehistorikken som advarsler med antall saker, aldri med saks-id."""
    if prioritet.empty:
        return []
    a = kontroller_historikk(prioritet, saker)
    ut = []
    n = a.saker(a.um_uten_pp)
    if n:
        ut.append(f"{fil}: {_saker_tekst(n)} har UM (uten merking) uten at saken var merket PP like før")
    n = a.saker(a.etter_vedtak)
    if n:
        ut.append(f"{fil}: {_saker_tekst(n)} har endringer i merkingen etter vedtaket i saken")
    utelukket = a.utelukket.notna()
    n = a.saker(utelukket)
    if n:
        per = (
            a.historikk.loc[utelukket.to_numpy()]
            .assign(grunn=a.utelukket[utelukket])
            .drop_duplicates("sak_id")
            .groupby("grunn")
            .size()
        )
        detaljer = ", ".join(f"{GRUNNER[g]}: {per[g]}" for g in GRUNNER if g in per.index)
        ut.append(
            f"{fil}: {_saker_tekst(n)} er merket PP selv om rundskrivet holder dem utenfor prioporteføljen ({detaljer})"
        )
    return ut
