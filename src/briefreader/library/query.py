"""The search query language, parsed into a ``Query`` (see ``briefreader.search`` for the syntax).

Parsing is separate from running so that the app can parse as the user types, show a
``QueryError`` message at once, and highlight a query's words in the reader (``Query.spans``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal

from briefreader.library.resolve import fold

ENTITY_FIELDS = {"person", "org", "place", "group", "event", "entity"}
DATE_FIELDS = {"before", "after", "on"}
FIELDS = ENTITY_FIELDS | DATE_FIELDS | {"source"}


class QueryError(ValueError):
    """A query that cannot be understood; ``str()`` is a message for the user."""


TermKind = Literal["word", "phrase", "prefix"]


@dataclass(frozen=True, slots=True)
class Term:
    """A text condition: a word, a phrase (several words in order), or a word prefix."""

    kind: TermKind
    words: tuple[str, ...]

    def fts(self) -> str:
        quoted = '"' + " ".join(self.words).replace('"', '""') + '"'
        return quoted + "*" if self.kind == "prefix" else quoted


@dataclass(frozen=True, slots=True)
class FieldFilter:
    name: str
    value: str


Alternative = Term | FieldFilter


@dataclass
class Query:
    """A parsed query: groups of alternatives that must all hold, and exclusions."""

    groups: list[list[Alternative]] = field(default_factory=list)
    excluded: list[Alternative] = field(default_factory=list)
    first_day: int | None = None  # inclusive bounds, as date ordinals
    last_day: int | None = None

    @property
    def text_terms(self) -> list[Term]:
        """The terms to highlight: every positive text term."""
        return [a for g in self.groups for a in g if isinstance(a, Term)]

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the query's words, phrases and prefixes occur in ``text`` (for highlighting)."""
        from briefreader.library.snippets import find_terms

        return [(s, e) for s, e, _ in find_terms(text, self.text_terms)]


# -- parsing -----------------------------------------------------------------------------------

_FIELD = re.compile(r"([A-Za-z]+):")
_INDEX_WORD = re.compile(r"[^\W_]+")


def index_words(text: str) -> list[str]:
    """Words as the index's tokenizer (unicode61) cuts them: "Putin's" is "putin" "s"."""
    return _INDEX_WORD.findall(fold(text))


def parse_query(query: str) -> Query:
    """Parse the query language; raises ``QueryError`` with a message for the user."""
    units = _units(query)
    if not units:
        raise QueryError("empty search: type some words, or a field such as person:Putin")
    parsed = Query()
    i = 0
    while i < len(units):
        negated, alt = units[i]
        if alt == "OR":
            raise QueryError("OR needs a word on each side, as in: Kyiv OR Kiev")
        group = [alt]
        while i + 1 < len(units) and units[i + 1][1] == "OR":
            if i + 2 >= len(units) or units[i + 2][1] == "OR":
                raise QueryError("OR needs a word on each side, as in: Kyiv OR Kiev")
            neg2, alt2 = units[i + 2]
            if negated or neg2:
                raise QueryError("an -exclusion cannot be part of OR; put it on its own")
            group.append(alt2)
            i += 2
        i += 1
        _check_group(group)
        if negated:
            assert not isinstance(alt, str)
            if isinstance(alt, FieldFilter) and alt.name in DATE_FIELDS:
                raise QueryError(f"-{alt.name}: is not supported; use before: or after: instead")
            parsed.excluded.append(alt)
        elif isinstance(alt, FieldFilter) and alt.name in DATE_FIELDS:
            _apply_date(parsed, alt)
        else:
            parsed.groups.append(group)  # type: ignore[arg-type]
    if not parsed.groups and parsed.first_day is None and parsed.last_day is None:
        raise QueryError("a search needs something to find, not only -exclusions")
    return parsed


def _check_group(group: list[object]) -> None:
    if len(group) == 1:
        return
    kinds = {
        "text" if isinstance(a, Term) else "entity" if a.name in ENTITY_FIELDS else a.name
        for a in group
        if not isinstance(a, str)
    }
    if kinds not in ({"text"}, {"entity"}, {"source"}):
        raise QueryError(
            "OR works between words (a OR b), between entities (person:a OR person:b)"
            " or between sources, not across them"
        )


