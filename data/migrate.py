"""Bringing an older data folder up to SCHEMA_VERSION."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from data.store import Store

# MIGRATIONS[v] turns schema v into v + 1. Schema 0 is a folder whose meta row lacks a version.
MIGRATIONS: dict[int, Callable[["Store"], None]] = {0: lambda store: None}


def migrate(store: "Store", found: int) -> None:
    from data.store import SCHEMA_VERSION

    with store.folder.writing():
        for version in range(found, SCHEMA_VERSION):
            MIGRATIONS[version](store)
        meta = store.folder.main().table("meta", cache_size=0)
        rows = meta.all()
        row = dict(rows[0]) if rows else {}
        row["schema"] = SCHEMA_VERSION
        meta.truncate()
        meta.insert(row)
