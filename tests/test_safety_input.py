"""Bad input everywhere text is typed or imported: shown literally or refused in one clear line,
never a crash, never a hang over 2 s, never a raw escape sequence sent to the terminal."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data import InputError, Store
from data.text import ENTRY_MAX, NOTE_MAX
from tests.conftest import NO_HANG, NOW, REPO, FakeClock
from tui.cli import main as cli_main

MARKUP = ["[bold]Sam[/]", "[/]", "[link=https://evil.example]click[/link]", "[red on blue]x", "[@click=app.quit]q[/]"]
ESCAPES = ["\x1b[31mred\x1b[0m", "\x1b]8;;https://evil.example\x07link\x1b]8;;\x07", "\x1b]52;c;ZXZpbA==\x07",
           "\x1b[2J\x1b[H", "\x9b31m"]
CONTROLS = ["bell\x07", "nul\x00byte", "back\x08space", "del\x7f", "cr\rlf\n", "\x1b"]
UNICODE = ["😀 👩‍❤️‍👨 🇫🇷", "李雷 韩梅梅", "עברית", "العربية", "Zoe\u0308 (combining)", "a\u0301\u0302\u0303"]
NAMES_OK = ["[bold]Sam[/]", "[/]", "😀", "李雷", "דנה", "Zoë", "👩‍❤️‍👨", "می\u200cخواهم", "O'Brien-Smith"]
NAMES_REFUSED = {"": "empty", "   ": "empty", "\t": "empty", "Sam\x1b[31m": "control characters",
                 "Sam\x07": "control characters", "Sam\u202eevil": "control characters",
                 "Sam\nAlex": "control characters", "x" * 41: "too long", "y" * 100_000: "too long"}


def timed(fn, *args, limit: float = NO_HANG, **kwargs):
    start = time.monotonic()
    result = fn(*args, **kwargs)
    took = time.monotonic() - start
    assert took < limit, f"took {took:.2f} s"
    return result


# -- the command line ---------------------------------------------------------------------
def cli(capsys, *args):
    code = timed(cli_main, list(args))
    out, err = capsys.readouterr()
    assert "\x1b" not in out + err and "Traceback" not in err
    return code, out, err


@pytest.mark.parametrize("name", NAMES_OK)
def test_cli_init_takes_unusual_names_and_prints_them_literally(tmp_path, capsys, name):
    code, out, _ = cli(capsys, "init", name, "Alex", "--data-dir", str(tmp_path / "d"))
    assert code == 0 and f"set up {name} & Alex" in out
    code, out, _ = cli(capsys, "log", "+", "--by", name, "--data-dir", str(tmp_path / "d"))
    assert code == 0, out


@pytest.mark.parametrize("name,why", NAMES_REFUSED.items())
def test_cli_init_refuses_bad_names_in_one_line(tmp_path, capsys, name, why):
    code, out, err = cli(capsys, "init", name, "Alex", "--data-dir", str(tmp_path / "d"))
    assert code == 2 and err.count("\n") == 1 and why in err, err
    assert not Store.open(tmp_path / "d").is_set_up


@pytest.mark.parametrize("a,b", [("Sam", "sam"), ("Zoë", "Zoe\u0308"), ("KIM", "kim "), ("Straße", "STRASSE".lower())])
def test_cli_init_refuses_the_same_name_twice(tmp_path, capsys, a, b):
    code, _, err = cli(capsys, "init", a, b, "--data-dir", str(tmp_path / "d"))  # NFC, then casefold
    assert code == 2 and "different name" in err and err.count("\n") == 1


@pytest.mark.parametrize("note", MARKUP + ESCAPES + CONTROLS + UNICODE + ["x" * NOTE_MAX])
def test_cli_log_stores_notes_exactly(data_dir, capsys, note):
    cli(capsys, "init", "Sam", "Alex", "--data-dir", str(data_dir))
    code, out, _ = cli(capsys, "log", "+", "--by", "Sam", note, "--data-dir", str(data_dir))
    assert code == 0 and out.count("\n") == 1
    [item] = Store.open(data_dir).interactions.in_month(f"{NOW:%Y-%m}")
    assert item.note == note.replace("\x00", "")  # NUL is the one character never kept


def test_cli_refuses_huge_and_undecodable_text_in_one_line(data_dir, capsys):
    cli(capsys, "init", "Sam", "Alex", "--data-dir", str(data_dir))
    code, _, err = cli(capsys, "log", "+", "--by", "Sam", "x" * 120_000, "--data-dir", str(data_dir))
    assert code == 2 and "note is too long (120,000 characters; at most 2,000)" in err and err.count("\n") == 1
    code, _, err = cli(capsys, "log", "+", "--by", "Sam\udcff", "--data-dir", str(data_dir))
    assert code == 2 and "not valid UTF-8" in err and err.count("\n") == 1
    with pytest.raises(SystemExit) as exit_:  # argparse's own usage error
        cli_main(["status", "\x1b[2J", "--data-dir", str(data_dir)])
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and "␛[2J" in err and "\x1b" not in err and err.count("\n") == 1


def test_cli_non_utf8_bytes_from_a_real_shell(data_dir):
    """Bytes that are not UTF-8 on the command line (a mis-set terminal): one line, exit 2, nothing saved."""
    subprocess.run([sys.executable, "-m", "tui", "init", "Sam", "Alex", "--data-dir", str(data_dir)], cwd=REPO, check=True)
    before = (data_dir / "attune.json").read_bytes()
    r = subprocess.run([sys.executable, "-m", "tui", b"log", b"+", b"--by", b"Sam", b"caf\xe9 \xff",
                        b"--data-dir", str(data_dir).encode()], cwd=REPO, capture_output=True, timeout=30)
    assert r.returncode == 2 and r.stderr.count(b"\n") == 1 and b"not valid UTF-8" in r.stderr, r.stderr
    assert (data_dir / "attune.json").read_bytes() == before and not (data_dir / "months").exists()


def test_cli_shows_imported_names_with_escapes_literally(store, data_dir, capsys):
    """A name that never went through the checks (a hand-edited or imported file)."""
    path = data_dir / "attune.json"
    data = json.loads(path.read_text())
    for row in data["partners"].values():
        row["name"] = "\x1b[31mSam\x1b]0;pwned\x07" if row["id"] == "a" else "Alex\nNew line"
    path.write_text(json.dumps(data))
    code, out, _ = cli(capsys, "status", "--data-dir", str(data_dir))
    assert code == 0 and out.count("\n") == 1
    assert "␛[31mSam␛]0;pwned␇ has nothing new to read" in out and "Alex␊New line has nothing new to read" in out


# -- the store: any text in, the same text out -------------------------------------------
ANY_TEXT = st.text(st.characters(codec="utf-8"), max_size=300) | st.sampled_from(
    MARKUP + ESCAPES + CONTROLS + UNICODE)
COMMON = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def shared_store():
    """One folder for all examples (a fresh folder per example would be slow); each example checks
    its own records through a second, fresh Store: what another session reads from disk."""
    with tempfile.TemporaryDirectory() as tmp:
        clock = FakeClock(NOW)
        store = Store.open(Path(tmp) / "d", clock=clock)
        store.setup_couple("Sam", "Alex")
        yield store


def reread(store: Store) -> Store:
    return Store.open(store.root, clock=store.clock)


@COMMON
@given(note=ANY_TEXT)
def test_notes_round_trip(shared_store, note):
    item = shared_store.interactions.log("a", True, note)
    again = {i.uid: i for i in reread(shared_store).interactions.in_month("2026-11")}
    assert again[item.uid].note == note.replace("\x00", "")


@COMMON
@given(happened=ANY_TEXT, on_mind=ANY_TEXT, would_help=ANY_TEXT, mood=st.integers(1, 5))
def test_daily_entries_round_trip(shared_store, happened, on_mind, would_help, mood):
    shared_store.daily.save("b", mood, happened=happened, on_mind=on_mind, would_help=would_help)
    entry = reread(shared_store).daily.for_day(NOW.date())["b"]
    assert (entry.mood, entry.happened, entry.on_mind, entry.would_help) == (
        mood, happened.replace("\x00", ""), on_mind.replace("\x00", ""), would_help.replace("\x00", ""))


@COMMON
@given(answer=ANY_TEXT, guess=ANY_TEXT)
def test_quiz_answers_round_trip(shared_store, answer, guess):
    quiz = shared_store.quiz
    rnd = quiz.start_round("random")
    if not answer.replace("\x00", "").strip():
        with pytest.raises(InputError, match="answer is empty"):
            quiz.submit(rnd.uid, rnd.questions[0], "a", answer, guess)
        return
    saved = quiz.submit(rnd.uid, rnd.questions[0], "a", answer, guess)
    data = reread(shared_store).quiz.load()
    assert next(a for a in data.answers if a.uid == saved.uid).text == answer.replace("\x00", "")
    guesses = [g.text for g in data.guesses if g.round == rnd.uid]
    assert guesses == ([guess.replace("\x00", "")] if guess.replace("\x00", "").strip() else [])


@settings(max_examples=80, deadline=None)
@given(name=st.text(st.characters(codec="utf-8"), max_size=60))
def test_any_name_is_kept_exactly_or_refused_with_a_reason(name):
    import unicodedata

    # What should happen, worked out from the name itself (not from what the code answered).
    kept = unicodedata.normalize("NFC", name).strip()
    hidden = [ch for ch in kept if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") and ch not in "\u200c\u200d"]
    why = "is empty" if not kept else "control characters" if hidden else "too long" if len(kept) > 40 else None
    if why is None and unicodedata.normalize("NFC", "\u2603 Snowman").casefold() == kept.casefold():
        why = "both partners are called"
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "d")
        if why is not None:
            with pytest.raises(InputError, match=why) as refused:
                store.setup_couple(name, "\u2603 Snowman")
            assert str(refused.value).count("\n") == 0
            assert not store.is_set_up
        else:
            a, _ = store.setup_couple(name, "\u2603 Snowman")
            assert a.name == kept
            assert reread(store).partners()[0].name == kept


def test_text_over_the_limits_is_refused_not_cut(store):
    with pytest.raises(InputError, match="note is too long"):
        store.interactions.log("a", True, "x" * (NOTE_MAX + 1))
    with pytest.raises(InputError, match="too long"):
        store.daily.save("a", 3, happened="y" * (ENTRY_MAX + 1))
    with pytest.raises(InputError, match="too long"):
        timed(store.daily.save, "a", 3, on_mind="z" * 1_000_000)
    assert store.interactions.today() == [] and store.daily.for_day(NOW.date()) == {}
