"""attune on a real pseudo-terminal (what sshd gives a login), read through a terminal emulator."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time

import pyte

from tests.conftest import REPO

CLEAN_ENV = ("COLORTERM", "NO_COLOR", "ATTUNE_ASCII", "TEXTUAL_COLOR_SYSTEM", "TEXTUAL_DRIVER", "COLUMNS", "LINES")


class PtyApp:
    """`attune ARGS` on a pseudo-terminal, with the screen a user would see."""

    def __init__(self, args: list[str], term: str, cols: int = 80, rows: int = 24, env: dict | None = None,
                 entry: tuple[str, ...] = ("-m", "tui")) -> None:
        child_env = {k: v for k, v in os.environ.items() if k not in CLEAN_ENV}
        child_env.update(TERM=term, **(env or {}))
        pid, fd = pty.fork()
        if pid == 0:  # pragma: no cover - the child becomes attune
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            os.chdir(REPO)
            os.execve(sys.executable, [sys.executable, *entry, *args], child_env)
        self.pid, self.fd = pid, fd
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()
        self.status: int | None = None

    @property
    def text(self) -> str:
        return "\n".join(self.screen.display)

    def pump(self, seconds: float) -> bool:
        """Read output for up to `seconds`; False once the app has closed the terminal."""
        ready, _, _ = select.select([self.fd], [], [], seconds)
        if not ready:
            return True
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # EIO: the child has exited
            return False
        if not data:
            return False
        self.raw += data
        self.stream.feed(data)
        return True

    def wait_for(self, want, timeout: float = 30.0) -> str:
        """Until `want` (text, or a test on the screen text) holds; then a short settle."""
        check = want if callable(want) else (lambda text: want in text)
        deadline = time.monotonic() + timeout
        while not check(self.text):
            assert time.monotonic() < deadline, f"waited {timeout}s for {want!r}; the screen:\n{self.text}"
            assert self.pump(0.1), f"attune exited; the screen:\n{self.text}"
        end = time.monotonic() + 0.3
        while time.monotonic() < end and self.pump(0.05):
            pass
        return self.text

    def press(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def resize(self, cols: int, rows: int) -> None:
        self.screen.resize(rows, cols)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

    def wait_exit(self, timeout: float = 20.0) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.pump(0.1):
                break
        _, status = os.waitpid(self.pid, 0)
        self.status = os.waitstatus_to_exitcode(status)
        os.close(self.fd)
        return self.status

    def kill(self) -> None:
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            try:
                os.close(self.fd)
            except OSError:
                pass
