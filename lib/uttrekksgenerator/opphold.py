"""Oppholdssakene i det syntetiske registeret: sakstype innenfor gruppen, hjemmel,
nasjonalitet og om saken behandles sammen med en utvisningssak (3.2.5, 3.2.10 og Del VII pkt. 6).

Kjøres etter at datoer, avgjørelsesform og utfall er satt; endrer bare disse kolonnene.
Kalibreringen velger *hvilke* saker i hver gruppe (og behandlingstype) som får en sakstype:
antall, snitt saksbehandlingstid, alder og omgjøring for de publiserte sakstypene. Sakene i de
samme populasjonene som ikke velges, får en av gruppens øvrige sakstyper."""

from __future__ import annotations

import numpy as np
import pandas as pd

from uttrekksgenerator.kalibrering import AR, Mal
from uttrekksgenerator.kontrakt import NEMNDMOTEFORMER, OMGJORT
from uttrekksgenerator.utvalg import velg, velg_med_snitt

Y = AR[-1]  # rapportåret

ARBEID, STUDIER, PERMANENT, EOS, SESONG = "Arbeid", "Studier", "Permanent opphold", "EØS", "Sesongarbeid"
# upubliserte sakstyper i arbeid/opphold: hver mindre enn permanent opphold (264 vedtak, 3.2.5)
MIDLERTIDIG, EOS_FAMILIE, ANNET_OPPHOLD = "Midlertidig opphold", "Familie med EØS-borger", "Annet opphold"
REISEDOK, VISUM, NEKTE, FORNYELSE, OPPHEVELSE, BORTVISNING, ANNET = (
    "Reisedokument",
    "Visum",
    "Nekte innreise",
    "Asyl fornyelse",
    "Opphevelse av innreiseforbud",
    "Bortvisning",
    "Annet",
)
T63, O37, TSTB, TANNET = "Tilbakekall utl. § 63", "Opphør utl. § 37", "Tilbakekall statsborgerskap", "Tilbakekall annet"

SAKSTYPER = {
    "Asyl": (["Beskyttelse"], [1.0]),
    "Familieinnvandring": (["Familiegjenforening", "Familieetablering"], [0.7, 0.3]),
    "Arbeid/opphold": (
        [ARBEID, STUDIER, PERMANENT, EOS, SESONG, MIDLERTIDIG, EOS_FAMILIE, ANNET_OPPHOLD],
        [0.32, 0.22, 0.17, 0.12, 0.05, 0.05, 0.04, 0.03],
    ),
    "Statsborgerskap": (["Statsborgerskap"], [1.0]),
    "Utvisning": (["Utvisning brudd på utlendingsloven", "Utvisning straff"], [0.6, 0.4]),
    "Tilbakekall": ([T63, O37, TSTB, TANNET], [0.72, 0.08, 0.18, 0.02]),
    "Andre saker": (
        [REISEDOK, VISUM, NEKTE, FORNYELSE, OPPHEVELSE, BORTVISNING, ANNET],
        [0.41, 0.2, 0.15, 0.1, 0.06, 0.04, 0.04],
    ),
    "Diverse": (["Diverse"], [1.0]),
}
HJEMMEL = {
    T63: "utl. § 63",
    O37: "utl. § 37",
    TSTB: "stbl. § 26",
    "Utvisning brudd på utlendingsloven": "utl. § 66",
    "Utvisning straff": "utl. § 66 første ledd bokstav b",
}
# § 63/§ 37-saker der det påklagede vedtaket også gjaldt utvisning (Del VII pkt. 6 teller dem ikke)
HJEMMEL_MED_UTVISNING = {T63: "utl. § 63 jf. § 66", O37: "utl. § 37 jf. § 66"}
NASJONALITETER_OPPHOLD = (
    [
        "Somalia",
        "Pakistan",
        "India",
        "Filippinene",
        "Thailand",
        "Kina",
        "Tyrkia",
        "Russland",
        "Irak",
        "Iran",
        "Eritrea",
        "Syria",
        "Afghanistan",
        "Marokko",
        "Nigeria",
        "Ghana",
        "Kosovo",
        "Serbia",
        "Brasil",
        "USA",
        "Vietnam",
        "Sri Lanka",
        "Bangladesh",
        "Ukraina",
        "Colombia",
    ],
    [8, 7, 6, 5, 5, 5, 5, 4, 4, 4, 4, 4, 4, 3, 3, 3, 3, 3, 3, 2, 3, 2, 2, 3, 2],
)
KLAGE, OMG = "klage", "omgjoring"


