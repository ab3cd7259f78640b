"""A batch as the rows the library writes, built where the analysis ran.

An import worker turns its articles and their ``Analysis`` into plain tuples: one row per
article (words counted, paragraphs as JSON, date keys computed), its mentions already deduplicated
and sorted, and its cross-references (first mention and count per entity) already summed. The main
process, which writes SQLite for two workers on two cores, then only maps the batch's entity
numbers to library rowids. Tuples of ints and strings also pickle at a fraction of the cost of
the model's dataclasses (an ``Article`` with its ``Paragraph`` objects, ~49 ``Mention`` objects).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import NamedTuple

from briefreader.library.schema import UNDATED_SORT_KEY
from briefreader.model import Analysis, Article, Entity, Merge, Paragraph

#: (id, hash, title, date, day, sort_key, source, words, path, dateline, title_derived, notices,
#: paragraphs, text): the ``articles`` columns in ``ARTICLE_COLUMNS`` order
ArticleRow = tuple[
    str, str, str, str | None, int | None, int, str, int, str | None, str | None, int, str, str, str
]
ARTICLE_COLUMNS = (
    "id, hash, title, date, day, sort_key, source, words, path, dateline, title_derived, notices,"
    " paragraphs, text"
)
#: (id, name, kind, aliases, descriptors, [(alias, reason), ...])
EntityRow = tuple[str, str, str, tuple[str, ...], tuple[str, ...], list[tuple[str, str]]]


class BatchRows(NamedTuple):
    """A batch ready to write; entity numbers index ``entities``."""

    articles: list[ArticleRow]
    #: per article: (start, end, entity number, kind), one per span, sorted by span
    mentions: list[list[tuple[int, int, int, str]]]
    #: per article: (entity number, first start, first end, mentions), one per entity
    xrefs: list[list[tuple[int, int, int, int]]]
    entities: list[EntityRow]


def sort_key_of(date: dt.date | dt.datetime | None) -> int:
    """Integer key, ascending = newest first, undated last (as ``sort_key_newest_first``)."""
    if date is None:
        return UNDATED_SORT_KEY
    if not isinstance(date, dt.datetime):
        date = dt.datetime.combine(date, dt.time.min)
    return -(date.toordinal() * 86400 + date.hour * 3600 + date.minute * 60 + date.second)


def day_of(date: dt.date | dt.datetime | None) -> int | None:
    return None if date is None else date.toordinal()


def paragraphs_json(paragraphs: Sequence[Paragraph]) -> str:
    """``[[kind, start, end], ...]`` as JSON (kinds are plain words: no escaping needed)."""
    return "[" + ",".join(f'["{p.kind}",{p.start},{p.end}]' for p in paragraphs) + "]"


def article_row(art: Article, content_hash: str) -> ArticleRow:
    return (
        art.id,
        content_hash,
        art.title,
        art.date_iso,
        day_of(art.date),
        sort_key_of(art.date),
        art.source,
        art.words,
        art.path,
        art.dateline,
        int(art.title_derived),
        json.dumps(list(art.notices)) if art.notices else "[]",
        paragraphs_json(art.paragraphs),
        art.text,
    )


def prepare(
    articles: Sequence[Article], analysis: Analysis, hashes: Sequence[str] | None = None
) -> BatchRows:
    """The rows of a batch; ``hashes`` are the articles' content hashes (default: their ids).

    One mention per span (names may nest: "California" inside "University of California"); a
    mention of an entity the analysis does not list is dropped (as the store always did).
    """
    ents = list(analysis.entities.values())
    number = {e.id: i for i, e in enumerate(ents)}
    rows: list[ArticleRow] = []
    all_mentions: list[list[tuple[int, int, int, str]]] = []
    all_xrefs: list[list[tuple[int, int, int, int]]] = []
    found = analysis.mentions
    for i, art in enumerate(articles):
        rows.append(article_row(art, art.id if hashes is None else hashes[i]))
        mentions: list[tuple[int, int, int, str]] = []
        first: dict[int, list[int]] = {}
        seen: set[tuple[int, int]] = set()
        for m in found.get(art.id, ()):
            x = number.get(m.entity_id)
            span = (m.start, m.end)
            if x is None or span in seen:
                continue
            seen.add(span)
            mentions.append((m.start, m.end, x, m.kind))
            slot = first.get(x)
            if slot is None:
                first[x] = [m.start, m.end, 1]
            else:
                slot[2] += 1
                if m.start < slot[0]:
                    slot[0], slot[1] = m.start, m.end
        mentions.sort()
        all_mentions.append(mentions)
        all_xrefs.append([(x, s, e, n) for x, (s, e, n) in first.items()])
    entities = [
        (e.id, e.name, e.kind, e.aliases, e.descriptors, [(m.alias, m.reason) for m in e.merges])
        for e in ents
    ]
    return BatchRows(rows, all_mentions, all_xrefs, entities)


def entities_of(rows: BatchRows) -> list[Entity]:
    """The batch's entities as the linker takes them (``articles`` left empty: unused)."""
    return [
        Entity(
            eid,
            name,
            kind,  # type: ignore[arg-type]
            aliases,
            descriptors,
            (),
            tuple([Merge(a, r) for a, r in merges]) if merges else (),
        )
        for eid, name, kind, aliases, descriptors, merges in rows.entities
    ]
