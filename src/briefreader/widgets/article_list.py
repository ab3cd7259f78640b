"""The article list: newest first, with source, date and an unread mark, filtered with ``/``.

Built on ``OptionList`` (renders only visible lines), never ``ListView`` (one widget per row,
far too slow for a library of 100,000 articles).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from briefreader.collection import ArticleSummary
from briefreader.messages import OpenArticle

UNREAD = "●"


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


def summary_prompt(summary: ArticleSummary, now: dt.datetime, *, read: bool = False) -> Content:
    """Two lines: unread mark and title; source and date, dimmed."""
    mark = UNREAD if summary.unread and not read else " "
    title = Content(f"{mark} ").stylize(".article-list--unread") + Content(summary.title)
    meta = f"  {summary.source or 'unknown source'} · {relative_date(summary.date, now)}"
    return Content("\n").join([title, Content(meta).stylize(".article-list--meta")])


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
        if needle:
            self._shown = [s for s in self._summaries if needle in s.title.casefold()]
        else:
            self._shown = list(self._summaries)
        now = self._now()
        self.options.set_options(Option(self._prompt(s, now), id=s.id) for s in self._shown)
        self._highlight_current()
        self.border_subtitle = (
            f"{len(self._shown)} of {len(self._summaries)}" if needle else ""
        )

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
    def unread_count(self) -> int:
        return sum(1 for s in self._summaries if s.unread and s.id not in self._read)

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
