"""What the reader and the CLI ask of a set of articles, wherever they live.

Two implementations: ``MemoryCollection`` (files and folders given on the command line, the
bundled seeds; everything in memory) and the SQLite library (``briefreader.library``), which
answers the same questions without loading 100,000 articles at start. The UI only talks to this
protocol, so it never parses, extracts or runs SQL itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, overload

from briefreader.model import Analysis, Article, Entity, Mention

if TYPE_CHECKING:
    from briefreader.search import SearchPage


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One row of the article list: enough to show it without loading its text."""

    id: str
    title: str
    date: dt.date | dt.datetime | None
    source: str
    words: int
    unread: bool = True


@dataclass(frozen=True, slots=True)
class EntityOccurrence:
    """An article that mentions an entity, at its first mention there, with the sentence."""

    article_id: str
    title: str
    mention: Mention
    sentence: str
    #: offsets of the mention inside ``sentence``, for highlighting the name
    sentence_start: int
    sentence_end: int


class Occurrences(Protocol):
    """Articles naming an entity, newest first: a sequence that need not be built whole.

    At 100,000 articles an entity can be named in 70,000 of them, so callers use ``len()``,
    slices of the first few and ``index_of`` rather than iterating.
    """

    def __len__(self) -> int: ...

    @overload
    def __getitem__(self, index: int) -> EntityOccurrence: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[EntityOccurrence]: ...

    def index_of(self, article_id: str) -> int:
        """Position of the article in this sequence, or -1."""
        ...


class Collection(Protocol):
    name: str

    def summaries(self) -> Sequence[ArticleSummary]:
        """All articles, newest first (undated last); may be lazy: index it, do not walk it."""
        ...

    def article(self, article_id: str) -> Article: ...

    def mentions(self, article_id: str) -> tuple[Mention, ...]:
        """The article's mentions in text order."""
        ...

    def entity(self, entity_id: str) -> Entity:
        """The entity; its ``articles`` may be lazy (use ``article_count`` for a count)."""
        ...

    def entities(self, query: str = "", limit: int | None = None) -> list[Entity]:
        """Entities whose name or an alias holds every word of ``query``, most named first."""
        ...

    def article_count(self, entity_id: str) -> int:
        """How many articles name the entity."""
        ...

    def occurrences(self, entity_id: str) -> Occurrences:
        """Every article naming the entity (newest first), at its first mention there."""
        ...

    def unread_count(self) -> int: ...

    def mark_read(self, article_id: str) -> None: ...

    def search(self, query: str, limit: int = 20, offset: int = 0) -> SearchPage:
        """Ranked results with snippets; raises ``QueryError`` for a malformed query."""
        ...


def sort_key_newest_first(date: dt.date | dt.datetime | None) -> tuple[int, float]:
    """Sort key putting the newest first and undated articles last."""
    if date is None:
        return (1, 0.0)
    if not isinstance(date, dt.datetime):
        date = dt.datetime.combine(date, dt.time.min)
    seconds = date.toordinal() * 86400 + date.hour * 3600 + date.minute * 60 + date.second
    return (0, -float(seconds))


