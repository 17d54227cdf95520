"""Tabellene i PDF-en: kolonnespesifikasjon for hver tabell (høyrejusterte tallkolonner,
``tabulary`` for korte tabeller, ``longtable`` med faste bredder for lange), regnet ut av
justeringen og innholdet."""

from __future__ import annotations

import re

from docutils import nodes

#: Tabeller med flere rader enn dette settes som ``longtable`` og kan brytes over sider.

LANG_TABELL = 18
#: Omtrent så mange tegn (i tabellskriften) får plass på tekstbredden; brukes til å fordele
#: bredden mellom kolonnene i lange tabeller.
TEGN_PER_LINJE = 96
#: Luft per kolonne (kolonneavstanden) regnet i tegn.
LUFT = 3
#: Ord lengre enn dette (figur-id-er o.l.) får brytningspunkter etter punktum og understrek
#: i lange tabeller, så kolonnen ikke må være like bred som ordet.
MAKS_ORD = 20
#: Tekstkolonner med så kort innhold (tegn) brytes ikke i korte tabeller («A, B», koder).
KORT = 8

_HOYRE = r">{\raggedleft\arraybackslash}"
_VENSTRE = r">{\raggedright\arraybackslash}"


# ------------------------------------------------------------------ tabeller i LaTeX


def kolonnespesifikasjon(
    hoyre: list[bool],
    bredder: list[int],
    minste: list[int] | None = None,
    lang: bool = False,
    tegn_per_linje: int = TEGN_PER_LINJE,
) -> str:
    """Kolonnespesifikasjonen for én tabell.

    ``hoyre`` sier hvilke kolonner som er høyrejustert (tall), ``bredder`` hvor mange tegn
    det lengste innholdet i hver kolonne har, ``minste`` det lengste ordet (en tekstkolonne
    blir ikke smalere enn det, så langt plassen rekker). Korte tabeller får
    ``tabulary``-kolonner (``L``/``R``), som finner bredden selv; tekstkolonner med høyst
    :data:`KORT` tegn får ``l`` og brytes ikke. Lange tabeller (``longtable``) trenger faste
    bredder, se :func:`kolonnebredder`.
    """
    if len(hoyre) != len(bredder):
        raise ValueError("like mange justeringer og bredder trengs")
    if not lang:
        # tabulary: R/L fordeler bredden; korte tekstkolonner (noter, koder) brytes ikke
        return "".join("R" if h else "l" if b <= KORT else "L" for h, b in zip(hoyre, bredder))
    tegn = kolonnebredder(hoyre, bredder, minste, tegn_per_linje)
    return "".join((_HOYRE if h else _VENSTRE) + rf"\X{{{b}}}{{{tegn_per_linje}}}" for b, h in zip(tegn, hoyre))