def _units(query: str) -> list[tuple[bool, Alternative | str]]:
    """Split a query into (negated, term-or-field-or-"OR") units."""
    out: list[tuple[bool, Alternative | str]] = []
    i, n = 0, len(query)
    while i < n:
        c = query[i]
        if c.isspace():
            i += 1
            continue
        if c in "()":
            raise QueryError("parentheses are not supported; write alternatives as a OR b")
        negated = False
        if c == "-" and i + 1 < n and not query[i + 1].isspace():
            negated = True
            i += 1
        if query[i] == '"':
            text, i = _quoted(query, i)
            words = tuple(index_words(text))
            if not words:
                raise QueryError('empty phrase: put words between the quotes, as in "peace talks"')
            prefix = i < n and query[i] == "*"
            if prefix:
                i += 1
            kind: TermKind = "prefix" if prefix else ("phrase" if len(words) > 1 else "word")
            out.append((negated, Term(kind, words)))
            continue
        m = _FIELD.match(query, i)
        if m and m.group(1).lower() in FIELDS:
            name = m.group(1).lower()
            i = m.end()
            if i < n and query[i] == '"':
                value, i = _quoted(query, i)
            else:
                j = i
                while j < n and not query[j].isspace():
                    j += 1
                value, i = query[i:j], j
            if not value.strip():
                raise QueryError(f"{name}: needs a value, as in {name}:{EXAMPLES[name]}")
            out.append((negated, FieldFilter(name, value.strip())))
            continue
        if m and m.end() < n and not query[m.end()].isspace():
            known = ", ".join(sorted(f + ":" for f in FIELDS))
            raise QueryError(f"unknown field {m.group(1)}: (known fields: {known})")
        j = i
        while j < n and not query[j].isspace() and query[j] != '"':
            j += 1
        word, i = query[i:j], j
        if word == "OR" and not negated:
            out.append((False, "OR"))
            continue
        prefix = word.endswith("*")
        core = word.rstrip("*")
        if "*" in core:
            raise QueryError(f"* goes at the end of a word, as in ukrain*: {word!r}")
        words = tuple(index_words(core))
        if not words:
            if prefix:
                raise QueryError("* needs a few letters before it, as in ukrain*")
            continue  # punctuation alone: nothing to look for
        if prefix:
            out.append((negated, Term("prefix", words)))
        else:
            out.append((negated, Term("phrase" if len(words) > 1 else "word", words)))
    return out


EXAMPLES = {
    "person": "Putin",
    "org": "NATO",
    "place": "Kyiv",
    "group": "Democrats",
    "event": "Olympics",
    "entity": "Putin",
    "source": "Reuters",
    "before": "2024-03-01",
    "after": "2024-03-01",
    "on": "2024-03-01",
}


def _quoted(query: str, i: int) -> tuple[str, int]:
    end = query.find('"', i + 1)
    if end < 0:
        raise QueryError('unclosed quote: add a closing " after the phrase')
    return query[i + 1 : end], end + 1


def date_range(value: str) -> tuple[dt.date, dt.date]:
    """The days a date value covers: a year, a month, or one day (through dateutil)."""
    v = value.strip()
    if re.fullmatch(r"\d{4}", v):
        year = int(v)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})", v):
        year, month = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12:
            first = dt.date(year, month, 1)
            nxt = dt.date(year + month // 12, month % 12 + 1, 1)
            return first, nxt - dt.timedelta(days=1)
    from dateutil import parser as dateparser

    try:
        day = dateparser.parse(v, default=dt.datetime(2000, 1, 1)).date()
    except (ValueError, OverflowError) as exc:
        raise QueryError(f"cannot read {value!r} as a date (try 2024-03-01)") from exc
    return day, day


def _apply_date(parsed: Query, f: FieldFilter) -> None:
    first, last = date_range(f.value)
    lo, hi = parsed.first_day, parsed.last_day
    if f.name == "before":
        hi = first.toordinal() - 1 if hi is None else min(hi, first.toordinal() - 1)
    elif f.name == "after":
        lo = last.toordinal() + 1 if lo is None else max(lo, last.toordinal() + 1)
    else:
        lo = first.toordinal() if lo is None else max(lo, first.toordinal())
        hi = last.toordinal() if hi is None else min(hi, last.toordinal())
    parsed.first_day, parsed.last_day = lo, hi
