"""Where the data folder lives."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "ATTUNE_DATA_DIR"


def default_data_dir() -> Path:
    # platformdirs is imported here only: most CLI calls pass a folder or the env var.
    from platformdirs import user_data_dir

    return Path(user_data_dir("attune", appauthor=False))


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """`--data-dir` wins, then $ATTUNE_DATA_DIR, then the platform's user data folder."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    return default_data_dir()
