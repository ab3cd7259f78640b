"""The persistent library: articles, entities and mentions in SQLite, searched with FTS5.

Public API:
    library_dir(override) -> Path              where the library lives
    open_library(directory) -> Library         open (create, migrate) it
    existing_library(directory) -> Library | None   only if it exists and has articles
    add_paths(library, paths, ...) -> AddReport incremental import
    LibraryCollection(library)                 the app's ``Collection`` over it
    default_collection(directory)              the library if it has articles, else the seeds
    LibraryError                               a user-facing problem with the library
Search lives in ``briefreader.search``.
"""

import importlib
from typing import TYPE_CHECKING, Any

# Names are imported on first use: the app opens the library from a start-up worker and must
# not pay for the importer (ingest, multiprocessing) just to read articles.
_WHERE = {
    "LibraryCollection": "collection",
    "OccurrenceList": "collection",
    "SummaryList": "collection",
    "default_collection": "collection",
    "seeds_collection": "collection",
    "AddReport": "importer",
    "add_paths": "importer",
    "content_id": "importer",
    "ENV_VAR": "paths",
    "library_dir": "paths",
    "SCHEMA_VERSION": "schema",
    "LibraryError": "schema",
    "EntityRow": "store",
    "FileRecord": "store",
    "Library": "store",
    "existing_library": "store",
    "open_library": "store",
}

if TYPE_CHECKING:
    from briefreader.library.collection import (
        LibraryCollection,
        OccurrenceList,
        SummaryList,
        default_collection,
        seeds_collection,
    )
    from briefreader.library.importer import AddReport, add_paths, content_id
    from briefreader.library.paths import ENV_VAR, library_dir
    from briefreader.library.schema import SCHEMA_VERSION, LibraryError
    from briefreader.library.store import (
        EntityRow,
        FileRecord,
        Library,
        existing_library,
        open_library,
    )


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'briefreader.library' has no attribute {name!r}")
    return getattr(importlib.import_module(f"briefreader.library.{module}"), name)


__all__ = [
    "ENV_VAR",
    "SCHEMA_VERSION",
    "AddReport",
    "EntityRow",
    "FileRecord",
    "Library",
    "LibraryCollection",
    "LibraryError",
    "OccurrenceList",
    "SummaryList",
    "add_paths",
    "content_id",
    "default_collection",
    "existing_library",
    "library_dir",
    "open_library",
    "seeds_collection",
]
