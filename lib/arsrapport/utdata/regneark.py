"""``tabeller.xlsx`` satt sammen: ett ark per tabell i boka, oppkalt etter nummeret leseren
ser («Tabell 20»), et innholdsark og kildelinje på hvert ark.

Koblingen mellom boka og tabellene
    Hver kapittelmodul har en ordbok ``REGNEARK`` med én oppføring per tabell fra
    modulens ``tabeller()``: nøkkelen der (``"tab-3-1-form"``) → :class:`Ark`, som sier hvilke
    tabeller og figurer i boka tabellen er grunnlaget for, med merkene de har i ``:name:``
    (``tab-3-1-form``, ``fig-3-1-innkomne-gruppe``). Nøkkelen er det første av dem, så en
    tabell har samme navn i kapittelresultatet, i ``REGNEARK`` og i boka; filene sidene henter, heter det samme
    (``tabeller/tab-3-1-form.md``, ``figurer/fig-3-1-innkomne-gruppe.png``). Numrene kommer fra
    :func:`arsrapport.utdata.nummerering.nummerer`, som leser sidene i ``_toc.yml``-rekkefølge slik
    Sphinx gjør. En tabell som er grunnlaget for flere numre, får ett ark med alle numrene i
    navnet («Figur 2, 4, 6, 7, 9 og 11», «Tabell 11 og figur 16»).

Kontroller (``ValueError``)
    - en tabell uten oppføring i ``REGNEARK``, eller en oppføring uten tabell;
    - en nøkkel i ``REGNEARK`` som ikke er det første merket i oppføringen (en tabell som ikke
      er i boka, har et fritt navn, som også blir arknavnet);
    - en tabell i boka (``tab-…``) som ingen tabell er grunnlaget for;
    - et ``tab-…``/``fig-…``-navn som står i to oppføringer;
    - en tabell eller figur i boka som henter en fil med et annet navn enn merket sitt
      (``:name: tab-6-note-b`` med ``{include} ../tabeller/tab-6-note-b.md``).

    En figur i boka uten tall i regnearket, et navn i ``REGNEARK`` som boka ikke viser, en
    nummerert tabell som ikke henter en tabellfil, og en tabell eller figur uten ``:name:``,
    gir advarsler (``advarsler``).

Arkene
    Øverst tabell- eller figurteksten med nummeret (fet), så kildelinjen
    («Kilde: UNEs saksregister, uttrekk 15.02.2024»; datoen er uttrekksdatoen), en tom
    rad, overskriftene og dataene. Tallene er uavrundede tall i cellene, vist med norske
    tallformater (:mod:`arsrapport.utdata.eksport`); formatet per celle velges slik:

    1. ``Ark.kolonner`` (kolonnenavn → format);
    2. standardreglene for overskrifter: «År» uten tusenskille, «andel …»/«Endring …» i
       prosent med én desimal, «… (dager)» i hele dager;
    3. ``Ark.radenhet``: kolonnen med en figur-id, formatet etter enheten id-en har i
       tallkatalogen (:func:`tallformat`; avstemmingen, der hver rad er et eget tall);
    4. ``Ark.rader`` (radnavnet i første kolonne, eller begynnelsen av det → format);
    5. ``Ark.standard``;
    6. ellers etter verdien: heltall med tusenskille, andre tall med én til tre desimaler.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

# deklarasjonene kapitlene bruker (Ark, ark, KILDER), står i arsrapport.presentasjon.regnearkspek
from arsrapport.presentasjon.regnearkspek import FRA_UTTREKKET, KILDER, Ark, ark
from arsrapport.utdata.nummerering import Nummerert

__all__ = ["Ark", "KILDER", "Regneark", "ark", "arknavn", "kildelinje", "sett_sammen", "skriv", "tallformat"]

INNHOLD = "Innhold"


def kildelinje(kilder: Sequence[str], uttrekksdato: Any) -> str:
    """«Kilde: UNEs saksregister, uttrekk 15.02.2024; UNEs regnskap rapportert til
    statsregnskapet»: kildene i gitt rekkefølge; de som er fra registeruttrekket
    (:data:`FRA_UTTREKKET`), samlet der den første av dem står, med uttrekksdatoen."""
    from arsrapport.presentasjon.formatering import dato

    fra_uttrekket = [KILDER[k] for k in kilder if k in FRA_UTTREKKET]
    deler = []
    for k in kilder:
        if k not in FRA_UTTREKKET:
            deler.append(KILDER[k])
        elif KILDER[k] == fra_uttrekket[0]:
            deler.append(f"{_og(fra_uttrekket)}, uttrekk {dato(uttrekksdato)}")
    return "Kilde: " + "; ".join(deler)


def _og(deler: Sequence[str]) -> str:
    deler = list(deler)
    return deler[0] if len(deler) == 1 else ", ".join(deler[:-1]) + " og " + deler[-1]


def arknavn(numre: Sequence[Nummerert], maks: int = 31) -> str:
    """Arknavnet for en tabell som er grunnlaget for ``numre``: «Tabell 20»,
    «Figur 2 og 4», «Tabell 11 og figur 16». Tabeller før figurer, hver gruppe i bokas
    rekkefølge. Blir navnet lenger enn Excel tillater (31 tegn): «Figur 2 m.fl.»."""
    if not numre:
        raise ValueError("arknavn(): ingen numre")
    grupper = []
    for type_ in ("tabell", "figur"):
        av_typen = sorted((n for n in numre if n.type == type_), key=lambda n: n.nummer)
        if av_typen:
            ord_, _, _ = av_typen[0].navn.rpartition(" ")
            tall = [n.navn.rpartition(" ")[2] for n in av_typen]
            grupper.append(f"{ord_} {_og(tall)}")
    navn = grupper[0] + "".join(" og " + g[0].lower() + g[1:] for g in grupper[1:])
    if len(navn) > maks:
        forste = min(numre, key=lambda n: (n.type != "tabell", n.nummer))
        navn = f"{forste.navn} m.fl."
    return navn


@dataclass
class Regneark:
    """Det som skal skrives til ``tabeller.xlsx`` (se :func:`skriv`)."""

    tabeller: dict[str, pd.DataFrame]  #: arknavn → data, innholdsarket først
    titler: dict[str, list[str]]
    kilder: dict[str, str]
    formater: dict[str, Callable[[Mapping[str, Any], str], str | None]]
    lenker: dict[str, str]  #: arknavn → kolonnen med navn på andre ark (blir lenker)
    numre: dict[str, list[Nummerert]]  #: arknavn → numrene i boka arket er grunnlaget for
    advarsler: list[str] = field(default_factory=list)


def tallformat(fid: str) -> str | None:
    """Tallformatet (navn i :data:`arsrapport.utdata.eksport.TALLFORMATER`) for en figur-id, etter
    enheten og desimalene den har i tallkatalogen; None for en id katalogen ikke kjenner (en
    publisert id boka ikke beregner) og for tekster, så formatet velges etter verdien."""
    from arsrapport.utdata.tallkatalog import katalog

    t = katalog().finn(fid)
    if t is None or t.enhet == "tekst":
        return None
    if t.avledet == "endring":
        return "endring"
    if t.enhet in ("arsverk", "desimaltall"):
        n = t.antall_desimaler
        # andre desimaler enn 0, 1 og 3 får en egen formatkode (ekte minustegn, som i eksport)
        return {0: "antall", 1: "desimal", 3: "tusendeler"}.get(n) or f'#,##0.{"0" * n};"\u2212"#,##0.{"0" * n}'
    return t.enhet  # antall, kroner, dager, andel


def _formatvelger(spek: Ark) -> Callable[[Mapping[str, Any], str], str | None]:
    from arsrapport.utdata.eksport import format_etter_overskrift

    rader = sorted(spek.rader.items(), key=lambda kv: -len(kv[0]))

    def velg(rad: Mapping[str, Any], kolonne: str) -> str | None:
        if kolonne in spek.kolonner:
            return spek.kolonner[kolonne]
        fmt = format_etter_overskrift(kolonne)
        if fmt:
            return fmt
        if spek.radenhet is not None:
            fid = rad.get(spek.radenhet)
            fmt = tallformat(fid) if isinstance(fid, str) and fid else None
            if fmt:
                return fmt
        if rader:
            etikett = next(iter(rad.values()), None)
            if isinstance(etikett, str):
                etikett = etikett.strip()
                for nokkel, fmt in rader:
                    if etikett == nokkel:
                        return fmt
                for nokkel, fmt in rader:
                    if etikett.startswith(nokkel):
                        return fmt
        return spek.standard

    return velg


def sett_sammen(
    tabeller: Mapping[str, pd.DataFrame],
    spesifikasjon: Mapping[str, Ark],
    numre: Sequence[Nummerert],
    uttrekksdato: Any,
    tittel: str = "Årsrapporten",
) -> Regneark:
    """Ark, titler, kildelinjer og tallformater for ``tabeller.xlsx``.

    ``tabeller``: alle tabellene (kapitlenes ``tabeller()``), ``spesifikasjon``: alle
    ``REGNEARK``-oppføringene, ``numre``: :func:`arsrapport.utdata.nummerering.nummerer` for boka.
    Arkene kommer i bokas rekkefølge (etter det første nummeret de er grunnlaget for);
    tabeller uten nummer i boka til slutt, i den rekkefølgen de er gitt."""
    mangler = [k for k in tabeller if k not in spesifikasjon]
    if mangler:
        raise ValueError(
            f"tabellene {mangler} har ingen oppføring i REGNEARK i kapittelmodulen sin "
            "(hvilke tabeller og figurer i boka de er grunnlaget for)"
        )
    uten_data = [k for k in spesifikasjon if k not in tabeller]
    if uten_data:
        raise ValueError(f"REGNEARK har oppføringer uten tabell: {uten_data}")
    from arsrapport.utdata.eksport import TALLFORMATER

    eier: dict[str, str] = {}
    for nokkel, spek in spesifikasjon.items():
        for fmt in [spek.standard, *spek.kolonner.values(), *spek.rader.values()]:
            if fmt is not None and fmt not in TALLFORMATER:
                raise ValueError(f"{nokkel!r}: ukjent tallformat {fmt!r}; bruk {sorted(TALLFORMATER)}")
        if spek.boka and nokkel != spek.boka[0]:
            raise ValueError(
                f"{nokkel!r} i REGNEARK: nøkkelen skal være merket til den første tabellen eller figuren "
                f"i boka den er grunnlaget for ({spek.boka[0]!r})"
            )
        for navn in spek.boka:
            if navn in eier:
                raise ValueError(f"{navn} står både under {eier[navn]!r} og {nokkel!r} i REGNEARK")
            eier[navn] = nokkel

    advarsler: list[str] = []
    numre_per_tabell: dict[str, list[Nummerert]] = {k: [] for k in tabeller}
    for n in numre:
        if n.kilde is None:
            if n.type == "tabell":
                advarsler.append(f"{n.navn} ({n.side}) henter ingen tabellfil og er ikke med i tabeller.xlsx")
            continue
        if n.merke is None:
            advarsler.append(f"{n.navn} ({n.kilde}, {n.side}) har ingen :name:; gi den merket {n.kilde!r}")
        elif n.merke != n.kilde:
            raise ValueError(
                f"{n.navn} i boka ({n.side}) har merket {n.merke!r} i :name:, men henter {n.kilde!r}: "
                f"filen skal hete som merket ({n.merke!r})"
            )
        if n.kilde not in eier:
            if n.type == "tabell":
                raise ValueError(
                    f"{n.navn} i boka ({n.kilde}, {n.side}) har ingen tabell i tabeller.xlsx: "
                    f"legg {n.kilde!r} til i REGNEARK i modulen som lager tabellen"
                )
            advarsler.append(f"{n.navn} ({n.kilde}, {n.side}) har ingen tall i tabeller.xlsx")
            continue
        numre_per_tabell[eier[n.kilde]].append(n)
    vist = {n.kilde for n in numre}
    for navn, nokkel in eier.items():
        if navn not in vist:
            advarsler.append(f"{navn} (REGNEARK, {nokkel!r}) vises ikke i boka")

    med_nummer = sorted(
        (k for k in tabeller if numre_per_tabell[k]),
        key=lambda k: min(n.rekkefolge for n in numre_per_tabell[k]),
    )
    uten_nummer = [k for k in tabeller if not numre_per_tabell[k]]

    ut = Regneark({}, {}, {}, {}, {}, {}, advarsler)
    innhold_rader: list[dict[str, str]] = []
    arknavn_for: dict[str, str] = {}
    for nokkel in med_nummer:
        arknavn_for[nokkel] = arknavn(numre_per_tabell[nokkel])
    for nokkel in uten_nummer:
        arknavn_for[nokkel] = nokkel
    brukt = {INNHOLD.lower()}
    for nokkel, navn in arknavn_for.items():
        if navn.lower() in brukt:
            raise ValueError(f"arknavnet {navn!r} ({nokkel!r}) er allerede brukt")
        brukt.add(navn.lower())

    ut.tabeller[INNHOLD] = pd.DataFrame()  # fylles under
    for nokkel in med_nummer + uten_nummer:
        spek, navn, egne = spesifikasjon[nokkel], arknavn_for[nokkel], numre_per_tabell[nokkel]
        ut.tabeller[navn] = tabeller[nokkel]
        ut.numre[navn] = egne
        i_navnets_rekkefolge = sorted(egne, key=lambda n: (n.type != "tabell", n.nummer))
        ut.titler[navn] = [f"{n.navn}: {n.tekst}" for n in i_navnets_rekkefolge] or [spek.tittel or nokkel]
        ut.kilder[navn] = kildelinje(spek.kilder, uttrekksdato)
        ut.formater[navn] = _formatvelger(spek)
    for n in numre:
        nokkel = eier.get(n.kilde) if n.kilde else None
        innhold_rader.append(
            {"Ark": arknavn_for[nokkel] if nokkel else "", "Nummer": n.navn, "Tekst": n.tekst, "Kapittel": n.kapittel}
        )
    for nokkel in uten_nummer:
        spek = spesifikasjon[nokkel]
        innhold_rader.append({"Ark": nokkel, "Nummer": "", "Tekst": spek.tittel or nokkel, "Kapittel": ""})
    ut.tabeller[INNHOLD] = pd.DataFrame(innhold_rader, columns=["Ark", "Nummer", "Tekst", "Kapittel"])
    ut.titler[INNHOLD] = [
        f"{tittel}: tabellene og tallene bak figurene",
        "Ett ark per tabell i boka, oppkalt etter nummeret i boka; tallene bak figurene på egne "
        "ark. Tallene er uavrundede; cellene viser dem med norske tallformater.",
    ]
    alle_kilder = [k for k in KILDER if any(k in spesifikasjon[t].kilder for t in tabeller)]
    ut.kilder[INNHOLD] = kildelinje(alle_kilder or ["saksregister"], uttrekksdato)
    ut.lenker[INNHOLD] = "Ark"
    return ut


def skriv(regneark: Regneark, fil: Path | str) -> Path:
    """Skriv arbeidsboka (deterministisk, se :func:`arsrapport.utdata.eksport.skriv_tabeller_xlsx`)."""
    from arsrapport.utdata.eksport import skriv_tabeller_xlsx

    return skriv_tabeller_xlsx(
        regneark.tabeller,
        fil,
        titler=regneark.titler,
        kilder=regneark.kilder,
        formater=regneark.formater,
        lenker=regneark.lenker,
    )
