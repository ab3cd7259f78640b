"""The reader: one article, every entity mention highlighted by kind, and an entity cursor.

Text is never parsed as markup: each paragraph is a ``Content`` built from the plain text with
spans added in code (a component-class style per entity kind, click meta, the cursor). Spans
cannot take focus, so the reader owns the cursor: an index into the article's mentions, moved
with ``n``/``N``; moving it redraws only the two paragraphs involved.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from textual import events
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Region, Spacing
from textual.message import Message
from textual.reactive import reactive
from textual.style import Style
from textual.widgets import Static

from briefreader.model import ENTITY_KINDS, Article, Mention

KIND_CLASSES: dict[str, str] = {kind: f"reader--{kind}" for kind in ENTITY_KINDS}
CURSOR_CLASS = "reader--cursor"
MATCH_CLASS = "reader--match"
BULLET = "• "


def format_date(date: dt.date | dt.datetime | None) -> str:
    """The reader's full date: "3 Dec 2025, 08:10", or "undated"."""
    if date is None:
        return "undated"
    if isinstance(date, dt.datetime):
        return f"{date.day} {date:%b %Y, %H:%M}"
    return f"{date.day} {date:%b %Y}"


def article_meta(article: Article) -> str:
    """Source, date, word count and reading time on one line."""
    parts = [article.source or "unknown source", format_date(article.date)]
    parts.append(f"{article.words:,} words")
    parts.append(f"{article.reading_minutes} min read")
    return " · ".join(parts)


class ParagraphView(Static):
    """One paragraph: its highlighted text, redrawn with or without the cursor."""

    @dataclass
    class Clicked(Message):
        """A mention in this paragraph was clicked."""

        mention_index: int

    def __init__(self, base: Content, start: int, prefix: int, kind: str) -> None:
        super().__init__(base, classes=f"-{kind}", markup=False)
        self.base = base
        #: offset of this paragraph in Article.text, and the length of any prefix ("• ")
        self.start = start
        self.prefix = prefix

    def show_cursor(self, span: tuple[int, int] | None, style: Style | None = None) -> None:
        """Redraw with the cursor (``style``) on ``span`` (article offsets), or with none."""
        if span is None or style is None:
            self.update(self.base)
            return
        s = span[0] - self.start + self.prefix
        e = span[1] - self.start + self.prefix
        self.update(self.base.stylize(style, s, e))

    def line_of(self, offset: int) -> int:
        """Which wrapped line (from 0) holds article offset ``offset`` at the current width."""
        width = self.content_region.width
        if width <= 0:
            return 0
        try:
            from textual._wrap import divide_line  # private, but exact; Textual is pinned
        except ImportError:  # pragma: no cover - a future Textual
            return (offset - self.start + self.prefix) // max(1, width)
        cuts = divide_line(self.base.plain, width, fold=True)
        return bisect_right(cuts, offset - self.start + self.prefix)

    def on_click(self, event: events.Click) -> None:
        # Mentions carry their index as style meta (not "@click", whose link style would
        # repaint every name in the link colour).
        index = event.style.meta.get("mention")
        if isinstance(index, int):
            event.stop()
            self.post_message(self.Clicked(index))


def paragraph_content(
    text: str,
    start: int,
    mentions: list[tuple[int, Mention]],
    prefix: str = "",
    marks: Sequence[tuple[int, int]] = (),
    mark_style: Style | None = None,
) -> Content:
    """A paragraph's ``Content``: plain text plus one span per mention (kind style and click).

    ``marks`` (article offsets) are search matches, drawn in ``mark_style`` under the names.
    """
    content = Content(prefix + text)
    n = len(prefix)
    if mark_style is not None:
        for ms, me in marks:
            s = max(0, ms - start) + n
            e = min(len(text), me - start) + n
            if s < e:
                content = content.stylize(mark_style, s, e)
    for index, m in mentions:
        s = max(0, m.start - start) + n
        e = min(len(text), m.end - start) + n
        if e <= s:
            continue
        kind_class = KIND_CLASSES.get(m.kind, KIND_CLASSES["other"])
        content = content.stylize(f".{kind_class}", s, e)
        content = content.stylize(Style.from_meta({"mention": index}), s, e)
    return content


def _screenful(paragraphs: list[ParagraphView], cells: int) -> int:
    """How many paragraphs (from the top) hold more text than one screen shows."""
    total = 0
    for i, view in enumerate(paragraphs):
        total += len(view.base.plain) + 80  # a paragraph's margin costs about a line
        if total > cells:
            return i + 1
    return len(paragraphs)


