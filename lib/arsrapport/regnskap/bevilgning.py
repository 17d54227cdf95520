"""Bevilgningsrapporteringen (regnskapet per kapittel og post mot samlet tildeling), Note A
(samlet tildeling = overført fra i fjor + årets tildelinger) og Note B (brukte fullmakter og
mulig overførbart beløp).
"""

from __future__ import annotations

import re

import pandas as pd

from arsrapport.grunn.config import Virksomhet, les_innstillinger
from arsrapport.regnskap.feil import ManglerGrunnlag
from arsrapport.regnskap.oppsett import DRIFTSPOSTER, KAPITTELNAVN, OVERFORING_DRIFT


def er_inntektskapittel(kapittel: str) -> bool:
    """Kapittel 3000–5999 er inntektskapitler i statsbudsjettet; lavere nummer er utgifter."""
    return int(kapittel) >= 3000


def note_a(tildeling: pd.DataFrame, ar: int) -> pd.DataFrame:
    """Note A: per kapittel og post overført fra i fjor, årets tildelinger og samlet tildeling."""
    t = tildeling.loc[tildeling["ar"] == ar].copy()
    t["samlet"] = t["overfort_fra_i_fjor"] + t["arets_tildelinger"]
    return t[["kapittel", "post", "posttekst", "overfort_fra_i_fjor", "arets_tildelinger", "samlet"]].reset_index(
        drop=True
    )


def kapittelnavn(kapittel: str, virksomhet: Virksomhet | None = None) -> str:
    """Navnet ved kapittelet i bevilgningsrapporteringen: virksomhetens navn for dens egne
    kapitler (``[virksomhet]`` i ``arsrapport.toml``, eller ``virksomhet``), felleskapitlenes
    navn i statsbudsjettet, ellers tomt."""
    v = virksomhet or les_innstillinger().virksomhet
    return v.navn if kapittel in v.kapitler else KAPITTELNAVN.get(kapittel, "")


def bevilgningsrapportering(
    regnskap: pd.DataFrame, tildeling: pd.DataFrame, ar: int, virksomhet: Virksomhet | None = None
) -> pd.DataFrame:
    """Én rad per kapittel og post med tildeling eller regnskap i året: ``inntekt`` (inntekts-
    kapittel), ``kapittelnavn`` (:func:`kapittelnavn`), ``samlet_tildeling``, ``regnskap``
    (inntekter positive) og ``merutgift`` (samlet tildeling − regnskap; negativ er merutgift) for
    postene med tildeling."""
    virksomhet = virksomhet or les_innstillinger().virksomhet
    r = regnskap.loc[regnskap["ar"] == ar]
    belop = r.groupby(["kapittel", "post"])["belop"].sum()
    a = note_a(tildeling, ar).set_index(["kapittel", "post"])
    nokler = sorted(set(belop.index) | set(a.index), key=lambda k: (er_inntektskapittel(k[0]), k))
    rader = []
    for kap, post in nokler:
        inntekt = er_inntektskapittel(kap)
        regn = float(belop.get((kap, post), 0.0)) * (-1 if inntekt else 1)
        har_tildeling = (kap, post) in a.index
        tildelt = float(a.at[(kap, post), "samlet"]) if har_tildeling else 0.0
        rader.append(
            {
                "kapittel": kap,
                "kapittelnavn": kapittelnavn(kap, virksomhet),
                "post": post,
                "posttekst": str(a.at[(kap, post), "posttekst"]) if har_tildeling else "",
                "note": "A, B" if har_tildeling else "",
                "inntekt": inntekt,
                "samlet_tildeling": tildelt,
                "regnskap": regn,
                "merutgift": tildelt - regn if har_tildeling else None,
            }
        )
    return pd.DataFrame(
        rader,
        columns=[
            "kapittel",
            "kapittelnavn",
            "post",
            "posttekst",
            "note",
            "inntekt",
            "samlet_tildeling",
            "regnskap",
            "merutgift",
        ],
    )


