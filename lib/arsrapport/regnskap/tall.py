"""Figur-id-ene (``docs/figures.md``, «Accounts»): tallene i del VI og nøkkeltallene (Tabell 1 i
del II) per år, og tallkatalogen ``TALL``: hver id regnskapet beregner, med enhet og definisjon
(:mod:`arsrapport.utdata.tallkatalog`). Funksjonene i katalogen står under navnene pakken gir
(``arsrapport.regnskap.note_b``).
"""

from __future__ import annotations

import pandas as pd

from arsrapport.presentasjon.tallspek import Tall
from arsrapport.regnskap.kontoplan import med_linjer
from arsrapport.regnskap.kontrollene import Arsregnskap, _har_regnskap, kontrollert
from arsrapport.regnskap.oppsett import DRIFTSPOSTER, NOTE_OPPSETT, NOTE_TITLER


def figurer_for_ar(uttrekk, ar: int, r: Arsregnskap | None = None) -> dict[str, float]:
    """Alle tallene i del VI for ett år, under id-ene i ``docs/figures.md``."""
    r = r or kontrollert(uttrekk, ar)
    f: dict[str, float] = {}
    for rad in r.bevilgning.itertuples():
        pre = f"bevilgning.{rad.kapittel}.{rad.post}"
        f[f"{pre}.samlet_tildeling"] = rad.samlet_tildeling
        f[f"{pre}.regnskap"] = rad.regnskap
        if rad.merutgift is not None and pd.notna(rad.merutgift):
            f[f"{pre}.merutgift"] = rad.merutgift
    f.update({f"bevilgning.{k}": v for k, v in r.bevilgning_sum.items()})
    for rad in r.kapitalkontoer.itertuples():
        f[f"kapitalkonto.{rad.konto}"] = float(rad.belop)
    f["kapitalkonto.sum_rapportert"] = r.bevilgning_sum["netto_rapportert"] + float(r.kapitalkontoer["belop"].sum())
    endring = r.kapitalkontoer.loc[r.kapitalkontoer["endring_mellomvaerende"]]
    if len(endring) == 1:
        konto = endring["konto"].iloc[0]
        f[f"kapitalregnskap.{konto}"] = r.mellomvaerende["sum"]
        if r.mellomvaerende_i_fjor is not None:
            f[f"kapitalregnskap.{konto}.endring_abs"] = r.mellomvaerende["sum"] - r.mellomvaerende_i_fjor["sum"]
    for rad in r.note_a.itertuples():
        pre = f"note_a.{rad.kapittel}.{rad.post}"
        f[f"{pre}.overfort"], f[f"{pre}.arets_tildelinger"], f[f"{pre}.samlet"] = (
            float(rad.overfort_fra_i_fjor),
            float(rad.arets_tildelinger),
            float(rad.samlet),
        )
    for rad in r.note_b.to_dict("records"):
        pre = f"note_b.{rad['kapittel']}.{rad['post']}"
        for kol in NOTE_B_KOLONNER:
            f[f"{pre}.{kol}"] = float(rad[kol])
        # regnskapet på posten medregnet det andre har utgiftsført etter belastningsfullmakter
        bev = f"bevilgning.{rad['kapittel']}.{rad['post']}"
        f[f"{bev}.regnskap_inkl_belastning"] = f[f"{bev}.regnskap"] - float(rad["belastningsfullmakter"])
    f.update({f"artskonto.{k}": v for k, v in r.artskonto.items()})
    for nr, linjer in r.noter.items():
        f.update({f"note{nr}.{k}": v for k, v in linjer.items()})
    f.update({f"mellomvaerende.{k}": v for k, v in r.mellomvaerende.items()})
    f.update({f"note8.{k}": v for k, v in r.note8.items()})
    a = uttrekk.arsverk.loc[uttrekk.arsverk["ar"] == ar, "arsverk"]
    if len(a):
        f["note2.antall_arsverk"] = float(a.sum())
    p = uttrekk.pensjonspremie.loc[uttrekk.pensjonspremie["ar"] == ar, "premiesats_arbeidsgiver"]
    if len(p):
        f["note2.premiesats_arbeidsgiverandel"] = float(p.iloc[0])
    return f


