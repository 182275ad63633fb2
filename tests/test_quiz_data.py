"""The quiz's data layer: decks, rounds, sealing, history, marks, custom questions, settings."""

from __future__ import annotations

import json
import random
import subprocess
import sys

import pytest

from data import CorruptFileError, InputError, Store
from data.quiz_decks import shipped_decks, shipped_questions
from tests.conftest import REPO

STARTER = [
    "What is one of your current hobbies?",
    "What are you most stressed about right now?",
    "What is your biggest fear?",
    "How do you like to be comforted and soothed?",
    "What would your ideal job be?",
    "Who was your best friend as a child?",
    "What turns you on sexually?",
    "What was the worst experience of your childhood?",
]


def play(store, round_uid, qid, answers=("A", "B"), guesses=("gA", "gB")):
    store.quiz.submit(round_uid, qid, "a", answers[0], guesses[0])
    store.quiz.submit(round_uid, qid, "b", answers[1], guesses[1])


def test_decks_ship_the_starter_eight_and_forty_more():
    decks = {d.id: d for d in shipped_decks()}
    assert [q.text for q in decks["starter"].questions] == STARTER
    assert [q.text for q in decks["starter"].questions if q.sensitive] == STARTER[6:]
    assert len(shipped_questions()) >= 48
    assert sum(len(d.questions) for d in shipped_decks() if d.id != "starter") >= 40
    assert {"stresses", "dreams", "history", "friends_family", "preferences", "intimacy", "yourself"} <= set(decks)
    assert all(q.sensitive for q in decks["intimacy"].questions)
    yourself = " ".join(q.text for q in decks["yourself"].questions)
    for words in ("triggers", "trigger you", "upset", "past shape"):
        assert words in yourself
    assert all(q.id and q.text and q.category for q in shipped_questions().values())


def test_sensitive_questions_only_when_turned_on(store):
    assert len(store.quiz.start_round("starter").questions) == 6
    with pytest.raises(InputError, match="sensitive"):
        store.quiz.start_round("intimacy")
    store.quiz.update_settings(sensitive_questions=True, scoring=False, stale_days=90)
    assert len(store.quiz.start_round("starter").questions) == 8
    assert len(store.quiz.start_round("intimacy").questions) == 5


def test_answers_are_sealed_until_both_are_in(store, data_dir):
    r = store.quiz.start_round("starter")
    qid = r.questions[0]
    store.quiz.submit(r.uid, qid, "a", "knitting", "running")
    data = store.quiz.load()
    assert not data.revealed(r.uid, qid)
    assert data.love_map("a") == ({}, 0)
    assert data.round_view(r.uid).waiting_for() == ["b"]
    assert data.revealed_answers("a") == []
    with pytest.raises(InputError, match="already answered"):
        store.quiz.submit(r.uid, qid, "a", "again")
    store.quiz.submit(r.uid, qid, "b", "running", "knitting")
    data = Store.open(data_dir).quiz.load()  # as another session sees it
    assert data.revealed(r.uid, qid)
    (item,) = data.love_map("a")[0]["Preferences"]
    assert item.current.text == "knitting"
    # it lives in quiz.json, never in attune.json
    quiz = json.loads((data_dir / "quiz.json").read_text())
    assert sorted(a["text"] for a in quiz["answers"].values()) == ["knitting", "running"]
    assert "knitting" not in (data_dir / "attune.json").read_text()


def test_a_new_answer_keeps_the_old_one(store, clock):
    first = store.quiz.start_round("starter")
    qid = first.questions[0]
    play(store, first.uid, qid, ("knitting", "running"))
    clock.advance(days=30)
    second = store.quiz.start_round("starter")
    play(store, second.uid, qid, ("pottery", "running"))
    data = store.quiz.load()
    (sam,) = data.love_map("a")[0]["Preferences"]
    assert [a.text for a in sam.history] == ["knitting", "pottery"]
    assert sam.previous.text == "knitting" and sam.current.text == "pottery"
    assert sam.current.at.date().isoformat() == "2026-12-25"
    (alex,) = data.love_map("b")[0]["Preferences"]
    assert len(alex.history) == 2 and alex.previous is None  # same answer twice: no change to show


def test_a_write_from_another_session_is_seen_at_once(store, data_dir):
    r = store.quiz.start_round("starter")
    assert store.quiz.load().answers == []  # parsed and kept
    other = Store.open(data_dir, clock=store.clock)
    for n in range(5):  # same-size rewrites in quick succession
        other.quiz.submit(r.uid, r.questions[n], "a", f"answer {n}", "")
        assert [a.text for a in store.quiz.load().answers][-1] == f"answer {n}"
    folder = store.folder
    before = folder.reads[store.quiz.path]
    store.quiz.load()
    store.quiz.load()
    assert folder.reads[store.quiz.path] == before  # unchanged file: not read again


