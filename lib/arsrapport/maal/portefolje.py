"""Porteføljeavsnittene i 3.2 (3.2.3 asyl, 3.2.5 opphold, 3.2.6 mindreårige og barnefamilier,
3.2.10 tilbakekall) og Del VII pkt. 6: de samme målene som i 3.1, men for delporteføljer.

En *delportefølje* (segment) er en saksgruppe, en kategori (asylsaker/oppholdssaker), et
asylspor, en sakstype eller en hjemmel; hver kan deles på behandlingstype (klage/omgjøring).
Figur-id-ene følger mønsteret ``mål.SEGMENT[.TYPE][.FILTER]`` i ``docs/figures.md``, f.eks.
``saksbehandlingstid.asyl_realitet.klage`` eller ``behandlet.sakstype.opphor_37.omgjoring``.

Alle tallene for et år regnes i én runde: hver sak får sine indikatorer for året (mottatt,
behandlet, i beholdning ved start og slutt, alder, saksbehandlingstid, …), og segmentene er
summer over dem (``groupby``), ikke ett filter per tall. Det holder boka rask også for
registre med millioner av saker.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from arsrapport.grunn.idledd import FORM_ID, GRUPPE_ID, TYPE_ID, slug
from arsrapport.grunn.minne import husk_per_tabell
from arsrapport.maal import saksbehandling as sb

# sakstype i registeret -> kvalifikator (de øvrige får sin slug)
SAKSTYPE_ID = {
    "Opphevelse av innreiseforbud": "opphevelse_innreiseforbud",
    "Tilbakekall utl. § 63": "tilbakekall_63",
    "Opphør utl. § 37": "opphor_37",
    "Tilbakekall statsborgerskap": "tilbakekall_statsborgerskap",
}
# samlebetegnelser for flere sakstyper (3.2.10 omtaler § 63 og § 37 sammen)
SAKSTYPE_SAMLET = {"tilbakekall_63_37": ("Tilbakekall utl. § 63", "Opphør utl. § 37")}
# hjemmel for det påklagede vedtaket (Del VII pkt. 6)
HJEMMEL_ID = {"utl_37_63": ("utl. § 37", "utl. § 63")}
SPOR_ID = {"Realitet": "asyl_realitet", "Dublin": "asyl_dublin", "Trygt tredjeland": "asyl_trygt_tredjeland"}
# andel per avgjørelsesform som porteføljeavsnittene viser (de øvrige formene er i 3.1)
VISTE_FORMER = ("nemndmote", "nl", "sek")
OVER_ETT_AR = 365  # «eldre enn ett år»: alder strengt over 365 dager

# tellinger (summeres) og summer som blir snitt (sum ÷ antall)
_TELLINGER = [
    "mottatt",
    "behandlet",
    "henlagt",
    "omgjort",
    "beholdning_start",
    "beholdning",
    "over_ett_ar_start",
    "over_ett_ar",
    "tilknyttet_utvisning",
] + [f"form_{f}" for f in FORM_ID.values()]
_SNITT = {
    "saksbehandlingstid": ("sum_tid", "behandlet"),
    "beholdning_alder": ("sum_alder", "beholdning"),
    "beholdning_alder_start": ("sum_alder_start", "beholdning_start"),
}


@husk_per_tabell
def segmentkolonner(saker: pd.DataFrame) -> pd.DataFrame:
    """Én kolonne per måte å dele registeret på, med segmentets kvalifikator (eller tom).

    ``gruppe`` (asyl, familie, …), ``kategori`` (asylsaker/oppholdssaker), ``spor``
    (asyl_realitet, asyl_dublin, asyl_trygt_tredjeland), ``realitet`` (asyl_realitet /
    asyl_ikke_realitet), ``sakstype`` (sakstype.S), ``sakstype_samlet`` og ``hjemmel``.
    """
    ut = pd.DataFrame(index=saker.index)
    ut["gruppe"] = saker["saksgruppe"].map(GRUPPE_ID)
    ut["kategori"] = np.where(saker["saksgruppe"].eq("Asyl"), "asylsaker", "oppholdssaker")
    asyl = saker["saksgruppe"].eq("Asyl")
    ut["spor"] = saker["asylspor"].map(SPOR_ID).where(asyl)
    ut["realitet"] = ut["spor"].where(ut["spor"].isna() | ut["spor"].eq("asyl_realitet"), "asyl_ikke_realitet")
    typer = saker["sakstype"].dropna().unique()
    navn = {t: "sakstype." + SAKSTYPE_ID.get(t, slug(t)) for t in typer}
    ut["sakstype"] = saker["sakstype"].map(navn).where(~asyl)
    ut["sakstype_samlet"] = _samlet(saker["sakstype"], SAKSTYPE_SAMLET, "sakstype.")
    ut["hjemmel"] = _samlet(saker["hjemmel"], HJEMMEL_ID, "hjemmel.")
    ut["type"] = saker["behandlingstype"].map(TYPE_ID)
    ut["nasjonalitet"] = _slug_kolonne(saker["nasjonalitet"])
    # kategorier: gruppering på koder i stedet for tekst (millioner av rader)
    return ut.astype("category")


def _slug_kolonne(kolonne: pd.Series) -> pd.Series:
    """``slug`` av hver verdi, regnet én gang per ulike verdi."""
    return kolonne.map({v: slug(v) for v in kolonne.dropna().unique()})


def _samlet(kolonne: pd.Series, samlinger: dict[str, tuple[str, ...]], prefiks: str) -> pd.Series:
    ut = pd.Series(np.nan, index=kolonne.index, dtype="object")
    for navn, verdier in samlinger.items():
        ut = ut.mask(kolonne.isin(verdier), prefiks + navn)
    return ut


def indikatorer(saker: pd.DataFrame, ar: int) -> pd.DataFrame:
    """Per sak: tellinger (0/1) og summer for året ``ar``. ``saker`` må ha kolonnene fra
    :func:`arsrapport.maal.saksbehandling.med_avledede`."""
    d, d0 = sb.sluttdato(ar), sb.sluttdato(ar - 1)
    beh = sb.er_behandlet(saker, ar).to_numpy()
    i_slutt = sb.er_i_beholdning(saker, d).to_numpy()
    i_start = sb.er_i_beholdning(saker, d0).to_numpy()
    alder_slutt = sb.alder(saker, d).to_numpy()
    alder_start = sb.alder(saker, d0).to_numpy()
    tid = saker["saksbehandlingstid"].to_numpy()
    ind = {
        "mottatt": sb.er_mottatt(saker, ar).to_numpy(),
        "behandlet": beh,
        "henlagt": sb.er_henlagt(saker, ar).to_numpy(),
        "omgjort": beh & saker["omgjort"].to_numpy(),
        "beholdning": i_slutt,
        "beholdning_start": i_start,
        "over_ett_ar": i_slutt & (alder_slutt > OVER_ETT_AR),
        "over_ett_ar_start": i_start & (alder_start > OVER_ETT_AR),
        "tilknyttet_utvisning": beh & saker["tilknyttet_utvisning"].fillna(False).to_numpy(dtype=bool),
    }
    form = saker["avgjorelsesform"].to_numpy()
    for f, fid in FORM_ID.items():
        ind[f"form_{fid}"] = beh & (form == f)
    ut = pd.DataFrame({k: v.astype("int64") for k, v in ind.items()}, index=saker.index)
    ut["sum_tid"] = np.where(beh, tid, 0.0)
    ut["sum_alder"] = np.where(i_slutt, alder_slutt, 0.0)
    ut["sum_alder_start"] = np.where(i_start, alder_start, 0.0)
    return ut


def nokkeltall(ind: pd.DataFrame, nokler: list[pd.Series] | None = None) -> pd.DataFrame:
    """Summer indikatorene per nøkkel (eller for alle) og regn ut snitt og andeler.

    Kolonner: tellingene, ``saksbehandlingstid``, ``beholdning_alder(_start)``,
    ``omgjoringsandel``, ``andel_form_F`` og ``form_nemndmote``/``andel_form_nemndmote``.
    Snitt og andeler er NaN der nevneren er 0.
    """
    if nokler is None:
        sum_ = ind.sum().to_frame().T
    else:
        sum_ = ind.groupby(nokler, observed=True, dropna=True).sum()
    ut = sum_[_TELLINGER].copy()
    ut["form_nemndmote"] = ut[["form_stornemnd", "form_nmp", "form_nup"]].sum(axis=1)
    for navn, (teller, nevner) in _SNITT.items():
        ut[navn] = sum_[teller] / sum_[nevner].where(sum_[nevner] > 0)
    b = ut["behandlet"].where(ut["behandlet"] > 0)
    ut["omgjoringsandel"] = ut["omgjort"] / b
    for fid in list(FORM_ID.values()) + ["nemndmote"]:
        ut[f"andel_form_{fid}"] = ut[f"form_{fid}"] / b
    return ut


def _ider(ut: dict, seg: str, rad: pd.Series) -> None:
    """Figur-id-ene for ett segment (``seg`` er f.eks. «asyl_realitet.klage»)."""
    for telling in ("mottatt", "behandlet", "henlagt", "omgjort", "beholdning", "beholdning_start"):
        ut[f"{telling}.{seg}"] = int(rad[telling])
    ut[f"beholdning_over_ett_ar.{seg}"] = int(rad["over_ett_ar"])
    ut[f"beholdning_over_ett_ar_start.{seg}"] = int(rad["over_ett_ar_start"])
    ut[f"beholdning.{seg}.endring_abs"] = int(rad["beholdning"] - rad["beholdning_start"])
    ut[f"behandlet.{seg}.form.nemndmote"] = int(rad["form_nemndmote"])
    for navn in ("saksbehandlingstid", "beholdning_alder", "beholdning_alder_start", "omgjoringsandel"):
        if pd.notna(rad[navn]):
            ut[f"{navn}.{seg}"] = float(rad[navn])
    if pd.notna(rad["beholdning_alder"]) and pd.notna(rad["beholdning_alder_start"]):
        ut[f"beholdning_alder.{seg}.endring_abs"] = float(rad["beholdning_alder"] - rad["beholdning_alder_start"])
    for fid in VISTE_FORMER:
        if pd.notna(rad[f"andel_form_{fid}"]):
            ut[f"avgjort_andel.{seg}.form.{fid}"] = float(rad[f"andel_form_{fid}"])
    if rad["tilknyttet_utvisning"]:
        ut[f"behandlet.{seg}.tilknyttet_utvisning"] = int(rad["tilknyttet_utvisning"])


def _typeandeler(ut: dict, seg: str, per_type: pd.DataFrame) -> None:
    """Andel klager og omgjøringsanmodninger av mottatte og behandlede i segmentet."""
    for maal in ("mottatt", "behandlet"):
        total = per_type[maal].sum()
        if total:
            for kode in ("klage", "omgjoring"):
                n = per_type[maal].get(kode, 0)
                ut[f"andel_{kode}_av_{maal}.{seg}"] = float(n / total)


DELINGER = ("gruppe", "kategori", "spor", "realitet", "sakstype", "sakstype_samlet", "hjemmel")
# (mål, segment, type): tallene per nasjonalitet porteføljeavsnittene omtaler
NASJONALITETSUTVALG = (
    ("mottatt", "asyl", "klage"),
    ("mottatt", "asyl_realitet", "klage"),
    ("mottatt", "asyl_ikke_realitet", "klage"),
    ("behandlet", "asyl_realitet", "klage"),
    ("behandlet", "asyl_realitet", "omgjoring"),
    ("behandlet", "tilbakekall", None),
)


def figurer_for_ar(saker: pd.DataFrame, ar: int, seg: pd.DataFrame | None = None) -> dict[str, float]:
    """Alle porteføljetallene for ett år, for hvert segment i :data:`DELINGER`, samlet og per
    behandlingstype, pluss tallene per nasjonalitet i :data:`NASJONALITETSUTVALG` og de eldste
    sakene (``beholdning_over_ett_ar``) for hele registeret. ``seg`` er
    :func:`segmentkolonner` (regnes ut her om den ikke er gitt; den er lik for alle år)."""
    s = sb.med_avledede(saker) if "omgjort" not in saker else saker
    seg = segmentkolonner(s) if seg is None else seg
    ind = indikatorer(s, ar)
    ut: dict[str, float] = {}
    alle = nokkeltall(ind).iloc[0]
    ut["beholdning_over_ett_ar"] = int(alle["over_ett_ar"])
    ut["beholdning_over_ett_ar_start"] = int(alle["over_ett_ar_start"])
    for deling in DELINGER:
        samlet = nokkeltall(ind, [seg[deling]])
        per_type = nokkeltall(ind, [seg[deling], seg["type"]])
        for navn, rad in samlet.iterrows():
            _ider(ut, navn, rad)
            _typeandeler(ut, navn, per_type.loc[navn])
        for (navn, kode), rad in per_type.iterrows():
            _ider(ut, f"{navn}.{kode}", rad)
    for maal, segment, kode in NASJONALITETSUTVALG:
        deling = next(d for d in DELINGER if segment in set(seg[d].dropna().unique()))
        maske = seg[deling].eq(segment) & (seg["type"].eq(kode) if kode else True)
        antall = ind.loc[maske, maal].groupby(seg.loc[maske, "nasjonalitet"], observed=True).sum()
        prefiks = f"{maal}.{segment}" + (f".{kode}" if kode else "")
        for land, n in antall.items():
            if n:
                ut[f"{prefiks}.nasjonalitet.{land}"] = int(n)
    return ut


def endringer(f: dict[int, dict[str, float]], ar: int) -> None:
    """``saksbehandlingstid.X.endring_abs``: endring i dager fra året før, for hvert segment."""
    naa, for_ = f.get(ar, {}), f.get(ar - 1, {})
    for fid in [k for k in naa if k.startswith("saksbehandlingstid.") and not k.endswith("endring_abs")]:
        if fid in for_:
            naa[f"{fid}.endring_abs"] = naa[fid] - for_[fid]


# --- mindreårige og barnefamilier (3.2.6) ------------------------------------------

POPULASJONER = {
    "ema": lambda s: s["saksgruppe"].eq("Asyl") & s["ema"].fillna(False).astype(bool),
    "ema_under_18": lambda s: (
        s["saksgruppe"].eq("Asyl")
        & s["ema"].fillna(False).astype(bool)
        & s["under_18_ved_vedtak"].fillna(False).astype(bool)
    ),
    "barnefamilie": lambda s: s["saksgruppe"].eq("Asyl") & s["barnefamilie"].fillna(False).astype(bool),
    "lengevarende_barn": lambda s: s["lengevarende_barn"].fillna(False).astype(bool),
}


def barn_og_familier(saker: pd.DataFrame, ar: int) -> dict[str, float]:
    """3.2.6: behandlede saker med enslige mindreårige (EMA), de som fortsatt var under 18 ved
    vedtaket, barnefamilier og lengeværende barn: antall saker (per type og asylspor), personer,
    familier, omgjorte, saksbehandlingstid, andel avgjort i nemndmøte og av nemndleder."""
    s = sb.med_avledede(saker) if "omgjort" not in saker else saker
    ut: dict[str, float] = {}
    beh = sb.er_behandlet(s, ar)
    for pop, utvalg in POPULASJONER.items():
        b = s.loc[beh & utvalg(s)]
        n = len(b)
        ut[f"{pop}.behandlet"] = n
        ut[f"{pop}.omgjort"] = int(b["omgjort"].sum())
        ut[f"{pop}.personer"] = int(b["person_id"].nunique())
        ut[f"{pop}.familier"] = int(b["familie_id"].dropna().nunique())
        if n:
            ut[f"{pop}.saksbehandlingstid"] = float(b["saksbehandlingstid"].mean())
            ut[f"{pop}.omgjoringsandel"] = float(b["omgjort"].mean())
            ut[f"{pop}.avgjort_andel.form.nemndmote"] = float(b["nemndmote"].mean())
            for form, fid in FORM_ID.items():
                ut[f"{pop}.avgjort_andel.form.{fid}"] = float(b["avgjorelsesform"].eq(form).mean())
        for typ, kode in TYPE_ID.items():
            bt = b.loc[b["behandlingstype"].eq(typ)]
            ut[f"{pop}.behandlet.{kode}"] = len(bt)
            if n:
                ut[f"{pop}.andel_{kode}_av_behandlet"] = len(bt) / n
            if len(bt):
                ut[f"{pop}.saksbehandlingstid.{kode}"] = float(bt["saksbehandlingstid"].mean())
        for spor, sid in SPOR_ID.items():
            bs = b.loc[b["asylspor"].eq(spor)]
            ut[f"{pop}.behandlet.{sid}"] = len(bs)
            ut[f"{pop}.omgjort.{sid}"] = int(bs["omgjort"].sum())
    return ut


def nye_rettssaker_per_sakstype(rettssaker: pd.DataFrame, saker: pd.DataFrame, ar: int) -> dict[str, int]:
    """3.2.10: nye saker i tingretten (stevning mottatt i ``ar``) etter sakstypen til nemndas
    sak, ``rettssaker.nye.tingretten.sakstype.S``. Rettssaker uten kjent sak telles ikke."""
    ting = rettssaker.loc[rettssaker["instans"].eq("Tingretten") & sb._i_aret(rettssaker["innkommet_dato"], ar)]
    # bare sakene rettssakene viser til (ikke et oppslag over hele registeret)
    oppslag = saker.loc[saker["sak_id"].isin(ting["sak_id"]), ["sak_id", "sakstype", "saksgruppe"]].set_index("sak_id")
    sakstype = ting["sak_id"].map(oppslag["sakstype"])
    ikke_asyl = ting["sak_id"].map(oppslag["saksgruppe"]).ne("Asyl")
    antall = sakstype[ikke_asyl].dropna().value_counts()
    # alle sakstyper i registeret, også de uten nye rettssaker (0 er et svar)
    typer = saker.loc[saker["saksgruppe"].ne("Asyl"), "sakstype"].dropna().unique()
    return {
        f"rettssaker.nye.tingretten.sakstype.{SAKSTYPE_ID.get(t, slug(t))}": int(antall.get(t, 0))
        for t in sorted(typer)
    }


# --- tabeller ----------------------------------------------------------------------

OVERSIKT_KOLONNER = {
    "mottatt": "Mottatt",
    "behandlet": "Behandlet",
    "henlagt": "Henlagt",
    "beholdning_start": "Ubehandlet 31.12. i fjor",
    "beholdning": "Ubehandlet 31.12.",
    "beholdning_alder_start": "Snittalder i fjor (dager)",
    "beholdning_alder": "Snittalder (dager)",
    "saksbehandlingstid": "Saksbehandlingstid (dager)",
    "omgjoringsandel": "Andel omgjort",
    "andel_form_nemndmote": "Andel i nemndmøte",
}
TYPE_NAVN = {"Klage": "klager", "Omgjøringsanmodning": "omgjøringsanmodninger"}


def oversikt(saker: pd.DataFrame, ar: int, nokkel: pd.Series, rekkefolge: list[str] | None = None) -> pd.DataFrame:
    """Nøkkeltall for året per verdi av ``nokkel`` (en etikett per sak, NaN = ikke med):
    mottatt, behandlet, henlagt, ubehandlet ved start og slutt og snittalderen deres,
    saksbehandlingstid, andel omgjort og andel avgjort i nemndmøte."""
    s = sb.med_avledede(saker) if "omgjort" not in saker else saker
    tab = nokkeltall(indikatorer(s, ar), [nokkel.rename("nokkel")])[list(OVERSIKT_KOLONNER)]
    if rekkefolge is not None:
        tab = tab.reindex([r for r in rekkefolge if r in tab.index])
    tab = tab.rename(columns=OVERSIKT_KOLONNER)
    tab.index.name = ""
    return tab.reset_index()


def _med_type(etikett: pd.Series, saker: pd.DataFrame) -> pd.Series:
    return etikett + ", " + saker["behandlingstype"].map(TYPE_NAVN)


def tabell_asylspor(saker: pd.DataFrame, ar: int) -> pd.DataFrame:
    """3.2.3: asylsakene etter spor (realitetsbehandlet / Dublin og trygt tredjeland) og type."""
    seg = segmentkolonner(saker)
    navn = (
        seg["realitet"]
        .astype(object)
        .map({"asyl_realitet": "Realitetsbehandlet", "asyl_ikke_realitet": "Dublin og trygt tredjeland"})
    )
    nokkel = _med_type(navn, saker)
    rekke = [f"{n}, {t}" for n in ("Realitetsbehandlet", "Dublin og trygt tredjeland") for t in TYPE_NAVN.values()]
    return oversikt(saker, ar, nokkel, rekke).rename(columns={"": "Asylsaker"})


def tabell_grupper_opphold(saker: pd.DataFrame, ar: int) -> pd.DataFrame:
    """3.2.5: oppholdssakene per saksgruppe og type, og samlet."""
    grupper = [g for g in GRUPPE_ID if g not in ("Asyl", "Diverse")]
    opph = saker["saksgruppe"].ne("Asyl")
    nokkel = _med_type(saker["saksgruppe"].where(saker["saksgruppe"].isin(grupper)), saker)
    samlet = pd.Series(np.where(opph, "Oppholdssaker samlet", None), index=saker.index).where(opph)
    rekke = [f"{g}, {t}" for g in grupper for t in TYPE_NAVN.values()]
    tab = pd.concat([oversikt(saker, ar, nokkel, rekke), oversikt(saker, ar, samlet)], ignore_index=True)
    return tab.rename(columns={"": "Saksgruppe"})


def tabell_sakstyper(saker: pd.DataFrame, ar: int, gruppe: str) -> pd.DataFrame:
    """Figur 17 og 18 og 3.2.10: en saksgruppe per sakstype, flest behandlede først."""
    i_gruppe = saker["saksgruppe"].eq(gruppe)
    tab = oversikt(saker, ar, saker["sakstype"].where(i_gruppe))
    tab = tab.sort_values(["Behandlet", "Mottatt"], ascending=False, kind="stable").reset_index(drop=True)
    return tab.rename(columns={"": "Sakstype"})


def tabell_beholdning_per_ar(saker: pd.DataFrame, ar: int, asyl: bool, antall_ar: int = 3) -> pd.DataFrame:
    """Tabell 6 (asyl) og 8 (opphold): ubehandlede saker per 31.12. de siste årene, per type."""
    s = saker.loc[saker["saksgruppe"].eq("Asyl") == asyl]
    samlet = "Asylsaker samlet" if asyl else "Oppholdssaker samlet"
    kol = {}
    for a in range(ar - antall_ar + 1, ar + 1):
        per_type = sb.beholdning(s, sb.sluttdato(a), "behandlingstype").reindex(list(TYPE_NAVN), fill_value=0)
        kol[f"31.12.{a}"] = [int(per_type.sum()), *(int(v) for v in per_type)]
    rader = [samlet, *(f"– {t}" for t in TYPE_NAVN.values())]
    return pd.DataFrame({"": rader, **kol})


def tabell_tid_per_ar(saker: pd.DataFrame, ar: int, asyl: bool, antall_ar: int = 3) -> pd.DataFrame:
    """Figur 13 (asyl) og 16 (opphold): snitt saksbehandlingstid per år, per type og samlet."""
    s = saker.loc[saker["saksgruppe"].eq("Asyl") == asyl]
    rader = []
    for a in range(ar - antall_ar + 1, ar + 1):
        per_type = sb.saksbehandlingstid(s, a, "behandlingstype")
        rader.append(
            {
                "År": a,
                "Klager": per_type.get("Klage", np.nan),
                "Omgjøringsanmodninger": per_type.get("Omgjøringsanmodning", np.nan),
                "Samlet": sb.saksbehandlingstid(s, a),
            }
        )
    return pd.DataFrame(rader)


def tabell_alder_per_gruppe(saker: pd.DataFrame, ar: int) -> pd.DataFrame:
    """Figur 15: snittalder på ubehandlede oppholdssaker (klager og anmodninger) per gruppe,
    31.12. i fjor og i år."""
    grupper = [g for g in GRUPPE_ID if g not in ("Asyl", "Diverse")]
    s = saker.loc[saker["saksgruppe"].isin(grupper)]
    tab = pd.DataFrame(
        {
            f"31.12.{ar - 1}": sb.snitt_alder(s, sb.sluttdato(ar - 1), "saksgruppe"),
            f"31.12.{ar}": sb.snitt_alder(s, sb.sluttdato(ar), "saksgruppe"),
        }
    ).reindex(grupper)
    tab.index.name = "Saksgruppe"
    return tab.reset_index()


def tabell_hjemmel(saker: pd.DataFrame, ar: int) -> dict[str, pd.DataFrame]:
    """Del VII pkt. 6 (figur 4–8 som tabeller): tilbakekallssakene der det påklagede vedtaket
    har hjemmel i utl. § 37 eller § 63 – per hjemmel, per type, per nasjonalitet (de ti
    største), og de omgjorte per hjemmel."""
    s = sb.med_avledede(saker) if "omgjort" not in saker else saker
    utvalg = s["hjemmel"].isin(HJEMMEL_ID["utl_37_63"])
    hjemmel = s["hjemmel"].where(utvalg)
    m, b = sb.er_mottatt(s, ar) & utvalg, sb.er_behandlet(s, ar) & utvalg

    def telling(nokkel: pd.Series) -> pd.DataFrame:
        return (
            pd.DataFrame(
                {
                    "Mottatt": nokkel[m].value_counts(),
                    "Behandlet": nokkel[b].value_counts(),
                    "Omgjort": nokkel[b & s["omgjort"]].value_counts(),
                }
            )
            .fillna(0)
            .astype("int64")
        )

    per_hjemmel = telling(hjemmel).sort_index(kind="stable")
    per_type = telling(s["behandlingstype"].map(TYPE_NAVN).str.capitalize().where(utvalg)).sort_index(kind="stable")
    mottatt = pd.crosstab(s.loc[m, "nasjonalitet"], s.loc[m, "hjemmel"])
    behandlet = pd.crosstab(s.loc[b, "nasjonalitet"], s.loc[b, "hjemmel"])

    def topp(tab: pd.DataFrame) -> pd.DataFrame:
        tab = tab.assign(Sum=tab.sum(axis=1)).sort_values("Sum", ascending=False, kind="stable")
        tab.columns.name = None
        ovrige = tab.iloc[10:].sum().rename("Øvrige")
        tab = pd.concat([tab.iloc[:10], ovrige.to_frame().T]) if len(tab) > 10 else tab
        tab.index.name = "Nasjonalitet"
        return tab.reset_index()

    def ut(tab: pd.DataFrame, navn: str) -> pd.DataFrame:
        tab = tab.copy()
        tab.loc["Sum"] = tab.sum()
        tab.index.name = navn
        return tab.reset_index()

    return {
        "hjemmel": ut(per_hjemmel, "Hjemmel"),
        "type": ut(per_type, "Behandlingstype"),
        "mottatt_nasjonalitet": topp(mottatt),
        "behandlet_nasjonalitet": topp(behandlet),
    }


# --- tekster med navn (nasjonaliteter, sakstyper) ----------------------------------


def oppramsing(antall: pd.Series, n: int = 3, enhet: str = "") -> str:
    """«Georgia (23), Tyrkia (23) og Somalia (22)»: de ``n`` første i en sortert telling."""
    from arsrapport.presentasjon.formatering import tall

    deler = [f"{navn} ({tall(v)}{enhet})" for navn, v in antall.head(n).items()]
    if len(deler) <= 1:
        return "".join(deler)
    return ", ".join(deler[:-1]) + " og " + deler[-1]


def _topp(verdier: pd.Series) -> pd.Series:
    """Telling sortert synkende, lik telling alfabetisk (deterministisk)."""
    t = verdier.value_counts()
    return (
        t.rename_axis("navn")
        .reset_index(name="n")
        .sort_values(["n", "navn"], ascending=[False, True], kind="stable")
        .set_index("navn")["n"]
    )


def tekster(saker: pd.DataFrame, ar: int) -> dict[str, str]:
    """Tekstbitene porteføljeavsnittene trenger der navnene også er beregnet: de største
    nasjonalitetene og sakstypene, som ferdige norske oppramsinger (``t.topp.*``)."""
    from arsrapport.presentasjon.formatering import tall

    s = sb.med_avledede(saker) if "omgjort" not in saker else saker
    seg = segmentkolonner(s)
    beh, mott = sb.er_behandlet(s, ar), sb.er_mottatt(s, ar)
    klage, omg = seg["type"].eq("klage"), seg["type"].eq("omgjoring")
    realitet, ikke_realitet = seg["realitet"].eq("asyl_realitet"), seg["realitet"].eq("asyl_ikke_realitet")
    ut = {
        "t.topp.behandlet.asyl_realitet.klage": oppramsing(_topp(s.loc[beh & realitet & klage, "nasjonalitet"])),
        "t.topp.behandlet.asyl_realitet.omgjoring": oppramsing(_topp(s.loc[beh & realitet & omg, "nasjonalitet"])),
        "t.topp.behandlet.tilbakekall": oppramsing(
            _topp(s.loc[beh & seg["gruppe"].eq("tilbakekall"), "nasjonalitet"]), n=1
        ),
    }
    # største nasjonalitet blant mottatte asylklager, og hvor mange av dem som ble realitetsbehandlet
    asylklager = s.loc[mott & seg["gruppe"].eq("asyl") & klage]
    if len(asylklager):
        land = _topp(asylklager["nasjonalitet"]).index[0]
        fra_land = asylklager["nasjonalitet"].eq(land)
        ut["t.topp.mottatt.asyl.klage.land"] = land
        ut["t.topp.mottatt.asyl.klage.antall"] = tall(int(fra_land.sum()))
        ut["t.topp.mottatt.asyl.klage.realitet"] = tall(int((fra_land & realitet[asylklager.index]).sum()))
        ut["t.topp.mottatt.asyl.klage.ikke_realitet"] = tall(int((fra_land & ikke_realitet[asylklager.index]).sum()))
    for gruppe, navn in (("Arbeid/opphold", "arbeid_opphold"), ("Andre saker", "andre")):
        i_gruppe = s["saksgruppe"].eq(gruppe)
        ut[f"t.topp.behandlet.{navn}.sakstype"] = oppramsing(_topp(s.loc[beh & i_gruppe, "sakstype"]))
        ut[f"t.topp.mottatt.{navn}.sakstype"] = oppramsing(_topp(s.loc[mott & i_gruppe, "sakstype"]))
        tid = s.loc[beh & i_gruppe].groupby("sakstype")["saksbehandlingstid"].agg(["mean", "size"])
        tid = tid.loc[tid["size"] >= 10, "mean"]  # små sakstyper gir tilfeldige ytterpunkter
        if len(tid):
            ut[f"t.lengst.{navn}.sakstype"] = _ytterpunkt(tid, tid.max())
            ut[f"t.kortest.{navn}.sakstype"] = _ytterpunkt(tid, tid.min())
    return ut


def _ytterpunkt(tid: pd.Series, verdi: float) -> str:
    """«Visum (186 dager)», eller alle sakstypene som har nøyaktig den tiden: «Reisedokument og
    Visum (186 dager)». Ved likhet nevnes alle, alfabetisk, aldri én tilfeldig av dem."""
    from arsrapport.presentasjon.formatering import dager

    navn = sorted(tid.index[tid.eq(verdi)])
    liste = navn[0] if len(navn) == 1 else ", ".join(navn[:-1]) + " og " + navn[-1]
    return f"{liste} ({dager(verdi)})"
