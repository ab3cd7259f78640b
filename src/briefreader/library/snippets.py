"""Snippets: the best few lines of an article for a query, with highlight offsets.

Highlights are (start, end) offsets, never markup: article text is untrusted and must never be
parsed as markup. Matching folds case and accents the way the index does, keeping offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefreader.library.query import Term
from briefreader.library.resolve import fold

SNIPPET_CHARS = 180


@dataclass(frozen=True, slots=True)
class Snippet:
    """A piece of the article's text around the best match.

    ``highlights`` are (start, end) offsets into ``text``; ``offset`` is where ``text`` starts in
    the article's body, so ``offset + start`` locates a highlight in ``Article.text``.
    """

    text: str
    highlights: tuple[tuple[int, int], ...]
    offset: int
    leading_ellipsis: bool = False
    trailing_ellipsis: bool = False


def _fold_table() -> dict[int, str]:
    """Same-length folding (case and accents) for Latin, Greek and Cyrillic letters.

    One character in, one character out, so offsets in the folded text are offsets in the text.
    """
    table: dict[int, str] = {}
    for code in range(0x41, 0x530):
        c = chr(code)
        f = fold(c)
        if len(f) == 1 and f != c:
            table[code] = f
    return table


_FOLD = _fold_table()
_ACCENTED = re.compile("[" + "".join(sorted({chr(c) for c in _FOLD if c > 0x7F})) + "]")


def _term_pattern(term: Term) -> re.Pattern[str]:
    # The index splits words at anything not a letter or digit: "U.S." is the phrase "u s".
    # One pattern per term, starting with a literal: re scans for a literal prefix quickly,
    # while an alternation or a leading look-behind costs 30 times more.
    body = r"[\W_]+".join(re.escape(w) for w in term.words)
    tail = r"\w*" if term.kind == "prefix" else r"(?![^\W_])"
    return re.compile(body + tail)


_PATTERNS: dict[Term, re.Pattern[str]] = {}


def _pattern(term: Term) -> re.Pattern[str]:
    pattern = _PATTERNS.get(term)
    if pattern is None:
        if len(_PATTERNS) > 256:
            _PATTERNS.clear()
        pattern = _PATTERNS[term] = _term_pattern(term)
    return pattern


def find_terms(text: str, query_terms: list[Term]) -> list[tuple[int, int, int]]:
    """(start, end, term index) of every occurrence of the terms in ``text``, in text order."""
    if not query_terms:
        return []
    folded = text.lower()
    if len(folded) != len(text) or (not text.isascii() and _ACCENTED.search(text)):
        folded = text.translate(_FOLD)
    out = []
    for k, term in enumerate(query_terms):
        for m in _pattern(term).finditer(folded):
            s = m.start()
            if s == 0 or not (folded[s - 1].isalnum()):
                out.append((s, m.end(), k))
    if len(query_terms) > 1:
        out.sort()
    return out


def make_snippet(
    text: str, found: list[tuple[int, int, int]], width: int = SNIPPET_CHARS
) -> Snippet:
    """Cut about ``width`` characters around the densest cluster of distinct matched terms."""
    if not found:
        end = _word_end(text, min(len(text), width))
        return Snippet(_one_line(text[:end]), (), 0, False, end < len(text))
    best, best_score = 0, -1
    for i, (s, _, _) in enumerate(found):
        distinct = {k for (s2, e2, k) in found[i:] if e2 - s <= width}
        if len(distinct) > best_score:
            best, best_score = i, len(distinct)
    anchor = found[best][0]
    start = max(0, anchor - width // 4)
    start = _word_start(text, start)
    end = _word_end(text, min(len(text), start + width))
    cut = text[start:end]
    lead = len(cut) - len(cut.lstrip())
    cut = cut.strip()
    start += lead
    highlights = tuple(
        (s - start, e - start) for s, e, _ in found if s >= start and e <= start + len(cut)
    )
    more = start + len(cut) < len(text)
    return Snippet(_one_line(cut), _dedupe(highlights), start, start > 0, more)


def _dedupe(spans: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return tuple(out)


def _one_line(text: str) -> str:
    """Paragraph breaks become spaces, one for one, so highlight offsets stay valid."""
    return text.replace("\n", " ").replace("\t", " ")


def _word_start(text: str, i: int) -> int:
    if i <= 0:
        return 0
    j = text.rfind(" ", max(0, i - 20), i)
    k = text.rfind("\n", max(0, i - 20), i)
    j = max(j, k)
    return j + 1 if j >= 0 else i


def _word_end(text: str, i: int) -> int:
    if i >= len(text):
        return len(text)
    j = text.find(" ", i, i + 20)
    return j if j >= 0 else i
