"""User key bindings: a TOML file in the platform config dir remaps bindings by their id.

Every binding in the app carries an ``id`` (see the help screen, ``?``), so a user can write::

    # ~/.config/briefreader/keymap.toml
    [keymap]
    next_mention = "n,ctrl+down"
    back = "backspace,h"

and the app passes the table to ``App.set_keymap``. A broken file never stops the app: its
problems are shown as a notification and the defaults stay.
"""

from __future__ import annotations

import os
from pathlib import Path

KEYMAP_FILE = "keymap.toml"
ENV_VAR = "BRIEFREADER_KEYMAP"


def keymap_path() -> Path:
    """Where the user's keymap lives: $BRIEFREADER_KEYMAP, else the platform config dir."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir("briefreader")) / KEYMAP_FILE


def parse_keymap(text: str, known_ids: set[str] | None = None) -> tuple[dict[str, str], list[str]]:
    """The binding-id -> keys table in ``text``, and what was wrong with it.

    Keys are a comma-separated string (``"n,ctrl+down"``) or a list of strings. Entries may sit
    under a ``[keymap]`` table or at the top level. Unknown ids are reported (usually a typo) and
    skipped.
    """
    import tomllib  # here, not at the top: most users have no keymap file

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return {}, [f"not valid TOML: {exc}"]
    table = data.get("keymap", data)
    if not isinstance(table, dict):
        return {}, ["[keymap] must be a table of binding id = keys"]
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, keys in table.items():
        if isinstance(keys, list) and all(isinstance(k, str) for k in keys):
            keys = ",".join(keys)
        if not isinstance(keys, str) or not keys.strip():
            problems.append(f"{binding_id}: keys must be a string like \"n,ctrl+down\"")
            continue
        if known_ids is not None and binding_id not in known_ids:
            problems.append(f"{binding_id}: no binding has this id")
            continue
        keymap[binding_id] = ",".join(k.strip() for k in keys.split(",") if k.strip())
    return keymap, problems


def load_keymap(
    path: Path | None = None, known_ids: set[str] | None = None
) -> tuple[dict[str, str], list[str]]:
    """Read the user's keymap file; a missing file is simply no remapping."""
    path = keymap_path() if path is None else path
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, []
    except (OSError, UnicodeDecodeError) as exc:
        return {}, [f"{path}: {exc}"]
    keymap, problems = parse_keymap(text, known_ids)
    return keymap, [f"{path}: {p}" for p in problems]
