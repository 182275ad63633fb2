"""Two Unix accounts (two SSH logins) sharing one data folder through a group.

Run as root: the test forks children that become two unprivileged accounts (umask 022, each with
its own primary group, both in one shared group) and use the Store as those accounts would.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path

import pytest

from data import Store
from data.errors import InputError
from data.sharing import share_with_group
from tests.conftest import run_cli

pytestmark = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="acts as two Unix accounts: needs root")

GROUP, SAM, ALEX = 61000, 61001, 61002


def as_account(uid: int, action, *args, groups=(GROUP,)) -> tuple[bool, str]:
    """`action(*args)` in a child process running as `uid` (own primary group uid, umask 022)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code, message = 1, "?"
        try:
            os.close(read_end)
            os.setgroups(list(groups))
            os.setgid(uid)
            os.setuid(uid)
            os.umask(0o022)
            message, code = str(action(*args)), 0
        except BaseException as exc:  # everything goes back to the test as text
            message = f"{type(exc).__name__}: {exc}"
        finally:
            os.write(write_end, message.encode()[:60000])
            os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        message = pipe.read().decode()
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) == 0, message


def log_and_read(root: str, by: str, note: str) -> str:
    store = Store.open(root)
    store.interactions.log(by, True, note)
    store.update_settings(stale_days=60)  # attune.json, the small file, too
    return "|".join(sorted(i.note for i in store.interactions.today()))


@pytest.fixture
def base():
    """A folder other accounts can pass through (pytest's tmp_path is 0700 root)."""
    path = Path(tempfile.mkdtemp(prefix="attune-share-"))
    path.chmod(0o755)
    # Warm up every lazy import as root: the children cannot read the interpreter's files.
    warm = path / "warm"
    Store.open(warm).setup_couple("W", "V")
    log_and_read(str(warm), "a", "warm")
    yield path
    shutil.rmtree(path, ignore_errors=True)


def sams_private_folder(base: Path) -> Path:
    folder = base / "us"
    Store.open(folder).setup_couple("Sam", "Alex")
    for path in [folder, *folder.rglob("*")]:
        os.chown(path, SAM, SAM)
    return folder


def assert_shared_modes(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        st = path.stat()
        assert st.st_gid == GROUP, f"{path} belongs to group {st.st_gid}"
        want = 0o2770 if path.is_dir() else 0o660
        assert stat.S_IMODE(st.st_mode) == want, f"{path}: {oct(st.st_mode)}"


def test_two_accounts_share_after_attune_share(base):
    folder = sams_private_folder(base)
    ok, message = as_account(ALEX, log_and_read, str(folder), "b", "from alex")
    assert not ok and "permission denied" in message  # private until shared: the control case

    ok, message = as_account(SAM, share_with_group, folder, str(GROUP))
    assert ok, message
    ok, message = as_account(SAM, log_and_read, str(folder), "a", "from sam")
    assert ok, message
    ok, message = as_account(ALEX, log_and_read, str(folder), "b", "from alex")
    assert ok, message
    assert message == "from alex|from sam"  # Alex sees Sam's entry and adds one
    ok, message = as_account(SAM, log_and_read, str(folder), "a", "again")
    assert ok and message == "again|from alex|from sam", message
    assert_shared_modes(folder)  # files made by either account stay open to the other


def test_two_accounts_share_a_folder_set_up_by_hand(base):
    """The README's commands (chgrp + chmod 2770 on an empty folder), nothing else."""
    folder = base / "srv-attune"
    folder.mkdir()
    os.chown(folder, 0, GROUP)
    folder.chmod(0o2770)
    ok, message = as_account(SAM, lambda: Store.open(str(folder)).setup_couple("Sam", "Alex"))
    assert ok, message
    for uid, by, note in ((SAM, "a", "from sam"), (ALEX, "b", "from alex"), (SAM, "a", "sam again")):
        ok, message = as_account(uid, log_and_read, str(folder), by, note)
        assert ok, message
    assert message == "from alex|from sam|sam again"
    assert_shared_modes(folder)


def test_share_needs_membership_of_the_group(base):
    folder = sams_private_folder(base)
    ok, message = as_account(SAM, share_with_group, folder, str(GROUP), groups=())
    assert not ok and "you are not in group" in message
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700  # nothing changed


def test_share_command_line(base, tmp_path):
    folder = sams_private_folder(base)
    r = run_cli("share", str(GROUP), data_dir=folder)
    assert r.returncode == 0, r.stderr
    assert "shared with group" in r.stdout and str(folder) in r.stdout
    assert_shared_modes(folder)
    r = run_cli("share", "no-such-group-here", data_dir=folder)
    assert r.returncode == 2 and "no group called 'no-such-group-here'" in r.stderr


def test_closed_parent_folder_is_pointed_out(tmp_path):
    # pytest's tmp_path lives under 0700 folders: the partner could never reach it.
    warnings = share_with_group(tmp_path / "data", str(GROUP))
    assert warnings and "closed to other accounts" in warnings[0]


def test_unknown_group_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="no group called"):
        share_with_group(tmp_path / "data", "no-such-group-here")
