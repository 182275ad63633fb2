"""A believable couple history, generated from a seed: for `attune --demo` and the benchmarks.

Written month by month in bulk (one atomic write per file), so ten years take seconds.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from pathlib import Path

from data.conflicts import Conflict
from data.models import DailyEntry, Interaction, month_of, new_uid, to_row
from data.interactions import REPAIR_STEPS, Repair
from data.quiz_demo import add_row, samples
from data.storage import encode
from data.store import Store

SAMPLES = samples()  # data/demo.toml: what the demo couple log, write and say
POSITIVES = [tuple(p) for p in SAMPLES["gauge"]["positives"]] + [("", "")] * SAMPLES["gauge"]["bare_positives"]
NEGATIVES = [tuple(n) for n in SAMPLES["gauge"]["negatives"]] + [("", "")] * SAMPLES["gauge"]["bare_negatives"]
DAYS = SAMPLES["days"]
MEETINGS = [(tuple(m["appreciations"]), m["went_right"], m["issue"], tuple(m["heard"]), m["agreement"])
            for m in SAMPLES["meetings"]]
REPAIR_KEYS = list(REPAIR_STEPS)


def generate(root: Path, names: tuple[str, str] = ("Sam", "Alex"), days: int = 90, per_day: int = 6,
             seed: int = 7, today: date | None = None) -> Store:
    """Fill an empty data folder with `days` days of history ending today."""
    rng = random.Random(seed)
    # Conflicts and repairs draw from their own stream, so the rest of the history stays as it was.
    extra = random.Random(seed + 1)
    store = Store.open(root)
    store.setup_couple(*names)
    today = today or store.now().date()
    tz = store.now().tzinfo
    months: dict[str, dict[str, dict[str, dict]]] = {}
    for offset in range(days - 1, -1, -1):
        day = today - timedelta(days=offset)
        midnight = datetime.combine(day, time(), tzinfo=tz)
        tables = months.setdefault(month_of(day), {"interactions": {}, "daily": {}})
        # a rough patch three weeks ago (and a hard day now and then): more negatives, lower moods,
        # a conflict most evenings; repairs are tried and mostly taken
        rough = 17 <= offset <= 21 or rng.random() < 0.04
        count = max(1, int(rng.gauss(per_day, per_day / 4)))
        stamps = sorted(rng.randrange(7 * 3600, 23 * 3600) for _ in range(count))
        if offset == 0:  # today: only what has happened so far
            now = store.now()
            stamps = [s for s in stamps if s < now.hour * 3600 + now.minute * 60] or stamps[:2]
        conflict = None  # most rough days (not today) have an evening conflict: (uid, start, end) seconds
        if rough and offset > 0 and extra.random() < 0.7:
            stamps += sorted(extra.randrange(17 * 3600, 23 * 3600) for _ in range(max(3, per_day // 2)))
            stamps.sort()
            start = extra.randrange(17 * 3600, 20 * 3600)
            end = start + extra.randrange(90, 180) * 60
            began = midnight + timedelta(seconds=start)
            conflict = (new_uid(began), start, end)
            ended = began + timedelta(seconds=end - start)
            add_row(tables, "conflicts", to_row(Conflict(conflict[0], began, ended)))
        for secs in stamps:
            at = midnight + timedelta(seconds=secs)
            in_conflict = bool(conflict and conflict[1] <= secs < conflict[2])
            positive = rng.random() > (0.3 if in_conflict else 0.25 if rough else 0.05)
            uid = new_uid(at)
            note, tag = rng.choice(POSITIVES if positive else NEGATIVES)
            by, during = rng.choice("ab"), conflict[0] if in_conflict else None
            add_row(tables, "interactions", to_row(Interaction(uid, at, by, positive, note, tag, during)))
            repaired_at = at + timedelta(minutes=extra.randrange(2, 90))
            if not positive and extra.random() < 0.6 and (offset > 0 or repaired_at <= store.now()):
                by, steps = extra.choice("ab"), tuple(extra.sample(REPAIR_KEYS, extra.randint(1, 2)))
                accepted = extra.random() < 0.75
                repair = Repair(new_uid(repaired_at), repaired_at, by, uid, steps, accepted)
                add_row(tables, "repairs", to_row(repair))
        for by in "ab":
            if rng.random() < 0.8:
                at = datetime.combine(day, time(21, rng.randrange(60)), tzinfo=tz)
                if offset == 0:  # today's entry cannot have been written later than now
                    at = min(at, max(store.now(), datetime.combine(day, time(7), tzinfo=tz)))
                mood = min(5, max(1, round(rng.gauss(3.6 - (1.4 if rough else 0), 0.8))))
                kind = "good" if mood >= 4 else "fair" if mood == 3 else "hard"
                happened, on_mind, would_help = rng.choice(DAYS[by][kind])
                seen = {} if offset < 2 else {("b" if by == "a" else "a"): at.isoformat()}
                entry = DailyEntry(new_uid(at), day, by, mood, happened, on_mind, would_help, at, at, seen)
                add_row(tables, "daily", to_row(entry))

    folder = store.folder
    with folder.writing():
        folder.ensure_months_dir()
        for month, tables in months.items():
            folder.save(folder.month_path(month), encode(tables))
    from data.quiz_demo import add_quiz_demo  # its own random stream: the history above is unchanged

    add_quiz_demo(store, random.Random(seed + 2), days=days, today=today)
    add_meetings(store, today, days)
    return store


def add_meetings(store: Store, today: date, days: int) -> None:
    """One weekly meeting a week for the last few weeks (the latest six days ago), through the
    review API on a clock set to each evening, so the minutes hold that week's figures."""
    tz = store.now().tzinfo
    weeks = min(len(MEETINGS), days // 7 - 1)
    for back, (thanks, right, issue, heard, agreement) in zip(range(weeks, 0, -1), MEETINGS[-weeks:]):
        held = datetime.combine(today - timedelta(days=7 * back - 1), time(20, 30), tzinfo=tz)
        review = Store(store.folder, clock=lambda held=held: held).review
        uid = review.start().uid
        for by, text in zip("ab", thanks):
            review.say(uid, "appreciations", by, text)
        review.say(uid, "went_right", "a", right)
        review.set_issue(uid, issue, "b")
        for speaker, text in zip("ba", heard):
            review.add_turn(uid, speaker, 150, text)
        review.say(uid, "agreements", "", agreement)
        review.finish(uid)
