"""A gauge keypress, from its binding to the disk and back to the screen, passes through few
project files (ARCHITECTURE.md walks the same path): a newcomer can follow it.

The 8 are the App (with its key order and control-character filter: every key and every drawn
line pass these), the gauge screen (with its panel) and the screens' base; the Store, the
feature (interactions), the records with their ratios, the folder and its atomic files."""

from __future__ import annotations

import sys

from tests.conftest import REPO, wait_for

PRODUCT = tuple(str(REPO / p) + "/" for p in ("data", "widgets", "screens", "tui"))
MOST = 8


async def test_a_gauge_keypress_passes_through_few_project_files(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("g")
        await wait_for(pilot, "Ratio gauge", "Today  0+ 0−")
        await pilot.press("e")  # one warm-up: the first write of a day also takes its backup
        await wait_for(pilot, "Today  1+ 0−")
        files: dict[str, set[str]] = {}

        def profile(frame, event, _arg):
            if event == "call" and frame.f_code.co_filename.startswith(PRODUCT):
                path = frame.f_code.co_filename.removeprefix(str(REPO) + "/")
                files.setdefault(path, set()).add(frame.f_code.co_name)

        sys.setprofile(profile)
        try:
            await pilot.press("e")
            await wait_for(pilot, "Today  2+ 0−")
        finally:
            sys.setprofile(None)
    path = "\n".join(f"{f}: {', '.join(sorted(names))}" for f, names in sorted(files.items()))
    print(path)
    assert len(files) <= MOST, f"{len(files)} files:\n{path}"
    assert "screens/gauge.py" in files and any(f.startswith("data/") for f in files)
