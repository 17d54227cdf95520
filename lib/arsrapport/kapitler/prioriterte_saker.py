"""Kapitlet «Prioriterte saker»: hvordan det gikk med sakene i prioporteføljen (RS 2014-025).

Tallene (id-ene ``prioritet.*`` i ``docs/figures.md``) regnes fra merkehistorikken
(``prioritet``) og sakenes vedtak og frister (``saker``), med reglene i
:mod:`arsrapport.maal.prioritet`. For et år Y:

- **merket** i Y: saker med minst én ``PP`` i Y; **melderen** er ``meldt_av`` på sakens
  første ``PP`` i Y (tom = «ikke oppgitt»).
- **tatt ut igjen**: de merkede sakene der en ``UM`` kom etter denne ``PP``-en (når som helst
  før uttrekket).
- **prioriterte vedtak** i Y: saker med vedtak i Y (``vedtak_tidspunkt``, ellers slutten av
  ``avsluttet_dato``) der koden sist før vedtaket var ``PP``. Merkingen regnes fra den første
  ``PP``-en etter siste ``UM`` før vedtaket (en ny ``PP`` mens saken alt er merket, starter
  ikke tellingen på nytt). Målene under gjelder disse vedtakene:
- **innen fem arbeidsdager**: ``arbeidsdager_mellom(merket, vedtak)`` ≤ 5; også snittet av
  arbeidsdagene.
- **åpenbart grunnløse**: ``aapenbart_grunnlos``; andelen av de prioriterte vedtakene.
- **frister mot regelen**: for vedtak med ``uiv_frist``: lik, kortere eller lengre enn
  ``uiv_frist(vedtak, aapenbart_grunnlos)`` (``frist_mot_regel``), for åpenbart grunnløse og
  ordinære avslag hver for seg og samlet.
- **én time**: blant begjæringene om utsatt iverksetting (``uiv_begjaering``) i sakene avslått
  som åpenbart grunnløse, andelen avgjort senest en time etter fristen (``uiv_avgjort``; en
  begjæring som ikke er avgjort, er ikke avgjort innen en time).
- **avvik**: saker med en hendelse i Y som kontrollen av merkehistorikken flagger (UM uten
  PP, endring etter vedtaket, PP på en sak rundskrivet holder utenfor).
"""

from __future__ import annotations

import pandas as pd

from arsrapport.maal import prioritet as regler
from arsrapport.presentasjon.regnearkspek import ark
from arsrapport.presentasjon.tallspek import Tall

MELDER_ID = {
    "PU": "pu",
    "Lokalt politi": "lokalt_politi",
    "Mottak": "mottak",
    "OPA": "opa",
    "RMA": "rma",
    "ASA": "asa",
}
IKKE_OPPGITT = "ikke_oppgitt"
MELDER_NAVN = {
    "PU": "Politiets utlendingsenhet (PU)",
    "Lokalt politi": "Lokalt politi",
    "Mottak": "Asylmottak",
    "OPA": "UDIs oppholdsavdeling (OPA)",
    "RMA": "UDIs region- og mottaksavdeling (RMA)",
    "ASA": "UDIs asylavdeling (ASA)",
    None: "Ikke oppgitt",
}
FRISTGRUPPER = {"aapenbart_grunnlos": "Åpenbart grunnløs (to arbeidsdager)", "ordinaer": "Ordinært avslag (tre uker)"}
UTFALL = (regler.LIK, regler.KORTERE, regler.LENGRE)


def _andel(teller: int, nevner: int) -> float | None:
    return teller / nevner if nevner else None


def _per_sak(verdier: pd.Series, sak_id: pd.Series) -> pd.Series:
    """``verdier`` (indeksert med sak-id) slått opp for hver rad i ``sak_id``."""
    return pd.Series(verdier.reindex(sak_id.to_numpy()).to_numpy(), index=sak_id.index)


