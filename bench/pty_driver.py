"""Run a program under a real pseudo-terminal and read its screen (through pyte)."""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time

import pyte


class PtyApp:
    def __init__(self, argv: list[str], cols: int = 80, rows: int = 24, env: dict | None = None) -> None:
        self.cols, self.rows = cols, rows
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        full_env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(cols), "LINES": str(rows), **(env or {})}
        full_env.pop("NO_COLOR", None)
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=full_env, start_new_session=True, close_fds=True
        )
        os.close(slave)
        self.fd = master
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def pump(self, timeout: float) -> float | None:
        """Read what is ready within `timeout`; returns the time the bytes arrived, None if nothing did."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return None
        arrived = time.perf_counter()
        try:
            data = os.read(self.fd, 1 << 16)
        except OSError:
            return None
        self.stream.feed(data)
        return arrived

    def wait_for(self, needle: str, timeout: float = 15.0) -> float:
        """The perf_counter time at which `needle` first showed on screen."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            arrived = self.pump(0.05)
            if arrived is not None and needle in self.text():
                return arrived
            if self.proc.poll() is not None and arrived is None:
                break
        raise TimeoutError(f"{needle!r} never showed; screen was:\n{self.text()}")

    def wait_until(self, predicate, timeout: float = 5.0) -> float:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            arrived = self.pump(0.05)
            if arrived is not None and predicate(self.text()):
                return arrived
        raise TimeoutError(f"condition never held; screen was:\n{self.text()}")

    def drain(self, quiet: float = 0.2, limit: float = 3.0) -> None:
        """Read until the program has been silent for `quiet` seconds (or `limit` has passed)."""
        deadline = time.perf_counter() + limit
        while self.pump(quiet) is not None and time.perf_counter() < deadline:
            pass

    def send(self, keys: str | bytes) -> float:
        data = keys.encode() if isinstance(keys, str) else keys
        sent = time.perf_counter()
        os.write(self.fd, data)
        return sent

    def peak_rss_kib(self) -> int:
        with open(f"/proc/{self.proc.pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        return 0

    def close(self) -> None:
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        os.close(self.fd)

    def __enter__(self) -> "PtyApp":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def attune_argv(data_dir: str, *extra: str) -> list[str]:
    return [sys.executable, "-m", "tui", "--data-dir", data_dir, *extra]
