"""Kontrollen av prioporteføljen: advarsler om merkehistorikken (antall saker, aldri saks-id),
brudd når en sak i ``prioritet`` ikke finnes i ``saker``, og reglene for de nye kolonnene i
``saker``."""

from __future__ import annotations

import datetime as dt
import shutil

import numpy as np
import pandas as pd
import pytest

from arsrapport.grunn.config import PROSJEKTROT
from arsrapport.innlesing import DATOTYPE, TEKSTTYPE, valider
from arsrapport.maal import prioritet as p

DATA = PROSJEKTROT / "data"
T = pd.Timestamp


def saker(*rader: dict) -> pd.DataFrame:
    """Saker med kontraktens typer; utelatte felt er tomme (bool: usann)."""
    tekst = ("sak_id", "saksgruppe", "asylspor", "avslutning", "utfall")
    tid = ("avsluttet_dato", "vedtak_tidspunkt", "bfe_vurdert", "uiv_frist", "uiv_begjaering", "uiv_avgjort")
    sann = ("ema", "under_18_ved_vedtak", "prosedyre_48t", "aapenbart_grunnlos")
    df = pd.DataFrame({k: [r.get(k) for r in rader] for k in tekst + tid + sann})
    for k in tekst:
        df[k] = df[k].astype(object).astype(TEKSTTYPE)
    for k in tid:
        df[k] = pd.to_datetime(df[k]).astype(DATOTYPE)
    for k in sann:
        df[k] = df[k].fillna(False).astype(bool)
    return df


def merking(*rader: tuple) -> pd.DataFrame:
    """(sak_id, tidspunkt, kode, meldt_av)"""
    df = pd.DataFrame(list(rader), columns=["sak_id", "tidspunkt", "kode", "meldt_av"])
    df["tidspunkt"] = pd.to_datetime(df["tidspunkt"]).astype(DATOTYPE)
    for k in ("sak_id", "kode", "meldt_av"):
        df[k] = df[k].astype(object).astype(TEKSTTYPE)
    return df


ASYL = dict(saksgruppe="Asyl", asylspor="Realitet", avslutning="Vedtak", utfall="Ikke omgjort")


def test_ren_historikk_gir_ingen_advarsler():
    s = saker(dict(ASYL, sak_id="A", avsluttet_dato="2023-03-10", vedtak_tidspunkt="2023-03-10 12:00"))
    m = merking(
        ("A", "2023-03-01 09:00", "PP", "PU"),
        ("A", "2023-03-02 09:00", "UM", None),
        ("A", "2023-03-03 09:00", "PP", "PU"),
    )
    assert p.advarsler(m, s) == []


