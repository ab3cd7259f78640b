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

Ranking is bm25 (title weighted above text) times a gentle recency boost; snippets are cut in
Python from the page's articles only, and carry highlight offsets rather than markup, because
article text is untrusted and must never be parsed as markup.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from briefreader.library.resolve import fold, terms
from briefreader.library.schema import DAY_SHIFT

if TYPE_CHECKING:
    from briefreader.library.store import Library

ENTITY_FIELDS = {"person", "org", "place", "group", "event", "entity"}
DATE_FIELDS = {"before", "after", "on"}
FIELDS = ENTITY_FIELDS | DATE_FIELDS | {"source"}

#: Title matches weigh this much more than body matches in bm25.
TITLE_WEIGHT = 4.0
#: A fresh article scores up to (1 + RECENCY_BOOST) times an old one; half of that after a year.
RECENCY_BOOST = 0.5
RECENCY_DAYS = 365.0
SNIPPET_CHARS = 180
#: Ranking looks at the newest this-many matches of a query (all of them for any query that is
#: not very common); it bounds the cost of a word found in half of a large library.
RANK_CANDIDATES = 10_000


class QueryError(ValueError):
    """A query that cannot be understood; ``str()`` is a message for the user."""


TermKind = Literal["word", "phrase", "prefix"]


@dataclass(frozen=True, slots=True)
class Term:
    """A text condition: a word, a phrase (several words in order), or a word prefix."""

    kind: TermKind
    words: tuple[str, ...]

    def fts(self) -> str:
        quoted = '"' + " ".join(self.words).replace('"', '""') + '"'
        return quoted + "*" if self.kind == "prefix" else quoted


@dataclass(frozen=True, slots=True)
class FieldFilter:
    name: str
    value: str


Alternative = Term | FieldFilter


@dataclass
class Query:
    """A parsed query: groups of alternatives that must all hold, and exclusions."""

    groups: list[list[Alternative]] = field(default_factory=list)
    excluded: list[Alternative] = field(default_factory=list)
    first_day: int | None = None  # inclusive bounds, as date ordinals
    last_day: int | None = None

    @property
    def text_terms(self) -> list[Term]:
        """The terms to highlight: every positive text term."""
        return [a for g in self.groups for a in g if isinstance(a, Term)]

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the query's words, phrases and prefixes occur in ``text`` (for highlighting)."""
        return [(s, e) for s, e, _ in _matches(text, self.text_terms)]


# -- parsing -----------------------------------------------------------------------------------

_FIELD = re.compile(r"([A-Za-z]+):")
_INDEX_WORD = re.compile(r"[^\W_]+")


def index_words(text: str) -> list[str]:
    """Words as the index's tokenizer (unicode61) cuts them: "Putin's" is "putin" "s"."""
    return _INDEX_WORD.findall(fold(text))


def parse_query(query: str) -> Query:
    """Parse the query language; raises ``QueryError`` with a message for the user."""
    units = _units(query)
    if not units:
        raise QueryError("empty search: type some words, or a field such as person:Putin")
    parsed = Query()
    i = 0
    while i < len(units):
        negated, alt = units[i]
        if alt == "OR":
            raise QueryError("OR needs a word on each side, as in: Kyiv OR Kiev")
        group = [alt]
        while i + 1 < len(units) and units[i + 1][1] == "OR":
            if i + 2 >= len(units) or units[i + 2][1] == "OR":
                raise QueryError("OR needs a word on each side, as in: Kyiv OR Kiev")
            neg2, alt2 = units[i + 2]
            if negated or neg2:
                raise QueryError("an -exclusion cannot be part of OR; put it on its own")
            group.append(alt2)
            i += 2
        i += 1
        _check_group(group)
        if negated:
            assert not isinstance(alt, str)
            if isinstance(alt, FieldFilter) and alt.name in DATE_FIELDS:
                raise QueryError(f"-{alt.name}: is not supported; use before: or after: instead")
            parsed.excluded.append(alt)
        elif isinstance(alt, FieldFilter) and alt.name in DATE_FIELDS:
            _apply_date(parsed, alt)
        else:
            parsed.groups.append(group)  # type: ignore[arg-type]
    if not parsed.groups and parsed.first_day is None and parsed.last_day is None:
        raise QueryError("a search needs something to find, not only -exclusions")
    return parsed


def _check_group(group: list[object]) -> None:
    if len(group) == 1:
        return
    kinds = {
        "text" if isinstance(a, Term) else "entity" if a.name in ENTITY_FIELDS else a.name
        for a in group
        if not isinstance(a, str)
    }
    if kinds not in ({"text"}, {"entity"}, {"source"}):
        raise QueryError(
            "OR works between words (a OR b), between entities (person:a OR person:b)"
            " or between sources, not across them"
        )


