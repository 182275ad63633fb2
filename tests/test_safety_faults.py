"""A full disk and a read-only folder: one clear line in the CLI, a notification in the app, the app
keeps running, and nothing already saved changes.

Real faults where the machine allows it (root with mount rights, as in CI: a tiny tmpfs fills up,
a read-only bind mount refuses writes; file modes alone would not stop root). The in-process
versions (an injected ENOSPC / EROFS) run everywhere.
"""

from __future__ import annotations

import errno
import os
import subprocess
import tempfile
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import pytest

from data import Store
from tests.conftest import flat, run_cli, toast_text, wait_for
from tui.app import AttuneApp
from tui.cli import main as cli_main


# -- real faults -------------------------------------------------------------------------
@lru_cache(maxsize=1)
def can_mount() -> bool:
    if os.geteuid() != 0:
        return False
    with tempfile.TemporaryDirectory() as probe:
        if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", probe], capture_output=True).returncode:
            return False
        subprocess.run(["umount", "-l", probe], capture_output=True)
    return True


needs_mount = pytest.mark.skipif(not can_mount(), reason="needs root with mount rights (the in-process tests still run)")


@contextmanager
def small_disk(path: Path, size: str = "1m"):
    path.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(path)], check=True)
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=True)


@contextmanager
def read_only_view(source: Path, view: Path):
    """`view` shows `source` read-only (EROFS on every write, even for root)."""
    view.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "--bind", str(source), str(view)], check=True)
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(view)], check=True)
        yield view
    finally:
        subprocess.run(["umount", "-l", str(view)], check=True)