class Register:
    """Sakene som tabeller av tall: datoer som dagnummer, flagg som boolske tabeller."""

    def __init__(self, df: pd.DataFrame):
        self.n = len(df)
        self.gruppe = df["saksgruppe"].to_numpy()
        self.klage = df["behandlingstype"].eq("Klage").to_numpy()
        self.mottatt = df["mottatt_dato"].to_numpy().astype("datetime64[D]").astype("int64")
        slutt = df["avsluttet_dato"].to_numpy().astype("datetime64[D]")
        self.lukket = ~np.isnat(slutt)
        self.avsluttet = np.where(self.lukket, slutt.astype("int64"), np.iinfo("int64").max)
        self.vedtak = df["avslutning"].eq("Vedtak").to_numpy()
        self.henlagt = df["avslutning"].eq("Henlagt").to_numpy()
        self.omgjort = df["utfall"].isin(OMGJORT).to_numpy()
        self.nm = df["avgjorelsesform"].isin(NEMNDMOTEFORMER).to_numpy()
        self.tid = np.where(self.lukket, self.avsluttet - self.mottatt, 0).astype("float64")
        self.slutt_ar = np.where(self.lukket, slutt.astype("datetime64[Y]").astype("int64") + 1970, 0)
        self.mottatt_ar = self.mottatt.astype("datetime64[D]").astype("datetime64[Y]").astype("int64") + 1970

    def type_(self, kind: str | None) -> np.ndarray:
        return np.ones(self.n, dtype=bool) if kind is None else (self.klage if kind == KLAGE else ~self.klage)

    def vedtak_i(self, ar: int) -> np.ndarray:
        return self.vedtak & (self.slutt_ar == ar)

    def henlagt_i(self, ar: int) -> np.ndarray:
        return self.henlagt & (self.slutt_ar == ar)

    def verserende(self, ar: int) -> np.ndarray:
        """Verserende 31.12. i året."""
        d = _dag(ar)
        return (self.mottatt <= d) & (self.avsluttet > d)

    def alder(self, ar: int) -> np.ndarray:
        return (_dag(ar) - self.mottatt).astype("float64")


def _dag(ar: int) -> int:
    return int(np.datetime64(f"{ar}-12-31", "D").astype("int64"))


def tildel_opphold(df: pd.DataFrame, mal: Mal, rng: np.random.Generator) -> None:
    """Setter ``sakstype`` (alle grupper unntatt asyl), ``hjemmel``, ``nasjonalitet`` og
    ``tilknyttet_utvisning`` for oppholdssakene."""
    reg = Register(df)
    sakstype = np.full(reg.n, None, dtype=object)
    _arbeid_opphold(reg, sakstype, mal, rng)
    _andre_saker(reg, sakstype, mal, rng)
    _tilbakekall(reg, sakstype, mal, rng)
    for g, fordeling in SAKSTYPER.items():
        ledig = (reg.gruppe == g) & pd.isna(sakstype)
        sakstype[ledig] = velg(rng, fordeling, int(ledig.sum()))
    df["sakstype"] = sakstype
    df["hjemmel"] = _hjemmel(reg, sakstype, mal, rng)
    df["nasjonalitet"] = _nasjonalitet(reg, mal, rng)
    df["tilknyttet_utvisning"] = _tilknyttet_utvisning(reg, sakstype, mal, rng)


# --- verktøy ---------------------------------------------------------------------------------


def _velg(rng, kand: np.ndarray, n: int, verdier: np.ndarray | None = None, mal_snitt=None) -> np.ndarray:
    """``n`` av kandidatindeksene ``kand``, med snitt av ``verdier`` nær ``mal_snitt``."""
    n = int(np.clip(n, 0, len(kand)))
    v = np.zeros(len(kand)) if verdier is None else verdier[kand]
    if mal_snitt is not None and 0 < n < len(kand):
        orden = np.lexsort((rng.random(len(v)), v))  # stigende, tilfeldig blant like
        if mal_snitt <= v[orden[:n]].mean():
            return kand[orden[:n]]
        if mal_snitt >= v[orden[-n:]].mean():
            return kand[orden[-n:]]
    return kand[velg_med_snitt(v, n, mal_snitt, rng)]


def _velg_celler(rng, celler: list[tuple[np.ndarray, int]], verdier=None, mal_snitt=None) -> np.ndarray:
    """Velg et antall fra hver celle slik at snittet av alle de valgte blir ``mal_snitt``:
    hver celle får et delmål innenfor det den kan nå, de trangeste velges først, og de
    neste cellene tar igjen det de første ikke traff."""
    celler = [(k, int(np.clip(n, 0, len(k)))) for k, n in celler]
    if mal_snitt is None or verdier is None:
        valgt = [_velg(rng, k, n) for k, n in celler]
        return np.concatenate(valgt) if valgt else np.empty(0, dtype=int)
    n = np.array([c[1] for c in celler], dtype="float64")
    sortert = [np.sort(verdier[k], kind="stable") for k, _ in celler]
    lav = np.array([s[: int(m)].mean() if m else 0.0 for s, m in zip(sortert, n)])
    hoy = np.array([s[len(s) - int(m) :].mean() if m else 0.0 for s, m in zip(sortert, n)])
    rest_sum, valgt = float(mal_snitt) * n.sum(), []
    igjen = list(np.argsort(hoy - lav, kind="stable"))
    while igjen:
        i = igjen.pop(0)
        delmal = _delmal(rest_sum, n[[i] + igjen], lav[[i] + igjen], hoy[[i] + igjen])[0]
        v = _velg(rng, celler[i][0], celler[i][1], verdier, delmal)
        rest_sum -= float(verdier[v].sum())
        valgt.append(v)
    return np.concatenate(valgt) if valgt else np.empty(0, dtype=int)


def _delmal(total: float, n: np.ndarray, lav: np.ndarray, hoy: np.ndarray) -> np.ndarray:
    """Snitt per celle innenfor [lav, hoy] med sum(n * snitt) så nær ``total`` som mulig."""
    mal_snitt = total / max(n.sum(), 1)
    delmal = np.clip(mal_snitt, lav, hoy)
    for _ in range(20):
        rest = total - (delmal * n).sum()
        ledig = ((hoy - delmal > 1e-9) if rest > 0 else (delmal - lav > 1e-9)) & (n > 0)
        if abs(rest) < 0.5 or not ledig.any():
            break
        delmal = np.where(ledig, np.clip(delmal + rest / n[ledig].sum(), lav, hoy), delmal)
    return delmal


