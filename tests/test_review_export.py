"""Export from the app's command palette: a new file (never over an existing one), its path shown."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.conftest import NOW, toast_text, wait_for


@pytest.fixture
def week(store, clock):
    clock.now = NOW - timedelta(days=2)
    store.interactions.log("b", True, "brought me soup")
    clock.now = NOW
    return store


def toast_says(app, words: str) -> bool:
    """The toasts on screen say `words` (paths wrap anywhere, so spaces are not compared)."""
    return words.replace(" ", "") in toast_text(app).replace(" ", "")


async def test_export_from_the_command_palette_writes_a_new_file_and_shows_its_path(make_app, week, tmp_path):
    out = tmp_path / "exports"
    out.mkdir()
    (out / "attune-export-2026-11-25.json").write_text("mine, do not touch")
    app = make_app()
    app.export_dir = out
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"export everything")
        await wait_for(pilot, "Export everything (JSON)")
        await pilot.press("enter")
        await wait_for(pilot, "Exported everything (JSON)")
        path = out / "attune-export-2026-11-25-2.json"
        assert toast_says(app, f"Saved to {path}")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"export last week")
        await wait_for(pilot, "Export last week's report")
        await pilot.press("enter")
        await wait_for(pilot, "Exported last week's report (Markdown)")
        report = out / "attune-report-2026-11-19-to-2026-11-25.md"
        assert toast_says(app, f"Saved to {report}")
    assert (out / "attune-export-2026-11-25.json").read_text() == "mine, do not touch"  # never overwritten
    from data import exchange

    data = exchange.load_export(path)  # a real, importable export
    assert "months/2026-11.json" in data["files"]
    assert "brought me soup" in report.read_text()


async def test_export_to_a_folder_that_cannot_be_written_says_so(make_app, store, tmp_path):
    app = make_app()
    app.export_dir = tmp_path / "missing"
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        app.action_export("json")
        await wait_for(pilot, "Export failed")
        assert toast_says(app, "cannot write in")
    assert not (tmp_path / "missing").exists()
