"""Getting an encrypted folder's key on the command line (data/crypt.py holds the crypto):
--passphrase-file, then an `attune unlock` session, then a prompt on a terminal."""

from __future__ import annotations

import sys
from pathlib import Path

from data import crypt
from data.errors import InputError

RECOVERY_NOTE = """\
Your recovery key:

    {key}

Keep it apart from this computer: on paper, or in a password manager.
It unlocks attune if the passphrase is forgotten (type it at the
passphrase prompt, or `attune rekey` with it), and the standard age
tool opens any file with it:
    age -d -i FILE-HOLDING-THE-KEY months/2026-11.json
Lose both the passphrase and this key and the data is gone:
nobody can open it, attune neither."""


def read_secret_file(name: str) -> str:
    """A passphrase (or recovery key) from a file: its first line, without the line break."""
    try:
        with open(name, encoding="utf-8") as handle:
            text = handle.read(4096)
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the passphrase file {name}: {getattr(exc, 'strerror', None) or exc}") from None
    text = text.removeprefix("\ufeff")
    # A recovery key may be saved wrapped, or as an age identity file (with "# ..." lines).
    key_lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    if "".join(key_lines).replace(" ", "").upper().startswith(crypt.RECOVERY_PREFIX):
        return "".join(key_lines)
    secret = text.split("\n", 1)[0].rstrip("\r")
    if not secret:
        raise InputError(f"the passphrase file {name} is empty")
    return secret


def _ask(prompt: str) -> str:
    from getpass import getpass

    if not sys.stdin.isatty():
        raise InputError("the folder is encrypted and there is no terminal to ask on: "
                         "run `attune unlock` first, or give --passphrase-file FILE")
    try:
        return getpass(prompt)
    except EOFError:  # ctrl+d
        print(file=sys.stderr)
        raise InputError("no passphrase given; nothing was read or changed") from None
    except KeyboardInterrupt:
        print(file=sys.stderr)  # the shell's prompt on a line of its own
        raise


def key_for(root: Path, passphrase_file: str | None, ask: bool = True, session: bool = True) -> crypt.Cipher | None:
    """The folder's key; None when it is not encrypted, or is locked and `ask` is False."""
    if not crypt.has_key(root):
        return None
    if passphrase_file:
        return crypt.unlock(root, read_secret_file(passphrase_file))
    if session and (found := crypt.session_cipher(root)) is not None:
        return found
    if not ask:
        return None
    return crypt.unlock(root, _ask(f"passphrase for {root} (or the recovery key): "))


def recovery_for(root: Path, secret_file: str | None) -> crypt.Cipher:
    """The recovery key, asked for by name (key.age is gone, so no passphrase can work)."""
    secret = read_secret_file(secret_file) if secret_file else _ask("the recovery key (AGE-SECRET-KEY-1…): ")
    cipher = crypt.recovery_key(secret)
    if cipher is None:
        raise InputError("that is not a recovery key (it starts AGE-SECRET-KEY-1); nothing was changed")
    return crypt.unlock(root, cipher.secret)


def new_passphrase(passphrase_file: str | None) -> str:
    """A new passphrase: from the file, or typed twice."""
    if passphrase_file:
        return crypt.check_passphrase(read_secret_file(passphrase_file))
    first = crypt.check_passphrase(_ask("new passphrase (a few words; at least 8 characters): "))
    if _ask("the same passphrase again: ") != first:
        raise InputError("the two passphrases differ; nothing was changed")
    return first
