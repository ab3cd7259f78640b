"""The gazetteer cache: written atomically, rebuilt when broken, never fatal when unwritable."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from briefreader.entities import lexicon as lexmod


def _tag(env_cache: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_CACHE_HOME": env_cache}
    doc = {"doc": "a", "text": "Angela Merkel met Emmanuel Macron in Paris."}
    return subprocess.run(
        [sys.executable, "-m", "briefreader", "tag", "--jsonl"],
        input=json.dumps(doc) + "\n",
        capture_output=True,
        text=True,
        env=env,
    )


def _kinds(proc: subprocess.CompletedProcess[str]) -> dict[str, str]:
    (line,) = proc.stdout.splitlines()
    return {m["text"]: m["kind"] for m in json.loads(line)["mentions"]}


def test_tag_works_when_the_cache_folder_cannot_be_created(tmp_path: Path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go")
    proc = _tag(str(blocker))
    assert proc.returncode == 0, proc.stderr
    assert _kinds(proc)["Paris"] == "place"
    assert blocker.read_text() == "a file where the cache folder would go"


def test_cache_is_written_once_then_reused_and_a_broken_one_is_rebuilt(tmp_path: Path):
    first = _tag(str(tmp_path))
    assert first.returncode == 0, first.stderr
    files = list((tmp_path / "briefreader").iterdir())
    assert len(files) == 1 and not files[0].name.endswith(".tmp")
    second = _tag(str(tmp_path))
    assert _kinds(second) == _kinds(first)
    files[0].write_bytes(b"\x00 truncated")
    third = _tag(str(tmp_path))
    assert third.returncode == 0, third.stderr
    assert _kinds(third) == _kinds(first)
    assert files[0].stat().st_size > 1000  # rebuilt and written again


def test_write_cache_leaves_no_partial_file_and_round_trips(tmp_path: Path):
    lex = lexmod.lexicon()
    path = tmp_path / "briefreader" / "lexicon-test.marshal"
    assert lexmod.write_cache(lex, path)
    assert [p.name for p in path.parent.iterdir()] == [path.name]
    again = lexmod._load(path.read_bytes())
    assert again.names == lex.names and again.given == lex.given
    assert not lexmod.write_cache(lex, tmp_path / "briefreader" / path.name / "nested")
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_cache_round_trip_keeps_the_multiword_matcher():
    lex = lexmod.build_lexicon()
    back = lexmod._load(lexmod._dump(lex))
    text = "Troops left Bosnia and Herzegovina."
    assert list(back.automaton.iter(text)) == list(lex.automaton.iter(text))
    assert list(back.automaton.iter(text))  # the name is found at all
    assert back.names == lex.names and back.surnames == lex.surnames
