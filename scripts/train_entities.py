#!/usr/bin/env python3
"""Train the entity kind classifier (averaged perceptron) and write it as package data.

    python scripts/train_entities.py [--train-dir ../shared/train] [--epochs 8]

Reads only the openly licensed training files (gum_open, uner_en, wnut17, re3d_open; see their
README for licences). Never reads the measuring set (shared/eval/gum_news.jsonl). Candidates
come from the engine's own extractor, so training sees exactly what inference sees; each
candidate is labelled with the kind of the smallest gold name that contains it and covers its
head word, "none" when no gold name overlaps it, and left out when it only partly overlaps one.
Writes src/briefreader/entities/model/kinds.marshal.
"""

from __future__ import annotations

import argparse
import json
import marshal
import random
import re
import sys
import time
from array import array
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from briefreader.entities.classify import CLASSES, features  # noqa: E402
from briefreader.entities.engine import article_from_text  # noqa: E402
from briefreader.entities.extract import extract  # noqa: E402
from briefreader.entities.lexicon import lexicon  # noqa: E402
from briefreader.model import Article, Paragraph  # noqa: E402

OUT = ROOT / "src" / "briefreader" / "entities" / "model" / "kinds.marshal"
GUM_KIND = {"person": "person", "organization": "org", "place": "place", "event": "event"}
GUM_NONE = {"time"}
FLAT_KIND = {"person": "person", "organization": "org", "place": "place", "other": "other"}


def _sentence_article(doc_id: str, sentences: list[str]) -> Article:
    """Sentences of one source document as paragraphs (never headings: no layout is known)."""
    text = "\n\n".join(sentences)
    paras, pos = [], 0
    for s in sentences:
        paras.append(Paragraph("paragraph", pos, pos + len(s), s))
        pos += len(s) + 2
    return Article(id=doc_id, title="", text=text, paragraphs=tuple(paras))


Gold = list[tuple[int, int, int, int, str]]


def load_docs(train_dir: Path, sources: tuple[str, ...]) -> list[tuple[Article, Gold]]:
    """(article, gold spans (start, end, anchor_start, anchor_end, kind)) per document."""
    docs = []
    with (train_dir / "gum_open.jsonl").open(encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            art = article_from_text(d["doc"], d["text"])
            gold = []
            for e in d["entities"]:
                if not e.get("named"):
                    continue
                t = e["type"]
                kind = GUM_KIND.get(t, "none" if t in GUM_NONE else "other")
                a_s = e.get("anchor_start", e["start"])
                a_e = e.get("anchor_end", e["end"])
                gold.append((e["start"], e["end"], a_s, a_e, kind))
            docs.append((art, gold))
    for name in sources:
        groups: dict[str, list[dict]] = {}
        with (train_dir / name).open(encoding="utf-8") as f:
            for i, line in enumerate(f):
                d = json.loads(line)
                src = d.get("source", f"{name}#{i}")
                # UNER sentences of one web document belong together (document-level cues).
                key = re.sub(r"-\d+$", "", src) if name == "uner_en.jsonl" else f"{src}#{i}"
                groups.setdefault(key, []).append(d)
        for key, recs in groups.items():
            art = _sentence_article(key, [r["text"] for r in recs])
            gold, pos = [], 0
            for r in recs:
                for e in r["entities"]:
                    kind = FLAT_KIND.get(e["type"], "other")
                    s, en = pos + e["start"], pos + e["end"]
                    # Flat annotations: every word of the name is a head, any part may match.
                    gold.append((s, en, -1, -1, kind))
                pos += len(r["text"]) + 2
            docs.append((art, gold))
    return docs


def label(c_start: int, c_end: int, gold: list[tuple[int, int, int, int, str]]) -> str | None:
    best = None
    overlap = False
    for s, e, a_s, a_e, kind in gold:
        if c_end <= s or c_start >= e:
            continue
        overlap = True
        inside = s <= c_start and c_end <= e
        covers = a_s < 0 or (c_start <= a_s and a_e <= c_end)
        if inside and covers and (best is None or e - s < best[1] - best[0]):
            best = (s, e, kind)
    if best is not None:
        return best[2]
    return None if overlap else "none"


def build_instances(docs, lex):
    data = []
    stats: Counter[str] = Counter()
    for art, gold in docs:
        cands = extract(art, lex)
        for c in cands.candidates:
            y = label(c.start, c.end, gold)
            if y is None:
                stats["skipped"] += 1
                continue
            if c.gaz is not None and c.gaz[0] == "group" and y in ("none", "person", "other"):
                y = "group"  # nationality words: our product's kind, whatever GUM called them
            stats[y] += 1
            data.append((features(c, cands, lex), CLASSES.index(y)))
    return data, stats


def train(data, epochs: int, seed: int = 13) -> dict[str, list[float]]:
    """Multi-class averaged perceptron (the averaging trick with update timestamps)."""
    k = len(CLASSES)
    w: dict[str, list[float]] = {}
    total: dict[str, list[float]] = {}
    stamp: dict[str, list[int]] = {}
    t = 0
    rng = random.Random(seed)
    order = list(range(len(data)))
    for ep in range(epochs):
        rng.shuffle(order)
        errors = 0
        for idx in order:
            feats, y = data[idx]
            t += 1
            scores = [0.0] * k
            for f in feats:
                wf = w.get(f)
                if wf is not None:
                    for j in range(k):
                        scores[j] += wf[j]
            guess = max(range(k), key=scores.__getitem__)
            if guess == y:
                continue
            errors += 1
            for f in feats:
                wf = w.get(f)
                if wf is None:
                    wf = w[f] = [0.0] * k
                    total[f] = [0.0] * k
                    stamp[f] = [0] * k
                for j, delta in ((y, 1.0), (guess, -1.0)):
                    total[f][j] += (t - stamp[f][j]) * wf[j]
                    stamp[f][j] = t
                    wf[j] += delta
        print(f"epoch {ep + 1}: {errors} errors / {len(data)}", file=sys.stderr)
    avg = {}
    for f, wf in w.items():
        avg[f] = [(total[f][j] + (t - stamp[f][j]) * wf[j]) / t for j in range(k)]
    return avg


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--train-dir", type=Path, default=ROOT.parent / "shared" / "train")
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--min-weight", type=float, default=0.005)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument(
        "--sources",
        default="uner_en,wnut17,re3d_open",
        help="sentence-level sources to add to gum_open (comma-separated file stems)",
    )
    a = ap.parse_args()
    t0 = time.perf_counter()
    lex = lexicon()
    docs = load_docs(a.train_dir, tuple(f"{x}.jsonl" for x in a.sources.split(",") if x))
    data, stats = build_instances(docs, lex)
    print(f"{len(docs)} documents, {len(data)} candidates: {dict(stats)}", file=sys.stderr)
    weights = train(data, a.epochs)
    feats = sorted(f for f, ws in weights.items() if max(abs(x) for x in ws) >= a.min_weight)
    flat = array("f", (x for f in feats for x in weights[f]))
    a.out.parent.mkdir(parents=True, exist_ok=True)
    with a.out.open("wb") as fh:
        marshal.dump({"classes": list(CLASSES), "features": feats, "weights": flat.tobytes()}, fh)
    shipped = feats
    print(
        f"wrote {a.out} ({len(shipped)} features, {a.out.stat().st_size // 1024} KiB) "
        f"in {time.perf_counter() - t0:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
