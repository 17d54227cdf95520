"""Lim (glue) tallene inn i notatboka, slik at boka og ``figures.json`` kan hente dem.

Hvert tall limes to ganger:

- ``<id>@<år>``: råverdien (heltall eller flyttall, kanoniske enheter). Det er disse
  ``figures.json`` samles fra.
- ``t.<id>@<år>``: ferdig formatert norsk tekst («7 029», «64,4 %», «154 dager») til bruk
  i løpende tekst med ``{glue:text}`` og formatet ``:s``.
"""

from __future__ import annotations

import math

from arsrapport import formatering as fmt

TEKST = "t."
SKILLE = "@"


DAGER_FORST = ("saksbehandlingstid", "saksbehandlingstid_tertial", "beholdning_alder", "beholdning_alder_start")
DAGER_LEDD = ("snitt", "alder", "alder_start", "grense_dager")  # spN.snitt, spN.alder …


def enhet(figur_id: str) -> str:
    """Enheten et tall vises i, avledet av navnet (samme regel som ``docs/figures.md``)."""
    ledd = figur_id.split(".")
    forste = ledd[0]
    er_dager = forste in DAGER_FORST or (len(ledd) > 1 and ledd[1] in DAGER_LEDD)
    if figur_id.endswith(".endring"):
        return "endring"
    if figur_id.endswith(".endring_abs"):
        return "dager" if er_dager else "antall"
    if "andel" in forste or ledd[-1].endswith("andel") or ledd[-1].startswith("andel"):
        return "andel"  # f.eks. rettssaker.medhold_andel, sp1.andel_under_grense, sp1.mal_andel
    if er_dager:
        return "dager"
    if figur_id in ("rettssaker.dager_per_sak",):
        return "desimal"
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
    return fmt.tall(abs(verdi)) if figur_id.endswith("endring_abs") else fmt.tall(verdi)


def _ren(verdi):
    """numpy-skalarer til int/float (glue lagrer repr-en); bool (også numpy.bool_) til 0/1."""
    if hasattr(verdi, "item"):
        verdi = verdi.item()
    if isinstance(verdi, bool):
        return int(verdi)
    return verdi


def lim_figurer(figurer: dict[int, dict[str, float]], rapportar: int, glue=None) -> int:
    """Lim alle tallene. Returnerer antallet limte verdier. Tomme verdier (NaN) hoppes over.

    For teksten limes i tillegg årsuavhengige navn, slik at samme side fungerer for
    hvert rapportår: ``t.<id>`` (rapportåret), ``t.<id>@f1`` (året før), ``t.<id>@f2``,
    og for endringer verbet ``t.<id>.verb`` («økte», «gikk ned», «var uendret»).
    """
    if glue is None:
        from myst_nb import glue
    n = 0
    for ar in sorted(figurer):
        for fid in sorted(figurer[ar]):
            verdi = _ren(figurer[ar][fid])
            if verdi is None or (isinstance(verdi, float) and not math.isfinite(verdi)):
                continue
            tekst = som_tekst(fid, verdi)
            glue(f"{fid}{SKILLE}{ar}", verdi, display=False)
            glue(f"{TEKST}{fid}{SKILLE}{ar}", tekst, display=False)
            n += 2
            tilbake = rapportar - ar
            if 0 <= tilbake <= 3:
                alias = f"{TEKST}{fid}" + (f"{SKILLE}f{tilbake}" if tilbake else "")
                glue(alias, tekst, display=False)
                n += 1
                if fid.endswith((".endring", ".endring_abs")):
                    # retningen slik tallet vises (som i formatering): aldri «økte med 0 %»
                    vist_null = not any(c in "123456789" for c in tekst)
                    verb = "var uendret" if vist_null else "økte" if verdi > 0 else "gikk ned"
                    glue(f"{alias}.verb", verb, display=False)
                    n += 1
    return n
