"""The Textual app: styles, key bindings and keymap, palette providers, and the main screen.

Kept lean on purpose: importing this module must not pull in ingest or the entity engine, so
that the first frame appears quickly; the loader it is given runs in a thread worker.
"""

from __future__ import annotations

import datetime as dt
import gc
import threading
from collections.abc import Callable, Iterable

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.worker import Worker, WorkerState

from briefreader.messages import CollectionLoaded
from briefreader.resources import styles_dir
from briefreader.screens.palette import ArticleCommands, EntityCommands

#: A loader yields one or more results (a quick one first, then the analysed one).
Loader = Callable[[], Iterable[CollectionLoaded]]

#: Longest wait for the first articles before showing the main screen in its loading state.
FIRST_FRAME_WAIT = 0.25
#: Longest the garbage collector stays paused at start-up if no content comes.
GC_PAUSE_LIMIT = 3.0

DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"


class BriefReaderApp(App[None]):
    """briefreader: articles, a reader with highlighted names, and where else they appear."""

    CSS_PATH = [styles_dir() / "app.tcss"]
    TITLE = "briefreader"
    COMMANDS = App.COMMANDS | {EntityCommands, ArticleCommands}

    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit", tooltip="Quit briefreader"),
        Binding("question_mark,f1", "help", "Help", id="help",
                tooltip="Show every key and what it does"),
        Binding("ctrl+t", "toggle_theme", "Light/dark", show=False, id="toggle_theme",
                tooltip="Switch between the light and the dark theme"),
    ]

    def __init__(
        self,
        loader: Loader,
        *,
        now: Callable[[], dt.datetime] | None = None,
        keymap: dict[str, str] | None = None,
        keymap_problems: Iterable[str] = (),
        theme: str | None = None,
    ) -> None:
        super().__init__()
        self.loader = loader
        #: the clock for relative dates; tests and snapshots fix it
        self.now: Callable[[], dt.datetime] = now or dt.datetime.now
        self.keymap: dict[str, str] = dict(keymap or {})
        self._keymap_problems = list(keymap_problems)
        if theme is not None:
            self.theme = theme
        #: results that arrived before the main screen was there to take them
        self.pending: list[CollectionLoaded] = []
        #: set once the first articles are on screen; heavy analysis waits for it
        self.first_content_shown = threading.Event()

    def on_load(self) -> None:
        # Start-up allocates hundreds of thousands of objects (widgets, styles, strips, the
        # articles) and almost none are garbage: the cyclic collector ran ~230 times before the
        # first frame, 40 ms of CPU. Paused until the first content is on screen, then the
        # survivors are frozen (never scanned again) and collection resumes.
        # (The command line may have paused it already, before the imports: either way it
        # is resumed below.)
        self._gc_paused = True
        gc.disable()
        self.set_timer(GC_PAUSE_LIMIT, self.resume_gc)
        # Start loading as early as possible: files are read while Textual sets up the
        # terminal, so the first frame can already hold articles.
        self._load()

    def resume_gc(self) -> None:
        """End the start-up pause of the garbage collector (once; idempotent)."""
        if getattr(self, "_gc_paused", False):
            self._gc_paused = False
            gc.freeze()
            gc.enable()

    def on_unmount(self) -> None:
        self.resume_gc()
        # What start-up froze can be collected again once the app is gone (tests run many
        # apps in one process).
        gc.unfreeze()

    @work(thread=True, exclusive=True, exit_on_error=False, group="load")
    def _load(self) -> None:
        """Run the loader (files, extraction, or the library) off the event loop."""
        for message in self.loader():
            self.call_from_thread(self._deliver, message)
            if not message.final:
                # Let the first screen with content paint before the CPU-heavy analysis
                # competes with it for the interpreter.
                self.first_content_shown.wait(timeout=2.0)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        from briefreader.screens.main import MainScreen

        if event.worker.group == "load" and event.state == WorkerState.ERROR:
            screen = next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)
            if screen is not None:
                screen.load_failed(event.worker.error)
            else:
                self.notify(f"Loading failed: {event.worker.error}", severity="error")

    def _deliver(self, message: CollectionLoaded) -> None:
        from briefreader.screens.main import MainScreen

        screen = next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)
        if screen is None or not screen.ready:
            self.pending.append(message)
            self._show_main()
        else:
            screen.post_message(message)

    def on_mount(self) -> None:
        if self.keymap:
            self.set_keymap(self.keymap)
        for problem in self._keymap_problems:
            self.notify(problem, title="Keymap", severity="warning", timeout=10)
        # The main screen comes up with the first articles, or after a short wait with its
        # loading state: painting an empty three-pane frame first would only delay the real one.
        self.set_timer(FIRST_FRAME_WAIT, self._show_main)

    def _show_main(self) -> None:
        from briefreader.screens.main import MainScreen

        if not any(isinstance(s, MainScreen) for s in self.screen_stack):
            self.push_screen(MainScreen())

    def binding_sections(self) -> list[tuple[str, list]]:
        """Every binding the app defines, by where it works (for help and keymap checks)."""
        from briefreader.screens.main import MainScreen
        from briefreader.widgets.article_list import ArticleList, ArticleOptions
        from briefreader.widgets.reader import Reader
        from briefreader.widgets.sidebar import XrefList

        return [
            ("Anywhere", [*self.BINDINGS, *MainScreen.BINDINGS]),
            ("Reader", list(Reader.BINDINGS)),
            ("Article list", [*ArticleOptions.BINDINGS, *ArticleList.BINDINGS]),
            ("Sidebar", list(XrefList.BINDINGS)),
        ]

    def action_help(self) -> None:
        from briefreader.screens.help import BUILTIN_KEYS, HelpScreen, binding_rows

        if isinstance(self.screen, HelpScreen):
            return
        rows = binding_rows(self.binding_sections(), self.keymap, self.get_key_display)
        for keys, description, tooltip in BUILTIN_KEYS:
            shown = ", ".join(self.get_key_display(Binding(k, "")) for k in keys.split(","))
            rows.append(("Built in", shown, description, tooltip))
        self.push_screen(HelpScreen(rows))

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT_THEME if self.current_theme.dark else DARK_THEME
