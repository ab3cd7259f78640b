"""Requests that cross panes: widgets post them, the main screen routes them.

"Attributes down, messages up": a pane never reaches into another pane; it posts one of these
small verb-named messages and the screen decides what changes where.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from textual.message import Message

from briefreader.collection import Collection


@dataclass
class OpenArticle(Message):
    """Show an article; with ``mention_start``, put the entity cursor on the mention there.

    ``record`` is False for moves that must not enter the history (back/forward themselves).
    A search result opens at ``match_at`` (an offset in ``Article.text``) with ``marks(text)``
    (the query's matches) highlighted.
    """

    article_id: str
    mention_start: int | None = None
    record: bool = True
    match_at: int | None = None
    marks: Callable[[str], list[tuple[int, int]]] | None = None


@dataclass
class SelectEntity(Message):
    """Make an entity the sidebar's selection (expanding the other articles naming it)."""

    entity_id: str


@dataclass
class CollectionLoaded(Message):
    """A loading worker's result.

    ``final`` is False for the first, quick answer (articles without entity analysis) so that
    the list and the newest article can show while extraction runs.
    """

    collection: Collection
    problems: Sequence[str] = ()
    final: bool = True
