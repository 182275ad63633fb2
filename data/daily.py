"""Daily catch-up entries: one per partner per day, in the month's file."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from tinydb import Query

from data.errors import InputError
from data.interactions import months_between
from data.models import MOOD_WORDS, DailyEntry, month_of, new_uid
from data.text import ENTRY_MAX, check_text

if TYPE_CHECKING:
    from data.store import Store

TABLE = "daily"
FIELDS = ("happened", "on_mind", "would_help")
FIELD_LABELS = {"happened": "what happened", "on_mind": "what is on my mind", "would_help": "what would help me today"}


def _from_record(row: dict) -> DailyEntry:
    return DailyEntry(
        uid=row["uid"],
        day=date.fromisoformat(row["day"]),
        by=row["by"],
        mood=int(row["mood"]),
        happened=row.get("happened", ""),
        on_mind=row.get("on_mind", ""),
        would_help=row.get("would_help", ""),
        created=datetime.fromisoformat(row["created"]) if row.get("created") else None,
        updated=datetime.fromisoformat(row["updated"]) if row.get("updated") else None,
        seen_by=dict(row.get("seen_by") or {}),
    )


class Daily:
    def __init__(self, store: "Store") -> None:
        self.store = store
        self.folder = store.folder

    def today(self) -> date:
        return self.store.now().date()

    # -- writing -----------------------------------------------------------------
    def save(
        self,
        by: str,
        mood: int,
        happened: str = "",
        on_mind: str = "",
        would_help: str = "",
        day: date | None = None,
        unlocked: bool = False,
    ) -> DailyEntry:
        """Write or rewrite `by`'s entry for `day` (today unless given).
        Earlier days are read-only unless `unlocked`; an edit shows as unread again."""
        self.store.partner(by)
        day = day or self.today()
        if day > self.today():
            raise InputError("that day has not come yet")
        if day < self.today() and not unlocked:
            raise InputError(f"the entry for {day.isoformat()} is read-only: unlock it to edit")
        if not isinstance(mood, int) or mood not in MOOD_WORDS:
            raise InputError("mood must be 1 to 5 (1 awful, 3 okay, 5 great)")
        texts = {f: check_text(v, FIELD_LABELS[f], ENTRY_MAX) for f, v in zip(FIELDS, (happened, on_mind, would_help))}
        now = self.store.now().isoformat()
        with self.folder.writing():
            self.folder.ensure_months_dir()
            table = self.folder.month(month_of(day)).table(TABLE, cache_size=0)
            q = Query()
            found = table.search((q.by == by) & (q.day == day.isoformat()))
            if found:
                row = dict(found[0])
                row.update(texts, mood=mood, updated=now)
                table.update(row, doc_ids=[found[0].doc_id])
            else:
                at = self.store.now()
                row = {"uid": new_uid(at), "day": day.isoformat(), "by": by, "mood": mood, **texts,
                       "created": now, "updated": now, "seen_by": {}}
                table.insert(row)
        return _from_record(row)

    def mark_seen(self, reader: str, uid: str) -> None:
        with self.folder.writing():
            for month in self._months_for_uid(uid):
                table = self.folder.month(month).table(TABLE, cache_size=0)
                rows = table.search(Query().uid == uid)
                if rows:
                    seen = dict(rows[0].get("seen_by") or {})
                    seen[reader] = rows[0]["updated"]
                    table.update({"seen_by": seen}, doc_ids=[rows[0].doc_id])
                    return

    def _months_for_uid(self, uid: str) -> list[str]:
        # An entry's file is its day's month; its uid carries its creation time, which
        # for an unlocked earlier day is later: so look at every month from the day on.
        return [m for m in self.folder.months() if m <= month_of(uid)][::-1]

    # -- reading -----------------------------------------------------------------
    def in_month(self, month: str) -> list[DailyEntry]:
        if not self.folder.month_path(month).exists():
            return []
        rows = self.folder.month(month).table(TABLE, cache_size=0).all()
        return sorted((_from_record(r) for r in rows), key=lambda e: (e.day, e.by))

    def for_day(self, day: date) -> dict[str, DailyEntry]:
        return {e.by: e for e in self.in_month(month_of(day)) if e.day == day}

    def unseen(self, reader: str, lookback_months: int = 3) -> list[DailyEntry]:
        """The other partner's entries `reader` has not read (or that changed since), oldest first.
        Looks back a bounded number of month files, so a long history costs nothing here."""
        today = self.today()
        start_year, start_month = today.year, today.month - (lookback_months - 1)
        while start_month < 1:
            start_year, start_month = start_year - 1, start_month + 12
        items = []
        for month in months_between(date(start_year, start_month, 1), today):
            items.extend(e for e in self.in_month(month) if e.by != reader and not e.seen(reader))
        return sorted(items, key=lambda e: (e.day, e.updated or datetime.min))

    def unseen_count(self, reader: str) -> int:
        return len(self.unseen(reader))
