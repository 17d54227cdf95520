"""Det syntetiske uttrekket i ``data/`` (``arsrapport generate``).

En egen pakke ved siden av ``arsrapport``: rapportbiblioteket bruker den aldri, og en endring
her gjør ikke kapitlene i hurtiglageret ugyldige.

Generatoren skriver alle tabellene i datakontrakten. Den er kalibrert mot tallene
UNE publiserte for 2023 (``docs/golden/une-2023.yaml``): det er den eneste delen av
``lib`` som leser den filen. Beregningene og notatbøkene gjør det aldri.

Reglene dataene må følge (verdilistene, nemndmøte, omgjort, arbeidsdagene og fristene i
prioporteføljen) har generatoren i sin egen modul, ``kontrakt``, skrevet av fra
``docs/data-contract.md``; den importerer aldri målene i ``arsrapport``, så en feil regel i
biblioteket ikke former dataene og målet likt (``tests/test_data.py`` holder det slik, og
prøver det generatoren skriver mot kontrakten og de publiserte tallene).

Samme frø gir de samme bytene på hver CPU: alle sorteringer er stabile (``kind="stable"``;
numpys standardsortering har SIMD-kjerner som ordner like nøkler ulikt med AVX-512, AVX2 og
på ARM), og generatoren bruker verken transcendente numpy-funksjoner, ``np.power`` eller BLAS,
som også har egne kjerner per CPU (``tests/test_data.py`` kontrollerer begge deler).
"""
