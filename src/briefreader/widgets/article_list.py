"""The article list: newest first, with source, date and an unread mark; ``/`` searches.

Built on ``OptionList`` (renders only visible lines), never ``ListView`` (one widget per row,
far too slow for a library of 100,000 articles). Rows are added a page at a time as the list
is scrolled, so opening a 100,000-article library reads one page, not the library.

Search-as-you-type: the query runs ``SEARCH_DELAY`` after the last key, in a thread worker
(``exclusive``: a newer query cancels an older one, and a stale answer is dropped); results
replace the rows, each with a snippet whose matched words are spans built in code (article
text is never parsed as markup). ``enter`` opens a result at its first match; ``escape``
returns to every article.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content, Span
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from briefreader.collection import ArticleSummary
from briefreader.messages import OpenArticle

if TYPE_CHECKING:
    from briefreader.search import SearchPage, SearchResult, Snippet

UNREAD = "●"
#: Rows added to the list at a time (at start, and whenever the view nears the last one).
PAGE_ROWS = 200
#: Seconds of quiet after a key before the query runs (typing "ukraine" runs one search).
SEARCH_DELAY = 0.15
#: Results shown for a query.
SEARCH_LIMIT = 50
#: Characters of snippet shown under a result (about three lines of the list).
SNIPPET_SHOWN = 110
SEARCH_HINT = 'words, "a phrase", -word, a OR b, pre*, person:Putin, source:, after:2024'

Searcher = Callable[[str, int], "SearchPage"]


def relative_date(date: dt.date | dt.datetime | None, now: dt.datetime) -> str:
    """"5 min ago", "3h ago", "yesterday", "4d ago" when recent; "3 Dec 2025" when older."""
    if date is None:
        return "undated"
    if isinstance(date, dt.datetime):
        moment = date if date.tzinfo is None else date.astimezone().replace(tzinfo=None)
        seconds = (now - moment).total_seconds()
        if 0 <= seconds < 3600:
            return f"{max(1, int(seconds // 60))} min ago"
        if 0 <= seconds < 86400:
            return f"{int(seconds // 3600)}h ago"
        day = moment.date()
    else:
        day = date
    days = (now.date() - day).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if 1 < days < 7:
        return f"{days}d ago"
    return f"{day.day} {day:%b %Y}"


@lru_cache(maxsize=4096)
def _date_label(date: dt.date | dt.datetime | None, now: dt.datetime) -> str:
    return relative_date(date, now)


def summary_prompt(summary: ArticleSummary, now: dt.datetime, *, read: bool = False) -> Content:
    """Two lines: unread mark and title; source and date, dimmed.

    Built as one ``Content`` with explicit spans (no joins): a library lists 100,000 of these.
    """
    mark = UNREAD if summary.unread and not read else " "
    meta = f"  {summary.source or 'unknown source'} · {_date_label(summary.date, now)}"
    text = f"{mark} {summary.title}\n{meta}"
    meta_start = len(text) - len(meta)
    return Content(
        text,
        [Span(0, 1, ".article-list--unread"), Span(meta_start, len(text), ".article-list--meta")],
    )


def _marked(text: str, spans: Sequence[tuple[int, int]], style: str) -> Content:
    """``text`` as plain Content with ``spans`` styled (offsets clipped to the text)."""
    content = Content(text)
    for s, e in spans:
        s, e = max(0, s), min(len(text), e)
        if s < e:
            content = content.stylize(style, s, e)
    return content


def snippet_content(snippet: Snippet, width: int = SNIPPET_SHOWN) -> Content:
    """The part of a snippet around its first highlight, with the matches marked."""
    text, spans = snippet.text, snippet.highlights
    lead, tail = snippet.leading_ellipsis, snippet.trailing_ellipsis
    if len(text) > width:
        anchor = spans[0][0] if spans else 0
        start = max(0, min(anchor - width // 4, len(text) - width))
        if start > 0:
            space = text.find(" ", start, start + 15)
            start = space + 1 if space >= 0 else start
        end = min(len(text), start + width)
        if end < len(text):
            space = text.rfind(" ", end - 15, end)
            end = space if space > start else end
        lead, tail = lead or start > 0, tail or end < len(text)
        spans = tuple((s - start, e - start) for s, e in spans if s >= start and e <= end)
        text = text[start:end]
    prefix = "…" if lead else ""
    body = _marked(text, [(s, e) for s, e in spans], ".article-list--match")
    return Content(prefix) + body + Content("…" if tail else "")


def result_prompt(result: SearchResult, now: dt.datetime) -> Content:
    """A search hit: the title (matches marked), source and date, then the snippet."""
    title = _marked(result.title, result.title_highlights, ".article-list--match")
    meta = Content(
        f"\n  {result.source or 'unknown source'} · {_date_label(result.date, now)}\n"
    ).stylize(".article-list--meta")
    snippet = snippet_content(result.snippet).stylize_before(".article-list--snippet")
    return Content("  ") + title + meta + snippet


class ArticleOptions(OptionList):
    """The list itself; ``j``/``k`` move like the arrows; asks for more rows near its end."""

    COMPONENT_CLASSES = {
        "article-list--unread",
        "article-list--meta",
        "article-list--match",
        "article-list--snippet",
    }

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="list_down",
                tooltip="Highlight the next article"),
        Binding("k", "cursor_up", "Up", show=False, id="list_up",
                tooltip="Highlight the previous article"),
    ]

    class NearEnd(Message):
        """The view or the highlight came close to the last row: time for the next page."""

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if new_value >= self.max_scroll_y - self.scrollable_content_region.height:
            self.post_message(self.NearEnd())

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        if highlighted is not None and highlighted >= self.option_count - 20:
            self.post_message(self.NearEnd())


class ArticleList(Vertical):
    """Search box and status line (hidden until ``/``) over the list of articles."""

    BINDINGS = [
        Binding("escape", "close_search", "All articles", show=False, id="close_search",
                tooltip="Close the search and list every article again"),
    ]

    def __init__(self, *, now: Callable[[], dt.datetime], id: str | None = None) -> None:
        super().__init__(id=id)
        self._now = now
        self._summaries: Sequence[ArticleSummary] = ()
        #: rows the list holds now (list mode: the pages loaded so far), top to bottom
        self._shown: list[str] = []
        self._row_of: dict[str, int] = {}
        self.current_id: str | None = None
        self._read: set[str] = set()
        self._searcher: Searcher | None = None
        self._debounce: Timer | None = None
        #: the results on show (None: the list shows every article)
        self.results: list[SearchResult] | None = None
        self.search_page: SearchPage | None = None
        self._open_when_found = False

    def compose(self) -> ComposeResult:
        # The search box comes with the first "/" (search_box): it is hidden until then, and
        # an Input costs the first frame a few milliseconds of styling.
        yield Static("", id="search-status", markup=False)
        yield ArticleOptions(id="articles")

    @property
    def options(self) -> ArticleOptions:
        return self.query_one(ArticleOptions)

    @property
    def search_box(self) -> Input:
        """The search box, mounted on first use."""
        found = self.query("#search")
        if found:
            return found.first(Input)
        box = Input(placeholder="search…", id="search")
        self.mount(box, before=0)
        return box

    @property
    def status(self) -> Static:
        return self.query_one("#search-status", Static)

    @property
    def shown_ids(self) -> list[str]:
        """Ids of the articles the list shows now, top to bottom."""
        return list(self._shown)

    @property
    def searching(self) -> bool:
        return self.results is not None

    # -- every article, a page at a time -----------------------------------------------------

    def set_summaries(
        self, summaries: Sequence[ArticleSummary], searcher: Searcher | None = None
    ) -> None:
        """List ``summaries`` (possibly lazy: only the first page is read now)."""
        self._summaries = summaries
        self._searcher = searcher
        if self.searching:
            query = self.search_box.value.strip()
            if query:
                self._run_search(query)  # the same query on the new collection
            return
        self._show_all()

    def _show_all(self) -> None:
        self.results = None
        self.search_page = None
        self._shown = []
        self._row_of = {}
        self.options.clear_options()
        self._add_page()
        self._highlight_current()

    def _add_page(self) -> None:
        start = len(self._shown)
        if self.searching or start >= len(self._summaries):
            return
        page = self._summaries[start : start + PAGE_ROWS]
        now = self._now()
        for i, s in enumerate(page, start):
            self._row_of[s.id] = i
        self._shown.extend(s.id for s in page)
        self.options.add_options([Option(self._prompt(s, now), id=s.id) for s in page])

    @on(ArticleOptions.NearEnd)
    def _near_end(self, event: ArticleOptions.NearEnd) -> None:
        event.stop()
        self._add_page()

    def _highlight_current(self) -> None:
        row = self._row_of.get(self.current_id) if self.current_id is not None else None
        if row is not None:
            self.options.highlighted = row

    def show_current(self, article_id: str) -> None:
        """Mark ``article_id`` as the open one: highlighted and no longer unread."""
        self.current_id = article_id
        if article_id not in self._read:
            self._read.add(article_id)
            row = self._row_of.get(article_id)
            if row is not None and not self.searching:
                summary = self._summaries[row]
                self.options.replace_option_prompt_at_index(row, self._prompt(summary, self._now()))
        self._highlight_current()

    def _prompt(self, summary: ArticleSummary, now: dt.datetime) -> Content:
        return summary_prompt(summary, now, read=summary.id in self._read)

    @property
    def read_ids(self) -> frozenset[str]:
        """Articles opened in this session (the list greys their unread mark)."""
        return frozenset(self._read)

    # -- search ------------------------------------------------------------------------------

    def open_search(self) -> None:
        self.add_class("-search")
        if not self.search_box.value:
            self._set_status(SEARCH_HINT if self._searcher else "search is not available here")
        self.search_box.focus()

    def action_close_search(self) -> None:
        if self._debounce is not None:
            self._debounce.stop()
            self._debounce = None
        self.workers.cancel_group(self, "search")
        self.remove_class("-search")
        self.search_box.value = ""
        if self.searching:
            self._show_all()
        self.options.focus()

    def _set_status(self, text: str, *, error: bool = False) -> None:
        self.status.update(Content(text))
        self.status.set_class(error, "-error")

    @on(Input.Changed, "#search")
    def _query_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._debounce is not None:
            self._debounce.stop()
            self._debounce = None
        query = event.value.strip()
        if not query:
            self.workers.cancel_group(self, "search")
            self._set_status(SEARCH_HINT)
            if self.searching:
                self._show_all()
            return
        self._debounce = self.set_timer(SEARCH_DELAY, lambda: self._run_search(query))

    @on(Input.Submitted, "#search")
    def _query_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        query = event.value.strip()
        if self._debounce is not None or (self.search_page is None and query):
            # Typed faster than the delay: search now and open the first result when it comes.
            if self._debounce is not None:
                self._debounce.stop()
                self._debounce = None
            self._open_when_found = True
            self._run_search(query)
            return
        self.options.focus()
        if self.results:
            self._open_result(self.options.highlighted or 0)

    def _run_search(self, query: str) -> None:
        self._debounce = None
        if self._searcher is None:
            self._set_status("search is not available here", error=True)
            return
        self._search(query, self._searcher)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, query: str, searcher: Searcher) -> None:
        """Run one query off the event loop; a newer one cancels it (its answer is dropped)."""
        from briefreader.library.query import QueryError

        worker = get_current_worker()
        try:
            page = searcher(query, SEARCH_LIMIT)
        except QueryError as exc:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._search_failed, query, str(exc))
            return
        except Exception as exc:  # a broken index must not end the app with a traceback
            if not worker.is_cancelled:
                self.app.call_from_thread(self._search_failed, query, f"search failed: {exc}")
            return
        if worker.is_cancelled:
            return
        now = self._now()
        options = [Option(result_prompt(r, now), id=r.id) for r in page.results]
        self.app.call_from_thread(self._show_results, query, page, options)

    def _stale(self, query: str) -> bool:
        return query != self.search_box.value.strip() or not self.has_class("-search")

    def _search_failed(self, query: str, message: str) -> None:
        if self._stale(query):
            return
        self._open_when_found = False
        self._set_status(message, error=True)

    def _show_results(self, query: str, page: SearchPage, options: list[Option]) -> None:
        if self._stale(query):
            return
        self.results = list(page.results)
        self.search_page = page
        self._shown = [r.id for r in page.results]
        self._row_of = {r.id: i for i, r in enumerate(page.results)}
        self.options.set_options(options)
        if options:
            self.options.highlighted = 0
        count = len(page.results)
        if count == 0:
            status = "no articles match"
        else:
            status = f"{count}{'+' if page.has_more else ''} result{'s' if count != 1 else ''}"
            status += " · enter opens · esc: all articles"
        for note in page.notes:
            status += f"\n{note}"
        self._set_status(status)
        if self._open_when_found:
            self._open_when_found = False
            if self.results:
                self.options.focus()
                self._open_result(0)

    def _open_result(self, index: int) -> None:
        if not self.results or not 0 <= index < len(self.results) or self.search_page is None:
            return
        result = self.results[index]
        self.post_message(
            OpenArticle(result.id, match_at=result.first_match, marks=self.search_page.query.spans)
        )

    @on(OptionList.OptionSelected, "#articles")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.searching:
            self._open_result(event.option_index)
        elif event.option.id is not None:
            self.post_message(OpenArticle(event.option.id))
