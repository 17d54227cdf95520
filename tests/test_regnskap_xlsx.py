"""Regnskapstabellene slik økonomiavdelingen eksporterer dem: som Excel-arbeidsbøker
(openpyxl), med beløp som tall og kapittel/post som tallceller. Oppstillingene skal bli de
samme som fra CSV-filene."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pandas as pd

from arsrapport import regnskap
from arsrapport.grunn.config import PROSJEKTROT
from arsrapport.innlesing import les_uttrekk, valider

REGNSKAPSTABELLER = ("tildeling", "fullmakter", "regnskap", "kapitalkontoer", "mellomvaerende", "kontoplan")


def _som_xlsx(csv: Path, kode_som_tall: bool) -> None:
    """Skriv CSV-filen som .xlsx med tall som tall (og, om ønsket, kapittel/post som tall,
    slik Excel gjør med «0491»), og slett CSV-filen."""
    df = pd.read_csv(csv, dtype=str, keep_default_na=False)
    bok = openpyxl.Workbook()
    ark = bok.active
    ark.append(list(df.columns))
    for rad in df.itertuples(index=False):
        celler = []
        for kol, v in zip(df.columns, rad):
            if v == "":
                celler.append(None)
            elif kol in (
                "belop",
                "overfort_fra_i_fjor",
                "arets_tildelinger",
                "avgitte_belastningsfullmakter",
                "bokfort",
                "rapportert",
                "ar",
            ):
                celler.append(float(v) if "." in v else int(v))
            elif kol in ("kapittel", "post") and kode_som_tall:
                celler.append(int(v))
            else:
                celler.append(v)
        ark.append(celler)
    bok.save(csv.with_suffix(".xlsx"))
    csv.unlink()


def _kopi_med_xlsx(tmp_path: Path, kode_som_tall: bool) -> Path:
    data = Path(shutil.copytree(PROSJEKTROT / "data", tmp_path / "data"))
    for navn in REGNSKAPSTABELLER:
        _som_xlsx(data / f"{navn}.csv", kode_som_tall)
    return data


def test_regnskap_fra_excel_gir_samme_oppstillinger(tmp_path):
    data = _kopi_med_xlsx(tmp_path, kode_som_tall=True)
    fra_xlsx = regnskap.figurer(les_uttrekk(data), 2023)
    fra_csv = regnskap.figurer(les_uttrekk(PROSJEKTROT / "data"), 2023)
    assert fra_xlsx.keys() == fra_csv.keys()
    for ar in fra_csv:
        assert fra_xlsx[ar].keys() == fra_csv[ar].keys()
        for fid, v in fra_csv[ar].items():
            assert abs(fra_xlsx[ar][fid] - v) < 1e-6, (ar, fid)
    # kapittel 491 og post 1 i Excel er «0491» og «01» i boka
    u = les_uttrekk(data)
    assert set(u.tildeling["kapittel"]) == {"0491"} and set(u.tildeling["post"]) == {"01", "21"}


def test_kapittel_med_for_mange_sifre_i_excel_er_fortsatt_en_feil(tmp_path):
    data = _kopi_med_xlsx(tmp_path, kode_som_tall=True)
    bok = openpyxl.load_workbook(data / "regnskap.xlsx")
    ark = bok.active
    kol = [c.value for c in ark[1]].index("kapittel") + 1
    ark.cell(row=2, column=kol, value=49100)
    bok.save(data / "regnskap.xlsx")
    brudd, _ = valider(data)
    assert [(b.fil, b.rad, b.kolonne, b.verdi) for b in brudd] == [("regnskap.xlsx", 2, "kapittel", "49100")]
