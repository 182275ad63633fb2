"""What a person types or pastes is what is saved: the real app on a pty, driven the way a fast
typist or a terminal's paste drives it, and the data folder read back.

Every sequence below goes to the pty in ONE write, from the home screen to the save: the keys
that open a screen, the text, the Enter or Tab to the next box, the next text. Keys that arrive
before the app has handled the one before them must still land where they were meant
(KeysInOrder, tui/app.py). A bracketed paste holding escape sequences must arrive whole and in order
(tui/paste_parser.py). Control characters are saved as they came; screens show them as symbols.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from data import Store
from tests.conftest import NO_HANG
from tests.pty_app import PtyApp

# Typed: what a keyboard can produce as characters (markup, accents, emoji, Hebrew, Arabic).
TYPED = "Zoë [b]x[/] 😀 עברית مرحبا café"
# Typed too: what an emoji picker or an input method types, characters Python calls unprintable
# (a joined emoji, Japanese U+3000, a no-break space, bidi marks); Textual's fields dropped them.
INVISIBLE = "👩\u200d❤\ufe0f\u200d👨 a\u3000b c\u00a0d \u202eRTL\u202c"
# Pasted: a terminal's bracketed paste, control characters and escape sequences included.
PASTED = "a hug \x1b[31mRED\x1b[0m tonight \x07 😀 עברית [b]x[/]"
START, END = "\x1b[200~", "\x1b[201~"


def paste(text: str) -> str:
    return f"{START}{text}{END}"


@pytest.fixture
def run_burst(store, data_dir):
    started: list[PtyApp] = []

    def run(keys: str, saved, want, ready: str = "Sam & Alex"):
        """Start attune, write `keys` in one go once `ready` shows, then wait until `saved()`
        (read from disk) equals `want`; returns what was saved."""
        app = PtyApp(["--data-dir", str(data_dir)], "xterm-256color")
        started.append(app)
        app.wait_for(ready)
        app.press(keys)
        deadline = time.monotonic() + NO_HANG
        got = None
        while time.monotonic() < deadline:
            app.pump(0.05)
            try:
                got = saved()
            except (OSError, ValueError, LookupError):
                got = None
            if got == want:
                break
        assert got == want, f"saved {got!r}\nscreen:\n{app.text}"
        return got

    yield run
    for app in started:
        app.kill()


def month_rows(data_dir: Path, table: str) -> list[dict]:
    rows = []
    for path in sorted((data_dir / "months").glob("*.json")):
        rows += json.loads(path.read_text()).get(table, {}).values()
    return rows


def notes(data_dir: Path) -> list[str]:
    return [r["note"] for r in month_rows(data_dir, "interactions")]


def quiz_pairs(data_dir: Path) -> list[tuple[str, str, str]]:
    quiz = json.loads((data_dir / "quiz.json").read_text())
    answers = {(a["by"], a["text"]) for a in quiz["answers"].values()}
    guesses = {(g["by"], g["text"]) for g in quiz["guesses"].values()}
    return sorted(answers | {(by, "guess: " + text) for by, text in guesses})


def questions(data_dir: Path) -> list[tuple[str, str]]:
    quiz = json.loads((data_dir / "quiz.json").read_text())
    return [(q["text"], q["category"]) for q in quiz["questions"].values()]


def minutes(data_dir: Path) -> dict:
    [m] = json.loads((data_dir / "reviews.json").read_text())["reviews"].values()
    return {"appreciations": [(s["by"], s["text"]) for s in m["appreciations"]],
            "went_right": [s["text"] for s in m["went_right"]], "issue": m["issue"],
            "heard": [t["heard"] for t in m["turns"]], "agreements": [s["text"] for s in m["agreements"]],
            "notes": m["notes"]}


# -- the ratio gauge ----------------------------------------------------------------------
@pytest.mark.parametrize("text, keys", [(TYPED, TYPED), (INVISIBLE, INVISIBLE), (PASTED, paste(PASTED))],
                         ids=["typed", "typed-invisible", "pasted"])
def test_gauge_note(run_burst, data_dir, text, keys):
    # g: the gauge; e: Sam +; n: its note; the text; Enter saves; then i (Alex +) and its note.
    run_burst(f"gen{keys}\rin{keys} 2\r", lambda: notes(data_dir), [text, text + " 2"])


def test_gauge_repair_note(run_burst, data_dir):
    # d: Sam −; r: repair it; Tab past the steps and the two choices to the note; Enter saves.
    run_burst(f"gdr \t\t\x1b[C \t{TYPED}\r", lambda: [r.get("note") for r in month_rows(data_dir, "repairs")],
              [TYPED])


# -- the daily log ------------------------------------------------------------------------
def test_daily_entry_typed_across_enter_and_tab(run_burst, data_dir):
    # d: daily; w: write; 1: Sam; 4: a mood; Tab to each box; Enter is a new line; Ctrl+S saves.
    keys = f"dw14\t{TYPED}\rline two {INVISIBLE}\t{TYPED} mind\t{paste(PASTED)}\x13"
    want = {"happened": f"{TYPED}\nline two {INVISIBLE}", "on_mind": f"{TYPED} mind", "would_help": PASTED}
    run_burst(keys, lambda: {k: month_rows(data_dir, "daily")[0][k] for k in want}, want)


# -- the love-map quiz --------------------------------------------------------------------
def test_quiz_turns_typed_in_one_burst(run_burst, data_dir):
    # q: quiz; Enter: the starter deck; Enter: Sam is ready; answer, Enter, guess, Enter (seals);
    # Enter: Alex is ready; Alex pastes an answer, Enter, types a guess, Enter.
    keys = f"q\r\rtutor\rvet\r\r{paste(PASTED)}\r{TYPED}\r"
    want = sorted([("a", "tutor"), ("a", "guess: vet"), ("b", PASTED), ("b", "guess: " + TYPED)])
    run_burst(keys, lambda: quiz_pairs(data_dir), want)


def test_a_full_length_answer_then_the_guess_in_one_burst(run_burst, data_dir):
    # Found by hand: after a 2,000-character answer, Enter then GUESSX lost GUESSX.
    long = ("long answer " * 200)[:2000]
    keys = f"q\r\r{long}\rGUESSX\r"
    run_burst(keys, lambda: quiz_pairs(data_dir), sorted([("a", long.strip()), ("a", "guess: GUESSX")]))


def test_own_question_typed_in_one_burst(run_burst, data_dir):
    # q: quiz; e: own questions; a: add; the question, Enter, its category, Enter saves.
    run_burst(f"qea{TYPED}?\rOurs {TYPED}\r", lambda: questions(data_dir), [(f"{TYPED}?", f"Ours {TYPED}")])


# -- first start ---------------------------------------------------------------------------
def test_onboarding_names_typed_in_one_burst(tmp_path):
    folder = tmp_path / "new"
    app = PtyApp(["--data-dir", str(folder)], "xterm-256color")
    try:
        app.wait_for("Welcome to attune")
        app.press("Zoë 😀\rדנה\r")
        app.wait_for("Zoë 😀 & דנה")
        assert [p.name for p in Store.open(folder).partners()] == ["Zoë 😀", "דנה"]
    finally:
        app.kill()


# -- the weekly review ---------------------------------------------------------------------
def test_weekly_meeting_lines_typed_in_one_burst(run_burst, data_dir):
    # w: the review; n: the meeting; PgDn to each step; Enter adds a line (and passes the turn);
    # the issue, then what was heard (Enter ends the turn); an agreement; Tab, Tab: the notes.
    pgdn = "\x1b[6~"
    keys = (f"wn{pgdn}{TYPED} 1\r{paste(PASTED)}\r{pgdn}{TYPED} right\r{pgdn}{TYPED} topic\r{TYPED} heard\r"
            f"{pgdn}{TYPED} agree\r\t\t{TYPED} notes\r{paste(PASTED)}")

    run_burst(keys, lambda: minutes(data_dir), {
        "appreciations": [("a", f"{TYPED} 1"), ("b", PASTED)], "went_right": [f"{TYPED} right"],
        "issue": f"{TYPED} topic", "heard": [f"{TYPED} heard"], "agreements": [f"{TYPED} agree"],
        "notes": f"{TYPED} notes\n{PASTED}"})


def test_quiz_settings_days_typed_in_one_burst(run_burst, data_dir):
    # q: quiz; o: settings; Tab, Tab: the days box; Ctrl+U clears it; 30; Enter saves.
    run_burst("qo\t\t\x1530\r", lambda: Store.open(data_dir).settings().stale_days, 30)


def test_daily_search_typed_in_one_burst(store, data_dir):
    store.daily.save("b", 4, happened=f"found {TYPED}")
    app = PtyApp(["--data-dir", str(data_dir)], "xterm-256color")
    try:
        app.wait_for("Sam & Alex")
        app.press(f"d/{TYPED}\r")  # d: daily; /: search; the words; Enter finds
        text = app.wait_for("Found 1 entry")
        assert TYPED in text
    finally:
        app.kill()


# -- pasted into every other box ----------------------------------------------------------
def test_pasted_names_on_first_start(tmp_path):
    folder = tmp_path / "new"
    app = PtyApp(["--data-dir", str(folder)], "xterm-256color")
    try:
        app.wait_for("Welcome to attune")
        app.press(paste("Zoë 😀") + "\r" + paste("דנה [b]x[/]") + "\r")  # names refuse control characters
        app.wait_for("Zoë 😀 & דנה [b]x[/]")
        assert [p.name for p in Store.open(folder).partners()] == ["Zoë 😀", "דנה [b]x[/]"]
    finally:
        app.kill()


def test_pasted_repair_note(run_burst, data_dir):
    run_burst(f"gdr \t\t\x1b[C \t{paste(PASTED)}\r",
              lambda: [r.get("note") for r in month_rows(data_dir, "repairs")], [PASTED])


def test_pasted_own_question(run_burst, data_dir):
    run_burst(f"qea{paste(TYPED + '?')}\r{paste('Ours ' + TYPED)}\r", lambda: questions(data_dir),
              [(f"{TYPED}?", f"Ours {TYPED}")])


def test_pasted_meeting_lines(run_burst, data_dir):
    pgdn = "\x1b[6~"
    keys = (f"wn{pgdn}{pgdn}{paste(PASTED)}\r{pgdn}{paste(PASTED + ' topic')}\r{paste(PASTED + ' heard')}\r"
            f"{pgdn}{paste(PASTED + ' agree')}\r")

    lines = ("went_right", "issue", "heard", "agreements")
    run_burst(keys, lambda: {k: v for k, v in minutes(data_dir).items() if k in lines},
              {"went_right": [PASTED], "issue": f"{PASTED} topic", "heard": [f"{PASTED} heard"],
               "agreements": [f"{PASTED} agree"]})


def test_pasted_quiz_days_and_search(run_burst, store, data_dir):
    run_burst(f"qo\t\t\x15{paste('45')}\r", lambda: Store.open(data_dir).settings().stale_days, 45)
    store.daily.save("b", 4, happened=f"found {TYPED}")
    app = PtyApp(["--data-dir", str(data_dir)], "xterm-256color")
    try:
        app.wait_for("Sam & Alex")
        app.press(f"d/{paste(TYPED)}\r")
        assert TYPED in app.wait_for("Found 1 entry")
    finally:
        app.kill()
