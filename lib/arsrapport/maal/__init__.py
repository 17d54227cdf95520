"""Målene i datakontraktens definisjoner: saksbehandlingen (``saksbehandling``), rettssakene
(``rettssaker``), begjæringene om utsatt iverksettelse (``uiv``), de prioriterte sakene
(``prioritet``), porteføljen (``portefolje``) og styringsparameterne (``styringsparametere``).
Regnskapet har sin egen pakke (``arsrapport.regnskap``) i samme lag."""
