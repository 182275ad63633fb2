"""Encryption at rest (data/crypt.py): what a couple wrote is in no file under an encrypted folder,
backups included; the standard `age` tool opens a month with the recovery key; a wrong
passphrase is one line and changes nothing; unlock, lock, rekey, decrypt; exports; an
interrupted conversion; the app's first frame and onboarding.

Most tests unlock with the recovery key (no scrypt): the passphrase path costs a second or so."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from data import Store, crypt
from data.backup import take
from data.errors import DataError, LockedError
from data.exchange import export_data
from tests.conftest import REPO, run_cli, screen_text, wait_for

PASSPHRASE = "correct horse battery staple"
MARK = "zq-secret-7731"


@pytest.fixture
def encrypted(store, tmp_path):
    """The store's folder, encrypted; files holding the passphrase and the recovery key."""
    cipher = crypt.Cipher.generate()
    crypt.convert(store.folder, cipher, True, PASSPHRASE)
    (tmp_path / "pass").write_text(PASSPHRASE + "\n")
    (tmp_path / "recovery").write_text(cipher.secret + "\n")
    return store, cipher


def snapshot(folder) -> dict:
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def age_decrypt(key_file, path) -> bytes:
    """With Debian's `age` (CI installs it: `make tools`); where it is missing, rage, the
    reference Rust implementation of the same format, through pyrage."""
    tool = shutil.which("age")
    if tool:
        return subprocess.run([tool, "-d", "-i", str(key_file), str(path)], capture_output=True, check=True).stdout
    import pyrage

    return pyrage.decrypt(path.read_bytes(), [pyrage.x25519.Identity.from_str(key_file.read_text().strip())])


def test_what_a_couple_writes_is_in_no_file_and_age_opens_a_month(encrypted, data_dir, tmp_path, clock):
    store, _cipher = encrypted
    negative = store.interactions.log("a", False, f"{MARK} note", "criticism")
    store.interactions.log("b", True, f"{MARK} kind word")
    store.interactions.add_repair(negative.uid, "b", ["sorry"], True, f"{MARK} repair")
    store.interactions.start_conflict()
    store.daily.save("a", 2, f"{MARK} happened", f"{MARK} on mind", f"{MARK} would help")
    rnd = store.quiz.start_round("starter")
    store.quiz.submit(rnd.uid, rnd.questions[0], "a", f"{MARK} answer a", f"{MARK} guess a")
    store.quiz.submit(rnd.uid, rnd.questions[0], "b", f"{MARK} answer b", f"{MARK} guess b")
    store.quiz.add_question(f"{MARK} a question of ours?", "dreams")
    minutes = store.review.start()
    store.review.say(minutes.uid, "appreciations", "a", f"{MARK} thank you")
    store.review.set_issue(minutes.uid, f"{MARK} the issue", "b")
    store.review.finish(minutes.uid, f"{MARK} minutes")
    store.rename_partner("a", "Samwise")
    take(store.folder, clock(), "manual", store.folder.data_files())  # and a backup of all of it

    files = snapshot(data_dir)
    assert any(path.parts[0] == "backups" for path in files) and len(files) > 8
    for path, content in files.items():
        for plain in (MARK.encode(), b"Samwise", b"Alex", b"criticism", b"partners"):
            assert plain not in content, f"{plain!r} in {path}"
    month = data_dir / "months" / f"{clock():%Y-%m}.json"
    opened = age_decrypt(tmp_path / "recovery", month)
    assert f"{MARK} note".encode() in opened and f"{MARK} happened".encode() in opened
    # What the app shows still reads back whole.
    again = Store.open(data_dir, clock=clock, cipher=crypt.Cipher((tmp_path / "recovery").read_text().strip()))
    assert [e.note for e in again.interactions.today()] == [f"{MARK} note", f"{MARK} kind word"]
    assert [p.name for p in again.partners()] == ["Samwise", "Alex"]


