"""Which articles a command works on: the PATHs given, else the library, else the seeds."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from briefreader.ingest import load_paths
from briefreader.model import Article
from briefreader.resources import seeds_dir

if TYPE_CHECKING:
    from briefreader.library.store import Library


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


def open_existing_library(directory: str | None) -> Library | None:
    """The library when it exists and holds articles; None means "use the seeds".

    A library that cannot be opened (corrupt, newer schema) is reported on stderr and the
    command falls back to the seeds rather than failing outright.
    """
    from briefreader.library import LibraryError, existing_library

    try:
        return existing_library(directory)
    except LibraryError as exc:
        print(f"briefreader: warning: library not used: {exc}", file=sys.stderr)
        return None
