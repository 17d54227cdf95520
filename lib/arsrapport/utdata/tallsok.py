"""``arsrapport tall``: søk i tallene boka beregner, med årets verdi slik boka skriver den og
definisjonen fra tallkatalogen, og den genererte lista for skribentene (``docs/tallkatalog.md``).

Tallene regnes i denne prosessen (:func:`arsrapport.kapitler.beregn_alle`), uten notatbøker og
uten bok, på samme måte som ``arsrapport figures``.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from arsrapport.grunn.config import PROSJEKTROT
from arsrapport.utdata.tallkatalog import Katalog, dokumentasjon, katalog

#: Den genererte lista for skribentene.
DOKUMENTASJON = PROSJEKTROT / "docs" / "tallkatalog.md"
#: Kommandoen som lager lista på nytt.
KOMMANDO = "arsrapport tall --skriv-dokumentasjon"
#: Så mange tall vises på det meste; resten nevnes med antall.
MAKS_LINJER = 200

#: Overskriftene i lista, per kapittel i katalogen.
TITLER = {
    "felles": "Felles for alle sider",
    "3_1_generelle_tall": "3.1 Generelle tall for virksomheten",
    "3_2_styringsparametere": "3.2 Styringsparameterne og porteføljen",
    "3_2_13_produktivitet": "3.2.13 Produktivitet",
    "3_2_prioriterte_saker": "Prioriterte saker",
    "6_arsregnskap": "Del VI Årsregnskapet",
    "7_statistikk": "Del VII Vedlegg med statistikk",
    "avstemming": "Avstemmingen mot den publiserte årsrapporten",
}


@dataclass
class Beregnet:
    """Tallene og tekstene alle kapitlene beregner for et rapportår."""

    rapportar: int
    figurer: dict[int, dict[str, float]]
    tekster: dict[str, str]
    data: Path
    advarsler: list[str] = field(default_factory=list)

    @property
    def arets(self) -> dict[str, object]:
        """Id → verdi for rapportåret: tallene og tekstene."""
        return {**self.figurer.get(self.rapportar, {}), **self.tekster}


def beregn(data: Path | None = None, ar: int | None = None) -> Beregnet:
    """Les uttrekket (standard: ``data/``) og regn ut alle kapitlene for rapportåret (standard
    som ``arsrapport validate``: ``ar`` i ``arsrapport.toml``, ellers siste hele år i dataene)."""
    from arsrapport import kapitler
    from arsrapport.grunn.config import les_innstillinger, rapportar
    from arsrapport.innlesing import les_uttrekk
    from arsrapport.innlesing.kontroll import kontroller_rapportar

    inn = les_innstillinger()
    data = Path(data) if data is not None else inn.data
    uttrekk = les_uttrekk(data)
    ar = rapportar(ar, uttrekk)
    advarsler = kontroller_rapportar(uttrekk, ar)  # et år dataene ikke dekker: Rapportarfeil
    resultater = kapitler.beregn_alle(uttrekk, ar)
    tekster = dict(kapitler.felles_tekster(uttrekk, ar))
    for r in resultater:
        tekster.update(r.tekster)
    return Beregnet(ar, kapitler.slå_sammen_figurer(resultater), tekster, data, advarsler)


def _ord(tekst: str) -> set[str]:
    return set(re.findall(r"\w+", tekst.casefold()))


def sok(b: Beregnet, sokeord: str = "", kat: Katalog | None = None) -> list[str]:
    """Id-ene for rapportåret som passer: ``sokeord`` er en del av id-en, eller (når søket
    bare er ord) ordene står som hele ord i definisjonen; store og små bokstaver er
    likegyldige. Uten søkeord alle. «sp1.» er en del av en id, ikke ordet «sp1» (som står i
    definisjonen til sp2.* og sp3.* også)."""
    kat = kat or katalog()
    s = sokeord.strip().casefold()
    ordene = _ord(s) if re.fullmatch(r"[\w\s]+", s) else set()
    ut = []
    for fid in sorted(b.arets):
        if not s or s in fid.casefold():
            ut.append(fid)
            continue
        t = kat.finn(fid)
        if t is not None and ordene and ordene <= _ord(t.definisjon):
            ut.append(fid)
    return ut


def linje(fid: str, verdi, kat: Katalog | None = None) -> str:
    """«id: tekst – definisjon», med verbet for endringer og ordet for beløp med fortegnsord."""
    kat = kat or katalog()
    t = kat.finn(fid)
    if t is None:
        return f"{fid}: {verdi} – (mangler i tallkatalogen)"
    tekst = t.tekst(verdi)
    if t.avledet:
        tekst += f" ({t.verb(verdi)})"
    elif t.fortegnsord:
        tekst += f" ({t.ord(verdi)})"
    return f"{fid}: {tekst} – {t.definisjon}"


def vis_sok(b: Beregnet, sokeord: str = "", maks: int = MAKS_LINJER, kat: Katalog | None = None) -> list[str]:
    """Linjene ``arsrapport tall`` skriver: hvor mange som passer, og (høyst ``maks``) tallene."""
    kat = kat or katalog()
    ider = sok(b, sokeord, kat)
    verdier = b.arets
    hva = f"som passer «{sokeord.strip()}»" if sokeord.strip() else "i alt"
    ut = [f"{len(ider)} tall for {b.rapportar} {hva} (av {len(verdier)}); skriv {{tall}}`id` i boka."]
    ut += [linje(fid, verdier[fid], kat) for fid in ider[:maks]]
    if len(ider) > maks:
        ut.append(f"… og {len(ider) - maks} til; snevre inn søket (en del av id-en eller et ord i definisjonen).")
    return ut


def _kilde(data: Path) -> str:
    """Datakatalogen slik lista nevner den: relativt til prosjektet, ellers bare navnet."""
    try:
        return f"uttrekket i `{Path(data).resolve().relative_to(PROSJEKTROT)}/`"
    except ValueError:
        return f"uttrekket i `{Path(data).name}/`"


def lag_dokumentasjon(b: Beregnet, kat: Katalog | None = None) -> str:
    """Innholdet i ``docs/tallkatalog.md`` for tallene i ``b``."""
    return dokumentasjon(
        kat or katalog(),
        b.arets,
        b.rapportar,
        titler=TITLER,
        kilde=_kilde(b.data),
        kommando=KOMMANDO,
    )


def kjor(
    sokeord: str = "",
    data: Path | None = None,
    ar: int | None = None,
    skriv_dokumentasjon: bool = False,
    melding: Callable[[str], None] = print,
    feil: Callable[[str], None] = lambda t: print(t, file=sys.stderr),
) -> int:
    """Det ``arsrapport tall`` gjør; gir utgangskoden."""
    if skriv_dokumentasjon and sokeord:
        feil("--skriv-dokumentasjon skriver hele lista; ta bort søket.")
        return 2
    b = beregn(data, ar)
    for adv in b.advarsler:
        melding(f"advarsel: {adv}")
    if skriv_dokumentasjon:
        DOKUMENTASJON.write_text(lag_dokumentasjon(b), encoding="utf-8")
        melding(f"Skrev {DOKUMENTASJON.relative_to(PROSJEKTROT)} ({len(katalog().oppforinger)} oppføringer).")
        return 0
    for tekst in vis_sok(b, sokeord):
        melding(tekst)
    return 0
