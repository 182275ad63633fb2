"""Full export to one JSON file, and import (into an empty folder, or merged without duplicates).

The export mirrors the data folder file by file and table by table, as lists of records, so every
table a feature adds is exported without this module knowing it. Records are matched by `uid`."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from data.errors import DataError, InputError
from data.folder import KEY_FILE, MAIN_FILE, MONTHS_DIR, SCRATCH_PREFIX
from data.schema import QUIZ, SCHEMA_VERSION, Bad, check_file
from data.storage import atomic_write, encode, is_encrypted, read_raw
from data.text import ENTRY_MAX, plural

if TYPE_CHECKING:
    from data.crypt import Cipher
    from data.store import Store

FORMAT = "attune-export"
VERSION = 1
FILE_RE = re.compile(r"^(?:attune\.json|quiz\.json|reviews\.json|months/\d{4}-(?:0[1-9]|1[0-2])\.json)$")
KEEP_TARGET = {"meta", "settings"}  # on a merge, the folder's own copy wins


def _data_files(store: "Store") -> list[Path]:
    root = store.folder.root
    top = sorted(p for p in root.glob("*.json") if FILE_RE.match(p.name))
    months = sorted((root / MONTHS_DIR).glob("*.json")) if (root / MONTHS_DIR).is_dir() else []
    return top + [p for p in months if FILE_RE.match(f"{MONTHS_DIR}/{p.name}")]


def _as_lists(tables: dict[str, dict[str, Any]]) -> dict[str, list[dict]]:
    return {name: [rows[k] for k in sorted(rows, key=int)] for name, rows in sorted(tables.items())}


def export_data(store: "Store") -> dict[str, Any]:
    """Everything in the folder, read under the lock so no write lands half-way through, except
    sealed quiz answers and guesses: until both partners are in, they are in no export (the
    export says how many it left out)."""
    files: dict[str, dict[str, list[dict]]] = {}
    with store.folder.lock():
        for path in _data_files(store):
            tables = store.folder.read(path) or {}
            files[path.relative_to(store.root).as_posix()] = _as_lists(tables)
        sealed = _take_out_sealed(store, files.get(QUIZ))
    data = {"format": FORMAT, "version": VERSION, "schema": SCHEMA_VERSION, "exported": store.now().isoformat()}
    if sealed:
        data["sealed"] = {**sealed, "note": "answers and guesses of open rounds that are still sealed (not everyone "
                                            "is in) are left out of this export; they stay in attune"}
    return {**data, "files": files}


def _take_out_sealed(store: "Store", quiz: dict[str, list[dict]] | None) -> dict[str, int]:
    """Drop the sealed answers and guesses from quiz.json's tables; how many of each."""
    if not quiz:
        return {}
    data = store.quiz.load()
    left_out = {}
    for table in ("answers", "guesses"):
        rows = quiz.get(table) or []
        kept = [r for r in rows if data.revealed(r.get("round"), r.get("question", ""))]
        if len(kept) != len(rows):
            quiz[table], left_out[table] = kept, len(rows) - len(kept)
    return left_out


def outside_folder(store: "Store", path: Path | str) -> Path | str:
    """`path`, unless it is in the data folder: an export there would be read as data (and
    could be lost with it)."""
    target = Path(path).expanduser().resolve()
    root = store.root.resolve()
    if target == root or root in target.parents:
        raise InputError(f"{path} is inside the data folder {store.root}: export somewhere else")
    return path


def export_json(store: "Store", target: Path, plaintext: bool = False) -> Path:
    path, _left_out = export_json_saying(store, target, plaintext)
    return path


