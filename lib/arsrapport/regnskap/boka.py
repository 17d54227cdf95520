"""Tabellene: oppstillingene og notene i del VI, Tabell 1 og dataene bak Figur 19 og 20, med tall
til ``tabeller.xlsx`` (:func:`tabeller`, :data:`REGNEARK`) og med norsk formatering til boka
(:func:`for_boka`).
"""

from __future__ import annotations

from dataclasses import dataclass
from numbers import Real

import pandas as pd

from arsrapport.presentasjon.regnearkspek import ark
from arsrapport.regnskap.artskonto import artskontorapportering, note
from arsrapport.regnskap.feil import Regnskapsfeil, _kr
from arsrapport.regnskap.kontoplan import med_linjer
from arsrapport.regnskap.kontrollene import Arsregnskap, _har_regnskap, kontrollert
from arsrapport.regnskap.oppsett import (
    ARTSKONTO_OPPSETT,
    DRIFTSPOSTER,
    MELLOMVAERENDE_LINJER,
    NOTE8_OPPSETT,
    NOTE_OPPSETT,
    ORE,
    Seksjon,
)
from arsrapport.regnskap.tall import figurer

# Hver oppstilling er en DataFrame med to skjulte kolonner: ``_type`` («overskrift», «linje»,
# «sum»), som boka bruker til å utheve sum- og nettolinjer, og ``_ledd``: for en rad som er en sum,
# radene (posisjon i tabellen, fortegn) den er summen av, som kontrollen av summene
# (:func:`summer_som_ikke_gar_opp`) regner etter. Regnearket får tallene uten dem.

_TYPE = "_type"
_LEDD = "_ledd"
_SKJULT = [_TYPE, _LEDD]


@dataclass(frozen=True)
class Fra:
    """Et ledd i en sum som står i en annen tabell: raden med ``tekst`` i første kolonne, i
    kolonnen ``kolonne`` (kapitalkontoenes «Sum rapportert» regner med netto rapportert fra
    bevilgningsrapporteringen)."""

    tabell: str
    tekst: str
    kolonne: str


def _rad(tekst: str, type: str = "linje", ledd: tuple | None = None, **belop) -> dict:
    return {"Tekst": tekst, _TYPE: type, _LEDD: ledd, **belop}


def _pluss(posisjoner) -> tuple[tuple[int, int], ...]:
    return tuple((i, 1) for i in posisjoner)


def _artskonto_tabell(r: Arsregnskap, fjor: Arsregnskap | None) -> pd.DataFrame:
    a, b = str(r.ar), str(r.ar - 1)
    rader = []
    # beløpslinjene per seksjon: (posisjon, fortegn); fortegnet gjør vist beløp om til rått
    # beløp, så en nettolinje er summen av linjene med fortegn
    seksjoner: dict[str, list[tuple[int, int]]] = {}
    for s in ARTSKONTO_OPPSETT:
        if isinstance(s, Seksjon):
            rader.append({**_rad(s.overskrift, "overskrift"), "Note": ""})
            linjer = seksjoner.setdefault(s.sum_id or "felleskapitler", [])
            for li in s.linjer:
                linjer.append((len(rader), li.fortegn))
                rader.append(
                    {
                        **_rad(li.tekst, **{a: r.artskonto[li.id], b: fjor.artskonto[li.id] if fjor else None}),
                        "Note": str(li.note or ""),
                    }
                )
            if s.sum_id:
                rader.append(
                    {
                        **_rad(
                            s.sum_tekst,
                            "sum",
                            _pluss(i for i, _ in linjer),
                            **{a: r.artskonto[s.sum_id], b: fjor.artskonto[s.sum_id] if fjor else None},
                        ),
                        "Note": "",
                    }
                )
        else:
            deler = list(seksjoner.values()) if s.seksjoner == ("*",) else [seksjoner[k] for k in s.seksjoner]
            rader.append(
                {
                    **_rad(
                        s.tekst,
                        "sum",
                        tuple(x for d in deler for x in d),
                        **{a: r.artskonto[s.id], b: fjor.artskonto[s.id] if fjor else None},
                    ),
                    "Note": "",
                }
            )
    return pd.DataFrame(rader, columns=["Tekst", "Note", a, b, *_SKJULT])


