#!/usr/bin/env bash
# README-kommando 2: kjør testene (enhetstester, notatbøker med nbval, gull-test mot de
# publiserte tallene, determinisme og personvern).
set -euo pipefail
cd "$(dirname "$0")"
# --system: Pango og skriftene til PDF-en, pdftotext og chromium, så testene bygger og skanner PDF-en og
# åpner HTML-boka i en nettleser
bash scripts/oppsett.sh --system
exec .venv/bin/python -m pytest "$@"