def export_json_saying(store: "Store", target: Path, plaintext: bool = False) -> tuple[Path, str]:
    """Write the export (from an encrypted folder: an age file to the couple's own key, unless
    `plaintext`); also what it left out, in words ("" when nothing was sealed)."""
    data = export_data(store)
    payload = orjson.dumps(data, option=orjson.OPT_INDENT_2)
    if store.folder.cipher is not None and not plaintext:
        payload = store.folder.cipher.encrypt(payload)
    atomic_write(Path(target), payload, store.folder.file_mode)
    sealed = data.get("sealed", {})
    counts = [plural(sealed[t], f"sealed quiz {one}", f"sealed quiz {t}")
              for t, one in (("answers", "answer"), ("guesses", "guess")) if sealed.get(t)]
    words = f"left out until both of you are in: {' and '.join(counts)}" if counts else ""
    return Path(target), words


# -- import -----------------------------------------------------------------------
def _as_tables(tables: dict[str, list[dict]]) -> dict[str, dict[str, dict]]:
    """An export's tables in TinyDB's layout, rows numbered from 1 (the reverse of _as_lists)."""
    return {table: {str(i + 1): r for i, r in enumerate(rows)} for table, rows in tables.items()}


def load_export(source: Path, cipher: "Cipher | None" = None) -> dict[str, Any]:
    """Parse and check an export file; any problem is one clear error and nothing is changed.
    Every record passes the same rules as the data files themselves (data/schema.py)."""
    try:
        raw = read_raw(Path(source))
        if raw is not None and is_encrypted(raw):
            if cipher is None:
                raise InputError(f"{source} is encrypted: import it into the encrypted folder it came from, "
                                 "or export again with --plaintext")
            raw = cipher.decrypt(raw, Path(source))
    except DataError as exc:
        raise InputError(f"cannot import {source}: {getattr(exc, 'detail', exc)}") from None
    if raw is None:
        raise InputError(f"cannot import {source}: there is no such file")
    try:
        data = orjson.loads(raw.removeprefix(b"\xef\xbb\xbf"))  # a BOM some editors add when saving
    except orjson.JSONDecodeError as exc:
        raise InputError(f"{source} cannot be read as an attune export ({exc}): expected a file from "
                         "`attune export --format json`") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("files"), dict):
        raise InputError(f"{source} is not an attune export (no \"format\": \"{FORMAT}\" with files)")
    schema, version = data.get("schema"), data.get("version")
    if type(schema) is not int or type(version) is not int or schema < 0 or version < 1:
        raise InputError(f"{source} has no schema version")
    if version > VERSION or schema > SCHEMA_VERSION:
        raise InputError(f"{source} was written by a newer attune (export version {version}, schema {schema}; this "
                         f"attune reads up to {VERSION} and {SCHEMA_VERSION}): upgrade attune to import it")
    for name, tables in data["files"].items():
        if not isinstance(name, str) or not FILE_RE.match(name):
            raise InputError(f"{source}: unexpected file name {name[:40]!r} in the export: nothing was imported")
        if not isinstance(tables, dict) or not all(
            isinstance(rows, list) and all(isinstance(r, dict) for r in rows) for rows in tables.values()
        ):
            raise InputError(f"{source}: {name} is not a set of tables of records: nothing was imported")
        if schema == SCHEMA_VERSION:
            _check(source, name, _as_tables(tables))
    for row in data["files"].get(MAIN_FILE, {}).get("meta", []):
        if row.get("schema", schema) != schema:
            raise InputError(f"{source}: its attune.json says schema {str(row.get('schema'))[:10]}, "
                             f"the export says {schema}: nothing was imported")
    return data


def _check(source: object, name: str, tables: dict) -> None:
    try:
        check_file(name, tables)
    except Bad as exc:
        where = f"{name} {exc.where}" if exc.where else name
        raise InputError(f"import {source}: {where}: {exc}: nothing was imported") from None


def _merge(mine: list[dict], theirs: list[dict], table: str, now: str) -> tuple[list[dict], int]:
    if table in KEEP_TARGET and mine:
        return mine, 0
    known = set(map(_key, mine))  # a set: 50,000 rows must not take minutes
    rows, count = list(mine), 0
    # One daily entry per person per day: the same day's entry from another folder joins ours.
    days = {(r.get("by"), r.get("day")): n for n, r in enumerate(rows)} if table == "daily" else None
    for row in theirs:
        key, day = _key(row), (row.get("by"), row.get("day"))
        if key in known:
            continue
        known.add(key)
        if days is not None and day in days:
            joined = _joined(rows[days[day]], row, now)
            if joined is not None:
                rows[days[day]], count = joined, count + 1
            continue
        if days is not None:
            days[day] = len(rows)
        rows.append(row)
        count += 1
    return rows, count


