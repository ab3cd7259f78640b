"""The library as `briefreader list --json` and `briefreader entities --json` print it.

Same documents as the commands produce for files (see ``commands/articles.py`` and
``commands/entities.py``), built with a few set-based queries rather than one per entity, so a
100,000-article library answers in seconds, not minutes.
"""

from __future__ import annotations

import json
from typing import Any

from briefreader.library.store import Library
from briefreader.model import KIND_ORDER


def articles_json(library: Library) -> dict[str, Any]:
    """``{"articles": [{"id", "path", "title", "date", "source", "words", "paragraphs"}]}``,
    newest first."""
    rows = library.db.execute(
        "SELECT id, path, title, date, source, words, json_array_length(paragraphs)"
        " FROM articles ORDER BY sort_key, rowid"
    )
    return {
        "articles": [
            {
                "id": aid,
                "path": path,
                "title": title,
                "date": date,
                "source": source,
                "words": words,
                "paragraphs": paragraphs,
            }
            for aid, path, title, date, source, words, paragraphs in rows
        ]
    }


def entities_json(library: Library, *, kind: str | None = None) -> dict[str, Any]:
    """``{"articles": [...], "entities": [{"id", "name", "kind", "aliases", "descriptors",
    "articles", "mentions"}]}``; most-mentioned entities first, hidden ones left out."""
    db = library.db
    article_ids = dict(db.execute("SELECT rowid, id FROM articles"))
    aliases: dict[int, list[str]] = {}
    for entity, alias in db.execute("SELECT entity, alias FROM aliases ORDER BY entity, alias"):
        aliases.setdefault(entity, []).append(alias)
    mentions: dict[int, int] = {}
    in_articles: dict[int, list[str]] = {}
    for entity, article, count in db.execute(
        "SELECT entity, article, count FROM article_entities ORDER BY entity, sort_key, article"
    ):
        mentions[entity] = mentions.get(entity, 0) + count
        in_articles.setdefault(entity, []).append(article_ids[article])
    sql = "SELECT rowid, id, name, kind, descriptors FROM entities WHERE hidden = 0"
    params: list[object] = []
    if kind:
        sql += " AND kind = ?"
        params.append(kind)
    ents = [
        {
            "id": eid,
            "name": name,
            "kind": ekind,
            "aliases": aliases.get(rowid, []),
            "descriptors": json.loads(descriptors),
            "articles": in_articles.get(rowid, []),
            "mentions": mentions.get(rowid, 0),
        }
        for rowid, eid, name, ekind, descriptors in db.execute(sql, params)
        if rowid in mentions
    ]
    ents.sort(key=lambda e: (-e["mentions"], KIND_ORDER.get(e["kind"], 9), e["name"].casefold()))
    listed = db.execute("SELECT id, path, title FROM articles ORDER BY sort_key, rowid")
    return {
        "articles": [{"id": a, "path": p, "title": t} for a, p, t in listed],
        "entities": ents,
    }
