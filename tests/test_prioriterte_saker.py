"""Kapitlet «Prioriterte saker» på et lite håndlaget sett saker, med svarene regnet for hånd.

Sakene (alle asylsaker; «Realitet» og voksen der ikke annet står):

A  PP 29.3.2023 09:00 (PU); vedtak onsdag 5.4. 14:00, avslått som åpenbart grunnløs.
   Arbeidsdager etter 29.3. til og med 5.4.: 30.3., 31.3., 3.4., 4.4., 5.4. = 5 → innen målet.
   Frist satt 12.4. 14:00 = regelen (påsken 6.–10.4.) → lik. Begjæring 11.4., avgjort 12.4.
   15:00, nøyaktig en time etter fristen → innen en time.
B  PP 2.3. (lokalt politi); vedtak fredag 10.3. 15:30, åpenbart grunnløs.
   3., 6., 7., 8., 9., 10.3. = 6 → ikke innen. Frist tirsdag 14.3. 15:30 = regelen → lik.
   Begjæring 13.3., avgjort 14.3. 16:31, 61 minutter etter → ikke innen en time.
C  PP torsdag 25.5. (mottak); vedtak torsdag 1.6. 10:00, åpenbart grunnløs.
   26.5., (29.5. er 2. pinsedag), 30.5., 31.5., 1.6. = 4 → innen. Regelen gir mandag 5.6.
   10:00; satt fredag 2.6. 10:00 → kortere. Ingen begjæring.
D  PP mandag 27.11. (PU); vedtak mandag 4.12. 11:00, ordinært avslag.
   28., 29., 30.11., 1.12., 4.12. = 5 → innen. Tre uker = 25.12. → 27.12. (jul); satt 27.12.
   23:59 → lik.
E  PP 1.9. (ASA), UM 5.9., PP igjen 11.9. 10:00; vedtak fredag 15.9. 12:00, ordinært avslag.
   Merkingen som gjaldt ved vedtaket startet 11.9.: 12., 13., 14., 15.9. = 4 → innen.
   Tre uker = fredag 6.10.; satt 9.10. → lengre. Merket i året med melder ASA (første PP i
   året, 1.9.) og tatt ut igjen (UM 5.9. kom etter den).
F  PP 2.10. (RMA), UM 5.10.; vedtak 20.10. (omgjort): tatt ut igjen, ikke prioritert ved
   vedtaket.
G  Dublinsak. PP 8.8. 09:00 uten melder; vedtak 10.8. 09:00. Prioritert ved vedtaket (9.8.,
   10.8. = 2 → innen), men utenfor regelverket (avvik). Ingen frist.
H  PP 20.12. (PU); ikke avgjort.
I  PP tirsdag 1.11.2022 (PU); vedtak torsdag 10.11.2022: bare med i 2022. 2., 3., 4., 7., 8.,
   9., 10.11. = 7 → ikke innen; tre uker = torsdag 1.12., satt 1.12. → lik.
J  UM 2.5.2023 uten PP; vedtak 5.5. → avvik «UM uten PP», ikke merket.
K  vedtak 1.2.2023 (bare avsluttet_dato: vedtaket gjelder hele dagen); PP 10.2. (PU) →
   avvik «etter vedtaket»; merket i året, ikke prioritert ved vedtaket.

For 2023: merket A B C D E F G H K = 9 (PU: A D H K = 4; lokalt politi B; mottak C; ASA E;
RMA F; ikke oppgitt G); tatt ut E F = 2. Prioriterte vedtak A B C D E G = 6; innen fem
arbeidsdager A C D E G = 5; snitt (5 + 6 + 4 + 5 + 4 + 2) / 6 = 26/6. Åpenbart grunnløse
A B C = 3 (halvparten). Frister satt A B C D E = 5: åpenbart grunnløse lik 2 (A B), kortere 1
(C), lengre 0; ordinære lik 1 (D), lengre 1 (E); i alt lik 3, kortere 1, lengre 1.
Begjæringer A B = 2, innen en time 1 (A). Avvik: UM uten PP 1 (J), etter vedtaket 1 (K),
utenfor regelverket 1 (G); 3 saker i alt.
"""

from __future__ import annotations

import pytest
from test_prioritet_kontroll import merking, saker

from arsrapport.kapitler import prioriterte_saker as ps
from arsrapport.utdata.tallkatalog import katalog

AG = dict(saksgruppe="Asyl", asylspor="Realitet", avslutning="Vedtak", utfall="Ikke omgjort")

