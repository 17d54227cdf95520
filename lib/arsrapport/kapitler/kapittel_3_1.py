"""Kapittel 3.1 «Generelle tall for virksomheten»: alle tall kapitlet viser, under
figur-id-ene i ``docs/figures.md``, og tabellene bak Tabell 2–4 og Figur 2–12."""

from __future__ import annotations

import pandas as pd

from arsrapport.grunn.idledd import FORM_ID, GRUPPE_ID, TYPE_ID, slug
from arsrapport.maal import rettssaker as rettssaker_mod
from arsrapport.maal import saksbehandling as sb
from arsrapport.maal import uiv as uiv_mod
from arsrapport.presentasjon.regnearkspek import ark
from arsrapport.presentasjon.tallspek import Tall

FORM_NAVN = {
    "Stornemnd": "Stornemnd",
    "NMP": "Nemndmøte med personlig frammøte",
    "NUP": "Nemndmøte uten personlig frammøte",
    "NL": "Nemndleder etter forberedelse fra sekretariatet",
    "SEK": "I sekretariatet",
}
FORSTE_AR_RETTSSAKER = 2017


def _legg_til(ut: dict, prefiks: str, serie: pd.Series, navn: dict[str, str]) -> None:
    for nokkel, verdi in serie.items():
        if nokkel in navn and pd.notna(verdi):
            ut[f"{prefiks}.{navn[nokkel]}"] = verdi


def _andel(teller: float, nevner: float) -> float | None:
    return teller / nevner if nevner else None


