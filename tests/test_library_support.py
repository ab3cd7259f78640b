"""Hand-built articles and analyses for the library and search tests (no engine needed).

Named test_library_* to stay within the library's files; it holds no tests itself.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from briefreader.model import Analysis, Article, Entity, Mention, Paragraph


def make_article(
    aid: str,
    title: str,
    paragraphs: Sequence[str],
    date: dt.date | dt.datetime | None = None,
    source: str = "test",
) -> Article:
    paras = []
    pos = 0
    for text in paragraphs:
        paras.append(Paragraph("paragraph", pos, pos + len(text), text))
        pos += len(text) + 2
    return Article(
        id=aid,
        title=title,
        text="\n\n".join(paragraphs),
        paragraphs=tuple(paras),
        date=date,
        source=source,
    )


def analysis_for(
    articles: Sequence[Article], names: dict[str, tuple[str, str, Sequence[str]]]
) -> Analysis:
    """Mentions of the given entities wherever their surface forms occur.

    ``names`` maps an entity id to (canonical name, kind, surface forms); longer forms win.
    """
    entities: dict[str, Entity] = {}
    mentions: dict[str, tuple[Mention, ...]] = {}
    forms = sorted(
        ((form, eid) for eid, (_, _, fs) in names.items() for form in fs),
        key=lambda fe: -len(fe[0]),
    )
    for art in articles:
        taken: list[tuple[int, int]] = []
        found: list[Mention] = []
        for form, eid in forms:
            for m in re.finditer(r"\b" + re.escape(form) + r"\b", art.text):
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                found.append(Mention(art.id, m.start(), m.end(), names[eid][1], form, eid))  # type: ignore[arg-type]
        if found:
            mentions[art.id] = tuple(sorted(found, key=lambda m: m.start))
    for eid, (name, kind, fs) in names.items():
        used = [a.id for a in articles if any(m.entity_id == eid for m in mentions.get(a.id, ()))]
        if used:
            entities[eid] = Entity(
                id=eid,
                name=name,
                kind=kind,  # type: ignore[arg-type]
                aliases=tuple(f for f in fs if f != name),
                articles=tuple(used),
            )
    return Analysis(entities=entities, mentions=mentions)
