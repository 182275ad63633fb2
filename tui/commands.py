"""The shell sub-commands: plain text out, no Textual. `attune share GROUP` makes one data folder
for two Unix accounts (e.g. two SSH logins). Never imported when the app starts (tui/cli.py)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from shlex import quote

from data import InputError, Store, crypt
from data.folder import CONVERTING, Folder
from data.paths import resolve_data_dir
from data.models import CONFLICT, EVERYDAY, short
from data.sharing import share_with_group
from data.text import plural
from tui.cli import shown
from tui.unlocking import RECOVERY_NOTE, key_for, new_passphrase, recovery_for


def _open(args: argparse.Namespace, data_dir: str | None, create: bool = False) -> Store:
    root = resolve_data_dir(data_dir)
    cipher = key_for(root, args.passphrase_file)
    store = Store.open(root, create=create, cipher=cipher)
    for warning in store.folder.warnings:
        print(f"attune: warning: {shown(warning)}", file=sys.stderr)
    return store


def today_line(store: Store) -> str:
    """Today's everyday ratio, as the gauge shows it; moments logged during a conflict
    count apart, against the conflict aim."""
    settings, recent = store.settings(), store.interactions.recent(1)
    r, c = recent.ratio(1, EVERYDAY), recent.ratio(1, CONFLICT)
    line = f"today {r.positive}+ {r.negative}- ({short(r)}, aim {settings.everyday_target:g}:1)"
    if c.positive or c.negative:
        line += f", in conflict {c.positive}+ {c.negative}- ({short(c)}, aim {settings.conflict_target:g}:1)"
    return line


def cmd_init(args: argparse.Namespace, data_dir: str | None) -> int:
    store = _open(args, data_dir, create=True)
    cipher = None
    if args.encrypt:
        if store.is_set_up:
            raise InputError(f"{store.root} already holds a couple; use another --data-dir")
        store.check_couple(*args.names)  # before the passphrase: a typo in a name asks nothing
        cipher = store.folder.cipher  # already encrypted (an init killed after key.age): keep its key
        if cipher is None:
            cipher = store.encrypt(new_passphrase(args.passphrase_file))
    a, b = store.setup_couple(*args.names)
    print(f"attune: set up {shown(a.name)} & {shown(b.name)} in {shown(str(store.root))}"
          + (", encrypted" if cipher else ""))
    if cipher:
        _recovery(cipher)
    return 0


def _recovery(cipher) -> None:
    print(RECOVERY_NOTE.format(key=cipher.secret))


def cmd_encrypt(args: argparse.Namespace, data_dir: str | None) -> int:
    root = resolve_data_dir(data_dir)
    if crypt.has_key(root) and not os.path.lexists(root / CONVERTING):
        raise InputError(f"{root} is already encrypted (`attune rekey` changes the passphrase; "
                         "`attune recovery-key` shows the recovery key)")
    if not crypt.has_key(root) and crypt.looks_encrypted(root):
        raise InputError(f"files in {root} are already encrypted but its key.age is missing: "
                         "`attune rekey` with the recovery key makes a new one; nothing was changed")
    store = Store.open(root, create=False, cipher=key_for(root, args.passphrase_file))
    if store.folder.cipher is not None:  # a run killed after key.age: Store.open has finished it
        print(f"attune: finished encrypting {shown(root)} (an earlier run was interrupted)")
        _recovery(store.folder.cipher)  # that run may have died before showing it
        return 0
    passphrase = new_passphrase(args.passphrase_file)
    cipher = crypt.Cipher.generate()
    _recovery(cipher)  # first: were this run killed after the files, it would still have been shown
    count = crypt.convert(store.folder, cipher, True, passphrase)
    print(f"attune: encrypted {shown(root)}: {count} files, backups included")
    print("Plain copies made before now (an old export, a synced or backed-up copy of the folder) are not "
          "encrypted by this: delete them. Start open attune sessions again.")
    return 0


def cmd_decrypt(args: argparse.Namespace, data_dir: str | None) -> int:
    store = _open(args, data_dir)
    if not store.is_encrypted:
        raise InputError(f"{store.root} is not encrypted")
    count = crypt.convert(store.folder, store.folder.cipher, False)
    crypt.end_session(store.root)
    print(f"attune: decrypted {shown(store.root)}: {count} files are plain text again, backups included")
    return 0


def cmd_unlock(args: argparse.Namespace, data_dir: str | None) -> int:
    root = resolve_data_dir(data_dir)
    if not crypt.has_key(root):
        raise InputError(f"{root} is not encrypted: there is nothing to unlock")
    if not 0 < args.hours <= 24 * 7:
        raise InputError("--hours must be more than 0 and at most a week (168)")
    crypt.session_path(root)  # no $XDG_RUNTIME_DIR: say so before asking for the passphrase
    cipher = key_for(root, args.passphrase_file, session=False)
    until = crypt.start_session(root, cipher, args.hours)
    print(f"attune: unlocked {shown(root)} until {until:%Y-%m-%d %H:%M} for this login "
          f"(`attune lock` ends it now); the key is kept in {shown(crypt.session_path(root).parent)}")
    return 0


def cmd_lock(args: argparse.Namespace, data_dir: str | None) -> int:
    root = resolve_data_dir(data_dir)
    ended = crypt.end_session(root)
    print(f"attune: locked {shown(root)}" if ended else f"attune: {shown(root)} was not unlocked")
    return 0


def cmd_rekey(args: argparse.Namespace, data_dir: str | None) -> int:
    root = resolve_data_dir(data_dir)
    if crypt.has_key(root):
        cipher = key_for(root, args.passphrase_file, session=False)
    elif crypt.looks_encrypted(root):  # key.age is gone: the recovery key makes a new one
        cipher = recovery_for(root, args.passphrase_file)
    else:
        raise InputError(f"{root} is not encrypted (`attune encrypt` does that)")
    passphrase = new_passphrase(args.new_passphrase_file)
    folder = Folder.open(root, create=False)
    crypt.rekey(folder, cipher, passphrase)
    Store.open(root, create=False, cipher=cipher)  # it opens with the new key file
    print(f"attune: new passphrase set for {shown(root)}; the recovery key and the data are unchanged")
    return 0


def cmd_recovery_key(args: argparse.Namespace, data_dir: str | None) -> int:
    root = resolve_data_dir(data_dir)
    if not crypt.has_key(root):
        raise InputError(f"{root} is not encrypted: it has no recovery key")
    _recovery(key_for(root, args.passphrase_file, session=False))
    return 0


def cmd_log(args: argparse.Namespace, data_dir: str | None) -> int:
    sign, note = args.words[0], " ".join(args.words[1:])
    if sign not in ("+", "-"):
        raise InputError(f"log takes + or - first, not {sign!r}: e.g. attune log + --by NAME 'made coffee'")
    store = _open(args, data_dir)
    who = store.partner_by_name(args.by)
    item = store.interactions.log(who.id, sign == "+", note, args.tag)
    print(f"logged {item.sign} by {shown(who.name)} · {today_line(store)}")
    return 0


def cmd_status(args: argparse.Namespace, data_dir: str | None) -> int:
    store = _open(args, data_dir)
    if not store.is_set_up:
        print("attune: not set up yet (run `attune` or `attune init NAME1 NAME2`)")
        return 0
    parts = [today_line(store)]
    for p in store.partners():
        unread = store.daily.unseen_count(p.id)
        name = shown(p.name)
        parts.append(f"{name} has nothing new to read" if unread == 0 else f"{name} has {unread} to read")
    print(" · ".join(parts))
    return 0


def _new_file(store: Store, out: str | None, stem: str, suffix: str) -> Path:
    """--out, which must not exist yet (exports never overwrite), or else the next free name
    stem.suffix, stem-2.suffix ... in the current folder, as the app's own export does."""
    from data.exchange import outside_folder
    from tui.export import reserve

    if out:
        return _fresh(Path(outside_folder(store, out)))
    return reserve(outside_folder(store, Path.cwd()), stem, suffix)