def _antall_mulig(verdier: np.ndarray, n_plan: int, mal_snitt: float, over: bool) -> int:
    """Flest mulig (høyst ``n_plan``) saker der snittet av de lengste (``over``) eller
    korteste verdiene fortsatt når ``mal_snitt``."""
    v = np.sort(verdier, kind="stable")[::-1] if over else np.sort(verdier, kind="stable")
    snitt = np.cumsum(v) / np.arange(1, len(v) + 1)
    ok = snitt >= mal_snitt if over else snitt <= mal_snitt
    return int(min(n_plan, ok.sum()))


def _fyll(rng, sakstype, maske: np.ndarray, gruppe: str, unntatt: tuple[str, ...]) -> None:
    """Gi de ledige sakene i ``maske`` en av gruppens sakstyper utenom ``unntatt`` (de
    publiserte tallene for populasjonen er allerede fordelt)."""
    ledig = np.flatnonzero(maske & pd.isna(sakstype))
    typer, vekter = SAKSTYPER[gruppe]
    par = [(t, w) for t, w in zip(typer, vekter) if t not in unntatt]
    sakstype[ledig] = velg(rng, ([t for t, _ in par], [w for _, w in par]), len(ledig))


def _ledig(sakstype) -> np.ndarray:
    """Saker som ennå ikke har fått sakstype."""
    return pd.isna(sakstype)


# --- arbeid/opphold (3.2.5, Figur 17) ------------------------------------------------------------


def _arbeid_opphold(reg: Register, sakstype, mal: Mal, rng) -> None:
    """Vedtak 2023: arbeid 497, studier 340 (51 dager), permanent opphold 264, sesongarbeid
    (12 dager) og EØS (291 dager; 306 i 2022, 348 i 2021). Arbeid: 209 verserende ved
    inngangen og 487 ved utgangen av 2023."""
    g = "Arbeid/opphold"
    gm = reg.gruppe == g
    for ar in (Y - 2, Y - 1):
        v = gm & reg.vedtak_i(ar)
        _typer_med_tid(reg, sakstype, v, mal, rng, ar, [(EOS, "eos", 0.10, True)])
        _fyll(rng, sakstype, v, g, (EOS,))
    v = gm & reg.vedtak_i(Y)
    # sesongarbeid (12 dager) tar de aller korteste sakene, men høyst 1,5 % av vedtakene, så
    # studiene (340 vedtak på 51 dager) også får nok korte saker
    _typer_med_tid(reg, sakstype, v, mal, rng, Y, [(SESONG, "sesongarbeid", 0.015, False), (EOS, "eos", 0.10, True)])
    k = mal("behandlet.sakstype.studier", Y)
    sakstype[
        _velg(rng, np.flatnonzero(v & _ledig(sakstype)), k, reg.tid, mal("saksbehandlingstid.sakstype.studier", Y))
    ] = STUDIER
    _arbeid_portefolje(reg, sakstype, gm, mal, rng)
    sakstype[_velg(rng, np.flatnonzero(v & _ledig(sakstype)), mal("behandlet.sakstype.permanent_opphold", Y))] = (
        PERMANENT
    )
    _fyll(rng, sakstype, v, g, (ARBEID, STUDIER, PERMANENT, EOS, SESONG))
    _fyll(rng, sakstype, gm & (reg.verserende(Y - 1) | reg.verserende(Y)), g, (ARBEID,))


def _typer_med_tid(reg, sakstype, v, mal: Mal, rng, ar, typer) -> None:
    """Sakstyper med publisert snitt saksbehandlingstid men ikke antall: så mange som
    snittet tillater, høyst planandelen av vedtakene."""
    for navn, fid, andel, lange in typer:
        t = mal(f"saksbehandlingstid.sakstype.{fid}", ar)
        kand = np.flatnonzero(v & _ledig(sakstype))
        n = int(0.9 * _antall_mulig(reg.tid[kand], int(round(andel * v.sum())), t, over=lange))
        sakstype[_velg(rng, kand, n, reg.tid, t)] = navn


def _arbeid_portefolje(reg: Register, sakstype, gm, mal: Mal, rng) -> None:
    """Arbeid: vedtak 2023, verserende 31.12.2022 og 31.12.2023. Cellene (mottatt før/i
    2023 × avgjort/henlagt/verserende) fordeles slik at alle tre tallene står."""
    n_v = mal("behandlet.sakstype.arbeid", Y)
    n_p0, n_p1 = mal("beholdning_start.sakstype.arbeid", Y), mal("beholdning.sakstype.arbeid", Y)
    ledig = gm & _ledig(sakstype)
    p0, r = reg.verserende(Y - 1), reg.mottatt_ar == Y
    v, h, p1 = reg.vedtak_i(Y), reg.henlagt_i(Y), reg.verserende(Y)
    andel = n_v / max(int((gm & v).sum()), 1)  # arbeidssakenes andel av gruppen
    c_p0 = _velg(rng, np.flatnonzero(ledig & p0 & h), round(andel * (gm & p0 & h).sum()))
    e = _velg(rng, np.flatnonzero(ledig & p0 & p1), round(andel * (gm & p0 & p1).sum()))
    b = _velg(rng, np.flatnonzero(ledig & p0 & v), n_p0 - len(c_p0) - len(e))
    a = _velg(rng, np.flatnonzero(ledig & r & v), n_v - len(b))
    d = _velg(rng, np.flatnonzero(ledig & r & p1), n_p1 - len(e))
    c_r = _velg(rng, np.flatnonzero(ledig & r & h), round(andel * (gm & r & h).sum()))
    for idx in (c_p0, e, b, a, d, c_r):
        sakstype[idx] = ARBEID


