"""Boka har de sju delene i en statlig årsrapport, i riktig rekkefølge, og hver side finnes."""

from __future__ import annotations

import re

import yaml

from arsrapport.grunn.config import les_innstillinger

BOK = les_innstillinger().book
DELER = ["I", "II", "III", "IV", "V", "VI", "VII"]


def _toc() -> dict:
    return yaml.safe_load((BOK / "_toc.yml").read_text(encoding="utf-8"))


def test_delene_kommer_i_rekkefolge_og_beregningsgrunnlaget_sist():
    titler = [d["caption"] for d in _toc()["parts"]]
    deler = [re.match(r"Del ([IVX]+) ", t) for t in titler]
    assert [m.group(1) for m in deler if m] == DELER, titler
    assert all(deler[: len(DELER)]), "delene I–VII skal komme først"
    assert titler[-1] == "Beregningsgrunnlag"


def test_hver_del_har_sider_som_finnes():
    for del_ in _toc()["parts"]:
        assert del_["chapters"], f"{del_['caption']} har ingen sider"
        for kapittel in del_["chapters"]:
            fil = kapittel["file"]
            if fil.startswith("beregninger/"):
                continue  # notatbøkene kopieres inn når boka bygges
            assert (BOK / f"{fil}.md").exists(), f"{fil}.md mangler ({del_['caption']})"


def test_forste_side_i_hver_del_har_merkelapp_for_henvisninger():
    """Første side i del N begynner med ``(del-N)=`` eller har den rett etter en annen merkelapp."""
    for nr, del_ in enumerate(_toc()["parts"][: len(DELER)], start=1):
        if nr == 3:
            continue  # del III henvises til gjennom kapittel 3.1 (kap-3-1)
        forste = BOK / f"{del_['chapters'][0]['file']}.md"
        hode = forste.read_text(encoding="utf-8").split("\n#", 1)[0]
        assert f"(del-{nr})=" in hode, f"{forste.name} mangler (del-{nr})="
