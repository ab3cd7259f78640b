"""Find article files, read and decode them, and report every problem without stopping.

One broken file must never stop the others: each problem becomes a ``Problem`` (one line naming
the file) and loading goes on. Files are read up to ``MAX_FILE_BYTES``; a larger file is cut there
with a notice rather than refused, since the start of an article is what a reader wants.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from briefreader.ingest.text import parse_text
from briefreader.model import Article

#: Articles are read up to this many bytes (2 MiB: a long feature is ~100 KB of text).
MAX_FILE_BYTES = 2 * 1024 * 1024
ARTICLE_SUFFIXES = frozenset({".txt", ".md"})
_SNIFF_BYTES = 8192
#: C0 controls that text files do not hold (all but tab, newline, form feed, CR and escape)
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with one file or path. ``fatal`` problems mean the file was not loaded."""

    path: str
    message: str
    fatal: bool = True

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass
class LoadResult:
    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class _Skip(Exception):
    """A file that cannot be loaded; the message says why."""


def load_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    on_progress: Callable[[int], None] | None = None,
) -> LoadResult:
    """Load every article under ``paths`` (files, and folders read recursively)."""
    result = LoadResult()
    seen_ids: dict[str, int] = {}
    for file in iter_article_files(paths, result.problems):
        try:
            article = read_file(file, result.problems)
        except _Skip as exc:
            result.problems.append(Problem(str(file), str(exc)))
            continue
        n = seen_ids.get(article.id, 0)
        seen_ids[article.id] = n + 1
        if n:
            article = _with_id(article, f"{article.id}~{n + 1}")
        result.articles.append(article)
        if on_progress is not None:
            on_progress(len(result.articles))
    return result


def iter_article_files(
    paths: Iterable[str | os.PathLike[str]], problems: list[Problem]
) -> Iterator[Path]:
    """Files named on the command line, and .txt/.md files found below named folders.

    Symbolic links are followed, but a folder already visited (a link loop, or two links to one
    place) is read once.
    """
    visited: set[tuple[int, int]] = set()
    for raw in paths:
        path = Path(raw)
        try:
            path.stat()
        except OSError as exc:
            problems.append(Problem(str(path), _os_reason(exc)))
            continue
        if path.is_dir():
            yield from _walk(path, visited, problems)
        else:
            yield path


def _walk(root: Path, visited: set[tuple[int, int]], problems: list[Problem]) -> Iterator[Path]:
    try:
        st = root.stat()
    except OSError as exc:
        problems.append(Problem(str(root), _os_reason(exc)))
        return
    key = (st.st_dev, st.st_ino)
    if key in visited:
        problems.append(Problem(str(root), "folder already read (symbolic link loop?); skipped"))
        return
    visited.add(key)
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as exc:
        problems.append(Problem(str(root), _os_reason(exc)))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()
            is_file = entry.is_file()
        except OSError as exc:
            problems.append(Problem(str(path), _os_reason(exc)))
            continue
        if is_dir:
            yield from _walk(path, visited, problems)
        elif is_file:
            if path.suffix.lower() in ARTICLE_SUFFIXES:
                yield path
        elif entry.is_symlink():
            problems.append(Problem(str(path), _broken_link_reason(path)))


def read_file(path: Path, problems: list[Problem] | None = None) -> Article:
    """Read, decode and parse one file; raises ``_Skip`` when it holds no usable article.

    Non-fatal remarks (encoding fallback, size cap) are kept on the Article's ``notices`` and,
    when ``problems`` is given, added there as non-fatal problems so that the CLI prints them.
    """
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise _Skip(_os_reason(exc)) from exc
    return article_from_bytes(path, data, problems)


def article_from_bytes(
    path: Path,
    data: bytes,
    problems: list[Problem] | None = None,
    *,
    size: int | None = None,
    folder: str | None = None,
) -> Article:
    """``read_file`` for bytes already read (up to ``MAX_FILE_BYTES + 1`` of them).

    For callers that also hash the bytes (the library's import), so that a file is read once.
    ``size`` is the file's size if known, ``folder`` the name of its real parent folder (the
    fallback source) if ``path`` is already resolved; both otherwise come from the file system.
    """
    notices: list[str] = []
    if len(data) > MAX_FILE_BYTES:
        size = _file_size(path) if size is None else size
        data = _cut_at_boundary(data[:MAX_FILE_BYTES])
        notices.append(
            f"file is {size / 1048576:.1f} MiB; read only the first {MAX_FILE_BYTES // 1048576} MiB"
        )
    if not data.strip():
        raise _Skip("empty file; skipped")
    if _looks_binary(data):
        raise _Skip("binary file, not text; skipped")
    text, encoding_note = decode(data)
    if encoding_note:
        notices.append(encoding_note)
    article = parse_text(
        text,
        id=path.stem,
        path=str(path),
        fallback_source=path.resolve().parent.name if folder is None else folder,
        notices=tuple(notices),
    )
    if not article.text.strip():
        raise _Skip("no article text after cleaning; skipped")
    if problems is not None:
        problems.extend(Problem(str(path), n, fatal=False) for n in notices)
    return article


def decode(data: bytes) -> tuple[str, str | None]:
    """UTF-8 first (with or without BOM), UTF-16 with a BOM, then cp1252, then latin-1."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        where = exc.start
    for encoding in ("cp1252", "latin-1"):
        try:
            return (
                data.decode(encoding),
                f"not valid UTF-8 (byte {where}); decoded as {encoding}",
            )
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte string")


def _looks_binary(data: bytes) -> bool:
    head = data[:_SNIFF_BYTES]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > len(head) * 0.1


def _cut_at_boundary(data: bytes) -> bytes:
    """Cut at the last line break (or space) so that no word or UTF-8 character is split."""
    for sep in (b"\n", b" "):
        i = data.rfind(sep, len(data) - 65536)
        if i > 0:
            return data[:i]
    return data


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return MAX_FILE_BYTES


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        return "no such file or folder"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied; skipped"
    if exc.errno == errno.ELOOP:
        return "symbolic link loop; skipped"
    if exc.errno == errno.EISDIR:
        return "is a folder"
    return f"cannot read ({exc.strerror or exc}); skipped"


def _broken_link_reason(path: Path) -> str:
    try:
        path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop; skipped"
        return "broken symbolic link; skipped"
    return "not a regular file; skipped"


def _with_id(article: Article, new_id: str) -> Article:
    return replace(article, id=new_id)
