"""What every stored record must look like: one validator for typing's limits, imports, and
every data file read. A file that parses but breaks a rule here is treated as damaged.

TABLES maps a table to its fields: (required, check). A check raises Bad saying what is wrong.
Tables not listed (a later feature's) are checked for shape only. LIMITS are in the README."""

from __future__ import annotations

import math
import re
from contextvars import ContextVar
from datetime import date, datetime
from typing import Any, Callable

from data.models import MOOD_WORDS
from data.text import ENTRY_MAX, NAME_MAX, NOTE_MAX, check_text, clean_name, same_name
from data.errors import InputError

SCHEMA_VERSION = 1  # the data folder's layout; data/migrate.py brings an older folder up to it
QUESTION_MAX = 300
ROUND_MAX = 500  # questions in one quiz round (a bigger deck plays its first 500)
NOTES_MAX = 10_000  # a meeting's notes
TURN_MAX_SECONDS = 4 * 60 * 60
STALE_DAYS_MAX = 3650
ROWS_MAX = 50_000  # records in one table of one file (a month holds ~2,000 in heavy use)
YEARS = (1900, 2999)  # every stored date or time lies in these years
PARTNERS = ("a", "b")
UID_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._:-]{0,79}$")
MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
MAIN, QUIZ, REVIEWS = "attune.json", "quiz.json", "reviews.json"
MARKS = ("spot_on", "close", "missed")


class Bad(ValueError):
    """A record breaks a rule; the message says which, without quoting the record's text.
    `where`: the record ('daily 20261125T…'); `named`: the message already names the field."""

    def __init__(self, message: str, where: str = "", named: bool = False) -> None:
        super().__init__(message)
        self.where = where
        self.named = named


Check = Callable[[Any], None]
# Reading a stored file, a text over its typing limit is kept and shown cut (a hand edit, an old
# version): refusing it would hide a whole month. Typing and import keep the limits.
_STORED: ContextVar[bool] = ContextVar("stored", default=False)


# -- checks for one value ----------------------------------------------------------------
def uid(value: Any) -> None:
    if not isinstance(value, str) or not UID_RE.match(value):
        raise Bad("its id is not an attune id")


def partner(value: Any) -> None:
    if value not in PARTNERS:
        raise Bad(f"partner {_short(value)} is not 'a' or 'b'")


def flag(value: Any) -> None:
    if not isinstance(value, bool):
        raise Bad(f"{_short(value)} is not true or false")


def _in_years(year: int, what: str) -> None:
    if not YEARS[0] <= year <= YEARS[1]:
        raise Bad(f"{what} is outside the years {YEARS[0]}-{YEARS[1]}")


def instant(value: Any) -> None:
    """An ISO time with its UTC offset: a moment everyone agrees on, whatever their time zone."""
    try:
        moment = datetime.fromisoformat(value) if type(value) is str and len(value) <= 40 else None
    except ValueError:
        moment = None
    if moment is None:
        raise Bad(f"time {_short(value)} is not an ISO date and time")
    if moment.tzinfo is None:
        raise Bad(f"time {_short(value)} has no UTC offset")
    _in_years(moment.year, "a time")


def day(value: Any) -> None:
    if not isinstance(value, str) or len(value) != 10:
        raise Bad(f"day {_short(value)} is not YYYY-MM-DD")
    try:
        _in_years(date.fromisoformat(value).year, "a day")
    except ValueError:
        raise Bad(f"day {_short(value)} is not YYYY-MM-DD") from None


def maybe(check: Check) -> Check:
    def allow_none(value: Any) -> None:
        if value is not None:
            check(value)
    return allow_none


_TEXTS: set = set()  # every text check: check_fields passes stored text without a call


def text(limit: int, what: str) -> Check:
    def check(value: Any) -> None:
        if not isinstance(value, str):
            raise Bad(f"{what} is not text", named=True)
        if "\x00" in value:
            raise Bad(f"{what} has a NUL character", named=True)
        if not _STORED.get():
            try:
                check_text(value, what, limit)
            except InputError as exc:
                raise Bad(str(exc), named=True) from None
    _TEXTS.add(check)
    return check


