#!/usr/bin/env python3
"""Entity engine quality and speed, measured the way a user runs it: `briefreader tag --jsonl`.

    python benchmarks/bench_entities.py [--runs 5] [--ner rules]

1. Runs `tag` over ../shared/eval/gum_news.jsonl and scores it with ../shared/eval/score_entities.py
   (prints the scorer's table); then the same on our annotated Wikinews interviews
   (benchmarks/interviews, README there), speaker labels left out on both sides.
2. Speed of the whole `tag` process (start-up included), median of --runs runs: on the 24 GUM news
   documents alone (start-up bound: interpreter, gazetteer and model loading are most of it), on
   them repeated 20 times (480 documents with distinct ids: a realistic batch, start-up spread
   as it is for one), and on the 2,295 distinct Wikinews files of ../shared/corpus/wikinews (no
   repeated text, so the engine's per-text caches get no more help than real news gives them);
   with `tag`'s default (a large batch is analysed on every available core) and with
   `--workers 1` (one process).
3. In-process speed of the library path (`analyze_article` per article + one `resolve`), the way
   the library imports articles, on GUM news x20 and on Wikinews, after warming up on GUM news.
Nothing generated is kept. Needs ../shared (the repository's sibling folder).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from briefreader.entities.parallel import available_cores  # noqa: E402

SHARED = ROOT.parent / "shared"
GOLD = SHARED / "eval" / "gum_news.jsonl"
SCORER = SHARED / "eval" / "score_entities.py"
WIKINEWS = SHARED / "corpus" / "wikinews"


def tag_cmd(ner: str, workers: int | None = None) -> list[str]:
    extra = [] if workers is None else ["--workers", str(workers)]
    return [sys.executable, "-m", "briefreader", "tag", "--jsonl", "--ner", ner, *extra]


def timed_tag(
    payload: bytes, ner: str, runs: int, workers: int | None = None
) -> tuple[float, bytes]:
    times, out = [], b""
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.run(
            tag_cmd(ner, workers), input=payload, capture_output=True, check=True
        )
        times.append(time.perf_counter() - t0)
        out = proc.stdout
    return statistics.median(times), out


def report(label: str, docs: list[dict], seconds: float) -> None:
    words = sum(len(d["text"].split()) for d in docs)
    print(
        f"{label:<38}{len(docs):>6} docs {words:>8} words  {seconds:7.3f} s  "
        f"{len(docs) / seconds:8.0f} docs/s {words / seconds:10.0f} words/s"
    )


def interviews(ner: str) -> None:
    """Our own annotated Wikinews interviews (benchmarks/interviews), scored the same way:
    the genre of the held-out set we cannot see. "dev" guided rules; "test" did not."""
    sys.path.insert(0, str(ROOT / "benchmarks" / "interviews"))
    import gold as interview_gold

    for which in ("dev", "test"):
        docs = interview_gold.documents(which)
        payload = "".join(json.dumps({"doc": d["doc"], "text": d["text"]}) + "\n" for d in docs)
        out = subprocess.run(
            tag_cmd(ner), input=payload.encode(), capture_output=True, check=True
        ).stdout.decode()
        texts = {d["doc"]: d["text"] for d in docs}
        preds = [interview_gold.without_labels(json.loads(x), texts[json.loads(x)["doc"]])
                 for x in out.splitlines()]
        with tempfile.TemporaryDirectory() as tmp:
            gold_path, pred_path = Path(tmp) / "gold.jsonl", Path(tmp) / "pred.jsonl"
            gold_path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
            pred_path.write_text("".join(json.dumps(p) + "\n" for p in preds), encoding="utf-8")
            print(f"\n== quality: Wikinews interviews, our annotation, {which} set "
                  f"(benchmarks/interviews)")
            subprocess.run(
                [sys.executable, str(SCORER), str(gold_path), str(pred_path)], check=True
            )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--ner", default="rules", choices=("rules", "spacy"))
    a = ap.parse_args()
    if not GOLD.is_file():
        print(f"skipped: {GOLD} is absent (needs the shared folder next to the repository)")
        return 0
    gold_docs = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    payload = "".join(
        json.dumps({"doc": d["doc"], "text": d["text"]}) + "\n" for d in gold_docs
    ).encode()
    secs, out = timed_tag(payload, a.ner, a.runs)
    with tempfile.NamedTemporaryFile("wb", suffix=".jsonl", delete=False) as f:
        f.write(out)
        pred = f.name
    print("== quality: GUM news (score_entities.py)")
    subprocess.run([sys.executable, str(SCORER), str(GOLD), pred], check=True)
    Path(pred).unlink()
    interviews(a.ner)
    cores = available_cores()
    print(
        f"\n== speed: whole `briefreader tag --jsonl` process, median of {a.runs} runs "
        f"({cores} cores available; load average {os.getloadavg()[0]:.2f} before)"
    )
    report("GUM news (24 docs)", gold_docs, secs)
    many = [{"doc": f"{d['doc']}#{i}", "text": d["text"]} for i in range(20) for d in gold_docs]
    payload = "".join(json.dumps(d) + "\n" for d in many).encode()
    report("GUM news x20 (one collection)", many, timed_tag(payload, a.ner, a.runs)[0])
    report(
        "GUM news x20, --workers 1",
        many,
        timed_tag(payload, a.ner, a.runs, workers=1)[0],
    )
    empty = timed_tag(b"", a.ner, a.runs)[0]
    print(f"{'start-up (empty input, nothing loaded)':<38}{empty:21.3f} s")
    one = [{"doc": "one", "text": gold_docs[0]["text"]}]
    payload = "".join(json.dumps(d) + "\n" for d in one).encode()
    report("start-up + 1 doc (data loaded)", one, timed_tag(payload, a.ner, a.runs)[0])
    wn: list[dict] = []
    if WIKINEWS.is_dir():
        files = sorted(p for p in WIKINEWS.glob("*.txt"))
        wn = [{"doc": p.name, "text": p.read_text(encoding="utf-8")} for p in files]
        payload = "".join(json.dumps(d) + "\n" for d in wn).encode()
        report("Wikinews corpus", wn, timed_tag(payload, a.ner, max(1, a.runs // 2))[0])
        report(
            "Wikinews corpus, --workers 1",
            wn,
            timed_tag(payload, a.ner, max(1, a.runs // 2), workers=1)[0],
        )
    if a.ner == "rules":
        print("\n== speed: in-process library path (analyze_article + resolve), best of runs")
        from briefreader.entities import analyze_article, article_from_text, resolve

        def lib(docs: list[dict]) -> float:
            arts = [article_from_text(d["doc"], d["text"]) for d in docs]
            best = float("inf")
            for _ in range(max(1, a.runs)):
                t0 = time.perf_counter()
                resolve(analyze_article(x) for x in arts)
                best = min(best, time.perf_counter() - t0)
            return best

        lib(gold_docs)  # load the gazetteer and model once, as a long-running library does
        report("GUM news x20", many, lib(many))
        if wn:
            report("Wikinews corpus", wn, lib(wn))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
