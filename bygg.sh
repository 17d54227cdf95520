#!/usr/bin/env bash
# README-kommando 1: sett opp alt og bygg rapporten fra data/ til _build/.
# Ekstra argumenter går videre til `arsrapport build` (f.eks. --year 2023 --no-pdf).
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/oppsett.sh --system
exec .venv/bin/arsrapport build "$@"
