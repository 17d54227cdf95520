"""Sphinx-tillegg for boka (lastes av Jupyter Book via ``extra_extensions`` i ``_config.yml``).

Det Jupyter Book og temaet ikke gjør selv, én modul per oppgave; denne fila kobler dem til
Sphinx (:func:`setup`):

* **Tallene i teksten** (:mod:`.tallrolle`): rollen ``{tall}`` og sporet av hvilke sider som
  viser hvilke tall.
* **Numrene** (:mod:`.numre`): tabell- og figurnumrene Sphinx ga, til kontrollen av
  ``tabeller.xlsx``.
* **Norske ord i HTML-temaet** (:mod:`.oversettelser`). ``sphinx-book-theme`` har ingen norsk katalog som Sphinx finner
  for språket ``nb``; katalogen ``locales/nb/LC_MESSAGES/booktheme.po`` i boka kompileres og
  lastes her. (``sphinx.po`` i samme katalog kompilerer Sphinx selv.) Søkesidens tekster
  (``translations.js``) lages av den samlede katalogen, fordi Sphinx bare leter etter en
  ferdig fil under nøyaktig språknavnet ``nb``. Tekster temaet har skrevet fast på engelsk
  (verktøytips, ``aria-label``), er overstyrt i ``book/_templates/``.
"""

from __future__ import annotations

from arsrapport.bok.sphinxtillegg.numre import NUMREFIL, skriv_numrene
from arsrapport.bok.sphinxtillegg.oversettelser import (
    _lag_javascript_oversettelser,
    _last_bokteemakatalogen,
    javascript_oversettelser,
)
from arsrapport.bok.sphinxtillegg.tallrolle import (
    TALLFIL,
    _besok_tall_html,
    _forlat_tall_html,
    _glem_side,
    _sider_med_endrede_tall,
    _slå_sammen,
    tall,
    tall_rolle,
)

__all__ = [
    "NUMREFIL",
    "TALLFIL",
    "javascript_oversettelser",
    "setup",
    "tall",
    "tall_rolle",
]


def _uten_tomme_ord(get_terms):
    """Sphinx' søkeindeks beholder ord som bare sto i en side som er lest på nytt, med en tom
    liste sider («"028": []»), når bygget gjenbruker indeksen; et bygg fra bunnen har dem ikke.
    Ord uten sider tas ut, så søkeindeksen blir den samme byte for byte."""

    def uten_tomme(self, fn2index):
        return tuple({ord_: sider for ord_, sider in rv.items() if sider != []} for rv in get_terms(self, fn2index))

    uten_tomme.arsrapport = True
    return uten_tomme


def setup(app):
    from sphinx.search import IndexBuilder

    if not getattr(IndexBuilder.get_terms, "arsrapport", False):
        IndexBuilder.get_terms = _uten_tomme_ord(IndexBuilder.get_terms)
    app.add_role("tall", tall_rolle)
    # bare HTML har egne besøkere; ellers (tekst) er tallet en vanlig inline med tekst
    app.add_node(tall, html=(_besok_tall_html, _forlat_tall_html))
    # byggets tidspunkt («Sist oppdatert»): endres det, skrives alle sidene på nytt
    app.add_config_value("arsrapport_kildetid", 0, "html")
    app.connect("env-get-outdated", _sider_med_endrede_tall)
    app.connect("env-purge-doc", _glem_side)
    app.connect("env-merge-info", _slå_sammen)
    app.connect("config-inited", _last_bokteemakatalogen)
    app.connect("config-inited", _lag_javascript_oversettelser)
    app.connect("build-finished", skriv_numrene)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
