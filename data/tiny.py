"""TinyDB on attune's atomic files. Imported only when a table is written or queried:
reading the couple at start needs no TinyDB (see Folder.main_rows), so start-up skips it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document, Table

from data.storage import encode, parse_json, read_raw

if TYPE_CHECKING:
    from data.folder import Folder

# path -> (the bytes this process last wrote there (encrypted or not), what they hold). Lets an append skip parsing
# a file it wrote itself: the file's bytes are compared with these, so a change by anyone else
# (or any other write) means a fresh parse. Only appends use it; TinyDB's own reads never do.
Written = dict[Path, tuple[bytes, dict]]


class AtomicJSONStorage(Storage):
    """TinyDB storage: orjson, atomic replace, never caches (another process may write)."""

    def __init__(self, path: str | os.PathLike[str], folder: "Folder", written: Written) -> None:
        self.path = Path(path)
        self.folder = folder  # counts reads and checks what is read (data/schema.py)
        self.written = written

    def read(self) -> dict[str, dict[str, Any]] | None:
        self.folder._count_read(self.path)
        return self.folder.read(self.path)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self.written.pop(self.path, None)
        self.folder.save(self.path, encode(data))

    def append(self, table: str, document: Mapping, doc_id: int | None) -> int:
        """Add one row (call with the folder lock held). What TinyDB's insert does, but a file
        this process wrote last is not parsed again, and the other rows are not rebuilt: on a
        month of ten years' history that is most of the cost of a keypress."""
        raw = read_raw(self.path)
        written = self.written.pop(self.path, None)
        if raw is None:
            tables: dict = {}
        elif written is not None and written[0] == raw:
            tables = written[1]
        else:
            tables = parse_json(self.path, self.folder.plain(self.path, raw))
            self.folder._count_read(self.path)
            if self.folder.checked:
                self.folder.check(self.path, tables)
        rows = tables.setdefault(table, {})
        if doc_id is None:
            doc_id = max(map(int, rows), default=0) + 1
        elif str(doc_id) in rows:
            raise ValueError(f"Document with ID {doc_id} already exists")
        rows[str(doc_id)] = dict(document)
        self.written[self.path] = (self.folder.save(self.path, encode(tables)), tables)
        return doc_id

    def close(self) -> None:
        pass


class AppendingTable(Table):
    """TinyDB's Table whose insert appends through the storage (see AtomicJSONStorage.append).
    TinyDB's own next-id cache never goes stale: open_db makes a fresh TinyDB per operation."""

    def insert(self, document: Mapping) -> int:
        if not isinstance(document, Mapping):
            raise ValueError("Document is not a Mapping")
        doc_id = document.doc_id if isinstance(document, Document) else None
        return self.storage.append(self.name, document, doc_id)  # type: ignore[attr-defined]


class AttuneDB(TinyDB):
    table_class = AppendingTable


def open_db(path: Path, folder: "Folder", written: Written) -> TinyDB:
    # A fresh TinyDB per operation: no Table keeps a stale next-id or query cache.
    return AttuneDB(path, storage=AtomicJSONStorage, folder=folder, written=written)