def test_advarsler_teller_saker_og_nevner_ingen_id():
    s = saker(
        dict(ASYL, sak_id="SAK-UM1", avsluttet_dato="2023-03-10"),
        dict(ASYL, sak_id="SAK-UM2", avsluttet_dato="2023-03-10"),
        dict(ASYL, sak_id="SAK-ETTER", avsluttet_dato="2023-03-10", vedtak_tidspunkt="2023-03-10 12:00"),
        dict(ASYL, sak_id="SAK-DUBLIN", asylspor="Dublin", avsluttet_dato="2023-03-10"),
        dict(ASYL, sak_id="SAK-48T", prosedyre_48t=True, avsluttet_dato="2023-03-10"),
        dict(ASYL, sak_id="SAK-EMA", ema=True, avsluttet_dato="2023-03-10", bfe_vurdert="2023-03-02 10:00"),
        dict(ASYL, sak_id="SAK-EMA-OK", ema=True, avsluttet_dato="2023-03-10", bfe_vurdert="2023-03-01 10:00"),
        dict(
            sak_id="SAK-UTV",
            saksgruppe="Utvisning",
            avslutning="Vedtak",
            utfall="Ikke omgjort",
            avsluttet_dato="2023-03-10",
        ),
    )
    m = merking(
        ("SAK-UM1", "2023-03-01 09:00", "UM", None),  # UM først
        ("SAK-UM2", "2023-03-01 09:00", "PP", "PU"),
        ("SAK-UM2", "2023-03-02 09:00", "UM", None),
        ("SAK-UM2", "2023-03-03 09:00", "UM", None),  # UM etter UM
        ("SAK-ETTER", "2023-03-10 12:01", "PP", "PU"),  # ett minutt etter vedtaket
        ("SAK-DUBLIN", "2023-03-01 09:00", "PP", "PU"),
        ("SAK-48T", "2023-03-01 09:00", "PP", "PU"),
        ("SAK-EMA", "2023-03-01 09:00", "PP", "Mottak"),  # før BFE vurderte
        ("SAK-EMA-OK", "2023-03-01 10:00", "PP", "Mottak"),  # samme minutt: lov
        ("SAK-UTV", "2023-03-01 09:00", "PP", "PU"),
    )
    ut = p.advarsler(m, s)
    assert ut == [
        "prioritet.csv: 2 saker har UM (uten merking) uten at saken var merket PP like før",
        "prioritet.csv: 1 sak har endringer i merkingen etter vedtaket i saken",
        "prioritet.csv: 4 saker er merket PP selv om rundskrivet holder dem utenfor prioporteføljen "
        "(ikke en asylsak: 1, Dublinsak: 1, i 48-timersprosedyren: 1, "
        "mindreårig uten at Barnefaglig enhet hadde vurdert saken: 1)",
    ]
    assert not any("SAK-" in a for a in ut)


def test_hendelse_samme_minutt_som_vedtaket_er_ikke_etter():
    s = saker(dict(ASYL, sak_id="A", avsluttet_dato="2023-03-10", vedtak_tidspunkt="2023-03-10 12:00"))
    assert p.advarsler(merking(("A", "2023-03-10 12:00", "PP", "PU")), s) == []


def test_uten_vedtakstidspunkt_gjelder_hele_vedtaksdagen():
    s = saker(dict(ASYL, sak_id="A", avsluttet_dato="2023-03-10"))
    assert p.advarsler(merking(("A", "2023-03-10 18:00", "PP", "PU")), s) == []
    assert len(p.advarsler(merking(("A", "2023-03-11 08:00", "PP", "PU")), s)) == 1


def test_tom_merking_gir_ingen_advarsler():
    s = saker(dict(ASYL, sak_id="A", avsluttet_dato="2023-03-10"))
    assert p.advarsler(merking(), s) == []


# ------------------------------------------------------------------ på det medfølgende uttrekket


def test_medfolgende_uttrekk_gir_advarsler_med_antall():
    brudd, advarsler = valider(DATA)
    assert brudd == []
    om_merking = [a for a in advarsler if a.startswith("prioritet.csv")]
    assert len(om_merking) == 3
    ider = set(pd.read_csv(DATA / "prioritet.csv", dtype=str)["sak_id"])
    assert not any(i in a for a in om_merking for i in ider)


@pytest.fixture
def kopi(tmp_path):
    ut = tmp_path / "data"
    shutil.copytree(DATA, ut)
    return ut


def _les(fil):
    return pd.read_csv(fil, dtype=str, keep_default_na=False)


def _skriv(df, fil):
    df.to_csv(fil, index=False, lineterminator="\n")


def test_sak_som_ikke_finnes_i_saker_er_et_brudd(kopi):
    m = _les(kopi / "prioritet.csv")
    m.loc[4, "sak_id"] = "2099-999999"  # rad 6 i regnearket
    _skriv(m, kopi / "prioritet.csv")
    brudd, _ = valider(kopi)
    assert [(b.fil, b.rad, b.kolonne, b.verdi) for b in brudd] == [("prioritet.csv", 6, "sak_id", "2099-999999")]
    assert "finnes ikke i saker.csv" in brudd[0].melding