def _mellomvaerende_tabell(r: Arsregnskap) -> pd.DataFrame:
    """Oversikten over mellomværendet: linjene som alltid vises, og hver annen standardlinje med
    et rapportert beløp (ikke 0 på øret) i et av de to årene; summen er summen av linjene."""
    a, b = str(r.ar), str(r.ar - 1)
    fjor = r.mellomvaerende_i_fjor or {}
    rader = [_rad("Eiendeler og gjeld", "overskrift")]
    for li in MELLOMVAERENDE_LINJER:
        belop = (r.mellomvaerende[li.oversikt_id], fjor.get(li.oversikt_id))
        if li.alltid or any(v is not None and abs(v) >= ORE for v in belop):
            rader.append(_rad(li.oversikt_tekst, **{a: belop[0], b: belop[1]}))
    rader.append(
        _rad(
            "Sum mellomværende med statskassen",
            "sum",
            _pluss(range(1, len(rader))),
            **{a: r.mellomvaerende["sum"], b: fjor.get("sum")},
        )
    )
    return pd.DataFrame(rader, columns=["Tekst", a, b, *_SKJULT])


def _note_tabell(r: Arsregnskap, fjor: Arsregnskap | None, nr: int, arsverk: tuple | None = None) -> pd.DataFrame:
    a, b = f"31.12.{r.ar}", f"31.12.{r.ar - 1}"
    rader = []
    for s in NOTE_OPPSETT[nr]:
        if s.overskrift:
            rader.append(_rad(s.overskrift, "overskrift"))
        forste = len(rader)
        for li in s.linjer:
            rader.append(_rad(li.tekst, **{a: r.noter[nr][li.id], b: fjor.noter[nr][li.id] if fjor else None}))
        rader.append(
            _rad(
                s.sum_tekst,
                "sum",
                _pluss(range(forste, len(rader))),
                **{a: r.noter[nr][s.sum_id], b: fjor.noter[nr][s.sum_id] if fjor else None},
            )
        )
    if arsverk is not None:
        rader.append(_rad("Antall utførte årsverk", "arsverk", **{a: arsverk[0], b: arsverk[1]}))
    return pd.DataFrame(rader, columns=["Tekst", a, b, *_SKJULT])


def _note8_tabell(r: Arsregnskap) -> pd.DataFrame:
    kol = {
        "bokfort": "Bokført avregning med statskassen",
        "rapportert": "Rapportert mellomværende med statskassen",
        "forskjell": "Forskjell",
    }
    rader, summer = [], []
    for gruppe, sum_id, linjer in NOTE8_OPPSETT:
        rader.append(_rad(gruppe, "overskrift"))
        forste = len(rader)
        for lid, tekst in linjer:
            rader.append(_rad(tekst, **{kol[k]: r.note8[f"{lid}.{k}"] for k in kol}))
        summer.append(len(rader))
        rader.append(
            _rad("Sum", "sum", _pluss(range(forste, len(rader))), **{kol[k]: r.note8[f"{sum_id}.{k}"] for k in kol})
        )
    rader.append(_rad("Sum i alt", "sum", _pluss(summer), **{kol[k]: r.note8[f"sum.{k}"] for k in kol}))
    return pd.DataFrame(rader, columns=["Tekst", *kol.values(), *_SKJULT])


