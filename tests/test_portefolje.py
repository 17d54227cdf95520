"""Porteføljetallene (3.2.3–3.2.10, Del VII pkt. 6) på et lite håndlaget register; hvert svar
er regnet for hånd i kommentarene. Grensene: vedtak 31.12., mottatt 31.12., eldre enn ett år
(366 dager er over, 365 er ikke; en sak på nøyaktig 365 dager ved hvert av de to årsskiftene).
Til slutt sammenlignes porteføljetallene med målene i ``saksbehandling`` på tilfeldige registre
med mange saker på grensene."""

from __future__ import annotations

import pandas as pd
import pytest
from typede_tabeller import typet_tabell

from arsrapport.maal import portefolje
from arsrapport.maal import saksbehandling as sb

KOL = (
    "sak_id",
    "person_id",
    "familie_id",
    "saksgruppe",
    "sakstype",
    "behandlingstype",
    "asylspor",
    "mottatt_dato",
    "avslutning",
    "avsluttet_dato",
    "avgjorelsesform",
    "utfall",
    "nasjonalitet",
    "hjemmel",
    "ema",
    "under_18_ved_vedtak",
    "barnefamilie",
    "lengevarende_barn",
    "tilknyttet_utvisning",
)
DATO = ("mottatt_dato", "avsluttet_dato")
V, H, KL, OM = "Vedtak", "Henlagt", "Klage", "Omgjøringsanmodning"
B = "Beskyttelse"
F = False

