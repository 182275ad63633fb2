"""The shell sub-commands: plain text out, no Textual."""

from __future__ import annotations

import argparse

from data import InputError, Store
from data.interactions import ratio


def _open(data_dir: str | None, create: bool = False) -> Store:
    return Store.open(data_dir, create=create)


def today_line(store: Store) -> str:
    r = ratio(store.interactions.today())
    target = store.settings().everyday_target
    return f"today {r.positive}+ {r.negative}- ({r.label()}, aim {target:g}:1)"


def cmd_init(args: argparse.Namespace, data_dir: str | None) -> int:
    store = _open(data_dir, create=True)
    a, b = store.setup_couple(*args.names)
    print(f"attune: set up {a.name} & {b.name} in {store.root}")
    return 0


def cmd_log(args: argparse.Namespace, data_dir: str | None) -> int:
    sign, note = args.words[0], " ".join(args.words[1:])
    if sign not in ("+", "-"):
        raise InputError(f"log takes + or - first, not {sign!r}: e.g. attune log + --by NAME 'made coffee'")
    store = _open(data_dir)
    who = store.partner_by_name(args.by)
    item = store.interactions.log(who.id, sign == "+", note, args.tag)
    print(f"logged {item.sign} by {who.name} · {today_line(store)}")
    return 0


def cmd_status(args: argparse.Namespace, data_dir: str | None) -> int:
    store = _open(data_dir)
    if not store.is_set_up:
        print("attune: not set up yet (run `attune` or `attune init NAME1 NAME2`)")
        return 0
    parts = [today_line(store)]
    for p in store.partners():
        unread = store.daily.unseen_count(p.id)
        parts.append(f"{p.name} caught up" if unread == 0 else f"{p.name} has {unread} to read")
    print(" · ".join(parts))
    return 0
