"""The data folder: one small TinyDB file, one file per month for busy tables, a lock, a change stamp.

    attune.json          schema, couple, settings, conflicts (tiny: read on every log)
    quiz.json            quiz answers with their history, custom questions
    months/2026-11.json  interactions, daily entries, repairs of that month
    .lock                held around every read-modify-write
    .changed             a counter every writer bumps, so other sessions notice cheaply
    backups/             automatic daily copies (see data/backup.py)
    key.age              only in an encrypted folder: every data file is then an age file (data/crypt.py)
"""

from __future__ import annotations

import os
import re
import shutil
import stat
from collections import Counter
from contextlib import contextmanager, suppress
from pathlib import Path
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Callable, Iterator

from data.errors import CorruptFileError, DataError, InputError, LockedError, StorageError
from data.models import month_of
from data.storage import (FolderLock, atomic_write, encode, identity, is_encrypted, is_temp_name, parse_json,
                          read_raw, why)

if TYPE_CHECKING:
    from tinydb import TinyDB

    from data.crypt import Cipher

MAIN_FILE = "attune.json"
MONTHS_DIR = "months"
BACKUPS_DIR = "backups"
LOCK_FILE = ".lock"
CLEAN_WAIT = 0.5  # seconds opening waits to tidy up after a dead writer
STAMP_FILE = ".changed"
STAMP_MAX = 32  # bytes of it read: a counter needs far fewer
KEY_FILE = "key.age"  # an encrypted folder's passphrase-wrapped key (data/crypt.py)
CONVERTING = ".converting"  # while `attune encrypt`/`decrypt` runs
SCRATCH_PREFIX = ".scratch-"  # working copies (an old export being upgraded): removed at the next start
MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])\.json$")


