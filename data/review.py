"""The weekly review ("State of the Union"): the week's data, and the meeting's minutes.

A meeting is saved as it goes (a draft, `held` None), so closing the app mid-meeting loses
nothing; `finish` stamps it held, with the week's figures as they were read then.
Minutes live in reviews.json (one small record a week), never in attune.json."""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Callable

from tinydb import Query

from data.errors import CorruptFileError, DataError, InputError
from data.models import (AT_AIM, CONFLICT, DailyEntry, EVERYDAY, Interaction, Ratio, Recent, from_row,
                         new_uid, to_row, zone)
from data.schema import NOTES_MAX, TURN_MAX_SECONDS  # the one place for limits
from data.text import NOTE_MAX, check_text

if TYPE_CHECKING:
    from data.store import Store

REVIEWS_FILE = "reviews"  # -> reviews.json
TABLE = "reviews"
WEEK_DAYS = 7
LISTS = {"appreciations": "appreciation", "went_right": "what went right", "agreements": "agreement"}
GOOD_MOOD = 4  # good or great: a day that went right
STALE_SHOWN = 6
MOOD_STEP = 0.5  # a change of half a point in the weekly average counts as up or down


# -- the week's data ------------------------------------------------------------------
@dataclass(frozen=True)
class MoodTrend:
    week: tuple[int | None, ...]  # the week's moods, oldest first; None where nothing was written
    before: tuple[int | None, ...]  # the week before

    @staticmethod
    def _mean(moods: tuple[int | None, ...]) -> float | None:
        known = [m for m in moods if m is not None]
        return sum(known) / len(known) if known else None

    @property
    def average(self) -> float | None:
        return self._mean(self.week)

    @property
    def direction(self) -> str:
        """'up', 'down', 'steady', 'new' (nothing the week before) or 'none' (nothing this week)."""
        now, then = self.average, self._mean(self.before)
        if now is None:
            return "none"
        if then is None:
            return "new"
        if now - then >= MOOD_STEP:
            return "up"
        if then - now >= MOOD_STEP:
            return "down"
        return "steady"


@dataclass(frozen=True)
class StaleAnswer:
    by: str  # whose answer has gone stale: their partner might ask again
    question: str
    answer: str
    age_days: int


@dataclass
class Week:
    first: date
    last: date
    recent: Recent  # the week's interactions and the repairs of its negatives
    everyday_target: float
    conflict_target: float
    good_days: list[DailyEntry]
    moods: dict[str, MoodTrend]
    stale: list[StaleAnswer]
    stale_problem: str = ""  # set when quiz.json could not be read

    @property
    def appreciations(self) -> list[Interaction]:
        """Positives logged with a note, oldest first."""
        return [i for i in self.recent.items if i.positive and i.note.strip()]

    @property
    def everyday(self) -> Ratio:
        return self.recent.ratio(WEEK_DAYS, EVERYDAY)

    @property
    def conflict(self) -> Ratio:
        return self.recent.ratio(WEEK_DAYS, CONFLICT)

    @property
    def unrepaired(self) -> list[Interaction]:
        return self.recent.unrepaired(WEEK_DAYS)

    def repair_state(self, uid: str) -> str:
        return self.recent.repair_state(uid)

    @property
    def repairs_accepted(self) -> int:
        return sum(any(r.accepted for r in rs) for rs in self.recent.repairs.values())

    @property
    def days_at_aim(self) -> list[date]:
        """Days whose everyday ratio met the aim (days with nothing logged do not count)."""
        return [d for d, r in self.recent.daily(WEEK_DAYS, EVERYDAY) if zone(r, self.everyday_target) == AT_AIM]

    def figures(self) -> dict[str, Any]:
        """The few numbers kept with the minutes, so a past review reads as it was."""
        return {
            "everyday": [self.everyday.positive, self.everyday.negative],
            "conflict": [self.conflict.positive, self.conflict.negative],
            "everyday_target": self.everyday_target,
            "conflict_target": self.conflict_target,
            "appreciations_logged": len(self.appreciations),
            "unrepaired": len(self.unrepaired),
            "days_at_aim": len(self.days_at_aim),
            "moods": {pid: trend.average for pid, trend in self.moods.items()},
        }


# -- the minutes ------------------------------------------------------------------------
@dataclass(frozen=True)
class Said:
    text: str
    at: datetime
    by: str = ""  # partner id; "" for what both agreed


@dataclass(frozen=True)
class Turn:
    speaker: str
    listener: str
    seconds: int  # how long the speaker spoke
    heard: str = ""  # what the listener heard, in their words