def name(what: str) -> Check:
    def check(value: Any) -> None:
        if not isinstance(value, str):
            raise Bad(f"{what} is not text", named=True)
        if _STORED.get():
            if not value.strip():
                raise Bad(f"{what} is empty", named=True)
            return  # shown literally, whatever it holds (widgets/literal.py)
        try:
            clean_name(value, what)
        except InputError as exc:
            raise Bad(str(exc), named=True) from None
    return check


def number(low: float, high: float, whole: bool = False) -> Check:
    def check(value: Any) -> None:
        kinds = int if whole else (int, float)
        if isinstance(value, bool) or not isinstance(value, kinds) or not math.isfinite(value) or not low <= value <= high:
            raise Bad(f"{_short(value)} is not a {'whole ' if whole else ''}number from {low:g} to {high:g}")
    return check


def one_of(*allowed: Any) -> Check:
    def check(value: Any) -> None:
        if value not in allowed:
            raise Bad(f"{_short(value)} is not one of {', '.join(map(str, allowed))}")
    return check


def list_of(item: Check, most: int = 1_000) -> Check:
    def check(value: Any) -> None:
        if not isinstance(value, list) or len(value) > most:
            raise Bad(f"not a list of at most {most:,} items")
        for each in value:
            item(each)
    return check


def record(fields: dict[str, tuple[bool, Check]]) -> Check:
    def check(value: Any) -> None:
        if not isinstance(value, dict):
            raise Bad("an item is not a record")
        check_fields(value, fields)
    return check


def small_dict(value: Any) -> None:
    if not isinstance(value, dict) or len(value) > 100:
        raise Bad("not a small set of values")


def _short(value: Any) -> str:
    """A value named in a message: its type and a few characters, never a person's text."""
    if isinstance(value, str):
        return repr(value[:12] + ("…" if len(value) > 12 else ""))
    if value is None or isinstance(value, (bool, int, float)):
        return repr(value)[:20]
    return f"a {type(value).__name__}"


_COUNT = number(0, 10**9, whole=True)
_TARGET = number(1, 1000)  # an aim, n:1
_QUESTION_ID = text(120, "question id")


def _said(what: str) -> Check:
    return record({"by": (False, one_of("", *PARTNERS)), "text": (True, text(NOTE_MAX, what)), "at": (True, instant)})


def _pair(value: Any) -> None:
    if not isinstance(value, list) or len(value) != 2:
        raise Bad("not a pair of counts")
    for count in value:
        _COUNT(count)


def _figures(value: Any) -> None:
    """The numbers kept with a meeting's minutes (data/review.py Week.figures)."""
    if not isinstance(value, dict):
        raise Bad("not a record")
    check_fields(value, {
        "everyday": (N, _pair), "conflict": (N, _pair), "everyday_target": (N, _TARGET),
        "conflict_target": (N, _TARGET), "appreciations_logged": (N, _COUNT), "unrepaired": (N, _COUNT),
        "days_at_aim": (N, number(0, 7, whole=True)), "moods": (N, _moods),
    })


def _moods(value: Any) -> None:
    small_dict(value)
    for pid, average in value.items():
        partner(pid)
        maybe(number(1, 5))(average)


def _skips(value: Any) -> None:
    """A round's skipped questions: question id -> the partners who skipped it (each of its questions)."""
    if not isinstance(value, dict) or len(value) > ROUND_MAX:
        raise Bad(f"not a set of at most {ROUND_MAX} skipped questions")
    for question, who in value.items():
        _QUESTION_ID(question)
        list_of(partner, 2)(who)


def _seen(value: Any) -> None:
    small_dict(value)
    for reader, seen in value.items():
        partner(reader)
        instant(seen)