def _bevilgning_tabell(r: Arsregnskap) -> pd.DataFrame:
    regn = f"Regnskap {r.ar}"
    mer = "Merutgift (–) og mindreutgift"
    kol = ["Kapittel og post", "Tekst", "Note", "Samlet tildeling", regn, mer]
    rader, summer = [], []
    for inntekt, overskrift, sum_tekst, nokkel in (
        (False, "Utgiftskapitler", "Sum utgiftsført", "sum_utgiftsfort"),
        (True, "Inntektskapitler", "Sum inntektsført", "sum_inntektsfort"),
    ):
        rader.append({"Kapittel og post": overskrift, _TYPE: "overskrift"})
        forste = len(rader)
        for x in r.bevilgning.loc[r.bevilgning["inntekt"] == inntekt].itertuples():
            tekst = ", ".join(t for t in (x.kapittelnavn, x.posttekst.lower() if x.posttekst else "") if t)
            rader.append(
                {
                    "Kapittel og post": f"{x.kapittel} {x.post}",
                    "Tekst": tekst,
                    "Note": x.note,
                    "Samlet tildeling": x.samlet_tildeling,
                    regn: x.regnskap,
                    mer: x.merutgift,
                    _TYPE: "linje",
                }
            )
        summer.append(len(rader))
        rader.append(
            {
                "Kapittel og post": sum_tekst,
                "Samlet tildeling": r.bevilgning_sum[f"{nokkel}.samlet_tildeling"],
                regn: r.bevilgning_sum[nokkel],
                _TYPE: "sum",
                _LEDD: _pluss(range(forste, len(rader))),
            }
        )
    rader.append(
        {
            "Kapittel og post": NETTO_RAPPORTERT,
            regn: r.bevilgning_sum["netto_rapportert"],
            _TYPE: "sum",
            _LEDD: ((summer[0], 1), (summer[1], -1)),  # utgiftsført − inntektsført
        }
    )
    return pd.DataFrame(rader, columns=[*kol, *_SKJULT])


NETTO_RAPPORTERT = "Netto rapportert til bevilgningsregnskapet"


def _kapital_tabell(r: Arsregnskap) -> pd.DataFrame:
    """Kapitalkontoene; «Sum rapportert» er netto rapportert (i bevilgningsrapporteringen) pluss
    kontoene."""
    rader = [
        {"Konto": x.konto, "Tekst": x.tekst, "Beløp": float(x.belop), _TYPE: "linje"}
        for x in r.kapitalkontoer.itertuples()
    ]
    rader.append(
        {
            "Konto": "",
            "Tekst": "Sum rapportert",
            "Beløp": r.bevilgning_sum["netto_rapportert"] + float(r.kapitalkontoer["belop"].sum()),
            _TYPE: "sum",
            _LEDD: (
                (Fra("tab-6-bevilgning", NETTO_RAPPORTERT, f"Regnskap {r.ar}"), 1),
                *_pluss(range(len(rader))),
            ),
        }
    )
    return pd.DataFrame(rader, columns=["Konto", "Tekst", "Beløp", *_SKJULT])


def _beholdning_tabell(r: Arsregnskap) -> pd.DataFrame:
    endring = r.kapitalkontoer.loc[r.kapitalkontoer["endring_mellomvaerende"], "konto"]
    fjor = r.mellomvaerende_i_fjor["sum"] if r.mellomvaerende_i_fjor is not None else None
    return pd.DataFrame(
        [
            {
                "Konto": endring.iloc[0] if len(endring) == 1 else "",
                "Tekst": "Mellomværende med statskassen",
                str(r.ar): r.mellomvaerende["sum"],
                str(r.ar - 1): fjor,
                "Endring": r.mellomvaerende["sum"] - fjor if fjor is not None else None,
                _TYPE: "linje",
                _LEDD: None,
            }
        ]
    )


def _note_a_tabell(r: Arsregnskap) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Kapittel og post": [f"{k} {p}" for k, p in zip(r.note_a["kapittel"], r.note_a["post"])],
            "Overført fra i fjor": r.note_a["overfort_fra_i_fjor"],
            "Årets tildelinger": r.note_a["arets_tildelinger"],
            "Samlet tildeling": r.note_a["samlet"],
            _TYPE: "linje",
            _LEDD: None,
        }
    )


