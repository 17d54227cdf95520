#!/usr/bin/env bash
# Sett opp .venv i prosjektroten med låste versjoner og pakken installert.
# Med --system installeres også Debian-pakkene PDF-en trenger (Pango, som WeasyPrint setter
# teksten med, og FreeSerif/FreeSans), poppler-utils (pdftotext), som personvernskanningen av
# PDF-en bruker, og chromium, som testene av HTML-boka kjører i (tests/nettleser.py).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" == "--system" ]]; then
  trengs=(libpango-1.0-0 libpangoft2-1.0-0 fontconfig fonts-freefont-otf poppler-utils chromium)
  mangler=()
  for p in "${trengs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || mangler+=("$p"); done
  if ((${#mangler[@]})); then
    echo "Installerer systempakker: ${mangler[*]}"
    SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${mangler[@]}" >/dev/null
  fi
fi
if [[ ! -x .venv/bin/python ]]; then
  echo "Lager .venv …"
  python3 -m venv .venv
fi
if ! .venv/bin/python -c "import arsrapport, uttrekksgenerator, jupyter_book" 2>/dev/null \
   || [[ requirements.lock -nt .venv/.installert ]] || [[ pyproject.toml -nt .venv/.installert ]]; then
  echo "Installerer avhengigheter (requirements.lock) …"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -r requirements.lock
  .venv/bin/python -m pip install -q --no-deps -e .
  .venv/bin/python -m ipykernel install --sys-prefix --name python3 >/dev/null
  touch .venv/.installert
fi
