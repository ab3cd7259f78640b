"""The annotated interview sample the entity benchmark scores against stays well-formed."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

GOLD = Path(__file__).resolve().parents[1] / "benchmarks" / "interviews" / "gold.py"


@pytest.fixture(scope="module")
def gold():
    spec = importlib.util.spec_from_file_location("interview_gold", GOLD)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_annotation_parses_with_its_head_inside_the_mention(gold):
    docs = gold.documents("dev") + gold.documents("test")
    assert len(docs) == 19
    for d in docs:
        assert d["entities"], d["doc"]
        for e in d["entities"]:
            assert e["start"] <= e["anchor_start"] < e["anchor_end"] <= e["end"]
            assert d["text"][e["anchor_start"] : e["anchor_end"]].strip()
            assert not gold.is_label(d["text"], e["start"], e["end"])


def test_markup_errors_name_the_file_and_the_place(gold):
    with pytest.raises(ValueError, match="x.ann.txt.*head"):
        gold.parse("[[person|Bill Hammons]] spoke.", "x.ann.txt")
    with pytest.raises(ValueError, match="bad mention opening"):
        gold.parse("[[persn|{Bill}]]", "x.ann.txt")
    text, found = gold.parse("[[organization|the {University} of [[place|{Paris}]]]]")
    assert text == "the University of Paris"
    assert [(m["type"], text[m["start"] : m["end"]]) for m in found] == [
        ("place", "Paris"),
        ("organization", "the University of Paris"),
    ]


def test_speaker_labels_are_dropped_from_predictions(gold):
    text = "((WN)) Why run?\n\nLM: Because Victoria needs it."
    pred = {
        "doc": "d",
        "mentions": [
            {"start": 2, "end": 4, "kind": "org"},
            {"start": 17, "end": 19, "kind": "person"},
            {"start": 29, "end": 37, "kind": "place"},
        ],
    }
    assert [m["start"] for m in gold.without_labels(pred, text)["mentions"]] == [29]
