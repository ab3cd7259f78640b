"""`briefreader list`: the articles with their title, date, source and size.

With PATHs it reads those files; without, the library when it holds articles, else the bundled
seeds. The JSON document is the same either way.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from typing import Any

from briefreader.commands.sources import load_articles, open_existing_library
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
    rows: list[dict[str, Any]]
    library = None if args.paths else open_existing_library(getattr(args, "library", None))
    if library is not None:
        from briefreader.library.export import articles_json

        rows = articles_json(library)["articles"]
    else:
        articles = load_articles(args.paths)
        if articles is None:
            return 1
        rows = [article_json(a) for a in articles]
    if args.json:
        json.dump({"articles": rows}, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        _print_table(rows)
    return 0


def _print_table(rows: Iterable[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, pad_edge=False)
    table.add_column("id", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("source", no_wrap=True)
    table.add_column("words", justify="right")
    table.add_column("title", ratio=1, overflow="fold")
    for row in rows:
        # Text objects, never markup strings: titles are untrusted article text.
        table.add_row(
            Text(row["id"]),
            Text(row["date"] or "undated", style="" if row["date"] else "dim"),
            Text(row["source"] or ""),
            Text(str(row["words"])),
            Text(row["title"]),
        )
    Console().print(table)
