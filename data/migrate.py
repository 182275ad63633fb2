"""Bringing an older data folder up to SCHEMA_VERSION, after a backup of every file.

Schema 0 is attune before month files: attune.json held everything, its `meta` row had no
`schema` (or there was no meta row), and records had no `uid`, only TinyDB's per-file ids:

    {"meta": {"1": {"created": "..."}}, "partners": {...}, "settings": {...},
     "interactions": {"1": {"at": "...", "by": "a", "positive": true, "note": "", "tag": ""}},
     "daily": {"1": {"day": "2026-10-02", "by": "b", "mood": 4, "happened": "...", ...}}}

Each step can be cut short by a crash and run again: records are added to a month file only
if their uid is not there yet, and attune.json is rewritten last, in one atomic write.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import TYPE_CHECKING, Callable

from data.errors import CorruptFileError, StorageError
from data.folder import MONTHS_DIR, Folder
from data.models import month_of
from data.schema import SCHEMA_VERSION, Bad, check_file
from data.storage import encode

if TYPE_CHECKING:
    from data.store import Store

MOVED_TABLES = ("interactions", "daily")


def found_schema(folder: Folder) -> int | None:
    """The folder's schema version; None for a new (empty) folder."""
    data = folder.read(folder.main_path) or {}
    meta = data.get("meta") or {}
    if not isinstance(meta, dict):
        raise CorruptFileError(folder.main_path, "meta: not a set of records")
    meta = list(meta.values())
    if not meta:
        return 0 if data.get("partners") else None
    version = meta[0].get("schema", 0) if isinstance(meta[0], dict) else None
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise CorruptFileError(folder.main_path, f"schema version {version!r} is not a number")
    return version


def legacy_uid(at: str, table: str, doc_id: str) -> str:
    """A uid for a schema-0 record: the same every time, so a re-run finds what it added."""
    stamp = datetime.fromisoformat(at)
    import hashlib  # only for a schema-0 folder: not on every start

    digest = hashlib.sha1(f"{table}:{doc_id}:{at}".encode()).hexdigest()[:8]
    return f"{stamp:%Y%m%dT%H%M%S}-{digest}"


def _interaction(doc_id: str, row: dict) -> dict:
    return {
        "uid": row.get("uid") or legacy_uid(row["at"], "interactions", doc_id),
        "at": row["at"],
        "by": row["by"],
        "positive": bool(row.get("positive")),
        "note": row.get("note") or "",
        "tag": row.get("tag") or "",
        "conflict": row.get("conflict"),
    }


def _daily(doc_id: str, row: dict) -> dict:
    created = row.get("created") or f"{row['day']}T12:00:00+00:00"  # aware, like every other stamp
    return {
        "uid": row.get("uid") or legacy_uid(created, "daily", doc_id),
        "day": row["day"],
        "by": row["by"],
        "mood": int(row["mood"]),
        "happened": row.get("happened") or "",
        "on_mind": row.get("on_mind") or "",
        "would_help": row.get("would_help") or "",
        "created": created,
        "updated": row.get("updated") or created,
        "seen_by": dict(row.get("seen_by") or {}),
    }


def v0_to_v1(store: "Store") -> None:
    """Move interactions and daily entries out of attune.json into their month files."""
    folder = store.folder
    data = folder.read(folder.main_path) or {}
    by_month: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    try:
        for doc_id, row in (data.get("interactions") or {}).items():
            record = _interaction(doc_id, row)
            by_month[month_of(record["at"])]["interactions"].append(record)
        for doc_id, row in (data.get("daily") or {}).items():
            record = _daily(doc_id, row)
            by_month[month_of(record["day"])]["daily"].append(record)
    except (KeyError, TypeError, ValueError) as exc:
        raise CorruptFileError(folder.main_path, f"an old record cannot be read ({exc!r})") from None
    for month, tables in by_month.items():  # checked as its month file will be read, before any is written
        rows = {name: {str(i): r for i, r in enumerate(records, 1)} for name, records in tables.items()}
        try:
            check_file(f"{MONTHS_DIR}/{month}.json", rows, stored=True)
        except Bad as exc:
            raise CorruptFileError(folder.main_path, f"an old record cannot be upgraded: {exc.where}: {exc}") from None
    if by_month:
        folder.ensure_months_dir()
    for month, tables in sorted(by_month.items()):
        db = folder.month(month)
        for name, records in tables.items():
            table = db.table(name, cache_size=0)
            have = {row.get("uid") for row in table.all()}
            table.insert_multiple([r for r in records if r["uid"] not in have])
    if any(name in data for name in MOVED_TABLES):
        for name in MOVED_TABLES:
            data.pop(name, None)
        folder.save(folder.main_path, encode(data))


# MIGRATIONS[v] turns schema v into v + 1.
MIGRATIONS: dict[int, Callable[["Store"], None]] = {0: v0_to_v1}


def migrate(store: "Store", found: int) -> None:
    """Upgrade from schema `found`: one process at a time, and only after a backup of every file."""
    from data.backup import before_upgrade
    folder = store.folder
    with folder.lock():  # not writing(): the daily backup would copy the old files a second time
        found = found_schema(folder) or 0  # another session may have upgraded while we waited
        if found >= SCHEMA_VERSION:
            return
        try:
            before_upgrade(folder, store.now(), SCHEMA_VERSION)
        except StorageError as exc:
            raise StorageError(f"{exc}; the data was not upgraded, nothing changed") from None
        with folder.writing():
            for version in range(found, SCHEMA_VERSION):
                MIGRATIONS[version](store)
            meta = folder.main().table("meta", cache_size=0)
            rows = meta.all()
            if rows:  # one write either way
                meta.update({"schema": SCHEMA_VERSION}, doc_ids=[rows[0].doc_id])
            else:
                meta.insert({"schema": SCHEMA_VERSION, "created": store.now().isoformat()})
