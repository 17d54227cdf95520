"""Avstemming mot den publiserte årsrapporten: hvert publisert tall i bokas omfang, det
boka beregner, og om de stemmer innenfor trykkavrundingen eller er et kjent, begrunnet
avvik (``docs/avvik.yaml``). Dette er, sammen med testene og generatoren, det eneste stedet
som leser de publiserte tallene (``docs/golden/une-2023.yaml``)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from arsrapport.grunn.config import PROSJEKTROT, les_innstillinger
from arsrapport.presentasjon import formatering as fmt
from arsrapport.presentasjon.regnearkspek import ark
from arsrapport.presentasjon.tallspek import Katalog, Tall

PUBLISERT = les_innstillinger().publisert
AVVIK = PROSJEKTROT / "docs" / "avvik.yaml"


# Kilder i rapporten som boka ennå ikke beregner. Alt annet i gullfila er i omfanget, så et
# nytt kapittel kommer med ved å fjerne kilden her. Sammenligningen er eksakt på kildens
# avsnitt: «Tabell 1» fanger ikke «Tabell 10», og «3.2.1» ikke «3.2.13».
IKKE_BEREGNET: tuple[str, ...] = ()  # alle kildene i gullfila er beregnet


def _avsnitt(kilde: str) -> str:
    """Kildens avsnitt uten presisering i parentes: «Del VI note 2 (fotnote)» → «Del VI note 2»."""
    return kilde.split(" (")[0].strip()


def i_omfang(rad: dict) -> bool:
    """Om et publisert tall er i bokas omfang: alle kilder unntatt de i ``IKKE_BEREGNET``.
    En kilde i lista dekker også underavsnittene sine («Del VI» dekker «Del VI note 2»), men
    ikke andre avsnitt med samme begynnelse («Tabell 1» dekker ikke «Tabell 10»)."""
    avsnitt = _avsnitt(rad["source"])
    for k in IKKE_BEREGNET:
        if avsnitt == k or avsnitt.startswith(k + " "):
            return False
    return True


def publiserte(fil: Path = PUBLISERT) -> list[dict]:
    raw = yaml.safe_load(Path(fil).read_text(encoding="utf-8"))
    return [r for r in raw["figures"] if i_omfang(r)]


@dataclass(frozen=True)
class KjentAvvik:
    """Et publisert tall boka bevisst ikke gjenskaper: grunnen og tallet boka beregner, som
    grunnen er skrevet for (``None``: boka kan ikke beregne tallet)."""

    grunn: str
    beregnet: float | None


# ``beregnet`` står med seks desimaler i avvik.yaml
_AVVIK_PRESISJON = 1e-6


def samme_verdi(verdi: float | None, beregnet: float | None) -> bool:
    """Om boka beregner tallet avviket er begrunnet for: begge mangler, eller de er like
    innenfor de seks desimalene ``beregnet`` står med."""
    if verdi is None or beregnet is None or pd.isna(verdi):
        return (verdi is None or pd.isna(verdi)) and beregnet is None
    return math.isclose(float(verdi), float(beregnet), rel_tol=0, abs_tol=_AVVIK_PRESISJON)


def kjente_avvik(fil: Path = AVVIK) -> dict[tuple[str, int], KjentAvvik]:
    """Avvikene i ``docs/avvik.yaml``; hvert må ha ``grunn`` og ``beregnet`` (tallet, eller
    null når boka ikke kan beregne det)."""
    raw = yaml.safe_load(Path(fil).read_text(encoding="utf-8")) or []
    ut = {}
    for r in raw:
        if "beregnet" not in r:
            raise ValueError(f"{Path(fil).name}: {r['id']} {r['year']} mangler «beregnet» (tallet boka beregner)")
        ut[(r["id"], int(r["year"]))] = KjentAvvik(r["grunn"], r["beregnet"])
    return ut


def sammenlign(figurer: dict[int, dict[str, float]], publ: list[dict] | None = None, avvik=None) -> pd.DataFrame:
    """Én rad per publisert tall: id, år, publisert, beregnet, toleranse, status, grunn.
    Status er «stemmer», «kjent avvik» (i ``avvik`` med det tallet boka beregner) eller
    «avviker» (et avvik uten begrunnelse, eller et kjent avvik der boka nå beregner et annet
    tall enn grunnen er skrevet for; da står ikke grunnen, den må skrives på nytt)."""
    publ = publiserte() if publ is None else publ
    avvik = kjente_avvik() if avvik is None else avvik
    rader = []
    for r in publ:
        fid, ar = r["id"], int(r["year"])
        verdi = figurer.get(ar, {}).get(fid)
        stemmer = verdi is not None and abs(verdi - r["value"]) <= r["tolerance"] + 1e-9
        kjent = avvik.get((fid, ar))
        if stemmer:
            status, grunn = "stemmer", ""
        elif kjent is not None and samme_verdi(verdi, kjent.beregnet):
            status, grunn = "kjent avvik", kjent.grunn
        else:
            status, grunn = "avviker", ""
        rader.append(
            {
                "id": fid,
                "år": ar,
                "kilde": r["source"],
                "publisert": r["value"],
                "beregnet": verdi,
                "toleranse": r["tolerance"],
                "status": status,
                "grunn": grunn,
            }
        )
    return pd.DataFrame(rader)


def oversikt(sammenligning: pd.DataFrame) -> pd.DataFrame:
    """Antall publiserte tall per status."""
    rekkefolge = ["stemmer", "kjent avvik", "avviker"]
    antall = sammenligning["status"].value_counts().reindex(rekkefolge, fill_value=0)
    return pd.DataFrame({"Status": [s.capitalize() for s in rekkefolge], "Antall publiserte tall": antall.to_numpy()})


def _vis(katalog: Katalog, fid: str, v) -> str:
    """Verdien slik boka skriver tallet (tallkatalogen), «–» når den mangler. En publisert id
    boka ikke beregner, står ikke i katalogen og skrives som et tall (hele tall uten desimaler)."""
    if v is None or pd.isna(v):
        return "–"
    t = katalog.finn(fid)
    if t is None or t.enhet == "tekst":
        return fmt.tall(v, desimaler=0 if float(v).is_integer() else 2)
    return t.tekst(v)


def avvikstabell(sammenligning: pd.DataFrame, katalog: Katalog) -> pd.DataFrame:
    """De publiserte tallene boka ikke gjenskaper, med publisert og beregnet verdi (skrevet
    etter enheten i ``katalog``) og grunnen."""
    a = sammenligning[sammenligning["status"] != "stemmer"]
    return pd.DataFrame(
        {
            "Tall (figur-id)": a["id"],
            "År": a["år"].astype(str),
            "Publisert": [_vis(katalog, f, v) for f, v in zip(a["id"], a["publisert"])],
            "Beregnet": [_vis(katalog, f, v) for f, v in zip(a["id"], a["beregnet"])],
            "Grunn": [fmt.harde_mellomrom(g) if g else "Ikke begrunnet – må rettes" for g in a["grunn"]],
        }
    )


def _differanse(katalog: Katalog, fid: str, d: float) -> str:
    """Beregnet − publisert i tallets enhet, med fortegn; andeler i prosentpoeng."""
    t = katalog.finn(fid)
    enhet = t.enhet if t is not None else None
    if enhet == "andel":  # også de relative endringene
        tekst = fmt.tall(d * 100, desimaler=1) + "\u00a0pp"
    elif enhet in ("arsverk", "desimaltall"):
        tekst = fmt.tall(d, desimaler=t.antall_desimaler)
    else:
        tekst = fmt.tall(d, desimaler=0 if abs(d) >= 1 or d == 0 else 2)
    return ("+" + tekst) if d > 0 else tekst


def alle_for_ar(sammenligning: pd.DataFrame, ar: int, katalog: Katalog) -> pd.DataFrame:
    """Hvert publiserte tall for året ved siden av det beregnede, differansen og, der de ikke
    stemmer, grunnen (rapportens egen motsigelse, eller en definisjon rapporten ikke fulgte)."""
    a = sammenligning[sammenligning["år"] == ar]
    diff = []
    for fid, p, b, status in zip(a["id"], a["publisert"], a["beregnet"], a["status"]):
        if b is None or pd.isna(b):
            diff.append("–")
        elif status == "stemmer":
            diff.append("0" if abs(b - p) < 1e-12 else "innenfor avrundingen")
        else:
            diff.append(_differanse(katalog, fid, b - p))
    merknad = [
        "Stemmer" if st == "stemmer" else (fmt.harde_mellomrom(g) if g else "Ikke begrunnet – må rettes")
        for st, g in zip(a["status"], a["grunn"])
    ]
    return pd.DataFrame(
        {
            "Kilde": a["kilde"],
            "Tall (figur-id)": a["id"],
            "Publisert": [_vis(katalog, f, v) for f, v in zip(a["id"], a["publisert"])],
            "Beregnet": [_vis(katalog, f, v) for f, v in zip(a["id"], a["beregnet"])],
            "Differanse": diff,
            "Merknad": merknad,
        }
    )


_KILDER = ("saksregister", "regnskap", "publisert")

#: Avstemmingen i ``tabeller.xlsx`` (se :mod:`arsrapport.utdata.regneark`): tabellene i vedlegget
#: med tall i stedet for tekst; hele sammenligningen (alle år, grunnlaget for tabellen over
#: rapportårets tall) på et eget ark. Hver rad er et eget publisert tall, så tallformatet
#: følger enheten til figur-id-en i kolonnen «id».
REGNEARK = {
    "tab-avstemming-oversikt": ark("tab-avstemming-oversikt", kilder=_KILDER),
    "tab-avstemming-avvik": ark(
        "tab-avstemming-avvik", kilder=_KILDER, radenhet="id", kolonner={"toleranse": "generelt"}
    ),
    "tab-avstemming-alle": ark(
        "tab-avstemming-alle", kilder=_KILDER, radenhet="id", kolonner={"toleranse": "generelt"}
    ),
}


def tabeller(sammenligning: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Avstemmingstabellene til ``tabeller.xlsx``: oversikten, avvikene (med tallene som tall,
    ikke tekst som i boka) og hele sammenligningen."""
    avvik = sammenligning[sammenligning["status"] != "stemmer"].reset_index(drop=True)
    avvik = avvik.assign(grunn=avvik["grunn"].where(avvik["grunn"] != "", "Ikke begrunnet – må rettes"))
    return {
        "tab-avstemming-oversikt": oversikt(sammenligning),
        "tab-avstemming-avvik": avvik,
        "tab-avstemming-alle": sammenligning,
    }


# --- tallkatalogen ------------------------------------------------------------------
# Tekstene vedlegget beregner (se arsrapport.utdata.tallkatalog og kapitler.beregn_avstemming).


TALL = [
    Tall(
        "avstemming.publiserte",
        "tekst",
        "Publiserte tall i bokas omfang i den trykte årsrapporten (alle år), som tekst.",
        "arsrapport.kapitler.avstemming.sammenlign",
    ),
    Tall(
        "avstemming.publiserte_ar",
        "tekst",
        "Av dem: publiserte tall for rapportåret, som tekst.",
        "arsrapport.kapitler.avstemming.sammenlign",
    ),
    Tall(
        "avstemming.stemmer",
        "tekst",
        "Av de publiserte tallene: de boka gjenskaper innenfor trykkavrundingen, som tekst.",
        "arsrapport.kapitler.avstemming.sammenlign",
    ),
]
