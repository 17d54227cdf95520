"""Del VII, vedlegg med statistikk: produserte vekttall og utgift per vekttall de fire siste
årene (tabell 1, regnet i :func:`arsrapport.kapitler.produktivitet.vekttallskostnad`), avgjørelsesform
og omgjøring per sakskategori (tabell 2 og 3) og rettssaksstatistikken (tabell 5–8).

Tabell 3 viser omgjøringsandelene avrundet til nærmeste halve prosent, slik vedlegget
i den trykte rapporten gjør; ``figures.json`` får de uavrundede andelene."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from arsrapport.kapitler import produktivitet
from arsrapport.maal import rettssaker as rs
from arsrapport.maal import saksbehandling as sb
from arsrapport.presentasjon.regnearkspek import ark
from arsrapport.presentasjon.tallspek import Tall

KATEGORIER = {"Asylsaker": "asylsaker", "Oppholdssaker": "oppholdssaker"}
FORMER = {"NMP": "nmp", "NUP": "nup", "NL": "nl", "SEK": "sek"}
FORMNAVN = {
    "NMP": "Nemndmøte med frammøte",
    "NUP": "Nemndmøte uten frammøte",
    "NL": "Nemndleder",
    "SEK": "Sekretariatet",
}
FORSTE_AR_RETTSSAKER = 2017
VEKTTALL_AR = 4  # tabell 1 viser de fire siste årene


def naermeste_halve_prosent(andel: float) -> float:
    """Avrunding til nærmeste halve prosent, halvveis opp: 0,2124 → 0,21; 0,2125 → 0,215."""
    halve = (Decimal(str(andel)) * 200).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    return float(halve / 200)


def figurer(uttrekk, ar: int, sammenligningsar: int = 2) -> dict[int, dict[str, float]]:
    """``avgjort_andel.<kategori>.form.F`` og ``omgjoringsandel.<kategori>[.form.F]`` for
    rapportåret og sammenligningsårene, og ``vekttall`` og ``kostnad_per_vekttall`` for de
    fire årene i tabell 1."""
    s = sb.med_avledede(uttrekk.saker)
    ut: dict[int, dict[str, float]] = {
        a: f for a, f in produktivitet.vekttallskostnad(uttrekk, ar, VEKTTALL_AR).items() if f
    }
    for a in range(ar - sammenligningsar, ar + 1):
        f: dict[str, float] = ut.setdefault(a, {})
        andeler = sb.avgjorelsesform_andeler(s, a, "kategori")
        omgj = sb.omgjoringsandel(s, a, ["kategori", "avgjorelsesform"])
        omgj_kat = sb.omgjoringsandel(s, a, "kategori")
        for kat, kid in KATEGORIER.items():
            if kat in andeler.index:
                for form, fid in FORMER.items():
                    f[f"avgjort_andel.{kid}.form.{fid}"] = float(andeler.loc[kat, form])
            if kat in omgj_kat.index:
                f[f"omgjoringsandel.{kid}"] = float(omgj_kat[kat])
            for form, fid in FORMER.items():
                if (kat, form) in omgj.index:
                    f[f"omgjoringsandel.{kid}.form.{fid}"] = float(omgj[(kat, form)])
    return dict(sorted(ut.items()))


TABELL_1_RADER = {"vekttall": "Produserte vekttall", "kostnad_per_vekttall": "Utgift per vekttall (kr)"}
TABELL_1_DESIMALER = {"vekttall": 1, "kostnad_per_vekttall": 0}


def tabell_1(uttrekk, ar: int, antall_ar: int = VEKTTALL_AR) -> pd.DataFrame:
    """Produserte vekttall og gjennomsnittlig utgift per vekttall, én kolonne per år.
    Et år uten vekter eller regnskap får tomme celler (NaN), ikke 0."""
    f = produktivitet.vekttallskostnad(uttrekk, ar, antall_ar)
    tab = pd.DataFrame({"": list(TABELL_1_RADER.values())})
    for a in sorted(f):
        tab[str(a)] = [float(f[a].get(fid, float("nan"))) for fid in TABELL_1_RADER]
    return tab


def tabell_2(uttrekk, ar: int, antall_ar: int = 3) -> pd.DataFrame:
    """Behandlede saker fordelt på sakskategori og avgjørelsesform (andel av kategoriens vedtak)."""
    s = sb.med_avledede(uttrekk.saker)
    rader = []
    for kat in KATEGORIER:
        for form in FORMER:
            rad = {"Sakskategori": kat, "Avgjørelsesform": FORMNAVN[form]}
            for a in range(ar - antall_ar + 1, ar + 1):
                andeler = sb.avgjorelsesform_andeler(s.loc[s["kategori"].eq(kat)], a)
                rad[str(a)] = float(andeler[form])
            rader.append(rad)
    return pd.DataFrame(rader)


def tabell_3(uttrekk, ar: int, antall_ar: int = 3) -> pd.DataFrame:
    """Andel omgjorte saker per sakskategori og avgjørelsesform, til nærmeste halve prosent."""
    s = sb.med_avledede(uttrekk.saker)
    rader = []
    for kat in KATEGORIER:
        sk = s.loc[s["kategori"].eq(kat)]
        for form in [*FORMER, None]:
            rad = {"Sakskategori": kat, "Avgjørelsesform": FORMNAVN[form] if form else f"Sum {kat.lower()}"}
            for a in range(ar - antall_ar + 1, ar + 1):
                utvalg = sk if form is None else sk.loc[sk["avgjorelsesform"].eq(form)]
                andel = sb.omgjoringsandel(utvalg, a)
                rad[str(a)] = naermeste_halve_prosent(andel) if pd.notna(andel) else float("nan")
            rader.append(rad)
    return pd.DataFrame(rader)


def tabell_5(uttrekk, ar: int) -> pd.DataFrame:
    """Rettskraftige avgjørelser (dommer) per år."""
    rader = []
    for a in range(FORSTE_AR_RETTSSAKER, ar + 1):
        r = rs.rettskraftige(uttrekk.rettssaker, a)
        rader.append(
            {
                "År": str(a),
                "Medhold": r["medhold"],
                "Tap": r["tap"],
                "Totalt": r["rettskraftige"],
                "Andel medhold": r["medhold_andel"],
            }
        )
    return pd.DataFrame(rader)


def tabell_6(uttrekk, ar: int) -> pd.DataFrame:
    """Nye rettssaker per instans og år."""
    rader = []
    for a in range(FORSTE_AR_RETTSSAKER, ar + 1):
        n = rs.nye(uttrekk.rettssaker, a)
        rader.append(
            {
                "År": str(a),
                "Tingretten": n["tingretten"],
                "Lagmannsretten": n["lagmannsretten"],
                "Høyesterett": n["hoyesterett"],
                "Totalt": n["totalt"],
            }
        )
    return pd.DataFrame(rader)


def tabell_7(uttrekk, ar: int) -> pd.DataFrame:
    """Alle rettsavgjørelser i året, uavhengig av rettskraft: instans × utfall."""
    t = rs.avgjorelser(uttrekk.rettssaker, ar).reset_index()
    t.columns = [str(c) for c in t.columns]
    return t.rename(columns={"instans": "Instans"})


def tabell_8(uttrekk, ar: int) -> pd.DataFrame:
    """Hovedforhandlinger og dager i retten per år."""
    rader = []
    for a in range(FORSTE_AR_RETTSSAKER, ar + 1):
        r = rs.rettssaksarbeid(uttrekk.rettssaker, a)
        rader.append(
            {"År": str(a), "Hovedforhandlinger": r["hovedforhandlinger"], "Dager i retten": r["dager_i_retten"]}
        )
    return pd.DataFrame(rader)


#: Tabellene i ``tabeller.xlsx``: hvilke tabeller og figurer i boka (merket i ``:name:``)
#: hver tabell fra :func:`tabeller` er grunnlaget for, kildene og tallformater ut over
#: standardreglene (se :mod:`arsrapport.utdata.regneark`).
REGNEARK = {
    "tab-vii-vekttall": ark(
        "tab-vii-vekttall",
        kilder=("saksregister", "regnskap", "tildelingsbrev"),
        rader={TABELL_1_RADER["vekttall"]: "desimal", TABELL_1_RADER["kostnad_per_vekttall"]: "kroner"},
    ),
    "tab-vii-form": ark("tab-vii-form", standard="andel"),
    "tab-vii-omgjoring": ark("tab-vii-omgjoring", standard="andel"),
    "tab-vii-hjemmel": ark("tab-vii-hjemmel"),
    "tab-vii-hjemmel-type": ark("tab-vii-hjemmel-type"),
    "tab-vii-hjemmel-mottatt": ark("tab-vii-hjemmel-mottatt"),
    "tab-vii-hjemmel-behandlet": ark("tab-vii-hjemmel-behandlet"),
    "tab-vii-rettskraftige": ark("tab-vii-rettskraftige"),
    "tab-vii-nye": ark("tab-vii-nye"),
    "tab-vii-avgjorelser": ark("tab-vii-avgjorelser"),
    "tab-vii-arbeid": ark("tab-vii-arbeid"),
}


def tabeller(uttrekk, ar: int) -> dict[str, pd.DataFrame]:
    from arsrapport.maal.portefolje import tabell_hjemmel

    hjemmel = tabell_hjemmel(uttrekk.saker, ar)
    return {
        "tab-vii-vekttall": tabell_1(uttrekk, ar),
        "tab-vii-form": tabell_2(uttrekk, ar),
        "tab-vii-omgjoring": tabell_3(uttrekk, ar),
        "tab-vii-hjemmel": hjemmel["hjemmel"],
        "tab-vii-hjemmel-type": hjemmel["type"],
        "tab-vii-hjemmel-mottatt": hjemmel["mottatt_nasjonalitet"],
        "tab-vii-hjemmel-behandlet": hjemmel["behandlet_nasjonalitet"],
        "tab-vii-rettskraftige": tabell_5(uttrekk, ar),
        "tab-vii-nye": tabell_6(uttrekk, ar),
        "tab-vii-avgjorelser": tabell_7(uttrekk, ar),
        "tab-vii-arbeid": tabell_8(uttrekk, ar),
    }


def vis_tabell_1(tab: pd.DataFrame) -> pd.DataFrame:
    """Tabell 1 med norsk formatering: vekttall med én desimal, kroner i hele kroner, tomt
    der tallet mangler."""
    from arsrapport.presentasjon.formatering import tall

    desimaler = [TABELL_1_DESIMALER[fid] for fid in TABELL_1_RADER]
    ut = tab.copy().astype(object)
    for kol in tab.columns[1:]:
        ut[kol] = ["" if pd.isna(v) else tall(v, desimaler=d) for v, d in zip(tab[kol], desimaler)]
    return ut


def for_boka(tab: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Tabellene med norsk formatering (prosent med én desimal, tall med tusenskille)."""
    from arsrapport.presentasjon.tabeller import vis

    ar_kol = lambda t: [c for c in t.columns if c.isdigit()]  # noqa: E731
    return {
        "tab-vii-vekttall": vis_tabell_1(tab["tab-vii-vekttall"]),
        "tab-vii-form": vis(tab["tab-vii-form"], andeler=ar_kol(tab["tab-vii-form"])),
        "tab-vii-omgjoring": vis(tab["tab-vii-omgjoring"], andeler=ar_kol(tab["tab-vii-omgjoring"])),
        "tab-vii-rettskraftige": vis(tab["tab-vii-rettskraftige"], andeler=["Andel medhold"]),
        "tab-vii-nye": vis(tab["tab-vii-nye"]),
        "tab-vii-avgjorelser": vis(tab["tab-vii-avgjorelser"], strek_for_null=True),
        "tab-vii-arbeid": vis(tab["tab-vii-arbeid"]),
        "tab-vii-hjemmel": vis(tab["tab-vii-hjemmel"]),
        "tab-vii-hjemmel-type": vis(tab["tab-vii-hjemmel-type"]),
        "tab-vii-hjemmel-mottatt": vis(tab["tab-vii-hjemmel-mottatt"], strek_for_null=True),
        "tab-vii-hjemmel-behandlet": vis(tab["tab-vii-hjemmel-behandlet"], strek_for_null=True),
    }


# --- tallkatalogen ------------------------------------------------------------------
# Id-ene bare vedlegget beregner (se arsrapport.utdata.tallkatalog); vekttall, kostnad per vekttall
# og andelene per kategori som porteføljen i 3.2 også regner, står der.


TALL = [
    Tall(
        "omgjoringsandel.{kategori}.{form}",
        "andel",
        "Andel av sakene i kategorien behandlet i året i avgjørelsesformen id-en angir der vedtaket ble omgjort helt "
        "eller delvis (Del VII tabell 3, uavrundet).",
        "arsrapport.kapitler.vedlegg_statistikk.figurer",
    ),
    Tall(
        "avgjort_andel.{kategori}.form.nmp",
        "andel",
        "Andel av sakene i kategorien behandlet i året som ble avgjort i nemndmøte med personlig frammøte "
        "(Del VII tabell 2).",
        "arsrapport.kapitler.vedlegg_statistikk.figurer",
    ),
    Tall(
        "avgjort_andel.{kategori}.form.nup",
        "andel",
        "Andel av sakene i kategorien behandlet i året som ble avgjort i nemndmøte uten personlig frammøte "
        "(Del VII tabell 2).",
        "arsrapport.kapitler.vedlegg_statistikk.figurer",
    ),
]
