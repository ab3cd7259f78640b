"""Article text is untrusted: markup shows literally, escapes are gone, and nothing acts."""

from __future__ import annotations

import html
import re

from conftest import fake_analysis, loaded, seed_articles

from briefreader.collection import MemoryCollection


def screen_text(app) -> str:  # noqa: ANN001
    svg = app.export_screenshot()
    text = re.sub(r"<[^>]+>", "", svg)
    return html.unescape(text).replace("\xa0", " ")


async def test_markup_and_escapes_in_an_article_are_inert(
    make_app, untrusted_collection: MemoryCollection
):
    app = make_app(untrusted_collection)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await loaded(pilot)
        await screen.open_article("evil")
        await pilot.pause()
        article = screen.reader.article
        assert "\x1b" not in article.text and "52;c" not in article.text
        shown = screen_text(app)
        literals = (
            "[bold red]x[/]",
            "[@click=app.quit]x[/]",
            "[$accent]a variable[/]",
            "[link=https://example.com]a link[/link]",
        )
        for literal in literals:
            assert literal in shown
        assert "Colours red and a clipboard write are stripped." in shown
        # click on the text that would quit the app if it were markup
        where = screen.reader.offset_on_screen(article.text.index("[@click") + len("[@click="))
        assert where is not None
        await pilot.click(screen.reader, offset=where)
        await pilot.press("enter", "n", "enter")
        await pilot.pause()
        assert not app._exit
        assert app.screen is screen


async def test_untrusted_title_in_list_and_palette_is_literal(make_app, seeds_collection):
    from briefreader.ingest import parse_text

    evil = parse_text("[red]Boom[/] [@click=app.quit]title[/]\n\nBody text here.", id="t")
    articles = [evil, *seed_articles()]
    app = make_app(MemoryCollection("x", articles, fake_analysis(articles)))
    async with app.run_test(size=(160, 45)) as pilot:
        await loaded(pilot)
        assert "[red]Boom[/]" in screen_text(app)
        await pilot.press("ctrl+p")
        await pilot.press(*"article: boom")
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        assert "[red]Boom[/] [@click=app.quit]title[/]" in screen_text(app)