def _joined(ours: dict, theirs: dict, now: str) -> dict | None:
    """Ours, with each paragraph of theirs that ours lacks added after it (None: it lacks none,
    as when the same file is imported again). Edited now, and unread again: it reads otherwise.
    The mood stays ours."""
    row = {k: v for k, v in ours.items() if k != "seen_by"}
    for field in ("happened", "on_mind", "would_help"):
        mine = ours.get(field) or ""
        have = {p.strip() for p in mine.split("\n\n")}
        new = [p for p in (theirs.get(field) or "").split("\n\n") if p.strip() and p.strip() not in have]
        if new:
            row[field] = "\n\n".join(filter(None, [mine, *new]))
            if len(row[field]) > ENTRY_MAX:
                raise InputError(f"the daily entries for {ours.get('day')} here and in the file would together be "
                                 f"longer than {ENTRY_MAX:,} characters: nothing was imported; shorten one first")
    if all(row.get(f) == ours.get(f) for f in ("happened", "on_mind", "would_help")):
        return None
    return {**row, "updated": now}


def _key(row: dict) -> Any:
    """What makes a record the same as another: its `uid`, or all of it when it has none (as bytes,
    so never equal to a uid)."""
    if "uid" in row:
        return row["uid"]
    return orjson.dumps(row, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS)


def _upgraded(data: dict[str, Any], store: "Store", source: object) -> dict[str, Any]:
    """An export from an older schema, migrated in a scratch folder like any old data folder
    (encrypted like the folder it is inside: a scratch copy holds no plain text either)."""
    import shutil
    import tempfile

    from data.store import Store

    cipher = store.folder.cipher
    scratch = Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX, dir=store.root))  # inside the data folder: see clean_stray_temp_files
    try:
        (scratch / MONTHS_DIR).mkdir()
        if cipher is not None:
            shutil.copyfile(store.root / KEY_FILE, scratch / KEY_FILE)
        for name, tables in data["files"].items():
            rows = encode(_as_tables(tables))
            atomic_write(scratch / name, rows if cipher is None else cipher.encrypt(rows))
        upgraded = export_data(Store.open(scratch, cipher=cipher))
        for name, tables in upgraded["files"].items():
            _check(source, name, _as_tables(tables))
        return upgraded
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def import_data(store: "Store", source: Path) -> int:
    """Merge an export into this folder; returns how many records were added."""
    data = load_export(source, store.folder.cipher)
    if data["schema"] < SCHEMA_VERSION:
        data = _upgraded(data, store, source)
    incoming = data["files"]
    partners = sorted(incoming.get(MAIN_FILE, {}).get("partners", []), key=lambda r: str(r.get("id", "")))
    theirs = [str(r.get("name")) for r in partners]
    added, now = 0, store.now().isoformat()
    with store.folder.writing():
        mine = [p.name for p in store.partners()]
        if mine and theirs and mine != theirs:
            raise InputError(f"this export is for {' & '.join(theirs)}, but this folder holds {' & '.join(mine)}")
        planned: dict[Path, dict[str, dict[str, dict]]] = {}
        for name, tables in incoming.items():
            path = store.root / name
            current = _as_lists(store.folder.read(path) or {})
            merged: dict[str, list[dict]] = {}
            for table in sorted(set(current) | set(tables)):
                merged[table], count = _merge(current.get(table, []), tables.get(table, []), table, now)
                added += count
            planned[path] = _as_tables(merged)
            _check(source, name, planned[path])  # the merge itself must make a valid file
        store.folder.ensure_months_dir()
        for path, tables in planned.items():  # all checked and merged before the first write
            store.folder.save(path, encode(tables))
    return added
