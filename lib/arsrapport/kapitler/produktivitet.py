"""Produktivitet (3.2.13, Tabell 10–14 og Del VII tabell 1): behandlede saker, årsverk,
saker per årsverk, vekttall og kostnad per sak og per vekttall, nominelt og KPI-justert.

Definisjonene i datakontrakten:

- **vekttall**: summen over behandlede saker av vekten for sakens kategori (Asyl/Opphold) og
  avgjørelsesform, fra referansetabellen ``vekttall`` (gyldig ``ar_fra``–``ar_til``);
- **kostnad per sak**: årets regnskap på virksomhetens utgiftskapitler (``[virksomhet]`` i
  ``arsrapport.toml``; UNE: 0491) post 01 og 21 ÷ behandlede saker; **KPI-justert** til
  basisåret B, det første av de tre årene tabellene viser (Y − 2), med × KPI(B) ÷ KPI(Y);
- **saker per årsverk**: behandlede saker ÷ årsverk (alle, og saksenhetene + nemndlederne).

Et år uten regnskap (ingen rader på post 01 og 21) har ingen kjent kostnad: kostnadstallene
mangler for året i stedet for å bli 0.
"""

from __future__ import annotations

import pandas as pd

from arsrapport.grunn.config import les_innstillinger
from arsrapport.maal import saksbehandling as sb
from arsrapport.presentasjon.regnearkspek import ark
from arsrapport.presentasjon.tallspek import Tall

POSTER = ("01", "21")
ENHET_ID = {
    "Saksenhetene": "saksenhetene",
    "Nemndledere": "nemndledere",
    "Prosedyreenheten": "prosedyreenheten",
    "Øvrige UNE": "ovrige",
}
KATEGORI = {"Asylsaker": "Asyl", "Oppholdssaker": "Opphold"}


class ManglerReferanse(ValueError):
    """Referansetabellen mangler en verdi målet trenger (vekt eller KPI for et år)."""


def vekter(vekttall: pd.DataFrame, ar: int) -> dict[tuple[str, str], float]:
    """Vekten per (kategori, avgjørelsesform) som gjelder for året."""
    gjelder = vekttall.loc[(vekttall["ar_fra"] <= ar) & (vekttall["ar_til"] >= ar)]
    ut = {(str(r.kategori), str(r.avgjorelsesform)): float(r.vekt) for r in gjelder.itertuples()}
    if not ut:
        raise ManglerReferanse(f"vekttall: ingen vekter gjelder for {ar} (ar_fra–ar_til)")
    return ut


def vekttall_sum(saker: pd.DataFrame, vekttall: pd.DataFrame, ar: int) -> float:
    """Summen av vektene for årets behandlede saker. En behandlet sak uten vekt for sin
    kategori og form er en feil i referansetabellen, ikke en sak som teller null."""
    s = sb.med_avledede(saker) if "kategori" not in saker else saker
    b = s.loc[sb.er_behandlet(s, ar)]
    antall = b.groupby([b["kategori"].map(KATEGORI), b["avgjorelsesform"]], observed=True).size()
    v = vekter(vekttall, ar)
    mangler = [k for k in antall.index if k not in v]
    if mangler:
        raise ManglerReferanse(f"vekttall: ingen vekt for {', '.join(f'{k[0]}/{k[1]}' for k in mangler)} i {ar}")
    return float(sum(n * v[k] for k, n in antall.items()))


def regnskap_drift(regnskap: pd.DataFrame, ar: int, kapitler: tuple[str, ...] | None = None) -> float | None:
    """Årets regnskap på virksomhetens utgiftskapitler post 01 og 21 (kostnaden i kostnad per sak
    og per vekttall), eller ``None`` når regnskapet ikke har noen rader for året på disse postene:
    et år uten regnskap har ingen kjent kostnad, ikke kostnaden 0. ``kapitler``: standard er
    utgiftskapitlene i ``[virksomhet]`` i ``arsrapport.toml`` (UNE: 0491)."""
    if kapitler is None:
        kapitler = les_innstillinger().virksomhet.utgiftskapitler
    r = regnskap.loc[(regnskap["ar"] == ar) & regnskap["kapittel"].isin(kapitler) & regnskap["post"].isin(POSTER)]
    if r.empty:
        return None
    return float(r["belop"].sum())


