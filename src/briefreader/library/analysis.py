"""Parsing and entity analysis for imports, in worker processes, overlapped with writing.

Each worker takes a whole batch of files' bytes, parses them and analyses the articles
(``analyze_article`` for each, then ``resolve`` across the batch), so a batch's entities are the
same as with inline analysis. While the workers handle batches N and N+1, the main process reads
and hashes batch N+2 and writes the finished ones: the main process's share (hashing, skipping,
writing) stays below a worker's, so on two cores neither side waits for long.

What crosses the process boundary is the batch as the rows the library writes (``rows.prepare``):
plain tuples, with mentions deduplicated and cross-references summed in the worker. The engine's
per-article results are rich object graphs that cost more to pickle than to compute (1.4 ms an
article measured); model dataclasses (an ``Article`` with its paragraphs, ~49 ``Mention``s) cost
the main process ~0.15 ms an article to rebuild. An article the engine fails on keeps its text,
without entities.
"""

from __future__ import annotations

import gc
import multiprocessing
import signal
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from briefreader.entities.parallel import available_cores
from briefreader.ingest.files import article_from_bytes
from briefreader.library.rows import BatchRows, prepare
from briefreader.model import Analysis, Article

Analyzer = Callable[[Sequence[Article]], Analysis]

#: rows of the batch, unreadable files as (index, reason), analysis failures as (id, message)
_Result = tuple[BatchRows, list[tuple[int, str]], list[tuple[str, str]]]
#: a file to parse: (resolved path, its first bytes, its size, content hash, article id)
RawFile = tuple[str, bytes, int, str, str]


def default_workers() -> int:
    """One worker per core the process may use."""
    return available_cores()


@contextmanager
def batch_gc() -> Iterator[None]:
    """Garbage collection once per batch (``collect_batch``) instead of every 700 allocations.

    The engine and the import allocate millions of small objects that die with their batch;
    the automatic collector kept scanning them and everything loaded before (the lexicon),
    about 18% of the engine's time. Objects that exist on entry are frozen (never scanned; in
    forked workers, their pages are not copied either).
    """
    enabled = gc.isenabled()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.unfreeze()


def collect_batch() -> None:
    """Free a finished batch's reference cycles (cheap: only objects made since the freeze)."""
    gc.collect()


def _init_worker() -> None:
    """Worker: collection per batch (see ``batch_gc``); and Ctrl-C is the main process's to
    handle (it stops the import cleanly): without this every worker prints a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.freeze()
    gc.disable()


def parse_files(
    raws: Sequence[RawFile],
) -> tuple[list[Article], list[str], list[tuple[int, str]]]:
    """Articles from files' bytes, and their content hashes; files that hold none come back as
    (index, reason)."""
    articles: list[Article] = []
    hashes: list[str] = []
    failures: list[tuple[int, str]] = []
    for i, (path, data, size, content_hash, aid) in enumerate(raws):
        file = Path(path)
        try:
            # ``path`` is resolved: its folder's name is the fallback source.
            article = article_from_bytes(file, data, size=size, folder=file.parent.name)
        except Exception as exc:  # one bad file must never stop the import
            failures.append((i, str(exc) or type(exc).__name__))
            continue
        articles.append(replace(article, id=aid))
        hashes.append(content_hash)
    return articles, hashes, failures


def _analyze_batch(raws: Sequence[RawFile]) -> _Result:
    """Worker: parse, analyse and prepare one batch; failures come back as (article id,
    message)."""
    from briefreader.entities import LocalResult, analyze_article, resolve

    articles, hashes, unreadable = parse_files(raws)
    results: list[LocalResult] = []
    failures: list[tuple[str, str]] = []
    for art in articles:
        try:
            results.append(analyze_article(art))
        except Exception as exc:  # one article must not sink its batch
            failures.append((art.id, f"{type(exc).__name__}: {exc}"))
            results.append(LocalResult(art.id, []))
    rows = prepare(articles, resolve(results), hashes)
    del results, articles
    collect_batch()
    return rows, unreadable, failures


class PendingAnalysis:
    """A batch being parsed and analysed; ``result()`` waits for its articles and analysis.

    Then ``parse_failures`` holds (index in the batch, reason) for files that hold no article,
    ``failures`` (article id, message) for articles the engine failed on.
    """

    def __init__(self, future: Future | None = None, inline: _Result | None = None) -> None:
        self._future = future
        self._inline = inline
        self.failures: list[tuple[str, str]] = []
        self.parse_failures: list[tuple[int, str]] = []

    def result(self) -> BatchRows:
        if self._future is not None:
            rows, unreadable, failures = self._future.result()
        elif self._inline is not None:
            rows, unreadable, failures = self._inline
        else:
            return BatchRows([], [], [], [])
        self.parse_failures = unreadable
        self.failures = failures
        return rows


class ParallelAnalyzer:
    """Runs the engine in a process pool, one batch per task."""

    def __init__(self, workers: int) -> None:
        methods = multiprocessing.get_all_start_methods()
        # fork: workers start at once and share the parent's loaded lexicon pages.
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        if "fork" in methods:
            from briefreader.entities.lexicon import lexicon

            lexicon()
        self.workers = workers
        #: batches that may be under way while the main process reads the next one: one more
        #: than the workers, so that a worker finishing a batch finds the next one queued
        #: instead of idling while the main process writes and reads (at 10,000 articles on two
        #: cores, 1.43 -> ~1.9 cores busy)
        self.depth = workers + 1
        self._pool: Executor = ProcessPoolExecutor(
            workers, mp_context=context, initializer=_init_worker
        )

    def submit(self, raws: Sequence[RawFile]) -> PendingAnalysis:
        if not raws:
            return PendingAnalysis()
        return PendingAnalysis(self._pool.submit(_analyze_batch, list(raws)))

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class InlineAnalyzer:
    """Runs an analyzer function in this process (tests, small imports, no engine)."""

    depth = 0

    def __init__(self, analyze: Analyzer) -> None:
        self._analyze = analyze

    def submit(self, raws: Sequence[RawFile]) -> PendingAnalysis:
        articles, hashes, unreadable = parse_files(raws)
        analysis = self._analyze(articles) if articles else Analysis()
        return PendingAnalysis(inline=(prepare(articles, analysis, hashes), unreadable, []))

    def close(self) -> None:
        pass
