"""Command line: parse arguments and hand each subcommand to its module.

Imports are lazy on purpose: `briefreader tag` and `briefreader list` must not pay for Textual,
and `--help` must answer at once.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from briefreader import __version__

SUBCOMMANDS = {"list", "entities", "tag", "add", "search", "open"}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefreader",
        description=(
            "A terminal news reader that follows people, organisations and places across "
            "articles. With no command it opens the reader on PATHs (files and folders of "
            ".txt/.md articles), or on the bundled sample articles."
        ),
    )
    parser.add_argument("--version", action="version", version=f"briefreader {__version__}")
    parser.add_argument(
        "--library",
        metavar="DIR",
        help="library folder (default: $BRIEFREADER_HOME or the user data directory)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("open", help="open the reader (the default command)")
    p.add_argument("paths", nargs="*", metavar="PATH")

    p = sub.add_parser("list", help="list articles with their title, date and source")
    p.add_argument("paths", nargs="*", metavar="PATH")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")

    p = sub.add_parser("entities", help="list the entities named in articles")
    p.add_argument("paths", nargs="*", metavar="PATH")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--ner", choices=("rules", "spacy"), default="rules", help="candidate finder")

    p = sub.add_parser("tag", help="tag entity mentions in text read from standard input")
    p.add_argument(
        "--jsonl",
        action="store_true",
        help='read JSON lines {"doc": ID, "text": STR}; write one line of mentions per document',
    )
    p.add_argument("--ner", choices=("rules", "spacy"), default="rules", help="candidate finder")
    p.add_argument(
        "--workers",
        type=int,
        default=None,
        metavar="N",
        help="processes that analyse a large batch (default: one per available core)",
    )

    p = sub.add_parser("add", help="import files and folders into the library")
    p.add_argument("paths", nargs="+", metavar="PATH")

    p = sub.add_parser("search", help="search the library")
    p.add_argument("query", help='words, "phrases", -exclude, OR, prefix*, person:NAME, ...')
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--limit", type=int, default=20, help="at most this many results")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    # A bare PATH list means "open": `briefreader seeds/` rather than `briefreader open seeds/`.
    first = next((a for a in args_list if not a.startswith("-")), None)
    if first is not None and first not in SUBCOMMANDS and not _is_option_value(args_list, first):
        args_list.insert(args_list.index(first), "open")
    args = build_parser().parse_args(args_list)
    try:
        return _dispatch(args)
    except BrokenPipeError:
        # `briefreader list | head`: the reader went away; say nothing more.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except KeyboardInterrupt:
        return 130


def _dispatch(args: argparse.Namespace) -> int:
    command = args.command or "open"
    if command == "open":
        import gc

        gc.disable()  # until the first frame is painted: the app turns collection back on
        from briefreader.commands.reader import run_open

        return run_open(args)
    if command == "list":
        from briefreader.commands.articles import run_list

        return run_list(args)
    if command == "entities":
        from briefreader.commands.entities import run_entities

        return run_entities(args)
    if command == "tag":
        from briefreader.commands.entities import run_tag

        return run_tag(args)
    if command == "add":
        from briefreader.commands.library import run_add

        return run_add(args)
    if command == "search":
        from briefreader.commands.library import run_search

        return run_search(args)
    raise AssertionError(command)


def _is_option_value(args: list[str], value: str) -> bool:
    i = args.index(value)
    return i > 0 and args[i - 1] == "--library"