def test_a_wrong_passphrase_is_one_line_and_changes_nothing(encrypted, data_dir, tmp_path):
    before = snapshot(data_dir)
    (tmp_path / "wrong").write_text("not the passphrase at all\n")
    r = run_cli("--passphrase-file", str(tmp_path / "wrong"), "log", "+", "--by", "Sam", "hi", data_dir=data_dir)
    assert r.returncode == 1 and r.stdout == ""
    assert r.stderr == "attune: wrong passphrase; nothing was read or changed\n"
    assert snapshot(data_dir) == before
    # The right one works, and so does the recovery key in its place.
    r = run_cli("--passphrase-file", str(tmp_path / "pass"), "log", "+", "--by", "Sam", "hello", data_dir=data_dir)
    assert r.returncode == 0, r.stderr
    r = run_cli("--passphrase-file", str(tmp_path / "recovery"), "status", data_dir=data_dir)
    assert r.returncode == 0 and r.stdout.startswith("today 1+ 0-"), r.stderr


def test_without_a_key_the_cli_says_how_to_unlock(encrypted, data_dir, tmp_path):
    r = run_cli("status", data_dir=data_dir, env={"XDG_RUNTIME_DIR": str(tmp_path)})
    assert r.returncode != 0 and len(r.stderr.splitlines()) == 1
    assert "attune unlock" in r.stderr and "--passphrase-file" in r.stderr


def test_unlock_lasts_a_while_then_lock_ends_it(encrypted, data_dir, tmp_path, clock):
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    env = {"XDG_RUNTIME_DIR": str(runtime)}
    r = run_cli("--passphrase-file", str(tmp_path / "recovery"), "unlock", "--hours", "2", data_dir=data_dir, env=env)
    assert r.returncode == 0 and "unlocked" in r.stdout, r.stderr
    kept = list((runtime / "attune").iterdir())
    assert len(kept) == 1 and kept[0].stat().st_mode & 0o777 == 0o600
    assert (runtime / "attune").stat().st_mode & 0o777 == 0o700
    assert run_cli("log", "+", "--by", "Alex", "tea", data_dir=data_dir, env=env).returncode == 0
    r = run_cli("status", data_dir=data_dir, env=env)
    assert r.returncode == 0 and r.stdout.startswith("today 1+"), r.stderr
    # It expires: two hours on, this process's clock finds it stale and removes it.
    import os

    os.environ["XDG_RUNTIME_DIR"] = str(runtime)
    try:
        assert crypt.session_cipher(data_dir) is not None
        clock.advance(hours=2, seconds=1)
        assert crypt.session_cipher(data_dir) is None and not kept[0].exists()
    finally:
        del os.environ["XDG_RUNTIME_DIR"]
    run_cli("--passphrase-file", str(tmp_path / "recovery"), "unlock", data_dir=data_dir, env=env)
    r = run_cli("lock", data_dir=data_dir, env=env)
    assert r.returncode == 0 and "locked" in r.stdout
    assert run_cli("status", data_dir=data_dir, env=env).returncode != 0


def test_rekey_changes_only_the_key_file(encrypted, data_dir, tmp_path):
    store, cipher = encrypted
    store.interactions.log("a", True, "before the rekey")
    before = snapshot(data_dir)
    (tmp_path / "new").write_text("a whole new passphrase\n")
    r = run_cli("--passphrase-file", str(tmp_path / "pass"), "rekey", "--new-passphrase-file", str(tmp_path / "new"),
                data_dir=data_dir)
    assert r.returncode == 0, r.stderr
    after = snapshot(data_dir)
    changed = {path for path in after if after[path] != before.get(path)}
    assert changed == {Path("key.age")}
    with pytest.raises(LockedError, match="wrong passphrase"):
        crypt.unlock(data_dir, PASSPHRASE)
    assert crypt.unlock(data_dir, "a whole new passphrase").secret == cipher.secret  # same data key
    assert crypt.unlock(data_dir, cipher.secret).secret == cipher.secret  # the recovery key still works


