"""Kapittel 3.2: styringsparameterne SP1–SP3 (Tabell 5, 7 og 9), saksbehandlingstiden per
tertial (3.2.1) og porteføljeavsnittene (3.2.3, 3.2.5, 3.2.6 og 3.2.10)."""

from __future__ import annotations

import pandas as pd

from arsrapport.maal import portefolje
from arsrapport.maal import saksbehandling as sb
from arsrapport.maal import styringsparametere as sp
from arsrapport.maal import uiv as uiv_mod
from arsrapport.presentasjon.formatering import dager, prosent, tall
from arsrapport.presentasjon.regnearkspek import ark
from arsrapport.presentasjon.tallspek import Tall

MANEDER = ["jan.", "feb.", "mars", "april", "mai", "juni", "juli", "aug.", "sep.", "okt.", "nov.", "des."]
NAVN = {
    "SP1": "Saksbehandlingstid for klagesaker asyl",
    "SP2": "Størrelse og alder på beholdningen av ubehandlede klagesaker opphold",
    "SP3": "Saksbehandlingstid for klagesaker utvisning",
}


def figurer(uttrekk, ar: int, sammenligningsar: int = 2) -> dict[int, dict[str, float]]:
    """``sp1.*``–``sp3.*`` (der tabellen ``styringsparametere`` har mål for året),
    ``saksbehandlingstid_tertial.*`` og porteføljetallene for rapportåret og
    sammenligningsårene (og året før dem, som endringene regnes fra)."""
    saker = sb.med_avledede(uttrekk.saker)
    ut: dict[int, dict[str, float]] = {}
    seg = portefolje.segmentkolonner(saker)
    for a in range(ar - sammenligningsar - 1, ar + 1):
        f: dict[str, float] = portefolje.figurer_for_ar(saker, a, seg)
        f.update(portefolje.barn_og_familier(saker, a))
        f.update(portefolje.nye_rettssaker_per_sakstype(uttrekk.rettssaker, saker, a))
        if (uttrekk.styringsparametere["ar"] == a).any():
            f.update(sp.figurer(saker, uttrekk.styringsparametere, a))
        f.update(sp.saksbehandlingstid_tertial(saker, a))
        ut[a] = f
    for a in range(ar - sammenligningsar, ar + 1):
        portefolje.endringer(ut, a)
    return ut


def _dager_eller_strek(v) -> str:
    return "–" if v is None else dager(v)


def tabell(uttrekk, ar: int, kode: str) -> pd.DataFrame:
    """Tabell 5 (SP1), 7 (SP2) og 9 (SP3): parameter, mål, resultat og vurdering."""
    saker = sb.med_avledede(uttrekk.saker)
    m = sp.mal_for_aret(uttrekk.styringsparametere, ar, kode)
    r = sp.resultat(saker, uttrekk.styringsparametere, ar, kode)
    nadd, grunn = sp.vurdering(r, m)
    if m.mal_andel is not None:
        mal_tekst = f"{prosent(m.mal_andel, desimaler=0)} av sakene under {dager(m.grense_dager)}"
        resultat = (
            f"{prosent(r['andel_under_grense'])} under {dager(m.grense_dager)} "
            f"(snitt {dager(r['snitt'])}, {tall(r['antall'])} saker)"
            if "andel_under_grense" in r
            else "Ingen behandlede saker"
        )
    else:
        mal_tekst = f"Beholdningen ned med minst {tall(m.mal_reduksjon)} saker, og snittalderen skal ikke øke"
        resultat = f"{tall(r['beholdning_start'])} → {tall(r['beholdning'])} saker"
    rader = [
        ("Styringsparameter", f"{kode}: {NAVN[kode]} ({m.populasjon})"),
        ("Mål", mal_tekst),
        ("Resultat", resultat),
        ("Ubehandlede 31.12. året før / i år", f"{tall(r['beholdning_start'])} / {tall(r['beholdning'])}"),
        (
            "Snittalder ubehandlede, året før / i år",
            f"{_dager_eller_strek(r.get('alder_start'))} / {_dager_eller_strek(r.get('alder'))}",
        ),
        ("Vurdering", f"{'Nådd' if nadd else 'Ikke nådd'}: {grunn}"),
    ]
    return pd.DataFrame(rader, columns=["", str(ar)])


