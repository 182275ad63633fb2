"""Snapshots of the reveal at 80×24 and 120×40 (sync tests: snap_compare runs its own loop).

Each is checked by eye when (re)made; the Pilot tests beside them assert the behaviour.
"""

from __future__ import annotations

from tests.conftest import screen_text

SAM = "Knitting [b]x[/b] and pottery [/] on Sundays"
ALEX = "Running by the canal before work, 走る毎朝, then coffee at the corner café"


async def wait_for(pilot, selector: str):
    for _ in range(100):
        found = pilot.app.screen.query(selector)
        if found:
            return found.first()
        await pilot.pause(0.02)
    raise AssertionError(f"{selector} never showed: {screen_text(pilot.app)}")


async def wait_for_text(pilot, words: str) -> None:
    for _ in range(100):
        if words in screen_text(pilot.app):
            return
        await pilot.pause(0.02)
    raise AssertionError(f"{words!r} never showed: {screen_text(pilot.app)}")


async def to_the_reveal(pilot) -> None:
    app = pilot.app
    await pilot.pause()
    await pilot.press("q")
    await pilot.pause()
    await wait_for(pilot, "#choices")
    await pilot.press("enter")  # the Starter deck
    await wait_for(pilot, "#board")
    for name, answer, guess in (("Sam", SAM, "Running"), ("Alex", ALEX, "Knitting")):
        await wait_for_text(pilot, f"{name}'s turn")
        await pilot.press("enter")  # I'm ready
        await pilot.pause()
        (await wait_for(pilot, "#answer")).insert_text_at_cursor(answer)
        await pilot.press("enter")  # on to the guess box
        (await wait_for(pilot, "#guess:focus")).insert_text_at_cursor(guess)
        await pilot.press("enter")  # from the guess box: seal and hand over
        await pilot.pause()
    await wait_for_text(pilot, "Revealed")
    await pilot.press("c")  # Sam marks Alex's guess "close"; now Alex is asked to mark
    await wait_for_text(pilot, "≈ close")
    text = screen_text(app)
    assert "Sam about Sam" in text and "[b]x[/b]" in text and "≈ close" in text, text


def test_reveal_80x24(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=to_the_reveal)


def test_reveal_120x40(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=to_the_reveal)