def test_only_the_partner_guessed_about_marks_and_only_after_the_reveal(store):
    r = store.quiz.start_round("starter")
    qid = r.questions[0]
    store.quiz.submit(r.uid, qid, "a", "knitting", "running")
    sam_guess = store.quiz.load().guesses[0]
    with pytest.raises(InputError, match="not revealed"):
        store.quiz.mark(sam_guess.uid, "b", "spot_on")
    store.quiz.submit(r.uid, qid, "b", "running", "knitting")
    with pytest.raises(InputError, match="only Alex"):
        store.quiz.mark(sam_guess.uid, "a", "spot_on")
    with pytest.raises(InputError, match="mark must be"):
        store.quiz.mark(sam_guess.uid, "b", "great")
    store.quiz.mark(sam_guess.uid, "b", "close")
    item = store.quiz.load().round_view(r.uid).items[0]
    assert item.guesses["a"].mark == "close"
    assert [m for m, _ in item.to_mark()] == ["a"]
    store.quiz.clear_mark(sam_guess.uid, "b")
    assert store.quiz.load().guesses[0].mark is None


def test_skip_and_close_reveal_what_was_given(store):
    r = store.quiz.start_round("starter")
    q1, q2 = r.questions[:2]
    store.quiz.submit(r.uid, q1, "a", "knitting", "running")
    store.quiz.skip(r.uid, q1, "b")
    view = store.quiz.load().round_view(r.uid)
    assert view.items[0].revealed and view.items[0].state == {"a": "answered", "b": "skipped"}
    assert view.items[0].to_mark() == []  # Sam's guess is about an answer Alex did not give
    store.quiz.submit(r.uid, q2, "b", "the move", "")
    assert store.quiz.load().love_map("b") == ({}, 0)
    store.quiz.close_round(r.uid)
    data = store.quiz.load()
    assert [i.current.text for g in data.love_map("b")[0].values() for i in g] == ["the move"]
    assert data.open_rounds() == []
    with pytest.raises(InputError, match="closed"):
        store.quiz.submit(r.uid, r.questions[2], "a", "x")


def test_empty_answer_and_unknown_things_are_refused(store):
    r = store.quiz.start_round("starter")
    with pytest.raises(InputError, match="empty"):
        store.quiz.submit(r.uid, r.questions[0], "a", "   ", "guess")
    with pytest.raises(InputError, match="not in this round"):
        store.quiz.submit(r.uid, "history.place", "a", "x")
    with pytest.raises(InputError, match="no deck"):
        store.quiz.start_round("nope")
    with pytest.raises(InputError, match="too long"):
        store.quiz.submit(r.uid, r.questions[0], "a", "x" * 2001)
    assert store.quiz.load().answers == []


def test_stale_answers_and_the_stale_round(store, clock):
    with pytest.raises(InputError, match="no stale answers"):
        store.quiz.start_round("stale")
    r = store.quiz.start_round("starter")
    play(store, r.uid, r.questions[0])
    clock.advance(days=91)
    data = store.quiz.load()
    assert data.on_file("a") == (1, 1)
    assert data.stale_question_ids() == [r.questions[0]]
    assert store.quiz.start_round("stale").questions == (r.questions[0],)
    store.quiz.update_settings(sensitive_questions=False, scoring=False, stale_days="120")
    assert store.quiz.load().on_file("a") == (1, 0)


def test_random_five(store):
    r = store.quiz.start_round("random", rng=random.Random(3))
    assert len(r.questions) == 5 and len(set(r.questions)) == 5
    assert not any(store.quiz.load().question(q).sensitive for q in r.questions)


def test_custom_questions_are_added_edited_and_retired(store):
    q = store.quiz.add_question("  What song reminds you of us? [b]x[/b] ", "Us", sensitive=False)
    assert q.text == "What song reminds you of us? [b]x[/b]" and q.custom
    r = store.quiz.start_round("custom")
    play(store, r.uid, q.id, ("ours", "theirs"))
    store.quiz.edit_question(q.id, "Which song is ours?", "Us", True)
    data = store.quiz.load()
    assert data.question(q.id).text == "Which song is ours?" and data.question(q.id).sensitive
    assert data.love_map("a") == ({}, 1)  # sensitive now, and sensitive questions are off
    store.quiz.edit_question(q.id, "Which song is ours?", "Us", False, retired=True)
    with pytest.raises(InputError, match="none in play|no deck|every question"):
        store.quiz.start_round("custom")
    assert [i.current.text for i in store.quiz.load().love_map("a")[0]["Us"]] == ["ours"]
    for text, category in (("", "Us"), ("two\nlines", "Us"), ("ok?", ""), ("ok?", "x" * 41)):
        with pytest.raises(InputError):
            store.quiz.add_question(text, category)
    with pytest.raises(InputError, match="only your own"):
        store.quiz.edit_question("starter.hobby", "x", "y", False)


def test_quiz_settings_are_checked(store):
    for bad in ("0", "ninety", "4000", ""):
        with pytest.raises(InputError, match="stale after"):
            store.quiz.update_settings(sensitive_questions=True, scoring=True, stale_days=bad)
    assert store.settings().scoring is False and store.settings().stale_days == 90
    store.quiz.update_settings(sensitive_questions=True, scoring=True, stale_days=" 30 ")
    s = store.settings()
    assert (s.sensitive_questions, s.scoring, s.stale_days) == (True, True, 30)


