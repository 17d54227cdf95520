"""Hele regnskapet for et år (:class:`Arsregnskap`) og kontrollene som må holde før det
publiseres: :func:`kontroller` (meldingene), :func:`kontrollert` (ett år) og
:func:`kontroller_arene` (årene boka viser).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from arsrapport.regnskap.artskonto import artskontorapportering, note
from arsrapport.regnskap.bevilgning import bevilgning_summer, bevilgningsrapportering, note_a, note_b
from arsrapport.regnskap.feil import ManglerGrunnlag, Regnskapsfeil, _kr
from arsrapport.regnskap.kapital import kapitalkontoer, mellomvaerende_oversikt, note8
from arsrapport.regnskap.kontoplan import med_linjer
from arsrapport.regnskap.oppsett import NOTE_OPPSETT, ORE


@dataclass
class Arsregnskap:
    """Alle oppstillingene for ett år (beløp i kroner med øre)."""

    ar: int
    bevilgning: pd.DataFrame
    bevilgning_sum: dict[str, float]
    note_a: pd.DataFrame
    note_b: pd.DataFrame
    kapitalkontoer: pd.DataFrame
    artskonto: dict[str, float]
    noter: dict[int, dict[str, float]]
    mellomvaerende: dict[str, float]
    mellomvaerende_i_fjor: dict[str, float] | None
    note8: dict[str, float]
    advarsler: list[str] = field(default_factory=list)


def arsregnskap(uttrekk, ar: int) -> Arsregnskap:
    """Oppstillingene for året fra uttrekkets regnskapstabeller (uten kontroller; se
    :func:`kontroller`)."""
    linjer = med_linjer(uttrekk.regnskap, uttrekk.kontoplan)
    bev = bevilgningsrapportering(uttrekk.regnskap, uttrekk.tildeling, ar)
    mv_fjor = uttrekk.mellomvaerende["ar"].eq(ar - 1).any()
    return Arsregnskap(
        ar=ar,
        bevilgning=bev,
        bevilgning_sum=bevilgning_summer(bev),
        note_a=note_a(uttrekk.tildeling, ar),
        note_b=note_b(bev, uttrekk.tildeling, uttrekk.fullmakter, ar),
        kapitalkontoer=kapitalkontoer(uttrekk.kapitalkontoer, ar),
        artskonto=artskontorapportering(linjer, ar),
        noter={n: note(linjer, n, ar) for n in NOTE_OPPSETT},
        mellomvaerende=mellomvaerende_oversikt(uttrekk.mellomvaerende, ar),
        mellomvaerende_i_fjor=mellomvaerende_oversikt(uttrekk.mellomvaerende, ar - 1) if mv_fjor else None,
        note8=note8(uttrekk.mellomvaerende, ar),
    )


def kontroller(r: Arsregnskap) -> list[str]:
    """Kontrollene som må holde før regnskapet publiseres; én melding per brudd (tom liste når
    alt går opp). Beløp sammenlignes på øret.

    1. Netto rapportert til bevilgningsregnskapet er lik i bevilgnings- og artskontorapporteringen.
    2. Kapitalkontoene (med endringen i mellomværendet) summerer til minus netto rapportert.
    3. Endringen i mellomværendet på kapitalkontoen er lik endringen i det rapporterte
       mellomværendet fra i fjor (når fjorårets mellomværende finnes).
    4. Note 8: forskjellen er bokført − rapportert på hver linje, og rapportert i alt er lik
       summen i oversikten over mellomværendet.
    5. Note A: samlet tildeling per post er lik tildelingskolonnen i bevilgningsrapporteringen.
    """
    feil: list[str] = []
    netto_bev = r.bevilgning_sum["netto_rapportert"]
    netto_art = r.artskonto["netto_rapportert"]
    if abs(netto_bev - netto_art) > ORE:
        feil.append(
            f"Netto rapportert til bevilgningsregnskapet er {_kr(netto_bev)} i bevilgningsrapporteringen, "
            f"men {_kr(netto_art)} i artskontorapporteringen (forskjell {_kr(netto_bev - netto_art)})."
        )
    kap_sum = float(r.kapitalkontoer["belop"].sum())
    if r.kapitalkontoer.empty:
        feil.append(f"Kapitalkontoer: ingen linjer for {r.ar} (kapitalkontoer).")
    elif abs(kap_sum + netto_bev) > ORE:
        feil.append(
            f"Kapitalkontoene summerer til {_kr(kap_sum)}, men skal være minus netto rapportert "
            f"({_kr(-netto_bev)}); «Sum rapportert» blir {_kr(kap_sum + netto_bev)}, ikke 0."
        )
    endring = r.kapitalkontoer.loc[r.kapitalkontoer["endring_mellomvaerende"], "belop"]
    if not r.kapitalkontoer.empty and len(endring) != 1:
        feil.append(
            f"Kapitalkontoer: fant {len(endring)} linjer for endring i mellomværendet med statskassen "
            "(teksten skal nevne «mellomværende» på nøyaktig én linje)."
        )
    elif len(endring) == 1 and r.mellomvaerende_i_fjor is not None:
        faktisk = r.mellomvaerende["sum"] - r.mellomvaerende_i_fjor["sum"]
        if abs(float(endring.iloc[0]) - faktisk) > ORE:
            feil.append(
                f"Endringen i mellomværendet på kapitalkontoen er {_kr(float(endring.iloc[0]))}, men det rapporterte "
                f"mellomværendet endret seg med {_kr(faktisk)} (fra {_kr(r.mellomvaerende_i_fjor['sum'])} "
                f"til {_kr(r.mellomvaerende['sum'])})."
            )
    for nokkel, v in r.note8.items():
        if nokkel.endswith(".forskjell"):
            lid = nokkel.removesuffix(".forskjell")
            ventet = r.note8[f"{lid}.bokfort"] - r.note8[f"{lid}.rapportert"]
            if abs(v - ventet) > ORE:
                feil.append(f"Note 8, {lid}: forskjellen er {_kr(v)}, men bokført − rapportert er {_kr(ventet)}.")
    if abs(r.note8["sum.rapportert"] - r.mellomvaerende["sum"]) > ORE:
        feil.append(
            f"Note 8: rapportert mellomværende i alt er {_kr(r.note8['sum.rapportert'])}, men oversikten over "
            f"mellomværendet summerer til {_kr(r.mellomvaerende['sum'])}."
        )
    bev = r.bevilgning.set_index(["kapittel", "post"])["samlet_tildeling"]
    for rad in r.note_a.itertuples():
        i_oppstilling = float(bev.get((rad.kapittel, rad.post), 0.0))
        if abs(rad.samlet - i_oppstilling) > ORE:
            feil.append(
                f"Note A, kapittel {rad.kapittel} post {rad.post}: samlet tildeling {_kr(rad.samlet)}, men "
                f"bevilgningsrapporteringen viser {_kr(i_oppstilling)}."
            )
    if (
        abs(
            r.note_a["samlet"].sum()
            - r.bevilgning_sum["sum_utgiftsfort.samlet_tildeling"]
            - r.bevilgning_sum["sum_inntektsfort.samlet_tildeling"]
        )
        > ORE
    ):
        feil.append(
            f"Note A summerer til {_kr(r.note_a['samlet'].sum())}, men tildelingskolonnen i bevilgningsrapporteringen "
            f"til {_kr(r.bevilgning_sum['sum_utgiftsfort.samlet_tildeling'] + r.bevilgning_sum['sum_inntektsfort.samlet_tildeling'])}."
        )
    return feil


def kontrollert(uttrekk, ar: int) -> Arsregnskap:
    """Oppstillingene for året, kontrollert; :class:`Regnskapsfeil` hvis en kontroll feiler."""
    try:
        r = arsregnskap(uttrekk, ar)
    except Regnskapsfeil as e:
        raise Regnskapsfeil(e.meldinger, ar) from None
    except ManglerGrunnlag as e:
        raise Regnskapsfeil([str(e)], ar) from None
    feil = kontroller(r)
    if feil:
        raise Regnskapsfeil(feil, ar)
    return r


def _har_regnskap(uttrekk, ar: int) -> bool:
    return bool(uttrekk.regnskap["ar"].eq(ar).any())


KONTROLL_AR = 3
"""Regnskapskontrollene dekker rapportåret og årene før, så mange år i alt."""


def kontroller_arene(uttrekk, ar: int, antall_ar: int = KONTROLL_AR) -> list[int]:
    """Kontroller regnskapet for hvert år boka viser (de ``antall_ar`` siste årene med
    regnskap). Alle brudd i alle årene samles i én :class:`Regnskapsfeil`; ellers gis årene.
    Har regnskapet ingen rader for rapportåret selv, er det en feil (ellers ville året bare
    blitt hoppet over); ``kontroll.kontroller_rapportar`` melder det samme før bygget."""
    if not _har_regnskap(uttrekk, ar):
        raise Regnskapsfeil([f"regnskap: ingen rader for rapportåret {ar}"])
    meldinger, kontrollerte = [], []
    for a in range(ar - antall_ar + 1, ar + 1):
        if not _har_regnskap(uttrekk, a):
            continue
        try:
            kontrollert(uttrekk, a)
            kontrollerte.append(a)
        except Regnskapsfeil as e:
            meldinger += [f"{a}: {m}" for m in e.meldinger]
    if meldinger:
        raise Regnskapsfeil(meldinger)
    return kontrollerte