def kolonnebredder(
    hoyre: list[bool],
    bredder: list[int],
    minste: list[int] | None = None,
    tegn_per_linje: int = TEGN_PER_LINJE,
) -> list[int]:
    """Faste kolonnebredder i tegn (med luft) for en lang tabell.

    Hver kolonne får sin naturlige bredde. Blir summen bredere enn linja, beholder
    tallkolonnene sin (tall brytes ikke), og tekstkolonnene deler resten i forhold til
    innholdet; en tekstkolonne som da ville blitt smalere enn sitt lengste ord (begrenset
    til :data:`MAKS_ORD` tegn, lengre ord brytes), får det ordet, og de andre deler det som
    er igjen. Får ikke engang ordgulvene plass, krymper tekstkolonnene forholdsvis, så
    tabellen aldri blir bredere enn linja så lenge tallkolonnene får plass.
    """
    minste = list(minste) if minste is not None else [0] * len(bredder)
    onsket = [max(b, m) + LUFT for b, m in zip(bredder, minste)]
    if sum(onsket) <= tegn_per_linje:
        return onsket
    gulv = [min(m, MAKS_ORD) + LUFT for m in minste]
    faste = {i for i, h in enumerate(hoyre) if h}
    ut = list(onsket)
    while True:
        frie = [i for i in range(len(onsket)) if i not in faste]
        if not frie:
            break
        rom = tegn_per_linje - sum(ut[i] for i in faste)
        sum_frie = sum(onsket[i] for i in frie)
        andel = {i: rom * onsket[i] / sum_frie for i in frie}
        for_smale = [i for i in frie if andel[i] < gulv[i]]
        if not for_smale:
            for i in frie:
                ut[i] = max(int(andel[i]), 1)
            break
        for i in for_smale:
            ut[i] = gulv[i]
            faste.add(i)
    tekst = [i for i, h in enumerate(hoyre) if not h]
    rom = tegn_per_linje - sum(ut[i] for i, h in enumerate(hoyre) if h)
    if sum(ut) > tegn_per_linje and tekst and rom > 0:
        # selv ordgulvene får ikke plass (mange tekstkolonner): hver tekstkolonne får et
        # lavere gulv (et kort ord), og resten fordeles etter innholdet, heller enn at tabellen
        # går ut over margen; lengre ord brytes i cellen
        grunn = {i: min(gulv[i], KORT + LUFT, rom // len(tekst)) for i in tekst}
        rest = rom - sum(grunn.values())
        over = {i: max(onsket[i] - grunn[i], 0) for i in tekst}
        sum_over = sum(over.values()) or 1
        for i in tekst:
            ut[i] = grunn[i] + int(rest * over[i] / sum_over)
    return ut


def _rader(tabell: nodes.table) -> tuple[list[nodes.row], list[nodes.row]] | None:
    """Overskriftsrader og innholdsrader, eller ``None`` for tabeller med sammenslåtte celler
    (dem lar vi Sphinx sette som før)."""
    tgrupper = [g for g in tabell.children if isinstance(g, nodes.tgroup)]
    if len(tgrupper) != 1:
        return None
    hode = [r for t in tgrupper[0].findall(nodes.thead) for r in t.children if isinstance(r, nodes.row)]
    kropp = [r for t in tgrupper[0].findall(nodes.tbody) for r in t.children if isinstance(r, nodes.row)]
    for rad in hode + kropp:
        for celle in rad.children:
            if celle.get("morecols") or celle.get("morerows"):
                return None
    return hode, kropp


def tabellmal(tabell: nodes.table) -> tuple[list[bool], list[int], list[int], int] | None:
    """Justering, lengste innhold, lengste ord og antall innholdsrader for en tabell."""
    rader = _rader(tabell)
    if rader is None:
        return None
    hode, kropp = rader
    antall = max((len(r.children) for r in hode + kropp), default=0)
    if not antall or any(len(r.children) != antall for r in hode + kropp):
        return None
    hoyre, bredder, minste = [], [], []
    for i in range(antall):
        celler = [r.children[i] for r in kropp]
        fylte = [c for c in celler if c.astext().strip()]
        hoyre.append(bool(fylte) and all("text-right" in c.get("classes", []) for c in fylte))
        tekster = [c.astext().strip() for c in celler]
        overskrift = [r.children[i].astext().strip() for r in hode]
        ord_ = [o for t in tekster + overskrift for o in t.split()]
        if hoyre[-1]:
            # tall brytes ikke (hardt mellomrom); overskriften kan brytes mellom ordene
            bredder.append(max([len(t) for t in tekster] + [len(o) for o in ord_], default=0))
            minste.append(bredder[-1])
        else:
            bredder.append(max([len(t) for t in tekster + overskrift], default=0))
            minste.append(max([len(o) for o in ord_], default=0))
    return hoyre, bredder, minste, len(kropp)


def _fjern_tomme_avsnitt(tabell: nodes.table) -> None:
    """Tomme celler uten tomt avsnitt: LaTeX setter ellers en tom linje i cellen, så raden
    blir dobbelt så høy (grupperader og sumlinjer med tomme celler)."""
    for celle in tabell.findall(nodes.entry):
        if len(celle) == 1 and isinstance(celle[0], nodes.paragraph) and not celle.astext().strip():
            celle.remove(celle[0])


_BRYTBAR = re.compile(r"(?<=[._/])")


def _bryt_lange_ord(tabell: nodes.table, maks: int = MAKS_ORD) -> None:
    """Brytningspunkter (``\\allowbreak``) etter punktum, understrek og skråstrek i ord
    lengre enn ``maks`` tegn, så lange id-er kan deles over linjer i smale kolonner."""
    for tekst in list(tabell.findall(nodes.Text)):
        if not any(len(o) > maks for o in str(tekst).split()):
            continue
        nye: list[nodes.Node] = []
        for del_ in re.split(r"(\s+)", str(tekst)):
            biter = _BRYTBAR.split(del_) if len(del_) > maks else [del_]
            for j, bit in enumerate(biter):
                if j:
                    nye.append(nodes.raw("", r"\allowbreak{}", format="latex"))
                if bit:
                    nye.append(nodes.Text(bit))
        tekst.parent.replace(tekst, nye)


def _sett_kolonner_i_latex(app, doctree: nodes.document, docname: str) -> None:
    """Gi hver tabell en kolonnespesifikasjon før LaTeX-skriveren ser den (bare for LaTeX)."""
    if app.builder.format != "latex":
        return
    from sphinx import addnodes

    for tabell in list(doctree.findall(nodes.table)):
        forelder = tabell.parent
        indeks = forelder.index(tabell)
        if any(True for _ in tabell.findall(nodes.table, include_self=False)):
            continue
        _fjern_tomme_avsnitt(tabell)
        if indeks and isinstance(forelder[indeks - 1], addnodes.tabular_col_spec):
            continue  # forfatteren har bestemt kolonnene selv
        mal = tabellmal(tabell)
        if mal is None:
            continue
        hoyre, bredder, minste, rader = mal
        lang = rader > LANG_TABELL or "longtable" in tabell.get("classes", [])
        if lang:
            if "longtable" not in tabell["classes"]:
                tabell["classes"].append("longtable")
            _bryt_lange_ord(tabell)
        spes = kolonnespesifikasjon(hoyre, bredder, minste, lang=lang)
        forelder.insert(indeks, addnodes.tabular_col_spec(spec=spes))
