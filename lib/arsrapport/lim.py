"""Lim (glue) tallene inn i notatboka, slik at boka og ``figures.json`` kan hente dem.

For hvert år limes råverdiene samlet som én JSON-ordbok, ``figurer@<år>`` (``{id: verdi}``,
heltall eller flyttall i kanoniske enheter); det er den ``figures.json`` samles fra. Ett
utdata per år i stedet for ett per tall: kapittel 3.2 alene har tusenvis av tall, og hvert
utdata koster tid i kjøringen av notatboka.

Teksten limes per tall under årsuavhengige navn (se :func:`lim_figurer`), ferdig formatert
norsk («7 029», «64,4 %», «154 dager») til bruk i løpende tekst med ``{glue:text}`` og
formatet ``:s``.
"""

from __future__ import annotations

import json
import math

from arsrapport import formatering as fmt

TEKST = "t."
SKILLE = "@"
ALLE = "figurer"  # navnet på ordboken med årets råverdier: figurer@<år>


DAGER_FORST = ("saksbehandlingstid", "saksbehandlingstid_tertial", "beholdning_alder", "beholdning_alder_start")
DAGER_LEDD = ("snitt", "alder", "alder_start", "grense_dager")  # spN.snitt, spN.alder …
# årsverk, saker per årsverk og vekttall vises med én desimal (203,9), vekter og vekttall per
# sak med tre (0,309), som i tabellene i 3.2.13
DESIMAL_FORST = ("arsverk", "saker_per_arsverk", "vekttall")
TUSENDELER_FORST = ("vekttall_per_sak", "vekt")
# populasjoner som står foran målet i id-en (3.2.6): ema.behandlet, barnefamilie.saksbehandlingstid
POPULASJONER = ("ema", "ema_under_18", "barnefamilie", "lengevarende_barn")


def enhet(figur_id: str) -> str:
    """Enheten et tall vises i, avledet av navnet (samme regel som ``docs/figures.md``)."""
    ledd = figur_id.split(".")
    if ledd[0] in POPULASJONER and len(ledd) > 1:
        ledd = ledd[1:]  # ema.saksbehandlingstid.klage: målet står etter populasjonen
    forste = ledd[0]
    er_dager = forste in DAGER_FORST or (len(ledd) > 1 and ledd[1] in DAGER_LEDD)
    if figur_id.endswith(".endring"):
        return "endring"
    if figur_id.endswith(".endring_abs"):
        return "dager" if er_dager else "antall"
    if figur_id in ("nokkeltall.arsverk", "note2.antall_arsverk") or ledd[-1] == "arbeidsdager_snitt":
        return "desimal"  # årsverk med én desimal, som i Tabell 1
    if "andel" in forste or ledd[-1].endswith("andel") or ledd[-1].startswith("andel") or ledd[-1] == "utnyttelsesgrad":
        return "andel"  # f.eks. rettssaker.medhold_andel, sp1.andel_under_grense, sp1.mal_andel
    if er_dager:
        return "dager"
    if figur_id in ("rettssaker.dager_per_sak",) or forste in DESIMAL_FORST:
        return "desimal"
    if forste in TUSENDELER_FORST:
        return "tusendeler"
    return "antall"


def som_tekst(figur_id: str, verdi: float) -> str:
    e = enhet(figur_id)
    if e == "andel":
        # mål i tildelingsbrevet er hele prosent («70 %»); resultater med én desimal
        return fmt.prosent(verdi, desimaler=0 if figur_id.endswith("mal_andel") else 1)
    if e == "endring":
        return fmt.prosent(abs(verdi), desimaler=0)
    if e == "dager":
        return fmt.dager(abs(verdi)) if figur_id.endswith("endring_abs") else fmt.dager(verdi)
    if e == "desimal":
        return fmt.tall(verdi, desimaler=1)
    if e == "tusendeler":
        return fmt.tall(verdi, desimaler=3)
    return fmt.tall(abs(verdi)) if figur_id.endswith("endring_abs") else fmt.tall(verdi)


def _ren(verdi):
    """numpy-skalarer til int/float (glue lagrer repr-en); bool (også numpy.bool_) til 0/1."""
    if hasattr(verdi, "item"):
        verdi = verdi.item()
    if isinstance(verdi, bool):
        return int(verdi)
    return verdi


