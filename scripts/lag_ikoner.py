"""Skriv ``book/_static/ikoner.css``: de ikonene temaet bruker, som CSS-masker.

pydata-sphinx-theme laster ``fontawesome.js`` (1,5 MB) på hver side for å tegne rundt 15
ikoner. Boka laster den ikke (``book/_templates/static/webpack-macros.html``); i stedet får
hvert ikon en CSS-regel med sin SVG-figur, hentet fra den samme fila i det installerte temaet.

    .venv/bin/python scripts/lag_ikoner.py          # skriv fila
    .venv/bin/python scripts/lag_ikoner.py --sjekk  # feil (kode 1) om fila er utdatert

Testene (``tests/test_skjerm.py``) sjekker at fila er à jour og at hvert ``fa-*``-ikon i den
bygde boka og i temaets skript har en regel her.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import quote

ROT = Path(__file__).resolve().parents[1]
UT = ROT / "book" / "_static" / "ikoner.css"

#: Ikonene temaet og boka bruker (klassen ``fa-<navn>``).
IKONER = [
    "angle-left",
    "angle-right",
    "arrow-up",
    "bars",
    "circle-half-stroke",
    "download",
    "expand",
    "compress",
    "file",
    "file-pdf",
    "list",
    "magnifying-glass",
    "moon",
    "outdent",
    "sun",
    "xmark",
]


def fontawesome_js() -> Path:
    import pydata_sphinx_theme

    return (
        Path(pydata_sphinx_theme.__file__).parent
        / "theme"
        / "pydata_sphinx_theme"
        / "static"
        / "scripts"
        / "fontawesome.js"
    )


def ikon(kilde: str, navn: str) -> tuple[int, int, str]:
    """(bredde, høyde, SVG-sti) for den fylte («solid») utgaven av ikonet. Fila har først de
    åpne («regular») og så de fylte utgavene, så den siste forekomsten er den fylte."""
    funn = re.findall(r'[{,]"?' + re.escape(navn) + r'"?:\[(\d+),(\d+),\[[^\]]*\],"[0-9a-f]+","([^"]+)"\]', kilde)
    if not funn:
        raise SystemExit(f"ikonet {navn} finnes ikke i {fontawesome_js()}")
    b, h, sti = funn[-1]
    return int(b), int(h), sti


def css(kilde: str) -> str:
    lisens = fontawesome_js().with_name("fontawesome.js.LICENSE.txt").read_text(encoding="utf-8")
    versjon = re.search(r"Font Awesome Free (\d+\.\d+\.\d+)", lisens)
    linjer = [
        "/* Laget av scripts/lag_ikoner.py; ikke rediger for hånd.",
        f"   Ikonene: Font Awesome Free {versjon.group(1) if versjon else ''} (fra pydata-sphinx-theme),",
        "   CC BY 4.0, https://fontawesome.com/license/free */",
        ".fa-solid::before {",
        '  content: "";',
        "  display: inline-block;",
        "  width: var(--ikon-bredde, 1em);",
        "  height: 1em;",
        "  vertical-align: -0.125em;",
        "  background-color: currentColor;",
        "  -webkit-mask: var(--ikon) no-repeat center / contain;",
        "  mask: var(--ikon) no-repeat center / contain;",
        "}",
        ".fa-lg { font-size: 1.25em; line-height: 0.05em; vertical-align: -0.075em; }",
        "@media (forced-colors: active) { .fa-solid::before { background-color: CanvasText; forced-color-adjust: none; } }",
    ]
    for navn in sorted(IKONER):
        b, h, sti = ikon(kilde, navn)
        svg = f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {b} {h}'><path d='{sti}'/></svg>"
        data = quote(svg, safe=" /:='.,-")
        linjer.append(f'.fa-{navn} {{ --ikon-bredde: {b / h:.4g}em; --ikon: url("data:image/svg+xml,{data}"); }}')
    return "\n".join(linjer) + "\n"


def main(argv: list[str]) -> int:
    ny = css(fontawesome_js().read_text(encoding="utf-8"))
    if "--sjekk" in argv:
        if not UT.exists() or UT.read_text(encoding="utf-8") != ny:
            print(f"{UT.relative_to(ROT)} er utdatert; kjør python scripts/lag_ikoner.py", file=sys.stderr)
            return 1
        return 0
    UT.write_text(ny, encoding="utf-8")
    print(f"skrev {UT.relative_to(ROT)} ({len(ny)} byte, {len(IKONER)} ikoner)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
