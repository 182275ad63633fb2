"""Durable, atomic JSON files and a cross-process lock (TinyDB's storage on them: data/tiny.py).

TinyDB's JSONStorage writes in place: a crash mid-write leaves half a file, and two
processes interleave. Here every write goes to a temp file in the same folder, is
fsynced and then renamed over the old one, so a reader sees the old file or the new
one, never a mix. Writers also hold FolderLock around each read-modify-write.
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
import tempfile
import threading
import time
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, Iterator

import orjson

from data.errors import CorruptFileError, DataError, InputError, StorageError

TEMP_SUFFIX = ".tmp"
AGE_HEADER = b"age-encryption.org/v1\n"  # how every age file starts (an encrypted folder: data/crypt.py)
FILE_MAX = 64 * 1024 * 1024  # bytes in one data file (and one export): ten busy years fit in a few MB
BUSY_TRIES = 10  # ~0.1 s of quick tries once a wait has run out
NO_HANG = 2.0  # seconds at most for a given-up waiter that has the lock to let it go
LOCK_WAIT = 5.0  # seconds; a write holds the lock for milliseconds, so longer means a stuck or stopped attune


def is_encrypted(data: bytes) -> bool:
    return data.startswith(AGE_HEADER)


def identity_of(st: os.stat_result) -> tuple[int, int, int]:
    """Which file this is: every write replaces a file (a new inode), so the same identity means
    the same content. Caches stat before they read: a write landing in between is cached under
    the old identity, so it is read again next time."""
    return st.st_ino, st.st_mtime_ns, st.st_size


def identity(path: Path) -> tuple[int, int, int] | None:
    """identity_of(path), or None when there is no such file (or it cannot be looked at)."""
    try:
        return identity_of(os.stat(path))
    except OSError:
        return None


_WHY = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EFBIG: "the file would be larger than this system allows",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EIO: "an input/output error (is the disk failing?)",
}


def why(exc: OSError) -> str:
    return _WHY.get(exc.errno or 0, exc.strerror or str(exc))


def read_raw(path: Path, seen: dict | None = None) -> bytes | None:
    """A data file's bytes; None if it does not exist. A symbolic link is refused, never followed
    (another account sharing the folder could point it anywhere), and so is anything that is not
    a regular file or is larger than FILE_MAX (so /dev/zero or a FIFO cannot hang or fill memory)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # damaged, as far as attune is concerned: its backup is offered
            raise CorruptFileError(path, "it is a symbolic link, and attune does not follow links in its "
                                         "data folder: put the file itself there") from None
        raise DataError(f"cannot read data file {path}: {why(exc)}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise CorruptFileError(path, "it is not a regular file")
        if st.st_size > FILE_MAX:
            raise CorruptFileError(path, f"it is larger than {FILE_MAX // 2**20} MB")
        if seen is not None:
            seen["identity"] = identity_of(st)
        chunks, size = [], 0
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            size += len(chunk)
            if size > FILE_MAX:
                raise CorruptFileError(path, f"it is larger than {FILE_MAX // 2**20} MB")
        return b"".join(chunks)
    except OSError as exc:
        raise DataError(f"cannot read data file {path}: {why(exc)}") from None
    finally:
        os.close(fd)


def parse_json(path: Path, raw: bytes) -> dict[str, Any]:
    if not raw.strip():
        # We never write an empty file, so this is a truncated one.
        raise CorruptFileError(path, "the file is empty")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise CorruptFileError(path, f"not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise CorruptFileError(path, "not a JSON object")
    return data


def atomic_write(path: Path, payload: bytes, mode: int = 0o600, durable: bool = True) -> None:
    """Replace `path` with `payload` all at once; on failure the old file is untouched.

    The temp file gets `mode` before any byte is written, so the data is never readable
    by others, and the replaced file keeps 0600 whatever the umask."""
    folder = path.parent
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=folder)
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), mode)
            handle.write(payload)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise StorageError(f"could not save {path}: {why(exc)}; nothing saved was changed") from None
    finally:
        if tmp is not None:
            with suppress(OSError):
                os.unlink(tmp)
    if durable:
        try:
            fsync_dir(folder)
        except OSError as exc:
            # The new file is in place; only its durability across a power cut is in doubt.
            raise StorageError(f"saved {path}, but the folder could not be synced: {why(exc)}") from None


def copy_file(source: Path, target: Path, mode: int = 0o600) -> None:
    """An atomic, durable copy (backups and restores): `target` is the old or the new, never half."""
    try:
        payload = source.read_bytes()
    except OSError as exc:
        raise StorageError(f"cannot read {source}: {why(exc)}") from None
    atomic_write(target, payload, mode)


