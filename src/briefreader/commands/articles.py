"""`briefreader list`: the articles with their title, date, source and size."""

from __future__ import annotations

import argparse
import json
import sys

from briefreader.commands.sources import load_articles
from briefreader.model import Article


def article_json(article: Article) -> dict[str, object]:
    return {
        "id": article.id,
        "path": article.path,
        "title": article.title,
        "date": article.date_iso,
        "source": article.source,
        "words": article.words,
        "paragraphs": len(article.paragraphs),
    }


def run_list(args: argparse.Namespace) -> int:
    loaded = load_articles(args.paths)
    if loaded is None:
        return 1
    articles = loaded
    if args.json:
        json.dump({"articles": [article_json(a) for a in articles]}, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, pad_edge=False)
    table.add_column("id", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("source", no_wrap=True)
    table.add_column("words", justify="right")
    table.add_column("title", ratio=1, overflow="fold")
    for a in articles:
        # Text objects, never markup strings: titles are untrusted article text.
        table.add_row(
            Text(a.id),
            Text(a.date_iso or "undated", style="" if a.date else "dim"),
            Text(a.source),
            Text(str(a.words)),
            Text(a.title),
        )
    Console().print(table)
    return 0
