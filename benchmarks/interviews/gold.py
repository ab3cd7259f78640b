#!/usr/bin/env python3
"""Our hand-annotated sample of Wikinews interviews, read from its inline markup.

    python benchmarks/interviews/gold.py [--set dev|test] [--write FILE] [--originals DIR]
                                         [--agreement]

Each `dev/DOC.ANNOTATOR.ann.txt` (11 interviews) and `test/DOC.ANNOTATOR.ann.txt` (8 interview
excerpts of about 900 words, annotated after the rules were written; see README.md) is the text
with every named person, organisation and place marked the way GUM marks them (see GUIDE.md):
`[[TYPE|the whole mention with its {head} word]]`, nesting allowed, TYPE one of person,
organization, place, optionally `TYPE=CLUSTER`. This turns them into documents in the schema of
`shared/eval/gum_news.jsonl`, so that `shared/eval/score_entities.py` scores a tagger on them.
Speaker labels ("((WN))", "LM:") are left out of the gold, and `without_labels` drops them from
predictions too: GUM's own interview texts are not known to carry them.
--originals checks that every text is its source file, byte for byte (the test excerpts: its
opening paragraphs); --agreement prints the annotators' pairwise F1 on the file all four
annotated (`agreement/`).
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TYPES = frozenset({"person", "organization", "place"})


def parse(marked: str, source: str = "") -> tuple[str, list[dict]]:
    """The plain text and its mentions (start, end, type, cluster, anchor_start, anchor_end)."""
    out: list[str] = []
    stack: list[dict] = []
    found: list[dict] = []
    pos = i = 0
    while i < len(marked):
        if marked.startswith("[[", i):
            bar = marked.find("|", i)
            typ, _, cluster = marked[i + 2 : bar].partition("=")
            if bar < 0 or typ not in TYPES:
                raise ValueError(f"{source}: bad mention opening at {marked[i : i + 60]!r}")
            stack.append({"type": typ, "cluster": cluster, "start": pos, "head": []})
            i = bar + 1
        elif marked.startswith("]]", i):
            if not stack or len(stack[-1]["head"]) != 2:
                raise ValueError(f"{source}: ']]' without a mention or a {{head}} near {pos}")
            m = stack.pop()
            m["end"] = pos
            found.append(m)
            i += 2
        elif marked[i] in "{}":
            if not stack or len(stack[-1]["head"]) != "{}".index(marked[i]):
                raise ValueError(f"{source}: stray {marked[i]!r} near character {pos}")
            stack[-1]["head"].append(pos)
            i += 1
        else:
            out.append(marked[i])
            pos += 1
            i += 1
    if stack:
        raise ValueError(f"{source}: a mention is not closed")
    return "".join(out), found


def is_label(text: str, start: int, end: int) -> bool:
    """A speaker label: "((WN))", or a paragraph's first words before a colon ("LM:")."""
    return text[max(0, start - 2) : start] == "((" or (
        text.rfind("\n", 0, start) + 1 == start and text[end : end + 1] == ":"
    )


def document(path: Path) -> dict:
    doc = path.name.split(".", 1)[0]
    text, found = parse(path.read_text(encoding="utf-8"), str(path))
    entities = []
    for m in sorted(found, key=lambda m: (m["start"], -m["end"])):
        if is_label(text, m["start"], m["end"]):
            continue
        mention = text[m["start"] : m["end"]]
        cluster = m["cluster"] or re.sub(r"^[Tt]he |['’]s$", "", mention)
        entities.append(
            {
                "start": m["start"],
                "end": m["end"],
                "type": m["type"],
                "named": True,
                "cluster": f"{doc}:{cluster}",
                "anchor_start": m["head"][0],
                "anchor_end": m["head"][1],
            }
        )
    return {"doc": doc, "annotator": path.name.split(".")[1], "text": text, "entities": entities}


def documents(which: str = "dev") -> list[dict]:
    """The "dev" or the "test" documents."""
    return [document(p) for p in sorted((HERE / which).glob("*.ann.txt"))]


def without_labels(pred: dict, text: str) -> dict:
    """A `tag` output line without the mentions that are speaker labels."""
    kept = [m for m in pred["mentions"] if not is_label(text, m["start"], m["end"])]
    return {**pred, "mentions": kept}


def agreement() -> None:
    shared = sorted((HERE / "agreement").glob("*.ann.txt"))
    doc = shared[0].name.split(".", 1)[0]
    versions = [document(p) for p in shared]
    versions += [d for d in documents("dev") if d["doc"] == doc]
    heads = {
        v["annotator"]: {(e["anchor_start"], e["anchor_end"]): e["type"] for e in v["entities"]}
        for v in versions
    }
    print(f"agreement on {doc}: head word matched, F1 between annotators")
    for x, y in itertools.combinations(sorted(heads), 2):
        hx, hy = heads[x], heads[y]
        both = hx.keys() & hy.keys()
        typed = sum(hx[k] == hy[k] for k in both)
        total = len(hx) + len(hy)
        print(
            f"  {x}-{y}: {len(hx)}/{len(hy)} mentions, untyped {200 * len(both) / total:.1f}, "
            f"typed {200 * typed / total:.1f}"
        )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", choices=("dev", "test"), default="dev")
    ap.add_argument("--write", type=Path, help="write the gold documents as JSON lines")
    ap.add_argument("--originals", type=Path, help="folder of the source .txt files to check")
    ap.add_argument("--agreement", action="store_true")
    a = ap.parse_args()
    docs = documents(a.set)
    counts: dict[str, int] = {}
    for d in docs:
        for e in d["entities"]:
            counts[e["type"]] = counts.get(e["type"], 0) + 1
        if a.originals is not None:
            original = (a.originals / f"{d['doc']}.txt").read_text(encoding="utf-8")
            opening = d["text"].rstrip("\n")
            if not (original == d["text"] or original.startswith(opening + "\n\n")):
                print(f"{d['doc']}: the annotated text differs from the original", file=sys.stderr)
                return 1
    words = sum(len(d["text"].split()) for d in docs)
    print(f"{len(docs)} documents, {words} words, mentions by type: {counts}")
    if a.write is not None:
        a.write.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs))
    if a.agreement:
        agreement()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
