"""Parse a plain-text news article into an Article: title, date, source, typed paragraphs.

The shapes handled are the ones real files show (the bundled seeds, Wikinews dumps, copied web
pages): an optional leading ``date YYYY-MM-DD`` marker; a title line or none (then a title is
derived from the opening sentence); date lines near the top ("Dec 3, 2025 - 08:10", "Friday,
January 4, 2019", "2019-01-04"); a repeated title line; datelines opening the first paragraph
("MOSCOW:", "KYIV –"); subheads, bullets, photo captions and credits; trailing boilerplate.
Every rule is a small function below so that each can be tested and reasoned about alone.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from briefreader.ingest.sanitize import clean_text
from briefreader.model import Article, Paragraph, ParagraphKind

TITLE_MAX_WORDS = 25
TITLE_MAX_CHARS = 200
DERIVED_TITLE_CHARS = 80
HEADING_MAX_WORDS = 12
#: date lines are only looked for this many lines below the title
DATE_LINE_WINDOW = 6

_DATE_MARKER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*")
_MD_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^\s*(?:[•◦▪▫●‣∙·*–-]|\d{1,2}[.)])\s+(?=\S)")
_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_MONTH = re.compile(
    rf"\b(?:{_MONTHS})\b\.?|\b\d{{4}}-\d\d-\d\d\b|\b\d{{1,2}}/\d{{1,2}}/\d{{4}}\b", re.I
)
_TIME = re.compile(r"\b\d{1,2}:\d\d\b")
_DATE_WORDS = re.compile(
    rf"^(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?|{_MONTHS}|"
    r"\d{1,4}(?:st|nd|rd|th)?|[-/,.:–—|]|am|pm|a\.m\.|p\.m\.|utc|gmt|[ecmp][sd]t|"
    r"updated|published|posted|at|on)$",
    re.I,
)
# Photo captions and credits: labelled lines, and lines ending with a credit in parentheses.
_CAPTION_LABEL = re.compile(
    r"^(?:photo|photos|image|images|picture|video|credit|file photo|illustration|graphic|"
    r"screenshot)\b\s*[:/|-]?|^file:\S.*\.(?:jpe?g|png|gif|svg|tiff?|webm|ogv)$",
    re.I,
)
_CREDIT_TAIL = re.compile(
    r"\((?=[^()]*\b(?:via|photo|photos|getty|images|ap|afp|reuters|epa|pool|file)\b)[^()]*\)\s*$",
    re.I,
)
_URLISH = re.compile(r"\b[\w-]+\.(?:com|org|net|gov|ua|ru|uk|tv|io)\b/\S*", re.I)
_BOILERPLATE = re.compile(
    r"^(?:tags?|related(?: articles| stories| news)?|read more|share(?: this)?|"
    r"sources?|external links|see also)\s*:?(?:\s.*)?$",
    re.I,
)
# "MOSCOW:", "KYIV –", "WASHINGTON (Reuters) -", "NEW YORK, Dec 3 —"
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3})"
    r"(?:,\s*[A-Z][A-Za-z.]+(?: [A-Za-z.]+)?)?"
    r"(?:\s*\((?P<agency>[A-Za-z][\w .&-]{0,30})\))?"
    r"\s*(?::|[–—-])\s+"
)
# Outlets named by the text. "writes X" names the outlet that wrote the piece, so it wins over
# "X reports", which may be an outlet quoted by another.
_WRITES = re.compile(r"\bwrites +(?P<name>(?:the +)?[A-Z][\w&.'’-]*(?: +[A-Z][\w&.'’-]*){0,3})")
_REPORTED = re.compile(
    r"(?P<name>\b(?:The +)?[A-Z][\w&.'’-]*(?: +[A-Z][\w&.'’-]*){0,3}) +(?:reported|reports)\b"
    r"(?!\s+(?:from|on|in|that|for)\b)"
)
_VIA = re.compile(r"\bvia\s+(?P<name>AP|AFP|Reuters|Getty Images|EPA|Sputnik|TASS|Xinhua)\b")
_KNOWN_OUTLETS = frozenset(
    name.strip()
    for name in """AP|Associated Press|AFP|Agence France-Presse|Reuters|BBC|BBC News|CNN|
    The Guardian|The New York Times|The Washington Post|The Wall Street Journal|Financial Times|
    The Times|The Telegraph|The Independent|Bloomberg|Politico|Axios|NPR|Al Jazeera|Sky News|
    ABC News|CBS News|NBC News|Fox News|Deutsche Welle|DW|Le Monde|Der Spiegel|Xinhua|Kyodo|
    Yonhap|TASS|Interfax|RIA Novosti|Sputnik|UNN|Ukrinform|Kyiv Independent|Kyiv Post|Meduza|
    Wikinews|The Economist|The Atlantic|Euronews|France 24|RFE/RL|Radio Free Europe|
    Voice of America|VOA""".replace("\n", "").split("|")
)
_OUTLET_WORDS = re.compile(
    r"\b(?:News|Times|Post|Press|Journal|Herald|Tribune|Gazette|Daily|Telegraph|Guardian|"
    r"Observer|Chronicle|Mail|Express|Radio|Television|TV|Broadcasting|Agency)\b"
)
_SENTENCE_END = re.compile(r"[.!?][\"”’')]*\s+(?=[\"“‘'(]?[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    "mr ms mrs dr st jr sr gen gov sen rep lt col sgt capt prof no vs inc corp co ltd".split()
)
_TERMINAL = ".!?:;,…"
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_MULTI_SPACE = re.compile(r" {2,}")
_NON_WORD = re.compile(r"\W+")
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_DATE_TOKEN = re.compile(r"[A-Za-z]+\.?|\d+(?:st|nd|rd|th)?|[^\sA-Za-z\d]")
_CLOSERS = "\"”’')]»"


@dataclass
class _Line:
    text: str
    kind: ParagraphKind = "paragraph"


def parse_text(
    text: str,
    *,
    id: str,
    path: str | None = None,
    fallback_source: str = "",
    notices: tuple[str, ...] = (),
) -> Article:
    """Build an Article from the decoded text of one file."""
    text = clean_text(text)
    date: dt.date | dt.datetime | None = None
    marker = _DATE_MARKER.match(text)
    if marker:
        date = _iso_date(marker.group(1))
        text = text[marker.end() :]

    lines = _blocks(text)
    title, title_derived = "", False
    if lines and _is_title_line(lines[0].text, more=len(lines) > 1):
        title = _strip_md(lines.pop(0).text)

    lines, line_date = _take_date_lines(lines)
    if date is None:
        date = line_date
    if title:
        title_key = _norm(title)
        lines = [ln for ln in lines if not _normalises_to(ln.text, title_key)]

    for ln in lines:
        ln.kind = _classify(ln.text)
        if ln.kind == "bullet":
            ln.text = _BULLET.sub("", ln.text, count=1)
        elif ln.kind == "heading":
            ln.text = _strip_md(ln.text)
    lines = _drop_trailing_boilerplate(lines)
    _demote_edge_headings(lines)

    dateline, agency = _dateline(lines)
    if not title:
        title, title_derived = _derive_title(lines), True
    source = _source(lines, agency) or fallback_source

    paragraphs: list[Paragraph] = []
    pos = 0
    for ln in lines:
        if paragraphs:
            pos += 2
        paragraphs.append(Paragraph(ln.kind, pos, pos + len(ln.text), ln.text))
        pos += len(ln.text)
    body = "\n\n".join(p.text for p in paragraphs)
    return Article(
        id=id,
        title=title or id,
        text=body,
        paragraphs=tuple(paragraphs),
        date=date,
        source=source,
        path=path,
        dateline=dateline,
        title_derived=title_derived,
        notices=notices,
    )


def _iso_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _blocks(text: str) -> list[_Line]:
    """Non-empty lines; hard-wrapped paragraphs (Markdown, e-mail) are joined back together.

    Files from the web put a paragraph on one line, so each line is a block of its own. A file
    whose lines are mostly cut at a similar width is hard-wrapped: there, consecutive lines of
    one blank-separated block form one paragraph, except bullets and Markdown headings.
    """
    raw_blocks = _BLANK_LINE.split(text)
    all_lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if _hard_wrapped(raw_blocks):
        out: list[_Line] = []
        for block in raw_blocks:
            current: list[str] = []
            for ln in (x.strip() for x in block.split("\n")):
                if not ln:
                    continue
                if _BULLET.match(ln) or _MD_HEADING.match(ln):
                    if current:
                        out.append(_Line(" ".join(current)))
                    current = [ln]
                    if _MD_HEADING.match(ln):
                        out.append(_Line(ln))
                        current = []
                else:
                    current.append(ln)
            if current:
                out.append(_Line(" ".join(current)))
        return out
    return [_Line(_MULTI_SPACE.sub(" ", ln) if "  " in ln else ln) for ln in all_lines]


def _hard_wrapped(blocks: list[str]) -> bool:
    multi = [ln for b in blocks if b.count("\n") >= 2 for ln in b.strip().split("\n")[:-1]]
    if len(multi) < 4:
        return False
    lengths = sorted(len(ln.rstrip()) for ln in multi)
    median = lengths[len(lengths) // 2]
    near = sum(1 for n in lengths if abs(n - median) <= 15)
    return 40 <= median <= 100 and near >= 0.7 * len(lengths)


def _strip_md(s: str) -> str:
    m = _MD_HEADING.match(s)
    return m.group(1) if m else s


def _norm(s: str) -> str:
    return _NON_WORD.sub(" ", s).strip().casefold()


def _normalises_to(s: str, key: str) -> bool:
    """``_norm(s) == key``, mostly decided on a short prefix of ``s`` (a paragraph is long).

    The normal form of a prefix, stripped, is a prefix of the normal form of the whole.
    """
    if len(s) > len(key) + 16 and not key.startswith(_norm(s[: len(key) + 16])):
        return False
    return _norm(s) == key


def _ends_sentence(s: str) -> bool:
    s = s.rstrip().rstrip(_CLOSERS)
    return bool(s) and s[-1] in _TERMINAL


def _is_title_line(s: str, *, more: bool) -> bool:
    if _MD_HEADING.match(s):
        return True
    if not more or _is_caption(s) or _is_date_line(s) or _BULLET.match(s):
        return False
    words = s.split()
    if len(words) > TITLE_MAX_WORDS or len(s) > TITLE_MAX_CHARS:
        return False
    stripped = s.rstrip().rstrip(_CLOSERS)
    # "no final full stop": a question or exclamation can still be a headline
    return bool(stripped) and stripped[-1] not in ".:;,…" and not _DATELINE.match(s + " ")


def _is_date_line(s: str) -> bool:
    """A short line that is only a date, maybe with a weekday and a time."""
    return _date_line_value(s) is not None


def _date_line_value(s: str) -> dt.date | dt.datetime | None:
    """The date a date line gives, or None if ``s`` is not a date line."""
    if len(s) > 60 or not _YEAR.search(s) or not _MONTH.search(s):
        return None
    if _ISO_DAY.match(s):
        try:
            return dt.date.fromisoformat(s)  # what dateutil makes of it, 100x sooner
        except ValueError:
            pass
    tokens = _DATE_TOKEN.findall(s.replace("-", " - "))
    if not all(_DATE_WORDS.match(t) or t.isdecimal() for t in tokens):  # isdecimal: \d
        return None
    return _parse_date(s)


#: The common date lines ("Monday, February 14, 2011", "Dec 3, 2025 - 08:10", "3 December
#: 2025"), read without dateutil: importing it costs ~10 ms of every start-up.
_SIMPLE_DATE = re.compile(
    r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
    rf"(?:(?P<month>{_MONTHS})\.?\s+(?P<day>\d{{1,2}}),?|(?P<day2>\d{{1,2}})\s+"
    rf"(?P<month2>{_MONTHS})\.?,?)\s+(?P<year>(?:19|20)\d\d)"
    r"(?:\s*[-–—,|]?\s*(?P<hour>\d{1,2}):(?P<minute>\d\d))?",
    re.I,
)
_MONTH_NUMBER = {
    m: i
    for i, names in enumerate(
        ("jan january", "feb february", "mar march", "apr april", "may", "jun june",
         "jul july", "aug august", "sep sept september", "oct october", "nov november",
         "dec december"),
        start=1,
    )
    for m in names.split()
}


def _parse_date(s: str) -> dt.date | dt.datetime | None:
    m = _SIMPLE_DATE.fullmatch(s.strip())
    if m is not None:
        month = _MONTH_NUMBER[(m["month"] or m["month2"]).casefold()]
        try:
            day = dt.date(int(m["year"]), month, int(m["day"] or m["day2"]))
        except ValueError:
            return None
        if m["hour"] is None:
            return day
        hour, minute = int(m["hour"]), int(m["minute"])
        if hour > 23 or minute > 59:
            return None
        return dt.datetime(day.year, day.month, day.day, hour, minute)
    from dateutil import parser as date_parser  # the rare other forms

    try:
        value = date_parser.parse(s.replace("–", "-").replace("—", "-"), fuzzy=True)
    except (ValueError, OverflowError):
        return None
    if _TIME.search(s):
        return value.replace(tzinfo=None, second=0, microsecond=0)
    return value.date()


def _take_date_lines(lines: list[_Line]) -> tuple[list[_Line], dt.date | dt.datetime | None]:
    """Remove date lines near the top; the first (most precise when tied) is the date."""
    found: dt.date | dt.datetime | None = None
    kept: list[_Line] = []
    for i, ln in enumerate(lines):
        value = _date_line_value(ln.text) if i < DATE_LINE_WINDOW else None
        if value is not None:
            if found is None or (
                isinstance(value, dt.datetime)
                and not isinstance(found, dt.datetime)
                and value.date() == found
            ):
                found = value
            continue
        kept.append(ln)
    return kept, found


def _is_caption(s: str) -> bool:
    if _CAPTION_LABEL.match(s):
        return True
    if _CREDIT_TAIL.search(s):
        return True
    # a bare link or "screenshot / youtube.com/..." line
    return len(s.split()) <= 8 and bool(_URLISH.search(s))


def _classify(s: str) -> ParagraphKind:
    if _MD_HEADING.match(s):
        return "heading"
    if _BULLET.match(s):
        return "bullet"
    if _is_caption(s):
        return "caption"
    words = s.split()
    if len(words) <= HEADING_MAX_WORDS and not _ends_sentence(s) and s[:1].isupper():
        return "heading"
    return "paragraph"


def _demote_edge_headings(lines: list[_Line]) -> None:
    """A subhead sits between paragraphs: a "heading" with no paragraph after it is text."""
    for i, ln in enumerate(lines):
        if ln.kind != "heading" or _MD_HEADING.match(ln.text):
            continue
        after = lines[i + 1] if i + 1 < len(lines) else None
        if after is None or after.kind == "heading":
            ln.kind = "paragraph"


def _drop_trailing_boilerplate(lines: list[_Line]) -> list[_Line]:
    while lines and _BOILERPLATE.match(lines[-1].text) and len(lines[-1].text.split()) <= 20:
        lines = lines[:-1]
    return lines


def _dateline(lines: list[_Line]) -> tuple[str | None, str | None]:
    first = next((ln for ln in lines if ln.kind == "paragraph"), None)
    if first is None:
        return None, None
    m = _DATELINE.match(first.text)
    if not m or len(m.group("place")) < 3:
        return None, None
    place = m.group("place").title().replace("’S", "’s").replace("'S", "'s")
    return place, m.group("agency")


def _derive_title(lines: list[_Line]) -> str:
    """The opening sentence, without dateline, cut at a word boundary with an ellipsis."""
    first = next((ln for ln in lines if ln.kind == "paragraph"), None)
    if first is None:
        first = next((ln for ln in lines if ln.kind != "caption"), None)
    if first is None:
        return ""
    s = first.text
    m = _DATELINE.match(s)
    if m:
        s = s[m.end() :]
    sentence = _first_sentence(s)
    sentence = sentence.strip().rstrip(".")
    if len(sentence) <= DERIVED_TITLE_CHARS:
        return sentence
    cut = sentence[: DERIVED_TITLE_CHARS + 1]
    space = cut.rfind(" ")
    cut = cut[:space] if space > 20 else cut[:DERIVED_TITLE_CHARS]
    return cut.rstrip(" ,;:–—-") + "…"


def _first_sentence(s: str) -> str:
    """Up to the first full stop that ends a sentence (not "U.S." or "Gov.")."""
    for m in _SENTENCE_END.finditer(s):
        word = re.search(r"(\w+)\W*$", s[: m.start()])
        if word and (len(word.group(1)) == 1 or word.group(1).lower() in _ABBREVIATIONS):
            continue
        return s[: m.start() + 1]
    return s


def _source(lines: list[_Line], agency: str | None) -> str | None:
    text = "\n".join(ln.text for ln in lines)
    # Each pattern needs a fixed word: a substring test skips the regex scan of most articles.
    m = _WRITES.search(text) if "writes " in text else None
    if m and _plausible_outlet(m.group("name"), writes=True):
        return _clean_name(m.group("name"))
    m = _VIA.search(text) if "via" in text else None
    if m:
        return m.group("name")
    if agency:
        return agency
    for m in _reported(text):
        name = m.group("name")
        if _plausible_outlet(name):
            return _clean_name(name)
    return None


def _reported(text: str) -> Iterator[re.Match[str]]:
    """``_REPORTED.finditer(text)``, scanning only the lines that hold "report".

    A match never spans lines (names are joined by spaces only), but its look-ahead reads the
    whitespace after the line and a short word of the next one, so each scan reaches that far.
    """
    n = len(text)
    start = 0
    while (i := text.find("report", start)) >= 0:
        line_start = text.rfind("\n", 0, i) + 1
        line_end = text.find("\n", i)
        if line_end < 0:
            line_end = n
        j = line_end
        while j < n and text[j].isspace():
            j += 1
        yield from _REPORTED.finditer(text, line_start, min(n, j + 5))
        start = line_end


def _clean_name(name: str) -> str:
    """The name up to the end of its clause ("UNN. More" -> "UNN")."""
    name = re.split(r"[.,;:] ", name.strip() + " ", maxsplit=1)[0]
    return name.strip().rstrip(".,;:’'-")


def _plausible_outlet(name: str, *, writes: bool = False) -> bool:
    """Is this the name of a news outlet, not a reporter ("Cook reported") or an agency?

    "writes X" is itself strong evidence, so any name or acronym passes; "X reported" passes
    only for known outlets and names that look like one ("The Daily Star", "Kyiv Post").
    """
    name = _clean_name(name)
    bare = name.removeprefix("The ")
    if name in _KNOWN_OUTLETS or bare in _KNOWN_OUTLETS:
        return True
    if writes:
        return True
    return bool(_OUTLET_WORDS.search(name))
