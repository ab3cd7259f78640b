"""The shipped gazetteers: they load, hold the variants the engine relies on, and stay small.

The engine resolves "U.S." and "United States" to one entity, "Ukrainian" to Ukraine and "Kyiv"
to a city only because these files say so; a rebuild that loses a row would show up here.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

import briefreader

DATA = Path(briefreader.__file__).resolve().parent / "entities" / "data"
REPO = Path(__file__).resolve().parents[1]
BUILD_SCRIPT = REPO / "scripts" / "build_gazetteer.py"

PLACE_TYPES = {"country", "continent", "state", "region", "city"}
TITLE_KINDS = {"person-title", "org-head", "place-head", "event-head"}
FILES = {
    "places.tsv": 4,
    "nationalities.tsv": 2,
    "orgs.tsv": 3,
    "misc.tsv": 3,
    "given_names.txt": 2,
    "surnames.txt": 2,
    "titles.txt": 2,
    "stopwords.txt": 1,
    "english_words.txt": 1,
}
BUDGET_BYTES = 3 * 1024 * 1024


def rows(name: str) -> list[tuple[str, ...]]:
    """Data rows of a shipped file, checked for the declared column count."""
    out = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        cells = tuple(line.split("\t"))
        assert len(cells) == FILES[name], f"{name}: {line!r}"
        assert all(c and c == c.strip() for c in cells), f"{name}: {line!r}"
        out.append(cells)
    return out


@pytest.fixture(scope="module")
def places() -> dict[str, tuple[str, str, int]]:
    return {s: (c, t, int(p)) for s, c, t, p in rows("places.tsv")}


@pytest.fixture(scope="module")
def nationalities() -> dict[str, str]:
    return dict(rows("nationalities.tsv"))


@pytest.fixture(scope="module")
def orgs() -> dict[str, tuple[str, str]]:
    return {s: (c, t) for s, c, t in rows("orgs.tsv")}


@pytest.mark.parametrize("name", sorted(FILES))
def test_file_is_sorted_without_duplicates(name: str) -> None:
    data = rows(name)
    assert data, f"{name} is empty"
    assert data == sorted(data), f"{name} is not sorted"
    keys = [r[0] for r in data] if name != "titles.txt" else data
    assert len(keys) == len(set(keys)), f"{name} repeats a key"


def test_data_stays_within_budget() -> None:
    total = sum(p.stat().st_size for p in DATA.iterdir() if p.is_file())
    assert total < BUDGET_BYTES, f"gazetteer data is {total:,} bytes"


def test_licences_name_every_source() -> None:
    text = (DATA / "LICENSES.md").read_text(encoding="utf-8")
    for needed in ("GeoNames", "CC BY 4.0", "Census", "public domain", "build_gazetteer.py"):
        assert needed in text
    for name in FILES:
        assert f"`{name}`" in text


def test_english_words_are_ordinary_words_with_their_licence() -> None:
    text = (DATA / "english_words.txt").read_text(encoding="utf-8")
    assert "Kevin Atkinson" in text.split("\n# Permission")[0]  # the SCOWL notice travels along
    words = {r[0] for r in rows("english_words.txt")}
    assert {"sea", "bank", "director", "snowman", "meanwhile"} <= words
    # proper nouns are not ordinary words, even when the dictionary lists them capitalised
    assert not {"kipling", "paris", "ukraine", "huawei", "kyiv"} & words
    assert all(w.islower() and "'" not in w for w in words)


@pytest.mark.parametrize(
    ("surface", "canonical"),
    [
        ("U.S.", "United States"),
        ("US", "United States"),
        ("USA", "United States"),
        ("U.S.A.", "United States"),
        ("America", "United States"),
        ("United States of America", "United States"),
        ("United States", "United States"),
        ("U.K.", "United Kingdom"),
        ("UK", "United Kingdom"),
        ("Britain", "United Kingdom"),
        ("Great Britain", "United Kingdom"),
        ("Ukraine", "Ukraine"),
        ("Russia", "Russia"),
        ("Estonia", "Estonia"),
    ],
)
def test_country_variants_share_one_canonical(places, surface: str, canonical: str) -> None:
    assert places[surface][:2] == (canonical, "country")


def test_kyiv_and_kiev_are_one_city(places) -> None:
    assert places["Kyiv"][:2] == ("Kyiv", "city")
    assert places["Kiev"][:2] == ("Kyiv", "city")
    assert places["Kyiv"][2] > 1_000_000


@pytest.mark.parametrize(
    ("surface", "kind"),
    [("Europe", "continent"), ("Texas", "state"), ("Donbas", "region"), ("London", "city")],
)
def test_each_place_type_is_present(places, surface: str, kind: str) -> None:
    assert places[surface][1] == kind


def test_word_like_cities_need_context_and_big_ones_do_not(places) -> None:
    assert places["Nice"][2] == 0  # a common word: the engine must see place context
    assert "Of" not in places  # dropped outright
    assert places["Paris"][2] > 1_000_000


def test_place_types_are_known(places) -> None:
    assert {t for _c, t, _p in places.values()} <= PLACE_TYPES


@pytest.mark.parametrize(
    ("surface", "target"),
    [
        ("Ukrainian", "Ukraine"),
        ("Ukrainians", "Ukraine"),
        ("European", "Europe"),
        ("Europeans", "Europe"),
        ("American", "United States"),
        ("Americans", "United States"),
        ("British", "United Kingdom"),
        ("Russian", "Russia"),
        ("Estonian", "Estonia"),
        ("Finnish", "Finland"),
    ],
)
def test_nationalities_point_at_their_country(nationalities, surface: str, target: str) -> None:
    assert nationalities[surface] == target


def test_every_nationality_target_is_a_known_place(nationalities, places) -> None:
    canonicals = {c for c, _t, _p in places.values()}
    assert set(nationalities.values()) <= canonicals


def test_nationalities_cover_every_sovereign_country(nationalities, places) -> None:
    countries = {c for c, t, p in places.values() if t == "country" and p >= 1_000_000}
    # "Congolese" is both Congos' demonym; it points at the larger one.
    lacking = countries - set(nationalities.values()) - {"Republic of the Congo"}
    assert not lacking, f"no demonym for {sorted(lacking)}"


@pytest.mark.parametrize(
    ("surface", "canonical"),
    [
        ("NATO", "NATO"),
        ("UN", "United Nations"),
        ("U.N.", "United Nations"),
        ("EU", "European Union"),
        ("IMF", "International Monetary Fund"),
        ("Kremlin", "Kremlin"),
        ("AP", "Associated Press"),
        ("Reuters", "Reuters"),
        ("TASS", "TASS"),
        ("UNN", "UNN"),
    ],
)
def test_orgs_resolve_acronyms(orgs, surface: str, canonical: str) -> None:
    assert orgs[surface][0] == canonical


def test_misc_keeps_groups_events_and_products_apart(orgs, places) -> None:
    misc = {s: (c, k) for s, c, k in rows("misc.tsv")}
    assert {k for _c, k in misc.values()} == {"group", "event", "other"}
    assert misc["Muslims"] == ("Islam", "group")
    assert misc["WWII"] == ("World War II", "event")
    assert misc["Internet Explorer"][1] == "other"
    assert not misc.keys() & (orgs.keys() | places.keys())


def test_titles_have_known_kinds_and_the_basics() -> None:
    titles = set(rows("titles.txt"))
    assert {k for _t, k in titles} == TITLE_KINDS
    for needed in [
        ("President", "person-title"),
        ("Prime Minister", "person-title"),
        ("Gen.", "person-title"),
        ("Ministry", "org-head"),
        ("River", "place-head"),
        ("War", "event-head"),
    ]:
        assert needed in titles


def test_names_include_news_names_beyond_the_census() -> None:
    given = dict(rows("given_names.txt"))
    surnames = dict(rows("surnames.txt"))
    for name in ("Volodymyr", "Andrii", "Yuri", "Dmitry", "Margus", "Elina", "Rustem", "Mary"):
        assert name in given, name
    assert all(int(c) >= 1 for c in given.values())
    for name in ("Smith", "McDonald", "Zelensky", "Lavrov"):
        assert name in surnames, name
    for name in [*given, *surnames]:
        assert name[0].isupper(), f"{name!r} is not a capitalised name"
    assert "Lukasz" in given  # ASCII form of Łukasz, not "ukasz"


def test_stopwords_hold_non_entities_and_no_place(places) -> None:
    stop = {r[0] for r in rows("stopwords.txt")}
    for word in ("Monday", "March", "Meanwhile", "However", "Buoyed", "Photo", "Tags"):
        assert word in stop
    assert not stop & {s for s, (_c, t, _p) in places.items() if t != "city"}


def _load_build_script():
    spec = importlib.util.spec_from_file_location("build_gazetteer", BUILD_SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_gazetteer", module)
    spec.loader.exec_module(module)
    return module


def test_curated_files_rebuild_to_the_shipped_data() -> None:
    """Shipped data not hand-edited: the curated inputs give exactly the shipped rows."""
    if not BUILD_SCRIPT.is_file():
        pytest.skip("scripts/ is not part of an installed package")
    build = _load_build_script()
    place_canonicals = {r[1] for r in rows("places.tsv")}
    nationalities, _ = build.build_nationalities(place_canonicals)
    orgs, _ = build.build_orgs()
    assert sorted(set(nationalities)) == rows("nationalities.tsv")
    assert sorted(set(orgs)) == rows("orgs.tsv")
    taken = place_canonicals | {r[0] for r in rows("places.tsv")}
    taken |= {r[0] for r in rows("nationalities.tsv")} | {r[0] for r in rows("orgs.tsv")}
    assert build.build_misc(taken)[0] == rows("misc.tsv")
    assert sorted(set(build.build_titles())) == rows("titles.txt")
    assert sorted(set(build.build_stopwords())) == rows("stopwords.txt")