RADER = [
    # asyl, realitet, klager
    (
        "R1",
        "P1",
        None,
        "Asyl",
        B,
        KL,
        "Realitet",
        "2023-01-01",
        V,
        "2023-04-11",
        "NL",
        "Omgjort",
        "Iran",
        "utl. § 28",
        F,
        F,
        F,
        F,
        F,
    ),  # 100 d
    (
        "R2",
        "P2",
        None,
        "Asyl",
        B,
        KL,
        "Realitet",
        "2022-12-01",
        V,
        "2023-12-31",
        "NMP",
        "Ikke omgjort",
        "Iran",
        "utl. § 28",
        F,
        F,
        F,
        F,
        F,
    ),  # 395 d, vedtak 31.12.
    (
        "R3",
        "P3",
        None,
        "Asyl",
        B,
        KL,
        "Realitet",
        "2023-12-31",
        None,
        None,
        None,
        None,
        "Irak",
        "utl. § 28",
        F,
        F,
        F,
        F,
        F,
    ),  # mottatt 31.12., alder 0
    (
        "R4",
        "P4",
        None,
        "Asyl",
        B,
        KL,
        "Realitet",
        "2021-12-30",
        None,
        None,
        None,
        None,
        "Irak",
        "utl. § 28",
        F,
        F,
        F,
        F,
        F,
    ),  # 366 d ved D0: over ett år
    (
        "R5",
        "P5",
        None,
        "Asyl",
        B,
        KL,
        "Realitet",
        "2022-01-01",
        H,
        "2023-03-01",
        None,
        None,
        "Irak",
        "utl. § 28",
        F,
        F,
        F,
        F,
        F,
    ),  # 364 d ved D0, henlagt
    # asyl, Dublin og trygt tredjeland, klager
    (
        "D1",
        "P6",
        None,
        "Asyl",
        B,
        KL,
        "Dublin",
        "2023-02-01",
        V,
        "2023-03-03",
        "SEK",
        "Ikke omgjort",
        "Ukraina",
        "utl. § 28",
        True,
        True,
        F,
        F,
        F,
    ),  # 30 d
    (
        "D2",
        "P6",
        None,
        "Asyl",
        B,
        KL,
        "Trygt tredjeland",
        "2023-03-01",
        V,
        "2023-03-11",
        "NL",
        "Delvis omgjort",
        "Ukraina",
        "utl. § 28",
        True,
        F,
        F,
        F,
        F,
    ),  # 10 d
    # asyl, realitet, anmodninger (barnefamilie, lengeværende barn)
    (
        "O1",
        "P7",
        "F1",
        "Asyl",
        B,
        OM,
        "Realitet",
        "2022-06-01",
        V,
        "2023-06-01",
        "NUP",
        "Omgjort",
        "Iran",
        "utl. § 28",
        F,
        F,
        True,
        True,
        F,
    ),  # 365 d
    (
        "O2",
        "P8",
        "F1",
        "Asyl",
        B,
        OM,
        "Realitet",
        "2023-05-01",
        V,
        "2023-06-01",
        "NL",
        "Ikke omgjort",
        "Iran",
        "utl. § 28",
        F,
        F,
        True,
        F,
        F,
    ),  # 31 d
    # tilbakekall: § 63, § 37 og statsborgerskap
    (
        "T1",
        "P9",
        None,
        "Tilbakekall",
        "Tilbakekall utl. § 63",
        KL,
        None,
        "2023-01-01",
        V,
        "2023-01-21",
        "NL",
        "Omgjort",
        "Somalia",
        "utl. § 63",
        F,
        F,
        F,
        F,
        True,
    ),  # 20 d
    (
        "T2",
        "P10",
        None,
        "Tilbakekall",
        "Opphør utl. § 37",
        OM,
        None,
        "2023-01-01",
        V,
        "2023-01-31",
        "NMP",
        "Ikke omgjort",
        "Somalia",
        "utl. § 63 jf. § 66",
        F,
        F,
        F,
        F,
        F,
    ),  # 30 d
    (
        "T3",
        "P11",
        None,
        "Tilbakekall",
        "Tilbakekall statsborgerskap",
        KL,
        None,
        "2022-12-30",
        None,
        None,
        None,
        None,
        "Eritrea",
        "stbl. § 26",
        F,
        F,
        F,
        F,
        F,
    ),  # 1 / 366 d
    # arbeid/opphold
    (
        "A1",
        "P12",
        None,
        "Arbeid/opphold",
        "EØS",
        KL,
        None,
        "2022-12-31",
        V,
        "2023-01-01",
        "SEK",
        "Ikke omgjort",
        "Polen",
        None,
        F,
        F,
        F,
        F,
        F,
    ),  # 1 d, mottatt 31.12.2022
    (
        "A2",
        "P13",
        None,
        "Arbeid/opphold",
        "Arbeid",
        KL,
        None,
        "2024-01-02",
        None,
        None,
        None,
        None,
        "India",
        None,
        F,
        F,
        F,
        F,
        F,
    ),  # etter året
    # familieinnvandring: nøyaktig 365 dager gammel ved hvert årsskifte (ikke over ett år)
    (
        "G1",
        "P14",
        None,
        "Familieinnvandring",
        "Familieinnvandring",
        KL,
        None,
        "2021-12-31",
        H,
        "2023-06-30",
        None,
        None,
        "Pakistan",
        None,
        F,
        F,
        F,
        F,
        F,
    ),  # 365 d ved 31.12.2022, henlagt 2023
    (
        "G2",
        "P15",
        None,
        "Familieinnvandring",
        "Familieinnvandring",
        KL,
        None,
        "2022-12-31",
        None,
        None,
        None,
        None,
        "Pakistan",
        None,
        F,
        F,
        F,
        F,
        F,
    ),  # mottatt 31.12.2022: 0 d ved 31.12.2022, 365 d ved 31.12.2023
]


FLAGG = ("ema", "under_18_ved_vedtak", "barnefamilie", "lengevarende_barn", "tilknyttet_utvisning")


def register(ekstra: list[tuple] | None = None) -> pd.DataFrame:
    """Registeret med innlesingens typer (flaggene som bool), med radene i ``ekstra`` til slutt."""
    rader = RADER + list(ekstra or [])
    df = typet_tabell(KOL, rader, DATO)
    for k in FLAGG:
        df[k] = [r[KOL.index(k)] for r in rader]
        df[k] = df[k].astype(bool)
    return df


