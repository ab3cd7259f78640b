"""The cross-reference sidebar: who and what the open article names, and where else.

Entities are grouped by kind, each with its mentions here, how many other articles name it and
its descriptor. The selected entity expands in place to the other articles naming it, each
with the sentence around the mention and the name highlighted; ``enter`` on one opens it there.
One ``OptionList`` holds it all, so ``j``/``k``/arrows and ``enter`` work as everywhere else.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import NamedTuple

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from briefreader.collection import Collection, EntityOccurrence, Occurrences
from briefreader.messages import OpenArticle, SelectEntity
from briefreader.model import ENTITY_KINDS, Entity, Mention
from briefreader.widgets.reader import KIND_CLASSES

#: Other articles listed under the selected entity; ] and [ still reach every one. Each row is
#: a title and a wrapped sentence, which the list measures when set: 100 took 45 ms a jump.
MAX_LISTED = 30

KIND_HEADINGS = {
    "person": "People",
    "org": "Organisations",
    "place": "Places",
    "group": "Groups",
    "event": "Events",
    "other": "Other",
}


class EntityRow(NamedTuple):
    """What the sidebar knows of one entity of the open article."""

    entity: Entity
    here: int
    elsewhere: int


def entity_rows(
    collection: Collection, article_id: str, mentions: tuple[Mention, ...]
) -> dict[str, list[EntityRow]]:
    """The open article's entities by kind, most mentioned first."""
    counts = Counter(m.entity_id for m in mentions)
    groups: dict[str, list[EntityRow]] = {}
    for entity_id, here in counts.items():
        entity = collection.entity(entity_id)
        # A count from the collection: never the entity's article list (70,000 ids for some).
        others = max(0, collection.article_count(entity_id) - 1)
        groups.setdefault(entity.kind, []).append(EntityRow(entity, here, others))
    for rows in groups.values():
        rows.sort(key=lambda r: (-r.here, -r.elsewhere, r.entity.name.casefold()))
    return {kind: groups[kind] for kind in ENTITY_KINDS if kind in groups}


def entity_prompt(row: EntityRow) -> Content:
    kind_class = KIND_CLASSES.get(row.entity.kind, KIND_CLASSES["other"])
    name = Content(row.entity.name).stylize(f".{kind_class}")
    counts = f" ×{row.here}"
    if row.elsewhere:
        counts += f" · {row.elsewhere} other" + ("s" if row.elsewhere > 1 else "")
    lines = [name + Content(counts).stylize(".xref--dim")]
    if row.entity.descriptors:
        lines.append(Content(f"  {row.entity.descriptors[0]}").stylize(".xref--dim"))
    return Content("\n").join(lines)


def occurrence_prompt(occ: EntityOccurrence, kind: str) -> Content:
    """An other article naming the entity: its title, then the sentence with the name lit."""
    kind_class = KIND_CLASSES.get(kind, KIND_CLASSES["other"])
    title = Content(f"  ↳ {occ.title}").stylize(".xref--title")
    sentence = Content(occ.sentence).stylize(
        f".{kind_class}", occ.sentence_start, occ.sentence_end
    )
    return Content("\n").join([title, Content("    ") + sentence])


class XrefList(OptionList):
    """The sidebar's list of entities and, under the selected one, its other articles."""

    COMPONENT_CLASSES = {*KIND_CLASSES.values(), "xref--dim", "xref--title", "xref--kind"}

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="xref_down",
                tooltip="Highlight the next entity or article in the sidebar"),
        Binding("k", "cursor_up", "Up", show=False, id="xref_up",
                tooltip="Highlight the previous entity or article in the sidebar"),
    ]