# --- andre saker (3.2.5, Figur 18) ---------------------------------------------------------------


def _andre_saker(reg: Register, sakstype, mal: Mal, rng) -> None:
    """Vedtak 2023 per sakstype (antall, snitt saksbehandlingstid, omgjøringsandel for
    asyl fornyelse) og mottatte reisedokument-, visum- og nekte innreise-saker."""
    g = "Andre saker"
    gm = reg.gruppe == g
    v = gm & reg.vedtak_i(Y)
    for navn, fid in (
        (OPPHEVELSE, "opphevelse_innreiseforbud"),
        (BORTVISNING, "bortvisning"),
        (REISEDOK, "reisedokument"),
        (VISUM, "visum"),
    ):
        kand = np.flatnonzero(v & _ledig(sakstype))
        t = mal(f"saksbehandlingstid.sakstype.{fid}", Y)
        sakstype[_velg(rng, kand, mal(f"behandlet.sakstype.{fid}", Y), reg.tid, t)] = navn
    n_forn = mal("behandlet.sakstype.asyl_fornyelse", Y)
    n_om = int(round(mal("omgjoringsandel.sakstype.asyl_fornyelse", Y) * n_forn))
    kand = v & _ledig(sakstype)
    sakstype[
        _velg_celler(
            rng, [(np.flatnonzero(kand & reg.omgjort), n_om), (np.flatnonzero(kand & ~reg.omgjort), n_forn - n_om)]
        )
    ] = FORNYELSE
    # nekte innreise med gruppens resterende snitt, så de øvrige («Annet») ikke blir kortest
    kand = np.flatnonzero(v & _ledig(sakstype))
    sakstype[_velg(rng, kand, mal("behandlet.sakstype.nekte_innreise", Y), reg.tid, reg.tid[kand].mean())] = NEKTE
    _fyll(rng, sakstype, v, g, (REISEDOK, VISUM, NEKTE, FORNYELSE, OPPHEVELSE, BORTVISNING))
    # mottatt 2023: de avgjorte har fått type over; resten velges blant de uavgjorte
    r = gm & (reg.mottatt_ar == Y)
    for navn, fid in ((REISEDOK, "reisedokument"), (VISUM, "visum"), (NEKTE, "nekte_innreise")):
        n = mal(f"mottatt.sakstype.{fid}", Y) - int((r & (sakstype == navn)).sum())
        sakstype[_velg(rng, np.flatnonzero(r & _ledig(sakstype)), n)] = navn
    _fyll(rng, sakstype, r, g, (REISEDOK, VISUM, NEKTE))


# --- tilbakekall (3.2.10) ------------------------------------------------------------------------


def _tilbakekall(reg: Register, sakstype, mal: Mal, rng) -> None:
    """Tilbakekall etter utl. § 63, opphør etter § 37 og tilbakekall av statsborgerskap:
    vedtak 2022 og 2023, mottatte og verserende 2023."""
    gm = reg.gruppe == "Tilbakekall"
    _tilbakekall_vedtak_2023(reg, sakstype, gm, mal, rng)
    _tilbakekall_vedtak_2022(reg, sakstype, gm, mal, rng)
    _tilbakekall_portefolje_2023(reg, sakstype, gm, mal, rng)


