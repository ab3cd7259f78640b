"""Shared fixtures: a fixed clock and collections for the app tests.

The app tests use the bundled seeds with a small, hand-written analysis (a fixed list of names
found by exact match) so that they test the UI, not the entity engine's current quality, and
so that snapshots do not change when the engine improves.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence

import pytest
from textual.pilot import Pilot

from briefreader.collection import MemoryCollection
from briefreader.model import Analysis, Article, Entity, Mention

#: "Now" for every app test: a day after the seeds' date, so relative dates are stable.
FIXED_NOW = dt.datetime(2025, 12, 4, 9, 0)

#: name -> (kind, aliases, descriptor): what the fake analysis finds, by exact match.
GAZETTEER: dict[str, tuple[str, tuple[str, ...], str]] = {
    "Yuri Ushakov": ("person", ("Ushakov",), "Kremlin aide"),
    "Vladimir Putin": ("person", ("Putin",), "Russian President"),
    "Steve Witkoff": ("person", ("Witkoff",), "US envoy"),
    "Jared Kushner": ("person", ("Kushner",), ""),
    "Donald Trump": ("person", ("Trump",), "US President"),
    "Kremlin": ("org", (), ""),
    "NATO": ("org", (), ""),
    "Moscow": ("place", ("MOSCOW",), ""),
    "Ukraine": ("place", (), ""),
    "Europe": ("place", (), ""),
}


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")


def fake_analysis(articles: Sequence[Article]) -> Analysis:
    """Mentions of the gazetteer's names (longest form first, no overlaps) in every article."""
    forms: list[tuple[str, str, str]] = []  # (surface, entity id, kind)
    for name, (kind, aliases, _) in GAZETTEER.items():
        for surface in (name, *aliases):
            forms.append((surface, f"{kind}:{slug(name)}", kind))
    forms.sort(key=lambda f: -len(f[0]))
    mentions: dict[str, tuple[Mention, ...]] = {}
    seen_in: dict[str, list[str]] = {}
    for art in articles:
        taken: list[tuple[int, int]] = []
        found: list[Mention] = []
        for surface, entity_id, kind in forms:
            for m in re.finditer(rf"\b{re.escape(surface)}\b", art.text):
                s, e = m.span()
                if any(s < te and ts < e for ts, te in taken):
                    continue
                taken.append((s, e))
                found.append(Mention(art.id, s, e, kind, surface, entity_id))  # type: ignore[arg-type]
        found.sort(key=lambda m: m.start)
        mentions[art.id] = tuple(found)
        for m in found:
            ids = seen_in.setdefault(m.entity_id, [])
            if art.id not in ids:
                ids.append(art.id)
    entities = {}
    for name, (kind, aliases, descriptor) in GAZETTEER.items():
        entity_id = f"{kind}:{slug(name)}"
        if entity_id in seen_in:
            entities[entity_id] = Entity(
                entity_id,
                name,
                kind,  # type: ignore[arg-type]
                aliases=aliases,
                descriptors=(descriptor,) if descriptor else (),
                articles=tuple(seen_in[entity_id]),
            )
    return Analysis(entities=entities, mentions=mentions)


def seed_articles() -> list[Article]:
    from briefreader.ingest import load_paths
    from briefreader.resources import seeds_dir

    return load_paths([seeds_dir()]).articles


@pytest.fixture
def seeds_collection() -> MemoryCollection:
    articles = seed_articles()
    return MemoryCollection("sample articles", articles, fake_analysis(articles))


UNTRUSTED_TEXT = (
    "Markup test: do not act\n\n"
    "2025-12-01\n\n"
    "Yuri Ushakov said [bold red]x[/] and [@click=app.quit]x[/] should show as typed.\n\n"
    "Colours \x1b[31mred\x1b[0m and a clipboard write \x1b]52;c;cm0gLXJmIH4=\x07 are stripped.\n\n"
    "[link=https://example.com]a link[/link] and [$accent]a variable[/] stay literal too."
)


@pytest.fixture
def untrusted_collection() -> MemoryCollection:
    from briefreader.ingest import parse_text

    evil = parse_text(UNTRUSTED_TEXT, id="evil", fallback_source="test")
    articles = [evil, *seed_articles()]
    return MemoryCollection("untrusted", articles, fake_analysis(articles))


@pytest.fixture
def make_app() -> Callable[..., object]:
    """Build the app around a ready collection, with the fixed clock and the dark theme."""
    from briefreader.app import BriefReaderApp
    from briefreader.messages import CollectionLoaded

    def build(collection: MemoryCollection, **kwargs: object) -> BriefReaderApp:
        kwargs.setdefault("theme", "textual-dark")
        return BriefReaderApp(
            lambda: [CollectionLoaded(collection)], now=lambda: FIXED_NOW, **kwargs
        )

    return build


async def loaded(pilot: Pilot) -> object:
    """Wait for the loading worker and for the newest article to be on screen."""
    from briefreader.screens.main import MainScreen

    app = pilot.app
    await app.workers.wait_for_complete()
    for _ in range(50):
        await pilot.pause()
        screen = app.screen
        if isinstance(screen, MainScreen) and screen.reader.article is not None:
            return screen
    raise AssertionError("the app never showed an article")
