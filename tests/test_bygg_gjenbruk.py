"""Et bygg som gjenbruker hurtiglageret gir nøyaktig de samme bytene som et bygg fra bunnen,
og kjører bare det som er endret.

Testen arbeider i en kopi av prosjektet (boka og dataene i prosjektet røres aldri) og
fortsetter med hurtiglageret fra et bygg fra bunnen (``bygg_uten_simd``). Først endres en setning
og ``arsverk.csv``: bare kapitlene som leser ``arsverk.csv`` kjøres (og avstemmingen, som leser
tallene deres). Så settes begge tilbake: ingen kapitler kjøres, Sphinx leser bare sidene som er
endret eller viser et endret tall, og resultatet har de samme bytene som øktas bygg fra bunnen
(``bygg_html``): HTML, PDF, figures.json, tabeller.xlsx og de kjørte notatbøkene. Til slutt et
bygg uten endringer: Jupyter Book hoppes over, og bytene er de samme.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from test_bygg import _filer

from arsrapport.bok.hurtiglager import MILJOVARIABEL
from arsrapport.grunn.config import PROSJEKTROT, kopier_prosjektet


def _bygg(prosjekt: Path, ut: Path, lager: Path, tid: int, forventet_kode: int = 0) -> str:
    miljo = dict(os.environ, PYTHONPATH=str(prosjekt / "lib"), SOURCE_DATE_EPOCH=str(tid))
    miljo[MILJOVARIABEL] = str(lager)
    kommando = [sys.executable, "-m", "arsrapport", "build", "--out", str(ut)]
    res = subprocess.run(kommando, capture_output=True, text=True, env=miljo, timeout=900, cwd=prosjekt)
    assert res.returncode == forventet_kode, res.stdout[-3000:] + res.stderr[-3000:]
    return res.stdout if forventet_kode == 0 else res.stderr


def test_gjenbrukende_bygg_kjorer_bare_det_endrede_og_gir_samme_bytes(bygg_html, bygg_uten_simd, tmp_path):
    from arsrapport.bok.bygg import kildetid
    from arsrapport.innlesing import les_uttrekk

    tid = kildetid(les_uttrekk(PROSJEKTROT / "data").uttrekksdato()).sekunder  # som øktas bygg
    prosjekt = kopier_prosjektet(tmp_path / "prosjekt")
    lager = bygg_uten_simd[1]  # bokas kilder og Sphinx ligger i lageret, ikke i prosjektet
    side, arsverk = prosjekt / "book" / "del4" / "4_1_styring.md", prosjekt / "data" / "arsverk.csv"
    original_side, original_arsverk = side.read_bytes(), arsverk.read_bytes()

    # 1. en skribent endrer en setning, og årsverkene for 2023 rettes
    tekst = side.read_text(encoding="utf-8")
    side.write_text(tekst.replace("\n\n", "\n\nEn ny setning i teksten.\n\n", 1), encoding="utf-8")
    linjer = arsverk.read_text(encoding="utf-8").splitlines()
    i = next(i for i, linje in enumerate(linjer) if linje.startswith("2023,Saksenhetene,"))
    ar, enhet, verdi = linjer[i].split(",")
    linjer[i] = f"{ar},{enhet},{float(verdi) + 1:.1f}"
    arsverk.write_text("\n".join(linjer) + "\n", encoding="utf-8")
    forste = _bygg(prosjekt, tmp_path / "ut1", lager, tid)
    kjort = re.search(r"Kapitler kjørt:\s+\d+ notatbøker \(([^)]*)\)", forste)
    assert kjort and kjort.group(1) == "3_2_13_produktivitet, 6_arsregnskap, avstemming", forste[-2500:]
    assert "En ny setning i teksten." in (tmp_path / "ut1" / "html" / "del4" / "4_1_styring.html").read_text(
        encoding="utf-8"
    )

    # 2. begge endringene tilbake: kapitlene fra bygget fra bunnen brukes igjen, og Sphinx leser
    # bare den endrede siden og sidene med årsverkstall (ikke hele boka)
    side.write_bytes(original_side)
    arsverk.write_bytes(original_arsverk)
    andre = _bygg(prosjekt, tmp_path / "ut2", lager, tid)
    assert "Kapitler kjørt:  0 notatbøker" in andre, andre[-2500:]
    assert "Gjenbrukt:       7 notatbøker" in andre, andre[-2500:]
    lest = int(re.search(r"html ferdig på [\d,]+ s \((\d+) sider? lest\)", andre).group(1))
    assert 1 <= lest < 20, andre[-2500:]

    fra_bunnen, gjenbrukende = _filer(bygg_html), _filer(tmp_path / "ut2")
    assert sorted(gjenbrukende) == sorted(fra_bunnen)
    ulike = [navn for navn in fra_bunnen if fra_bunnen[navn] != gjenbrukende[navn]]
    assert not ulike, f"bygget som gjenbrukte hurtiglageret, er ulikt bygget fra bunnen: {ulike[:10]}"

    # 3. ingenting endret: ingenting kjøres, og Jupyter Book hoppes over
    tredje = _bygg(prosjekt, tmp_path / "ut3", lager, tid)
    assert "Kapitler kjørt:  0 notatbøker" in tredje
    assert "html: ingenting endret siden forrige bygg, gjenbrukt" in tredje
    assert _filer(tmp_path / "ut3") == gjenbrukende

    # 4. en feilskrevet id stopper bygget med siden, linjen og den nærmeste id-en; forrige bygg står
    side.write_text(tekst.replace("\n\n", "\n\nNemnda behandlet {tall}`behandlett` saker.\n\n", 1), encoding="utf-8")
    linje = side.read_text(encoding="utf-8").splitlines().index("Nemnda behandlet {tall}`behandlett` saker.") + 1
    feil = _bygg(prosjekt, tmp_path / "ut3", lager, tid, forventet_kode=2)
    assert f"book/del4/4_1_styring.md, linje {linje}: ukjent tall «behandlett»; mente du behandlet" in feil, feil
    assert "forrige bygg står urørt" in feil
    assert _filer(tmp_path / "ut3") == gjenbrukende
