"""The running app and its folder: damaged, moved or locked under it, it says so and offers a way
on (try again, restore, quit); an unexpected failure exits 1 with one line naming a crash report
that holds no personal data, and the terminal is given back."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import stat

import pytest

from data import Store
from data.backup import take
from tests.conftest import REPO, screen_flat, wait_for
from tests.pty_app import PtyApp

MONTH = "months/2026-11.json"


def damage(data_dir, change) -> None:
    path = data_dir / MONTH
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


async def open_gauge(pilot):
    await pilot.pause()
    await pilot.press("g")
    await wait_for(pilot, "Today")


async def test_a_file_damaged_while_the_gauge_is_open_offers_its_backup(make_app, store, data_dir):
    store.interactions.log("a", True, "coffee")
    take(store.folder, store.now(), "daily", store.folder.data_files())
    app = make_app()
    async with app.run_test(size=(80, 30), notifications=True) as pilot:
        await open_gauge(pilot)
        damage(data_dir, lambda d: next(iter(d["interactions"].values())).update(at="yesterday"))
        await pilot.press("e")  # Sam +: the write reads the month first
        text = await wait_for(pilot, "A data file cannot be read", "Restore from backup")
        assert "2026-11.json" in text and "attune has changed nothing" in text
        assert app.is_running
        await pilot.press("r")
        await wait_for(pilot, until=lambda: "A data file cannot be read" not in screen_flat(app))
        await pilot.press("e")
        await wait_for(pilot, until=lambda: len(Store.open(data_dir).interactions.today()) == 2)
    assert list((data_dir / "backups" / "damaged").iterdir())  # the damaged file is kept


async def test_a_file_breaking_a_rule_at_start_gets_the_dialog_right_after_the_first_frame(store, data_dir, clock):
    """Before the first frame only parsing is checked (AttuneApp.start); the rules are
    checked at the first read, here the home screen's, and the restore is offered then."""
    from tui.app import AttuneApp

    rnd = store.quiz.start_round("starter")
    store.quiz.submit(rnd.uid, rnd.questions[0], "a", "tea", "coffee")
    take(store.folder, store.now(), "daily", store.folder.data_files())
    quiz = json.loads((data_dir / "quiz.json").read_text())
    next(iter(quiz["answers"].values()))["at"] = "yesterday"  # parses; breaks a rule
    (data_dir / "quiz.json").write_text(json.dumps(quiz))
    assert Store.open(data_dir).folder.damaged_files(clock().date(), checked=False) == []  # it parses
    app = AttuneApp(Store.open(data_dir, clock=clock))
    async with app.run_test(size=(80, 30), notifications=True) as pilot:
        text = await wait_for(pilot, "A data file cannot be read", "Restore from backup")
        assert "quiz.json" in text.replace(" ", "") and "is not an ISO date and time" in text
        await pilot.press("r")
        await wait_for(pilot, until=lambda: "A data file cannot be read" not in screen_flat(app))
    assert Store.open(data_dir, clock=clock).quiz.load().answers[0].text == "tea"


async def test_a_folder_moved_away_and_back_while_open(make_app, store, data_dir, tmp_path):
    store.interactions.log("a", True, "coffee")
    app = make_app()
    async with app.run_test(size=(80, 30), notifications=True) as pilot:
        await open_gauge(pilot)
        data_dir.rename(tmp_path / "moved")
        await pilot.press("u")  # undo: reads the folder
        await wait_for(pilot, "The data folder cannot be used", "no longer there")
        await pilot.press("t")  # still gone: the dialog stays and says so
        await wait_for(pilot, "Still the same")
        assert "The data folder cannot be used" in screen_flat(app)
        (tmp_path / "moved").rename(data_dir)
        await pilot.press("t")
        await wait_for(pilot, until=lambda: "cannot be used" not in screen_flat(app))
        await pilot.press("e")
        await wait_for(pilot, until=lambda: len(Store.open(data_dir).interactions.today()) == 2)
        assert app.is_running
    assert not (tmp_path / "moved").exists()


