"""`attune serve`: the app in a web browser, through textual-serve. Each browser tab runs its own
`attune` process on the same data folder, like two terminals. textual-serve has no login, so
tui/webserver.py decides who may connect: 127.0.0.1, or any address with a token."""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import sys
import tempfile
from pathlib import Path

from data import CorruptFileError, InputError, Store
from data.crypt import has_key
from data.folder import Folder
from data.paths import resolve_data_dir
from tui.cli import shown
from tui.net import is_loopback

TOKEN_ENV = "ATTUNE_SERVE_TOKEN"
MIN_TOKEN_LENGTH = 12
MAKE_TOKEN = "python3 -c 'import secrets; print(secrets.token_urlsafe())'"


def check_access(host: str, token: str | None) -> None:
    """Refuse, in one line, to put a couple's data on the network without a token."""
    if not is_loopback(host) and not token:
        raise InputError(
            f"refusing to serve on {host} without a token: anyone who can reach it could read your data. "
            f"Set {TOKEN_ENV} to a long secret (e.g. from: {MAKE_TOKEN}), "
            "or serve on 127.0.0.1 and reach it through `ssh -L` (see README)"
        )
    if token is not None and len(token) < MIN_TOKEN_LENGTH:
        raise InputError(f"the token is too short: use at least {MIN_TOKEN_LENGTH} characters, e.g. from: {MAKE_TOKEN}")


HERE = str(Path(__file__).resolve().parent.parent)  # the folder holding tui/ and data/
# -P and attune's folder last on the path: a `tui` or `data` package in the folder the server was
# started from is never run in its place.
STARTER = "import sys; sys.path.append(sys.argv.pop(1)); from tui.cli import main; sys.exit(main())"


def app_command(root: Path, ascii_only: bool = False) -> str:
    """The shell command textual-serve runs for each browser tab: this Python, this folder."""
    words = [sys.executable, "-P", "-c", STARTER, HERE, "--data-dir", str(root)]
    if ascii_only:
        words.append("--ascii")
    return shlex.join(words)


def cmd_serve(args: argparse.Namespace, data_dir: str | None) -> int:
    # Taken out of the environment (even when --token is given) so the app processes never see it.
    env_token = os.environ.pop(TOKEN_ENV, "")
    token = args.token or env_token or None
    check_access(args.host, token)
    if not 0 < args.port < 65536:
        raise InputError(f"--port must be between 1 and 65535, not {args.port}")
    try:
        from tui.webserver import AttuneServer
    except ImportError:
        print("attune: serving needs textual-serve: pip install 'attunement[serve]'", file=sys.stderr)
        return 1
    demo_dir = None
    try:
        if args.demo:
            from data.demo import generate

            demo_dir = tempfile.mkdtemp(prefix="attune-demo-")
            root = generate(Path(demo_dir) / "data").root
        else:
            root = resolve_data_dir(data_dir)
            if has_key(root):  # encrypted: each browser tab asks for the passphrase (its first frame)
                Folder.open(root, create=False)
            else:
                try:  # a bad folder fails here, not in every browser tab
                    root = Store.open(root).root
                except CorruptFileError:
                    pass  # a damaged file: each tab offers its backup, as `attune` does
        root = root.resolve()
        command = app_command(root, args.ascii or os.environ.get("ATTUNE_ASCII", "") not in ("", "0"))
        server = AttuneServer(command, host=args.host, port=args.port, token=token, data_root=root)
        try:
            server.serve()
        except OSError as exc:
            print(f"attune: cannot listen on {shown(args.host)}:{args.port}: {shown(exc.strerror or exc)}", file=sys.stderr)
            return 1
    finally:
        if demo_dir:
            shutil.rmtree(demo_dir, ignore_errors=True)
    return 0
