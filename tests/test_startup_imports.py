"""Start-up stays light: what is imported by the time the home screen's first frame is drawn."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import REPO

PROBE = """
import json, sys
from textual.app import App
first = {}
original = App._display
def display(self, screen, renderable):
    if not first and renderable is not None:
        first["modules"] = sorted(sys.modules)
        first["screen"] = type(self.screen).__name__
        self.exit()
    return original(self, screen, renderable)
App._display = display
run = App.run
App.run = lambda self, **kw: run(self, headless=True, size=(80, 24))
from tui.cli import main  # the real start: `attune --data-dir PATH`
main(["--data-dir", sys.argv[1]])
print(json.dumps(first))
"""

# Each feature's screens and the heavy widgets and libraries they use load when first opened.
NOT_AT_START = [
    "screens.quiz", "screens.daily", "screens.gauge", "screens.review", "screens.help",
    "screens.onboarding", "data.exchange", "data.report", "textual.widgets._text_area",
    "textual.widgets._data_table", "textual.widgets._markdown", "textual_serve", "aiohttp",
    "hypothesis", "csv",
    # Reading the couple needs no TinyDB; ids need no secrets/hashlib; decks need no TOML parser.
    "tinydb", "data.tiny", "data.interactions", "data.daily", "data.quiz", "tomllib", "secrets",
    "data.backup",
]


def test_first_frame_imports_no_feature_screens(tmp_path):
    from data import Store

    Store.open(tmp_path / "data").setup_couple("Sam", "Alex")  # in this process, not the probe's
    # Without the tests' subprocess clock (its import would count as ours); dates do not matter here.
    env = {**os.environ, "ATTUNE_TEST_NOW": ""}
    out = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path / "data")],
                         capture_output=True, text=True, cwd=REPO, timeout=60, env=env)
    assert out.returncode == 0, out.stderr
    first = json.loads(out.stdout.strip().splitlines()[-1])
    assert first["screen"] == "HomeScreen"
    loaded = set(first["modules"])
    assert [m for m in NOT_AT_START if m in loaded] == []
