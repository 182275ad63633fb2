"""The command line, through a real subprocess."""

from __future__ import annotations

import json

import pytest

from data import Store
from tests.conftest import run_cli


def test_init_log_status(data_dir):
    r = run_cli("init", "Sam", "Alex", data_dir=data_dir)
    assert r.returncode == 0, r.stderr
    assert "Sam & Alex" in r.stdout
    r = run_cli("log", "+", "--by", "Sam", "made coffee", data_dir=data_dir)
    assert r.returncode == 0, r.stderr
    assert "logged + by Sam" in r.stdout and "today 1+ 0-" in r.stdout
    r = run_cli("log", "-", "--by", "alex", "--tag", "criticism", data_dir=data_dir)
    assert r.returncode == 0, r.stderr
    assert "today 1+ 1- (1.0:1" in r.stdout
    r = run_cli("status", data_dir=data_dir)
    assert r.returncode == 0
    assert r.stdout.count("\n") == 1
    assert "today 1+ 1-" in r.stdout and "Sam has nothing new to read" in r.stdout
    month = next((data_dir / "months").iterdir())
    rows = list(json.loads(month.read_text())["interactions"].values())
    assert [(r["by"], r["positive"], r["note"]) for r in rows] == [("a", True, "made coffee"), ("b", False, "")]


def test_env_var_names_the_folder(data_dir):
    r = run_cli("init", "Sam", "Alex", env={"ATTUNE_DATA_DIR": str(data_dir)})
    assert r.returncode == 0, r.stderr
    assert (data_dir / "attune.json").exists()


def test_usage_errors_are_one_line_exit_2(data_dir):
    run_cli("init", "Sam", "Alex", data_dir=data_dir)
    for args in (("log", "x", "--by", "Sam"), ("log", "+"), ("log", "+", "--by", "Bob"), ("bogus",),
                 ("log", "+", "--by", "Sam", "--tag", "contempt")):
        r = run_cli(*args, data_dir=data_dir)
        assert r.returncode == 2, (args, r.stderr)
        assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr, r.stderr
    r = run_cli("init", "Kim", "kim", data_dir=data_dir.parent / "other")
    assert r.returncode == 2 and "different name" in r.stderr


def test_log_help_says_one_sign_then_the_note(data_dir):
    """`log + ok - oops` logs one + with the note "ok - oops": the usage must not offer a second sign."""
    r = run_cli("log", "--help")
    assert r.returncode == 0 and "--by NAME [--tag TAG] {+,-} [NOTE ...]" in r.stdout, r.stdout
    assert "[{+,-}" not in r.stdout
    run_cli("init", "Sam", "Alex", data_dir=data_dir)
    assert run_cli("log", "+", "--by", "Sam", "ok", "-", "oops", data_dir=data_dir).returncode == 0
    [logged] = Store.open(data_dir).interactions.today()
    assert logged.positive and logged.note == "ok - oops"


def test_data_errors_are_one_line_exit_1(data_dir):
    r = run_cli("status", data_dir=data_dir)  # no folder yet
    assert r.returncode == 1 and r.stderr.count("\n") == 1
    run_cli("init", "Sam", "Alex", data_dir=data_dir)
    r = run_cli("init", "Sam", "Alex", data_dir=data_dir)
    assert r.returncode == 1 and "already holds a couple" in r.stderr
    (data_dir / "attune.json").write_text("{not json")
    r = run_cli("log", "+", "--by", "Sam", data_dir=data_dir)
    assert r.returncode == 1
    assert str(data_dir / "attune.json") in r.stderr and r.stderr.count("\n") == 1
    assert (data_dir / "attune.json").read_text() == "{not json"


def test_python_dash_m_tui_runs(data_dir):
    r = run_cli("--help")
    assert r.returncode == 0 and "attune" in r.stdout
    assert "export" in r.stdout and "serve" in r.stdout  # the sub-commands are listed


@pytest.mark.parametrize("argv, lean", [
    ([], True), (["--data-dir", "x", "--ascii"], True), (["--data-dir=x", "--demo"], True),
    (["status"], False), (["--help"], False), (["--data-dir"], False), (["--data"], False), (["bogus"], False),
])
def test_only_the_app_skips_building_sub_commands(argv, lean):
    from tui.cli import only_app_options

    assert only_app_options(argv) is lean


def test_unknown_words_still_get_the_full_parser_s_one_line_errors(data_dir):
    r = run_cli("bogus", data_dir=data_dir)
    assert r.returncode == 2 and "invalid choice: 'bogus'" in r.stderr and r.stderr.count("\n") == 1
    r = run_cli("--bogus", data_dir=data_dir)
    assert r.returncode == 2 and "unrecognized arguments: --bogus" in r.stderr


def test_log_during_a_conflict_counts_apart(data_dir):
    run_cli("init", "Sam", "Alex", data_dir=data_dir)
    run_cli("log", "+", "--by", "Sam", data_dir=data_dir)
    from data import Store

    Store.open(data_dir).interactions.start_conflict()
    r = run_cli("log", "-", "--by", "Alex", "snapped", data_dir=data_dir)
    assert r.returncode == 0, r.stderr
    assert "today 1+ 0- (1:0, aim 20:1), in conflict 0+ 1- (0.0:1, aim 5:1)" in r.stdout


def test_version_is_one_line():
    r = run_cli("--version")
    assert r.returncode == 0 and r.stdout == "attune 0.1.0\n", (r.stdout, r.stderr)


def test_log_by_takes_the_first_words_of_a_name_when_they_name_one_partner(data_dir):
    """A name with an emoji or a surname need not be typed whole in a shell: "Zoë" is Zoë 🌸.
    A start that fits both, or only part of a word, is refused and names both."""
    assert run_cli("init", "Zoë 🌸", "Zoran Díaz", data_dir=data_dir).returncode == 0
    assert run_cli("log", "+", "--by", "zoë", "tea", data_dir=data_dir).returncode == 0
    assert run_cli("log", "-", "--by", "Zoran", data_dir=data_dir).returncode == 0
    for vague in ("Zo", "Z", "Díaz"):
        r = run_cli("log", "+", "--by", vague, data_dir=data_dir)
        assert r.returncode == 2 and "use Zoë 🌸 or Zoran Díaz" in r.stderr, r.stderr
    assert run_cli("init", "Ann Lee", "Ann Smith", data_dir=data_dir.parent / "two-anns").returncode == 0
    r = run_cli("log", "+", "--by", "ann", data_dir=data_dir.parent / "two-anns")
    assert r.returncode == 2 and "'ann' could be Ann Lee or Ann Smith: give more of the name" in r.stderr, r.stderr
    by = {p.id: p.name for p in Store.open(data_dir).partners()}
    assert [(by[i.by], i.positive) for i in Store.open(data_dir).interactions.today()] == [
        ("Zoë 🌸", True), ("Zoran Díaz", False)]


def test_bidi_controls_in_a_stored_name_show_as_a_symbol_not_raw(store, data_dir):
    """A hand-edited name holding a right-to-left override (or an isolate) would turn the rest of
    the terminal line around; it shows as a visible symbol instead, as a control character does."""
    main = data_dir / "attune.json"
    main.write_text(main.read_text().replace('"Sam"', '"Sam\\u202eevil\\u2066x"'))
    r = run_cli("status", data_dir=data_dir)
    assert r.returncode == 0, r.stderr
    assert "Sam\ufffdevil\ufffdx has nothing new to read" in r.stdout
    assert not any(ch in r.stdout for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