async def test_attune_json_replaced_while_open_and_quit_says_why(make_app, store, data_dir):
    app = make_app()
    async with app.run_test(size=(80, 30), notifications=True) as pilot:
        await open_gauge(pilot)
        (data_dir / "attune.json").write_text('{"partners": {"1": {"id": "a"}}}')
        await pilot.press("e")
        await wait_for(pilot, "A data file cannot be read", "name is missing")
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 1


async def test_a_held_lock_says_busy_and_then_answers_at_once(make_app, store, data_dir, holder):
    app = make_app()
    async with app.run_test(size=(80, 30), notifications=True) as pilot:
        await open_gauge(pilot)
        proc = holder("stop")
        await pilot.press("e")
        await wait_for(pilot, "is busy")
        await pilot.press("i")  # no second wait: the folder is known to be busy
        await wait_for(pilot, "is still busy")
        await pilot.press("escape")  # and other keys still work
        await wait_for(pilot, "Love-map quiz")
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        await pilot.press("g", "e")
        await wait_for(pilot, until=lambda: len(Store.open(data_dir).interactions.today()) == 1)


@pytest.mark.parametrize("twice", [False, True])
def test_a_crash_exits_1_with_one_line_and_a_report_without_personal_data(store, data_dir, tmp_path, twice):
    """`twice`: a second failure on the way out keeps the first one's line and report (it said
    "no report could be written": the second report had the same name)."""
    state = tmp_path / "state"
    env = {"XDG_STATE_HOME": str(state), **({"CRASH_TWICE": "1"} if twice else {})}
    app = PtyApp(["--data-dir", str(data_dir)], "xterm-256color", env=env,
                 entry=(str(REPO / "tests" / "crash_app.py"),))
    try:
        app.wait_for("Ratio gauge")
        app.press("\x1bOP")  # F1: the planted bug
        status = app.wait_exit()
    finally:
        app.kill()
    raw = app.raw.decode("utf-8", "replace")
    after = raw.rsplit("\x1b[?1049l", 1)  # what is printed once the full-screen app has left
    assert status == 1 and len(after) == 2, raw[-500:]
    line = re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", after[1]).strip()
    error = "ValueError" if twice else "RuntimeError"
    assert re.fullmatch(rf"attune stopped on an unexpected {error} at \S+:\d+; what you saved is safe; "
                        r"a report \(no personal data\) is in \S+", line), line
    assert "secret" not in raw and "Traceback" not in raw and "Alex" not in after[1]
    [report] = (state / "attune" / "crashes").iterdir()
    assert str(report) in line and stat.S_IMODE(report.stat().st_mode) == 0o600
    text = report.read_text()
    assert f"builtins.{error}" in text and "crash_app.py" in text and "secret" not in text and "Alex" not in text


async def test_a_dialog_that_comes_up_while_typing_ignores_the_letters_typed_after_it(make_app, store, data_dir):
    """Someone typing an answer when the folder breaks under them goes on typing for a moment:
    those keys must not restore (r), quit (q or Esc) or retry (t). Tab and Enter still choose, and
    what they had typed is still in its field afterwards."""
    from textual.widgets import Input

    from screens.quiz_round import QuizRoundScreen

    r = store.quiz.start_round("starter")
    take(store.folder, store.now(), "daily", store.folder.data_files())
    quiz = data_dir / "quiz.json"
    app = make_app()
    async with app.run_test(size=(80, 30), notifications=True) as pilot:
        await pilot.pause()
        app.push_screen(QuizRoundScreen(r.uid))
        await wait_for(pilot, "press Enter to start")
        await pilot.press("enter")
        await wait_for(pilot, until=lambda: isinstance(app.focused, Input))
        field = app.focused
        await pilot.press(*"tea")
        quiz.write_bytes(b"\x00garbage")
        Store.open(data_dir).folder.bump_stamp()  # as another session's write would
        await wait_for(pilot, "A data file cannot be read", "keys are off", "what you were typing is not saved")
        await pilot.press(*"quart", "escape", "enter")  # an Enter typed on presses no button
        await pilot.pause()
        assert app.is_running and "A data file cannot be read" in screen_flat(app) and app.focused is None
        assert quiz.read_bytes() == b"\x00garbage" and not (data_dir / "backups" / "damaged").exists()
        await pilot.press("tab", "tab", "enter")  # "Try again", then "Restore from backup"
        await wait_for(pilot, until=lambda: "cannot be read" not in screen_flat(app))
        assert app.is_running and field.value == "tea"
    assert list((data_dir / "backups" / "damaged").iterdir())  # restored; the damaged file kept


