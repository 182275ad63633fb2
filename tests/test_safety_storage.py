"""Storage safety: modes after every kind of write, daily backups, restore, stray files, odd failures."""

from __future__ import annotations

import json
import os
import stat
from datetime import date
from pathlib import Path

import pytest

from data import InputError, StorageError, Store
from data import backup
from data.errors import DataError
from data.folder import Folder


def modes(root: Path) -> dict[str, int]:
    """Every file and folder under root (root included) -> its permission bits."""
    found = {".": stat.S_IMODE(root.stat().st_mode)}
    for path in root.rglob("*"):
        found[path.relative_to(root).as_posix()] = stat.S_IMODE(path.stat().st_mode)
    return found


def file_bytes(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def loose_umask():
    old = os.umask(0)  # the most permissive umask: modes must still come out 0700/0600
    yield
    os.umask(old)


def test_modes_are_private_after_replace_backup_and_restore(data_dir, clock, loose_umask):
    store = Store.open(data_dir, clock=clock)
    store.setup_couple("Sam", "Alex")
    store.interactions.log("a", True, "coffee")  # the day's first write with data: takes a backup
    store.daily.save("b", 4, happened="ok")
    clock.advance(days=1)
    store.interactions.log("b", True, "again")  # the next day's backup holds the month; then replaced
    (data_dir / "attune.json").write_text("{broken")
    os.chmod(data_dir / "attune.json", 0o644)  # whatever the damaged file had
    backup.restore(store.folder, data_dir / "attune.json", clock())
    found = modes(data_dir)
    assert {"attune.json", "months/2026-11.json", "backups/damaged"} <= set(found)
    assert any(k.startswith("backups/2026-11-26_") and k.endswith("/months/2026-11.json") for k in found), found
    for name, mode in found.items():
        path = data_dir / name
        expected = 0o700 if path.is_dir() else 0o600
        assert mode == expected, (name, oct(mode))
    assert Store.open(data_dir).partners()[0].name == "Sam"


def test_a_group_readable_folder_still_gets_private_files(tmp_path, clock):
    root = tmp_path / "mine"
    root.mkdir()
    os.chmod(root, 0o755)  # what `mkdir` gives under the usual umask 022
    store = Store.open(root, clock=clock)
    store.setup_couple("Sam", "Alex")
    store.interactions.log("a", True)
    assert stat.S_IMODE((root / "attune.json").stat().st_mode) == 0o600
    assert stat.S_IMODE((root / "months").stat().st_mode) == 0o700
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o2770)  # deliberately shared with a group: group may read and write
    store = Store.open(shared, clock=clock)
    store.setup_couple("Sam", "Alex")
    assert stat.S_IMODE((shared / "attune.json").stat().st_mode) == 0o660


def test_one_backup_a_day_holds_the_files_as_they_were_before_the_first_write(store, clock, data_dir):
    store.interactions.log("a", True, "day one")
    before_second_day = file_bytes(data_dir)
    clock.advance(days=1)
    store.interactions.log("a", True, "day two, first")
    store.interactions.log("b", True, "day two, second")
    sets = backup.sets(store.folder)
    assert [s.name for s in sets] == ["2026-11-26_183000_daily", "2026-11-25_183000_daily"]
    newest = sets[0].path
    assert sorted(p.relative_to(newest).as_posix() for p in newest.rglob("*.json")) == [
        "attune.json", "months/2026-11.json"]
    assert (newest / "months" / "2026-11.json").read_bytes() == before_second_day["months/2026-11.json"]
    assert (newest / "attune.json").read_bytes() == before_second_day["attune.json"]


def test_backups_are_bounded_and_old_ones_go_first(store, clock):
    for _ in range(backup.KEEP_DAILY + 5):
        store.interactions.log("a", True)
        clock.advance(days=1)
    names = [s.name for s in backup.sets(store.folder)]
    assert len(names) == backup.KEEP_DAILY
    assert names[0].startswith("2026-12-06_") and names[-1].startswith("2026-11-30_")


def test_a_second_process_does_not_take_a_second_backup_the_same_day(store, clock, data_dir):
    store.interactions.log("a", True)
    Store.open(data_dir, clock=clock).interactions.log("b", True)
    assert len(backup.sets(store.folder)) == 1