#: Tabellene i ``tabeller.xlsx``: hvilke tabeller og figurer i boka (merket i ``:name:``)
#: hver tabell fra :func:`tabeller` er grunnlaget for, kildene og tallformater ut over
#: standardreglene (se :mod:`arsrapport.utdata.regneark`).
REGNEARK = {
    "tab-3-2-sp1": ark("tab-3-2-sp1", kilder=("saksregister", "tildelingsbrev")),
    "tab-3-2-asyl-beholdning": ark("tab-3-2-asyl-beholdning"),
    "fig-3-2-asyl-tid": ark("fig-3-2-asyl-tid", standard="dager"),
    "tab-3-2-asylspor": ark("tab-3-2-asylspor"),
    "fig-3-2-uiv": ark("fig-3-2-uiv"),
    "tab-3-2-sp2": ark("tab-3-2-sp2", kilder=("saksregister", "tildelingsbrev")),
    "tab-3-2-opphold-beholdning": ark("tab-3-2-opphold-beholdning"),
    "tab-3-2-saksgrupper": ark("tab-3-2-saksgrupper"),
    "fig-3-2-opphold-alder": ark("fig-3-2-opphold-alder", standard="dager"),
    "fig-3-2-opphold-tid": ark("fig-3-2-opphold-tid", standard="dager"),
    "tab-3-2-arbeid": ark("tab-3-2-arbeid", "fig-3-2-arbeid"),
    "tab-3-2-andre": ark("tab-3-2-andre", "fig-3-2-andre"),
    "tab-3-2-sp3": ark("tab-3-2-sp3", kilder=("saksregister", "tildelingsbrev")),
    "tab-3-2-tilbakekall": ark("tab-3-2-tilbakekall"),
}


def tabeller(uttrekk, ar: int) -> dict[str, pd.DataFrame]:
    """Alle tabellene i kapittelet (og grunnlaget for Figur 13–18), under nøklene i
    ``REGNEARK`` (arket i ``tabeller.xlsx`` får nummeret i boka som navn)."""
    s = sb.med_avledede(uttrekk.saker)
    uiv = uiv_mod.per_maned(uttrekk.uiv, range(ar - 2, ar + 1))
    uiv.index = [MANEDER[m - 1] for m in uiv.index]
    uiv.index.name, uiv.columns.name = "Måned", None
    uiv.columns = [str(a) for a in uiv.columns]
    return {
        "tab-3-2-sp1": tabell(uttrekk, ar, "SP1"),
        "tab-3-2-asyl-beholdning": portefolje.tabell_beholdning_per_ar(s, ar, asyl=True),
        "fig-3-2-asyl-tid": portefolje.tabell_tid_per_ar(s, ar, asyl=True),
        "tab-3-2-asylspor": portefolje.tabell_asylspor(s, ar),
        "fig-3-2-uiv": uiv.reset_index(),
        "tab-3-2-sp2": tabell(uttrekk, ar, "SP2"),
        "tab-3-2-opphold-beholdning": portefolje.tabell_beholdning_per_ar(s, ar, asyl=False),
        "tab-3-2-saksgrupper": portefolje.tabell_grupper_opphold(s, ar),
        "fig-3-2-opphold-alder": portefolje.tabell_alder_per_gruppe(s, ar),
        "fig-3-2-opphold-tid": portefolje.tabell_tid_per_ar(s, ar, asyl=False),
        "tab-3-2-arbeid": portefolje.tabell_sakstyper(s, ar, "Arbeid/opphold"),
        "tab-3-2-andre": portefolje.tabell_sakstyper(s, ar, "Andre saker"),
        "tab-3-2-sp3": tabell(uttrekk, ar, "SP3"),
        "tab-3-2-tilbakekall": portefolje.tabell_sakstyper(s, ar, "Tilbakekall"),
    }


def tekster(uttrekk, ar: int) -> dict[str, str]:
    """Navnene teksten nevner (største nasjonaliteter og sakstyper), ferdig formatert."""
    return portefolje.tekster(uttrekk.saker, ar)


# --- tallkatalogen ------------------------------------------------------------------
# Hver id kapittelet beregner, med enhet og definisjon (se arsrapport.utdata.tallkatalog).


_PORTEFOLJE = "arsrapport.maal.portefolje.figurer_for_ar"
_SEGMENT = (
    "for segmentet id-en angir (saksgruppe, kategori, asylspor, sakstype eller hjemmel), "
    "eventuelt bare behandlingstypen"
)
_POPULASJON = (
    "for gruppen id-en begynner med (ema: asylsaker med enslige mindreårige, ema_under_18: de av dem som var "
    "under 18 ved vedtaket, barnefamilie: asylsaker med barnefamilier, lengevarende_barn: lengeværende barn)"
)
_SP = "i populasjonen til styringsparameteren (sp1: asylklager, sp2: klager i oppholdssaker, sp3: utvisningsklager)"
_BARN = "arsrapport.maal.portefolje.barn_og_familier"
_RESULTAT = "arsrapport.maal.styringsparametere.resultat"
_TEKSTER = "arsrapport.maal.portefolje.tekster"