@pytest.fixture(scope="module")
def saker():
    return sb.med_avledede(register())


@pytest.fixture(scope="module")
def f(saker):
    return portefolje.figurer_for_ar(saker, 2023)


def test_asylspor_og_type(f):
    # realitet, klage: mottatt R1, R3 (R3 mottatt 31.12. teller); behandlet R1, R2 (R2 avgjort 31.12. teller)
    assert f["mottatt.asyl_realitet.klage"] == 2
    assert f["behandlet.asyl_realitet.klage"] == 2
    assert f["henlagt.asyl_realitet.klage"] == 1
    assert f["saksbehandlingstid.asyl_realitet.klage"] == pytest.approx((100 + 395) / 2)
    # beholdning 31.12.2022: R2 (30 d), R4 (366 d), R5 (364 d); 31.12.2023: R3 (0 d), R4 (731 d)
    assert f["beholdning_start.asyl_realitet.klage"] == 3
    assert f["beholdning.asyl_realitet.klage"] == 2
    assert f["beholdning_alder_start.asyl_realitet.klage"] == pytest.approx((30 + 366 + 364) / 3)
    assert f["beholdning_alder.asyl_realitet.klage"] == pytest.approx((0 + 731) / 2)
    assert f["beholdning.asyl_realitet.klage.endring_abs"] == -1
    assert f["omgjoringsandel.asyl_realitet.klage"] == pytest.approx(0.5)
    assert f["avgjort_andel.asyl_realitet.klage.form.nemndmote"] == pytest.approx(0.5)  # R2 (NMP)
    # ikke-realitet = Dublin + trygt tredjeland
    assert f["behandlet.asyl_ikke_realitet.klage"] == 2
    assert f["behandlet.asyl_dublin"] == 1 and f["behandlet.asyl_trygt_tredjeland"] == 1
    assert f["omgjort.asyl_ikke_realitet"] == 1  # delvis omgjort teller
    assert f["saksbehandlingstid.asyl_ikke_realitet.klage"] == pytest.approx(20)


def test_over_ett_ar_er_strengt_over_365_dager(f):
    # 31.12.2022: R4 er 366 dager (over), G1 365 (ikke over), R5 364, O1 213;
    # 31.12.2023: R4 731, T3 366 (over), G2 365 (ikke over)
    assert f["beholdning_over_ett_ar_start.asyl"] == 1
    assert f["beholdning_over_ett_ar.asyl"] == 1
    assert f["beholdning_over_ett_ar.tilbakekall"] == 1
    assert f["beholdning_over_ett_ar.sakstype.tilbakekall_statsborgerskap.klage"] == 1
    assert f["beholdning_over_ett_ar_start"] == 1 and f["beholdning_over_ett_ar"] == 2
    # familie: G1 og G2 i beholdningen 31.12.2022 (G2 mottatt den dagen), G2 31.12.2023
    assert (f["beholdning_start.familie"], f["beholdning.familie"]) == (2, 1)
    assert f["beholdning_over_ett_ar_start.familie"] == 0 and f["beholdning_over_ett_ar.familie"] == 0
    assert f["beholdning_alder_start.familie"] == pytest.approx((365 + 0) / 2)
    assert f["beholdning_alder.familie"] == 365


def test_kategorier_og_andel_klager(f):
    # asyl: mottatt 2023 R1, R3, D1, D2, O2 -> 4 klager av 5
    assert f["mottatt.asylsaker"] == 5
    assert f["andel_klage_av_mottatt.asyl"] == pytest.approx(4 / 5)
    assert f["andel_omgjoring_av_mottatt.asyl"] == pytest.approx(1 / 5)
    # behandlet: R1, R2, D1, D2 (klager), O1, O2 (anmodninger)
    assert f["andel_klage_av_behandlet.asyl"] == pytest.approx(4 / 6)
    # oppholdssaker: alle andre grupper; A2 mottatt 2024 teller ikke
    assert f["mottatt.oppholdssaker"] == 2  # T1, T2 (A1 er mottatt 31.12.2022)
    assert f["behandlet.oppholdssaker"] == 3  # T1, T2, A1
    assert f["beholdning_start.oppholdssaker"] == 4  # T3, G1, A1 og G2 (mottatt 31.12.2022)