async def test_a_note_saved_with_enter_onto_a_damaged_file_ignores_the_letters_typed_after_it(
        make_app, store, data_dir):
    """Enter in the note dialog meets a damaged month: the keys typed on after Enter (a fast
    typist's next words) reach the folder dialog and must not restore, retry or quit."""
    store.interactions.log("a", True, "coffee")
    take(store.folder, store.now(), "daily", store.folder.data_files())
    app = make_app()
    async with app.run_test(size=(80, 30), notifications=True) as pilot:
        await open_gauge(pilot)
        await pilot.press("n")
        await wait_for(pilot, until=lambda: type(app.screen).__name__ == "NoteDialog")
        await pilot.press(*"thanks")
        damage(data_dir, lambda d: next(iter(d["interactions"].values())).update(at="yesterday"))
        damaged = (data_dir / MONTH).read_bytes()
        await pilot.press("enter")
        await wait_for(pilot, "A data file cannot be read", "keys are off", "what you were typing is not saved")
        await pilot.press(*"for the tea", "escape")
        await pilot.pause()
        assert app.is_running and "A data file cannot be read" in screen_flat(app)
        assert (data_dir / MONTH).read_bytes() == damaged and not (data_dir / "backups" / "damaged").exists()


async def test_a_damaged_month_without_a_backup_gets_the_dialog_not_an_exit(make_app, store, data_dir):
    """No backup yet: the app starts, and opening a feature that needs the month names it in the
    folder dialog (try again once repaired, or quit) instead of ending the app."""
    store.interactions.log("a", True)
    shutil.rmtree(data_dir / "backups")
    (data_dir / MONTH).write_bytes(b"garbage")
    app = make_app()
    async with app.run_test(size=(80, 30), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("g")
        text = await wait_for(pilot, "A data file cannot be read", "Try again")
        assert "2026-11.json" in text.replace(" ", "") and "Restore from backup" not in text
        await pilot.press("t")  # still damaged: a dialog stays up, the app runs
        await pilot.pause(0.3)
        await wait_for(pilot, "A data file cannot be read", "Try again")
        assert app.is_running
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 1 and "2026-11.json" in app.exit_line
    assert (data_dir / MONTH).read_bytes() == b"garbage"


async def test_a_month_damaged_while_choosing_who_writes_gets_the_dialog_not_an_exit(make_app, store, data_dir):
    """The daily editor reads the day's entry as it opens: a month file damaged between `w` and
    choosing who writes ended the app ("start attune again"), and the keys typed next went to the shell."""
    store.daily.save("a", mood=4, happened="a good day")
    app = make_app()
    async with app.run_test(size=(80, 30), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("w")
        await wait_for(pilot, "Who is writing?")
        (data_dir / MONTH).write_bytes(b"\x00garbage")
        await pilot.press("1")
        await wait_for(pilot, "A data file cannot be read")
        assert app.is_running and type(app.screen).__name__ == "FolderTroubleScreen"
        assert not any(type(s).__name__ == "EntryEditor" for s in app.screen_stack)  # not half loaded
        assert (data_dir / MONTH).read_bytes() == b"\x00garbage"


async def test_quitting_the_dialog_once_the_folder_is_back_says_so(make_app, store, data_dir, tmp_path):
    """The exit line named the old trouble ("no longer there") though the folder was back by then."""
    app = make_app()
    async with app.run_test(size=(80, 30), notifications=True) as pilot:
        await open_gauge(pilot)
        data_dir.rename(tmp_path / "moved")
        await pilot.press("u")
        await wait_for(pilot, "The data folder cannot be used", "no longer there")
        (tmp_path / "moved").rename(data_dir)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 1 and "reads well again" in app.exit_line and "no longer there" not in app.exit_line
