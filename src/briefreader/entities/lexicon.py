"""Gazetteers and word lists the engine consults, loaded once, lazily and fast.

The source files live in ``entities/data/`` (TSV, ``#`` comments; see its LICENSES.md). Parsing
them and building the Aho-Corasick automaton costs tens of milliseconds, which `briefreader tag`
pays at every start, so the built form is cached as one marshal file in the user cache folder,
keyed by the data files' sizes and modification times; the cache is written atomically, and an
unwritable cache folder only means building in memory. Everything degrades to empty lists when
a file is absent, so the engine still runs (with less knowledge) from a partial checkout.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import tempfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"
COMMON_WORDS = Path(__file__).resolve().parent / "model" / "common_words.txt"
_FILES = (
    "places.tsv",
    "nationalities.tsv",
    "orgs.tsv",
    "given_names.txt",
    "surnames.txt",
    "titles.txt",
    "stopwords.txt",
    "misc.tsv",
    "english_words.txt",
)
_CACHE_VERSION = 10
#: Subtype of a city whose name is also an ordinary word or a person's name (Nice, Reading,
#: Charlotte): the gazetteer lists it with population 0, and context decides.
AMBIGUOUS_CITY = "city-word"

#: Built in so that the engine knows its basic vocabulary even without the data files.
WEEKDAYS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday "
    "mon tue tues wed thu thur thurs fri sat sun".split()
)
MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
#: Head words that make a capitalised phrase an organisation ("... Ministry", "University of").
ORG_HEADS = frozenset(
    """ministry department university college school academy institute council committee
    commission agency bureau office party union league federation association society foundation
    company corporation corp inc ltd llc group bank court parliament senate congress assembly
    government administration army navy police force forces guard service services church
    network newspaper times post journal news press club team fc united center centre board
    authority trust fund organization organisation alliance coalition movement front cabinet
    secretariat tribunal directorate command airlines airways railways museum library hospital
    foundation institution council's brigade regiment division corps""".split()
)
PLACE_HEADS = frozenset(
    """city county province state republic kingdom island islands isle sea ocean river lake
    mountain mountains mount mt bay gulf strait valley street st avenue ave road square bridge
    park airport station palace hall castle tower region district village town peninsula desert
    coast beach harbour harbor port oblast territory prefecture canyon falls cathedral""".split()
)
EVENT_HEADS = frozenset(
    """war battle siege revolution olympics games cup championship championships festival summit
    conference election elections treaty accord agreement crisis massacre uprising award awards
    prize tournament expo marathon olympiad olympiads""".split()
)
#: Capitalised only because they start a sentence or a title: never the start of a name.
FUNCTION_WORDS = frozenset(
    "the a an in on at of for and but or if as by to from with this that these those it its "
    "he she they we you i his her their our my your after before when while since during "
    "under over about into than then there here so yet not no".split()
)
#: Used when titles.txt is absent: words that, before a name, describe a person.
_DEFAULT_TITLES = {
    w: "person-title"
    for w in """president minister secretary senator ambassador governor mayor king queen prince
    princess pope chancellor premier general admiral colonel captain lieutenant sergeant
    spokesman spokeswoman spokesperson envoy aide adviser advisor chairman chairwoman chair ceo
    director chief judge justice sheriff commissioner mr mrs ms dr prof professor rev sir lord
    lady dame gov sen rep representative deputy leader coach manager founder minister-designate
    prosecutor attorney lawyer officer commander head emir sheikh sultan president-elect
    vice-president secretary-general foreign-minister""".split()
}


