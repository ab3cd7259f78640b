"""Pilot tests: drive the app with keys as a user would and check what changed."""

from __future__ import annotations

from conftest import loaded
from textual.pilot import Pilot

from briefreader.app import BriefReaderApp
from briefreader.collection import MemoryCollection
from briefreader.screens.help import HelpScreen
from briefreader.screens.main import MainScreen

USHAKOV = "person:yuri-ushakov"


async def cursor_to(pilot: Pilot, screen: MainScreen, entity_id: str) -> int:
    """Press n until the cursor sits on the entity's first mention; return the presses."""
    presses = 0
    while screen.reader.current_mention is None or (
        screen.reader.current_mention.entity_id != entity_id
    ):
        await pilot.press("n")
        presses += 1
        assert presses < 200, f"{entity_id} is not in this article"
    return presses


async def open_article(pilot: Pilot, screen: MainScreen, article_id: str) -> None:
    await screen.open_article(article_id, record=False)
    await pilot.pause()


async def test_opens_newest_article_in_three_panes(make_app, seeds_collection: MemoryCollection):
    app: BriefReaderApp = make_app(seeds_collection)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await loaded(pilot)
        newest = seeds_collection.summaries()[0]
        assert screen.reader.article.id == newest.id
        assert screen.article_list.shown_ids[0] == newest.id
        assert screen.article_list.options.highlighted == 0
        assert screen.sidebar.display and screen.article_list.display
        assert "sample articles" in app.sub_title and "5 articles" in app.sub_title
        # the opened article is marked read; the others are not
        assert "4 unread" in app.sub_title
        # every mention is drawn highlighted (its own background) and clickable (its index)
        reader = screen.reader
        plain = reader.visual_style.rich_style
        lit: dict[int, object] = {}
        for y in range(reader.virtual_size.height):
            for segment in reader.rendered_line(y):
                index = segment.style.meta.get("mention") if segment.style else None
                if index is not None:
                    lit.setdefault(index, segment.style)
        assert sorted(lit) == list(range(len(seeds_collection.mentions(newest.id))))
        assert all(style.bgcolor != plain.bgcolor for style in lit.values())


async def test_entity_cursor_moves_and_scrolls(make_app, seeds_collection: MemoryCollection):
    app = make_app(seeds_collection)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await loaded(pilot)
        mentions = screen.reader.mentions
        await pilot.press("n")
        assert screen.reader.current_mention == mentions[0]
        await pilot.press("n", "n")
        assert screen.reader.cursor == 2
        await pilot.press("N")
        assert screen.reader.current_mention == mentions[1]
        # the last mention is far down the article: the view follows the cursor
        for _ in range(len(mentions)):
            await pilot.press("n")
        await pilot.pause()
        assert screen.reader.cursor == len(mentions) - 1
        assert screen.reader.scroll_y > 0
        line = screen.reader.line_of(mentions[-1].start)
        top, height = screen.reader.scroll_y, screen.reader.scrollable_content_region.height
        assert top <= line < top + height


async def test_enter_selects_entity_and_sidebar_lists_other_articles(
    make_app, seeds_collection: MemoryCollection
):
    app = make_app(seeds_collection)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await loaded(pilot)
        here = screen.reader.article.id
        await cursor_to(pilot, screen, USHAKOV)
        await pilot.press("enter")
        assert screen.selected_entity == USHAKOV
        expected = [o.article_id for o in seeds_collection.occurrences(USHAKOV)]
        expected.remove(here)
        assert [o.article_id for o in screen.sidebar.occurrences] == expected
        assert len(expected) == 2
        # the first other article is highlighted, ready for enter
        xref = screen.sidebar.options
        assert xref.highlighted_option is not None and xref.highlighted_option.id == "o:0"


async def test_sidebar_jump_then_back_and_forward(make_app, seeds_collection: MemoryCollection):
    app = make_app(seeds_collection)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await loaded(pilot)
        start_id = screen.reader.article.id
        await cursor_to(pilot, screen, USHAKOV)
        await pilot.press("pagedown")  # move the view so that scroll matters
        await pilot.pause()
        before = screen.reader.state()
        await pilot.press("enter")
        await pilot.press("tab")  # reader -> sidebar
        assert screen.sidebar.options.has_focus
        target = screen.sidebar.occurrences[0]
        await pilot.press("enter")
        await pilot.pause()
        assert screen.reader.article.id == target.article_id
        assert screen.reader.current_mention.start == target.mention.start
        assert screen.reader.current_mention.entity_id == USHAKOV
        assert screen.reader.has_focus
        await pilot.press("backspace")
        await pilot.pause()
        assert screen.reader.state() == before
        assert screen.reader.article.id == start_id
        await pilot.press("alt+right")
        await pilot.pause()
        assert screen.reader.article.id == target.article_id
        assert screen.reader.current_mention.start == target.mention.start
        await pilot.press("alt+left")
        await pilot.pause()
        assert screen.reader.state() == before


async def test_brackets_step_through_articles_naming_the_entity(
    make_app, seeds_collection: MemoryCollection
):
    app = make_app(seeds_collection)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await loaded(pilot)
        order = [o.article_id for o in seeds_collection.occurrences(USHAKOV)]
        await open_article(pilot, screen, order[0])
        await cursor_to(pilot, screen, USHAKOV)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.reader.article.id == order[1]
        assert screen.reader.current_mention.entity_id == USHAKOV
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.reader.article.id == order[2]
        await pilot.press("right_square_bracket")  # there is no later one: stays put
        await pilot.pause()
        assert screen.reader.article.id == order[2]
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert screen.reader.article.id == order[1]
        assert screen.reader.current_mention.entity_id == USHAKOV


