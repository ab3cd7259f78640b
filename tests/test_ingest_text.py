"""Each ingest rule on small crafted texts: what a reader would see wrong if it broke."""

from __future__ import annotations

import datetime as dt

import pytest

from briefreader.ingest import parse_text
from briefreader.ingest.sanitize import clean_text

BODY = (
    "The first paragraph says what happened in a full sentence. It has a second one.\n\n"
    "A second paragraph follows with more detail about the talks."
)


def parse(text: str, **kw):
    return parse_text(text, id="t", fallback_source=kw.pop("fallback_source", "folder"), **kw)


def kinds(article):
    return [(p.kind, p.text) for p in article.paragraphs]


def test_paragraph_offsets_index_the_body():
    a = parse("A headline\n\nMOSCOW: First para. More.\n\nA subhead\n\n  • A bullet point here.\n\n"
              "Last words of the piece.")
    for p in a.paragraphs:
        assert a.text[p.start : p.end] == p.text
    assert a.text == "\n\n".join(p.text for p in a.paragraphs)


def test_leading_date_marker_is_the_date_not_text():
    a = parse(" date 2025-12-03 MOSCOW: Russian officials met on Tuesday. They talked.")
    assert a.date == dt.date(2025, 12, 3)
    assert "date 2025" not in a.text
    assert a.text.startswith("MOSCOW:")


def test_first_line_without_full_stop_is_the_title():
    a = parse("Putin says Russia is ready for war with Europe\n\n" + BODY)
    assert a.title == "Putin says Russia is ready for war with Europe"
    assert not a.title_derived
    assert "ready for war" not in a.text


def test_untitled_article_gets_a_whole_word_title_from_its_opening_sentence():
    text = (
        "Russian President Vladimir Putin met U.S. President Donald Trump's special envoy Steve "
        "Witkoff in the Kremlin on Tuesday for talks on ending the war. Second sentence here."
    )
    a = parse(text)
    assert a.title_derived
    assert a.title.endswith("…")
    stem = a.title.removesuffix("…")
    assert text.startswith(stem)
    assert text[len(stem)] == " ", "cut in the middle of a word"
    assert len(a.title) <= 81


def test_short_opening_sentence_is_the_whole_title_and_abbreviations_do_not_end_it():
    a = parse("The U.S. team won. Everyone cheered loudly in the stadium afterwards.")
    assert a.title == "The U.S. team won"


def test_derived_title_skips_captions_and_datelines():
    a = parse(
        "Putin, right, and Ushakov, left, attend talks. (Alexander Kazakov, Pool Photo via AP)\n\n"
        "KYIV – Ukraine accused Russia of feigning interest in peace. More text follows."
    )
    assert a.title == "Ukraine accused Russia of feigning interest in peace"
    assert a.paragraphs[0].kind == "caption"
    assert a.dateline == "Kyiv"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Dec 3, 2025 - 08:10", dt.datetime(2025, 12, 3, 8, 10)),
        ("Dec 3, 2025\u00a0-\u00a008:10", dt.datetime(2025, 12, 3, 8, 10)),
        ("Friday, January 4, 2019", dt.date(2019, 1, 4)),
        ("2019-01-04", dt.date(2019, 1, 4)),
    ],
)
def test_date_lines_near_the_top_are_parsed_and_removed(line, expected):
    a = parse(f"Some headline here\n{line}\n\n{BODY}")
    assert a.date == expected
    assert line.split()[0] not in a.text


def test_a_weekday_or_a_year_in_text_is_not_a_date_line():
    a = parse("Some headline here\n\nTuesday\n\nIn 2019 the building fell. It was old.")
    assert a.date is None


def test_repeated_title_line_is_dropped():
    a = parse(
        "Peace talks remain distant\n\nA senior aide said so. It was late.\n\n"
        "Dec 3, 2025 - 08:10\nPeace talks remain distant\n\nMore text follows here."
    )
    assert a.title == "Peace talks remain distant"
    assert all(p.text != a.title for p in a.paragraphs)
    assert a.date == dt.datetime(2025, 12, 3, 8, 10)


def test_datelines_are_recognised_as_place_of_report():
    assert parse("MOSCOW: Talks went on. Late.").dateline == "Moscow"
    assert parse("KYIV – Ukraine said no. Then more.").dateline == "Kyiv"
    assert parse("NEW YORK (Reuters) - Stocks fell. Then rose.").dateline == "New York"
    assert parse("Moscow said no. Then more.").dateline is None