def fill(disk: Path) -> Path:
    """Write zeros until the disk says it is full."""
    filler = disk / "filler.bin"
    with open(filler, "wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 4096)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    return filler


def saved(root: Path) -> dict[str, bytes]:
    """Every data file's bytes (not the filler, the lock or the change stamp)."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.name not in ("filler.bin", ".lock", ".changed")}


def leftovers(root: Path) -> list[Path]:
    return [p for p in root.rglob(".*") if p.name.endswith(".tmp") or p.name.startswith((".tmp-", ".trash-"))]


def one_line(r) -> str:
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr, r.stderr
    return r.stderr


def couple_with_history(root: Path, clock=None) -> Store:
    store = Store.open(root, clock=clock)
    store.setup_couple("Sam", "Alex")
    store.interactions.log("a", True, "made coffee")
    store.daily.save("b", 4, happened="a good day")
    return store


@needs_mount
def test_cli_on_a_full_disk(tmp_path):
    with small_disk(tmp_path / "disk") as disk:
        root = disk / "data"
        couple_with_history(root)
        filler = fill(disk)
        before = saved(root)
        r = run_cli("log", "+", "--by", "Sam", "a hug", data_dir=root)
        assert r.returncode == 1
        line = one_line(r)
        assert "disk is full" in line and "nothing saved was changed" in line and str(root) in line
        r = run_cli("init", "Kim", "Lee", data_dir=disk / "other")
        assert r.returncode == 1 and "disk is full" in one_line(r)
        r = run_cli("status", data_dir=root)  # reading still works
        assert r.returncode == 0 and "today 1+ 0-" in r.stdout
        assert saved(root) == before
        assert leftovers(root) == []
        filler.unlink()
        r = run_cli("log", "+", "--by", "Sam", "a hug", data_dir=root)
        assert r.returncode == 0 and "today 2+ 0-" in r.stdout


@needs_mount
def test_cli_in_a_read_only_folder(tmp_path):
    root = tmp_path / "data"
    couple_with_history(root)
    before = saved(root)
    with read_only_view(root, tmp_path / "view") as view:
        r = run_cli("log", "-", "--by", "Alex", data_dir=view)
        assert r.returncode == 1
        line = one_line(r)
        assert "read-only" in line and "nothing saved was changed" in line
        r = run_cli("status", data_dir=view)
        assert r.returncode == 0 and "today 1+ 0-" in r.stdout
        r = run_cli("init", "Kim", "Lee", data_dir=view / "new")
        assert r.returncode == 1 and "read-only" in one_line(r)
    assert saved(root) == before
    assert leftovers(root) == []


async def notified(pilot, words: str) -> str:
    """What the toasts on screen say, once they say `words`."""
    await wait_for(pilot, words)
    return toast_text(pilot.app)


async def change_theme_and_see_the_error(app, pilot, words: str) -> None:
    """Writes from the app fail: a notification each time, and the app goes on answering keys."""
    app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"  # a saved setting
    text = await notified(pilot, words)
    assert words in text, text
    app.clear_notifications()
    await pilot.press("g")
    await pilot.pause()
    assert type(app.screen).__name__ == "GaugeScreen"
    await pilot.press("e")  # Sam logs a +
    text = await notified(pilot, words)
    assert "Could not save" in text and words in text, text
    await pilot.press("escape")
    await pilot.pause()
    assert type(app.screen).__name__ == "HomeScreen" and app.is_running


@needs_mount
async def test_app_on_a_full_disk_notifies_and_keeps_running(tmp_path, clock):
    with small_disk(tmp_path / "disk") as disk:
        root = disk / "data"
        store = couple_with_history(root, clock)
        fill(disk)
        before = saved(root)
        app = AttuneApp(store)
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await pilot.pause()
            await change_theme_and_see_the_error(app, pilot, "the disk is full")
        assert saved(root) == before
        assert leftovers(root) == []


@needs_mount
async def test_app_in_a_read_only_folder_notifies_and_keeps_running(tmp_path, clock):
    root = tmp_path / "data"
    couple_with_history(root, clock)
    before = saved(root)
    with read_only_view(root, tmp_path / "view") as view:
        app = AttuneApp(Store.open(view, clock=clock))
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await pilot.pause()
            await change_theme_and_see_the_error(app, pilot, "read-only")
    assert saved(root) == before


# -- injected faults (run anywhere) ----------------------------------------------------------
@pytest.fixture(params=[errno.ENOSPC, errno.EROFS, errno.EIO])
def failing_writes(request, monkeypatch):
    """Every durable write fails the way a full disk, a read-only mount or a dying disk fails it."""
    import data.storage

    code = request.param

    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    def arm():
        monkeypatch.setattr(data.storage.os, "fsync", fail)  # the temp file is written, never made durable
        monkeypatch.setattr(data.storage.tempfile, "mkstemp", fail) if code == errno.EROFS else None

    return code, arm


WORDS = {errno.ENOSPC: "the disk is full", errno.EROFS: "the file system is read-only", errno.EIO: "input/output error"}


def test_cli_with_failing_writes(data_dir, failing_writes, capsys):
    code, arm = failing_writes
    couple_with_history(data_dir)
    before = saved(data_dir)
    arm()
    assert cli_main(["log", "+", "--by", "Sam", "x", "--data-dir", str(data_dir)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and WORDS[code] in err and "nothing saved was changed" in err
    assert saved(data_dir) == before and leftovers(data_dir) == []


async def test_onboarding_with_failing_writes_says_so_and_stays(data_dir, clock, failing_writes):
    code, arm = failing_writes
    store = Store.open(data_dir, clock=clock)
    arm()
    app = AttuneApp(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press(*"Sam", "enter", *"Alex", "enter")
        await pilot.pause()
        text = flat(str(app.screen.query_one("#error").render()))  # the form's own error line
        assert WORDS[code] in text and type(app.screen).__name__ == "OnboardingScreen"
        assert app.screen.query_one("#error").region.height > 0  # shown, not hidden
    assert not Store.open(data_dir).is_set_up


async def test_app_with_failing_writes_notifies_and_keeps_running(store, data_dir, failing_writes):
    code, arm = failing_writes
    store.interactions.log("a", True)
    before = saved(data_dir)
    arm()
    app = AttuneApp(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await change_theme_and_see_the_error(app, pilot, WORDS[code])
    assert saved(data_dir) == before and leftovers(data_dir) == []


async def test_daily_entry_on_a_failing_disk_keeps_the_text_to_save_again(store, data_dir, monkeypatch):
    """The write fails: the editor stays open with every word typed, and saves once the disk is back."""
    import data.storage

    app = AttuneApp(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        await pilot.press("1")  # Sam writes
        await pilot.pause()
        await pilot.press("4")  # mood: good
        app.screen.query_one("#happened").focus()
        await pilot.press(*"long day, then a walk")
        monkeypatch.setattr(data.storage.os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(errno.ENOSPC, "full")))
        await pilot.press("ctrl+s")
        text = await notified(pilot, "the disk is full")
        assert "Could not save" in text and "the disk is full" in text
        assert type(app.screen).__name__ == "EntryEditor"
        assert app.screen.query_one("#happened").text == "long day, then a walk"
        monkeypatch.undo()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ != "EntryEditor"
    assert Store.open(data_dir).daily.for_day(store.now().date())["a"].happened == "long day, then a walk"
