#!/usr/bin/env bash
# README-kommando 2: kjør testene (enhetstester, notatbøker med nbval, gull-test mot de
# publiserte tallene, determinisme og personvern).
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/oppsett.sh
exec .venv/bin/python -m pytest "$@"