def test_decrypt_gives_back_the_same_data_as_plain_files(encrypted, data_dir, tmp_path, clock):
    store, _cipher = encrypted
    store.interactions.log("a", True, f"{MARK} after encrypting")
    wanted = export_data(store)["files"]
    r = run_cli("--passphrase-file", str(tmp_path / "recovery"), "decrypt", data_dir=data_dir)
    assert r.returncode == 0, r.stderr
    assert not (data_dir / "key.age").exists()
    assert MARK.encode() in (data_dir / "months" / f"{clock():%Y-%m}.json").read_bytes()
    assert export_data(Store.open(data_dir, clock=clock))["files"] == wanted


def test_exports_are_encrypted_unless_asked_and_reports_warn(encrypted, data_dir, tmp_path):
    store, _cipher = encrypted
    store.interactions.log("a", True, f"{MARK} export me")
    key = ["--passphrase-file", str(tmp_path / "recovery")]
    r = run_cli(*key, "export", "--out", str(tmp_path / "all.json"), data_dir=data_dir)
    assert r.returncode == 0 and "encrypted like the folder" in r.stderr, r.stderr
    sealed = (tmp_path / "all.json").read_bytes()
    assert sealed.startswith(b"age-encryption.org/v1") and MARK.encode() not in sealed
    assert MARK.encode() in age_decrypt(tmp_path / "recovery", tmp_path / "all.json")
    r = run_cli(*key, "export", "--plaintext", "--out", str(tmp_path / "plain.json"), data_dir=data_dir)
    assert r.returncode == 0 and "NOT encrypted" in r.stderr
    assert MARK in json.dumps(json.loads((tmp_path / "plain.json").read_text()))
    r = run_cli(*key, "export", "--format", "md", "--out", str(tmp_path / "week.md"), data_dir=data_dir)
    assert r.returncode == 0 and "plain text" in r.stderr
    # The encrypted export imports back into its own folder, and is refused by a plain one.
    r = run_cli(*key, "import", str(tmp_path / "all.json"), data_dir=data_dir)
    assert r.returncode == 0 and "held nothing new" in r.stdout, r.stderr
    r = run_cli("import", str(tmp_path / "all.json"), data_dir=tmp_path / "other")
    assert r.returncode == 2 and "is encrypted" in r.stderr and len(r.stderr.splitlines()) == 1


def test_an_interrupted_conversion_is_undone_or_finished_at_the_next_open(store, data_dir, clock):
    store.interactions.log("a", True, f"{MARK} kept")
    wanted = export_data(store)["files"]
    # Killed before key.age was written: nothing was encrypted, the marker goes.
    (data_dir / ".converting").write_bytes(b"encrypt")
    again = Store.open(data_dir, clock=clock)
    assert not (data_dir / ".converting").exists() and export_data(again)["files"] == wanted
    # Killed half way: key.age and some files encrypted, others not. The next open finishes it.
    cipher = crypt.Cipher.generate()
    crypt.rekey(store.folder, cipher, PASSPHRASE)  # key.age written, as a killed `attune encrypt` leaves it
    (data_dir / ".converting").write_bytes(cipher.encrypt(b"encrypt"))  # as attune writes it
    main = data_dir / "attune.json"
    main.write_bytes(cipher.encrypt(main.read_bytes()))
    with pytest.raises(LockedError):
        Store.open(data_dir, clock=clock)
    finished = Store.open(data_dir, clock=clock, cipher=cipher)
    assert not (data_dir / ".converting").exists()
    assert all(crypt.is_encrypted(p.read_bytes()) for p in finished.folder.all_data_files())
    assert export_data(finished)["files"] == wanted


def test_a_session_opened_before_encrypting_refuses_to_write_plain_text(store, data_dir, tmp_path):
    cipher = crypt.Cipher.generate()
    other = Store.open(data_dir)  # another attune, opened on the plain folder
    crypt.convert(store.folder, cipher, True, PASSPHRASE)
    with pytest.raises(DataError, match="was encrypted by another attune since this one opened it: nothing was read or saved; start attune again"):
        other.interactions.log("a", True, f"{MARK} late")
    assert all(MARK.encode() not in content for content in snapshot(data_dir).values())


