"""`briefreader add`: bring files into the library, doing only the work that changed.

A file is skipped when its (mtime, size) match the last import, then when its content hash does;
content already in the library (the same article under another name) is linked, not extracted
again. New content is parsed, analysed for entities in batches, and written one batch per
transaction, so an interrupted import resumes where it stopped.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from briefreader.ingest.files import MAX_FILE_BYTES, Problem, iter_article_files
from briefreader.library.analysis import (
    InlineAnalyzer,
    ParallelAnalyzer,
    PendingAnalysis,
    RawFile,
    batch_gc,
    collect_batch,
    default_workers,
)
from briefreader.library.store import FileRecord, Library
from briefreader.model import Analysis, Article

Analyzer = Callable[[Sequence[Article]], Analysis]

#: Articles analysed and written together: big enough for the entity engine to resolve names
#: across them, small enough that a crash loses little and memory stays flat.
BATCH_SIZE = 500
#: Batches between garbage collections in the main process: it keeps rows, not object graphs,
#: so there is little to collect (a collection per batch cost ~0.05 ms an article).
COLLECT_EVERY = 8


@dataclass
class AddReport:
    """What an import did, for the summary line and for tests."""

    added: int = 0
    changed: int = 0
    unchanged: int = 0
    duplicates: int = 0
    missing: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def seen(self) -> int:
        return self.added + self.changed + self.unchanged + self.duplicates


def content_id(data: bytes, size: int | None = None) -> str:
    """The article id in the library: a hash of the file's bytes (same bytes, same article)."""
    digest = hashlib.blake2b(data, digest_size=8)
    if size is not None and size > len(data):
        digest.update(str(size).encode())  # a file cut at the cap: its full size tells it apart
    return digest.hexdigest()


def default_analyzer() -> Analyzer:
    """The entity engine's ``analyze`` (no entities if this installation lacks the engine)."""
    try:
        from briefreader.entities import analyze
    except ImportError:
        return lambda articles: Analysis()
    return analyze