def figurer_for_ar(saker: pd.DataFrame, ar: int) -> dict[str, float]:
    """Alle saksbaserte tall for ett år (rapportåret eller et sammenligningsår)."""
    d = sb.sluttdato(ar)
    d0 = sb.sluttdato(ar - 1)
    # bare sakene som kan telle i året: mottatt innen 31.12. og åpne ved utgangen av året
    # før (eller mottatt i året). Samme svar, men en brøkdel av radene for store registre.
    relevant = (saker["mottatt_dato"] <= d) & ~(saker["avsluttet_dato"] <= d0)
    s = saker.loc[relevant]
    f: dict[str, float] = {}

    # mottatt (3.1.1)
    f["mottatt"] = sb.mottatt(s, ar)
    _legg_til(f, "mottatt", sb.mottatt(s, ar, "behandlingstype"), TYPE_ID)
    _legg_til(f, "mottatt", sb.mottatt(s, ar, "saksgruppe"), GRUPPE_ID)
    f["andel_omgjoring_av_mottatt"] = _andel(f.get("mottatt.omgjoring", 0), f["mottatt"])

    # behandlet og henlagt (3.1.2)
    f["behandlet"] = sb.behandlet(s, ar)
    _legg_til(f, "behandlet", sb.behandlet(s, ar, "behandlingstype"), TYPE_ID)
    _legg_til(f, "behandlet", sb.behandlet(s, ar, "saksgruppe"), GRUPPE_ID)
    per_kat = sb.behandlet(s, ar, "kategori")
    f["behandlet.asylsaker"] = int(per_kat.get("Asylsaker", 0))
    f["behandlet.oppholdssaker"] = int(per_kat.get("Oppholdssaker", 0))
    f["andel_omgjoring_av_behandlet"] = _andel(f.get("behandlet.omgjoring", 0), f["behandlet"])
    f["henlagt"] = sb.henlagt(s, ar)
    _legg_til(f, "henlagt", sb.henlagt(s, ar, "saksgruppe"), GRUPPE_ID)
    # begge behandlingstypene alltid med: en telling på 0 er et svar
    alle_typer = list(TYPE_ID)
    _legg_til(f, "henlagt", sb.henlagt(s, ar, "behandlingstype").reindex(alle_typer, fill_value=0), TYPE_ID)

    # avgjørelsesform (3.1.3)
    per_form = sb.behandlet(s, ar, "avgjorelsesform")
    for form, fid in FORM_ID.items():
        f[f"behandlet.form.{fid}"] = int(per_form.get(form, 0))
    f["behandlet.form.nemndmote"] = sb.behandlet(s.loc[s["nemndmote"]], ar)
    andeler = sb.avgjorelsesform_andeler(s, ar)
    for form, fid in FORM_ID.items():
        f[f"avgjort_andel.form.{fid}"] = float(andeler[form])
    f["avgjort_andel.form.nemndmote"] = float(andeler["Nemndmøte"])
    nm = f["behandlet.form.nemndmote"]
    f["avgjort_andel_nemndmote.form.nmp"] = _andel(f["behandlet.form.nmp"], nm)
    f["avgjort_andel_nemndmote.form.nup"] = _andel(f["behandlet.form.nup"], nm)
    nm_gruppe = sb.behandlet(s.loc[s["nemndmote"]], ar, "saksgruppe")
    _legg_til(f, "behandlet", nm_gruppe, {k: f"{v}.form.nemndmote" for k, v in GRUPPE_ID.items()})
    andel_gruppe = sb.avgjorelsesform_andeler(s, ar, "saksgruppe")["Nemndmøte"]
    _legg_til(f, "avgjort_andel", andel_gruppe, {k: f"{v}.form.nemndmote" for k, v in GRUPPE_ID.items()})
    stb = s["sakstype"].eq("Tilbakekall statsborgerskap")
    f["behandlet.sakstype.tilbakekall_statsborgerskap.form.nemndmote"] = sb.behandlet(s.loc[stb & s["nemndmote"]], ar)

    # saksbehandlingstid (3.1.4)
    f["saksbehandlingstid"] = sb.saksbehandlingstid(s, ar)
    _legg_til(f, "saksbehandlingstid", sb.saksbehandlingstid(s, ar, "saksgruppe"), GRUPPE_ID)
    _legg_til(
        f,
        "saksbehandlingstid",
        sb.saksbehandlingstid(s, ar, "avgjorelsesform"),
        {k: f"form.{v}" for k, v in FORM_ID.items()},
    )
    f["saksbehandlingstid.form.nemndmote"] = sb.saksbehandlingstid(s.loc[s["nemndmote"]], ar)
    _legg_til(f, "saksbehandlingstid", sb.saksbehandlingstid(s, ar, "behandlingstype"), TYPE_ID)

    # omgjøring (3.1.5)
    f["omgjort"] = sb.omgjort(s, ar)
    f["omgjoringsandel"] = sb.omgjoringsandel(s, ar)
    _legg_til(f, "omgjoringsandel", sb.omgjoringsandel(s, ar, "saksgruppe"), GRUPPE_ID)
    _legg_til(f, "omgjoringsandel", sb.omgjoringsandel(s, ar, "behandlingstype"), TYPE_ID)
    _legg_til(
        f, "omgjoringsandel", sb.omgjoringsandel(s, ar, "avgjorelsesform"), {k: f"form.{v}" for k, v in FORM_ID.items()}
    )
    f["omgjoringsandel.form.nemndmote"] = sb.omgjoringsandel(s.loc[s["nemndmote"]], ar)
    _legg_til(f, "omgjort", sb.omgjort(s, ar, "avgjorelsesform"), {k: f"form.{v}" for k, v in FORM_ID.items()})
    _legg_til(f, "omgjort", sb.omgjort(s, ar, "behandlingstype").reindex(alle_typer, fill_value=0), TYPE_ID)
    topp = topp_nasjonaliteter_asyl_realitet(s, ar)
    for nasj, rad in topp.iterrows():
        f[f"omgjoringsandel.asyl_realitet.nasjonalitet.{slug(nasj)}"] = float(rad["andel_omgjort"])

    # ubehandlede saker (3.1.6)
    f["beholdning"] = sb.beholdning(s, d)
    f["beholdning_start"] = sb.beholdning(s, d0)
    # også grupper med null i beholdning (Tabell 3 viser «–»)
    alle_grupper = list(GRUPPE_ID)
    _legg_til(f, "beholdning", sb.beholdning(s, d, "saksgruppe").reindex(alle_grupper, fill_value=0), GRUPPE_ID)
    _legg_til(f, "beholdning_start", sb.beholdning(s, d0, "saksgruppe").reindex(alle_grupper, fill_value=0), GRUPPE_ID)
    f["beholdning_alder"] = sb.snitt_alder(s, d)
    f["beholdning_alder_start"] = sb.snitt_alder(s, d0)
    _legg_til(f, "beholdning_alder", sb.snitt_alder(s, d, "saksgruppe"), GRUPPE_ID)
    _legg_til(f, "beholdning_alder_start", sb.snitt_alder(s, d0, "saksgruppe"), GRUPPE_ID)
    _legg_til(f, "beholdning", sb.beholdning(s, d, "behandlingstype").reindex(alle_typer, fill_value=0), TYPE_ID)
    _legg_til(f, "beholdning_start", sb.beholdning(s, d0, "behandlingstype").reindex(alle_typer, fill_value=0), TYPE_ID)
    _legg_til(f, "beholdning_alder", sb.snitt_alder(s, d, "behandlingstype"), TYPE_ID)
    _legg_til(f, "beholdning_alder_start", sb.snitt_alder(s, d0, "behandlingstype"), TYPE_ID)
    return {k: v for k, v in f.items() if v is not None and not (isinstance(v, float) and pd.isna(v))}


