"""Keys that join a new batch's entities to those already in the library.

The entity engine resolves names within the articles it is given; a library grows in batches, so
"Putin" in today's import must land on yesterday's "Vladimir Putin". These helpers normalise names
the same way on both sides ("U.S." and "US" share a key) and give a person's surname key.
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"\w+")
SURNAME_PREFIX = "~"


def fold(text: str) -> str:
    """Casefold and drop diacritics, as the search index does (unicode61 remove_diacritics)."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def terms(text: str) -> list[str]:
    """The words of a name or query, folded: what search and keys compare."""
    return _WORD.findall(fold(text.replace("'s", "").replace("’s", "")))


def name_key(name: str) -> str:
    """A name's identity key: "U.S." and "US" -> "us"; "Al-Assad" and "al Assad" -> "al assad"."""
    return " ".join(terms(name.replace(".", "")))


def surname_key(name: str) -> str | None:
    """The weak key a lone surname matches: "Vladimir Putin" -> "~putin"; None for one word."""
    words = terms(name.replace(".", ""))
    if len(words) < 2:
        return None
    return SURNAME_PREFIX + words[-1]
