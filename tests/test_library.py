"""The SQLite library: what is stored comes back intact, entities join across batches,
imports are incremental, and the schema is versioned."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from test_library_support import analysis_for, make_article

from briefreader.library import (
    SCHEMA_VERSION,
    Library,
    LibraryCollection,
    LibraryError,
    add_paths,
    default_collection,
    library_dir,
)
from briefreader.model import Analysis, Article, Merge

PUTIN = {"person:vladimir-putin": ("Vladimir Putin", "person", ["Vladimir Putin", "Putin"])}


@pytest.fixture
def library(tmp_path: Path) -> Library:
    lib = Library(tmp_path / "lib")
    yield lib
    lib.close()


def test_article_round_trip(library: Library) -> None:
    art = make_article(
        "a1",
        "Talks in Moscow",
        ["Vladimir Putin met envoys in Moscow.", "Putin said talks were useful."],
        date=dt.datetime(2025, 12, 3, 8, 10),
        source="Reuters",
    )
    analysis = analysis_for([art], PUTIN)
    assert library.store_batch([art], analysis) == 1
    fresh = Library(library.directory)
    back = fresh.article("a1")
    assert back == art
    mentions = fresh.mentions("a1")
    assert [(m.text, m.entity_id) for m in mentions] == [
        ("Vladimir Putin", "person:vladimir-putin"),
        ("Putin", "person:vladimir-putin"),
    ]
    assert all(back.text[m.start : m.end] == m.text for m in mentions)
    ent = fresh.entity("person:vladimir-putin")
    assert ent.name == "Vladimir Putin" and ent.kind == "person"
    assert "Putin" in ent.aliases and ent.articles == ("a1",)
    fresh.close()


def test_same_content_is_stored_once(library: Library) -> None:
    art = make_article("a1", "T", ["Putin spoke."])
    assert library.store_batch([art], analysis_for([art], PUTIN)) == 1
    assert library.store_batch([art], analysis_for([art], PUTIN)) == 0
    assert library.count() == 1
    assert len(library.mentions("a1")) == 1


def test_summaries_newest_first_undated_last_and_read_state(library: Library) -> None:
    arts = [
        make_article("old", "Old", ["x"], date=dt.date(2020, 1, 1)),
        make_article("undated", "Undated", ["x"]),
        make_article("new", "New", ["x"], date=dt.datetime(2024, 5, 1, 9, 0)),
        make_article("mid", "Mid", ["x"], date=dt.date(2022, 1, 1)),
    ]
    library.store_batch(arts, Analysis())
    coll = LibraryCollection(library)
    summaries = coll.summaries()
    assert len(summaries) == 4
    assert [s.id for s in summaries] == ["new", "mid", "old", "undated"]
    assert summaries[-1].id == "undated" and summaries[0].date == dt.datetime(2024, 5, 1, 9, 0)
    assert all(s.unread for s in summaries)
    coll.mark_read("mid")
    assert [s.id for s in coll.summaries() if not s.unread] == ["mid"]
    assert library.is_read("mid")


def test_occurrences_newest_first_with_sentence(library: Library) -> None:
    a = make_article(
        "a", "A", ["Intro here. Then Vladimir Putin spoke at length."], date=dt.date(2020, 1, 1)
    )
    b = make_article("b", "B", ["Putin was absent. Nothing else."], date=dt.date(2021, 1, 1))
    library.store_batch([a, b], analysis_for([a, b], PUTIN))
    occ = LibraryCollection(library).occurrences("person:vladimir-putin")
    assert [o.article_id for o in occ] == ["b", "a"]
    first = occ[1]
    assert first.sentence == "Then Vladimir Putin spoke at length."
    assert first.sentence[first.sentence_start : first.sentence_end] == "Vladimir Putin"
    assert a.text[first.mention.start : first.mention.end] == "Vladimir Putin"


def test_lone_surname_in_a_later_batch_joins_the_full_name(library: Library) -> None:
    first = make_article("a", "A", ["Vladimir Putin met envoys."])
    library.store_batch([first], analysis_for([first], PUTIN))
    assert library.entity("person:vladimir-putin").articles == ("a",)
    later = make_article("b", "B", ["Putin said no."])
    lone = {"person:putin": ("Putin", "person", ["Putin"])}
    library.store_batch([later], analysis_for([later], lone))
    assert [m.entity_id for m in library.mentions("b")] == ["person:vladimir-putin"]
    assert set(library.entity("person:vladimir-putin").articles) == {"a", "b"}
    assert LibraryCollection(library).article_count("person:vladimir-putin") == 2
    occ = LibraryCollection(library).occurrences("person:vladimir-putin")
    assert sorted(o.article_id for o in occ) == ["a", "b"]


def test_full_name_in_a_later_batch_absorbs_the_lone_surname(library: Library) -> None:
    first = make_article("a", "A", ["Putin said no."])
    library.store_batch(
        [first], analysis_for([first], {"person:putin": ("Putin", "person", ["Putin"])})
    )
    later = make_article("b", "B", ["Vladimir Putin met envoys."])
    full = {"person:vladimir-putin": ("Vladimir Putin", "person", ["Vladimir Putin"])}
    library.store_batch([later], analysis_for([later], full))
    assert [m.entity_id for m in library.mentions("a")] == ["person:vladimir-putin"]
    # the old id still leads somewhere: links held by the UI keep working
    merged = library.entity("person:putin")
    assert merged.id == "person:vladimir-putin"
    assert ("Putin", "surname of") in [(m.alias, m.reason) for m in merged.merges]
    assert sorted(merged.articles) == ["a", "b"]


def test_titles_and_one_article_names_join_nobody(library: Library) -> None:
    """Many people are "President": neither a title alias nor an article's own "the President"
    (an id with @) joins entities of different batches."""

    def titled(art: Article, eid: str, name: str) -> Analysis:
        analysis = analysis_for([art], {eid: (name, "person", [name, "President"])})
        ent = analysis.entities[eid]
        analysis.entities[eid] = replace(ent, merges=(Merge("President", f"title of {name}"),))
        return analysis

    a = make_article("a", "A", ["Hamid Karzai spoke. The President left."])
    b = make_article("b", "B", ["Donald Trump spoke. The President left."])
    c = make_article("c", "C", ["The President arrived."])
    library.store_batch([a], titled(a, "person:hamid-karzai", "Hamid Karzai"))
    library.store_batch([b], titled(b, "person:donald-trump", "Donald Trump"))
    local = {"person:president@c": ("President", "person", ["President"])}
    library.store_batch([c], analysis_for([c], local))
    assert library.entity("person:hamid-karzai").articles == ("a",)
    assert library.entity("person:donald-trump").articles == ("b",)
    assert library.entity("person:president@c").articles == ("c",)
    assert {m.entity_id for m in library.mentions("b")} == {"person:donald-trump"}


def test_ambiguous_surname_is_not_joined(library: Library) -> None:
    arts = [make_article("a", "A", ["Donald Trump and Melania Trump arrived."])]
    names = {
        "person:donald-trump": ("Donald Trump", "person", ["Donald Trump"]),
        "person:melania-trump": ("Melania Trump", "person", ["Melania Trump"]),
    }
    library.store_batch(arts, analysis_for(arts, names))
    later = make_article("b", "B", ["Trump spoke."])
    library.store_batch(
        [later], analysis_for([later], {"person:trump": ("Trump", "person", ["Trump"])})
    )
    assert [m.entity_id for m in library.mentions("b")] == ["person:trump"]


def test_spelling_variants_share_an_entity(library: Library) -> None:
    a = make_article("a", "A", ["The United States and the U.S. Senate."])
    names = {"place:united-states": ("United States", "place", ["United States", "U.S."])}
    library.store_batch([a], analysis_for([a], names))
    b = make_article("b", "B", ["The US said so."])
    library.store_batch([b], analysis_for([b], {"place:us": ("US", "place", ["US"])}))
    assert [m.entity_id for m in library.mentions("b")] == ["place:united-states"]


def test_entity_rows_rank_by_articles(library: Library) -> None:
    arts = [
        make_article(f"a{i}", "T", ["Putin and Moscow." if i else "Moscow only."]) for i in range(3)
    ]
    names = {**PUTIN, "place:moscow": ("Moscow", "place", ["Moscow"])}
    library.store_batch(arts, analysis_for(arts, names))
    rows = library.entity_rows()
    assert [(r.entity.id, r.articles) for r in rows] == [
        ("place:moscow", 3),
        ("person:vladimir-putin", 2),
    ]


def test_cli_documents_from_the_library(library: Library) -> None:
    from briefreader.library.export import articles_json, entities_json

    arts = [
        make_article("a0", "First", ["Putin and Moscow."], date=dt.date(2020, 1, 1)),
        make_article("a1", "Second", ["Moscow only.", "More."], date=dt.date(2021, 1, 1)),
    ]
    names = {**PUTIN, "place:moscow": ("Moscow", "place", ["Moscow"])}
    library.store_batch(arts, analysis_for(arts, names))
    listed = articles_json(library)["articles"]
    assert [(a["id"], a["paragraphs"], a["date"]) for a in listed] == [
        ("a1", 2, "2021-01-01"),
        ("a0", 1, "2020-01-01"),
    ]
    doc = entities_json(library)
    assert [(e["id"], e["mentions"], e["articles"]) for e in doc["entities"]] == [
        ("place:moscow", 2, ["a1", "a0"]),
        ("person:vladimir-putin", 1, ["a0"]),
    ]
    assert [e["id"] for e in entities_json(library, kind="person")["entities"]] == [
        "person:vladimir-putin"
    ]


def test_bookmarks_and_history(library: Library) -> None:
    arts = [make_article("a", "A", ["x"]), make_article("b", "B", ["y"])]
    library.store_batch(arts, Analysis())
    library.set_bookmark("b")
    assert library.bookmarks() == ["b"]
    library.set_bookmark("b", on=False)
    assert library.bookmarks() == []
    library.record_opened("a")
    library.record_opened("b")
    library.record_opened("a")
    assert [aid for aid, _ in library.history()] == ["a", "b"]


# -- schema ------------------------------------------------------------------------------------


def test_new_library_has_current_schema_and_wal(tmp_path: Path) -> None:
    lib = Library(tmp_path)
    assert lib.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert lib.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert lib.check() == []
    lib.close()


def test_library_from_a_newer_release_is_refused(tmp_path: Path) -> None:
    Library(tmp_path).close()
    db = sqlite3.connect(tmp_path / "library.sqlite3")
    db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(LibraryError, match="newer briefreader"):
        Library(tmp_path)


def test_a_file_that_is_not_a_library_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "library.sqlite3").write_bytes(b"not a database at all" * 100)
    with pytest.raises(LibraryError, match="not a usable briefreader library"):
        Library(tmp_path)


def test_library_dir_precedence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("BRIEFREADER_HOME", str(tmp_path / "env"))
    assert library_dir(tmp_path / "flag") == tmp_path / "flag"
    assert library_dir() == tmp_path / "env"
    monkeypatch.delenv("BRIEFREADER_HOME")
    assert "briefreader" in str(library_dir())


# -- incremental add ---------------------------------------------------------------------------


def _write(folder: Path, name: str, title: str, body: str) -> Path:
    path = folder / name
    path.write_text(f"{title}\n2024-03-01\n\n{body}\n", encoding="utf-8")
    return path


def _no_entities(articles):  # noqa: ANN001, ANN202
    return Analysis()


def test_add_is_incremental(tmp_path: Path) -> None:
    src = tmp_path / "news"
    src.mkdir()
    for i in range(5):
        _write(src, f"n{i}.txt", f"Story number {i}", f"Body of story {i} with enough words.")
    lib = Library(tmp_path / "lib")

    first = add_paths(lib, [src], analyzer=_no_entities)
    assert (first.added, first.unchanged) == (5, 0)

    again = add_paths(lib, [src], analyzer=_no_entities)
    assert (again.added, again.changed, again.unchanged) == (0, 0, 5)

    _write(src, "n1.txt", "Story number 1, revised", "A corrected body for story one.")
    (src / "n2.txt").unlink()
    (src / "copy.txt").write_bytes((src / "n3.txt").read_bytes())
    third = add_paths(lib, [src], analyzer=_no_entities)
    assert (third.added, third.changed, third.unchanged, third.duplicates) == (0, 1, 3, 1)
    assert third.missing == [str((src / "n2.txt").resolve())]
    titles = {s.title for s in LibraryCollection(lib).summaries()}
    assert "Story number 1, revised" in titles and "Story number 1" not in titles
    assert "Story number 2" in titles  # a deleted file's article stays in the library
    assert lib.count() == 5
    lib.close()


def test_touched_but_unchanged_file_is_not_extracted_again(tmp_path: Path) -> None:
    src = tmp_path / "news"
    src.mkdir()
    path = _write(src, "a.txt", "Title here", "Body text here.")
    lib = Library(tmp_path / "lib")
    calls: list[int] = []

    def counting(articles):  # noqa: ANN001, ANN202
        calls.append(len(articles))
        return Analysis()

    add_paths(lib, [src], analyzer=counting)
    path.touch()
    report = add_paths(lib, [src], analyzer=counting)
    assert report.unchanged == 1 and sum(calls) == 1
    lib.close()


def test_bad_files_are_reported_and_the_rest_imported(tmp_path: Path) -> None:
    src = tmp_path / "news"
    src.mkdir()
    _write(src, "good.txt", "A good story", "It has a body.")
    (src / "binary.txt").write_bytes(b"\x00\x01\x02" * 500)
    (src / "empty.txt").write_text("")
    lib = Library(tmp_path / "lib")
    seen = []
    report = add_paths(lib, [src, tmp_path / "nope"], analyzer=_no_entities, on_problem=seen.append)
    assert report.added == 1
    bad = sorted(Path(p.path).name for p in seen)
    assert bad == ["binary.txt", "empty.txt", "nope"]
    assert all(p.message for p in seen)
    lib.close()


def test_default_collection_is_seeds_until_the_library_has_articles(tmp_path: Path) -> None:
    target = tmp_path / "lib"
    coll = default_collection(target)
    assert not isinstance(coll, LibraryCollection)
    assert len(coll.summaries()) > 0
    assert not target.exists(), "looking for a library must not create one"
    src = tmp_path / "news"
    src.mkdir()
    _write(src, "a.txt", "Only story", "Body.")
    with Library(target) as lib:
        add_paths(lib, [src], analyzer=_no_entities)
    coll = default_collection(target)
    assert isinstance(coll, LibraryCollection)
    assert [s.title for s in coll.summaries()] == ["Only story"]
    coll.library.close()


def test_worker_threads_do_not_leak_connections(library: Library) -> None:
    import threading

    from briefreader.search import search

    arts = [make_article("a", "Harbour news", ["The harbour reopened."])]
    library.store_batch(arts, Analysis())
    fds = Path("/proc/self/fd")
    if not fds.is_dir():
        pytest.skip("needs /proc to count open files")
    before = len(list(fds.iterdir()))
    found: list[int] = []
    for _ in range(30):  # the app runs each search-as-you-type query in a fresh thread worker
        t = threading.Thread(target=lambda: found.append(len(search(library, "harbour").results)))
        t.start()
        t.join()
    assert found == [1] * 30
    # each connection holds the database and its WAL open: 30 leaked ones would show
    assert len(list(fds.iterdir())) - before <= 4


def test_progress_counts_every_file_once(tmp_path: Path) -> None:
    src = tmp_path / "news"
    src.mkdir()
    for i in range(7):
        _write(src, f"n{i}.txt", f"Story {i}", f"Body {i}.")
    (src / "bad.txt").write_bytes(b"\x00" * 50)
    lib = Library(tmp_path / "lib")
    totals: list[int] = []
    done: list[int] = []
    add_paths(
        lib,
        [src],
        analyzer=_no_entities,
        batch_size=3,
        on_start=totals.append,
        on_progress=done.append,
    )
    assert totals == [8] and sum(done) == 8
    done.clear()
    add_paths(lib, [src], analyzer=_no_entities, batch_size=3, on_progress=done.append)
    assert sum(done) == 8
    lib.close()


def test_long_lists_page_correctly(library: Library) -> None:
    base = dt.date(2020, 1, 1)
    arts = [
        make_article(f"a{i:03d}", f"T{i}", [f"Putin item {i}."], date=base + dt.timedelta(days=i))
        for i in range(300)
    ]
    library.store_batch(arts, analysis_for(arts, PUTIN))
    coll = LibraryCollection(library)
    summaries = coll.summaries()
    expected = [f"a{i:03d}" for i in reversed(range(300))]
    assert len(summaries) == 300
    assert [s.id for s in summaries] == expected
    assert summaries[-1].id == "a000" and summaries[130].id == expected[130]
    assert summaries.index_of("a100") == expected.index("a100")
    occ = coll.occurrences("person:vladimir-putin")
    assert len(occ) == 300
    assert [o.article_id for o in occ] == expected
    assert occ[200].sentence == f"Putin item {299 - 200}."
    assert occ.index_of("a100") == expected.index("a100")
    assert occ.index_of("nope") == -1


def test_replaced_article_leaves_no_trace(library: Library) -> None:
    old = make_article("old", "Old", ["Putin spoke in Moscow."], date=dt.date(2024, 1, 1))
    library.store_batch([old], analysis_for([old], PUTIN))
    library.mark_read("old")
    new = make_article("new", "New", ["Nobody spoke."], date=dt.date(2024, 1, 2))
    library.store_batch([new], analysis_for([new], PUTIN), replaced=["old"])
    assert [s.id for s in LibraryCollection(library).summaries()] == ["new"]
    assert len(LibraryCollection(library).occurrences("person:vladimir-putin")) == 0
    from briefreader.search import search

    assert search(library, "Putin").results == []
    db = library.db
    for table in ("mentions", "article_entities", "read_state"):
        assert db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
    assert library.check() == []


def test_a_busy_library_is_a_clear_error(library: Library) -> None:
    other = sqlite3.connect(library.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process importing
    try:
        library.db.execute("PRAGMA busy_timeout=50")
        art = make_article("a", "A", ["x"])
        with pytest.raises(LibraryError, match="busy"):
            library.store_batch([art], Analysis())
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert library.store_batch([art], Analysis()) == 1


def test_article_counts_follow_imports_merges_and_replacements(library: Library) -> None:
    a = make_article("a", "A", ["Putin said no."])
    library.store_batch([a], analysis_for([a], {"person:putin": ("Putin", "person", ["Putin"])}))
    b = make_article("b", "B", ["Vladimir Putin met envoys."])
    library.store_batch([b], analysis_for([b], PUTIN))  # absorbs the lone "Putin"
    coll = LibraryCollection(library)
    assert coll.article_count("person:vladimir-putin") == 2
    # the full name becomes the entity's name, and both ids lead to it
    assert library.entity("person:putin").name == "Vladimir Putin"
    assert library.entity("person:putin") == library.entity("person:vladimir-putin")
    c = make_article("c", "C", ["Nothing here."])
    library.store_batch([c], Analysis(), replaced=["a"])
    assert coll.article_count("person:vladimir-putin") == 1
    (listed,) = coll.entities()
    assert listed.id == "person:vladimir-putin" and len(listed.articles) == 1
    assert list(listed.articles) == ["b"]


def test_version_1_library_is_migrated_with_counts(tmp_path: Path) -> None:
    from briefreader.library import schema

    db = sqlite3.connect(tmp_path / "library.sqlite3", isolation_level=None)
    for statement in schema.split_statements(schema.MIGRATIONS[0]):
        db.execute(statement)
    db.execute("PRAGMA user_version=1")
    db.execute(
        "INSERT INTO entities(rowid, id, name, kind) VALUES (1, 'place:kyiv', 'Kyiv', 'place')"
    )
    db.executemany(
        "INSERT INTO article_entities VALUES (1, ?, ?, 0, 4, 1)", [(-i, i) for i in (1, 2, 3)]
    )
    db.close()
    with Library(tmp_path) as lib:
        assert lib.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert lib.article_count("place:kyiv") == 3


# -- article ids ---------------------------------------------------------------------------------


def test_library_ids_are_the_ids_reading_the_files_gives(tmp_path: Path) -> None:
    from briefreader.ingest import load_paths
    from briefreader.library.export import articles_json

    src = tmp_path / "news"
    for folder in ("a", "b"):
        (src / folder).mkdir(parents=True)
        _write(src / folder, "report.txt", f"Report from {folder}", f"What {folder} saw today.")
    _write(src / "b", "other.txt", "Another story", "Something else happened.")
    (src / "b" / "z-copy.txt").write_bytes((src / "b" / "other.txt").read_bytes())
    lib = Library(tmp_path / "lib")
    report = add_paths(lib, [src], analyzer=_no_entities)
    assert (report.added, report.duplicates) == (3, 1)  # the copy: same content, one article

    by_title = {a["title"]: a["id"] for a in articles_json(lib)["articles"]}
    assert by_title == {
        "Report from a": "report",
        "Report from b": "report~2",
        "Another story": "other",
    }
    read: dict[str, str] = {}
    for art in load_paths([src]).articles:  # the copy is the second "Another story"
        read.setdefault(art.title, art.id)
    assert read == by_title
    assert lib.article("report~2").title == "Report from b"

    # a changed file keeps its id; the other file of that stem keeps its own
    _write(src / "a", "report.txt", "Report from a, corrected", "What a saw, corrected.")
    again = add_paths(lib, [src], analyzer=_no_entities)
    assert again.changed == 1
    assert lib.article("report").title == "Report from a, corrected"
    assert lib.article("report~2").title == "Report from b"
    assert lib.count() == 3 and lib.check() == []
    lib.close()


def test_version_2_library_gets_file_ids_and_keeps_hashes(tmp_path: Path) -> None:
    from briefreader.library import schema

    db = sqlite3.connect(tmp_path / "library.sqlite3", isolation_level=None)
    for step in (0, 1):
        for statement in schema.split_statements(schema.MIGRATIONS[step]):  # type: ignore[arg-type]
            db.execute(statement)
    db.execute("PRAGMA user_version=2")
    rows = [  # (rowid, content hash = the v2 id, path); two files share the stem "report"
        (3, "aaaa000000000001", "/news/b/report.txt"),
        (1, "aaaa000000000002", "/news/a/report.txt"),
        (2, "aaaa000000000003", "/news/a/other.md"),
        (4, "aaaa000000000004", None),
    ]
    db.executemany(
        "INSERT INTO articles(rowid, id, title, sort_key, words, added_at, paragraphs, text, path)"
        " VALUES (?, ?, 't', 0, 1, 0, '[]', 'x', ?)",
        rows,
    )
    db.execute("INSERT INTO files VALUES ('/news/a/report.txt', 1, 1, 'aaaa000000000002', 1)")
    db.close()
    with Library(tmp_path) as lib:
        assert lib.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4
        ids = dict(lib.db.execute("SELECT rowid, id FROM articles"))
        assert ids == {1: "report", 3: "report~2", 2: "other", 4: "aaaa000000000004"}
        assert lib.article_with_content("aaaa000000000001") == "report~2"
        assert lib.file_record("/news/a/report.txt").article_id == "report"  # type: ignore[union-attr]
        assert lib.check() == []


def test_an_error_while_writing_leaves_whole_batches_and_add_finishes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefreader.library import linking

    src = tmp_path / "news"
    src.mkdir()
    for i in range(6):
        _write(src, f"n{i}.txt", f"Story number {i}", f"Body of story {i} with enough words.")
    calls = []
    original = linking.EntityLinker.link

    def failing(self, ents):  # noqa: ANN001, ANN202
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("disk on fire")
        return original(self, ents)

    monkeypatch.setattr(linking.EntityLinker, "link", failing)
    lib = Library(tmp_path / "lib")
    with pytest.raises(RuntimeError, match="disk on fire"):
        add_paths(lib, [src], analyzer=_no_entities, batch_size=2)
    assert lib.check() == []
    kept = lib.count()
    assert kept % 2 == 0 and kept < 6
    assert lib.db.execute("SELECT count(*) FROM files").fetchone()[0] == kept
    monkeypatch.undo()
    report = add_paths(lib, [src], analyzer=_no_entities, batch_size=2)
    assert (report.added, report.unchanged) == (6 - kept, kept)
    assert lib.count() == 6 and lib.check() == []
    lib.close()


# -- nested mentions -----------------------------------------------------------------------------


def test_names_inside_names_are_stored_and_read_back_outer_first(tmp_path: Path) -> None:
    src = tmp_path / "news"
    src.mkdir()
    _write(
        src,
        "game.txt",
        "A night at Fenway",
        "The Boston Red Sox hosted fans from the University of California on Friday.",
    )
    with Library(tmp_path / "lib") as lib:
        add_paths(lib, [src])
        spans = [(m.text, m.kind) for m in lib.mentions("game")]
    assert spans.index(("Boston Red Sox", "org")) + 1 == spans.index(("Boston", "place"))
    assert ("University of California", "org") in spans and ("California", "place") in spans


def test_version_3_library_keeps_its_mentions_keyed_by_span(tmp_path: Path) -> None:
    from briefreader.library import schema

    db = sqlite3.connect(tmp_path / "library.sqlite3", isolation_level=None)
    for step in (0, 1, 2):
        migration = schema.MIGRATIONS[step]
        if callable(migration):
            migration(db)
        else:
            for statement in schema.split_statements(migration):
                db.execute(statement)
    db.execute("PRAGMA user_version=3")
    db.executemany("INSERT INTO mentions VALUES (1, ?, ?, 7, 'place')", [(0, 5), (10, 14)])
    db.close()
    with Library(tmp_path) as lib:
        assert lib.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        lib.db.execute("INSERT INTO mentions VALUES (1, 0, 12, 8, 'org')")  # same start, longer
        rows = lib.db.execute('SELECT start, "end" FROM mentions ORDER BY 1, 2').fetchall()
        assert rows == [(0, 5), (0, 12), (10, 14)]


def test_a_titled_surname_in_a_later_batch_joins_the_person_with_that_title(
    library: Library,
) -> None:
    from briefreader.entities import analyze

    first = make_article(
        "a", "A", ["President Barack Obama met Michelle Obama's staff in Chicago on Monday."]
    )
    library.store_batch([first], analyze([first]))
    later = make_article("b", "B", ["President Obama signed the bill on Tuesday, aides said."])
    library.store_batch([later], analyze([later]))
    ids = {m.text: m.entity_id for a in "ab" for m in library.mentions(a)}
    barack = library.entity(ids["Barack Obama"])
    assert library.entity(ids["Obama"]).id == barack.id
    assert set(barack.articles) == {"a", "b"}
    michelle = library.entity(ids["Michelle Obama"])
    assert michelle.id != barack.id and set(michelle.articles) == {"a"}