def test_sakstyper_og_samlet_tilbakekall(f):
    assert f["behandlet.sakstype.tilbakekall_63"] == 1
    assert f["behandlet.sakstype.opphor_37.omgjoring"] == 1
    assert f["behandlet.sakstype.tilbakekall_63_37"] == 2
    assert f["saksbehandlingstid.sakstype.tilbakekall_63_37"] == pytest.approx(25)
    assert f["omgjoringsandel.sakstype.tilbakekall_63_37"] == pytest.approx(0.5)
    assert f["avgjort_andel.sakstype.tilbakekall_63_37.form.nemndmote"] == pytest.approx(0.5)
    assert f["behandlet.sakstype.tilbakekall_63_37.tilknyttet_utvisning"] == 1
    assert f["behandlet.sakstype.eos"] == 1 and f["saksbehandlingstid.sakstype.eos"] == 1
    assert f["beholdning_start.sakstype.tilbakekall_statsborgerskap"] == 1
    # asylsakene får ingen sakstype-segmenter
    assert not any(k.endswith("sakstype.beskyttelse") for k in f)


def test_hjemmel_er_et_eget_utvalg(f):
    # T1 har utl. § 63; T2 er en § 37-sak med en annen hjemmel
    assert f["behandlet.hjemmel.utl_37_63"] == 1
    assert f["omgjort.hjemmel.utl_37_63"] == 1
    assert "behandlet.hjemmel.utl_37_63.omgjoring" not in f or f["behandlet.hjemmel.utl_37_63.omgjoring"] == 0


def test_nasjonaliteter(f):
    assert f["behandlet.asyl_realitet.klage.nasjonalitet.iran"] == 2
    assert f["behandlet.asyl_realitet.omgjoring.nasjonalitet.iran"] == 2
    assert f["mottatt.asyl.klage.nasjonalitet.ukraina"] == 2
    assert f["mottatt.asyl_ikke_realitet.klage.nasjonalitet.ukraina"] == 2
    assert "mottatt.asyl_realitet.klage.nasjonalitet.ukraina" not in f  # null vises ikke
    assert f["behandlet.tilbakekall.nasjonalitet.somalia"] == 2


def test_endring_i_saksbehandlingstid_fra_aret_for(saker):
    fig = {a: portefolje.figurer_for_ar(saker, a) for a in (2022, 2023)}
    portefolje.endringer(fig, 2023)
    # 2022: ingen vedtak i realitet/klage -> ingen endring; 2023 har ingen år før å sammenligne med
    assert "saksbehandlingstid.asyl_realitet.klage.endring_abs" not in fig[2023]
    fig[2022]["saksbehandlingstid.asyl_realitet.klage"] = 200.0
    portefolje.endringer(fig, 2023)
    assert fig[2023]["saksbehandlingstid.asyl_realitet.klage.endring_abs"] == pytest.approx(247.5 - 200)


