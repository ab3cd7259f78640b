#!/usr/bin/env python3
"""Derive the list of common lowercase words the extractor peels off sentence starts.

    python scripts/build_common_words.py [--train-dir ../shared/train]

A capitalised word at the start of a sentence ("Meanwhile", "Buoyed", "Yesterday") is a name
only if it is not an ordinary word; ordinary means: seen in lowercase at least twice in the
openly licensed training text, and at least four times as often lowercase as capitalised inside
a sentence. Never reads the measuring set. Writes src/briefreader/entities/model/common_words.txt.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "briefreader" / "entities" / "model" / "common_words.txt"
_WORD = re.compile(r"(?<![\w'’-])([A-Za-z][a-z'’-]*[a-z])\b")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--train-dir", type=Path, default=ROOT.parent / "shared" / "train")
    a = ap.parse_args()
    lower: Counter[str] = Counter()
    cap_mid: Counter[str] = Counter()
    for name in ("gum_open.jsonl", "uner_en.jsonl", "wnut17.jsonl", "re3d_open.jsonl"):
        with (a.train_dir / name).open(encoding="utf-8") as f:
            for line in f:
                text = json.loads(line)["text"]
                for m in _WORD.finditer(text):
                    w = m.group(1)
                    if w[0].islower():
                        lower[w] += 1
                    else:
                        before = text[max(0, m.start() - 3) : m.start()].rstrip()
                        if before and before[-1] not in ".!?:\"“‘'(\n-–—":
                            cap_mid[w.lower()] += 1
    words = sorted(w for w, n in lower.items() if n >= 2 and n >= 4 * cap_mid[w])
    OUT.parent.mkdir(parents=True, exist_ok=True)
    header = (
        "# Common lowercase English words (derived by scripts/build_common_words.py from the\n"
        "# training text in shared/train; see LICENSE.md in this folder). One word a line.\n"
    )
    OUT.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(words)} words)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
