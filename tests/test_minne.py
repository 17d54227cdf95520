"""``minne.husk_per_tabell``: samme tabellobjekt gir det huskede resultatet, en annen tabell
(også med likt innhold) regnes ut på nytt, og en kaller som endrer sin kopi, endrer ikke det
som huskes."""

from __future__ import annotations

import gc

import pandas as pd

from arsrapport.grunn import minne


def _telt():
    kall = []

    @minne.husk_per_tabell
    def dobbel(a: pd.DataFrame, b: pd.DataFrame | None = None) -> pd.DataFrame:
        kall.append(1)
        return a.assign(x=a["v"] * 2)

    return dobbel, kall


def test_samme_tabell_regnes_ut_en_gang():
    dobbel, kall = _telt()
    t = pd.DataFrame({"v": [1, 2]})
    assert dobbel(t)["x"].tolist() == [2, 4]
    assert dobbel(t)["x"].tolist() == [2, 4]
    assert len(kall) == 1
    assert dobbel(pd.DataFrame({"v": [1, 2]}))["x"].tolist() == [2, 4]  # likt innhold, nytt objekt
    assert len(kall) == 2


def test_kallerens_endringer_naar_ikke_det_som_huskes():
    dobbel, kall = _telt()
    t = pd.DataFrame({"v": [1, 2]})
    forste = dobbel(t)
    forste["x"] = 0
    forste["ny"] = 1
    forste.loc[0, "v"] = 99
    andre = dobbel(t)
    assert andre["x"].tolist() == [2, 4] and "ny" not in andre and andre["v"].tolist() == [1, 2]
    assert t["v"].tolist() == [1, 2]
    assert len(kall) == 1


def test_en_tabell_som_er_borte_huskes_ikke():
    dobbel, kall = _telt()
    t = pd.DataFrame({"v": [1]})
    dobbel(t)
    del t
    gc.collect()
    ny = pd.DataFrame({"v": [5]})  # kan få samme id som den som er borte
    assert dobbel(ny)["x"].tolist() == [10]


def test_bare_de_siste_huskes():
    dobbel, kall = _telt()
    tabeller = [pd.DataFrame({"v": [i]}) for i in range(minne.PLASSER + 1)]
    for t in tabeller:
        dobbel(t)
    assert len(kall) == minne.PLASSER + 1
    dobbel(tabeller[-1])
    assert len(kall) == minne.PLASSER + 1
    dobbel(tabeller[0])  # den eldste er glemt
    assert len(kall) == minne.PLASSER + 2