def bevilgning_summer(bev: pd.DataFrame) -> dict[str, float]:
    """Sum utgiftsført og inntektsført (tildeling og regnskap) og netto rapportert."""
    utg, innt = bev.loc[~bev["inntekt"]], bev.loc[bev["inntekt"]]
    return {
        "sum_utgiftsfort.samlet_tildeling": float(utg["samlet_tildeling"].sum()),
        "sum_utgiftsfort": float(utg["regnskap"].sum()),
        "sum_inntektsfort.samlet_tildeling": float(innt["samlet_tildeling"].sum()),
        "sum_inntektsfort": float(innt["regnskap"].sum()),
        "netto_rapportert": float(utg["regnskap"].sum() - innt["regnskap"].sum()),
    }


# «kan nyttes under post 21», «kan benyttes under postene 21 og 45»
_NYTTES_UNDER = re.compile(
    r"kan\s+(?:be)?nyttes\s+under\s+post(?:ene)?\s+(\d{2}(?:\s*(?:,|og)\s*\d{2})*)", re.IGNORECASE
)


def _kan_nyttes_under(stikkord) -> set[str]:
    """Postene en posts bevilgning kan nyttes under, etter stikkordet."""
    if not isinstance(stikkord, str):
        return set()
    return {p for liste in _NYTTES_UNDER.findall(stikkord) for p in re.findall(r"\d{2}", liste)}