class Folder:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.months_dir = self.root / MONTHS_DIR
        self.backups_dir = self.root / BACKUPS_DIR
        # A folder opened up to a group (two Unix accounts sharing it: chmod 2770) gets group-writable
        # files. Only group *write* counts: a folder that is merely group-readable (mkdir under umask 022)
        # must not make a couple's files writable by the whole group.
        try:
            shared = bool(self.root.stat().st_mode & stat.S_IWGRP)
        except OSError:
            shared = False
        self.file_mode = 0o660 if shared else 0o600
        self.dir_mode = 0o2770 if shared else 0o700
        self._lock = FolderLock(self.root / LOCK_FILE, self.file_mode)
        self.reads: Counter[Path] = Counter()  # parses per file (TinyDB's too): lets tests prove laziness
        # Called with the lock held at the start of each outermost `writing()` (the daily backup);
        # what it returns, if anything, is called if the block then fails (to take it back).
        self.before_write: Callable[[], Callable[[], None] | None] | None = None
        self._known_token = self.change_token()
        # path -> (the bytes an append wrote there last, what they hold): the next append compares
        # the file with them, so any other write (anyone's) means a fresh parse.
        self.written: dict[Path, tuple[bytes, dict]] = {}
        # Set by the Store once the schema is current: from then on every file read is checked
        # against data/schema.py (an old folder is read unchecked, by its migration only).
        self.checked = False
        self._valid: dict[Path, tuple] = {}  # file -> identity last checked and found valid
        self._main_identity: tuple | None = None  # attune.json's (inode, mtime, size) when parsed into:
        self._main_data: dict[str, Any] = {}
        self._had_main = os.path.lexists(self.main_path)  # no exception, even where we may not look
        self.warnings: list[str] = []  # modes fixed or not fixable at open: said once, then carried on
        self.cipher: Cipher | None = None  # an encrypted folder's unlocked key (data/crypt.py)
        self._had_key = os.path.lexists(self.root / KEY_FILE)

    @classmethod
    def open(cls, root: Path, create: bool = True) -> "Folder":
        root = Path(root)
        if not root.exists():
            if not create:
                raise DataError(f"no attune data folder at {root}")
            try:
                root.mkdir(mode=0o700, parents=True)
                os.chmod(root, 0o700)  # mkdir's mode is masked by umask
            except OSError as exc:
                raise StorageError(f"cannot create data folder {root}: {why(exc)}") from None
        elif not root.is_dir():
            raise DataError(f"data folder {root} is not a folder")
        if root.stat().st_mode & stat.S_IWOTH:
            raise DataError(f"data folder {root} can be changed by every account on this machine: "
                            f"run `chmod 700 {root}` (or `chmod 2770` to share it with a group) and start again")
        folder = cls(root)
        folder.check_modes()
        return folder

    @property
    def main_path(self) -> Path:
        return self.root / MAIN_FILE

    def month_path(self, month: str) -> Path:
        return self.months_dir / f"{month}.json"

    def _db(self, path: Path) -> "TinyDB":
        """A fresh TinyDB per operation: no Table keeps a stale next-id or query cache."""
        from tinydb import TinyDB

        from data.tiny import AtomicJSONStorage

        return TinyDB(path, storage=AtomicJSONStorage, folder=self)

    def main_rows(self, table: str) -> list[dict[str, Any]]:
        """The rows of a table in attune.json, in TinyDB's order, read without TinyDB: the couple,
        the settings, the open conflict and break are asked for on every start, key and repaint."""
        rows = self._main().get(table) or {}
        return [row for row in rows.values() if isinstance(row, dict)] if isinstance(rows, dict) else []

    def _main(self) -> dict[str, Any]:
        """attune.json, parsed once per change of the file (one stat otherwise)."""
        now = identity(self.main_path)  # None: gone or unreadable, and the read below says which
        if now is not None and now == self._main_identity:
            return self._main_data
        self.reads[self.main_path] += 1
        self._main_data = self.read(self.main_path) or {}
        self._main_identity = now
        return self._main_data

    def read(self, path: Path) -> dict[str, Any] | None:
        """A data file parsed and, once the schema is current, checked (data/schema.py): a file
        that parses but breaks a rule is damaged, like one that does not parse. None if absent."""
        seen: dict = {}
        raw = read_raw(path, seen=seen)
        if raw is None:
            self._check_still_there(path)
            return None
        data = parse_json(path, self.plain(path, raw))
        if path == self.main_path:
            self._had_main = True
        if self.checked and self._valid.get(path) != seen["identity"]:
            self.check(path, data)
            self._valid[path] = seen["identity"]  # the same file again (a repaint) is not checked again
        return data

    def plain(self, path: Path, raw: bytes) -> bytes:
        """A file's bytes as written: decrypted when they are an age file (data/crypt.py)."""
        if not is_encrypted(raw):
            if self.cipher is None or self._converting():
                return raw  # a plain folder, or one half way through `attune encrypt` or `decrypt`
            if not os.path.lexists(self.root / KEY_FILE):
                raise LockedError(f"{self.root} was decrypted by another attune since this one opened it: "
                                  "nothing was read or saved; start attune again")
            # Anyone can write a plain file; only the couple's key writes an encrypted one.
            raise CorruptFileError(path, "it is not encrypted, though this folder is: it was put there "
                                         "or changed outside attune")
        if self.cipher is None:
            if not os.path.lexists(self.root / KEY_FILE):
                raise LockedError(f"{path} is encrypted, but {self.root / KEY_FILE} is missing: `attune rekey` with "
                                  "the recovery key makes a new one (or put it back from a copy of the folder)")
            if not self._had_key:
                raise LockedError(f"{self.root} was encrypted by another attune since this one opened it: "
                                  "nothing was read or saved; start attune again")
            raise LockedError(f"{path} is encrypted and this attune has not unlocked it: "
                              "run `attune unlock` or give --passphrase-file FILE")
        return self.cipher.decrypt(raw, path)

    def _converting(self) -> bool:
        """`attune encrypt` or `decrypt` is under way (or was killed): the marker is there, and
        encrypted to this couple's key, so nobody else can make plain files pass with it."""
        return os.path.lexists(self.root / CONVERTING) and self.interrupted(self.cipher) is not None

    def interrupted(self, cipher: "Cipher") -> str | None:
        """'encrypt' or 'decrypt' when such a run is under way or was killed; None when there is
        no marker, or one this couple's attune did not write (which is then removed)."""
        path = self.root / CONVERTING
        if not os.path.lexists(path):
            return None
        try:
            way = cipher.decrypt(read_raw(path) or b"", path).decode()
        except (DataError, UnicodeDecodeError):
            way = ""
        if way in ("encrypt", "decrypt"):
            return way
        self.drop_marker()
        return None

    def drop_marker(self) -> None:
        path = self.root / CONVERTING
        try:
            path.unlink()
        except IsADirectoryError:
            shutil.rmtree(path, ignore_errors=True)
        except OSError:
            pass

    def save(self, path: Path, payload: bytes, durable: bool = True) -> bytes:
        """Write a data file atomically, encrypted in an encrypted folder; returns the bytes on disk."""
        if os.path.lexists(self.root / KEY_FILE) != (self.cipher is not None):
            state = "encrypted" if self.cipher is None else "decrypted"
            raise LockedError(f"{self.root} was {state} by another attune since this one opened it: "
                              "nothing was read or saved; start attune again")
        disk = payload if self.cipher is None else self.cipher.encrypt(payload)
        atomic_write(path, disk, self.file_mode, durable)
        return disk

    def append(self, path: Path, table: str, row: dict[str, Any]) -> int:
        """Add one row to a table, as TinyDB's insert would (the next id), with the lock held.
        A file this process wrote last is not parsed again: on a month of heavy use that parse is
        most of a keypress's cost, and TinyDB's insert always reads the file first."""
        raw = read_raw(path)
        written = self.written.pop(path, None)
        if raw is None:
            tables: dict = {}
        elif written is not None and written[0] == raw:
            tables = written[1]
        else:
            tables = parse_json(path, self.plain(path, raw))
            self.reads[path] += 1
            if self.checked:
                self.check(path, tables)
        rows = tables.setdefault(table, {})
        doc_id = max(map(int, rows), default=0) + 1
        rows[str(doc_id)] = row
        self.fits(path, tables)
        self.written[path] = (self.save(path, encode(tables)), tables)
        return doc_id

    def fits(self, path: Path, tables: dict) -> None:
        """Refuse, before writing, a table the rules would then call damaged (schema.ROWS_MAX)."""
        from data.schema import ROWS_MAX

        for table, rows in tables.items():
            if len(rows) > ROWS_MAX:
                raise InputError(f"{self.name_of(path)} would hold more than {ROWS_MAX:,} {table} records, "
                                 "the most attune keeps in one file: nothing was saved")

    def problem(self, path: Path) -> DataError | None:
        """What is wrong with a data file now (it does not parse, or breaks a rule); None if nothing."""
        try:
            data = self.parsed(path)
            if data is not None:
                self.check(path, data)
        except DataError as exc:
            return exc
        return None

    def parsed(self, path: Path) -> dict[str, Any] | None:
        """A file (a backup's copy too) decrypted and parsed, not checked; None if absent."""
        raw = read_raw(path)
        return None if raw is None else parse_json(path, self.plain(path, raw))

    def check(self, path: Path, data: Any) -> None:
        from data.schema import Bad, check_file

        try:
            check_file(self.name_of(path), data, stored=True)
        except Bad as exc:
            raise CorruptFileError(path, f"{exc.where + ': ' if exc.where else ''}{exc}") from None

    def name_of(self, path: Path) -> str:
        """'attune.json' or 'months/2026-11.json'."""
        return f"{MONTHS_DIR}/{path.name}" if path.parent.name == MONTHS_DIR else path.name

    def _check_still_there(self, path: Path) -> None:
        """attune.json gone from a folder that had it: the folder was moved, deleted, replaced or
        unmounted under us. Say so, rather than show an empty folder (and offer to set up anew)."""
        if path != self.main_path or not self._had_main:
            return
        if not self.root.is_dir():
            raise DataError(f"data folder {self.root} is no longer there (moved, deleted or unmounted?)")
        raise DataError(f"{self.main_path} has gone from the data folder (moved or deleted?)")

    def check_modes(self) -> None:
        """Files readable by others (made by hand, by a copy, or under an old umask) are put back to
        the folder's mode when they are ours; when they are not, that is said once in `warnings`."""
        wrong: list[Path] = []
        for path, is_dir in self._entries():
            try:
                st = os.lstat(path)
            except OSError:
                continue
            if stat.S_ISLNK(st.st_mode) or not (is_dir or stat.S_ISREG(st.st_mode)):
                continue  # never through a link; a directory or FIFO in a file's place is damaged, left as is
            allowed = self.dir_mode & 0o777 if is_dir else self.file_mode
            if st.st_mode & 0o777 & ~allowed:
                if st.st_uid == os.geteuid():
                    try:  # through a descriptor opened without following links: never a link's target
                        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
                        try:
                            os.fchmod(fd, (st.st_mode & 0o7000 | allowed) if is_dir else allowed)
                        finally:
                            os.close(fd)
                        continue
                    except OSError:
                        pass
                wrong.append(path)
        if wrong:
            self.warnings.append(f"{len(wrong)} file(s) in {self.root} can be read by other accounts and are not "
                                 f"yours to fix, e.g. {wrong[0]}: run `chmod go-rwx` on them as their owner")

    def _entries(self) -> Iterator[tuple[Path, bool]]:
        yield self.root, True
        for folder in (self.root, self.months_dir):
            try:
                with os.scandir(folder) as items:
                    for item in items:
                        if item.name.endswith(".json") or item.name in (LOCK_FILE, STAMP_FILE):
                            yield Path(item.path), False
                        elif item.name in (MONTHS_DIR, BACKUPS_DIR):
                            yield Path(item.path), True
            except OSError:
                continue

    def main(self) -> TinyDB:
        return self._db(self.main_path)

    def named(self, name: str) -> TinyDB:
        """Another small file beside attune.json (e.g. 'quiz' -> quiz.json), kept apart so
        attune.json, read on every keypress, stays tiny."""
        return self._db(self.root / f"{name}.json")

    def month(self, month: str) -> TinyDB:
        return self._db(self.month_path(month))

    def ensure_months_dir(self) -> None:
        if not self.months_dir.exists():
            self.make_dir(self.months_dir)

    def months(self) -> list[str]:
        """Months that have a file, oldest first, as 'YYYY-MM'."""
        try:
            names = os.listdir(self.months_dir)
        except FileNotFoundError:
            return []
        return sorted(name[:-5] for name in names if MONTH_RE.match(name))

    def data_files(self) -> list[Path]:
        """Every data file: the small ones at the top (attune.json, quiz.json, ...), then the months."""
        try:
            top = sorted(p for p in self.root.iterdir() if p.suffix == ".json" and not p.name.startswith("."))
        except OSError:
            top = []
        return [p for p in top if p.is_file()] + [self.month_path(m) for m in self.months()]

    def all_data_files(self) -> list[Path]:
        """data_files() and every file in backups/: what `attune encrypt` converts."""
        found = self.data_files()
        for folder, _, names in os.walk(self.backups_dir):
            found += [Path(folder) / n for n in sorted(names) if not is_temp_name(n) and not n.startswith(".")]
        return [p for p in found if p.is_file() and not p.is_symlink()]

    def small_and_recent(self, today: date) -> list[Path]:
        """What the app reads at start and a daily backup holds: every small file at the top,
        this month and last month."""
        last_month = today.replace(day=1) - timedelta(days=1)
        months = {month_of(today), month_of(last_month)}
        return [p for p in self.data_files() if p.parent == self.root or p.stem in months]

    def damaged_files(self, today: date, checked: bool = True) -> list[CorruptFileError]:
        """The files the app reads at start that do not parse or (`checked`) break a rule.
        Before the first frame only parsing is checked: the rules are checked at each file's
        first read (the home screen reads them all just after), and checking ten years of quiz
        answers first would hold up the first frame (the bench's start-up row)."""
        found = []
        for path in self.small_and_recent(today):
            try:
                (self.read if checked else self.parsed)(path)
            except CorruptFileError as exc:
                found.append(exc)
        return found

    def make_dir(self, path: Path, parents: bool = False) -> None:
        """A subfolder (or an export's new folder) with the folder's mode (0700, or 2770 when
        shared), whatever the umask."""
        try:
            if parents and path.parent != path and not path.parent.is_dir():  # not 0777 less the umask
                self.make_dir(path.parent, parents=True)
            path.mkdir(mode=self.dir_mode & 0o777, exist_ok=True)
            os.chmod(path, self.dir_mode)
        except OSError as exc:
            raise StorageError(f"cannot create {path}: {why(exc)}") from None

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the lock for a read-modify-write, then tell other sessions something changed."""
        outermost = not self._lock.held
        with self._lock.hold():
            undo = self.before_write() if outermost and self.before_write is not None else None
            try:
                yield
            except BaseException:
                if undo is not None:
                    undo()  # e.g. a refused import: no trace of it, not even today's backup
                raise
            self.bump_stamp()

    def lock(self):
        return self._lock.hold()

    def wait_for_lock(self, seconds: float) -> None:
        """How long a write waits for another attune's lock before saying "busy" (the app: under
        a second, so keys keep answering; the CLI: a few seconds)."""
        self._lock.wait = seconds

    def bump_stamp(self) -> None:
        path = self.root / STAMP_FILE
        try:
            count = int(self.change_token() or b"0")
        except ValueError:
            count = 0
        token = str(count + 1).encode()
        # Not fsynced: it only wakes other sessions; losing it in a crash loses nothing.
        try:
            atomic_write(path, token, self.file_mode, durable=False)
        except StorageError:
            # The data itself is saved by now: reporting "not saved" would be false. On a full
            # disk a temp file may not fit, but overwriting the few existing bytes in place does.
            try:  # never through a link, never into a FIFO or device
                fd = os.open(path, os.O_WRONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
                try:
                    if not stat.S_ISREG(os.fstat(fd).st_mode):
                        return
                    os.write(fd, token)
                finally:
                    os.close(fd)
            except OSError:
                return
        # Still under the lock, so this is our own write and nobody else's.
        self._known_token = token

    def changed_elsewhere(self) -> bool:
        """True once after another process (or another Folder) wrote since we last looked."""
        token = self.change_token()
        if token != self._known_token:
            self._known_token = token
            return True
        return False

    def change_token(self) -> bytes:
        """Cheap (one small read): differs whenever any writer has finished a write. Only a regular
        file, not through a link, and only its first bytes: a FIFO or /dev/zero put there must not
        hang or fill memory (the next write replaces it with a file of ours)."""
        try:
            fd = os.open(self.root / STAMP_FILE, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            return b""
        try:
            return os.read(fd, STAMP_MAX) if stat.S_ISREG(os.fstat(fd).st_mode) else b""
        except OSError:
            return b""
        finally:
            os.close(fd)

    def clean_stray_temp_files(self) -> None:
        """Temp files (and half-made or half-deleted backup sets) left by a writer that died.
        Holding the lock, no write is in flight. Housekeeping: if the lock stays busy (another
        attune writing, or stopped mid-write), it is left for next time rather than waited for."""
        with self._lock.hold(wait=CLEAN_WAIT):
            strays = []
            for folder in (self.root, self.months_dir, self.backups_dir):
                if not folder.is_dir():
                    continue
                for path in folder.iterdir():
                    if is_temp_name(path.name) and not path.is_dir():
                        strays.append(path)
                    elif folder == self.root and path.name.startswith(SCRATCH_PREFIX) and path.is_dir():
                        shutil.rmtree(path, ignore_errors=True)  # an import's scratch copy (data/exchange.py)
                    elif folder == self.backups_dir and path.name.startswith((".tmp-", ".trash-")):
                        shutil.rmtree(path, ignore_errors=True)
            # Inside finished backup sets (a restore or a copy may have died there too).
            strays += self.backups_dir.glob("*/**/.*" + ".tmp")
            for path in strays:
                with suppress(OSError):
                    path.unlink()
