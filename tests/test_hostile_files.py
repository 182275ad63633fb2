"""Hostile exports and data files: an import that breaks a rule changes nothing and names the
first bad record; a data file that parses but is the wrong shape is a damaged file (one CLI line
naming it); whatever lands in the folder, every command still ends in a result or one line."""

from __future__ import annotations

import json
import os
import stat

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data import Store
from data.errors import CorruptFileError, DataError, InputError
from data.exchange import export_json, import_data
from tests.conftest import run_cli

MONTH = "months/2026-11.json"


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def export(store, tmp_path):
    store.interactions.log("a", True, "coffee")
    store.interactions.log("b", False, "late")
    store.daily.save("a", 4, happened="a walk")
    rnd = store.quiz.start_round("starter")
    store.quiz.submit(rnd.uid, rnd.questions[0], "a", "tea", "coffee")
    store.quiz.submit(rnd.uid, rnd.questions[0], "b", "walk", "tea")  # both in: exported (not sealed)
    store.review.start()
    return json.loads(export_json(store, tmp_path / "x.json").read_text())


def write(tmp_path, data, name="hostile.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return path


def fresh(tmp_path, store, name):
    target = Store.open(tmp_path / name, clock=store.clock)
    target.setup_couple("Sam", "Alex")
    return target


def everything_still_works(target: Store) -> None:
    """What broke folders before: every later read of what was imported."""
    again = Store.open(target.root, clock=target.clock)
    again.interactions.recent(30)
    again.interactions.today()
    again.daily.unseen_count("a")
    again.quiz.load()
    again.review.week()
    assert again.folder.damaged_files(again.now().date()) == []


# -- the import examples from the issue ---------------------------------------------------
@pytest.mark.parametrize("file, table, change, says", [
    (MONTH, "interactions", {"at": "yesterday"}, "at: time 'yesterday' is not an ISO date and time"),
    (MONTH, "interactions", {"at": "2026-11-25T10:00:00"}, "has no UTC offset"),
    (MONTH, "interactions", {"uid": ["a", "list"]}, "its id is not an attune id"),
    (MONTH, "interactions", {"by": "c"}, "partner 'c' is not 'a' or 'b'"),
    (MONTH, "interactions", {"positive": "yes"}, "positive: 'yes' is not true or false"),
    (MONTH, "interactions", {"at": "2026-10-03T10:00:00+01:00"}, "it belongs to another month than 2026-11"),
    (MONTH, "daily", {"mood": 9}, "mood: 9 is not a whole number from 1 to 5"),
    (MONTH, "daily", {"day": "2026-02-30"}, "is not YYYY-MM-DD"),
    ("attune.json", "partners", {"name": None}, "partner's name is not text"),
    ("attune.json", "partners", {"id": "a"}, "its id is there twice"),
    ("quiz.json", "answers", {"at": "0001-01-01T00:00:00+00:00"}, "outside the years 1900-2999"),
    ("reviews.json", "reviews", {"week_start": 20261118}, "is not YYYY-MM-DD"),
])
def test_an_import_that_breaks_a_rule_changes_nothing_and_names_the_record(tmp_path, store, export, file, table, change, says):
    rows = export["files"][file][table]
    rows[-1].update(change)
    path = write(tmp_path, export)
    target = fresh(tmp_path, store, "target")
    before = snapshot(target.root)
    with pytest.raises(InputError) as err:
        import_data(target, path)
    message = str(err.value)
    assert says in message and f"{file} {table}" in message and message.endswith("nothing was imported"), message
    assert "\n" not in message
    assert snapshot(target.root) == before


def test_a_setting_that_is_not_a_number_is_refused(tmp_path, store, export):
    store.update_settings(stale_days=30)
    data = json.loads(export_json(store, tmp_path / "y.json").read_text())
    data["files"]["attune.json"]["settings"][0]["stale_days"] = "soon"
    r = run_cli("import", str(write(tmp_path, data)), data_dir=tmp_path / "new")
    assert r.returncode == 2 and "stale_days: 'soon' is not a whole number from 1 to 3650" in r.stderr, r.stderr
    assert r.stderr.count("\n") == 1


@pytest.mark.parametrize("name", ["months/2026-13.json", "months/2026-00.json", "months/26-11.json"])
def test_records_filed_under_a_month_that_is_not_one_are_refused(tmp_path, store, export, name):
    export["files"][name] = export["files"].pop(MONTH)
    r = run_cli("import", str(write(tmp_path, export)), data_dir=tmp_path / "new")
    assert r.returncode == 2 and "unexpected file name" in r.stderr and "Traceback" not in r.stderr, r.stderr
    assert not (tmp_path / "new" / "months").exists()


def test_a_million_records_are_refused_at_once(tmp_path, store, export):
    row = export["files"][MONTH]["interactions"][0]
    export["files"][MONTH]["interactions"] = [dict(row, uid=f"20261125T000000-{i:08x}") for i in range(50_001)]
    r = run_cli("import", str(write(tmp_path, export)), data_dir=tmp_path / "new")
    assert r.returncode == 2 and "has 50,001 records; attune keeps at most 50,000" in r.stderr, r.stderr


@pytest.mark.parametrize("source", ["/dev/zero", "fifo", "folder", "missing"])
def test_what_is_not_an_export_file_is_one_line(tmp_path, source):
    path = {"fifo": tmp_path / "fifo", "folder": tmp_path, "missing": tmp_path / "nope.json"}.get(source, source)
    if source == "fifo":
        os.mkfifo(path)
    r = run_cli("import", str(path), data_dir=tmp_path / "new", timeout=20)
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr, r.stderr
    assert "cannot import" in r.stderr


# -- property: any hostile change to any record ------------------------------------------
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data(), value=JSON)
def test_any_changed_field_is_refused_whole_or_imports_into_a_working_folder(tmp_path_factory, store, export, data, value):
    tmp = tmp_path_factory.mktemp("prop")
    files = export["files"]
    file = data.draw(st.sampled_from(sorted(f for f in files if any(files[f].values()))))
    table = data.draw(st.sampled_from(sorted(t for t in files[file] if files[file][t])))
    row = dict(data.draw(st.sampled_from(files[file][table])))
    key = data.draw(st.sampled_from(sorted(row) + ["extra"]))
    row[key] = value
    changed = json.loads(json.dumps(export))
    changed["files"][file][table] = [row]
    target = Store.open(tmp / "target", clock=store.clock)
    before = snapshot(target.root)
    try:
        import_data(target, write(tmp, changed))
    except InputError as exc:
        assert "\n" not in str(exc) and str(exc).endswith("nothing was imported")
        assert snapshot(target.root) == before
        return
    everything_still_works(target)


