#!/usr/bin/env python3
"""Derive the English vocabulary list the entity classifier consults (data/english_words.txt).

    python scripts/build_english_words.py [--dict /usr/share/dict/american-english]

Source: the SCOWL-based word list of the Debian/Ubuntu package ``wamerican`` (2020.12.07; the
``american-english`` file, size 60 of SCOWL), (c) Kevin Atkinson and others, under the permissive
SCOWL licence quoted in the output's header. Only lowercase entries are kept (ordinary words:
"sea", "bank", "director"); capitalised entries (proper nouns) and possessive forms are left out.
A capitalised word of an article that is an ordinary English word ("Snowman", "Cinema") is less
likely a name than one that is not ("Kipling", "Huawei"): the classifier learns how much less.
Running it twice gives byte-identical output.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "briefreader" / "entities" / "data" / "english_words.txt"
_LOWER = re.compile(r"[a-z][a-z-]*[a-z]")
HEADER = """\
# Ordinary English words (lowercase), one a line; built by scripts/build_english_words.py
# from SCOWL via the Debian package wamerican 2020.12.07 (american-english).
# Copyright 2000-2011 by Kevin Atkinson and others (see SCOWL's README).
# Permission to use, copy, modify, distribute and sell these word lists, the associated
# scripts, the output created from the scripts, and its documentation for any purpose is
# hereby granted without fee, provided that the above copyright notice appears in all copies
# and that both that copyright notice and this permission notice appear in supporting
# documentation. Kevin Atkinson makes no representations about the suitability of this array
# for any purpose. It is provided "as is" without express or implied warranty.
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dict", type=Path, default=Path("/usr/share/dict/american-english"))
    ap.add_argument("--out", type=Path, default=OUT)
    a = ap.parse_args()
    words = sorted(
        {w for w in a.dict.read_text(encoding="utf-8").split() if _LOWER.fullmatch(w)}
    )
    a.out.write_text(HEADER + "".join(w + "\n" for w in words), encoding="utf-8")
    print(f"wrote {a.out}: {len(words)} words, {a.out.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
