"""Search in the app: ``/`` searches as you type, ``enter`` opens a result at its match, ``escape``
lists every article again; over a small library built from the seeds, and over files in memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FIXED_NOW, fake_analysis, loaded
from textual.pilot import Pilot

from briefreader.app import BriefReaderApp
from briefreader.collection import MemoryCollection
from briefreader.messages import CollectionLoaded
from briefreader.resources import seeds_dir
from briefreader.screens.main import MainScreen


@pytest.fixture(scope="module")
def seed_library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    from briefreader.library import add_paths, open_library

    lib = open_library(Path(tmp_path_factory.mktemp("library")))
    add_paths(lib, [seeds_dir()], analyzer=fake_analysis)
    yield lib
    lib.close()


def library_app(lib: object) -> BriefReaderApp:
    from briefreader.library import LibraryCollection

    collection = LibraryCollection(lib, name="test library")  # type: ignore[arg-type]
    return BriefReaderApp(
        lambda: [CollectionLoaded(collection)], now=lambda: FIXED_NOW, theme="textual-dark"
    )


async def type_query(pilot: Pilot, query: str) -> None:
    """Open search, type ``query`` and wait for the debounced search to answer."""
    await pilot.press("slash", *query)
    await pilot.pause(0.3)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def marked_words(content: object, style: str) -> list[str]:
    """The text under every span of ``content`` styled ``style``."""
    plain = content.plain  # type: ignore[attr-defined]
    return [plain[s.start : s.end] for s in content.spans if str(s.style) == style]  # type: ignore[attr-defined]


async def test_typing_a_query_lists_results_with_marked_snippets(seed_library):
    app = library_app(seed_library)
    async with app.run_test(size=(160, 45)) as pilot:
        screen: MainScreen = await loaded(pilot)
        await type_query(pilot, "Ushakov")
        results = screen.article_list.results
        assert results is not None and 0 < len(results) < 5  # three seeds name him
        assert screen.article_list.shown_ids == [r.id for r in results]
        for index in range(len(results)):
            prompt = screen.article_list.options.get_option_at_index(index).prompt
            words = marked_words(prompt, ".article-list--match")
            assert words and all(w.casefold() == "ushakov" for w in words), words
        status = str(screen.article_list.status.render())
        assert f"{len(results)} result" in status


async def test_enter_opens_the_result_at_its_match_with_the_words_marked(seed_library):
    app = library_app(seed_library)
    async with app.run_test(size=(100, 30)) as pilot:
        screen: MainScreen = await loaded(pilot)
        await type_query(pilot, '"Senate Palace"')
        (result,) = screen.article_list.results
        await pilot.press("enter")
        await pilot.pause(0.2)
        reader = screen.reader
        assert reader.article.id == result.id
        text = reader.article.text
        assert [text[s:e] for s, e in reader.marks] == ["Senate Palace"]
        # the match is drawn in the reader, and its line is on screen
        start = reader.marks[0][0]
        line = reader.line_of(start)
        underlined = reader.match_style().underline
        marked = "".join(
            segment.text
            for segment in reader.rendered_line(line)
            if segment.style and segment.style.underline == underlined
        )
        assert "Senate" in marked and underlined
        top = reader.scroll_y
        assert top <= line < top + reader.scrollable_content_region.height


async def test_escape_lists_every_article_again(seed_library):
    app = library_app(seed_library)
    async with app.run_test(size=(160, 45)) as pilot:
        screen: MainScreen = await loaded(pilot)
        everything = screen.article_list.shown_ids
        await type_query(pilot, "NATO")
        assert len(screen.article_list.shown_ids) < len(everything)
        await pilot.press("escape")
        await pilot.pause()
        assert screen.article_list.shown_ids == everything
        assert not screen.article_list.searching
        assert not screen.article_list.search_box.display


async def test_a_malformed_query_says_what_is_wrong_in_the_search_area(seed_library):
    app = library_app(seed_library)
    async with app.run_test(size=(160, 45)) as pilot:
        screen: MainScreen = await loaded(pilot)
        await type_query(pilot, '"Senate Palace')
        status = screen.article_list.status
        assert "unclosed quote" in str(status.render())
        assert status.has_class("-error")
        assert app.is_running and app.return_code is None
        # fixing the query clears the message and shows the result
        await pilot.press('"')
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not status.has_class("-error")
        assert screen.article_list.results


async def test_typing_a_word_runs_one_search_not_one_per_key(
    make_app, seeds_collection: MemoryCollection
):
    queries: list[str] = []
    original = seeds_collection.search

    def counting(query: str, limit: int = 20, offset: int = 0):  # noqa: ANN202
        queries.append(query)
        return original(query, limit, offset)

    seeds_collection.search = counting  # type: ignore[method-assign]
    app = make_app(seeds_collection)
    async with app.run_test(size=(160, 45)) as pilot:
        screen: MainScreen = await loaded(pilot)
        await type_query(pilot, "kushner")
        assert queries == ["kushner"]
        assert len(screen.article_list.results) == 5


async def test_files_in_memory_search_by_resolved_entity(make_app, seeds_collection):
    app = make_app(seeds_collection)
    async with app.run_test(size=(160, 45)) as pilot:
        screen: MainScreen = await loaded(pilot)
        await type_query(pilot, "person:Ushakov -NATO")
        expected = {
            a for a, ms in seeds_collection.analysis.mentions.items()
            if any(m.entity_id == "person:yuri-ushakov" for m in ms)
            and "NATO" not in seeds_collection.article(a).text
        }
        results = screen.article_list.results
        assert {r.id for r in results} == expected and expected
        # the snippet shows the mention: an entity query marks the name as found
        prompt = screen.article_list.options.get_option_at_index(0).prompt
        assert any("Ushakov" in w for w in marked_words(prompt, ".article-list--match"))


async def test_palette_finds_a_large_librarys_titles_through_the_index(seed_library, monkeypatch):
    import briefreader.screens.palette as palette

    monkeypatch.setattr(palette, "SCAN_TITLES_UP_TO", 1)  # treat the seeds as a large library
    app = library_app(seed_library)
    async with app.run_test(size=(160, 45)) as pilot:
        screen: MainScreen = await loaded(pilot)
        target = next(s for s in screen.collection.summaries() if s.source == "The Guardian")
        await pilot.press("ctrl+p")
        await pilot.press(*"article: russia ready for war")
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert screen.reader.article.id == target.id
