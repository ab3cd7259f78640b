"""Bad input: every broken file is one clear problem naming it, and all other files load."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefreader.ingest import MAX_FILE_BYTES, load_paths
from briefreader.ingest import files as files_module

GOOD = "A good headline\n\nThe body of a good article. It has text.\n"


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def problems_for(result, path: Path) -> list[str]:
    return [p.message for p in result.problems if p.path == str(path)]


def test_folder_is_read_recursively_txt_and_md_only(tmp_path):
    write(tmp_path / "a.txt", GOOD)
    write(tmp_path / "sub" / "deeper" / "b.md", GOOD)
    write(tmp_path / "notes.pdf", b"%PDF-1.4")
    write(tmp_path / ".hidden.txt", GOOD)
    result = load_paths([tmp_path])
    assert sorted(a.id for a in result.articles) == ["a", "b"]
    assert result.problems == []


def test_article_id_is_file_stem_and_source_is_folder_name(tmp_path):
    write(tmp_path / "kyiv-post" / "story-1.txt", GOOD)
    (article,) = load_paths([tmp_path]).articles
    assert article.id == "story-1"
    assert article.source == "kyiv-post"
    assert article.path == str(tmp_path / "kyiv-post" / "story-1.txt")


def test_same_file_name_in_two_folders_gets_two_ids(tmp_path):
    write(tmp_path / "x" / "same.txt", GOOD)
    write(tmp_path / "y" / "same.txt", GOOD)
    ids = [a.id for a in load_paths([tmp_path]).articles]
    assert len(set(ids)) == 2 and "same" in ids


def test_empty_file_is_reported_and_others_load(tmp_path):
    empty = write(tmp_path / "empty.txt", "")
    blank = write(tmp_path / "blank.txt", "  \n\n \n")
    write(tmp_path / "good.txt", GOOD)
    result = load_paths([tmp_path])
    assert [a.id for a in result.articles] == ["good"]
    assert problems_for(result, empty) == ["empty file; skipped"]
    assert problems_for(result, blank) == ["empty file; skipped"]


def test_binary_file_is_reported(tmp_path):
    binary = write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    write(tmp_path / "good.txt", GOOD)
    result = load_paths([tmp_path])
    assert [a.id for a in result.articles] == ["good"]
    assert problems_for(result, binary) == ["binary file, not text; skipped"]


def test_undecodable_bytes_fall_back_to_cp1252_with_a_notice(tmp_path):
    text = "Café owners “protest”\n\nThe café shut. It was sad."
    path = write(tmp_path / "legacy.txt", text.encode("cp1252"))
    result = load_paths([tmp_path])
    (article,) = result.articles
    assert article.title == "Café owners “protest”"
    assert "café" in article.text
    assert any("decoded as cp1252" in n for n in article.notices)
    (problem,) = result.problems
    assert problem.path == str(path) and not problem.fatal


def test_utf8_bom_and_utf16_are_decoded(tmp_path):
    write(tmp_path / "bom.txt", "\ufeffBOM headline\n\nBody text here. Yes.".encode())
    write(tmp_path / "wide.txt", "Wide headline\n\nBody text here. Yes.".encode("utf-16"))
    titles = sorted(a.title for a in load_paths([tmp_path]).articles)
    assert titles == ["BOM headline", "Wide headline"]


def test_file_over_the_size_cap_is_read_up_to_the_cap_with_a_notice(tmp_path):
    para = "Word " * 40 + "end.\n\n"
    copies = MAX_FILE_BYTES // len(para) + 50
    big = write(tmp_path / "big.txt", "Huge headline\n\n" + para * copies)
    result = load_paths([big])
    (article,) = result.articles
    assert len(article.text.encode()) <= MAX_FILE_BYTES
    assert article.text.endswith("end.")
    assert any("read only the first" in n for n in article.notices)
    assert any(p.path == str(big) and not p.fatal for p in result.problems)


def test_missing_path_is_reported(tmp_path):
    write(tmp_path / "good.txt", GOOD)
    missing = tmp_path / "nope.txt"
    result = load_paths([missing, tmp_path / "good.txt"])
    assert [a.id for a in result.articles] == ["good"]
    assert problems_for(result, missing) == ["no such file or folder"]


def test_unreadable_file_is_reported(tmp_path, monkeypatch):
    locked = write(tmp_path / "locked.txt", GOOD)
    write(tmp_path / "good.txt", GOOD)
    real_open = open

    def deny(path, *args, **kwargs):
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    # root may read anything, so the denial is simulated where the file is opened
    monkeypatch.setattr(files_module, "open", deny, raising=False)
    result = load_paths([tmp_path])
    assert [a.id for a in result.articles] == ["good"]
    assert problems_for(result, locked) == ["permission denied; skipped"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_really_unreadable(tmp_path):
    locked = write(tmp_path / "locked.txt", GOOD)
    locked.chmod(0)
    result = load_paths([tmp_path])
    assert problems_for(result, locked) == ["permission denied; skipped"]


def test_symlink_loops_are_reported_and_do_not_hang(tmp_path):
    write(tmp_path / "news" / "good.txt", GOOD)
    (tmp_path / "news" / "again").symlink_to(tmp_path / "news", target_is_directory=True)
    (tmp_path / "news" / "a.txt").symlink_to(tmp_path / "news" / "b.txt")
    (tmp_path / "news" / "b.txt").symlink_to(tmp_path / "news" / "a.txt")
    result = load_paths([tmp_path / "news"])
    assert [a.id for a in result.articles] == ["good"]
    messages = {p.path: p.message for p in result.problems}
    assert "symbolic link loop" in messages[str(tmp_path / "news" / "again")]
    assert messages[str(tmp_path / "news" / "a.txt")] == "symbolic link loop; skipped"


def test_folder_of_thousands_of_files(tmp_path):
    for i in range(3000):
        write(tmp_path / f"d{i % 7}" / f"n{i:05d}.txt", f"Headline number {i}\n\nBody {i}. Done.")
    result = load_paths([tmp_path])
    assert len(result.articles) == 3000
    assert result.problems == []
    assert {a.title for a in result.articles} == {f"Headline number {i}" for i in range(3000)}