def test_subheads_bullets_and_captions_keep_their_kind():
    a = parse(
        "Headline here\n\n"
        "Photo: Vladimir Putin / Russian Foreign Ministry\n\n"
        "The first paragraph has a sentence. And another.\n\n"
        "Talks ongoing\n\n"
        "  • Russian Stance: Ushakov stated things.\n\n"
        "  • US Assessment: Rubio was optimistic.\n\n"
        "screenshot / youtube.com/@60minutes\n\n"
        "The last paragraph ends here."
    )
    assert kinds(a) == [
        ("caption", "Photo: Vladimir Putin / Russian Foreign Ministry"),
        ("paragraph", "The first paragraph has a sentence. And another."),
        ("heading", "Talks ongoing"),
        ("bullet", "Russian Stance: Ushakov stated things."),
        ("bullet", "US Assessment: Rubio was optimistic."),
        ("caption", "screenshot / youtube.com/@60minutes"),
        ("paragraph", "The last paragraph ends here."),
    ]


def test_a_short_last_line_is_text_not_a_subhead():
    a = parse("Headline here\n\nFirst paragraph of text. Yes.\n\nCook reported from Brussels")
    assert a.paragraphs[-1].kind == "paragraph"


def test_trailing_tags_boilerplate_is_dropped():
    a = parse("Headline here\n\nThe body of the piece. Done.\n\nTags:")
    assert a.text == "The body of the piece. Done."
    a = parse("Headline here\n\nThe body of the piece. Done.\n\nTags: Russia, Ukraine")
    assert "Tags" not in a.text


@pytest.mark.parametrize(
    ("body", "source"),
    [
        ("Moscow was ready, The Guardian reported.", "The Guardian"),
        ("Talks would happen, Reuters reports, writes UNN.", "UNN"),
        ("Putin met envoys. (Alexander Kazakov, Kremlin Pool Photo via AP)", "AP"),
        ("WASHINGTON (Reuters) - The talks went on.", "Reuters"),
        ("The talks went on. Cook reported from Brussels.", "folder"),
        ("Nobody is named as the outlet here.", "folder"),
    ],
)
def test_source_is_the_outlet_the_text_names_else_the_folder(body, source):
    assert parse(f"Headline here\n\n{body} More text.").source == source


def test_hard_wrapped_markdown_paragraphs_are_joined():
    text = (
        "# Wrapped article\n\n"
        "This paragraph was wrapped at a fixed width by an editor that\n"
        "likes short lines, so each line is about the same length as the\n"
        "others and the sentence carries on across the line break here.\n\n"
        "A second paragraph is also wrapped at the same width by the same\n"
        "editor, and it too should come back as one paragraph of text in\n"
        "the reader rather than three separate little paragraphs here.\n"
    )
    a = parse(text)
    assert a.title == "Wrapped article"
    assert len(a.paragraphs) == 2
    assert "editor that likes short lines" in a.paragraphs[0].text


def test_escape_sequences_and_controls_are_removed_markup_kept_literally():
    raw = (
        "Title\n\n\x1b[31mred\x1b[0m [bold red]x[/] [@click=app.quit]y[/] "
        "\x1b]52;c;SGVsbG8=\x07clip \x1b]8;;http://e.x\x1b\\link\x1b]8;;\x1b\\ "
        "bell\x07 nul\x00 c1\x9b31m bidi\u202eevil\u202c zero\u200bwidth."
    )
    a = parse(raw)
    assert "\x1b" not in a.text and "\x07" not in a.text and "\x00" not in a.text
    assert "\u202e" not in a.text and "\u200b" not in a.text and "\x9b" not in a.text
    assert "SGVsbG8" not in a.text, "OSC 52 payload must go with its sequence"
    assert "[bold red]x[/]" in a.text
    assert "[@click=app.quit]y[/]" in a.text
    assert "red" in a.text and "link" in a.text and "zerowidth" in a.text


def test_clean_text_normalises_line_endings_and_spaces():
    assert clean_text("a\r\nb\rc\td\u00a0e") == "a\nb\nc d e"


def test_common_date_lines_read_without_dateutil_as_dateutil_reads_them():
    import datetime as dt

    from dateutil import parser as date_parser

    from briefreader.ingest.text import _TIME, _parse_date

    def with_dateutil(s: str) -> dt.date | dt.datetime | None:
        try:
            v = date_parser.parse(s.replace("–", "-").replace("—", "-"), fuzzy=True)
        except (ValueError, OverflowError):
            return None
        return v.replace(second=0, microsecond=0) if _TIME.search(s) else v.date()

    lines = [
        "Dec 3, 2025 - 08:10", "Monday, February 14, 2011", "3 December 2025", "Sept. 4, 2019",
        "Tue 2 Dec 2025 14:05", "Wednesday, Dec. 3, 2025, 08:10", "February 29, 2024",
        "Feb 30, 2020", "31 June 2021", "Sunday, January 6, 2019 – 23:59", "1 jan. 2000",
    ]
    for line in lines:
        assert _parse_date(line) == with_dateutil(line), line
    assert _parse_date("Dec 3, 2025 - 08:10") == dt.datetime(2025, 12, 3, 8, 10)
    assert _parse_date("Feb 30, 2020") is None  # no such day: no date rather than a wrong one
