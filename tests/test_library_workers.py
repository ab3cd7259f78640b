"""Importing with worker processes (parsing and analysing) gives the same library as importing
in one process."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefreader.library import add_paths, open_library
from briefreader.library.analysis import InlineAnalyzer, ParallelAnalyzer
from briefreader.resources import seeds_dir

pytest.importorskip("briefreader.entities")


def _snapshot(folder: Path, workers: int, monkeypatch: pytest.MonkeyPatch) -> tuple:
    used: list[type] = []
    for cls in (InlineAnalyzer, ParallelAnalyzer):
        original = cls.__init__

        def spy(self, *args, _cls=cls, _original=original, **kwargs) -> None:  # type: ignore[no-untyped-def]
            used.append(_cls)
            _original(self, *args, **kwargs)

        monkeypatch.setattr(cls, "__init__", spy)
    with open_library(folder / f"lib{workers}") as lib:
        report = add_paths(lib, [folder / "src"], workers=workers, batch_size=2)
        db = lib.db
        mentions = db.execute(
            'SELECT a.id, m.start, m."end", m.kind, e.id FROM mentions m'
            " JOIN articles a ON a.rowid = m.article JOIN entities e ON e.rowid = m.entity"
            " ORDER BY 1, 2"
        ).fetchall()
        entities = db.execute(
            "SELECT id, name, kind, n_articles FROM entities ORDER BY id"
        ).fetchall()
        assert lib.check() == []
    monkeypatch.undo()
    problems = sorted((Path(p.path).name, p.message) for p in report.problems)
    return used, report.added, mentions, entities, problems


def test_workers_give_the_same_entities_and_mentions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / "src"
    shutil.copytree(seeds_dir(), src)
    seeds = len(list(src.iterdir()))
    (src / "empty.txt").write_text("")  # parsed in a worker too: reported, not imported
    used1, added1, mentions1, entities1, problems1 = _snapshot(tmp_path, 1, monkeypatch)
    used2, added2, mentions2, entities2, problems2 = _snapshot(tmp_path, 2, monkeypatch)
    assert used1 == [InlineAnalyzer] and used2 == [ParallelAnalyzer]
    assert added1 == added2 == seeds
    assert [name for name, _ in problems1] == ["empty.txt"] and problems2 == problems1
    assert mentions1 and mentions2 == mentions1
    assert entities2 == entities1