@dataclass(slots=True)
class Lexicon:
    """Everything the extractor and classifier look up, in plain dicts and sets."""

    #: normalised surface -> (kind, canonical, subtype); kind in place/org/group
    names: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    #: Aho-Corasick automaton over exact surfaces of multi-word names with a lowercase word
    #: (value: surface length)
    automaton: Any = None
    given: frozenset[str] = frozenset()
    surnames: frozenset[str] = frozenset()
    titles: dict[str, str] = field(default_factory=dict)
    stopwords: frozenset[str] = frozenset()
    #: stop words and function words (casefolded): peeled off the front of a capitalised run
    skip: frozenset[str] = frozenset()
    #: ordinary lowercase words (derived from the training text): not names at sentence starts
    common: frozenset[str] = frozenset()
    #: the English dictionary's lowercase words (SCOWL): a capitalised one is less likely a name
    english: frozenset[str] = frozenset()


#: Suffix of the keys of names that end in a possessive ("mcdonald's").
POSSESSIVE = "'s"
_KEYS: dict[str, str] = {}


def norm_key(surface: str) -> str:
    """The lookup key shared by variants: "U.S." / "US" -> "us", "KYIV" -> "kyiv"."""
    key = _KEYS.get(surface)
    if key is None:
        if len(_KEYS) > 500_000:
            _KEYS.clear()
        key = _KEYS[surface] = key_once(surface)
    return key


def key_once(surface: str) -> str:
    """norm_key without its cache, for look-ups of passing word sequences that would only fill
    it (each cached key costs about 200 bytes in every analysis worker)."""
    s = surface.replace("’", "'")
    if s.endswith(("'s", "'")) and len(s) > 3:
        s = s[:-2] if s.endswith("'s") else s[:-1]
    return s.replace(".", "").replace("  ", " ").strip().casefold()


def _rows(path: Path) -> list[list[str]]:
    if not path.is_file():
        return []
    out = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            out.append(line.rstrip("\n").split("\t"))
    return out


def build_lexicon(data_dir: Path = DATA_DIR) -> Lexicon:
    """Parse the data files into a Lexicon (slow path; normally read from the cache)."""

    names: dict[str, tuple[str, str, str]] = {}
    multi: set[str] = set()

    def add(surface: str, kind: str, canonical: str, subtype: str) -> None:
        surface = surface.strip()
        if not surface or not surface[0].isupper():
            return
        key = norm_key(surface)
        if surface.endswith(("'s", "’s")):
            # "McDonald's", "Moody's": kept apart from the surnames "McDonald", "Moody"; a
            # candidate followed by 's looks this key up (see POSSESSIVE).
            key += POSSESSIVE
        # The first (most important) source wins: places before orgs, bigger places first.
        names.setdefault(key, (kind, canonical.strip() or surface, subtype))
        if " " in surface and not all(t[:1].isupper() for t in surface.split(" ")):
            # Only names with a word the capitalised-run finder cannot cross ("Bosnia and
            # Herzegovina", "Isle of Man") need the automaton; the rest are one run already.
            # Keeping it small keeps start-up fast (it is unpickled at every start).
            multi.add(surface)

    places = _rows(data_dir / "places.tsv")
    places.sort(key=lambda r: -_int(r[3]) if len(r) > 3 else 0)
    # Countries, continents and states first: "Georgia" the country before any city.
    rank = {"country": 0, "continent": 1, "state": 2, "region": 3, "city": 4}
    places.sort(key=lambda r: rank.get(r[2] if len(r) > 2 else "", 5))
    for r in places:
        if len(r) >= 2:
            sub = r[2] if len(r) > 2 else ""
            if sub == "city" and len(r) > 3 and _int(r[3]) == 0:
                sub = AMBIGUOUS_CITY
            add(r[0], "place", r[1], sub)
    for r in _rows(data_dir / "nationalities.tsv"):
        if len(r) >= 2:
            add(r[0], "group", r[1], "nationality")
    for r in _rows(data_dir / "orgs.tsv"):
        if len(r) >= 2:
            add(r[0], "org", r[1], r[2] if len(r) > 2 else "")
    # Religions, peoples, events, products: known names that are no person, org or place.
    for r in _rows(data_dir / "misc.tsv"):
        if len(r) >= 3 and r[2] in ("group", "event", "other"):
            add(r[0], r[2], r[1], "misc")
    automaton = _automaton(sorted(multi))
    given = frozenset(r[0].strip() for r in _rows(data_dir / "given_names.txt") if r and r[0])
    surnames = frozenset(r[0].strip() for r in _rows(data_dir / "surnames.txt") if r and r[0])
    titles = {
        r[0].strip().rstrip(".").casefold(): (r[1].strip() if len(r) > 1 else "person-title")
        for r in _rows(data_dir / "titles.txt")
        if r and r[0].strip()
    } or dict(_DEFAULT_TITLES)
    stop = frozenset(r[0].strip().casefold() for r in _rows(data_dir / "stopwords.txt") if r)
    common = frozenset(r[0].strip() for r in _rows(COMMON_WORDS) if r and r[0].strip())
    english = frozenset(r[0] for r in _rows(data_dir / "english_words.txt") if r and r[0])
    return Lexicon(
        common=common,
        english=english,
        names=names,
        automaton=automaton,
        given=given,
        surnames=surnames,
        titles=titles,
        stopwords=stop,
        skip=stop | FUNCTION_WORDS,
    )