def _endringer(f: dict[int, dict[str, float]], ar: int) -> None:
    """Endring fra året før (``.endring`` relativ, ``.endring_abs`` absolutt) for tallene teksten omtaler."""
    naa, for_ = f[ar], f.get(ar - 1, {})
    for fid in ("mottatt", "behandlet", "behandlet.asylsaker", "behandlet.oppholdssaker"):
        if fid in naa and for_.get(fid):
            naa[f"{fid}.endring"] = naa[fid] / for_[fid] - 1
            naa[f"{fid}.endring_abs"] = naa[fid] - for_[fid]
    for fid in [k for k in list(naa) if k.startswith("beholdning.")] + ["beholdning"]:
        start = naa.get(fid.replace("beholdning", "beholdning_start", 1))
        if start is not None:
            naa[f"{fid}.endring_abs"] = naa[fid] - start
            if start:
                naa[f"{fid}.endring"] = naa[fid] / start - 1


def topp_nasjonaliteter_asyl_realitet(saker: pd.DataFrame, ar: int, n: int = 5) -> pd.DataFrame:
    """Figur 11: realitetsbehandlede asylsaker i året, de n nasjonalitetene med flest vedtak."""
    s = saker.loc[saker["saksgruppe"].eq("Asyl") & saker["asylspor"].eq("Realitet")]
    b = s.loc[sb.er_behandlet(s, ar)]
    tab = b.groupby("nasjonalitet").agg(behandlet=("omgjort", "size"), omgjort=("omgjort", "sum"))
    tab = tab.sort_values(["behandlet", "omgjort"], ascending=False, kind="stable").head(n)
    tab["ikke_omgjort"] = tab["behandlet"] - tab["omgjort"]
    tab["andel_omgjort"] = tab["omgjort"] / tab["behandlet"]
    return tab


def figurer(uttrekk, ar: int, sammenligningsar: int = 2) -> dict[int, dict[str, float]]:
    """Alle tall kapittel 3.1 viser: rapportåret, sammenligningsårene og året før dem
    (Figur 2 og 4 viser fire år), og rettssaksårene tilbake til 2017 (Tabell 4/Del VII)."""
    saker = sb.med_avledede(uttrekk.saker)
    forste = ar - sammenligningsar - 1
    ut: dict[int, dict[str, float]] = {a: figurer_for_ar(saker, a) for a in range(forste, ar + 1)}
    for a in range(forste + 1, ar + 1):
        _endringer(ut, a)
    for a in range(FORSTE_AR_RETTSSAKER, ar + 1):
        ut.setdefault(a, {}).update(rettssaker_mod.figurer(uttrekk.rettssaker, a))
    for a in range(ar - sammenligningsar, ar + 1):
        ut[a].update(uiv_mod.figurer(uttrekk.uiv, a))
    return ut


# --- tabeller ---------------------------------------------------------------------


