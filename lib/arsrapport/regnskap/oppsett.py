"""Oppsettet av standardoppstillingene (R-115): linjene, seksjonene, sum- og nettolinjene i
artskontorapporteringen og Note 1–7, standardlinjene i mellomværendet og Note 8, kapittelnavnene
og konstantene (driftspostene, overføringsgrensen, øret kontrollene regner på). Bare oppsett og
oppslag; beløpene beregnes i de andre modulene.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


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


# Mellomværendet med statskassen: de 15 standardlinjene i oversiktens rekkefølge, deres
# id i oversikten (``mellomvaerende.<id>``, med Note 8s skrivemåte der linjen har samme navn der),
# teksten i oversikten og linjen de inngår i i Note 8. ``alltid``: linjen vises i oversikten også
# når beløpet er 0 (linjene oversikten alltid har vist); de andre vises når det rapporterte beløpet
# ikke er 0 i et av årene oversikten viser. Teksten i uttrekket sammenlignes uten hensyn til
# store/små bokstaver og mellomrom; flere skrivemåter kan gi samme linje.
@dataclass(frozen=True)
class Mellomvaerendelinje:
    tekster: tuple[str, ...]
    oversikt_id: str
    oversikt_tekst: str
    note8: str
    alltid: bool = False


def _mv(tekster: tuple[str, ...], oversikt_id: str, note8: str, alltid: bool = False) -> Mellomvaerendelinje:
    return Mellomvaerendelinje(tekster, oversikt_id, tekster[0], note8, alltid)


MELLOMVAERENDE_LINJER: tuple[Mellomvaerendelinje, ...] = (
    _mv(("Investeringer i aksjer og andeler",), "investeringer_aksjer_andeler", "investeringer_aksjer_andeler"),
    _mv(("Obligasjoner",), "obligasjoner", "obligasjoner"),
    _mv(("Kundefordringer",), "kundefordringer", "kundefordringer"),
    _mv(("Fordringer på ansatte", "Andre fordringer"), "fordringer_ansatte", "andre_fordringer", True),
    _mv(("Kontanter",), "kontanter", "bankinnskudd_kontanter", True),
    _mv(
        ("Bankkontoer med statlige midler utenfor Norges Bank",),
        "bankkontoer_utenfor_norges_bank",
        "bankinnskudd_kontanter",
        True,
    ),
    _mv(("Annen langsiktig gjeld",), "annen_langsiktig_gjeld", "annen_langsiktig_gjeld"),
    _mv(("Leverandørgjeld",), "leverandorgjeld", "leverandorgjeld"),
    _mv(
        ("Skyldig skattetrekk og andre trekk", "Skyldig skattetrekk"),
        "skyldig_skattetrekk",
        "skyldig_skattetrekk",
        True,
    ),
    _mv(("Skyldige offentlige avgifter",), "skyldige_offentlige_avgifter", "skyldige_offentlige_avgifter", True),
    _mv(
        ("Avsatt pensjonspremie til Statens pensjonskasse", "Avsatt pensjonspremie"),
        "avsatt_pensjonspremie",
        "annen_kortsiktig_gjeld",
        True,
    ),
    _mv(("Mottatte forskuddsbetalinger",), "mottatte_forskuddsbetalinger", "annen_kortsiktig_gjeld", True),
    _mv(
        ("Lønn (negativ netto, for mye utbetalt lønn m.m.)", "Lønn (negativ netto)"),
        "lonn_negativ_netto",
        "annen_kortsiktig_gjeld",
        True,
    ),
    _mv(
        ("Differanser på bank og uidentifiserte innbetalinger",),
        "differanser_bank",
        "annen_kortsiktig_gjeld",
        True,
    ),
    _mv(("Annen kortsiktig gjeld",), "annen_kortsiktig_gjeld", "annen_kortsiktig_gjeld"),
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


# Kapittelnavn i statsbudsjettet for felleskapitlene alle virksomheter rapporterer på (bare
# visning); virksomhetens egne kapitler og navn står i arsrapport.toml (``[virksomhet]``)
KAPITTELNAVN = {
    "1633": "Nettoordning for mva i staten",
    "5309": "Tilfeldige inntekter",
    "5700": "Arbeidsgiveravgift",
}

# Driftspostene (01–29, unntatt 24) kan overføre inntil 5 % av årets tildeling
DRIFTSPOSTER = {f"{p:02d}" for p in range(1, 30)} - {"24"}
OVERFORING_DRIFT = 0.05

# Kroner: regnskapet fører øre, så kontrollene krever likhet på øret
ORE = 0.005
