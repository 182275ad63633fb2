"""Snapshots of the reveal at 80×24 and 120×40 (sync tests: snap_compare runs its own loop).

Each is checked by eye when (re)made; the Pilot tests beside them assert the behaviour.
"""

from __future__ import annotations

from tests.conftest import screen_text, steady, wait_for

SAM = "Knitting [b]x[/b] and pottery [/] on Sundays"
ALEX = "Running by the canal before work, 走る毎朝, then coffee at the corner café"


async def to_the_reveal(pilot) -> None:
    app = pilot.app
    await pilot.pause()
    await pilot.press("q")
    await pilot.pause()
    await wait_for(pilot, selector="#choices")
    await pilot.press("enter")  # the Starter deck
    await wait_for(pilot, selector="#board")
    for name, answer, guess in (("Sam", SAM, "Running"), ("Alex", ALEX, "Knitting")):
        await wait_for(pilot, f"{name}'s turn")
        await pilot.press("enter")  # I'm ready
        await pilot.pause()
        await wait_for(pilot, selector="#answer")
        app.screen.query_one("#answer").insert_text_at_cursor(answer)
        await pilot.press("enter")  # on to the guess box
        await wait_for(pilot, selector="#guess:focus")
        app.screen.query_one("#guess").insert_text_at_cursor(guess)
        await pilot.press("enter")  # from the guess box: seal and hand over
        await pilot.pause()
    await wait_for(pilot, "Revealed")
    await pilot.press("c")  # Sam marks Alex's guess "close"; now Alex is asked to mark
    await wait_for(pilot, "≈ close")
    await steady(pilot)
    text = screen_text(app)
    assert "Sam about Sam" in text and "[b]x[/b]" in text and "≈ close" in text, text


def test_reveal_80x24(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=to_the_reveal)


def test_reveal_120x40(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=to_the_reveal)
