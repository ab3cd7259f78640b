"""`--ner spacy`: spaCy's spans as candidates under our own resolution (blank pipeline + rules)."""

from __future__ import annotations

import pytest

spacy = pytest.importorskip("spacy", reason="spaCy is an optional extra and is not installed")

from briefreader.entities import (  # noqa: E402
    analyze,
    article_from_text,
    spacy_backend,  # noqa: E402
)


@pytest.fixture
def ruler_pipeline():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "PERSON", "pattern": "Vladimir Putin"},
            {"label": "PERSON", "pattern": "Putin"},
            {"label": "GPE", "pattern": "Kyiv"},
            {"label": "NORP", "pattern": "Ukrainian"},
            {"label": "DATE", "pattern": "Tuesday"},
        ]
    )
    spacy_backend.set_pipeline(nlp)
    yield nlp
    spacy_backend.set_pipeline(None)


def test_spacy_spans_are_resolved_by_our_rules(ruler_pipeline):
    text = "Vladimir Putin met Ukrainian officials in Kyiv on Tuesday.\n\nPutin said little."
    analysis = analyze([article_from_text("a", text)], backend="spacy")
    ms = analysis.mentions["a"]
    assert [(m.text, m.kind) for m in ms] == [
        ("Vladimir Putin", "person"),
        ("Ukrainian", "group"),
        ("Kyiv", "place"),
        ("Putin", "person"),
    ]
    assert ms[0].entity_id == ms[3].entity_id
    assert all(text[m.start : m.end] == m.text for m in ms)
