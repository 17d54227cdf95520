"""arsrapport: Utlendingsnemndas årsrapport beregnet fra registeruttrekk.

Én underpakke per lag, nedenfra og opp (``docs/arkitektur.md``; en pakke importerer bare fra
seg selv og lagene under):

- ``grunn``: innstillinger og stier, minne, underprosesser, id-leddene
- ``presentasjon``: norsk tallformat, beskrivelsen av et tall, et regneark, en tabell, en figur
- ``data``: datakontrakten som kode, bruddene på den, filene lest til rå tabeller
- ``maal`` og ``regnskap``: målene i kontraktens definisjoner; regnskapet (R-115 og notene)
- ``innlesing``: uttrekket lest, typet og kontrollert (``les_uttrekk``, reglene i ``kontroll``)
- ``kapitler``: registeret over kapitlene (``beregn``) og én modul per kapittel
- ``utdata``: tallkatalogen, ``figures.json``, ``tabeller.xlsx``, oppslag av ``{tall}``
- ``bok``: bygget, hurtiglageret, Sphinx-tilleggene, forhåndsvisningen og kommandolinjen
"""

__version__ = "0.1.0"
