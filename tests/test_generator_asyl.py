"""Generatoren for asylsakene: byttet av vedtaksdato som lar EMA-anmodningene treffe snittet."""

from __future__ import annotations

import numpy as np
import pandas as pd

from uttrekksgenerator.asyl import _bytt_til_snitt, _Saker


def _anmodninger(n: int, rng: np.random.Generator) -> pd.DataFrame:
    mott = pd.Timestamp("2022-10-01") + pd.to_timedelta(rng.integers(0, 150, n), unit="D")
    avsl = pd.Timestamp("2023-01-02") + pd.to_timedelta(rng.integers(0, 115, n), unit="D")  # første tertial
    avsl = avsl.where(avsl > mott, mott + pd.Timedelta(days=3))
    return pd.DataFrame(
        {
            "saksgruppe": "Asyl",
            "behandlingstype": "Omgjøringsanmodning",
            "mottatt_dato": mott,
            "avsluttet_dato": avsl,
            "avslutning": "Vedtak",
            "utfall": "Ikke omgjort",
            "avgjorelsesform": rng.choice(["NL", "SEK"], n, p=[0.8, 0.2]),
        }
    )


def test_bytt_til_snitt_holder_cellene():
    """To valgte anmodninger med snitt langt fra 36 dager (én må erstattes): etter byttet er snittet strengt
    innenfor 36 ± 0,5, hver celle (form, tertial) har de samme vedtaksdatoene og den samme
    summen av tider, ingen får vedtak samme dag som mottak, og ``df`` følger med."""
    df = _anmodninger(120, np.random.default_rng(7))
    s = _Saker(df)
    lov = np.ones(len(df), dtype=bool)
    valgt = np.array([int(np.argmin(np.abs(s.tid - 30))), int(np.argmax(s.tid))])  # én nær, én lang
    assert abs(s.tid[valgt].mean() - 36) > 10
    avsl_for = s.avsl.copy()
    for_bytte = {f: (sorted(s.avsl[s.form == f]), int(s.tid[s.form == f].sum())) for f in ("NL", "SEK")}
    nytt = _bytt_til_snitt(df, s, valgt, 36.0, lov)
    assert nytt is not None and len(nytt) == 2
    assert abs(s.tid[nytt].mean() - 36) < 0.5
    assert (s.nl[nytt] == s.nl[valgt]).all()  # nemndleder-fordelingen står
    for f, (datoer, sum_tid) in for_bytte.items():
        assert sorted(s.avsl[s.form == f]) == datoer and int(s.tid[s.form == f].sum()) == sum_tid
    assert (s.tid >= 1).all() and (s.avsl != avsl_for).sum() == 2  # nøyaktig ett bytte
    dager = df["avsluttet_dato"].to_numpy(dtype="datetime64[D]").astype("int64")
    assert (dager == s.avsl).all()