SAKER = saker(
    dict(
        AG,
        sak_id="A",
        avsluttet_dato="2023-04-05",
        vedtak_tidspunkt="2023-04-05 14:00",
        aapenbart_grunnlos=True,
        uiv_frist="2023-04-12 14:00",
        uiv_begjaering="2023-04-11 10:00",
        uiv_avgjort="2023-04-12 15:00",
    ),
    dict(
        AG,
        sak_id="B",
        avsluttet_dato="2023-03-10",
        vedtak_tidspunkt="2023-03-10 15:30",
        aapenbart_grunnlos=True,
        uiv_frist="2023-03-14 15:30",
        uiv_begjaering="2023-03-13 09:00",
        uiv_avgjort="2023-03-14 16:31",
    ),
    dict(
        AG,
        sak_id="C",
        avsluttet_dato="2023-06-01",
        vedtak_tidspunkt="2023-06-01 10:00",
        aapenbart_grunnlos=True,
        uiv_frist="2023-06-02 10:00",
    ),
    dict(
        AG, sak_id="D", avsluttet_dato="2023-12-04", vedtak_tidspunkt="2023-12-04 11:00", uiv_frist="2023-12-27 23:59"
    ),
    dict(
        AG, sak_id="E", avsluttet_dato="2023-09-15", vedtak_tidspunkt="2023-09-15 12:00", uiv_frist="2023-10-09 23:59"
    ),
    dict(AG, sak_id="F", avsluttet_dato="2023-10-20", vedtak_tidspunkt="2023-10-20 10:00", utfall="Omgjort"),
    dict(AG, sak_id="G", asylspor="Dublin", avsluttet_dato="2023-08-10", vedtak_tidspunkt="2023-08-10 09:00"),
    dict(saksgruppe="Asyl", asylspor="Realitet", sak_id="H"),
    dict(
        AG, sak_id="I", avsluttet_dato="2022-11-10", vedtak_tidspunkt="2022-11-10 10:00", uiv_frist="2022-12-01 23:59"
    ),
    dict(AG, sak_id="J", avsluttet_dato="2023-05-05", vedtak_tidspunkt="2023-05-05 10:00"),
    dict(AG, sak_id="K", avsluttet_dato="2023-02-01"),
)
MERKING = merking(
    ("A", "2023-03-29 09:00", "PP", "PU"),
    ("B", "2023-03-02 09:00", "PP", "Lokalt politi"),
    ("C", "2023-05-25 08:00", "PP", "Mottak"),
    ("D", "2023-11-27 09:00", "PP", "PU"),
    ("E", "2023-09-01 09:00", "PP", "ASA"),
    ("E", "2023-09-05 09:00", "UM", None),
    ("E", "2023-09-11 10:00", "PP", "ASA"),
    ("F", "2023-10-02 09:00", "PP", "RMA"),
    ("F", "2023-10-05 09:00", "UM", None),
    ("G", "2023-08-08 09:00", "PP", None),
    ("H", "2023-12-20 09:00", "PP", "PU"),
    ("I", "2022-11-01 09:00", "PP", "PU"),
    ("J", "2023-05-02 09:00", "UM", None),
    ("K", "2023-02-10 09:00", "PP", "PU"),
)


@pytest.fixture(scope="module")
def f():
    return ps.figurer_fra_tabeller(MERKING, SAKER, 2023)


def test_merket_og_tatt_ut_etter_melder(f):
    a = f[2023]
    assert a["prioritet.merket"] == 9
    assert {
        m: a[f"prioritet.merket.meldt_av.{m}"]
        for m in ("pu", "lokalt_politi", "mottak", "opa", "rma", "asa", "ikke_oppgitt")
    } == dict(pu=4, lokalt_politi=1, mottak=1, opa=0, rma=1, asa=1, ikke_oppgitt=1)
    assert a["prioritet.tatt_ut"] == 2
    assert a["prioritet.tatt_ut.meldt_av.asa"] == 1 and a["prioritet.tatt_ut.meldt_av.rma"] == 1
    assert (
        sum(a[f"prioritet.tatt_ut.meldt_av.{m}"] for m in ("pu", "lokalt_politi", "mottak", "opa", "ikke_oppgitt")) == 0
    )
    assert a["prioritet.andel_tatt_ut"] == pytest.approx(2 / 9)


def test_fem_arbeidsdager(f):
    a = f[2023]
    assert a["prioritet.vedtak"] == 6
    assert a["prioritet.innen_5_arbeidsdager"] == 5
    assert a["prioritet.andel_innen_5_arbeidsdager"] == pytest.approx(5 / 6)
    assert a["prioritet.arbeidsdager_snitt"] == pytest.approx(26 / 6)


def test_apenbart_grunnlose(f):
    assert f[2023]["prioritet.aapenbart_grunnlos"] == 3
    assert f[2023]["prioritet.andel_aapenbart_grunnlos"] == pytest.approx(0.5)


