"""Dataene: datakontrakten som kode (``kontrakt``), bruddene på den og hvordan de vises
(``brudd``) og filene (CSV, xlsx) lest til rå tekst-tabeller (``fillesing``)."""
