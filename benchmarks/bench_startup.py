"""Start-up time in a real terminal: briefreader vs a bare three-pane Textual app.

Each run starts the program in a fresh detached tmux session and polls ``tmux capture-pane``
until the expected text is on the screen (for briefreader: the newest article's title, shown in
the list and the reader). The figure is the median over several runs; the floor is a minimal
Textual app with three panes, measured the same way, so the ratio says what briefreader adds.

With ``--library DIR`` it opens that library instead of the seeds (issue 5's target: first
screen within 1.5x the floor at 100,000 articles), then measures in-process, in a headless app
over the same library, the latency of the entity jumps a reader makes: ``]`` to the next
article naming the entity under the cursor, and selecting an entity in the sidebar.

    python benchmarks/bench_startup.py [--runs 7] [--library DIR] [--jumps 30] [--skip-startup]
"""


from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FLOOR_APP = """
from textual.app import App
from textual.containers import Horizontal
from textual.widgets import Footer, Header, Static


class Floor(App):
    CSS = "Static { width: 1fr; border: solid $accent; }"

    def compose(self):
        yield Header()
        with Horizontal():
            yield Static("left pane")
            yield Static("FLOOR READY: a bare three-pane app")
            yield Static("right pane")
        yield Footer()


Floor().run()
"""


#: a private tmux server, so that the benchmark neither disturbs nor waits on other sessions
TMUX = ["tmux", "-L", "briefreader-bench"]


def time_until_visible(command: str, marker: str, timeout: float = 20.0) -> float:
    """Seconds from starting ``command`` in tmux until ``marker`` is on the screen."""
    session = f"bench{time.monotonic_ns()}"
    start = time.perf_counter()
    subprocess.run(
        [*TMUX, "new-session", "-d", "-s", session, "-x", "160", "-y", "45", command],
        check=True,
    )
    try:
        while True:
            elapsed = time.perf_counter() - start
            if elapsed > timeout:
                raise TimeoutError(f"{marker!r} not on screen after {timeout}s: {command}")
            screen = subprocess.run(
                [*TMUX, "capture-pane", "-p", "-t", session],
                capture_output=True,
                text=True,
            ).stdout
            if marker in screen:
                return elapsed
            time.sleep(0.005)
    finally:
        subprocess.run([*TMUX, "kill-session", "-t", session], capture_output=True)


def newest_seed_title() -> str:
    """The title the app opens first (the newest seed), cut to what fits on one line."""
    from briefreader.collection import sort_key_newest_first
    from briefreader.ingest import load_paths
    from briefreader.resources import seeds_dir

    articles = load_paths([seeds_dir()]).articles
    newest = min(articles, key=lambda a: sort_key_newest_first(a.date))
    return newest.title[:40]


def newest_library_title(library: str) -> str:
    """The title the app opens first in ``library``, cut to what fits on one line."""
    from briefreader.library.collection import LibraryCollection
    from briefreader.library.store import existing_library

    found = existing_library(library)
    if found is None:
        raise SystemExit(f"{library}: no library with articles there")
    title = LibraryCollection(found).summaries()[0].title
    found.close()
    return title[:40]


def measure(command: str, marker: str, runs: int) -> list[float]:
    time_until_visible(command, marker)  # warm the file cache and bytecode
    return [time_until_visible(command, marker) for _ in range(runs)]


def report(name: str, times: list[float]) -> float:
    median = statistics.median(times)
    print(
        f"{name:<12} median {median:.3f} s   min {min(times):.3f}   max {max(times):.3f}"
        f"   ({len(times)} runs)"
    )
    return median


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--library", help="open this library instead of the seeds")
    parser.add_argument("--jumps", type=int, default=30, help="entity jumps to time (library)")
    parser.add_argument("--no-bytecode-cache", action="store_true",
                        help="run as the environment says (PYTHONDONTWRITEBYTECODE honoured)")
    parser.add_argument("--skip-startup", action="store_true",
                        help="with --library: only the entity jumps")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        print("tmux is not installed; this benchmark needs a real terminal", file=sys.stderr)
        return 2
    python = sys.executable
    print(f"load average before: {_load()}")
    status = 0
    if not (args.skip_startup and args.library):
        # A session that lives for the whole benchmark keeps the tmux server up between runs,
        # so that no run pays for starting the server.
        subprocess.run([*TMUX, "new-session", "-d", "-s", "keeper", "sleep 3600"], check=True)
        try:
            status = _run(python, args.runs, args.library, not args.no_bytecode_cache)
        finally:
            subprocess.run([*TMUX, "kill-server"], capture_output=True)
        print(f"load average after: {_load()}")
    if args.library:
        import asyncio

        asyncio.run(measure_jumps(args.library, args.jumps))
    return status


