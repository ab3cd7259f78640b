"""`kill -9` in the middle of an import leaves the library consistent, and `add` resumes."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from briefreader.library import Library, LibraryCollection, add_paths
from briefreader.model import Analysis
from briefreader.search import search

TOTAL = 400
BATCH = 20

# The child imports in small batches with a deliberately slow fake analyzer, so that the parent
# can kill it while some batches are committed and the next one is being written.
CHILD = textwrap.dedent(
    """
    import re, sys, time
    from briefreader.library import Library, add_paths
    from briefreader.model import Analysis, Entity, Mention

    def analyze(articles):
        time.sleep(0.05)
        entities, mentions = {}, {}
        for a in articles:
            found = []
            for m in re.finditer(r"Zorblat \\w+", a.text):
                eid = "person:" + m.group().lower().replace(" ", "-")
                entities[eid] = Entity(eid, m.group(), "person")
                found.append(Mention(a.id, m.start(), m.end(), "person", m.group(), eid))
            mentions[a.id] = tuple(found)
        return Analysis(entities, mentions)

    lib = Library(sys.argv[1])
    add_paths(lib, [sys.argv[2]], analyzer=analyze, batch_size=BATCH)
    """
).replace("BATCH", str(BATCH))


def _corpus(folder: Path) -> None:
    folder.mkdir()
    for i in range(TOTAL):
        (folder / f"s{i:04d}.txt").write_text(
            f"Dispatch {i} from the valley\n2024-01-{i % 28 + 1:02d}\n\n"
            f"Zorblat Number{i % 7} spoke to reporters about item {i}.\n\n"
            "A second paragraph with more words about the weather and the harvest.\n",
            encoding="utf-8",
        )


def _count(db_path: Path) -> int:
    if not db_path.exists():
        return 0
    try:
        db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=1)
        try:
            return db.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            db.close()
    except sqlite3.OperationalError:
        return 0


def test_kill_9_mid_import_keeps_library_consistent(tmp_path: Path) -> None:
    src = tmp_path / "news"
    _corpus(src)
    lib_dir = tmp_path / "lib"
    db_path = lib_dir / "library.sqlite3"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(lib_dir), str(src)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while _count(db_path) < 3 * BATCH:
            assert child.poll() is None, child.stderr.read().decode() if child.stderr else ""
            assert time.monotonic() < deadline, "the import never got going"
            time.sleep(0.01)
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL

    lib = Library(lib_dir)
    assert lib.check() == []
    count = lib.count()
    assert 0 < count < TOTAL, "the kill should land mid-import"
    assert count % BATCH == 0, "only whole batches are committed"
    db = lib.db
    # every committed article has its file row, its mentions and its search index entry
    assert db.execute("SELECT count(*) FROM files WHERE article IS NOT NULL").fetchone()[0] == count
    orphan_mentions = db.execute(
        "SELECT count(*) FROM mentions WHERE article NOT IN (SELECT rowid FROM articles)"
    ).fetchone()[0]
    assert orphan_mentions == 0
    assert db.execute("SELECT count(*) FROM mentions").fetchone()[0] == count
    coll = LibraryCollection(lib)
    some = coll.summaries()[0]
    art = coll.article(some.id)
    assert art.text.startswith("Zorblat")
    assert [m.text for m in coll.mentions(some.id)] == [art.text.split(" spoke")[0]]
    assert len(search(lib, "harvest", limit=1000).results) == count

    # running add again finishes the job without extracting anything twice
    report = add_paths(lib, [src], analyzer=lambda arts: Analysis())
    assert report.unchanged == count
    assert report.added == TOTAL - count
    assert lib.count() == TOTAL
    assert lib.check() == []
    lib.close()