def test_barn_og_familier(saker):
    b = portefolje.barn_og_familier(saker, 2023)
    # EMA: D1 og D2, samme person; D1 under 18 ved vedtak
    assert b["ema.behandlet"] == 2 and b["ema.personer"] == 1
    assert b["ema.behandlet.klage"] == 2 and b["ema.behandlet.omgjoring"] == 0
    assert b["ema_under_18.behandlet"] == 1 and b["ema_under_18.behandlet.asyl_dublin"] == 1
    assert b["ema_under_18.avgjort_andel.form.sek"] == 1.0
    # barnefamilie: O1, O2 i familie F1; lengeværende barn: O1
    assert b["barnefamilie.behandlet"] == 2 and b["barnefamilie.familier"] == 1 and b["barnefamilie.personer"] == 2
    assert b["barnefamilie.saksbehandlingstid"] == pytest.approx((365 + 31) / 2)
    assert b["barnefamilie.andel_omgjoring_av_behandlet"] == 1.0
    assert b["lengevarende_barn.omgjoringsandel"] == 1.0 and b["lengevarende_barn.omgjort"] == 1
    assert b["lengevarende_barn.avgjort_andel.form.nemndmote"] == 1.0  # NUP


def test_nye_rettssaker_per_sakstype(saker):
    retts = typet_tabell(
        ("rettssak_id", "sak_id", "instans", "innkommet_dato"),
        [
            ("X1", "T3", "Tingretten", "2023-05-01"),
            ("X2", "T3", "Lagmannsretten", "2023-06-01"),
            ("X3", "T1", "Tingretten", "2022-05-01"),
            ("X4", None, "Tingretten", "2023-05-01"),
            ("X5", "R2", "Tingretten", "2023-12-31"),
        ],
        ("innkommet_dato",),
    )
    ut = portefolje.nye_rettssaker_per_sakstype(retts, saker, 2023)
    assert ut["rettssaker.nye.tingretten.sakstype.tilbakekall_statsborgerskap"] == 1
    # sakstyper uten nye rettssaker får 0; asylsaker (R2) telles ikke etter sakstype
    assert ut["rettssaker.nye.tingretten.sakstype.tilbakekall_63"] == 0
    assert ut["rettssaker.nye.tingretten.sakstype.eos"] == 0
    assert not any("beskyttelse" in k for k in ut)


def test_samme_tall_som_kapittel_3_1_for_gruppene(saker, f):
    from arsrapport.kapitler import kapittel_3_1

    k31 = kapittel_3_1.figurer_for_ar(saker, 2023)
    felles = set(k31) & set(f)
    assert {"behandlet.asyl", "beholdning.tilbakekall", "saksbehandlingstid.asyl"} <= felles
    for fid in felles:
        assert f[fid] == pytest.approx(k31[fid]), fid


def test_stort_register_gir_ett_segment_per_verdi():
    """Segmentkolonnene: asylsaker har spor, ikke sakstype; samlebetegnelsene dekker begge typer."""
    s = register()
    seg = portefolje.segmentkolonner(s)
    assert seg.loc[s["sak_id"].eq("D2").to_numpy(), "realitet"].item() == "asyl_ikke_realitet"
    assert seg.loc[s["sak_id"].eq("T2").to_numpy(), "sakstype_samlet"].item() == "sakstype.tilbakekall_63_37"
    assert pd.isna(seg.loc[s["sak_id"].eq("T3").to_numpy(), "sakstype_samlet"].item())
    assert pd.isna(seg.loc[s["sak_id"].eq("R1").to_numpy(), "sakstype"].item())


# --- tilfeldige registre: porteføljetallene mot målene i saksbehandling -----------------

_GRUPPER = ("Asyl", "Familieinnvandring", "Arbeid/opphold", "Utvisning", "Tilbakekall")
_SAKSTYPER = ("Beskyttelse", "EØS", "Tilbakekall utl. § 63", "Opphør utl. § 37", "Visum")


