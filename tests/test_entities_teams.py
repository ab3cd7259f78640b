"""Places named as competitors in a match report are teams (organisations), not places."""

from __future__ import annotations

from briefreader.entities import analyze, article_from_text

REPORT = (
    "Spain defeated Germany 1-0 in the semi-final in Durban on Wednesday, a goal from Carles "
    "Puyol settling the match. Germany's goalkeeper Manuel Neuer kept the score close, but the "
    "tournament favourites could not find an equaliser.\n\n"
    "Spain will play the Netherlands in the final. The squad flew back to Johannesburg, and fans "
    "celebrated in Spain until dawn, the coach said."
)


def _kinds(text: str) -> dict[str, set[str]]:
    analysis = analyze([article_from_text("a", text)])
    out: dict[str, set[str]] = {}
    for m in analysis.mentions["a"]:
        out.setdefault(m.text, set()).add(m.kind)
    return out


def test_competitors_in_a_match_report_are_teams():
    analysis = analyze([article_from_text("a", REPORT)])
    by_text: dict[str, list[str]] = {}
    for m in analysis.mentions["a"]:
        by_text.setdefault(m.text, []).append(m.kind)
    assert by_text["Germany"] == ["org", "org"]  # "defeated Germany", "Germany's goalkeeper"
    # "Spain defeated", "Spain will play": the team; "in Spain": the country.
    assert by_text["Spain"] == ["org", "org", "place"]
    assert by_text["Durban"] == ["place"] and by_text["Johannesburg"] == ["place"]
    team = next(e for e in analysis.entities.values() if e.name == "Germany")
    assert team.kind == "org" and "sports team" in team.descriptors


def test_a_country_outside_sport_stays_a_place():
    text = (
        "The European Union agreed new sanctions against Russia on Monday, and Ukraine defeated "
        "a motion in the assembly. Ministers met in Brussels to discuss the budget and the "
        "final text of the agreement."
    )
    found = _kinds(text)
    assert found["Russia"] == {"place"}
    assert found["Ukraine"] == {"place"}


def test_a_player_named_with_a_country_leaves_the_country_alone():
    text = (
        "In the tennis final, Australia's Samantha Stosur will play against Italy's Francesca "
        "Schiavone. Stosur beat Serena Williams in the quarter-final and Jelena Jankovic in the "
        "semi-final; the match starts at noon and the tournament ends on Sunday."
    )
    found = _kinds(text)
    assert found.get("Italy") == {"place"}
    assert found.get("Samantha Stosur") == {"person"}