def test_brudd_i_saker_gir_ingen_folgefeil_i_prioritet(kopi):
    """En sak med en ugyldig dato er fortsatt en kjent sak for prioritet.csv."""
    m = _les(kopi / "prioritet.csv")
    s = _les(kopi / "saker.csv")
    rad = int(np.flatnonzero(s["sak_id"] == m.loc[0, "sak_id"])[0])
    s.loc[rad, "mottatt_dato"] = "i går"
    _skriv(s, kopi / "saker.csv")
    brudd, _ = valider(kopi)
    assert [(b.fil, b.rad, b.kolonne) for b in brudd] == [("saker.csv", rad + 2, "mottatt_dato")]


def test_ugyldig_kode_og_tidspunkt(kopi):
    m = _les(kopi / "prioritet.csv")
    m.loc[0, "kode"] = "XX"
    m.loc[1, "tidspunkt"] = "2023-13-01T10:00"
    m.loc[2, "meldt_av"] = "Naboen"
    _skriv(m, kopi / "prioritet.csv")
    brudd, _ = valider(kopi)
    assert {(b.fil, b.rad, b.kolonne) for b in brudd} == {
        ("prioritet.csv", 2, "kode"),
        ("prioritet.csv", 3, "tidspunkt"),
        ("prioritet.csv", 4, "meldt_av"),
    }


def _sak_med_frist(s: pd.DataFrame) -> int:
    return int(np.flatnonzero((s["uiv_avgjort"] != "") & (s["aapenbart_grunnlos"] == "true"))[0])


@pytest.mark.parametrize(
    "kolonne, verdi, melding",
    [
        ("vedtak_tidspunkt", "2020-01-01T10:00", "annen dato enn avsluttet_dato"),
        ("uiv_frist", "2000-01-01T10:00", "uiv_frist er før vedtak_tidspunkt"),
        ("uiv_avgjort", "2000-01-01T10:00", "uiv_avgjort er før"),
        ("utfall", "Omgjort", "aapenbart_grunnlos er sann, men saken er ikke avslått"),
    ],
)
def test_regler_for_de_nye_kolonnene_i_saker(kopi, kolonne, verdi, melding):
    s = _les(kopi / "saker.csv")
    i = _sak_med_frist(s)
    s.loc[i, kolonne] = verdi
    _skriv(s, kopi / "saker.csv")
    brudd, _ = valider(kopi)
    assert any(b.fil == "saker.csv" and b.rad == i + 2 and melding in b.melding for b in brudd), "\n".join(
        map(str, brudd)
    )


def test_uiv_kolonner_krever_vedtakstidspunkt(kopi):
    s = _les(kopi / "saker.csv")
    i = _sak_med_frist(s)
    s.loc[i, "vedtak_tidspunkt"] = ""
    _skriv(s, kopi / "saker.csv")
    brudd, _ = valider(kopi)
    assert {b.kolonne for b in brudd if b.rad == i + 2} == {"uiv_frist", "uiv_begjaering", "uiv_avgjort"}


def test_tidspunktene_leses_med_klokkeslett(medfolgende_uttrekk):
    u = medfolgende_uttrekk
    t = u.prioritet["tidspunkt"]
    assert str(t.dtype) == DATOTYPE and (t.dt.hour > 0).any()
    assert str(u.saker["vedtak_tidspunkt"].dtype) == DATOTYPE


def test_data_har_frister_over_paske_og_jul(medfolgende_uttrekk):
    u = medfolgende_uttrekk
    s = u.saker.loc[u.saker["uiv_frist"].notna()]
    ag = s.loc[s["aapenbart_grunnlos"]]
    over_paske = [
        (v, f)
        for v, f in zip(ag["vedtak_tidspunkt"], ag["uiv_frist"])
        if v.year == 2023 and v.date() <= dt.date(2023, 4, 5) and f.date() >= dt.date(2023, 4, 11)
    ]
    assert over_paske
    ordinaer = s.loc[~s["aapenbart_grunnlos"]]
    over_jul = [f for f in ordinaer["uiv_frist"] if f.month == 12 and f.day == 27]
    assert over_jul
