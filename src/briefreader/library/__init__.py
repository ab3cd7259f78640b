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
