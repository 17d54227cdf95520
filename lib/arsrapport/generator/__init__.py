"""Det syntetiske uttrekket i ``data/``.

Generatoren skriver alle tabellene i datakontrakten. Den er kalibrert mot tallene
UNE publiserte for 2023 (``docs/golden/une-2023.yaml``): det er den eneste delen av
``lib`` som leser den filen. Beregningene og notatbøkene gjør det aldri.
"""
