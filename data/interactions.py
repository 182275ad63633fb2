"""Positive and negative interactions (Gottman's ratio), their repairs, conflicts and breaks.

Interactions and repairs live in month files. A repair is stored in its negative's month
(whatever day it was made), so one file answers "was this negative repaired?" and undoing a
negative removes its repairs in the same file. Conflicts and breaks: see data/conflicts.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from operator import attrgetter
from typing import TYPE_CHECKING, Iterable

from tinydb import Query

from data.conflicts import BREAK_MINUTES, Break, Conflict, ConflictsMixin
from data.errors import InputError
from data.models import (Interaction, Ratio, Recent, Tally, day_bounds, from_row, month_of, months_around,
                         new_uid, tally, tally_key, to_row)
from data.storage import identity
from data.text import NOTE_MAX, check_text

if TYPE_CHECKING:
    from data.store import Store

POSITIVE_TAGS = ("appreciation", "turning toward", "affection", "humour")
NEGATIVE_TAGS = ("criticism", "contempt", "defensiveness", "stonewalling")
TABLE = "interactions"
__all__ = ["Interactions", "Repair", "Conflict", "Break", "BREAK_MINUTES", "REPAIR_STEPS"]
REPAIRS = "repairs"
_at = attrgetter("at")  # sorts interactions by time
# Gottman's repair checklist, by heading: stored by key, shown by label.
REPAIR_STEPS = {
    "i_feel": "I feel…",
    "sorry": "Sorry",
    "get_to_yes": "Get to yes",
    "calm_down": "I need to calm down",
    "stop_action": "Stop action",
    "appreciate": "I appreciate…",
}


@dataclass(frozen=True)
class Repair:
    uid: str
    at: datetime
    by: str
    negative: str  # uid of the negative interaction it repairs
    steps: tuple[str, ...] = ()
    accepted: bool = False
    note: str = ""


def check_tag(tag: str, positive: bool) -> str:
    tag = (tag or "").strip().lower()
    allowed = POSITIVE_TAGS if positive else NEGATIVE_TAGS
    if tag and tag not in allowed:
        kind = "positive" if positive else "negative"
        raise InputError(f"tag {tag!r} does not fit a {kind}: use {', '.join(allowed)}")
    return tag


@dataclass
class ParsedMonth:
    """A month file as last parsed; parsed again only once the file is replaced (every write
    replaces it: a new identity)."""

    identity: tuple
    items: list[Interaction]
    repairs: list[Repair]


@dataclass
class Window:
    """A month's interactions from `first` to `last` by time, with their tally: kept while the
    file is unchanged (and extended by our own log), so a repaint neither filters nor sorts."""

    identity: tuple | None
    first: date
    last: date
    items: list[Interaction]
    counts: Tally


class Interactions(ConflictsMixin):
    def __init__(self, store: "Store") -> None:
        self.store = store
        self.folder = store.folder
        self._parsed: dict[str, ParsedMonth] = {}
        self._windows: dict[str, Window] = {}

    # -- the open conflict and break (in attune.json, parsed once per change) ----------------
    def open_conflict(self) -> str | None:
        current = self.current_conflict()
        return current.uid if current else None

    def current_conflict(self) -> Conflict | None:
        rows = [r for r in self.folder.main_rows("conflicts") if r.get("ended") is None]
        return from_row(Conflict, rows[-1]) if rows else None

    def current_break(self) -> Break | None:
        """The break whose reminder still stands: not ended, and not past its come-back time."""
        rows = self.folder.main_rows("breaks")
        if not rows:
            return None
        brk = from_row(Break, rows[-1])
        if brk.ended is not None or self.store.now() >= brk.return_by:
            return None
        return brk

    # -- writing -----------------------------------------------------------------
    def log(self, by: str, positive: bool, note: str = "", tag: str = "") -> Interaction:
        self.store.partner(by)  # refuses an unknown partner id
        # A key on the gauge logs neither: nothing to check.
        note, tag = (check_text(note, "note", NOTE_MAX), check_tag(tag, positive)) if note or tag else ("", "")
        at = self.store.now()
        month = month_of(at)
        with self.folder.writing():
            conflict = self.open_conflict()
            item = Interaction(new_uid(at), at, by, positive, note, tag, conflict)
            self.folder.ensure_months_dir()
            before = self._identity(month)
            self.folder.append(self.folder.month_path(month), TABLE, to_row(item))
            self._appended(month, before, item)
        return item

    def _identity(self, month: str) -> tuple | None:
        """The month file's identity (data/storage.py), with the zone its times were read in."""
        found = identity(self.folder.month_path(month))
        return None if found is None else (*found, self.store.now().tzinfo)

    def _appended(self, month: str, before: tuple | None, item: Interaction) -> None:
        """Our own insert, still under the lock: if the cache held the file as it was just
        before, it now holds it plus `item`, so the repaint after a keypress parses nothing."""
        hit = self._parsed.get(month)
        now = self._identity(month)
        if hit is not None and before is not None and hit.identity == before:
            self._parsed[month] = ParsedMonth(now, [*hit.items, item], hit.repairs)
        elif before is None:
            self._parsed[month] = ParsedMonth(now, [item], [])
        else:
            return
        window = self._windows.pop(month, None)
        if window is not None and window.identity == before and window.first <= item.at.date() <= window.last:
            if not window.items or window.items[-1].at <= item.at:
                counts = window.counts.copy()
                counts[tally_key(item)] += 1
                self._windows[month] = Window(now, window.first, window.last, [*window.items, item], counts)

    def annotate(self, uid: str, note: str = "", tag: str = "") -> Interaction:
        """Set the note and tag of a logged interaction (empty clears them)."""
        note = check_text(note, "note", NOTE_MAX)
        with self.folder.writing():
            table, found = self._logged(uid)
            if found is None:
                raise InputError("that entry is no longer there (undone?): nothing to note")
            row = {**found, "note": note, "tag": check_tag(tag, bool(found["positive"]))}
            table.update({"note": row["note"], "tag": row["tag"]}, doc_ids=[found.doc_id])
        return from_row(Interaction, row)

    def remove(self, uid: str) -> Interaction | None:
        """Delete one interaction and any repairs of it; None if it was already gone."""
        with self.folder.writing():
            table, found = self._logged(uid)
            if found is None:
                return None
            table.remove(doc_ids=[found.doc_id])
            self._drop_repairs_of(uid)
        return from_row(Interaction, found)

    def undo_last(self, by: str | None = None) -> Interaction | None:
        """Remove the newest interaction in real time (of one partner, if given), from this month,
        last month or (a partner ahead in time) next month: compared as instants, never as text,
        so a change of clocks or zones cannot pick an older one."""
        now = self.store.now()
        with self.folder.writing():
            found = []
            for month in months_around(now.date().replace(day=1) - timedelta(days=1), now.date()):
                table = self._table(month, TABLE)
                if table is not None:
                    found += [(datetime.fromisoformat(r["at"]), r["uid"], table, r) for r in table.all()
                              if by is None or r["by"] == by]
            if not found:
                return None
            _, _, table, last = max(found, key=lambda f: f[:2])
            table.remove(doc_ids=[last.doc_id])
            self._drop_repairs_of(last["uid"])
            return from_row(Interaction, last, now.tzinfo)

    def _table(self, month: str, name: str):
        """A month's table, or None when that month has no file (so reading never creates one)."""
        if not self.folder.month_path(month).exists():
            return None
        return self.folder.month(month).table(name, cache_size=0)

    def _logged(self, uid: str):
        """(its month's table, the stored interaction); the interaction is None once it is gone."""
        table = self._table(month_of(uid), TABLE)
        rows = table.search(Query().uid == uid) if table is not None else []
        return table, (rows[0] if rows else None)

    def _drop_repairs_of(self, uid: str) -> None:
        repairs = self._table(month_of(uid), REPAIRS)
        if repairs is not None and repairs.contains(Query().negative == uid):
            repairs.remove(Query().negative == uid)

    # -- repairs -------------------------------------------------------------------
    def add_repair(self, negative: str, by: str, steps: Iterable[str], accepted: bool,
                   note: str = "") -> Repair:
        """Record a repair attempt on the negative with uid `negative`, and whether it was accepted."""
        self.store.partner(by)
        steps = tuple(dict.fromkeys(steps))
        unknown = [s for s in steps if s not in REPAIR_STEPS]
        if unknown:
            raise InputError(f"unknown repair step {unknown[0]!r}: use {', '.join(REPAIR_STEPS)}")
        note = check_text(note, "repair note", NOTE_MAX)
        if not steps and not note.strip():
            raise InputError("tick what was tried (or write a note) before saving the repair")
        if not isinstance(accepted, bool):
            raise InputError("say whether the repair was accepted")
        at = self.store.now()
        with self.folder.writing():
            _table, found = self._logged(negative)
            if found is None:
                raise InputError("that negative is no longer there (undone?): nothing to repair")
            if found["positive"]:
                raise InputError("only a negative can be repaired")
            repair = Repair(new_uid(at), at, by, negative, steps, accepted, note)
            self.folder.month(month_of(negative)).table(REPAIRS, cache_size=0).insert(to_row(repair))
        return repair

    def remove_repair(self, repair: Repair) -> bool:
        with self.folder.writing():
            table = self._table(month_of(repair.negative), REPAIRS)
            return bool(table is not None and table.remove(Query().uid == repair.uid))

    def repairs_of(self, negative: str) -> list[Repair]:
        table = self._table(month_of(negative), REPAIRS)
        rows = table.search(Query().negative == negative) if table is not None else []
        return sorted((from_row(Repair, r) for r in rows), key=lambda r: r.at)

    # -- reading -----------------------------------------------------------------
    def in_month(self, month: str) -> list[Interaction]:
        rows = self.folder.month(month).table(TABLE, cache_size=0).all()
        tz = self.store.now().tzinfo
        return [from_row(Interaction, r, tz) for r in rows]

    def between(self, start: datetime, end: datetime) -> list[Interaction]:
        """Interactions with start <= at < end, oldest first; reads only the months it needs."""
        items = []
        for month in months_around(start.date(), end.date()):
            if self.folder.month_path(month).exists():
                items.extend(i for i in self.in_month(month) if start <= i.at < end)
        return sorted(items, key=_at)

    def on_days(self, first: date, last: date) -> list[Interaction]:
        """Interactions of the viewer's days `first` to `last` (whole days), oldest first."""
        return self.between(*day_bounds(first, last, self.store.now().tzinfo))

    def last_days(self, days: int) -> list[Interaction]:
        """Today and the days-1 days before it: the whole of today, so an entry from a partner
        whose clock runs a little ahead counts today, not only once ours catches up."""
        today = self.store.now().date()
        return self.on_days(today - timedelta(days=days - 1), today)

    def today(self) -> list[Interaction]:
        return self.last_days(1)

    def recent(self, days: int = 30) -> Recent:
        """Everything the gauge needs about the last `days` days, from the month files they
        touch (two for 30 days, three on the 1st of March): never the whole history. A month
        file not replaced since the last call is not parsed again."""
        today = self.store.now().date()
        first = today - timedelta(days=days - 1)
        items: list[Interaction] = []
        repairs: dict[str, list[Repair]] = {}
        months = months_around(first, today)
        in_order = True
        counts: Tally = Tally()
        for month in months:
            month_items, month_repairs = self._month(month)
            part, part_counts = self._window(month, month_items, first, today)
            if items and part and part[0].at < items[-1].at:
                in_order = False
            items.extend(part)
            counts.update(part_counts)
            for repair in month_repairs:
                repairs.setdefault(repair.negative, []).append(repair)
        for cache in (self._parsed, self._windows):
            for stale in set(cache) - set(months):
                del cache[stale]
        if not in_order:
            items.sort(key=_at)
        return Recent(today, days, items, repairs, counts)

    def _window(self, month: str, month_items: list[Interaction], first: date,
                last: date) -> tuple[list[Interaction], Tally]:
        """A month's interactions from `first` to `last`, by time (see Window)."""
        identity = self._parsed[month].identity if month in self._parsed else None
        hit = self._windows.get(month)
        if hit is not None and (hit.identity, hit.first, hit.last) == (identity, first, last):
            return hit.items, hit.counts
        part = sorted((i for i in month_items if first <= i.at.date() <= last), key=_at)
        counts = tally(part)
        self._windows[month] = Window(identity, first, last, part, counts)
        return part, counts

    def _month(self, month: str) -> tuple[list[Interaction], list[Repair]]:
        now = self._identity(month)
        if now is None:
            self._parsed.pop(month, None)
            return [], []
        tz = now[-1]
        hit = self._parsed.get(month)
        if hit is not None and hit.identity == now:
            return hit.items, hit.repairs
        tables = self.folder.month(month).storage.read() or {}
        hit = self._parsed[month] = ParsedMonth(
            now,
            [from_row(Interaction, r, tz) for r in (tables.get(TABLE) or {}).values()],
            [from_row(Repair, r, tz) for r in (tables.get(REPAIRS) or {}).values()],
        )
        return hit.items, hit.repairs

    def unrepaired(self, days: int = 7) -> list[Interaction]:
        """Negatives of the last `days` days with no accepted repair, newest first."""
        return self.recent(days).unrepaired(days)

    def by_partner(self, days: int = 30, context: str | None = None) -> dict[str, Ratio]:
        return self.recent(days).by_partner(days, context)
