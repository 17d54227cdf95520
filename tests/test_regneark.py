"""``arsrapport.utdata.regneark``: ``tabeller.xlsx`` satt sammen fra tabellene, ``REGNEARK`` og
numrene i boka, på håndlagde tabeller og numre. Kapitlenes egne ``REGNEARK`` kontrolleres
mot den ekte boka til slutt."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import openpyxl
import pandas as pd
import pytest

from arsrapport.utdata.eksport import TALLFORMATER
from arsrapport.utdata.nummerering import Nummerert
from arsrapport.utdata.regneark import INNHOLD, Ark, ark, arknavn, kildelinje, sett_sammen, skriv, tallformat

UTTREKK = pd.Timestamp("2024-02-15")


def _nr(type_: str, nummer: int, kilde: str | None, rekkefolge: int, side: str = "del3/a", tekst: str | None = None):
    navn = f"{'Tabell' if type_ == 'tabell' else 'Figur'} {nummer}"
    return Nummerert(
        type=type_,
        nummer=nummer,
        navn=navn,
        tekst=tekst or f"Teksten til {navn}.",
        kilde=kilde,
        merke=kilde,  # filen heter som merket i boka
        side=side,
        kapittel=f"Kapittel på {side}",
        rekkefolge=rekkefolge,
    )


# ------------------------------------------------------------------ kildelinje og arknavn


def test_kildelinje_med_uttrekksdato_fra_uttrekket():
    assert kildelinje(["saksregister"], UTTREKK) == "Kilde: UNEs saksregister, uttrekk 15.02.2024"
    assert kildelinje(["regnskap"], UTTREKK) == "Kilde: UNEs regnskap rapportert til statsregnskapet"
    assert kildelinje(["saksregister"], dt.date(2025, 1, 31)) == "Kilde: UNEs saksregister, uttrekk 31.01.2025"
    # kildene fra uttrekket samles der den første står, med datoen én gang
    assert kildelinje(["regnskap", "hr", "saksregister"], UTTREKK) == (
        "Kilde: UNEs regnskap rapportert til statsregnskapet; "
        "UNEs HR-system (årsverk) og UNEs saksregister, uttrekk 15.02.2024"
    )


def test_ark_avviser_ukjent_kilde_og_navn():
    with pytest.raises(ValueError, match="ukjente kilder"):
        ark("tab-x", kilder=("gjetning",))
    with pytest.raises(ValueError, match="minst én kilde"):
        ark("tab-x", kilder=())
    for navn in ("tabell_2", "tab.note_b", "tab-Note-B", "fig-3-1-", "tab-æ"):
        with pytest.raises(ValueError, match="merket tabellen eller figuren har i :name:"):
            ark(navn)
    assert ark("tab-6-note-b", "fig-3-1-innkomne").boka == ("tab-6-note-b", "fig-3-1-innkomne")


@pytest.mark.parametrize(
    "numre, navn",
    [
        ([("tabell", 20)], "Tabell 20"),
        ([("figur", 4), ("figur", 2)], "Figur 2 og 4"),
        (
            [("figur", 2), ("figur", 4), ("figur", 6), ("figur", 7), ("figur", 9), ("figur", 11)],
            "Figur 2, 4, 6, 7, 9 og 11",
        ),
        ([("figur", 16), ("tabell", 11)], "Tabell 11 og figur 16"),
        ([("figur", n) for n in range(10, 17)], "Figur 10 m.fl."),
    ],
)
def test_arknavn(numre, navn):
    assert arknavn([_nr(t, n, None, i) for i, (t, n) in enumerate(numre)]) == navn
    assert len(navn) <= 31


# ------------------------------------------------------------------ sett_sammen


def _tabeller():
    return {
        "tab-a": pd.DataFrame(
            {"Gruppe": ["asyl", "opphold"], "Behandlet": [940, 4803], "Andel omgjort": [0.2096, 0.15]}
        ),
        "fig-b": pd.DataFrame({"År": [2022, 2023], "Klager": [144.4, 127.6]}),
        "tab-c": pd.DataFrame({"Sakstype": ["Arbeid"], "Behandlet": [497]}),
        "K Ekstra": pd.DataFrame(
            {"id": ["mottatt", "omgjoringsandel"], "verdi": [7029, 0.644], "toleranse": [0, 0.0005]}
        ),
    }


def _spek():
    return {
        "tab-a": ark("tab-a"),
        "fig-b": ark("fig-b", "fig-d", standard="dager"),
        "tab-c": ark("tab-c", "fig-c", kilder=("regnskap",)),
        "K Ekstra": ark(
            kilder=("saksregister", "publisert"),
            radenhet="id",
            kolonner={"toleranse": "generelt"},
            tittel="Alle tallene",
        ),
    }


def _numre():
    return [
        _nr("figur", 1, "fig-b", 0, "del1/a"),
        _nr("tabell", 1, "tab-a", 1, "del1/a"),
        _nr("figur", 2, "fig-c", 2, "del2/b"),
        _nr("tabell", 2, "tab-c", 3, "del2/b"),
        _nr("figur", 3, "fig-d", 4, "del2/b"),
    ]


def test_ark_i_bokas_rekkefolge_med_titler_og_kilder():
    r = sett_sammen(_tabeller(), _spek(), _numre(), UTTREKK, "Årsrapport 2023")
    assert list(r.tabeller) == [INNHOLD, "Figur 1 og 3", "Tabell 1", "Tabell 2 og figur 2", "K Ekstra"]
    assert r.tabeller["Tabell 1"].equals(_tabeller()["tab-a"])
    assert r.titler["Figur 1 og 3"] == ["Figur 1: Teksten til Figur 1.", "Figur 3: Teksten til Figur 3."]
    assert r.titler["Tabell 2 og figur 2"] == ["Tabell 2: Teksten til Tabell 2.", "Figur 2: Teksten til Figur 2."]
    assert r.titler["K Ekstra"] == ["Alle tallene"]
    assert r.kilder["Tabell 1"] == "Kilde: UNEs saksregister, uttrekk 15.02.2024"
    assert r.kilder["Tabell 2 og figur 2"] == "Kilde: UNEs regnskap rapportert til statsregnskapet"
    assert r.kilder["K Ekstra"] == "Kilde: UNEs saksregister, uttrekk 15.02.2024; UNEs publiserte årsrapport"
    assert [n.navn for n in r.numre["Tabell 2 og figur 2"]] == ["Figur 2", "Tabell 2"]
    assert r.advarsler == []


def test_innholdsarket_lister_hvert_nummer_og_de_ekstra_arkene():
    r = sett_sammen(_tabeller(), _spek(), _numre(), UTTREKK, "Årsrapport 2023")
    innhold = r.tabeller[INNHOLD]
    assert list(innhold.columns) == ["Ark", "Nummer", "Tekst", "Kapittel"]
    assert innhold.values.tolist() == [
        ["Figur 1 og 3", "Figur 1", "Teksten til Figur 1.", "Kapittel på del1/a"],
        ["Tabell 1", "Tabell 1", "Teksten til Tabell 1.", "Kapittel på del1/a"],
        ["Tabell 2 og figur 2", "Figur 2", "Teksten til Figur 2.", "Kapittel på del2/b"],
        ["Tabell 2 og figur 2", "Tabell 2", "Teksten til Tabell 2.", "Kapittel på del2/b"],
        ["Figur 1 og 3", "Figur 3", "Teksten til Figur 3.", "Kapittel på del2/b"],
        ["K Ekstra", "", "Alle tallene", ""],
    ]
    assert r.titler[INNHOLD][0] == "Årsrapport 2023: tabellene og tallene bak figurene"
    assert r.kilder[INNHOLD].startswith("Kilde: UNEs saksregister, uttrekk 15.02.2024")
    assert r.lenker == {INNHOLD: "Ark"}


def test_formatvalget_i_rekkefolge():
    spek = Ark(
        boka=("tab-t",),
        standard="kroner",
        kolonner={"Vekt": "tusendeler"},
        rader={
            "Årsverk": "desimal",
            "Utnyttelsesgrad": "andel",
            "Vekttall": "desimal",
            "Vekttall per sak": "tusendeler",
        },
        radenhet="id",
    )
    tab = {"tab-t": pd.DataFrame({"a": [1]})}
    r = sett_sammen(tab, {"tab-t": spek}, [_nr("tabell", 1, "tab-t", 0)], UTTREKK)
    velg = r.formater["Tabell 1"]
    assert velg({"Tekst": "Lønn"}, "Vekt") == "tusendeler"  # 1. kolonnen
    assert velg({"Tekst": "Årsverk"}, "Andel omgjort") == "andel"  # 2. overskriften går foran raden
    assert velg({"Tekst": "Årsverk"}, "Endring 2022–23") == "andel"
    assert velg({"Tekst": "Årsverk"}, "Saksbehandlingstid (dager)") == "dager"
    assert velg({"Tekst": "Årsverk"}, "År") == "aarstall"
    assert velg({"id": "saksbehandlingstid.asyl"}, "beregnet") == "dager"  # 3. enheten til id-en
    assert velg({"id": "omgjoringsandel"}, "beregnet") == "andel"
    assert velg({"Tekst": "Årsverk"}, "2023") == "desimal"  # 4. raden, eksakt …
    assert velg({"Tekst": "Vekttall per sak"}, "2023") == "tusendeler"  # … lengste treff først
    assert velg({"Tekst": "Utnyttelsesgrad, post 01–21"}, "2023") == "andel"  # … eller begynnelsen
    assert velg({"Tekst": "Samlet tildeling"}, "2023") == "kroner"  # 5. standard
    uten = sett_sammen(tab, {"tab-t": ark("tab-t")}, [_nr("tabell", 1, "tab-t", 0)], UTTREKK).formater["Tabell 1"]
    assert uten({"Tekst": "Lønn"}, "2023") is None  # 6. eksport velger etter verdien


@pytest.mark.parametrize(
    "fid, fmt",
    [
        ("mottatt", "antall"),
        ("saksbehandlingstid.asyl", "dager"),
        ("saksbehandlingstid.endring_abs", "dager"),
        ("omgjoringsandel", "andel"),
        ("mottatt.endring", "endring"),  # relativ endring: prosent
        ("arsverk", "desimal"),  # årsverk: én desimal
        ("rettssaker.dager_per_sak", "desimal"),
        ("vekt.asylsaker.form.nmp", "tusendeler"),
        ("kostnad_per_sak", "kroner"),
        ("topp.behandlet.tilbakekall", None),  # tekst: formatet velges etter verdien
        ("behandlet.utvisning.straffet_257_391a", None),  # publisert, men ikke beregnet
    ],
)
def test_tallformat_etter_tallkatalogen(fid, fmt):
    assert tallformat(fid) == fmt
    assert fmt is None or fmt in TALLFORMATER


def test_radenhet_uten_katalogoppforing_faller_gjennom():
    spek = Ark(boka=("tab-t",), standard="kroner", radenhet="id")
    r = sett_sammen({"tab-t": pd.DataFrame({"a": [1]})}, {"tab-t": spek}, [_nr("tabell", 1, "tab-t", 0)], UTTREKK)
    velg = r.formater["Tabell 1"]
    assert velg({"id": "mottatt"}, "beregnet") == "antall"
    assert velg({"id": "behandlet.utvisning.straffet_257_391a"}, "beregnet") == "kroner"  # standard
    assert velg({"id": ""}, "beregnet") == "kroner"


def test_tabell_i_boka_uten_data_stopper():
    numre = _numre() + [_nr("tabell", 3, "tab-ny", 5, "del3/c")]
    with pytest.raises(ValueError, match=r"Tabell 3 i boka \(tab-ny, del3/c\).*REGNEARK"):
        sett_sammen(_tabeller(), _spek(), numre, UTTREKK)


def test_fil_med_annet_navn_enn_merket_stopper():
    # ``:name: tab-c`` med ``{include} ../tabeller/tab-a.md``: to navn for én tabell
    numre = [replace(n, merke="tab-c") if n.kilde == "tab-a" else n for n in _numre()]
    with pytest.raises(ValueError, match=r"Tabell 1 i boka \(del1/a\) har merket 'tab-c'.*henter 'tab-a'"):
        sett_sammen(_tabeller(), _spek(), numre, UTTREKK)


def test_tabell_uten_merke_gir_advarsel():
    numre = [replace(n, merke=None) if n.kilde == "tab-a" else n for n in _numre()]
    r = sett_sammen(_tabeller(), _spek(), numre, UTTREKK)
    assert r.advarsler == ["Tabell 1 (tab-a, del1/a) har ingen :name:; gi den merket 'tab-a'"]
    assert "Tabell 1" in r.tabeller


@pytest.mark.parametrize(
    "endre, melding",
    [
        (lambda t, s: t.update({"K Ny": pd.DataFrame({"a": [1]})}), r"'K Ny'.*ingen oppføring i REGNEARK"),
        (lambda t, s: s.update({"tab-borte": ark("tab-borte")}), "uten tabell.*tab-borte"),
        (lambda t, s: s.update({"tab-a": ark("tab-a", "fig-b")}), "fig-b står både under"),
        (lambda t, s: s.update({"tab-a": ark("tab-a", standard="prosent")}), "ukjent tallformat 'prosent'"),
        (
            lambda t, s: t.update({"tab-x": t.pop("tab-a")}) or s.update({"tab-x": s.pop("tab-a")}),
            r"'tab-x' i REGNEARK: nøkkelen skal være merket .*\('tab-a'\)",
        ),
        (
            lambda t, s: t.update({"Tabell 1": pd.DataFrame({"a": [1]})}) or s.update({"Tabell 1": ark()}),
            "allerede brukt",
        ),
    ],
)
def test_ufullstendig_eller_motstridende_regneark_stopper(endre, melding):
    tabeller, spek = _tabeller(), _spek()
    endre(tabeller, spek)
    with pytest.raises(ValueError, match=melding):
        sett_sammen(tabeller, spek, _numre(), UTTREKK)


def test_advarsler_for_figurer_uten_tall_og_navn_boka_ikke_viser():
    numre = _numre() + [_nr("figur", 4, "fig-uten-data", 5, "del3/c"), _nr("tabell", 3, None, 6, "del3/c")]
    spek = _spek()
    spek["tab-a"] = ark("tab-a", "fig-ikke-i-boka")
    r = sett_sammen(_tabeller(), spek, numre, UTTREKK)
    assert r.advarsler == [
        "Figur 4 (fig-uten-data, del3/c) har ingen tall i tabeller.xlsx",
        "Tabell 3 (del3/c) henter ingen tabellfil og er ikke med i tabeller.xlsx",
        "fig-ikke-i-boka (REGNEARK, 'tab-a') vises ikke i boka",
    ]
    innhold = r.tabeller[INNHOLD]
    assert innhold.loc[innhold["Nummer"] == "Figur 4", "Ark"].tolist() == [""]


def test_skrevet_arbeidsbok(tmp_path):
    r = sett_sammen(_tabeller(), _spek(), _numre(), UTTREKK, "Årsrapport 2023")
    wb = openpyxl.load_workbook(skriv(r, tmp_path / "tabeller.xlsx"))
    assert wb.sheetnames == [INNHOLD, "Figur 1 og 3", "Tabell 1", "Tabell 2 og figur 2", "K Ekstra"]

    ark_ = wb["Tabell 1"]
    assert ark_["A1"].value == "Tabell 1: Teksten til Tabell 1." and ark_["A1"].font.b
    assert ark_["A2"].value == "Kilde: UNEs saksregister, uttrekk 15.02.2024" and ark_["A2"].font.i
    assert ark_["A3"].value is None
    assert [c.value for c in ark_[4]] == ["Gruppe", "Behandlet", "Andel omgjort"]
    assert [c.value for c in ark_[5]] == ["asyl", 940, 0.2096]
    assert ark_["B5"].number_format == TALLFORMATER["antall"]
    assert ark_["C5"].number_format == TALLFORMATER["andel"]
    assert ark_.freeze_panes == "A5"

    figur = wb["Figur 1 og 3"]
    assert [figur.cell(row=i, column=1).value for i in (1, 2, 3)] == [
        "Figur 1: Teksten til Figur 1.",
        "Figur 3: Teksten til Figur 3.",
        "Kilde: UNEs saksregister, uttrekk 15.02.2024",
    ]
    assert figur["A6"].value == 2022 and figur["A6"].number_format == "0"  # År uten tusenskille
    assert figur["B6"].value == 144.4 and figur["B6"].number_format == TALLFORMATER["dager"]

    ekstra = wb["K Ekstra"]
    assert ekstra["B5"].number_format == TALLFORMATER["antall"]  # mottatt
    assert ekstra["B6"].number_format == TALLFORMATER["andel"]  # omgjoringsandel
    assert ekstra["C6"].number_format == "General"

    innhold = wb[INNHOLD]
    lenker = {c.value: c.hyperlink.location for c in innhold["A"] if c.hyperlink is not None}
    assert lenker == {
        "Figur 1 og 3": "'Figur 1 og 3'!A1",
        "Tabell 1": "'Tabell 1'!A1",
        "Tabell 2 og figur 2": "'Tabell 2 og figur 2'!A1",
        "K Ekstra": "'K Ekstra'!A1",
    }


# ------------------------------------------------------------------ kapitlenes REGNEARK mot boka


def test_kapitlenes_regneark_dekker_hver_tabell_i_boka():
    """Hver tabell en side i ``book/`` henter, står i nøyaktig én ``REGNEARK``, og hver
    figur har tallene sine der; alle navnene i ``REGNEARK`` brukes i boka. Hver tabell og
    figur har ett navn: merket i ``:name:`` er filen den henter."""
    from arsrapport import kapitler
    from arsrapport.grunn.config import PROSJEKTROT, les_innstillinger
    from arsrapport.utdata.nummerering import nummerer

    inn = les_innstillinger()
    numre = nummerer(inn.book, inn.notebooks, PROSJEKTROT / "_config.yml")
    i_regnearket = {navn for spek in kapitler.regneark().values() for navn in spek.boka}
    i_boka = {n.kilde for n in numre}
    assert None not in i_boka, "en nummerert tabell eller figur henter ingen fil"
    assert [(n.navn, n.kilde) for n in numre if n.kilde != n.merke] == []
    assert i_boka - i_regnearket == set()
    assert i_regnearket - i_boka == set()