def _tilfeldig_register(seed: int, n: int = 300) -> pd.DataFrame:
    """Et tilfeldig register der mange datoer ligger på grensene: mottatt eller avsluttet
    31.12. eller 1.1., og mottatt nøyaktig 364, 365 eller 366 dager før et årsskifte."""
    import numpy as np

    rng = np.random.default_rng(seed)
    arsskifter = [pd.Timestamp(f"{a}-12-31") for a in (2021, 2022, 2023)]
    spesielle = [d - pd.Timedelta(days=k) for d in arsskifter for k in (0, 364, 365, 366)]
    spesielle += [d + pd.Timedelta(days=1) for d in arsskifter]
    rader = []
    for i in range(n):
        if rng.random() < 0.5:
            mottatt = spesielle[rng.integers(len(spesielle))]
        else:
            mottatt = pd.Timestamp("2020-06-01") + pd.Timedelta(days=int(rng.integers(0, 1300)))
        avslutning = (None, V, V, H)[rng.integers(4)]
        avsluttet = None
        if avslutning:
            if rng.random() < 0.3:  # på et årsskifte etter mottak
                kandidater = [d + pd.Timedelta(days=int(k)) for d in arsskifter for k in (0, 1) if d >= mottatt]
                avsluttet = kandidater[rng.integers(len(kandidater))] if kandidater else mottatt
            else:
                avsluttet = mottatt + pd.Timedelta(days=int(rng.integers(0, 500)))
        gruppe = _GRUPPER[rng.integers(len(_GRUPPER))]
        vedtak = avslutning == V
        rader.append(
            (
                f"S{i}",
                f"P{rng.integers(n // 2)}",
                None,
                gruppe,
                _SAKSTYPER[rng.integers(len(_SAKSTYPER))],
                (KL, OM)[rng.integers(2)],
                ("Realitet", "Dublin", "Trygt tredjeland")[rng.integers(3)] if gruppe == "Asyl" else None,
                mottatt.strftime("%Y-%m-%d"),
                avslutning,
                avsluttet.strftime("%Y-%m-%d") if avsluttet is not None else None,
                ("Stornemnd", "NMP", "NUP", "NL", "SEK")[rng.integers(5)] if vedtak else None,
                ("Omgjort", "Delvis omgjort", "Ikke omgjort")[rng.integers(3)] if vedtak else None,
                ("Iran", "Irak", "Somalia")[rng.integers(3)],
                ("utl. § 63", "utl. § 37", None)[rng.integers(3)],
                *(bool(rng.random() < 0.2) for _ in FLAGG),
            )
        )
    df = typet_tabell(KOL, rader, DATO)
    for k in FLAGG:
        df[k] = df[k].astype(bool)
    return df


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_tilfeldige_registre_gir_de_samme_tallene_som_saksbehandling(seed):
    """Porteføljetallene (summer over indikatorer per sak) er de samme som målene i
    ``saksbehandling`` (ett filter per tall) for hver saksgruppe og behandlingstype, på
    tilfeldige registre med mange saker på grensene (31.12., 365 og 366 dager)."""
    saker = sb.med_avledede(_tilfeldig_register(seed))
    grupper = {g: portefolje.GRUPPE_ID[g] for g in saker["saksgruppe"].unique()}
    typer = {"Klage": "klage", "Omgjøringsanmodning": "omgjoring"}
    for ar in (2022, 2023):
        f = portefolje.figurer_for_ar(saker, ar)
        d, d0 = sb.sluttdato(ar), sb.sluttdato(ar - 1)
        for etter, navn in (
            ("saksgruppe", lambda k: grupper[k]),
            (["saksgruppe", "behandlingstype"], lambda k: f"{grupper[k[0]]}.{typer[k[1]]}"),
        ):
            tellinger = {
                "mottatt": sb.mottatt(saker, ar, etter),
                "behandlet": sb.behandlet(saker, ar, etter),
                "henlagt": sb.henlagt(saker, ar, etter),
                "omgjort": sb.omgjort(saker, ar, etter),
                "beholdning": sb.beholdning(saker, d, etter),
                "beholdning_start": sb.beholdning(saker, d0, etter),
                "beholdning_over_ett_ar": sb.over_alder(saker, d, 365, etter),
                "beholdning_over_ett_ar_start": sb.over_alder(saker, d0, 365, etter),
            }
            snitt = {
                "saksbehandlingstid": sb.saksbehandlingstid(saker, ar, etter),
                "omgjoringsandel": sb.omgjoringsandel(saker, ar, etter),
                "beholdning_alder": sb.snitt_alder(saker, d, etter),
                "beholdning_alder_start": sb.snitt_alder(saker, d0, etter),
            }
            nokler = saker[etter].drop_duplicates()
            nokler = nokler.tolist() if isinstance(etter, str) else list(nokler.itertuples(index=False, name=None))
            for nokkel in nokler:
                seg = navn(nokkel)
                for maal, serie in tellinger.items():
                    assert f[f"{maal}.{seg}"] == serie.get(nokkel, 0), (seed, ar, maal, seg)
                for maal, serie in snitt.items():
                    if nokkel in serie.index:
                        assert f[f"{maal}.{seg}"] == pytest.approx(serie[nokkel], rel=1e-12), (seed, ar, maal, seg)
                    else:
                        assert f"{maal}.{seg}" not in f, (seed, ar, maal, seg)
        # hele registeret
        assert f["beholdning_over_ett_ar"] == sb.over_alder(saker, d, 365)
        assert f["beholdning_over_ett_ar_start"] == sb.over_alder(saker, d0, 365)


