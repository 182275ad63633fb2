"""Readable exports for a date range: a Markdown report (e.g. a week, for a therapist) and CSV tables."""

from __future__ import annotations

import csv
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from data.errors import InputError, StorageError
from data.interactions import months_between
from data.models import MOOD_WORDS
from data.ratios import count, short
from data.storage import why

if TYPE_CHECKING:
    from data.store import Store


def _day(text: str | None, what: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(f"{what} {text!r} is not a date: use YYYY-MM-DD") from None


def date_range(store: "Store", start: str | None, end: str | None) -> tuple[date, date]:
    last = _day(end, "--to") or store.now().date()
    first = _day(start, "--from") or last - timedelta(days=6)
    if first > last:
        raise InputError(f"--from {first} is after --to {last}")
    return first, last


def _interactions(store: "Store", first: date, last: date):
    tz = store.now().tzinfo
    return store.interactions.between(
        datetime.combine(first, time(), tzinfo=tz), datetime.combine(last + timedelta(days=1), time(), tzinfo=tz)
    )


def _entries(store: "Store", first: date, last: date):
    entries = []
    for month in months_between(first, last):
        entries.extend(e for e in store.daily.in_month(month) if first <= e.day <= last)
    return entries


def _md_text(text: str) -> str:
    """Typed text inside a Markdown report: one line, markup characters escaped, controls dropped."""
    flat = " ".join((text or "").split())
    flat = "".join(ch for ch in flat if ch.isprintable())
    for ch in "\\`*_[]<>#|":
        flat = flat.replace(ch, "\\" + ch)
    return flat


def markdown(store: "Store", first: date, last: date) -> str:
    names = {p.id: p.name for p in store.partners()}
    settings = store.settings()
    items = _interactions(store, first, last)
    entries = _entries(store, first, last)
    everyday = count(i for i in items if not i.conflict)
    conflict = count(i for i in items if i.conflict)
    out = [
        f"# attune report: {_md_text(names['a'])} & {_md_text(names['b'])}",
        "",
        f"{first.isoformat()} to {last.isoformat()}",
        "",
        "## Ratio of positive to negative interactions",
        "",
        "| context | positive | negative | ratio | aim |",
        "|---|---:|---:|---:|---:|",
        f"| everyday | {everyday.positive} | {everyday.negative} | {short(everyday)} | {settings.everyday_target:g}:1 |",
        f"| during conflict | {conflict.positive} | {conflict.negative} | {short(conflict)} | {settings.conflict_target:g}:1 |",
        "",
        "| day | positive | negative | ratio |",
        "|---|---:|---:|---:|",
    ]
    day = first
    while day <= last:
        r = count(i for i in items if i.at.date() == day)
        out.append(f"| {day:%a %Y-%m-%d} | {r.positive} | {r.negative} | {short(r)} |")
        day += timedelta(days=1)
    appreciations = [i for i in items if i.positive and i.note.strip()]
    negatives = [i for i in items if not i.positive]
    out += ["", "## Appreciations and good moments", ""]
    out += [f"- {i.at:%a %H:%M} {_md_text(names[i.by])}: {_md_text(i.note)}" for i in appreciations] or ["- none noted"]
    out += ["", "## Negative moments", ""]
    out += [
        f"- {i.at:%a %H:%M} {_md_text(names[i.by])}: {_md_text(i.note) or '(no note)'}"
        + (f" ({_md_text(i.tag)})" if i.tag else "")
        for i in negatives
    ] or ["- none"]
    out += ["", "## Daily catch-up", ""]
    if not entries:
        out.append("- no entries")
    for e in sorted(entries, key=lambda e: (e.day, e.by)):
        out.append(f"### {e.day:%a %Y-%m-%d}: {_md_text(names[e.by])}, mood {e.mood}/5 ({MOOD_WORDS[e.mood]})")
        out.append("")
        for label, text in (("What happened", e.happened), ("On my mind", e.on_mind), ("Would help", e.would_help)):
            if text.strip():
                out.append(f"- {label}: {_md_text(text)}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _write_text(path: Path, text: str) -> Path:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise StorageError(f"could not write {path}: {why(exc)}") from None
    return path


def write_markdown(store: "Store", path: Path, first: date, last: date) -> Path:
    return _write_text(path, markdown(store, first, last))


INTERACTION_COLUMNS = ["uid", "at", "by", "sign", "tag", "note", "during_conflict"]
DAILY_COLUMNS = ["uid", "day", "by", "mood", "mood_word", "happened", "on_mind", "would_help", "updated"]


def write_csv(store: "Store", folder: Path, first: date, last: date) -> Path:
    names = {p.id: p.name for p in store.partners()}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with (folder / "interactions.csv").open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(INTERACTION_COLUMNS)
            for i in _interactions(store, first, last):
                writer.writerow([i.uid, i.at.isoformat(), names[i.by], i.sign, i.tag, i.note, "yes" if i.conflict else "no"])
        with (folder / "daily.csv").open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(DAILY_COLUMNS)
            for e in sorted(_entries(store, first, last), key=lambda e: (e.day, e.by)):
                writer.writerow([e.uid, e.day.isoformat(), names[e.by], e.mood, MOOD_WORDS[e.mood],
                                 e.happened, e.on_mind, e.would_help, e.updated.isoformat() if e.updated else ""])
    except OSError as exc:
        raise StorageError(f"could not write {folder}: {why(exc)}") from None
    return folder
