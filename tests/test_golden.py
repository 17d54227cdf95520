"""Gull-testen: boka gjenskaper tallene UNE publiserte for 2023 fra de medfølgende dataene.

Omfang (``avstemming.i_omfang``): alle publiserte tall i del III kapittel 3.1 og 3.2.1–3.2.10
med Tabell 2–9, og statistikkvedlegget i del VII (unntatt tabell 1, som hører til
produktiviteten). Der rapporten motsier seg selv eller sin egen definisjon, følger
boka definisjonen; slike avvik står i ``docs/avvik.yaml`` med begrunnelse og tallet boka
beregner (``beregnet``), og rapporteres, men feiler ikke så lenge boka beregner nettopp det
tallet. Et avvik der boka beregner noe annet (eller ingenting), feiler, det samme gjør et avvik
som ikke lenger er et avvik (listen skal være sann).
"""

from __future__ import annotations

from conftest import AVVIK, GOLDEN

from arsrapport.kapitler import avstemming


def _gull():
    return avstemming.publiserte(GOLDEN)


def _avvik() -> dict[tuple[str, int], avstemming.KjentAvvik]:
    return avstemming.kjente_avvik(AVVIK)


def _lik(verdi, beregnet) -> bool:
    """Testens egen sammenligning (ikke avstemmingens): begge mangler, eller like på seks desimaler."""
    if verdi is None or beregnet is None:
        return verdi is None and beregnet is None
    return abs(verdi - beregnet) <= 1e-6


def sammenlign_med_gull(figurer: dict[int, dict[str, float]]) -> tuple[int, list[str], list[str]]:
    """(antall som treffer, kjente avvik som rapporteres, feil) for tallene i ``figurer``."""
    avvik = _avvik()
    feil, rapporterte, treff = [], [], 0
    for rad in _gull():
        fid, ar, mal, tol = rad["id"], int(rad["year"]), rad["value"], rad["tolerance"]
        verdi = figurer.get(ar, {}).get(fid)
        ok = verdi is not None and abs(verdi - mal) <= tol + 1e-9
        if (fid, ar) in avvik:
            kjent = avvik[(fid, ar)]
            if ok:
                feil.append(f"{fid} {ar}: står i avvik.yaml, men treffer ({verdi}); fjern avviket")
            elif not _lik(verdi, kjent.beregnet):
                feil.append(
                    f"{fid} {ar}: avvik.yaml er begrunnet for beregnet {kjent.beregnet}, men boka beregner {verdi}; "
                    "sjekk beregningen, og er endringen riktig, skriv grunnen og «beregnet» på nytt"
                )
            else:
                rapporterte.append(f"{fid} {ar}: publisert {mal}, beregnet {verdi} – {kjent.grunn}")
            continue
        if ok:
            treff += 1
        else:
            feil.append(f"{fid} {ar}: publisert {mal} ± {tol}, beregnet {verdi}")
    return treff, rapporterte, feil


def test_gulltall_innenfor_toleranse(figurer, capsys):
    treff, rapporterte, feil = sammenlign_med_gull(figurer)
    with capsys.disabled():
        print(f"\nGull-test: {treff} tall treffer, {len(rapporterte)} kjente avvik, {len(feil)} feil")
        for r in rapporterte:
            print("  avvik:", r)
    assert not feil, "\n".join(feil)


def test_avvik_gjelder_publiserte_tall():
    kjente = {(r["id"], int(r["year"])) for r in _gull()}
    for fid, ar in _avvik():
        assert (fid, ar) in kjente, f"avvik.yaml nevner {fid} {ar}, som ikke er et publisert tall i omfanget"


def test_hvert_avvik_har_tallet_boka_beregner():
    """Hver oppføring i avvik.yaml har ``beregnet`` (et tall, eller null når tallet ikke kan
    beregnes), så gull-testen kan holde avviket fast."""
    import yaml

    for r in yaml.safe_load(AVVIK.read_text(encoding="utf-8")):
        assert "beregnet" in r, f"avvik.yaml: {r['id']} {r['year']} mangler «beregnet»"
        b = r["beregnet"]
        assert b is None or (isinstance(b, int | float) and not isinstance(b, bool)), (r["id"], b)