NOTE_B_KOLONNER = (
    "merutgift",
    "belastningsfullmakter",
    "etter_belastningsfullmakter",
    "merinntekter",
    "omdisponering",
    "innsparinger",
    "grunnlag_overforing",
    "maks_overforbart",
    "mulig_overforbart",
)


def nokkeltall_for_ar(uttrekk, ar: int, r: Arsregnskap) -> dict[str, float]:
    """Tabell 1 (nøkkeltall for årsregnskapet) for ett år.

    - samlet tildeling og samlet utbetaling gjelder driftspostene (01–29 unntatt 24) virksomheten
      har tildeling på; utbetalingen er regnskapet på postene pluss det andre har utgiftsført
      etter avgitte belastningsfullmakter (de er en del av tildelingen);
    - merforbruk = utbetaling − tildeling (negativt er mindreforbruk); utnyttelsesgrad =
      utbetaling ÷ tildeling;
    - driftsutgifter = sum utbetalinger til drift i artskontorapporteringen; lønnsandel og
      konsulentandel er utbetalinger til lønn og kjøp av konsulenttjenester (Note 3) av dem;
    - lønn per årsverk = utbetalinger til lønn uten kontoene kontoplanen merker
      ``utenfor_lonn_per_arsverk`` (honorarer til nemndmedlemmer), delt på årsverkene.
    """
    f: dict[str, float] = {}
    a = uttrekk.arsverk.loc[uttrekk.arsverk["ar"] == ar, "arsverk"]
    arsverk = float(a.sum()) if len(a) else None
    if arsverk is not None:
        f["nokkeltall.arsverk"] = arsverk
    drift = r.note_a.loc[r.note_a["post"].isin(DRIFTSPOSTER)]
    nokler = set(zip(drift["kapittel"], drift["post"]))
    tildelt = float(drift["samlet"].sum())
    bev = r.bevilgning
    regnskapet = float(bev.loc[[(k, p) in nokler for k, p in zip(bev["kapittel"], bev["post"])], "regnskap"].sum())
    fm = uttrekk.fullmakter.loc[uttrekk.fullmakter["ar"] == ar]
    avgitt = float(
        fm.loc[[(k, p) in nokler for k, p in zip(fm["kapittel"], fm["post"])], "avgitte_belastningsfullmakter"].sum()
    )
    utbetalt = regnskapet + avgitt
    f["nokkeltall.samlet_tildeling"] = tildelt
    f["nokkeltall.samlet_utbetaling"] = utbetalt
    f["nokkeltall.merforbruk"] = utbetalt - tildelt
    if tildelt:
        f["nokkeltall.utnyttelsesgrad"] = utbetalt / tildelt
    driftsutgifter = r.artskonto["sum_utbetalinger_drift"]
    f["nokkeltall.driftsutgifter"] = driftsutgifter
    if driftsutgifter:
        f["nokkeltall.lonnsandel"] = r.artskonto["utbetalinger_lonn"] / driftsutgifter
        f["nokkeltall.konsulentandel"] = r.noter[3]["konsulenttjenester"] / driftsutgifter
    if arsverk:
        linjer = med_linjer(uttrekk.regnskap.loc[uttrekk.regnskap["ar"] == ar], uttrekk.kontoplan)
        utenfor = float(
            linjer.loc[
                linjer["utenfor_lonn_per_arsverk"] & linjer["oppstilling_linje"].eq("utbetalinger_lonn"), "belop"
            ].sum()
        )
        f["nokkeltall.lonn_per_arsverk"] = (r.artskonto["utbetalinger_lonn"] - utenfor) / arsverk
        f["nokkeltall.lonn_per_arsverk.honorarer"] = utenfor
    return f


