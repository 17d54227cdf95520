"""Ytelsesmåling for radkontrollene i CSV-lesingen (issue 16): rader med for få felt, og raden og
cellen til et kontrolltegn eller en byte som ikke er UTF-8, på 1 000 000 saker.

    .venv/bin/python benchmarks/csv_kontroll.py [--saker 1000000] [--ganger 3]

``benchmarks/ytelse.py`` skriver saker.csv med de 19 kolonnene generatoren lager, og den siste
(tilknyttet_utvisning) er alltid utfylt, så ingen rad er kandidat til «for få felt» der og
radkontrollen koster nesten ingenting. Her har saker.csv alle kolonnene i kontrakten, i
kontraktens rekkefølge som i data/saker.csv, og den siste (bfe_vurdert) er tom i alle radene:
alle radene må telles. Variantene lages fra registeret i benchmarks/_data (skrevet på nytt som i
``ytelse.py`` hvis det ikke har ``--saker`` saker) og legges i benchmarks/_data/csv/:

- ``uten_anforselstegn``: bare det;
- ``anforselstegn``: hver 20. sak har hjemmel med komma (feltet står i anførselstegn);
- ``flere_linjer``: som over, og hver 1000. sak har et linjeskift i hjemmel;
- ``for_faa_felt``: som den første, men 25 rader mangler det siste feltet (21 brudd);
- ``kontrolltegn`` og ``kontrolltegn_anforselstegn``: et kontrolltegn nesten sist i filen;
- ``cp1252`` og ``cp1252_anforselstegn``: «Sør-Sudan» i Windows-1252 nesten sist i filen.

For hver variant: beste og median tid for ``innlesing._les_csv`` på saker.csv (pandas og
radkontrollene, uten typing og kontroll av verdiene) av ``--ganger`` kjøringer, og bruddene.

Målt på denne maskinen (2 kjerner), beste av 5, med numpy-tellingen i innlesing.py og med
csv-modulen i stedet (issue 16; pandas kan ikke skille en rad med for få felt fra en med tomme
felt bakerst, så antallet felt må telles av en leser til): uten anførselstegn 0,96 / 0,90 s,
anførselstegn 1,21 / 1,43 s, flere linjer 1,22 / 2,22 s, for få felt 1,07 / 1,53 s,
kontrolltegn med anførselstegn 1,72 / 3,29 s, Windows-1252 med anførselstegn 0,35 / 1,57 s.
Derfor teller innlesing.py fortsatt med numpy.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROT = Path(__file__).resolve().parents[1]
DATA = ROT / "benchmarks" / "_data"
UT = DATA / "csv"


VARIANTER = [
    "uten_anforselstegn",
    "anforselstegn",
    "flere_linjer",
    "for_faa_felt",
    "kontrolltegn",
    "kontrolltegn_anforselstegn",
    "cp1252",
    "cp1252_anforselstegn",
]


def skriv_varianter(n: int) -> None:
    import pandas as pd

    from arsrapport.data.kontrakt import TABELLER

    if not (DATA / "saker.csv").is_file() or sum(1 for _ in open(DATA / "saker.csv", "rb")) != n + 1:
        sys.path.insert(0, str(ROT / "benchmarks"))
        from ytelse import skriv_stort_register

        skriv_stort_register(n)
    kilde = (DATA / "saker.csv").stat().st_mtime
    if all((UT / v / "saker.csv").is_file() and (UT / v / "saker.csv").stat().st_mtime >= kilde for v in VARIANTER):
        return  # skrevet fra det samme registeret før
    df = pd.read_csv(DATA / "saker.csv", dtype=object, keep_default_na=False)
    df = df.reindex(columns=[k.navn for k in TABELLER["saker"].kolonner], fill_value="")

    def skriv(navn: str, d: pd.DataFrame) -> Path:
        (UT / navn).mkdir(parents=True, exist_ok=True)
        d.to_csv(UT / navn / "saker.csv", index=False, encoding="utf-8", lineterminator="\n")
        return UT / navn / "saker.csv"

    skriv("uten_anforselstegn", df)
    anf = df.copy()
    anf.loc[::20, "hjemmel"] = "utl. § 28, første ledd"
    skriv("anforselstegn", anf)
    flere = anf.copy()
    flere.loc[::1000, "hjemmel"] = "utl. § 28,\nførste ledd"
    skriv("flere_linjer", flere)
    linjer = (UT / "uten_anforselstegn" / "saker.csv").read_bytes().split(b"\n")
    forste = min(1000, n // 2)
    for i in range(forste, min(len(linjer) - 1, forste + 25 * (n // 33)), max(n // 33, 1)):
        linjer[i] = linjer[i][:-1]  # det siste (tomme) feltet og kommaet foran det
    (UT / "for_faa_felt").mkdir(exist_ok=True)
    (UT / "for_faa_felt" / "saker.csv").write_bytes(b"\n".join(linjer))
    for navn, kilde, ny, koding in [
        ("kontrolltegn", "uten_anforselstegn", "Ind\x07ia", "utf-8"),
        ("kontrolltegn_anforselstegn", "anforselstegn", "Ind\x07ia", "utf-8"),
        ("cp1252", "uten_anforselstegn", "Sør-Sudan", "cp1252"),
        ("cp1252_anforselstegn", "anforselstegn", "Sør-Sudan", "cp1252"),
    ]:
        data = (UT / kilde / "saker.csv").read_bytes()
        i = data.rindex(b",India,", 0, len(data) - len(data) // 100)
        (UT / navn).mkdir(exist_ok=True)
        (UT / navn / "saker.csv").write_bytes(data[:i] + b"," + ny.encode(koding) + b"," + data[i + 7 :])


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--saker", type=int, default=1_000_000)
    p.add_argument("--ganger", type=int, default=3)
    a = p.parse_args()
    start = time.perf_counter()
    skriv_varianter(a.saker)
    print(f"Variantene i {UT} ({time.perf_counter() - start:.1f} s)")
    from arsrapport.innlesing import _les_csv

    for navn in VARIANTER:
        tider = []
        for _ in range(a.ganger):
            t = time.perf_counter()
            r = _les_csv(UT / navn / "saker.csv", "saker.csv")
            tider.append(time.perf_counter() - t)
        brudd = r if isinstance(r, list) else r.brudd
        forste = f", første: rad {brudd[0].rad}, kolonne {brudd[0].kolonne}" if brudd else ""
        print(
            f"{navn:27s} beste {min(tider):5.2f} s, median {statistics.median(tider):5.2f} s, "
            f"{len(brudd)} brudd{forste}"
        )


if __name__ == "__main__":
    main()
