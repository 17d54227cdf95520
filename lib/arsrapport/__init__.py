"""arsrapport: Utlendingsnemndas årsrapport beregnet fra registeruttrekk.

Modulene følger rapportens egne begreper:

- ``kontrakt``, ``innlesing``, ``kontroll``: lese og kontrollere eksportene
- ``saksbehandling``: målene i datakontraktens definisjoner (mottatt, behandlet …)
- ``rettssaker``, ``uiv``: rettssaker og begjæringer om utsatt iverksettelse
- ``kapittel_3_1``: alle tall kapittel 3.1 viser, under figur-id-ene
- ``formatering``, ``tabeller``, ``diagrammer``, ``eksport``: presentasjon
- ``bygg``, ``cli``: kjøring av notatbøkene og byggingen av boka
- ``sphinxtillegg``: tabellene og delene i PDF-en, norske tekster i HTML-temaet (Sphinx)
- ``skjermtillegg``: HTML-boka på telefon og for skjermlesere (orddeling, figurer, forsiden)
"""

__version__ = "0.1.0"