def har_vekter(vekttall: pd.DataFrame, ar: int) -> bool:
    """Om referansetabellen har vekter som gjelder for året."""
    return bool(((vekttall["ar_fra"] <= ar) & (vekttall["ar_til"] >= ar)).any())


def kpi_faktor(kpi: pd.DataFrame, ar: int, basisar: int) -> float:
    """KPI(basisår) ÷ KPI(år): ganges med et beløp i årets kroner for å få basisårets kroner."""
    indeks = kpi.set_index("ar")["indeks"]
    for a in (ar, basisar):
        if a not in indeks.index:
            raise ManglerReferanse(f"kpi: mangler indeks for {a}")
    return float(indeks[basisar] / indeks[ar])


def arsverk(arsverk_tab: pd.DataFrame, ar: int) -> dict[str, float]:
    """Årsverk per enhet (``arsverk.<enhet>``), saksenhetene + nemndlederne, og totalen."""
    a = arsverk_tab.loc[arsverk_tab["ar"] == ar].groupby("enhet")["arsverk"].sum()
    ut = {f"arsverk.{ENHET_ID[e]}": float(v) for e, v in a.items() if e in ENHET_ID}
    ut["arsverk.saksenheter_nemndledere"] = ut.get("arsverk.saksenhetene", 0.0) + ut.get("arsverk.nemndledere", 0.0)
    ut["arsverk"] = float(a.sum())
    return ut


def figurer_for_ar(uttrekk, ar: int, basisar: int) -> dict[str, float]:
    """Tallene i Tabell 11, 12 og 14 (og vektene i Tabell 13) for ett år; kroner justeres med
    KPI til ``basisar`` (det første av årene tabellen viser)."""
    s = sb.med_avledede(uttrekk.saker)
    behandlet = sb.behandlet(s, ar)
    f: dict[str, float] = arsverk(uttrekk.arsverk, ar)
    if f["arsverk"]:
        f["saker_per_arsverk"] = behandlet / f["arsverk"]
    if f["arsverk.saksenheter_nemndledere"]:
        f["saker_per_arsverk.saksenheter_nemndledere"] = behandlet / f["arsverk.saksenheter_nemndledere"]
    for (kat, form), v in vekter(uttrekk.vekttall, ar).items():
        f[f"vekt.{'asylsaker' if kat == 'Asyl' else 'oppholdssaker'}.form.{form.lower()}"] = v
    vt = vekttall_sum(s, uttrekk.vekttall, ar)
    f["vekttall"] = vt
    if behandlet:
        f["vekttall_per_sak"] = vt / behandlet
    kost = regnskap_drift(uttrekk.regnskap, ar)
    if kost is not None:  # uten regnskap for året: ingen kostnadstall (ikke 0)
        faktor = kpi_faktor(uttrekk.kpi, ar, basisar)
        f["regnskap_post01_21"] = kost
        f["regnskap_post01_21_kpi"] = kost * faktor
        if behandlet:
            f["kostnad_per_sak"] = kost / behandlet
            f["kostnad_per_sak_kpi"] = kost * faktor / behandlet
        if vt:
            f["kostnad_per_vekttall"] = kost / vt
            f["kostnad_per_vekttall_kpi"] = kost * faktor / vt
    indeks = uttrekk.kpi.set_index("ar")["indeks"]
    if ar in indeks.index and ar - 1 in indeks.index:
        f["kpi.endring"] = float(indeks[ar] / indeks[ar - 1] - 1)
    return f


def vekttallskostnad(uttrekk, ar: int, antall_ar: int = 4) -> dict[int, dict[str, float]]:
    """Del VII tabell 1: produserte vekttall (``vekttall``) og gjennomsnittlig utgift per
    vekttall (``kostnad_per_vekttall``: regnskapet post 01 og 21 ÷ vekttallet, løpende kroner)
    for de ``antall_ar`` årene til og med ``ar``, samme definisjoner som i Tabell 14.

    Et år uten vekter i referansetabellen eller uten behandlede saker får ikke noe vekttall,
    og et år uten vekttall eller uten regnskap ingen utgift per vekttall: tallene mangler for
    året i stedet for å bli 0. En behandlet sak uten vekt for sin form i et år som har vekter,
    er fortsatt en feil i referansetabellen (:class:`ManglerReferanse`)."""
    s = sb.med_avledede(uttrekk.saker)
    ut: dict[int, dict[str, float]] = {}
    for a in range(ar - antall_ar + 1, ar + 1):
        f: dict[str, float] = {}
        if har_vekter(uttrekk.vekttall, a) and sb.behandlet(s, a):
            vt = vekttall_sum(s, uttrekk.vekttall, a)
            f["vekttall"] = vt
            kost = regnskap_drift(uttrekk.regnskap, a)
            if kost is not None and vt:
                f["kostnad_per_vekttall"] = kost / vt
        ut[a] = f
    return ut


