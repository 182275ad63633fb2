"""A damaged or truncated file at start: named, never overwritten, restorable from the latest backup,
all in the one App (a second App would end a browser tab under `attune serve`)."""

from __future__ import annotations

import json
import os
import pty
import select
import stat
import sys
import time
from pathlib import Path

import pytest

from data import CorruptFileError, StorageError, Store
from data import backup
from tui.app import AttuneApp
from tests.conftest import REPO, run_cli, screen_flat, screen_text, wait_for


@pytest.fixture
def backed_up(store, clock, data_dir):
    """A couple with a backup from the 25th, and a later write on the 26th."""
    store.interactions.log("a", True, "in the backup")
    clock.advance(days=1)
    store.interactions.log("b", True, "after the backup")  # takes the 26th's set: holds the month
    return store


def damage(path: Path, how: str) -> bytes:
    good = path.read_bytes()
    bad = {"truncated": good[: len(good) // 3], "empty": b"", "garbage": b"\x00\xff{[not json"}[how]
    path.write_bytes(bad)
    return bad


@pytest.mark.parametrize("how", ["truncated", "empty", "garbage"])
async def test_restore_screen_names_the_file_and_quit_changes_nothing(backed_up, data_dir, clock, how):
    path = data_dir / "attune.json"
    bad = damage(path, how)
    with pytest.raises(CorruptFileError) as info:
        Store.open(data_dir, clock=clock)
    app = AttuneApp(None, damaged=info.value)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        text = await wait_for(pilot, "A data file cannot be read")
        assert "A data file cannot be read" in text
        assert str(path) in text.replace(" ", "")  # a long path folds across lines
        assert "it was left untouched" in text and "attune has changed nothing" in text
        assert "backup of 2026-11-26 18:30" in text
        assert "Restore from backup" in text and "Quit" in text and "Try again" not in text
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 1 and app.store is None
    assert app.exit_line.startswith("attune: ") and str(path) in app.exit_line and "\n" not in app.exit_line
    assert path.read_bytes() == bad
    assert not (data_dir / "backups" / "damaged").exists()


async def test_restore_screen_restores_with_r(backed_up, data_dir, clock):
    month = data_dir / "months" / "2026-11.json"
    bad = damage(month, "truncated")
    app = AttuneApp(Store.open(data_dir, clock=clock))  # it opens: the month is read later
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        assert str(month) in (await wait_for(pilot, "cannot be read")).replace(" ", "")
        await pilot.press("r")
        await wait_for(pilot, until=lambda: "cannot be read" not in screen_flat(app))
        await pilot.press("g")
        await wait_for(pilot, "7 days 1+ 0−")  # the restored month (the 25th), on the gauge
        assert app.is_running
    assert [i.note for i in Store.open(data_dir, clock=clock).interactions.in_month("2026-11")] == ["in the backup"]
    assert stat.S_IMODE(month.stat().st_mode) == 0o600
    [kept] = (data_dir / "backups" / "damaged").iterdir()
    assert kept.read_bytes() == bad


async def test_without_a_backup_it_offers_only_quit(data_dir, clock):
    store = Store.open(data_dir, clock=clock)
    store.setup_couple("Sam", "Alex")  # no backup yet: nothing existed before this first write
    path = data_dir / "attune.json"
    path.write_text('{"partners": ')
    with pytest.raises(CorruptFileError) as info:
        Store.open(data_dir)
    app = AttuneApp(None, damaged=info.value)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        text = await wait_for(pilot, "A data file cannot be read")
        assert "no automatic backup of this file" in text and "Restore from backup" not in text
        await pilot.press("r")  # nothing to restore: nothing happens
        await pilot.pause()
        assert app.is_running and path.read_text() == '{"partners": '
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_code == 1 and app.store is None


async def test_a_failed_restore_says_why_and_keeps_running(backed_up, data_dir, clock, monkeypatch):
    path = data_dir / "attune.json"
    bad = damage(path, "garbage")
    with pytest.raises(CorruptFileError) as info:
        Store.open(data_dir)

    def read_only(*args, **kwargs):
        raise StorageError(f"could not save {path}: the file system is read-only; nothing saved was changed")

    monkeypatch.setattr(backup, "copy_file", read_only)
    app = AttuneApp(None, damaged=info.value)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for(pilot, "A data file cannot be read")
        await pilot.press("r")
        text = await wait_for(pilot, "Not restored")
        assert app.is_running
        assert "Not restored" in text and "read-only" in text
    assert path.read_bytes() == bad


async def test_restore_goes_on_to_the_next_damaged_file_then_home(backed_up, data_dir, clock):
    damage(data_dir / "attune.json", "truncated")
    damage(data_dir / "months" / "2026-11.json", "empty")
    with pytest.raises(CorruptFileError) as info:
        Store.open(data_dir)
    app = AttuneApp(None, damaged=info.value)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        assert "attune.json" in (await wait_for(pilot, "cannot be read")).replace(" ", "")
        await pilot.press("r")
        await wait_for(pilot, until=lambda: "2026-11.json" in screen_flat(app))
        assert "Try again" in screen_flat(app)  # the store is open now: the in-app dialog
        await pilot.press("r")
        await wait_for(pilot, until=lambda: "cannot be read" not in screen_flat(app))
        await wait_for(pilot, "Sam & Alex")  # home
    store = Store.open(data_dir, clock=clock)
    assert store.is_set_up and [i.note for i in store.interactions.in_month("2026-11")] == ["in the backup"]


def test_cli_names_the_file_and_points_at_the_backup(backed_up, data_dir):
    path = data_dir / "attune.json"
    bad = damage(path, "truncated")
    r = run_cli("log", "+", "--by", "Sam", data_dir=data_dir)
    assert r.returncode == 1 and r.stderr.count("\n") == 1, r.stderr
    assert str(path) in r.stderr and "left untouched" in r.stderr
    assert "run `attune` to restore it from the backup of 2026-11-26 18:30" in r.stderr
    assert path.read_bytes() == bad


def read_screen(fd: int, until: str, timeout: float = 15) -> str:
    seen, end = b"", time.monotonic() + timeout
    while time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
            if until.encode() in seen.replace(b"\x1b[", b"").replace(b" ", b"") or until.encode() in seen:
                return seen.decode("utf-8", "replace")
    return seen.decode("utf-8", "replace")


def test_the_real_app_shows_the_restore_screen_and_quits_with_exit_1(backed_up, data_dir):
    """`attune` in a terminal (a pty): the wiring in tui/cli.py, end to end."""
    path = data_dir / "attune.json"
    bad = damage(path, "truncated")
    pid, fd = pty.fork()
    if pid == 0:  # the child: the app, on an 80x24 terminal
        os.environ.update(TERM="xterm-256color", COLUMNS="80", LINES="24")
        os.chdir(REPO)
        os.execv(sys.executable, [sys.executable, "-m", "tui", "--data-dir", str(data_dir)])
    try:
        shown = read_screen(fd, "cannot be read")
        assert "cannot be read" in shown, shown[-500:]
        os.write(fd, b"q")
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            read_screen(fd, "\x00", timeout=0.2)  # keep the pty drained
        else:
            pytest.fail("the app did not quit")
        assert os.waitstatus_to_exitcode(status) == 1
    finally:
        try:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(fd)
    assert path.read_bytes() == bad


async def test_restore_screen_draws_in_ascii_when_asked(backed_up, data_dir, clock):
    damage(data_dir / "attune.json", "truncated")
    with pytest.raises(CorruptFileError) as info:
        Store.open(data_dir)
    app = AttuneApp(None, ascii_only=True, damaged=info.value)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, "A data file cannot be read")
        text = screen_text(app)
        assert "cannot be read" in text and text.isascii(), {c for c in text if not c.isascii()}


def test_a_backup_that_breaks_a_rule_is_passed_over_for_an_older_good_one(backed_up, data_dir, clock):
    """Backups copy what parses; a copy that parses but breaks a rule would be restored, found
    damaged again and offered again for ever. The newest copy that keeps the rules is used."""
    store = backed_up
    sets_before = backup.sets(store.folder)
    good = sets_before[-1]  # the 25th's
    newest = sets_before[0]
    quiz_like = newest.copy_of("attune.json")
    data = json.loads(quiz_like.read_text())
    data["partners"] = {"1": {"bogus": 1}}  # parses; breaks the partners rule
    quiz_like.write_text(json.dumps(data))
    path = data_dir / "attune.json"
    damage(path, "garbage")
    assert backup.latest_copy(store.folder, path) == good
    backup.restore(store.folder, path, clock())
    assert Store.open(data_dir, clock=clock).is_set_up


def test_restore_changes_nothing_once_the_file_reads_well_again(backed_up, data_dir, clock):
    """A dialog left open while another attune restored the file and wrote to it: restoring
    again would throw that write away (it would be in backups/damaged/ only)."""
    month = data_dir / "months" / "2026-11.json"
    damage(month, "garbage")
    backup.restore(backup.Folder.open(data_dir), month, clock())  # the other session
    Store.open(data_dir, clock=clock).interactions.log("a", True, "written after the restore")
    before = month.read_bytes()
    with pytest.raises(backup.NothingToRestore, match="reads well again"):
        backup.restore(backup.Folder.open(data_dir), month, clock())
    assert month.read_bytes() == before


@pytest.mark.parametrize("what", ["fifo", "directory"])
def test_restore_keeps_a_damaged_fifo_or_directory_without_reading_it(backed_up, data_dir, clock, what):
    """A FIFO would hang a read (with the folder locked); a directory cannot be read: each is
    moved into backups/damaged/ as it is, and the good copy takes its name."""
    path = data_dir / "attune.json"
    path.unlink()
    os.mkfifo(path, 0o644) if what == "fifo" else path.mkdir(0o755)
    with pytest.raises(CorruptFileError):
        Store.open(data_dir, clock=clock)
    assert stat.S_IMODE(path.lstat().st_mode) == (0o644 if what == "fifo" else 0o755)  # left as it is
    backup.restore(backup.Folder.open(data_dir), path, clock())
    assert Store.open(data_dir, clock=clock).is_set_up and path.is_file()
    [kept] = (data_dir / "backups" / "damaged").iterdir()
    assert (stat.S_ISFIFO(kept.lstat().st_mode) if what == "fifo" else kept.is_dir())


async def test_ctrl_q_on_the_dialog_is_its_quit_and_the_palette_cannot_go_behind_it(backed_up, data_dir, clock):
    """Ctrl+Q there exits 1 with the line saying why, as q does (not 0, as if all were well);
    a screen opened from the command palette would read the damaged file behind the dialog."""
    month = data_dir / "months" / "2026-11.json"
    damage(month, "garbage")
    app = AttuneApp(Store.open(data_dir, clock=clock))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for(pilot, "A data file cannot be read")
        app.action_open("gauge")  # what the palette's "Open Ratio gauge" runs
        await pilot.pause()
        assert type(app.screen).__name__ == "FolderTroubleScreen" and app.is_running
        await pilot.press("f1")  # help over the dialog: Ctrl+Q still is the dialog's Quit
        await wait_for(pilot, until=lambda: type(app.screen).__name__ == "HelpScreen")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 1 and "2026-11.json" in app.exit_line
    assert month.read_bytes() == b"\x00\xff{[not json"


async def test_a_linked_attune_json_is_offered_its_backup_and_the_link_is_kept_aside(backed_up, data_dir, clock, tmp_path):
    """A link is never followed (another account could point it anywhere): the file counts as
    damaged, so its backup is offered; restoring replaces the link, and keeps it in damaged/."""
    elsewhere = tmp_path / "elsewhere.json"
    (data_dir / "attune.json").rename(elsewhere)
    (data_dir / "attune.json").symlink_to(elsewhere)
    with pytest.raises(CorruptFileError) as info:
        Store.open(data_dir)
    app = AttuneApp(None, damaged=info.value)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        assert "symbolic link" in await wait_for(pilot, "A data file cannot be read", "Restore from backup")
        await pilot.press("r")
        await wait_for(pilot, "Sam & Alex")
    path = data_dir / "attune.json"
    assert path.is_file() and not path.is_symlink() and stat.S_IMODE(path.stat().st_mode) == 0o600
    [kept] = (data_dir / "backups" / "damaged").iterdir()
    assert kept.is_symlink() and elsewhere.exists()


async def test_after_a_restore_another_damaged_file_is_said_to_be_another(backed_up, data_dir, clock):
    """Restoring one file while a second is damaged too: the dialog moves on to the second and
    says it is another problem, not "Still the same"."""
    month, main = data_dir / "months" / "2026-11.json", data_dir / "attune.json"
    take_now = backup.take(backed_up.folder, clock(), "daily", backed_up.folder.data_files())
    assert take_now is not None
    app = AttuneApp(Store.open(data_dir, clock=clock))
    damage(month, "garbage")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        damage(main, "truncated")  # after the store opened: both files are damaged now
        app.data_changed()
        await wait_for(pilot, "A data file cannot be read")
        await pilot.press("r")
        text = await wait_for(pilot, "Another problem is left")
        assert "Still the same" not in text and "cannot be read" in text
