"""Sorteringene i ``lib/`` er stabile, så resultatet er det samme på alle prosessorer.

numpy velger sorteringskjerne etter prosessoren (AVX-512, AVX2 eller vanlig C), og de
ustabile kjernene (``kind="quicksort"``, standard i numpy og pandas) ordner like verdier
ulikt: på en maskin uten AVX-512 ble både det syntetiske uttrekket og en tekst i boka
(«… kortest») et annet. En stabil sortering beholder rekkefølgen like verdier hadde, og den
er den samme overalt. Testen går gjennom kildekoden og krever ``kind="stable"`` i hvert kall
som sorterer (en konvensjonstest: den fanger et nytt kall før det når en annen maskin).
"""

from __future__ import annotations

import ast

import pytest

from arsrapport.grunn.config import PROSJEKTROT

#: metodene som sorterer med en valgbar, ustabil standard (pandas og numpy)
SORTERER = frozenset({"sort_values", "sort_index", "argsort", "argpartition"})
#: numpy-funksjonene med samme navn som en strengmetode (``str.partition``), bare som ``np.…``
NUMPY_SORTERER = frozenset({"sort", "partition"})


def ustabile_kall(kilde: str) -> list[tuple[int, str]]:
    """(linje, kall) for hvert kall som sorterer uten ``kind="stable"``: metodene i
    :data:`SORTERER` og ``np.sort``/``np.partition``. Pythons egne ``sorted`` og ``list.sort``
    er alltid stabile og telles ikke."""
    funnet = []
    for node in ast.walk(ast.parse(kilde)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        navn = node.func.attr
        er_np_sort = (
            navn in NUMPY_SORTERER and isinstance(node.func.value, ast.Name) and node.func.value.id in ("np", "numpy")
        )
        if navn not in SORTERER and not er_np_sort:
            continue
        kind = next((k.value for k in node.keywords if k.arg == "kind"), None)
        if not (isinstance(kind, ast.Constant) and kind.value == "stable"):
            funnet.append((node.lineno, ast.unparse(node.func)))
    return funnet


@pytest.mark.parametrize(
    "kode, antall",
    [
        ("df.sort_values('a')", 1),
        ("s.sort_values(kind='quicksort')", 1),
        ("np.sort(x)", 1),
        ("numpy.sort(x, kind='mergesort')", 1),
        ("a[np.argsort(-v)]", 1),
        ("s.sort_index()", 1),
        ("np.argpartition(x, 3)", 1),
        ("df.sort_values('a', kind='stable')", 0),
        ("np.sort(x, kind='stable')", 0),
        ("a[np.argsort(-v, kind='stable')]", 0),
        ("np.partition(x, 3)", 1),
        ("sorted(x); liste.sort(); x.sort(key=len); tekst.partition('/')", 0),
    ],
)
def test_gjenkjenner_ustabile_sorteringer(kode, antall):
    assert len(ustabile_kall(kode)) == antall


def test_alle_sorteringer_i_lib_er_stabile():
    feil = []
    for fil in sorted((PROSJEKTROT / "lib" / "arsrapport").rglob("*.py")):
        for linje, kall in ustabile_kall(fil.read_text(encoding="utf-8")):
            feil.append(f'{fil.relative_to(PROSJEKTROT)}:{linje}: {kall}(…) uten kind="stable"')
    assert not feil, "sortering som kan gi ulik rekkefølge på ulike prosessorer:\n" + "\n".join(feil)