def test_scores_per_partner_and_category(store):
    r = store.quiz.start_round("starter")
    for qid, (m_sam, m_alex) in zip(r.questions[:2], (("spot_on", "missed"), ("close", "spot_on"))):
        play(store, r.uid, qid)
        guesses = {g.by: g for g in store.quiz.load().guesses if g.question == qid}
        store.quiz.mark(guesses["a"].uid, "b", m_sam)
        store.quiz.mark(guesses["b"].uid, "a", m_alex)
    per_partner, per_category = store.quiz.load().scores(r.uid)
    assert per_partner["a"].percent == 75 and per_partner["b"].percent == 50
    assert per_category["Preferences"]["a"].spot_on == 1
    assert per_category["Stresses and worries"]["b"].spot_on == 1


def test_corrupt_quiz_file_is_named_and_left_alone(store, data_dir):
    path = data_dir / "quiz.json"
    path.write_text('{"answers": {"1": {"uid": "x"}}}')
    with pytest.raises(CorruptFileError, match="quiz.json"):
        store.quiz.load()
    assert path.read_text() == '{"answers": {"1": {"uid": "x"}}}'


def test_quiz_modules_do_not_import_textual():
    out = subprocess.run(
        [sys.executable, "-c", "import sys, data.quiz, data.quiz_view, data.quiz_decks;"
         "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"],
        capture_output=True, text=True, cwd=REPO, check=True,
    )
    assert out.stdout.strip() == "[]"


def test_demo_has_quiz_history_changes_stale_answers_and_a_waiting_round(tmp_path):
    from data.demo import generate

    texts = []
    for run in ("one", "two"):
        data = generate(tmp_path / run, days=90, per_day=2).quiz.load()
        texts.append([a.text for a in data.answers])
        assert all(a.question in data.questions for a in data.answers)  # every id is a shipped question
        for pid in "ab":
            count, stale = data.on_file(pid)
            assert count >= 10 and stale >= 1
            changed = [i for group in data.love_map(pid)[0].values() for i in group if i.previous]
            assert changed, "some answers changed since the previous round"
        (waiting,) = data.open_rounds()
        assert waiting.waiting_for() == ["b"]
        assert not waiting.items[0].revealed  # Sam's answer there stays sealed
        assert {g.mark for g in data.guesses} >= {"spot_on", "close", "missed"}
    assert texts[0] == texts[1]  # reproducible from the seed


def test_quiz_survives_export_and_merge_import(store, tmp_path, clock):
    from data.exchange import export_json, import_data

    q = store.quiz.add_question("Which song is ours?", "Us")
    r = store.quiz.start_round("starter")
    play(store, r.uid, r.questions[0])
    old = export_json(store, tmp_path / "old.json")
    store.quiz.edit_question(q.id, "Which song is ours, really?", "Us", False)
    import_data(store, old)  # an older backup merged back in: adds nothing, undoes no edit
    raw = json.loads(store.quiz.path.read_text())
    assert len(raw["questions"]) == 1 and len(raw["answers"]) == 2
    assert store.quiz.load().question(q.id).text == "Which song is ours, really?"
    other = Store.open(tmp_path / "fresh", clock=clock)
    import_data(other, export_json(store, tmp_path / "new.json"))
    assert other.quiz.load().question(q.id).text == "Which song is ours, really?"
    assert [a.text for a in other.quiz.load().answers] == ["A", "B"]


def test_an_imported_answer_without_a_round_lets_rounds_go_on(store, tmp_path, clock):
    from data.exchange import export_json, import_data

    r = store.quiz.start_round("starter")
    play(store, r.uid, r.questions[0])
    data = json.loads(export_json(store, tmp_path / "x.json").read_text())
    del data["files"]["quiz.json"]["answers"][0]["round"]  # optional in the rules: an older or hand-made export
    (tmp_path / "x.json").write_text(json.dumps(data))
    other = Store.open(tmp_path / "other", clock=clock)
    import_data(other, tmp_path / "x.json")
    again = other.quiz.start_round("starter")
    other.quiz.submit(again.uid, again.questions[0], "a", "tea")
    other.quiz.skip(again.uid, again.questions[1], "b")
    assert [a.round for a in other.quiz.load().answers] == [None, r.uid, again.uid]


@pytest.mark.parametrize("count", [101, 501])
def test_a_round_of_a_big_deck_skipped_whole_is_a_file_attune_reads_back(store, data_dir, clock, count):
    rows = {str(i): {"id": f"custom.q{i}", "uid": f"20261125T183000-{i:08x}", "text": f"question {i}?",
                     "category": "Us", "sensitive": False, "retired": False} for i in range(1, count + 1)}
    (data_dir / "quiz.json").write_text(json.dumps({"questions": rows}))
    r = store.quiz.start_round("custom")
    assert len(r.questions) == min(count, 500)  # a round holds at most 500 (the rules' limit): the first ones
    for qid in r.questions[:101]:
        store.quiz.skip(r.uid, qid, "a")
    again = Store.open(data_dir, clock=clock)
    assert again.folder.damaged_files(clock.now.date()) == []
    assert len(again.quiz.load().rounds[r.uid].skips) == 101
