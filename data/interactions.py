"""Positive and negative interactions (Gottman's ratio), and conflicts."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Iterable

from tinydb import Query

from data.errors import InputError
from data.models import Interaction, Ratio, month_of, new_uid
from data.text import NOTE_MAX, check_text

if TYPE_CHECKING:
    from data.store import Store

POSITIVE_TAGS = ("appreciation", "turning toward", "affection", "humour")
NEGATIVE_TAGS = ("criticism", "contempt", "defensiveness", "stonewalling")
TABLE = "interactions"


def _to_record(item: Interaction) -> dict:
    return {
        "uid": item.uid,
        "at": item.at.isoformat(),
        "by": item.by,
        "positive": item.positive,
        "note": item.note,
        "tag": item.tag,
        "conflict": item.conflict,
    }


def _from_record(row: dict) -> Interaction:
    return Interaction(
        uid=row["uid"],
        at=datetime.fromisoformat(row["at"]),
        by=row["by"],
        positive=bool(row["positive"]),
        note=row.get("note", ""),
        tag=row.get("tag", ""),
        conflict=row.get("conflict"),
    )


def months_between(start: date, end: date) -> list[str]:
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def ratio(items: Iterable[Interaction]) -> Ratio:
    pos = neg = 0
    for item in items:
        if item.positive:
            pos += 1
        else:
            neg += 1
    return Ratio(pos, neg)


class Interactions:
    def __init__(self, store: "Store") -> None:
        self.store = store
        self.folder = store.folder

    # -- writing -----------------------------------------------------------------
    def log(self, by: str, positive: bool, note: str = "", tag: str = "") -> Interaction:
        self.store.partner(by)  # refuses an unknown partner id
        note = check_text(note, "note", NOTE_MAX)
        tag = (tag or "").strip().lower()
        allowed = POSITIVE_TAGS if positive else NEGATIVE_TAGS
        if tag and tag not in allowed:
            raise InputError(f"tag {tag!r} does not fit a {'positive' if positive else 'negative'}: use {', '.join(allowed)}")
        at = self.store.now()
        with self.folder.writing():
            conflict = self.open_conflict()
            item = Interaction(new_uid(at), at, by, positive, note, tag, conflict)
            self.folder.ensure_months_dir()
            self.folder.month(month_of(at)).table(TABLE, cache_size=0).insert(_to_record(item))
        return item

    def undo_last(self, by: str | None = None) -> Interaction | None:
        """Remove the newest interaction (of one partner, if given) from this month or last."""
        today = self.store.now().date()
        with self.folder.writing():
            for month in reversed(months_between(today.replace(day=1) - timedelta(days=1), today)):
                table = self.folder.month(month).table(TABLE, cache_size=0)
                rows = [r for r in table.all() if by is None or r["by"] == by]
                if rows:
                    last = max(rows, key=lambda r: r["at"])
                    table.remove(doc_ids=[last.doc_id])
                    return _from_record(last)
        return None

    # -- reading -----------------------------------------------------------------
    def in_month(self, month: str) -> list[Interaction]:
        rows = self.folder.month(month).table(TABLE, cache_size=0).all()
        return [_from_record(r) for r in rows]

    def between(self, start: datetime, end: datetime) -> list[Interaction]:
        """Interactions with start <= at < end, oldest first; reads only the months it needs."""
        items = []
        for month in months_between(start.date(), end.date()):
            if self.folder.month_path(month).exists():
                items.extend(i for i in self.in_month(month) if start <= i.at < end)
        return sorted(items, key=lambda i: i.at)

    def last_days(self, days: int) -> list[Interaction]:
        """Today and the days-1 days before it."""
        now = self.store.now()
        start = datetime.combine(now.date() - timedelta(days=days - 1), time(), tzinfo=now.tzinfo)
        return self.between(start, now + timedelta(seconds=1))

    def today(self) -> list[Interaction]:
        return self.last_days(1)

    # -- conflicts (kept in the tiny main file) ------------------------------------
    def open_conflict(self) -> str | None:
        rows = self.folder.main().table("conflicts", cache_size=0).search(Query().ended == None)  # noqa: E711
        return rows[-1]["uid"] if rows else None

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
            current = self.open_conflict()
            if current:
                self.folder.main().table("conflicts", cache_size=0).update(
                    {"ended": at.isoformat()}, Query().uid == current
                )
        return current