def _tilbakekall_vedtak_2023(reg: Register, sakstype, gm, mal: Mal, rng) -> None:
    """Vedtak 2023 per type: statsborgerskap (klage: 172 dager, 21 omgjort) er nemndmøtesakene
    (56 av 94, 3.1.3), § 37-klager 541 dager, § 63-klager 268 dager; § 63/§ 37 omgjort 59
    (8 anmodninger). Statsborgerskapsklager var ikke over ett år gamle ved inngangen til året."""
    v = gm & reg.vedtak_i(Y)
    n_stb = {k: mal(f"behandlet.sakstype.tilbakekall_statsborgerskap.{k}", Y) for k in (KLAGE, OMG)}
    nm_stb = mal("behandlet.sakstype.tilbakekall_statsborgerskap.form.nemndmote", Y)
    om_t = mal("omgjort.sakstype.tilbakekall_63_37", Y)
    om_t_k = {OMG: mal("omgjort.sakstype.tilbakekall_63_37.omgjoring", Y)}
    om_t_k[KLAGE] = om_t - om_t_k[OMG]
    om_stb_klage = mal("omgjort.sakstype.tilbakekall_statsborgerskap.klage", Y)
    gammel = reg.verserende(Y - 1) & (reg.alder(Y - 1) > 365)
    stb = {}  # per type: kandidater, antall, omgjorte, snitt tid
    for kind in (KLAGE, OMG):
        vk = v & reg.type_(kind)
        # anmodninger: det som blir igjen når § 63/§ 37 har sine 59 (går ikke 8 av dem til
        # anmodningene, er det totalen og omgjøringsandelen som står)
        om_stb = om_stb_klage if kind == KLAGE else int((v & reg.omgjort).sum()) - om_t - om_stb_klage
        stb[kind] = (
            vk & ~(gammel & (kind == KLAGE)),
            n_stb[kind],
            int(np.clip(om_stb, 0, (vk & reg.omgjort).sum())),
            mal(f"saksbehandlingstid.sakstype.tilbakekall_statsborgerskap.{kind}", Y),
        )
    nm_omg = _nemndmoter_anmodninger(reg, stb, nm_stb)
    for kind in (KLAGE, OMG):
        vk = v & reg.type_(kind)
        n37, n63 = (mal(f"behandlet.sakstype.{s}.{kind}", Y) for s in ("opphor_37", "tilbakekall_63"))
        kand, n, om_stb, t_stb = stb[kind]
        n_nm = nm_omg if kind == OMG else nm_stb - nm_omg
        sakstype[_velg_omgjort_nm(reg, rng, kand, n, om_stb, n_nm, t_stb)] = TSTB
        # resten (utenom § 63/§ 37) er verken nemndmøter eller, så langt det går, omgjort feil vei
        n_annet = int(vk.sum()) - n_stb[kind] - n37 - n63
        om_rest = int((vk & reg.omgjort & _ledig(sakstype)).sum())
        om_annet = int(np.clip(om_rest - om_t_k[kind], 0, max(n_annet, 0)))
        kand = vk & _ledig(sakstype) & ~reg.nm
        t37 = mal(f"saksbehandlingstid.sakstype.opphor_37.{kind}", Y)
        t_annet = _snitt_for_resten(
            reg,
            vk & _ledig(sakstype),
            n_annet,
            n37,
            t37,
            n63,
            mal(f"saksbehandlingstid.sakstype.tilbakekall_63.{kind}", Y),
        )
        sakstype[
            _velg_celler(
                rng,
                [
                    (np.flatnonzero(kand & reg.omgjort), om_annet),
                    (np.flatnonzero(kand & ~reg.omgjort), n_annet - om_annet),
                ],
                reg.tid,
                t_annet,
            )
        ] = TANNET
        sakstype[_velg(rng, np.flatnonzero(vk & _ledig(sakstype)), n37, reg.tid, t37)] = O37
        sakstype[vk & _ledig(sakstype)] = T63


def _snitt_for_resten(reg: Register, ledig, n_annet: int, n37: int, t37, n63: int, t63) -> float | None:
    """Snittet de øvrige tilbakekallssakene må ha for at § 63 (som får det som blir igjen)
    treffer sitt snitt når § 37 treffer sitt."""
    if t37 is None or t63 is None or n_annet <= 0:
        return None
    return (float(reg.tid[ledig].sum()) - n37 * t37 - n63 * t63) / n_annet


def _nemndmoter_anmodninger(reg: Register, stb: dict, nm_stb: int) -> int:
    """Hvor mange av statsborgerskapssakenes nemndmøter som er anmodninger: flest mulig (klagene
    skal ha kort tid), men så omgjøringstallene og tidsmålet for begge typer kan nås."""
    hoyst = min(stb[OMG][1], int((stb[OMG][0] & reg.nm).sum()), nm_stb)

    def gar(kind, n_nm):
        kand, n, n_om, t = stb[kind]
        fordeling, straff = _fordel_omgjort_nm(reg, _celler_om_nm(reg, kand), int(min(n, kand.sum())), n_om, n_nm, t)
        return fordeling is not None and straff < 0.5

    # helst begge; ellers står anmodningenes omgjøringer (de gir § 63/§ 37-totalen) foran klagetiden
    for krav in ((OMG, KLAGE), (OMG,)):
        for nm_omg in range(hoyst, -1, -1):
            if all(gar(k, nm_omg if k == OMG else nm_stb - nm_omg) for k in krav):
                return nm_omg
    return hoyst


def _celler_om_nm(reg: Register, kand) -> dict:
    return {
        (o, m): np.flatnonzero(kand & (reg.omgjort == o) & (reg.nm == m)) for o in (True, False) for m in (True, False)
    }


def _velg_omgjort_nm(reg: Register, rng, kand, n: int, n_om: int, n_nm: int, mal_snitt) -> np.ndarray:
    """``n`` saker fra ``kand`` med ``n_om`` omgjorte og ``n_nm`` nemndmøter, snitt tid
    ``mal_snitt``. Omgjøringene fordeles på nemndmøter og andre slik at snittet kan nås."""
    celle = _celler_om_nm(reg, kand)
    n = int(min(n, kand.sum()))
    n_nm = int(np.clip(n_nm, 0, len(celle[True, True]) + len(celle[False, True])))
    # går det ikke med n_om omgjorte, slakkes omgjøringen før nemndmøtene (3.1.3)
    for n_om_forsok in sorted(range(0, n + 1), key=lambda k: abs(k - n_om)):
        antall, _ = _fordel_omgjort_nm(reg, celle, n, n_om_forsok, n_nm, mal_snitt)
        if antall is not None:
            return _velg_celler(rng, [(celle[c], k) for c, k in antall.items()], reg.tid, mal_snitt)
    return _velg(rng, np.flatnonzero(kand), n, reg.tid, mal_snitt)