async def test_the_apps_first_frame_asks_and_a_wrong_passphrase_says_so(encrypted, data_dir):
    from tui.app import AttuneApp

    app = AttuneApp(None, locked=data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, "This folder is encrypted")
        await pilot.press(*"wrong passphrase", "enter")
        await wait_for(pilot, "Wrong passphrase; nothing was read or changed")
        assert app.screen.query_one("#secret").value == "" and app.store is None
        await pilot.press(*PASSPHRASE, "enter")
        await wait_for(pilot, "Sam & Alex", "Ratio gauge")  # home, read from the encrypted folder
        await pilot.press("g")
        await wait_for(pilot, "Everyday")
        await pilot.press("e")  # Sam +
        await pilot.pause()
    assert app.store.folder.cipher.secret == encrypted[1].secret
    [item] = Store.open(data_dir, cipher=encrypted[1]).interactions.today()
    assert (item.by, item.positive) == ("a", True)
    assert crypt.is_encrypted((data_dir / "months" / f"{item.at:%Y-%m}.json").read_bytes())


async def test_onboarding_encrypts_and_shows_the_recovery_key_once(data_dir, clock, tmp_path):
    from tui.app import AttuneApp

    store = Store.open(data_dir, clock=clock)
    app = AttuneApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, "Welcome to attune")
        await pilot.click("#name-a")
        await pilot.press(*"Sam")
        await pilot.click("#name-b")
        await pilot.press(*"Alex")
        assert "passphrase ✓" not in screen_text(app)
        await pilot.click("#encrypt")
        assert "Encrypt this folder with a passphrase ✓" in screen_text(app)  # ticked: said, not only coloured
        await pilot.press(*"short", "enter", *"short", "enter")
        await wait_for(pilot, "shorter than 8 characters")
        assert not (data_dir / "key.age").exists() and store.partners() == []
        for field in ("#pass-1", "#pass-2"):
            app.screen.query_one(field).clear()
        await pilot.click("#pass-1")
        await pilot.press(*PASSPHRASE, "enter", *PASSPHRASE, "enter")
        await wait_for(pilot, "Your recovery key", within=30)
        key = str(app.screen.query_one("#recovery-key").content)
        assert key.startswith("AGE-SECRET-KEY-1") and key in screen_text(app)
        await pilot.click("#kept")
        await wait_for(pilot, "Sam & Alex")
    assert crypt.is_encrypted((data_dir / "attune.json").read_bytes())
    (tmp_path / "k").write_text(key + "\n")
    assert b'"Sam"' in age_decrypt(tmp_path / "k", data_dir / "attune.json")


async def test_escape_at_the_prompt_leaves_it_locked(encrypted, data_dir):
    from tui.app import AttuneApp

    before = snapshot(data_dir)
    app = AttuneApp(None, locked=data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, "This folder is encrypted", "Quit, leave it locked")
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_code == 1 and "was left locked; nothing was read or changed" in app.exit_line
    assert snapshot(data_dir) == before


# -- what a hostile folder or a careless moment must not do -------------------------------------
def test_a_planted_decrypt_marker_never_turns_the_encryption_off(encrypted, data_dir, clock):
    store, cipher = encrypted
    store.interactions.log("a", True, f"{MARK} kept secret")
    for planted in (b"decrypt", b"", b"encrypt"):
        (data_dir / ".converting").write_bytes(planted)
        again = Store.open(data_dir, clock=clock, cipher=cipher)
        assert (data_dir / "key.age").exists() and not (data_dir / ".converting").exists()
        assert all(crypt.is_encrypted(p.read_bytes()) for p in again.folder.all_data_files())
        assert any("attune did not write it" in w for w in again.folder.warnings)
    # A real `attune decrypt` killed half way (its marker, some files plain) is undone.
    month = next((data_dir / "months").iterdir())
    month.write_bytes(cipher.decrypt(month.read_bytes(), month))
    (data_dir / ".converting").write_bytes(cipher.encrypt(b"decrypt"))
    again = Store.open(data_dir, clock=clock, cipher=cipher)
    assert crypt.is_encrypted(month.read_bytes()) and not (data_dir / ".converting").exists()
    assert any("interrupted `attune decrypt` was undone" in w for w in again.folder.warnings)


