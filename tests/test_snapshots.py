"""What the screen shows at fixed sizes (pytest-textual-snapshot; update with --snapshot-update).

Deterministic: the seeds with the hand-written analysis from conftest, a fixed "now", and the
dark theme.
"""

from __future__ import annotations

from conftest import loaded


def _cursor_to_ushakov():
    async def run_before(pilot) -> None:  # noqa: ANN001
        screen = await loaded(pilot)
        while (m := screen.reader.current_mention) is None or m.entity_id != "person:yuri-ushakov":
            await pilot.press("n")
        await pilot.press("enter")
        await pilot.pause()

    return run_before


async def _loaded(pilot) -> None:  # noqa: ANN001
    await loaded(pilot)


def test_main_view(snap_compare, make_app, seeds_collection):
    assert snap_compare(make_app(seeds_collection), terminal_size=(160, 45), run_before=_loaded)


def test_entity_selected(snap_compare, make_app, seeds_collection):
    assert snap_compare(
        make_app(seeds_collection), terminal_size=(160, 45), run_before=_cursor_to_ushakov()
    )


def test_help(snap_compare, make_app, seeds_collection):
    async def run_before(pilot) -> None:  # noqa: ANN001
        await loaded(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(make_app(seeds_collection), terminal_size=(160, 45), run_before=run_before)


def test_80x24(snap_compare, make_app, seeds_collection):
    assert snap_compare(make_app(seeds_collection), terminal_size=(80, 24), run_before=_loaded)


def test_80x24_sidebar_open(snap_compare, make_app, seeds_collection):
    assert snap_compare(
        make_app(seeds_collection), terminal_size=(80, 24), run_before=_cursor_to_ushakov()
    )
