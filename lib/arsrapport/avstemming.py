"""Avstemming mot den publiserte årsrapporten: hvert publisert tall i bokas omfang, det
boka beregner, og om de stemmer innenfor trykkavrundingen eller er et kjent, begrunnet
avvik (``docs/avvik.yaml``). Dette er, sammen med testene og generatoren, det eneste stedet
som leser de publiserte tallene (``docs/golden/une-2023.yaml``)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import yaml

from arsrapport.config import PROSJEKTROT

PUBLISERT = PROSJEKTROT / "docs" / "golden" / "une-2023.yaml"
AVVIK = PROSJEKTROT / "docs" / "avvik.yaml"


# kilder i omfanget: kapittel 3.1 og 3.2.1–3.2.10 med tabellene, og statistikkvedlegget (Del VII)
KILDER_I_OMFANG = ("3.1", "3.2.1", "3.2.2", "3.2.3", "3.2.4", "3.2.5", "3.2.6", "3.2.9", "3.2.10", "Del VII")
TABELLER_I_OMFANG = ("Tabell 2", "Tabell 3", "Tabell 4", "Tabell 5", "Tabell 6", "Tabell 7", "Tabell 8", "Tabell 9")
# Del VII tabell 1 er produktivitet og regnskap (3.2.13, del VI), som boka ennå ikke beregner
UTENFOR = ("Del VII tabell 1",)


def i_omfang(rad: dict) -> bool:
    """Publiserte tall boka beregner så langt: del III kapittel 3.1 og 3.2.1–3.2.10 (med
    Tabell 2–9), statistikkvedlegget i del VII, og rettssaks- og UIV-tallene. Produktiviteten
    (3.2.13), rettssaksarbeidet i 3.2.21 og regnskapet (del II og VI) kommer senere."""
    kilde = rad["source"]
    if kilde.startswith(UTENFOR):
        return False
    # «3.2.1» må ikke fange «3.2.13»: kilden er enten nøyaktig avsnittet eller avsnittet + « (…)»
    avsnitt = kilde.split(" ")[0]
    if avsnitt.startswith("3.1") or avsnitt in KILDER_I_OMFANG or kilde.startswith("Del VII"):
        return True
    return kilde in TABELLER_I_OMFANG


def publiserte(fil: Path = PUBLISERT) -> list[dict]:
    raw = yaml.safe_load(Path(fil).read_text(encoding="utf-8"))
    return [r for r in raw["figures"] if i_omfang(r)]


def kjente_avvik(fil: Path = AVVIK) -> dict[tuple[str, int], str]:
    raw = yaml.safe_load(Path(fil).read_text(encoding="utf-8")) or []
    return {(r["id"], int(r["year"])): r["grunn"] for r in raw}


def sammenlign(figurer: dict[int, dict[str, float]], publ: list[dict] | None = None, avvik=None) -> pd.DataFrame:
    """Én rad per publisert tall: id, år, publisert, beregnet, toleranse, status, grunn.
    Status er «stemmer», «kjent avvik» eller «avviker» (et avvik uten begrunnelse)."""
    publ = publiserte() if publ is None else publ
    avvik = kjente_avvik() if avvik is None else avvik
    rader = []
    for r in publ:
        fid, ar = r["id"], int(r["year"])
        verdi = figurer.get(ar, {}).get(fid)
        stemmer = verdi is not None and abs(verdi - r["value"]) <= r["tolerance"] + 1e-9
        if stemmer:
            status, grunn = "stemmer", ""
        elif (fid, ar) in avvik:
            status, grunn = "kjent avvik", avvik[(fid, ar)]
        else:
            status, grunn = "avviker", ""
        rader.append(
            {"id": fid, "år": ar, "kilde": r["source"], "publisert": r["value"], "beregnet": verdi,
             "toleranse": r["tolerance"], "status": status, "grunn": grunn}
        )
    return pd.DataFrame(rader)


def oversikt(sammenligning: pd.DataFrame) -> pd.DataFrame:
    """Antall publiserte tall per status."""
    rekkefolge = ["stemmer", "kjent avvik", "avviker"]
    antall = sammenligning["status"].value_counts().reindex(rekkefolge, fill_value=0)
    return pd.DataFrame({"Status": [s.capitalize() for s in rekkefolge], "Antall publiserte tall": antall.to_numpy()})


def avvikstabell(sammenligning: pd.DataFrame) -> pd.DataFrame:
    """De publiserte tallene boka ikke gjenskaper, med publisert og beregnet verdi og grunnen."""
    from arsrapport.lim import som_tekst

    a = sammenligning[sammenligning["status"] != "stemmer"]

    def vis(fid, v):
        return "–" if v is None or pd.isna(v) else som_tekst(fid, v)

    return pd.DataFrame(
        {
            "Tall (figur-id)": a["id"],
            "År": a["år"].astype(str),
            "Publisert": [vis(f, v) for f, v in zip(a["id"], a["publisert"])],
            "Beregnet": [vis(f, v) for f, v in zip(a["id"], a["beregnet"])],
            "Grunn": a["grunn"].where(a["grunn"] != "", "Ikke begrunnet – må rettes"),
        }
    )