def figurer(uttrekk, ar: int, antall_ar: int = 3) -> dict[int, dict[str, float]]:
    """Regnskapstallene for året og året før (oppstillingene viser begge), og nøkkeltallene
    (Tabell 1) for de tre siste årene, med endringer fra året før. Alle årene kontrolleres."""
    ut: dict[int, dict[str, float]] = {}
    for a in range(ar - antall_ar + 1, ar + 1):
        if not _har_regnskap(uttrekk, a):
            continue
        r = kontrollert(uttrekk, a)
        f = nokkeltall_for_ar(uttrekk, a, r)
        if a >= ar - 1:
            f.update(figurer_for_ar(uttrekk, a, r))
        ut[a] = f
    for a in sorted(ut):
        if a - 1 not in ut:
            continue
        naa, for_ = ut[a], ut[a - 1]
        for fid in list(naa):
            if fid.startswith("bevilgning.") and fid.endswith(".regnskap") and for_.get(fid):
                # delt på fjorårets beløp uten fortegn, så fortegnet følger retningen
                naa[f"{fid}.endring"] = (naa[fid] - for_[fid]) / abs(for_[fid])
        if "nokkeltall.lonn_per_arsverk" in naa and "nokkeltall.lonn_per_arsverk" in for_:
            naa["nokkeltall.lonn_per_arsverk.endring_abs"] = (
                naa["nokkeltall.lonn_per_arsverk"] - for_["nokkeltall.lonn_per_arsverk"]
            )
    return ut


# ---------------------------------------------------------------------------------------
# Tallkatalogen: hver id kapittelet beregner, med enhet og definisjon (arsrapport.utdata.tallkatalog)
# ---------------------------------------------------------------------------------------


_UTGIFT = ("mindreutgift", "merutgift")  # ord for ≥ 0 og < 0 (merutgift er negativ)
_NOTE_B = "arsrapport.regnskap.note_b"
_NOKKEL = "arsrapport.regnskap.nokkeltall_for_ar"
_DRIFT = "driftspostene (01–29 unntatt 24) virksomheten har tildeling på"

