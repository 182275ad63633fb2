"""What an imported record must pass: the same limits and name checks as typing, in one place.

RULES maps a table to its typed fields and their check. A table or field not listed is not
checked here (ids, times and flags are checked where they are read). A feature that adds a
field a person types adds its rule here, with the same limit its screen uses."""

from __future__ import annotations

from typing import Any, Callable

from data.daily import FIELD_LABELS, FIELDS
from data.errors import InputError
from data.models import MOOD_WORDS
from data.quiz import QUESTION_MAX
from data.review import LISTS, NOTES_MAX, TURN_MAX_SECONDS
from data.text import ENTRY_MAX, NOTE_MAX, check_text, clean_name

Check = Callable[[Any], None]  # raises InputError saying what is wrong
MISSING = object()


def _text(limit: int, what: str) -> Check:
    def check(value: Any) -> None:
        if value is MISSING:
            return
        if not isinstance(value, str):
            raise InputError(f"{what} is not text")
        if "\x00" in value:
            raise InputError(f"{what} has a NUL character")
        check_text(value, what, limit)
    return check


def _name(what: str) -> Check:
    def check(value: Any) -> None:
        if not isinstance(value, str):
            raise InputError(f"{what} is missing" if value is MISSING else f"{what} is not text")
        clean_name(value, what)
    return check


def _mood(value: Any) -> None:
    if value is MISSING:
        raise InputError("the mood is missing")
    if isinstance(value, bool) or not isinstance(value, int) or value not in MOOD_WORDS:
        raise InputError(f"mood {str(value)[:20]!r} is not a number from 1 to 5")


def _seconds(value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= TURN_MAX_SECONDS:
        raise InputError("a turn lasts between 0 seconds and 4 hours")


def _each(fields: dict[str, Check], what: str) -> Check:
    """A list of small records inside one record (a review's lines and turns)."""
    def check(value: Any) -> None:
        if value is MISSING or value is None:
            return
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise InputError(f"{what} is not a list of records")
        for item in value:
            for field, rule in fields.items():
                rule(item.get(field, MISSING))
    return check


RULES: dict[str, dict[str, Check]] = {
    "partners": {"name": _name("partner's name")},
    "interactions": {"note": _text(NOTE_MAX, "note")},
    "repairs": {"note": _text(NOTE_MAX, "repair note")},
    "daily": {**{f: _text(ENTRY_MAX, FIELD_LABELS[f]) for f in FIELDS}, "mood": _mood},
    "answers": {"text": _text(NOTE_MAX, "answer")},
    "guesses": {"text": _text(NOTE_MAX, "guess")},
    "questions": {"text": _text(QUESTION_MAX, "question"), "category": _name("category")},
    "reviews": {
        "issue": _text(NOTE_MAX, "issue"),
        "notes": _text(NOTES_MAX, "notes"),
        **{kind: _each({"text": _text(NOTE_MAX, what)}, f"{what}s") for kind, what in LISTS.items()},
        "turns": _each({"heard": _text(NOTE_MAX, "what you heard"), "seconds": _seconds}, "turns"),
    },
}


def record_name(row: dict, index: int) -> str:
    key = row.get("uid", row.get("id"))
    return str(key)[:40] if isinstance(key, (str, int)) else f"record {index + 1}"


def check_files(files: dict[str, dict[str, list[dict]]], source: object) -> None:
    """Every listed field of every record; the first problem is one InputError naming where it is."""
    for name, tables in files.items():
        for table, rows in tables.items():
            rules = RULES.get(table)
            if not rules:
                continue
            for index, row in enumerate(rows):
                for field, rule in rules.items():
                    try:
                        rule(row.get(field, MISSING))
                    except InputError as exc:
                        where = f"{name} {table} {record_name(row, index)}"
                        raise InputError(f"import {source}: {where}: {exc}: nothing was imported") from None
