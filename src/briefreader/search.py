"""Search the library: a small query language, compiled to SQLite FTS5 plus SQL filters.

Query language (case-insensitive words, as the index folds case and accents)::

    words              every word must appear (title or text)
    "a phrase"         the words in this order
    -word, -"phrase"   must not appear (also -person:NAME, -source:NAME)
    a OR b             either (binds tighter than the implicit AND)
    pref*              any word starting with "pref"
    person:NAME org:NAME place:NAME group:NAME event:NAME entity:NAME
                       articles naming that resolved entity under any of its names, so
                       person:Putin finds an article that says only "Vladimir Putin"
    source:NAME        the source contains NAME
    before:DATE after:DATE on:DATE
                       dates through python-dateutil; on:2019 and on:2019-03 mean the whole
                       year or month

Ranking is bm25 (title weighted above text) times a gentle recency boost. Article rowids encode
the date, so the index is scanned newest first with every filter applied inside the scan, and a
query matching more than ``RANK_CANDIDATES`` articles is ranked among its newest 10,000 matches:
at 100,000 articles that keeps p95 near 25 ms where ranking every match took 79 ms ("the": 175
ms). Snippets are cut in Python from the shown page only, and carry highlight offsets rather than
markup, because article text is untrusted and must never be parsed as markup.

The parser lives in ``briefreader.library.query``, snippets in ``briefreader.library.snippets``.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefreader.library.query import (
    DATE_FIELDS,
    ENTITY_FIELDS,
    EXAMPLES,
    FIELDS,
    Alternative,
    FieldFilter,
    Query,
    QueryError,
    Term,
    parse_query,
)
from briefreader.library.resolve import terms
from briefreader.library.schema import DAY_SHIFT
from briefreader.library.snippets import Snippet, find_terms, make_snippet

if TYPE_CHECKING:
    from briefreader.library.store import Library

__all__ = [
    "DATE_FIELDS",
    "ENTITY_FIELDS",
    "FIELDS",
    "Query",
    "QueryError",
    "SearchPage",
    "SearchResult",
    "Snippet",
    "parse_query",
    "search",
]

#: Title matches weigh this much more than body matches in bm25.
TITLE_WEIGHT = 4.0
#: A fresh article scores up to (1 + RECENCY_BOOST) times an old one; half of that after a year.
RECENCY_BOOST = 0.5
RECENCY_DAYS = 365.0
#: Ranking looks at the newest this-many matches of a query (all of them for any query that is
#: not very common); it bounds the cost of a word found in half of a large library.
RANK_CANDIDATES = 10_000


@dataclass(frozen=True, slots=True)
class SearchResult:
    """One hit: what the list shows, and where the reader should open."""

    id: str
    title: str
    date: dt.date | dt.datetime | None
    source: str
    score: float
    snippet: Snippet
    #: highlight offsets into ``title``
    title_highlights: tuple[tuple[int, int], ...] = ()
    #: offset of the first match in ``Article.text`` (open the reader there), None if none
    first_match: int | None = None

    def to_json(self) -> dict[str, object]:
        date = None
        if self.date is not None:
            date = (
                self.date.isoformat(timespec="minutes")
                if isinstance(self.date, dt.datetime)
                else self.date.isoformat()
            )
        return {
            "id": self.id,
            "title": self.title,
            "date": date,
            "source": self.source,
            "score": round(self.score, 4),
            "snippet": self.snippet.text,
            "highlights": [list(h) for h in self.snippet.highlights],
        }


@dataclass(frozen=True, slots=True)
class SearchPage:
    results: list[SearchResult]
    has_more: bool
    query: Query
    #: remarks for the user, such as a person the library does not know
    notes: tuple[str, ...] = ()


# -- running -----------------------------------------------------------------------------------


def search(library: Library, query: str | Query, *, limit: int = 20, offset: int = 0) -> SearchPage:
    """Run a query; raises ``QueryError`` (user-facing message) for a malformed one.

    Safe to call from a worker thread: the library gives each thread its own connection.
    """
    parsed = parse_query(query) if isinstance(query, str) else query
    if limit < 1:
        raise QueryError("the limit must be at least 1")
    db = library.db
    notes: list[str] = []
    # Conditions on the article rowid, usable both inside the FTS scan and on the articles table:
    # templates with {rowid} (ranges) and {rowid_in} (membership in a subquery).
    where: list[str] = []
    params: list[object] = []
    text_groups = [g for g in parsed.groups if isinstance(g[0], Term)]
    entity_ids: set[int] = set()

    entity_groups: list[set[int]] = []
    for group in parsed.groups:
        if isinstance(group[0], Term):
            continue
        filters = [a for a in group if isinstance(a, FieldFilter)]
        if filters[0].name == "source":
            where.append(_in_sources(db, [f.value for f in filters], params, notes))
            continue
        ids: set[int] = set()
        for f in filters:
            found = _entities(db, f)
            if not found:
                notes.append(f"no {_kind_word(f.name)} called {f.value!r} in the library")
            ids |= found
        entity_ids |= ids
        entity_groups.append(ids)

    negative_text: list[Term] = []
    for alt in parsed.excluded:
        if isinstance(alt, Term):
            negative_text.append(alt)
        elif alt.name == "source":
            where.append("NOT " + _in_sources(db, [alt.value], params, []))
        else:
            ids = _entities(db, alt)
            if ids:
                where.append("NOT " + _in_entities(ids, params))
    # Dates are in the rowid (day << DAY_SHIFT), so a date range is a rowid range.
    if parsed.first_day is not None:
        where.append("{rowid} >= ?")
        params.append(parsed.first_day << DAY_SHIFT)
    if parsed.last_day is not None:
        where.append("{rowid} < ?")
        params.append((parsed.last_day + 1) << DAY_SHIFT)
    if not text_groups:
        for t in negative_text:
            where.append(
                "{rowid_in} NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
            )
            params.append(t.fts())

    if text_groups:
        for ids in entity_groups:
            where.append(_in_entities(ids, params))
        rows = _ranked(db, text_groups, negative_text, where, params, limit, offset)
    elif entity_groups:
        rows = _by_entity(db, entity_groups, where, params, limit, offset)
    else:
        sql = "SELECT rowid, 0.0 FROM articles WHERE 1"
        sql += "".join(" AND " + w.format(rowid="rowid", rowid_in="rowid") for w in where)
        sql += " ORDER BY sort_key, rowid LIMIT ? OFFSET ?"
        rows = _run(db, sql, [*params, limit + 1, offset])
    has_more = len(rows) > limit
    rows = rows[:limit]
    results = _with_snippets(db, rows, parsed, entity_ids)
    return SearchPage(results, has_more, parsed, tuple(notes))


def _ranked(
    db: sqlite3.Connection,
    text_groups: list[list[Alternative]],
    negative_text: list[Term],
    where: list[str],
    params: list[object],
    limit: int,
    offset: int,
) -> list[tuple[int, float]]:
    """bm25 x recency over the newest ``RANK_CANDIDATES`` matches; (rowid, score) rows.

    The FTS scan runs newest first (rowid order is date order) with every filter applied inside
    it, and stops after ``RANK_CANDIDATES`` accepted rows, so a word found in half of a
    100,000-article library costs a bounded amount of ranking work.
    """
    match = " AND ".join(
        "(" + " OR ".join(t.fts() for t in g if isinstance(t, Term)) + ")" for g in text_groups
    )
    for t in negative_text:
        match = f"({match}) NOT {t.fts()}"
    newest = db.execute("SELECT max(day) FROM articles").fetchone()[0] or 0
    day = f"(h.rowid >> {DAY_SHIFT})"
    boost = (
        f"(CASE WHEN {day} = 0 THEN 1.0 ELSE 1.0 + {RECENCY_BOOST} /"
        f" (1.0 + max(0, {int(newest)} - {day}) / {RECENCY_DAYS}) END)"
    )
    inner = (
        f"SELECT rowid, bm25(articles_fts, {TITLE_WEIGHT}, 1.0) AS b FROM articles_fts"
        " WHERE articles_fts MATCH ?"
        # "+rowid IN (...)": test membership while scanning the index newest first; a bare
        # "rowid IN" makes SQLite run one full-text lookup per listed rowid (40x slower).
        + "".join(" AND " + w.format(rowid="rowid", rowid_in="+rowid") for w in where)
        + " ORDER BY rowid DESC LIMIT ?"
    )
    sql = (
        f"SELECT h.rowid, -h.b * {boost} AS score FROM ({inner}) AS h"
        " ORDER BY score DESC LIMIT ? OFFSET ?"
    )
    return _run(db, sql, [match, *params, RANK_CANDIDATES, limit + 1, offset])


def _by_entity(
    db: sqlite3.Connection,
    groups: list[set[int]],
    where: list[str],
    params: list[object],
    limit: int,
    offset: int,
) -> list[tuple[int, float]]:
    """Entity queries without words, newest first, driven by the cross-reference index.

    One entity reads its (entity, sort_key) index in order and stops at the page; several
    (a name shared by a few entities, or OR) merge their articles first.
    """
    driver, *others = sorted(groups, key=len)
    if not driver:
        return []
    cond = list(where)
    extra: list[object] = []
    for ids in others:
        cond.append(_in_entities(ids, extra))
    marks = ",".join("?" * len(driver))
    filters = "".join(" AND " + w.format(rowid="x.article", rowid_in="x.article") for w in cond)
    if len(driver) == 1:
        sql = (
            f"SELECT x.article, 0.0 FROM article_entities x WHERE x.entity IN ({marks}){filters}"
            " ORDER BY x.sort_key, x.article LIMIT ? OFFSET ?"
        )
    else:
        sql = (
            f"SELECT x.article, 0.0 FROM article_entities x WHERE x.entity IN ({marks}){filters}"
            " GROUP BY x.article ORDER BY min(x.sort_key), x.article LIMIT ? OFFSET ?"
        )
    return _run(db, sql, [*sorted(driver), *params, *extra, limit + 1, offset])


def _in_sources(
    db: sqlite3.Connection, values: list[str], params: list[object], notes: list[str]
) -> str:
    """Membership in the sources whose names contain any of ``values`` (case-insensitive)."""
    names = _source_names(db)
    chosen = sorted({n for n in names for v in values if v.casefold() in n.casefold()})
    if not chosen:
        notes.extend(f"no source called {v!r} in the library" for v in values)
        return "0"
    params.extend(chosen)
    marks = ",".join("?" * len(chosen))
    return f"{{rowid_in}} IN (SELECT rowid FROM articles WHERE source COLLATE NOCASE IN ({marks}))"


#: id(connection) -> (connection, version, names); holding the connection keeps its id unique.
_SOURCES: dict[int, tuple[sqlite3.Connection, tuple[int, int], list[str]]] = {}


def _source_names(db: sqlite3.Connection) -> list[str]:
    """Distinct sources, by hopping along their index (a few dozen seeks, not a table scan)."""
    # data_version moves when another connection commits; total_changes when this one writes.
    version = (db.execute("PRAGMA data_version").fetchone()[0], db.total_changes)
    cached = _SOURCES.get(id(db))
    if cached is not None and cached[0] is db and cached[1] == version:
        return cached[2]
    names = [
        r[0]
        for r in db.execute(
            "WITH RECURSIVE s(src) AS ("
            " SELECT min(source COLLATE NOCASE) FROM articles"
            " UNION ALL SELECT (SELECT min(source COLLATE NOCASE) FROM articles"
            "  WHERE source COLLATE NOCASE > s.src) FROM s WHERE s.src IS NOT NULL)"
            " SELECT src FROM s WHERE src IS NOT NULL"
        )
    ]
    if len(_SOURCES) > 32:
        _SOURCES.clear()
    _SOURCES[id(db)] = (db, version, names)
    return names


def _run(db: sqlite3.Connection, sql: str, params: list[object]) -> list[tuple[int, float]]:
    try:
        return db.execute(sql, params).fetchall()
    except sqlite3.OperationalError as exc:
        raise QueryError(f"the search index could not run this query ({exc})") from exc


def _kind_word(field_name: str) -> str:
    return {"org": "organisation", "entity": "entity"}.get(field_name, field_name)


def _in_entities(ids: set[int], params: list[object]) -> str:
    if not ids:
        return "0"
    params.extend(sorted(ids))
    marks = ",".join("?" * len(ids))
    return f"{{rowid_in}} IN (SELECT article FROM article_entities WHERE entity IN ({marks}))"


def _entities(db: sqlite3.Connection, f: FieldFilter) -> set[int]:
    """Entities whose names (name and aliases) hold every word of the value, of the field's kind."""
    words = terms(f.value.replace(".", ""))
    words = words or terms(f.value)
    if not words:
        example = EXAMPLES[f.name]
        raise QueryError(f"{f.name}: needs a name with letters, as in {f.name}:{example}")
    sql = " INTERSECT ".join("SELECT entity FROM entity_terms WHERE term = ?" for _ in words)
    params: list[object] = list(words)
    if f.name != "entity":
        sql = f"SELECT rowid FROM entities WHERE kind = ? AND rowid IN ({sql})"
        params.insert(0, f.name)
    found = {r[0] for r in db.execute(sql, params)}
    if not found and "." in f.value:
        return _entities(db, FieldFilter(f.name, f.value.replace(".", " ")))
    return found


