"""`attune share GROUP`: one data folder for two Unix accounts (e.g. two SSH logins)."""

from __future__ import annotations

import argparse
import sys
from shlex import quote

from data.paths import resolve_data_dir
from data.sharing import share_with_group
from tui.cli import shown


def cmd_share(args: argparse.Namespace, data_dir: str | None) -> int:
    root = resolve_data_dir(data_dir).resolve()  # the partner's account needs the whole path
    warnings = share_with_group(root, args.group)
    print(f"attune: {shown(root)} is now shared with group {shown(args.group)} (folder 2770, files 0660)")
    print(f"Both partners run: attune --data-dir {shown(quote(str(root)))}   (or set ATTUNE_DATA_DIR in ~/.profile)")
    print("Close attune sessions that were already open on it and start them again.")
    for warning in warnings:
        print(f"attune: warning: {shown(warning)}", file=sys.stderr)
    return 0
