"""Per-article analysis of a large batch on every core the process may use (`briefreader tag`).

Extraction, classification and in-article grouping look at one article alone, so a batch splits
into chunks that forked worker processes analyse; cross-article resolution then runs once in the
calling process over everything, exactly as in a serial run, so the output does not depend on the
number of workers. Forking shares the loaded gazetteer and model with the workers for free, and
the documents are read from the parent's memory rather than sent; only the compact per-article
results (``pack_local``) come back. Small batches, one core or no ``fork`` stay serial: starting
workers would cost more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence

from briefreader.entities.classify import current_model
from briefreader.entities.engine import analyze_article, article_from_text
from briefreader.entities.lexicon import lexicon
from briefreader.entities.resolve import LocalResult, PackedLocal, pack_local, unpack_local

#: Below this many documents a batch is analysed in the calling process.
MIN_PARALLEL = 64
#: Documents per task: small enough to balance the workers, large enough to amortise a task.
CHUNK = 16

#: The batch being analysed, inherited by the forked workers (never pickled).
_job: Sequence[tuple[str, str]] = ()
_backend = "rules"


def available_cores() -> int:
    """Cores this process may run on (its CPU affinity, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _analyze_chunk(bounds: tuple[int, int]) -> list[PackedLocal]:
    a, b = bounds
    return [
        pack_local(analyze_article(article_from_text(doc_id, text), _backend))
        for doc_id, text in _job[a:b]
    ]


def analyze_texts(
    docs: Sequence[tuple[str, str]], backend: str = "rules", workers: int | None = None
) -> list[LocalResult]:
    """``analyze_article`` of each (id, text), in order, on up to ``workers`` processes
    (default: every available core)."""
    global _job, _backend
    n = available_cores() if workers is None else max(1, workers)
    n = min(n, -(-len(docs) // CHUNK))
    if (
        n < 2
        or len(docs) < MIN_PARALLEL
        or backend != "rules"
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return [analyze_article(article_from_text(i, t), backend) for i, t in docs]
    lexicon()
    current_model()  # loaded before forking: the workers share them
    _job, _backend = docs, backend
    chunks = [(a, min(a + CHUNK, len(docs))) for a in range(0, len(docs), CHUNK)]
    out: list[LocalResult] = []
    try:
        with multiprocessing.get_context("fork").Pool(n) as pool:
            for packed in pool.imap(_analyze_chunk, chunks):
                out.extend(map(unpack_local, packed))
    finally:
        _job = ()
    return out