ENDRINGER = (
    "arsverk",
    "arsverk.saksenhetene",
    "arsverk.nemndledere",
    "arsverk.saksenheter_nemndledere",
    "arsverk.prosedyreenheten",
    "arsverk.ovrige",
    "saker_per_arsverk",
    "saker_per_arsverk.saksenheter_nemndledere",
    "regnskap_post01_21",
    "regnskap_post01_21_kpi",
    "kostnad_per_sak",
    "kostnad_per_sak_kpi",
    "vekttall",
    "vekttall_per_sak",
    "kostnad_per_vekttall",
    "kostnad_per_vekttall_kpi",
)


def figurer(uttrekk, ar: int, antall_ar: int = 3) -> dict[int, dict[str, float]]:
    """Produktivitetstallene for de tre årene tabellene viser, med endring fra året før
    (``.endring``, relativ). KPI-justeringen bruker det første av årene som basis."""
    basis = ar - antall_ar + 1
    ut = {a: figurer_for_ar(uttrekk, a, basis) for a in range(basis, ar + 1)}
    _endringer(ut, ENDRINGER)
    return ut


def _endringer(f: dict[int, dict[str, float]], ider) -> None:
    """``<id>.endring`` (relativ endring fra året før) for hvert år som har året før i ``f``."""
    for a in sorted(f):
        for fid in ider:
            naa, for_ = f[a].get(fid), f.get(a - 1, {}).get(fid)
            if naa is not None and for_:
                f[a][f"{fid}.endring"] = naa / for_ - 1


# --- tabeller ----------------------------------------------------------------------

ENHET_NAVN = {
    "arsverk.saksenhetene": "Saksenhetene",
    "arsverk.nemndledere": "Nemndledere",
    "arsverk.saksenheter_nemndledere": "Saksenhetene og nemndlederne",
    "arsverk.prosedyreenheten": "Prosedyreenheten",
    "arsverk.ovrige": "Øvrige UNE",
    "arsverk": "UNE totalt",
}
FORM_NAVN = {
    "Stornemnd": "Stornemndmøte",
    "NMP": "Nemndmøte med personlig frammøte",
    "NUP": "Nemndmøte uten personlig frammøte",
    "NL": "Nemndleder uten nemndmøte",
    "SEK": "Sekretariatet",
}


def _tre_ar(f: dict[int, dict[str, float]], rader: dict[str, str], endring: bool = True) -> pd.DataFrame:
    """Én rad per id, én kolonne per år, og endringen fra året før for de to siste årene."""
    ar = sorted(f)
    tab = pd.DataFrame({"": list(rader.values())})
    for a in ar:
        tab[str(a)] = [f[a].get(fid) for fid in rader]
    if endring:
        for a in ar[1:]:
            tab[f"Endring {a - 1}–{str(a)[2:]}"] = [f[a].get(f"{fid}.endring") for fid in rader]
    return tab


#: Tabellene i ``tabeller.xlsx``: hvilke tabeller og figurer i boka (merket i ``:name:``)
#: hver tabell fra :func:`tabeller` er grunnlaget for, kildene og tallformater ut over
#: standardreglene (se :mod:`arsrapport.utdata.regneark`).
REGNEARK = {
    "tab-3-2-13-behandlet": ark("tab-3-2-13-behandlet"),
    "tab-3-2-13-arsverk": ark("tab-3-2-13-arsverk", kilder=("hr",), standard="desimal"),
    "tab-3-2-13-per-arsverk": ark("tab-3-2-13-per-arsverk", kilder=("saksregister", "hr"), standard="desimal"),
    "tab-3-2-13-vekter": ark("tab-3-2-13-vekter", kilder=("tildelingsbrev",), standard="tusendeler"),
    "tab-3-2-13-kostnad": ark(
        "tab-3-2-13-kostnad",
        kilder=("saksregister", "regnskap", "tildelingsbrev", "kpi"),
        standard="kroner",
        rader={"Vekttall": "desimal", "Vekttall per sak": "tusendeler"},
    ),
}


