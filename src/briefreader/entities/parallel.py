"""Per-article analysis of a large batch on every core the process may use (`briefreader tag`).

Extraction, classification and in-article grouping look at one article alone, so a batch splits
into chunks that forked worker processes and the calling process analyse; cross-article
resolution then runs once over everything, exactly as in a serial run, so the output does not
depend on the number of workers. Forking shares the loaded gazetteer and model with the workers
for free, and the documents are read from the parent's memory rather than sent; only the compact
per-article results (``pack_local``) come back. Small batches, one core or no ``fork`` stay
serial: starting workers would cost more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from typing import Any

from briefreader.entities.classify import current_model
from briefreader.entities.engine import analyze_article, article_from_text
from briefreader.entities.lexicon import lexicon
from briefreader.entities.resolve import LocalResult, PackedLocal, pack_local, unpack_local
from briefreader.model import Article

#: Below this many documents a batch is analysed in the calling process.
MIN_PARALLEL = 64
#: Documents per task: small enough to balance the workers, large enough to amortise a task.
CHUNK = 16

#: The batch being analysed and its chunks, inherited by the forked workers (never pickled),
#: and the shared index of the next chunk to take.
_job: Sequence[tuple[str, str] | Article] = ()
_chunks: list[tuple[int, int]] = []
_backend = "rules"
_next: Any = None


def available_cores() -> int:
    """Cores this process may run on (its CPU affinity, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _take() -> int | None:
    """The next chunk nobody has taken yet, or None when all are taken."""
    with _next.get_lock():
        i = _next.value
        if i >= len(_chunks):
            return None
        _next.value = i + 1
    return i


def _analyze(i: int) -> list[LocalResult]:
    a, b = _chunks[i]
    return [analyze_article(_article(x), _backend) for x in _job[a:b]]


def _article(item: tuple[str, str] | Article) -> Article:
    return item if isinstance(item, Article) else article_from_text(*item)


def _worker(_: int) -> list[tuple[int, list[PackedLocal]]]:
    """A worker's share: chunks taken until none are left, packed for the trip back."""
    out = []
    while (i := _take()) is not None:
        out.append((i, [pack_local(r) for r in _analyze(i)]))
    return out


def analyze_texts(
    docs: Sequence[tuple[str, str]], backend: str = "rules", workers: int | None = None
) -> list[LocalResult]:
    """``analyze_article`` of each (id, text), read as ``article_from_text`` reads it."""
    return analyze_many(docs, backend, workers)


def analyze_articles(
    articles: Sequence[Article], backend: str = "rules", workers: int | None = None
) -> list[LocalResult]:
    """``analyze_article`` of each article (`briefreader entities` over many files)."""
    return analyze_many(articles, backend, workers)


def analyze_many(
    docs: Sequence[tuple[str, str] | Article], backend: str = "rules", workers: int | None = None
) -> list[LocalResult]:
    """``analyze_article`` of each document, in order, on up to ``workers`` processes
    (default: every available core); the calling process is one of them.

    Chunks are taken from a shared counter, so a worker slowed down by other programs on the
    machine simply takes fewer: the batch never waits on a fixed share.
    """
    global _job, _chunks, _backend, _next
    n = available_cores() if workers is None else max(1, workers)
    n = min(n, -(-len(docs) // CHUNK))
    if (
        n < 2
        or len(docs) < MIN_PARALLEL
        or backend != "rules"
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return [analyze_article(_article(x), backend) for x in docs]
    lexicon()
    current_model()  # loaded before forking: the workers share them
    ctx = multiprocessing.get_context("fork")
    _job, _backend = docs, backend
    _chunks = [(a, min(a + CHUNK, len(docs))) for a in range(0, len(docs), CHUNK)]
    _next = ctx.Value("i", 0)
    results: list[list[LocalResult] | None] = [None] * len(_chunks)
    try:
        with ctx.Pool(n - 1) as pool:
            pending = [pool.apply_async(_worker, (w,)) for w in range(n - 1)]
            while (i := _take()) is not None:
                results[i] = _analyze(i)
            for p in pending:
                for i, packed in p.get():
                    results[i] = [unpack_local(x) for x in packed]
    finally:
        _job, _chunks, _next = (), [], None
    return [r for chunk in results if chunk is not None for r in chunk]
