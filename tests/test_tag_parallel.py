"""`tag` on a large batch analyses it in worker processes: the output must not change."""

from __future__ import annotations

import json
import subprocess
import sys

from briefreader.resources import seeds_dir


def _tag(stdin: str, workers: int) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "briefreader", "tag", "--jsonl", "--workers", str(workers)],
        input=stdin,
        capture_output=True,
        text=True,
        check=True,
    )
    return proc.stdout


def test_workers_give_exactly_the_serial_output():
    seeds = sorted(seeds_dir().glob("*.txt"))
    lines = [
        json.dumps({"doc": f"{path.stem}-{i}", "text": path.read_text(encoding="utf-8")})
        for i in range(16)  # 80 documents: enough for the parallel path
        for path in seeds
    ]
    stdin = "\n".join(lines) + "\n"
    serial = _tag(stdin, 1)
    parallel = _tag(stdin, 2)
    assert parallel == serial
    docs = [json.loads(line) for line in serial.splitlines()]
    assert [d["doc"] for d in docs] == [json.loads(x)["doc"] for x in lines]
    # Cross-document resolution still spans the whole batch: one id for Putin everywhere.
    ids = {
        m["entity"] for d in docs for m in d["mentions"] if m["text"].endswith("Putin")
    }
    assert len(ids) == 1


def test_entities_of_many_articles_do_not_depend_on_the_workers():
    from dataclasses import replace

    from briefreader.entities import resolve
    from briefreader.entities.parallel import analyze_articles
    from briefreader.ingest import load_paths

    seeds = load_paths([seeds_dir()]).articles
    articles = [replace(a, id=f"{a.id}-{i}") for i in range(16) for a in seeds]
    serial = resolve(analyze_articles(articles, workers=1))
    parallel = resolve(analyze_articles(articles, workers=2))
    assert parallel.mentions == serial.mentions
    assert parallel.entities == serial.entities
    putin = next(e for e in serial.entities.values() if e.name == "Vladimir Putin")
    assert len(putin.articles) == len(articles)
