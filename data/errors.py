"""Errors the data layer raises. Each message is one line a person can act on."""

from __future__ import annotations

from pathlib import Path


class DataError(Exception):
    """Base class: something about the stored data stops us (CLI exit code 1)."""


class CorruptFileError(DataError):
    def __init__(self, path: Path, detail: str) -> None:
        self.path = Path(path)
        self.detail = detail
        super().__init__(f"data file {self.path} is unreadable ({detail}); it was left untouched")


class NewerSchemaError(DataError):
    def __init__(self, path: Path, found: int, known: int) -> None:
        self.path = Path(path)
        super().__init__(
            f"data in {self.path} was written by a newer attune (schema {found}; "
            f"this one knows up to {known}): upgrade attune to open it"
        )


class StorageError(DataError):
    """A write could not be made durable (disk full, read-only folder...). Nothing saved changed."""


class LockedError(DataError):
    """The folder is encrypted and this attune has no key for it (or the wrong one)."""


class InputError(ValueError):
    """Text or values a person gave that we refuse, with a message saying why."""
