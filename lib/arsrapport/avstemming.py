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


def i_omfang(rad: dict) -> bool:
    """Publiserte tall boka beregner så langt: kapittel 3.1 (kilde 3.1.x og Tabell 2–4),
    rettssaks- og UIV-tallene, styringsparameterne SP1–SP3 (3.2) og Del VII tabell 2–3.
    Resten av 3.2
    (tertialtidene, porteføljeavsnittene) er ennå ikke kalibrert i de syntetiske dataene."""
    kilde, fid = rad["source"], rad["id"]
    if kilde.startswith("3.1") or kilde in ("Tabell 2", "Tabell 3", "Tabell 4"):
        return True
    if fid.startswith(("sp1.", "sp2.", "sp3.")):
        return True
    if kilde in ("Del VII tabell 2", "Del VII tabell 3"):
        return True
    return fid.startswith(("rettssaker.", "uiv.")) and kilde.startswith(("Del VII tabell", "3.2.3"))


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