TALL = [
    # porteføljeavsnittene (3.2.3, 3.2.5, 3.2.10, Del VII pkt. 6)
    Tall(
        "mottatt.{segment}[.{type}][.{land}]",
        "antall",
        f"Saker UNE mottok i året, {_SEGMENT} og nasjonaliteten id-en angir.",
        _PORTEFOLJE,
    ),
    Tall(
        "behandlet.{segment}[.{type}][.{form}]",
        "antall",
        f"Saker nemnda behandlet (vedtak) i året, {_SEGMENT} og avgjørelsesformen id-en angir "
        "(form.nemndmote: de tre nemndmøteformene).",
        _PORTEFOLJE,
    ),
    Tall(
        "behandlet.{segment}[.{type}].{land}",
        "antall",
        f"Saker nemnda behandlet (vedtak) i året fra nasjonaliteten id-en angir, {_SEGMENT}.",
        _PORTEFOLJE,
    ),
    Tall(
        "behandlet.{segment}[.{type}].tilknyttet_utvisning",
        "antall",
        f"Saker behandlet i året sammen med en utvisningssak, {_SEGMENT}.",
        _PORTEFOLJE,
    ),
    Tall(
        "henlagt.{segment}[.{type}]",
        "antall",
        f"Saker henlagt (avsluttet uten vedtak) i året, {_SEGMENT}.",
        _PORTEFOLJE,
    ),
    Tall(
        "omgjort.{segment}[.{type}]",
        "antall",
        f"Saker behandlet i året der vedtaket ble omgjort helt eller delvis, {_SEGMENT}.",
        _PORTEFOLJE,
    ),
    Tall(
        "omgjoringsandel.{segment}[.{type}]",
        "andel",
        f"Andel av sakene behandlet i året der vedtaket ble omgjort helt eller delvis, {_SEGMENT}.",
        _PORTEFOLJE,
    ),
    Tall(
        "saksbehandlingstid.{segment}[.{type}]",
        "dager",
        f"Gjennomsnittlig saksbehandlingstid i dager (mottatt til vedtak) for sakene behandlet i året, {_SEGMENT}.",
        _PORTEFOLJE,
    ),
    Tall(
        "avgjort_andel.{segment}[.{type}].form.nemndmote",
        "andel",
        f"Andel av sakene behandlet i året som ble avgjort i nemndmøte (stornemnd, NMP og NUP), {_SEGMENT}.",
        _PORTEFOLJE,
    ),
    Tall(
        "avgjort_andel.{segment}[.{type}].form.nl",
        "andel",
        f"Andel av sakene behandlet i året som ble avgjort av nemndleder, {_SEGMENT}.",
        _PORTEFOLJE,
    ),
    Tall(
        "avgjort_andel.{segment}[.{type}].form.sek",
        "andel",
        f"Andel av sakene behandlet i året som ble avgjort i sekretariatet, {_SEGMENT}.",
        _PORTEFOLJE,
    ),
    Tall(
        "andel_klage_av_mottatt.{segment}",
        "andel",
        "Andel klager av sakene mottatt i året, for segmentet id-en angir.",
        _PORTEFOLJE,
    ),
    Tall(
        "andel_omgjoring_av_mottatt.{segment}",
        "andel",
        "Andel omgjøringsanmodninger av sakene mottatt i året, for segmentet id-en angir.",
        _PORTEFOLJE,
    ),
    Tall(
        "andel_klage_av_behandlet.{segment}",
        "andel",
        "Andel klager av sakene behandlet i året, for segmentet id-en angir.",
        _PORTEFOLJE,
    ),
    Tall(
        "andel_omgjoring_av_behandlet.{segment}",
        "andel",
        "Andel omgjøringsanmodninger av sakene behandlet i året, for segmentet id-en angir.",
        _PORTEFOLJE,
    ),
    Tall("beholdning.{segment}[.{type}]", "antall", f"Ubehandlede saker per 31.12. i året, {_SEGMENT}.", _PORTEFOLJE),
    Tall(
        "beholdning_start.{segment}[.{type}]",
        "antall",
        f"Ubehandlede saker per 31.12. året før (ved inngangen til året), {_SEGMENT}.",
        _PORTEFOLJE,
    ),
    Tall(
        "beholdning_alder.{segment}[.{type}]",
        "dager",
        f"Gjennomsnittlig alder i dager på de ubehandlede sakene per 31.12. i året, {_SEGMENT}.",
        _PORTEFOLJE,
    ),
    Tall(
        "beholdning_alder_start.{segment}[.{type}]",
        "dager",
        f"Gjennomsnittlig alder i dager på de ubehandlede sakene per 31.12. året før, {_SEGMENT}.",
        _PORTEFOLJE,
    ),
    Tall(
        "beholdning_over_ett_ar[.{segment}][.{type}]",
        "antall",
        "Ubehandlede saker per 31.12. i året som var eldre enn 365 dager, alle eller for segmentet og "
        "behandlingstypen id-en angir.",
        _PORTEFOLJE,
    ),
    Tall(
        "beholdning_over_ett_ar_start[.{segment}][.{type}]",
        "antall",
        "Ubehandlede saker per 31.12. året før som var eldre enn 365 dager, alle eller for segmentet og "
        "behandlingstypen id-en angir.",
        _PORTEFOLJE,
    ),
    Tall(
        "rettssaker.nye.tingretten.{sakstype}",
        "antall",
        "Nye saker i tingretten (stevning mottatt i året) der nemndas sak har sakstypen id-en angir (3.2.10).",
        "arsrapport.maal.portefolje.nye_rettssaker_per_sakstype",
    ),
    # mindreårige og barnefamilier (3.2.6)
    Tall(
        "{populasjon}.behandlet[.{segment}][.{type}]",
        "antall",
        f"Saker nemnda behandlet (vedtak) i året {_POPULASJON}, eventuelt bare asylsporet eller "
        "behandlingstypen id-en angir.",
        _BARN,
    ),
    Tall(
        "{populasjon}.omgjort[.{segment}]",
        "antall",
        f"Saker behandlet i året der vedtaket ble omgjort helt eller delvis, {_POPULASJON}, eventuelt bare "
        "asylsporet id-en angir.",
        _BARN,
    ),
    Tall(
        "{populasjon}.omgjoringsandel",
        "andel",
        f"Andel av sakene behandlet i året der vedtaket ble omgjort helt eller delvis, {_POPULASJON}.",
        _BARN,
    ),
    Tall(
        "{populasjon}.saksbehandlingstid[.{type}]",
        "dager",
        f"Gjennomsnittlig saksbehandlingstid i dager for sakene behandlet i året, {_POPULASJON}, eventuelt bare "
        "behandlingstypen id-en angir.",
        _BARN,
    ),
    Tall(
        "{populasjon}.avgjort_andel.{form}",
        "andel",
        f"Andel av sakene behandlet i året som ble avgjort i avgjørelsesformen id-en angir, {_POPULASJON}.",
        _BARN,
    ),
    Tall(
        "{populasjon}.andel_klage_av_behandlet",
        "andel",
        f"Andel klager av sakene behandlet i året, {_POPULASJON}.",
        _BARN,
    ),
    Tall(
        "{populasjon}.andel_omgjoring_av_behandlet",
        "andel",
        f"Andel omgjøringsanmodninger av sakene behandlet i året, {_POPULASJON}.",
        _BARN,
    ),
    Tall(
        "{populasjon}.personer",
        "antall",
        f"Ulike personer i sakene behandlet i året, {_POPULASJON}.",
        _BARN,
    ),
    Tall(
        "{populasjon}.familier",
        "antall",
        f"Ulike familier i sakene behandlet i året, {_POPULASJON}.",
        _BARN,
    ),
    # styringsparameterne (Tabell 5, 7 og 9)
    Tall("{sp}.beholdning", "antall", f"Ubehandlede saker per 31.12. i året {_SP}.", _RESULTAT),
    Tall("{sp}.beholdning_start", "antall", f"Ubehandlede saker per 31.12. året før {_SP}.", _RESULTAT),
    Tall(
        "{sp}.alder",
        "dager",
        f"Gjennomsnittlig alder i dager på de ubehandlede sakene per 31.12. i året {_SP}.",
        _RESULTAT,
    ),
    Tall(
        "{sp}.alder_start",
        "dager",
        f"Gjennomsnittlig alder i dager på de ubehandlede sakene per 31.12. året før {_SP}.",
        _RESULTAT,
    ),
    Tall("{sp}.antall", "antall", f"Saker behandlet i året {_SP}.", _RESULTAT),
    Tall(
        "{sp}.snitt",
        "dager",
        f"Gjennomsnittlig saksbehandlingstid i dager for sakene behandlet i året {_SP}.",
        _RESULTAT,
    ),
    Tall(
        "{sp}.andel_under_grense",
        "andel",
        f"Andel av sakene behandlet i året {_SP} med saksbehandlingstid under årets grense (spN.grense_dager).",
        _RESULTAT,
    ),
    Tall(
        "{sp}.grense_dager",
        "dager",
        "Årets grense for saksbehandlingstiden i styringsparameteren (tildelingsbrevet).",
        "arsrapport.maal.styringsparametere.mal_for_aret",
    ),
    Tall(
        "{sp}.mal_andel",
        "andel",
        "Årets mål for andelen behandlet under grensen i styringsparameteren (tildelingsbrevet).",
        "arsrapport.maal.styringsparametere.mal_for_aret",
        desimaler=0,
    ),
    Tall(
        "{sp}.mal_reduksjon",
        "antall",
        "Årets mål for hvor mye beholdningen i styringsparameteren skal ned, i antall saker (tildelingsbrevet).",
        "arsrapport.maal.styringsparametere.mal_for_aret",
    ),
    Tall(
        "{sp}.oppnadd",
        "antall",
        "1 når styringsparameterens mål for året ble nådd, ellers 0.",
        "arsrapport.maal.styringsparametere.vurdering",
    ),
    Tall(
        "saksbehandlingstid_tertial.{tertial}",
        "dager",
        "Gjennomsnittlig saksbehandlingstid i dager for sakene behandlet i tertialet id-en angir "
        "(1: jan.–april, 2: mai–aug., 3: sep.–des.).",
        "arsrapport.maal.styringsparametere.saksbehandlingstid_tertial",
    ),
    # navnene teksten nevner (tekst, ikke tall)
    Tall(
        "topp.behandlet.asyl_realitet.{type}",
        "tekst",
        "De (inntil) tre nasjonalitetene med flest realitetsbehandlede asylsaker av behandlingstypen behandlet "
        "i året, med antall i parentes.",
        _TEKSTER,
    ),
    Tall(
        "topp.behandlet.tilbakekall",
        "tekst",
        "Nasjonaliteten med flest tilbakekallssaker behandlet i året, med antall i parentes.",
        _TEKSTER,
    ),
    Tall("topp.mottatt.asyl.klage.land", "tekst", "Nasjonaliteten med flest asylklager mottatt i året.", _TEKSTER),
    Tall(
        "topp.mottatt.asyl.klage.antall",
        "tekst",
        "Asylklager mottatt i året fra nasjonaliteten i topp.mottatt.asyl.klage.land, ferdig skrevet tall.",
        _TEKSTER,
    ),
    Tall(
        "topp.mottatt.asyl.klage.realitet",
        "tekst",
        "Av dem (topp.mottatt.asyl.klage.antall): klager i realitetsbehandlede saker, ferdig skrevet tall.",
        _TEKSTER,
    ),
    Tall(
        "topp.mottatt.asyl.klage.ikke_realitet",
        "tekst",
        "Av dem (topp.mottatt.asyl.klage.antall): klager i Dublin- og trygt tredjeland-saker, ferdig skrevet tall.",
        _TEKSTER,
    ),
    Tall(
        "topp.behandlet.{segment}.sakstype",
        "tekst",
        "De (inntil) tre sakstypene i saksgruppen id-en angir med flest saker behandlet i året, med antall.",
        _TEKSTER,
    ),
    Tall(
        "topp.mottatt.{segment}.sakstype",
        "tekst",
        "De (inntil) tre sakstypene i saksgruppen id-en angir med flest saker mottatt i året, med antall.",
        _TEKSTER,
    ),
    Tall(
        "lengst.{segment}.sakstype",
        "tekst",
        "Sakstypen(e) i saksgruppen id-en angir med lengst gjennomsnittlig saksbehandlingstid i året (minst ti saker), "
        "med tiden i parentes; alle ved likhet.",
        _TEKSTER,
    ),
    Tall(
        "kortest.{segment}.sakstype",
        "tekst",
        "Sakstypen(e) i saksgruppen id-en angir med kortest gjennomsnittlig saksbehandlingstid i året (minst ti saker), "
        "med tiden i parentes; alle ved likhet.",
        _TEKSTER,
    ),
]
