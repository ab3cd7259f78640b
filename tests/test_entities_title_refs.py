"""A capitalised title after "the" stands for the person the article gives that title."""

from __future__ import annotations

from briefreader.entities import analyze, article_from_text


def _mentions(*texts: str):
    arts = [article_from_text(f"a{i}", t) for i, t in enumerate(texts)]
    analysis = analyze(arts)
    per_article = [
        [(m.text, m.kind, m.entity_id) for m in analysis.mentions[a.id]] for a in arts
    ]
    return analysis, per_article


def test_the_president_is_the_titled_person():
    analysis, (ms,) = _mentions(
        "Russian President Vladimir Putin met Steve Witkoff. The President said the talks went "
        "well, and the President left."
    )
    refs = [m for m in ms if m[0] == "President"]
    assert len(refs) == 2
    putin = next(m[2] for m in ms if m[0] == "Vladimir Putin")
    assert all(m[1] == "person" and m[2] == putin for m in refs)
    merges = {x.alias: x.reason for x in analysis.entities[putin].merges}
    assert merges["President"].startswith("title of")


def test_the_latest_titled_person_before_wins():
    _, (ms,) = _mentions(
        "Prime Minister Keir Starmer met Prime Minister Mark Carney. The Prime Minister said no."
    )
    ref = next(m for m in ms if m[0] == "Prime Minister")
    assert ref[2] == next(m[2] for m in ms if m[0] == "Mark Carney")


def test_an_unnamed_title_is_a_person_of_its_own_article_only():
    _, (a, b) = _mentions(
        "The Act lets the Secretary forgive loans, said the court.",
        "The Secretary resigned on Monday.",
    )
    sa = next(m for m in a if m[0] == "Secretary")
    sb = next(m for m in b if m[0] == "Secretary")
    assert sa[1] == sb[1] == "person"
    assert sa[2] != sb[2]


def test_a_title_without_the_is_no_mention():
    _, (ms,) = _mentions("He met President Trump. Officials said a president could do it.")
    assert [m[0] for m in ms] == ["Trump"]
    _, (ms,) = _mentions("President said nothing.")
    assert ms == []


def test_heading_names_that_need_no_vouching():
    _, (ms,) = _mentions(
        "Clara Martínez Cantón\n\nDurham University\n\nCompeting Peace Proposals and Demands\n\n"
        "The paper studies sonnets."
    )
    assert [(m[0], m[1]) for m in ms] == [
        ("Clara Martínez Cantón", "person"),
        ("Durham University", "org"),
    ]


def test_a_role_of_a_named_place_is_a_person_and_the_place_a_place():
    _, (ms,) = _mentions("Norton I, Emperor of the United States, died in 1880.")
    assert ("Emperor", "person") in [(m[0], m[1]) for m in ms]
    assert ("United States", "place") in [(m[0], m[1]) for m in ms]
    _, (ms,) = _mentions("He met President of France Emmanuel Macron on Monday.")
    assert [(m[0], m[1]) for m in ms] == [("France", "place"), ("Emmanuel Macron", "person")]


def test_a_body_before_a_title_is_an_org_and_the_title_alone_no_org():
    _, (ms,) = _mentions(
        "Foreign Ministry spokesman Maria Zakharova spoke. The Foreign Secretary came."
    )
    assert [(m[0], m[1]) for m in ms] == [
        ("Foreign Ministry", "org"),
        ("Maria Zakharova", "person"),
        ("Foreign Secretary", "person"),
    ]


def test_a_doubted_mention_joins_the_same_name_named_surely_elsewhere():
    from briefreader.entities import analyze_article
    from briefreader.entities.classify import classify
    from briefreader.entities.extract import extract
    from briefreader.entities.resolve import resolve_article

    art = article_from_text(
        "x", "Officials in Kyiv said the city was calm. Later, Kyiv officials met Kyiv residents."
    )
    doc = extract(art)
    classify(doc)
    doc.candidates[-1].kind = "none"  # as if the classifier doubted the last "Kyiv"
    groups = resolve_article(doc).groups
    kyiv = next(g for g in groups if g.canonical == "Kyiv")
    assert len(kyiv.mentions) == 3
    assert analyze_article(art).groups  # the ordinary path still works
