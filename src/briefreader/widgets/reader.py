"""The reader: one article, every entity mention highlighted by kind, and an entity cursor.

One Line-API widget (``ScrollView`` + ``render_line``), not a widget per paragraph: the
article is a list of blocks (title, meta line, notices, paragraphs), each a ``Content`` built
from the plain text with spans added in code (never parsed as markup), wrapped into lines at
the current width. Only the lines on screen are rendered, so opening an article costs a wrap
(a few ms for a long one) instead of mounting, styling and laying out tens of widgets.

Styles come from component classes (``reader--person``, ``reader--heading``...) resolved to
concrete styles at render time, so highlights keep their backgrounds (Textual 8.2.8 drops the
background of a ".class" span inside a ``Content``) and follow theme changes. Spans cannot take
focus, so the reader owns the cursor: an index into the article's mentions, moved with
``n``/``N``; moving it re-renders only the lines of the paragraphs involved.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Sequence

from rich._wrap import divide_line  # what Content wraps with (private; Textual is pinned)
from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.content import Content, Span
from textual.geometry import Offset, Region, Size, Spacing
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget

from briefreader.model import ENTITY_KINDS, Article, Mention

KIND_CLASSES: dict[str, str] = {kind: f"reader--{kind}" for kind in ENTITY_KINDS}
CURSOR_CLASS = "reader--cursor"
MATCH_CLASS = "reader--match"
#: How each kind of block is drawn (component classes of the reader, see styles/app.tcss)
BLOCK_CLASSES: dict[str, str] = {
    "title": "reader--title",
    "meta": "reader--meta",
    "notice": "reader--notice",
    "heading": "reader--heading",
    "caption": "reader--caption",
}
#: Cells a bullet or a caption is indented by
INDENT = {"bullet": 2, "caption": 2}
BULLET = "• "
#: Lines kept above and below the cursor when the view follows it
CONTEXT_LINES = 3


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


def paragraph_content(
    text: str,
    start: int,
    mentions: Sequence[tuple[int, Mention]],
    prefix: str = "",
    marks: Sequence[tuple[int, int]] = (),
) -> Content:
    """A paragraph's ``Content``: plain text plus one span per mention (kind style and click).

    ``marks`` (article offsets) are search matches, drawn under the names. Offsets in the
    result are shifted by ``len(prefix)``.
    """
    n = len(prefix)
    spans: list[Span] = []
    for ms, me in marks:
        s = max(0, ms - start) + n
        e = min(len(text), me - start) + n
        if s < e:
            spans.append(Span(s, e, f".{MATCH_CLASS}"))
    for index, m in mentions:
        s = max(0, m.start - start) + n
        e = min(len(text), m.end - start) + n
        if e <= s:
            continue
        kind_class = KIND_CLASSES.get(m.kind, KIND_CLASSES["other"])
        spans.append(Span(s, e, f".{kind_class}"))
        # The mention's index as style meta, for clicks (not "@click", whose link style
        # would repaint every name in the link colour).
        spans.append(Span(s, e, Style.from_meta({"mention": index})))
    return Content(prefix + text, spans)


_NOT_SPACE = re.compile(r"[^ ]")


def wrap_offsets(text: str, width: int) -> list[int]:
    """Where ``text`` breaks into lines of ``width`` cells: ``rich``'s ``divide_line``.

    Printable ASCII (most articles) takes a shortcut, a character being a cell and a space the
    only blank: a line ends before the word that would cross the width, found with ``rfind``
    rather than word by word (about 10x faster, same offsets). Anything else, or a word longer
    than a line, goes to ``divide_line`` itself.
    """
    if width < 1 or text[:1] == " " or not (text.isascii() and text.isprintable()):
        return divide_line(text, width, fold=True)
    breaks: list[int] = []
    size = len(text)
    line = 0
    while size - line > width:
        limit = line + width
        if text[limit] == " ":
            # everything up to the limit fits; the next line starts at the next word
            found = _NOT_SPACE.search(text, limit)
            if found is None:
                break
            cut = found.start()
        else:
            # the word across the limit starts the next line
            cut = text.rfind(" ", line, limit) + 1
            if cut <= line:
                return divide_line(text, width, fold=True)  # a word longer than the line
        breaks.append(cut)
        line = cut
    return breaks


class Block:
    """One block of the page: its text with spans, and where it sits in the article.

    (Plain classes here and below, not dataclasses: each dataclass costs about a millisecond
    of start-up.)
    """

    __slots__ = ("kind", "content", "start", "prefix", "first_line", "cuts")

    def __init__(self, kind: str, content: Content, start: int = -1, prefix: int = 0) -> None:
        self.kind = kind
        self.content = content
        #: offset in Article.text of content[prefix] (-1: not article text, e.g. the title)
        self.start = start
        self.prefix = prefix
        #: index of the first wrapped line of this block (set by the wrap)
        self.first_line = 0
        #: offsets in ``content.plain`` where its wrapped lines start (set by the wrap)
        self.cuts: tuple[int, ...] = (0,)


#: One wrapped line of the page: (block index, start, end) in the block's text; block -1 is
#: a blank line between blocks.
Line = tuple[int, int, int]
BLANK: Line = (-1, 0, 0)


class Reader(ScrollView, can_focus=True):
    """The open article with its highlighted mentions and the entity cursor."""

    ALLOW_SELECT = True
    COMPONENT_CLASSES = {
        *KIND_CLASSES.values(), CURSOR_CLASS, MATCH_CLASS, *BLOCK_CLASSES.values()
    }

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

    class EntityActivated(Message):
        """The user chose the entity under the cursor (enter or a click)."""

        def __init__(self, entity_id: str, mention_index: int) -> None:
            super().__init__()
            self.entity_id = entity_id
            self.mention_index = mention_index

    class CursorMoved(Message):
        """The cursor moved; ``entity_id`` is None when it left every mention."""

        def __init__(self, entity_id: str | None) -> None:
            super().__init__()
            self.entity_id = entity_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.mentions: tuple[Mention, ...] = ()
        self.marks: tuple[tuple[int, int], ...] = ()  # search matches shown (article offsets)
        self._blocks: list[Block] = []
        self._block_of: list[int] = []  # mention index -> block index
        self._para_starts: list[int] = []  # article offset of each paragraph block
        self._first_para = 0  # block index of the first paragraph
        self._lines: list[Line] = []
        self._wrap_width = 0
        #: where to scroll once the page is wrapped: ("y", y) | ("offset", o) | ("cursor", 0)
        self._pending_scroll: tuple[str, float] | None = None
        self._strips: dict[int, Strip] = {}
        self._strip_key: object = None
        self._concrete_styles: dict[str, Style] = {}
        self._widths_key: object = None
        self._widths_value = (0, 0)

    # -- showing an article ------------------------------------------------------------------

    def show(
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
        starts = [p.start for p in article.paragraphs]
        marks_by_para: dict[int, list[tuple[int, int]]] = {}
        for span in marks:
            marks_by_para.setdefault(max(0, bisect_right(starts, span[0]) - 1), []).append(span)
        by_para: dict[int, list[tuple[int, Mention]]] = {}
        para_of: list[int] = []
        for i, m in enumerate(mentions):
            p = max(0, bisect_right(starts, m.start) - 1)
            para_of.append(p)
            by_para.setdefault(p, []).append((i, m))
        blocks = [
            Block("title", Content(article.title)),
            Block("meta", Content(article_meta(article))),
        ]
        blocks.extend(Block("notice", Content(notice)) for notice in article.notices)
        first_para = len(blocks)
        for i, para in enumerate(article.paragraphs):
            prefix = BULLET if para.kind == "bullet" else ""
            content = paragraph_content(
                para.text, para.start, by_para.get(i, ()), prefix, marks_by_para.get(i, ())
            )
            blocks.append(Block(para.kind, content, para.start, len(prefix)))
        if not article.paragraphs:
            blocks.append(Block("notice", Content("This article has no text.")))
        self._set_blocks(blocks, first_para, starts)
        self._block_of = [first_para + p for p in para_of]
        self.set_reactive(Reader.cursor, -1)
        if 0 <= cursor < len(mentions):
            self.cursor = cursor
        if scroll_y is not None:
            self._pending_scroll = ("y", scroll_y)
        elif self.cursor >= 0:
            self._pending_scroll = ("cursor", 0)
        elif at is not None:
            self._pending_scroll = ("offset", at)
        else:
            self._pending_scroll = ("y", 0)
        self._apply_pending_scroll()

    def show_notice(self, text: str) -> None:
        """Show a single notice instead of an article (e.g. while loading)."""
        self.article = None
        self.mentions = ()
        self.marks = ()
        self._block_of = []
        self.set_reactive(Reader.cursor, -1)
        self._set_blocks([Block("notice", Content(text))], 1, [])
        self._pending_scroll = ("y", 0)
        self._apply_pending_scroll()

    def _set_blocks(self, blocks: list[Block], first_para: int, starts: list[int]) -> None:
        self._blocks = blocks
        self._first_para = first_para
        self._para_starts = starts
        self._wrap_width = 0
        self._wrap()

    @property
    def notice(self) -> str:
        """The text of the page's notices (loading, no text, ingest remarks), one a line."""
        return "\n".join(b.content.plain for b in self._blocks if b.kind == "notice")

    # -- wrapping and rendering ---------------------------------------------------------------

    def _text_width(self) -> int:
        """Cells for the text when there is no vertical scrollbar."""
        return self._widths()[0]

    def _widths(self) -> tuple[int, int]:
        """(text width without a scrollbar, width of the lines drawn), kept per size.

        Worked out once per size: the regions are looked up through the screen, and
        ``render_line`` wants them for every line.
        """
        key = (self._size, self.show_vertical_scrollbar)
        if key != self._widths_key:
            self._widths_key = key
            self._widths_value = (
                self.content_region.width, self.scrollable_content_region.width
            )
        return self._widths_value

    def _wrap(self) -> None:
        """Wrap the blocks at the current width (with a scrollbar if they overflow)."""
        full = self._text_width()
        if full <= 0:
            self._lines = []
            return
        # Most articles are longer than the view: wrap beside the scrollbar first, and again
        # at the full width only if the page turns out to fit without one.
        height = self.content_region.height
        bar = self.styles.scrollbar_size_vertical
        bar = bar if full > bar else 0
        width = full - bar
        lines = self._wrap_at(width)
        if bar and len(lines) <= height:
            width = full
            lines = self._wrap_at(width)
        self._lines = lines
        self._wrap_width = full
        self._strips.clear()
        self._set_virtual_size(Size(width, len(lines)), bar=width < full)

    def _set_virtual_size(self, size: Size, *, bar: bool) -> None:
        """Set the page's size; without a layout pass when the scrollbar stays as it is.

        Setting ``virtual_size`` asks for a layout, and after a layout the compositor repaints
        the whole screen: a third of the time of a jump between articles. A new article
        changes neither the reader's place nor its size, only the scroll range, so unless the
        scrollbar comes or goes, the range and the scrollbar are updated here and only the
        reader is repainted. (``_scroll_update`` is private; Textual is pinned.)
        """
        if size == self.virtual_size:
            return
        if bar != self.show_vertical_scrollbar or not self._size or not hasattr(
            self, "_scroll_update"
        ):
            self.virtual_size = size
            return
        self.set_reactive(Reader.virtual_size, size)
        self._scroll_update(size)
        self.refresh()

    def _wrap_at(self, width: int) -> list[Line]:
        # The page as blocks separated by blank lines: a blank above the title, the title,
        # the meta line, a blank; then notices, and paragraphs each followed by a blank.
        lines: list[Line] = [BLANK]
        for index, block in enumerate(self._blocks):
            text = block.content.plain
            inner = max(1, width - INDENT.get(block.kind, 0))
            cuts = (0, *wrap_offsets(text, inner)) if text else (0,)
            block.first_line = len(lines)
            block.cuts = cuts
            ends = (*cuts[1:], len(text))
            lines.extend((index, s, e) for s, e in zip(cuts, ends, strict=True))
            if block.kind not in ("title", "notice"):
                lines.append(BLANK)
        return lines

    def on_resize(self, event: events.Resize) -> None:
        if self._blocks and self._wrap_width != self._text_width():
            self._pending_scroll = self._pending_scroll or self._anchor()
            self._wrap()
        self._apply_pending_scroll()

    def _anchor(self) -> tuple[str, float]:
        """What to keep in view across a re-wrap: the cursor, or the top line's text."""
        if self.cursor >= 0:
            return ("cursor", 0)
        top = int(self.scroll_y)
        if 0 <= top < len(self._lines) and self._lines[top][0] >= self._first_para:
            index, start, _ = self._lines[top]
            block = self._blocks[index]
            return ("top", block.start + max(0, start - block.prefix))
        return ("y", self.scroll_y)

    def _apply_pending_scroll(self) -> None:
        if self._pending_scroll is None or not self._lines:
            return
        what, value = self._pending_scroll
        self._pending_scroll = None
        if what == "y":
            self.scroll_to(y=value, animate=False, immediate=True)
        elif what == "cursor":
            self.scroll_to(y=0, animate=False, immediate=True)
            self.scroll_to_cursor()
        elif what == "offset":
            self.scroll_to(y=0, animate=False, immediate=True)
            self.scroll_to_offset(int(value))
        elif what == "top":
            self.scroll_to(y=self.line_of(int(value)), animate=False, immediate=True)
        self.refresh()

    def notify_style_update(self) -> None:
        # Theme, focus or CSS changed: every cached line may have other colours now.
        super().notify_style_update()
        self._strips.clear()
        self._concrete_styles.clear()

    def component_style(self, name: str) -> Style:
        """A component class as a concrete style, background included.

        Not ``get_visual_style(name, partial=True)``: in Textual 8.2.8 that drops an opaque
        background (it blends the component's background in with weight ``1 - alpha``).
        """
        style = self._concrete_styles.get(name)
        if style is None:
            styles = self.get_component_styles(name)
            has_rule = styles.has_rule
            flags = styles.text_style
            style = Style(
                background=styles.background if has_rule("background") else None,
                foreground=styles.color if has_rule("color") else None,
                bold=flags.bold,
                dim=flags.dim,
                italic=flags.italic,
                underline=flags.underline,
                reverse=flags.reverse,
                strike=flags.strike,
            )
            self._concrete_styles[name] = style
        return style

    def _style(self, name: str | Style) -> Style:
        """A span's style: component classes (".reader--person") resolved to concrete ones."""
        if isinstance(name, Style):
            return name
        if name.startswith("."):
            return self.component_style(name[1:])
        return Style.parse(name)

    def render_line(self, y: int) -> Strip:
        full, width = self._widths()
        if self._wrap_width != full:
            self._wrap()
        base = self.visual_style
        key = (base, width, self.text_selection)
        if key != self._strip_key:
            self._strips.clear()
            self._strip_key = key
        index = y + int(self.scroll_y)
        strip = self._strips.get(index)
        if strip is None:
            strip = self._strips[index] = self.rendered_line(index, width)
        return strip

    def rendered_line(self, index: int, width: int | None = None) -> Strip:
        """Line ``index`` of the page (from 0, not scrolled), as drawn at ``width``."""
        if width is None:
            width = self._widths()[1]
        base = self.visual_style
        rich_base = base.rich_style
        if not 0 <= index < len(self._lines):
            return Strip.blank(width, rich_base)
        block_index, start, end = self._lines[index]
        if block_index < 0:
            return Strip.blank(width, rich_base)
        block = self._blocks[block_index]
        style = base
        if block.kind in BLOCK_CLASSES:
            style = base + self.component_style(BLOCK_CLASSES[block.kind])
        content = block.content
        if self.cursor >= 0 and self._block_of and self._block_of[self.cursor] == block_index:
            m = self.mentions[self.cursor]
            s = m.start - block.start + block.prefix
            content = content.stylize(f".{CURSOR_CLASS}", s, s + (m.end - m.start))
        piece = content[start:end]
        if end < len(content):
            piece = piece.rstrip()
        indent = INDENT.get(block.kind, 0)
        selection = self.text_selection
        if selection is not None and (span := selection.get_span(index)) is not None:
            start, end = span
            end = len(piece) + indent if end == -1 else end
            # as Textual's own widgets draw it (a transparent foreground keeps the text's)
            selected = Style.from_styles(self.screen.get_component_styles("screen--selection"))
            piece = piece.stylize(selected, max(0, start - indent), max(0, end - indent))
        segments = [Segment(" " * indent, style.rich_style)] if indent else []
        # Each segment carries its position (for mouse selection) in the one style made for
        # it, as Content does: Strip.apply_offsets would make and add a second style.
        x = indent
        for text, span_style in piece.render(style, end="", parse_style=self._style):
            segments.append(Segment(text, span_style.rich_style_with_offset(x, index)))
            x += len(text)
        strip = Strip(segments, indent + piece.cell_length)
        return strip.extend_cell_length(width, rich_base)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The selected text (mouse selection, copied with ctrl+c)."""
        text = "\n".join(self._line_text(line) for line in self._lines)
        return selection.extract(text), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self._strips.clear()
        self.refresh()

    def _line_text(self, line: Line) -> str:
        index, start, end = line
        if index < 0:
            return ""
        block = self._blocks[index]
        return " " * INDENT.get(block.kind, 0) + block.content.plain[start:end]

    @property
    def page_text(self) -> str:
        """The page as shown at the current width: wrapped lines, blank lines between blocks."""
        return "\n".join(self._line_text(line) for line in self._lines)

    def _refresh_block(self, block_index: int) -> None:
        if not 0 <= block_index < len(self._blocks) or not self._lines:
            return
        block = self._blocks[block_index]
        for i in range(block.first_line, block.first_line + len(block.cuts)):
            self._strips.pop(i, None)
        self.refresh_lines(block.first_line, len(block.cuts))

    # -- positions ----------------------------------------------------------------------------

    def line_of(self, offset: int) -> int:
        """The page line (from 0) that shows article offset ``offset`` at the current width."""
        if not self._para_starts or not self._lines:
            return 0
        p = max(0, min(len(self._para_starts) - 1, bisect_right(self._para_starts, offset) - 1))
        block = self._blocks[self._first_para + p]
        within = offset - block.start + block.prefix
        return block.first_line + max(0, bisect_right(block.cuts, within) - 1)

    def offset_on_screen(self, offset: int) -> Offset | None:
        """Where article offset ``offset`` is drawn, relative to the widget (None: not shown)."""
        if not self._para_starts or not self._lines:
            return None
        line = self.line_of(offset)
        y = line - int(self.scroll_y)
        if not 0 <= y < self.scrollable_content_region.height:
            return None
        p = max(0, bisect_right(self._para_starts, offset) - 1)
        block = self._blocks[self._first_para + p]
        within = offset - block.start + block.prefix
        column = within - self._lines[line][1] + INDENT.get(block.kind, 0)
        gutter = self.styles.gutter
        return Offset(gutter.left + column, gutter.top + y)

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

    def cursor_style(self) -> Style:
        """The cursor's colours from the stylesheet, as a concrete style."""
        return self.component_style(CURSOR_CLASS)

    def match_style(self) -> Style:
        """Search matches' colours from the stylesheet, as a concrete style."""
        return self.component_style(MATCH_CLASS)

    def watch_cursor(self, old: int, new: int) -> None:
        for index in (old, new):
            if 0 <= index < len(self._block_of):
                self._refresh_block(self._block_of[index])
        mention = self.current_mention
        self.post_message(self.CursorMoved(mention.entity_id if mention else None))

    def scroll_to_cursor(self) -> None:
        """Scroll so that the cursor's line is visible, with some context around it."""
        mention = self.current_mention
        if mention is None:
            return
        self.scroll_to_offset(mention.start)

    def scroll_to_offset(self, offset: int) -> None:
        """Scroll so that the line holding article offset ``offset`` shows, with context."""
        if self.article is None or not self._lines:
            if self.article is not None:
                self._pending_scroll = ("offset", offset)
            return
        region = Region(0, self.line_of(offset), 1, 1)
        spacing = Spacing(CONTEXT_LINES, 0, CONTEXT_LINES, 0)
        self.scroll_to_region(region, spacing=spacing, animate=False, immediate=True)

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
        for i, m in enumerate(self.mentions):
            if self.line_of(m.start) >= top:
                return i
        return 0

    def _last_visible_mention(self) -> int:
        bottom = self.scroll_y + self.scrollable_content_region.height
        for i in range(len(self.mentions) - 1, -1, -1):
            if self.line_of(self.mentions[i].start) < bottom:
                return i
        return len(self.mentions) - 1

    def action_activate(self) -> None:
        mention = self.current_mention
        if mention is None:
            self.notify("Move to a name with n / N first", timeout=3)
            return
        self.post_message(self.EntityActivated(mention.entity_id, self.cursor))

    def on_click(self, event: events.Click) -> None:
        index = event.style.meta.get("mention")
        if isinstance(index, int) and 0 <= index < len(self.mentions):
            event.stop()
            self.cursor = index
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


class Legend(Widget):
    """The on-screen key to the highlight colours, drawn with the reader's own styles."""

    def render(self) -> Content:
        # The reader's concrete styles (with their backgrounds), resolved at each render, so
        # that the key matches the page in any theme.
        reader = self.screen.query_one(Reader)
        parts = [
            Content.styled(f" {label} ", reader.component_style(KIND_CLASSES[kind]))
            for kind, label in KIND_LABELS.items()
        ]
        return Content(" ").join(parts)
