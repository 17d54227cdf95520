"""Boka: bygget (``bygg``: notatbøkene med Papermill, Jupyter Book, utkatalogen), hurtiglageret
(``hurtiglager``), Sphinx-tilleggene (``sphinxtillegg``, ``skjermtillegg``), forhåndsvisningen
(``forhandsvis``) og kommandolinjen (``cli``)."""
