"""One data folder for two Unix accounts, through a group both are in.

The folder gets the group and mode 2770: group members may read and write, and the setgid bit
makes every file created inside belong to the group, whoever creates it. Folder sees the group
write bit and gives new files 0660 (and folders 2770) whatever either partner's umask is.
"""

from __future__ import annotations

import grp
import os
import stat
from pathlib import Path

from data.errors import InputError, StorageError
from data.folder import LOCK_FILE, Folder
from data.storage import why

DIR_MODE = 0o2770
FILE_MODE = 0o660


def group_id(group: str) -> int:
    try:
        return grp.getgrnam(group).gr_gid
    except KeyError:
        if group.isdigit():
            if int(group) >= 2**32 - 1:  # 4294967295 is chown's "leave it as it is"
                raise InputError(f"{group[:20]} is not a group number: `getent group` lists them") from None
            return int(group)  # a number: the membership check below still applies
        raise InputError(f"no group called {group!r}: an admin can make one with `groupadd {group}`") from None


def share_with_group(root: Path, group: str) -> list[str]:
    """Open the folder (made if missing) to `group`; returns warnings worth telling the user."""
    gid = group_id(group)
    if os.geteuid() != 0 and gid not in os.getgroups() and gid != os.getegid():
        raise InputError(
            f"you are not in group {group}: an admin can add you with `usermod -aG {group} $USER` "
            "(then log in again)"
        )
    folder = Folder.open(root)
    with folder.lock():  # no write of ours is half-done while modes change
        _set(folder.root, gid, DIR_MODE)
        (folder.root / LOCK_FILE).touch()
        for dirpath, dirnames, filenames in os.walk(folder.root):
            for name in dirnames:
                _set(Path(dirpath) / name, gid, DIR_MODE)
            for name in filenames:
                _set(Path(dirpath) / name, gid, FILE_MODE)
    return reachability_warnings(folder.root, gid)


def _set(path: Path, gid: int, mode: int) -> None:
    if path.is_symlink():
        return  # never follow a link out of the folder
    try:
        os.chown(path, -1, gid)
        os.chmod(path, mode)
    except OSError as exc:
        raise StorageError(f"cannot share {path}: {why(exc)} (only its owner or root can change it)") from None


def reachability_warnings(root: Path, gid: int) -> list[str]:
    """Folders above `root` the partner's account cannot pass through (e.g. a 0700 home)."""
    warnings = []
    for parent in root.resolve().parents:
        st = parent.stat()
        passable = st.st_mode & stat.S_IXOTH or (st.st_gid == gid and st.st_mode & stat.S_IXGRP)
        if not passable:
            warnings.append(
                f"{parent} is closed to other accounts (mode {stat.filemode(st.st_mode)}): "
                f"the partner cannot reach the folder; use a folder such as /srv/attune, or `chmod o+x {parent}`"
            )
    return warnings
