"""Loading in a worker, bad files reported by name, keymap files, and date labels."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import FIXED_NOW, loaded

from briefreader.app import BriefReaderApp
from briefreader.collection import ArticleSummary
from briefreader.commands.reader import files_loader
from briefreader.keymap import load_keymap, parse_keymap
from briefreader.resources import seeds_dir
from briefreader.screens.main import MainScreen
from briefreader.widgets.article_list import relative_date, summary_prompt


async def test_bad_files_are_named_and_the_others_load(tmp_path: Path):
    good = next(seeds_dir().glob("*.txt"))
    (tmp_path / "good.txt").write_bytes(good.read_bytes())
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01\x02 binary \x00" * 200)
    app = BriefReaderApp(files_loader([tmp_path], "tmp"), now=lambda: FIXED_NOW)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        assert screen.article_list.shown_ids == [screen.reader.article.id]
        messages = [n.message for n in app._notifications]
        assert any("broken.txt" in m for m in messages), messages
        assert screen.final  # the analysed collection replaced the quick one
        assert screen.reader.mentions


async def test_loading_state_shows_until_the_worker_answers():
    import threading

    release = threading.Event()

    def slow_loader():
        release.wait(5)
        return files_loader([seeds_dir()], "seeds")()

    app = BriefReaderApp(slow_loader, now=lambda: FIXED_NOW)
    async with app.run_test(size=(120, 40)) as pilot:
        # past the first-frame wait and the indicator's delay (bounded, for slow machines)
        for _ in range(100):
            await pilot.pause(0.05)
            if isinstance(app.screen, MainScreen) and app.screen.reader.loading:
                break
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert "loading" in app.sub_title
        assert "Loading articles" in screen.reader.notice
        assert screen.reader.loading
        await pilot.press("question_mark")  # the app answers keys meanwhile
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        release.set()
        await loaded(pilot)
        assert not screen.reader.loading


def test_keymap_file_parsing(tmp_path: Path):
    keymap, problems = parse_keymap(
        '[keymap]\nnext_mention = "x,ctrl+down"\nback = ["h", "backspace"]\nbogus = "z"\n',
        known_ids={"next_mention", "back"},
    )
    assert keymap == {"next_mention": "x,ctrl+down", "back": "h,backspace"}
    assert problems == ["bogus: no binding has this id"]
    assert parse_keymap("not = [toml")[1][0].startswith("not valid TOML")
    assert load_keymap(tmp_path / "missing.toml") == ({}, [])
    bad = tmp_path / "keymap.toml"
    bad.write_text("next_mention = 3\n")
    assert "keys must be a string" in load_keymap(bad)[1][0]


def test_relative_dates_with_a_fixed_now():
    now = dt.datetime(2025, 12, 4, 9, 0)
    assert relative_date(None, now) == "undated"
    assert relative_date(dt.datetime(2025, 12, 4, 8, 30), now) == "30 min ago"
    assert relative_date(dt.datetime(2025, 12, 3, 20, 0), now) == "13h ago"
    assert relative_date(dt.date(2025, 12, 3), now) == "yesterday"
    assert relative_date(dt.date(2025, 12, 1), now) == "3d ago"
    assert relative_date(dt.date(2025, 10, 1), now) == "1 Oct 2025"


def test_list_row_shows_title_source_date_and_unread_mark():
    summary = ArticleSummary("a", "A title", None, "AP", 100, unread=True)
    plain = summary_prompt(summary, FIXED_NOW).plain
    assert plain.startswith("● A title") and "AP · undated" in plain
    assert not summary_prompt(summary, FIXED_NOW, read=True).plain.startswith("●")


def test_library_location_matches_the_library_package(tmp_path: Path, monkeypatch):
    from briefreader.commands.reader import library_db_path
    from briefreader.library.paths import library_dir
    from briefreader.library.store import DB_NAME

    assert library_db_path(str(tmp_path)) == library_dir(str(tmp_path)) / DB_NAME
    monkeypatch.setenv("BRIEFREADER_HOME", str(tmp_path / "home"))
    assert library_db_path(None) == library_dir(None) / DB_NAME
    monkeypatch.delenv("BRIEFREADER_HOME")
    assert library_db_path(None) == library_dir(None) / DB_NAME


def test_start_up_imports_stay_lean():
    import subprocess
    import sys

    code = (
        "import sys, briefreader.cli, briefreader.commands.reader, briefreader.app, "
        "briefreader.screens.main\n"
        "print(sorted(m for m in ('briefreader.ingest', 'briefreader.entities', "
        "'briefreader.library') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
