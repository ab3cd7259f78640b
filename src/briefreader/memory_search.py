"""The library's query language over articles held in memory (files opened on the command line).

Same parser, same snippets and the same result types as ``briefreader.search``, so the app's
search-as-you-type works alike on a folder of files and on the library. It is a scan of every
article, which suits the few hundred articles one opens as files; the library has the index.
Ranking: title matches weigh four times body matches, ties go to the newest.
"""

from __future__ import annotations

from collections.abc import Sequence

from briefreader.library.query import (
    ENTITY_FIELDS,
    Alternative,
    FieldFilter,
    QueryError,
    Term,
    parse_query,
)
from briefreader.library.resolve import terms
from briefreader.library.snippets import find_terms, make_snippet
from briefreader.model import Analysis, Article, Entity
from briefreader.search import SearchPage, SearchResult

TITLE_WEIGHT = 4.0


def _entity_matches(entity: Entity, f: FieldFilter) -> bool:
    if f.name != "entity" and entity.kind != f.name:
        return False
    words = terms(f.value.replace(".", "")) or terms(f.value)
    if not words:
        raise QueryError(f"{f.name}: needs a name with letters, as in {f.name}:Putin")
    names = [set(terms(n.replace(".", ""))) | set(terms(n)) for n in (entity.name, *entity.aliases)]
    return any(all(w in n for w in words) for n in names)


class _Matcher:
    """Answers "does this alternative hold in this article" with what was found, for snippets."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self._entities: dict[FieldFilter, set[str]] = {}

    def entity_ids(self, f: FieldFilter) -> set[str]:
        ids = self._entities.get(f)
        if ids is None:
            ids = {e.id for e in self.analysis.entities.values() if _entity_matches(e, f)}
            self._entities[f] = ids
        return ids

    def holds(self, alt: Alternative, article: Article, found: list[tuple[int, int, int]]) -> bool:
        if isinstance(alt, Term):
            hits = find_terms(article.title, [alt]) or find_terms(article.text, [alt])
            return bool(hits)
        if alt.name == "source":
            return alt.value.casefold() in article.source.casefold()
        ids = self.entity_ids(alt)
        spans = [
            (m.start, m.end, -1)
            for m in self.analysis.mentions.get(article.id, ())
            if m.entity_id in ids
        ]
        found.extend(spans)
        return bool(spans)


def search_articles(
    articles: Sequence[Article],
    analysis: Analysis,
    query: str,
    *,
    limit: int = 20,
    offset: int = 0,
) -> SearchPage:
    """Articles (given newest first) matching ``query``; raises ``QueryError`` like the library."""
    parsed = parse_query(query)
    if limit < 1:
        raise QueryError("the limit must be at least 1")
    matcher = _Matcher(analysis)
    notes = [
        f"no {f.name} called {f.value!r} here"
        for g in parsed.groups
        for f in g
        if isinstance(f, FieldFilter) and f.name in ENTITY_FIELDS and not matcher.entity_ids(f)
    ]
    query_terms = parsed.text_terms
    scored: list[tuple[float, int, Article, list[tuple[int, int, int]]]] = []
    for position, art in enumerate(articles):
        if parsed.first_day is not None or parsed.last_day is not None:
            if art.date is None:
                continue
            day = art.date.toordinal()
            if parsed.first_day is not None and day < parsed.first_day:
                continue
            if parsed.last_day is not None and day > parsed.last_day:
                continue
        entity_spans: list[tuple[int, int, int]] = []
        if not all(any(matcher.holds(a, art, entity_spans) for a in g) for g in parsed.groups):
            continue
        if any(matcher.holds(a, art, []) for a in parsed.excluded):
            continue
        found = find_terms(art.text, query_terms) + entity_spans
        found.sort()
        title_hits = len(find_terms(art.title, query_terms))
        score = TITLE_WEIGHT * title_hits + len(found)
        scored.append((score, position, art, found))
    scored.sort(key=lambda r: (-r[0], r[1]))
    page = scored[offset : offset + limit]
    results = [
        SearchResult(
            id=art.id,
            title=art.title,
            date=art.date,
            source=art.source,
            score=score,
            snippet=make_snippet(art.text, found),
            title_highlights=tuple((s, e) for s, e, _ in find_terms(art.title, query_terms)),
            first_match=found[0][0] if found else None,
        )
        for score, _, art, found in page
    ]
    return SearchPage(results, len(scored) > offset + limit, parsed, tuple(notes))