def tabell_avgjorelsesform(saker: pd.DataFrame, ar: int) -> pd.DataFrame:
    """Tabell 2: behandlede saker etter avgjørelsesform og andel omgjort."""
    s = sb.med_avledede(saker) if "nemndmote" not in saker else saker
    antall = sb.behandlet(s, ar, "avgjorelsesform").reindex(list(FORM_NAVN), fill_value=0)
    andel = sb.omgjoringsandel(s, ar, "avgjorelsesform").reindex(list(FORM_NAVN))
    tab = pd.DataFrame(
        {
            "Avgjørelsesform": [FORM_NAVN[f] for f in FORM_NAVN],
            "Behandlede saker": antall.to_numpy(),
            "Andel omgjort": andel.to_numpy(),
        }
    )
    return tab.loc[tab["Behandlede saker"] > 0].reset_index(drop=True)


def tabell_beholdning(saker: pd.DataFrame, ar: int, antall_ar: int = 3) -> pd.DataFrame:
    """Tabell 3: ubehandlede saker per 31.12. etter saksgruppe, de siste årene."""
    kol = {}
    for a in range(ar - antall_ar + 1, ar + 1):
        kol[f"31.12.{a}"] = sb.beholdning(saker, sb.sluttdato(a), "saksgruppe").reindex(sorted(GRUPPE_ID), fill_value=0)
    tab = pd.DataFrame(kol)
    tab.loc["Sum"] = tab.sum()
    tab.index.name = "Saksgruppe"
    return tab.reset_index()


def tabell_rettssaksarbeid(rettssaker: pd.DataFrame, ar: int, fra: int = 2018) -> pd.DataFrame:
    """Tabell 4: hovedforhandlinger og dager i retten."""
    rader = {a: rettssaker_mod.rettssaksarbeid(rettssaker, a) for a in range(fra, ar + 1)}
    return pd.DataFrame(
        {
            "": ["Antall hovedforhandlinger", "Antall dager i retten"],
            **{str(a): [int(v["hovedforhandlinger"]), int(v["dager_i_retten"])] for a, v in rader.items()},
        }
    )


def tabell_per_gruppe(saker: pd.DataFrame, ar: int) -> pd.DataFrame:
    """Grunnlaget for Figur 3, 5, 7, 8, 10 og 12: nøkkeltall per saksgruppe i rapportåret."""
    s = sb.med_avledede(saker) if "nemndmote" not in saker else saker
    d = sb.sluttdato(ar)
    tab = pd.DataFrame(
        {
            "Mottatt": sb.mottatt(s, ar, "saksgruppe"),
            "Behandlet": sb.behandlet(s, ar, "saksgruppe"),
            "Henlagt": sb.henlagt(s, ar, "saksgruppe"),
            "Behandlet i nemndmøte": sb.behandlet(s.loc[s["nemndmote"]], ar, "saksgruppe"),
            "Saksbehandlingstid (dager)": sb.saksbehandlingstid(s, ar, "saksgruppe"),
            "Andel omgjort": sb.omgjoringsandel(s, ar, "saksgruppe"),
            "Ubehandlet 31.12.": sb.beholdning(s, d, "saksgruppe"),
            "Alder ubehandlede (dager)": sb.snitt_alder(s, d, "saksgruppe"),
        }
    ).reindex(sorted(GRUPPE_ID))
    tab[["Mottatt", "Behandlet", "Henlagt", "Behandlet i nemndmøte", "Ubehandlet 31.12."]] = (
        tab[["Mottatt", "Behandlet", "Henlagt", "Behandlet i nemndmøte", "Ubehandlet 31.12."]].fillna(0).astype("int64")
    )
    tab.index.name = "Saksgruppe"
    return tab.reset_index()


def tabell_utvikling(saker: pd.DataFrame, ar: int, antall_ar: int = 4) -> pd.DataFrame:
    """Grunnlaget for Figur 2 og 4: mottatte og behandlede saker per år, klager og anmodninger."""
    rader = []
    for a in range(ar - antall_ar + 1, ar + 1):
        m = sb.mottatt(saker, a, "behandlingstype")
        b = sb.behandlet(saker, a, "behandlingstype")
        rader.append(
            {
                "År": a,
                "Mottatt, klager": int(m.get("Klage", 0)),
                "Mottatt, omgjøringsanmodninger": int(m.get("Omgjøringsanmodning", 0)),
                "Behandlet, klager": int(b.get("Klage", 0)),
                "Behandlet, omgjøringsanmodninger": int(b.get("Omgjøringsanmodning", 0)),
            }
        )
    return pd.DataFrame(rader)


