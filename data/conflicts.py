"""Conflicts and "I'm flooded" breaks, for Interactions (mixed in: `store.interactions.start_conflict()`).

The open conflict is in attune.json (log() reads it to tag what is logged during it); once ended it
moves to the month file of its start, so attune.json stays tiny however many conflicts a couple has.
Only the latest break is kept, in attune.json."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from tinydb import Query

from data.errors import InputError
from data.models import month_of, new_uid

if TYPE_CHECKING:
    from data.folder import Folder
    from data.store import Store

BREAK_MINUTES = 20
RETURN_WITHIN = timedelta(hours=24)  # come back to the talk within a day of a flooded break


@dataclass(frozen=True)
class Conflict:
    uid: str
    started: datetime
    ended: datetime | None = None


@dataclass(frozen=True)
class Break:
    """A flooded partner's break: a timer to `ends`, then come back to the talk by `return_by`."""

    uid: str
    started: datetime
    ends: datetime
    return_by: datetime
    ended: datetime | None = None  # set when the couple said they are back

    def left(self, now: datetime) -> timedelta:
        return max(self.ends - now, timedelta(0))


class ConflictsMixin:
    """Starting and ending them. Reading the open ones (current_conflict, current_break) is in
    Interactions, beside log(): every keypress asks."""

    store: "Store"
    folder: "Folder"

    def start_conflict(self) -> str:
        at = self.store.now()
        with self.folder.writing():
            current = self.open_conflict()
            if current:
                return current
            uid = new_uid(at)
            self.folder.main().table("conflicts", cache_size=0).insert(
                {"uid": uid, "started": at.isoformat(), "ended": None}
            )
        return uid

    def end_conflict(self) -> str | None:
        at = self.store.now()
        with self.folder.writing():
            current = self.current_conflict()
            if current:
                row = {"uid": current.uid, "started": current.started.isoformat(), "ended": at.isoformat()}
                self.folder.ensure_months_dir()
                ended = self.folder.month(month_of(current.started)).table("conflicts", cache_size=0)
                # An end that died between these two writes already filed it: not twice (an
                # export with a repeated id would not import).
                if not ended.contains(Query().uid == current.uid):
                    ended.insert(row)
                self.folder.main().table("conflicts", cache_size=0).remove(Query().uid == current.uid)
                self._end_break(at)  # back together and done: the break reminder has served
        return current.uid if current else None

    # -- "I'm flooded": a timed break -------------------------------------------------
    def take_break(self, minutes: float = BREAK_MINUTES) -> Break:
        """Start a break (replacing any earlier one); the timer ends after `minutes`."""
        if not 0 < minutes <= 24 * 60:
            raise InputError("a break lasts between a minute and a day")
        at = self.store.now()
        brk = Break(new_uid(at), at, at + timedelta(minutes=minutes), at + RETURN_WITHIN)
        with self.folder.writing():
            table = self.folder.main().table("breaks", cache_size=0)
            table.truncate()
            table.insert({"uid": brk.uid, "started": at.isoformat(), "ends": brk.ends.isoformat(),
                          "return_by": brk.return_by.isoformat(), "ended": None})
        return brk

    def end_break(self) -> None:
        with self.folder.writing():
            self._end_break(self.store.now())

    def _end_break(self, at: datetime) -> None:
        self.folder.main().table("breaks", cache_size=0).update({"ended": at.isoformat()}, Query().ended == None)  # noqa: E711
