"""The article list: newest first, with source, date and an unread mark, filtered with ``/``.

Built on ``OptionList`` (renders only visible lines), never ``ListView`` (one widget per row,
far too slow for a library of 100,000 articles).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from functools import lru_cache

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content, Span
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from briefreader.collection import ArticleSummary
from briefreader.messages import OpenArticle

UNREAD = "●"
#: Lists longer than this are built in a thread worker, so that the app stays responsive.
BUILD_IN_THREAD_OVER = 2000


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


class ArticleOptions(OptionList):
    """The list itself; ``j``/``k`` move like the arrows."""

    COMPONENT_CLASSES = {"article-list--unread", "article-list--meta"}

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="list_down",
                tooltip="Highlight the next article"),
        Binding("k", "cursor_up", "Up", show=False, id="list_up",
                tooltip="Highlight the previous article"),
    ]


class ArticleList(Vertical):
    """Filter box (hidden until ``/``) over the list of articles."""

    BINDINGS = [
        Binding("escape", "close_filter", "Clear filter", show=False, id="close_filter",
                tooltip="Close the filter box and show every article"),
    ]

    def __init__(self, *, now: Callable[[], dt.datetime], id: str | None = None) -> None:
        super().__init__(id=id)
        self._now = now
        self._summaries: Sequence[ArticleSummary] = ()
        self._shown: list[ArticleSummary] = []
        self.current_id: str | None = None
        self._read: set[str] = set()

    def compose(self) -> ComposeResult:
        yield Input(placeholder="filter titles…", id="filter")
        yield ArticleOptions(id="articles")

    @property
    def options(self) -> ArticleOptions:
        return self.query_one(ArticleOptions)

    @property
    def shown_ids(self) -> list[str]:
        """Ids of the articles the list shows now, top to bottom."""
        return [s.id for s in self._shown]

    def set_summaries(self, summaries: Sequence[ArticleSummary]) -> None:
        self._summaries = summaries
        self._refill(self.query_one(Input).value)

    def _refill(self, query: str) -> None:
        needle = query.strip().casefold()
        if len(self._summaries) > BUILD_IN_THREAD_OVER:
            self._build_in_thread(needle, self._summaries)
        else:
            self._apply(needle, *self._build(needle, self._summaries))

    def _build(
        self, needle: str, summaries: Sequence[ArticleSummary]
    ) -> tuple[list[ArticleSummary], list[Option]]:
        """The rows matching ``needle``, and their options (pure work, safe off the loop)."""
        if needle:
            shown = [s for s in summaries if needle in s.title.casefold()]
        else:
            shown = list(summaries)
        now = self._now()
        return shown, [Option(self._prompt(s, now), id=s.id) for s in shown]

    @work(thread=True, exclusive=True, group="article-list")
    def _build_in_thread(self, needle: str, summaries: Sequence[ArticleSummary]) -> None:
        """A large library's rows are built off the event loop (a second per 100,000)."""
        shown, options = self._build(needle, summaries)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._apply, needle, shown, options)

    def _apply(self, needle: str, shown: list[ArticleSummary], options: list[Option]) -> None:
        self._shown = shown
        self.options.set_options(options)
        self._highlight_current()
        self.border_subtitle = f"{len(shown)} of {len(self._summaries)}" if needle else ""

    def _highlight_current(self) -> None:
        options = self.options
        if self.current_id is None:
            return
        try:
            options.highlighted = options.get_option_index(self.current_id)
        except Exception:  # filtered out
            return

    def show_current(self, article_id: str) -> None:
        """Mark ``article_id`` as the open one: highlighted and no longer unread."""
        self.current_id = article_id
        if article_id not in self._read:
            self._read.add(article_id)
            for i, s in enumerate(self._shown):
                if s.id == article_id:
                    self.options.replace_option_prompt_at_index(i, self._prompt(s, self._now()))
        self._highlight_current()

    def _prompt(self, summary: ArticleSummary, now: dt.datetime) -> Content:
        return summary_prompt(summary, now, read=summary.id in self._read)

    @property
    def read_ids(self) -> frozenset[str]:
        """Articles opened in this session (the list greys their unread mark)."""
        return frozenset(self._read)

    def open_filter(self) -> None:
        box = self.query_one(Input)
        box.add_class("-open")
        box.focus()

    def action_close_filter(self) -> None:
        box = self.query_one(Input)
        box.value = ""
        box.remove_class("-open")
        self.options.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._refill(event.value)

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.options.focus()

    @on(OptionList.OptionSelected, "#articles")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(OpenArticle(event.option.id))
