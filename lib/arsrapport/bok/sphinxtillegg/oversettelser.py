"""Norske ord i HTML-temaet: katalogen for sphinx-book-theme og søkesidens tekster
(``translations.js``) for språket ``nb``."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

#: Tabeller med flere rader enn dette settes som ``longtable`` og kan brytes over sider.

# ------------------------------------------------------------------ norske ord i HTML


def _katalog(app) -> Path:
    return Path(app.srcdir) / "locales" / (app.config.language or "") / "LC_MESSAGES"


def _last_bokteemakatalogen(app, config) -> None:
    """Kompiler og last ``booktheme.po`` (tekstene fra sphinx-book-theme)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from sphinx import locale

    po = _katalog(app) / "booktheme.po"
    if not config.language or not po.exists():
        return
    import io

    with open(po, "rb") as f:
        katalog = read_po(f, locale=config.language.replace("-", "_"))
    buf = io.BytesIO()
    write_mo(buf, katalog)
    mo = po.with_suffix(".mo")
    # HTML- og PDF-bygget kan kjøre samtidig i samme kildekatalog: skriv bare når innholdet er
    # nytt, og via en egen midlertidig fil, så den andre aldri leser en halvskrevet katalog
    if not mo.is_file() or mo.read_bytes() != buf.getvalue():
        tmp = mo.with_name(f".{mo.name}.{os.getpid()}.tmp")
        tmp.write_bytes(buf.getvalue())
        os.replace(tmp, mo)
    locale.init([str(Path(app.srcdir) / "locales")], config.language, "booktheme")


_JS_MAL = re.compile(r"Documentation\.addTranslations\((.*)\);?\s*$", re.S)


def javascript_oversettelser(meldinger: dict[str, str], sprak: str) -> str:
    """``translations.js`` slik Sphinx' søkeside venter den."""
    innhold = {"locale": sprak, "messages": meldinger, "plural_expr": "(n != 1)"}
    return "Documentation.addTranslations(" + json.dumps(innhold, ensure_ascii=False, indent=1, sort_keys=True) + ");\n"


def _lag_javascript_oversettelser(app, config) -> None:
    """Lag ``translations.js`` for søkesiden fra den samlede katalogen (Sphinx' egen norske
    katalog pluss ``sphinx.po`` i boka) og pek Sphinx dit."""
    import sphinx

    if not config.language or not (_katalog(app) / "sphinx.po").exists():
        return
    from babel.messages.pofile import read_po

    nokler: set[str] = set()
    innebygd = Path(sphinx.__file__).parent / "locale" / "nb_NO" / "LC_MESSAGES" / "sphinx.js"
    if innebygd.exists():
        treff = _JS_MAL.search(innebygd.read_text(encoding="utf-8"))
        if treff:
            nokler |= set(json.loads(treff.group(1))["messages"])
    with open(_katalog(app) / "sphinx.po", "rb") as f:
        nokler |= {m.id for m in read_po(f) if m.id and isinstance(m.id, str)}
    meldinger = {}
    for nokkel in sorted(nokler):
        oversatt = app.translator.gettext(nokkel)
        if oversatt and oversatt != nokkel:
            meldinger[nokkel] = oversatt
    ut = Path(app.doctreedir).parent / "oversettelser"
    fil = ut / config.language / "LC_MESSAGES" / "sphinx.js"
    fil.parent.mkdir(parents=True, exist_ok=True)
    fil.write_text(javascript_oversettelser(meldinger, config.language), encoding="utf-8")
    # Sphinx leter etter sphinx.js i locale_dirs relativt til arbeidskatalogen; absolutte stier
    config.locale_dirs = [str(Path(app.srcdir) / d) for d in config.locale_dirs] + [str(ut)]