NOTE_B_OVERSKRIFTER = {
    "merutgift": "Merutgift (–) / mindreutgift",
    "belastningsfullmakter": "Utgiftsført av andre etter avgitte belastningsfullmakter (–)",
    "etter_belastningsfullmakter": "Merutgift (–) / mindreutgift etter avgitte belastningsfullmakter",
    "merinntekter": "Merinntekter / mindreinntekter (–) etter merinntektsfullmakt",
    "omdisponering": "Omdisponering",
    "innsparinger": "Innsparinger (–)",
    "grunnlag_overforing": "Sum grunnlag for overføring",
    "maks_overforbart": "Maks. overførbart beløp",
    "mulig_overforbart": "Mulig overførbart beløp beregnet av virksomheten",
}


def _note_b_tabell(r: Arsregnskap) -> pd.DataFrame:
    """Note B med én kolonne per post (med stikkordet) og én rad per steg i beregningen."""
    poster = [
        f"{k} {p}" + (f" «{st}»" if st else "")
        for k, p, st in zip(r.note_b["kapittel"], r.note_b["post"], r.note_b["stikkord"])
    ]
    rad = {kol: i for i, kol in enumerate(NOTE_B_OVERSKRIFTER)}
    ledd = {
        "etter_belastningsfullmakter": _pluss(rad[k] for k in ("merutgift", "belastningsfullmakter")),
        "grunnlag_overforing": _pluss(
            rad[k] for k in ("etter_belastningsfullmakter", "merinntekter", "omdisponering", "innsparinger")
        ),
    }
    rader = []
    for kol, navn in NOTE_B_OVERSKRIFTER.items():
        type_ = "sum" if kol in ("grunnlag_overforing", "mulig_overforbart") else "linje"
        rader.append(
            {"Tekst": navn, **dict(zip(poster, r.note_b[kol].astype(float))), _TYPE: type_, _LEDD: ledd.get(kol)}
        )
    return pd.DataFrame(rader, columns=["Tekst", *poster, *_SKJULT])


def nokkeltall_tabell(f: dict[int, dict[str, float]], tildeling: pd.DataFrame) -> pd.DataFrame:
    """Tabell 1: nøkkeltallene per år (kolonner), i rapportens rekkefølge."""
    ar = sorted(a for a in f if "nokkeltall.samlet_tildeling" in f[a])
    poster = sorted(p for p in tildeling["post"].unique() if p in DRIFTSPOSTER)
    spenn = (
        f"post {poster[0]}–{poster[-1]}" if len(poster) > 1 else (f"post {poster[0]}" if poster else "driftspostene")
    )
    rader = {
        "nokkeltall.arsverk": "Utførte årsverk",
        "nokkeltall.samlet_tildeling": f"Samlet tildeling, {spenn}",
        "nokkeltall.samlet_utbetaling": f"Samlet utbetaling, {spenn}",
        "nokkeltall.merforbruk": f"Merforbruk (+) / mindreforbruk (–), {spenn}",
        "nokkeltall.utnyttelsesgrad": f"Utnyttelsesgrad, {spenn}",
        "nokkeltall.driftsutgifter": "Driftsutgifter",
        "nokkeltall.lonnsandel": "Lønnsandel av driftsutgifter",
        "nokkeltall.lonn_per_arsverk": "Lønn og sosiale utgifter per årsverk*",
        "nokkeltall.konsulentandel": "Konsulentandel av driftsutgifter",
    }
    t = pd.DataFrame({"Nøkkeltall": list(rader.values())})
    for a in ar:
        t[str(a)] = [f[a].get(k) for k in rader]
    t["_id"] = list(rader)
    return t


