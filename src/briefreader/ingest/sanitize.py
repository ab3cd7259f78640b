"""Remove what could make article text act on the terminal or the app.

Article text is untrusted: an escape sequence in a file must not recolour the screen, set the
clipboard (OSC 52), open a hyperlink or move the cursor. We remove terminal escape sequences
(CSI, OSC, DCS/SOS/PM/APC strings, two-character escapes), C0 and C1 control characters other than
newline, and the invisible Unicode controls that can disguise text (bidirectional overrides,
zero-width characters, the byte-order mark). Line endings become "\\n", tabs and no-break spaces
become plain spaces, so that every later layer sees one simple alphabet of whitespace.
"""

from __future__ import annotations

import re

_ESCAPES = re.compile(
    r"""
      \x1b\[[0-?]*[ -/]*[@-~]?                 # CSI ... final byte
    | \x9b[0-?]*[ -/]*[@-~]?                   # 8-bit CSI
    | \x1b\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?   # OSC: clipboard, links, title
    | \x9d[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?
    | \x1b[PX^_][^\x1b\x9c]*(?:\x1b\\|\x9c)?   # DCS, SOS, PM, APC strings
    | [\x90\x98\x9e\x9f][^\x1b\x9c]*(?:\x1b\\|\x9c)?
    | \x1b[ -/]*[0-~]?                         # other escapes (ESC c, ESC ( B, ...)
    """,
    re.VERBOSE,
)

_ESCAPE_START = re.compile("[\x1b\x80-\x9f]")

# C0 controls except \t and \n (\r is handled first), DEL, C1 controls, and invisible format
# characters: zero-width space/joiners, bidi embeddings/overrides/isolates, word joiner, BOM.
_CONTROLS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
_SPACES = re.compile("[\t\u00a0\u2007\u202f]")


def clean_text(text: str) -> str:
    """Text with escape sequences and control characters removed and whitespace normalised."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _ESCAPE_START.search(text):
        text = _ESCAPES.sub("", text)
    text = _CONTROLS.sub("", text)
    return _SPACES.sub(" ", text)