def _fordel_omgjort_nm(reg: Register, celle, n: int, n_om: int, n_nm: int, mal_snitt) -> tuple[dict | None, float]:
    """Antall per (omgjort, nemndmøte)-celle som går opp og gir snittet best mulig (eller None),
    og hvor mange dager snittet i beste fall bommer."""
    beste, beste_avstand, straff = None, np.inf, np.inf
    for om_nm in range(max(0, n_om + n_nm - n), min(n_om, n_nm) + 1):
        antall = {(True, True): om_nm, (True, False): n_om - om_nm, (False, True): n_nm - om_nm}
        antall[(False, False)] = n - sum(antall.values())
        if any(k < 0 or k > len(celle[c]) for c, k in antall.items()):
            continue
        avstand = abs(om_nm - n_om * n_nm / max(n, 1))
        if mal_snitt is not None:
            lav = sum(np.sort(reg.tid[celle[c]], kind="stable")[:k].sum() for c, k in antall.items()) / max(n, 1)
            hoy = sum(
                np.sort(reg.tid[celle[c]], kind="stable")[len(celle[c]) - k :].sum() for c, k in antall.items()
            ) / max(n, 1)
            bom = max(lav - mal_snitt, mal_snitt - hoy, 0)
        else:
            bom = 0.0
        avstand += 1000 * bom
        if avstand < beste_avstand:
            beste, beste_avstand, straff = antall, avstand, bom
    return beste, straff


def _tilbakekall_vedtak_2022(reg: Register, sakstype, gm, mal: Mal, rng) -> None:
    """Vedtak 2022: § 63/§ 37 hadde 8,7 % nemndmøter, statsborgerskapsklagene 265 dager
    (34 av dem med utvisningssak, se ``_tilknyttet_utvisning``)."""
    ar = Y - 1
    v = gm & reg.vedtak_i(ar)
    andel_nm_t = mal("avgjort_andel.sakstype.tilbakekall_63_37.form.nemndmote", ar)
    n_stb = {k: int(round(0.19 * (v & reg.type_(k)).sum())) for k in (KLAGE, OMG)}
    n_stb[KLAGE] = max(
        n_stb[KLAGE], 2 * mal("behandlet.sakstype.tilbakekall_statsborgerskap.klage.tilknyttet_utvisning", ar)
    )
    # antall § 63/§ 37-vedtak der en hel andel nemndmøter gir 8,7 % etter avrunding
    n_t = int(v.sum()) - sum(n_stb.values())
    n_t = min(
        range(n_t - 15, n_t + 16), key=lambda m: (abs(round(andel_nm_t * m) / m - andel_nm_t) > 0.0005, abs(m - n_t))
    )
    n_stb[OMG] = int(v.sum()) - n_t - n_stb[KLAGE]
    nm_stb = int((v & reg.nm).sum()) - int(round(andel_nm_t * n_t))
    for kind in (KLAGE, OMG):
        vk = v & reg.type_(kind)
        n_nm = int(round(nm_stb * n_stb[kind] / sum(n_stb.values())))
        n_om = int(round(n_stb[kind] * (vk & reg.omgjort).sum() / max(vk.sum(), 1)))
        t = mal(f"saksbehandlingstid.sakstype.tilbakekall_statsborgerskap.{kind}", ar)
        sakstype[_velg_omgjort_nm(reg, rng, vk, n_stb[kind], n_om, n_nm, t)] = TSTB
        rest = np.flatnonzero(vk & _ledig(sakstype))
        sakstype[rest] = velg(rng, ([T63, O37], [0.9, 0.1]), len(rest))


def _tilbakekall_portefolje_2023(reg: Register, sakstype, gm, mal: Mal, rng) -> None:
    """Mottatt 2023 (§ 63/§ 37 396, statsborgerskap 65, per behandlingstype), verserende
    § 63/§ 37 31.12.2022 (206) og 31.12.2023 (271, snittalder 206 dager); tre
    statsborgerskapsklager over ett år gamle ved utgangen av året. Vedtakene har fått type."""
    r, p0, p1 = reg.mottatt_ar == Y, reg.verserende(Y - 1), reg.verserende(Y)
    # statsborgerskap: klager mottatt året før og fortsatt verserende ved utgangen
    gammel_stb = gm & p0 & p1 & reg.klage & _ledig(sakstype) & (reg.alder(Y - 1) <= 365)
    sakstype[
        _velg(
            rng, np.flatnonzero(gammel_stb), mal("beholdning_over_ett_ar.sakstype.tilbakekall_statsborgerskap.klage", Y)
        )
    ] = TSTB
    alder_mal = mal("beholdning_alder.sakstype.tilbakekall_63_37", Y)
    celler = _plass_til_de_eldste(reg, sakstype, gm, mal, alder_mal)
    henlagte = [_velg(rng, kand, n) for kand, n, verserende in celler if not verserende]
    verserende = _velg_celler(rng, [(kand, n) for kand, n, vers in celler if vers], reg.alder(Y), alder_mal)
    _sett_t(sakstype, np.concatenate(henlagte + [verserende]), rng)
    for kind in (KLAGE, OMG):
        rk = gm & r & reg.type_(kind)
        n = mal(f"mottatt.sakstype.tilbakekall_statsborgerskap.{kind}", Y) - int((rk & (sakstype == TSTB)).sum())
        sakstype[_velg(rng, np.flatnonzero(rk & _ledig(sakstype)), n)] = TSTB
    # resten: statsborgerskap blant de eldre verserende (men ingen klage over ett år), ellers annet
    resten = gm & (p0 | p1 | r) & _ledig(sakstype)
    over_ett_ar = (p0 & (reg.alder(Y - 1) > 365) | p1 & (reg.alder(Y) > 365)) & reg.klage
    sakstype[resten & ~over_ett_ar & ~r] = TSTB
    sakstype[resten & _ledig(sakstype)] = TANNET


