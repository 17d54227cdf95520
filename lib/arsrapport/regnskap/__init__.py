"""Årsregnskapet (del VI) og nøkkeltallene for årsregnskapet (Tabell 1 i del II).

Oppstillingene følger Finansdepartementets standard for statlige virksomheter med
kontantregnskap (rundskriv R-115):

- **bevilgningsrapporteringen**: regnskapet per kapittel og post mot samlet tildeling, med
  kapitalkontoene og beholdningen i kapitalregnskapet (mellomværendet med statskassen);
- **Note A** (samlet tildeling = overført fra i fjor + årets tildelinger) og **Note B** (brukte
  fullmakter og mulig overførbart beløp);
- **artskontorapporteringen**: det samme regnskapet etter art, med fjorårets tall, og
  oversikten over mellomværendet med statskassen;
- **Note 1–7** (linjene i artskontorapporteringen spesifisert) og **Note 8** (bokført
  avregning mot rapportert mellomværende).

Hvilken linje et beløp havner på, bestemmes av referansetabellen ``kontoplan``
(kontointervaller → oppstillings- og notelinje), aldri av beløp eller kontoer i koden. Koden
eier bare *oppsettet*: rekkefølgen, tekstene og sumlinjene i standardoppstillingene.

Fortegn: ``regnskap.belop`` er positivt for utbetalinger og negativt for innbetalinger.
Oppstillingene viser innbetalingslinjer med positivt fortegn (fortegn −1 i oppsettet), og
hver nettolinje er summen av de underliggende beløpene med sitt eget fortegn, slik at
«Netto rapportert til bevilgningsregnskapet» er summen av alle beløpene i begge oppstillingene.

Kontrollene i :func:`kontroller` stopper bygget med en melding som sier hva som ikke går opp
(se :class:`Regnskapsfeil`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from arsrapport.regnearkspek import ark
from arsrapport.tallspek import Tall

# ---------------------------------------------------------------------------------------
# Oppsettet av artskontorapporteringen og notene
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Linje:
    """En beløpslinje: ``id`` er ``oppstilling_linje`` i kontoplanen (eller ``note_linje``
    i en note). ``fortegn`` −1 viser innbetalinger som positive beløp."""

    id: str
    tekst: str
    note: int | None = None
    fortegn: int = 1


@dataclass(frozen=True)
class Seksjon:
    """En seksjon med overskrift, beløpslinjer og en sumlinje (sum av de viste beløpene)."""

    overskrift: str
    linjer: tuple[Linje, ...]
    sum_id: str
    sum_tekst: str


@dataclass(frozen=True)
class Netto:
    """En nettolinje: summen av beløpene (med eget fortegn) på linjene i ``seksjoner``."""

    id: str
    tekst: str
    seksjoner: tuple[str, ...]  # sum_id-ene til seksjonene som inngår


_INN, _UT = -1, 1

ARTSKONTO_OPPSETT: tuple[Seksjon | Netto, ...] = (
    Seksjon(
        "Driftsinntekter rapportert til bevilgningsregnskapet",
        (
            Linje("innbetalinger_gebyrer", "Innbetalinger fra gebyrer", 1, _INN),
            Linje("innbetalinger_tilskudd_overforinger", "Innbetalinger fra tilskudd og overføringer", 1, _INN),
            Linje("salgs_og_leieinnbetalinger", "Salgs- og leieinnbetalinger", 1, _INN),
            Linje("andre_innbetalinger", "Andre innbetalinger", 1, _INN),
        ),
        "sum_innbetalinger_drift",
        "Sum innbetalinger fra drift",
    ),
    Seksjon(
        "Driftsutgifter rapportert til bevilgningsregnskapet",
        (
            Linje("utbetalinger_lonn", "Utbetalinger til lønn", 2),
            Linje("andre_utbetalinger_drift", "Andre utbetalinger til drift", 3),
        ),
        "sum_utbetalinger_drift",
        "Sum utbetalinger til drift",
    ),
    Netto(
        "netto_driftsutgifter",
        "Netto rapporterte driftsutgifter",
        ("sum_innbetalinger_drift", "sum_utbetalinger_drift"),
    ),
    Seksjon(
        "Investerings- og finansinntekter rapportert til bevilgningsregnskapet",
        (Linje("innbetaling_finansinntekter", "Innbetaling av finansinntekter", 4, _INN),),
        "sum_investerings_og_finansinntekter",
        "Sum investerings- og finansinntekter",
    ),
    Seksjon(
        "Investerings- og finansutgifter rapportert til bevilgningsregnskapet",
        (
            Linje("utbetaling_investeringer", "Utbetaling til investeringer", 5),
            Linje("utbetaling_kjop_aksjer", "Utbetaling til kjøp av aksjer", 5),
            Linje("utbetaling_finansutgifter", "Utbetaling av finansutgifter", 4),
        ),
        "sum_investerings_og_finansutgifter",
        "Sum investerings- og finansutgifter",
    ),
    Netto(
        "netto_investerings_og_finansutgifter",
        "Netto rapporterte investerings- og finansutgifter",
        ("sum_investerings_og_finansinntekter", "sum_investerings_og_finansutgifter"),
    ),
    Seksjon(
        "Innkrevingsvirksomhet og andre overføringer til staten",
        (Linje("innbetaling_skatter_avgifter_gebyrer", "Innbetaling av skatter, avgifter, gebyrer m.m.", 6, _INN),),
        "sum_innkrevingsvirksomhet",
        "Sum innkrevingsvirksomhet og andre overføringer til staten",
    ),
    Seksjon(
        "Tilskuddsforvaltning og andre overføringer fra staten",
        (Linje("utbetalinger_tilskudd_stonader", "Utbetalinger av tilskudd og stønader", 7),),
        "sum_tilskuddsforvaltning",
        "Sum tilskuddsforvaltning og andre overføringer fra staten",
    ),
    Seksjon(
        "Inntekter og utgifter rapportert på felleskapitler",
        (
            Linje("gruppelivsforsikring_1985", "Gruppelivsforsikring konto 1985 (ref. kap. 5309, inntekt)", None, _INN),
            Linje("arbeidsgiveravgift_1986", "Arbeidsgiveravgift konto 1986 (ref. kap. 5700, inntekt)", None, _INN),
            Linje(
                "nettoforing_mva_1987",
                "Nettoføringsordning for merverdiavgift konto 1987 (ref. kap. 1633, utgift)",
                None,
            ),
        ),
        "",  # seksjonen har en nettolinje i stedet for en sumlinje
        "",
    ),
    Netto("netto_felleskapitler", "Netto rapporterte utgifter på felleskapitler", ("felleskapitler",)),
    Netto("netto_rapportert", "Netto rapportert til bevilgningsregnskapet", ("*",)),
)

NOTE_TITLER = {
    1: "Innbetalinger fra drift",
    2: "Utbetalinger til lønn",
    3: "Andre utbetalinger til drift",
    4: "Finansinntekter og finansutgifter",
    5: "Utbetaling til investeringer og kjøp av aksjer",
    6: "Innkrevingsvirksomhet og andre overføringer til staten",
    7: "Tilskuddsforvaltning og andre overføringer fra staten",
}

# Notene: seksjoner av notelinjer (``note_linje`` i kontoplanen) med sumlinje.
NOTE_OPPSETT: dict[int, tuple[Seksjon, ...]] = {
    1: (
        Seksjon(
            "",
            (
                Linje("innbetalinger_gebyrer", "Innbetalinger fra gebyrer"),
                Linje("innbetalinger_tilskudd_overforinger", "Innbetalinger fra tilskudd og overføringer"),
                Linje("salgs_og_leieinnbetalinger", "Salgs- og leieinnbetalinger"),
                Linje("andre_innbetalinger", "Andre innbetalinger"),
            ),
            "sum_innbetalinger_drift",
            "Sum innbetalinger fra drift",
        ),
    ),
    2: (
        Seksjon(
            "",
            (
                Linje("lonn", "Lønn"),
                Linje("arbeidsgiveravgift", "Arbeidsgiveravgift"),
                Linje("pensjonsutgifter", "Pensjonsutgifter"),
                Linje("sykepenger_refusjoner", "Sykepenger og andre refusjoner (–)"),
                Linje("andre_ytelser", "Andre ytelser"),
            ),
            "sum_utbetalinger_lonn",
            "Sum utbetalinger til lønn",
        ),
    ),
    3: (
        Seksjon(
            "",
            (
                Linje("husleie", "Husleie"),
                Linje("vedlikehold_leide_lokaler", "Vedlikehold og ombygging av leide lokaler"),
                Linje("andre_utgifter_eiendom", "Andre utgifter til drift av eiendom og lokaler"),
                Linje("reparasjon_vedlikehold_maskiner", "Reparasjon og vedlikehold av maskiner, utstyr mv."),
                Linje("mindre_utstyrsanskaffelser", "Mindre utstyrsanskaffelser"),
                Linje("leie_maskiner", "Leie av maskiner, inventar og lignende"),
                Linje("konsulenttjenester", "Kjøp av konsulenttjenester"),
                Linje("andre_fremmede_tjenester", "Kjøp av andre fremmede tjenester"),
                Linje("reiser_diett", "Reiser og diett"),
                Linje("ovrige_driftsutgifter", "Øvrige driftsutgifter"),
            ),
            "sum_andre_utbetalinger_drift",
            "Sum andre utbetalinger til drift",
        ),
    ),
    4: (
        Seksjon(
            "Innbetaling av finansinntekter",
            (
                Linje("renteinntekter", "Renteinntekter"),
                Linje("valutagevinst", "Valutagevinst"),
                Linje("annen_finansinntekt", "Annen finansinntekt"),
            ),
            "sum_finansinntekter",
            "Sum innbetaling av finansinntekter",
        ),
        Seksjon(
            "Utbetaling av finansutgifter",
            (
                Linje("renteutgifter", "Renteutgifter"),
                Linje("valutatap", "Valutatap"),
                Linje("annen_finansutgift", "Annen finansutgift"),
            ),
            "sum_finansutgifter",
            "Sum utbetaling av finansutgifter",
        ),
    ),
    5: (
        Seksjon(
            "Utbetaling til investeringer",
            (
                Linje("immaterielle_eiendeler", "Immaterielle eiendeler og lignende"),
                Linje("driftslosore", "Driftsløsøre, inventar, verktøy og lignende"),
            ),
            "sum_investeringer",
            "Sum utbetaling til investeringer",
        ),
        Seksjon(
            "Utbetaling til kjøp av aksjer",
            (
                Linje("kapitalinnskudd", "Kapitalinnskudd"),
                Linje("obligasjoner", "Obligasjoner"),
                Linje("aksjer_andeler", "Investeringer i aksjer og andeler"),
            ),
            "sum_kjop_aksjer",
            "Sum utbetaling til kjøp av aksjer",
        ),
    ),
    6: (
        Seksjon(
            "",
            (Linje("tilfeldige_andre_inntekter", "Tilfeldige og andre inntekter (statskonto 530929)"),),
            "sum_innkrevingsvirksomhet",
            "Sum innkrevingsvirksomhet og andre overføringer til staten",
        ),
    ),
    7: (
        Seksjon(
            "",
            (Linje("tilskudd_stonader", "Tilskudd og stønader"),),
            "sum_tilskuddsforvaltning",
            "Sum tilskuddsforvaltning og andre overføringer fra staten",
        ),
    ),
}


def oppstillingslinjer() -> dict[str, Linje]:
    """Beløpslinjene i artskontorapporteringen (id → linje); kontoplanens
    ``oppstilling_linje`` må være en av disse."""
    return {li.id: li for s in ARTSKONTO_OPPSETT if isinstance(s, Seksjon) for li in s.linjer}


def notelinjer() -> dict[int, set[str]]:
    """Lovlige ``note_linje`` per note (1–7)."""
    return {n: {li.id for s in seksjoner for li in s.linjer} for n, seksjoner in NOTE_OPPSETT.items()}


# Mellomværendet med statskassen: standardlinjene, deres id i oversikten
# (``mellomvaerende.<id>``; None = ikke i oversikten, fordi linjen ikke rapporteres til
# statsregnskapet) og linjen de inngår i i Note 8. Teksten i uttrekket sammenlignes uten
# hensyn til store/små bokstaver og mellomrom; flere skrivemåter kan gi samme linje.
@dataclass(frozen=True)
class Mellomvaerendelinje:
    tekster: tuple[str, ...]
    oversikt_id: str | None
    oversikt_tekst: str
    note8: str


MELLOMVAERENDE_LINJER: tuple[Mellomvaerendelinje, ...] = (
    Mellomvaerendelinje(("Investeringer i aksjer og andeler",), None, "", "investeringer_aksjer_andeler"),
    Mellomvaerendelinje(("Obligasjoner",), None, "", "obligasjoner"),
    Mellomvaerendelinje(("Kundefordringer",), None, "", "kundefordringer"),
    Mellomvaerendelinje(
        ("Fordringer på ansatte", "Andre fordringer"), "fordringer_ansatte", "Fordringer på ansatte", "andre_fordringer"
    ),
    Mellomvaerendelinje(("Kontanter",), "kontanter", "Kontanter", "bankinnskudd_kontanter"),
    Mellomvaerendelinje(
        ("Bankkontoer med statlige midler utenfor Norges Bank",),
        "bankkontoer_utenfor_norges_bank",
        "Bankkontoer med statlige midler utenfor Norges Bank",
        "bankinnskudd_kontanter",
    ),
    Mellomvaerendelinje(("Annen langsiktig gjeld",), None, "", "annen_langsiktig_gjeld"),
    Mellomvaerendelinje(("Leverandørgjeld",), None, "", "leverandorgjeld"),
    Mellomvaerendelinje(
        ("Skyldig skattetrekk og andre trekk", "Skyldig skattetrekk"),
        "skyldig_skattetrekk",
        "Skyldig skattetrekk og andre trekk",
        "skyldig_skattetrekk",
    ),
    Mellomvaerendelinje(
        ("Skyldige offentlige avgifter",),
        "skyldige_offentlige_avgifter",
        "Skyldige offentlige avgifter",
        "skyldige_offentlige_avgifter",
    ),
    Mellomvaerendelinje(
        ("Avsatt pensjonspremie til Statens pensjonskasse", "Avsatt pensjonspremie"),
        "avsatt_pensjonspremie",
        "Avsatt pensjonspremie til Statens pensjonskasse",
        "annen_kortsiktig_gjeld",
    ),
    Mellomvaerendelinje(
        ("Mottatte forskuddsbetalinger",),
        "mottatte_forskuddsbetalinger",
        "Mottatte forskuddsbetalinger",
        "annen_kortsiktig_gjeld",
    ),
    Mellomvaerendelinje(
        ("Lønn (negativ netto, for mye utbetalt lønn m.m.)", "Lønn (negativ netto)"),
        "lonn_negativ_netto",
        "Lønn (negativ netto, for mye utbetalt lønn m.m.)",
        "annen_kortsiktig_gjeld",
    ),
    Mellomvaerendelinje(
        ("Differanser på bank og uidentifiserte innbetalinger",),
        "differanser_bank",
        "Differanser på bank og uidentifiserte innbetalinger",
        "annen_kortsiktig_gjeld",
    ),
    Mellomvaerendelinje(("Annen kortsiktig gjeld",), None, "", "annen_kortsiktig_gjeld"),
)

# Note 8: grupper (som i ``mellomvaerende.gruppe``) og linjene i rekkefølge
NOTE8_OPPSETT: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Finansielle anleggsmidler",
        "sum_finansielle_anleggsmidler",
        (
            ("investeringer_aksjer_andeler", "Investeringer i aksjer og andeler"),
            ("obligasjoner", "Obligasjoner"),
        ),
    ),
    (
        "Omløpsmidler",
        "sum_omlopsmidler",
        (
            ("kundefordringer", "Kundefordringer"),
            ("andre_fordringer", "Andre fordringer"),
            ("bankinnskudd_kontanter", "Bankinnskudd, kontanter og lignende"),
        ),
    ),
    ("Langsiktig gjeld", "sum_langsiktig_gjeld", (("annen_langsiktig_gjeld", "Annen langsiktig gjeld"),)),
    (
        "Kortsiktig gjeld",
        "sum_kortsiktig_gjeld",
        (
            ("leverandorgjeld", "Leverandørgjeld"),
            ("skyldig_skattetrekk", "Skyldig skattetrekk"),
            ("skyldige_offentlige_avgifter", "Skyldige offentlige avgifter"),
            ("annen_kortsiktig_gjeld", "Annen kortsiktig gjeld"),
        ),
    ),
)


def _normaliser(tekst: str) -> str:
    return re.sub(r"\s+", " ", str(tekst)).strip().casefold()


_MV_OPPSLAG = {_normaliser(t): li for li in MELLOMVAERENDE_LINJER for t in li.tekster}


def mellomvaerendelinje(tekst: str) -> Mellomvaerendelinje | None:
    """Standardlinjen en tekst i ``mellomvaerende.linje`` betyr (None hvis ukjent)."""
    return _MV_OPPSLAG.get(_normaliser(tekst))


# Kapittelnavn i statsbudsjettet for kapitlene virksomheten rapporterer på (bare visning)
KAPITTELNAVN = {
    "0491": "Utlendingsnemnda",
    "1633": "Nettoordning for mva i staten",
    "5309": "Tilfeldige inntekter",
    "5700": "Arbeidsgiveravgift",
}

# Driftspostene (01–29, unntatt 24) kan overføre inntil 5 % av årets tildeling
DRIFTSPOSTER = {f"{p:02d}" for p in range(1, 30)} - {"24"}
OVERFORING_DRIFT = 0.05

# Kroner: regnskapet fører øre, så kontrollene krever likhet på øret
ORE = 0.005


# ---------------------------------------------------------------------------------------
# Feil
# ---------------------------------------------------------------------------------------


class Regnskapsfeil(Exception):
    """Regnskapet går ikke opp: én melding per kontroll som feilet. Bygget stopper før noe
    skrives over forrige gode bygg."""

    def __init__(self, meldinger: list[str], ar: int | None = None):
        self.meldinger = list(meldinger)
        self.ar = ar
        super().__init__(str(self))

    def __str__(self) -> str:
        hvor = f" for {self.ar}" if self.ar is not None else ""
        hode = f"Regnskapet{hvor} går ikke opp ({len(self.meldinger)} kontroll{'er' if len(self.meldinger) != 1 else ''} feilet):"
        return "\n".join([hode, *(f"  {m}" for m in self.meldinger)])


class ManglerGrunnlag(ValueError):
    """Uttrekket mangler noe en oppstilling trenger (f.eks. fjorårets tildeling)."""


def _kr(x: float) -> str:
    """Kroner i en kontrollmelding, norsk formatert: 1 234 567,89 (øre bare når de finnes)."""
    from arsrapport.formatering import tall

    return tall(x, desimaler=0 if abs(round(x, 2) - round(x)) < ORE else 2)


# ---------------------------------------------------------------------------------------
# Kontoplanen
# ---------------------------------------------------------------------------------------


def konto_treff(artskonto: pd.Series, kontoplan: pd.DataFrame) -> pd.DataFrame:
    """Alle (rad i regnskapet, rad i kontoplanen) der kontoen ligger i intervallet. Kontoen
    sammenlignes med intervaller med like mange sifre (en 6-sifret statskonto treffer ikke
    et 4-sifret intervall)."""
    konto = artskonto.astype(str).str.strip().reset_index(drop=True)
    fra = kontoplan["artskonto_fra"].astype(str).str.strip()
    til = kontoplan["artskonto_til"].astype(str).str.strip()
    rader = []
    for j in range(len(kontoplan)):
        maske = (konto.str.len() == len(fra.iloc[j])) & (konto >= fra.iloc[j]) & (konto <= til.iloc[j])
        for i in np.flatnonzero(maske.to_numpy()):
            rader.append((int(i), j))
    # «rad» er posisjonen i regnskapet (ikke indeksetiketten, som kan gjentas)
    return pd.DataFrame(rader, columns=["rad", "plan"])


def med_linjer(regnskap: pd.DataFrame, kontoplan: pd.DataFrame) -> pd.DataFrame:
    """Regnskapet med ``oppstilling_linje``, ``note``, ``note_linje`` og
    ``utenfor_lonn_per_arsverk`` fra kontoplanen. Hver rad må treffe nøyaktig ett intervall;
    ellers :class:`Regnskapsfeil` (innlesingen melder det samme med fil, rad og verdi)."""
    treff = konto_treff(regnskap["artskonto"], kontoplan)
    antall = treff.groupby("rad").size().reindex(range(len(regnskap)), fill_value=0)
    feil = [
        f"regnskap: konto {regnskap['artskonto'].iloc[i]} ({regnskap['ar'].iloc[i]}) treffer "
        f"{'ingen linje' if n == 0 else f'{n} intervaller'} i kontoplan"
        for i, n in antall.items()
        if n != 1
    ]
    if feil:
        raise Regnskapsfeil(feil)
    plan = kontoplan.reset_index(drop=True)
    j = treff.set_index("rad")["plan"].reindex(range(len(regnskap))).to_numpy()
    ut = regnskap.copy()
    ut["oppstilling_linje"] = plan["oppstilling_linje"].to_numpy()[j]
    noter = pd.to_numeric(plan["note"], errors="coerce").to_numpy()[j]
    ut["note"] = pd.array([int(n) if pd.notna(n) else pd.NA for n in noter], dtype="Int64")
    ut["note_linje"] = plan["note_linje"].to_numpy()[j]
    utenfor = (
        plan["utenfor_lonn_per_arsverk"] if "utenfor_lonn_per_arsverk" in plan else pd.Series(False, index=plan.index)
    )
    ut["utenfor_lonn_per_arsverk"] = utenfor.fillna(False).astype(bool).to_numpy()[j]
    return ut


# ---------------------------------------------------------------------------------------
# Artskontorapporteringen og notene
# ---------------------------------------------------------------------------------------


def _belop_per(df: pd.DataFrame, kolonne: str) -> dict[str, float]:
    return df.groupby(kolonne)["belop"].sum().to_dict()


def artskontorapportering(regnskap_linjer: pd.DataFrame, ar: int) -> dict[str, float]:
    """Linjene i artskontorapporteringen for året som ``{id: beløp}``: beløpslinjene slik de
    vises (innbetalinger positive), sumlinjene og nettolinjene."""
    r = regnskap_linjer.loc[regnskap_linjer["ar"] == ar]
    belop = _belop_per(r, "oppstilling_linje")
    ut: dict[str, float] = {}
    seksjonsbelop: dict[str, float] = {}  # rå beløp (med eget fortegn) per seksjon
    for s in ARTSKONTO_OPPSETT:
        if isinstance(s, Seksjon):
            for li in s.linjer:
                ut[li.id] = li.fortegn * belop.get(li.id, 0.0)
            nokkel = s.sum_id or "felleskapitler"
            if s.sum_id:
                ut[s.sum_id] = sum(ut[li.id] for li in s.linjer)
            seksjonsbelop[nokkel] = sum(belop.get(li.id, 0.0) for li in s.linjer)
        else:
            deler = seksjonsbelop.values() if s.seksjoner == ("*",) else (seksjonsbelop[k] for k in s.seksjoner)
            ut[s.id] = float(sum(deler))
    return ut


def note(regnskap_linjer: pd.DataFrame, nr: int, ar: int) -> dict[str, float]:
    """Note ``nr`` (1–7) for året: notelinjene slik de vises (med fortegnet til
    oppstillingslinjen de spesifiserer) og sumlinjene."""
    r = regnskap_linjer.loc[(regnskap_linjer["ar"] == ar) & (regnskap_linjer["note"] == nr)]
    fortegn = r["oppstilling_linje"].map(lambda li: oppstillingslinjer()[li].fortegn)
    vist = (r["belop"] * fortegn).groupby(r["note_linje"]).sum().to_dict()
    ut: dict[str, float] = {}
    for s in NOTE_OPPSETT[nr]:
        for li in s.linjer:
            ut[li.id] = float(vist.get(li.id, 0.0))
        ut[s.sum_id] = sum(ut[li.id] for li in s.linjer)
    return ut


# ---------------------------------------------------------------------------------------
# Bevilgningsrapporteringen, Note A og Note B
# ---------------------------------------------------------------------------------------


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


def bevilgningsrapportering(regnskap: pd.DataFrame, tildeling: pd.DataFrame, ar: int) -> pd.DataFrame:
    """Én rad per kapittel og post med tildeling eller regnskap i året: ``inntekt`` (inntekts-
    kapittel), ``samlet_tildeling``, ``regnskap`` (inntekter positive) og ``merutgift``
    (samlet tildeling − regnskap; negativ er merutgift) for postene med tildeling."""
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
                "kapittelnavn": KAPITTELNAVN.get(kap, ""),
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
      av årets og fjorårets tildeling; andre poster kan ikke overføre noe;
    - mulig overførbart: en merutgift på en post dekkes først av mindreutgiften på en post hvis
      bevilgning kan nyttes under den (stikkordet «kan nyttes under post NN» på posten som dekker,
      også «postene NN og MM»); deretter er et
      positivt grunnlag begrenset av maks overførbart, og en merutgift som ikke er dekket, står
      igjen som negativt beløp.
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
    fjor = tildeling.loc[tildeling["ar"] == ar - 1].set_index(["kapittel", "post"])["arets_tildelinger"]
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
            if k not in fjor.index:
                raise ManglerGrunnlag(
                    f"Note B: kapittel {kap} post {post} har stikkordet «kan overføres», men tildeling har "
                    f"ingen rad for {ar - 1}; fyll ut maks_overforbart i fullmakter"
                )
            maks = float(t.at[k, "arets_tildelinger"]) + float(fjor[k])
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
    g = nb["grunnlag_overforing"].astype(float).tolist()
    for i in range(len(nb)):
        if g[i] >= 0:
            continue
        for j in range(len(nb)):
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


# ---------------------------------------------------------------------------------------
# Kapitalkontoer og mellomværendet
# ---------------------------------------------------------------------------------------


def _er_endring_mellomvaerende(tekst) -> bool:
    return "mellomværende" in str(tekst).casefold()


def kapitalkontoer(kapital: pd.DataFrame, ar: int) -> pd.DataFrame:
    """Kapitalkontoene for året: konto, tekst, beløp; ``endring_mellomvaerende`` merker
    linjen for endringen i mellomværendet med statskassen (teksten nevner mellomværende)."""
    k = kapital.loc[kapital["ar"] == ar, ["konto", "tekst", "belop"]].reset_index(drop=True)
    k["endring_mellomvaerende"] = k["tekst"].map(_er_endring_mellomvaerende)
    return k


def mellomvaerende(mv: pd.DataFrame, ar: int) -> pd.DataFrame:
    """Mellomværendet for året med standardlinjen hver rad tilhører (``oversikt_id``, ``note8``)."""
    m = mv.loc[mv["ar"] == ar].copy()
    linjer = m["linje"].map(mellomvaerendelinje)
    ukjente = sorted({str(t) for t, li in zip(m["linje"], linjer) if li is None})
    if ukjente:
        raise ManglerGrunnlag("mellomvaerende: ukjent linje " + ", ".join(f"«{t}»" for t in ukjente))
    m["oversikt_id"] = [li.oversikt_id for li in linjer]
    m["note8"] = [li.note8 for li in linjer]
    return m.reset_index(drop=True)


def mellomvaerende_oversikt(mv: pd.DataFrame, ar: int) -> dict[str, float]:
    """Oversikten over mellomværendet (rapportert): linjene og summen (alle linjene)."""
    m = mellomvaerende(mv, ar)
    ut = {li.oversikt_id: 0.0 for li in MELLOMVAERENDE_LINJER if li.oversikt_id}
    for oid, v in m.groupby("oversikt_id")["rapportert"].sum().items():
        ut[oid] = float(v)
    ut["sum"] = float(m["rapportert"].sum())
    return ut


def note8(mv: pd.DataFrame, ar: int) -> dict[str, float]:
    """Note 8: bokført, rapportert og forskjell per linje, per gruppe og i alt
    (``<linje>.bokfort``, ``.rapportert``, ``.forskjell``)."""
    m = mellomvaerende(mv, ar)
    per = m.groupby("note8")[["bokfort", "rapportert"]].sum()
    ut: dict[str, float] = {}
    total = {"bokfort": 0.0, "rapportert": 0.0}
    for _gruppe, sum_id, linjer in NOTE8_OPPSETT:
        s = {"bokfort": 0.0, "rapportert": 0.0}
        for lid, _ in linjer:
            for kol in s:
                v = float(per.at[lid, kol]) if lid in per.index else 0.0
                ut[f"{lid}.{kol}"] = v
                s[kol] += v
            ut[f"{lid}.forskjell"] = ut[f"{lid}.bokfort"] - ut[f"{lid}.rapportert"]
        for kol in s:
            ut[f"{sum_id}.{kol}"] = s[kol]
            total[kol] += s[kol]
        ut[f"{sum_id}.forskjell"] = s["bokfort"] - s["rapportert"]
    ut["sum.bokfort"], ut["sum.rapportert"] = total["bokfort"], total["rapportert"]
    ut["sum.forskjell"] = total["bokfort"] - total["rapportert"]
    return ut


# ---------------------------------------------------------------------------------------
# Hele regnskapet for et år, og kontrollene
# ---------------------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------------------
# Figur-id-ene (docs/figures.md, «Accounts»)
# ---------------------------------------------------------------------------------------


def _har_regnskap(uttrekk, ar: int) -> bool:
    return bool(uttrekk.regnskap["ar"].eq(ar).any())


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
# Tabellene (tabeller.xlsx med tall; boka med norsk formatering)
# ---------------------------------------------------------------------------------------
# Hver oppstilling er en DataFrame med en skjult kolonne ``_type`` («overskrift», «linje»,
# «sum»): regnearket får tallene uten den, boka bruker den til å utheve sum- og nettolinjer.

_TYPE = "_type"


def _rad(tekst: str, type: str = "linje", **belop) -> dict:
    return {"Tekst": tekst, _TYPE: type, **belop}


def _artskonto_tabell(r: Arsregnskap, fjor: Arsregnskap | None) -> pd.DataFrame:
    a, b = str(r.ar), str(r.ar - 1)
    rader = []
    for s in ARTSKONTO_OPPSETT:
        if isinstance(s, Seksjon):
            rader.append({**_rad(s.overskrift, "overskrift"), "Note": ""})
            for li in s.linjer:
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
                            **{a: r.artskonto[s.sum_id], b: fjor.artskonto[s.sum_id] if fjor else None},
                        ),
                        "Note": "",
                    }
                )
        else:
            rader.append(
                {
                    **_rad(s.tekst, "sum", **{a: r.artskonto[s.id], b: fjor.artskonto[s.id] if fjor else None}),
                    "Note": "",
                }
            )
    return pd.DataFrame(rader, columns=["Tekst", "Note", a, b, _TYPE])


def _mellomvaerende_tabell(r: Arsregnskap) -> pd.DataFrame:
    a, b = str(r.ar), str(r.ar - 1)
    fjor = r.mellomvaerende_i_fjor or {}
    rader = [_rad("Eiendeler og gjeld", "overskrift")]
    for li in MELLOMVAERENDE_LINJER:
        if li.oversikt_id:
            rader.append(_rad(li.oversikt_tekst, **{a: r.mellomvaerende[li.oversikt_id], b: fjor.get(li.oversikt_id)}))
    rader.append(_rad("Sum mellomværende med statskassen", "sum", **{a: r.mellomvaerende["sum"], b: fjor.get("sum")}))
    return pd.DataFrame(rader, columns=["Tekst", a, b, _TYPE])


def _note_tabell(r: Arsregnskap, fjor: Arsregnskap | None, nr: int, arsverk: tuple | None = None) -> pd.DataFrame:
    a, b = f"31.12.{r.ar}", f"31.12.{r.ar - 1}"
    rader = []
    for s in NOTE_OPPSETT[nr]:
        if s.overskrift:
            rader.append(_rad(s.overskrift, "overskrift"))
        for li in s.linjer:
            rader.append(_rad(li.tekst, **{a: r.noter[nr][li.id], b: fjor.noter[nr][li.id] if fjor else None}))
        rader.append(
            _rad(s.sum_tekst, "sum", **{a: r.noter[nr][s.sum_id], b: fjor.noter[nr][s.sum_id] if fjor else None})
        )
    if arsverk is not None:
        rader.append(_rad("Antall utførte årsverk", "arsverk", **{a: arsverk[0], b: arsverk[1]}))
    return pd.DataFrame(rader, columns=["Tekst", a, b, _TYPE])


def _note8_tabell(r: Arsregnskap) -> pd.DataFrame:
    kol = {
        "bokfort": "Bokført avregning med statskassen",
        "rapportert": "Rapportert mellomværende med statskassen",
        "forskjell": "Forskjell",
    }
    rader = []
    for gruppe, sum_id, linjer in NOTE8_OPPSETT:
        rader.append(_rad(gruppe, "overskrift"))
        for lid, tekst in linjer:
            rader.append(_rad(tekst, **{kol[k]: r.note8[f"{lid}.{k}"] for k in kol}))
        rader.append(_rad("Sum", "sum", **{kol[k]: r.note8[f"{sum_id}.{k}"] for k in kol}))
    rader.append(_rad("Sum i alt", "sum", **{kol[k]: r.note8[f"sum.{k}"] for k in kol}))
    return pd.DataFrame(rader, columns=["Tekst", *kol.values(), _TYPE])


def _bevilgning_tabell(r: Arsregnskap) -> pd.DataFrame:
    regn = f"Regnskap {r.ar}"
    mer = "Merutgift (–) og mindreutgift"
    kol = ["Kapittel og post", "Tekst", "Note", "Samlet tildeling", regn, mer]
    rader = []
    for inntekt, overskrift, sum_tekst, nokkel in (
        (False, "Utgiftskapitler", "Sum utgiftsført", "sum_utgiftsfort"),
        (True, "Inntektskapitler", "Sum inntektsført", "sum_inntektsfort"),
    ):
        rader.append({"Kapittel og post": overskrift, _TYPE: "overskrift"})
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
        rader.append(
            {
                "Kapittel og post": sum_tekst,
                "Samlet tildeling": r.bevilgning_sum[f"{nokkel}.samlet_tildeling"],
                regn: r.bevilgning_sum[nokkel],
                _TYPE: "sum",
            }
        )
    rader.append(
        {
            "Kapittel og post": "Netto rapportert til bevilgningsregnskapet",
            regn: r.bevilgning_sum["netto_rapportert"],
            _TYPE: "sum",
        }
    )
    return pd.DataFrame(rader, columns=[*kol, _TYPE])


def _kapital_tabell(r: Arsregnskap) -> pd.DataFrame:
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
        }
    )
    return pd.DataFrame(rader, columns=["Konto", "Tekst", "Beløp", _TYPE])


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
    rader = []
    for kol, navn in NOTE_B_OVERSKRIFTER.items():
        type_ = "sum" if kol in ("grunnlag_overforing", "mulig_overforbart") else "linje"
        rader.append({"Tekst": navn, **dict(zip(poster, r.note_b[kol].astype(float))), _TYPE: type_})
    return pd.DataFrame(rader, columns=["Tekst", *poster, _TYPE])


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
        "6.3 Bevilgningsrapportering": _bevilgning_tabell(r),
        "6.3 Kapitalkontoer": _kapital_tabell(r),
        "6.3 Beholdninger": _beholdning_tabell(r),
        "6.3 Note A": _note_a_tabell(r),
        "6.3 Note B": _note_b_tabell(r),
        "6.3 Artskontorapportering": _artskonto_tabell(r, fjor),
        "6.3 Mellomværende": _mellomvaerende_tabell(r),
    }
    for nr in NOTE_OPPSETT:
        tab[f"6.3 Note {nr}"] = _note_tabell(r, fjor, nr, arsverk if nr == 2 else None)
    tab["6.3 Note 8"] = _note8_tabell(r)
    return tab


#: Tabellene i ``tabeller.xlsx``: hvilke tabeller og figurer i boka (``tab.*``/``fig.*``)
#: hver tabell fra :func:`tabeller` er grunnlaget for, kildene og tallformater ut over
#: standardreglene (se :mod:`arsrapport.regneark`).
REGNEARK = {
    "2.3 Tabell 1": ark(
        "tab.tabell_1",
        kilder=("regnskap", "hr"),
        standard="kroner",
        rader={
            "Utførte årsverk": "desimal",
            "Utnyttelsesgrad": "andel",
            "Lønnsandel av driftsutgifter": "andel",
            "Konsulentandel av driftsutgifter": "andel",
        },
    ),
    "6.3 Bevilgningsrapportering": ark("tab.bevilgningsrapportering", kilder=("regnskap",), standard="kroner"),
    "6.3 Kapitalkontoer": ark("tab.kapitalkontoer", kilder=("regnskap",), standard="kroner"),
    "6.3 Beholdninger": ark("tab.beholdninger", kilder=("regnskap",), standard="kroner"),
    "6.3 Note A": ark("tab.note_a", kilder=("regnskap",), standard="kroner"),
    "6.3 Note B": ark("tab.note_b", kilder=("regnskap",), standard="kroner"),
    "6.3 Artskontorapportering": ark("tab.artskontorapportering", kilder=("regnskap",), standard="kroner"),
    "6.3 Mellomværende": ark("tab.mellomvaerende", kilder=("regnskap",), standard="kroner"),
    **{
        f"6.3 Note {nr}": ark(
            f"tab.note_{nr}",
            kilder=("regnskap",),
            standard="kroner",
            rader={"Antall utførte årsverk": "desimal"} if nr == 2 else {},
        )
        for nr in (*NOTE_OPPSETT, 8)
    },
    "4.3 Figur 19": ark("fig.figur_19", kilder=("regnskap",), standard="kroner"),
    "4.3 Figur 20": ark("fig.figur_20", kilder=("regnskap",), standard="kroner"),
}


def tabeller(uttrekk, ar: int) -> dict[str, pd.DataFrame]:
    """Tabell 1, oppstillingene og notene i del VI og dataene bak Figur 19 og 20, med tall
    (til ``tabeller.xlsx``)."""
    f = figurer(uttrekk, ar)
    ut = {
        "2.3 Tabell 1": nokkeltall_tabell(f, uttrekk.tildeling.loc[uttrekk.tildeling["ar"] == ar]).drop(columns="_id")
    }
    ut.update({n: t.drop(columns=_TYPE) for n, t in _oppstillinger(uttrekk, ar).items()})
    ut["4.3 Figur 19"] = utgifter_etter_art(kontrollert(uttrekk, ar))
    ut["4.3 Figur 20"] = konsulentutgifter(uttrekk, ar)
    return ut


def _kroner(v) -> str:
    from arsrapport.formatering import tall

    return "" if v is None or pd.isna(v) else tall(v)


def for_boka(uttrekk, ar: int) -> dict[str, pd.DataFrame]:
    """Tabellene slik boka viser dem (``tab.<navn>``): kroner med tusenskille, sum- og
    nettolinjer uthevet, overskriftslinjer i kursiv; Tabell 1 med andeler i prosent og
    årsverk med én desimal."""
    from arsrapport.formatering import prosent, tall

    ut: dict[str, pd.DataFrame] = {}
    for navn, t in _oppstillinger(uttrekk, ar).items():
        vis = t.drop(columns=_TYPE).astype(object)
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
            forste = vis.columns[0] if navn != "6.3 Kapitalkontoer" else "Tekst"
            if type_ == "sum":
                vis.loc[i] = [f"**{v}**" if str(v) else "" for v in vis.loc[i]]
            elif type_ == "overskrift":
                vis.at[i, forste] = f"*{vis.at[i, forste]}*"
        ut["tab." + navn.split(" ", 1)[1].lower().replace(" ", "_").replace("æ", "ae")] = vis
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
    ut["tab.tabell_1"] = vis
    return ut


# ---------------------------------------------------------------------------------------
# Tallkatalogen: hver id kapittelet beregner, med enhet og definisjon (arsrapport.tallkatalog)
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
        "Linjen id-en angir i oversikten over mellomværendet med statskassen per 31.12. (rapportert; sum: alle linjene).",
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
