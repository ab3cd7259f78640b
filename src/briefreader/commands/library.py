"""`briefreader add` and `briefreader search`: the library from the command line.

Both print one clear line on stderr for each problem and never a traceback for a user error
(a bad file, a malformed query, an unusable library folder).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from contextlib import ExitStack

from briefreader.ingest.files import Problem


def _err(message: str) -> None:
    sys.stderr.write(f"briefreader: {message}\n")


def run_add(args: argparse.Namespace) -> int:
    from briefreader.library import LibraryError, add_paths, open_library

    try:
        library = open_library(getattr(args, "library", None))
    except LibraryError as exc:
        _err(str(exc))
        return 1
    fatal = 0

    def on_problem(p: Problem) -> None:
        nonlocal fatal
        fatal += p.fatal
        _err(str(p))

    started = time.perf_counter()
    with ExitStack() as stack:
        stack.callback(library.close)
        progress = _progress() if sys.stderr.isatty() else None
        on_start = on_progress = None
        if progress is not None:
            stack.enter_context(progress)
            task = progress.add_task("importing", total=None)

            def on_start(total: int) -> None:
                progress.update(task, total=total)

            def on_progress(n: int) -> None:
                progress.advance(task, n)

        try:
            report = add_paths(
                library,
                args.paths,
                on_start=on_start,
                on_progress=on_progress,
                on_problem=on_problem,
            )
        except LibraryError as exc:
            _err(str(exc))
            return 1
        except KeyboardInterrupt:
            _err("interrupted; the articles imported so far are kept")
            return 130
    seconds = time.perf_counter() - started
    parts = [f"{report.added} new", f"{report.changed} changed", f"{report.unchanged} unchanged"]
    if report.duplicates:
        parts.append(f"{report.duplicates} already in the library under another name")
    if fatal:
        parts.append(f"{fatal} unreadable")
    summary = ", ".join(parts) + f" ({seconds:.1f} s); library: {library.directory}"
    sys.stderr.write(summary + "\n")
    if report.missing:
        sys.stderr.write(
            f"{len(report.missing)} file(s) imported before no longer exist;"
            " their articles stay in the library:\n"
        )
        for path in report.missing[:10]:
            sys.stderr.write(f"  {path}\n")
        if len(report.missing) > 10:
            sys.stderr.write(f"  ... and {len(report.missing) - 10} more\n")
    return 1 if fatal and not report.seen else 0


def _progress():  # noqa: ANN202 - rich is imported lazily
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    class RateColumn(TextColumn):
        def render(self, task):  # noqa: ANN001, ANN202
            from rich.text import Text

            speed = task.finished_speed or task.speed
            return Text(f"{speed:,.0f} files/s" if speed else "", style="progress.data.speed")

    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(""),
        TimeRemainingColumn(),
        transient=False,
    )


def run_search(args: argparse.Namespace) -> int:
    from briefreader.library import LibraryError, library_dir
    from briefreader.library.store import DB_NAME, Library
    from briefreader.search import QueryError, search

    directory = library_dir(getattr(args, "library", None))
    if not (directory / DB_NAME).exists():
        _err(f"no library at {directory}; import articles first with: briefreader add PATH")
        return 1
    try:
        with Library(directory, create=False) as library:
            page = search(library, args.query, limit=args.limit)
    except QueryError as exc:
        _err(f"cannot search: {exc}")
        return 2
    except LibraryError as exc:
        _err(str(exc))
        return 1
    for note in page.notes:
        _err(note)
    if args.json:
        json.dump({"results": [r.to_json() for r in page.results]}, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    _print_results(page)
    return 0


def _print_results(page) -> None:  # noqa: ANN001
    from rich.console import Console
    from rich.text import Text

    console = Console()
    if not page.results:
        console.print(Text("no matches", style="dim"))
        return
    for r in page.results:
        # Text built in code, never markup: titles and snippets are untrusted article text.
        title = Text(r.title, style="bold")
        for s, e in r.title_highlights:
            title.stylize("reverse", s, e)
        meta = Text(f"{r.id}  {_date(r.date)}  {r.source}", style="dim")
        snippet = Text("…" if r.snippet.leading_ellipsis else "")
        lead = len(snippet)
        snippet.append(r.snippet.text)
        for s, e in r.snippet.highlights:
            snippet.stylize("bold reverse", lead + s, lead + e)
        if r.snippet.trailing_ellipsis:
            snippet.append("…")
        console.print(title)
        console.print(meta)
        console.print(snippet)
        console.print()
    if page.has_more:
        console.print(Text("more results: raise --limit", style="dim"))


def _date(date: dt.date | dt.datetime | None) -> str:
    if date is None:
        return "undated"
    if isinstance(date, dt.datetime):
        return date.isoformat(timespec="minutes")
    return date.isoformat()