def note_b(bev: pd.DataFrame, tildeling: pd.DataFrame, fullmakter: pd.DataFrame, ar: int) -> pd.DataFrame:
    """Note B: brukte fullmakter og mulig overførbart beløp, per post med tildeling.

    - merutgift (−)/mindreutgift: samlet tildeling − regnskap (fra bevilgningsrapporteringen);
    - utgiftsført av andre etter avgitte belastningsfullmakter: −``avgitte_belastningsfullmakter``;
    - grunnlag for overføring = merutgift etter belastningsfullmakter + merinntekter +
      omdisponering − innsparinger;
    - maks overførbart: ``maks_overforbart`` når det er fylt ut, ellers 5 % av årets tildeling for
      driftspostene 01–29 (unntatt 24), og for andre poster med stikkordet «kan overføres» summen
      av årets og fjorårets tildeling (0 for en post uten rad i fjor når ``tildeling`` har rader
      for fjoråret; uten noen rader for fjoråret er den ukjent: :class:`ManglerGrunnlag`); andre
      poster kan ikke overføre noe;
    - mulig overførbart: en merutgift på en post dekkes først av mindreutgiften på en post i samme
      kapittel hvis bevilgning kan nyttes under den (stikkordet «kan nyttes under post NN» på
      posten som dekker, også «postene NN og MM»), se :func:`_mulig_overforbart` for rekkefølgen;
      deretter er et positivt grunnlag begrenset av maks overførbart, og en merutgift som ikke er
      dekket, står igjen som negativt beløp.
    """
    t = tildeling.loc[tildeling["ar"] == ar].set_index(["kapittel", "post"])
    f = fullmakter.loc[fullmakter["ar"] == ar].set_index(["kapittel", "post"])
    ukjente = [k for k in f.index if k not in t.index]
    if ukjente:
        raise ManglerGrunnlag(
            "fullmakter: "
            + ", ".join(f"kapittel {k} post {p}" for k, p in ukjente)
            + f" har ingen tildeling i {ar} (tildeling)"
        )
    i_fjor = tildeling.loc[tildeling["ar"] == ar - 1]
    fjor = i_fjor.groupby(["kapittel", "post"])["arets_tildelinger"].sum()
    merutgift = bev.set_index(["kapittel", "post"])["merutgift"]

    def fra_fullmakter(k, kol) -> float:
        if k not in f.index or kol not in f.columns:
            return 0.0
        v = f.at[k, kol]
        return 0.0 if pd.isna(v) else float(v)

    rader = []
    for k in t.index:
        kap, post = k
        mer = float(merutgift.get(k, t.at[k, "overfort_fra_i_fjor"] + t.at[k, "arets_tildelinger"]))
        belastning = -fra_fullmakter(k, "avgitte_belastningsfullmakter") or 0.0
        etter = mer + belastning
        merinntekter = fra_fullmakter(k, "merinntekter")
        omdisponering = fra_fullmakter(k, "omdisponering")
        innsparinger = -fra_fullmakter(k, "innsparinger") or 0.0  # aldri −0
        grunnlag = etter + merinntekter + omdisponering + innsparinger
        maks_fylt = k in f.index and "maks_overforbart" in f.columns and pd.notna(f.at[k, "maks_overforbart"])
        if maks_fylt:
            maks = float(f.at[k, "maks_overforbart"])
        elif post in DRIFTSPOSTER:
            maks = OVERFORING_DRIFT * float(t.at[k, "arets_tildelinger"])
        elif "kan overføres" in str(t.at[k, "stikkord"] or "").lower():
            # dekker tildeling fjoråret, er fjorårets tildeling på en post uten rad 0; ellers er
            # den ukjent, og maks overførbart må fylles ut
            if i_fjor.empty:
                raise ManglerGrunnlag(
                    f"Note B: kapittel {kap} post {post} har stikkordet «kan overføres», men tildeling har "
                    f"ingen rader for {ar - 1}; fyll ut maks_overforbart i fullmakter"
                )
            maks = float(t.at[k, "arets_tildelinger"]) + float(fjor.get(k, 0.0))
        else:
            maks = 0.0
        rader.append(
            {
                "kapittel": kap,
                "post": post,
                "stikkord": t.at[k, "stikkord"] if pd.notna(t.at[k, "stikkord"]) else "",
                "merutgift": mer,
                "belastningsfullmakter": belastning,
                "etter_belastningsfullmakter": etter,
                "merinntekter": merinntekter,
                "omdisponering": omdisponering,
                "innsparinger": innsparinger,
                "grunnlag_overforing": grunnlag,
                "maks_overforbart": maks,
            }
        )
    nb = pd.DataFrame(
        rader,
        columns=[
            "kapittel",
            "post",
            "stikkord",
            "merutgift",
            "belastningsfullmakter",
            "etter_belastningsfullmakter",
            "merinntekter",
            "omdisponering",
            "innsparinger",
            "grunnlag_overforing",
            "maks_overforbart",
        ],
    )
    nb["mulig_overforbart"] = _mulig_overforbart(nb)
    return nb


def _mulig_overforbart(nb: pd.DataFrame) -> list[float]:
    """Dekningen mellom postene, så taket. Rekkefølgen er fast: postene med merutgift tas i
    stigende (kapittel, post), og hver dekkes av postene som kan dekke den, også i stigende
    (kapittel, post), til merutgiften er dekket eller de er brukt opp. En post som kan dekke
    flere, dekker altså den laveste posten først; det som er brukt, er borte for de neste."""
    g = nb["grunnlag_overforing"].astype(float).tolist()
    orden = sorted(range(len(nb)), key=lambda i: (str(nb.at[i, "kapittel"]), str(nb.at[i, "post"])))
    for i in orden:
        if g[i] >= 0:
            continue
        for j in orden:
            if i == j or g[j] <= 0 or nb.at[i, "kapittel"] != nb.at[j, "kapittel"]:
                continue
            # post j dekker merutgiften på post i når j-s bevilgning kan nyttes under post i
            if nb.at[i, "post"] in _kan_nyttes_under(nb.at[j, "stikkord"]):
                dekket = min(-g[i], g[j])
                g[i] += dekket
                g[j] -= dekket
            if g[i] >= 0:
                break
    return [min(v, float(m)) if v > 0 else v for v, m in zip(g, nb["maks_overforbart"])]
