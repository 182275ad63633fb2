"""Daily catch-up entries: one per partner per day, in the month's file."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Iterable, Iterator

from tinydb import Query

from data.errors import InputError
from data.models import (MOOD_WORDS, DailyEntry, from_row, month_of, months_back, months_between, new_uid,
                         to_row)
from data.text import ENTRY_MAX, check_text, fold

if TYPE_CHECKING:
    from data.store import Store

TABLE = "daily"
FIELDS = ("happened", "on_mind", "would_help")
FIELD_LABELS = {"happened": "what happened", "on_mind": "what is on my mind", "would_help": "what would help me today"}
CATCH_UP_MONTHS = 3  # how far back catch-up looks: a bounded number of month files


def search_terms(text: str) -> list[str]:
    """The words of a search, folded (data.text.fold); every one must appear in an entry."""
    return [fold(word) for word in (text or "").split()]


def matches(entry: DailyEntry, terms: Iterable[str]) -> bool:
    haystack = fold("\n".join((entry.happened, entry.on_mind, entry.would_help)))
    return all(term in haystack for term in terms)


def marks_of(entries: Iterable[DailyEntry]) -> dict[date, set[str]]:
    """Who wrote on which day, of the entries given (a month's, for the calendar)."""
    who: dict[date, set[str]] = {}
    for e in entries:
        who.setdefault(e.day, set()).add(e.by)
    return who


class Daily:
    def __init__(self, store: "Store") -> None:
        self.store = store
        self.folder = store.folder

    def today(self) -> date:
        return self.store.now().date()

    def is_locked(self, day: date) -> bool:
        """Earlier days are read-only unless explicitly unlocked."""
        return day < self.today()

    # -- writing -----------------------------------------------------------------
    def save(self, by: str, mood: int, happened: str = "", on_mind: str = "", would_help: str = "",
             day: date | None = None, unlocked: bool = False, expected: str | None = None) -> DailyEntry:
        """Write or rewrite `by`'s entry for `day` (today unless given).
        Earlier days are read-only unless `unlocked`; an edit shows as unread again.
        `expected` is the `updated` stamp the writer started from ("" for none yet):
        if another session saved in between, nothing is written and InputError says so."""
        self.store.partner(by)
        day = day or self.today()
        if day > self.today():
            raise InputError("that day has not come yet")
        if day < self.today() and not unlocked:
            raise InputError(f"the entry for {day.isoformat()} is read-only: unlock it to edit")
        if isinstance(mood, bool) or not isinstance(mood, int) or mood not in MOOD_WORDS:
            raise InputError("pick a mood from 1 to 5 (1 awful, 2 low, 3 okay, 4 good, 5 great)")
        texts = {f: check_text(v, FIELD_LABELS[f], ENTRY_MAX) for f, v in zip(FIELDS, (happened, on_mind, would_help))}
        at = self.store.now()
        with self.folder.writing():
            self.folder.ensure_months_dir()
            table = self.folder.month(month_of(day)).table(TABLE, cache_size=0)
            q = Query()
            found = table.search((q.by == by) & (q.day == day.isoformat()))
            stamp = from_row(DailyEntry, found[0]).updated if found else None  # as the screen read it
            if expected is not None and (stamp.isoformat() if stamp else "") != expected:
                raise InputError("this entry was saved in another session while you wrote: "
                                 "your text is still here; copy what you need, then reopen it")
            if found:
                row = {**found[0], **texts, "mood": mood, "updated": at.isoformat()}
                table.update(row, doc_ids=[found[0].doc_id])
            else:
                row = to_row(DailyEntry(new_uid(at), day, by, mood, **texts, created=at, updated=at))
                table.insert(row)
        return from_row(DailyEntry, row)

    def mark_seen(self, reader: str, entry: DailyEntry | str) -> bool:
        """`reader` has read `entry` (only that reader). Given the entry a screen showed, the
        version shown is recorded: if it was edited since, it stays unread. Returns True if marked."""
        return self._set_seen(reader, entry, seen=True)

    def mark_unseen(self, reader: str, entry: DailyEntry | str) -> bool:
        """Put an entry back in `reader`'s catch-up."""
        return self._set_seen(reader, entry, seen=False)

    def _set_seen(self, reader: str, entry: DailyEntry | str, seen: bool) -> bool:
        self.store.partner(reader)
        if isinstance(entry, DailyEntry):
            uid, months, version = entry.uid, [month_of(entry.day)], entry.version()
        else:
            uid, months, version = entry, self._months_for_uid(entry), None
        with self.folder.writing():
            for month in months:
                if not self.folder.month_path(month).exists():
                    continue
                table = self.folder.month(month).table(TABLE, cache_size=0)
                rows = table.search(Query().uid == uid)
                if not rows:
                    continue
                row = rows[0]
                current = from_row(DailyEntry, row).version()  # `updated` may be null or absent (an import)
                if row["by"] == reader or (version is not None and current != version):
                    return False
                marks = dict(row.get("seen_by") or {})
                if seen:
                    marks[reader] = current or self.store.now().isoformat()
                else:
                    marks.pop(reader, None)
                table.update({"seen_by": marks}, doc_ids=[row.doc_id])
                return True
        return False

    def _months_for_uid(self, uid: str) -> list[str]:
        # An entry's file is its day's month; its uid carries its creation time, which
        # for an unlocked earlier day is later: so look at every month from the day on.
        return [m for m in self.folder.months() if m <= month_of(uid)][::-1]

    # -- reading one month -----------------------------------------------------------
    def in_month(self, month: str) -> list[DailyEntry]:
        if not self.folder.month_path(month).exists():
            return []
        rows = self.folder.month(month).table(TABLE, cache_size=0).all()
        return sorted((from_row(DailyEntry, r) for r in rows), key=lambda e: (e.day, e.by))

    def between(self, first: date, last: date) -> list[DailyEntry]:
        """Entries of the days `first` to `last`, by day, then partner."""
        return [e for month in months_between(first, last) for e in self.in_month(month)
                if first <= e.day <= last]

    def for_day(self, day: date) -> dict[str, DailyEntry]:
        return {e.by: e for e in self.in_month(month_of(day)) if e.day == day}

    def entry(self, by: str, day: date) -> DailyEntry | None:
        return self.for_day(day).get(by)

    def marks(self, month: str) -> dict[date, set[str]]:
        """Who wrote on which day of `month`: for the calendar."""
        return marks_of(self.in_month(month))

    # -- catch-up ----------------------------------------------------------------------
    def unseen(self, reader: str, lookback_months: int = CATCH_UP_MONTHS) -> list[DailyEntry]:
        """The other partner's entries `reader` has not read (or that changed since), oldest first.
        Looks back a bounded number of month files, so a long history costs nothing here."""
        items = []
        for month in months_back(self.today(), lookback_months):
            items.extend(e for e in self.in_month(month) if e.by != reader and not e.seen(reader))
        return sorted(items, key=lambda e: (e.day, e.updated or datetime.min))

    def unseen_count(self, reader: str) -> int:
        return len(self.unseen(reader))

    # -- many months: for history, search and trends (callers run these in a worker) -----
    def months(self) -> list[str]:
        """Months that have a file, newest first (no file is read)."""
        return self.folder.months()[::-1]

    def search(self, text: str, months: list[str] | None = None) -> Iterator[tuple[str, list[DailyEntry]]]:
        """(month, its matching entries newest first) for each month, newest month first,
        so a caller can show the first results at once and count progress per month."""
        terms = search_terms(text)
        for month in self.months() if months is None else months:
            found = [e for e in self.in_month(month) if terms and matches(e, terms)]
            yield month, sorted(found, key=lambda e: (e.day, e.by), reverse=True)

    def mood_series(self, by: str, days: int) -> list[int | None]:
        """`by`'s mood for each of the last `days` days (oldest first), None where not written."""
        start = self.today() - timedelta(days=days - 1)
        moods = {e.day: e.mood for e in self.between(start, self.today()) if e.by == by}
        return [moods.get(start + timedelta(days=n)) for n in range(days)]
