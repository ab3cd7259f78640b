"""The fast paths `tag` takes give what the library path gives, and runs join only across
exactly "of"/"for" (never across a comma or another word)."""

from __future__ import annotations

import json
import subprocess
import sys

from briefreader.entities import analyze, analyze_article, article_from_text, resolve_spans

TEXTS = [
    "Russian President Vladimir Putin met Steve Witkoff in Moscow on Tuesday.\n\n"
    "Putin said the Ministry of Defense had \"no plans\".",
    "The Bajaur Agency, on the border, saw fighting. The Marine base on Okinawa stays.\n\n"
    "Ms. Zoë O’Neill of the University of Chicago spoke about Putin.",
]


def _articles():
    return [article_from_text(str(i), t) for i, t in enumerate(TEXTS)]


def test_resolve_spans_equals_the_mentions_of_resolve():
    arts = _articles()
    analysis = analyze(arts)
    spans = resolve_spans(analyze_article(a) for a in _articles())
    for a in arts:
        want = [(m.start, m.end, m.kind, m.text, m.entity_id) for m in analysis.mentions[a.id]]
        assert spans[a.id] == want
        # Outer names come before the names inside them; names never partly overlap.
        for x, y in zip(want, want[1:], strict=False):
            assert x[1] <= y[0] or (x[0] <= y[0] and y[1] <= x[1] and x[:2] != y[:2])


def test_runs_join_only_across_of_and_for():
    spans = resolve_spans([analyze_article(a) for a in _articles()])
    texts = {s[3] for ss in spans.values() for s in ss}
    assert "Ministry of Defense" in texts
    assert "University of Chicago" in texts
    assert "Okinawa" in texts and "Bajaur Agency" in texts
    assert not any(" on " in t or t.endswith(", on") for t in texts)


def test_tag_output_is_valid_json_with_escapes_kept():
    docs = [{"doc": 'a"b\\', "text": t} for t in TEXTS]
    proc = subprocess.run(
        [sys.executable, "-m", "briefreader", "tag", "--jsonl"],
        input="".join(json.dumps(d) + "\n" for d in docs),
        capture_output=True, text=True, encoding="utf-8", check=True,
    )
    lines = [json.loads(x) for x in proc.stdout.splitlines()]
    assert [x["doc"] for x in lines] == ['a"b\\', 'a"b\\']
    texts = {m["text"] for x in lines for m in x["mentions"]}
    assert "Zoë O’Neill" in texts
    for d, x in zip(docs, lines, strict=True):
        for m in x["mentions"]:
            assert d["text"][m["start"] : m["end"]] == m["text"]


def test_names_with_latin_extended_capitals_are_found():
    text = "In recent years, Łódź has grown. Officials met in İstanbul on Monday."
    spans = resolve_spans([analyze_article(article_from_text("x", text))])["x"]
    assert {s[3]: s[2] for s in spans} == {"Łódź": "place", "İstanbul": "place"}


def test_a_heading_name_joins_the_fuller_body_name_with_its_words():
    text = "Antonín Dvořák\n\nAntonín Leopold Dvořák was a composer. Dvořák wrote music."
    spans = resolve_spans([analyze_article(article_from_text("x", text))])["x"]
    assert [s[3] for s in spans] == ["Antonín Dvořák", "Antonín Leopold Dvořák", "Dvořák"]
    assert len({s[4] for s in spans}) == 1


def test_hyphenated_syllable_names_stay_whole_and_apart():
    text = "Kim Jong-un met Moon Jae-in. Kim Jong-il had died. He wore a NASA T-shirt."
    spans = resolve_spans([analyze_article(article_from_text("x", text))])["x"]
    names = [s[3] for s in spans]
    assert names[:3] == ["Kim Jong-un", "Moon Jae-in", "Kim Jong-il"]
    assert spans[0][4] != spans[2][4]
    assert "NASA" in names and "T-shirt" not in " ".join(names)


def test_a_credit_label_before_its_colon_is_no_part_of_a_name():
    text = "Student Ahmed Mohamed Photo: Reuters.\n\nImage: NASA."
    spans = resolve_spans([analyze_article(article_from_text("x", text))])["x"]
    assert [s[3] for s in spans] == ["Ahmed Mohamed", "Reuters", "NASA"]


def test_a_generational_suffix_after_a_comma_is_nobody():
    text = "Dale Earnhardt, Jr. finished second, ahead of Martin Truex, Jr at Daytona."
    spans = resolve_spans([analyze_article(article_from_text("a", text))])
    texts = {s[3] for s in spans["a"]}
    assert "Dale Earnhardt" in texts and "Martin Truex" in texts
    assert not texts & {"Jr", "Jr."}


def test_names_that_start_with_a_title_word_stay_whole():
    text = (
        "A U.S. House of Representatives committee questioned General Motors and the General "
        "Assembly, General David Petraeus said."
    )
    spans = resolve_spans([analyze_article(article_from_text("a", text))])
    found = {s[3]: s[2] for s in spans["a"]}
    assert found.get("General Motors") == "org"
    assert "General Assembly" in found
    assert "U.S. House of Representatives" in found
    assert found.get("David Petraeus") == "person"  # a real title is still peeled off
    assert not {"Motors", "Assembly", "Representatives"} & found.keys()
