"""The engine's front door: analyse articles, or raw text with offsets kept exactly.

``analyze`` runs the two separable stages: per article ``extract`` + ``classify`` +
``resolve_article`` (what the library does as it imports each article), then ``resolve`` over
all of them (cheap, linear). ``backend="spacy"`` swaps the candidate finder for spaCy's spans.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefreader.entities.classify import classify
from briefreader.entities.extract import extract, looks_like_heading
from briefreader.entities.lexicon import lexicon
from briefreader.entities.resolve import LocalResult, resolve, resolve_article
from briefreader.model import Analysis, Article, Paragraph

_PARA_SPLIT = re.compile(r"\n[ \t]*\n")
_BULLET = re.compile(r"\s*(?:[•◦▪●‣·*–-]|\d{1,2}[.)])\s")


def article_from_text(doc_id: str, text: str, title: str = "") -> Article:
    """An Article over ``text`` exactly as given: blank-line paragraphs, no cleaning.

    Offsets of mentions found in the result index ``text`` itself, which is what ``tag``
    promises. Paragraph kinds are guessed (short unpunctuated lines are headings) so that
    headline-case lines do not produce names.
    """
    paragraphs = []
    pos = 0
    for m in [*_PARA_SPLIT.finditer(text), None]:
        end = m.start() if m is not None else len(text)
        chunk = text[pos:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            trail = len(chunk.rstrip())
            s, e = pos + lead, pos + trail
            body = text[s:e]
            if _BULLET.match(body):
                kind = "bullet"
            elif looks_like_heading(body) and "\n" not in body:
                kind = "heading"
            else:
                kind = "paragraph"
            paragraphs.append(Paragraph(kind, s, e, body))  # type: ignore[arg-type]
        if m is not None:
            pos = m.end()
    return Article(id=doc_id, title=title, text=text, paragraphs=tuple(paragraphs))


def analyze_article(article: Article, backend: str = "rules") -> LocalResult:
    """Everything that needs only this article: candidates, kinds, in-article groups."""
    lex = lexicon()
    if backend == "spacy":
        from briefreader.entities.spacy_backend import spacy_candidates

        doc = spacy_candidates(article, lex)
    elif backend == "rules":
        doc = extract(article, lex)
        classify(doc, lex)
    else:
        raise ValueError(f"unknown entity backend {backend!r} (expected 'rules' or 'spacy')")
    return resolve_article(doc, lex)


def analyze(articles: Sequence[Article], backend: str = "rules") -> Analysis:
    """Mentions per article and entities across all of them."""
    return resolve(analyze_article(a, backend) for a in articles)