def _run(python: str, runs: int, library: str | None = None, bytecode: bool = True) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        # Both programs run as an installed package would: with compiled bytecode. Where
        # PYTHONDONTWRITEBYTECODE is set (as on some CI machines), the installed Textual still
        # has its .pyc files but briefreader, run from its source tree, would be compiled
        # again at every start; a private bytecode cache, filled by the warm-up run, puts
        # both on the same footing. --no-bytecode-cache measures without it.
        env = "env"
        if bytecode:
            env = f"env -u PYTHONDONTWRITEBYTECODE PYTHONPYCACHEPREFIX={tmp}/pycache"
        floor_script = Path(tmp) / "floor.py"
        floor_script.write_text(FLOOR_APP)
        floor_times = measure(f"{env} {python} {floor_script}", "FLOOR READY", runs)
        if library:
            command = f"{env} {python} -m briefreader --library {library}"
            marker, target = newest_library_title(library), 1.5
        else:
            # an empty library home, so that the app opens the seeds whatever this user has
            command = f"{env} BRIEFREADER_HOME={tmp}/home {python} -m briefreader"
            marker, target = newest_seed_title(), 1.3
        app_times = measure(command, marker, runs)
    floor = report("floor", floor_times)
    app = report("briefreader", app_times)
    print(f"ratio        {app / floor:.2f}x the floor (target: within {target}x)")
    return 0


def _load() -> str:
    """The 1, 5 and 15 minute load averages: other work on the machine skews every figure."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def _summary(name: str, times: list[float]) -> None:
    times = sorted(times)
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    print(
        f"{name:<34} median {_ms(statistics.median(times))}   p95 {_ms(p95)}"
        f"   max {_ms(times[-1])}   ({len(times)} jumps)"
    )


async def measure_jumps(library: str, jumps: int) -> None:
    """Entity jumps in a headless app over ``library``: key press to the frame that shows them.

    Every frame Textual would send to the terminal is time-stamped (``App._display``), so the
    figures include layout and rendering, not only the handler. ``]`` steps along each of the
    ten most named entities (the worst case: an entity named in 70,000 articles) from its
    newest article; selecting the entity in the sidebar lists its first other articles.
    "painted" is the first frame with the new article in the reader; "settled" the last frame
    of the jump (the sidebar and the list follow the reader).
    """
    from briefreader.app import BriefReaderApp
    from briefreader.library.collection import LibraryCollection
    from briefreader.library.store import existing_library
    from briefreader.messages import CollectionLoaded
    from briefreader.screens.main import MainScreen

    found = existing_library(library)
    assert found is not None
    collection = LibraryCollection(found)
    app = BriefReaderApp(lambda: [CollectionLoaded(collection)])
    frames: list[tuple[float, str | None]] = []
    display = app._display

    def stamped(screen, renderable) -> None:  # noqa: ANN001
        reader = screen.reader if isinstance(screen, MainScreen) else None
        article = reader.article.id if reader is not None and reader.article else None
        frames.append((time.perf_counter(), article))
        display(screen, renderable)

    app._display = stamped  # type: ignore[method-assign]
    painted: list[float] = []
    settled: list[float] = []
    handler: list[float] = []
    select_times: list[float] = []
    async with app.run_test(size=(160, 45)) as pilot:
        await app.workers.wait_for_complete()
        for _ in range(100):
            await pilot.pause()
            if isinstance(app.screen, MainScreen) and app.screen.reader.article is not None:
                break
        screen = app.screen
        assert isinstance(screen, MainScreen)
        top = [e.id for e in collection.entities("", 10)]
        per_entity = max(1, jumps // len(top))
        for entity_id in top:
            first = collection.occurrences(entity_id)[0]
            await screen.open_article(first.article_id, first.mention.start)
            await pilot.pause(0.1)
            frames.clear()
            t = time.perf_counter()
            screen.select_entity(entity_id)
            await pilot.pause(0.1)
            select_times.append(frames[-1][0] - t if frames else time.perf_counter() - t)
            for _ in range(per_entity):
                before = screen.reader.article.id
                frames.clear()
                t = time.perf_counter()
                await screen.action_next_article()
                handler.append(time.perf_counter() - t)
                await pilot.pause(0.1)
                target = screen.reader.article.id
                assert target != before, "] did not move"
                painted.append(next(f for f, a in frames if a == target) - t)
                settled.append(frames[-1][0] - t)
    found.close()
    _summary("jump ]: handler", handler)
    _summary("jump ]: reader painted", painted)
    _summary("jump ]: settled (sidebar, list)", settled)
    _summary("select entity: sidebar painted", select_times)
    print("target: a jump within 50 ms")
    print(f"load average after: {_load()}")


if __name__ == "__main__":
    sys.exit(main())