# -- tables ------------------------------------------------------------------------------------
Y, N = True, False
TABLES: dict[str, dict[str, tuple[bool, Check]]] = {
    "meta": {"schema": (N, number(0, 10_000, whole=True)), "created": (N, instant)},
    "partners": {"id": (Y, partner), "name": (Y, name("partner's name"))},
    "settings": {
        "sensitive_questions": (N, flag), "scoring": (N, flag), "stale_days": (N, number(1, STALE_DAYS_MAX, whole=True)),
        "theme": (N, text(NAME_MAX, "theme")), "everyday_target": (N, _TARGET),
        "conflict_target": (N, _TARGET), "extra": (N, small_dict),
    },
    "conflicts": {"uid": (Y, uid), "started": (Y, instant), "ended": (N, maybe(instant))},
    "breaks": {"uid": (Y, uid), "started": (Y, instant), "ends": (Y, instant), "return_by": (Y, instant),
               "ended": (N, maybe(instant))},
    "interactions": {"uid": (Y, uid), "at": (Y, instant), "by": (Y, partner), "positive": (Y, flag),
                     "note": (N, text(NOTE_MAX, "note")), "tag": (N, text(NAME_MAX, "tag")), "conflict": (N, maybe(uid))},
    "repairs": {"uid": (Y, uid), "at": (Y, instant), "by": (Y, partner), "negative": (Y, uid),
                "steps": (N, list_of(text(NAME_MAX, "step"), 20)), "accepted": (N, flag),
                "note": (N, text(NOTE_MAX, "repair note"))},
    "daily": {"uid": (Y, uid), "day": (Y, day), "by": (Y, partner), "mood": (Y, number(min(MOOD_WORDS), max(MOOD_WORDS), whole=True)),
              "happened": (N, text(ENTRY_MAX, "what happened")), "on_mind": (N, text(ENTRY_MAX, "what is on my mind")),
              "would_help": (N, text(ENTRY_MAX, "what would help")), "created": (N, maybe(instant)),
              "updated": (N, maybe(instant)), "seen_by": (N, _seen)},
    "answers": {"uid": (Y, uid), "question": (Y, _QUESTION_ID), "by": (Y, partner),
                "text": (Y, text(NOTE_MAX, "answer")), "at": (Y, instant), "round": (N, maybe(uid))},
    "guesses": {"uid": (Y, uid), "question": (Y, _QUESTION_ID), "by": (Y, partner), "about": (Y, partner),
                "text": (Y, text(NOTE_MAX, "guess")), "at": (Y, instant), "round": (N, maybe(uid)),
                "mark": (N, maybe(one_of(*MARKS))), "marked_at": (N, maybe(instant))},
    "rounds": {"uid": (Y, uid), "started": (Y, instant), "title": (Y, text(200, "round title")),
               "source": (Y, text(120, "deck")), "questions": (Y, list_of(_QUESTION_ID, ROUND_MAX)),
               "skips": (N, _skips), "closed": (N, maybe(instant))},
    "questions": {"id": (Y, _QUESTION_ID), "text": (Y, text(QUESTION_MAX, "question")),
                  "category": (Y, name("category")), "sensitive": (N, flag), "retired": (N, flag)},
    "reviews": {
        "uid": (Y, uid), "week_start": (Y, day), "week_end": (Y, day), "started": (Y, instant),
        "held": (N, maybe(instant)), "issue": (N, text(NOTE_MAX, "issue")), "issue_by": (N, one_of("", *PARTNERS)),
        "notes": (N, text(NOTES_MAX, "notes")), "figures": (N, _figures),
        "appreciations": (N, maybe(list_of(_said("appreciation")))), "went_right": (N, maybe(list_of(_said("what went right")))),
        "agreements": (N, maybe(list_of(_said("agreement")))),
        "turns": (N, maybe(list_of(record({"speaker": (Y, partner), "listener": (Y, partner),
                                           "seconds": (Y, number(0, TURN_MAX_SECONDS)),
                                           "heard": (N, text(NOTE_MAX, "what you heard"))})))),
    },
}
# Which tables each file may hold, and how a month file's record shows its month.
FILE_TABLES = {
    MAIN: {"meta", "partners", "settings", "conflicts", "breaks"},
    QUIZ: {"answers", "guesses", "rounds", "questions"},
    REVIEWS: {"reviews"},
}
# Whether a month file's record belongs in it ("2026-11", "202611"): its writer's date says so.
MONTH_TABLES: dict[str, Callable[[dict, str, str], bool]] = {
    "interactions": lambda r, m, digits: r["uid"][:6] == digits and r["at"][:7] == m,
    "repairs": lambda r, m, digits: r["negative"][:6] == digits,
    "daily": lambda r, m, digits: r["day"][:7] == m,
    "conflicts": lambda r, m, digits: r["uid"][:6] == digits and r["started"][:7] == m,
}