# Beløp der fortegnet er et ord i teksten: «mindreutgift på 17 179 093 kroner». For id-er
# som slutter med nøkkelen limes også ``t.<id>.abs`` (tallet uten fortegn) og ``t.<id>.ord``
# (ordet for positivt, ordet for negativt), så teksten stemmer uansett retning.
FORTEGNSORD = {
    "merutgift": ("mindreutgift", "merutgift"),  # samlet tildeling − regnskap
    "etter_belastningsfullmakter": ("mindreutgift", "merutgift"),
    "grunnlag_overforing": ("mindreutgift", "merutgift"),
    "merforbruk": ("merforbruk", "mindreforbruk"),  # utbetaling − tildeling
}

# nbval leser utdata først når cellen er ferdig, og mister meldinger når en celle gir mange
# tusen; kapitler med mange tall limer derfor ett år per celle (``ar=``)
MAKS_UTDATA_PER_CELLE = 3500


def lim_figurer(figurer: dict[int, dict[str, float]], rapportar: int, glue=None, ar: int | None = None) -> int:
    """Lim alle tallene (eller bare årets, med ``ar``). Returnerer antallet limte utdata.
    Tomme verdier (NaN) hoppes over.

    Råverdiene limes som én ordbok per år (``figurer@<år>``). For teksten limes
    årsuavhengige navn, slik at samme side fungerer for hvert rapportår: ``t.<id>``
    (rapportåret), ``t.<id>@f1`` (året før), ``t.<id>@f2``, ``t.<id>@f3``, og for endringer
    verbet ``t.<id>.verb`` («økte», «gikk ned», «var uendret»); for beløp der fortegnet er et
    ord (``FORTEGNSORD``), ``t.<id>.abs`` og ``t.<id>.ord`` («mindreutgift»/«merutgift»).
    """
    if glue is None:
        from myst_nb import glue
    if ar is not None:
        figurer = {ar: figurer.get(ar, {})}
    if sum(len(v) for v in figurer.values()) > MAKS_UTDATA_PER_CELLE:
        raise ValueError(
            f"for mange tall i én celle ({sum(len(v) for v in figurer.values())}); "
            f"lim ett år per celle med lim_figurer(..., ar=år)"
        )
    n = 0
    for ar in sorted(figurer):
        raa = {}
        for fid in sorted(figurer[ar]):
            verdi = _ren(figurer[ar][fid])
            if verdi is None or (isinstance(verdi, float) and not math.isfinite(verdi)):
                continue
            raa[fid] = verdi
            tilbake = rapportar - ar
            if 0 <= tilbake <= 3:
                tekst = som_tekst(fid, verdi)
                alias = f"{TEKST}{fid}" + (f"{SKILLE}f{tilbake}" if tilbake else "")
                glue(alias, tekst, display=False)
                n += 1
                ord_ = FORTEGNSORD.get(fid.rsplit(".", 1)[-1])
                if ord_ is not None:
                    glue(f"{alias}.abs", som_tekst(fid, abs(verdi)), display=False)
                    glue(f"{alias}.ord", ord_[0] if verdi >= 0 else ord_[1], display=False)
                    n += 2
                if fid.endswith((".endring", ".endring_abs")):
                    # retningen slik tallet vises (som i formatering): aldri «økte med 0 %»
                    vist_null = not any(c in "123456789" for c in tekst)
                    verb = "var uendret" if vist_null else "økte" if verdi > 0 else "gikk ned"
                    glue(f"{alias}.verb", verb, display=False)
                    n += 1
        if raa:
            # som JSON-tekst: IPython korter ned repr av store ordbøker («...»), ikke tekster
            glue(f"{ALLE}{SKILLE}{ar}", json.dumps(raa, sort_keys=True), display=False)
            n += 1
    return n


#: Navnet uttrekksdatoen limes under (``{glue:text}`…::t.uttrekksdato:s``).
UTTREKKSDATO = f"{TEKST}uttrekksdato"


def lim_uttrekksdato(uttrekk, glue=None) -> str:
    """Lim uttrekksdatoen som tekst («15.02.2024») under ``t.uttrekksdato``, til kildelinjene
    under figurene og tabellene («Kilde: UNEs saksregister, uttrekk …»). Returnerer teksten.

    Datoen er :meth:`Uttrekk.uttrekksdato <arsrapport.innlesing.Uttrekk.uttrekksdato>`, den
    siste datoen i uttrekket; den er tekst, ikke et tall, og kommer ikke i ``figures.json``."""
    if glue is None:
        from myst_nb import glue
    tekst = fmt.dato(uttrekk.uttrekksdato())
    glue(UTTREKKSDATO, tekst, display=False)
    return tekst
