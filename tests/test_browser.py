"""`attune serve` in a real browser: Chromium, driven by Playwright, draws the app, takes keys,
and what the keys did is saved. Skipped, saying why, where no browser is installed (.ci/run
installs Debian's chromium and Playwright; `make test` does not)."""

from __future__ import annotations

import importlib.util
import shutil
import time

import pytest

from data import Store
from tests.conftest import NO_HANG
from tests.test_serve import Served

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="no chromium here (apt-get install chromium; .ci/run does)"),
    pytest.mark.skipif(importlib.util.find_spec("playwright") is None,
                       reason="no Playwright here (pip install playwright; .ci/run does)"),
]


@pytest.mark.parametrize("kind", ["plain", "encrypted", "damaged"])
def test_the_browser_draws_the_app_takes_keys_and_saves(kind, data_dir, store, tmp_path):
    """Encrypted, the tab's first frame is the unlock prompt: the passphrase is typed there.
    With attune.json damaged, it is the restore dialog, in the same App: the tab goes on to home."""
    from playwright.sync_api import sync_playwright

    cipher = None
    if kind == "encrypted":
        from data import crypt

        cipher = crypt.Cipher.generate()
        crypt.convert(store.folder, cipher, True, "a browser passphrase")
    if kind == "damaged":
        from data.backup import take

        take(store.folder, store.now(), "daily", store.folder.data_files())
        main = data_dir / "attune.json"
        main.write_bytes(main.read_bytes()[:10])

    server = Served(data_dir)
    seen: list[str] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1000, "height": 700})
            page.on("websocket", lambda ws: ws.on("framereceived", lambda frame: seen.append(
                frame if isinstance(frame, str) else frame.decode("utf-8", "replace"))))

            def shows(text: str) -> None:
                deadline = time.monotonic() + NO_HANG
                while not any(text in frame for frame in seen):
                    assert time.monotonic() < deadline, f"the browser never got {text!r}"
                    page.wait_for_timeout(100)

            page.goto(server.url)
            if kind == "damaged":
                shows("cannot be read")
                page.mouse.click(5, 5)  # into the terminal
                page.keyboard.press("r")  # restore from the backup
            if kind == "encrypted":
                shows("This folder is encrypted")
                page.mouse.click(5, 5)  # into the terminal
                page.keyboard.press("Tab")  # and into the passphrase field, should the click have left it
                page.keyboard.type("a browser passphrase")
                page.keyboard.press("Enter")
            shows("Love-map quiz")  # the home screen, drawn by the app in the browser's terminal
            page.mouse.click(5, 5)  # into the terminal (on the title: a card would open)
            page.keyboard.press("g")  # the gauge
            shows("Everyday")
            page.keyboard.press("e")  # Sam +
            deadline = time.monotonic() + NO_HANG
            while not Store.open(data_dir, cipher=cipher).interactions.today():
                if time.monotonic() > deadline:
                    page.screenshot(path=tmp_path / "browser.png")
                    raise AssertionError(f"the key pressed in the browser was not saved (see {tmp_path / 'browser.png'})")
                page.wait_for_timeout(100)
            shows("1+")
            browser.close()
    finally:
        server.stop()
    [item] = Store.open(data_dir, cipher=cipher).interactions.today()
    assert (item.by, item.positive) == ("a", True)