class XrefSidebar(Vertical):
    """Entities of the open article; the selected one expanded to where else it appears."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.collection: Collection | None = None
        self.article_id: str | None = None
        self.selected: str | None = None
        self.occurrences: list[EntityOccurrence] = []
        self._more = 0
        self._groups: dict[str, list[EntityRow]] = {}
        self._occurrences_of: Callable[[str], Occurrences] | None = None
        self._heading = Static("", id="xref-heading", markup=False)
        self._list = XrefList(id="xref")
        self._populated = False

    def compose(self) -> ComposeResult:
        # Empty at first: the pane (its width and border) is laid out with the first frame,
        # its content only when there is something to list (show_article), so that the first
        # frame does not wait for a list that has nothing to show yet.
        return []

    def _populate(self) -> None:
        if not self._populated and self.is_attached:
            self._populated = True
            self.mount_all([self._heading, self._list])

    @property
    def options(self) -> XrefList:
        self._populate()
        return self._list

    def show_article(
        self,
        collection: Collection,
        article_id: str,
        mentions: tuple[Mention, ...],
        selected: str | None = None,
        occurrences_of: Callable[[str], Occurrences] | None = None,
    ) -> None:
        """List ``article_id``'s entities; keep ``selected`` expanded if the article names it.

        ``occurrences_of`` looks up an entity's articles (the screen keeps recent ones).
        """
        self.collection = collection
        self._occurrences_of = occurrences_of or collection.occurrences
        self.article_id = article_id
        self._groups = entity_rows(collection, article_id, mentions)
        named = {row.entity.id for rows in self._groups.values() for row in rows}
        total = sum(len(rows) for rows in self._groups.values())
        self._populate()
        self._heading.update(
            Content(f"{total} names in this article" if total else "No names found here")
        )
        self.select(selected if selected in named else None, focus_occurrence=False)

    def select(self, entity_id: str | None, *, focus_occurrence: bool = True) -> None:
        """Expand ``entity_id`` (None collapses); highlight its first other article."""
        self.selected = entity_id
        self.occurrences = []
        self._more = 0
        if entity_id is not None and self.collection is not None:
            # The first MAX_LISTED + 1 rows and a count: never a walk over all of them.
            found = (self._occurrences_of or self.collection.occurrences)(entity_id)
            named_here = any(r.entity.id == entity_id for rs in self._groups.values() for r in rs)
            here = 1 if named_here else 0
            first = found[: MAX_LISTED + 1]
            self.occurrences = [o for o in first if o.article_id != self.article_id]
            self.occurrences = self.occurrences[:MAX_LISTED]
            self._more = len(found) - here - len(self.occurrences)
        options: list[Option | None] = []
        highlight: int | None = None
        for kind, rows in self._groups.items():
            heading = Content(f"{KIND_HEADINGS.get(kind, kind)} ({len(rows)})")
            options.append(Option(heading.stylize(".xref--kind"), disabled=True))
            for row in rows:
                options.append(Option(entity_prompt(row), id=f"e:{row.entity.id}"))
                if row.entity.id != entity_id:
                    continue
                highlight = len(options) - 1
                if not self.occurrences:
                    options.append(
                        Option(Content("  no other article names it").stylize(".xref--dim"),
                               disabled=True)
                    )
                for i, occ in enumerate(self.occurrences):
                    options.append(Option(occurrence_prompt(occ, row.entity.kind), id=f"o:{i}"))
                    if i == 0 and focus_occurrence:
                        highlight = len(options) - 1
                if self._more:
                    note = f"  … and {self._more} more (] and [ step through them all)"
                    options.append(Option(Content(note).stylize(".xref--dim"), disabled=True))
        xref = self.options
        xref.set_options(options)
        if highlight is not None:
            xref.highlighted = highlight
            xref.scroll_to_highlight()
        elif xref.option_count:
            xref.highlighted = 1 if xref.option_count > 1 else None

    def occurrence_for(self, article_id: str) -> EntityOccurrence | None:
        return next((o for o in self.occurrences if o.article_id == article_id), None)

    @on(OptionList.OptionSelected, "#xref")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if option_id.startswith("e:"):
            entity_id = option_id[2:]
            self.post_message(SelectEntity(entity_id))
        elif option_id.startswith("o:"):
            occ = self.occurrences[int(option_id[2:])]
            self.post_message(OpenArticle(occ.article_id, occ.mention.start))