def fsync_dir(folder: Path) -> None:
    """Make a rename durable: the directory entry itself must reach the disk."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def encode(data: Any) -> bytes:
    try:
        return orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS)
    except TypeError as exc:  # orjson.JSONEncodeError; e.g. a lone surrogate from mis-decoded bytes
        raise InputError(f"cannot save text that is not valid Unicode ({exc}); nothing was saved") from None


def is_temp_name(name: str) -> bool:
    """A temp file atomic_write makes (`.attune.json.k2j3.tmp`): left over only if a writer died."""
    return name.startswith(".") and name.endswith(TEMP_SUFFIX)


class FolderLock:
    """An exclusive flock on `<folder>/.lock`, re-entrant within one thread.

    The lock lives on a separate file because the data files are replaced by rename:
    a lock on the old inode would protect nothing.
    """

    def __init__(self, path: Path, mode: int = 0o600, wait: float | None = None) -> None:
        self.path = path
        self.mode = mode
        self.wait = wait  # None: LOCK_WAIT
        self._local = threading.local()
        # Set when a wait ran out: the holder is stopped or stuck, so later writes only try, without
        # waiting again, until one gets the lock (each key then answers "busy" at once).
        self.busy = False
        self._given_up: list[_Waiter] = []

    @property
    def held(self) -> bool:
        """True inside `hold()` on this thread."""
        return getattr(self._local, "depth", 0) > 0

    @contextmanager
    def hold(self, wait: float | None = None) -> Iterator[None]:
        """`wait`: at most this many seconds for another process to let go (default: the lock's)."""
        depth = getattr(self._local, "depth", 0)
        if depth:
            self._local.depth = depth + 1
            try:
                yield
            finally:
                self._local.depth -= 1
            return
        try:
            # Never through a link: in a shared folder the other account could plant `.lock` -> a file
            # of ours, and the fchmod below would change that file's mode.
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, self.mode)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise StorageError(f"{self.path} is a symbolic link: attune will not lock through it; "
                                   f"remove it (rm {self.path}) and try again; nothing was changed") from None
            # Only writers lock: so this is a write that cannot happen, before anything changed.
            raise StorageError(f"cannot write to data folder {self.path.parent}: {why(exc)}; "
                               "nothing saved was changed") from None
        if self.mode & 0o070:  # a shared folder: the creator's umask must not lock the partner out
            with suppress(OSError):  # failing: made by the partner, who set it already
                os.fchmod(fd, self.mode)
        try:
            self._take(fd, self.wait if wait is None else wait, remember=wait is None)
            self._local.depth = 1
            try:
                yield
            finally:
                self._local.depth = 0
        finally:
            os.close(fd)  # closing releases the flock

    def _take(self, fd: int, wait: float | None, remember: bool = True) -> None:
        """Wait a bounded time: a stopped (^Z, SIGSTOP) or hung attune holding the lock must not
        freeze this one forever. The wait itself is the kernel's (a blocking flock, in a helper
        thread): polling with LOCK_NB starves behind a writer that takes the lock back at once."""
        if self._try(fd):
            return  # not contended: no thread
        if self.busy and remember:
            # Known busy: a few quick tries, no waiting thread (a stopped holder would keep one per
            # key). A waiter given up on takes the lock for an instant once the holder dies: let it
            # finish letting go first.
            for old in self._given_up:
                if old.took.is_set():
                    old.finished.wait(NO_HANG)
            self._given_up = [old for old in self._given_up if not old.finished.is_set()]
            for _ in range(BUSY_TRIES):
                time.sleep(0.01)
                if self._try(fd):
                    return
            raise StorageError(f"data folder {self.path.parent} is still busy (another attune is holding it): "
                               "nothing was changed; try again")
        waiter = _Waiter(os.dup(fd))  # same open file: its flock is this fd's flock
        if not waiter.wait(LOCK_WAIT if wait is None else wait):
            self._given_up.append(waiter)
            self.busy = remember  # housekeeping's own short wait (remember=False) proves nothing
            raise StorageError(f"data folder {self.path.parent} is busy (another attune is holding it): "
                               "nothing was changed; try again")

    def _try(self, fd: int) -> bool:
        """Take the lock if it is free right now, without waiting."""
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        self.busy = False
        return True


class _Waiter:
    """A blocking flock on a duplicate descriptor, in a daemon thread. Given up on, the thread
    stays blocked until the holder lets go (or dies), then lets go at once itself."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.done = threading.Event()
        self.guard = threading.Lock()
        self.abandoned = False
        self.error: OSError | None = None
        self.took = threading.Event()  # the holder let go and this thread got the lock ...
        self.finished = threading.Event()  # ... and, given up on, let it go again
        threading.Thread(target=self._run, name="attune-lock-wait", daemon=True).start()

    def _run(self) -> None:
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX)
        except OSError as exc:
            self.error = exc
        self.took.set()
        with self.guard:
            if self.abandoned:
                os.close(self.fd)  # the last descriptor of that open file: the lock goes with it
                self.finished.set()
                return
            self.done.set()

    def wait(self, seconds: float) -> bool:
        """True once the lock is held (by the caller's descriptor); False if given up on."""
        self.done.wait(seconds)
        with self.guard:
            if not self.done.is_set():
                self.abandoned = True
                return False
        os.close(self.fd)  # the caller's descriptor still holds the open file, and so the lock
        if self.error is not None:
            raise StorageError(f"cannot lock the data folder: {why(self.error)}; nothing was changed")
        return True