def tabeller(uttrekk, ar: int) -> dict[str, pd.DataFrame]:
    """Tabell 10–14 i 3.2.13, under nøklene i ``REGNEARK`` (arket i ``tabeller.xlsx`` får
    nummeret i boka som navn)."""
    s = sb.med_avledede(uttrekk.saker)
    f = figurer(uttrekk, ar)
    for a in f:  # behandlede saker per kategori (Tabell 10) hører til her også
        per_kat = sb.behandlet(s, a, "kategori")
        f[a]["behandlet.asylsaker"] = int(per_kat.get("Asylsaker", 0))
        f[a]["behandlet.oppholdssaker"] = int(per_kat.get("Oppholdssaker", 0))
        f[a]["behandlet"] = int(per_kat.sum())
    _endringer(f, ("behandlet.asylsaker", "behandlet.oppholdssaker", "behandlet"))
    vekt = vekter(uttrekk.vekttall, ar)
    return {
        "tab-3-2-13-behandlet": _tre_ar(
            f, {"behandlet.asylsaker": "Asylsaker", "behandlet.oppholdssaker": "Oppholdssaker", "behandlet": "Sum"}
        ),
        "tab-3-2-13-arsverk": _tre_ar(f, ENHET_NAVN),
        "tab-3-2-13-per-arsverk": _tre_ar(
            f,
            {
                "saker_per_arsverk.saksenheter_nemndledere": "Saksenhetene og nemndlederne",
                "saker_per_arsverk": "UNE totalt",
            },
        ),
        "tab-3-2-13-vekter": pd.DataFrame(
            {
                "Avgjørelsesform": list(FORM_NAVN.values()),
                "Vekt asylsaker": [vekt.get(("Asyl", k)) for k in FORM_NAVN],
                "Vekt oppholdssaker": [vekt.get(("Opphold", k)) for k in FORM_NAVN],
            }
        ),
        "tab-3-2-13-kostnad": _tre_ar(
            f,
            {
                "regnskap_post01_21": "Regnskap post 01 og 21 (kr)",
                "regnskap_post01_21_kpi": "Regnskap, faste kroner",
                "behandlet": "Behandlede saker",
                "kostnad_per_sak": "Kostnad per sak (kr)",
                "kostnad_per_sak_kpi": "Per sak, faste kroner",
                "vekttall": "Vekttall",
                "vekttall_per_sak": "Vekttall per sak",
                "kostnad_per_vekttall": "Kostnad per vekttall (kr)",
                "kostnad_per_vekttall_kpi": "Per vekttall, faste kroner",
            },
        ),
    }


# desimaler per rad i boka (kroner og saker hele tall; årsverk og vekttall som rapporten)
DESIMALER = {
    "tab-3-2-13-arsverk": 1,
    "tab-3-2-13-per-arsverk": 1,
    "Vekttall": 1,
    "Vekttall per sak": 3,
}


