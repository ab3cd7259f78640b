"""`briefreader [PATH ...]` / `briefreader open`: build the loader and run the app.

Nothing heavy is imported here: ingest, the entity engine and the library are imported inside
the loader, which the app runs in a thread worker once its first frame is up.
"""

from __future__ import annotations

import argparse
import os
import sys
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


#: The library's database file inside its folder (``briefreader.library.store.DB_NAME``).
LIBRARY_DB = "library.sqlite3"


def library_db_path(library: str | None) -> Path:
    """Where the library database would be: ``--library``, $BRIEFREADER_HOME, or user data.

    Worked out here rather than with ``briefreader.library.paths`` because importing the
    library package costs about 0.1 s, which start-up cannot afford when the answer is "no
    library, open the seeds". A test keeps the two in step.
    """
    if library:
        folder = Path(library).expanduser()
    elif os.environ.get("BRIEFREADER_HOME"):
        folder = Path(os.environ["BRIEFREADER_HOME"]).expanduser()
    else:
        from platformdirs import user_data_dir

        folder = Path(user_data_dir("briefreader", appauthor=False))
    return folder / LIBRARY_DB


def default_loader(library: str | None):  # noqa: ANN201
    """No PATH: the library when one exists (or --library was given), else the seeds."""
    use_library = library is not None or library_db_path(library).exists()

    def load() -> Iterator[CollectionLoaded]:
        if use_library:
            yield from library_loader(library)()
            return
        from briefreader.resources import seeds_dir

        yield from files_loader([seeds_dir()], SEEDS_NAME)()

    return load


def make_loader(paths: Sequence[str], library: str | None):  # noqa: ANN201
    if paths:
        return files_loader(paths, collection_name(paths))
    return default_loader(library)


def run_open(args: argparse.Namespace) -> int:
    from briefreader.app import BriefReaderApp
    from briefreader.keymap import load_keymap

    paths = list(getattr(args, "paths", None) or [])
    if paths and not any(os.path.exists(p) for p in paths):
        for p in paths:
            print(f"briefreader: error: {p}: no such file or folder", file=sys.stderr)
        return 2
    keymap, problems = load_keymap()
    app = BriefReaderApp(
        make_loader(paths, getattr(args, "library", None)),
        keymap=keymap,
        keymap_problems=problems,
    )
    app.run()
    return app.return_code or 0