def _vedtak(prioritet: pd.DataFrame, saker: pd.DataFrame) -> pd.DataFrame:
    """Én rad per sak med vedtak der koden sist før vedtaket var PP: sakens kolonner,
    ``vedtak`` og ``merket`` (starten på merkingen som gjaldt ved vedtaket)."""
    h = regler.historikk(prioritet, saker)
    h = h.loc[h["vedtak"].notna() & (h["tidspunkt"] <= h["vedtak"])]
    siste = h.groupby("sak_id", sort=False).tail(1)
    prioritert = siste.loc[siste["kode"].eq(regler.PP), "sak_id"]
    h = h.loc[h["sak_id"].isin(prioritert)]
    # siste UM før vedtaket; merkingen starter med første PP etter den
    siste_um = h.loc[h["kode"].eq(regler.UM)].groupby("sak_id")["tidspunkt"].max()
    grense = _per_sak(siste_um, h["sak_id"])
    etter = grense.isna() | (h["tidspunkt"] > grense)
    merket = h.loc[etter & h["kode"].eq(regler.PP)].groupby("sak_id")["tidspunkt"].min().rename("merket")
    v = saker.loc[saker["sak_id"].isin(merket.index)].copy()
    v["vedtak"] = regler.vedtakstidspunkt(v)
    return v.merge(merket, left_on="sak_id", right_index=True)


def figurer_for_ar(
    prioritet: pd.DataFrame, saker: pd.DataFrame, ar: int, avvik: regler.Avvik | None = None
) -> dict[str, float]:
    """Alle ``prioritet.*``-tallene for ett år."""
    f: dict[str, float] = {}
    h = regler.historikk(prioritet, saker)

    # merket i året og tatt ut igjen, per melder
    pp = h.loc[h["kode"].eq(regler.PP) & h["tidspunkt"].dt.year.eq(ar)]
    forste = pp.groupby("sak_id", sort=False).head(1)
    um = h.loc[h["kode"].eq(regler.UM)].groupby("sak_id")["tidspunkt"].max()
    tatt_ut = (_per_sak(um, forste["sak_id"]) > forste["tidspunkt"]).fillna(False)
    f["prioritet.merket"] = len(forste)
    f["prioritet.tatt_ut"] = int(tatt_ut.sum())
    f["prioritet.andel_tatt_ut"] = _andel(f["prioritet.tatt_ut"], f["prioritet.merket"])
    melder = forste["meldt_av"].map(MELDER_ID).fillna(IKKE_OPPGITT)
    for m in (*MELDER_ID.values(), IKKE_OPPGITT):
        f[f"prioritet.merket.meldt_av.{m}"] = int((melder == m).sum())
        f[f"prioritet.tatt_ut.meldt_av.{m}"] = int(((melder == m) & tatt_ut).sum())

    # prioriterte vedtak i året
    v = _vedtak(prioritet, saker)
    v = v.loc[v["vedtak"].dt.year.eq(ar)]
    f["prioritet.vedtak"] = len(v)
    dager = regler.arbeidsdager_mellom_serier(v["merket"], v["vedtak"])
    innen = dager.le(regler.BEHANDLINGSMAL_ARBEIDSDAGER).fillna(False)
    f["prioritet.innen_5_arbeidsdager"] = int(innen.sum())
    f["prioritet.andel_innen_5_arbeidsdager"] = _andel(f["prioritet.innen_5_arbeidsdager"], len(v))
    f["prioritet.arbeidsdager_snitt"] = float(dager.mean()) if len(v) else None
    ag = (
        v["aapenbart_grunnlos"].fillna(False).astype(bool)
        if "aapenbart_grunnlos" in v
        else pd.Series(False, index=v.index)
    )
    f["prioritet.aapenbart_grunnlos"] = int(ag.sum())
    f["prioritet.andel_aapenbart_grunnlos"] = _andel(f["prioritet.aapenbart_grunnlos"], len(v))

    # fristene mot regelen
    med_frist = v.loc[v["uiv_frist"].notna()] if "uiv_frist" in v else v.iloc[:0]
    utfall = pd.Series(
        [
            regler.frist_mot_regel(s, t, bool(g))
            for s, t, g in zip(med_frist["uiv_frist"], med_frist["vedtak"], ag[med_frist.index])
        ],
        index=med_frist.index,
        dtype=object,
    )
    f["prioritet.frist.satt"] = len(med_frist)
    for gruppe, maske in (("aapenbart_grunnlos", ag[med_frist.index]), ("ordinaer", ~ag[med_frist.index])):
        n = int(maske.sum())
        f[f"prioritet.frist.{gruppe}"] = n
        for u in UTFALL:
            k = int((utfall[maske] == u).sum())
            f[f"prioritet.frist.{gruppe}.{u}"] = k
            f[f"prioritet.frist.{gruppe}.andel_{u}"] = _andel(k, n)
    for u in UTFALL:
        f[f"prioritet.frist.{u}"] = int((utfall == u).sum())
        f[f"prioritet.frist.andel_{u}"] = _andel(f[f"prioritet.frist.{u}"], len(med_frist))

    # én time etter fristen
    b = med_frist.loc[ag[med_frist.index] & med_frist["uiv_begjaering"].notna()] if len(med_frist) else med_frist
    innen_time = [
        regler.avgjort_innen_en_time(fr, None if pd.isna(a) else a) for fr, a in zip(b["uiv_frist"], b["uiv_avgjort"])
    ]
    f["prioritet.uiv.begjaeringer"] = len(b)
    f["prioritet.uiv.innen_en_time"] = int(sum(innen_time))
    f["prioritet.uiv.andel_innen_en_time"] = _andel(f["prioritet.uiv.innen_en_time"], len(b))

    # avvik i merkehistorikken (hendelser i året)
    a = avvik if avvik is not None else regler.kontroller_historikk(prioritet, saker)
    i_aret = a.historikk["tidspunkt"].dt.year.eq(ar)
    f["prioritet.avvik.um_uten_pp"] = a.saker(a.um_uten_pp & i_aret)
    f["prioritet.avvik.etter_vedtak"] = a.saker(a.etter_vedtak & i_aret)
    f["prioritet.avvik.utenfor_regelverket"] = a.saker(a.utelukket.notna() & i_aret)
    f["prioritet.avvik"] = a.saker((a.um_uten_pp | a.etter_vedtak | a.utelukket.notna()) & i_aret)
    return {k: v for k, v in f.items() if v is not None}


