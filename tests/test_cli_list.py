"""`briefreader list --json`: the contract other tools rely on, on the seeds and real news."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from briefreader.cli import main

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
WIKINEWS = SHARED / "corpus" / "wikinews"


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_json_on_the_bundled_seeds(capsys):
    code, out, err = run_cli(capsys, "list", "--json")
    assert code == 0 and err == ""
    articles = {a["id"][:3]: a for a in json.loads(out)["articles"]}
    assert sorted(articles) == ["000", "001", "002", "003", "004"]
    for a in articles.values():
        assert set(a) == {"id", "path", "title", "date", "source", "words", "paragraphs"}
        assert Path(a["path"]).stem == a["id"]
        assert a["title"] and a["words"] > 300 and a["paragraphs"] > 5
    assert articles["000"]["date"] == "2025-12-03"
    assert articles["001"]["date"] == "2025-12-03T08:10"
    assert articles["002"]["date"] == "2025-12-03"
    assert articles["003"]["date"] == "2025-12-02"
    assert articles["004"]["date"] is None
    assert articles["001"]["title"].startswith("Ukraine peace resolution remains distant")
    assert articles["004"]["title"] == (
        "Russia ‘ready’ for war with Europe, Putin says amid US peace talks"
    )
    # untitled seeds get whole-word titles from their opening sentence, without dateline/caption
    assert articles["000"]["title"].startswith("Russian President Vladimir Putin met")
    assert articles["002"]["title"].startswith("Ukraine and its European allies accused")
    assert articles["003"]["title"].startswith("Special envoy of US President Donald Trump")
    for key in ("000", "002", "003"):
        title = articles[key]["title"]
        assert title.endswith("…") and not title[:-1].endswith(" ")
    assert articles["002"]["source"] == "AP"
    assert articles["003"]["source"] == "UNN"
    assert articles["004"]["source"] == "The Guardian"
    assert articles["000"]["source"] == "seeds"


def test_list_table_shows_undated_rather_than_a_guess(capsys):
    code, out, _ = run_cli(capsys, "list")
    assert code == 0
    line = next(ln for ln in out.splitlines() if ln.startswith("004_"))
    assert "undated" in line


def test_bad_files_are_one_line_each_on_stderr_and_the_rest_load(tmp_path, capsys):
    (tmp_path / "good.txt").write_text("Good headline\n\nSome text. More.")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02" * 100)
    code, out, err = run_cli(capsys, "list", "--json", str(tmp_path))
    assert code == 0
    assert [a["id"] for a in json.loads(out)["articles"]] == ["good"]
    lines = err.strip().splitlines()
    assert len(lines) == 2
    assert any(str(tmp_path / "empty.txt") in ln and "empty" in ln for ln in lines)
    assert any(str(tmp_path / "bin.txt") in ln and "binary" in ln for ln in lines)


def test_exit_code_is_non_zero_only_when_nothing_could_be_read(tmp_path, capsys):
    (tmp_path / "empty.txt").write_text("")
    code, out, err = run_cli(capsys, "list", "--json", str(tmp_path), str(tmp_path / "missing"))
    assert code == 1
    assert "no article could be read" in err
    assert "missing: no such file or folder" in err


def test_version_help_and_module_entry_point():
    for args in (["--version"], ["--help"]):
        done = subprocess.run(
            [sys.executable, "-m", "briefreader", *args], capture_output=True, text=True
        )
        assert done.returncode == 0
    assert "briefreader 0." in subprocess.run(
        [sys.executable, "-m", "briefreader", "--version"], capture_output=True, text=True
    ).stdout


@pytest.mark.skipif(not WIKINEWS.is_dir(), reason="needs ../shared/corpus/wikinews beside the repo")
def test_list_json_on_the_wikinews_corpus(capsys):
    manifest = {
        row["file"].removesuffix(".txt"): row
        for row in csv.DictReader((WIKINEWS / "MANIFEST.tsv").open(), delimiter="\t")
    }
    files = [str(WIKINEWS / f"{name}.txt") for name in manifest]
    code, out, err = run_cli(capsys, "list", "--json", *files)
    assert code == 0 and err == ""
    articles = json.loads(out)["articles"]
    assert len(articles) == len(manifest) == 2294
    for a in articles:
        row = manifest[a["id"]]
        assert a["title"].strip(), a["id"]
        assert len(a["title"]) <= 200
        if row["date"] != "none":
            assert a["date"] == row["date"], a["id"]
        elif a["date"] is not None:
            # mdw files carry no date in the manifest; one states it on its first line
            first = Path(a["path"]).read_text().splitlines()[0]
            assert a["date"][:4] in first, a["id"]
    titled = {a["id"]: a["title"] for a in articles if a["id"].startswith("vat")}
    for name, title in titled.items():
        assert title == Path(WIKINEWS / f"{name}.txt").read_text().splitlines()[0].strip()


def test_list_without_paths_reads_the_library_once_it_has_articles(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("BRIEFREADER_HOME", str(tmp_path / "home"))
    code, out, _ = run_cli(capsys, "list", "--json")
    assert code == 0
    from_seeds = json.loads(out)["articles"]
    assert {Path(a["path"]).parent.name for a in from_seeds} == {"seeds"}

    article = tmp_path / "news" / "story.txt"
    article.parent.mkdir()
    article.write_text("Library headline\n2024-05-06\n\nThe body of the story. It ends.")
    assert run_cli(capsys, "add", str(article))[0] == 0
    code, out, _ = run_cli(capsys, "list", "--json")
    assert code == 0
    (row,) = json.loads(out)["articles"]
    assert row["title"] == "Library headline"
    assert row["date"] == "2024-05-06"
    # PATHs still win over the library
    code, out, _ = run_cli(capsys, "list", "--json", str(article))
    assert [a["id"] for a in json.loads(out)["articles"]] == ["story"]


def test_entities_without_paths_reads_the_library_once_it_has_articles(
    tmp_path, capsys, monkeypatch
):
    monkeypatch.setenv("BRIEFREADER_HOME", str(tmp_path / "home"))
    code, out, _ = run_cli(capsys, "entities", "--json")
    assert code == 0
    assert len(json.loads(out)["articles"]) == 5  # the seeds
    article = tmp_path / "story.txt"
    article.write_text("Talks in Paris\n\nEmmanuel Macron met Olaf Scholz in Paris. Macron spoke.")
    assert run_cli(capsys, "add", str(article))[0] == 0
    code, out, _ = run_cli(capsys, "entities", "--json")
    doc = json.loads(out)
    assert code == 0 and len(doc["articles"]) == 1
    macron = next(e for e in doc["entities"] if e["name"] == "Emmanuel Macron")
    assert macron["kind"] == "person" and macron["mentions"] == 2