# Figur 19: utgiftene etter art, gruppert som i rapporten (notelinjer i Note 3)
FIGUR_19_GRUPPER = {
    "Husleie og vedlikehold av lokaler": ("husleie", "vedlikehold_leide_lokaler"),
    "Andre utgifter til drift av eiendom og lokaler": ("andre_utgifter_eiendom",),
    "Kjøp av konsulenttjenester": ("konsulenttjenester",),
    "Kjøp av andre fremmede tjenester": ("andre_fremmede_tjenester",),
    "Reiser og diett": ("reiser_diett",),
    "Øvrige driftsutgifter": (
        "reparasjon_vedlikehold_maskiner",
        "mindre_utstyrsanskaffelser",
        "leie_maskiner",
        "ovrige_driftsutgifter",
    ),
}


def utgifter_etter_art(r: Arsregnskap) -> pd.DataFrame:
    """Figur 19: utbetalinger til drift etter art, beløp og andel av driftsutgiftene."""
    drift = r.artskonto["sum_utbetalinger_drift"]
    rader = [("Lønn og sosiale utgifter", r.artskonto["utbetalinger_lonn"])]
    rader += [(navn, sum(r.noter[3][li] for li in linjer)) for navn, linjer in FIGUR_19_GRUPPER.items()]
    t = pd.DataFrame(rader, columns=["Art", "Beløp"])
    t["Andel"] = t["Beløp"] / drift if drift else None
    return t


def konsulentutgifter(uttrekk, ar: int, antall_ar: int = 5) -> pd.DataFrame:
    """Figur 20: kjøp av konsulenttjenester (Note 3) per år, for årene regnskapet har (høyst
    ``antall_ar`` år til og med rapportåret)."""
    linjer = med_linjer(uttrekk.regnskap, uttrekk.kontoplan)
    rader = []
    for a in range(ar - antall_ar + 1, ar + 1):
        if linjer["ar"].eq(a).any():
            n3 = note(linjer, 3, a)
            drift = artskontorapportering(linjer, a)["sum_utbetalinger_drift"]
            rader.append(
                {
                    "År": a,
                    "Konsulenttjenester": n3["konsulenttjenester"],
                    "Andel av driftsutgiftene": n3["konsulenttjenester"] / drift if drift else None,
                }
            )
    return pd.DataFrame(rader, columns=["År", "Konsulenttjenester", "Andel av driftsutgiftene"])


def _oppstillinger(uttrekk, ar: int) -> dict[str, pd.DataFrame]:
    r = kontrollert(uttrekk, ar)
    fjor = kontrollert(uttrekk, ar - 1) if _har_regnskap(uttrekk, ar - 1) else None
    a = uttrekk.arsverk.groupby("ar")["arsverk"].sum()
    arsverk = (a.get(ar), a.get(ar - 1))
    tab = {
        "tab-6-bevilgning": _bevilgning_tabell(r),
        "tab-6-kapitalkontoer": _kapital_tabell(r),
        "tab-6-beholdninger": _beholdning_tabell(r),
        "tab-6-note-a": _note_a_tabell(r),
        "tab-6-note-b": _note_b_tabell(r),
        "tab-6-artskonto": _artskonto_tabell(r, fjor),
        "tab-6-mellomvaerende": _mellomvaerende_tabell(r),
    }
    for nr in NOTE_OPPSETT:
        tab[f"tab-6-note-{nr}"] = _note_tabell(r, fjor, nr, arsverk if nr == 2 else None)
    tab["tab-6-note-8"] = _note8_tabell(r)
    feil = summer_som_ikke_gar_opp(tab)
    if feil:
        raise Regnskapsfeil(feil, ar)
    return tab


def _tallverdi(v) -> float | None:
    if v is None or isinstance(v, bool) or not isinstance(v, Real) or pd.isna(v):
        return None
    return float(v)


