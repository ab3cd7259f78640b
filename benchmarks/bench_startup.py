"""Start-up time in a real terminal: briefreader on the seeds vs a bare three-pane Textual app.

Each run starts the program in a fresh detached tmux session and polls ``tmux capture-pane``
until the expected text is on the screen (for briefreader: the newest seed article's title,
shown in the reader). The figure is the median over several runs; the floor is a minimal
Textual app with three panes, measured the same way, so the ratio says what briefreader adds.

    python benchmarks/bench_startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
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
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        print("tmux is not installed; this benchmark needs a real terminal", file=sys.stderr)
        return 2
    python = sys.executable
    # A session that lives for the whole benchmark keeps the tmux server up between runs, so
    # that no run pays for starting the server.
    subprocess.run([*TMUX, "new-session", "-d", "-s", "keeper", "sleep 3600"], check=True)
    try:
        return _run(python, args.runs)
    finally:
        subprocess.run([*TMUX, "kill-server"], capture_output=True)


def _run(python: str, runs: int) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        floor_script = Path(tmp) / "floor.py"
        floor_script.write_text(FLOOR_APP)
        floor = report("floor", measure(f"{python} {floor_script}", "FLOOR READY", runs))
        app = report(
            "briefreader",
            # an empty library home, so that the app opens the seeds whatever this user has
            measure(
                f"env BRIEFREADER_HOME={tmp}/home {python} -m briefreader",
                newest_seed_title(),
                runs,
            ),
        )
    print(f"ratio        {app / floor:.2f}x the floor (target: within 1.3x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
