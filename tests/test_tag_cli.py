"""`briefreader tag`: the JSON-lines contract tools rely on (offsets exact, one line a doc)."""

from __future__ import annotations

import json
import subprocess
import sys


def _tag(stdin: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefreader", "tag", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


DOCS = [
    {"doc": "d1", "text": "  Russian President Vladimir Putin met Steve Witkoff in Moscow.\n\n"
     "Putin said the talks were useful.", "title": "ignored"},
    {"doc": 7, "text": "KYIV – Ukraine’s Foreign Minister Andrii Sybiha said Putin was not ready."},
]


def test_jsonl_offsets_index_the_given_text_exactly():
    proc = _tag("".join(json.dumps(d) + "\n" for d in DOCS), "--jsonl")
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(x) for x in proc.stdout.splitlines()]
    assert [x["doc"] for x in lines] == ["d1", 7]
    for doc, line in zip(DOCS, lines, strict=True):
        assert line["mentions"]
        for m in line["mentions"]:
            assert set(m) == {"start", "end", "kind", "entity", "text"}
            assert doc["text"][m["start"] : m["end"]] == m["text"]
    texts = {m["text"]: m for line in lines for m in line["mentions"]}
    assert texts["Vladimir Putin"]["kind"] == "person"
    assert texts["Moscow"]["kind"] == "place"
    # One collection: "Putin" in the second document is the Putin of the first.
    putin_ids = {m["entity"] for line in lines for m in line["mentions"]
                 if m["text"] in ("Putin", "Vladimir Putin")}
    assert len(putin_ids) == 1


def test_bad_lines_are_reported_with_their_number_and_others_still_tagged():
    stdin = json.dumps(DOCS[0]) + "\n{not json\n" + json.dumps({"doc": "x"}) + "\n"
    stdin += json.dumps(DOCS[1]) + "\n"
    proc = _tag(stdin, "--jsonl")
    assert proc.returncode == 1
    assert "line 2" in proc.stderr and "line 3" in proc.stderr
    assert [json.loads(x)["doc"] for x in proc.stdout.splitlines()] == ["d1", 7]


def test_plain_stdin_is_one_document():
    text = "Angela Merkel visited Paris.\n\nMerkel later flew home."
    proc = _tag(text)
    assert proc.returncode == 0, proc.stderr
    (line,) = [json.loads(x) for x in proc.stdout.splitlines()]
    ms = line["mentions"]
    assert [text[m["start"] : m["end"]] for m in ms] == [m["text"] for m in ms]
    assert len({m["entity"] for m in ms if "Merkel" in m["text"]}) == 1


def test_entities_json_contract_on_the_seeds():
    proc = subprocess.run(
        [sys.executable, "-m", "briefreader", "entities", "--json"],
        capture_output=True, text=True, encoding="utf-8",
    )
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert len(doc["articles"]) == 5
    assert set(doc["articles"][0]) == {"id", "path", "title"}
    ids = {a["id"] for a in doc["articles"]}
    putin = next(e for e in doc["entities"] if e["name"] == "Vladimir Putin")
    assert set(putin) == {"id", "name", "kind", "aliases", "descriptors", "articles", "mentions"}
    assert putin["kind"] == "person" and set(putin["articles"]) == ids
    assert isinstance(putin["mentions"], int) and putin["mentions"] > 5
