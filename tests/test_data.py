"""Det medfølgende syntetiske uttrekket: laget av generatoren (ikke redigert for hånd),
følger kontrakten, dekker hver verdi i hver verdiliste og ser ut som et ekte register."""

from __future__ import annotations

import pandas as pd
import pytest

from arsrapport.config import PROSJEKTROT
from arsrapport.generator.uttrekk import STANDARD_FRO, skriv_uttrekk
from arsrapport.innlesing import les_uttrekk
from arsrapport.kontrakt import TABELLER

DATA = PROSJEKTROT / "data"


@pytest.fixture(scope="module")
def uttrekk():
    return les_uttrekk(DATA)


def test_data_er_generatorens_utdata(tmp_path):
    skriv_uttrekk(tmp_path, STANDARD_FRO)
    for fil in sorted(DATA.glob("*.csv")):
        assert (tmp_path / fil.name).read_bytes() == fil.read_bytes(), (
            f"data/{fil.name} er ikke det generatoren skriver; kjør `arsrapport generate`"
        )


def test_hver_verdi_i_hver_verdiliste_forekommer(uttrekk):
    for tabell in TABELLER.values():
        for kol in tabell.kolonner:
            if kol.type == "enum" and kol.verdier:
                forekommer = set(uttrekk[tabell.navn][kol.navn].dropna().unique())
                mangler = set(kol.verdier) - forekommer
                assert not mangler, f"{tabell.navn}.{kol.navn}: {sorted(mangler)} forekommer ikke"


def test_registeret_ser_realistisk_ut(uttrekk):
    s = uttrekk.saker
    assert s["mottatt_dato"].min() >= pd.Timestamp("2018-01-01")
    assert uttrekk.uttrekksdato() == pd.Timestamp("2024-02-15")
    # mottak hver måned, uten at én måned dominerer
    per_maned = s.loc[s["mottatt_dato"].dt.year.eq(2023), "mottatt_dato"].dt.month.value_counts()
    assert len(per_maned) == 12 and per_maned.max() < 2 * per_maned.min()
    # saksbehandlingstider med spredning, ingen negative
    tid = (s["avsluttet_dato"] - s["mottatt_dato"]).dt.days.dropna()
    assert tid.min() >= 0 and tid.quantile(0.9) > 2 * tid.quantile(0.25)
    # mange nasjonaliteter; noen personer med flere saker
    assert s["nasjonalitet"].nunique() >= 20
    saker_per_person = s["person_id"].value_counts()
    assert (saker_per_person > 1).sum() > 500
    # ubehandlede saker ved årsskiftet 2020/2021 (porteføljer før rapportperioden)
    apen_2020 = (s["mottatt_dato"] <= "2020-12-31") & ~(s["avsluttet_dato"] <= "2020-12-31")
    assert apen_2020.sum() > 1000
