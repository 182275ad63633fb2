"""The Store: the one typed entry point screens and the CLI use for a couple's data."""

from __future__ import annotations

import os
import re
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from data import clock as real_clock
from data.clock import Clock
from data.errors import DataError, InputError, NewerSchemaError, StorageError
from data.folder import CONVERTING, KEY_FILE, Folder
from data.models import Partner, Settings
from data.paths import resolve_data_dir
from data.schema import SCHEMA_VERSION
from data.text import clean_name, name_key, same_name

if TYPE_CHECKING:
    from data.crypt import Cipher
    from data.daily import Daily
    from data.interactions import Interactions
    from data.quiz import Quiz
    from data.review import Review


class Store:
    def __init__(self, folder: Folder, clock: Clock | None = None) -> None:
        self.folder = folder
        self.clock: Clock = clock or real_clock.now
        folder.before_write = self._before_write  # the day's backup, before its first write
        self.backed_up_on: date | None = None
        self.backup_error: str | None = None  # why today's automatic backup failed, if it did

    def _before_write(self):
        """Before the first write of a day, that day's backup (data/backup.py); if it fails,
        `backup_error` says why and the write goes ahead."""
        now = self.now()
        if self.backed_up_on == now.date():
            return None
        from data.backup import take_daily  # on the first write: not on every start

        done, undo, self.backup_error = take_daily(self.folder, now)
        self.backed_up_on = now.date() if done else None
        if undo is None:
            return None

        def take_back() -> None:
            if undo():
                self.backed_up_on = None  # the set is gone: the next write takes it again
        return take_back

    # Feature APIs are built on first use: start-up and `attune log` import only what they touch.
    @cached_property
    def interactions(self) -> "Interactions":
        from data.interactions import Interactions

        return Interactions(self)

    @cached_property
    def daily(self) -> "Daily":
        from data.daily import Daily

        return Daily(self)

    @cached_property
    def review(self) -> "Review":
        from data.review import Review

        return Review(self)

    @cached_property
    def quiz(self) -> "Quiz":
        from data.quiz import Quiz

        return Quiz(self)

    # -- opening ---------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path | None = None, *, create: bool = True, clock: Clock | None = None,
             cipher: "Cipher | None" = None) -> "Store":
        """`cipher`: an encrypted folder's unlocked key (data/crypt.py); without it, LockedError."""
        folder = Folder.open(resolve_data_dir(path), create=create)
        store = cls(folder, clock)
        try:
            folder.clean_stray_temp_files()  # first: a migration must not copy half-written files
        except StorageError:
            pass  # a read-only folder can still be read
        if os.path.lexists(folder.root / KEY_FILE) or os.path.lexists(folder.root / CONVERTING):
            from data import crypt

            crypt.open_with(folder, cipher)
        store._check_schema()
        folder.checked = True  # from here on every read is checked against data/schema.py
        return store

    @property
    def root(self) -> Path:
        return self.folder.root

    def _check_schema(self) -> None:
        from data.migrate import found_schema, migrate

        found = found_schema(self.folder)
        if found is None:
            return  # new folder: written on setup
        if found > SCHEMA_VERSION:
            raise NewerSchemaError(self.folder.main_path, found, SCHEMA_VERSION)
        if found < SCHEMA_VERSION:
            migrate(self, found)

    def now(self) -> datetime:
        return self.clock()

    # -- the couple ------------------------------------------------------------
    def partners(self) -> list[Partner]:
        rows = self.folder.main_rows("partners")
        return sorted((Partner(r["id"], r["name"]) for r in rows), key=lambda p: p.id)

    @property
    def is_set_up(self) -> bool:
        return len(self.partners()) == 2

    @staticmethod
    def check_couple(name_a: str, name_b: str) -> tuple[str, str]:
        first = clean_name(name_a, "first partner's name")
        second = clean_name(name_b, "second partner's name")
        if same_name(first, second):
            raise InputError(f"both partners are called {first!r}: give each a different name")
        return first, second

    def setup_couple(self, name_a: str, name_b: str) -> list[Partner]:
        first, second = self.check_couple(name_a, name_b)
        with self.folder.writing():
            db = self.folder.main()
            if db.table("partners", cache_size=0).all():
                raise DataError(f"{self.root} already holds a couple; use another --data-dir")
            meta = db.table("meta", cache_size=0)
            meta.truncate()
            meta.insert({"schema": SCHEMA_VERSION, "created": self.now().isoformat()})
            db.table("partners", cache_size=0).insert_multiple(
                [{"id": "a", "name": first}, {"id": "b", "name": second}]
            )
        return self.partners()

    def rename_partner(self, pid: str, name: str) -> Partner:
        new = clean_name(name)
        other = self.other(pid)
        if same_name(new, other.name):
            raise InputError(f"{other.name} already has that name: give each a different name")
        with self.folder.writing():
            from tinydb import Query

            self.folder.main().table("partners", cache_size=0).update({"name": new}, Query().id == pid)
        return self.partner(pid)

    def partner(self, pid: str) -> Partner:
        for p in self.partners():
            if p.id == pid:
                return p
        raise InputError(f"no partner {pid!r}")

    def other(self, pid: str) -> Partner:
        return next(p for p in self.partners() if p.id != pid)

    def partner_by_name(self, name: str) -> Partner:
        partners = self.partners()
        if not partners:
            raise DataError(f"no couple set up in {self.root}: run `attune init NAME1 NAME2` first")
        for p in partners:
            if same_name(p.name, name.strip()):
                return p
        # The first word(s) of a name will do when they name one partner ("Zoë" for "Zoë 🌸").
        typed = name_key(name.strip())
        starts = [p for p in partners if typed and re.match(re.escape(typed) + r"(?!\w)", name_key(p.name))]
        if len(starts) == 1:
            return starts[0]
        names = " or ".join(p.name for p in partners)
        if starts:
            raise InputError(f"{name!r} could be {names}: give more of the name")
        raise InputError(f"no partner called {name!r}: use {names}")

    # -- encryption at rest (data/crypt.py) ------------------------------------------
    @property
    def is_encrypted(self) -> bool:
        return self.folder.cipher is not None

    def encrypt(self, passphrase: str) -> "Cipher":
        """Encrypt the folder, backups included, with a new key; returns it (the recovery key)."""
        from data import crypt

        cipher = crypt.Cipher.generate()
        crypt.convert(self.folder, cipher, True, passphrase)
        return cipher

    # -- settings --------------------------------------------------------------
    def settings(self) -> Settings:
        rows = self.folder.main_rows("settings")
        known = set(Settings.__dataclass_fields__)
        data = {k: v for k, v in (rows[0] if rows else {}).items() if k in known}
        return Settings(**data)

    def update_settings(self, **changes: object) -> Settings:
        unknown = set(changes) - set(Settings.__dataclass_fields__)
        if unknown:
            raise InputError(f"unknown setting {sorted(unknown)[0]!r}")
        with self.folder.writing():
            table = self.folder.main().table("settings", cache_size=0)
            rows = table.all()
            if rows:
                table.update(dict(changes), doc_ids=[rows[0].doc_id])
            else:
                table.insert(dict(changes))
        return self.settings()

    # -- noticing other sessions' writes ----------------------------------------
    def changed_elsewhere(self) -> bool:
        """Cheap enough to poll 20 times a second (one tiny read)."""
        return self.folder.changed_elsewhere()