def _plass_til_de_eldste(reg: Register, sakstype, gm, mal: Mal, alder_mal) -> list:
    """Snittalderen 206 for verserende § 63/§ 37 ved utgangen av året trenger de gamle sakene som
    verserte hele året; de får plass når færre av § 63-vedtakene 2023 kommer fra inngangs-
    beholdningen. Bytt så lenge snittet ikke kan nås: et § 63-vedtak fra inngangsbeholdningen
    mot et statsborgerskapsvedtak (eller annet tilbakekall) mottatt i 2023 med samme
    behandlingstype, utfall og form (anmodninger først; klager bare så langt klagesnittene står)."""
    celler = _celler_63_37(reg, sakstype, gm, mal)
    for _ in range(30):
        if (
            alder_mal is None
            or _hoyeste_alder(reg, celler) >= alder_mal - 0.45
            or not _bytt_inngang(reg, sakstype, gm, mal)
        ):
            break
        celler = _celler_63_37(reg, sakstype, gm, mal)
    return celler


def _hoyeste_alder(reg: Register, celler) -> float:
    alder = reg.alder(Y)
    topp = [np.sort(alder[kand], kind="stable")[len(kand) - n :] for kand, n, vers in celler if vers and n > 0]
    return float(np.concatenate(topp).mean()) if topp else 0.0


def _bytt_inngang(reg: Register, sakstype, gm, mal: Mal) -> bool:
    """Ett bytte (se ``_plass_til_de_eldste``), nærmeste tid først. Sant om det ble byttet."""
    v, p0, r = gm & reg.vedtak_i(Y), reg.verserende(Y - 1), reg.mottatt_ar == Y
    nokkel = reg.omgjort.astype(int) * 2 + reg.nm.astype(int)
    for kind in (OMG, KLAGE):
        k = reg.type_(kind)
        fra_typer = (sakstype == T63) | ((sakstype == O37) & (kind == OMG))  # § 37-klagene har sin egen tid
        fra = np.flatnonzero(v & k & p0 & fra_typer & ~(reg.alder(Y - 1) > 365))
        til = np.flatnonzero(v & k & r & ((sakstype == TSTB) | (sakstype == TANNET)))
        stb = sakstype[til] == TSTB
        d = reg.tid[fra][:, None] - reg.tid[til][None, :]
        ok = nokkel[fra][:, None] == nokkel[til][None, :]
        if kind == KLAGE:
            t_stb = mal("saksbehandlingstid.sakstype.tilbakekall_statsborgerskap.klage", Y)
            ok &= ~stb[None, :] | _innenfor(reg.tid, v & k & (sakstype == TSTB), t_stb, d)
            ok &= _innenfor(
                reg.tid, v & k & (sakstype == T63), mal("saksbehandlingstid.sakstype.tilbakekall_63.klage", Y), -d
            )
        if ok.any():
            a, b = np.unravel_index(np.argmin(np.where(ok, np.abs(d), np.inf)), d.shape)
            sakstype[fra[a]], sakstype[til[b]] = sakstype[til[b]], sakstype[fra[a]]
            return True
    return False


def _innenfor(tid, maske, mal_snitt, endring) -> np.ndarray:
    """Om snittet over ``maske`` fortsatt er innenfor avrundingen av ``mal_snitt`` etter ``endring`` i summen."""
    if mal_snitt is None:
        return np.ones(np.shape(endring), dtype=bool)
    return np.abs((tid[maske].sum() + endring) / maske.sum() - mal_snitt) < 0.45


def _celler_63_37(reg: Register, sakstype, gm, mal: Mal) -> list[tuple[np.ndarray, int, bool]]:
    """Hvor mange av de ennå ikke fordelte sakene som må bli § 63/§ 37 i hver celle (mottatt
    2023 per behandlingstype / verserende ved inngangen × henlagt / verserende ved utgangen),
    slik at mottatt og verserende ved inngangen står, og de henlagte er det strømmen krever
    for utgangsbeholdningen: inngang + mottatt - vedtak - utgang."""
    r, p0, p1, h = reg.mottatt_ar == Y, reg.verserende(Y - 1), reg.verserende(Y), reg.henlagt_i(Y)
    ledig, t = gm & _ledig(sakstype), gm & _t(sakstype)
    n_p0, n_p1 = mal("beholdning_start.sakstype.tilbakekall_63_37", Y), mal("beholdning.sakstype.tilbakekall_63_37", Y)
    behov = {
        KLAGE: mal("mottatt.sakstype.tilbakekall_63_37.klage", Y),
        OMG: mal("mottatt.sakstype.tilbakekall_63_37.omgjoring", Y),
    }
    behov = {k: n - int((t & r & reg.type_(k)).sum()) for k, n in behov.items()}
    behov["p0"] = n_p0 - int((t & p0).sum())
    grupper = {k: r & reg.type_(k) for k in (KLAGE, OMG)} | {"p0": p0}
    n_h = max(
        n_p0 + sum(behov[k] for k in (KLAGE, OMG)) + int((t & r).sum()) - int((t & reg.vedtak_i(Y)).sum()) - n_p1, 0
    )
    lav, hoy = {}, {}
    for k, m in grupper.items():
        n_c, n_v = int((ledig & m & h).sum()), int((ledig & m & p1).sum())
        lav[k] = int(np.clip(behov[k] - n_v, 0, min(n_c, max(behov[k], 0))))
        hoy[k] = int(min(n_c, max(behov[k], 0)))
    henlagt = dict(lav)
    for k in grupper:  # fyll opp til strømmens antall henlagte
        ekstra = int(np.clip(n_h - sum(henlagt.values()), 0, hoy[k] - henlagt[k]))
        henlagt[k] += ekstra
    celler = []
    for k, m in grupper.items():
        celler.append((np.flatnonzero(ledig & m & h), henlagt[k], False))
        celler.append((np.flatnonzero(ledig & m & p1), behov[k] - henlagt[k], True))
    return celler


