"""Plain records the screens and the CLI work with, and the dates they are filed by: which month
file holds a moment, which files a span of days needs, a stored time in the viewer's zone."""

from __future__ import annotations

import os
import types
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from datetime import date, datetime, timedelta, tzinfo
from functools import cache
from typing import Any, Callable, TypeVar, get_args, get_origin, get_type_hints

R = TypeVar("R")


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


# -- records to and from stored rows ---------------------------------------------------
def from_row(cls: type[R], row: dict, tz: tzinfo | None = None) -> R:
    """A record from a stored row, field by field as its type says. `tz` is the viewer's zone:
    stored times keep the writer's offset; shown and counted by day they are the viewer's (a
    partner in another zone logs "tonight", not "tomorrow"). A missing key takes the field's
    default (None when it may be None); without one the row is malformed (KeyError)."""
    values = {}
    for name, convert, optional, has_default in _fields_of(cls):
        value = row.get(name)
        if value is not None:
            values[name] = convert(value, tz)
        elif optional and not has_default:
            values[name] = None
        elif not has_default:
            raise KeyError(name)
    return cls(**values)


def to_row(record: Any) -> dict:
    """The stored row of a record: times and days as ISO text, nested records as rows."""
    return {f.name: _stored(getattr(record, f.name)) for f in fields(record)}


def _stored(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if is_dataclass(value):
        return to_row(value)
    if isinstance(value, tuple):
        return [_stored(v) for v in value]
    return value


@cache
def _fields_of(cls: type) -> tuple[tuple[str, Callable[[Any, tzinfo | None], Any], bool, bool], ...]:
    hints = get_type_hints(cls)
    return tuple(
        (f.name, _converter(hints[f.name]), type(None) in get_args(hints[f.name]),
         f.default is not MISSING or f.default_factory is not MISSING)
        for f in fields(cls) if f.init
    )


def _converter(hint: Any) -> Callable[[Any, tzinfo | None], Any]:
    origin, args = get_origin(hint), get_args(hint)
    if origin is types.UnionType:  # `X | None`: None was handled by from_row; "" means none too
        inner = _converter(next(a for a in args if a is not type(None)))
        return lambda v, tz: None if v == "" else inner(v, tz)
    if hint is datetime:
        return lambda v, tz: in_zone(v, tz)
    if hint is date:
        return lambda v, tz: date.fromisoformat(v)
    if hint in (bool, int, float):
        return lambda v, tz: hint(v)
    if origin is tuple:
        item = _converter(args[0])
        return lambda v, tz: tuple(item(x, tz) for x in v)
    if origin is dict:
        value = _converter(args[1])
        return lambda v, tz: {k: value(x, tz) for k, x in v.items()}
    if is_dataclass(hint):
        return lambda v, tz: from_row(hint, v, tz)
    return lambda v, tz: v


# -- dates and months ---------------------------------------------------------------
def month_of(value: datetime | date | str) -> str:
    """'YYYY-MM' for a datetime, a date, an ISO date string or a uid."""
    if isinstance(value, (datetime, date)):
        return f"{value.year:04d}-{value.month:02d}"
    text = value.replace("-", "")
    return f"{text[0:4]}-{text[4:6]}"


def months_between(start: date, end: date) -> list[str]:
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def months_around(first: date, last: date) -> list[str]:
    """The month files that can hold moments of the viewer's days `first` to `last`: each is filed
    by its writer's own date, up to a day either side of the viewer's in another time zone."""
    return months_between(first - timedelta(days=1), last + timedelta(days=1))


def in_zone(stamp: str, tz: tzinfo | None) -> datetime:
    """A stored time (with its writer's offset) as the viewer sees it."""
    at = datetime.fromisoformat(stamp)
    return at if tz is None else at.astimezone(tz)
