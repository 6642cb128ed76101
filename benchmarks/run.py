#!/usr/bin/env python
"""coopnet side by side with the code a user would otherwise write, and with igraph.

Run from the repository root (about 15 minutes on a 2-core machine)::

    python benchmarks/run.py

It runs every ``benchmarks/bench_*.py`` (see harness.py for what such a module
defines) and writes ``benchmarks/RESULTS.md`` and ``benchmarks/results.json``.
Options: ``--only load,centrality``, ``--sizes S,M``, ``--quick``,
``--no-slow-peers``, ``--rewrite`` (re-render RESULTS.md from results.json).
See benchmarks/README.md for what is measured and how.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import main

if __name__ == "__main__":
    raise SystemExit(main())