def _units(query: str) -> list[tuple[bool, Alternative | str]]:
    """Split a query into (negated, term-or-field-or-"OR") units."""
    out: list[tuple[bool, Alternative | str]] = []
    i, n = 0, len(query)
    while i < n:
        c = query[i]
        if c.isspace():
            i += 1
            continue
        if c in "()":
            raise QueryError("parentheses are not supported; write alternatives as a OR b")
        negated = False
        if c == "-" and i + 1 < n and not query[i + 1].isspace():
            negated = True
            i += 1
        if query[i] == '"':
            text, i = _quoted(query, i)
            words = tuple(index_words(text))
            if not words:
                raise QueryError('empty phrase: put words between the quotes, as in "peace talks"')
            prefix = i < n and query[i] == "*"
            if prefix:
                i += 1
            kind: TermKind = "prefix" if prefix else ("phrase" if len(words) > 1 else "word")
            out.append((negated, Term(kind, words)))
            continue
        m = _FIELD.match(query, i)
        if m and m.group(1).lower() in FIELDS:
            name = m.group(1).lower()
            i = m.end()
            if i < n and query[i] == '"':
                value, i = _quoted(query, i)
            else:
                j = i
                while j < n and not query[j].isspace():
                    j += 1
                value, i = query[i:j], j
            if not value.strip():
                raise QueryError(f"{name}: needs a value, as in {name}:{_EXAMPLES[name]}")
            out.append((negated, FieldFilter(name, value.strip())))
            continue
        if m and m.end() < n and not query[m.end()].isspace():
            known = ", ".join(sorted(f + ":" for f in FIELDS))
            raise QueryError(f"unknown field {m.group(1)}: (known fields: {known})")
        j = i
        while j < n and not query[j].isspace() and query[j] != '"':
            j += 1
        word, i = query[i:j], j
        if word == "OR" and not negated:
            out.append((False, "OR"))
            continue
        prefix = word.endswith("*")
        core = word.rstrip("*")
        if "*" in core:
            raise QueryError(f"* goes at the end of a word, as in ukrain*: {word!r}")
        words = tuple(index_words(core))
        if not words:
            if prefix:
                raise QueryError("* needs a few letters before it, as in ukrain*")
            continue  # punctuation alone: nothing to look for
        if prefix:
            out.append((negated, Term("prefix", words)))
        else:
            out.append((negated, Term("phrase" if len(words) > 1 else "word", words)))
    return out


_EXAMPLES = {
    "person": "Putin",
    "org": "NATO",
    "place": "Kyiv",
    "group": "Democrats",
    "event": "Olympics",
    "entity": "Putin",
    "source": "Reuters",
    "before": "2024-03-01",
    "after": "2024-03-01",
    "on": "2024-03-01",
}


def _quoted(query: str, i: int) -> tuple[str, int]:
    end = query.find('"', i + 1)
    if end < 0:
        raise QueryError('unclosed quote: add a closing " after the phrase')
    return query[i + 1 : end], end + 1


