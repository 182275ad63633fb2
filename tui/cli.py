"""`attune` on the command line. Sub-commands that need no screen never import Textual,
so `attune log` from a shell stays quick."""

from __future__ import annotations

import argparse
import re
import sys
from functools import partial
from typing import Sequence

from tui import __version__

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2

# Text from files or folder names reaches the shell: a control character shows as a visible symbol
# (ESC as ␛, newline as ␤: an error stays one line) instead of running in the terminal, a C1
# control or bidi control (which could turn the line around) as �, and bytes that are not UTF-8
# (from a folder name) as \x escapes instead of a crash.
_VISIBLE = {code: 0x2400 + code for code in range(0x20)} | {0x7F: 0x2421} | {c: 0xFFFD for c in range(0x80, 0xA0)}


def shown(text: str) -> str:
    from data.text import BIDI_CONTROLS  # here: `attune --version` loads no data layer

    text = re.sub(f"[{BIDI_CONTROLS}]", "\ufffd", str(text).translate(_VISIBLE))
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _say(message: str) -> None:
    print(f"attune: {shown(message)}", file=sys.stderr)


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (and exit code 2)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: {shown(message)} (see {self.prog} --help)\n")


def build_parser(commands: bool = True) -> Parser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir", metavar="PATH", default=argparse.SUPPRESS,
        help="data folder (default: $ATTUNE_DATA_DIR, else your user data folder)",
    )
    common.add_argument(
        "--passphrase-file", metavar="FILE", default=argparse.SUPPRESS,
        help="an encrypted folder's passphrase (or recovery key): the first line of FILE",
    )
    parser = Parser(prog="attune", description="Stay emotionally attuned, together.", parents=[common])
    parser.add_argument("--demo", action="store_true", help="open a throwaway folder filled with 90 days of sample data")
    parser.add_argument("--ascii", action="store_true", help="draw with ASCII only (also $ATTUNE_ASCII=1)")
    parser.add_argument("--version", action="version", version=f"attune {__version__}")
    if not commands:
        parser.set_defaults(command=None)
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    command = partial(sub.add_parser, parents=[common])  # each takes --data-dir after its name too

    init = command("init", help="set up a couple without the app")
    init.add_argument("names", nargs=2, metavar="NAME", help="the two partners' names")
    init.add_argument("--encrypt", action="store_true", help="encrypt the folder (asks for a passphrase)")

    log = command("log", help="log a positive (+) or negative (-) interaction",
                  usage="attune log [-h] [--data-dir PATH] [--passphrase-file FILE] --by NAME [--tag TAG] "
                        "{+,-} [NOTE ...]")  # one sign: argparse's own usage repeated it
    # One positional list: argparse (3.11) cannot put an optional NOTE after a sign split by --by.
    log.add_argument("words", nargs="+", metavar="{+,-} [NOTE]", help="+ or -, then what happened (optional)")
    log.add_argument("--by", required=True, metavar="NAME", help="who is logging it: a name, or its first word(s) if they name one of you")
    log.add_argument("--tag", default="", help="e.g. appreciation, humour, criticism, stonewalling")

    command("status", help="one line: today's ratio and who has caught up")

    export = command("export", help="write everything (json), a report (md) or tables (csv)")
    export.add_argument("--format", choices=["json", "md", "csv"], default="json")
    export.add_argument("--out", metavar="PATH", help="file (json, md) or folder (csv); default: in the current folder")
    export.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="md/csv: first day (default: 7 days ago)")
    export.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="md/csv: last day (default: today)")
    export.add_argument("--plaintext", action="store_true",
                        help="json from an encrypted folder: write it unencrypted (anyone with the file can read it)")

    imp = command("import", help="restore or merge a JSON export (never duplicates)")
    imp.add_argument("file", metavar="FILE", help="a file written by `attune export --format json`")

    serve = command("serve", help="use attune in a web browser (one app per tab)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    serve.add_argument("--token", help="secret the browser must give; needed for any host but 127.0.0.1 "
                       "(better: $ATTUNE_SERVE_TOKEN, which other accounts cannot see in `ps`)")

    command("encrypt", help="encrypt the folder with a passphrase (and a recovery key)")
    command("decrypt", help="turn an encrypted folder back into plain files")
    unlock = command("unlock", help="unlock an encrypted folder for a while (log, status: no passphrase)")
    unlock.add_argument("--hours", type=float, default=8.0, help="how long (default: 8)")
    command("lock", help="end `attune unlock` at once")
    command("recovery-key", help="show an encrypted folder's recovery key again (asks the passphrase)")
    rekey = command("rekey", help="change the passphrase (the data is not rewritten)")
    rekey.add_argument("--new-passphrase-file", metavar="FILE", help="the new passphrase: first line of FILE")

    share = command("share", help="let a Unix group (both partners' accounts) use the folder")
    share.add_argument("group", metavar="GROUP", help="a group both accounts are in")
    return parser


