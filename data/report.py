"""Readable exports for a date range: a Markdown report (e.g. a week, for a therapist) and CSV tables."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from data.errors import DataError, InputError
from data.models import MOOD_WORDS, Recent, count, short
from data.schema import YEARS
from data.storage import atomic_write
from data.text import BIDI_CONTROLS

if TYPE_CHECKING:
    from data.store import Store


def _day(text: str | None, what: str) -> date | None:
    if not text:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise InputError(f"{what} {text!r} is not a date: use YYYY-MM-DD") from None
    if not YEARS[0] <= day.year <= YEARS[1]:
        raise InputError(f"{what} {day} is outside the years attune keeps ({YEARS[0]}-{YEARS[1]})")
    return day


def date_range(store: "Store", start: str | None, end: str | None) -> tuple[date, date]:
    last = _day(end, "--to") or store.now().date()
    first = _day(start, "--from") or max(last - timedelta(days=6), date(YEARS[0], 1, 1))
    if first > last:
        raise InputError(f"--from {first} is after --to {last}")
    return first, last


_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


def _md_text(text: str) -> str:
    """Typed text inside a Markdown report: one line, markup characters escaped, control characters
    and bidi overrides dropped; joiners kept (an emoji of a couple stays one)."""
    flat = " ".join((text or "").split())
    flat = "".join(ch for ch in _BIDI.sub("", flat) if ch.isprintable() or unicodedata.category(ch) == "Cf")
    for ch in "\\`*_[]<>#|":
        flat = flat.replace(ch, "\\" + ch)
    return flat


def markdown(store: "Store", first: date, last: date) -> str:
    names = {p.id: p.name for p in store.partners()}
    settings = store.settings()
    items = store.interactions.on_days(first, last)
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
    span = (last - first).days + 1
    for day, r in Recent(last, span, items).daily(span, context=None):  # every day, counted once
        out.append(f"| {day:%a %Y-%m-%d} | {r.positive} | {r.negative} | {short(r)} |")
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
    entries = store.daily.between(first, last)
    if not entries:
        out.append("- no entries")
    for e in entries:
        out.append(f"### {e.day:%a %Y-%m-%d}: {_md_text(names[e.by])}, mood {e.mood}/5 ({MOOD_WORDS[e.mood]})")
        out.append("")
        for label, text in (("What happened", e.happened), ("On my mind", e.on_mind), ("Would help", e.would_help)):
            if text.strip():
                out.append(f"- {label}: {_md_text(text)}")
        out.append("")
    out += ["## Weekly reviews held", ""] + _reviews(store, first, last, names)
    return "\n".join(out).rstrip() + "\n"


def _reviews(store: "Store", first: date, last: date, names: dict[str, str]) -> list[str]:
    """The minutes of each meeting held in the range: what was said, heard and agreed."""
    tz = store.now().tzinfo
    try:
        held = [m for m in reversed(store.review.past()) if first <= m.held.astimezone(tz).date() <= last]
    except DataError as exc:  # the report of the rest is still worth having
        return [f"- left out: {_md_text(str(exc))}"]
    out = [] if held else ["- none held"]
    name = lambda pid: _md_text(names.get(pid, "?"))  # noqa: E731
    for m in held:
        out += [f"### {m.held.astimezone(tz):%a %Y-%m-%d}, the week {m.week_start} to {m.week_end}", ""]
        for label, said in (("Appreciation", m.appreciations), ("Went right", m.went_right)):
            out += [f"- {label}: {name(s.by)}: {_md_text(s.text)}" for s in said]
        if m.issue.strip():
            out.append(f"- Issue, raised by {name(m.issue_by)}: {_md_text(m.issue)}")
        out += [f"- {name(t.speaker)} spoke {t.seconds // 60}:{t.seconds % 60:02d}"
                + (f"; {name(t.listener)} heard: {_md_text(t.heard)}" if t.heard.strip() else "") for t in m.turns]
        out += [f"- Agreed: {_md_text(s.text)}" for s in m.agreements]
        out += [f"- Notes: {_md_text(m.notes)}", ""] if m.notes.strip() else [""]
    return out


def write_markdown(store: "Store", path: Path, first: date, last: date) -> Path:
    # Like every file attune writes: all or nothing, 0600 (0660 for a shared folder), whatever the umask.
    atomic_write(Path(path), markdown(store, first, last).encode("utf-8"), store.folder.file_mode)
    return path


INTERACTION_COLUMNS = ["uid", "at", "by", "sign", "tag", "note", "during_conflict"]
DAILY_COLUMNS = ["uid", "day", "by", "mood", "mood_word", "happened", "on_mind", "would_help", "updated"]


def write_csv(store: "Store", folder: Path, first: date, last: date) -> Path:
    names = {p.id: p.name for p in store.partners()}
    interactions = [[i.uid, i.at.isoformat(), names[i.by], i.sign, i.tag, i.note, "yes" if i.conflict else "no"]
                    for i in store.interactions.on_days(first, last)]
    daily = [[e.uid, e.day.isoformat(), names[e.by], e.mood, MOOD_WORDS[e.mood], e.happened, e.on_mind,
              e.would_help, e.updated.isoformat() if e.updated else ""]
             for e in store.daily.between(first, last)]
    made = not folder.exists()
    if made:
        store.folder.make_dir(folder, parents=True)
    try:
        for name, columns, rows in (("interactions.csv", INTERACTION_COLUMNS, interactions),
                                    ("daily.csv", DAILY_COLUMNS, daily)):
            atomic_write(folder / name, _csv([columns, *rows]), store.folder.file_mode)
    except BaseException:
        (folder / "interactions.csv").unlink(missing_ok=True)  # both tables or neither
        if made:
            folder.rmdir()
        raise
    return folder


def _csv(rows: list[list]) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")
