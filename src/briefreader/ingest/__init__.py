"""Reading article files: find them, decode them, and parse plain text into Articles.

Public API (used by the CLI, the app and the library):
    load_paths(paths) -> LoadResult(articles, problems)
    parse_text(text, id=..., path=..., fallback_source=...) -> Article
"""

from briefreader.ingest.files import MAX_FILE_BYTES, LoadResult, Problem, load_paths, read_file
from briefreader.ingest.text import parse_text

__all__ = ["MAX_FILE_BYTES", "LoadResult", "Problem", "load_paths", "parse_text", "read_file"]
