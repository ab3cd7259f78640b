"""The data every layer shares: articles as read, and the entities found in them.

Plain frozen dataclasses with no Textual import, so the core (ingest, entities, library, CLI)
can be used and tested without the UI. Offsets are character offsets into ``Article.text``
(end exclusive); ingest, the entity engine and search snippets all rely on them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

ParagraphKind = Literal["heading", "paragraph", "bullet", "caption"]
EntityKind = Literal["person", "org", "place", "group", "event", "other"]

ENTITY_KINDS: tuple[str, ...] = ("person", "org", "place", "group", "event", "other")
#: Listing order of kinds (people first), shared by every entity listing.
KIND_ORDER: dict[str, int] = {kind: i for i, kind in enumerate(ENTITY_KINDS)}

#: Average adult silent reading speed, words per minute, for "N min read".
READING_WPM = 230


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One block of an article: ``Article.text[start:end] == text``."""

    kind: ParagraphKind
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Article:
    """An article as ingested: clean text, paragraphs with offsets, and what we know about it.

    ``text`` is the body: the paragraphs' texts joined by a blank line ("\\n\\n"). The title is
    kept apart (it is not part of ``text``). ``date`` is a ``date`` when only the day is known,
    a ``datetime`` when the text gives a time, or None when the article states no date (never
    guessed). ``notices`` are the ingest's remarks about this file (encoding fallback, cut at the
    size cap) for the user to see.
    """

    id: str
    title: str
    text: str
    paragraphs: tuple[Paragraph, ...]
    date: dt.date | dt.datetime | None = None
    source: str = ""
    path: str | None = None
    dateline: str | None = None
    title_derived: bool = False
    notices: tuple[str, ...] = ()

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def reading_minutes(self) -> int:
        return max(1, round(self.words / READING_WPM))

    @property
    def date_iso(self) -> str | None:
        """ISO 8601: a date alone where no time is known."""
        if self.date is None:
            return None
        if isinstance(self.date, dt.datetime):
            return self.date.isoformat(timespec="minutes")
        return self.date.isoformat()

    def paragraph_at(self, offset: int) -> int:
        """Index of the paragraph holding character ``offset`` (the last one if past the end)."""
        for i, p in enumerate(self.paragraphs):
            if offset < p.end:
                return i
        return max(0, len(self.paragraphs) - 1)


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of an entity in an article's text."""

    article_id: str
    start: int
    end: int
    kind: EntityKind
    text: str
    entity_id: str


@dataclass(frozen=True, slots=True)
class Merge:
    """Why a surface form was joined to an entity ("surname of", "acronym of", ...)."""

    alias: str
    reason: str


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world person, organisation, place, group or event, across all loaded articles."""

    id: str
    name: str
    kind: EntityKind
    aliases: tuple[str, ...] = ()
    descriptors: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    merges: tuple[Merge, ...] = ()


@dataclass(frozen=True)
class Analysis:
    """The entity engine's answer for a collection of articles.

    ``mentions`` maps an article id to its mentions in text order; ``entities`` maps an entity id
    to the entity. Every mention's ``entity_id`` is a key of ``entities``.
    """

    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: dict[str, tuple[Mention, ...]] = field(default_factory=dict)

    def mentions_of(self, entity_id: str) -> list[Mention]:
        return [
            m
            for ms in self.mentions.values()
            for m in ms
            if m.entity_id == entity_id
        ]
