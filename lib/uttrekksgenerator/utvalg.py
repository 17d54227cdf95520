"""Små, vektoriserte verktøy for kalibreringen: velge delmengder og justere datoer
slik at et gjennomsnitt treffer et mål uten å gjøre dataene degenererte."""

from __future__ import annotations

import numpy as np


def velg_med_snitt(
    verdier: np.ndarray, n: int, mal: float | None, rng: np.random.Generator, preferanse: np.ndarray | None = None
) -> np.ndarray:
    """Velg ``n`` indekser fra ``verdier`` slik at snittet blir så nær ``mal`` som mulig.

    Starter fra de ``n`` med høyest ``preferanse`` (realistisk utgangspunkt), og bytter
    så valgte mot ikke-valgte til snittet treffer. Returnerer en boolsk maske.
    """
    m = len(verdier)
    valgt = np.zeros(m, dtype=bool)
    if n <= 0:
        return valgt
    if n >= m:
        valgt[:] = True
        return valgt
    pref = preferanse if preferanse is not None else rng.random(m)
    valgt[np.argsort(-pref, kind="stable")[:n]] = True
    if mal is None:
        return valgt
    v = verdier.astype("float64")
    for _ in range(60):
        behov = (mal - v[valgt].mean()) * n  # total endring som trengs
        if abs(behov) < 0.5:
            break
        inne = np.flatnonzero(valgt)
        ute = np.flatnonzero(~valgt)
        if behov > 0:  # bytt ut små valgte mot store ikke-valgte
            a = inne[np.argsort(v[inne], kind="stable")]
            b = ute[np.argsort(-v[ute], kind="stable")]
        else:
            a = inne[np.argsort(-v[inne], kind="stable")]
            b = ute[np.argsort(v[ute], kind="stable")]
        k = min(len(a), len(b))
        gevinst = v[b[:k]] - v[a[:k]]
        nyttig = np.sign(behov) * gevinst > 0
        if not nyttig.any():
            break
        kum = np.cumsum(np.abs(gevinst) * nyttig)
        antall = int(np.searchsorted(kum, abs(behov)))
        if antall > 0:
            # bytt de første par-ene helt (rekkefølgen trekkes, slik at datastrømmen er som før)
            bytt = rng.permutation(antall)
            valgt[a[bytt]] = False
            valgt[b[bytt]] = True
            continue
        # ett presist bytte: finn par med differanse nærmest behovet
        inne_v = v[inne]
        ute_sortert = ute[np.argsort(v[ute], kind="stable")]
        ute_v = v[ute_sortert]
        onsket = inne_v + behov
        pos = np.clip(np.searchsorted(ute_v, onsket), 1, len(ute_v) - 1)
        venstre, hoyre = ute_v[pos - 1], ute_v[pos]
        velg_h = np.abs(hoyre - onsket) < np.abs(venstre - onsket)
        kandidat = np.where(velg_h, pos, pos - 1)
        feil = np.abs(ute_v[kandidat] - onsket)
        i = int(np.argmin(feil))
        if feil[i] >= abs(behov):
            break
        valgt[inne[i]] = False
        valgt[ute_sortert[kandidat[i]]] = True
    return valgt


def juster_sum(verdier: np.ndarray, onsket_endring: float, nedre: np.ndarray, ovre: np.ndarray) -> np.ndarray:
    """Heltallige forskyvninger s (nedre ≤ s ≤ ovre) med sum så nær ``onsket_endring`` som mulig,
    spredt jevnt over elementene. Brukes til å flytte datoer noen dager."""
    n = len(verdier)
    s = np.zeros(n, dtype="float64")
    if n == 0:
        return s.astype("int64")
    rest = float(onsket_endring)
    for _ in range(20):
        if abs(rest) < 0.5:
            break
        ledig = (ovre - s > 0) if rest > 0 else (s - nedre > 0)
        k = int(ledig.sum())
        if k == 0:
            break
        forsok = s + np.where(ledig, rest / k, 0.0)
        ny = np.clip(forsok, nedre, ovre)
        rest -= float((ny - s).sum())
        s = ny
    heltall = np.floor(s)
    mangler = int(round(s.sum() - heltall.sum()))
    if mangler > 0:
        kan = np.flatnonzero(heltall + 1 <= ovre)
        heltall[kan[:mangler]] += 1
    return heltall.astype("int64")


def velg(rng: np.random.Generator, verdier_vekter, n: int) -> np.ndarray:
    """n verdier trukket med tilbakelegging etter vektene: ``(verdier, vekter)``."""
    verdier, vekter = verdier_vekter
    p = np.asarray(vekter, dtype="float64")
    return rng.choice(np.asarray(verdier, dtype=object), size=n, p=p / p.sum())
