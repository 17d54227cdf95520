"""Faste kolonnebredder for de brede tabellene i PDF-en: regnet ut av justeringen og
innholdet (tegn), så en tabell aldri går ut over margen og tall aldri brytes."""

from __future__ import annotations

#: Omtrent så mange tegn (i tabellskriften) får plass på tekstbredden.
TEGN_PER_LINJE = 96
#: Luft per kolonne (kolonneavstanden) regnet i tegn.
LUFT = 3
#: Ord lengre enn dette (figur-id-er o.l.) kan brytes i cellen, så kolonnen ikke må være like
#: bred som ordet.
MAKS_ORD = 20
#: Et kort ord (tegn): den minste bredden en tekstkolonne får når plassen er trang.
KORT = 8


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
