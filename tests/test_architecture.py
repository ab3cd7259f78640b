"""The core must stay usable without the UI: importing it must not import Textual."""

from __future__ import annotations

import subprocess
import sys

CORE = [
    "briefreader.model",
    "briefreader.ingest",
    "briefreader.collection",
    "briefreader.commands.articles",
]


def test_core_does_not_import_textual():
    code = (
        "import importlib, sys\n"
        f"for name in {CORE!r}:\n"
        "    importlib.import_module(name)\n"
        "print('textual' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_opening_a_library_does_not_load_the_entity_engine():
    # The app reading a library shows what the library holds: importing the engine (tens of
    # milliseconds) belongs to `add`, not to every start.
    code = (
        "import sys\n"
        "import briefreader.app, briefreader.library.collection, briefreader.library.store\n"
        "print(sorted(m for m in sys.modules if m.startswith('briefreader.entities')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
