"""Schema: an older folder is upgraded only after a backup of every file; a newer one is refused."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from data import CorruptFileError, NewerSchemaError, SCHEMA_VERSION, StorageError, Store
from data import backup, migrate
from data.folder import Folder
from tests.conftest import run_cli

FIXTURE = Path(__file__).parent / "fixtures" / "schema0"


@pytest.fixture
def v0_dir(tmp_path) -> Path:
    root = tmp_path / "old"
    shutil.copytree(FIXTURE, root)
    root.chmod(0o700)
    (root / "attune.json").chmod(0o600)
    return root


def all_bytes(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_schema0_fixture_is_upgraded_after_a_backup(v0_dir, clock):
    original = (v0_dir / "attune.json").read_bytes()
    store = Store.open(v0_dir, clock=clock)
    # the backup came first and holds the old file byte for byte
    [taken] = backup.sets(store.folder)
    assert taken.kind == f"before-schema-{SCHEMA_VERSION}"
    assert taken.copy_of("attune.json").read_bytes() == original
    # attune.json is small again and says which schema it is
    main = json.loads((v0_dir / "attune.json").read_text())
    assert "interactions" not in main and "daily" not in main
    assert list(main["meta"].values()) == [{"created": "2026-09-30T21:04:11+02:00", "schema": SCHEMA_VERSION}]
    assert sorted(p.name for p in (v0_dir / "months").iterdir()) == ["2026-10.json", "2026-11.json"]
    # everything reads back through the API, in the month of its local time
    october = store.interactions.in_month("2026-10")
    assert sorted(i.note for i in october) == ["", "[bold]snapped[/] about the dishes", "made coffee"]
    assert {i.note for i in store.interactions.in_month("2026-11")} == {"hug at the door 🤗", "laughed at my pun"}
    assert all(len(i.uid) == 24 and i.uid[:8] in ("20261001", "20261031", "20261102", "20261120") for i in
               october + store.interactions.in_month("2026-11"))
    day = store.daily.for_day(date(2026, 10, 1))
    assert (day["a"].mood, day["a"].happened, day["b"].would_help) == (4, "Gym, then the release.", "quiet evening")
    assert store.daily.for_day(date(2026, 11, 20))["a"].happened == "中文 and עברית in one day"
    assert [p.name for p in store.partners()] == ["Sam", "Alex"]
    # opening again neither migrates nor backs up again
    Store.open(v0_dir, clock=clock)
    assert len(backup.sets(store.folder)) == 1


def test_an_upgrade_cut_short_runs_again_without_duplicates(v0_dir, clock, monkeypatch):
    real = Folder.save

    def crash_before_attune_json(folder, path, *args, **kwargs):
        if path.name == "attune.json":
            raise KeyboardInterrupt  # the process dies after the month files were written
        return real(folder, path, *args, **kwargs)

    monkeypatch.setattr(Folder, "save", crash_before_attune_json)
    with pytest.raises(KeyboardInterrupt):
        Store.open(v0_dir, clock=clock)
    assert (v0_dir / "months" / "2026-10.json").exists()
    assert "interactions" in json.loads((v0_dir / "attune.json").read_text())  # still schema 0
    monkeypatch.setattr(Folder, "save", real)
    store = Store.open(v0_dir, clock=clock)
    assert len(store.interactions.in_month("2026-10")) == 3
    assert len(store.interactions.in_month("2026-11")) == 2
    assert len(store.daily.in_month("2026-10")) == 2


def test_no_upgrade_without_a_backup(v0_dir, clock, monkeypatch):
    before = all_bytes(v0_dir)

    def no_room(*args, **kwargs):
        raise StorageError(f"could not take a backup in {v0_dir / 'backups'}: the disk is full")

    monkeypatch.setattr(backup, "take", no_room)
    with pytest.raises(StorageError, match="disk is full; the data was not upgraded, nothing changed"):
        Store.open(v0_dir, clock=clock)
    after = all_bytes(v0_dir)
    after.pop(".lock", None)
    assert after == before


@pytest.mark.parametrize("table, doc_id, change, says", [
    ("interactions", "1", {"at": "2026-10-01T08:15:00"}, "has no UTC offset"),
    ("daily", "2", {"mood": 9}, "mood: 9 is not a whole number from 1 to 5"),
])
def test_an_old_record_that_breaks_a_rule_stops_the_upgrade_and_changes_nothing(v0_dir, clock, table, doc_id,
                                                                                   change, says):
    main = json.loads((v0_dir / "attune.json").read_text())
    main[table][doc_id].update(change)
    (v0_dir / "attune.json").write_text(json.dumps(main))
    before = all_bytes(v0_dir)
    with pytest.raises(CorruptFileError, match=f"an old record cannot be upgraded: {table} .*{says}"):
        Store.open(v0_dir, clock=clock)
    after = {name: data for name, data in all_bytes(v0_dir).items() if not name.startswith(("backups/", ".lock"))}
    assert after == before  # no month file that would read as damaged; attune.json still holds everything
    r = run_cli("status", data_dir=v0_dir)
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and says in r.stderr, r.stderr


def test_two_processes_opening_an_old_folder_upgrade_it_once(v0_dir, clock):
    first = Store.open(v0_dir, clock=clock)
    assert migrate.found_schema(first.folder) == SCHEMA_VERSION
    # a second store that saw schema 0 before the first one upgraded: migrate re-checks under the lock
    migrate.migrate(Store(first.folder, clock), 0)
    assert len(first.interactions.in_month("2026-10")) == 3
    assert len(backup.sets(first.folder)) == 1


def test_newer_schema_is_refused_everywhere_and_nothing_changes(store, data_dir):
    path = data_dir / "attune.json"
    data = json.loads(path.read_text())
    next(iter(data["meta"].values()))["schema"] = SCHEMA_VERSION + 1
    path.write_text(json.dumps(data))
    before = all_bytes(data_dir)
    with pytest.raises(NewerSchemaError):
        Store.open(data_dir)
    for args in (("status",), ("log", "+", "--by", "Sam"), ()):
        r = run_cli(*args, data_dir=data_dir)
        assert r.returncode == 1, (args, r.stderr)
        assert r.stderr.count("\n") == 1 and "newer attune" in r.stderr and str(path) in r.stderr
    assert all_bytes(data_dir) == before
    assert not (data_dir / "backups").exists()


@pytest.mark.parametrize("value", ['"two"', "-1", "1.5", "true", "null"])
def test_a_schema_that_is_not_a_number_is_a_damaged_file(store, data_dir, value):
    path = data_dir / "attune.json"
    text = path.read_text().replace(f'"schema":{SCHEMA_VERSION}', f'"schema":{value}')
    assert text != path.read_text()
    path.write_text(text)
    with pytest.raises(CorruptFileError, match="schema version"):
        Store.open(data_dir)
    assert path.read_text() == text
