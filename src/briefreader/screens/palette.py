"""Command palette providers: "entity: NAME" and "article: TITLE".

Titles and names are untrusted text; the palette parses ``help`` and string prompts as markup,
so every prompt here is a ``Content`` built in code and help text is escaped.
"""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape
from textual.style import Style

if TYPE_CHECKING:
    from briefreader.screens.main import MainScreen

_MATCH = Style(reverse=True)
MAX_HITS = 200
#: Up to this many articles the palette scores every title; above, it asks the search index.
SCAN_TITLES_UP_TO = 5000


def highlighted(matcher: Matcher, candidate: str) -> tuple[float, Content]:
    """Score and plain-text Content with the matched letters marked (never parsed as markup)."""
    score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    content = Content(candidate)
    for offset in offsets:
        if not candidate[offset].isspace():
            content = content.stylize(_MATCH, offset, offset + 1)
    return score, content


def _main_screen(provider: Provider) -> MainScreen | None:
    from briefreader.screens.main import MainScreen

    for screen in reversed(provider.app.screen_stack):
        if isinstance(screen, MainScreen):
            return screen
    return None


class EntityCommands(Provider):
    """ "entity: Yuri Ushakov" opens the newest article naming him, on his name."""

    async def search(self, query: str) -> Hits:
        screen = _main_screen(self)
        if screen is None:
            return
        matcher = self.matcher(query)
        hits = 0
        # The collection narrows by words (a library names 17,000 entities); fuzzy scoring
        # then ranks what it found.
        words = query.strip()
        if words.casefold().startswith("entity:"):
            words = words[len("entity:"):]
        for entity in screen.entities(words, MAX_HITS):
            score, display = highlighted(matcher, f"entity: {entity.name}")
            if score > 0:
                help_text = escape(entity.descriptors[0]) if entity.descriptors else None
                yield Hit(score, display, partial(screen.jump_to_entity, entity.id),
                          text=f"entity: {entity.name}", help=help_text)
                hits += 1
                if hits >= MAX_HITS:
                    return

    async def discover(self) -> Hits:
        screen = _main_screen(self)
        if screen is None:
            return
        for entity in screen.entities("", 20):
            text = f"entity: {entity.name}"
            yield DiscoveryHit(Content(text), partial(screen.jump_to_entity, entity.id),
                               text=text)


class ArticleCommands(Provider):
    """ "article: TITLE" opens that article."""

    async def search(self, query: str) -> Hits:
        screen = _main_screen(self)
        if screen is None:
            return
        matcher = self.matcher(query)
        hits = 0
        summaries = screen.article_list._summaries
        if len(summaries) > SCAN_TITLES_UP_TO and screen.collection is not None:
            # A library: walking 100,000 titles per key took seconds; its index answers.
            async for hit in self._search_library(screen, query):
                yield hit
            return
        for summary in summaries:
            score, display = highlighted(matcher, f"article: {summary.title}")
            if score > 0:
                yield Hit(score, display, partial(screen.jump_to_article, summary.id),
                          text=f"article: {summary.title}", help=escape(summary.source) or None)
                hits += 1
                if hits >= MAX_HITS:
                    return

    async def _search_library(self, screen: MainScreen, query: str) -> Hits:
        """Titles from the search index: every word of ``query`` as a prefix, best first."""
        from briefreader.library.query import QueryError

        words = query.replace("article:", " ").split()
        if not words or screen.collection is None:
            return
        text = " ".join('"' + w.replace('"', "") + '"*' for w in words if w.replace('"', ""))
        try:
            page = await asyncio.to_thread(screen.collection.search, text, 50)
        except (QueryError, ValueError):
            return
        matcher = self.matcher(query)
        for result in page.results:  # ranked on the whole text: the titles rank the hits
            score, display = highlighted(matcher, f"article: {result.title}")
            if score > 0:
                yield Hit(score, display, partial(screen.jump_to_article, result.id),
                          text=f"article: {result.title}", help=escape(result.source) or None)