def figurer_fra_tabeller(
    prioritet: pd.DataFrame, saker: pd.DataFrame, ar: int, antall_ar: int = 3
) -> dict[int, dict[str, float]]:
    avvik = regler.kontroller_historikk(prioritet, saker)
    return {a: figurer_for_ar(prioritet, saker, a, avvik) for a in range(ar - antall_ar + 1, ar + 1)}


def figurer(uttrekk, ar: int, antall_ar: int = 3) -> dict[int, dict[str, float]]:
    """Tallene for rapportåret og de to årene før."""
    return figurer_fra_tabeller(uttrekk.prioritet, uttrekk.saker, ar, antall_ar)


# --- tabeller ----------------------------------------------------------------------

NOKKELTALL = {
    "prioritet.merket": "Saker merket PP i året",
    "prioritet.tatt_ut": "Av dem tatt ut igjen (UM)",
    "prioritet.vedtak": "Vedtak i prioriterte saker",
    "prioritet.andel_innen_5_arbeidsdager": "Vedtak innen fem arbeidsdager fra merking",
    "prioritet.arbeidsdager_snitt": "Arbeidsdager fra merking til vedtak (snitt)",
    "prioritet.andel_aapenbart_grunnlos": "Avslått som åpenbart grunnløse",
    "prioritet.uiv.begjaeringer": "Begjæringer om utsatt iverksetting (åpenbart grunnløse)",
    "prioritet.uiv.andel_innen_en_time": "Begjæringer avgjort innen en time etter fristen",
}


