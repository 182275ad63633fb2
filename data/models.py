"""Plain records the screens and the CLI work with."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime



def new_uid(at: datetime) -> str:
    """Unique across processes; starts with the time, so the month file is known from the id."""
    return f"{at:%Y%m%dT%H%M%S}-{os.urandom(4).hex()}"


@dataclass(frozen=True)
class Partner:
    id: str  # "a" or "b"
    name: str


@dataclass
class Settings:
    sensitive_questions: bool = False
    scoring: bool = False
    stale_days: int = 90
    theme: str = "textual-dark"
    everyday_target: float = 20.0
    conflict_target: float = 5.0
    extra: dict = field(default_factory=dict)  # room for features to keep small settings


@dataclass(frozen=True)
class Interaction:
    uid: str
    at: datetime
    by: str
    positive: bool
    note: str = ""
    tag: str = ""
    conflict: str | None = None  # uid of the open conflict when it was logged

    @property
    def sign(self) -> str:
        return "+" if self.positive else "-"


@dataclass(frozen=True)
class Ratio:
    positive: int
    negative: int

    @property
    def value(self) -> float | None:
        """positive per negative; None when there is no negative yet (infinite)."""
        if self.negative == 0:
            return None
        return self.positive / self.negative


@dataclass(frozen=True)
class DailyEntry:
    uid: str
    day: date
    by: str
    mood: int
    happened: str = ""
    on_mind: str = ""
    would_help: str = ""
    created: datetime | None = None
    updated: datetime | None = None
    seen_by: dict[str, str] = field(default_factory=dict)  # reader id -> the `updated` they saw

    def seen(self, reader: str) -> bool:
        return self.updated is not None and self.seen_by.get(reader) == self.updated.isoformat()


MOOD_WORDS = {1: "awful", 2: "low", 3: "okay", 4: "good", 5: "great"}