@pytest.mark.parametrize("damage", [
    lambda good: good[: len(good) // 2],  # truncated: does not parse
    lambda good: good.replace(b'"by":"a"', b'"by":"c"'),  # parses, but there is no partner c
], ids=["unparsable", "breaks-a-rule"])
def test_a_damaged_file_never_pushes_its_good_copy_out(store, clock, data_dir, damage):
    store.interactions.log("a", True, "good")
    clock.advance(days=1)
    store.update_settings(stale_days=30)  # this day's backup holds the good month
    month = data_dir / "months" / "2026-11.json"
    good = month.read_bytes()
    month.write_bytes(damage(good))
    assert month.read_bytes() != good
    for _ in range(backup.KEEP_DAILY + 3):
        clock.advance(days=1)
        store.update_settings(stale_days=30)  # a write to attune.json each day
    sets = backup.sets(store.folder)
    assert len(sets) == backup.KEEP_DAILY + 1  # the week, and the one with the last good copy
    item = backup.latest_copy(store.folder, month)
    assert item is not None and item.name.startswith("2026-11-26_")
    assert item.copy_of("months/2026-11.json").read_bytes() == good
    assert all(not s.copy_of("months/2026-11.json").exists() for s in sets if s != item)


def test_restore_puts_the_copy_back_and_keeps_the_damaged_file(store, clock, data_dir):
    store.interactions.log("a", True, "kept")
    clock.advance(days=1)
    store.interactions.log("b", True, "after the backup")
    month = data_dir / "months" / "2026-11.json"
    month.write_bytes(b'{"interactions": {"1": ')
    other = Store.open(data_dir, clock=clock)
    other.changed_elsewhere()
    item = backup.restore(store.folder, month, clock())
    assert item.name.startswith("2026-11-26_")
    assert [i.note for i in Store.open(data_dir, clock=clock).interactions.in_month("2026-11")] == ["kept"]
    damaged = list((data_dir / "backups" / "damaged").iterdir())
    assert [p.read_bytes() for p in damaged] == [b'{"interactions": {"1": ']
    assert other.changed_elsewhere()  # other sessions re-read


def test_restore_without_a_backup_says_so_and_changes_nothing(data_dir, clock):
    store = Store.open(data_dir, clock=clock)
    store.setup_couple("Sam", "Alex")
    (data_dir / "attune.json").write_text("{")
    with pytest.raises(DataError, match="no backup of"):
        backup.restore(Folder.open(data_dir), data_dir / "attune.json", clock())
    assert (data_dir / "attune.json").read_text() == "{"


def test_stray_temp_files_and_half_made_backups_go_at_the_next_start(store, data_dir):
    store.interactions.log("a", True)
    strays = [
        data_dir / ".attune.json.k2j3.tmp",
        data_dir / "months" / ".2026-11.json.abcd.tmp",
        data_dir / "backups" / ".tmp-2026-11-26_080000_daily" / "attune.json",
        data_dir / "backups" / ".trash-2026-11-01_080000_daily" / "months" / "2026-10.json",
        data_dir / "backups" / "damaged" / ".attune.json.x.tmp",
    ]
    for path in strays:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("half")
    Store.open(data_dir)
    assert not any(p.exists() for p in strays)
    assert not (data_dir / "backups" / ".tmp-2026-11-26_080000_daily").exists()
    assert len(backup.sets(store.folder)) == 1  # the real set is untouched


def test_a_failing_change_stamp_does_not_report_a_saved_write_as_lost(store, data_dir, monkeypatch):
    import data.folder

    real = data.folder.atomic_write

    def stamp_fails(path, *args, **kwargs):
        if path.name == ".changed":
            raise StorageError("could not save .changed: the disk is full")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(data.folder, "atomic_write", stamp_fails)
    other = Store.open(data_dir, clock=store.clock)
    item = store.interactions.log("a", True, "saved")  # no exception: it is saved
    assert [i.uid for i in Store.open(data_dir).interactions.in_month("2026-11")] == [item.uid]
    assert other.changed_elsewhere()  # written in place instead


def test_a_change_stamp_that_is_a_link_is_never_read_or_written_through(store, data_dir, tmp_path, monkeypatch):
    import data.folder

    victim = tmp_path / "victim"
    victim.write_bytes(b"keep me")
    (data_dir / ".changed").unlink()
    (data_dir / ".changed").symlink_to(victim)
    real = data.folder.atomic_write

    def stamp_fails(path, *args, **kwargs):  # so the write in place is tried too
        if path.name == ".changed":
            raise StorageError("could not save .changed: the disk is full")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(data.folder, "atomic_write", stamp_fails)
    other = Store.open(data_dir, clock=store.clock)
    assert other.folder.change_token() == b""
    store.interactions.log("a", True, "saved")
    assert victim.read_bytes() == b"keep me"
    monkeypatch.setattr(data.folder, "atomic_write", real)
    store.interactions.log("a", True, "again")  # the link itself is replaced by a file of ours
    assert victim.read_bytes() == b"keep me" and (data_dir / ".changed").is_file()
    assert not (data_dir / ".changed").is_symlink() and other.changed_elsewhere()


def test_a_fifo_in_place_of_the_change_stamp_hangs_nothing(store, data_dir):
    from tests.conftest import run_cli

    (data_dir / ".changed").unlink()
    os.mkfifo(data_dir / ".changed")
    done = run_cli("status", data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    done = run_cli("log", "--by", "Sam", "+", data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    assert stat.S_ISREG(os.lstat(data_dir / ".changed").st_mode)  # replaced by a file of ours


def test_a_failed_backup_does_not_block_the_write_and_is_remembered(store, data_dir, monkeypatch):
    def no_room(*args, **kwargs):
        raise StorageError("could not take a backup: the disk is full")

    monkeypatch.setattr(backup, "take", no_room)
    store.interactions.log("a", True, "still saved")
    assert [i.note for i in Store.open(data_dir).interactions.today()] == ["still saved"]
    assert "disk is full" in store.backup_error


def test_text_that_cannot_be_stored_is_refused_and_nothing_changes(store, data_dir):
    store.interactions.log("a", True, "before")
    before = file_bytes(data_dir)
    with pytest.raises(InputError, match="not valid Unicode"):
        store.interactions.log("a", True, "bad \udcff bytes")
    assert file_bytes(data_dir) == before


def test_a_write_past_the_records_limit_is_refused_before_it_is_written(store, data_dir, monkeypatch):
    from data import schema

    monkeypatch.setattr(schema, "ROWS_MAX", 2)  # 50,000 in use: the same check, with a smaller number
    store.interactions.log("a", True, "one")
    store.interactions.log("a", True, "two")
    store.daily.save("a", 3)
    store.daily.save("b", 3)
    before = file_bytes(data_dir)
    with pytest.raises(InputError, match="more than 2 interactions records.*nothing was saved"):
        store.interactions.log("a", True, "three")  # appended without TinyDB
    with pytest.raises(InputError, match="more than 2 daily records.*nothing was saved"):
        store.daily.save("a", 3, day=date(2026, 11, 24), unlocked=True)  # through TinyDB
    assert file_bytes(data_dir) == before
    assert store.folder.damaged_files(date(2026, 11, 25)) == []


def test_damaged_files_lists_what_the_app_reads_at_start(store, clock, data_dir):
    store.interactions.log("a", True)
    assert store.folder.damaged_files(date(2026, 11, 25)) == []
    (data_dir / "quiz.json").write_text("[1, 2]")  # JSON, but not a table file
    (data_dir / "months" / "2026-11.json").write_bytes(b"\x00" * 64)  # zero-filled after a power cut
    found = {e.path.name: e.detail for e in store.folder.damaged_files(date(2026, 11, 25))}
    assert found == {"quiz.json": "not a JSON object", "2026-11.json": found["2026-11.json"]}
    assert "not valid JSON" in found["2026-11.json"]


def test_every_file_stays_valid_json_after_many_writes(store, clock, data_dir):
    for n in range(30):
        store.interactions.log("ab"[n % 2], n % 4 != 0, f"n{n}")
        if n % 10 == 0:
            clock.advance(days=1)
    for path in data_dir.rglob("*.json"):
        assert isinstance(json.loads(path.read_text()), dict), path


def test_a_refused_write_leaves_no_backup_behind(store, clock, data_dir):
    store.interactions.log("a", True)  # the 25th's set
    clock.advance(days=1)
    with pytest.raises(DataError, match="already holds a couple"):
        store.setup_couple("Kim", "Lee")  # refused inside writing(): nothing written
    assert [s.name[:10] for s in backup.sets(store.folder)] == ["2026-11-25"]
    assert not list((data_dir / "backups").glob(".*"))
    store.interactions.log("b", True)  # the next real write takes the day's set after all
    assert [s.name[:10] for s in backup.sets(store.folder)] == ["2026-11-26", "2026-11-25"]


def test_a_write_that_failed_halfway_keeps_the_backup_of_before(store, clock, data_dir, monkeypatch):
    store.interactions.log("a", True)
    clock.advance(days=1)
    before = (data_dir / "months" / "2026-11.json").read_bytes()
    with pytest.raises(RuntimeError):
        with store.folder.writing():
            store.folder.month("2026-11").table("interactions", cache_size=0).insert({"uid": "x"})
            raise RuntimeError("the second half fails")
    [newest, _] = backup.sets(store.folder)
    assert newest.copy_of("months/2026-11.json").read_bytes() == before