def test_tilfeldige_registre_treffer_grensene():
    """Registrene over har saker nøyaktig 365 og 366 dager gamle i beholdningen ved
    årsskiftet, og vedtak 31.12. (ellers prøver de ikke grensene)."""
    saker = sb.med_avledede(_tilfeldig_register(1))
    d = sb.sluttdato(2023)
    alder = sb.alder(saker, d)[sb.er_i_beholdning(saker, d)]
    assert (alder == 365).sum() >= 3 and (alder == 366).sum() >= 3
    assert (sb.er_behandlet(saker, 2023) & saker["avsluttet_dato"].eq(d)).sum() >= 3


# --- tabeller og tekster --------------------------------------------------------------


def test_oversikt_per_nokkel(saker):
    tab = portefolje.oversikt(saker, 2023, saker["saksgruppe"].where(saker["saksgruppe"].ne("Asyl")))
    t = tab.set_index("")
    # tilbakekall: mottatt T1, T2; behandlet T1 (20 d), T2 (30 d); T3 ubehandlet ved begge årsskifter
    assert t.loc["Tilbakekall", "Mottatt"] == 2 and t.loc["Tilbakekall", "Behandlet"] == 2
    assert t.loc["Tilbakekall", "Ubehandlet 31.12. i fjor"] == 1 and t.loc["Tilbakekall", "Ubehandlet 31.12."] == 1
    assert t.loc["Tilbakekall", "Saksbehandlingstid (dager)"] == 25
    assert t.loc["Tilbakekall", "Snittalder (dager)"] == 366
    assert t.loc["Tilbakekall", "Andel omgjort"] == 0.5 and t.loc["Tilbakekall", "Andel i nemndmøte"] == 0.5
    # arbeid/opphold: A2 er mottatt 2024 og teller ikke; A1 mottatt 31.12.2022, ubehandlet det året
    assert t.loc["Arbeid/opphold", "Mottatt"] == 0 and t.loc["Arbeid/opphold", "Ubehandlet 31.12. i fjor"] == 1
    assert list(tab.columns[1:]) == list(portefolje.OVERSIKT_KOLONNER.values())


def test_tabell_asylspor_har_fast_rekkefolge(saker):
    tab = portefolje.tabell_asylspor(saker, 2023)
    assert tab["Asylsaker"].tolist() == [
        "Realitetsbehandlet, klager",
        "Realitetsbehandlet, omgjøringsanmodninger",
        "Dublin og trygt tredjeland, klager",
    ]  # ingen anmodninger i Dublin/tredjeland i dataene: raden utelates
    assert tab.loc[0, "Behandlet"] == 2 and tab.loc[2, "Behandlet"] == 2


