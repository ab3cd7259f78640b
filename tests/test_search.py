"""Search: the query language, ranking, filters and snippets, over a small hand-built library."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from test_library_support import analysis_for, make_article

from briefreader.library import Library
from briefreader.search import QueryError, parse_query, search

NAMES = {
    "person:vladimir-putin": ("Vladimir Putin", "person", ["Vladimir Putin", "Putin"]),
    "place:kyiv": ("Kyiv", "place", ["Kyiv"]),
    "org:nato": ("NATO", "org", ["NATO"]),
}

ARTICLES = [
    make_article(
        "kremlin",
        "Talks at the Kremlin",
        ["Vladimir Putin met envoys at the Kremlin.", "The peace plan was discussed at length."],
        date=dt.date(2025, 12, 3),
        source="Reuters",
    ),
    make_article(
        "kyiv",
        "Kyiv under fire",
        ["Drones struck Kyiv overnight.", "NATO ministers condemned the attack on the city."],
        date=dt.date(2025, 11, 20),
        source="AP",
    ),
    make_article(
        "plan",
        "A plan for peace",
        ["Diplomats said a plan for peace needs time.", "Ukrainian officials were cautious."],
        date=dt.date(2024, 6, 1),
        source="Reuters",
    ),
    make_article(
        "old",
        "Old news about peace",
        ["An old report on peace talks in Kíev and elsewhere."],
        date=dt.date(2019, 1, 5),
        source="Wikinews",
    ),
]


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    lib = Library(Path(tmp_path_factory.mktemp("search")))
    lib.store_batch(ARTICLES, analysis_for(ARTICLES, NAMES))
    yield lib
    lib.close()


def ids(library: Library, query: str, limit: int = 20) -> list[str]:
    return [r.id for r in search(library, query, limit=limit).results]


def test_words_must_all_appear(library: Library) -> None:
    # "plan" has both words in its title, which weighs more than the body
    assert ids(library, "peace plan") == ["plan", "kremlin"]
    assert set(ids(library, "peace")) == {"kremlin", "plan", "old"}


def test_phrase_keeps_word_order(library: Library) -> None:
    assert ids(library, '"peace plan"') == ["kremlin"]
    assert ids(library, '"plan for peace"') == ["plan"]


def test_exclusion(library: Library) -> None:
    assert set(ids(library, "peace -kremlin")) == {"plan", "old"}


def test_or(library: Library) -> None:
    assert set(ids(library, "drones OR diplomats")) == {"kyiv", "plan"}


def test_prefix(library: Library) -> None:
    assert ids(library, "ukrain*") == ["plan"]


def test_accents_are_folded(library: Library) -> None:
    page = search(library, "kiev")
    assert [r.id for r in page.results] == ["old"]
    snip = page.results[0].snippet
    assert [snip.text[s:e] for s, e in snip.highlights] == ["Kíev"]


def test_person_field_matches_the_resolved_entity(library: Library) -> None:
    # the article says "Vladimir Putin", never "Putin" alone as a mention of its own
    assert ids(library, "person:Putin") == ["kremlin"]
    assert ids(library, 'person:"Vladimir Putin"') == ["kremlin"]
    assert ids(library, "place:Putin") == []
    assert ids(library, "org:nato") == ["kyiv"]
    assert ids(library, "entity:kyiv") == ["kyiv"]
    assert set(ids(library, "person:Putin OR place:Kyiv")) == {"kremlin", "kyiv"}
    assert set(ids(library, "peace -person:Putin")) == {"plan", "old"}


def test_unknown_entity_gives_no_results_and_a_note(library: Library) -> None:
    page = search(library, "person:Nobody")
    assert page.results == []
    assert page.notes == ("no person called 'Nobody' in the library",)


def test_source_and_dates(library: Library) -> None:
    assert ids(library, "source:reuters") == ["kremlin", "plan"]
    assert ids(library, "peace -source:reuters") == ["old"]
    assert ids(library, "after:2025-01-01") == ["kremlin", "kyiv"]
    assert ids(library, "before:2024-06-02") == ["plan", "old"]
    assert ids(library, "on:2024-06") == ["plan"]
    assert ids(library, "on:2019 peace") == ["old"]
    assert ids(library, "after:2020 before:2025-12 peace") == ["plan"]


def test_recency_boost_breaks_ties_towards_newer(tmp_path: Path) -> None:
    twins = [
        make_article(
            "older", "Harbour report", ["The harbour reopened."], date=dt.date(2015, 1, 1)
        ),
        make_article(
            "newer", "Harbour report", ["The harbour reopened."], date=dt.date(2024, 1, 1)
        ),
    ]
    # same words, different content hash ids: the two must rank newer first
    with Library(tmp_path) as lib:
        lib.store_batch(twins, analysis_for(twins, {}))
        page = search(lib, "harbour")
        assert [r.id for r in page.results] == ["newer", "older"]
        assert page.results[0].score > page.results[1].score


def test_title_matches_rank_above_body_matches(library: Library) -> None:
    # "kyiv" is in the title of one article and only in the body of none other; use "plan"
    assert ids(library, "plan")[0] == "plan"


def test_snippet_highlights_are_offsets_into_plain_text(library: Library) -> None:
    page = search(library, '"peace plan" kremlin')
    (result,) = page.results
    snip = result.snippet
    assert [snip.text[s:e].lower() for s, e in snip.highlights] == ["kremlin", "peace plan"]
    assert "\n" not in snip.text
    art = library.article(result.id)
    assert art.text[result.first_match : result.first_match + 7] == "Kremlin"
    assert [result.title[s:e] for s, e in result.title_highlights] == ["Kremlin"]


def test_entity_only_query_snippet_shows_the_mention(library: Library) -> None:
    (result,) = search(library, "person:Putin").results
    snip = result.snippet
    assert [snip.text[s:e] for s, e in snip.highlights] == ["Vladimir Putin"]


def test_limit_offset_and_has_more(library: Library) -> None:
    first = search(library, "peace", limit=2)
    rest = search(library, "peace", limit=2, offset=2)
    assert first.has_more and not rest.has_more
    assert len(first.results) == 2 and len(rest.results) == 1
    assert {r.id for r in first.results} | {r.id for r in rest.results} == {
        "kremlin",
        "plan",
        "old",
    }


def test_query_spans_for_the_reader(library: Library) -> None:
    q = parse_query('"peace plan" kreml*')
    text = library.article("kremlin").text
    assert [text[s:e] for s, e in q.spans(text)] == ["Kremlin", "peace plan"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "empty search"),
        ('"peace talks', "unclosed quote"),
        ("OR peace", "OR needs a word on each side"),
        ("peace OR", "OR needs a word on each side"),
        ("-peace", "not only -exclusions"),
        ("(peace)", "parentheses are not supported"),
        ("colour:red", "unknown field colour:"),
        ("person:", "person: needs a value"),
        ("on:someday", "cannot read 'someday' as a date"),
        ("pe*ce", "* goes at the end of a word"),
        ("peace OR person:Putin", "OR works between words"),
        ("peace OR -war", "cannot be part of OR"),
    ],
)
def test_malformed_queries_say_what_is_wrong(query: str, message: str) -> None:
    with pytest.raises(QueryError, match=message.replace("(", r"\(").replace("*", r"\*")):
        parse_query(query)


def test_fts_syntax_in_words_is_taken_literally(library: Library) -> None:
    # words that are FTS5 operators or punctuation must not reach FTS5 as syntax
    assert ids(library, "NEAR AND peace NOT") == []
    assert ids(library, "peace: plan^") == ids(library, "peace plan")


def test_new_sources_are_searchable_after_an_import(tmp_path: Path) -> None:
    with Library(tmp_path) as lib:
        first = [make_article("a", "One", ["Harbour news."], source="Reuters")]
        lib.store_batch(first, analysis_for(first, {}))
        assert ids(lib, "source:reuters") == ["a"]
        page = search(lib, "source:bbc")
        assert page.results == [] and page.notes == ("no source called 'bbc' in the library",)
        more = [make_article("b", "Two", ["Harbour news."], source="BBC News")]
        lib.store_batch(more, analysis_for(more, {}))
        assert ids(lib, "source:bbc") == ["b"]
        assert ids(lib, "harbour -source:bbc") == ["a"]


def test_words_are_cut_as_the_index_cuts_them(tmp_path: Path) -> None:
    arts = [make_article("a", "Visit", ["Putin's visit to the e_mail office."])]
    with Library(tmp_path) as lib:
        lib.store_batch(arts, analysis_for(arts, {}))
        assert ids(lib, '"Putin\'s visit"') == ["a"]
        assert ids(lib, "putin") == ["a"]
        assert ids(lib, "e_mail") == ["a"]
