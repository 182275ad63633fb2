"""A believable couple history, generated from a seed: for `attune --demo` and the benchmarks.

Written month by month in bulk (one atomic write per file), so ten years take seconds.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from pathlib import Path

from data.models import month_of, new_uid
from data.quiz_demo import samples
from data.storage import encode
from data.store import Store

SAMPLES = samples()  # data/demo.toml: what the demo couple log, write and say
POSITIVES = [tuple(p) for p in SAMPLES["gauge"]["positives"]] + [("", "")] * SAMPLES["gauge"]["bare_positives"]
NEGATIVES = [tuple(n) for n in SAMPLES["gauge"]["negatives"]] + [("", "")] * SAMPLES["gauge"]["bare_negatives"]
DAYS = SAMPLES["days"]
MEETINGS = [(tuple(m["appreciations"]), m["went_right"], m["issue"], tuple(m["heard"]), m["agreement"])
            for m in SAMPLES["meetings"]]
REPAIR_KEYS = ["i_feel", "sorry", "get_to_yes", "calm_down", "stop_action", "appreciate"]


def generate(
    root: Path,
    names: tuple[str, str] = ("Sam", "Alex"),
    days: int = 90,
    per_day: int = 6,
    seed: int = 7,
    today: date | None = None,
) -> Store:
    """Fill an empty data folder with `days` days of history ending today."""
    rng = random.Random(seed)
    # Conflicts and repairs draw from their own stream, so the rest of the history stays as it was.
    extra = random.Random(seed + 1)
    store = Store.open(root)
    store.setup_couple(*names)
    today = today or store.now().date()
    tz = store.now().tzinfo
    months: dict[str, dict[str, dict[str, dict]]] = {}

    def add(month: str, table: str, row: dict) -> None:
        tables = months.setdefault(month, {"interactions": {}, "daily": {}})
        rows = tables.setdefault(table, {})
        rows[str(len(rows) + 1)] = row

    for offset in range(days - 1, -1, -1):
        day = today - timedelta(days=offset)
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
            began = datetime.combine(day, time(), tzinfo=tz) + timedelta(seconds=start)
            conflict = (new_uid(began), start, end)
            add(month_of(day), "conflicts", {"uid": conflict[0], "started": began.isoformat(),
                                             "ended": (began + timedelta(seconds=end - start)).isoformat()})
        for secs in stamps:
            at = datetime.combine(day, time(), tzinfo=tz) + timedelta(seconds=secs)
            in_conflict = bool(conflict and conflict[1] <= secs < conflict[2])
            positive = rng.random() > (0.3 if in_conflict else 0.25 if rough else 0.05)
            uid = new_uid(at)
            note, tag = rng.choice(POSITIVES if positive else NEGATIVES)
            add(month_of(day), "interactions", {
                "uid": uid, "at": at.isoformat(), "by": rng.choice("ab"), "positive": positive,
                "note": note, "tag": tag, "conflict": conflict[0] if in_conflict else None,
            })
            repaired_at = at + timedelta(minutes=extra.randrange(2, 90))
            if not positive and extra.random() < 0.6 and (offset > 0 or repaired_at <= store.now()):
                add(month_of(day), "repairs", {
                    "uid": new_uid(repaired_at), "at": repaired_at.isoformat(), "by": extra.choice("ab"),
                    "negative": uid, "steps": extra.sample(REPAIR_KEYS, extra.randint(1, 2)),
                    "accepted": extra.random() < 0.75, "note": "",
                })
        for by in "ab":
            if rng.random() < 0.8:
                at = datetime.combine(day, time(21, rng.randrange(60)), tzinfo=tz)
                if offset == 0:  # today's entry cannot have been written later than now
                    at = min(at, max(store.now(), datetime.combine(day, time(7), tzinfo=tz)))
                mood = min(5, max(1, round(rng.gauss(3.6 - (1.4 if rough else 0), 0.8))))
                kind = "good" if mood >= 4 else "fair" if mood == 3 else "hard"
                happened, on_mind, would_help = rng.choice(DAYS[by][kind])
                seen = {} if offset < 2 else {("b" if by == "a" else "a"): at.isoformat()}
                add(month_of(day), "daily", {
                    "uid": new_uid(at), "day": day.isoformat(), "by": by, "mood": mood,
                    "happened": happened, "on_mind": on_mind, "would_help": would_help,
                    "created": at.isoformat(), "updated": at.isoformat(), "seen_by": seen,
                })

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
