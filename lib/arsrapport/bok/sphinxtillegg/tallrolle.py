"""Rollen ``{tall}``: tallene fra beregningene i teksten, med kilden i HTML (``data-*``), og
Sphinx leser en side på nytt når tallene den viser, er endret."""

from __future__ import annotations

import json
from pathlib import Path

from docutils import nodes

#: Tabeller med flere rader enn dette settes som ``longtable`` og kan brytes over sider.

# ------------------------------------------------------------------ tallene: rollen {tall}

#: Filen i bokas kildekatalog med teksten til hver ``{tall}``-referanse boka bruker; bygget
#: skriver den (``arsrapport.bok.bygg``) etter å ha slått opp og kontrollert hver referanse.
TALLFIL = "_tall.json"


def _les_tallfil(app) -> dict:
    fil = Path(app.srcdir) / TALLFIL
    if not fil.is_file():
        return {"referanser": {}, "kilder": {}}
    innhold = json.loads(fil.read_text(encoding="utf-8"))
    innhold.setdefault("kilder", {})
    return innhold


def _tallene(app) -> dict:
    if not hasattr(app, "_arsrapport_tall"):
        app._arsrapport_tall = _les_tallfil(app)
    return app._arsrapport_tall


class tall(nodes.inline):
    """Et tall fra rollen ``{tall}``: teksten, og i HTML hvor den kommer fra (``data-*``)."""


#: Feltene i ``kilder`` som blir ``data-*`` på tallet i HTML (til tall.js).
_KILDEFELT = ("id", "definisjon", "funksjon")


def _besok_tall_html(self, node: tall) -> None:
    kilde = node.get("kilde") or {}
    atts = {f"data-{f}": str(kilde[f]) for f in _KILDEFELT if kilde.get(f)}
    if kilde.get("ar"):
        atts["data-ar"] = json.dumps(kilde["ar"], ensure_ascii=False)
    if kilde.get("side"):
        atts["data-side"] = self.builder.get_relative_uri(self.builder.current_docname, kilde["side"])
    # tallet kan nås med tastaturet; tall.js viser hvor det kommer fra ved fokus, pekeren og trykk
    self.body.append(self.starttag(node, "span", "", tabindex="0", **atts))


def _forlat_tall_html(self, node: tall) -> None:
    self.body.append("</span>")


def tall_rolle(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{tall}`behandlet.asyl``: teksten bygget slo opp for referansen («1 234»). Hvilke
    referanser (tekst og kilde) hver side bruker, huskes i miljøet, så en side leses på nytt
    når et tall den viser, har endret seg (:func:`_sider_med_endrede_tall`). I PDF-en er tallet
    bare tekst; i HTML bærer det id-en og kilden (:func:`_besok_tall_html`)."""
    env = inliner.document.settings.env
    tallene = _tallene(env.app)
    ref = text.strip()
    if ref not in tallene["referanser"]:
        melding = inliner.reporter.error(
            f"ukjent tall «{ref}» (bygget fant det ikke; kjør arsrapport build)", line=lineno
        )
        return [inliner.problematic(rawtext, rawtext, melding)], [melding]
    brukt = (tallene["referanser"][ref], tallene["kilder"].get(ref))
    if not hasattr(env, "arsrapport_tall"):
        env.arsrapport_tall = {}
    env.arsrapport_tall.setdefault(env.docname, {})[ref] = brukt
    return [tall(rawtext, brukt[0], classes=["tall"], kilde=brukt[1] or {})], []


def _sider_med_endrede_tall(app, env, lagt_til, endret, fjernet):
    """Sidene som viser et tall med en annen tekst eller kilde enn sist de ble lest (Sphinx
    leser dem på nytt)."""
    tallene = _tallene(app)

    def na(ref):
        return (tallene["referanser"].get(ref), tallene["kilder"].get(ref))

    brukt = getattr(env, "arsrapport_tall", {})
    return sorted(
        side
        for side, refs in brukt.items()
        if side in env.found_docs and any(tuple(t) != na(r) for r, t in refs.items())
    )


def _glem_side(app, env, side):
    getattr(env, "arsrapport_tall", {}).pop(side, None)


def _slå_sammen(app, env, sider, annen):
    if hasattr(annen, "arsrapport_tall"):
        if not hasattr(env, "arsrapport_tall"):
            env.arsrapport_tall = {}
        for side in sider:
            if side in annen.arsrapport_tall:
                env.arsrapport_tall[side] = annen.arsrapport_tall[side]