def summer_som_ikke_gar_opp(tabeller: dict[str, pd.DataFrame]) -> list[str]:
    """Kontrollen av summene i oppstillingene og notene: for hver rad med ledd (``_ledd``) og
    hver kolonne der raden har et tall, er tallet lik summen av leddene (med fortegn) på øret.
    Et ledd som er tomt i kolonnen, teller 0. Én melding per sum som ikke går opp, med tabellen,
    raden, kolonnen og beløpene (tom liste når alt går opp)."""
    feil = []
    for navn, t in tabeller.items():
        if _LEDD not in t.columns:
            continue
        kolonner = [k for k in t.columns if k not in _SKJULT]
        for i, ledd in t[_LEDD].items():
            if not isinstance(ledd, tuple) or not ledd:
                continue
            tekst = (
                t.at[i, "Tekst"] if "Tekst" in t.columns and isinstance(t.at[i, "Tekst"], str) else t.at[i, kolonner[0]]
            )
            for k in kolonner:
                vist = _tallverdi(t.at[i, k])
                if vist is None:
                    continue
                summen = 0.0
                for hva, fortegn in ledd:
                    if isinstance(hva, Fra):
                        andre = tabeller[hva.tabell]
                        rad = andre.index[andre[andre.columns[0]].eq(hva.tekst)]
                        v = _tallverdi(andre.at[rad[0], hva.kolonne]) if len(rad) else None
                    else:
                        v = _tallverdi(t.at[hva, k])
                    summen += fortegn * (v or 0.0)
                if abs(summen - vist) > ORE:
                    feil.append(
                        f"{navn}, «{tekst}», kolonne «{k}»: linjene summerer til {_kr(summen)}, men tabellen viser "
                        f"{_kr(vist)} (forskjell {_kr(vist - summen)})."
                    )
    return feil


def kontroller_tabellene(uttrekk, ar: int) -> None:
    """Bygg oppstillingene og notene for rapportåret og kontroller summene i dem
    (:func:`summer_som_ikke_gar_opp`); :class:`Regnskapsfeil` når en sum ikke går opp."""
    _oppstillinger(uttrekk, ar)


#: Tabellene i ``tabeller.xlsx``: hvilke tabeller og figurer i boka (merket i ``:name:``)
#: hver tabell fra :func:`tabeller` er grunnlaget for, kildene og tallformater ut over
#: standardreglene (se :mod:`arsrapport.utdata.regneark`).
REGNEARK = {
    "tab-2-3-nokkeltall": ark(
        "tab-2-3-nokkeltall",
        kilder=("regnskap", "hr"),
        standard="kroner",
        rader={
            "Utførte årsverk": "desimal",
            "Utnyttelsesgrad": "andel",
            "Lønnsandel av driftsutgifter": "andel",
            "Konsulentandel av driftsutgifter": "andel",
        },
    ),
    "tab-6-bevilgning": ark("tab-6-bevilgning", kilder=("regnskap",), standard="kroner"),
    "tab-6-kapitalkontoer": ark("tab-6-kapitalkontoer", kilder=("regnskap",), standard="kroner"),
    "tab-6-beholdninger": ark("tab-6-beholdninger", kilder=("regnskap",), standard="kroner"),
    "tab-6-note-a": ark("tab-6-note-a", kilder=("regnskap",), standard="kroner"),
    "tab-6-note-b": ark("tab-6-note-b", kilder=("regnskap",), standard="kroner"),
    "tab-6-artskonto": ark("tab-6-artskonto", kilder=("regnskap",), standard="kroner"),
    "tab-6-mellomvaerende": ark("tab-6-mellomvaerende", kilder=("regnskap",), standard="kroner"),
    "tab-6-note-1": ark("tab-6-note-1", kilder=("regnskap",), standard="kroner"),
    "tab-6-note-2": ark(
        "tab-6-note-2", kilder=("regnskap",), standard="kroner", rader={"Antall utførte årsverk": "desimal"}
    ),
    "tab-6-note-3": ark("tab-6-note-3", kilder=("regnskap",), standard="kroner"),
    "tab-6-note-4": ark("tab-6-note-4", kilder=("regnskap",), standard="kroner"),
    "tab-6-note-5": ark("tab-6-note-5", kilder=("regnskap",), standard="kroner"),
    "tab-6-note-6": ark("tab-6-note-6", kilder=("regnskap",), standard="kroner"),
    "tab-6-note-7": ark("tab-6-note-7", kilder=("regnskap",), standard="kroner"),
    "tab-6-note-8": ark("tab-6-note-8", kilder=("regnskap",), standard="kroner"),
    "fig-4-3-art": ark("fig-4-3-art", kilder=("regnskap",), standard="kroner"),
    "fig-4-3-konsulenter": ark("fig-4-3-konsulenter", kilder=("regnskap",), standard="kroner"),
}


