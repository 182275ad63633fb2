"""Every input argparse accepts ends in a result or one line with exit 1 or 2: never a traceback
and never the crash path (which is for bugs)."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import run_cli
from tui.cli import main

EDGE_DATES = ["0001-01-01", "9999-12-31", "1899-12-31", "3000-01-01", "2026-02-30", "", "2026-11-25", "x", "-1"]


@pytest.mark.parametrize("args", [
    ["export", "--format", "md", "--from", "0001-01-01", "--to", "9999-12-31"],
    ["export", "--format", "csv", "--from", "9999-12-31", "--to", "9999-12-31"],
    ["export", "--format", "md", "--to", "0001-01-01"],
    ["export", "--format", "md", "--from", "2026-11-25", "--to", "2026-11-01"],
    ["export", "--format", "json", "--from", "2026-02-30"],
    ["share", "4294967296"], ["share", "99999999999999999999999"], ["share", "99999999"],
    ["log", "+", "--by", "Nobody"], ["log", "*", "--by", "Sam"], ["log", "+", "--by", "Sam", "--tag", "contempt"],
    ["serve", "--port", "70000"], ["serve", "--port", "-1"], ["serve", "--host", "a\nb", "--token", "x" * 20],
    ["import", "/dev/null"], ["import", ""],
])
def test_edge_arguments_end_in_one_line(store, tmp_path, args):
    args = [a.replace("OUT", str(tmp_path)) for a in args]
    if args[0] == "export":
        args += ["--out", str(tmp_path / f"out.{args[2]}")]
    r = run_cli(*args, data_dir=store.root, timeout=20)
    assert r.returncode in (0, 1, 2), (r.returncode, r.stderr)
    assert "Traceback" not in r.stderr and "unexpected" not in r.stderr, r.stderr
    if r.returncode:
        assert r.stderr.count("\n") == 1, r.stderr


def test_an_empty_data_dir_is_refused_not_the_default(tmp_path):
    r = run_cli("--data-dir", "", "init", "Sam", "Alex", env={"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "d")})
    assert r.returncode == 2 and "--data-dir is empty" in r.stderr
    assert not (tmp_path / "d").exists()


TOKENS = st.sampled_from(EDGE_DATES + ["--from", "--to", "--format", "md", "csv", "json", "--out", "OUT/x",
                                       "OUT/", "--by", "Sam", "+", "-", "--tag", "humour", "\x1b[31m", "名前", "\x00"])


@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(command=st.sampled_from(["export", "log", "status", "import", "init"]), rest=st.lists(TOKENS, max_size=7))
def test_any_mix_of_arguments_ends_in_a_result_or_one_line(tmp_path_factory, store, monkeypatch, capsys, command, rest):
    out = tmp_path_factory.mktemp("out")
    monkeypatch.setenv("XDG_STATE_HOME", str(out / "state"))
    monkeypatch.chdir(out)  # default export names land here
    argv = [command, *(t.replace("OUT", str(out)) for t in rest), "--data-dir", str(store.root)]
    if "\x00" in "".join(argv):
        return  # no shell can pass a NUL in an argument
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse: usage errors (2) and --help (0)
        code = exc.code
    err = capsys.readouterr().err
    assert code in (0, 1, 2), (argv, code, err)
    assert "unexpected" not in err and "Traceback" not in err, (argv, err)
    assert not (out / "state").exists(), (argv, err)  # no crash report: nothing took the crash path


def test_a_bug_in_a_command_is_one_line_and_a_report(store, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))

    def broken(args, data_dir):
        note = "a secret about Alex"
        raise KeyError(note)

    monkeypatch.setattr("tui.commands.cmd_status", broken)
    assert main(["status", "--data-dir", str(store.root)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unexpected KeyError" in err and "secret" not in err, err
    [report] = (tmp_path / "state" / "attune" / "crashes").iterdir()
    assert oct(report.stat().st_mode & 0o777) == "0o600" and "secret" not in report.read_text()


def test_the_folders_made_for_a_crash_report_are_private_whatever_the_umask(store, tmp_path, monkeypatch, capsys):
    state = tmp_path / "state"  # not there yet: $XDG_STATE_HOME is made too
    monkeypatch.setenv("XDG_STATE_HOME", str(state))
    monkeypatch.setattr("tui.commands.cmd_status", lambda args, data_dir: 1 / 0)
    old = os.umask(0)
    try:
        assert main(["status", "--data-dir", str(store.root)]) == 1
    finally:
        os.umask(old)
    made = [state, state / "attune", state / "attune" / "crashes"]
    assert [oct(p.stat().st_mode & 0o777) for p in made] == ["0o700"] * 3, capsys.readouterr().err