def only_app_options(argv: Sequence[str]) -> bool:
    """`attune` or `attune --data-dir PATH --ascii`: nothing that needs the sub-commands
    (building them shows in the bench's start-up row). Anything else gets the full parser."""
    i = 0
    while i < len(argv):
        if argv[i] in ("--demo", "--ascii") or argv[i].startswith(("--data-dir=", "--passphrase-file=")):
            i += 1
        elif argv[i] in ("--data-dir", "--passphrase-file") and i + 1 < len(argv):
            i += 2
        else:
            return False
    return True


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(commands=not only_app_options(argv))
    args, extra = parser.parse_known_args(argv)
    if extra and args.command == "log" and not any(w.startswith("--") for w in extra):
        args.words += extra  # the NOTE after `--by NAME`: argparse leaves it over
    elif extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    # Both are SUPPRESSed above, so that a sub-command's copy cannot reset one given before it.
    data_dir = getattr(args, "data_dir", None)
    args.passphrase_file = getattr(args, "passphrase_file", None)
    if data_dir is not None and not data_dir.strip():
        parser.error("--data-dir is empty: give a folder")
    from data.errors import CorruptFileError, DataError, InputError

    try:
        _check_text_args(args)
        if args.command is None:
            return run_app(data_dir, demo=args.demo, ascii_only=args.ascii,
                           passphrase_file=args.passphrase_file)
        from importlib import import_module

        commands = import_module("tui.serve" if args.command == "serve" else "tui.commands")
        return getattr(commands, f"cmd_{args.command.replace('-', '_')}")(args, data_dir)
    except InputError as exc:
        _say(str(exc))
        return EXIT_USAGE
    except CorruptFileError as exc:
        from data.backup import restore_hint

        _say(f"{exc}{restore_hint(exc)}")
        return EXIT_DATA
    except DataError as exc:
        _say(str(exc))
        return EXIT_DATA
    except OSError as exc:  # a fault the data layer did not foresee: still one line, no traceback
        _say(f"{exc.strerror or exc}{f' ({exc.filename})' if exc.filename else ''}")
        return EXIT_DATA
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: one line naming a report without personal data (tui/crash.py)
        from tui.crash import crash_line

        print(crash_line(exc), file=sys.stderr)
        return EXIT_DATA


TEXT_ARGS = ("names", "words", "by", "tag")  # text that gets stored (paths may hold any bytes)


def _check_text_args(args) -> None:
    """Bytes that are not UTF-8 reach Python as lone surrogates, which no file can store: refuse
    them here, in one line, before anything is written."""
    from data.errors import InputError

    for name in TEXT_ARGS:
        value = getattr(args, name, None)
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str):
                try:
                    text.encode("utf-8")
                except UnicodeEncodeError:
                    escaped = text.encode("utf-8", "backslashreplace").decode("ascii", "backslashreplace")
                    raise InputError(f"{escaped!r} is not valid UTF-8 text: check your terminal's encoding") from None


def run_app(data_dir: str | None, demo: bool = False, ascii_only: bool = False,
            passphrase_file: str | None = None) -> int:
    import os

    ascii_only = ascii_only or os.environ.get("ATTUNE_ASCII", "") not in ("", "0")
    if demo:
        import tempfile

        from data.demo import generate

        with tempfile.TemporaryDirectory(prefix="attune-demo-", ignore_cleanup_errors=True) as demo_dir:
            return _run_app(generate(os.path.join(demo_dir, "data")), ascii_only)
    from data import CorruptFileError, Store
    from data.folder import KEY_FILE
    from data.paths import resolve_data_dir

    root = resolve_data_dir(data_dir)
    cipher = None
    if os.path.lexists(root / KEY_FILE):  # encrypted: opened by --passphrase-file, `attune unlock`, or later
        from tui.unlocking import key_for

        cipher = key_for(root, passphrase_file, ask=False)
        if cipher is None:  # the App's first screen asks for the passphrase (tui/app.py)
            return _run_app(None, ascii_only, locked=root)
    try:
        store = Store.open(root, cipher=cipher)
    except CorruptFileError as exc:  # the App's first screen offers the file's backup
        return _run_app(None, ascii_only, damaged=exc, cipher=cipher)
    return _run_app(store, ascii_only, cipher=cipher)


def _run_app(store, ascii_only: bool, **first_screen) -> int:
    from tui.app import AttuneApp

    app = AttuneApp(store, ascii_only=ascii_only, **first_screen)
    app.run()
    if app.exit_line:
        print(shown(app.exit_line), file=sys.stderr)
    return app.return_code or EXIT_OK
