"""`briefreader entities` and `briefreader tag`: the entity engine from the command line.

`entities --json` prints ``{"articles": [{"id", "path", "title"}], "entities": [{"id", "name",
"kind", "aliases", "descriptors", "articles", "mentions"}]}`` where ``mentions`` is the number of
mentions of the entity across the articles. `tag --jsonl` reads ``{"doc", "text"}`` lines as one
collection and writes ``{"doc", "mentions": [{"start", "end", "kind", "entity", "text"}]}`` per
line, offsets into the given text exactly. Only the modules needed are imported (no Textual).
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from briefreader.model import KIND_ORDER, Analysis, Article


def run_entities(args: argparse.Namespace) -> int:
    """Entities of the PATHs; without PATHs, of the library when it holds articles, else of
    the seeds. (`--ner spacy` re-extracts, so it always reads files.)"""
    from briefreader.commands.sources import load_articles, open_existing_library

    library = None
    if not args.paths and args.ner == "rules":
        library = open_existing_library(getattr(args, "library", None))
    if library is not None:
        from briefreader.library.export import entities_json as library_entities_json

        doc = library_entities_json(library)
    else:
        from briefreader.entities import resolve
        from briefreader.entities.parallel import analyze_articles

        articles = load_articles(args.paths)
        if articles is None:
            return 1
        with _without_cyclic_gc():
            analysis = resolve(analyze_articles(articles, args.ner))
        doc = entities_json(articles, analysis)
    if args.json:
        json.dump(doc, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        _print_table(doc, sys.stdout)
    return 0


def entities_json(articles: list[Article], analysis: Analysis) -> dict[str, Any]:
    """The `entities --json` document; most-mentioned entities first."""
    counts = Counter(m.entity_id for ms in analysis.mentions.values() for m in ms)
    ents = sorted(
        analysis.entities.values(),
        key=lambda e: (-counts[e.id], KIND_ORDER.get(e.kind, 9), e.name.casefold()),
    )
    return {
        "articles": [{"id": a.id, "path": a.path, "title": a.title} for a in articles],
        "entities": [
            {
                "id": e.id,
                "name": e.name,
                "kind": e.kind,
                "aliases": list(e.aliases),
                "descriptors": list(e.descriptors),
                "articles": list(e.articles),
                "mentions": counts[e.id],
            }
            for e in ents
        ],
    }


def _print_table(doc: dict[str, Any], out: TextIO) -> None:
    rows = [
        (
            e["name"],
            e["kind"],
            str(e["mentions"]),
            str(len(e["articles"])),
            "; ".join(e["descriptors"][:3]),
            ", ".join(e["aliases"][:4]),
        )
        for e in doc["entities"]
    ]
    header = ("NAME", "KIND", "MENTIONS", "ARTICLES", "DESCRIPTORS", "ALIASES")
    widths = [min(32, max([len(h)] + [len(r[i]) for r in rows])) for i, h in enumerate(header)]
    out.write("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip() + "\n")
    for r in rows:
        cells = [
            (c if len(c) <= w else c[: w - 1] + "…").ljust(w)
            for c, w in zip(r, widths, strict=True)
        ]
        out.write("  ".join(cells).rstrip() + "\n")
    out.write(f"{len(rows)} entities in {len(doc['articles'])} articles\n")


@contextmanager
def _without_cyclic_gc() -> Iterator[None]:
    """Analysis builds only acyclic objects, so the cyclic garbage collector would only rescan
    the documents, gazetteer and model again and again (about a tenth of a batch run)."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def run_tag(args: argparse.Namespace) -> int:
    with _without_cyclic_gc():
        return _tag(args)


def _tag(args: argparse.Namespace) -> int:
    from briefreader.entities import resolve_spans
    from briefreader.entities.parallel import analyze_texts

    docs: list[tuple[Any, str]] = []
    status = 0
    if args.jsonl:
        loads = json.loads
        for lineno, line in enumerate(sys.stdin, start=1):
            if not line.strip():
                continue
            try:
                obj = loads(line)
            except json.JSONDecodeError as exc:
                print(
                    f"briefreader tag: line {lineno}: not valid JSON ({exc.msg})", file=sys.stderr
                )
                status = 1
                continue
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                print(
                    f'briefreader tag: line {lineno}: expected an object with a "text" string',
                    file=sys.stderr,
                )
                status = 1
                continue
            docs.append((obj.get("doc", lineno), obj["text"]))
    else:
        docs.append(("stdin", sys.stdin.read()))
    spans = resolve_spans(
        analyze_texts(
            [(str(i), text) for i, (_, text) in enumerate(docs)],
            args.ner,
            getattr(args, "workers", None),
        )
    )
    write = sys.stdout.write
    from json.encoder import encode_basestring as quote  # the C string encoder

    dumps = json.JSONEncoder(ensure_ascii=False).encode
    for i, (doc_id, _) in enumerate(docs):
        # Only the doc id and the surface texts need escaping; the rest are ints and ids that
        # entity_id keeps to [a-z0-9:-]. One write per document.
        mentions = ", ".join(
            [
                f'{{"start": {s}, "end": {e}, "kind": "{kind}", "entity": {quote(eid)}, '
                f'"text": {quote(text)}}}'
                for s, e, kind, text, eid in spans.get(str(i), ())
            ]
        )
        write(f'{{"doc": {dumps(doc_id)}, "mentions": [{mentions}]}}\n')
    return status
