"""The entity engine on the bundled seed articles: the behaviours issue 3 promises readers."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefreader.entities import analyze
from briefreader.ingest import load_paths
from briefreader.model import Analysis, Entity
from briefreader.resources import seeds_dir

# Every person the seeds name, with the seed files (by number) that name them.
PERSONS = {
    "Vladimir Putin": {"000", "001", "002", "003", "004"},
    "Donald Trump": {"000", "001", "002", "003", "004"},
    "Steve Witkoff": {"000", "001", "002", "003", "004"},
    "Jared Kushner": {"000", "001", "002", "003", "004"},
    "Yuri Ushakov": {"001", "002", "004"},
    "Volodymyr Zelenskyy": {"000", "001", "003", "004"},
    "Marco Rubio": {"000", "001", "003"},
    "Andrii Sybiha": {"000", "002"},
    "Dmitry Peskov": {"002", "003"},
    "Yvette Cooper": {"002"},
    "Margus Tsahkna": {"002"},
    "Elina Valtonen": {"002"},
    "Mark Rutte": {"002"},
    "Vladyslav Haivanenko": {"002"},
    "Yegveniy Pervyshov": {"002"},
    "Rustem Umerov": {"003"},
    "Alexander Kazakov": {"002"},
}
NON_ENTITIES = [
    "Talks ongoing",
    "Talks",
    "Competing Peace Proposals and Demands",
    "Competing Peace Proposals",
    "Meanwhile",
    "Buoyed",
    "Tuesday",
    "Wednesday",
    "Photo",
    "Tags",
    "Encouraged",
    "Speaking",
    "US Assessment",  # a bullet's label; the "US" inside it is still a place
]


@pytest.fixture(scope="module")
def seeds() -> tuple[Analysis, dict[str, str]]:
    loaded = load_paths([str(seeds_dir())])
    assert len(loaded.articles) == 5
    number = {a.id: Path(a.path or a.id).name[:3] for a in loaded.articles}
    return analyze(loaded.articles), number


def _named(analysis: Analysis, name: str) -> list[Entity]:
    return [e for e in analysis.entities.values() if e.name == name or name in e.aliases]


@pytest.mark.parametrize("name", sorted(PERSONS))
def test_every_person_is_one_person_with_exactly_its_articles(seeds, name):
    analysis, number = seeds
    found = _named(analysis, name)
    assert [e.kind for e in found] == ["person"], found
    assert {number[a] for a in found[0].articles} == PERSONS[name]


def test_putin_in_all_forms_is_one_entity(seeds):
    analysis, _ = seeds
    ids = {
        m.entity_id
        for ms in analysis.mentions.values()
        for m in ms
        if m.text in ("Putin", "Vladimir Putin")
    }
    assert len(ids) == 1
    putin = analysis.entities[ids.pop()]
    assert putin.name == "Vladimir Putin"
    assert "Russian President" in putin.descriptors
    assert any(m.alias == "Putin" and "surname" in m.reason for m in putin.merges)


def test_us_variants_are_one_place(seeds):
    analysis, _ = seeds
    ids = {
        m.entity_id
        for ms in analysis.mentions.values()
        for m in ms
        if m.text in ("U.S.", "US", "United States")
    }
    assert len(ids) == 1
    assert analysis.entities[ids.pop()].kind == "place"


@pytest.mark.parametrize("text", NON_ENTITIES)
def test_non_entities_are_not_mentions(seeds, text):
    analysis, _ = seeds
    assert not [m for ms in analysis.mentions.values() for m in ms if m.text == text]
    assert not _named(analysis, text)


def test_kyiv_is_a_place_and_trump_a_person(seeds):
    analysis, _ = seeds
    kinds = {
        (m.text, m.kind) for ms in analysis.mentions.values() for m in ms
        if m.text in ("Kyiv", "KYIV", "Trump")
    }
    assert kinds == {("Kyiv", "place"), ("KYIV", "place"), ("Trump", "person")}


def test_ushakov_is_described_as_kremlin_aide(seeds):
    analysis, _ = seeds
    (ushakov,) = _named(analysis, "Yuri Ushakov")
    assert "Kremlin aide" in ushakov.descriptors


def test_purl_joins_its_expansion(seeds):
    analysis, _ = seeds
    (purl,) = _named(analysis, "PURL")
    assert purl.name == "Prioritized Ukraine Requirements List"
    assert any(m.alias == "PURL" and "acronym" in m.reason for m in purl.merges)


def test_nationality_adjectives_are_groups_linked_to_their_country(seeds):
    analysis, _ = seeds
    for word, country in (("Ukrainian", "Ukraine"), ("Russian", "Russia")):
        (group,) = _named(analysis, word)
        assert group.kind == "group"
        assert any(country in d for d in group.descriptors)
    assert not [m for ms in analysis.mentions.values() for m in ms
                if m.text == "Ukrainian" and m.kind == "place"]


def test_mentions_point_into_the_article_text(seeds):
    analysis, _ = seeds
    loaded = load_paths([str(seeds_dir())])
    for article in loaded.articles:
        ms = analysis.mentions[article.id]
        assert ms, article.id
        assert [m.start for m in ms] == sorted(m.start for m in ms)
        for m in ms:
            assert article.text[m.start : m.end] == m.text
            assert m.entity_id in analysis.entities
