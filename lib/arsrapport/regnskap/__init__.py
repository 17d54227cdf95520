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
(se :class:`Regnskapsfeil`), det samme gjør en tabell i boka der linjene ikke summerer til
summen tabellen viser (:func:`kontroller_tabellene`).

Pakken er delt etter avsnittene, nedenfra og opp; en modul importerer bare fra modulene før
seg i lista:

- :mod:`~arsrapport.regnskap.oppsett`: linjene, seksjonene og notene i standardoppstillingene,
  standardlinjene i mellomværendet og konstantene;
- :mod:`~arsrapport.regnskap.feil`: :class:`Regnskapsfeil` og :class:`ManglerGrunnlag`;
- :mod:`~arsrapport.regnskap.kontoplan`: kontointervallene → oppstillings- og notelinje;
- :mod:`~arsrapport.regnskap.artskonto`: artskontorapporteringen og Note 1–7;
- :mod:`~arsrapport.regnskap.bevilgning`: bevilgningsrapporteringen, Note A og Note B;
- :mod:`~arsrapport.regnskap.kapital`: kapitalkontoene, mellomværendet og Note 8;
- :mod:`~arsrapport.regnskap.kontrollene`: hele regnskapet for et år og kontrollene;
- :mod:`~arsrapport.regnskap.tall`: figur-id-ene, nøkkeltallene og tallkatalogen ``TALL``;
- :mod:`~arsrapport.regnskap.boka`: tabellene til ``tabeller.xlsx`` og boka, og ``REGNEARK``.

Navnene brukes fra pakken (``regnskap.note_b``, ``arsrapport.regnskap.note_b`` i
tallkatalogen); modulene er inndelingen, ikke grensesnittet.
"""

from __future__ import annotations

from arsrapport.regnskap.artskonto import (
    artskontorapportering,
    note,
)
from arsrapport.regnskap.bevilgning import (
    bevilgning_summer,
    bevilgningsrapportering,
    er_inntektskapittel,
    kapittelnavn,
    note_a,
    note_b,
)
from arsrapport.regnskap.boka import (
    FIGUR_19_GRUPPER,
    NOTE_B_OVERSKRIFTER,
    REGNEARK,
    for_boka,
    konsulentutgifter,
    kontroller_tabellene,
    nokkeltall_tabell,
    summer_som_ikke_gar_opp,
    tabeller,
    utgifter_etter_art,
)
from arsrapport.regnskap.feil import (
    ManglerGrunnlag,
    Regnskapsfeil,
)
from arsrapport.regnskap.kapital import (
    kapitalkontoer,
    mellomvaerende,
    mellomvaerende_oversikt,
    note8,
)
from arsrapport.regnskap.kontoplan import (
    konto_treff,
    med_linjer,
)
from arsrapport.regnskap.kontrollene import (
    KONTROLL_AR,
    Arsregnskap,
    arsregnskap,
    kontroller,
    kontroller_arene,
    kontrollert,
)
from arsrapport.regnskap.oppsett import (
    ARTSKONTO_OPPSETT,
    DRIFTSPOSTER,
    KAPITTELNAVN,
    MELLOMVAERENDE_LINJER,
    NOTE8_OPPSETT,
    NOTE_OPPSETT,
    NOTE_TITLER,
    ORE,
    OVERFORING_DRIFT,
    Linje,
    Mellomvaerendelinje,
    Netto,
    Seksjon,
    mellomvaerendelinje,
    notelinjer,
    oppstillingslinjer,
)
from arsrapport.regnskap.tall import (
    NOTE_B_KOLONNER,
    TALL,
    figurer,
    figurer_for_ar,
    nokkeltall_for_ar,
)

__all__ = [
    # oppsett
    "ARTSKONTO_OPPSETT",
    "DRIFTSPOSTER",
    "KAPITTELNAVN",
    "MELLOMVAERENDE_LINJER",
    "NOTE8_OPPSETT",
    "NOTE_OPPSETT",
    "NOTE_TITLER",
    "ORE",
    "OVERFORING_DRIFT",
    "Linje",
    "Mellomvaerendelinje",
    "Netto",
    "Seksjon",
    "mellomvaerendelinje",
    "notelinjer",
    "oppstillingslinjer",
    # feil
    "ManglerGrunnlag",
    "Regnskapsfeil",
    # kontoplan
    "konto_treff",
    "med_linjer",
    # artskonto
    "artskontorapportering",
    "note",
    # bevilgning
    "bevilgning_summer",
    "bevilgningsrapportering",
    "er_inntektskapittel",
    "kapittelnavn",
    "note_a",
    "note_b",
    # kapital
    "kapitalkontoer",
    "mellomvaerende",
    "mellomvaerende_oversikt",
    "note8",
    # kontrollene
    "KONTROLL_AR",
    "Arsregnskap",
    "arsregnskap",
    "kontroller",
    "kontroller_arene",
    "kontrollert",
    # tall
    "NOTE_B_KOLONNER",
    "TALL",
    "figurer",
    "figurer_for_ar",
    "nokkeltall_for_ar",
    # boka
    "FIGUR_19_GRUPPER",
    "NOTE_B_OVERSKRIFTER",
    "REGNEARK",
    "for_boka",
    "konsulentutgifter",
    "kontroller_tabellene",
    "nokkeltall_tabell",
    "summer_som_ikke_gar_opp",
    "tabeller",
    "utgifter_etter_art",
]