def check_fields(row: dict, fields: dict[str, tuple[bool, Check]]) -> None:
    get = row.get
    stored = _STORED.get()
    for key, (required, check) in fields.items():
        value = get(key, _ABSENT)
        if value is _ABSENT:
            if required:
                raise Bad(f"{key} is missing", named=True)
            continue
        # The common passes inline (a busy month is ~10,000 fields); anything else takes the call.
        if check is partner:
            if value == "a" or value == "b":
                continue
        elif check is flag:
            if value is True or value is False:
                continue
        elif stored and check in _TEXTS:
            if type(value) is str and "\x00" not in value:
                continue
        try:
            check(value)
        except Bad as exc:
            raise Bad(str(exc) if exc.named else f"{key}: {exc}", named=True) from None


_ABSENT = object()


def check_file(name: str, tables: Any, stored: bool = False) -> None:
    """`tables` as TinyDB stores a file ({table: {"1": row}}); `name` as in an export:
    'attune.json', 'months/2026-11.json'. Raises Bad naming the first record that breaks a rule.
    `stored`: a file already in the folder (see _STORED)."""
    token = _STORED.set(stored)
    try:
        _check_file(name, tables)
    finally:
        _STORED.reset(token)


def _check_file(name: str, tables: Any) -> None:
    if not isinstance(tables, dict):
        raise Bad("it is not a set of tables")
    month = name[len("months/"):-len(".json")] if name.startswith("months/") else None
    if month is not None and not MONTH_RE.match(month):
        raise Bad(f"{month} is not a month")
    allowed = set(MONTH_TABLES) if month else FILE_TABLES.get(name)
    digits = month.replace("-", "") if month else ""
    for table, rows in tables.items():
        if allowed is not None and table in TABLES and table not in allowed or table not in TABLES and not _STORED.get():
            raise Bad(f"table {_short(table)} does not belong in {name}")
        if not isinstance(rows, dict):
            raise Bad(f"table {_short(table)} is not a set of records")
        if len(rows) > ROWS_MAX:
            raise Bad(f"table {_short(table)} has {len(rows):,} records; attune keeps at most {ROWS_MAX:,}")
        fields = TABLES.get(table)
        filed = MONTH_TABLES.get(table) if month else None
        ids: set = set()
        for key, row in rows.items():
            try:
                if not (isinstance(key, str) and key.isascii() and key.isdigit() and len(key) < 10):  # not "¹"
                    raise Bad("its row number is not a number")
                if not isinstance(row, dict):
                    raise Bad("it is not a record")
                if fields is not None:
                    check_fields(row, fields)
                    key_id = row.get("uid", row.get("id"))
                    if key_id is not None:
                        if key_id in ids:
                            raise Bad("its id is there twice")
                        ids.add(key_id)
                if filed is not None and not filed(row, month, digits):
                    raise Bad(f"it belongs to another month than {month}")
            except Bad as exc:
                raise Bad(str(exc), where=_where(table, key, row)) from None
    if name == MAIN:
        _check_couple(tables.get("partners") or {})
        for single in ("meta", "settings"):
            if len(tables.get(single) or {}) > 1:
                raise Bad(f"there is more than one {single} record")


def _where(table: str, key: Any, row: Any) -> str:
    """'daily 20261125T183000-c951f79a', or the row number when the record has no usable id."""
    ident = row.get("uid", row.get("id")) if isinstance(row, dict) else None
    if isinstance(ident, str) and UID_RE.match(ident):
        return f"{table} {ident}"
    return f"{table} record {str(key)[:12]!r}"


def _check_couple(rows: dict) -> None:
    partners = list(rows.values())
    if not partners:
        return
    ids = sorted(p["id"] for p in partners)
    if ids != list(PARTNERS):
        raise Bad("the couple is not one partner 'a' and one partner 'b'")
    if same_name(partners[0]["name"], partners[1]["name"]):
        raise Bad("both partners have the same name")