class Reader(VerticalScroll, can_focus=True):
    """The open article with its highlighted mentions and the entity cursor."""

    COMPONENT_CLASSES = {*KIND_CLASSES.values(), CURSOR_CLASS, MATCH_CLASS}

    BINDINGS = [
        Binding("enter", "activate", "Select name", id="select_entity",
                tooltip="Select the entity under the cursor: the sidebar lists where else "
                "it appears"),
        Binding("j", "scroll_down", "Scroll down", show=False, id="reader_down",
                tooltip="Scroll the article down a line"),
        Binding("k", "scroll_up", "Scroll up", show=False, id="reader_up",
                tooltip="Scroll the article up a line"),
    ]

    cursor: reactive[int] = reactive(-1, init=False)
    """Index of the mention under the entity cursor, or -1 when there is none."""

    @dataclass
    class EntityActivated(Message):
        """The user chose the entity under the cursor (enter or a click)."""

        entity_id: str
        mention_index: int

    @dataclass
    class CursorMoved(Message):
        """The cursor moved; ``entity_id`` is None when it left every mention."""

        entity_id: str | None

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.mentions: tuple[Mention, ...] = ()
        self._paragraphs: list[ParagraphView] = []
        self._para_of: list[int] = []  # mention index -> paragraph index
        self.marks: tuple[tuple[int, int], ...] = ()  # search matches shown (article offsets)
        self._generation = 0  # bumped by each show(), so late mounts know they are stale

    # -- showing an article ------------------------------------------------------------------

    async def show(
        self,
        article: Article,
        mentions: tuple[Mention, ...],
        *,
        cursor: int = -1,
        scroll_y: float | None = None,
        marks: Sequence[tuple[int, int]] = (),
        at: int | None = None,
    ) -> None:
        """Replace the content with ``article``; put the cursor on mention ``cursor``.

        With ``scroll_y`` the view returns to that scroll position (history); with ``at`` (an
        offset in the text: a search match) it shows that place; otherwise it starts at the
        top, or scrolls the cursor into view. ``marks`` are search matches to highlight.
        """
        self.article = article
        self.mentions = mentions
        self.marks = tuple(marks)
        mark_style = self.match_style() if marks else None
        starts = [p.start for p in article.paragraphs]
        marks_by_para: dict[int, list[tuple[int, int]]] = {}
        for span in marks:
            marks_by_para.setdefault(max(0, bisect_right(starts, span[0]) - 1), []).append(span)
        by_para: dict[int, list[tuple[int, Mention]]] = {}
        self._para_of = []
        for i, m in enumerate(mentions):
            p = article.paragraph_at(m.start)
            self._para_of.append(p)
            by_para.setdefault(p, []).append((i, m))
        widgets: list[Static] = [
            Static(Content(article.title), classes="title", markup=False),
            Static(Content(article_meta(article)), classes="meta", markup=False),
        ]
        for notice in article.notices:
            widgets.append(Static(Content(notice), classes="notice", markup=False))
        self._paragraphs = []
        for i, para in enumerate(article.paragraphs):
            prefix = BULLET if para.kind == "bullet" else ""
            content = paragraph_content(
                para.text, para.start, by_para.get(i, []), prefix,
                marks_by_para.get(i, ()), mark_style,
            )
            view = ParagraphView(content, para.start, len(prefix), para.kind)
            self._paragraphs.append(view)
        if not article.paragraphs:
            widgets.append(Static("This article has no text.", classes="notice"))
        # Opening at the top: mount what fills the first screen now and the rest just after
        # it is painted (a long article's paragraphs would delay the first frame).
        first = len(self._paragraphs)
        if cursor < 0 and scroll_y is None and at is None:
            first = _screenful(self._paragraphs, self.size.area or self.app.size.area // 2)
        widgets.extend(self._paragraphs[:first])
        self._generation += 1
        async with self.batch():
            await self.remove_children()
            await self.mount_all(widgets)
        if first < len(self._paragraphs):
            self.call_after_refresh(self._mount_rest, self._generation, first)
        self.set_reactive(Reader.cursor, -1)
        self.scroll_to(0, 0, animate=False, immediate=True)
        if 0 <= cursor < len(mentions):
            self.cursor = cursor
        if scroll_y is not None:
            self.call_after_refresh(self.scroll_to, y=scroll_y, animate=False, immediate=True)
        elif self.cursor >= 0:
            self.call_after_refresh(self.scroll_to_cursor)
        elif at is not None:
            self.call_after_refresh(self.scroll_to_offset, at)

    async def _mount_rest(self, generation: int, first: int) -> None:
        if generation == self._generation:  # still the same article
            await self.mount_all(self._paragraphs[first:])

    def index_at(self, start: int) -> int:
        """The mention index starting at article offset ``start`` (or the first after it)."""
        for i, m in enumerate(self.mentions):
            if m.start >= start:
                return i
        return -1

    @property
    def current_mention(self) -> Mention | None:
        return self.mentions[self.cursor] if 0 <= self.cursor < len(self.mentions) else None

    # -- the cursor ---------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, _theme: object) -> None:
        # The cursor's colours are baked into its paragraph: redraw it in the new theme.
        self.call_after_refresh(self.watch_cursor, self.cursor, self.cursor)

    def cursor_style(self) -> Style:
        """The cursor's colours from the stylesheet, as a concrete style.

        A concrete style rather than a ".reader--cursor" span, because Textual 8.2.8 drops the
        background of component-class styles used inside ``Content`` (partial styles), and a
        cursor needs its background to stand out.
        """
        return Style.from_rich_style(self.get_component_rich_style(CURSOR_CLASS, partial=True))

    def watch_cursor(self, old: int, new: int) -> None:
        for index, show in ((old, False), (new, True)):
            if 0 <= index < len(self._para_of):
                view = self._paragraphs[self._para_of[index]]
                m = self.mentions[index]
                if show:
                    view.show_cursor((m.start, m.end), self.cursor_style())
                else:
                    view.show_cursor(None)
        mention = self.current_mention
        self.post_message(self.CursorMoved(mention.entity_id if mention else None))

    def match_style(self) -> Style:
        """Search matches' colours from the stylesheet (concrete, as for the cursor)."""
        return Style.from_rich_style(self.get_component_rich_style(MATCH_CLASS, partial=True))

    def scroll_to_cursor(self) -> None:
        """Scroll so that the cursor's line is visible, with some context around it."""
        mention = self.current_mention
        if mention is None:
            return
        self.scroll_to_offset(mention.start)

    def scroll_to_offset(self, offset: int) -> None:
        """Scroll so that the line holding article offset ``offset`` shows, with context."""
        if self.article is None or not self._paragraphs:
            return
        starts = [p.start for p in self.article.paragraphs]
        index = max(0, min(len(self._paragraphs) - 1, bisect_right(starts, offset) - 1))
        view = self._paragraphs[index]
        line = view.line_of(offset)
        top = view.virtual_region.y + view.styles.gutter.top + line
        region = Region(0, top, 1, 1)
        self.scroll_to_region(region, spacing=Spacing(3, 0, 3, 0), animate=False, immediate=True)

    def move_cursor(self, delta: int) -> None:
        if not self.mentions:
            self.app.bell()
            return
        if self.cursor < 0:
            target = self._first_visible_mention() if delta > 0 else self._last_visible_mention()
        else:
            target = self.cursor + delta
        if not 0 <= target < len(self.mentions):
            self.app.bell()
            return
        self.cursor = target
        self.scroll_to_cursor()

    def _first_visible_mention(self) -> int:
        top = self.scroll_y
        for i, p in enumerate(self._para_of):
            if self._paragraphs[p].virtual_region.bottom > top:
                return i
        return 0

    def _last_visible_mention(self) -> int:
        bottom = self.scroll_y + self.scrollable_content_region.height
        for i in range(len(self._para_of) - 1, -1, -1):
            if self._paragraphs[self._para_of[i]].virtual_region.y < bottom:
                return i
        return len(self.mentions) - 1

    def action_activate(self) -> None:
        mention = self.current_mention
        if mention is None:
            self.notify("Move to a name with n / N first", timeout=3)
            return
        self.post_message(self.EntityActivated(mention.entity_id, self.cursor))

    def on_paragraph_view_clicked(self, message: ParagraphView.Clicked) -> None:
        message.stop()
        if 0 <= message.mention_index < len(self.mentions):
            self.cursor = message.mention_index
            self.action_activate()

    def state(self) -> tuple[str | None, float, int]:
        """What history needs to come back here: article id, scroll position, cursor."""
        return (self.article.id if self.article else None, self.scroll_y, self.cursor)


#: The legend's order and labels
KIND_LABELS: dict[str, str] = {
    "person": "person",
    "org": "organisation",
    "place": "place",
    "group": "group",
    "event": "event",
    "other": "other",
}


class Legend(Static):
    """The on-screen key to the highlight colours, drawn with the reader's own styles."""

    COMPONENT_CLASSES = set(KIND_CLASSES.values())

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)

    def on_mount(self) -> None:
        parts = []
        for kind, label in KIND_LABELS.items():
            parts.append(Content(f" {label} ").stylize(f".{KIND_CLASSES[kind]}"))
        self.update(Content(" ").join(parts))
