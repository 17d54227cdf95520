"""Ytelsesmåling: skriv et register på 1 000 000 saker med generatoren, og mål tid og
toppminne for innlesing + kontroll + beregning av tallene i kapittel 3.1 og 3.2 (alle
porteføljetallene, fire år), for ``arsrapport figures`` (alle kapitlene, figures.json og
tabeller.xlsx) på det store registeret, og for et helt bygg (HTML, uten PDF) på de
medfølgende dataene. Byggets hurtiglager måles i ``benchmarks/bygg.py``.

    .venv/bin/python benchmarks/ytelse.py [--saker 1000000] [--hopp-over-bygg]

Mål på denne maskinen (2 kjerner): 1 M saker på høyst 10 s og 2 GB; ``figures`` på 1 M saker
høyst 20 s og 2 GB; helt bygg på høyst 30 s.
Hver måling kjøres i en egen prosess, slik at toppminnet (ru_maxrss) gjelder bare den.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROT = Path(__file__).resolve().parents[1]
DATA = ROT / "benchmarks" / "_data"


def skriv_stort_register(n: int) -> None:
    """Generatoren kjørt med ulike frø til registeret har n saker; saks- og person-id
    får et løpenummer per kopi så de forblir unike. De andre tabellene kopieres."""
    import numpy as np
    import pandas as pd

    from uttrekksgenerator.kalibrering import Mal
    from uttrekksgenerator.saker import lag_saker
    from uttrekksgenerator.uttrekk import skriv_csv

    DATA.mkdir(parents=True, exist_ok=True)
    mal = Mal()
    deler, total, kopi = [], 0, 0
    while total < n:
        df = lag_saker(np.random.default_rng(1000 + kopi), mal)
        df["sak_id"] = f"K{kopi:03d}-" + df["sak_id"]
        df["person_id"] = f"K{kopi:03d}-" + df["person_id"]
        df["familie_id"] = df["familie_id"].where(
            df["familie_id"].isna(), f"K{kopi:03d}-" + df["familie_id"].astype(str)
        )
        deler.append(df)
        total += len(df)
        kopi += 1
    saker = pd.concat(deler, ignore_index=True).iloc[:n]
    skriv_csv(saker, DATA / "saker.csv")
    for fil in (ROT / "data").glob("*.csv"):
        if fil.name == "prioritet.csv":
            # merkingen gjelder sakene i data/, som ikke er med i det store registeret
            (DATA / fil.name).write_text(fil.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
        elif fil.name != "saker.csv":
            shutil.copy(fil, DATA / fil.name)


MALING = """
import json, resource, sys, time
t0 = time.perf_counter()
from arsrapport.innlesing import les_uttrekk
from arsrapport.kapitler import kapittel_3_1, kapittel_3_2
t1 = time.perf_counter()
u = les_uttrekk(sys.argv[1])
t2 = time.perf_counter()
f = kapittel_3_1.figurer(u, u.siste_hele_ar())
t3 = time.perf_counter()
f2 = kapittel_3_2.figurer(u, u.siste_hele_ar())
t4 = time.perf_counter()
print(json.dumps({"saker": len(u.saker), "import_s": t1 - t0, "innlesing_kontroll_s": t2 - t1,
                  "beregning_s": t3 - t2, "beregning_3_2_s": t4 - t3, "tall_3_2": sum(len(v) for v in f2.values()),
                  "sum_s": t3 - t1,
                  "toppminne_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


FIGURES = """
import resource, sys, time
from arsrapport.bok.cli import main
t = time.perf_counter()
rc = main(["figures", "--data", sys.argv[1], "--out", sys.argv[2]])
print(f"FIGURES {time.perf_counter() - t:.2f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} {rc}")
"""


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--saker", type=int, default=1_000_000)
    p.add_argument("--hopp-over-bygg", action="store_true")
    a = p.parse_args()
    start = time.perf_counter()
    skriv_stort_register(a.saker)
    print(f"Skrev {a.saker:,} saker til {DATA} på {time.perf_counter() - start:.1f} s".replace(",", " "))
    res = subprocess.run([sys.executable, "-c", MALING, str(DATA)], capture_output=True, text=True, check=True)
    m = json.loads(res.stdout)
    print(f"Innlesing + kontroll: {m['innlesing_kontroll_s']:.1f} s")
    print(f"Beregning av 3.1:     {m['beregning_s']:.1f} s")
    print(f"Sum (mål ≤ 10 s):     {m['sum_s']:.1f} s")
    print(f"Beregning av 3.2:     {m['beregning_3_2_s']:.1f} s ({m['tall_3_2']} tall)")
    print(f"Toppminne (mål ≤ 2 GB): {m['toppminne_mb']:.0f} MB")
    with tempfile.TemporaryDirectory() as tmp:
        res = subprocess.run(
            [sys.executable, "-c", FIGURES, str(DATA), str(Path(tmp) / "_build")],
            capture_output=True,
            text=True,
            check=True,
        )
        sek, mb, rc = res.stdout.strip().splitlines()[-1].split()[1:]
        print(
            f"arsrapport figures, alle kapitler (mål ≤ 20 s): {float(sek):.1f} s, toppminne {mb} MB (mål ≤ 2 GB), kode {rc}"
        )
    if not a.hopp_over_bygg:
        ut = Path(tempfile.mkdtemp()) / "_build"
        t = time.perf_counter()
        subprocess.run(
            [str(Path(sys.executable).with_name("arsrapport")), "build", "--no-pdf", "--out", str(ut)],
            check=True,
            capture_output=True,
        )
        print(f"Helt bygg, HTML uten PDF (mål ≤ 30 s): {time.perf_counter() - t:.1f} s")
        shutil.rmtree(ut.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