def date_range(value: str) -> tuple[dt.date, dt.date]:
    """The days a date value covers: a year, a month, or one day (through dateutil)."""
    v = value.strip()
    if re.fullmatch(r"\d{4}", v):
        year = int(v)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})", v):
        year, month = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12:
            first = dt.date(year, month, 1)
            nxt = dt.date(year + month // 12, month % 12 + 1, 1)
            return first, nxt - dt.timedelta(days=1)
    from dateutil import parser as dateparser

    try:
        day = dateparser.parse(v, default=dt.datetime(2000, 1, 1)).date()
    except (ValueError, OverflowError) as exc:
        raise QueryError(f"cannot read {value!r} as a date (try 2024-03-01)") from exc
    return day, day


def _apply_date(parsed: Query, f: FieldFilter) -> None:
    first, last = date_range(f.value)
    lo, hi = parsed.first_day, parsed.last_day
    if f.name == "before":
        hi = first.toordinal() - 1 if hi is None else min(hi, first.toordinal() - 1)
    elif f.name == "after":
        lo = last.toordinal() + 1 if lo is None else max(lo, last.toordinal() + 1)
    else:
        lo = first.toordinal() if lo is None else max(lo, first.toordinal())
        hi = last.toordinal() if hi is None else min(hi, last.toordinal())
    parsed.first_day, parsed.last_day = lo, hi


# -- results -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Snippet:
    """A piece of the article's text around the best match.

    ``highlights`` are (start, end) offsets into ``text``; ``offset`` is where ``text`` starts in
    the article's body, so ``offset + start`` locates a highlight in ``Article.text``.
    """

    text: str
    highlights: tuple[tuple[int, int], ...]
    offset: int
    leading_ellipsis: bool = False
    trailing_ellipsis: bool = False


@dataclass(frozen=True, slots=True)
class SearchResult:
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
        raise QueryError(f"{f.name}: needs a name with letters, as in {f.name}:{_EXAMPLES[f.name]}")
    sql = " INTERSECT ".join("SELECT entity FROM entity_terms WHERE term = ?" for _ in words)
    params: list[object] = list(words)
    if f.name != "entity":
        sql = f"SELECT rowid FROM entities WHERE kind = ? AND rowid IN ({sql})"
        params.insert(0, f.name)
    found = {r[0] for r in db.execute(sql, params)}
    if not found and "." in f.value:
        return _entities(db, FieldFilter(f.name, f.value.replace(".", " ")))
    return found


# -- snippets ----------------------------------------------------------------------------------


def _fold_table() -> dict[int, str]:
    """Same-length folding (case and accents) for Latin, Greek and Cyrillic letters.

    One character in, one character out, so offsets in the folded text are offsets in the text.
    """
    table: dict[int, str] = {}
    for code in range(0x41, 0x530):
        c = chr(code)
        f = fold(c)
        if len(f) == 1 and f != c:
            table[code] = f
    return table


_FOLD = _fold_table()
_ACCENTED = re.compile("[" + "".join(sorted({chr(c) for c in _FOLD if c > 0x7F})) + "]")


def _term_pattern(term: Term) -> re.Pattern[str]:
    # The index splits words at anything not a letter or digit: "U.S." is the phrase "u s".
    # One pattern per term, starting with a literal: re scans for a literal prefix quickly,
    # while an alternation or a leading look-behind costs 30 times more.
    body = r"[\W_]+".join(re.escape(w) for w in term.words)
    tail = r"\w*" if term.kind == "prefix" else r"(?![^\W_])"
    return re.compile(body + tail)


_PATTERNS: dict[Term, re.Pattern[str]] = {}


def _pattern(term: Term) -> re.Pattern[str]:
    pattern = _PATTERNS.get(term)
    if pattern is None:
        if len(_PATTERNS) > 256:
            _PATTERNS.clear()
        pattern = _PATTERNS[term] = _term_pattern(term)
    return pattern


def _matches(text: str, query_terms: list[Term]) -> list[tuple[int, int, int]]:
    """(start, end, term index) of every occurrence of the terms in ``text``, in text order."""
    if not query_terms:
        return []
    folded = text.lower()
    if len(folded) != len(text) or (not text.isascii() and _ACCENTED.search(text)):
        folded = text.translate(_FOLD)
    out = []
    for k, term in enumerate(query_terms):
        for m in _pattern(term).finditer(folded):
            s = m.start()
            if s == 0 or not (folded[s - 1].isalnum()):
                out.append((s, m.end(), k))
    if len(query_terms) > 1:
        out.sort()
    return out


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
        found = _matches(text, query_terms)
        found += [(s, e, -1 - i) for i, (s, e) in enumerate(entity_spans.get(rowid, ()))]
        found.sort()
        snippet = make_snippet(text, found)
        title_spans = tuple((s, e) for s, e, _ in _matches(title, query_terms))
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


def make_snippet(
    text: str, found: list[tuple[int, int, int]], width: int = SNIPPET_CHARS
) -> Snippet:
    """Cut about ``width`` characters around the densest cluster of distinct matched terms."""
    if not found:
        end = _word_end(text, min(len(text), width))
        return Snippet(_one_line(text[:end]), (), 0, False, end < len(text))
    best, best_score = 0, -1
    for i, (s, _, _) in enumerate(found):
        distinct = {k for (s2, e2, k) in found[i:] if e2 - s <= width}
        if len(distinct) > best_score:
            best, best_score = i, len(distinct)
    anchor = found[best][0]
    start = max(0, anchor - width // 4)
    start = _word_start(text, start)
    end = _word_end(text, min(len(text), start + width))
    cut = text[start:end]
    lead = len(cut) - len(cut.lstrip())
    cut = cut.strip()
    start += lead
    highlights = tuple(
        (s - start, e - start) for s, e, _ in found if s >= start and e <= start + len(cut)
    )
    more = start + len(cut) < len(text)
    return Snippet(_one_line(cut), _dedupe(highlights), start, start > 0, more)


def _dedupe(spans: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return tuple(out)


def _one_line(text: str) -> str:
    """Paragraph breaks become spaces, one for one, so highlight offsets stay valid."""
    return text.replace("\n", " ").replace("\t", " ")


def _word_start(text: str, i: int) -> int:
    if i <= 0:
        return 0
    j = text.rfind(" ", max(0, i - 20), i)
    k = text.rfind("\n", max(0, i - 20), i)
    j = max(j, k)
    return j + 1 if j >= 0 else i


def _word_end(text: str, i: int) -> int:
    if i >= len(text):
        return len(text)
    j = text.find(" ", i, i + 20)
    return j if j >= 0 else i