# -- data files on disk ------------------------------------------------------------------
WRONG_SHAPES = [
    ("attune.json", lambda d: d.update(meta=[1, 2])),
    ("attune.json", lambda d: d["partners"]["1"].pop("name")),
    ("attune.json", lambda d: d["partners"]["2"].update(id="a")),
    ("attune.json", lambda d: d["partners"].update({"abc": {"id": "b", "name": "Kim"}})),
    ("attune.json", lambda d: d.update(settings={"1": {"stale_days": "x"}})),
    ("attune.json", lambda d: d.update(settings={"1": {"everyday_target": 1e308}})),
    (MONTH, lambda d: next(iter(d["interactions"].values())).update(at="2026-11-25 10:00")),
    (MONTH, lambda d: next(iter(d["interactions"].values())).update(uid=["x"])),
    (MONTH, lambda d: next(iter(d["interactions"].values())).update(at="2026-12-01T10:00:00+01:00")),
    (MONTH, lambda d: d.update(interactions=[1])),
    (MONTH, lambda d: d["interactions"].update({"7": "row"})),
    *[(MONTH, lambda d, key=key: d["interactions"].update(  # isdigit() says yes; int() fails on "¹", reads "١" as 1
        {key: dict(next(iter(d["interactions"].values())), uid="20261125T183000-0000abcd")})) for key in ("¹", "١")],
]


@pytest.mark.parametrize("name, change", WRONG_SHAPES)
def test_a_data_file_of_the_wrong_shape_is_a_damaged_file(store, data_dir, name, change):
    store.interactions.log("a", True, "coffee")
    path = data_dir / name
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))
    before = path.read_bytes()
    with pytest.raises(CorruptFileError) as err:
        fresh_store = Store.open(data_dir, clock=store.clock)
        fresh_store.partners(), fresh_store.settings(), fresh_store.interactions.recent(30)
    assert err.value.path == path
    for command in (["status"], ["log", "+", "--by", "Sam"], ["export", "--format", "md", "--out", str(data_dir.parent / "r.md")]):
        r = run_cli(*command, data_dir=data_dir)
        assert r.returncode == 1 and r.stderr.count("\n") == 1, (command, r.stderr)
        assert f"data file {path} is unreadable" in r.stderr and "Traceback" not in r.stderr
    assert path.read_bytes() == before  # left untouched


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data(), value=JSON)
def test_any_hand_edit_of_a_month_file_is_read_or_reported_never_a_crash(tmp_path_factory, clock, data, value):
    folder = tmp_path_factory.mktemp("edit") / "data"
    store = Store.open(folder, clock=clock)
    store.setup_couple("Sam", "Alex")
    store.interactions.log("a", True, "coffee")
    store.daily.save("b", 3, happened="work")
    path = folder / MONTH
    tables = json.loads(path.read_text())
    table = data.draw(st.sampled_from(sorted(tables)))
    row = next(iter(tables[table].values()))
    row[data.draw(st.sampled_from(sorted(row)))] = value
    path.write_text(json.dumps(tables))
    try:
        again = Store.open(folder, clock=clock)
        again.interactions.recent(30), again.daily.unseen_count("a"), again.interactions.undo_last()
        again.interactions.log("b", True, "after")
    except DataError as exc:
        assert "\n" not in str(exc)


def test_a_data_file_that_is_a_link_is_refused_by_name(store, data_dir, tmp_path):
    elsewhere = tmp_path / "elsewhere.json"
    (data_dir / "attune.json").rename(elsewhere)
    (data_dir / "attune.json").symlink_to(elsewhere)
    r = run_cli("status", data_dir=data_dir)
    assert r.returncode == 1 and "attune.json is unreadable (it is a symbolic link" in r.stderr and r.stderr.count("\n") == 1, r.stderr
    assert stat.S_IMODE(elsewhere.stat().st_mode) == 0o600
