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

from arsrapport import saksbehandling as sb
from arsrapport.kapittel_3_1 import FORM_ID, GRUPPE_ID, TYPE_ID, slug

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
_TELLINGER = ["mottatt", "behandlet", "henlagt", "omgjort", "beholdning_start", "beholdning",
              "over_ett_ar_start", "over_ett_ar", "tilknyttet_utvisning"] + [f"form_{f}" for f in FORM_ID.values()]
_SNITT = {"saksbehandlingstid": ("sum_tid", "behandlet"), "beholdning_alder": ("sum_alder", "beholdning"),
          "beholdning_alder_start": ("sum_alder_start", "beholdning_start")}


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
    return ut


def _samlet(kolonne: pd.Series, samlinger: dict[str, tuple[str, ...]], prefiks: str) -> pd.Series:
    ut = pd.Series(np.nan, index=kolonne.index, dtype="object")
    for navn, verdier in samlinger.items():
        ut = ut.mask(kolonne.isin(verdier), prefiks + navn)
    return ut


def indikatorer(saker: pd.DataFrame, ar: int) -> pd.DataFrame:
    """Per sak: tellinger (0/1) og summer for året ``ar``. ``saker`` må ha kolonnene fra
    :func:`arsrapport.saksbehandling.med_avledede`."""
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


def figurer_for_ar(saker: pd.DataFrame, ar: int) -> dict[str, float]:
    """Alle porteføljetallene for ett år, for hvert segment i :data:`DELINGER`, samlet og per
    behandlingstype, pluss tallene per nasjonalitet i :data:`NASJONALITETSUTVALG` og de eldste
    sakene (``beholdning_over_ett_ar``) for hele registeret."""
    s = sb.med_avledede(saker) if "omgjort" not in saker else saker
    seg = segmentkolonner(s)
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
    nasj = s["nasjonalitet"].map(slug)
    for maal, segment, kode in NASJONALITETSUTVALG:
        deling = next(d for d in DELINGER if segment in set(seg[d].dropna().unique()))
        maske = seg[deling].eq(segment) & (seg["type"].eq(kode) if kode else True)
        antall = ind.loc[maske, maal].groupby(nasj[maske]).sum()
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
    "ema_under_18": lambda s: s["saksgruppe"].eq("Asyl") & s["ema"].fillna(False).astype(bool)
    & s["under_18_ved_vedtak"].fillna(False).astype(bool),
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
    sakstype = ting["sak_id"].map(saker.drop_duplicates("sak_id").set_index("sak_id")["sakstype"])
    ikke_asyl = ting["sak_id"].map(saker.drop_duplicates("sak_id").set_index("sak_id")["saksgruppe"]).ne("Asyl")
    antall = sakstype[ikke_asyl].dropna().value_counts()
    return {f"rettssaker.nye.tingretten.sakstype.{SAKSTYPE_ID.get(t, slug(t))}": int(n) for t, n in antall.items()}
