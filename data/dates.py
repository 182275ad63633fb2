"""Dates and months in one place: which month file holds a moment, which files a span of days
needs, and a stored time seen in the viewer's zone."""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo


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