def for_boka(tab: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Tabellene med norsk formatering: tall per rad med sine desimaler, endringer i hele
    prosent, vektene med tre desimaler."""
    from arsrapport.presentasjon.formatering import prosent, tall

    def fmt_tabell(navn: str, t: pd.DataFrame) -> pd.DataFrame:
        ut = t.copy().astype(object)
        for i, rad in t.iterrows():
            des = DESIMALER.get(rad.iloc[0], DESIMALER.get(navn, 0))
            for kol in t.columns[1:]:
                v = rad[kol]
                if v is None or pd.isna(v):
                    ut.at[i, kol] = ""
                elif str(kol).startswith("Endring"):
                    ut.at[i, kol] = prosent(v, desimaler=0)
                else:
                    ut.at[i, kol] = tall(v, desimaler=des)
        return ut

    ut = {n: fmt_tabell(n, t) for n, t in tab.items() if n != "tab-3-2-13-vekter"}
    vekt = tab["tab-3-2-13-vekter"].copy().astype(object)
    for kol in ("Vekt asylsaker", "Vekt oppholdssaker"):
        vekt[kol] = ["" if v is None or pd.isna(v) else tall(v, desimaler=3) for v in tab["tab-3-2-13-vekter"][kol]]
    ut["tab-3-2-13-vekter"] = vekt
    return {n: ut[n] for n in tab}  # i tabellenes rekkefølge


# --- tallkatalogen ------------------------------------------------------------------
# Hver id kapittelet beregner, med enhet og definisjon (se arsrapport.utdata.tallkatalog).


_KPI = "i kroner fra det første av de tre årene Tabell 14 viser (rapportåret − 2; justert med KPI)"

TALL = [
    Tall(
        "arsverk[.{ledd}]",
        "arsverk",
        "Årsverk i året, for hele UNE eller enheten id-en angir (saksenhetene, nemndledere, prosedyreenheten, ovrige; "
        "saksenheter_nemndledere: de to første samlet).",
        "arsrapport.kapitler.produktivitet.arsverk",
    ),
    Tall(
        "saker_per_arsverk[.saksenheter_nemndledere]",
        "desimaltall",
        "Saker behandlet i året per årsverk, i hele UNE eller (saksenheter_nemndledere) per årsverk i "
        "saksenhetene og blant nemndlederne.",
        "arsrapport.kapitler.produktivitet.figurer_for_ar",
        desimaler=1,
    ),
    Tall(
        "vekt.{kategori}.{form}",
        "desimaltall",
        "Vekten en sak i kategorien får når den avgjøres i avgjørelsesformen id-en angir, slik den gjelder for "
        "året (referansetabellen vekttall).",
        "arsrapport.kapitler.produktivitet.vekter",
        desimaler=3,
    ),
    Tall(
        "vekttall",
        "desimaltall",
        "Produserte vekttall: summen av vektene for sakene behandlet i året.",
        "arsrapport.kapitler.produktivitet.vekttall_sum",
        desimaler=1,
    ),
    Tall(
        "vekttall_per_sak",
        "desimaltall",
        "Produserte vekttall i året per behandlet sak.",
        "arsrapport.kapitler.produktivitet.figurer_for_ar",
        desimaler=3,
    ),
    Tall(
        "regnskap_post01_21",
        "kroner",
        "Regnskapet for året på virksomhetens utgiftskapitler post 01 og 21, i løpende kroner.",
        "arsrapport.kapitler.produktivitet.regnskap_drift",
    ),
    Tall(
        "regnskap_post01_21_kpi",
        "kroner",
        f"Regnskapet for året på virksomhetens utgiftskapitler post 01 og 21, {_KPI}.",
        "arsrapport.kapitler.produktivitet.figurer_for_ar",
    ),
    Tall(
        "kostnad_per_sak",
        "kroner",
        "Regnskapet på virksomhetens utgiftskapitler post 01 og 21 per sak behandlet i året, i løpende kroner.",
        "arsrapport.kapitler.produktivitet.figurer_for_ar",
    ),
    Tall(
        "kostnad_per_sak_kpi",
        "kroner",
        f"Regnskapet på virksomhetens utgiftskapitler post 01 og 21 per sak behandlet i året, {_KPI}.",
        "arsrapport.kapitler.produktivitet.figurer_for_ar",
    ),
    Tall(
        "kostnad_per_vekttall",
        "kroner",
        "Regnskapet på virksomhetens utgiftskapitler post 01 og 21 per produserte vekttall i året, i løpende kroner "
        "(også Del VII tabell 1).",
        "arsrapport.kapitler.produktivitet.figurer_for_ar",
    ),
    Tall(
        "kostnad_per_vekttall_kpi",
        "kroner",
        f"Regnskapet på virksomhetens utgiftskapitler post 01 og 21 per produserte vekttall i året, {_KPI}.",
        "arsrapport.kapitler.produktivitet.figurer_for_ar",
    ),
    # bare endringen beregnes (kpi.endring); indeksen selv er grunnlaget for den
    Tall(
        "kpi",
        "desimaltall",
        "Konsumprisindeksen for året (SSB, tabellen kpi); boka bruker endringen fra året før.",
        "arsrapport.kapitler.produktivitet.figurer_for_ar",
        desimaler=1,
    ),
]
