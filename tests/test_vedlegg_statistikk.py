"""Del VII: avrunding til nærmeste halve prosent og tallene per sakskategori, på håndlagde data."""

from __future__ import annotations

import math

import pytest

from arsrapport import vedlegg_statistikk as v
from typede_tabeller import typet_tabell

KOL = ("sak_id", "saksgruppe", "behandlingstype", "mottatt_dato", "avslutning", "avsluttet_dato", "avgjorelsesform", "utfall")


@pytest.mark.parametrize(
    "andel, avrundet",
    [(0.2124, 0.21), (0.2125, 0.215), (0.2174, 0.215), (0.2175, 0.22), (0.0, 0.0), (1.0, 1.0), (0.63, 0.63), (0.0024, 0.0), (0.0025, 0.005)],
)
def test_naermeste_halve_prosent(andel, avrundet):
    assert v.naermeste_halve_prosent(andel) == avrundet


def test_figurer_per_kategori():
    saker = typet_tabell(KOL, [
        ("1", "Asyl", "Klage", "2023-01-01", "Vedtak", "2023-03-01", "NMP", "Omgjort"),
        ("2", "Asyl", "Klage", "2023-01-01", "Vedtak", "2023-03-01", "NL", "Ikke omgjort"),
        ("3", "Asyl", "Klage", "2023-01-01", "Vedtak", "2023-03-01", "NL", "Delvis omgjort"),
        ("4", "Asyl", "Klage", "2023-01-01", "Vedtak", "2023-12-31", "SEK", "Ikke omgjort"),
        ("5", "Utvisning", "Klage", "2023-01-01", "Vedtak", "2024-01-01", "NL", "Omgjort"),  # 2024: ikke med
        ("6", "Utvisning", "Klage", "2023-01-01", "Vedtak", "2023-06-01", "NUP", "Omgjort"),
    ], ("mottatt_dato", "avsluttet_dato"))
    uttrekk = type("U", (), {"saker": saker})()
    f = v.figurer(uttrekk, 2023, sammenligningsar=0)[2023]
    # asyl: 4 vedtak, NMP 1, NL 2, SEK 1; omgjort 2 av 4 (1 og 3), NL 1 av 2
    assert f["avgjort_andel.asylsaker.form.nmp"] == 0.25
    assert f["avgjort_andel.asylsaker.form.nl"] == 0.5
    assert f["avgjort_andel.asylsaker.form.nup"] == 0.0
    assert f["omgjoringsandel.asylsaker"] == 0.5
    assert f["omgjoringsandel.asylsaker.form.nl"] == 0.5
    assert f["omgjoringsandel.asylsaker.form.sek"] == 0.0
    # opphold: bare sak 6 i 2023
    assert f["avgjort_andel.oppholdssaker.form.nup"] == 1.0
    assert f["omgjoringsandel.oppholdssaker"] == 1.0
    assert "omgjoringsandel.oppholdssaker.form.nl" not in f  # ingen NL-vedtak i 2023
    assert all(not (isinstance(x, float) and math.isnan(x)) for x in f.values())
