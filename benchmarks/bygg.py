"""Ytelsesmåling av bygget på de medfølgende dataene: fra bunnen, uten endringer, etter én
endret setning og etter en endret ``arsverk.csv``, og ``arsrapport figures``.

    .venv/bin/python benchmarks/bygg.py [--uten-pdf]

Målingene gjøres i en kopi av prosjektet (boka og dataene i prosjektet røres ikke), hver i
en egen prosess med et eget hurtiglager. Mål (issue 14, 2 kjerner): uendret bygg ≤ 5 s; én
setning endret ≤ 0,3 × bygget fra bunnen; ``build --no-pdf`` fra bunnen ≤ 25 s, med PDF
≤ 45 s; ``arsrapport figures`` ≤ 5 s.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from arsrapport.grunn.config import kopier_prosjektet

ROT = Path(__file__).resolve().parents[1]


def kjor(prosjekt: Path, lager: Path, *argumenter: str) -> tuple[float, str]:
    miljo = dict(os.environ, PYTHONPATH=str(prosjekt / "lib"), ARSRAPPORT_HURTIGLAGER=str(lager))
    start = time.perf_counter()
    res = subprocess.run(
        [sys.executable, "-m", "arsrapport", *argumenter], capture_output=True, text=True, env=miljo, cwd=prosjekt
    )
    tid = time.perf_counter() - start
    if res.returncode != 0:
        raise SystemExit(f"arsrapport {' '.join(argumenter)} feilet:\n{res.stdout[-2000:]}\n{res.stderr[-2000:]}")
    return tid, res.stdout


def kjort(utskrift: str) -> str:
    m = re.search(r"Kapitler kjørt:\s+(.*)", utskrift)
    return m.group(1).strip() if m else "?"


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--uten-pdf", action="store_true", help="mål bare HTML-byggene")
    a = p.parse_args()
    rot = Path(tempfile.mkdtemp(prefix="arsrapport-maling-"))
    try:
        prosjekt = kopier_prosjektet(rot / "prosjekt")
        ut = str(rot / "ut" / "_build")
        rader: list[tuple[str, float, str]] = []

        t, _ = kjor(prosjekt, rot / "lager-figures", "figures", "--out", str(rot / "figures" / "_build"))
        rader.append(("arsrapport figures (i prosessen)", t, "mål ≤ 5 s"))

        t, u = kjor(prosjekt, rot / "lager-html", "build", "--no-pdf", "--out", ut)
        kald_html = t
        rader.append(("build --no-pdf, fra bunnen", t, f"mål ≤ 25 s; kjørt: {kjort(u)}"))
        t, u = kjor(prosjekt, rot / "lager-html", "build", "--no-pdf", "--out", ut)
        rader.append(("build --no-pdf, ingenting endret", t, "mål ≤ 5 s"))

        side = prosjekt / "book" / "del4" / "4_1_styring.md"
        original = side.read_text(encoding="utf-8")
        side.write_text(original.replace("\n\n", "\n\nEn ny setning.\n\n", 1), encoding="utf-8")
        t, u = kjor(prosjekt, rot / "lager-html", "build", "--no-pdf", "--out", ut)
        rader.append(("build --no-pdf, én setning endret", t, f"{t / kald_html:.2f} × fra bunnen (mål ≤ 0,3)"))
        side.write_text(original, encoding="utf-8")

        if not a.uten_pdf:
            t, u = kjor(prosjekt, rot / "lager-pdf", "build", "--out", ut)
            kald = t
            rader.append(("build med PDF, fra bunnen", t, "mål ≤ 45 s"))
            t, u = kjor(prosjekt, rot / "lager-pdf", "build", "--out", ut)
            rader.append(("build med PDF, ingenting endret", t, "mål ≤ 5 s"))
            side.write_text(original.replace("\n\n", "\n\nEn ny setning.\n\n", 1), encoding="utf-8")
            t, u = kjor(prosjekt, rot / "lager-pdf", "build", "--out", ut)
            rader.append(("build med PDF, én setning endret", t, f"{t / kald:.2f} × fra bunnen (mål ≤ 0,3)"))
            side.write_text(original, encoding="utf-8")
            kjor(prosjekt, rot / "lager-pdf", "build", "--out", ut)

        arsverk = prosjekt / "data" / "arsverk.csv"
        linjer = arsverk.read_text(encoding="utf-8").splitlines()
        i = next(i for i, linje in enumerate(linjer) if linje.startswith("2023,Saksenhetene,"))
        ar, enhet, verdi = linjer[i].split(",")
        linjer[i] = f"{ar},{enhet},{float(verdi) + 1:.1f}"
        arsverk.write_text("\n".join(linjer) + "\n", encoding="utf-8")
        lager = rot / ("lager-html" if a.uten_pdf else "lager-pdf")
        t, u = kjor(prosjekt, lager, "build", *(["--no-pdf"] if a.uten_pdf else []), "--out", ut)
        rader.append((f"build{' --no-pdf' if a.uten_pdf else ''}, arsverk.csv endret", t, f"kjørt: {kjort(u)}"))

        bredde = max(len(r[0]) for r in rader)
        print(f"Maskin: {os.cpu_count()} kjerner; Python {sys.version.split()[0]}")
        for navn, sek, merknad in rader:
            print(f"  {navn:<{bredde}}  {sek:6.1f} s   {merknad}")
        barn = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"  Største toppminne i en prosess: {barn:.0f} MB")
    finally:
        shutil.rmtree(rot, ignore_errors=True)


if __name__ == "__main__":
    main()