async def test_click_on_a_name_selects_it(make_app, seeds_collection: MemoryCollection):
    app = make_app(seeds_collection)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await loaded(pilot)
        first = screen.reader.mentions[0]
        where = screen.reader.offset_on_screen(first.start)
        assert where is not None, "the first name is not on screen"
        await pilot.click(screen.reader, offset=where)
        await pilot.pause()
        assert screen.reader.cursor == 0
        assert screen.selected_entity == first.entity_id


async def test_help_lists_every_key(make_app, seeds_collection: MemoryCollection):
    app = make_app(seeds_collection)
    async with app.run_test(size=(160, 45)) as pilot:
        await loaded(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        described = {row[2] for row in app.screen.rows}
        for _, bindings in app.binding_sections():
            for binding in bindings:
                assert binding.id, f"{binding.key} has no id"
                assert binding.tooltip, f"{binding.id} has no tooltip"
                assert binding.description in described
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_palette_entity_jumps_to_first_mention(make_app, seeds_collection: MemoryCollection):
    app = make_app(seeds_collection)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"entity: yuri ushakov")
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        first = seeds_collection.occurrences(USHAKOV)[0]
        assert app.screen is screen
        assert screen.reader.article.id == first.article_id
        assert screen.reader.current_mention == first.mention


async def test_palette_article_opens_it(make_app, seeds_collection: MemoryCollection):
    app = make_app(seeds_collection)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await loaded(pilot)
        target = next(s for s in seeds_collection.summaries() if s.source == "The Guardian")
        await pilot.press("ctrl+p")
        await pilot.press(*"article: russia ready for war")
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.reader.article.id == target.id


async def test_80x24_folds_the_sidebar_into_a_toggle(make_app, seeds_collection: MemoryCollection):
    app = make_app(seeds_collection)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await loaded(pilot)
        assert screen.sidebar.display
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert screen.has_class("-narrow")
        assert not screen.sidebar.display
        assert screen.reader.size.width >= 40
        await pilot.press("s")
        await pilot.pause()
        assert screen.sidebar.display and screen.sidebar.options.has_focus
        await pilot.press("s")
        await pilot.pause()
        assert not screen.sidebar.display
        # selecting a name opens the sidebar with the other articles
        await cursor_to(pilot, screen, USHAKOV)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.sidebar.display and screen.sidebar.occurrences


async def test_q_quits(make_app, seeds_collection: MemoryCollection):
    app = make_app(seeds_collection)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert app._exit
    assert app.return_code == 0


async def test_theme_toggles_light_and_dark(make_app, seeds_collection: MemoryCollection):
    app = make_app(seeds_collection)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        before = screen.reader.get_visual_style("reader--person", partial=True)
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert not app.current_theme.dark
        after = screen.reader.get_visual_style("reader--person", partial=True)
        assert after.foreground != before.foreground


async def test_user_keymap_remaps_by_id(make_app, seeds_collection: MemoryCollection):
    app = make_app(seeds_collection, keymap={"next_mention": "x"})
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("n")
        assert screen.reader.cursor == -1
        await pilot.press("x")
        assert screen.reader.cursor == 0
        await pilot.press("question_mark")
        await pilot.pause()
        keys = {row[2]: row[1] for row in app.screen.rows}
        assert keys["Next name"] == "x"


async def test_sidebar_lists_at_most_max_listed_other_articles(
    make_app, seeds_collection: MemoryCollection, monkeypatch
):
    import briefreader.widgets.sidebar as sidebar

    monkeypatch.setattr(sidebar, "MAX_LISTED", 1)
    app = make_app(seeds_collection)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await loaded(pilot)
        await cursor_to(pilot, screen, USHAKOV)
        await pilot.press("enter")
        assert len(screen.sidebar.occurrences) == 1
        prompts = [str(o.prompt) for o in screen.sidebar.options.options]
        assert any("and 1 more" in p for p in prompts)


async def test_dragging_over_the_article_selects_its_text(
    make_app, seeds_collection: MemoryCollection
):
    app = make_app(seeds_collection)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await loaded(pilot)
        reader = screen.reader
        text = reader.article.paragraphs[0].text
        start = reader.offset_on_screen(reader.article.paragraphs[0].start + 2)
        end = reader.offset_on_screen(reader.article.paragraphs[0].start + 60)
        assert start is not None and end is not None
        await pilot.mouse_down(reader, offset=start)
        await pilot.hover(reader, offset=end)
        await pilot.mouse_up(reader, offset=end)
        await pilot.pause()
        selected = screen.get_selected_text() or ""
        # the same words (the character under the pointer included), whatever line breaks
        # the wrap put between them
        assert " ".join(selected.split()) == " ".join(text[2:61].split())


async def test_a_jump_lands_on_the_name_inside_a_longer_name(make_app):
    """'Boston' nested at the start of 'Boston Red Sox': `]` on Boston lands on Boston."""
    from briefreader.entities import analyze
    from briefreader.ingest import parse_text

    texts = {
        "home": "Home win\n\n2025-12-03\n\nFans in Boston cheered as the team won again.",
        "away": "Away loss\n\n2025-12-02\n\nThe Boston Red Sox lost in Chicago on Tuesday.",
    }
    articles = [parse_text(t, id=k, fallback_source="test") for k, t in texts.items()]
    collection = MemoryCollection("nested", articles, analyze(articles))
    away = collection.mentions("away")
    outer, inner = away[0], away[1]
    assert (outer.text, inner.text) == ("Boston Red Sox", "Boston") and outer.start == inner.start
    app = make_app(collection)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await loaded(pilot)
        assert screen.reader.article.id == "home"
        await cursor_to(pilot, screen, inner.entity_id)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.reader.article.id == "away"
        assert screen.reader.current_mention == inner
