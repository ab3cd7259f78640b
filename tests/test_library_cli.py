"""`briefreader add` and `briefreader search` as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from briefreader.cli import main
from briefreader.resources import seeds_dir


@pytest.fixture
def lib_dir(tmp_path: Path) -> Path:
    return tmp_path / "lib"


def test_add_then_search_json(lib_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--library", str(lib_dir), "add", str(seeds_dir())]) == 0
    err = capsys.readouterr().err
    assert "5 new" in err
    assert main(["--library", str(lib_dir), "search", "Putin", "--json", "--limit", "2"]) == 0
    out = json.loads(capsys.readouterr().out)
    results = out["results"]
    assert len(results) == 2
    assert set(results[0]) >= {"id", "title", "date", "source", "score", "snippet"}
    assert results[0]["score"] >= results[1]["score"]
    for r in results:
        spans = [r["snippet"][s:e] for s, e in r["highlights"]]
        assert spans and all(s.lower() == "putin" for s in spans)


def test_add_again_reports_unchanged(lib_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["--library", str(lib_dir), "add", str(seeds_dir())])
    capsys.readouterr()
    assert main(["--library", str(lib_dir), "add", str(seeds_dir())]) == 0
    assert "0 new, 0 changed, 5 unchanged" in capsys.readouterr().err


def test_env_var_chooses_the_library(
    lib_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BRIEFREADER_HOME", str(lib_dir))
    assert main(["add", str(seeds_dir())]) == 0
    assert (lib_dir / "library.sqlite3").exists()


def test_bad_file_is_one_stderr_line(tmp_path: Path, lib_dir: Path) -> None:
    src = tmp_path / "news"
    src.mkdir()
    (src / "good.txt").write_text("A title\n2024-01-01\n\nSome body text.\n")
    (src / "bad.txt").write_bytes(b"\x00\xff" * 100)
    proc = subprocess.run(
        [sys.executable, "-m", "briefreader", "--library", str(lib_dir), "add", str(src)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0
    lines = proc.stderr.strip().splitlines()
    bad = [line for line in lines if "bad.txt" in line]
    assert len(bad) == 1 and "binary" in bad[0]
    assert "Traceback" not in proc.stderr
    assert "1 new" in proc.stderr


def test_malformed_query_is_a_message_not_a_traceback(lib_dir: Path) -> None:
    main(["--library", str(lib_dir), "add", str(seeds_dir())])
    proc = subprocess.run(
        [sys.executable, "-m", "briefreader", "--library", str(lib_dir), "search", '"unclosed'],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("briefreader: cannot search: unclosed quote")
    assert "Traceback" not in proc.stderr


def test_search_without_a_library_says_how_to_make_one(
    lib_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--library", str(lib_dir), "search", "anything"]) == 1
    assert "briefreader add PATH" in capsys.readouterr().err
    assert not lib_dir.exists()


def test_search_table_output_is_plain_text(
    lib_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["--library", str(lib_dir), "add", str(seeds_dir())])
    capsys.readouterr()
    assert main(["--library", str(lib_dir), "search", "Kremlin", "--limit", "1"]) == 0
    out = capsys.readouterr().out
    assert "Kremlin" in out