def _t(sakstype) -> np.ndarray:
    return (sakstype == T63) | (sakstype == O37)


def _sett_t(sakstype, idx: np.ndarray, rng) -> None:
    sakstype[idx] = velg(rng, ([T63, O37], [0.9, 0.1]), len(idx))


# --- hjemmel, nasjonalitet og utvisning ------------------------------------------------------------


def _hjemmel(reg: Register, sakstype, mal: Mal, rng) -> np.ndarray:
    """Hjemmel for det påklagede vedtaket. Del VII pkt. 6 teller sakene etter utl. § 37 eller
    § 63 (376 mottatt, 312 avgjort, 57 omgjort i 2023, hver med anmodningene for seg), færre
    enn § 63/§ 37-sakstypene i 3.2.10; de øvrige har et vedtak som også gjaldt utvisning."""
    hjemmel = pd.Series(sakstype).map(HJEMMEL).to_numpy(dtype=object)
    t = _t(sakstype)
    v, r = reg.vedtak_i(Y), reg.mottatt_ar == Y
    andre = []
    for kind in (KLAGE, OMG):
        sfx = "" if kind == KLAGE else ".omgjoring"
        tk = t & reg.type_(kind)
        tot = {m: mal(f"{m}.hjemmel.utl_37_63{sfx}", Y) for m in ("mottatt", "behandlet", "omgjort")}
        if kind == KLAGE:  # tallene uten type er totaler
            tot = {m: tot[m] - mal(f"{m}.hjemmel.utl_37_63.omgjoring", Y) for m in tot}
        n_v = int((tk & v).sum()) - tot["behandlet"]
        n_om = int(np.clip(int((tk & v & reg.omgjort).sum()) - tot["omgjort"], 0, max(n_v, 0)))
        kand = tk & v & ~r  # helst saker mottatt før 2023: da står mottatt-tallet for seg
        kand = kand if (kand & reg.omgjort).sum() >= n_om and kand.sum() >= n_v else tk & v
        valgt = _velg_celler(
            rng, [(np.flatnonzero(kand & reg.omgjort), n_om), (np.flatnonzero(kand & ~reg.omgjort), n_v - n_om)]
        )
        n_r = int((tk & r).sum()) - tot["mottatt"] - int(r[valgt].sum())
        andre += [valgt, _velg(rng, np.flatnonzero(tk & r & ~v), n_r)]
    idx = np.concatenate(andre)
    hjemmel[idx] = pd.Series(sakstype[idx]).map(HJEMMEL_MED_UTVISNING).to_numpy(dtype=object)
    return hjemmel


def _nasjonalitet(reg: Register, mal: Mal, rng) -> np.ndarray:
    """Oppholdssakene trekkes fra fordelingen; 119 av tilbakekallsvedtakene i 2023 gjaldt Somalia."""
    asyl = reg.gruppe == "Asyl"
    nasj = np.full(reg.n, None, dtype=object)
    nasj[~asyl] = velg(rng, NASJONALITETER_OPPHOLD, int((~asyl).sum()))
    tilb = reg.gruppe == "Tilbakekall"
    nasj[tilb & (rng.random(reg.n) < 0.3)] = "Somalia"
    v = np.flatnonzero(tilb & reg.vedtak_i(Y))
    somali = _velg(rng, v, mal("behandlet.tilbakekall.nasjonalitet.somalia", Y))
    ovrige = np.setdiff1d(v, somali)
    andre_land = ([land for land in NASJONALITETER_OPPHOLD[0] if land != "Somalia"], NASJONALITETER_OPPHOLD[1][1:])
    nasj[ovrige] = velg(rng, andre_land, len(ovrige))
    nasj[somali] = "Somalia"
    return nasj


def _tilknyttet_utvisning(reg: Register, sakstype, mal: Mal, rng) -> np.ndarray:
    """Tilbakekall med utvisningssak: 120 av § 63/§ 37-vedtakene i 2023, 19 av
    statsborgerskapsklagene i 2023 og 34 i 2022; ellers om lag en tredel."""
    tilb = reg.gruppe == "Tilbakekall"
    flagg = (tilb & (rng.random(reg.n) < 0.35)) | (~tilb & (reg.gruppe != "Asyl") & (rng.random(reg.n) < 0.01))
    stb_klage = (sakstype == TSTB) & reg.klage
    utvalg = [(_t(sakstype) & reg.vedtak_i(Y), mal("behandlet.sakstype.tilbakekall_63_37.tilknyttet_utvisning", Y))]
    for ar in (Y - 1, Y):
        fid = "behandlet.sakstype.tilbakekall_statsborgerskap.klage.tilknyttet_utvisning"
        utvalg.append((stb_klage & reg.vedtak_i(ar), mal(fid, ar)))
    for maske, n in utvalg:
        flagg[maske] = False
        flagg[_velg(rng, np.flatnonzero(maske), n)] = True
    return flagg
