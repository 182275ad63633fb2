"""The store on disk: layout, modes, schema, corruption, two processes at once."""

from __future__ import annotations

import json
import os
import stat
from datetime import timedelta
import subprocess
import sys

import pytest

from data import CorruptFileError, InputError, NewerSchemaError, Store
from data.folder import Folder
from tests.conftest import REPO, FakeClock


def test_layout_and_permissions(store, data_dir):
    store.interactions.log("a", True, "coffee")
    store.daily.save("b", 4, happened="ok day")
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    files = [data_dir / "attune.json", *sorted((data_dir / "months").iterdir())]
    assert [p.name for p in files] == ["attune.json", "2026-11.json"]
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    month = json.loads((data_dir / "months" / "2026-11.json").read_text())
    assert list(month["interactions"].values())[0]["note"] == "coffee"
    assert list(month["daily"].values())[0]["happened"] == "ok day"
    meta = json.loads((data_dir / "attune.json").read_text())["meta"]
    assert list(meta.values())[0]["schema"] == 1


def test_interactions_go_to_their_month_file(store, clock, data_dir):
    store.interactions.log("a", True)
    clock.advance(days=10)  # into December
    store.interactions.log("b", False)
    assert sorted(p.name for p in (data_dir / "months").iterdir()) == ["2026-11.json", "2026-12.json"]
    assert len(store.interactions.last_days(30)) == 2
    assert len(store.interactions.today()) == 1


def test_undo_removes_only_the_newest(store, clock):
    store.interactions.log("a", True, "first")
    clock.advance(seconds=5)
    store.interactions.log("b", False, "second")
    undone = store.interactions.undo_last()
    assert undone.note == "second"
    assert [i.note for i in Store.open(store.root, clock=clock).interactions.today()] == ["first"]


def test_newer_schema_is_refused_and_file_untouched(store, data_dir):
    path = data_dir / "attune.json"
    data = json.loads(path.read_text())
    data["meta"]["1"]["schema"] = 99
    path.write_text(json.dumps(data))
    before = path.read_bytes()
    with pytest.raises(NewerSchemaError, match="newer attune"):
        Store.open(data_dir)
    assert path.read_bytes() == before


def test_corrupt_file_names_the_file_and_is_left_alone(store, data_dir):
    path = data_dir / "attune.json"
    path.write_text('{"partners": {')
    with pytest.raises(CorruptFileError) as info:
        Store.open(data_dir)
    assert str(path) in str(info.value)
    assert path.read_text() == '{"partners": {'


def test_names_are_checked(data_dir):
    s = Store.open(data_dir)
    for a, b in (("", "Alex"), ("   ", "Alex"), ("Sam", "sam"), ("Sam\x1b[31m", "Alex"), ("x" * 41, "Alex")):
        with pytest.raises(InputError):
            s.setup_couple(a, b)
    assert not s.is_set_up


def test_stray_temp_files_are_cleaned_on_open(store, data_dir):
    stray = data_dir / ".attune.json.abc123.tmp"
    stray.write_text("half a wri")
    Store.open(data_dir)
    assert not stray.exists()


def test_change_token_notices_another_store(store, data_dir):
    other = Store.open(data_dir, clock=store.clock)
    assert not store.changed_elsewhere()
    other.interactions.log("a", True)
    assert store.changed_elsewhere()
    assert not store.changed_elsewhere()  # once per change
    store.interactions.log("b", True)  # our own write is not "elsewhere"
    assert not store.changed_elsewhere()


WRITER = """
import sys
from data import Store
store = Store.open(sys.argv[1])
who = sys.argv[2]
for n in range(int(sys.argv[3])):
    store.interactions.log(who, n % 3 != 0, f"{who}-{n}")
"""


def test_two_processes_writing_at_once_lose_nothing(store, data_dir):
    n = 500
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(data_dir), who, str(n)], cwd=REPO)
        for who in ("a", "b")
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    month = json.loads((data_dir / "months" / "2026-11.json").read_text())  # valid JSON
    notes = [row["note"] for row in month["interactions"].values()]
    assert len(notes) == 2 * n
    assert set(notes) == {f"{w}-{i}" for w in "ab" for i in range(n)}
    assert len(Store.open(data_dir).interactions.in_month("2026-11")) == 2 * n


def test_folder_reads_are_counted(store, data_dir):
    folder = Folder.open(data_dir)
    s = Store(folder)
    s.interactions.in_month("2026-11")
    assert folder.reads[folder.month_path("2026-11")] == 1


def test_import_data_does_not_import_textual():
    out = subprocess.run(
        [sys.executable, "-c", "import sys, data, data.store, data.daily, data.interactions, data.demo;"
         "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"],
        capture_output=True, text=True, cwd=REPO, check=True,
    )
    assert out.stdout.strip() == "[]"


def test_cli_log_and_status_do_not_import_textual(data_dir):
    code = (
        "import sys; from tui.cli import main; main(['init', 'A', 'B', '--data-dir', sys.argv[1]]);"
        "main(['log', '+', '--by', 'A', '--data-dir', sys.argv[1]]);"
        "main(['status', '--data-dir', sys.argv[1]]);"
        "print('textual' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code, str(data_dir)], capture_output=True, text=True, cwd=REPO)
    assert out.stdout.strip().splitlines()[-1] == "False"
    assert os.path.exists(data_dir / "months")


def test_an_entry_from_a_clock_a_little_ahead_counts_today(data_dir, clock):
    ahead = FakeClock(clock.now + timedelta(seconds=20))  # the partner's machine, 20 s ahead
    partner = Store.open(data_dir, clock=ahead)
    partner.setup_couple("Sam", "Alex")
    partner.interactions.log("b", True, "from the faster clock")
    assert [i.note for i in Store.open(data_dir, clock=clock).interactions.today()] == ["from the faster clock"]
