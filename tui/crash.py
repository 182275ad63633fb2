"""What an unexpected failure leaves behind: one line on the terminal naming a crash report.

The report says where it happened (files, lines, functions, versions) and nothing else: no
error message and no variables, which could hold a note, an answer or a partner's name. It is
created 0600, never through a link, in the user's state folder ($XDG_STATE_HOME/attune/crashes).
"""

from __future__ import annotations

import os
import platform
import sys
import traceback
from pathlib import Path

from tui import __version__

ROOT = Path(__file__).resolve().parent.parent


def crash_dir() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(base) / "attune" / "crashes"


def _where(filename: str) -> str:
    path = Path(filename)
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except (ValueError, OSError):
        parts = path.parts
        return "/".join(parts[parts.index("site-packages") + 1:]) if "site-packages" in parts else path.name


def report_text(error: BaseException) -> str:
    lines = [f"attune {__version__} crash report", f"python {platform.python_version()} on {platform.system()}"]
    for name in ("textual", "tinydb", "rich"):
        module = sys.modules.get(name)
        if module is not None:
            lines.append(f"{name} {getattr(module, '__version__', '?')}")
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        lines.append(f"\n{type(error).__module__}.{type(error).__qualname__} (message left out: it may hold your text)")
        for frame in traceback.extract_tb(error.__traceback__):
            lines.append(f"  {_where(frame.filename)}:{frame.lineno} in {frame.name}")
        error = error.__cause__ or error.__context__
    return "\n".join(lines) + "\n"


def _make_private(folder: Path) -> None:
    """mkdir(parents=True) would make the missing parents ($XDG_STATE_HOME too) 0777 less the umask."""
    if folder.parent != folder and not folder.is_dir():
        _make_private(folder.parent)
        folder.mkdir(mode=0o700, exist_ok=True)


def write_report(error: BaseException, stamp: str) -> Path | None:
    """The report's path; None if it could not be written (the one line still says what failed)."""
    folder = crash_dir()
    try:
        _make_private(folder)
        path = folder / f"crash-{stamp}-{os.getpid()}.txt"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(report_text(error))
        return path
    except OSError:
        return None


def crash_line(error: BaseException) -> str:
    """One line for the terminal, after writing the report."""
    from data import clock

    path = write_report(error, f"{clock.now():%Y%m%d-%H%M%S}")
    where = traceback.extract_tb(error.__traceback__)
    at = f" at {_where(where[-1].filename)}:{where[-1].lineno}" if where else ""
    told = f"a report (no personal data) is in {path}" if path else "no report could be written"
    return f"attune stopped on an unexpected {type(error).__name__}{at}; what you saved is safe; {told}"