def tabeller_fra_figurer(f: dict[int, dict[str, float]], ar: int) -> dict[str, pd.DataFrame]:
    ar_liste = sorted(a for a in f if a <= ar)
    nokkel = pd.DataFrame({"Mål": list(NOKKELTALL.values())})
    for a in ar_liste:
        nokkel[str(a)] = [f[a].get(k) for k in NOKKELTALL]
    meldere = [*MELDER_ID, None]
    melder_id = [MELDER_ID.get(m, IKKE_OPPGITT) for m in meldere]
    meldt = pd.DataFrame({"Meldt av": [MELDER_NAVN[m] for m in meldere] + ["Sum"]})
    for a in ar_liste[-2:]:
        meldt[f"Merket {a}"] = [f[a][f"prioritet.merket.meldt_av.{m}"] for m in melder_id] + [f[a]["prioritet.merket"]]
        meldt[f"Tatt ut {a}"] = [f[a][f"prioritet.tatt_ut.meldt_av.{m}"] for m in melder_id] + [
            f[a]["prioritet.tatt_ut"]
        ]
    frister = pd.DataFrame({"Frist": [*FRISTGRUPPER.values(), "Sum"]})
    for u, navn in zip(UTFALL, ("Lik regelen", "Kortere", "Lengre")):
        frister[navn] = [f[ar][f"prioritet.frist.{g}.{u}"] for g in FRISTGRUPPER] + [f[ar][f"prioritet.frist.{u}"]]
    frister["Sum"] = [f[ar][f"prioritet.frist.{g}"] for g in FRISTGRUPPER] + [f[ar]["prioritet.frist.satt"]]
    return {"tab-prioritet-nokkeltall": nokkel, "tab-prioritet-meldt-av": meldt, "tab-prioritet-frister": frister}


def tabeller(uttrekk, ar: int) -> dict[str, pd.DataFrame]:
    """Tabellene i kapitlet, med navnene de får i ``tabeller.xlsx`` (uformaterte tall)."""
    return tabeller_fra_figurer(figurer(uttrekk, ar), ar)


ANDEL_RADER = {NOKKELTALL[k] for k in NOKKELTALL if ".andel" in k or k.split(".")[-1].startswith("andel")}
DESIMAL_RADER = {NOKKELTALL["prioritet.arbeidsdager_snitt"]}

#: Tabellene i ``tabeller.xlsx`` (se :mod:`arsrapport.utdata.regneark`); nøkkeltallene blander
#: antall, andeler og et snitt, så formatet velges per rad, som i boka.
REGNEARK = {
    "tab-prioritet-nokkeltall": ark(
        "tab-prioritet-nokkeltall",
        standard="antall",
        rader={
            **{rad: "andel" for rad in ANDEL_RADER},
            **{rad: "desimal" for rad in DESIMAL_RADER},
        },
    ),
    "tab-prioritet-meldt-av": ark("tab-prioritet-meldt-av", standard="antall"),
    "tab-prioritet-frister": ark("tab-prioritet-frister", standard="antall"),
}


