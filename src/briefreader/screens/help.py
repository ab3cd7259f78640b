"""The help screen (``?``): every key, with what it does, as the user's keymap has it.

Built from the bindings themselves (ids, descriptions, tooltips), so it cannot drift from what
the keys really do, and it shows remapped keys.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

#: Keys handled by Textual itself that users should know about, shown after our own.
BUILTIN_KEYS: list[tuple[str, str, str]] = [
    ("ctrl+p", "Commands", "Command palette: \"entity: NAME\" jumps to a name, "
     "\"article: TITLE\" opens an article"),
    ("up,down", "Move", "Move in the focused list, or scroll the reader"),
    ("pageup,pagedown", "Page", "Move a page in the focused pane"),
    ("enter", "Open", "Open the highlighted article, entity or other article"),
]


def binding_rows(
    sections: list[tuple[str, list[BindingType]]],
    keymap: dict[str, str],
    display: Callable[[Binding], str],
) -> list[tuple[str, str, str, str]]:
    """(section, keys, description, tooltip) for every binding, keymap applied."""
    rows = []
    for section, bindings in sections:
        for b in bindings:
            if not isinstance(b, Binding):
                continue
            keys = keymap.get(b.id, b.key) if b.id else b.key
            shown = ", ".join(display(Binding(k.strip(), b.action)) for k in keys.split(","))
            rows.append((section, shown, b.description, b.tooltip or b.description))
    return rows


class HelpScreen(ModalScreen[None]):
    """All keys, grouped by where they work."""

    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close help", id="close_help",
                tooltip="Close this help screen"),
    ]

    def __init__(self, rows: list[tuple[str, str, str, str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(Content("Keys"), classes="help-title", markup=False)
            section = None
            for sec, keys, description, tooltip in self.rows:
                if sec != section:
                    section = sec
                    yield Static(Content(sec), classes="help-section", markup=False)
                with Horizontal(classes="help-row"):
                    yield Static(Content(keys), classes="help-keys", markup=False)
                    yield Static(Content(description), classes="help-description", markup=False)
                    yield Static(Content(tooltip), classes="help-tooltip", markup=False)
            yield Static(
                Content("Remap keys by binding id in keymap.toml in the config folder "
                        "(see the README). esc closes."),
                classes="help-foot",
                markup=False,
            )

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
