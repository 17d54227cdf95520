"""Utdataene: tallkatalogen (``tallkatalog``), ``figures.json`` (``eksport``), ``tabeller.xlsx``
(``regneark``, numrene i ``nummerering``), oppslag av ``{tall}`` i boka (``bokreferanser``) og
søk i tallene (``tallsok``)."""
