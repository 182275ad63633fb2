"""attune in a real terminal: a pty (what sshd gives a login), read through a terminal emulator.

The app starts as `python -m tui` under TERM=xterm-256color and TERM=screen (GNU screen, and
tmux's default), is resized the way a terminal window is (TIOCSWINSZ: the kernel sends SIGWINCH),
is driven with keys, and quits leaving the terminal as it found it.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import termios
import time

import pyte
import pytest

from tests.conftest import REPO
from tests.pty_app import CLEAN_ENV, PtyApp
from tui.terminal import drawing_glyphs

SGR = re.compile(rb"\x1b\[([0-9;:]*)m")
@pytest.fixture
def launch(store, data_dir):
    started: list[PtyApp] = []

    def start(term: str, *args: str, **kwargs) -> PtyApp:
        app = PtyApp(["--data-dir", str(data_dir), *args], term, **kwargs)
        started.append(app)
        return app

    yield start
    for app in started:
        app.kill()


def colours_used(raw: bytes) -> set[str]:
    """'truecolor', '256' and/or '16': the kinds of colour the app sent."""
    kinds = set()
    for params in SGR.findall(raw):
        parts = params.replace(b":", b";").split(b";")
        for i, p in enumerate(parts):
            if p in (b"38", b"48") and i + 1 < len(parts):
                kinds.add("truecolor" if parts[i + 1] == b"2" else "256")
            elif p.isdigit() and (30 <= int(p) <= 37 or 40 <= int(p) <= 47 or 90 <= int(p) <= 107):
                kinds.add("16")
    return kinds


@pytest.mark.parametrize("term", ["xterm-256color", "screen"])
def test_start_resize_type_and_quit(launch, term):
    app = launch(term)
    text = app.wait_for("Sam & Alex")
    assert "Love-map quiz" in text and "Ratio gauge" in text
    backgrounds = [cell.bg for row in app.screen.buffer.values() for cell in row.values()]
    on_default = backgrounds.count("default") / len(backgrounds)
    # 16 colours: the ANSI theme draws on the terminal's own background; otherwise the theme's.
    assert on_default == 1.0 if term == "screen" else on_default < 0.5, on_default
    assert "f1 Help" in app.screen.display[-1]  # the Footer sits on the last row

    app.resize(120, 40)  # a bigger window: the layout follows
    text = app.wait_for(lambda t: "f1 Help" in t.splitlines()[-1] and len(t.splitlines()) == 40)
    assert "press q" in text
    assert max(len(line.rstrip()) for line in text.splitlines()) > 100  # drawn across the new width

    app.resize(80, 24)
    app.wait_for(lambda t: len(t.splitlines()) == 24 and "f1 Help" in t.splitlines()[-1])

    app.press("g")  # keys work: open the gauge, then Escape home
    app.wait_for(lambda t: "Love-map quiz" not in t)
    app.press("\x1b")
    app.wait_for("Love-map quiz")

    app.press("\x11")  # Ctrl+Q
    assert app.wait_exit() == 0
    assert b"\x1b[?1049l" in app.raw[-2000:]  # back from the alternate screen: the shell is intact

    kinds = colours_used(bytes(app.raw))
    if term == "screen":
        assert kinds == {"16"}, kinds  # 16-colour terminal: only the 16 colours (the ANSI theme)
    else:
        assert "256" in kinds, kinds


@pytest.mark.parametrize("how", [["--ascii"], []])
def test_ascii_mode_in_a_real_terminal(launch, how):
    app = launch("screen", *how, env={} if how else {"ATTUNE_ASCII": "1"})
    text = app.wait_for("Sam & Alex")
    assert "+- Love-map quiz" in text
    assert drawing_glyphs(text) == set()
    app.press("\x11")
    assert app.wait_exit() == 0


def test_no_color_in_a_real_terminal(launch):
    app = launch("xterm-256color", env={"NO_COLOR": "1"})
    app.wait_for("Sam & Alex")
    app.press("\x11")
    assert app.wait_exit() == 0
    assert colours_used(bytes(app.raw)) == {"256"}  # no truecolour, no basic 16 slipping past below
    for params in SGR.findall(bytes(app.raw)):
        parts = params.split(b";")
        for i, p in enumerate(parts[:-2]):
            if p in (b"38", b"48") and parts[i + 1] == b"5":
                n = int(parts[i + 2])
                # greys only: the grey ramp, or the greys of the colour cube / the basic 16
                assert n >= 232 or n in (0, 7, 8, 15, 16, 59, 102, 145, 188, 231), params


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_inside_tmux(store, data_dir, tmp_path):
    sock = f"attune-test-{os.getpid()}"
    tmux = ["tmux", "-L", sock, "-f", "/dev/null"]
    env = {k: v for k, v in os.environ.items() if k not in CLEAN_ENV and k != "TMUX"}
    command = f"{sys.executable} -m tui --data-dir {data_dir}"
    subprocess.run([*tmux, "new-session", "-d", "-s", "t", "-x", "80", "-y", "24", command], check=True, env=env, cwd=REPO)
    try:
        def capture() -> str:
            return subprocess.run([*tmux, "capture-pane", "-p", "-t", "t"], capture_output=True, text=True, env=env).stdout

        def wait(check, timeout=30.0) -> str:
            deadline = time.monotonic() + timeout
            while not check(text := capture()):
                assert time.monotonic() < deadline, text
                time.sleep(0.2)
            return text

        wait(lambda t: "Sam & Alex" in t)
        subprocess.run([*tmux, "resize-window", "-t", "t", "-x", "100", "-y", "30"], check=True, env=env)
        text = wait(lambda t: len(t.splitlines()) >= 29 and "f1 Help" in t.splitlines()[-1])
        assert max(len(line.rstrip()) for line in text.splitlines()) > 90
        subprocess.run([*tmux, "send-keys", "-t", "t", "d"], check=True, env=env)
        wait(lambda t: "Love-map quiz" not in t)
        subprocess.run([*tmux, "send-keys", "-t", "t", "Escape"], check=True, env=env)
        wait(lambda t: "Love-map quiz" in t)
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True, env=env)


def test_a_terminal_gone_without_a_hangup_ends_attune(store, data_dir):
    """nohup/setsid, or a terminal window that crashed: the terminal goes away and no SIGHUP
    comes (here: a pty that is not the controlling terminal). Textual's input thread would spin
    at 100% CPU on end-of-file for ever; attune notices within a second or so and quits."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in CLEAN_ENV}
    proc = subprocess.Popen([sys.executable, "-m", "tui", "--data-dir", str(data_dir)], cwd=REPO,
                            stdin=slave, stdout=slave, stderr=slave, start_new_session=True,
                            env={**env, "TERM": "xterm-256color"})
    os.close(slave)
    screen = pyte.Screen(80, 24)
    stream = pyte.ByteStream(screen)
    deadline = time.monotonic() + 20
    while "Ratio gauge" not in "\n".join(screen.display) and time.monotonic() < deadline:
        if select.select([master], [], [], 0.1)[0]:
            stream.feed(os.read(master, 65536))
    assert "Ratio gauge" in "\n".join(screen.display)
    os.close(master)  # the terminal is gone; nobody sends a signal
    try:
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)


def test_ctrl_z_suspends_and_fg_draws_the_whole_screen_again(launch):
    """Ctrl+Z stops attune as any terminal program; back in the foreground (SIGCONT, what `fg`
    sends) it draws the whole screen again, not only what changed meanwhile."""
    app = launch("xterm-256color")
    app.wait_for("Love-map quiz")
    app.press("\x1a")
    deadline = time.monotonic() + 20
    while True:  # stopped, as the shell would see it
        app.pump(0.05)
        pid, status = os.waitpid(app.pid, os.WUNTRACED | os.WNOHANG)
        if pid and os.WIFSTOPPED(status):
            break
        assert time.monotonic() < deadline, app.text
    app.stream.feed(b"\x1b[2J\x1b[H$ ")  # the shell's prompt over it meanwhile
    os.kill(app.pid, signal.SIGCONT)
    text = app.wait_for("Love-map quiz")
    assert "Ratio gauge" in text and "Weekly review" in text
    app.press("\x11")
    assert app.wait_exit() == 0
