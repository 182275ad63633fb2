"""Sealed means sealed: until both partners are in, an answer or guess is in no export (JSON from
the CLI or the palette, Markdown, CSV); the export says how many it left out. Once both are in,
the same export holds them (so these tests can fail)."""

from __future__ import annotations

import json

from tests.conftest import run_cli, wait_for, toast_text

SECRET_ANSWER = "sealed-answer-7f3a: a shed by the sea"
SECRET_GUESS = "sealed-guess-9c1d: bouldering"


def everything_under(folder) -> str:
    return "\n".join(p.read_text(errors="replace") for p in sorted(folder.rglob("*")) if p.is_file())


def one_sealed(store) -> tuple[str, str]:
    rnd = store.quiz.start_round("starter")
    qid = rnd.questions[0]
    store.quiz.submit(rnd.uid, qid, "a", SECRET_ANSWER, SECRET_GUESS)
    return rnd.uid, qid


def test_no_export_format_holds_a_sealed_answer_and_the_json_says_how_many(store, data_dir, tmp_path):
    round_uid, qid = one_sealed(store)
    out = tmp_path / "out"
    out.mkdir()
    said = []
    for fmt, target in (("json", out / "all.json"), ("md", out / "week.md"), ("csv", out / "csv")):
        r = run_cli("export", "--format", fmt, "--out", str(target), data_dir=data_dir)
        assert r.returncode == 0, r.stderr
        said.append(r.stdout + r.stderr)
    assert (out / "all.json").exists() and (out / "week.md").exists() and (out / "csv").is_dir()
    written = everything_under(out)
    for secret in (SECRET_ANSWER, SECRET_GUESS):
        assert secret not in written and secret not in "".join(said)
    data = json.loads((out / "all.json").read_text())
    assert data["sealed"]["answers"] == 1 and data["sealed"]["guesses"] == 1
    assert said[0].rstrip().endswith("left out until both of you are in: 1 sealed quiz answer and 1 sealed quiz guess")
    # The rest of the quiz is there: the round itself, and nothing else was dropped.
    assert [r["uid"] for r in data["files"]["quiz.json"]["rounds"]] == [round_uid]

    # Once the other partner is in, both answers are revealed and exported.
    store.quiz.submit(round_uid, qid, "b", "a walk", "a shed")
    r = run_cli("export", "--format", "json", "--out", str(tmp_path / "after.json"), data_dir=data_dir)
    after = (tmp_path / "after.json").read_text()
    assert SECRET_ANSWER in after and SECRET_GUESS in after and "sealed" not in json.loads(after)
    assert "left out" not in r.stdout


def test_closing_a_round_early_is_what_reveals_and_exports_them(store, tmp_path):
    from data.exchange import export_json

    round_uid, _qid = one_sealed(store)
    assert SECRET_ANSWER not in export_json(store, tmp_path / "before.json").read_text()
    store.quiz.close_round(round_uid)
    assert SECRET_ANSWER in export_json(store, tmp_path / "after.json").read_text()


async def test_the_palette_export_leaves_them_out_and_says_so(make_app, store, tmp_path):
    one_sealed(store)
    app = make_app()
    app.export_dir = tmp_path
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        app.action_export("json")
        await wait_for(pilot, "Saved to", until=lambda: "until both of you are in" in toast_text(app))
    [path] = tmp_path.glob("attune-export-*.json")
    assert SECRET_ANSWER not in path.read_text() and SECRET_GUESS not in path.read_text()
