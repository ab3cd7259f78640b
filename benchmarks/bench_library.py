"""Library benchmark: import, search and entity jumps at 10,000 and 100,000 articles.

Generates articles from ../shared/corpus/wikinews (benchmarks/gen_corpus.py, deterministic) into
a temporary folder, imports them into a temporary library with entities, and prints:
import rate, size on disk, search latency (median, p95, in-process, first page of 20 with
snippets), time to the first page of the article list, entity-jump latency (occurrences + target
article + its mentions), and peak RSS (this process and, separately, the analysis workers).

    python benchmarks/bench_library.py --sizes 10000 100000 [--workers N] [--keep DIR]

Figures depend on the machine (2 shared cores here): they are printed, not asserted.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_corpus import generate  # noqa: E402

from briefreader.library import LibraryCollection, add_paths, open_library  # noqa: E402
from briefreader.library.analysis import default_workers  # noqa: E402
from briefreader.library.store import DB_NAME  # noqa: E402
from briefreader.search import search  # noqa: E402

QUERIES = [
    "president",
    "election",
    "police",
    '"prime minister"',
    "police OR army",
    "earthquake -tsunami",
    "ukrain*",
    "protest*",
    "government budget",
    '"world cup"',
    "climate change",
    "hospital patients",
    "stock market",
    "person:Obama",
    "person:Trump election",
    "place:China",
    "place:Australia flood",
    "org:NATO",
    "after:2017-01-01 before:2017-06-30 election",
    "on:2016 football",
    "source:wikinews-001 fire",
    "the",
]
PAGE = 20


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def run(size: int, workers: int | None, keep: Path | None, reuse: bool = False) -> None:
    base = Path(tempfile.mkdtemp(prefix=f"brbench{size}-")) if keep is None else keep
    base.mkdir(parents=True, exist_ok=True)
    try:
        if reuse and (base / "library" / DB_NAME).exists():
            print(f"\n== {size:,} articles (reusing the library in {base})", flush=True)
        else:
            _import(size, base, workers)
        _queries(size, base)
    finally:
        if keep is None:
            shutil.rmtree(base, ignore_errors=True)


def _import(size: int, base: Path, workers: int | None) -> None:
    t = time.perf_counter()
    folder = generate(size, base / "corpus")
    print(f"\n== {size:,} articles (generated in {time.perf_counter() - t:.1f} s)", flush=True)

    library = open_library(base / "library")
    load = os.getloadavg()[0]
    cpu_self, cpu_children = _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    report = add_paths(library, [folder], workers=workers)
    took = time.perf_counter() - t
    cpu_self = _cpu(resource.RUSAGE_SELF) - cpu_self
    cpu_children = _cpu(resource.RUSAGE_CHILDREN) - cpu_children
    n_entities = library.db.execute("SELECT count(*) FROM entities").fetchone()[0]
    n_mentions = library.db.execute("SELECT count(*) FROM mentions").fetchone()[0]
    print(
        f"import: {report.added:,} articles in {took:.1f} s = {report.added / took:,.0f}"
        f" articles/s with entities (workers={workers or default_workers()});"
        f" {n_entities:,} entities,"
        f" {n_mentions:,} mentions; problems: {len(report.problems)}",
        flush=True,
    )
    # CPU per article says what the machine could do idle: the cores are shared here.
    per = 1000 / max(1, report.added)
    # Cores kept busy: two cores fully used would be 2.00 (less: the pipeline waited, or
    # other processes had the CPU).
    print(
        f"import CPU: main process {cpu_self * per:.2f} ms/article, workers"
        f" {cpu_children * per:.2f} ms/article, {(cpu_self + cpu_children) / took:.2f} cores"
        f" busy; load average before {load:.2f}, after {os.getloadavg()[0]:.2f}",
        flush=True,
    )
    library.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size_bytes = sum(p.stat().st_size for p in (base / "library").glob(DB_NAME + "*"))
    print(f"size on disk: {size_bytes / 1e6:,.0f} MB ({size_bytes / size / 1024:.1f} KB/article)")
    library.close()


def _queries(size: int, base: Path) -> None:
    # A fresh process-like start: new connection, cold Python caches.
    t = time.perf_counter()
    library = open_library(base / "library", create=False)
    collection = LibraryCollection(library)
    summaries = collection.summaries()
    first_page = [summaries[i] for i in range(min(50, len(summaries)))]
    print(f"article list, first 50 rows of {len(summaries):,}: {ms(time.perf_counter() - t)}")
    assert first_page

    timings: list[float] = []
    per_query: dict[str, float] = {}
    for q in QUERIES:
        search(library, q, limit=PAGE)  # warm the page cache once
        runs = []
        for _ in range(5):
            t = time.perf_counter()
            search(library, q, limit=PAGE)
            runs.append(time.perf_counter() - t)
        timings.extend(runs)
        per_query[q] = statistics.median(runs)
    slowest = sorted(per_query.items(), key=lambda kv: -kv[1])[:3]
    print(
        f"search ({len(QUERIES)} queries x 5, first page of {PAGE} with snippets):"
        f" median {ms(statistics.median(timings))}, p95 {ms(percentile(timings, 0.95))};"
        " slowest: " + ", ".join(f"{q!r} {ms(s)}" for q, s in slowest),
        flush=True,
    )

    rng = random.Random(7)
    top = [
        r[0]
        for r in library.db.execute("SELECT id FROM entities ORDER BY n_articles DESC LIMIT 10")
    ]
    sample = [
        r[0]
        for r in library.db.execute("SELECT id FROM entities WHERE n_articles > 0 ORDER BY rowid")
    ]
    targets = top + rng.sample(sample, min(40, len(sample)))
    jumps = []
    for entity_id in targets:
        collection = LibraryCollection(library)  # no warm per-collection state
        library._articles.clear()
        t = time.perf_counter()
        occ = collection.occurrences(entity_id)
        if len(occ) == 0:
            continue
        target = occ[min(1, len(occ) - 1)]
        art = collection.article(target.article_id)
        mentions = collection.mentions(art.id)
        jumps.append(time.perf_counter() - t)
        assert any(m.start == target.mention.start for m in mentions)
    print(
        f"entity jump ({len(jumps)} entities, 10 most named): median"
        f" {ms(statistics.median(jumps))}, p95 {ms(percentile(jumps, 0.95))},"
        f" max {ms(max(jumps))}"
    )
    sidebar = []
    for occ_article in [summaries[i].id for i in range(0, min(len(summaries), 2000), 100)]:
        library._forget_cached()
        t = time.perf_counter()
        for m in {m.entity_id for m in library.mentions(occ_article)}:
            library.entity(m)
        sidebar.append(time.perf_counter() - t)
    print(
        f"entity() for every entity of an opened article, cold cache ({len(sidebar)} articles):"
        f" median {ms(statistics.median(sidebar))}, max {ms(max(sidebar))}"
    )
    library._forget_cached()
    t = time.perf_counter()
    biggest = library.entity(top[0])
    print(
        f"entity() with every article id, most named entity ({biggest.name!r},"
        f" {len(biggest.articles):,} articles): {ms(time.perf_counter() - t)}"
    )
    print(
        f"peak RSS: this process {rss_mb():,.0f} MB;"
        f" analysis workers {rss_mb(resource.RUSAGE_CHILDREN):,.0f} MB",
        flush=True,
    )
    library.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument(
        "--workers", type=int, default=None, help="analysis processes (default: one per core)"
    )
    parser.add_argument("--keep", type=Path, help="generate and keep everything in this folder")
    parser.add_argument(
        "--reuse", action="store_true", help="with --keep: query a library imported before"
    )
    args = parser.parse_args()
    for size in args.sizes:
        keep = args.keep / str(size) if args.keep else None
        run(size, args.workers, keep, args.reuse)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
