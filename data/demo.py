"""A believable couple history, generated from a seed: for `attune --demo` and the benchmarks.

Written month by month in bulk (one atomic write per file), so ten years take seconds.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from pathlib import Path

from data.models import month_of, new_uid
from data.storage import atomic_write, encode
from data.store import Store

POSITIVE_NOTES = [
    "made coffee without being asked", "hug at the door", "laughed at my terrible pun",
    "asked how the meeting went", "texted 'thinking of you'", "brought home my favourite bread",
    "listened without fixing", "thanked me for cooking", "held hands on the walk", "", "", "",
]
NEGATIVE_NOTES = ["snapped about the dishes", "eye-roll", "went silent during dinner", "'you always...'", "", ""]
HAPPENED = [
    "Long day at work, the release slipped again.", "Saw Mum; she seems tired.", "Gym in the morning, felt great.",
    "Quiet day. Read a lot.", "Argued with the landlord about the boiler.", "Team lunch, actually fun.",
    "Bad sleep, foggy all day.", "Finished the chapter I was stuck on!",
]
ON_MIND = ["Money for the trip.", "Whether to apply for the new role.", "My sister's wedding speech.", "", "Nothing much."]
WOULD_HELP = ["A quiet evening together.", "A walk after dinner.", "Just a hug.", "Help with the shopping list.", ""]
TAGS_POS = ["appreciation", "turning toward", "affection", "humour", "", ""]
TAGS_NEG = ["criticism", "defensiveness", "stonewalling", "", ""]
REPAIR_KEYS = ["i_feel", "sorry", "get_to_yes", "calm_down", "stop_action", "appreciate"]


def generate(
    root: Path,
    names: tuple[str, str] = ("Sam", "Alex"),
    days: int = 90,
    per_day: int = 20,
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
        # a rough patch now and then: more negatives on those days
        rough = rng.random() < 0.12
        count = max(1, int(rng.gauss(per_day, per_day / 4)))
        stamps = sorted(rng.randrange(7 * 3600, 23 * 3600) for _ in range(count))
        if offset == 0:  # today: only what has happened so far
            now = store.now()
            stamps = [s for s in stamps if s < now.hour * 3600 + now.minute * 60] or stamps[:2]
        conflict = None  # most rough days (not today) have an evening conflict: (uid, start, end) seconds
        if rough and offset > 0 and extra.random() < 0.7:
            start = extra.randrange(17 * 3600, 20 * 3600)
            end = start + extra.randrange(90, 180) * 60
            began = datetime.combine(day, time(), tzinfo=tz) + timedelta(seconds=start)
            conflict = (new_uid(began), start, end)
            add(month_of(day), "conflicts", {"uid": conflict[0], "started": began.isoformat(),
                                             "ended": (began + timedelta(seconds=end - start)).isoformat()})
        for secs in stamps:
            at = datetime.combine(day, time(), tzinfo=tz) + timedelta(seconds=secs)
            positive = rng.random() > (0.25 if rough else 0.05)
            uid = new_uid(at)
            add(month_of(day), "interactions", {
                "uid": uid, "at": at.isoformat(), "by": rng.choice("ab"), "positive": positive,
                "note": rng.choice(POSITIVE_NOTES if positive else NEGATIVE_NOTES),
                "tag": rng.choice(TAGS_POS if positive else TAGS_NEG),
                "conflict": conflict[0] if conflict and conflict[1] <= secs < conflict[2] else None,
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
                mood = min(5, max(1, round(rng.gauss(3.6 - (0.8 if rough else 0), 0.9))))
                seen = {} if offset < 2 else {("b" if by == "a" else "a"): at.isoformat()}
                add(month_of(day), "daily", {
                    "uid": new_uid(at), "day": day.isoformat(), "by": by, "mood": mood,
                    "happened": rng.choice(HAPPENED), "on_mind": rng.choice(ON_MIND),
                    "would_help": rng.choice(WOULD_HELP), "created": at.isoformat(),
                    "updated": at.isoformat(), "seen_by": seen,
                })

    folder = store.folder
    with folder.writing():
        folder.ensure_months_dir()
        for month, tables in months.items():
            atomic_write(folder.month_path(month), encode(tables), folder.file_mode)
    from data.quiz_demo import add_quiz_demo  # its own random stream: the history above is unchanged

    add_quiz_demo(store, random.Random(seed + 2), days=days, today=today)
    return store