def tabell_form_tid(saker: pd.DataFrame, ar: int) -> pd.DataFrame:
    """Grunnlaget for Figur 6 og 9: vedtak og saksbehandlingstid etter avgjørelsesform."""
    antall = sb.behandlet(saker, ar, "avgjorelsesform").reindex(list(FORM_NAVN), fill_value=0)
    tid = sb.saksbehandlingstid(saker, ar, "avgjorelsesform").reindex(list(FORM_NAVN))
    tab = pd.DataFrame(
        {
            "Avgjørelsesform": [FORM_NAVN[f] for f in FORM_NAVN],
            "Behandlede saker": antall.to_numpy(),
            "Saksbehandlingstid (dager)": tid.to_numpy(),
        }
    )
    return tab.loc[tab["Behandlede saker"] > 0].reset_index(drop=True)


#: Tabellene i ``tabeller.xlsx``: hvilke tabeller og figurer i boka (merket i ``:name:``)
#: hver tabell fra :func:`tabeller` er grunnlaget for, kildene og tallformater ut over
#: standardreglene (se :mod:`arsrapport.utdata.regneark`).
REGNEARK = {
    "fig-3-1-innkomne": ark("fig-3-1-innkomne", "fig-3-1-behandlede"),
    "fig-3-1-innkomne-gruppe": ark(
        "fig-3-1-innkomne-gruppe",
        "fig-3-1-behandlede-gruppe",
        "fig-3-1-nemndmote",
        "fig-3-1-tid-gruppe",
        "fig-3-1-omgjoring",
        "fig-3-1-alder",
    ),
    "fig-3-1-form": ark("fig-3-1-form", "fig-3-1-tid-form"),
    "tab-3-1-form": ark("tab-3-1-form"),
    "fig-3-1-nasjonalitet": ark("fig-3-1-nasjonalitet"),
    "tab-3-1-beholdning": ark("tab-3-1-beholdning"),
    "tab-3-1-rettssaker": ark("tab-3-1-rettssaker"),
}


def tabeller(uttrekk, ar: int) -> dict[str, pd.DataFrame]:
    """Alle tabellene i kapittelet, under nøklene i ``REGNEARK`` (arket i ``tabeller.xlsx`` får
    nummeret i boka som navn)."""
    s = sb.med_avledede(uttrekk.saker)
    nasj = topp_nasjonaliteter_asyl_realitet(s, ar).reset_index()
    nasj.columns = ["Nasjonalitet", "Behandlet", "Omgjort", "Ikke omgjort", "Andel omgjort"]
    return {
        "fig-3-1-innkomne": tabell_utvikling(s, ar),
        "fig-3-1-innkomne-gruppe": tabell_per_gruppe(s, ar),
        "fig-3-1-form": tabell_form_tid(s, ar),
        "tab-3-1-form": tabell_avgjorelsesform(s, ar),
        "fig-3-1-nasjonalitet": nasj,
        "tab-3-1-beholdning": tabell_beholdning(s, ar),
        "tab-3-1-rettssaker": tabell_rettssaksarbeid(uttrekk.rettssaker, ar),
    }


# --- tallkatalogen ------------------------------------------------------------------
# Hver id kapittelet beregner, med enhet og definisjon (se arsrapport.utdata.tallkatalog). Tallene
# per saksgruppe (mottatt.asyl …) regnes også i porteføljen i 3.2 og står der.


_TYPE = "alle saker, eller bare behandlingstypen id-en angir (klage, omgjoring)"
_ALLE = "alle saker, eller bare behandlingstypen og/eller avgjørelsesformen id-en angir (form.nemndmote: de tre møteformene)"