def test_frister_mot_regelen(f):
    a = f[2023]
    assert a["prioritet.frist.satt"] == 5
    assert [a[f"prioritet.frist.aapenbart_grunnlos.{u}"] for u in ("lik", "kortere", "lengre")] == [2, 1, 0]
    assert [a[f"prioritet.frist.ordinaer.{u}"] for u in ("lik", "kortere", "lengre")] == [1, 0, 1]
    assert [a[f"prioritet.frist.{u}"] for u in ("lik", "kortere", "lengre")] == [3, 1, 1]
    assert a["prioritet.frist.aapenbart_grunnlos.andel_kortere"] == pytest.approx(1 / 3)
    assert a["prioritet.frist.andel_lik"] == pytest.approx(3 / 5)


def test_en_time(f):
    a = f[2023]
    assert (a["prioritet.uiv.begjaeringer"], a["prioritet.uiv.innen_en_time"]) == (2, 1)
    assert a["prioritet.uiv.andel_innen_en_time"] == pytest.approx(0.5)


def test_avvik(f):
    a = f[2023]
    assert (
        a["prioritet.avvik.um_uten_pp"],
        a["prioritet.avvik.etter_vedtak"],
        a["prioritet.avvik.utenfor_regelverket"],
    ) == (1, 1, 1)
    assert a["prioritet.avvik"] == 3


def test_aret_for(f):
    a = f[2022]
    assert (a["prioritet.merket"], a["prioritet.vedtak"], a["prioritet.innen_5_arbeidsdager"]) == (1, 1, 0)
    assert a["prioritet.arbeidsdager_snitt"] == 7
    assert a["prioritet.frist.ordinaer.lik"] == 1
    assert a["prioritet.avvik"] == 0
    # et år uten prioriterte vedtak: antall 0, andeler mangler (ikke 0)
    assert f[2021]["prioritet.vedtak"] == 0 and "prioritet.andel_innen_5_arbeidsdager" not in f[2021]


def test_tabellene(f):
    tab = ps.tabeller_fra_figurer(f, 2023)
    nokkel = tab["tab-prioritet-nokkeltall"].set_index("Mål")
    assert list(nokkel.columns) == ["2021", "2022", "2023"]
    assert nokkel.loc["Saker merket PP i året", "2023"] == 9
    meldt = tab["tab-prioritet-meldt-av"].set_index("Meldt av")
    assert meldt.loc["Sum", "Merket 2023"] == 9 and meldt.loc["Sum", "Tatt ut 2023"] == 2
    assert meldt.loc["Ikke oppgitt", "Merket 2023"] == 1
    frister = tab["tab-prioritet-frister"].set_index("Frist")
    assert frister.loc["Sum"].tolist() == [3, 1, 1, 5]
    boka = ps.for_boka(tab)
    assert set(boka) == {"tab-prioritet-nokkeltall", "tab-prioritet-meldt-av", "tab-prioritet-frister"}
    vist = boka["tab-prioritet-nokkeltall"].set_index("Mål")
    assert vist.loc["Vedtak innen fem arbeidsdager fra merking", "2023"] == "83,3\u00a0%"
    assert vist.loc["Arbeidsdager fra merking til vedtak (snitt)", "2023"] == "4,3"
    assert vist.loc["Vedtak innen fem arbeidsdager fra merking", "2021"] == "–"


def test_tekstene_i_boka():
    k = katalog()
    assert k.tekst("prioritet.andel_innen_5_arbeidsdager", 5 / 6) == "83,3\u00a0%"
    assert k.tekst("prioritet.arbeidsdager_snitt", 26 / 6) == "4,3"
    assert k.tekst("prioritet.uiv.andel_innen_en_time", 0.5) == "50,0\u00a0%"
    assert k.tekst("prioritet.merket", 9) == "9"
    assert k.tekst("prioritet.frist.ordinaer.andel_lengre", 0.25) == "25,0\u00a0%"
    assert k.tekst("prioritet.merket.meldt_av.pu", 1234) == "1\u00a0234"


def test_ingen_merking():
    tom = MERKING.iloc[:0]
    f = ps.figurer_fra_tabeller(tom, SAKER, 2023)
    assert f[2023]["prioritet.merket"] == 0 and f[2023]["prioritet.vedtak"] == 0
    assert ps.tabeller_fra_figurer(f, 2023)["tab-prioritet-frister"]["Sum"].tolist() == [0, 0, 0]


def test_kapitlet_pa_det_medfolgende_uttrekket(figurer):
    """Tallene bygget limte, finnes for rapportåret og årene før, og henger sammen."""
    a = figurer[2023]
    assert a["prioritet.merket"] == sum(
        a[f"prioritet.merket.meldt_av.{m}"] for m in (*ps.MELDER_ID.values(), ps.IKKE_OPPGITT)
    )
    assert a["prioritet.frist.satt"] == sum(a[f"prioritet.frist.{u}"] for u in ("lik", "kortere", "lengre"))
    assert 0 < a["prioritet.andel_innen_5_arbeidsdager"] < 1
    assert {2021, 2022} <= {ar for ar in figurer if "prioritet.merket" in figurer[ar]}
    assert not any(k.startswith("prioritet.") for ar in figurer if ar < 2021 for k in figurer[ar])
