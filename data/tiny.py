"""TinyDB on attune's atomic files. Imported only when a table is written or queried:
reading the couple at start needs no TinyDB (see Folder.main_rows), so start-up skips it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable

from tinydb import TinyDB
from tinydb.storages import Storage

from data.storage import atomic_write, encode, read_json


class AtomicJSONStorage(Storage):
    """TinyDB storage: orjson, atomic replace, never caches (another process may write)."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        mode: int = 0o600,
        on_read: Callable[[Path], None] | None = None,
    ) -> None:
        self.path = Path(path)
        self.mode = mode
        self.on_read = on_read

    def read(self) -> dict[str, dict[str, Any]] | None:
        if self.on_read is not None:
            self.on_read(self.path)
        return read_json(self.path)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        atomic_write(self.path, encode(data), self.mode)

    def close(self) -> None:
        pass


def open_db(path: Path, mode: int, on_read: Callable[[Path], None]) -> TinyDB:
    # A fresh TinyDB per operation: no Table keeps a stale next-id or query cache.
    return TinyDB(path, storage=AtomicJSONStorage, mode=mode, on_read=on_read)
