"""Entity analysis for imports, in worker processes, overlapped with reading and writing.

Each worker analyses whole batches (``analyze_article`` for each article, then ``resolve`` across
the batch), so a batch's entities are the same as with inline analysis. While the workers
analyse batches N and N+1, the main process reads batch N+2 and writes the finished ones.

What crosses the process boundary is the batch's ``Analysis`` as plain tuples: the engine's
per-article results are rich object graphs that cost more to pickle than to compute (1.4 ms an
article measured, against 0.06 ms for the tuples). An article the engine fails on keeps its
text, without entities.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager

from briefreader.model import Analysis, Article, Entity, Mention, Merge

Analyzer = Callable[[Sequence[Article]], Analysis]

#: (article id, [(start, end, kind, text, entity id), ...]) per article
_PackedMentions = list[tuple[str, list[tuple[int, int, str, str, str]]]]
#: (id, name, kind, aliases, descriptors, articles, [(alias, reason), ...]) per entity
_PackedEntities = list[
    tuple[str, str, str, tuple[str, ...], tuple[str, ...], tuple[str, ...], list[tuple[str, str]]]
]
_Packed = tuple[_PackedMentions, _PackedEntities, list[tuple[str, str]]]


def default_workers() -> int:
    """One worker per core the process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


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


def _analyze_batch(articles: Sequence[Article]) -> _Packed:
    """Worker: the engine over one batch; failures come back as (article id, message)."""
    from briefreader.entities import LocalResult, analyze_article, resolve

    results: list[LocalResult] = []
    failures: list[tuple[str, str]] = []
    for art in articles:
        try:
            results.append(analyze_article(art))
        except Exception as exc:  # one article must not sink its batch
            failures.append((art.id, f"{type(exc).__name__}: {exc}"))
            results.append(LocalResult(art.id, []))
    mentions, entities = pack(resolve(results))
    del results
    collect_batch()
    return mentions, entities, failures


def pack(analysis: Analysis) -> tuple[_PackedMentions, _PackedEntities]:
    """An Analysis as plain tuples (cheap to pickle); ``unpack`` gives it back."""
    mentions = [
        (aid, [(m.start, m.end, m.kind, m.text, m.entity_id) for m in ms])
        for aid, ms in analysis.mentions.items()
    ]
    entities = [
        (
            e.id,
            e.name,
            e.kind,
            e.aliases,
            e.descriptors,
            e.articles,
            [(m.alias, m.reason) for m in e.merges],
        )
        for e in analysis.entities.values()
    ]
    return mentions, entities


def unpack(mentions: _PackedMentions, entities: _PackedEntities) -> Analysis:
    return Analysis(
        entities={
            eid: Entity(
                eid, name, kind, aliases, descriptors, arts, tuple(Merge(a, r) for a, r in merges)
            )  # type: ignore[arg-type]
            for eid, name, kind, aliases, descriptors, arts, merges in entities
        },
        mentions={
            aid: tuple(Mention(aid, s, e, k, t, eid) for s, e, k, t, eid in ms)  # type: ignore[arg-type]
            for aid, ms in mentions
        },
    )


class PendingAnalysis:
    """A batch's analysis under way; ``result()`` waits for it."""

    def __init__(self, future: Future | None = None, inline: Analysis | None = None) -> None:
        self._future = future
        self._inline = inline
        self.failures: list[tuple[str, str]] = []

    def result(self) -> Analysis:
        if self._future is None:
            return self._inline if self._inline is not None else Analysis()
        mentions, entities, failures = self._future.result()
        self.failures.extend(failures)
        return unpack(mentions, entities)


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
        #: batches that may be under way while the main process reads the next one
        self.depth = workers
        self._pool: Executor = ProcessPoolExecutor(
            workers, mp_context=context, initializer=_init_worker
        )

    def submit(self, articles: Sequence[Article]) -> PendingAnalysis:
        if not articles:
            return PendingAnalysis(inline=Analysis())
        return PendingAnalysis(self._pool.submit(_analyze_batch, list(articles)))

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class InlineAnalyzer:
    """Runs an analyzer function in this process (tests, small imports, no engine)."""

    depth = 0

    def __init__(self, analyze: Analyzer) -> None:
        self._analyze = analyze

    def submit(self, articles: Sequence[Article]) -> PendingAnalysis:
        return PendingAnalysis(inline=self._analyze(articles) if articles else Analysis())

    def close(self) -> None:
        pass
