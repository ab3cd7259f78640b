"""The main screen: article list, reader and sidebar, and the routing between them.

Panes post small messages (``OpenArticle``, ``SelectEntity``, ``Reader.EntityActivated``); this
screen decides what changes where, and keeps the browser-like history of every jump.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header

from briefreader.collection import Collection, Occurrences
from briefreader.messages import CollectionLoaded, OpenArticle, SelectEntity
from briefreader.model import Entity, Mention
from briefreader.widgets.article_list import ArticleList
from briefreader.widgets.reader import Legend, Reader
from briefreader.widgets.sidebar import XrefSidebar

if TYPE_CHECKING:
    from briefreader.app import BriefReaderApp


#: Below this many columns the sidebar folds into a toggle (s).
NARROW_BELOW = 110
#: Seconds between the first frame with articles and the start of the entity analysis.
ANALYSIS_DELAY = 0.05


class Place(NamedTuple):
    """Where the reader was: enough to come back to the exact spot."""

    article_id: str
    scroll_y: float
    cursor: int
    selected: str | None


class MainScreen(Screen[None]):
    """Three panes: articles, reader, cross-references."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW_BELOW, "-wide")]
    AUTO_FOCUS = "Reader"

    BINDINGS = [
        Binding("n", "next_mention", "Next name", id="next_mention",
                tooltip="Move the entity cursor to the next mention (scrolls it into view)"),
        Binding("N", "previous_mention", "Prev name", id="previous_mention",
                tooltip="Move the entity cursor to the previous mention"),
        Binding("right_square_bracket", "next_article", "Next art.", id="next_article",
                tooltip="Open the next article naming the entity under the cursor, at that name"),
        Binding("left_square_bracket", "previous_article", "Prev art.", id="previous_article",
                tooltip="Open the previous article naming the entity under the cursor"),
        Binding("backspace,alt+left", "back", "Back", id="back",
                tooltip="Go back to where you were before the last jump"),
        Binding("alt+right", "forward", "Forward", show=False, id="forward",
                tooltip="Go forward again after going back"),
        Binding("slash", "search", "Search", id="search",
                tooltip="Search every article as you type (words, \"phrases\", person:NAME, "
                "source:, after:DATE…); enter opens a result at the match, esc lists all"),
        Binding("s", "toggle_sidebar", "Sidebar", show=False, id="toggle_sidebar",
                tooltip="Show or hide the cross-reference sidebar (narrow terminals)"),
        Binding("tab", "app.focus_next", "Next pane", show=False, id="focus_next",
                tooltip="Move the focus to the next pane"),
        Binding("shift+tab", "app.focus_previous", "Previous pane", show=False,
                id="focus_previous", tooltip="Move the focus to the previous pane"),
    ]

    app: BriefReaderApp

    def __init__(self) -> None:
        super().__init__()
        self.collection: Collection | None = None
        self.selected_entity: str | None = None
        self.back_stack: list[Place] = []
        self.forward_stack: list[Place] = []
        self.final = False
        #: occurrence lists of the entities jumped along lately: each keeps the pages it read,
        #: so the next ] costs an index lookup, not a fresh page of sentences
        self._occurrences: dict[str, Occurrences] = {}
        #: (entity, article, position) of the last ] or [ step
        self._last_step: tuple[str, str, int] = ("", "", -1)
        #: True once laid out and taking the loader's results directly
        self.ready = False
        self._resumed = False

    def compose(self) -> ComposeResult:
        # The width breakpoint before the panes exist: set on the mounted screen it would
        # restyle every widget (20 ms of the first frame), and at the first resize the panes
        # would be measured at the wrong widths.
        self.set_class(self.app.size.width < NARROW_BELOW, "-narrow")
        self.set_class(self.app.size.width >= NARROW_BELOW, "-wide")
        yield Header()
        with Horizontal(id="panes"):
            yield ArticleList(id="list", now=self.app.now)
            with Vertical(id="reader-pane"):
                yield Reader(id="reader")
                yield Legend(id="legend")
            yield XrefSidebar(id="sidebar")
        yield Footer()

    @property
    def reader(self) -> Reader:
        return self.query_one(Reader)

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def sidebar(self) -> XrefSidebar:
        return self.query_one(XrefSidebar)

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Runs before Screen's own handler. The first resume comes right after the screen was
        # composed, every widget styled as it mounted: restyling the whole tree again (as
        # Textual does for a screen coming back) would only delay the first frame.
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False

    # -- loading ------------------------------------------------------------------------------

    async def on_mount(self) -> None:
        # Results that came in before the screen: handled now, so the first frame shows them.
        self.ready = True
        pending, self.app.pending = list(self.app.pending), []
        for message in pending:
            await self.on_collection_loaded(message)
        if self.collection is None:
            self.app.sub_title = "loading…"
            self.reader.show_notice("Loading articles…")
            # The animated indicator only if loading is slow: its frames would compete with
            # the first real frame for the interpreter.
            self.set_timer(0.4, self._show_loading)

    def _show_loading(self) -> None:
        if self.collection is None:
            self.reader.loading = True
            self.article_list.loading = True

    def load_failed(self, error: BaseException | None) -> None:
        """The loader raised: stop the loading state and say what went wrong."""
        self.reader.loading = False
        self.article_list.loading = False
        self.app.sub_title = "could not load"
        self.notify(f"Loading failed: {error}", severity="error", timeout=20)

    async def on_collection_loaded(self, message: CollectionLoaded) -> None:
        first = self.collection is None
        if not first:
            # The analysed collection replaces the quick one: it must know what was read.
            for article_id in self.article_list.read_ids:
                message.collection.mark_read(article_id)
        self.collection = message.collection
        self._occurrences.clear()
        self._last_step = ("", "", -1)
        self.final = message.final
        for problem in message.problems:
            self.notify(str(problem), title="Skipped", severity="warning", timeout=10)
        summaries = message.collection.summaries()
        self.article_list.set_summaries(summaries, getattr(message.collection, "search", None))
        self.article_list.loading = False
        self.reader.loading = False
        if first:
            self.reader.focus()
            if summaries:
                await self.open_article(summaries[0].id, record=False)
            else:
                self.notify("No articles to show", severity="warning")
            self.call_after_refresh(self._first_content_shown)
        elif self.reader.article is not None:
            # The analysis arrived: redraw the open article in place, now highlighted.
            _, scroll_y, _ = self.reader.state()
            await self._show(self.reader.article.id, cursor=-1, scroll_y=scroll_y)
        self.update_title()

    def _first_content_shown(self) -> None:
        self.app.resume_gc()
        # The analysis (CPU-heavy, in the loader's thread) starts a moment later: started at
        # once it would compete for the interpreter with the thread writing this first frame
        # to the terminal.
        self.set_timer(ANALYSIS_DELAY, self.app.first_content_shown.set)

    def update_title(self) -> None:
        if self.collection is None:
            return
        # Counts from the collection: walking a library's 100,000 rows took 2.2 s.
        total = len(self.collection.summaries())
        unread = self.collection.unread_count()
        parts = [self.collection.name, f"{total} articles", f"{unread} unread"]
        if not self.final:
            parts.append("finding names…")
        self.app.sub_title = " · ".join(parts)

    # -- opening and history ------------------------------------------------------------------

    def here(self) -> Place | None:
        article_id, scroll_y, cursor = self.reader.state()
        if article_id is None:
            return None
        return Place(article_id, scroll_y, cursor, self.selected_entity)

    async def open_article(
        self,
        article_id: str,
        mention_start: int | None = None,
        *,
        record: bool = True,
        match_at: int | None = None,
        marks: Callable[[str], list[tuple[int, int]]] | None = None,
    ) -> None:
        """Show an article (at a mention, with the cursor on it), recording the jump.

        A search result opens at ``match_at`` with ``marks(text)`` highlighted instead.
        """
        if self.collection is None:
            return
        if record and (place := self.here()) is not None:
            self.back_stack.append(place)
            self.forward_stack.clear()
        cursor = -1
        if mention_start is not None:
            mentions = self.collection.mentions(article_id)
            at = [i for i, m in enumerate(mentions) if m.start == mention_start]
            # Names may nest ("Boston" at the start of "Boston Red Sox"): the cursor goes to
            # the one of the entity being followed.
            cursor = next(
                (i for i in at if mentions[i].entity_id == self.selected_entity),
                at[0] if at else -1,
            )
        await self._show(article_id, cursor=cursor, match_at=match_at, marks=marks)

    async def _show(
        self,
        article_id: str,
        *,
        cursor: int,
        scroll_y: float | None = None,
        match_at: int | None = None,
        marks: Callable[[str], list[tuple[int, int]]] | None = None,
    ) -> None:
        assert self.collection is not None
        article = self.collection.article(article_id)
        mentions = self.collection.mentions(article_id)
        spans = marks(article.text) if marks is not None else ()
        self.reader.show(
            article, mentions, cursor=cursor, scroll_y=scroll_y, marks=spans, at=match_at
        )
        # The reader paints first; the sidebar, the list and the read mark follow just after
        # (the sidebar's rows are measured as they are set: tens of ms at library scale).
        self.call_after_refresh(self._after_show, self.collection, article_id, mentions)

    def _after_show(
        self, collection: Collection, article_id: str, mentions: tuple[Mention, ...]
    ) -> None:
        if collection is not self.collection or self.reader.article is None:
            return
        if self.reader.article.id != article_id:
            return  # another article was opened since: it brings its own sidebar
        self.sidebar.show_article(
            collection, article_id, mentions, self.selected_entity, self.occurrences
        )
        collection.mark_read(article_id)
        self.article_list.show_current(article_id)
        self.update_title()

    async def _restore(self, place: Place) -> None:
        self.selected_entity = place.selected
        await self._show(place.article_id, cursor=place.cursor, scroll_y=place.scroll_y)

    async def action_back(self) -> None:
        if not self.back_stack:
            self.app.bell()
            self.notify("Nothing to go back to", timeout=2)
            return
        if (place := self.here()) is not None:
            self.forward_stack.append(place)
        await self._restore(self.back_stack.pop())

    async def action_forward(self) -> None:
        if not self.forward_stack:
            self.app.bell()
            return
        if (place := self.here()) is not None:
            self.back_stack.append(place)
        await self._restore(self.forward_stack.pop())

    @on(OpenArticle)
    async def _open_requested(self, message: OpenArticle) -> None:
        message.stop()
        await self.open_article(
            message.article_id,
            message.mention_start,
            record=message.record,
            match_at=message.match_at,
            marks=message.marks,
        )
        if message.mention_start is not None:
            # A jump to a name lands in the reader, on the name.
            self.remove_class("-sidebar")
            self.reader.focus()

    # -- entities -----------------------------------------------------------------------------

    def select_entity(self, entity_id: str) -> None:
        self.selected_entity = entity_id
        self.sidebar.select(entity_id)
        if self.has_class("-narrow"):
            self.add_class("-sidebar")

    @on(SelectEntity)
    def _select_requested(self, message: SelectEntity) -> None:
        message.stop()
        self.select_entity(message.entity_id)

    @on(Reader.EntityActivated)
    def _entity_activated(self, message: Reader.EntityActivated) -> None:
        self.select_entity(message.entity_id)

    def occurrences(self, entity_id: str) -> Occurrences:
        """The collection's articles naming ``entity_id``, kept for the last few entities."""
        assert self.collection is not None
        found = self._occurrences.pop(entity_id, None)
        if found is None:
            found = self.collection.occurrences(entity_id)
        self._occurrences[entity_id] = found
        while len(self._occurrences) > 8:
            del self._occurrences[next(iter(self._occurrences))]
        return found

    def _entity_in_focus(self) -> str | None:
        mention = self.reader.current_mention
        return mention.entity_id if mention is not None else self.selected_entity

    async def _step_article(self, step: int) -> None:
        entity_id = self._entity_in_focus()
        if entity_id is None or self.collection is None or self.reader.article is None:
            self.notify("Put the cursor on a name first (n / N)", timeout=3)
            return
        occurrences = self.occurrences(entity_id)
        # index_of and one indexed row: the list itself can be 70,000 articles long. Stepping
        # on along the same entity, the position is known from the last step.
        here = self.reader.article.id
        if self._last_step[:2] == (entity_id, here):
            index = self._last_step[2]
        else:
            index = occurrences.index_of(here)
        target = index + step
        name = self.collection.entity(entity_id).name
        if not 0 <= target < len(occurrences) or target == index:
            word = "next" if step > 0 else "previous"
            self.notify(f"No {word} article names {name}", timeout=3)
            self.app.bell()
            return
        self.selected_entity = entity_id
        occ = occurrences[target]
        self._last_step = (entity_id, occ.article_id, target)
        await self.open_article(occ.article_id, occ.mention.start)

    async def action_next_article(self) -> None:
        await self._step_article(+1)

    async def action_previous_article(self) -> None:
        await self._step_article(-1)

    def action_next_mention(self) -> None:
        self.reader.move_cursor(+1)

    def action_previous_mention(self) -> None:
        self.reader.move_cursor(-1)

    # -- palette targets ----------------------------------------------------------------------

    async def jump_to_entity(self, entity_id: str) -> None:
        """Open the newest article naming the entity, at its first mention there."""
        if self.collection is None:
            return
        occurrences = self.collection.occurrences(entity_id)
        if not occurrences:
            return
        self.selected_entity = entity_id
        occ = occurrences[0]
        await self.open_article(occ.article_id, occ.mention.start)
        self.reader.focus()

    async def jump_to_article(self, article_id: str) -> None:
        await self.open_article(article_id)
        self.reader.focus()

    def entities(self, query: str = "", limit: int | None = None) -> list[Entity]:
        """Entities the palette offers for ``query``, most named first."""
        if self.collection is None:
            return []
        return self.collection.entities(query, limit)

    # -- other keys ---------------------------------------------------------------------------

    def action_search(self) -> None:
        self.remove_class("-sidebar")
        self.article_list.open_search()

    def action_toggle_sidebar(self) -> None:
        self.toggle_class("-sidebar")
        if self.has_class("-sidebar") and self.has_class("-narrow"):
            self.sidebar.options.focus()
        elif self.sidebar.has_focus_within:
            self.reader.focus()
