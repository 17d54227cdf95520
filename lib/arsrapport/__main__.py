"""``python -m arsrapport``: samme kommandolinje som ``arsrapport``."""

from arsrapport.bok.cli import main

raise SystemExit(main())
