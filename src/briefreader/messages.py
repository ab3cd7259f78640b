"""Requests that cross panes: widgets post them, the main screen routes them.

"Attributes down, messages up": a pane never reaches into another pane; it posts one of these
small verb-named messages and the screen decides what changes where. Plain classes rather than
dataclasses: each dataclass costs about a millisecond at start-up.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.message import Message

from briefreader.collection import Collection


class OpenArticle(Message):
    """Show an article; with ``mention_start``, put the entity cursor on the mention there.

    ``record`` is False for moves that must not enter the history (back/forward themselves).
    A search result opens at ``match_at`` (an offset in ``Article.text``) with ``marks(text)``
    (the query's matches) highlighted.
    """

    def __init__(
        self,
        article_id: str,
        mention_start: int | None = None,
        record: bool = True,
        match_at: int | None = None,
        marks: Callable[[str], list[tuple[int, int]]] | None = None,
    ) -> None:
        super().__init__()
        self.article_id = article_id
        self.mention_start = mention_start
        self.record = record
        self.match_at = match_at
        self.marks = marks


class SelectEntity(Message):
    """Make an entity the sidebar's selection (expanding the other articles naming it)."""

    def __init__(self, entity_id: str) -> None:
        super().__init__()
        self.entity_id = entity_id


class CollectionLoaded(Message):
    """A loading worker's result.

    ``final`` is False for the first, quick answer (articles without entity analysis) so that
    the list and the newest article can show while extraction runs.
    """

    def __init__(
        self, collection: Collection, problems: Sequence[str] = (), final: bool = True
    ) -> None:
        super().__init__()
        self.collection = collection
        self.problems = problems
        self.final = final