TALL = [
    # bevilgningsrapporteringen
    Tall(
        "bevilgning.{post}.samlet_tildeling",
        "kroner",
        "Samlet tildeling (overført fra i fjor + årets tildelinger) på kapittelet og posten id-en angir; 0 uten tildeling.",
        "arsrapport.regnskap.bevilgningsrapportering",
    ),
    Tall(
        "bevilgning.{post}.regnskap",
        "kroner",
        "Regnskapet for året på kapittelet og posten id-en angir (inntekter som positive beløp).",
        "arsrapport.regnskap.bevilgningsrapportering",
    ),
    Tall(
        "bevilgning.{post}.merutgift",
        "kroner",
        "Samlet tildeling − regnskap på posten id-en angir: positivt er mindreutgift, negativt merutgift.",
        "arsrapport.regnskap.bevilgningsrapportering",
        fortegnsord=_UTGIFT,
    ),
    Tall(
        "bevilgning.{post}.regnskap_inkl_belastning",
        "kroner",
        "Regnskapet på posten medregnet det andre har utgiftsført etter avgitte belastningsfullmakter (Note B).",
        "arsrapport.regnskap.figurer_for_ar",
    ),
    Tall(
        "bevilgning.{ledd}",
        "kroner",
        "Sum utgiftsført (sum_utgiftsfort) eller inntektsført (sum_inntektsfort) i regnskapet for året, eller netto "
        "rapportert til bevilgningsregnskapet (netto_rapportert: utgiftsført − inntektsført).",
        "arsrapport.regnskap.bevilgning_summer",
    ),
    Tall(
        "bevilgning.{ledd}.samlet_tildeling",
        "kroner",
        "Samlet tildeling på alle utgiftspostene (sum_utgiftsfort) eller inntektspostene (sum_inntektsfort).",
        "arsrapport.regnskap.bevilgning_summer",
    ),
    Tall(
        "kapitalkonto.{konto}",
        "kroner",
        "Beløpet for året på kapitalkontoen id-en angir (kontonummeret).",
        "arsrapport.regnskap.kapitalkontoer",
    ),
    Tall(
        "kapitalkonto.sum_rapportert",
        "kroner",
        "Sum rapportert: netto rapportert til bevilgningsregnskapet pluss kapitalkontoene.",
        "arsrapport.regnskap.figurer_for_ar",
    ),
    Tall(
        "kapitalregnskap.{konto}",
        "kroner",
        "Beholdningen per 31.12. på kapitalkontoen id-en angir, kontoen for mellomværendet med statskassen "
        "(lik mellomvaerende.sum).",
        "arsrapport.regnskap.figurer_for_ar",
    ),
    # Note A og Note B
    Tall(
        "note_a.{post}.overfort",
        "kroner",
        "Note A: overført fra i fjor på kapittelet og posten id-en angir.",
        "arsrapport.regnskap.note_a",
    ),
    Tall(
        "note_a.{post}.arets_tildelinger",
        "kroner",
        "Note A: årets tildelinger på kapittelet og posten id-en angir.",
        "arsrapport.regnskap.note_a",
    ),
    Tall(
        "note_a.{post}.samlet",
        "kroner",
        "Note A: samlet tildeling (overført fra i fjor + årets tildelinger) på kapittelet og posten id-en angir.",
        "arsrapport.regnskap.note_a",
    ),
    Tall(
        "note_b.{post}.merutgift",
        "kroner",
        "Note B: samlet tildeling − regnskap på posten: positivt er mindreutgift, negativt merutgift.",
        _NOTE_B,
        fortegnsord=_UTGIFT,
    ),
    Tall(
        "note_b.{post}.belastningsfullmakter",
        "kroner",
        "Note B: utgiftsført av andre etter avgitte belastningsfullmakter på posten (negativt beløp).",
        _NOTE_B,
    ),
    Tall(
        "note_b.{post}.etter_belastningsfullmakter",
        "kroner",
        "Note B: mindreutgift (positivt) eller merutgift (negativt) på posten etter avgitte belastningsfullmakter.",
        _NOTE_B,
        fortegnsord=_UTGIFT,
    ),
    Tall(
        "note_b.{post}.merinntekter",
        "kroner",
        "Note B: merinntekter på posten etter fullmakt (tabellen fullmakter).",
        _NOTE_B,
    ),
    Tall(
        "note_b.{post}.omdisponering",
        "kroner",
        "Note B: omdisponering til eller fra posten (tabellen fullmakter).",
        _NOTE_B,
    ),
    Tall(
        "note_b.{post}.innsparinger",
        "kroner",
        "Note B: innsparinger på posten (negativt beløp; tabellen fullmakter).",
        _NOTE_B,
    ),
    Tall(
        "note_b.{post}.grunnlag_overforing",
        "kroner",
        "Note B: grunnlag for overføring = merutgift etter belastningsfullmakter + merinntekter + omdisponering "
        "− innsparinger (positivt er mindreutgift).",
        _NOTE_B,
        fortegnsord=_UTGIFT,
    ),
    Tall(
        "note_b.{post}.maks_overforbart",
        "kroner",
        "Note B: maksimalt overførbart beløp på posten (fullmakter; ellers 5 % av årets tildeling på driftspostene, "
        "årets og fjorårets tildeling på poster som «kan overføres», ellers 0).",
        _NOTE_B,
    ),
    Tall(
        "note_b.{post}.mulig_overforbart",
        "kroner",
        "Note B: mulig overførbart beløp: grunnlaget etter dekning mellom poster, begrenset av maks overførbart "
        "(negativt er udekket merutgift).",
        _NOTE_B,
    ),
    # artskontorapporteringen, notene og mellomværendet
    Tall(
        "artskonto.{ledd}",
        "kroner",
        "Linjen id-en angir i artskontorapporteringen for året, med sum- og nettolinjene (innbetalinger positive).",
        "arsrapport.regnskap.artskontorapportering",
    ),
    *(
        Tall(
            f"note{nr}.{{ledd}}",
            "kroner",
            f"Note {nr} {tittel}: linjen id-en angir (også sumlinjene), som i noten.",
            "arsrapport.regnskap.note",
        )
        for nr, tittel in NOTE_TITLER.items()
        if nr != 2  # Note 2 har også årsverk og premiesats, som ikke er beløp
    ),
    *(
        Tall(f"note2.{li.id}", "kroner", f"Note 2 {NOTE_TITLER[2]}: {li.tekst}.", "arsrapport.regnskap.note")
        for li in NOTE_OPPSETT[2][0].linjer
    ),
    Tall(
        f"note2.{NOTE_OPPSETT[2][0].sum_id}",
        "kroner",
        f"Note 2 {NOTE_TITLER[2]}: {NOTE_OPPSETT[2][0].sum_tekst}.",
        "arsrapport.regnskap.note",
    ),
    Tall(
        "note2.antall_arsverk",
        "arsverk",
        "Note 2: årsverk i året (tabellen arsverk).",
        "arsrapport.regnskap.figurer_for_ar",
    ),
    Tall(
        "note2.premiesats_arbeidsgiverandel",
        "andel",
        "Note 2: arbeidsgiverandelen av pensjonspremien til Statens pensjonskasse for året (tabellen pensjonspremie).",
        "arsrapport.regnskap.figurer_for_ar",
    ),
    Tall(
        "note8.{ledd}.{ledd}",
        "kroner",
        "Note 8: linjen, gruppesummen (sum_…) eller totalen (sum) id-en angir, i kolonnen til slutt (bokfort: "
        "bokført avregning, rapportert: rapportert mellomværende, forskjell: bokført − rapportert).",
        "arsrapport.regnskap.note8",
    ),
    Tall(
        "mellomvaerende.{ledd}",
        "kroner",
        "Standardlinjen id-en angir (en av de 15; 0 når uttrekket ikke har den) i oversikten over mellomværendet "
        "med statskassen per 31.12. (rapportert; sum: alle linjene).",
        "arsrapport.regnskap.mellomvaerende_oversikt",
    ),
    # nøkkeltallene (Tabell 1 i del II)
    Tall("nokkeltall.arsverk", "arsverk", "Årsverk i året (Tabell 1 i del II).", _NOKKEL),
    Tall("nokkeltall.samlet_tildeling", "kroner", f"Samlet tildeling på {_DRIFT}.", _NOKKEL),
    Tall(
        "nokkeltall.samlet_utbetaling",
        "kroner",
        f"Utbetalt på {_DRIFT}: regnskapet pluss det andre har utgiftsført etter avgitte belastningsfullmakter.",
        _NOKKEL,
    ),
    Tall(
        "nokkeltall.merforbruk",
        "kroner",
        "Samlet utbetaling − samlet tildeling på driftspostene: positivt er merforbruk, negativt mindreforbruk.",
        _NOKKEL,
        fortegnsord=("merforbruk", "mindreforbruk"),
    ),
    Tall(
        "nokkeltall.utnyttelsesgrad",
        "andel",
        "Samlet utbetaling ÷ samlet tildeling på driftspostene.",
        _NOKKEL,
    ),
    Tall(
        "nokkeltall.driftsutgifter",
        "kroner",
        "Sum utbetalinger til drift i artskontorapporteringen for året.",
        _NOKKEL,
    ),
    Tall("nokkeltall.lonnsandel", "andel", "Utbetalinger til lønn ÷ driftsutgiftene i året.", _NOKKEL),
    Tall(
        "nokkeltall.konsulentandel",
        "andel",
        "Kjøp av konsulenttjenester (Note 3) ÷ driftsutgiftene i året.",
        _NOKKEL,
    ),
    Tall(
        "nokkeltall.lonn_per_arsverk",
        "kroner",
        "Utbetalinger til lønn uten honorarene (nokkeltall.lonn_per_arsverk.honorarer) per årsverk.",
        _NOKKEL,
    ),
    Tall(
        "nokkeltall.lonn_per_arsverk.honorarer",
        "kroner",
        "Lønn på kontoene kontoplanen merker utenfor_lonn_per_arsverk (honorarer til nemndmedlemmer), holdt utenfor "
        "lønn per årsverk.",
        _NOKKEL,
    ),
]