def _fresh(path: Path) -> Path:
    if path.exists() or path.is_symlink():
        raise InputError(f"{path} already exists: pass another --out, or move it away first")
    return path


def cmd_export(args: argparse.Namespace, data_dir: str | None) -> int:
    from data import exchange

    store = _open(args, data_dir)
    if not store.is_set_up:
        raise InputError(f"no couple set up in {store.root}: nothing to export")
    if args.out and (args.out.endswith(os.sep) or Path(args.out).is_dir()) and args.format != "csv":
        raise InputError(f"--out {args.out} is a folder: give the file to write, "
                         f"e.g. {Path(args.out) / ('attune.' + args.format)}")
    if args.format == "json":
        if args.start or args.end:
            raise InputError("--from and --to choose the days of a md or csv report; a json export holds everything")
        path = _new_file(store, args.out, f"attune-export-{store.now():%Y-%m-%d}", ".json")
        path, left_out = exchange.export_json_saying(store, path, args.plaintext)
        print(f"attune: exported to {shown(path)}; {left_out}" if left_out else f"attune: exported everything to {shown(path)}")
        if store.is_encrypted:
            print("attune: " + ("warning: it is NOT encrypted (--plaintext): anyone who can read the file can read it"
                                if args.plaintext else "it is encrypted like the folder: `attune import` it into this "
                                "folder, or open it with `age -d -i RECOVERY-KEY-FILE`"), file=sys.stderr)
        return 0
    from data import report

    start, end = report.date_range(store, args.start, args.end)
    if args.format == "md":
        path = _new_file(store, args.out, f"attune-report-{start}-to-{end}", ".md")
        path = report.write_markdown(store, path, start, end)
    else:
        folder = Path(exchange.outside_folder(store, args.out or f"attune-csv-{start}-to-{end}"))
        for name in ("interactions.csv", "daily.csv"):
            _fresh(folder / name)
        path = report.write_csv(store, folder, start, end)
    print(f"attune: wrote {shown(Path(path).absolute())}")  # as the json and md exports name theirs
    if store.is_encrypted:
        from tui.export import PLAIN_WARNING

        print(f"attune: warning: {PLAIN_WARNING[0].lower()}{PLAIN_WARNING[1:]}", file=sys.stderr)
    return 0


def cmd_import(args: argparse.Namespace, data_dir: str | None) -> int:
    from data import exchange

    if not resolve_data_dir(data_dir).exists():  # a refused file must not leave an empty folder behind
        exchange.load_export(Path(args.file))
    store = _open(args, data_dir, create=True)
    added = exchange.import_data(store, Path(args.file))
    name = shown(args.file)  # a file name may hold escape sequences: never run them in the shell
    print(f"attune: imported {name}: {plural(added, 'new record')}" if added else f"attune: {name} held nothing new")
    return 0


def cmd_share(args: argparse.Namespace, data_dir: str | None) -> int:
    root = resolve_data_dir(data_dir).resolve()  # the partner's account needs the whole path
    warnings = share_with_group(root, args.group)
    print(f"attune: {shown(root)} is now shared with group {shown(args.group)} (folder 2770, files 0660)")
    print(f"Both partners run: attune --data-dir {shown(quote(str(root)))}   (or set ATTUNE_DATA_DIR in ~/.profile)")
    print("Close attune sessions that were already open on it and start them again.")
    for warning in warnings:
        print(f"attune: warning: {shown(warning)}", file=sys.stderr)
    return 0
