"""Kolonnebreddene til de brede tabellene i PDF-en (:mod:`arsrapport.bok.trykk.kolonner`):
tall brytes aldri, tekst deler resten, og tabellen går aldri ut over linja (96 tegn)."""

from arsrapport.bok.trykk import kolonner as k


def test_kolonnebredder_naturlig_bredde_nar_det_er_plass():
    assert k.kolonnebredder([False, True, True], [40, 10, 10], [12, 10, 10]) == [43, 13, 13]


def test_kolonnebredder_tekst_krymper_tall_beholdes():
    bredder = k.kolonnebredder([False, True, True, False], [60, 10, 10, 300], [15, 10, 10, 14])
    assert bredder[1] == bredder[2] == 13  # tallene brytes ikke
    assert sum(bredder) <= k.TEGN_PER_LINJE
    assert bredder[3] > bredder[0]  # lengst tekst får mest plass


def test_kolonnebredder_lengste_ord_er_gulv_men_lange_id_er_brytes():
    # en id på 50 tegn kan brytes; gulvet er MAKS_ORD, ikke hele ordet
    bredder = k.kolonnebredder([False, True, False], [50, 8, 400], [50, 8, 12])
    assert bredder[0] == k.MAKS_ORD + k.LUFT
    assert sum(bredder) <= k.TEGN_PER_LINJE


def test_kolonnebredder_mange_tekstkolonner_holder_seg_innenfor_linja():
    # avstemmingstabellen: fire tekstkolonner med lange ord og to tallkolonner; gulvene
    # alene (23 + 23 + 14 + 23) og tallene (15 + 15) er bredere enn linja (96)
    hoyre = [False, False, True, True, False, False]
    bredder = k.kolonnebredder(hoyre, [47, 73, 12, 12, 20, 330], [23, 73, 12, 12, 11, 45])
    assert sum(bredder) <= k.TEGN_PER_LINJE
    assert bredder[2] == bredder[3] == 15  # tallene brytes ikke
    assert bredder[5] == max(b for b, h in zip(bredder, hoyre) if not h)  # lengst tekst får mest
    assert min(b for b, h in zip(bredder, hoyre) if not h) >= k.KORT + k.LUFT  # et kort ord får plass


def test_kolonnebredder_kort_tekst_kolonne_far_minst_sitt_lengste_ord():
    bredder = k.kolonnebredder([False, False, True], [12, 500, 30], [12, 10, 30])
    assert bredder[0] >= 12 + k.LUFT
    assert sum(bredder) <= k.TEGN_PER_LINJE
