"""Plain records the screens and the CLI work with, and the dates they are filed by: which month
file holds a moment, which files a span of days needs, a stored time in the viewer's zone. Last,
what the gauge shows, computed from one read of the last few weeks (Recent): pure, no file access."""

from __future__ import annotations

import math
import os
import types
from bisect import bisect_left
from collections import Counter
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from functools import cache
from typing import (TYPE_CHECKING, Any, Callable, Iterable, Iterator, TypeVar, get_args, get_origin,
                    get_type_hints)

if TYPE_CHECKING:
    from data.interactions import Repair

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
    seen_by: dict[str, str] = field(default_factory=dict)  # reader id -> the version() they saw

    def version(self) -> str | None:
        """The save a reader's mark names: the last edit (an import may hold only its creation)."""
        moment = self.updated or self.created
        return moment.isoformat() if moment else None

    def seen(self, reader: str) -> bool:
        # An entry with no time at all (an import) gets one when edited: until then any mark counts.
        mark = self.seen_by.get(reader)
        return mark is not None and mark == (self.version() or mark)


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
    return [f"{n // 12:04d}-{n % 12 + 1:02d}" for n in range(_month_number(start), _month_number(end) + 1)]


def months_back(last: date, count: int) -> list[str]:
    """The `count` months ending with `last`'s, oldest first."""
    first = _month_number(last) - (count - 1)
    return months_between(date(first // 12, first % 12 + 1, 1), last)


def _month_number(day: date) -> int:
    return day.year * 12 + day.month - 1


def months_around(first: date, last: date) -> list[str]:
    """The month files that can hold moments of the viewer's days `first` to `last`: each is filed
    by its writer's own date, up to a day either side of the viewer's in another time zone."""
    return months_between(first - timedelta(days=1), last + timedelta(days=1))


def in_zone(stamp: str, tz: tzinfo | None) -> datetime:
    """A stored time (with its writer's offset) as the viewer sees it."""
    at = datetime.fromisoformat(stamp)
    return at if tz is None else at.astimezone(tz)


def day_bounds(first: date, last: date, tz: tzinfo | None) -> tuple[datetime, datetime]:
    """From the start of `first` to the start of the day after `last`, in zone `tz`."""
    start = datetime.combine(first, time(), tzinfo=tz)
    return start, datetime.combine(last + timedelta(days=1), time(), tzinfo=tz)


# -- ratios: what the gauge shows, per period, context (everyday or conflict) and partner, the
# daily trend, and which negatives still need a repair.
EVERYDAY, CONFLICT = "everyday", "conflict"
PERIODS = ((1, "Today"), (7, "7 days"), (30, "30 days"))

# Zones of the bar; the words are what a person reads, colour only repeats them.
NOTHING, BELOW_ONE, BELOW_AIM, AT_AIM = "nothing", "below 1:1", "below aim", "at aim"
REPAIRED, ATTEMPTED, UNREPAIRED = "repaired", "attempted", "unrepaired"


def count(items: Iterable[Interaction]) -> Ratio:
    signs = Counter(item.positive for item in items)
    return Ratio(signs[True], signs[False])


# (local date, everyday?, by, positive) -> how many: enough to answer every count the gauge shows.
Tally = Counter


def tally_key(item: Interaction) -> tuple:
    return item.at.date(), item.conflict is None, item.by, item.positive


def tally(items: Iterable[Interaction]) -> Tally:
    return Counter(map(tally_key, items))


def zone(r: Ratio, target: float) -> str:
    """Which zone a ratio is in. No negatives at all (and some positives) is at aim."""
    if r.positive == 0 and r.negative == 0:
        return NOTHING
    value = r.value
    if value is None:
        return AT_AIM
    if value < 1:
        return BELOW_ONE
    if value < target:
        return BELOW_AIM
    return AT_AIM


def short(r: Ratio) -> str:
    """'5.2:1', '19.9:1', '3:0' (no negatives) or '--' (nothing): fits Textual's Digits."""
    if r.negative == 0:
        return f"{r.positive}:0" if r.positive else "--"
    # Rounded down, so a ratio just below 1:1 or the aim never reads as reaching it.
    value = r.positive / r.negative
    if value < 100:
        return f"{math.floor(value * 10) / 10:.1f}:1"
    return f"{math.floor(value)}:1"


@dataclass
class Recent:
    """Interactions of the last `days` days (oldest first) and the repairs of their negatives."""

    today: date
    days: int
    items: list[Interaction]
    repairs: dict[str, list["Repair"]] = field(default_factory=dict)  # negative uid -> repairs
    # The items counted (see `tally`): every count below comes from it. A caller that keeps one
    # between repaints passes it (Interactions.recent); else it is made here, once.
    counts: Tally | None = field(default=None, compare=False)
    # A repaint asks the same few questions many times: answers are kept (items never change).
    _memo: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.counts is None:
            self.counts = tally(self.items)

    def _first(self, days: int) -> date:
        """The first of the last `days` days (today is the last), which must have been read."""
        if days > self.days:
            raise ValueError(f"only the last {self.days} days were read")
        return self.today - timedelta(days=days - 1)

    def since(self, days: int, context: str | None = None, by: str | None = None) -> list[Interaction]:
        self._first(days)  # refuses more days than were read
        key = (days, context, by)
        found = self._memo.get(key)
        if found is None:
            found = [i for i, _day in self._dated(days, context) if by is None or i.by == by]
            self._memo[key] = found
        return list(found)

    def _dated(self, days: int, context: str | None) -> list[tuple[Interaction, date]]:
        """(interaction, its local date) of one context from `days` days ago, oldest first:
        the items are split by context once, then each period is a slice."""
        key = ("dated", context)
        if key not in self._memo:
            items = self.items
            if context == EVERYDAY:  # inline: this runs over every item on each repaint
                items = [i for i in items if i.conflict is None]
            elif context == CONFLICT:
                items = [i for i in items if i.conflict is not None]
            pairs = [(i, i.at.date()) for i in items]
            dates = [day for _i, day in pairs]
            # Sorted by instant; the local dates are in order too unless offsets differ (DST).
            ordered = all(a <= b for a, b in zip(dates, dates[1:]))
            self._memo[key] = (pairs, dates if ordered else None)
        pairs, dates = self._memo[key]
        start = self._first(days)
        if dates is not None:
            return pairs[bisect_left(dates, start):]
        return [(i, day) for i, day in pairs if day >= start]

    def _counted(self, days: int, context: str | None,
                 by: str | None = None) -> Iterator[tuple[date, bool, int]]:
        """(day, positive, how many) of the tally, for the last `days` days of one context and partner."""
        start = self._first(days)
        for (day, everyday, who, positive), n in self.counts.items():  # type: ignore[union-attr]
            if day >= start and (context is None or everyday == (context == EVERYDAY)) and by in (None, who):
                yield day, positive, n

    def ratio(self, days: int, context: str | None = None, by: str | None = None) -> Ratio:
        key = ("ratio", days, context, by)
        if key not in self._memo:
            signs: Counter = Counter()
            for _day, positive, n in self._counted(days, context, by):
                signs[positive] += n
            self._memo[key] = Ratio(signs[True], signs[False])
        return self._memo[key]

    def by_partner(self, days: int, context: str | None = None) -> dict[str, Ratio]:
        start = self._first(days)
        pids = {who for (day, _e, who, _p) in self.counts if day >= start} | {"a", "b"}  # type: ignore[union-attr]
        return {pid: self.ratio(days, context, pid) for pid in sorted(pids)}

    def for_conflict(self, conflict_uid: str) -> Ratio:
        return count(i for i in self.items if i.conflict == conflict_uid)

    def daily(self, days: int = 30, context: str | None = EVERYDAY) -> list[tuple[date, Ratio]]:
        """One Ratio per day, oldest first, today last (days with nothing logged are 0:0)."""
        signs: Counter = Counter()
        for day, positive, n in self._counted(days, context):
            signs[day, positive] += n
        first = self._first(days)
        return [(day, Ratio(signs[day, True], signs[day, False]))
                for day in (first + timedelta(days=n) for n in range(days))]

    def repair_state(self, uid: str) -> str:
        """'repaired' once a repair was accepted; 'attempted' if tried but not (yet) accepted."""
        repairs = self.repairs.get(uid, [])
        if any(r.accepted for r in repairs):
            return REPAIRED
        return ATTEMPTED if repairs else UNREPAIRED

    def unrepaired(self, days: int = 7) -> list[Interaction]:
        """Negatives of the last `days` days with no accepted repair, newest first.
        An attempted-but-not-accepted repair leaves a negative on this list (repair_state says so)."""
        return [
            i for i in reversed(self.since(days))
            if not i.positive and self.repair_state(i.uid) != REPAIRED
        ]

    def newest(self) -> Interaction | None:
        return max(self.items, key=lambda i: i.at) if self.items else None