@dataclass(frozen=True)
class Minutes:
    uid: str
    week_start: date
    week_end: date
    started: datetime
    held: datetime | None  # None while the meeting is still going
    appreciations: tuple[Said, ...] = ()
    went_right: tuple[Said, ...] = ()
    issue: str = ""
    issue_by: str = ""
    turns: tuple[Turn, ...] = ()
    agreements: tuple[Said, ...] = ()
    notes: str = ""
    figures: dict[str, Any] = field(default_factory=dict)

    @property
    def finished(self) -> bool:
        return self.held is not None

    @property
    def empty(self) -> bool:
        return not (self.appreciations or self.went_right or self.issue or self.turns
                    or self.agreements or self.notes.strip())


class Review:
    def __init__(self, store: "Store") -> None:
        self.store = store
        self.folder = store.folder

    @property
    def path(self):
        return self.folder.root / f"{REVIEWS_FILE}.json"

    # -- the week -------------------------------------------------------------------
    def week(self, last: date | None = None) -> Week:
        """The 7 days ending `last` (today unless given): everything the meeting looks at."""
        store = self.store
        today = store.now().date()
        last = last or today
        first = last - timedelta(days=WEEK_DAYS - 1)
        if last == today:  # the usual case: one read per month file, repairs included
            recent = store.interactions.recent(WEEK_DAYS)
        else:
            items = store.interactions.on_days(first, last)
            repairs = {i.uid: rs for i in items if not i.positive and (rs := store.interactions.repairs_of(i.uid))}
            recent = Recent(last, WEEK_DAYS, items, repairs)
        good = [e for e in store.daily.between(first, last) if e.mood >= GOOD_MOOD and e.happened.strip()]
        # mood_series counts back from today: ask for enough days to reach two weeks before `last`.
        back = (today - last).days if last <= today else 0
        moods = {}
        for p in store.partners():
            series = store.daily.mood_series(p.id, 2 * WEEK_DAYS + back)[: 2 * WEEK_DAYS]
            moods[p.id] = MoodTrend(tuple(series[WEEK_DAYS:]), tuple(series[:WEEK_DAYS]))
        stale, problem = self._stale()
        settings = store.settings()
        return Week(first, last, recent, settings.everyday_target, settings.conflict_target, good, moods,
                    stale, problem)

    def _stale(self) -> tuple[list[StaleAnswer], str]:
        """Love-map answers older than the stale setting, oldest first: worth asking about again."""
        try:
            data = self.store.quiz.load()
        except DataError as exc:  # a damaged quiz.json must not stop the meeting
            return [], f"quiz answers could not be read: {exc}"
        found = [StaleAnswer(pid, i.question.text, i.current.text, i.age_days)
                 for pid, i in data.stale_answers()]
        found.sort(key=lambda s: -s.age_days)
        return found[:STALE_SHOWN], ""

    # -- reading minutes ----------------------------------------------------------------
    def _table(self):
        """reviews.json's table, or None when there is no file (reading never creates it)."""
        return self.folder.named(REVIEWS_FILE).table(TABLE, cache_size=0) if self.path.exists() else None

    def _all(self) -> list[Minutes]:
        table = self._table()
        try:
            return [from_row(Minutes, r) for r in (table.all() if table is not None else [])]
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise CorruptFileError(self.path, f"a review record is malformed: {exc!r}") from None

    def past(self) -> list[Minutes]:
        """Finished meetings, newest first."""
        return sorted((m for m in self._all() if m.finished), key=lambda m: m.held, reverse=True)

    def open_meeting(self) -> Minutes | None:
        """The meeting still going (the newest, if an import brought two)."""
        drafts = [m for m in self._all() if not m.finished]
        return max(drafts, key=lambda m: m.started) if drafts else None

    def get(self, uid: str) -> Minutes:
        for m in self._all():
            if m.uid == uid:
                return m
        raise InputError("that review is no longer there")

    # -- writing ----------------------------------------------------------------------
    def start(self) -> Minutes:
        """The meeting still going, or a new one about the 7 days ending today."""
        with self.folder.writing():
            current = self.open_meeting()
            if current is not None:
                return current
            now = self.store.now()
            first = now.date() - timedelta(days=WEEK_DAYS - 1)
            row = to_row(Minutes(new_uid(now), first, now.date(), now, None))
            self.folder.named(REVIEWS_FILE).table(TABLE, cache_size=0).insert(row)
        return from_row(Minutes, row)

    def _change(self, uid: str, change: Callable[[dict], None]) -> Minutes:
        """Read-modify-write of one open meeting under the lock."""
        with self.folder.writing():
            table = self._table()
            found = table.search(Query().uid == uid) if table is not None else []
            if not found:
                raise InputError("this meeting is no longer there (discarded in another session?)")
            row = dict(found[0])
            if row.get("held"):
                raise InputError("this meeting was already finished (in another session?): start a new one")
            change(row)
            table.update(row, doc_ids=[found[0].doc_id])
        return from_row(Minutes, row)

    def say(self, uid: str, kind: str, by: str, text: str) -> Minutes:
        """Add an appreciation, something that went right (by a partner) or an agreement (by both: '')."""
        if kind not in LISTS:
            raise InputError(f"unknown list {kind!r}")
        if by or kind != "agreements":
            self.store.partner(by)
        text = check_text(text, LISTS[kind], NOTE_MAX).strip()
        if not text:
            raise InputError(f"the {LISTS[kind]} is empty: type something first")
        said = {"by": by, "text": text, "at": self.store.now().isoformat()}
        return self._change(uid, lambda row: row.update({kind: [*(row.get(kind) or []), said]}))  # null: none yet

    def unsay(self, uid: str, kind: str, index: int) -> Minutes:
        """Take back one line of a list (a typo, or said by the wrong partner)."""
        def drop(row: dict) -> None:
            items = row.get(kind) or []
            if not 0 <= index < len(items):
                raise InputError("that line is no longer there")
            del items[index]

        if kind not in LISTS:
            raise InputError(f"unknown list {kind!r}")
        return self._change(uid, drop)

    def set_issue(self, uid: str, topic: str, by: str) -> Minutes:
        self.store.partner(by)
        topic = check_text(topic, "issue", NOTE_MAX).strip()
        if not topic:
            raise InputError("the issue is empty: name one thing to talk about")
        return self._change(uid, lambda row: row.update(issue=topic, issue_by=by))

    def add_turn(self, uid: str, speaker: str, seconds: float, heard: str = "") -> Minutes:
        """A finished speaker turn: who spoke, for how long, and what the listener heard."""
        self.store.partner(speaker)
        listener = self.store.other(speaker).id
        if not 0 <= seconds <= TURN_MAX_SECONDS:
            raise InputError("a turn lasts between 0 seconds and 4 hours")
        heard = check_text(heard, "what you heard", NOTE_MAX).strip()
        turn = {"speaker": speaker, "listener": listener, "seconds": int(round(seconds)), "heard": heard}
        return self._change(uid, lambda row: row.update(turns=[*(row.get("turns") or []), turn]))  # null: none yet

    def set_notes(self, uid: str, notes: str, since: str | None = None) -> Minutes:
        """`since`: the notes this writer started from. Another session's change meanwhile is
        kept, and what was typed here follows it: nothing either of you typed is lost."""
        notes = check_text(notes, "notes", NOTES_MAX)

        def change(row: dict) -> None:
            theirs = row.get("notes") or ""
            if since is None or theirs in (since, notes):
                row["notes"] = notes
                return
            # The lines typed here since (new or changed ones), each whole, after theirs.
            was, now = since.splitlines(), notes.splitlines()
            added = [line for op, _, _, j1, j2 in SequenceMatcher(None, was, now, autojunk=False).get_opcodes()
                     if op in ("insert", "replace") for line in now[j1:j2]]
            kept = [theirs.rstrip("\n")] if theirs.strip() else []
            row["notes"] = check_text("\n".join(kept + added), "notes", NOTES_MAX)
        return self._change(uid, change)

    def finish(self, uid: str, notes: str | None = None) -> Minutes:
        """Close the meeting: stamp it held, with the week's figures as they are now."""
        if notes is not None:
            notes = check_text(notes, "notes", NOTES_MAX)
        current = self.get(uid)
        figures = self.week(current.week_end).figures()
        held = self.store.now().isoformat()

        def close(row: dict) -> None:
            if notes is not None:
                row["notes"] = notes
            if from_row(Minutes, row).empty:
                raise InputError("nothing to save yet: say an appreciation, or write an agreement or a note")
            row.update(held=held, figures=figures)

        return self._change(uid, close)

    def discard(self, uid: str) -> bool:
        """Drop a meeting still going (never a finished one)."""
        with self.folder.writing():
            table, q = self._table(), Query()
            return bool(table is not None and table.remove((q.uid == uid) & (q.held == None)))  # noqa: E711
