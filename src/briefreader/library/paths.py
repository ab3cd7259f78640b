"""Where the library lives: ``--library DIR``, else ``$BRIEFREADER_HOME``, else user data."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "BRIEFREADER_HOME"


def library_dir(override: Path | str | None = None) -> Path:
    """The library folder the user asked for, or the platform's usual place for app data."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("briefreader", appauthor=False))
