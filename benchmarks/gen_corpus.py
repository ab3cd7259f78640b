"""Generate N benchmark articles from the shared Wikinews corpus, deterministically.

Each generated article is one real article (cycled through the corpus) topped up with paragraphs
of others, chosen by a generator seeded with the article's number, to about ``--words`` words; it
gets a unique title and a date spread over six years. The same N and seed always give the same
files. The corpus's ATTRIBUTION.txt is copied beside the articles (its licence, CC BY 2.5, asks
for it), outside the folder that gets imported.

    python benchmarks/gen_corpus.py 10000 /tmp/bench10k   # writes /tmp/bench10k/articles/...

Generated data is for benchmarks only: never commit it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "wikinews"
_WEEKDAY_LINE = re.compile(
    r"^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \w+ \d{1,2}, \d{4}$"
)
FIRST_DAY = dt.date(2015, 1, 1)
SPAN_DAYS = 6 * 365
PER_FOLDER = 1000


@dataclass(frozen=True)
class Source:
    title: str
    paragraphs: tuple[str, ...]


def read_corpus(corpus: Path = CORPUS) -> list[Source]:
    """The corpus's articles as (title, paragraphs), in file-name order."""
    out = []
    for path in sorted(corpus.glob("*.txt")):
        if path.name == "ATTRIBUTION.txt":
            continue
        blocks = [b.strip() for b in path.read_text(encoding="utf-8").split("\n\n") if b.strip()]
        if path.name.startswith("vat-"):
            head = blocks[0].splitlines()
            title = head[0].strip()
            blocks = blocks[1:]
            if len(head) == 1 and blocks:  # date on its own block
                blocks = blocks[1:]
            blocks = [b for b in blocks if not _WEEKDAY_LINE.match(b)]
        else:
            words = blocks[0].split()
            title = " ".join(words[:9]).rstrip(",.;:")
        paragraphs = tuple(b.replace("\n", " ") for b in blocks)
        if paragraphs:
            out.append(Source(title, paragraphs))
    return out


def generate(n: int, out: Path, *, words: int = 600, seed: int = 20240101) -> Path:
    """Write ``n`` articles under ``out/articles``; returns that folder."""
    sources = read_corpus()
    if not sources:
        raise SystemExit(f"no corpus at {CORPUS}")
    articles = out / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(CORPUS / "ATTRIBUTION.txt", out / "ATTRIBUTION.txt")
    for i in range(n):
        rng = random.Random(seed * 1_000_003 + i)
        base = sources[i % len(sources)]
        paragraphs = list(base.paragraphs)
        count = sum(len(p.split()) for p in paragraphs)
        while count < words:
            other = sources[rng.randrange(len(sources))]
            p = other.paragraphs[rng.randrange(len(other.paragraphs))]
            paragraphs.append(p)
            count += len(p.split())
        date = FIRST_DAY + dt.timedelta(days=rng.randrange(SPAN_DAYS))
        title = f"{base.title} (no. {i + 1})"
        folder = articles / f"wikinews-{i // PER_FOLDER:03d}"  # the source shown in lists
        if i % PER_FOLDER == 0:
            folder.mkdir(exist_ok=True)
        body = "\n\n".join(paragraphs)
        (folder / f"a{i:06d}.txt").write_text(
            f"{title}\n{date.isoformat()}\n\n{body}\n", encoding="utf-8"
        )
    return articles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument("--seed", type=int, default=20240101)
    args = parser.parse_args(argv)
    folder = generate(args.count, args.out, words=args.words, seed=args.seed)
    sys.stdout.write(f"{args.count} articles in {folder}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
