"""Which articles a command works on: the PATHs given, else the bundled sample articles."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from briefreader.ingest import load_paths
from briefreader.model import Article
from briefreader.resources import seeds_dir


def load_articles(paths: Sequence[str]) -> list[Article] | None:
    """Load PATHs (or the seeds), printing each problem as one stderr line.

    Returns None, after saying so, when nothing at all could be read: the caller exits non-zero.
    """
    targets = list(paths) or [str(seeds_dir())]
    result = load_paths(targets)
    for problem in result.problems:
        prefix = "error" if problem.fatal else "warning"
        print(f"briefreader: {prefix}: {problem}", file=sys.stderr)
    if not result.articles:
        print("briefreader: error: no article could be read", file=sys.stderr)
        return None
    return result.articles
