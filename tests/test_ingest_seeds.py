"""The bundled seeds as a reader sees them: subheads, bullets, captions, datelines."""

from __future__ import annotations

from briefreader.ingest import load_paths
from briefreader.resources import seeds_dir


def seeds():
    result = load_paths([seeds_dir()])
    assert result.problems == []
    return {a.id[:3]: a for a in result.articles}


def texts(article, kind):
    return [p.text for p in article.paragraphs if p.kind == kind]


def test_seed_subheads_are_headings():
    s = seeds()
    assert texts(s["000"], "heading") == [
        "Talks ongoing",
        "Putin accuses Europeans of trying to block peace",
        "Putin sees possible ‘basis for future agreement’",
    ]
    assert "Competing Peace Proposals and Demands" in texts(s["001"], "heading")
    assert texts(s["002"], "heading") == [
        "Unclear where peace talks go now",
        "Europeans step up assistance for Ukraine",
        "The war claims more lives",
    ]


def test_seed_bullets_captions_and_boilerplate():
    s = seeds()
    bullets = texts(s["001"], "bullet")
    assert len(bullets) == 3 and bullets[0].startswith("Russian Stance:")
    assert texts(s["001"], "caption")[0].startswith("Photo: Vladimir Putin")
    assert texts(s["002"], "caption")[0].endswith("Kremlin Pool Photo via AP)")
    assert texts(s["003"], "caption") == ["screenshot / youtube.com/@60minutes"]
    assert "Tags" not in s["004"].text


def test_seed_datelines_and_removed_header_lines():
    s = seeds()
    assert s["000"].dateline == "Moscow"
    assert s["002"].dateline == "Kyiv"
    assert "date 2025" not in s["000"].text
    assert "08:10" not in s["001"].text
    assert s["001"].text.count("Ukraine peace resolution remains distant") == 0
