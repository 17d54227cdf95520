"""Innlesing og kontroll av datauttrekket mot datakontrakten (docs/data-contract.md).

Hver test skriver et lite, gyldig uttrekk av alle tabellene som CSV i
``tmp_path`` (``Uttrekksdata``), ødelegger én ting og sjekker at bruddet
nevner riktig fil, rad (overskrift = rad 1), kolonne og verdi.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from arsrapport.data.kontrakt import TABELLER, Kolonne, Tabell
from arsrapport.innlesing import (
    MAKS_PER_FEIL,
    Brudd,
    Uttrekk,
    Valideringsfeil,
    les_uttrekk,
    valider,
)

# ------------------------------------------------------------------ et gyldig minsteuttrekk

GYLDIG: dict[str, list[dict[str, str]]] = {
    "saker": [
        # rad 2
        dict(
            sak_id="000101",
            person_id="0491",
            familie_id="F1",
            saksgruppe="Asyl",
            sakstype="Asyl",
            behandlingstype="Klage",
            asylspor="Realitet",
            mottatt_dato="2022-03-01",
            avslutning="Vedtak",
            avsluttet_dato="2023-02-01",
            avgjorelsesform="NMP",
            utfall="Omgjort",
            nasjonalitet="Syria",
            hjemmel="",
            ema="true",
            under_18_ved_vedtak="false",
            barnefamilie="ja",
            lengevarende_barn="nei",
            tilknyttet_utvisning="0",
            vedtak_tidspunkt="2023-02-01T13:15",
            bfe_vurdert="2022-12-01T10:00",
        ),
        # rad 3
        dict(
            sak_id="000102",
            person_id="0492",
            familie_id="",
            saksgruppe="Familieinnvandring",
            sakstype="Familiegjenforening",
            behandlingstype="Omgjøringsanmodning",
            asylspor="",
            mottatt_dato="2022-11-15",
            avslutning="Vedtak",
            avsluttet_dato="2023-06-30",
            avgjorelsesform="SEK",
            utfall="Ikke omgjort",
            nasjonalitet="Eritrea",
            hjemmel="",
            ema="",
            under_18_ved_vedtak="",
            barnefamilie="",
            lengevarende_barn="",
            tilknyttet_utvisning="1",
        ),
        # rad 4
        dict(
            sak_id="000103",
            person_id="0493",
            familie_id="",
            saksgruppe="Utvisning",
            sakstype="Utvisning",
            behandlingstype="Klage",
            asylspor="",
            mottatt_dato="2023-01-10",
            avslutning="Henlagt",
            avsluttet_dato="2023-03-01",
            avgjorelsesform="",
            utfall="",
            nasjonalitet="Tyrkia",
            hjemmel="",
            ema="FALSE",
            under_18_ved_vedtak="Ja",
            barnefamilie="",
            lengevarende_barn="",
            tilknyttet_utvisning="",
        ),
        # rad 5
        dict(
            sak_id="000104",
            person_id="0491",
            familie_id="F1",
            saksgruppe="Asyl",
            sakstype="Asyl",
            behandlingstype="Klage",
            asylspor="Dublin",
            mottatt_dato="2024-01-15",
            avslutning="",
            avsluttet_dato="",
            avgjorelsesform="",
            utfall="",
            nasjonalitet="Syria",
            hjemmel="",
            ema="",
            under_18_ved_vedtak="",
            barnefamilie="true",
            lengevarende_barn="",
            tilknyttet_utvisning="",
        ),
    ],
    "prioritet": [
        # en mindreårig kan merkes etter at Barnefaglig enhet har vurdert saken (ingen advarsel)
        dict(sak_id="000101", tidspunkt="2022-12-05T09:00", kode="PP", meldt_av="PU"),
        dict(sak_id="000101", tidspunkt="2023-01-10T12:00", kode="UM", meldt_av=""),
    ],
    "uiv": [
        dict(uiv_id="U1", sak_id="000104", mottatt_dato="2024-02-01", avgjort_dato="2024-02-15", resultat="Avslått"),
        dict(uiv_id="U2", sak_id="", mottatt_dato="2024-02-10", avgjort_dato="", resultat=""),
    ],
    "rettssaker": [
        dict(
            rettssak_id="R1",
            sak_id="000101",
            instans="Tingretten",
            innkommet_dato="2023-03-01",
            avgjort_dato="2023-09-01",
            utfall="Medhold",
            rettskraftig_dato="2023-10-15",
            hovedforhandling="true",
            dager_i_retten="2",
            prosedyre="Regjeringsadvokaten",
        ),
        dict(
            rettssak_id="R2",
            sak_id="000101",
            instans="Lagmannsretten",
            innkommet_dato="2023-11-01",
            avgjort_dato="",
            utfall="",
            rettskraftig_dato="",
            hovedforhandling="false",
            dager_i_retten="",
            prosedyre="",
        ),
    ],
    "arsverk": [
        dict(ar="2023", enhet="Saksenhetene", arsverk="180.5"),
        dict(ar="2023", enhet="Nemndledere", arsverk="20"),
    ],
    "tildeling": [
        dict(
            ar="2023",
            kapittel="0491",
            post="01",
            posttekst="Driftsutgifter",
            overfort_fra_i_fjor="1000000.50",
            arets_tildelinger="300000000",
            stikkord="kan nyttes under post 21",
        ),
        dict(
            ar="2023",
            kapittel="0491",
            post="21",
            posttekst="Spesielle driftsutgifter",
            overfort_fra_i_fjor="0",
            arets_tildelinger="12000000.25",
            stikkord="",
        ),
    ],
    "fullmakter": [
        dict(
            ar="2023",
            kapittel="0491",
            post="01",
            avgitte_belastningsfullmakter="0",
            merinntekter="1500.5",
            omdisponering="",
            innsparinger="-200",
            maks_overforbart="",
        ),
    ],
    "regnskap": [
        dict(ar="2023", artskonto="5000", kontonavn="Lønn", kapittel="0491", post="01", belop="150000000.55"),
        dict(ar="2023", artskonto="1985", kontonavn="", kapittel="5309", post="29", belop="-50.5"),
    ],
    "kapitalkontoer": [
        dict(ar="2023", konto="60048801", tekst="Norges Bank KK/innbetalinger", belop="1234.50"),
    ],
    "mellomvaerende": [
        dict(ar="2023", linje="Skyldig skattetrekk", gruppe="Kortsiktig gjeld", bokfort="-1000", rapportert="-1000.00"),
    ],
    "vekttall": [
        dict(ar_fra="2021", ar_til="2025", kategori="Asyl", avgjorelsesform="Stornemnd", vekt="5"),
        dict(ar_fra="2021", ar_til="2025", kategori="Opphold", avgjorelsesform="SEK", vekt="1.25"),
    ],
    "styringsparametere": [
        dict(ar="2023", kode="SP1", populasjon="asyl_klage", grense_dager="120", mal_andel="0.5", mal_reduksjon=""),
        dict(ar="2023", kode="SP2", populasjon="opphold_klage", grense_dager="", mal_andel="", mal_reduksjon="0.1"),
    ],
    "kpi": [
        dict(ar="2015", indeks="100"),
        dict(ar="2023", indeks="133.6"),
    ],
    "kontoplan": [
        dict(
            artskonto_fra="5000",
            artskonto_til="5999",
            oppstilling_linje="utbetalinger_lonn",
            note="2",
            note_linje="lonn",
            utenfor_lonn_per_arsverk="",
        ),
        dict(
            artskonto_fra="1985",
            artskonto_til="1985",
            oppstilling_linje="gruppelivsforsikring_1985",
            note="",
            note_linje="",
            utenfor_lonn_per_arsverk="false",
        ),
    ],
    "pensjonspremie": [
        dict(ar="2023", premiesats_arbeidsgiver="0.096"),
    ],
}


class Uttrekksdata:
    """Et gyldig minsteuttrekk som en test kan endre før det skrives til disk."""

    def __init__(self, katalog: Path):
        self.katalog = katalog
        self.tabeller = copy.deepcopy(GYLDIG)
        self.kolonner = {navn: list(rader[0]) for navn, rader in GYLDIG.items()}

    def sett(self, tabell: str, rad: int, kolonne: str, verdi: str) -> None:
        """Sett en verdi; ``rad`` telles som i et regneark (første datarad = 2)."""
        self.tabeller[tabell][rad - 2][kolonne] = verdi

    def fjern_kolonne(self, tabell: str, kolonne: str) -> None:
        self.kolonner[tabell].remove(kolonne)

    def legg_til_kolonne(self, tabell: str, kolonne: str, verdi: str) -> None:
        self.kolonner[tabell].append(kolonne)
        for r in self.tabeller[tabell]:
            r[kolonne] = verdi

    def skriv(self) -> Path:
        self.katalog.mkdir(parents=True, exist_ok=True)
        for navn, rader in self.tabeller.items():
            with open(self.katalog / f"{navn}.csv", "w", encoding="utf-8", newline="") as f:
                w = csv.writer(f, lineterminator="\n")
                w.writerow(self.kolonner[navn])
                for r in rader:
                    w.writerow([r.get(k, "") for k in self.kolonner[navn]])
        return self.katalog


@pytest.fixture
def uttrekk(tmp_path) -> Uttrekksdata:
    return Uttrekksdata(tmp_path / "data")


def brudd_for(katalog: Path, fil: str | None = None) -> list[Brudd]:
    brudd, _ = valider(katalog)
    return [b for b in brudd if fil is None or b.fil == fil]


def ett_brudd(katalog: Path, fil: str | None = None) -> Brudd:
    alle = brudd_for(katalog)
    treff = [b for b in alle if fil is None or b.fil == fil]
    assert len(treff) == 1, "\n".join(map(str, alle))
    assert len(alle) == 1, "\n".join(map(str, alle))
    return treff[0]


# ------------------------------------------------------------------ gyldig uttrekk


def test_gyldig_uttrekk_har_riktige_typer(uttrekk):
    u = les_uttrekk(uttrekk.skriv())
    assert set(u.tabeller) == set(TABELLER)
    assert u.advarsler == []
    s = u.saker
    assert list(s.columns) == [k.navn for k in TABELLER["saker"].kolonner]
    assert len(s) == 4
    # id-er forblir tekst med ledende nuller
    assert s["sak_id"].tolist() == ["000101", "000102", "000103", "000104"]
    assert s["person_id"].iloc[0] == "0491"
    assert s["sak_id"].dtype == "str" and s["saksgruppe"].dtype == "str"
    # tom tekst/enum er NaN
    assert pd.isna(s["asylspor"].iloc[1]) and np.isnan(s["asylspor"].iloc[1])
    assert s["avslutning"].isna().tolist() == [False, False, False, True]
    assert s["mottatt_dato"].dtype == "datetime64[us]"
    assert s["mottatt_dato"].iloc[0] == pd.Timestamp("2022-03-01")
    assert pd.isna(s["avsluttet_dato"].iloc[3])
    assert s["ema"].dtype == np.bool_
    assert s["ema"].tolist() == [True, False, False, False]
    assert s["barnefamilie"].tolist() == [True, False, False, True]
    assert s["tilknyttet_utvisning"].tolist() == [False, True, False, False]
    assert s["under_18_ved_vedtak"].tolist() == [False, False, True, False]

    assert u.arsverk["ar"].dtype == np.int64
    assert u.arsverk["arsverk"].dtype == np.float64
    assert u.tildeling["kapittel"].tolist() == ["0491", "0491"]
    assert u.tildeling["post"].tolist() == ["01", "21"]
    assert u.tildeling["arets_tildelinger"].tolist() == [300000000.0, 12000000.25]
    assert u.fullmakter["omdisponering"].dtype == np.float64
    assert u.fullmakter["omdisponering"].isna().all()
    r = u.rettssaker
    assert r["dager_i_retten"].dtype == "Int64"
    assert r["dager_i_retten"].iloc[0] == 2 and pd.isna(r["dager_i_retten"].iloc[1])
    assert r["hovedforhandling"].tolist() == [True, False]
    assert u.styringsparametere["grense_dager"].dtype == "Int64"
    assert u.kpi["indeks"].tolist() == [100.0, 133.6]
    assert u.kontoplan["note"].isna().tolist() == [False, True]
    assert u.uttrekksdato() == pd.Timestamp("2024-02-15")
    assert u.siste_hele_ar() == 2023
    assert u["kpi"] is u.kpi


def test_valgfri_kolonne_kan_mangle_og_fylles_tom(uttrekk):
    for k in ("familie_id", "hjemmel", "ema", "barnefamilie"):
        uttrekk.fjern_kolonne("saker", k)
    uttrekk.fjern_kolonne("rettssaker", "dager_i_retten")
    u = les_uttrekk(uttrekk.skriv())
    assert u.saker["familie_id"].isna().all() and u.saker["familie_id"].dtype == "str"
    assert u.saker["ema"].dtype == np.bool_ and not u.saker["ema"].any()
    assert u.rettssaker["dager_i_retten"].dtype == "Int64"
    assert list(u.saker.columns) == [k.navn for k in TABELLER["saker"].kolonner]


def test_kolonnerekkefolgen_er_fri(uttrekk):
    uttrekk.kolonner["saker"].reverse()
    u = les_uttrekk(uttrekk.skriv())
    assert u.saker["sak_id"].iloc[0] == "000101"


def test_ukjent_kolonne_gir_advarsel_ikke_feil(uttrekk):
    uttrekk.legg_til_kolonne("saker", "saksbehandler", "Ola")
    u = les_uttrekk(uttrekk.skriv())
    assert "saksbehandler" not in u.saker.columns
    assert len(u.advarsler) == 1
    assert "saker.csv" in u.advarsler[0] and "saksbehandler" in u.advarsler[0]


def test_bom_godtas(uttrekk):
    katalog = uttrekk.skriv()
    f = katalog / "saker.csv"
    f.write_bytes(b"\xef\xbb\xbf" + f.read_bytes())
    u = les_uttrekk(katalog)
    assert u.saker.columns[0] == "sak_id"
    assert u.saker["sak_id"].iloc[0] == "000101"


def test_xlsx_med_ekte_datoceller_gir_det_samme(uttrekk, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    csv_katalog = uttrekk.skriv()
    fra_csv = les_uttrekk(csv_katalog)
    xlsx_katalog = tmp_path / "xlsx"
    xlsx_katalog.mkdir()
    for navn, rader in uttrekk.tabeller.items():
        tabell = TABELLER[navn]
        bok = openpyxl.Workbook()
        ark = bok.active
        kolonner = uttrekk.kolonner[navn]
        ark.append(kolonner)
        for r in rader:
            celler = []
            for k in kolonner:
                v, type_ = r.get(k, ""), tabell.kolonne(k).type
                if v == "":
                    celler.append(None)
                elif type_ == "dato":
                    celler.append(dt.datetime.fromisoformat(v))
                elif type_ == "heltall":
                    celler.append(int(v))
                elif type_ in ("desimal", "belop"):
                    celler.append(float(v))
                elif type_ == "bool" and v in ("true", "false"):
                    celler.append(v == "true")
                else:
                    celler.append(v)
            ark.append(celler)
        for rad in ark.iter_rows(min_row=2):
            for celle in rad:
                if isinstance(celle.value, dt.datetime):
                    celle.number_format = "yyyy-mm-dd"
        bok.save(xlsx_katalog / f"{navn}.xlsx")
    fra_xlsx = les_uttrekk(xlsx_katalog)
    assert fra_xlsx.advarsler == []
    for navn in TABELLER:
        pd.testing.assert_frame_equal(fra_xlsx.tabeller[navn], fra_csv.tabeller[navn], check_exact=True)


def test_xlsx_feil_gir_regnearkets_radnummer(uttrekk, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    katalog = uttrekk.skriv()
    (katalog / "kpi.csv").unlink()
    bok = openpyxl.Workbook()
    ark = bok.active
    ark.append(["ar", "indeks"])
    ark.append([2015, 100])
    ark.append([2023, "mye"])
    bok.save(katalog / "kpi.xlsx")
    b = ett_brudd(katalog)
    assert (b.fil, b.rad, b.kolonne, b.verdi) == ("kpi.xlsx", 3, "indeks", "mye")


# ------------------------------------------------------------------ filer


def test_manglende_fil(uttrekk):
    katalog = uttrekk.skriv()
    (katalog / "kpi.csv").unlink()
    b = ett_brudd(katalog)
    assert b.fil == "kpi.csv" and b.rad is None
    assert "mangler" in b.melding and "kpi.xlsx" in b.melding


def test_bade_csv_og_xlsx(uttrekk):
    katalog = uttrekk.skriv()
    (katalog / "kpi.xlsx").write_bytes(b"PK")
    b = ett_brudd(katalog)
    assert b.fil == "kpi.csv"
    assert "kpi.csv" in b.melding and "kpi.xlsx" in b.melding


@pytest.mark.parametrize("navn", ["saker", "uiv", "kontoplan"])
def test_fil_med_null_byte_er_alltid_feil(uttrekk, navn):
    katalog = uttrekk.skriv()
    (katalog / f"{navn}.csv").write_bytes(b"")
    b = ett_brudd(katalog)
    assert b.fil == f"{navn}.csv" and "tom" in b.melding


def test_tom_xlsx_fil(uttrekk):
    katalog = uttrekk.skriv()
    (katalog / "kpi.csv").unlink()
    (katalog / "kpi.xlsx").write_bytes(b"")
    b = ett_brudd(katalog)
    assert b.fil == "kpi.xlsx" and "tom" in b.melding


@pytest.mark.parametrize(
    "navn",
    ["uiv", "rettssaker", "tildeling", "fullmakter", "regnskap", "kapitalkontoer", "mellomvaerende", "prioritet"],
)
def test_bare_overskrift_er_gyldig_tom_tabell(uttrekk, navn):
    uttrekk.tabeller[navn] = []
    u = les_uttrekk(uttrekk.skriv())
    assert len(u.tabeller[navn]) == 0
    assert list(u.tabeller[navn].columns) == [k.navn for k in TABELLER[navn].kolonner]


@pytest.mark.parametrize("navn", ["saker", "arsverk", "vekttall", "styringsparametere", "kpi", "kontoplan"])
def test_bare_overskrift_er_feil_der_tabellen_ma_ha_rader(uttrekk, navn):
    uttrekk.tabeller[navn] = []
    b = ett_brudd(uttrekk.skriv())
    assert b.fil == f"{navn}.csv" and "ingen datarader" in b.melding


def test_feil_tegnkoding_navngir_fil_og_rad(uttrekk):
    uttrekk.sett("saker", 3, "behandlingstype", "Klage")  # ellers er «Omgjøringsanmodning» i rad 3 først
    uttrekk.sett("saker", 4, "nasjonalitet", "Sør-Sudan")
    katalog = uttrekk.skriv()
    f = katalog / "saker.csv"
    f.write_bytes(f.read_text(encoding="utf-8").encode("cp1252"))
    b = ett_brudd(katalog)
    assert (b.fil, b.rad, b.kolonne, b.verdi) == ("saker.csv", 4, "nasjonalitet", "Sør-Sudan")
    assert "UTF-8" in b.melding
    assert "0xF8" in b.melding  # ø i Windows-1252


def test_feil_tegnkoding_i_felt_med_anforselstegn(uttrekk):
    """Et felt i anførselstegn med komma i: kolonnen og hele verdien, ikke en bit av den."""
    verdi = "kan overføres, kan nyttes under post 01"
    uttrekk.sett("tildeling", 3, "stikkord", verdi)
    katalog = uttrekk.skriv()
    f = katalog / "tildeling.csv"
    assert f'"{verdi}"' in f.read_text(encoding="utf-8")  # forutsetning: feltet står i anførselstegn
    f.write_bytes(f.read_text(encoding="utf-8").encode("latin-1"))
    b = ett_brudd(katalog)
    assert (b.fil, b.rad, b.kolonne, b.verdi) == ("tildeling.csv", 3, "stikkord", verdi)
    assert "0xF8" in b.melding


def test_feil_tegnkoding_etter_felt_over_flere_linjer(uttrekk):
    """Et felt med linjeskift i (i anførselstegn) gjør ikke at radnummeret blir feil."""
    uttrekk.sett("tildeling", 2, "stikkord", "kan nyttes under post 21\nog under post 45")
    uttrekk.sett("tildeling", 3, "posttekst", "Spesielle driftsutgifter, særskilte")
    katalog = uttrekk.skriv()
    f = katalog / "tildeling.csv"
    f.write_bytes(f.read_text(encoding="utf-8").encode("cp1252"))
    b = ett_brudd(katalog)
    assert (b.fil, b.rad, b.kolonne, b.verdi) == (
        "tildeling.csv",
        3,
        "posttekst",
        "Spesielle driftsutgifter, særskilte",
    )


def test_tomme_linjer_teller_som_rader(uttrekk):
    uttrekk.sett("saker", 4, "mottatt_dato", "i går")
    katalog = uttrekk.skriv()
    f = katalog / "saker.csv"
    linjer = f.read_text(encoding="utf-8").split("\n")
    linjer.insert(2, "")  # tom linje som rad 3
    f.write_text("\n".join(linjer), encoding="utf-8")
    b = ett_brudd(katalog)
    assert (b.rad, b.kolonne, b.verdi) == (5, "mottatt_dato", "i går")


def test_rad_med_for_mange_felt(uttrekk):
    katalog = uttrekk.skriv()
    f = katalog / "kpi.csv"
    f.write_text("ar,indeks\n2015,100\n2023,133,6\n", encoding="utf-8")
    b = ett_brudd(katalog)
    assert (b.fil, b.rad) == ("kpi.csv", 3)
    assert "3 felt" in b.melding


def _fjern_felt(fil: Path, rad: int, kolonne: str) -> None:
    """Slett ett felt (og dermed ett komma) i rad ``rad`` av en CSV-fil skrevet av ``Uttrekksdata``."""
    rader = list(csv.reader(fil.read_text(encoding="utf-8").splitlines()))
    del rader[rad - 1][rader[0].index(kolonne)]
    with open(fil, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rader)


@pytest.mark.parametrize("kolonne", ["familie_id", "saksgruppe", "tilknyttet_utvisning"])
def test_rad_med_for_faa_felt(uttrekk, kolonne):
    """Et komma mangler: ett brudd for raden, ingen følgefeil i de forskjøvne kolonnene."""
    katalog = uttrekk.skriv()
    _fjern_felt(katalog / "saker.csv", 3, kolonne)
    b = ett_brudd(katalog)
    assert (b.fil, b.rad, b.kolonne, b.verdi) == ("saker.csv", 3, None, None)
    n = len(uttrekk.kolonner["saker"])
    assert f"raden har {n - 1} felt, men overskriftsraden har {n}" in b.melding


def test_rad_med_for_faa_felt_andre_rader_kontrolleres_som_for(uttrekk):
    uttrekk.sett("saker", 5, "mottatt_dato", "i går")
    uttrekk.sett("saker", 2, "hjemmel", 'utl. § 28, "flyktning"')  # felt i anførselstegn
    katalog = uttrekk.skriv()
    f = katalog / "saker.csv"
    _fjern_felt(f, 3, "familie_id")
    _fjern_felt(f, 4, "asylspor")
    linjer = f.read_text(encoding="utf-8").split("\n")
    linjer.insert(3, "")  # tom linje som rad 4: radene etter flyttes ett ned
    f.write_text("\n".join(linjer), encoding="utf-8")
    brudd = brudd_for(katalog)
    assert [(b.fil, b.rad, b.kolonne) for b in brudd] == [
        ("saker.csv", 3, None),
        ("saker.csv", 5, None),
        ("saker.csv", 6, "mottatt_dato"),
    ], "\n".join(map(str, brudd))
    assert all(f"{len(uttrekk.kolonner['saker']) - 1} felt" in b.melding for b in brudd[:2])


_TILDELING_HODE = "ar,kapittel,post,posttekst,overfort_fra_i_fjor,arets_tildelinger,stikkord"


def _skriv_tildeling(katalog: Path, rader: list[str], linjeskift: str, til_slutt: bool = True) -> None:
    """Skriv tildeling.csv for hånd (7 kolonner): ``rader`` etter overskriften, hver linje avsluttet
    med ``linjeskift`` (også linjeskiftet inne i et felt), den siste bare når ``til_slutt``."""
    tekst = linjeskift.join([_TILDELING_HODE, *(r.replace("\n", linjeskift) for r in rader)])
    (katalog / "tildeling.csv").write_bytes((tekst + (linjeskift if til_slutt else "")).encode("utf-8"))


@pytest.mark.parametrize("linjeskift", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
@pytest.mark.parametrize("til_slutt", [True, False], ids=["linjeskift-til-slutt", "uten-linjeskift-til-slutt"])
@pytest.mark.parametrize("vektorisert", [False, True], ids=["enkeltvis", "vektorisert"])
def test_for_faa_felt_etter_felt_med_komma_og_linjeskift(uttrekk, monkeypatch, linjeskift, til_slutt, vektorisert):
    """Rad 2 har felt i anførselstegn med komma og linjeskift (én post over to linjer); rad 3,
    den siste, mangler ett felt, og kommaet i anførselstegn der er ikke et skilletegn: 6 felt.
    Kandidatene telles én og én, eller alle på én gang som når det er mange av dem."""
    if vektorisert:
        from arsrapport import innlesing

        monkeypatch.setattr(innlesing, "_MANGE_KANDIDATER", 0, raising=False)
    katalog = uttrekk.skriv()
    _skriv_tildeling(
        katalog,
        [
            '2023,0491,01,"Drift, lønn",1000000.50,300000000,"kan nyttes under post 21,\nog under post 45"',
            '2023,0491,21,"Spesielle, særskilte driftsutgifter",0,12000000.25',
        ],
        linjeskift,
        til_slutt,
    )
    b = ett_brudd(katalog)
    assert (b.fil, b.rad, b.kolonne, b.verdi) == ("tildeling.csv", 3, None, None)
    assert "raden har 6 felt, men overskriftsraden har 7" in b.melding


@pytest.mark.parametrize("linjeskift", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_radnummer_etter_flere_felt_over_flere_linjer(uttrekk, linjeskift):
    """To poster over tre linjer hver, en tom linje og en rad med for få felt: radnumrene
    teller poster (overskriften er rad 1), ikke linjer, og raden etter kontrolleres som før."""
    katalog = uttrekk.skriv()
    _skriv_tildeling(
        katalog,
        [
            '2023,0491,01,"Drift\n""lønn""\nmm.",1000000.50,300000000,"a,\nb,\nc"',  # rad 2, linje 2–4
            '2023,0491,21,Spesielle driftsutgifter,0,12000000.25,"x\n\ny"',  # rad 3, linje 5–7
            "",  # rad 4: tom linje
            "2023,0491,22,Store anskaffelser,0",  # rad 5: 5 felt
            "2023,0491,45,Store anskaffelser,0,1.234,",  # rad 6: beløp med tre desimaler
        ],
        linjeskift,
    )
    brudd = brudd_for(katalog)
    assert [(b.fil, b.rad, b.kolonne) for b in brudd] == [
        ("tildeling.csv", 5, None),
        ("tildeling.csv", 6, "arets_tildelinger"),
    ], "\n".join(map(str, brudd))
    assert "raden har 5 felt, men overskriftsraden har 7" in brudd[0].melding


def test_for_faa_felt_etter_anforselstegn_midt_i_et_felt(uttrekk):
    """Et anførselstegn midt i et felt uten anførselstegn rundt (ikke etter RFC 4180) er en
    del av verdien, som hos pandas; raden etter med for få felt telles likevel riktig."""
    katalog = uttrekk.skriv()
    _skriv_tildeling(
        katalog,
        [
            '2023,0491,01,Skjerm 5" bred,1000000.50,300000000,',
            "2023,0491,21,Spesielle driftsutgifter,0",
        ],
        "\n",
    )
    b = ett_brudd(katalog)
    assert (b.fil, b.rad, b.kolonne, b.verdi) == ("tildeling.csv", 3, None, None)
    assert "raden har 5 felt, men overskriftsraden har 7" in b.melding


@pytest.mark.parametrize("linjeskift", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
def test_kontrolltegn_etter_felt_over_flere_linjer(uttrekk, linjeskift):
    """Cellen med kontrolltegnet finnes også etter en post over flere linjer, med et komma i
    anførselstegn i samme rad foran cellen, og med alle slags linjeskift."""
    katalog = uttrekk.skriv()
    _skriv_tildeling(
        katalog,
        [
            '2023,0491,01,Driftsutgifter,1000000.50,300000000,"kan nyttes under post 21,\nog under post 45"',
            '2023,"0491",21,"Spesielle, særskilte",0,12000000.25,Stikk\x07ord',
        ],
        linjeskift,
    )
    b = ett_brudd(katalog)
    assert (b.fil, b.rad, b.kolonne, b.verdi) == ("tildeling.csv", 3, "stikkord", "Stikk\x07ord")
    assert "kontrolltegnet 0x07" in b.melding


def test_feil_tegnkoding_i_siste_rad_uten_linjeskift_med_crlf(uttrekk):
    """Windows-1252 i siste rad, uten linjeskift til slutt, etter en post over to linjer med CRLF."""
    katalog = uttrekk.skriv()
    _skriv_tildeling(
        katalog,
        [
            '2023,0491,01,Driftsutgifter,1000000.50,300000000,"kan nyttes\nunder post 21"',
            "2023,0491,21,Spesielle driftsutgifter,0,12000000.25,særskilt",
        ],
        "\r\n",
        til_slutt=False,
    )
    f = katalog / "tildeling.csv"
    f.write_bytes(f.read_text(encoding="utf-8").encode("cp1252"))
    b = ett_brudd(katalog)
    assert (b.fil, b.rad, b.kolonne, b.verdi) == ("tildeling.csv", 3, "stikkord", "særskilt")
    assert "0xE6" in b.melding


def test_for_faa_felt_etter_et_felt_over_csv_modulens_grense(uttrekk):
    """Et felt i anførselstegn lengre enn csv-modulens grense (131 072 tegn) hindrer ikke at
    raden etter med for få felt finnes."""
    uttrekk.sett("saker", 3, "hjemmel", "utl. § 28, " + "x" * 200_000)
    katalog = uttrekk.skriv()
    f = katalog / "saker.csv"
    linjer = f.read_text(encoding="utf-8").split("\n")
    assert linjer[3].startswith("000103,0493,,")  # familie_id er tom i rad 4
    linjer[3] = linjer[3].replace(",,", ",", 1)
    f.write_text("\n".join(linjer), encoding="utf-8")
    b = ett_brudd(katalog)
    assert (b.fil, b.rad, b.kolonne, b.verdi) == ("saker.csv", 4, None, None)
    n = len(uttrekk.kolonner["saker"])
    assert f"raden har {n - 1} felt, men overskriftsraden har {n}" in b.melding


@pytest.mark.parametrize("feil", ["cp1252", "kontrolltegn"])
@pytest.mark.parametrize("stort_felt_i", [2, 3])
def test_felt_over_csv_modulens_grense_etter_anforselstegn_midt_i_et_felt(uttrekk, feil, stort_felt_i):
    """Et anførselstegn midt i et felt (så radene finnes med csv-modulen) og et felt over
    csv-modulens grense: i raden med feilen gir det raden uten celle; foran den kan ikke
    radgrensene etter feltet stoles på, og bruddet gjelder filen. Ingen av delene krasjer."""
    katalog = uttrekk.skriv()
    stort = "x" * 200_000
    rader = [
        f'2023,0491,01,Skjerm 5" bred,1000000.50,300000000,{stort if stort_felt_i == 2 else ""}',
        f"2023,0491,21,{stort if stort_felt_i == 3 else 'Spesielle'},0,12000000.25,sær\x07skilt",
    ]
    _skriv_tildeling(katalog, rader, "\n")
    f = katalog / "tildeling.csv"
    tekst = f.read_text(encoding="utf-8")
    f.write_bytes(tekst.replace("\x07", "").encode("cp1252") if feil == "cp1252" else tekst.encode("utf-8"))
    b = ett_brudd(katalog)
    assert (b.fil, b.rad, b.kolonne, b.verdi) == ("tildeling.csv", None if stort_felt_i == 2 else 3, None, None)
    assert ("0xE6" if feil == "cp1252" else "har kontrolltegnet 0x07") in b.melding
    if feil == "kontrolltegn":
        assert b.melding.startswith("filen" if stort_felt_i == 2 else "raden")
    assert len(str(b)) < 600


def test_mange_rader_med_for_faa_felt_begrenses(uttrekk):
    mal = uttrekk.tabeller["saker"][1]
    uttrekk.tabeller["saker"] = [dict(mal, sak_id=f"S{i}") for i in range(30)]
    katalog = uttrekk.skriv()
    f = katalog / "saker.csv"
    linjer = f.read_text(encoding="utf-8").splitlines()
    f.write_text("\n".join([linjer[0]] + [linje.rsplit(",", 1)[0] for linje in linjer[1:]]) + "\n", encoding="utf-8")
    brudd = brudd_for(katalog)
    assert [b.rad for b in brudd[:MAKS_PER_FEIL]] == list(range(2, MAKS_PER_FEIL + 2))
    assert len(brudd) == MAKS_PER_FEIL + 1
    assert brudd[-1].rad is None and "10 rader til" in brudd[-1].melding


def test_tom_kolonne_uten_navn_bakerst_kreves_ikke(uttrekk):
    katalog = uttrekk.skriv()
    (katalog / "kpi.csv").write_text("ar,indeks,\n2015,100\n2023,133.6,\n", encoding="utf-8")
    u = les_uttrekk(katalog)
    assert u.kpi["indeks"].tolist() == [100.0, 133.6]


def test_semikolon_som_skilletegn(uttrekk):
    katalog = uttrekk.skriv()
    (katalog / "kpi.csv").write_text("ar;indeks\n2015;100\n", encoding="utf-8")
    b = ett_brudd(katalog)
    assert b.fil == "kpi.csv" and "semikolon" in b.melding


# ------------------------------------------------------------------ kolonner og verdier


def test_manglende_pakrevd_kolonne(uttrekk):
    uttrekk.fjern_kolonne("saker", "nasjonalitet")
    b = ett_brudd(uttrekk.skriv())
    assert (b.fil, b.kolonne) == ("saker.csv", "nasjonalitet")
    assert "påkrevd kolonne mangler" in b.melding


def test_kolonne_to_ganger(uttrekk):
    uttrekk.kolonner["kpi"].append("indeks")
    b = ett_brudd(uttrekk.skriv())
    assert (b.fil, b.rad, b.kolonne) == ("kpi.csv", 1, "indeks")


def test_tom_verdi_i_pakrevd_kolonne(uttrekk):
    uttrekk.sett("saker", 4, "person_id", "")
    b = ett_brudd(uttrekk.skriv())
    assert (b.fil, b.rad, b.kolonne, b.verdi) == ("saker.csv", 4, "person_id", None)
    assert "mangler" in b.melding


def test_ugyldig_dato(uttrekk):
    uttrekk.sett("saker", 2, "mottatt_dato", "2023-13-01")
    b = ett_brudd(uttrekk.skriv())
    assert (b.fil, b.rad, b.kolonne, b.verdi) == ("saker.csv", 2, "mottatt_dato", "2023-13-01")
    assert str(b) == "saker.csv, rad 2, kolonne mottatt_dato, verdi «2023-13-01»: ugyldig dato (forventet ÅÅÅÅ-MM-DD)"


@pytest.mark.parametrize("verdi", ["2023-1-5", "05.01.2023", "2023-02-30", "2023-01-05T10:00"])
def test_dato_ma_vaere_iso(uttrekk, verdi):
    uttrekk.sett("uiv", 3, "mottatt_dato", verdi)
    b = ett_brudd(uttrekk.skriv())
    assert (b.fil, b.rad, b.kolonne, b.verdi) == ("uiv.csv", 3, "mottatt_dato", verdi)


def test_mellomrom_rundt_dato_og_enum_godtas(uttrekk):
    uttrekk.sett("saker", 3, "mottatt_dato", " 2022-11-15 ")
    uttrekk.sett("saker", 3, "saksgruppe", "Familieinnvandring ")
    u = les_uttrekk(uttrekk.skriv())
    assert u.saker["mottatt_dato"].iloc[1] == pd.Timestamp("2022-11-15")
    assert u.saker["saksgruppe"].iloc[1] == "Familieinnvandring"


def test_ugyldig_tidspunkt(uttrekk, monkeypatch):
    # Kontrakten har ingen tidspunktkolonne ennå; legg en til i uiv for testen.
    gammel = TABELLER["uiv"]
    monkeypatch.setitem(
        TABELLER, "uiv", Tabell("uiv", gammel.kolonner + (Kolonne("registrert", "tidspunkt"),), gammel.gruppe)
    )
    uttrekk.legg_til_kolonne("uiv", "registrert", "2024-02-01T09:30")
    uttrekk.sett("uiv", 3, "registrert", "2024-02-10T25:00")
    b = ett_brudd(uttrekk.skriv())
    assert (b.fil, b.rad, b.kolonne, b.verdi) == ("uiv.csv", 3, "registrert", "2024-02-10T25:00")
    assert "tidspunkt" in b.melding
    uttrekk.sett("uiv", 3, "registrert", "")
    u = les_uttrekk(uttrekk.skriv())
    assert u.uiv["registrert"].dtype == "datetime64[us]"
    assert u.uiv["registrert"].iloc[0] == pd.Timestamp("2024-02-01 09:30")


@pytest.mark.parametrize(
    "tabell, rad, kolonne, verdi, ord",
    [
        ("arsverk", 3, "ar", "2023.0", "heltall"),
        ("arsverk", 2, "ar", "toåtte", "heltall"),
        ("rettssaker", 2, "dager_i_retten", "2,5", "heltall"),
        ("arsverk", 3, "arsverk", "20,5", "desimaltall"),
        ("kpi", 3, "indeks", "inf", "desimaltall"),
        ("tildeling", 3, "arets_tildelinger", "12000000.255", "mer enn to desimaler"),
        ("regnskap", 2, "belop", "1 000", "ugyldig beløp"),
        ("mellomvaerende", 2, "bokfort", "1e3", "ugyldig beløp"),
    ],
)
def test_ugyldig_tall(uttrekk, tabell, rad, kolonne, verdi, ord):
    uttrekk.sett(tabell, rad, kolonne, verdi)
    b = ett_brudd(uttrekk.skriv())
    assert (b.fil, b.rad, b.kolonne, b.verdi) == (f"{tabell}.csv", rad, kolonne, verdi)
    assert ord in b.melding


def test_ugyldig_bool(uttrekk):
    uttrekk.sett("saker", 5, "ema", "kanskje")
    b = ett_brudd(uttrekk.skriv())
    assert (b.fil, b.rad, b.kolonne, b.verdi) == ("saker.csv", 5, "ema", "kanskje")


def test_bool_skiller_ikke_store_og_sma_bokstaver(uttrekk):
    for rad, verdi in zip((2, 3, 4, 5), ("tRUe", "NEI", "jA", "False")):
        uttrekk.sett("saker", rad, "lengevarende_barn", verdi)
    u = les_uttrekk(uttrekk.skriv())
    assert u.saker["lengevarende_barn"].tolist() == [True, False, True, False]


def test_ukjent_enumverdi(uttrekk):
    uttrekk.sett("saker", 3, "saksgruppe", "Familie")
    b = ett_brudd(uttrekk.skriv())
    assert (b.fil, b.rad, b.kolonne, b.verdi) == ("saker.csv", 3, "saksgruppe", "Familie")
    assert "Familieinnvandring" in b.melding  # lovlige verdier listes


@pytest.mark.parametrize("tabell, kolonne", [("saker", "sak_id"), ("uiv", "uiv_id"), ("rettssaker", "rettssak_id")])
def test_duplikat_i_unik_kolonne_navngir_begge_rader(uttrekk, tabell, kolonne):
    rader = uttrekk.tabeller[tabell]
    rader[-1][kolonne] = rader[0][kolonne]
    b = ett_brudd(uttrekk.skriv())
    siste = len(rader) + 1
    assert (b.fil, b.rad, b.kolonne, b.verdi) == (f"{tabell}.csv", siste, kolonne, rader[0][kolonne])
    assert "rad 2" in b.melding


@pytest.mark.parametrize(
    "tabell, rad, kolonne, verdi", [("arsverk", 3, "arsverk", "-1.5"), ("rettssaker", 2, "dager_i_retten", "-2")]
)
def test_negativ_verdi_der_det_er_forbudt(uttrekk, tabell, rad, kolonne, verdi):
    uttrekk.sett(tabell, rad, kolonne, verdi)
    b = ett_brudd(uttrekk.skriv())
    assert (b.fil, b.rad, b.kolonne, b.verdi) == (f"{tabell}.csv", rad, kolonne, verdi)
    assert "negativ" in b.melding


def test_kpi_ma_vaere_positiv(uttrekk):
    uttrekk.sett("kpi", 2, "indeks", "0")
    b = ett_brudd(uttrekk.skriv())
    assert (b.fil, b.rad, b.kolonne, b.verdi) == ("kpi.csv", 2, "indeks", "0")


# ------------------------------------------------------------------ samlet rapportering


def test_alle_brudd_i_alle_filer_rapporteres_samtidig(uttrekk):
    uttrekk.sett("saker", 3, "mottatt_dato", "2023-13-01")
    uttrekk.sett("arsverk", 2, "enhet", "Ledelsen")
    uttrekk.sett("regnskap", 3, "belop", "12,50")
    katalog = uttrekk.skriv()
    (katalog / "kontoplan.csv").unlink()
    with pytest.raises(Valideringsfeil) as e:
        les_uttrekk(katalog)
    funnet = {(b.fil, b.rad, b.kolonne) for b in e.value.brudd}
    assert funnet == {
        ("saker.csv", 3, "mottatt_dato"),
        ("arsverk.csv", 2, "enhet"),
        ("regnskap.csv", 3, "belop"),
        ("kontoplan.csv", None, None),
    }
    tekst = str(e.value)
    linjer = tekst.splitlines()
    assert "4 brudd" in linjer[0]
    assert len(linjer) == 5
    assert any("verdi «Ledelsen»" in linje for linje in linjer)


def test_mange_feil_begrenses_per_fil_kolonne_og_type(uttrekk):
    mal = uttrekk.tabeller["saker"][1]
    uttrekk.tabeller["saker"] = [dict(mal, sak_id=f"S{i}", mottatt_dato="2022-02-30") for i in range(50)]
    uttrekk.tabeller["saker"][0]["avsluttet_dato"] = "2023-06-31"
    brudd = brudd_for(uttrekk.skriv())
    mottatt = [b for b in brudd if b.kolonne == "mottatt_dato"]
    assert len(mottatt) == MAKS_PER_FEIL + 1
    assert [b.rad for b in mottatt[:3]] == [2, 3, 4]
    assert mottatt[-1].rad is None and "30 rader til" in mottatt[-1].melding
    assert [b.rad for b in brudd if b.kolonne == "avsluttet_dato"] == [2]


def test_valideringsfeil_kastes_ikke_av_valider(uttrekk):
    uttrekk.sett("kpi", 2, "ar", "")
    brudd, advarsler = valider(uttrekk.skriv())
    assert len(brudd) == 1 and advarsler == []


def test_brudd_tekst_uten_rad_og_verdi():
    assert str(Brudd("kpi.csv", None, None, None, "filen mangler")) == "kpi.csv: filen mangler"
    assert str(Brudd("kpi.csv", 3, "ar", None, "verdi mangler")) == "kpi.csv, rad 3, kolonne ar: verdi mangler"


# ------------------------------------------------------------------ uttrekksdato og siste hele år


def _uttrekk_med_datoer(saker: list[str], uiv: list[str] = ()) -> Uttrekk:
    d = lambda xs: pd.to_datetime(pd.Series(list(xs), dtype=object)).astype("datetime64[us]")  # noqa: E731
    s = pd.DataFrame({"mottatt_dato": d(saker), "avsluttet_dato": d([None] * len(saker))})
    u = pd.DataFrame({"mottatt_dato": d(uiv), "avgjort_dato": d([None] * len(uiv))})
    return Uttrekk(tabeller={"saker": s, "uiv": u}, advarsler=[], katalog=Path("."))


@pytest.mark.parametrize(
    "siste, ar",
    [("2024-02-15", 2023), ("2024-01-01", 2023), ("2023-12-31", 2022), ("2023-12-30", 2022), ("2025-01-01", 2024)],
)
def test_siste_hele_ar(siste, ar):
    u = _uttrekk_med_datoer(["2020-05-01", siste])
    assert u.uttrekksdato() == pd.Timestamp(siste)
    assert u.siste_hele_ar() == ar


def test_uttrekksdato_tar_med_uiv_og_avsluttet_dato():
    u = _uttrekk_med_datoer(["2023-12-31"], ["2024-01-01"])
    assert u.siste_hele_ar() == 2023
    u.saker.loc[0, "avsluttet_dato"] = pd.Timestamp("2024-03-01")
    assert u.uttrekksdato() == pd.Timestamp("2024-03-01")


def test_uttrekk_ukjent_tabell_gir_attributeerror():
    u = _uttrekk_med_datoer(["2023-01-01"])
    with pytest.raises(AttributeError):
        u.finnes_ikke  # noqa: B018


# ------------------------------------------------------------------ det som vises av filen (issue 13)
#
# Et brudd viser høyst én celle, kuttet til MAKS_VIST tegn og med kontrolltegn synlige, aldri en
# hel rad (radene har saks- og person-id). Hver test sjekker også at ingen annen celle fra raden
# (sak_id, person_id) står i teksten.

IDER = {r["sak_id"] for r in GYLDIG["saker"]} | {r["person_id"] for r in GYLDIG["saker"]}


def ingen_id(tekst: str) -> None:
    assert not [i for i in IDER if i in tekst], tekst


def test_vis_tekst_kutter_ved_grensen_og_viser_kontrolltegn():
    from arsrapport.innlesing import MAKS_VIST, vis_tekst

    assert MAKS_VIST == 40
    assert vis_tekst("a" * 40) == "a" * 40  # akkurat på grensen: ikke kuttet
    assert vis_tekst("a" * 41) == "a" * 40 + "…"
    assert vis_tekst("x\x00y\r\n\tz\x1b[31m\u202e\u2028") == "x\\x00y\\r\\n\\tz\\x1b[31m\\u202e\\u2028"
    assert vis_tekst("Sør-Sudan, «Øst»") == "Sør-Sudan, «Øst»"  # vanlige tegn står urørt


def test_brudd_viser_en_megabyte_kort(uttrekk):
    """Et felt på 1 MiB i en datokolonne: bruddet har fil, rad, kolonne og de første 40 tegnene."""
    uttrekk.sett("saker", 3, "mottatt_dato", "2" * (1 << 20))
    b = ett_brudd(uttrekk.skriv())
    assert (b.fil, b.rad, b.kolonne) == ("saker.csv", 3, "mottatt_dato")
    assert str(b) == f"saker.csv, rad 3, kolonne mottatt_dato, verdi «{'2' * 40}…»: ugyldig dato (forventet ÅÅÅÅ-MM-DD)"


def test_kontrolltegn_i_et_felt_er_brudd_og_vises_escapet(uttrekk):
    """NUL og en ANSI-kode i nasjonalitet (tekst, ellers gyldig): ett brudd for filen som peker på
    cellen, med antallet kontrolltegn; teksten har dem som \\x00 og \\x1b, ikke rå."""
    uttrekk.sett("saker", 4, "nasjonalitet", "Tyrkia\x00\x1b[2J")
    b = ett_brudd(uttrekk.skriv())
    assert (b.fil, b.rad, b.kolonne, b.verdi) == ("saker.csv", 4, "nasjonalitet", "Tyrkia\x00\x1b[2J")
    assert "0x00 (NUL)" in b.melding and "2 kontrolltegn" in b.melding
    tekst = str(b)
    assert "«Tyrkia\\x00\\x1b[2J»" in tekst
    assert "\x00" not in tekst and "\x1b" not in tekst
    ingen_id(tekst)


def test_kolonnenavn_fra_filen_vises_kort_i_advarselen(uttrekk):
    uttrekk.legg_til_kolonne("kpi", "x" * 5000 + "\x1b[0m", "1")
    _, advarsler = valider(uttrekk.skriv())
    assert advarsler == [f"kpi.csv: ukjent kolonne «{'x' * 40}…» blir ignorert"]


def _skriv_som_excel(fil: Path, skille: str, koding: str = "cp1252") -> None:
    """Skriv CSV-filen om slik norsk Excel lagrer den: ``skille`` mellom feltene, ``koding``."""
    rader = list(csv.reader(fil.read_text(encoding="utf-8").splitlines()))
    with open(fil, "w", encoding=koding, newline="") as f:
        csv.writer(f, delimiter=skille, lineterminator="\r\n").writerows(rader)


def test_semikolon_og_windows_1252_fra_norsk_excel(uttrekk):
    """«CSV (semikolondelt)» fra norsk Excel: ett brudd for filen (rad 1), som sier både
    skilletegnet og tegnkodingen og hvordan filen lagres riktig, og ingenting fra radene."""
    uttrekk.sett("saker", 4, "nasjonalitet", "Sør-Sudan")
    katalog = uttrekk.skriv()
    _skriv_som_excel(katalog / "saker.csv", ";")
    assert b"S\xf8r-Sudan" in (katalog / "saker.csv").read_bytes()
    b = ett_brudd(katalog)
    assert (b.fil, b.rad, b.kolonne, b.verdi) == ("saker.csv", 1, None, None)
    for ord in (
        "semikolon",
        f"{len(uttrekk.kolonner['saker'])} felt",
        "Windows-1252",
        ".xlsx",
        "CSV UTF-8 (kommadelt)",
    ):
        assert ord in b.melding, b.melding
    ingen_id(str(b))
    assert "Sør-Sudan" not in str(b)


def test_semikolon_i_utf8_fil(uttrekk):
    katalog = uttrekk.skriv()
    _skriv_som_excel(katalog / "saker.csv", ";", "utf-8")
    b = ett_brudd(katalog)
    assert (b.fil, b.rad, b.verdi) == ("saker.csv", 1, None)
    assert "semikolon" in b.melding and "Windows-1252" not in b.melding


def test_semikolon_i_radene_men_komma_i_overskriften(uttrekk):
    """Overskriften skrevet for hånd med komma, radene limt inn fra en semikolonfil: ett brudd
    (rad 2), ikke ett «for få felt» per rad."""
    katalog = uttrekk.skriv()
    f = katalog / "saker.csv"
    linjer = f.read_text(encoding="utf-8").splitlines()
    f.write_text(
        "\n".join([linjer[0]] + [";".join(next(csv.reader([x]))) for x in linjer[1:]]) + "\n", encoding="utf-8"
    )
    b = ett_brudd(katalog)
    assert (b.fil, b.rad, b.kolonne, b.verdi) == ("saker.csv", 2, None, None)
    assert "semikolon" in b.melding
    ingen_id(str(b))


def test_semikolon_i_et_tekstfelt_er_ikke_skilletegn(uttrekk):
    uttrekk.sett("saker", 2, "hjemmel", "utl. § 28; § 32; § 35; § 38")
    les_uttrekk(uttrekk.skriv())


def test_tabulatordelt_fil(uttrekk):
    katalog = uttrekk.skriv()
    _skriv_som_excel(katalog / "saker.csv", "\t")
    b = ett_brudd(katalog)
    assert (b.fil, b.rad, b.verdi) == ("saker.csv", 1, None)
    assert "tabulator" in b.melding
    ingen_id(str(b))


def test_utf16_fil(uttrekk):
    """Excel «Unicode-tekst» (UTF-16 med BOM, NUL i annenhver byte): ett brudd som sier det."""
    katalog = uttrekk.skriv()
    f = katalog / "kpi.csv"
    f.write_bytes(f.read_text(encoding="utf-8").encode("utf-16"))
    b = ett_brudd(katalog)
    assert (b.fil, b.rad, b.kolonne, b.verdi) == ("kpi.csv", None, None, None)
    assert "UTF-16" in b.melding and "CSV UTF-8 (kommadelt)" in b.melding


def test_windows_1252_sier_tegnet_og_hvordan_filen_lagres(uttrekk):
    uttrekk.sett("saker", 3, "behandlingstype", "Klage")
    uttrekk.sett("saker", 4, "nasjonalitet", "Sør-Sudan")
    uttrekk.sett("saker", 5, "nasjonalitet", "Côte d'Ivoire")
    katalog = uttrekk.skriv()
    f = katalog / "saker.csv"
    f.write_bytes(f.read_text(encoding="utf-8").encode("cp1252"))
    b = ett_brudd(katalog)
    assert (b.fil, b.rad, b.kolonne, b.verdi) == ("saker.csv", 4, "nasjonalitet", "Sør-Sudan")
    for ord in ("0xF8 («ø» i Windows-1252)", "2 slike steder", "cp1252", "CSV UTF-8 (kommadelt)"):
        assert ord in b.melding, b.melding
    ingen_id(str(b))


def test_windows_1252_i_en_rad_med_feil_antall_felt_viser_ingen_celle(uttrekk):
    """Raden med den ugyldige byten har et felt for mye: «feltet» kan være to celler, så
    verken kolonne eller verdi vises, bare raden."""
    uttrekk.sett("saker", 3, "behandlingstype", "Klage")
    katalog = uttrekk.skriv()
    f = katalog / "saker.csv"
    linjer = f.read_text(encoding="utf-8").split("\n")
    linjer[3] = linjer[3].replace("Tyrkia", "Tyrkia,Sør") + ",000103"
    f.write_bytes("\n".join(linjer).encode("cp1252"))
    b = ett_brudd(katalog)
    assert (b.fil, b.rad, b.kolonne, b.verdi) == ("saker.csv", 4, None, None)
    assert "0xF8" in b.melding
    ingen_id(str(b))


def test_windows_1252_i_et_felt_over_csv_modulens_grense(uttrekk):
    """Et felt lengre enn csv-modulens grense (131 072 tegn): raden, men ikke linjen."""
    uttrekk.sett("saker", 3, "behandlingstype", "Klage")
    uttrekk.sett("saker", 4, "hjemmel", "ø" + "x" * 200_000)
    katalog = uttrekk.skriv()
    f = katalog / "saker.csv"
    f.write_bytes(f.read_text(encoding="utf-8").encode("cp1252"))
    b = ett_brudd(katalog)
    assert (b.fil, b.rad, b.verdi) == ("saker.csv", 4, None)
    assert len(str(b)) < 600
    ingen_id(str(b))


# ------------------------------------------------------------------ datoer fram i tid og før registeret


I_DAG = dt.date(2024, 3, 1)


@pytest.mark.parametrize(
    "tabell, rad, kolonne, verdi, feil",
    [
        ("saker", 5, "mottatt_dato", "2024-03-01", False),  # i dag: lov
        ("saker", 5, "mottatt_dato", "2024-03-02", True),  # i morgen: brudd
        ("saker", 3, "bfe_vurdert", "2024-03-01T23:59", False),
        ("saker", 3, "bfe_vurdert", "2024-03-02T00:00", True),
        ("rettssaker", 3, "innkommet_dato", "2099-01-01", True),
        ("uiv", 2, "avgjort_dato", "2024-03-02", True),
    ],
)
def test_dato_etter_dagens_dato(uttrekk, tabell, rad, kolonne, verdi, feil):
    uttrekk.sett(tabell, rad, kolonne, verdi)
    brudd, _ = valider(uttrekk.skriv(), i_dag=I_DAG)
    if not feil:
        assert brudd == []
        return
    assert [(b.fil, b.rad, b.kolonne, b.verdi) for b in brudd] == [(f"{tabell}.csv", rad, kolonne, verdi)], brudd
    assert "etter dagens dato (2024-03-01)" in brudd[0].melding


def test_en_frist_kan_ligge_fram_i_tid(uttrekk):
    """uiv_frist er en frist (``Kolonne.fremtidig``), ikke noe som har skjedd."""
    uttrekk.sett("saker", 2, "uiv_frist", "2024-03-20T12:00")
    assert valider(uttrekk.skriv(), i_dag=I_DAG) == ([], [])


def test_dato_etter_dagens_dato_uten_i_dag(uttrekk):
    """Standardgrensen er dagens dato."""
    i_morgen = dt.date.today() + dt.timedelta(days=1)
    uttrekk.sett("saker", 5, "mottatt_dato", i_morgen.isoformat())
    b = ett_brudd(uttrekk.skriv())
    assert (b.fil, b.rad, b.kolonne, b.verdi) == ("saker.csv", 5, "mottatt_dato", i_morgen.isoformat())


def test_dato_i_2099_stopper_for_uttrekksdatoen_flyttes(uttrekk):
    """Uten regelen ble uttrekksdatoen 2099-01-01 og rapportåret 2098."""
    uttrekk.sett("saker", 5, "mottatt_dato", "2099-01-01")
    with pytest.raises(Valideringsfeil) as e:
        les_uttrekk(uttrekk.skriv())
    assert [(b.fil, b.rad, b.kolonne, b.verdi) for b in e.value.brudd] == [
        ("saker.csv", 5, "mottatt_dato", "2099-01-01")
    ]


@pytest.mark.parametrize(
    "datoer, advarsel",
    [
        (["2001-01-01", "2022-11-15"], None),  # første dag UNE fantes: ingen advarsel
        (
            ["2000-12-31", "2022-11-15"],
            "saker.csv: 1 rad har mottatt_dato før 01.01.2001, da UNE ble opprettet; sjekk datoene",
        ),
        (
            ["1900-01-01", "1999-06-30"],
            "saker.csv: 2 rader har mottatt_dato før 01.01.2001, da UNE ble opprettet; sjekk datoene",
        ),
    ],
)
def test_dato_for_une_ble_opprettet_gir_advarsel_med_antall(uttrekk, datoer, advarsel):
    uttrekk.sett("saker", 2, "mottatt_dato", datoer[0])
    uttrekk.sett("saker", 3, "mottatt_dato", datoer[1])
    brudd, advarsler = valider(uttrekk.skriv())
    assert brudd == []
    assert advarsler == ([advarsel] if advarsel else [])


# ------------------------------------------------------------------ isolerte siste datoer


def _mange_saker(uttrekk: Uttrekksdata, antall_datoer: int) -> int:
    """Fyll saker med ubehandlede saker, mottatt én per dag fra 2021-05-01, til uttrekket har
    ``antall_datoer`` datoer i kolonnene uttrekksdatoen regnes fra. Gir raden til den siste."""
    # GYLDIG har 4 mottatt + 3 avsluttet i saker og 2 mottatt + 1 avgjort i uiv: 10 datoer
    mal = GYLDIG["saker"][3]  # ubehandlet asylsak
    start = dt.date(2021, 5, 1)
    for i in range(antall_datoer - 10):
        uttrekk.tabeller["saker"].append(
            dict(mal, sak_id=f"N{i:04d}", mottatt_dato=(start + dt.timedelta(days=i)).isoformat())
        )
    return len(uttrekk.tabeller["saker"]) + 1


@pytest.mark.parametrize("dager, feil", [(31, False), (32, True)])
def test_isolert_siste_dato(uttrekk, dager, feil):
    """1 000 datoer; de andre slutter 2024-02-15 (uiv). Den siste saken mottatt 31 dager etter er
    lov, 32 dager etter et brudd: den ville flyttet uttrekksdatoen."""
    rad = _mange_saker(uttrekk, 1000)
    dato = (dt.date(2024, 2, 15) + dt.timedelta(days=dager)).isoformat()
    uttrekk.sett("saker", rad, "mottatt_dato", dato)
    brudd, _ = valider(uttrekk.skriv(), i_dag=dt.date(2030, 1, 1))
    if not feil:
        assert brudd == []
        return
    assert [(b.fil, b.rad, b.kolonne, b.verdi) for b in brudd] == [("saker.csv", rad, "mottatt_dato", dato)]
    assert "mer enn 31 dager" in brudd[0].melding and "2024-02-15" in brudd[0].melding


def test_flere_isolerte_datoer_alle_etter_hoppet(uttrekk):
    """To skrivefeil (2025 og 2026): begge er brudd, og den siste «ekte» datoen er 2024-02-15."""
    rad = _mange_saker(uttrekk, 1000)
    uttrekk.sett("saker", rad, "mottatt_dato", "2026-02-01")
    uttrekk.sett("saker", rad - 1, "mottatt_dato", "2025-02-01")
    brudd, _ = valider(uttrekk.skriv(), i_dag=dt.date(2030, 1, 1))
    assert [(b.rad, b.verdi) for b in brudd] == [(rad - 1, "2025-02-01"), (rad, "2026-02-01")]


def test_isolerte_datoer_kontrolleres_ikke_med_under_1000_datoer(uttrekk):
    rad = _mange_saker(uttrekk, 999)
    uttrekk.sett("saker", rad, "mottatt_dato", "2026-02-01")
    assert valider(uttrekk.skriv(), i_dag=dt.date(2030, 1, 1))[0] == []