def _int(s: str) -> int:
    try:
        return int(s)
    except ValueError:
        return 0


def _cache_path(data_dir: Path) -> Path:
    parts = [str(_CACHE_VERSION), str(data_dir)]
    for p in [*(data_dir / name for name in _FILES), COMMON_WORDS]:
        if p.is_file():
            st = p.stat()
            parts.append(f"{p.name}:{st.st_size}:{st.st_mtime_ns}")
    import zlib  # hashlib costs 3 ms of start-up; two 32-bit checksums name the cache as well

    raw = "|".join(parts).encode()
    digest = f"{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}"
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "briefreader" / f"lexicon-{digest}.marshal"


_SET_FIELDS = ("given", "surnames", "stopwords", "skip", "common", "english")


def _dump(lex: Lexicon) -> bytes:
    """The Lexicon as marshal data (plain dicts and sets load about twice as fast as pickle).

    The automaton is stored as its surfaces and rebuilt at load (3 ms for 2,500 names), which
    spares importing pickle and unpickling it."""
    data: dict[str, Any] = {f: getattr(lex, f) for f in _SET_FIELDS}
    data["names"] = lex.names
    data["titles"] = lex.titles
    data["automaton"] = [k for k, _ in lex.automaton.items()] if lex.automaton else []
    data["version"] = _CACHE_VERSION
    return marshal.dumps(data)


def _load(raw: bytes) -> Lexicon:
    data = marshal.loads(raw)
    if data.get("version") != _CACHE_VERSION:
        raise ValueError("stale lexicon cache")
    return Lexicon(
        names=data["names"],
        automaton=_automaton(data["automaton"]),
        titles=data["titles"],
        **{f: data[f] for f in _SET_FIELDS},
    )


def _automaton(surfaces: list[str]) -> Any:
    """An Aho-Corasick automaton over ``surfaces`` (value: the surface's length), or None."""
    if not surfaces:
        return None
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for surface in surfaces:
        automaton.add_word(surface, len(surface))
    automaton.make_automaton()
    return automaton


def write_cache(lex: Lexicon, path: Path) -> bool:
    """Write the cache atomically (temp file in the same folder, then rename); False if the
    folder cannot be written, which is never an error: the next run builds it again."""
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as f:
            f.write(_dump(lex))
        os.replace(tmp, path)
        tmp = None
        for old in path.parent.glob("lexicon-*"):
            if old != path and not old.name.endswith(".tmp"):
                old.unlink(missing_ok=True)  # caches of older data files
        return True
    except (OSError, ValueError):
        return False
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


@cache
def lexicon() -> Lexicon:
    """The shared Lexicon: from the cache when fresh, else built (and cached when possible)."""
    path = _cache_path(DATA_DIR)
    try:
        return _load(path.read_bytes())
    except Exception:  # noqa: BLE001 - an absent, unreadable or broken cache is rebuilt
        pass
    lex = build_lexicon(DATA_DIR)
    write_cache(lex, path)
    return lex
