"""The gauge's counts come from a tally kept between repaints (and extended by each log):
they must equal counting the interactions one by one, on a fresh read and on the kept one."""

from __future__ import annotations

import random
from datetime import timedelta

from data import Store
from data.models import CONFLICT, EVERYDAY, count


def test_kept_counts_equal_counting_every_item(store, clock, data_dir):
    rnd = random.Random(7)
    inter = store.interactions
    clock.now -= timedelta(days=40)  # across a month boundary and out of the 30 days
    for n in range(400):
        clock.advance(minutes=rnd.randint(30, 400))
        if n % 60 == 20:
            inter.start_conflict()
        if n % 60 == 35:
            inter.end_conflict()
        inter.log(rnd.choice("ab"), rnd.random() < 0.8)
    inter.recent(30)
    for n in range(40):  # keypresses on one day, each repainted: the kept tally is extended
        clock.advance(seconds=20)
        inter.log(rnd.choice("ab"), rnd.random() < 0.7)
        if n == 25:
            inter.start_conflict()
        inter.recent(30)
    kept = inter.recent(30)
    fresh = Store.open(data_dir, clock=clock).interactions.recent(30)
    assert kept.counts == fresh.counts and kept.counts is not None
    for days in (1, 7, 30):
        for context in (None, EVERYDAY, CONFLICT):
            for by in (None, "a", "b"):
                assert kept.ratio(days, context, by) == count(kept.since(days, context, by))  # one by one
            split = kept.by_partner(days, context)
            assert split == {pid: count(kept.since(days, context, pid)) for pid in ("a", "b")}
            one_by_one = {}
            for item in kept.since(days, context):
                one_by_one.setdefault(item.at.date(), []).append(item)
            assert kept.daily(days, context) == [(day, count(one_by_one.get(day, []))) for day, _r in kept.daily(days, context)]
    assert sum(kept.counts.values()) == len(kept.items) > 50