def _with_snippets(
    db: sqlite3.Connection, rows: list[tuple], parsed: Query, entity_ids: set[int]
) -> list[SearchResult]:
    if not rows:
        return []
    rowids = [r[0] for r in rows]
    marks = ",".join("?" * len(rowids))
    meta = {
        r[0]: r[1:]
        for r in db.execute(
            f"SELECT rowid, id, title, date, source, text FROM articles WHERE rowid IN ({marks})",
            rowids,
        )
    }
    entity_spans: dict[int, list[tuple[int, int]]] = {}
    if entity_ids:
        emarks = ",".join("?" * len(entity_ids))
        for article, start, end in db.execute(
            f'SELECT article, start, "end" FROM mentions WHERE article IN ({marks})'
            f" AND entity IN ({emarks}) ORDER BY article, start",
            [*rowids, *sorted(entity_ids)],
        ):
            entity_spans.setdefault(article, []).append((start, end))
    query_terms = parsed.text_terms
    from briefreader.library.store import date_from_iso

    out = []
    for rowid, score in rows:
        aid, title, date, source, text = meta[rowid]
        found = find_terms(text, query_terms)
        found += [(s, e, -1) for s, e in entity_spans.get(rowid, ())]  # one term: the entity
        found.sort()
        snippet = make_snippet(text, found)
        title_spans = tuple((s, e) for s, e, _ in find_terms(title, query_terms))
        out.append(
            SearchResult(
                id=aid,
                title=title,
                date=date_from_iso(date),
                source=source,
                score=float(score),
                snippet=snippet,
                title_highlights=title_spans,
                first_match=found[0][0] if found else None,
            )
        )
    return out
