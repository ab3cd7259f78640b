"""Entity analysis for imports, spread over worker processes and overlapped with writing.

The engine has two stages: ``analyze_article`` (per article, nearly all the time) and
``resolve`` (across a batch, linear and cheap). Imports run the first stage for batch N+1 in
worker processes while the main process resolves and writes batch N, so a two-core machine
does both at once. An article the engine fails on keeps its text, without entities.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor

from briefreader.model import Analysis, Article

Analyzer = Callable[[Sequence[Article]], Analysis]


def default_workers() -> int:
    """One worker per core the process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _local_stage(articles: Sequence[Article]) -> tuple[list[object], list[tuple[str, str]]]:
    """Worker: per-article analysis; failures come back as (article id, message)."""
    from briefreader.entities import LocalResult, analyze_article

    results: list[object] = []
    failures: list[tuple[str, str]] = []
    for art in articles:
        try:
            results.append(analyze_article(art))
        except Exception as exc:  # one article must not sink its batch
            failures.append((art.id, f"{type(exc).__name__}: {exc}"))
            results.append(LocalResult(art.id, []))
    return results, failures


class PendingAnalysis:
    """A batch's analysis under way; ``result()`` waits and runs the cross-article stage."""

    def __init__(self, futures: list[Future], inline: Analysis | None = None) -> None:
        self._futures = futures
        self._inline = inline
        self.failures: list[tuple[str, str]] = []

    def result(self) -> Analysis:
        if self._inline is not None:
            return self._inline
        from briefreader.entities import resolve

        locals_: list[object] = []
        for f in self._futures:
            results, failures = f.result()
            locals_.extend(results)
            self.failures.extend(failures)
        return resolve(locals_)  # type: ignore[arg-type]


class ParallelAnalyzer:
    """Runs the engine's per-article stage in a process pool."""

    def __init__(self, workers: int) -> None:
        methods = multiprocessing.get_all_start_methods()
        # fork: workers start at once and share the parent's loaded lexicon pages.
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        if "fork" in methods:
            from briefreader.entities.lexicon import lexicon

            lexicon()
        self.workers = workers
        self._pool: Executor = ProcessPoolExecutor(workers, mp_context=context)

    def submit(self, articles: Sequence[Article]) -> PendingAnalysis:
        if not articles:
            return PendingAnalysis([], Analysis())
        size = -(-len(articles) // self.workers)
        futures = [
            self._pool.submit(_local_stage, list(articles[i : i + size]))
            for i in range(0, len(articles), size)
        ]
        return PendingAnalysis(futures)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class InlineAnalyzer:
    """Runs an analyzer function in this process (tests, small imports, no engine)."""

    def __init__(self, analyze: Analyzer) -> None:
        self._analyze = analyze

    def submit(self, articles: Sequence[Article]) -> PendingAnalysis:
        return PendingAnalysis([], self._analyze(articles) if articles else Analysis())

    def close(self) -> None:
        pass