def test_a_plain_file_planted_in_an_encrypted_folder_is_refused_as_damaged(encrypted, data_dir, clock, tmp_path):
    from data.errors import CorruptFileError

    _store, cipher = encrypted
    (data_dir / "attune.json").write_text('{"partners": {"1": {"id": "a", "name": "Mallory"}}}')
    with pytest.raises(CorruptFileError, match="not encrypted, though this folder is"):
        Store.open(data_dir, clock=clock, cipher=cipher).partners()
    (data_dir / ".converting").mkdir()  # nor with a marker attune did not write
    with pytest.raises(CorruptFileError, match="not encrypted, though this folder is"):
        Store.open(data_dir, clock=clock, cipher=cipher).partners()
    # `attune decrypt` does not take it in either: nothing changes.
    before = snapshot(data_dir)
    r = run_cli("--passphrase-file", str(tmp_path / "recovery"), "decrypt", data_dir=data_dir)
    assert r.returncode == 1 and "is not encrypted, though this folder is" in r.stderr
    assert snapshot(data_dir) == before


def test_two_encrypts_at_once_leave_one_key_that_opens_the_folder(store, data_dir, tmp_path):
    (tmp_path / "p1").write_text("first passphrase one\n")
    (tmp_path / "p2").write_text("second passphrase two\n")
    runs = [subprocess.Popen([sys.executable, "-m", "tui", "--data-dir", str(data_dir),
                              "--passphrase-file", str(tmp_path / name), "encrypt"], cwd=REPO,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for name in ("p1", "p2")]
    results = [(proc.wait(), proc.stdout.read(), proc.stderr.read()) for proc in runs]
    winners = [i for i, (code, _out, _err) in enumerate(results) if code == 0]
    assert len(winners) == 1, results
    loser = results[1 - winners[0]]
    assert "encrypted by another attune just now" in loser[2] or "already encrypted" in loser[2], loser
    key = crypt.unlock(data_dir, ("first passphrase one", "second passphrase two")[winners[0]])
    assert [p.name for p in Store.open(data_dir, cipher=key).partners()] == ["Sam", "Alex"]


def test_init_encrypt_on_an_already_encrypted_empty_folder_keeps_its_key(data_dir, tmp_path):
    (tmp_path / "pass").write_text(PASSPHRASE + "\n")
    key = ["--passphrase-file", str(tmp_path / "pass")]
    Store.open(data_dir)
    assert run_cli(*key, "encrypt", data_dir=data_dir).returncode == 0
    r = run_cli(*key, "init", "--encrypt", "Sam", "Alex", data_dir=data_dir)
    assert r.returncode == 0 and "AGE-SECRET-KEY-1" in r.stdout, r.stderr
    r = run_cli(*key, "status", data_dir=data_dir)
    assert r.returncode == 0 and r.stdout.startswith("today 0+"), r.stderr


def test_a_damaged_backup_stops_decrypt_before_it_changes_anything(encrypted, data_dir, tmp_path, clock):
    store, _cipher = encrypted
    take(store.folder, clock(), "manual", store.folder.data_files())
    copy = next(p for p in (data_dir / "backups").rglob("attune.json"))
    raw = bytearray(copy.read_bytes())
    raw[-3] ^= 1
    copy.write_bytes(bytes(raw))
    before = snapshot(data_dir)
    r = run_cli("--passphrase-file", str(tmp_path / "recovery"), "decrypt", data_dir=data_dir)
    assert r.returncode == 1 and len(r.stderr.splitlines()) == 1
    assert "nothing was changed: it is an old backup copy: delete it" in r.stderr and str(copy) in r.stderr
    assert snapshot(data_dir) == before
    assert run_cli("--passphrase-file", str(tmp_path / "recovery"), "status", data_dir=data_dir).returncode == 0


def test_an_unreadable_backup_stops_encrypt_before_it_changes_anything(store, data_dir, tmp_path, clock,
                                                                        monkeypatch, capsys):
    import errno
    import os

    from tui.cli import main

    take(store.folder, clock(), "manual", store.folder.data_files())
    copy = next(p for p in (data_dir / "backups").rglob("attune.json"))
    real_open = os.open  # as if it were mode 000 (which root could still read)

    def refused(path, flags, *args, **kwargs):
        if Path(path) == copy:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refused)
    (tmp_path / "pass").write_text(PASSPHRASE + "\n")
    before = snapshot(data_dir)
    assert main(["--data-dir", str(data_dir), "--passphrase-file", str(tmp_path / "pass"), "encrypt"]) == 1
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and str(copy) in err and "nothing was changed" in err, err
    assert snapshot(data_dir) == before
    assert main(["--data-dir", str(data_dir), "status"]) == 0, capsys.readouterr().err


