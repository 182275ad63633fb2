"""Every file attune writes is 0600 (0660 shared) and all-or-nothing, exports included; exports
never go into the data folder; scratch copies stay inside it and go at the next start; modes are
checked on open; a world-writable folder is refused; links are refused, never followed."""

from __future__ import annotations

import errno
import json
import os
import stat

import pytest

from data import Store
from data.errors import DataError, StorageError
from data.exchange import export_json
from tests.conftest import run_cli


def mode(path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


@pytest.fixture
def loose_umask():
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.mark.parametrize("fmt", ["json", "md", "csv"])
def test_exports_are_0600_under_umask_022(store, tmp_path, fmt, loose_umask):
    store.interactions.log("a", True, "coffee")
    out = tmp_path / f"out.{fmt}"
    r = run_cli("export", "--format", fmt, "--out", str(out), data_dir=store.root)
    assert r.returncode == 0, r.stderr
    files = list(out.iterdir()) if fmt == "csv" else [out]
    assert files and all(mode(f) == 0o600 for f in files), [(f, oct(mode(f))) for f in files]
    if fmt == "csv":
        assert mode(out) == 0o700


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_a_full_disk_leaves_no_partial_export_and_the_retry_works(store, tmp_path, fmt, monkeypatch):
    from data import report

    store.interactions.log("a", True, "coffee")
    out = tmp_path / f"r.{fmt}"
    real_fsync = os.fsync

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("data.storage.os.fsync", full)
    write = (lambda: export_json(store, out)) if fmt == "json" else (
        lambda: report.write_markdown(store, out, *report.date_range(store, None, None)))
    with pytest.raises(StorageError, match="the disk is full"):
        write()
    assert list(tmp_path.iterdir()) == [store.root]  # no partial file, no temp file
    monkeypatch.setattr("data.storage.os.fsync", real_fsync)
    write()
    assert out.stat().st_size > 0


@pytest.mark.parametrize("where", ["", "months", "backups/x"])
def test_an_export_into_the_data_folder_is_refused(store, where):
    out = store.root / where / "export.json"
    for fmt in ("json", "md", "csv"):
        r = run_cli("export", "--format", fmt, "--out", str(out.with_suffix(f".{fmt}")), data_dir=store.root)
        assert r.returncode == 2 and "is inside the data folder" in r.stderr, r.stderr
    assert not list(store.root.rglob("export.*"))


def test_an_import_scratch_copy_lives_inside_the_folder_and_goes_at_the_next_start(store, data_dir):
    scratch = data_dir / ".scratch-import-k2j3"
    scratch.mkdir()
    (scratch / "attune.json").write_text("{}")
    Store.open(data_dir)
    assert not scratch.exists()
    assert not [p for p in data_dir.parent.iterdir() if p.name.startswith(".")]


def test_modes_of_an_existing_folder_are_fixed_for_the_owner(store, data_dir):
    store.interactions.log("a", True, "coffee")
    os.chmod(data_dir, 0o755)
    os.chmod(data_dir / "attune.json", 0o644)
    os.chmod(data_dir / "months" / "2026-11.json", 0o666)
    os.chmod(data_dir / "months", 0o755)
    Store.open(data_dir)
    assert (mode(data_dir), mode(data_dir / "attune.json")) == (0o700, 0o600)
    assert (mode(data_dir / "months"), mode(data_dir / "months" / "2026-11.json")) == (0o700, 0o600)


def test_modes_that_are_not_ours_to_fix_are_one_warning(store, data_dir, monkeypatch):
    os.chmod(data_dir / "attune.json", 0o644)
    monkeypatch.setattr("data.folder.os.geteuid", lambda: 12345)  # as if another account owned the files
    opened = Store.open(data_dir)
    assert len(opened.folder.warnings) == 1 and "can be read by other accounts" in opened.folder.warnings[0]
    assert mode(data_dir / "attune.json") == 0o644


def test_a_world_writable_folder_is_refused_with_the_fix(store, data_dir):
    os.chmod(data_dir, 0o777)
    r = run_cli("status", data_dir=data_dir)
    assert r.returncode == 1 and r.stderr.count("\n") == 1, r.stderr
    assert "can be changed by every account on this machine" in r.stderr and f"chmod 700 {data_dir}" in r.stderr
    with pytest.raises(DataError):
        Store.open(data_dir)
    assert mode(data_dir) == 0o777  # said, not silently changed


def test_a_planted_lock_link_is_never_followed(store, data_dir, tmp_path):
    target = tmp_path / "sams-private-file"
    target.write_text("private")
    os.chmod(target, 0o600)
    os.chmod(data_dir, 0o2770)  # a shared folder: the lock would be chmod-ed 0660
    (data_dir / ".lock").unlink()
    (data_dir / ".lock").symlink_to(target)
    r = run_cli("log", "+", "--by", "Sam", data_dir=data_dir)
    assert r.returncode == 1 and ".lock is a symbolic link" in r.stderr and r.stderr.count("\n") == 1, r.stderr
    assert mode(target) == 0o600 and target.read_text() == "private"


def test_a_linked_month_file_is_refused_by_name(store, data_dir, tmp_path):
    store.interactions.log("a", True, "coffee")
    month = data_dir / "months" / "2026-11.json"
    moved = tmp_path / "elsewhere.json"
    month.rename(moved)
    month.symlink_to(moved)
    r = run_cli("status", data_dir=data_dir)
    assert r.returncode == 1 and "2026-11.json is unreadable (it is a symbolic link" in r.stderr, r.stderr
    assert json.loads(moved.read_text())["interactions"]
