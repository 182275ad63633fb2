"""Export from the app's command palette: a new file (never over an existing one), its path shown."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.conftest import NOW, screen_text


@pytest.fixture
def week(store, clock):
    clock.now = NOW - timedelta(days=2)
    store.interactions.log("b", True, "brought me soup")
    clock.now = NOW
    return store


async def wait_for_toast(pilot, app, title: str):
    for _ in range(60):
        await pilot.pause(0.05)
        found = [n for n in app._notifications if n.title == title]  # noqa: SLF001
        if found:
            return found[-1]
    raise AssertionError(f"no {title!r} notification")


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
        await pilot.pause(0.3)
        await pilot.press("enter")
        toast = await wait_for_toast(pilot, app, "Exported everything (JSON)")
        path = out / "attune-export-2026-11-25-2.json"
        assert toast.message == f"Saved to {path}"
        assert "Exported everything (JSON)" in screen_text(app)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"export last week")
        await pilot.pause(0.3)
        await pilot.press("enter")
        toast = await wait_for_toast(pilot, app, "Exported last week's report (Markdown)")
    report = out / "attune-report-2026-11-19-to-2026-11-25.md"
    assert toast.message == f"Saved to {report}"
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
        toast = await wait_for_toast(pilot, app, "Export failed")
    assert "cannot write in" in toast.message and not (tmp_path / "missing").exists()