def test_a_damaged_or_missing_key_file_points_to_the_recovery_key(encrypted, data_dir, tmp_path):
    _store, cipher = encrypted
    good = (data_dir / "key.age").read_bytes()
    (data_dir / "key.age").write_bytes(good[:40])
    with pytest.raises(LockedError, match="damaged: unlock with the recovery key"):
        crypt.unlock(data_dir, PASSPHRASE)
    (data_dir / "key.age").unlink()
    r = run_cli("--passphrase-file", str(tmp_path / "pass"), "status", data_dir=data_dir)
    assert r.returncode == 1 and "key.age is missing" in r.stderr
    # The recovery key makes a new key file, with a new passphrase; the data is as it was.
    (tmp_path / "new").write_text("a passphrase after the loss\n")
    r = run_cli("--passphrase-file", str(tmp_path / "recovery"), "rekey", "--new-passphrase-file", str(tmp_path / "new"),
                data_dir=data_dir)
    assert r.returncode == 0, r.stderr
    assert crypt.unlock(data_dir, "a passphrase after the loss").secret == cipher.secret


def test_the_recovery_key_is_forgiven_spaces_breaks_and_case_and_can_be_shown_again(encrypted, data_dir, tmp_path):
    _store, cipher = encrypted
    typed = cipher.secret[:40] + "\n  " + cipher.secret[40:].lower() + " "
    assert crypt.unlock(data_dir, typed).secret == cipher.secret
    r = run_cli("--passphrase-file", str(tmp_path / "pass"), "recovery-key", data_dir=data_dir)
    assert r.returncode == 0 and cipher.secret in r.stdout
    assert max(len(line) for line in r.stdout.splitlines()) <= 80


