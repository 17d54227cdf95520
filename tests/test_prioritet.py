"""Prioporteføljen (RS 2014-025): arbeidsdagkalenderen og reglene, hver ved sin grense.

Helligdagene i 2023: skjærtorsdag 6.4., langfredag 7.4., 2. påskedag 10.4., 1. mai,
grunnlovsdagen 17.5., Kristi himmelfartsdag 18.5., 2. pinsedag 29.5., 1. og 2. juledag
25.–26.12.; 1. nyttårsdag 1.1.2024 er en mandag.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from arsrapport.maal import prioritet as p
from arsrapport.maal.prioritet import arbeidsdager_mellom, legg_til_arbeidsdager, uiv_frist

D = dt.datetime


# ------------------------------------------------------------------ kalenderen


def test_helligdagene_kommer_fra_holidays_pakken():
    dager = set(p.helligdager(2023))
    for d in (
        "2023-01-01",
        "2023-04-06",
        "2023-04-07",
        "2023-04-09",
        "2023-04-10",
        "2023-05-01",
        "2023-05-17",
        "2023-05-18",
        "2023-05-28",
        "2023-05-29",
        "2023-12-25",
        "2023-12-26",
    ):
        assert dt.date.fromisoformat(d) in dager, d
    # julaften og nyttårsaften er ikke helligdager; vanlige søndager er ikke med i lista
    assert dt.date(2023, 12, 24) not in dager and dt.date(2023, 12, 31) not in dager
    assert dt.date(2023, 3, 12) not in dager
    assert len(p.helligdager(2023)) == 12


@pytest.mark.parametrize(
    "dag, svar",
    [
        ("2023-04-05", True),  # onsdag før påske
        ("2023-04-06", False),  # skjærtorsdag
        ("2023-04-07", False),  # langfredag
        ("2023-04-10", False),  # 2. påskedag
        ("2023-04-11", True),
        ("2023-05-17", False),
        ("2023-05-18", False),  # Kristi himmelfartsdag
        ("2023-05-29", False),  # 2. pinsedag
        ("2023-05-30", True),
        ("2023-12-22", True),
        ("2023-12-25", False),
        ("2023-12-26", False),
        ("2024-12-24", True),  # julaften på en tirsdag: arbeidsdag (ikke helligdag)
        ("2024-12-31", True),
        ("2024-01-01", False),
        ("2023-03-11", False),  # lørdag
        ("2023-03-12", False),  # søndag
    ],
)
def test_er_arbeidsdag(dag, svar):
    assert p.er_arbeidsdag(dt.date.fromisoformat(dag)) is svar


def test_godkjenningseksemplet_over_paske():
    # onsdag 5. april kl. 14: torsdag–mandag er påske og helg; tirsdag 11. er dag 1, onsdag 12. dag 2
    assert uiv_frist(D(2023, 4, 5, 14, 0), True) == D(2023, 4, 12, 14, 0)
    assert legg_til_arbeidsdager(D(2023, 4, 5, 14, 0), 2) == D(2023, 4, 12, 14, 0)
    assert arbeidsdager_mellom(D(2023, 4, 5, 14, 0), D(2023, 4, 12, 14, 0)) == 2


@pytest.mark.parametrize(
    "fra, n, til",
    [
        # påske 2023
        (D(2023, 4, 4, 10, 0), 1, D(2023, 4, 5, 10, 0)),
        (D(2023, 4, 4, 10, 0), 2, D(2023, 4, 11, 10, 0)),
        (D(2023, 4, 6, 10, 0), 1, D(2023, 4, 11, 10, 0)),  # fra en helligdag: neste arbeidsdag er dag 1
        # 17. mai og Kristi himmelfartsdag (18. mai)
        (D(2023, 5, 16, 9, 0), 1, D(2023, 5, 19, 9, 0)),
        (D(2023, 5, 16, 9, 0), 2, D(2023, 5, 22, 9, 0)),
        # 2. pinsedag (29. mai): fredag ettermiddag + 2 = onsdag
        (D(2023, 5, 26, 15, 30), 2, D(2023, 5, 31, 15, 30)),
        # jul 2023: fredag 22.12. + 2 = torsdag 28.12. (25. og 26. er helligdager)
        (D(2023, 12, 22, 14, 0), 2, D(2023, 12, 28, 14, 0)),
        # nyttår: fredag 29.12.2023 + 2 = onsdag 3.1.2024 (1.1. er helligdag)
        (D(2023, 12, 29, 15, 30), 2, D(2024, 1, 3, 15, 30)),
        # julaften 2024 på en tirsdag er arbeidsdag
        (D(2024, 12, 20, 14, 0), 2, D(2024, 12, 24, 14, 0)),
        # fredag ettermiddag: mandag er dag 1, tirsdag dag 2, samme klokkeslett
        (D(2023, 3, 10, 16, 45), 1, D(2023, 3, 13, 16, 45)),
        (D(2023, 3, 10, 16, 45), 2, D(2023, 3, 14, 16, 45)),
        (D(2023, 3, 10, 23, 59), 2, D(2023, 3, 14, 23, 59)),
        # vedtak på en lørdag: også da er mandag dag 1
        (D(2023, 3, 11, 10, 0), 2, D(2023, 3, 14, 10, 0)),
        # null dager: uendret, også på en helligdag
        (D(2023, 4, 7, 10, 0), 0, D(2023, 4, 7, 10, 0)),
        # bakover
        (D(2023, 4, 11, 9, 0), -1, D(2023, 4, 5, 9, 0)),
        (D(2023, 4, 8, 9, 0), -1, D(2023, 4, 5, 9, 0)),  # lørdag i påsken: forrige arbeidsdag er onsdag
        # over et årsskifte og langt fram: 2023 har 251 arbeidsdager (260 hverdager minus ni
        # helligdager på hverdager), den første er 2. januar
        (D(2023, 1, 2, 8, 0), 250, D(2023, 12, 29, 8, 0)),
        (D(2023, 1, 2, 8, 0), 251, D(2024, 1, 2, 8, 0)),
    ],
)
def test_legg_til_arbeidsdager(fra, n, til):
    assert legg_til_arbeidsdager(fra, n) == til


@pytest.mark.parametrize(
    "fra, til, n",
    [
        (D(2023, 4, 5, 14, 0), D(2023, 4, 5, 9, 0), 0),  # samme dag, klokkeslettet telles ikke
        (D(2023, 4, 5, 14, 0), D(2023, 4, 11, 8, 0), 1),
        (D(2023, 4, 12, 8, 0), D(2023, 4, 5, 14, 0), -2),  # baklengs gir minus
        (D(2023, 3, 10, 16, 0), D(2023, 3, 13, 8, 0), 1),  # fredag → mandag
        (D(2023, 12, 22, 12, 0), D(2024, 1, 2, 12, 0), 4),  # 27., 28., 29.12. og 2.1.
        (D(2023, 5, 16, 12, 0), D(2023, 5, 31, 12, 0), 8),  # 19., 22.–26., 30., 31. mai
    ],
)
def test_arbeidsdager_mellom(fra, til, n):
    assert arbeidsdager_mellom(fra, til) == n


def test_arbeidsdager_mellom_er_omvendt_av_legg_til():
    for start in pd.date_range("2023-03-25", "2024-01-05", freq="37h"):
        for n in (1, 2, 5, 13):
            t = start.to_pydatetime()
            assert arbeidsdager_mellom(t, legg_til_arbeidsdager(t, n)) == n
            assert arbeidsdager_mellom(legg_til_arbeidsdager(t, n), t) == -n


def test_arbeidsdager_mellom_serier_er_som_enkeltvis():
    fra = pd.Series([D(2023, 4, 5, 14), D(2023, 12, 22, 12), None, D(2023, 4, 12)])
    til = pd.Series([D(2023, 4, 12, 14), D(2024, 1, 2, 12), D(2023, 1, 1), D(2023, 4, 5)])
    ut = p.arbeidsdager_mellom_serier(fra, til)
    assert ut.tolist()[:2] == [2, 4] and pd.isna(ut.iloc[2]) and ut.iloc[3] == -2


def test_tidspunkter_uten_tidssone_og_pandas():
    # pd.Timestamp og date godtas; svaret er en vanlig datetime
    ut = legg_til_arbeidsdager(pd.Timestamp("2023-04-05 14:00"), 2)
    assert type(ut) is dt.datetime and ut == D(2023, 4, 12, 14)
    assert legg_til_arbeidsdager(dt.date(2023, 4, 5), 2) == D(2023, 4, 12)
    with pytest.raises(ValueError, match="tidssone"):
        legg_til_arbeidsdager(D(2023, 4, 5, 14, tzinfo=dt.UTC), 2)
    with pytest.raises(TypeError):
        legg_til_arbeidsdager(D(2023, 4, 5), 1.5)
    with pytest.raises(TypeError):
        legg_til_arbeidsdager(D(2023, 4, 5), True)
    with pytest.raises(ValueError, match="mangler"):
        arbeidsdager_mellom(pd.NaT, D(2023, 4, 5))


# ------------------------------------------------------------------ fristene


@pytest.mark.parametrize(
    "vedtak, frist",
    [
        (D(2023, 3, 15, 10, 0), D(2023, 4, 5, 23, 59)),  # tre uker til en vanlig onsdag
        (D(2023, 3, 16, 10, 0), D(2023, 4, 11, 23, 59)),  # skjærtorsdag → tirsdag etter påske
        (D(2023, 3, 20, 10, 0), D(2023, 4, 11, 23, 59)),  # 2. påskedag → tirsdag
        (D(2023, 6, 3, 10, 0), D(2023, 6, 26, 23, 59)),  # lørdag → mandag
        (D(2023, 12, 4, 11, 0), D(2023, 12, 27, 23, 59)),  # 1. juledag → over 2. juledag til 27.
        (D(2021, 12, 3, 11, 0), D(2021, 12, 27, 23, 59)),  # julaften (fredag) → mandag 27.
        (D(2021, 12, 10, 11, 0), D(2022, 1, 3, 23, 59)),  # nyttårsaften (fredag) → mandag 3.1.
        (D(2024, 12, 3, 11, 0), D(2024, 12, 27, 23, 59)),  # julaften (tirsdag) → 27. (25. og 26. er helligdager)
        (D(2023, 12, 11, 9, 0), D(2024, 1, 2, 23, 59)),  # 1. januar → 2. januar
    ],
)
def test_tre_ukersfristen(vedtak, frist):
    assert uiv_frist(vedtak, False) == frist
    assert p.klagefrist(vedtak) == frist


def test_kort_frist_er_to_arbeidsdager_med_klokkeslett():
    assert uiv_frist(D(2023, 3, 10, 15, 30), True) == D(2023, 3, 14, 15, 30)  # fredag ettermiddag
    assert uiv_frist(D(2023, 5, 26, 15, 30), True) == D(2023, 5, 31, 15, 30)  # over pinsen
    assert uiv_frist(D(2023, 12, 22, 9, 5), True) == D(2023, 12, 28, 9, 5)  # over jul


@pytest.mark.parametrize(
    "satt, svar",
    [
        (D(2023, 4, 12, 14, 0), "lik"),
        (D(2023, 4, 12, 14, 0, 59), "lik"),  # sekunder teller ikke (kontrakten har minutter)
        (D(2023, 4, 12, 13, 59), "kortere"),  # ett minutt kortere
        (D(2023, 4, 11, 14, 0), "kortere"),  # én arbeidsdag (lov, men rapporteres)
        (D(2023, 4, 12, 14, 1), "lengre"),  # ett minutt lengre
    ],
)
def test_kort_frist_mot_regelen_pa_minuttet(satt, svar):
    assert p.frist_mot_regel(satt, D(2023, 4, 5, 14, 0), True) == svar


@pytest.mark.parametrize(
    "satt, svar",
    [
        (D(2023, 12, 27, 23, 59), "lik"),
        (D(2023, 12, 27, 0, 0), "lik"),  # tre-ukersfristen sammenlignes på dato
        (D(2023, 12, 26, 23, 59), "kortere"),
        (D(2023, 12, 28, 9, 0), "lengre"),
    ],
)
def test_tre_ukersfrist_mot_regelen_pa_dato(satt, svar):
    assert p.frist_mot_regel(satt, D(2023, 12, 4, 11, 0), False) == svar


# ------------------------------------------------------------------ behandlingsmålet og timen


@pytest.mark.parametrize(
    "merket, vedtak, svar",
    [
        (D(2023, 3, 6, 15, 0), D(2023, 3, 13, 16, 0), True),  # mandag → mandag: fem arbeidsdager
        (D(2023, 3, 6, 15, 0), D(2023, 3, 14, 8, 0), False),  # seks
        (D(2023, 4, 3, 9, 0), D(2023, 4, 13, 9, 0), True),  # over påske: 4., 5., 11., 12., 13. april
        (D(2023, 4, 3, 9, 0), D(2023, 4, 14, 9, 0), False),
        (D(2023, 3, 6, 15, 0), D(2023, 3, 6, 16, 0), True),  # samme dag
    ],
)
def test_behandlingsmalet_fem_arbeidsdager(merket, vedtak, svar):
    assert p.innen_behandlingsmal(merket, vedtak) is svar


@pytest.mark.parametrize(
    "avgjort, svar",
    [
        (D(2023, 4, 12, 15, 0), True),  # nøyaktig en time etter fristen
        (D(2023, 4, 12, 15, 1), False),
        (D(2023, 4, 12, 13, 30), True),  # før fristen gikk ut
        (None, False),  # ikke avgjort
        (pd.NaT, False),
    ],
)
def test_en_time_etter_fristen(avgjort, svar):
    assert p.avgjort_innen_en_time(D(2023, 4, 12, 14, 0), avgjort) is svar


def test_en_time_er_klokketimer_ogsa_om_kvelden():
    assert p.avgjort_innen_en_time(D(2023, 3, 14, 23, 30), D(2023, 3, 15, 0, 30)) is True


# ------------------------------------------------------------------ hvem kan merkes


@pytest.mark.parametrize(
    "kw, grunn",
    [
        (dict(saksgruppe="Asyl", asylspor="Realitet"), None),
        (dict(saksgruppe="Asyl", asylspor="Trygt tredjeland"), None),
        (dict(saksgruppe="Utvisning"), p.IKKE_ASYL),
        (dict(saksgruppe="Asyl", asylspor="Dublin"), p.DUBLIN),
        (dict(saksgruppe="Asyl", asylspor="Realitet", prosedyre_48t=True), p.PROSEDYRE_48T),
        (dict(saksgruppe="Asyl", asylspor="Realitet", mindrearig=True), p.MINDREARIG_UTEN_BFE),
        # Barnefaglig enhet vurderte saken samme minutt som den ble merket: lov
        (
            dict(
                saksgruppe="Asyl",
                asylspor="Realitet",
                mindrearig=True,
                bfe_vurdert=D(2023, 5, 2, 10, 0),
                tidspunkt=D(2023, 5, 2, 10, 0),
            ),
            None,
        ),
        # … ett minutt etter: for tidlig merket
        (
            dict(
                saksgruppe="Asyl",
                asylspor="Realitet",
                mindrearig=True,
                bfe_vurdert=D(2023, 5, 2, 10, 1),
                tidspunkt=D(2023, 5, 2, 10, 0),
            ),
            p.MINDREARIG_UTEN_BFE,
        ),
        (
            dict(
                saksgruppe="Asyl",
                asylspor="Realitet",
                mindrearig=True,
                bfe_vurdert=pd.NaT,
                tidspunkt=D(2023, 5, 2, 10, 0),
            ),
            p.MINDREARIG_UTEN_BFE,
        ),
    ],
)
def test_hvem_kan_merkes(kw, grunn):
    assert p.grunn_til_utelukkelse(**kw) == grunn