def tabeller(uttrekk, ar: int) -> dict[str, pd.DataFrame]:
    """Tabell 1, oppstillingene og notene i del VI og dataene bak Figur 19 og 20, med tall
    (til ``tabeller.xlsx``)."""
    f = figurer(uttrekk, ar)
    ut = {
        "tab-2-3-nokkeltall": nokkeltall_tabell(f, uttrekk.tildeling.loc[uttrekk.tildeling["ar"] == ar]).drop(
            columns="_id"
        )
    }
    ut.update({n: t.drop(columns=_SKJULT) for n, t in _oppstillinger(uttrekk, ar).items()})
    ut["fig-4-3-art"] = utgifter_etter_art(kontrollert(uttrekk, ar))
    ut["fig-4-3-konsulenter"] = konsulentutgifter(uttrekk, ar)
    return ut


def _kroner(v) -> str:
    from arsrapport.presentasjon.formatering import tall

    return "" if v is None or pd.isna(v) else tall(v)


def for_boka(uttrekk, ar: int) -> dict[str, pd.DataFrame]:
    """Tabellene slik boka viser dem (under merket i boka, fra ``REGNEARK``): kroner med tusenskille, sum- og
    nettolinjer uthevet, overskriftslinjer i kursiv; Tabell 1 med andeler i prosent og
    årsverk med én desimal."""
    from arsrapport.presentasjon.formatering import prosent, tall

    ut: dict[str, pd.DataFrame] = {}
    for navn, t in _oppstillinger(uttrekk, ar).items():
        vis = t.drop(columns=_SKJULT).astype(object)
        tall_kol = [
            k
            for k in vis.columns
            if t[k].notna().any()
            and t[k].dropna().map(lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)).all()
        ]
        for i, type_ in t[_TYPE].items():
            for k in vis.columns:
                v = t.at[i, k]
                if k in tall_kol:
                    vis.at[i, k] = (
                        (tall(v, desimaler=1) if type_ == "arsverk" else _kroner(v))
                        if isinstance(v, (int, float)) and pd.notna(v)
                        else ""
                    )
                elif v is None or (isinstance(v, float) and pd.isna(v)):
                    vis.at[i, k] = ""
            forste = vis.columns[0] if navn != "tab-6-kapitalkontoer" else "Tekst"
            if type_ == "sum":
                vis.loc[i] = [f"**{v}**" if str(v) else "" for v in vis.loc[i]]
            elif type_ == "overskrift":
                vis.at[i, forste] = f"*{vis.at[i, forste]}*"
        ut[navn] = vis
    f = figurer(uttrekk, ar)
    t1 = nokkeltall_tabell(f, uttrekk.tildeling.loc[uttrekk.tildeling["ar"] == ar])
    vis = t1.drop(columns="_id").astype(object)
    for i, fid in t1["_id"].items():
        for k in vis.columns[1:]:
            v = t1.at[i, k]
            if v is None or pd.isna(v):
                vis.at[i, k] = ""
            elif fid in ("nokkeltall.utnyttelsesgrad", "nokkeltall.lonnsandel", "nokkeltall.konsulentandel"):
                vis.at[i, k] = prosent(v)
            elif fid == "nokkeltall.arsverk":
                vis.at[i, k] = tall(v, desimaler=1)
            else:
                vis.at[i, k] = tall(v)
    ut["tab-2-3-nokkeltall"] = vis
    return ut
