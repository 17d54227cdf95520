"""Regler i datakontrakten som gjelder flere kolonner eller formatet på koder.

Hver regel tar den typede tabellen (som ``innlesing`` lager den), en Series med
regnearkets radnummer for hver rad (samme indeks som tabellen) og filnavnet, og
gir en liste :class:`~arsrapport.innlesing.Brudd`. Reglene er vektoriserte; de
kjøres bare på rader uten typefeil, så en ugyldig verdi ikke gir følgefeil.

``KONTROLLER`` sier hvilke regler som gjelder for hvilken tabell.

Rapportåret kontrolleres for seg (:func:`kontroller_rapportar`), når det er bestemt: før noe
beregnes, må uttrekket dekke det.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import numpy as np
import pandas as pd

from arsrapport.data.brudd import Brudd, Rapportarfeil, arstall, brudd_for_maske, vis_verdi
from arsrapport.data.kontrakt import (
    ISOLERT_ANDEL,
    ISOLERT_DAGER,
    ISOLERT_MINST,
    KODEFORMAT,
    RAPPORTAR_TABELLER,
    UTTREKKSDATO_KOLONNER,
)

Regel = Callable[..., list[Brudd]]


def _b(fil, kolonne, maske, df: pd.DataFrame, rader: pd.Series, melding, **kw) -> list[Brudd]:
    """Brudd der ``maske`` er sann, med verdien fra ``df[kolonne]``."""
    maske = np.asarray(maske, dtype=bool)
    verdier = df[kolonne] if kolonne in df.columns else None
    return brudd_for_maske(fil, kolonne, maske, rader.to_numpy(), verdier, melding, **kw)


def _satt(s: pd.Series) -> np.ndarray:
    return s.notna().to_numpy()


def _med(df: pd.DataFrame, kolonne: str, tekst: str) -> Callable[[int], str]:
    """Melding som viser verdien i en annen kolonne på samme rad (``{}`` i ``tekst``)."""

    def melding(i: int) -> str:
        v = vis_verdi(df[kolonne].iloc[i])
        return tekst.format(f"«{v}»" if v is not None else "tom")

    return melding


def kontroller_saker(df: pd.DataFrame, rader: pd.Series, fil: str = "saker.csv") -> list[Brudd]:
    """Avslutning, avsluttet dato, avgjørelsesform, utfall og asylspor henger sammen."""
    ut: list[Brudd] = []
    avsluttet = _satt(df["avslutning"])
    vedtak = (df["avslutning"] == "Vedtak").fillna(False).to_numpy(dtype=bool)
    har_dato = _satt(df["avsluttet_dato"])

    ut += _b(
        fil,
        "avsluttet_dato",
        avsluttet & ~har_dato,
        df,
        rader,
        _med(df, "avslutning", "avsluttet_dato mangler, men avslutning er {}"),
        sammendrag="avsluttet_dato mangler når avslutning er satt",
    )
    ut += _b(
        fil,
        "avsluttet_dato",
        ~avsluttet & har_dato,
        df,
        rader,
        "avsluttet_dato skal være tom når avslutning er tom (saken er ikke avsluttet)",
    )
    for_tidlig = (df["avsluttet_dato"] < df["mottatt_dato"]).fillna(False).to_numpy(dtype=bool)
    ut += _b(
        fil,
        "avsluttet_dato",
        for_tidlig,
        df,
        rader,
        _med(df, "mottatt_dato", "avsluttet_dato er før mottatt_dato ({})"),
        sammendrag="avsluttet_dato før mottatt_dato",
    )

    for kolonne in ("avgjorelsesform", "utfall"):
        satt = _satt(df[kolonne])
        ut += _b(fil, kolonne, vedtak & ~satt, df, rader, f"{kolonne} mangler, men avslutning er «Vedtak»")
        ut += _b(
            fil,
            kolonne,
            ~vedtak & satt,
            df,
            rader,
            _med(df, "avslutning", f"{kolonne} skal være tom når avslutning ikke er «Vedtak» (avslutning er {{}})"),
            sammendrag=f"{kolonne} satt uten vedtak",
        )

    asyl = (df["saksgruppe"] == "Asyl").fillna(False).to_numpy(dtype=bool)
    spor = _satt(df["asylspor"])
    ut += _b(fil, "asylspor", asyl & ~spor, df, rader, "asylspor mangler, men saksgruppe er «Asyl»")
    ut += _b(
        fil,
        "asylspor",
        ~asyl & spor,
        df,
        rader,
        _med(df, "saksgruppe", "asylspor skal være tom når saksgruppe ikke er «Asyl» (saksgruppe er {})"),
        sammendrag="asylspor satt utenfor Asyl",
    )
    if "vedtak_tidspunkt" in df.columns:
        ut += _kontroller_vedtak_og_uiv(df, rader, fil, vedtak)
    return ut


def _tidligere(df: pd.DataFrame, a: str, b: str) -> np.ndarray:
    """Radene der tidspunktet i ``a`` er før tidspunktet i ``b`` (begge satt)."""
    return (df[a] < df[b]).fillna(False).to_numpy(dtype=bool)


def _kontroller_vedtak_og_uiv(df: pd.DataFrame, rader: pd.Series, fil: str, vedtak: np.ndarray) -> list[Brudd]:
    """Prioporteføljens kolonner (issue 7): vedtakstidspunktet hører til vedtaket i saken, en
    sak avslått som åpenbart grunnløs er avslått, og fristen, begjæringen og avgjørelsen av
    den kommer i riktig rekkefølge etter vedtaket."""
    ut: list[Brudd] = []
    tid = _satt(df["vedtak_tidspunkt"])
    ut += _b(
        fil,
        "vedtak_tidspunkt",
        tid & ~vedtak,
        df,
        rader,
        _med(df, "avslutning", "vedtak_tidspunkt skal være tom når avslutning ikke er «Vedtak» (avslutning er {})"),
        sammendrag="vedtak_tidspunkt satt uten vedtak",
    )
    annen_dag = (
        tid
        & vedtak
        & _satt(df["avsluttet_dato"])
        & (df["vedtak_tidspunkt"].dt.normalize() != df["avsluttet_dato"]).fillna(False).to_numpy(dtype=bool)
    )
    ut += _b(
        fil,
        "vedtak_tidspunkt",
        annen_dag,
        df,
        rader,
        _med(df, "avsluttet_dato", "vedtak_tidspunkt har en annen dato enn avsluttet_dato ({})"),
        sammendrag="vedtak_tidspunkt på en annen dag enn avsluttet_dato",
    )
    ag = df["aapenbart_grunnlos"].fillna(False).to_numpy(dtype=bool)
    ikke_avslag = ~(df["utfall"] == "Ikke omgjort").fillna(False).to_numpy(dtype=bool)
    ut += _b(
        fil,
        "aapenbart_grunnlos",
        ag & ikke_avslag,
        df,
        rader,
        _med(df, "utfall", "aapenbart_grunnlos er sann, men saken er ikke avslått (utfall er {})"),
        sammendrag="aapenbart_grunnlos uten avslag",
    )
    for kolonne in ("uiv_frist", "uiv_begjaering", "uiv_avgjort"):
        satt = _satt(df[kolonne])
        ut += _b(
            fil,
            kolonne,
            satt & ~tid,
            df,
            rader,
            f"{kolonne} er satt, men vedtak_tidspunkt mangler",
            sammendrag=f"{kolonne} uten vedtak_tidspunkt",
        )
        ut += _b(
            fil,
            kolonne,
            _tidligere(df, kolonne, "vedtak_tidspunkt"),
            df,
            rader,
            _med(df, "vedtak_tidspunkt", f"{kolonne} er før vedtak_tidspunkt ({{}})"),
            sammendrag=f"{kolonne} før vedtak_tidspunkt",
        )
    ut += _b(
        fil,
        "uiv_avgjort",
        _satt(df["uiv_avgjort"]) & ~_satt(df["uiv_begjaering"]),
        df,
        rader,
        "uiv_avgjort er satt, men uiv_begjaering mangler (ingen begjæring å avgjøre)",
        sammendrag="uiv_avgjort uten uiv_begjaering",
    )
    ut += _b(
        fil,
        "uiv_avgjort",
        _tidligere(df, "uiv_avgjort", "uiv_begjaering"),
        df,
        rader,
        _med(df, "uiv_begjaering", "uiv_avgjort er før uiv_begjaering ({})"),
        sammendrag="uiv_avgjort før uiv_begjaering",
    )
    return ut


def kontroller_uiv(df: pd.DataFrame, rader: pd.Series, fil: str = "uiv.csv") -> list[Brudd]:
    """``resultat`` er påkrevd når begjæringen er avgjort."""
    maske = _satt(df["avgjort_dato"]) & ~_satt(df["resultat"])
    return _b(
        fil,
        "resultat",
        maske,
        df,
        rader,
        _med(df, "avgjort_dato", "resultat mangler, men begjæringen er avgjort ({})"),
        sammendrag="resultat mangler når avgjort_dato er satt",
    )


def kontroller_rettssaker(df: pd.DataFrame, rader: pd.Series, fil: str = "rettssaker.csv") -> list[Brudd]:
    """``utfall`` er påkrevd når saken er avgjort."""
    maske = _satt(df["avgjort_dato"]) & ~_satt(df["utfall"])
    return _b(
        fil,
        "utfall",
        maske,
        df,
        rader,
        _med(df, "avgjort_dato", "utfall mangler, men saken er avgjort ({})"),
        sammendrag="utfall mangler når avgjort_dato er satt",
    )


def kontroller_kodeformat(df: pd.DataFrame, rader: pd.Series, fil: str, *, tabell: str) -> list[Brudd]:
    """Kapittel (4 sifre), post (2 sifre) og artskonto (4–6 sifre), etter ``kontrakt.KODEFORMAT``."""
    ut: list[Brudd] = []
    for (t, kolonne), (monster, beskrivelse) in KODEFORMAT.items():
        if t != tabell or kolonne not in df.columns:
            continue
        s = df[kolonne]
        ok = s.str.fullmatch(monster).fillna(True).to_numpy(dtype=bool)
        ut += _b(fil, kolonne, ~ok, df, rader, f"ugyldig {kolonne} (forventet {beskrivelse})")
    return ut


def kontroller_vekttall(df: pd.DataFrame, rader: pd.Series, fil: str = "vekttall.csv") -> list[Brudd]:
    """``ar_fra`` kan ikke være etter ``ar_til``."""
    maske = (df["ar_fra"] > df["ar_til"]).fillna(False).to_numpy(dtype=bool)
    return _b(
        fil, "ar_til", maske, df, rader, _med(df, "ar_fra", "ar_til er før ar_fra ({})"), sammendrag="ar_til før ar_fra"
    )


def kontroller_kontoplan(df: pd.DataFrame, rader: pd.Series, fil: str = "kontoplan.csv") -> list[Brudd]:
    """Kontointervallene: 4–6 sifre, like mange sifre i fra og til, fra ≤ til, ingen overlapp
    mellom intervaller; linjen finnes i artskontorapporteringen og noten/notelinjen passer til den."""
    from arsrapport import regnskap

    ut: list[Brudd] = []
    fra, til = df["artskonto_fra"].astype("string").str.strip(), df["artskonto_til"].astype("string").str.strip()
    for kolonne, s in (("artskonto_fra", fra), ("artskonto_til", til)):
        ok = s.str.fullmatch(r"\d{4,6}").fillna(True).to_numpy(dtype=bool)
        ut += _b(fil, kolonne, ~ok, df, rader, "ugyldig kontonummer (forventet 4–6 sifre)")
    gyldig = (fra.str.fullmatch(r"\d{4,6}") & til.str.fullmatch(r"\d{4,6}")).fillna(False).to_numpy(dtype=bool)
    ulik = gyldig & (fra.str.len() != til.str.len()).fillna(False).to_numpy(dtype=bool)
    ut += _b(
        fil,
        "artskonto_til",
        ulik,
        df,
        rader,
        _med(df, "artskonto_fra", "artskonto_til har ikke like mange sifre som artskonto_fra ({})"),
    )
    baklengs = gyldig & ~ulik & (fra > til).fillna(False).to_numpy(dtype=bool)
    ut += _b(
        fil,
        "artskonto_til",
        baklengs,
        df,
        rader,
        _med(df, "artskonto_fra", "artskonto_til er mindre enn artskonto_fra ({})"),
    )
    # overlapp: sorter intervallene med like mange sifre og se om et starter før det forrige slutter
    ok = gyldig & ~ulik & ~baklengs
    pos = np.flatnonzero(ok)
    rekke = sorted(pos, key=lambda i: (len(fra.iloc[i]), fra.iloc[i], til.iloc[i]))
    overlapp = np.zeros(len(df), dtype=bool)
    hvem: dict[int, int] = {}
    for forrige, i in zip(rekke, rekke[1:]):
        if len(fra.iloc[i]) == len(til.iloc[forrige]) and fra.iloc[i] <= til.iloc[forrige]:
            overlapp[i] = True
            hvem[i] = forrige
    ut += _b(
        fil,
        "artskonto_fra",
        overlapp,
        df,
        rader,
        lambda i: (
            f"intervallet overlapper rad {int(rader.iloc[hvem[i]])} "
            f"({fra.iloc[hvem[i]]}–{til.iloc[hvem[i]]}); en konto må høre til nøyaktig én linje"
        ),
    )
    # linjer og noter
    linjer = regnskap.oppstillingslinjer()
    ukjent = ~df["oppstilling_linje"].isin(list(linjer)).to_numpy(dtype=bool) & _satt(df["oppstilling_linje"])
    ut += _b(
        fil,
        "oppstilling_linje",
        ukjent,
        df,
        rader,
        "ukjent linje i artskontorapporteringen (gyldige: " + ", ".join(linjer) + ")",
        sammendrag="ukjent oppstilling_linje",
    )
    notelinjer = regnskap.notelinjer()
    for i in np.flatnonzero(~ukjent):
        linje = linjer[df["oppstilling_linje"].iloc[i]]
        note, note_linje = df["note"].iloc[i], df["note_linje"].iloc[i]
        ventet = "" if linje.note is None else str(linje.note)
        har_note = isinstance(note, str) and note.strip() != ""
        if (note.strip() if har_note else "") != ventet:
            tekst = f"linjen {linje.id} spesifiseres i note {ventet}" if ventet else f"linjen {linje.id} har ingen note"
            ut.append(Brudd(fil, int(rader.iloc[i]), "note", vis_verdi(note), f"feil note: {tekst}"))
        elif ventet and note_linje not in notelinjer[int(ventet)]:
            ut.append(
                Brudd(
                    fil,
                    int(rader.iloc[i]),
                    "note_linje",
                    vis_verdi(note_linje),
                    f"ukjent linje i note {ventet} (gyldige: {', '.join(sorted(notelinjer[int(ventet)]))})",
                )
            )
    return ut


def kontroller_mellomvaerende(df: pd.DataFrame, rader: pd.Series, fil: str = "mellomvaerende.csv") -> list[Brudd]:
    """Linjen er en av standardlinjene i mellomværendet med statskassen (Note 8)."""
    from arsrapport import regnskap

    kjent = [regnskap.mellomvaerendelinje(t) is not None for t in df["linje"].fillna("")]
    gyldige = "; ".join(li.tekster[0] for li in regnskap.MELLOMVAERENDE_LINJER)
    return _b(
        fil,
        "linje",
        ~np.array(kjent, dtype=bool) & _satt(df["linje"]),
        df,
        rader,
        f"ukjent linje i mellomværendet med statskassen (gyldige: {gyldige})",
        sammendrag="ukjent linje",
    )


def kontroller_pensjonspremie(df: pd.DataFrame, rader: pd.Series, fil: str = "pensjonspremie.csv") -> list[Brudd]:
    """Premiesatsen er en andel (0,096 for 9,6 %), ikke prosent."""
    maske = (df["premiesats_arbeidsgiver"] > 1).fillna(False).to_numpy(dtype=bool)
    return _b(
        fil,
        "premiesats_arbeidsgiver",
        maske,
        df,
        rader,
        "premiesatsen skal oppgis som andel (0,096 for 9,6 %), ikke prosent",
    )


# --- regler på tvers av tabeller: (tabeller, radnummer og filnavn per tabell) -> brudd ------
# Tabellene har bare radene uten typefeil, så en ugyldig verdi ikke gir følgefeil.


def kontroller_regnskap_mot_kontoplan(
    tabeller: dict[str, pd.DataFrame], rader: dict[str, pd.Series], filer: dict[str, str], alle=None
) -> list[Brudd]:
    """Hver rad i regnskapet treffer nøyaktig ett kontointervall i kontoplanen."""
    from arsrapport import regnskap

    if "regnskap" not in tabeller or "kontoplan" not in tabeller:
        return []
    df, plan = tabeller["regnskap"], tabeller["kontoplan"]
    treff = regnskap.konto_treff(df["artskonto"].fillna(""), plan)
    antall = treff.groupby("rad").size().reindex(range(len(df)), fill_value=0).to_numpy()  # «rad» er posisjon
    plan_rader = rader.get("kontoplan")
    fil = filer.get("regnskap", "regnskap.csv")
    ut = _b(
        fil,
        "artskonto",
        antall == 0,
        df,
        rader["regnskap"],
        "kontoen hører ikke til noen linje i kontoplan (legg til et intervall i kontoplan)",
        sammendrag="konto uten linje i kontoplan",
    )

    def flere(i: int) -> str:
        j = treff.loc[treff["rad"] == i, "plan"].tolist()
        hvor = (
            ", ".join(f"rad {int(plan_rader.iloc[x])}" for x in j)
            if plan_rader is not None
            else f"{len(j)} intervaller"
        )
        return f"kontoen hører til flere linjer i kontoplan ({hvor})"

    ut += _b(
        fil, "artskonto", antall > 1, df, rader["regnskap"], flere, sammendrag="konto i flere intervaller i kontoplan"
    )
    return ut


def kontroller_prioritet_mot_saker(
    tabeller: dict[str, pd.DataFrame], rader: dict[str, pd.Series], filer: dict[str, str], alle=None
) -> list[Brudd]:
    """Hver sak i ``prioritet`` finnes i ``saker``. Sakene slås opp blant alle radene i
    ``saker`` (``alle``), også de med brudd, så et brudd der ikke gir følgefeil her; mangler
    ``saker`` en påkrevd kolonne eller har den ingen rader, hoppes kontrollen over."""
    alle = alle or tabeller
    if "prioritet" not in tabeller or "saker" not in tabeller or alle["saker"].empty:
        return []  # saker uten rader er selv et brudd; ingen følgefeil her
    kjente = alle["saker"]["sak_id"].dropna()
    df = tabeller["prioritet"]
    mangler = (df["sak_id"].notna() & ~df["sak_id"].isin(kjente)).to_numpy(dtype=bool)
    fil_saker = filer.get("saker", "saker.csv")
    return _b(
        filer.get("prioritet", "prioritet.csv"),
        "sak_id",
        mangler,
        df,
        rader["prioritet"],
        f"saken finnes ikke i {fil_saker}",
        sammendrag=f"sak som ikke finnes i {fil_saker}",
    )


def kontroller_uttrekksdato(
    tabeller: dict[str, pd.DataFrame], rader: dict[str, pd.Series], filer: dict[str, str], alle=None
) -> list[Brudd]:
    """Isolerte siste datoer i kolonnene uttrekksdatoen regnes fra (``kontrakt.UTTREKKSDATO_KOLONNER``).

    Et uttrekk slutter på uttrekksdatoen, og nemnda tar imot og avslutter saker hver
    arbeidsdag, så datoene ligger tett helt opp til den. Er det minst ``ISOLERT_MINST`` datoer,
    og ligger en av de siste ``ISOLERT_ANDEL`` av dem mer enn ``ISOLERT_DAGER`` dager etter
    datoen foran, er den og alle senere datoer skrivefeil (2025 for 2023) som ellers ville
    flyttet uttrekksdatoen og dermed rapportåret: brudd med fil, rad, kolonne og verdi.
    """
    deler = [(t, k) for t, k in UTTREKKSDATO_KOLONNER if t in tabeller and k in tabeller[t].columns]
    datoer = [tabeller[t][k].dropna().to_numpy().astype("datetime64[D]") for t, k in deler]
    d = np.concatenate(datoer) if datoer else np.zeros(0, dtype="datetime64[D]")
    n = len(d)
    if n < ISOLERT_MINST:
        return []
    antall = int(n * ISOLERT_ANDEL)
    hale = np.sort(d, kind="stable")[n - antall - 1 :]  # de antall + 1 siste
    hopp = np.flatnonzero(np.diff(hale).astype(np.int64) > ISOLERT_DAGER)
    if not len(hopp):
        return []
    foran, grense = hale[hopp[0]], pd.Timestamp(hale[hopp[0] + 1])
    melding = (
        f"datoen ligger mer enn {ISOLERT_DAGER} dager etter alle de andre datoene uttrekksdatoen regnes fra "
        f"(de slutter {foran}) og ville flyttet uttrekksdatoen og dermed rapportåret; sjekk årstallet"
    )
    ut: list[Brudd] = []
    for t, k in deler:
        df = tabeller[t]
        ut += _b(
            filer.get(t, f"{t}.csv"),
            k,
            (df[k] >= grense).fillna(False).to_numpy(dtype=bool),
            df,
            rader[t],
            melding,
            sammendrag="dato langt etter resten av uttrekket",
        )
    return ut


KRYSSKONTROLLER = (kontroller_regnskap_mot_kontoplan, kontroller_prioritet_mot_saker, kontroller_uttrekksdato)


# --- advarsler på tvers av tabeller: samme argumenter, gir tekster (stopper ikke bygget) ----


def advarsler_prioritet(
    tabeller: dict[str, pd.DataFrame], rader: dict[str, pd.Series], filer: dict[str, str], alle=None
) -> list[str]:
    """Avvik i merkehistorikken (``prioritet.advarsler``): antall saker, aldri saks-id."""
    from arsrapport.maal import prioritet

    if "prioritet" not in tabeller or "saker" not in tabeller:
        return []
    return prioritet.advarsler(tabeller["prioritet"], tabeller["saker"], filer.get("prioritet", "prioritet.csv"))


KRYSSADVARSLER = (advarsler_prioritet,)


KONTROLLER: dict[str, tuple[Regel, ...]] = {
    "saker": (kontroller_saker,),
    "uiv": (kontroller_uiv,),
    "rettssaker": (kontroller_rettssaker,),
    "vekttall": (kontroller_vekttall,),
    "kontoplan": (kontroller_kontoplan,),
    "mellomvaerende": (kontroller_mellomvaerende,),
    "pensjonspremie": (kontroller_pensjonspremie,),
    **{t: (partial(kontroller_kodeformat, tabell=t),) for t in sorted({t for t, _ in KODEFORMAT})},
}


# --- rapportåret: kontrolleres når det er bestemt, før noe beregnes ---------------------------


def _ar_med_rader(uttrekk, tabell: str) -> set[int]:
    df = uttrekk.tabeller.get(tabell)
    if df is None or "ar" not in df.columns:
        return set()
    return {int(a) for a in df["ar"].dropna().unique()}


def _vekttallintervaller(uttrekk) -> list[tuple[int, int]]:
    df = uttrekk.tabeller.get("vekttall")
    if df is None or df.empty:
        return []
    par = sorted(
        {(int(f), int(t)) for f, t in zip(df["ar_fra"], df["ar_til"]) if pd.notna(f) and pd.notna(t) and f <= t}
    )
    ut: list[tuple[int, int]] = []
    for f, t in par:  # slå sammen intervaller som overlapper eller henger sammen
        if ut and f <= ut[-1][1] + 1:
            ut[-1] = (ut[-1][0], max(ut[-1][1], t))
        else:
            ut.append((f, t))
    return ut


def _registerar(uttrekk) -> tuple[int, int]:
    """Første år i registeret (året for den første ``mottatt_dato`` i saker) og siste hele år."""
    forste = uttrekk.saker["mottatt_dato"].min()
    return (pd.Timestamp(forste).year if pd.notna(forste) else uttrekk.siste_hele_ar() + 1), uttrekk.siste_hele_ar()


def _mangler(uttrekk, tabell: str, ar: set[int]) -> set[int]:
    """De av årene ``ar`` tabellen ikke har: rader med ``ar`` (``vekttall``: intervallene)."""
    if tabell == "vekttall":
        intervaller = _vekttallintervaller(uttrekk)
        return {a for a in ar if not any(f <= a <= t for f, t in intervaller)}
    return ar - _ar_med_rader(uttrekk, tabell)


def dekkede_ar(uttrekk) -> list[int]:
    """Årene uttrekket dekker som rapportår: registeret dekker året (fra året for den første
    ``mottatt_dato`` i saker til siste hele år før uttrekksdatoen), og hver tabell i
    ``kontrakt.RAPPORTAR_TABELLER`` har de årene rapportåret trenger."""
    forste, siste = _registerar(uttrekk)
    return [
        ar
        for ar in range(forste, siste + 1)
        if not any(_mangler(uttrekk, t, set(range(ar - n + 1, ar + 1))) for t, n in RAPPORTAR_TABELLER.items())
    ]


def rapportar_brudd(uttrekk, ar: int) -> list[Brudd]:
    """Hvorfor uttrekket ikke dekker rapportåret ``ar`` (tom liste når det dekker det): ett brudd
    per grunn, med filen og kolonnen, og årene filen har."""
    ut: list[Brudd] = []
    forste, siste = _registerar(uttrekk)
    if ar < forste:
        ut.append(
            Brudd(
                uttrekk.fil("saker"),
                None,
                "mottatt_dato",
                None,
                f"registeret begynner i {forste}: den første mottatt_dato er {uttrekk.saker['mottatt_dato'].min():%Y-%m-%d}",
            )
        )
    if ar > siste:
        dato = uttrekk.uttrekksdato()
        tabell, kolonne = next(  # kolonnen med uttrekksdatoen
            (
                (t, k)
                for t, k in UTTREKKSDATO_KOLONNER
                if t in uttrekk.tabeller and (uttrekk.tabeller[t][k] == dato).any()
            ),
            UTTREKKSDATO_KOLONNER[0],
        )
        ut.append(
            Brudd(
                uttrekk.fil(tabell),
                None,
                kolonne,
                None,
                f"siste hele år i uttrekket er {siste}: uttrekksdatoen, den siste datoen i saker og uiv, "
                f"er {dato:%d.%m.%Y}",
            )
        )
    for tabell, n in RAPPORTAR_TABELLER.items():
        mangler = _mangler(uttrekk, tabell, set(range(ar - n + 1, ar + 1)))
        if not mangler:
            continue
        if tabell == "vekttall":
            intervaller = _vekttallintervaller(uttrekk)
            kolonne = "ar_fra"
            hva = "intervallene ar_fra–ar_til dekker " + (
                ", ".join(f"{f}–{t}" if f != t else str(f) for f, t in intervaller) or "ingen år"
            )
            ingen = f"ingen vekter gjelder for {arstall(mangler)}"
        else:
            har = _ar_med_rader(uttrekk, tabell)
            kolonne = "ar"
            hva = f"filen har {arstall(har)}" if har else "filen har ingen datarader"
            ingen = f"ingen rader for {arstall(mangler)}"
        trengs = f"; rapportåret {ar} trenger {ar - n + 1}–{ar}" if n > 1 else ""
        ut.append(Brudd(uttrekk.fil(tabell), None, kolonne, None, f"{ingen}{trengs} ({hva})"))
    return ut


def fortegnsadvarsler(uttrekk, ar: int) -> list[str]:
    """Kontoer med motsatt fortegn i år regnskapskontrollene ikke dekker (antall, aldri kontoer).

    Regnskapskontrollene (``regnskap.kontroller_arene``) dekker rapportåret og de to årene før,
    og der stopper et snudd fortegn bygget (kapitalkontoene går ikke opp). Andre år kan boka
    likevel vise (kostnad per vekttall i statistikkvedlegget). For hver konto (``artskonto``)
    er fortegnet på årssummen i de kontrollerte årene fasit, når det er det samme i dem alle;
    et annet år der summen har motsatt fortegn, gir en advarsel per år med antallet kontoer.
    """
    from arsrapport import regnskap

    r = uttrekk.tabeller.get("regnskap")
    if r is None or r.empty:
        return []
    sum_ = r.groupby(["artskonto", "ar"])["belop"].sum()
    fortegn = pd.Series(np.where(sum_.abs() < regnskap.ORE, 0, np.sign(sum_)), index=sum_.index)
    kontrollert = set(range(ar - regnskap.KONTROLL_AR + 1, ar + 1)) & {int(a) for a in r["ar"].unique()}
    i_kontrollert = fortegn.index.get_level_values("ar").isin(list(kontrollert))
    ref = fortegn[i_kontrollert & (fortegn != 0).to_numpy()].groupby(level="artskonto").agg(["min", "max"])
    fasit = ref.loc[ref["min"] == ref["max"], "min"]
    andre = fortegn[~i_kontrollert & (fortegn != 0).to_numpy()]
    konto = andre.index.get_level_values("artskonto")
    snudd = andre[konto.isin(fasit.index) & (andre.to_numpy() == -fasit.reindex(konto).to_numpy())]
    ut = []
    for a, n in snudd.groupby(level="ar").size().items():
        kontoer = "1 konto" if n == 1 else f"{n} kontoer"
        ut.append(
            f"{uttrekk.fil('regnskap')}: {kontoer} har i {a} motsatt fortegn av i årene regnskapskontrollene dekker "
            f"({arstall(kontrollert)}); {a} kontrolleres ikke, så sjekk fortegnet (utbetalinger positive, "
            "innbetalinger negative)"
        )
    return ut


def kontroller_rapportar(uttrekk, ar: int) -> list[str]:
    """Kontroller at uttrekket dekker rapportåret ``ar`` før noe beregnes.

    Kaster :class:`~arsrapport.innlesing.Rapportarfeil` (en ``Valideringsfeil``) med årene
    uttrekket dekker og hva som mangler for ``ar`` (:func:`rapportar_brudd`). Ellers legges
    advarslene for året (:func:`fortegnsadvarsler`) til ``uttrekk.advarsler``, og de gis tilbake.
    """
    brudd = rapportar_brudd(uttrekk, ar)
    if brudd:
        raise Rapportarfeil(ar, dekkede_ar(uttrekk), brudd, uttrekk.katalog)
    nye = [a for a in fortegnsadvarsler(uttrekk, ar) if a not in uttrekk.advarsler]
    uttrekk.advarsler.extend(nye)
    return nye