def for_boka(tab: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Tabellene med norsk formatering under navnene boka henter dem med (merket i ``:name:``)."""
    from arsrapport.presentasjon.formatering import prosent, tall

    nokkel = tab["tab-prioritet-nokkeltall"].copy().astype(object)
    for i, rad in nokkel.iterrows():
        for kol in nokkel.columns[1:]:
            v = tab["tab-prioritet-nokkeltall"].at[i, kol]
            if v is None or pd.isna(v):
                nokkel.at[i, kol] = "–"
            elif rad["Mål"] in ANDEL_RADER:
                nokkel.at[i, kol] = prosent(v)
            elif rad["Mål"] in DESIMAL_RADER:
                nokkel.at[i, kol] = tall(v, desimaler=1)
            else:
                nokkel.at[i, kol] = tall(v)

    def heltall(t: pd.DataFrame) -> pd.DataFrame:
        ut = t.copy().astype(object)
        for kol in t.columns[1:]:
            ut[kol] = ["–" if v == 0 else tall(v) for v in t[kol]]
        ut.iloc[-1] = [f"**{v}**" for v in ut.iloc[-1]]
        return ut

    return {
        "tab-prioritet-nokkeltall": nokkel,
        "tab-prioritet-meldt-av": heltall(tab["tab-prioritet-meldt-av"]),
        "tab-prioritet-frister": heltall(tab["tab-prioritet-frister"]),
    }


# --- tallkatalogen ------------------------------------------------------------------
# Hver id kapittelet beregner, med enhet og definisjon (se arsrapport.utdata.tallkatalog).


_F = "arsrapport.kapitler.prioriterte_saker.figurer_for_ar"
_VEDTAK = "prioriterte vedtak i året (vedtak der koden sist før vedtaket var PP)"
_FRIST = "prioriterte vedtak i året med frist for å be om utsatt iverksetting"

TALL = [
    Tall(
        "prioritet.merket[.meldt_av.{ledd}]",
        "antall",
        "Saker merket PP i året, alle eller bare dem melderen id-en angir meldte (meldt_av på sakens første PP i året).",
        _F,
    ),
    Tall(
        "prioritet.tatt_ut[.meldt_av.{ledd}]",
        "antall",
        "Av sakene merket PP i året: de som senere ble tatt ut igjen (UM), alle eller bare dem melderen id-en angir "
        "meldte.",
        _F,
    ),
    Tall(
        "prioritet.andel_tatt_ut",
        "andel",
        "Andel av sakene merket PP i året som senere ble tatt ut igjen (UM).",
        _F,
    ),
    Tall("prioritet.vedtak", "antall", f"Antall {_VEDTAK}.", _F),
    Tall(
        "prioritet.innen_5_arbeidsdager",
        "antall",
        f"Av de {_VEDTAK}: de som kom høyst fem arbeidsdager etter merkingen.",
        _F,
    ),
    Tall(
        "prioritet.andel_innen_5_arbeidsdager",
        "andel",
        f"Andel av de {_VEDTAK} som kom høyst fem arbeidsdager etter merkingen.",
        _F,
    ),
    Tall(
        "prioritet.arbeidsdager_snitt",
        "desimaltall",
        f"Gjennomsnittlig antall arbeidsdager fra merkingen til vedtaket, for de {_VEDTAK}.",
        _F,
        desimaler=1,
    ),
    Tall(
        "prioritet.aapenbart_grunnlos",
        "antall",
        f"Av de {_VEDTAK}: avslag som åpenbart grunnløse.",
        _F,
    ),
    Tall(
        "prioritet.andel_aapenbart_grunnlos",
        "andel",
        f"Andel av de {_VEDTAK} som var avslag som åpenbart grunnløse.",
        _F,
    ),
    Tall("prioritet.frist.satt", "antall", f"Antall {_FRIST}.", _F),
    Tall(
        "prioritet.frist.{fristgruppe}",
        "antall",
        f"Antall {_FRIST}, i gruppen id-en angir (aapenbart_grunnlos: to arbeidsdager; ordinaer: tre uker).",
        _F,
    ),
    Tall(
        "prioritet.frist[.{fristgruppe}].{fristutfall}",
        "antall",
        f"Antall {_FRIST} der fristen var lik, kortere eller lengre enn regelen (som id-en angir), "
        "for begge gruppene eller bare gruppen id-en angir.",
        _F,
    ),
    Tall(
        "prioritet.frist[.{fristgruppe}].{fristandel}",
        "andel",
        f"Andel av de {_FRIST} der fristen var lik, kortere eller lengre enn regelen (som id-en angir), "
        "for begge gruppene eller bare gruppen id-en angir.",
        _F,
    ),
    Tall(
        "prioritet.uiv.begjaeringer",
        "antall",
        "Begjæringer om utsatt iverksetting i prioriterte saker avslått i året som åpenbart grunnløse.",
        _F,
    ),
    Tall(
        "prioritet.uiv.innen_en_time",
        "antall",
        "Av de begjæringene (prioritet.uiv.begjaeringer): de som ble avgjort senest en time etter fristen.",
        _F,
    ),
    Tall(
        "prioritet.uiv.andel_innen_en_time",
        "andel",
        "Andel av begjæringene (prioritet.uiv.begjaeringer) som ble avgjort senest en time etter fristen.",
        _F,
    ),
    Tall(
        "prioritet.avvik[.{ledd}]",
        "antall",
        "Saker med en hendelse i året som kontrollen av merkehistorikken flagger: alle avvik, eller bare typen id-en "
        "angir (um_uten_pp: UM uten PP; etter_vedtak: endring etter vedtaket; utenfor_regelverket: PP på en sak "
        "rundskrivet holder utenfor).",
        _F,
    ),
]
