"""Encryption at rest, with age (https://age-encryption.org, through pyrage): nothing home-made.

    key.age       the couple's age identity ("AGE-SECRET-KEY-1..."), itself encrypted with age's
                  passphrase mode (scrypt, memory-hard): stretched once per unlock, never per file
    every other   an age file encrypted to that identity's public key (same names as before)
    data file
    .converting   while `attune encrypt`/`decrypt` runs; after a kill -9 the next open encrypts the
                  folder whole (see `finish`: only `attune decrypt` ever decrypts)

The identity is the data key and also the recovery key shown once at setup: `age -d -i KEYFILE
months/2026-11.json` opens a month with the standard tool. `age -d key.age` (with the passphrase)
prints it too. A file's own header says whether it is encrypted, so a folder half way through a
conversion (a kill -9) reads as it is; the lock file and the change stamp hold no data.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from data import clock
from data.errors import CorruptFileError, DataError, InputError, LockedError
from data.folder import CONVERTING, KEY_FILE, MAIN_FILE
from data.storage import AGE_HEADER, atomic_write, fsync_dir, is_encrypted, read_raw, why

if TYPE_CHECKING:
    from data.folder import Folder

RECOVERY_PREFIX = "AGE-SECRET-KEY-1"
SESSION_HOURS = 8.0  # `attune unlock` lasts a working day unless told otherwise


def looks_encrypted(root: Path) -> bool:
    """Some data file is an age file (when key.age has gone missing, say)."""
    from data.folder import Folder

    for path in [Path(root) / MAIN_FILE, *Folder(Path(root)).all_data_files()]:
        try:
            if is_encrypted(read_raw(path) or b""):
                return True
        except DataError:
            continue
    return False


def has_key(root: Path) -> bool:
    return os.path.lexists(Path(root) / KEY_FILE)


class Cipher:
    """The unwrapped identity: encrypts to its own public key, decrypts with itself."""

    def __init__(self, secret: str) -> None:
        import pyrage

        try:
            self._identity = pyrage.x25519.Identity.from_str(secret)
        except Exception:
            raise InputError("that is not an attune recovery key (it starts AGE-SECRET-KEY-1)") from None
        self.secret = secret  # "AGE-SECRET-KEY-1...": the recovery key
        self._recipient = self._identity.to_public()

    @classmethod
    def generate(cls) -> "Cipher":
        import pyrage

        return cls(str(pyrage.x25519.Identity.generate()))

    def encrypt(self, data: bytes) -> bytes:
        import pyrage

        return pyrage.encrypt(data, [self._recipient])

    def decrypt(self, data: bytes, path: Path) -> bytes:
        import pyrage

        try:
            return pyrage.decrypt(data, [self._identity])
        except pyrage.DecryptError as exc:
            # Another key and a damaged header look the same: either way not this couple's file.
            detail = ("it does not open with this folder's key: damaged, or encrypted by something else"
                      if "no matching keys" in str(exc).lower() else
                      f"its encrypted content is damaged ({str(exc).splitlines()[0].rstrip('.')})")
            raise CorruptFileError(path, detail) from None


# -- the key file ----------------------------------------------------------------------------
def _wrap(cipher: Cipher, passphrase: str) -> bytes:
    import pyrage

    text = f"# attune's data key: open with `age -d key.age`, then `age -d -i KEY FILE`\n{cipher.secret}\n"
    return pyrage.passphrase.encrypt(text.encode(), passphrase)


def check_passphrase(passphrase: str) -> str:
    import unicodedata

    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in passphrase):
        raise InputError("the passphrase holds control characters (a binary file?): use words you can type")
    if len(passphrase) < 8:
        raise InputError("the passphrase is shorter than 8 characters: use a few words")
    if passphrase != passphrase.strip():
        raise InputError("the passphrase starts or ends with a space: type it without")
    return passphrase


def unlock(root: Path, secret: str) -> Cipher:
    """The folder's key, from its passphrase (a second or so: scrypt) or its recovery key.
    A wrong one is one line and writes nothing."""
    secret = secret.removeprefix("\ufeff").strip("\r\n")
    if (cipher := recovery_key(secret)) is not None:
        _check_fits(Path(root), cipher)
        return cipher
    import pyrage

    path = Path(root) / KEY_FILE
    raw = read_raw(path)
    if raw is None:
        raise DataError(f"{root} is not encrypted: there is no {KEY_FILE}")
    damaged = f"{path} is damaged: unlock with the recovery key instead (and `attune rekey` with it makes a new one)"
    if not raw.startswith(AGE_HEADER + b"-> scrypt "):
        raise LockedError(damaged)
    try:
        text = pyrage.passphrase.decrypt(raw, secret).decode()
    except Exception as exc:
        # "Decryption failed" is the header's MAC: a wrong passphrase (or a flipped bit there).
        if isinstance(exc, pyrage.DecryptError) and str(exc) == "Decryption failed":
            raise LockedError("wrong passphrase; nothing was read or changed") from None
        raise LockedError(damaged) from None
    lines = [line for line in text.splitlines() if line.startswith(RECOVERY_PREFIX)]
    if not lines:
        raise LockedError(f"{path} holds no key: unlock with the recovery key instead")
    return Cipher(lines[0])


def unlock_apart(root: Path, secret: str) -> Cipher:
    """`unlock` in a child process, for the app: pyrage holds the GIL through scrypt (a second or
    so), which would freeze the screen. The passphrase goes over a pipe; the key or the one line
    saying why not comes back."""
    import subprocess
    import sys

    # -P and attune's own folder last on the path: a `data` package in the current folder is
    # never the one that gets the passphrase.
    here = str(Path(__file__).resolve().parent.parent)
    starter = "import sys; sys.path.append(sys.argv[1]); from data.crypt import _unlock_child; _unlock_child()"
    child = None
    try:
        child = subprocess.run([sys.executable, "-P", "-c", starter, here], input=json.dumps([str(root), secret]).encode(),
                               capture_output=True, check=False, timeout=600)
        answer, text = json.loads(child.stdout)
    except (OSError, ValueError, subprocess.SubprocessError) as exc:  # no Python, no fork, a crash
        said = child.stderr.decode(errors="replace").strip().splitlines() if child else []
        why = (said or [str(exc)])[-1][:200]
        raise LockedError(f"the unlock stopped ({why}); nothing was read or changed") from None
    if answer == "key":
        return Cipher(text)
    raise LockedError(text)


def _unlock_child() -> None:
    """unlock_apart's child: the folder and passphrase in on stdin, the key or why not out on stdout
    (as JSON: a folder name that is not UTF-8 travels too)."""
    import sys

    root, secret = json.loads(sys.stdin.buffer.read())
    try:
        answer = ["key", unlock(Path(root), secret).secret]
    except (DataError, InputError) as exc:
        answer = ["no", str(exc)]
    sys.stdout.buffer.write(json.dumps(answer).encode())


def recovery_key(secret: str) -> Cipher | None:
    """The recovery key as typed or pasted: spaces and line breaks (a wrapped line) and lower case
    are forgiven. None if it does not look like one."""
    compact = "".join(secret.split()).upper()
    if not compact.startswith(RECOVERY_PREFIX):
        return None
    if len(compact) != len(RECOVERY_PREFIX) + 58:
        raise InputError(f"that recovery key has {len(compact)} characters, not {len(RECOVERY_PREFIX) + 58}: "
                         "part of it is missing or doubled (a line break in the paste?)")
    return Cipher(compact)


def _check_fits(root: Path, cipher: Cipher, must: bool = False) -> None:
    """Another folder's key must not be taken for this one's (it would fail later, mid-way): try
    it on the first encrypted data file. `must`: with none to try it on, it is not trusted either."""
    from data.folder import Folder

    for path in [root / MAIN_FILE, *Folder(root).data_files()]:
        raw = read_raw(path)
        if raw is not None and is_encrypted(raw):
            try:
                cipher.decrypt(raw, path)
                return
            except CorruptFileError:
                raise LockedError(f"that key does not open {path} (another folder's key, or the file is "
                                  "damaged); nothing was read or changed") from None
    if must:
        raise LockedError(f"no encrypted file in {root} to check the key against")


def rekey(folder: "Folder", cipher: Cipher, passphrase: str) -> None:
    """A new passphrase for the same key: only key.age changes, no data file is rewritten."""
    wrapped = _wrap(cipher, check_passphrase(passphrase))
    with folder.lock():
        atomic_write(folder.root / KEY_FILE, wrapped, folder.file_mode)


# -- a session: `attune unlock` -------------------------------------------------------------
def session_path(root: Path) -> Path:
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if not runtime or not os.path.isabs(runtime) or not os.path.isdir(runtime):
        raise DataError("there is no $XDG_RUNTIME_DIR (a per-login folder kept in memory) to keep the "
                        "unlocked key in: use --passphrase-file FILE instead")
    digest = hashlib.sha256(str(Path(root).resolve()).encode()).hexdigest()[:16]
    return Path(runtime) / "attune" / f"{digest}.key"


def start_session(root: Path, cipher: Cipher, hours: float = SESSION_HOURS) -> datetime:
    path = session_path(root)
    try:
        path.parent.mkdir(mode=0o700, exist_ok=True)
        os.chmod(path.parent, 0o700)
    except OSError as exc:
        raise DataError(f"cannot keep the unlocked key in {path.parent}: {why(exc)}") from None
    until = clock.now() + timedelta(hours=hours)
    body = {"folder": str(Path(root).resolve()), "key": cipher.secret, "until": until.isoformat()}
    atomic_write(path, json.dumps(body).encode(), 0o600)
    return until


def session_cipher(root: Path) -> Cipher | None:
    """The key `attune unlock` left for this folder, if it has not expired (then it is removed)."""
    try:
        path = session_path(root)
        if os.lstat(path).st_mode & 0o077:  # opened up to others since: not trusted, not kept
            end_session(root)
            return None
        body = json.loads(read_raw(path) or b"null")
        if not isinstance(body, dict) or body.get("folder") != str(Path(root).resolve()):
            return None
        if datetime.fromisoformat(body["until"]) <= clock.now():
            end_session(root)
            return None
        cipher = Cipher(body["key"])
        _check_fits(Path(root), cipher, must=True)  # the folder was encrypted anew since: ask again
        return cipher
    except LockedError:
        end_session(root)
        return None
    except (DataError, InputError, ValueError, KeyError, TypeError, OSError):
        return None


def end_session(root: Path) -> bool:
    try:
        session_path(root).unlink()
        return True
    except (OSError, DataError):
        return False


# -- converting a folder --------------------------------------------------------------------
def convert(folder: "Folder", cipher: Cipher, to_encrypted: bool, passphrase: str | None = None) -> int:
    """Encrypt (or decrypt) every data file in place, backups included; returns how many changed.
    Crash-safe: each file is replaced atomically, a file's header says which it is, and
    `.converting` says that a run was under way (see `finish`)."""
    if to_encrypted and has_key(folder.root) and (folder.cipher is None or folder.cipher.secret != cipher.secret):
        raise InputError(f"{folder.root} is already encrypted, with another key; nothing was changed")
    # scrypt (a second or so) before the lock, so other sessions wait only for the files.
    wrapped = _wrap(cipher, check_passphrase(passphrase or "")) if to_encrypted and not has_key(folder.root) else None
    with folder.lock():
        if wrapped is not None and has_key(folder.root):
            raise InputError(f"{folder.root} was encrypted by another attune just now; nothing was changed")
        files = _read_all(folder.all_data_files())  # all or nothing: every file read before one is written
        plain = {} if to_encrypted else _decrypt_all(files, cipher)
        marker = folder.root / CONVERTING
        # Encrypted to the couple's key: a marker planted by someone without it is known for one.
        atomic_write(marker, cipher.encrypt(b"encrypt" if to_encrypted else b"decrypt"), folder.file_mode)
        if wrapped is not None:
            atomic_write(folder.root / KEY_FILE, wrapped, folder.file_mode)
        changed = 0
        for path, raw in files.items():
            if to_encrypted:
                payload = None if raw is None or is_encrypted(raw) else cipher.encrypt(raw)
            else:
                payload = plain.get(path)
            if payload is not None:
                atomic_write(path, payload, folder.file_mode)
                changed += 1
        if not to_encrypted:
            (folder.root / KEY_FILE).unlink(missing_ok=True)
        marker.unlink()
        fsync_dir(folder.root)
        folder.cipher = cipher if to_encrypted else None
        folder.bump_stamp()  # other sessions look again (and find they must start again)
    return changed


def _read_all(files: list[Path]) -> dict[Path, bytes | None]:
    """Every file's bytes: one that cannot be read (mode 000) stops the run before it changes
    anything; found half way, it left a key.age and a marker that every later command tripped on."""
    try:
        return {path: read_raw(path) for path in files}
    except DataError as exc:
        raise DataError(f"{exc}; nothing was changed: make it readable (or remove it), then try again") from None


def _decrypt_all(files: dict[Path, bytes | None], cipher: Cipher) -> dict[Path, bytes]:
    """Every encrypted file decrypted, before one is written: a damaged one stops the decryption
    with nothing changed (half a folder decrypted would be worse), saying what to do about it."""
    plain = {}
    for path, raw in files.items():
        if raw is None:
            continue
        if not is_encrypted(raw):  # only attune writes here, and it writes encrypted: planted
            raise DataError(f"{path} is not encrypted, though this folder is: it was put there or changed "
                            "outside attune; nothing was changed: remove it (or restore it), then decrypt again")
        try:
            plain[path] = cipher.decrypt(raw, path)
        except CorruptFileError as exc:
            way = ("it is an old backup copy: delete it, then run `attune decrypt` again" if "backups" in path.parts
                   else "start attune to restore it from a backup, then run `attune decrypt` again")
            raise DataError(f"cannot decrypt {path} ({exc.detail}); nothing was changed: {way}") from None
    return plain


def finish(folder: "Folder", cipher: Cipher | None) -> str | None:
    """After a kill -9. Without key.age only the marker is left (an encryption killed before it
    was written encrypted nothing; a decryption that removed it had decrypted everything). With
    it, the folder is encrypted whole again: an interrupted encryption is finished, an interrupted
    decryption undone. Never decrypted here: a planted marker must not turn the encryption off,
    nor pass a planted plain file off as the couple's (the marker is encrypted to their key)."""
    marker = folder.root / CONVERTING
    if not os.path.lexists(marker):
        return None
    if not has_key(folder.root):
        folder.drop_marker()
        return None
    if cipher is None:
        return None  # the caller unlocks first
    way = folder.interrupted(cipher)
    if way is None:
        folder.warnings.append(f"removed {marker}: attune did not write it (a plain data file is still refused)")
        return None
    convert(folder, cipher, True)
    folder.warnings.append(
        "an interrupted `attune encrypt` was finished: if you did not keep the recovery key, "
        "`attune recovery-key` shows it" if way == "encrypt" else
        "an interrupted `attune decrypt` was undone: the folder is encrypted; run `attune decrypt` again")
    return way


def open_with(folder: "Folder", cipher: Cipher | None) -> None:
    """Give an encrypted folder its key (finishing a conversion a kill -9 interrupted)."""
    if has_key(folder.root):
        if cipher is None:
            raise LockedError(f"{folder.root} is encrypted: run `attune unlock` first, "
                              "or give --passphrase-file FILE")
        folder.cipher = cipher
    finish(folder, cipher)

