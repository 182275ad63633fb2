"""Exports started from the app's command palette: a full JSON backup, or last week's
Markdown report. Written into the folder attune was started from (or the home folder when
that cannot be written), under a new name: an existing file is never overwritten."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from data.errors import DataError, InputError, StorageError
from data.storage import why

if TYPE_CHECKING:
    from data.store import Store

KINDS = {"json": "everything (JSON)", "md": "last week's report (Markdown)"}


def export_folder(preferred: Path | None = None) -> Path:
    """Where exports go: `preferred` if given, else the current folder if writable, else home."""
    if preferred is not None:
        return Path(preferred)
    here = Path.cwd()
    return here if os.access(here, os.W_OK | os.X_OK) else Path.home()


def reserve(folder: Path, stem: str, suffix: str) -> Path:
    """Create an empty file with a name nobody uses yet (stem.json, stem-2.json, ...) and return it.
    Creating it exclusively means two exports at once can never pick the same name."""
    for n in range(1, 1000):
        path = folder / f"{stem}{'' if n == 1 else f'-{n}'}{suffix}"
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        except OSError as exc:
            raise StorageError(f"cannot write in {folder}: {why(exc)}") from None
        os.close(fd)
        return path
    raise InputError(f"{folder} already holds 999 exports named {stem}: move some away")


PLAIN_WARNING = ("This file is plain text, not encrypted like your folder: "
                 "anyone who can read the file can read it; delete it when you are done")


def export(store: "Store", kind: str, folder: Path) -> tuple[Path, str]:
    """Write one export; its path, and what it left out in words. On failure nothing is left behind."""
    from data import exchange, report

    first, today = report.date_range(store, None, None)  # the last 7 days, as the CLI's default
    if kind not in KINDS:
        raise InputError(f"unknown export {kind!r}")
    exchange.outside_folder(store, folder)
    stem = f"attune-export-{today:%Y-%m-%d}" if kind == "json" else f"attune-report-{first}-to-{today}"
    path = reserve(folder, stem, f".{kind}")
    try:
        if kind == "json":
            return exchange.export_json_saying(store, path)
        return report.write_markdown(store, path, first, today), ""
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def export_from_app(app, kind: str) -> None:
    """Run the export in a thread (ten years of data take a moment) and say where it went."""
    folder = export_folder(getattr(app, "export_dir", None))

    def work() -> None:
        try:
            path, left_out = export(app.store, kind, folder)
        except (DataError, InputError) as exc:
            app.call_from_thread(app.notify, str(exc), title="Export failed", severity="error", timeout=10)
            return
        said = f"Saved to {path}" + (f". {left_out[0].upper()}{left_out[1:]}." if left_out else "")
        if app.store.is_encrypted:
            said += (". Encrypted like the folder: it opens only with your passphrase or recovery key"
                     if kind == "json" else f". {PLAIN_WARNING}")
        app.call_from_thread(app.notify, said, title=f"Exported {KINDS[kind]}", timeout=15)

    app.run_worker(work, thread=True, group="export", name=f"export-{kind}")
