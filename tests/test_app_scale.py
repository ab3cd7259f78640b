"""The app at library scale: nothing walks a whole list that can hold 100,000 rows.

A guarded collection wraps the seeds: its occurrence lists and entity article lists raise when
walked whole, and its article list counts which rows were read, so a regression to "iterate
everything" fails here instead of costing seconds on a real library.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import overload

from conftest import loaded
from test_app import USHAKOV, cursor_to

from briefreader.collection import ArticleSummary, EntityOccurrence, MemoryCollection
from briefreader.model import Entity
from briefreader.screens.main import MainScreen
from briefreader.widgets.article_list import PAGE_ROWS
from briefreader.widgets.sidebar import MAX_LISTED


class Walked(AssertionError):
    """A whole list was walked."""


class GuardedOccurrences(Sequence[EntityOccurrence]):
    """Occurrences that allow len(), index_of and short slices, and raise on a full walk."""

    def __init__(self, inner: Sequence[EntityOccurrence], log: list[str]) -> None:
        self._inner = inner
        self._log = log

    def __len__(self) -> int:
        return len(self._inner)

    @overload
    def __getitem__(self, index: int) -> EntityOccurrence: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[EntityOccurrence]: ...
    def __getitem__(self, index: int | slice) -> object:
        if isinstance(index, slice):
            rows = range(*index.indices(len(self._inner)))
            if len(rows) > MAX_LISTED + 1:
                raise Walked(f"a slice of {len(rows)} occurrences")
            self._log.append(f"slice {len(rows)}")
        else:
            self._log.append("index")
        return self._inner[index]

    def __iter__(self):  # noqa: ANN204
        raise Walked("occurrences iterated")

    def index_of(self, article_id: str) -> int:
        self._log.append("index_of")
        return self._inner.index_of(article_id)  # type: ignore[attr-defined]


class GuardedArticles(tuple):
    """An entity's article ids that must not be read (the sidebar needs only a count)."""

    def __iter__(self):  # noqa: ANN204
        raise Walked("entity.articles iterated")

    def __len__(self) -> int:
        raise Walked("len(entity.articles): ask article_count")


class CountingSummaries(Sequence[ArticleSummary]):
    """Many summaries (the seeds repeated under new ids) that record the rows read."""

    def __init__(self, inner: Sequence[ArticleSummary], size: int) -> None:
        self._inner = list(inner)
        self._size = size
        self.read: set[int] = set()

    def __len__(self) -> int:
        return self._size

    def __getitem__(self, index):  # noqa: ANN001, ANN204
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._size))]
        if index < 0:
            index += self._size
        if not 0 <= index < self._size:
            raise IndexError(index)
        self.read.add(index)
        base = self._inner[index % len(self._inner)]
        if index < len(self._inner):
            return base
        return ArticleSummary(f"{base.id}#{index}", base.title, base.date, base.source, 1)

    def __iter__(self):  # noqa: ANN204
        raise Walked("summaries iterated")


class GuardedCollection(MemoryCollection):
    def __init__(self, inner: MemoryCollection, size: int = 0) -> None:
        self.__dict__.update(inner.__dict__)
        self.log: list[str] = []
        self.counting = CountingSummaries(inner.summaries(), size) if size else None

    def summaries(self):  # noqa: ANN201
        return self.counting if self.counting is not None else super().summaries()

    def unread_count(self) -> int:
        return len(self.summaries()) - len(self._read)

    def entity(self, entity_id: str) -> Entity:
        e = super().entity(entity_id)
        return Entity(e.id, e.name, e.kind, e.aliases, e.descriptors, GuardedArticles(), e.merges)

    def occurrences(self, entity_id: str) -> GuardedOccurrences:  # type: ignore[override]
        return GuardedOccurrences(super().occurrences(entity_id), self.log)


async def test_sidebar_and_brackets_use_counts_and_index_of(make_app, seeds_collection):
    guarded = GuardedCollection(seeds_collection)
    app = make_app(guarded)
    async with app.run_test(size=(160, 45)) as pilot:
        screen: MainScreen = await loaded(pilot)
        await cursor_to(pilot, screen, USHAKOV)
        await pilot.press("enter")
        await pilot.pause()
        naming = [o.article_id for o in seeds_collection.occurrences(USHAKOV)]
        here = screen.reader.article.id
        assert [o.article_id for o in screen.sidebar.occurrences] == [
            a for a in naming if a != here
        ]
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.reader.article.id == naming[naming.index(here) + 1]
        assert "index_of" in guarded.log
        assert not app._exception


async def test_a_large_list_reads_a_page_at_start_and_more_on_scrolling(
    make_app, seeds_collection
):
    guarded = GuardedCollection(seeds_collection, size=10 * PAGE_ROWS)
    app = make_app(guarded)
    async with app.run_test(size=(160, 45)) as pilot:
        screen: MainScreen = await loaded(pilot)
        rows = guarded.counting.read
        assert max(rows) < PAGE_ROWS, "more than the first page was read at start"
        assert len(screen.article_list.shown_ids) == PAGE_ROWS
        assert f"{10 * PAGE_ROWS} articles" in app.sub_title  # a count, not a walk
        screen.article_list.options.focus()
        await pilot.press("end")
        await pilot.pause()
        shown = len(screen.article_list.shown_ids)
        assert PAGE_ROWS < shown < 10 * PAGE_ROWS
        assert max(rows) < shown
