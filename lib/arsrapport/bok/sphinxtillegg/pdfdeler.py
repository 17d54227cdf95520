"""Delene i PDF-en: overskriftene i ``_toc.yml`` («Del III …») som linjer i
innholdsfortegnelsen og bokmerkene, og forsiden som et unummerert kapittel."""

from __future__ import annotations

from docutils import nodes

#: Tabeller med flere rader enn dette settes som ``longtable`` og kan brytes over sider.

# ------------------------------------------------------------------ delene i PDF-en


def _deler_i_latex(app, doctree: nodes.document) -> None:
    """Delene (``Del II …``, overskriftene i ``_toc.yml``) som egne linjer i PDF-ens
    innholdsfortegnelse og bokmerker, og forsiden som et unummerert kapittel.

    LaTeX-byggeren i Sphinx limer kapitlene inn der innholdslistene (toctree) står på
    forsiden og kaster overskriftene deres; HTML-menyen viser dem. Her settes en linje inn
    foran hver innholdsliste (den blir stående når kapitlene limes inn)."""
    from sphinx import addnodes
    from sphinx.util.texescape import escape

    if app.builder.format != "latex" or app.env.docname != app.config.root_doc:
        return
    seksjon = next(iter(doctree.findall(nodes.section)), None)
    if seksjon is not None and len(seksjon) and isinstance(seksjon[0], nodes.title):
        tittel = escape(seksjon[0].astext())
        seksjon.insert(
            1,
            nodes.raw(
                "",
                r"\chapter*{%s}\addcontentsline{toc}{chapter}{%s}\markboth{%s}{%s}" % ((tittel,) * 4),
                format="latex",
            ),
        )
    for toctree in list(doctree.findall(addnodes.toctree)):
        del_ = toctree.get("caption")
        if not del_:
            continue
        forelder = toctree.parent
        forelder.insert(
            forelder.index(toctree),
            nodes.raw(
                "",
                rf"\clearpage\phantomsection\addcontentsline{{toc}}{{part}}{{{escape(del_)}}}",
                format="latex",
            ),
        )