def sentence_around(text: str, start: int, end: int, limit: int = 240) -> tuple[str, int, int]:
    """The sentence holding text[start:end], and the span's offsets inside it.

    Sentences end at ., ! or ? followed by a space, or at a paragraph break; long ones are cut
    around the span with an ellipsis so that a sidebar line stays readable.
    """
    left = start
    while left > 0:
        c = text[left - 1]
        if c == "\n" or (c == " " and left >= 2 and text[left - 2] in ".!?"):
            break
        left -= 1
    right = end
    n = len(text)
    while right < n:
        c = text[right]
        if c == "\n" or (c in ".!?" and (right + 1 == n or text[right + 1] in " \n")):
            if c != "\n":
                right += 1
            break
        right += 1
    sent = text[left:right].strip()
    lead = len(text[left:right]) - len(text[left:right].lstrip())
    s, e = start - left - lead, end - left - lead
    if len(sent) > limit:
        half = max(0, (limit - (e - s)) // 2)
        cut_l = max(0, s - half)
        cut_r = min(len(sent), e + half)
        prefix = "…" if cut_l > 0 else ""
        suffix = "…" if cut_r < len(sent) else ""
        sent = prefix + sent[cut_l:cut_r] + suffix
        s, e = s - cut_l + len(prefix), e - cut_l + len(prefix)
    return sent, s, e


class MemoryCollection:
    """Articles read from files, with the entity engine's analysis, all held in memory."""

    def __init__(self, name: str, articles: Sequence[Article], analysis: Analysis) -> None:
        self.name = name
        self._articles = {a.id: a for a in articles}
        self._analysis = analysis
        self._read: set[str] = set()
        ordered = sorted(articles, key=lambda a: sort_key_newest_first(a.date))
        self._order = [a.id for a in ordered]
        self._by_entity: dict[str, list[Mention]] = {}
        for aid in self._order:
            seen: set[str] = set()
            for m in analysis.mentions.get(aid, ()):
                if m.entity_id not in seen:
                    seen.add(m.entity_id)
                    self._by_entity.setdefault(m.entity_id, []).append(m)

    @property
    def analysis(self) -> Analysis:
        return self._analysis

    def summaries(self) -> list[ArticleSummary]:
        return [
            ArticleSummary(
                id=a.id,
                title=a.title,
                date=a.date,
                source=a.source,
                words=a.words,
                unread=a.id not in self._read,
            )
            for a in (self._articles[i] for i in self._order)
        ]

    def article(self, article_id: str) -> Article:
        return self._articles[article_id]

    def mentions(self, article_id: str) -> tuple[Mention, ...]:
        return self._analysis.mentions.get(article_id, ())

    def entity(self, entity_id: str) -> Entity:
        return self._analysis.entities[entity_id]

    def entities(self, query: str = "", limit: int | None = None) -> list[Entity]:
        words = query.casefold().split()
        found = [
            e
            for e in self._analysis.entities.values()
            if e.articles and _names_hold(e, words)
        ]
        found.sort(key=lambda e: (-len(e.articles), e.name.casefold()))
        return found if limit is None else found[:limit]

    def article_count(self, entity_id: str) -> int:
        return len(self._by_entity.get(entity_id, ()))

    def occurrences(self, entity_id: str) -> MemoryOccurrences:
        return MemoryOccurrences(self, self._by_entity.get(entity_id, []))

    def unread_count(self) -> int:
        return len(self._articles) - len(self._read & self._articles.keys())

    def mark_read(self, article_id: str) -> None:
        self._read.add(article_id)

    def search(self, query: str, limit: int = 20, offset: int = 0) -> SearchPage:
        """The library's query language over the articles in memory (a scan: fine for files)."""
        from briefreader.memory_search import search_articles

        ordered = [self._articles[i] for i in self._order]
        return search_articles(ordered, self._analysis, query, limit=limit, offset=offset)


def _names_hold(entity: Entity, words: list[str]) -> bool:
    if not words:
        return True
    names = [entity.name.casefold(), *(a.casefold() for a in entity.aliases)]
    return all(any(w in n for n in names) for w in words)


class MemoryOccurrences(Sequence[EntityOccurrence]):
    """An entity's first mentions per article; sentences are cut only for rows looked at."""

    def __init__(self, collection: MemoryCollection, mentions: list[Mention]) -> None:
        self._collection = collection
        self._mentions = mentions
        self._index = {m.article_id: i for i, m in enumerate(mentions)}

    def __len__(self) -> int:
        return len(self._mentions)

    @overload
    def __getitem__(self, index: int) -> EntityOccurrence: ...
    @overload
    def __getitem__(self, index: slice) -> list[EntityOccurrence]: ...
    def __getitem__(self, index: int | slice) -> EntityOccurrence | list[EntityOccurrence]:
        if isinstance(index, slice):
            return [self._occurrence(m) for m in self._mentions[index]]
        return self._occurrence(self._mentions[index])

    def __iter__(self) -> Iterator[EntityOccurrence]:
        return (self._occurrence(m) for m in self._mentions)

    def index_of(self, article_id: str) -> int:
        return self._index.get(article_id, -1)

    def _occurrence(self, m: Mention) -> EntityOccurrence:
        art = self._collection.article(m.article_id)
        sent, s, e = sentence_around(art.text, m.start, m.end)
        return EntityOccurrence(art.id, art.title, m, sent, s, e)
