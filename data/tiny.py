"""TinyDB on attune's atomic files (data/storage.py). Imported only when a table is written or
queried: reading the couple at start needs no TinyDB (see Folder.main_rows), so start-up skips
it. A row logged on the gauge is appended by Folder.append, in TinyDB's format, without it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tinydb.storages import Storage

from data.storage import encode

if TYPE_CHECKING:
    from data.folder import Folder


class AtomicJSONStorage(Storage):
    """TinyDB storage: orjson, atomic replace, never caches (another process may write)."""

    def __init__(self, path: str | os.PathLike[str], folder: "Folder") -> None:
        self.path = Path(path)
        self.folder = folder  # counts reads and checks what is read (data/schema.py)

    def read(self) -> dict[str, dict[str, Any]] | None:
        self.folder.reads[self.path] += 1
        return self.folder.read(self.path)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self.folder.written.pop(self.path, None)
        self.folder.fits(self.path, data)
        self.folder.save(self.path, encode(data))
