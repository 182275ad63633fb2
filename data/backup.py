"""Automatic backups, and restoring a damaged file from them.

    backups/2026-11-24_083012_daily/attune.json          one set a day, taken before the day's
    backups/2026-11-24_083012_daily/quiz.json            first write: the small files at the top
    backups/2026-11-24_083012_daily/months/2026-11.json  and the current and previous month
    backups/2026-11-25_120000_before-schema-2/...        taken before an upgrade: every file
    backups/damaged/attune.json.2026-11-25_093000        a damaged file, kept when it is replaced

A set is built in a `.tmp-*` folder and renamed into place, so a set that exists is whole; old
sets are renamed to `.trash-*` before they are deleted. Both leftovers go at the next start.
Only files that read well are copied (they parse and, once the schema is current, keep every rule
of data/schema.py): a damaged file never pushes a good copy out of the backups.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Callable

from data.errors import CorruptFileError, DataError, StorageError
from data.folder import MONTHS_DIR, Folder
from data.storage import copy_file, fsync_dir, why

KEEP_DAILY = 7  # a week of daily sets
KEEP_UPGRADE = 3  # sets taken before a schema upgrade
DAMAGED_DIR = "damaged"
DAILY = "daily"


@dataclass(frozen=True)
class BackupSet:
    path: Path

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def kind(self) -> str:
        return self.name.split("_", 2)[2]

    @property
    def taken(self) -> datetime:
        day, clock = self.name.split("_", 2)[:2]
        return datetime.strptime(f"{day}_{clock}", "%Y-%m-%d_%H%M%S")

    def copy_of(self, relative: str) -> Path:
        return self.path / relative


def _stamp(now: datetime) -> str:
    return f"{now:%Y-%m-%d_%H%M%S}"


def relative(folder: Folder, path: Path) -> str:
    """'attune.json' or 'months/2026-11.json': how a data file is named inside a set."""
    path = Path(path)  # the name itself is not resolved: a planted link must not lead elsewhere
    return (path.parent.resolve() / path.name).relative_to(folder.root.resolve()).as_posix()


def sets(folder: Folder) -> list[BackupSet]:
    """Finished sets, newest first."""
    try:
        names = os.listdir(folder.backups_dir)
    except OSError:
        return []
    found = []
    for name in names:
        if name.startswith(".") or name.count("_") < 2:
            continue
        item = BackupSet(folder.backups_dir / name)
        try:
            item.taken
        except ValueError:
            continue
        found.append(item)
    return sorted(found, key=lambda s: (s.taken, s.name), reverse=True)


def take(folder: Folder, now: datetime, kind: str, files: list[Path]) -> BackupSet | None:
    """Copy the files that read well into a new set; None if there was nothing to copy.
    Call with the folder lock held (or from `folder.before_write`)."""
    good, damaged = [], []
    for path in files:
        try:
            if folder.read(path) is not None:  # checked too: a file breaking a rule is damaged
                good.append(path)
        except DataError:
            damaged.append(relative(folder, path))  # keep the older good copies instead
    if not good:
        return None
    folder.make_dir(folder.backups_dir)
    final = folder.backups_dir / f"{_stamp(now)}_{kind}"
    if final.exists():
        final = folder.backups_dir / f"{_stamp(now)}_{kind}-{os.urandom(2).hex()}"
    work = folder.backups_dir / f".tmp-{final.name}"
    try:
        folder.make_dir(work)
        for path in good:
            target = work / relative(folder, path)
            if target.parent != work:
                folder.make_dir(target.parent)
            copy_file(path, target, folder.file_mode)
        fsync_dir(work)
        os.rename(work, final)
        fsync_dir(folder.backups_dir)
    except OSError as exc:
        raise StorageError(f"could not take a backup in {folder.backups_dir}: {why(exc)}") from None
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)
    prune(folder, now, keep_copies_of=damaged, just_taken=BackupSet(final))
    return BackupSet(final)


def prune(folder: Folder, now: datetime, keep_copies_of: list[str] = (), just_taken: BackupSet | None = None) -> None:
    """Drop a set only when it is both beyond the newest KEEP_DAILY daily (KEEP_UPGRADE upgrade)
    sets and more than KEEP_DAILY days older than `now`. Age counts from now, so sets stamped by a
    clock that once ran ahead cannot push today's set out; the set just taken always stays, and so
    does, for each file that is damaged now, the newest set holding a copy of it."""
    all_sets = sets(folder)
    daily = [s for s in all_sets if s.kind.startswith(DAILY)]
    upgrade = [s for s in all_sets if not s.kind.startswith(DAILY)]
    needed = {next((s for s in all_sets if s.copy_of(name).is_file()), None) for name in keep_copies_of}
    needed.add(just_taken)
    oldest_kept = now.replace(tzinfo=None) - timedelta(days=KEEP_DAILY)
    for old in daily[KEEP_DAILY:] + upgrade[KEEP_UPGRADE:]:
        if old not in needed and old.taken <= oldest_kept:
            _drop(old)


def _drop(item: BackupSet) -> bool:
    """Delete a set, renamed to `.trash-*` first: a half-deleted set must never look whole."""
    trash = item.path.with_name(f".trash-{item.name}")
    try:
        os.rename(item.path, trash)
    except OSError:
        return False
    shutil.rmtree(trash, ignore_errors=True)
    return True


def take_daily(folder: Folder, now: datetime) -> tuple[bool, Callable[[], bool] | None, str | None]:
    """Before the first write of a day (Store._before_write): copy the small files and this
    month, unless a set was already taken today. Returns whether today is done with (False:
    nothing to copy yet), how to take the set back if the write then fails, and why it could not
    be taken (the person's write matters more than today's copy of
    yesterday: it goes ahead; if the disk is full it fails next with its own clear message)."""
    prefix = f"{now.date():%Y-%m-%d}_"
    if any(s.name.startswith(prefix) and s.kind.startswith(DAILY) for s in sets(folder)):
        return True, None, None
    try:
        taken = take(folder, now, DAILY, folder.small_and_recent(now.date()))
    except StorageError as exc:
        return True, None, str(exc)
    return taken is not None, (None if taken is None else lambda: _take_back(folder, taken)), None


def _take_back(folder: Folder, taken: BackupSet) -> bool:
    """The write after the backup failed: if no file changed, the set is as if never taken
    (True: the next write takes it again). If one did change, the set is kept: it is the before."""
    for copy in taken.path.rglob("*.json"):
        original = folder.root / copy.relative_to(taken.path)
        try:
            if original.read_bytes() != copy.read_bytes():
                return False
        except OSError:
            return False
    return _drop(taken)


def before_upgrade(folder: Folder, now: datetime, target: int) -> BackupSet | None:
    """A set of every data file, taken before migrating; raises if it cannot be taken."""
    return take(folder, now, f"before-schema-{target}", folder.data_files())


# -- restoring -------------------------------------------------------------------------
def root_of(path: Path) -> Path:
    """The data folder a data file belongs to."""
    path = Path(path)
    return path.parent.parent if path.parent.name == MONTHS_DIR else path.parent


def latest_copy(folder: Folder, path: Path) -> BackupSet | None:
    """The newest set holding a copy of `path` that parses and keeps every rule of that file
    (data/schema.py): a copy that breaks one would be offered again and again."""
    name = relative(folder, path)
    for item in sets(folder):
        copy = item.copy_of(name)
        if copy.is_file() and folder.problem(copy) is None:  # checked by its name, as `path` is
            return item
    return None


class NothingToRestore(DataError):
    """The file reads well again (another attune restored it, or it was repaired by hand)."""


def is_damaged(folder: Folder, path: Path) -> bool:
    """Whether `path` still fails to parse or breaks a rule, or is gone (restoring puts it back)."""
    return folder.problem(path) is not None or not os.path.lexists(path)


def _keep_damaged(folder: Folder, path: Path, now: datetime) -> None:
    """Move the damaged file into backups/damaged/ without reading it: a FIFO would hang a read,
    a huge file would fill memory, a directory cannot be read at all. A hard link keeps it
    whatever it is, then the good copy replaces the name; where there is none to make, a rename."""
    damaged = folder.backups_dir / DAMAGED_DIR
    folder.make_dir(folder.backups_dir)
    folder.make_dir(damaged)
    target = damaged / f"{path.name}.{_stamp(now)}-{os.urandom(2).hex()}"
    try:
        try:
            os.link(path, target, follow_symlinks=False)
        except OSError:
            os.rename(path, target)
        if target.is_file() and not target.is_symlink():
            os.chmod(target, folder.file_mode)
        fsync_dir(damaged)
    except OSError as exc:
        raise StorageError(f"could not keep the damaged {path} in {damaged}: {why(exc)}; nothing was changed") from None


def restore(folder: Folder, path: Path, now: datetime) -> BackupSet:
    """Put the newest good copy of `path` in its place (atomically, mode 0600), keeping the
    damaged file in backups/damaged/ so that nothing is ever thrown away."""
    path = Path(path)
    with folder.lock():
        if not is_damaged(folder, path):  # a dialog left open while another attune restored it
            raise NothingToRestore(f"{folder.name_of(path)} reads well again (restored or repaired elsewhere): "
                                   "nothing was restored, so nothing written since is lost")
        item = latest_copy(folder, path)
        if item is None:
            raise DataError(f"there is no backup of {path} to restore")
        if os.path.lexists(path):
            _keep_damaged(folder, path, now)
        if path.parent != folder.root:
            folder.make_dir(path.parent)
        copy_file(item.copy_of(relative(folder, path)), path, folder.file_mode)
        with folder.writing():
            pass  # nested, so no daily hook: only bumps the change stamp, other sessions re-read
    return item


def restore_hint(exc: CorruptFileError) -> str:
    """A short clause for the CLI's one-line error: how to get the file back."""
    try:
        folder = Folder(root_of(exc.path))
        item = latest_copy(folder, exc.path)
    except (OSError, ValueError, DataError):
        return ""
    if item is None:
        return ""
    return f"; run `attune` to restore it from the backup of {item.taken:%Y-%m-%d %H:%M}"
