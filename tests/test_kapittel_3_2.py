"""Kapittel 3.2 samlet: tabellene (også i ``tabeller.xlsx``), visningen i boka og figurene,
på det lille håndlagde registeret fra ``test_portefolje``."""

from __future__ import annotations

from types import SimpleNamespace

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from test_portefolje import KL, B, F, V, register
from test_styringsparametere import MAL

from arsrapport.kapitler import kapittel_3_2
from arsrapport.presentasjon import diagrammer, tabeller


@pytest.fixture(scope="module")
def uttrekk():
    uiv = pd.DataFrame(
        {
            "uiv_id": ["U1", "U2", "U3"],
            "mottatt_dato": pd.to_datetime(["2023-03-31", "2023-04-01", "2022-12-31"]),
            "avgjort_dato": pd.to_datetime(["2023-04-02", None, "2023-01-02"]),
        }
    )
    return SimpleNamespace(
        saker=register(),
        uiv=uiv,
        styringsparametere=MAL,
        rettssaker=pd.DataFrame(
            {
                "sak_id": pd.Series([], dtype=object),
                "instans": pd.Series([], dtype=object),
                "innkommet_dato": pd.Series([], dtype="datetime64[us]"),
            }
        ),
    )


def _asylklage(sak_id: str, mottatt: str, avsluttet: str) -> tuple:
    """En realitetsbehandlet asylklage med vedtak (som R1 i test_portefolje)."""
    sak = (sak_id, "P" + sak_id, None, "Asyl", B, KL, "Realitet", mottatt, V, avsluttet, "NL", "Ikke omgjort")
    return (*sak, "Iran", "utl. § 28", F, F, F, F, F)


def test_figurer_har_sammenligningsarene_og_aret_endringene_regnes_fra(uttrekk):
    """Rapportåret, de to sammenligningsårene og basisåret før dem: endringen i
    saksbehandlingstid for det første sammenligningsåret (2021) regnes fra basisåret (2020).
    Registeret i test_portefolje har bare vedtak i 2023; her kommer én asylklage i hvert år før."""
    ekstra = [
        _asylklage("X0", "2020-01-01", "2020-01-11"),  # 10 d
        _asylklage("X1", "2021-01-01", "2021-01-31"),  # 30 d
        _asylklage("X2", "2022-01-01", "2022-03-02"),  # 60 d
    ]
    u = SimpleNamespace(**{**vars(uttrekk), "saker": register(ekstra)})
    f = kapittel_3_2.figurer(u, 2023)
    assert sorted(f) == [2020, 2021, 2022, 2023]
    tid = "saksbehandlingstid.asyl_realitet.klage"
    assert [f[a][tid] for a in (2020, 2021, 2022)] == [10, 30, 60]
    assert f[2023][tid] == pytest.approx((100 + 395) / 2)  # R1 og R2
    assert f[2021][f"{tid}.endring_abs"] == 30 - 10
    assert f[2022][f"{tid}.endring_abs"] == 60 - 30
    assert f[2023][f"{tid}.endring_abs"] == pytest.approx((100 + 395) / 2 - 60)
    assert f"{tid}.endring_abs" not in f[2020]  # basisåret har ingen endring
    # styringsparameterne bare for året tabellen har mål for; tertialene for hvert år
    assert f[2023]["sp1.grense_dager"] == 120 and f[2023]["sp1.antall"] == 4  # asylklager: R1, R2, D1, D2
    assert not any(k.startswith(("sp1.", "sp2.", "sp3.")) for a in (2020, 2021, 2022) for k in f[a])
    assert f[2021]["saksbehandlingstid_tertial.1"] == 30
    # ett sammenligningsår: 2022, 2023 og basisåret 2021
    f1 = kapittel_3_2.figurer(u, 2023, sammenligningsar=1)
    assert sorted(f1) == [2021, 2022, 2023]
    assert f1[2022][f"{tid}.endring_abs"] == 60 - 30 and f"{tid}.endring_abs" not in f1[2021]


@pytest.fixture(scope="module")
def tab(uttrekk):
    return kapittel_3_2.tabeller(uttrekk, 2023)


def test_alle_tabellene_med_navn_som_passer_i_regnearket(tab):
    assert {
        "tab-3-2-asyl-beholdning",
        "fig-3-2-uiv",
        "tab-3-2-opphold-beholdning",
        "tab-3-2-arbeid",
        "tab-3-2-tilbakekall",
    } <= set(tab)
    assert all(len(navn) <= 31 for navn in tab)  # Excel tillater ikke lengre arknavn


def test_uiv_per_maned(tab):
    mnd = tab["fig-3-2-uiv"].set_index("Måned")
    assert list(mnd.columns) == ["2021", "2022", "2023"]
    assert (mnd.loc["mars", "2023"], mnd.loc["april", "2023"], mnd.loc["des.", "2022"]) == (1, 1, 1)  # 31.03. er mars
    assert mnd.to_numpy().sum() == 3


def test_visning_i_boka(tab):
    vist = tabeller.kapittel_3_2(tab)
    md = vist["tab-3-2-tilbakekall"]._repr_markdown_()
    # korte kolonnenavn, norsk prosent, strek for null, ingen henlagt- eller alderskolonne
    assert (
        md.splitlines()[0]
        == "| Sakstype | Mottatt | Behandlet | Ubeh. 1.1. | Ubeh. 31.12. | Tid | Omgjort | Nemndmøte |"
    )
    assert "100,0\u00a0%" in md and "| – |" in md
    assert "Henlagt" not in md and "Alder" not in md
    # regnearket beholder alle kolonnene
    assert "Henlagt" in tab["tab-3-2-tilbakekall"].columns


def test_figurene(tab):
    fig = diagrammer.kapittel_3_2(tab)
    assert set(fig) == {
        "fig-3-2-asyl-tid",
        "fig-3-2-uiv",
        "fig-3-2-opphold-alder",
        "fig-3-2-opphold-tid",
        "fig-3-2-arbeid",
        "fig-3-2-andre",
    }
    assert all(isinstance(f, plt.Figure) for f in fig.values())
    # Figur 14: én linje per år
    assert len(fig["fig-3-2-uiv"].axes[0].get_lines()) == 3
