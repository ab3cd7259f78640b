"""Academic citations: authors cited by name and year are people, one mention each."""

from __future__ import annotations

from briefreader.entities import analyze, article_from_text


def _mentions(text: str) -> list[tuple[str, str]]:
    analysis = analyze([article_from_text("a", text)])
    return [(text[m.start : m.end], m.kind) for m in analysis.mentions["a"]]


def test_two_cited_authors_are_two_people():
    found = _mentions(
        "Earlier studies (Dye & Bavelier, 2010; Miller & Robertson 2010) found the same, "
        "and Carrano & Biewener (1999) showed why."
    )
    names = [t for t, _ in found]
    assert not any("&" in t for t in names), names
    for author in ("Bavelier", "Miller", "Robertson", "Carrano", "Biewener"):
        assert (author, "person") in found, found


def test_a_firm_named_with_an_ampersand_stays_whole():
    found = _mentions("Procter & Gamble raised prices in 2010, the company said.")
    assert ("Procter & Gamble", "org") in found
