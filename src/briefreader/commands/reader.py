"""`briefreader [PATH ...]` / `briefreader open`: build the loader and run the app.

Nothing heavy is imported here: ingest, the entity engine and the library are imported inside
the loader, which the app runs in a thread worker once its first frame is up.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from briefreader.messages import CollectionLoaded

SEEDS_NAME = "sample articles"


def collection_name(paths: Sequence[str]) -> str:
    if not paths:
        return SEEDS_NAME
    if len(paths) == 1:
        return Path(paths[0]).name or paths[0]
    return f"{len(paths)} paths"


def files_loader(paths: Sequence[str | os.PathLike[str]], name: str):  # noqa: ANN201
    """A loader for files and folders: articles first, then the same with entities found."""

    def load() -> Iterator[CollectionLoaded]:
        from briefreader.collection import MemoryCollection
        from briefreader.ingest import load_paths
        from briefreader.model import Analysis

        result = load_paths(paths)
        problems = [str(p) for p in result.problems]
        yield CollectionLoaded(MemoryCollection(name, result.articles, Analysis()), problems,
                               final=False)
        from briefreader.entities import analyze

        yield CollectionLoaded(MemoryCollection(name, result.articles, analyze(result.articles)))

    return load


def library_loader(library: str | None):  # noqa: ANN201
    """A loader for the SQLite library (which falls back to the seeds when empty)."""

    def load() -> Iterator[CollectionLoaded]:
        from briefreader.library.collection import default_collection

        yield CollectionLoaded(default_collection(library))

    return load


def _library_has_articles(library: str | None) -> bool:
    """True when a library database exists (checked without opening or creating it)."""
    try:
        from briefreader.library.paths import library_dir
        from briefreader.library.store import DB_NAME
    except ImportError:
        return False
    return (library_dir(library) / DB_NAME).exists()


def make_loader(paths: Sequence[str], library: str | None):  # noqa: ANN201
    if paths:
        return files_loader(paths, collection_name(paths))
    if library is not None or _library_has_articles(library):
        return library_loader(library)
    from briefreader.resources import seeds_dir

    return files_loader([seeds_dir()], SEEDS_NAME)


def run_open(args: argparse.Namespace) -> int:
    from briefreader.app import BriefReaderApp
    from briefreader.keymap import load_keymap

    paths = list(getattr(args, "paths", None) or [])
    if paths and not any(os.path.exists(p) for p in paths):
        for p in paths:
            print(f"briefreader: {p}: no such file or folder")
        return 2
    keymap, problems = load_keymap()
    app = BriefReaderApp(
        make_loader(paths, getattr(args, "library", None)),
        keymap=keymap,
        keymap_problems=problems,
    )
    app.run()
    return app.return_code or 0