def test_a_session_for_an_older_key_is_dropped_not_obeyed(encrypted, data_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    crypt.start_session(data_dir, crypt.Cipher.generate())  # the folder was encrypted anew since
    assert crypt.session_cipher(data_dir) is None and not crypt.session_path(data_dir).exists()
    crypt.start_session(data_dir, encrypted[1])
    assert crypt.session_cipher(data_dir).secret == encrypted[1].secret


def test_a_passphrase_must_be_typeable(tmp_path):
    from data.errors import InputError

    for bad in ("\x00" * 20, "with an escape \x1b[31m", "short"):
        with pytest.raises(InputError):
            crypt.check_passphrase(bad)


def test_a_session_file_others_could_read_is_not_used(encrypted, data_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    crypt.start_session(data_dir, encrypted[1])
    crypt.session_path(data_dir).chmod(0o644)
    assert crypt.session_cipher(data_dir) is None and not crypt.session_path(data_dir).exists()
    monkeypatch.setenv("XDG_RUNTIME_DIR", "relative/run")
    with pytest.raises(DataError, match="XDG_RUNTIME_DIR"):
        crypt.session_path(data_dir)


def test_encrypt_refuses_a_folder_whose_key_file_is_gone(encrypted, data_dir, tmp_path):
    encrypted[0].interactions.log("a", True, "a month under the old key")
    (data_dir / "key.age").unlink()
    (data_dir / "attune.json").unlink()
    before = snapshot(data_dir)
    r = run_cli("--passphrase-file", str(tmp_path / "pass"), "encrypt", data_dir=data_dir)
    assert r.returncode == 2 and "key.age is missing" in r.stderr and "attune rekey" in r.stderr
    assert snapshot(data_dir) == before


def test_a_session_is_not_trusted_with_nothing_to_check_it_against(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    folder = tmp_path / "only-a-key"
    folder.mkdir(mode=0o700)
    crypt.start_session(folder, crypt.Cipher.generate())
    assert crypt.session_cipher(folder) is None


def test_control_characters_are_refused_in_a_new_passphrase():
    from data.errors import InputError

    for bad in ("abcd\x9b31mefghij", "zero\u200bwidth space", "line\u2028separator"):
        with pytest.raises(InputError, match="control characters"):
            crypt.check_passphrase(bad)


async def test_a_recovery_key_pasted_over_two_lines_unlocks(encrypted, data_dir):
    from textual import events

    from tui.app import AttuneApp

    key = encrypted[1].secret
    app = AttuneApp(None, locked=data_dir)
    async with app.run_test(size=(60, 20)) as pilot:
        await wait_for(pilot, "This folder is encrypted")
        app.screen.query_one("#secret").post_message(events.Paste(key[:40] + "\n" + key[40:].lower() + "\n"))
        await pilot.pause()
        await pilot.press("enter")
        await wait_for(pilot, "Sam & Alex")


async def test_the_screen_keeps_answering_while_the_passphrase_is_stretched(encrypted, data_dir):
    """scrypt takes a second or so, and pyrage holds the GIL while it runs: in a thread of the
    app it froze the screen (no redraw, no key). Run apart, the app goes on answering."""
    from tui.app import AttuneApp

    app = AttuneApp(None, locked=data_dir)
    async with app.run_test(size=(60, 20)) as pilot:
        await wait_for(pilot, "This folder is encrypted")
        await pilot.press(*"wrong passphrase", "enter")
        turns = 0
        while app.screen.busy:  # each pause needs the event loop
            await pilot.pause(0.01)
            turns += 1
        assert turns >= 5
        await wait_for(pilot, "Wrong passphrase")
        await pilot.press(*PASSPHRASE, "enter")
        await wait_for(pilot, "Sam & Alex")


def test_the_unlock_apart_never_imports_a_data_package_from_the_current_folder(encrypted, data_dir, tmp_path,
                                                                               monkeypatch):
    """Started from a project folder that has its own `data` package, the child that gets the
    passphrase still runs attune's code; and a child that cannot start is one line, not a crash."""
    planted = tmp_path / "elsewhere" / "data"
    planted.mkdir(parents=True)
    (planted / "__init__.py").write_text("")
    (planted / "crypt.py").write_text(f"import sys; open({str(tmp_path / 'stolen')!r}, 'w').write(sys.stdin.read())\n")
    monkeypatch.chdir(planted.parent)
    monkeypatch.delenv("PYTHONPATH", raising=False)
    assert crypt.unlock_apart(data_dir, PASSPHRASE).secret == encrypted[1].secret
    with pytest.raises(LockedError, match="wrong passphrase"):
        crypt.unlock_apart(data_dir, "not it at all")
    assert not (tmp_path / "stolen").exists()
    monkeypatch.setattr(sys, "executable", str(tmp_path / "no-python"))
    with pytest.raises(LockedError, match="the unlock stopped .*nothing was read or changed"):
        crypt.unlock_apart(data_dir, PASSPHRASE)


async def test_a_passphrase_typed_while_the_last_is_tried_is_tried_next(encrypted, data_dir):
    """Keys typed after Enter go on to the box: a wrong passphrase, then at once the right one."""
    from tui.app import AttuneApp

    app = AttuneApp(None, locked=data_dir)
    async with app.run_test(size=(60, 20)) as pilot:
        await wait_for(pilot, "This folder is encrypted")
        await pilot.press(*"wrong passphrase", "enter", *PASSPHRASE, "enter")
        await wait_for(pilot, "Sam & Alex", within=60)
