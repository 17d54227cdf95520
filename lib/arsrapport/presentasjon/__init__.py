"""Presentasjonen: norsk tallformat (``formatering``), hvordan et tall i katalogen beskrives
(``tallspek``), et ark i ``tabeller.xlsx`` (``regnearkspek``), en tabell i boka (``tabeller``) og
en figur (``diagrammer``, stilen i ``stil/``). Bygger bare på ``grunn``."""
