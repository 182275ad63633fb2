"""What the gauge shows, computed from one read of the last few weeks: ratios per period,
context (everyday or conflict) and partner, the daily trend, and which negatives still
need a repair. Pure: no file access here, so it costs nothing to ask it many questions."""

from __future__ import annotations

import math
from collections import Counter
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Iterable

from data.models import Interaction, Ratio

if TYPE_CHECKING:
    from data.interactions import Repair

EVERYDAY, CONFLICT = "everyday", "conflict"
PERIODS = ((1, "Today"), (7, "7 days"), (30, "30 days"))

# Zones of the bar; the words are what a person reads, colour only repeats them.
NOTHING, BELOW_ONE, BELOW_AIM, AT_AIM = "nothing", "below 1:1", "below aim", "at aim"
REPAIRED, ATTEMPTED, UNREPAIRED = "repaired", "attempted", "unrepaired"


def count(items: Iterable[Interaction]) -> Ratio:
    pos = neg = 0
    for item in items:
        if item.positive:
            pos += 1
        else:
            neg += 1
    return Ratio(pos, neg)


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

    def since(self, days: int, context: str | None = None, by: str | None = None) -> list[Interaction]:
        if days > self.days:
            raise ValueError(f"only the last {self.days} days were read")
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
        start = self.today - timedelta(days=days - 1)
        if dates is not None:
            return pairs[bisect_left(dates, start):]
        return [(i, day) for i, day in pairs if day >= start]

    def ratio(self, days: int, context: str | None = None, by: str | None = None) -> Ratio:
        key = ("ratio", days, context, by)
        if key not in self._memo:
            if days > self.days:
                raise ValueError(f"only the last {self.days} days were read")
            start = self.today - timedelta(days=days - 1)
            pos = neg = 0
            for (day, everyday, who, positive), n in self.counts.items():  # type: ignore[union-attr]
                if day >= start and (context is None or everyday == (context == EVERYDAY)) and by in (None, who):
                    if positive:
                        pos += n
                    else:
                        neg += n
            self._memo[key] = Ratio(pos, neg)
        return self._memo[key]

    def by_partner(self, days: int, context: str | None = None) -> dict[str, Ratio]:
        start = self.today - timedelta(days=days - 1)
        pids = {who for (day, _e, who, _p) in self.counts if day >= start} | {"a", "b"}  # type: ignore[union-attr]
        return {pid: self.ratio(days, context, pid) for pid in sorted(pids)}

    def for_conflict(self, conflict_uid: str) -> Ratio:
        return count(i for i in self.items if i.conflict == conflict_uid)

    def daily(self, days: int = 30, context: str | None = EVERYDAY) -> list[tuple[date, Ratio]]:
        """One Ratio per day, oldest first, today last (days with nothing logged are 0:0)."""
        if days > self.days:
            raise ValueError(f"only the last {self.days} days were read")
        per_day: dict[date, list[int]] = {}
        for (day, everyday, _who, positive), n in self.counts.items():  # type: ignore[union-attr]
            if context is None or everyday == (context == EVERYDAY):
                per_day.setdefault(day, [0, 0])[0 if positive else 1] += n
        first = self.today - timedelta(days=days - 1)
        out = []
        for n in range(days):
            day = first + timedelta(days=n)
            pos, neg = per_day.get(day, (0, 0))
            out.append((day, Ratio(pos, neg)))
        return out

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