def add_paths(
    library: Library,
    paths: Iterable[str | os.PathLike[str]],
    *,
    analyzer: Analyzer | None = None,
    workers: int | None = None,
    batch_size: int = BATCH_SIZE,
    on_start: Callable[[int], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
    on_problem: Callable[[Problem], None] | None = None,
) -> AddReport:
    """Import files and folders into ``library``; see the module docstring for what is skipped.

    ``on_start(total_files)`` is called once the files are found, ``on_progress(n)`` as files
    are done (written, or found unchanged), ``on_problem`` for each file that cannot be read.
    With ``workers`` > 1 (and the default analyzer) entity analysis runs in that many processes;
    ``None`` means one per core for imports of more than two batches.
    """
    report = AddReport()
    roots = [Path(p) for p in paths]
    problems: list[Problem] = []
    files = _resolved(iter_article_files(roots, problems))
    for p in problems:
        _problem(report, on_problem, p)
    if on_start is not None:
        on_start(len(files))

    seen = {str(f) for f in files}
    for root in roots:
        for known in library.files_under(str(root.resolve())):
            if known not in seen and not os.path.exists(known):
                report.missing.append(known)
    if report.missing:
        library.forget_files(report.missing)

    engine: ParallelAnalyzer | InlineAnalyzer
    if workers is None:
        workers = default_workers()
    if analyzer is None and workers > 1 and len(files) > 2 * batch_size and _has_engine():
        engine = ParallelAnalyzer(workers)
    else:
        engine = InlineAnalyzer(analyzer or default_analyzer())
    names = _Names(library)
    batch = _Batch()
    # Batches submitted for analysis, oldest first; with workers, up to ``engine.depth`` of
    # them are analysed while the next one is read. They are written in order.
    pending: deque[tuple[_Batch, PendingAnalysis]] = deque()
    stored = 0
    with batch_gc(), contextlib.closing(engine), library.bulk_import():
        for path in files:
            record = _examine(library, path, batch, names, report, on_problem)
            if record is not None:
                batch.files.append(record)
            batch.examined += 1
            if not batch.raws and batch.examined >= 100:
                _progress(on_progress, batch)  # skipped files: nothing to wait for
            if len(batch.raws) >= batch_size:
                pending.append((batch, engine.submit(batch.raws)))
                batch = _Batch()
                while len(pending) > engine.depth:
                    done, analysis = pending.popleft()
                    _store(library, done, analysis, report, on_problem)
                    _progress(on_progress, done)
                    stored += 1
                    if stored % COLLECT_EVERY == 0:
                        collect_batch()
        pending.append((batch, engine.submit(batch.raws)))
        while pending:
            done, analysis = pending.popleft()
            _store(library, done, analysis, report, on_problem)
            _progress(on_progress, done)
    return report


def _has_engine() -> bool:
    try:
        import briefreader.entities  # noqa: F401
    except ImportError:
        return False
    return True


@dataclass
class _Batch:
    #: new content to parse and analyse, and the file record each file had before
    raws: list[RawFile] = field(default_factory=list)
    olds: list[FileRecord | None] = field(default_factory=list)
    files: list[FileRecord] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    #: files looked at and not yet counted as done by ``on_progress``
    examined: int = 0


def _progress(on_progress: Callable[[int], None] | None, batch: _Batch) -> None:
    """Count a batch's files as done once they are written (so the rate and ETA are honest)."""
    if on_progress is not None and batch.examined:
        on_progress(batch.examined)
    batch.examined = 0


def _resolved(files: Iterable[Path]) -> list[Path]:
    """Real paths of the files, each folder resolved once (``Path.resolve`` per file cost
    ~0.09 ms an article); a file that is itself a link is resolved whole."""
    folders: dict[Path, str] = {}
    out = []
    for f in files:
        if f.is_symlink():
            out.append(f.resolve())
            continue
        parent = f.parent
        real = folders.get(parent)
        if real is None:
            real = folders[parent] = os.path.realpath(parent)
        out.append(Path(real, f.name))
    return out


class _Names:
    """Article ids as reading files gives them: the file's stem, then ``stem~2``, ``stem~3``...
    for further files of the same stem (the first free one in the library). The content hash
    stays the key that keeps the same content from being stored twice."""

    def __init__(self, library: Library) -> None:
        self._library = library
        #: ids given out in this import, and the id of each content hash in flight
        self._taken: set[str] = set()
        self.by_hash: dict[str, str] = {}

    def claim(self, stem: str) -> str:
        n, name = 1, stem
        while name in self._taken or self._library.has_article(name):
            n += 1
            name = f"{stem}~{n}"
        self._taken.add(name)
        return name

    def keep(self, name: str) -> str:
        """An id that passes from a file's old content to its new one."""
        self._taken.add(name)
        return name


def _examine(
    library: Library,
    path: Path,
    batch: _Batch,
    names: _Names,
    report: AddReport,
    on_problem: Callable[[Problem], None] | None,
) -> FileRecord | None:
    """Decide what one file needs; returns its new file record, or None if nothing changes."""
    key = str(path)
    try:
        st = path.stat()
    except OSError as exc:
        _problem(report, on_problem, Problem(key, f"cannot read ({exc.strerror}); skipped"))
        return None
    old = library.file_record(key)
    if old is not None and old.mtime_ns == st.st_mtime_ns and old.size == st.st_size:
        report.unchanged += 1
        return None
    try:
        with open(path, "rb") as f:
            # Ingest reads at most MAX_FILE_BYTES; hashing the same bytes (plus the size, in
            # content_id) keeps a 1 GB log file from being read whole just to be skipped.
            data = f.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        _problem(report, on_problem, Problem(key, f"cannot read ({exc.strerror}); skipped"))
        return None
    digest = content_id(data, st.st_size)
    if old is not None and old.hash == digest:
        report.unchanged += 1
        return FileRecord(key, st.st_mtime_ns, st.st_size, digest, old.article_id)
    existing = names.by_hash.get(digest) or library.article_with_content(digest)
    if existing is not None:
        report.duplicates += 1
        _note_replaced(library, old, batch)
        return FileRecord(key, st.st_mtime_ns, st.st_size, digest, existing)
    if (
        old is not None
        and old.article_id is not None
        and library.other_files_with(old.article_id, old.path) == 0
    ):
        aid = names.keep(old.article_id)  # the old version leaves as this one arrives
    else:
        aid = names.claim(path.stem)
    names.by_hash[digest] = aid
    # Parsed with the batch (in a worker, if any), from the bytes just hashed; counted then.
    batch.raws.append((key, data, st.st_size, digest, aid))
    batch.olds.append(old)
    return FileRecord(key, st.st_mtime_ns, st.st_size, digest, aid)


def _note_replaced(library: Library, old: FileRecord | None, batch: _Batch) -> None:
    """A changed file's previous version leaves the library unless another file still has it."""
    if old is None or old.article_id is None:
        return
    if library.other_files_with(old.article_id, old.path) == 0:
        batch.replaced.append(old.article_id)


def _store(
    library: Library,
    batch: _Batch,
    pending: PendingAnalysis,
    report: AddReport,
    on_problem: Callable[[Problem], None] | None,
) -> None:
    rows = pending.result()
    unreadable = dict(pending.parse_failures)
    files = batch.files
    where = {f.path: i for i, f in enumerate(files)} if unreadable else {}
    for i, raw in enumerate(batch.raws):
        path = raw[0]
        old = batch.olds[i]
        message = unreadable.get(i)
        if message is not None:  # one bad file must never stop the import
            _problem(report, on_problem, Problem(path, message))
            files[where[path]] = replace(files[where[path]], article_id=None)
        elif old is not None:
            report.changed += 1
            _note_replaced(library, old, batch)
        else:
            report.added += 1
    for article_id, message in pending.failures:
        path = next((f.path for f in files if f.article_id == article_id), article_id)
        problem = Problem(path, f"entity analysis failed ({message}); kept without entities", False)
        _problem(report, on_problem, problem)
    if rows.articles or files or batch.replaced:
        library.store_rows(rows, files, batch.replaced)


def _problem(
    report: AddReport, on_problem: Callable[[Problem], None] | None, problem: Problem
) -> None:
    report.problems.append(problem)
    if on_problem is not None:
        on_problem(problem)
