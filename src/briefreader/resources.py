"""Locate the bundled seeds and styles, from a checkout or an installed wheel.

The wheel carries them under ``briefreader/_bundled``; a checkout keeps them at the repository
top level (the design card asks for it), two folders above this file's package.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def _bundled(name: str) -> Path:
    installed = _PACKAGE / "_bundled" / name
    if installed.is_dir():
        return installed
    checkout = _PACKAGE.parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"bundled folder {name!r} is missing from this installation")


def seeds_dir() -> Path:
    return _bundled("seeds")


def styles_dir() -> Path:
    return _bundled("styles")