def test_tabell_beholdning_og_tid_per_ar(saker):
    beh = portefolje.tabell_beholdning_per_ar(saker, 2023, asyl=True)
    # 31.12.2022: R2, R4, R5 (klager) og O1 (anmodning); 31.12.2023: R3, R4
    assert beh["31.12.2022"].tolist() == [4, 3, 1] and beh["31.12.2023"].tolist() == [2, 2, 0]
    tid = portefolje.tabell_tid_per_ar(saker, 2023, asyl=False).set_index("År")
    assert tid.loc[2023, "Samlet"] == pytest.approx((20 + 30 + 1) / 3)
    assert tid.loc[2023, "Klager"] == pytest.approx((20 + 1) / 2)


def test_tabell_hjemmel(saker):
    t = portefolje.tabell_hjemmel(saker, 2023)
    # bare T1 har hjemmel utl. § 63 (T2 har «utl. § 63 jf. § 66», T3 stbl. § 26)
    assert t["hjemmel"].set_index("Hjemmel").loc["Sum"].tolist() == [1, 1, 1]
    assert t["type"].set_index("Behandlingstype").loc["Klager"].tolist() == [1, 1, 1]
    assert t["behandlet_nasjonalitet"]["Nasjonalitet"].tolist() == ["Somalia"]


def test_oppramsing():
    n = pd.Series({"Georgia": 23, "Tyrkia": 23, "Somalia": 22, "Iran": 1})
    assert portefolje.oppramsing(n) == "Georgia (23), Tyrkia (23) og Somalia (22)"
    assert portefolje.oppramsing(n, n=1) == "Georgia (23)"
    assert portefolje.oppramsing(pd.Series({"Iran": 1234}), enhet=" saker") == "Iran (1\u00a0234 saker)"
    assert portefolje.oppramsing(pd.Series(dtype="int64")) == ""


def test_tekster_navn_er_beregnet(saker):
    t = portefolje.tekster(saker, 2023)
    # realitet/klage behandlet: R1 og R2, begge Iran
    assert t["t.topp.behandlet.asyl_realitet.klage"] == "Iran (2)"
    # mottatte asylklager: Irak (R3) mot Ukraina (D1, D2) -> Ukraina, begge ikke-realitet
    assert t["t.topp.mottatt.asyl.klage.land"] == "Ukraina"
    assert (t["t.topp.mottatt.asyl.klage.realitet"], t["t.topp.mottatt.asyl.klage.ikke_realitet"]) == ("0", "2")
    assert t["t.topp.behandlet.tilbakekall"] == "Somalia (2)"
    # ingen sakstype har ti vedtak: ingen lengst/kortest
    assert "t.lengst.arbeid_opphold.sakstype" not in t


def test_ytterpunkt_nevner_alle_med_samme_tid():
    """Lengst og kortest tid: ved nøyaktig lik snittid nevnes alle sakstypene (alfabetisk),
    aldri én av dem etter sorteringens tilfeldige rekkefølge for like verdier."""
    tid = pd.Series({"Visum": 186.0, "Reisedokument": 186.0, "Annet": 207.68, "Bortvisning": 274.0})
    assert portefolje._ytterpunkt(tid, tid.min()) == "Reisedokument og Visum (186\u00a0dager)"
    assert portefolje._ytterpunkt(tid, tid.max()) == "Bortvisning (274\u00a0dager)"
    # 186,4 vises som 186 dager, men er ikke lik 186: bare den korteste nevnes
    nesten = pd.Series({"Visum": 186.4, "Reisedokument": 186.0})
    assert portefolje._ytterpunkt(nesten, nesten.min()) == "Reisedokument (186\u00a0dager)"
    alle = pd.Series({"C": 10.0, "A": 10.0, "B": 10.0})
    assert portefolje._ytterpunkt(alle, 10.0) == "A, B og C (10\u00a0dager)"
