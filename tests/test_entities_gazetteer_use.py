"""How the engine uses the gazetteer: nested names, misc groups, word-like cities, possessives."""

from __future__ import annotations

from briefreader.entities import analyze, article_from_text


def _mentions(text: str) -> dict[str, str]:
    analysis = analyze([article_from_text("a", text)])
    return {m.text: m.kind for ms in analysis.mentions.values() for m in ms}


def test_known_name_inside_an_event_is_named():
    found = _mentions(
        "Thousands of fans visited the FIFA World Cup in Moscow this week, organisers said."
    )
    assert found.get("FIFA") == "org"
    assert "FIFA World Cup" not in found


def test_a_named_organisation_keeps_its_whole_name_and_the_place_inside_it():
    text = "He studied at the University of Chicago before moving to Chicago."
    analysis = analyze([article_from_text("a", text)])
    ms = analysis.mentions["a"]
    assert [(m.text, m.kind) for m in ms] == [
        ("University of Chicago", "org"),
        ("Chicago", "place"),  # inside the university's name
        ("Chicago", "place"),
    ]
    outer, inner, alone = ms
    assert outer.start < inner.start and inner.end == outer.end
    assert inner.entity_id == alone.entity_id  # one Chicago, wherever it is named


def test_only_places_inside_organisations_are_named_again():
    found = _mentions("Mayor Eric Adams of New York City met Boston Red Sox players in the Bronx.")
    assert found.get("New York City") == "place"
    assert "New York" not in found  # a place inside a place is one name
    assert found.get("Boston") == "place"  # the city inside the team's name
    assert "Red Sox" not in found


def test_faiths_and_peoples_are_groups_not_organisations():
    found = _mentions(
        "Many Muslims and Christians in the region marked the holiday, while the Rohingya "
        "remained in camps near the border."
    )
    assert found.get("Muslims") == "group"
    assert found.get("Christians") == "group"
    assert found.get("Rohingya") == "group"


def test_possessive_company_name_does_not_capture_the_surname():
    from briefreader.entities.lexicon import lexicon, norm_key

    lex = lexicon()
    assert lex.names.get(norm_key("McDonald")) is None or lex.names[norm_key("McDonald")][
        0
    ] != "org"
    found = _mentions("Officials said McDonald's sales rose in the quarter.")
    assert found.get("McDonald") == "org"


def test_word_like_city_is_only_a_hint():
    from briefreader.entities.lexicon import AMBIGUOUS_CITY, lexicon, norm_key

    gaz = lexicon().names.get(norm_key("Charlotte"))
    assert gaz is not None and gaz[2] == AMBIGUOUS_CITY
    found = _mentions("Charlotte Smith said the new rules would help families, Smith added.")
    assert found.get("Charlotte Smith") == "person"


def test_sentence_ending_in_an_abbreviation_does_not_glue_names():
    found = _mentions("The team flew to Washington D.C. The President met them there.")
    assert not any(t.endswith("The") for t in found)


def test_administrator_is_a_title_peeled_off_the_name():
    analysis = analyze(
        [article_from_text("a", "NASA Administrator Charles Bolden announced the decision.")]
    )
    kinds = {m.text: m.kind for ms in analysis.mentions.values() for m in ms}
    assert kinds.get("Charles Bolden") == "person"
    assert kinds.get("NASA") == "org"
    (bolden,) = [e for e in analysis.entities.values() if e.name == "Charles Bolden"]
    assert "NASA Administrator" in bolden.descriptors


def test_known_name_across_a_lowercase_word_is_one_place():
    found = _mentions("Aid reached Bosnia and Herzegovina and Trinidad and Tobago this week.")
    assert found.get("Bosnia and Herzegovina") == "place"
    assert found.get("Trinidad and Tobago") == "place"