TALL = [
    Tall("mottatt[.{type}]", "antall", f"Saker UNE mottok i året, {_TYPE}.", "arsrapport.maal.saksbehandling.mottatt"),
    Tall(
        "behandlet[.{type}][.{form}]",
        "antall",
        f"Saker nemnda behandlet (vedtak) i året, {_ALLE}.",
        "arsrapport.maal.saksbehandling.behandlet",
    ),
    Tall(
        "henlagt[.{type}]",
        "antall",
        f"Saker henlagt (avsluttet uten vedtak) i året, {_TYPE}.",
        "arsrapport.maal.saksbehandling.henlagt",
    ),
    Tall(
        "omgjort[.{type}][.{form}]",
        "antall",
        f"Saker behandlet i året der vedtaket ble omgjort helt eller delvis, {_ALLE}.",
        "arsrapport.maal.saksbehandling.omgjort",
    ),
    Tall(
        "omgjoringsandel[.{type}][.{form}]",
        "andel",
        f"Andel av sakene behandlet i året der vedtaket ble omgjort helt eller delvis, {_ALLE}.",
        "arsrapport.maal.saksbehandling.omgjoringsandel",
    ),
    Tall(
        "omgjoringsandel.asyl_realitet.{land}",
        "andel",
        "Omgjøringsandelen i realitetsbehandlede asylsaker behandlet i året, for hver av de fem nasjonalitetene "
        "med flest slike vedtak (Figur 11).",
        "arsrapport.kapitler.kapittel_3_1.topp_nasjonaliteter_asyl_realitet",
    ),
    Tall(
        "saksbehandlingstid[.{type}][.{form}]",
        "dager",
        f"Gjennomsnittlig saksbehandlingstid i dager (mottatt til vedtak) for sakene behandlet i året, {_ALLE}.",
        "arsrapport.maal.saksbehandling.saksbehandlingstid",
    ),
    Tall(
        "avgjort_andel.{form}",
        "andel",
        "Andel av sakene behandlet i året som ble avgjort i avgjørelsesformen id-en angir "
        "(form.nemndmote: de tre nemndmøteformene samlet).",
        "arsrapport.maal.saksbehandling.avgjorelsesform_andeler",
    ),
    Tall(
        "avgjort_andel_nemndmote.{form}",
        "andel",
        "Andel av sakene avgjort i nemndmøte i året som ble avgjort i møteformen id-en angir (nmp eller nup).",
        "arsrapport.kapitler.kapittel_3_1.figurer_for_ar",
    ),
    Tall(
        "andel_omgjoring_av_mottatt",
        "andel",
        "Andel omgjøringsanmodninger av alle saker mottatt i året.",
        "arsrapport.kapitler.kapittel_3_1.figurer_for_ar",
    ),
    Tall(
        "andel_omgjoring_av_behandlet",
        "andel",
        "Andel omgjøringsanmodninger av alle saker behandlet i året.",
        "arsrapport.kapitler.kapittel_3_1.figurer_for_ar",
    ),
    Tall(
        "beholdning[.{type}]",
        "antall",
        "Ubehandlede saker per 31.12. i året, alle eller bare behandlingstypen id-en angir.",
        "arsrapport.maal.saksbehandling.beholdning",
    ),
    Tall(
        "beholdning_start[.{type}]",
        "antall",
        "Ubehandlede saker per 31.12. året før (ved inngangen til året), alle eller bare behandlingstypen id-en angir.",
        "arsrapport.maal.saksbehandling.beholdning",
    ),
    Tall(
        "beholdning_alder[.{type}]",
        "dager",
        "Gjennomsnittlig alder i dager på de ubehandlede sakene per 31.12. i året, alle eller bare "
        "behandlingstypen id-en angir.",
        "arsrapport.maal.saksbehandling.snitt_alder",
    ),
    Tall(
        "beholdning_alder_start[.{type}]",
        "dager",
        "Gjennomsnittlig alder i dager på de ubehandlede sakene per 31.12. året før, alle eller bare "
        "behandlingstypen id-en angir.",
        "arsrapport.maal.saksbehandling.snitt_alder",
    ),
    # rettssaker (3.1.7, Tabell 4, Del VII tabell 5–8)
    Tall(
        "rettssaker.rettskraftige",
        "antall",
        "Rettskraftige dommer i året i saker mot nemnda (medhold og tap; hevet/avvist er ikke dommer).",
        "arsrapport.maal.rettssaker.rettskraftige",
    ),
    Tall(
        "rettssaker.medhold",
        "antall",
        "Rettskraftige dommer i året der staten fikk medhold.",
        "arsrapport.maal.rettssaker.rettskraftige",
    ),
    Tall(
        "rettssaker.tap",
        "antall",
        "Rettskraftige dommer i året der staten tapte.",
        "arsrapport.maal.rettssaker.rettskraftige",
    ),
    Tall(
        "rettssaker.medhold_andel",
        "andel",
        "Andel av de rettskraftige dommene i året der staten fikk medhold.",
        "arsrapport.maal.rettssaker.rettskraftige",
    ),
    Tall(
        "rettssaker.tap_andel",
        "andel",
        "Andel av de rettskraftige dommene i året der staten tapte.",
        "arsrapport.maal.rettssaker.rettskraftige",
    ),
    Tall(
        "rettssaker.nye",
        "antall",
        "Nye rettssaker (stevninger og anker) innkommet i året, alle instanser.",
        "arsrapport.maal.rettssaker.nye",
    ),
    Tall(
        "rettssaker.nye.{instans}",
        "antall",
        "Nye rettssaker innkommet i året i instansen id-en angir.",
        "arsrapport.maal.rettssaker.nye",
    ),
    Tall(
        "rettssaker.nye_saker",
        "antall",
        "Nye rettssaker i 3.2.21: nye saker i tingretten (stevninger) innkommet i året.",
        "arsrapport.maal.rettssaker.figurer",
    ),
    Tall(
        "rettssaker.nye.{prosedyre}",
        "antall",
        "Nye saker i tingretten (stevninger) innkommet i året som ble ført av den id-en angir.",
        "arsrapport.maal.rettssaker.prosedyre",
    ),
    Tall(
        "rettssaker.nye_andel.{prosedyre}",
        "andel",
        "Andel av de nye sakene i tingretten innkommet i året som ble ført av den id-en angir.",
        "arsrapport.maal.rettssaker.prosedyre",
    ),
    Tall(
        "rettssaker.anker.{prosedyre}",
        "antall",
        "Nye anker (lagmannsretten og Høyesterett) innkommet i året som ble ført av den id-en angir.",
        "arsrapport.maal.rettssaker.prosedyre",
    ),
    Tall(
        "rettssaker.avgjorelser[.{instans}][.{utfall}]",
        "antall",
        "Alle avgjørelser i rettssaker i året uansett rettskraft, for instansen og/eller utfallet id-en angir.",
        "arsrapport.maal.rettssaker.avgjorelser",
    ),
    Tall(
        "rettssaker.hovedforhandlinger",
        "antall",
        "Hovedforhandlinger i rettssaker avgjort i året.",
        "arsrapport.maal.rettssaker.rettssaksarbeid",
    ),
    Tall(
        "rettssaker.dager_i_retten",
        "antall",
        "Dager i retten i rettssaker med hovedforhandling avgjort i året (summen).",
        "arsrapport.maal.rettssaker.rettssaksarbeid",
    ),
    Tall(
        "rettssaker.dager_per_sak",
        "desimaltall",
        "Dager i retten per hovedforhandling i rettssakene avgjort i året.",
        "arsrapport.maal.rettssaker.rettssaksarbeid",
        desimaler=1,
    ),
    # utsatt iverksetting i Dublinsaker (3.2.3, Figur 14)
    Tall(
        "uiv.mottatt",
        "antall",
        "Begjæringer om utsatt iverksetting (UIV) i Dublinsaker mottatt i året.",
        "arsrapport.maal.uiv.mottatt",
    ),
    Tall(
        "uiv.mottatt.mnd.{maned}",
        "antall",
        "Begjæringer om utsatt iverksetting i Dublinsaker mottatt i måneden id-en angir (01–12) i året.",
        "arsrapport.maal.uiv.per_maned",
    ),
    Tall(
        "uiv.behandlet",
        "antall",
        "Begjæringer om utsatt iverksetting i Dublinsaker avgjort i året.",
        "arsrapport.maal.uiv.behandlet",
    ),
]
