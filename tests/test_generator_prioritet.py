"""Generatoren for prioporteføljen: begjæringer om utsatt iverksetting rundt uttrekksdatoen."""

from __future__ import annotations

import numpy as np
import pandas as pd

from uttrekksgenerator.prioritet import EKSTRAKT, _frist_og_begjaering


def test_begjaering_og_avgjorelse_rundt_uttrekket():
    """Et vedtak dagen før uttrekket (åpenbart grunnløst, kort frist som går ut etter uttrekket):
    begjæringen er aldri etter uttrekket, og avgjørelsen (kuttet ved timen før uttrekket) er
    aldri før begjæringen. Før rettelsen kunne en begjæring kl. 02.47 på uttrekksdagen få
    avgjørelse kl. 23.00 dagen før."""
    v = EKSTRAKT - pd.Timedelta(hours=10)  # onsdag 14.02.2024 kl. 14
    begjart = avgjort = 0
    for fro in range(300):
        ny = {
            k: np.full(1, np.datetime64("NaT"), dtype="datetime64[us]")
            for k in ("uiv_frist", "uiv_begjaering", "uiv_avgjort")
        }
        ny["aapenbart_grunnlos"] = np.zeros(1, dtype=bool)
        _frist_og_begjaering(ny, 0, v, True, np.random.default_rng(fro))
        b, a = pd.Timestamp(ny["uiv_begjaering"][0]), pd.Timestamp(ny["uiv_avgjort"][0])
        assert pd.isna(a) or pd.notna(b), "avgjort uten begjæring"
        if pd.notna(b):
            begjart += 1
            assert v < b < EKSTRAKT
        if pd.notna(a):
            avgjort += 1
            assert b <= a < EKSTRAKT, (fro, b, a)
    assert begjart > avgjort > 0  # noen begjæringer er avgjort, noen (i siste time) ikke
