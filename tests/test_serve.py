"""`attune serve`: a real server process, fetched over HTTP and driven over its websocket."""

from __future__ import annotations

import asyncio
import os
import shlex
import socket
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
import pyte
import pytest

from tests.conftest import REPO, run_cli
from tui.net import is_loopback
from tui.serve import HERE, STARTER, app_command, check_access
from data.errors import InputError

TOKEN = "correct-horse-battery-staple"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served:
    def __init__(self, data_dir: Path, env: dict | None = None, *extra: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        cmd = [sys.executable, "-m", "tui", "serve", "--port", str(self.port), "--data-dir", str(data_dir), *extra]
        full_env = {k: v for k, v in os.environ.items() if k != "ATTUNE_SERVE_TOKEN"}
        self.proc = subprocess.Popen(
            cmd, cwd=REPO, env={**full_env, **(env or {})},
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                assert self.proc.poll() is None, self.proc.stdout.read()
                time.sleep(0.1)
        raise AssertionError("attune serve did not start listening in 30 s")

    def stop(self) -> str:
        self.proc.terminate()
        try:
            out, _ = self.proc.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            out, _ = self.proc.communicate()
        return out


@pytest.fixture
def couple(data_dir, store) -> Path:
    return data_dir  # Sam & Alex, set up


@pytest.fixture
def served(couple):
    server = Served(couple)
    yield server
    server.stop()


@pytest.fixture
def served_with_token(couple):
    server = Served(couple, {"ATTUNE_SERVE_TOKEN": TOKEN})
    yield server
    server.stop()


async def read_app_screen(ws, want: str, timeout: float = 30.0) -> str:
    """Feed what the app sends into a terminal emulator until `want` is on its screen."""
    screen = pyte.Screen(80, 24)
    stream = pyte.ByteStream(screen)
    text = ""
    deadline = asyncio.get_running_loop().time() + timeout
    while want not in text:
        left = deadline - asyncio.get_running_loop().time()
        assert left > 0, f"{want!r} never appeared; screen was:\n{text}"
        msg = await asyncio.wait_for(ws.receive(), left)
        if msg.type == aiohttp.WSMsgType.BINARY:
            stream.feed(msg.data)
            text = "\n".join(screen.display)
        elif msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
            raise AssertionError(f"websocket closed before {want!r} appeared:\n{text}")
    return text


async def test_page_points_at_the_apps_websocket_and_the_app_runs_on_our_folder(served):
    async with aiohttp.ClientSession() as http:
        async with http.get(served.url + "/") as page:
            assert page.status == 200
            html = await page.text()
        assert f'data-session-websocket-url="ws://127.0.0.1:{served.port}/ws"' in html
        assert "googleapis" not in html and page.headers["X-Frame-Options"] == "DENY"
        async with http.ws_connect(f"ws://127.0.0.1:{served.port}/ws?width=80&height=24") as ws:
            text = await read_app_screen(ws, "Sam & Alex")  # the folder we passed, not a new one
            assert "Love-map quiz" in text
            await ws.send_json(["stdin", "g"])
            await read_app_screen(ws, "Sam")  # still alive after a key


async def test_another_site_cannot_drive_the_app(served):
    async with aiohttp.ClientSession() as http:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await http.ws_connect(f"ws://127.0.0.1:{served.port}/ws", headers={"Origin": "https://evil.example"})
        assert refused.value.status == 403
        # A page that points its own name at 127.0.0.1 (DNS rebinding) gets nothing either.
        async with http.get(served.url + "/", headers={"Host": f"evil.example:{served.port}"}) as page:
            assert page.status == 403


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "attune.example.org"])
def test_network_host_without_token_is_refused(couple, host, monkeypatch):
    monkeypatch.delenv("ATTUNE_SERVE_TOKEN", raising=False)
    r = run_cli("serve", "--host", host, "--port", str(free_port()), data_dir=couple)
    assert r.returncode == 2, r.stdout + r.stderr
    assert r.stderr.startswith(f"attune: refusing to serve on {host} without a token")
    assert "ATTUNE_SERVE_TOKEN" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert "Traceback" not in r.stderr


def test_short_token_is_refused(couple):
    r = run_cli("serve", "--host", "0.0.0.0", "--token", "secret", data_dir=couple)
    assert r.returncode == 2 and "too short" in r.stderr


def test_host_rules():
    for host in ("127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]"):
        assert is_loopback(host), host
    for host in ("0.0.0.0", "::", "10.0.0.5", "example.com", ""):
        assert not is_loopback(host), host
    check_access("127.0.0.1", None)
    check_access("0.0.0.0", TOKEN)
    with pytest.raises(InputError):
        check_access("0.0.0.0", None)


def test_app_command_passes_the_data_folder_through(tmp_path):
    folder = tmp_path / "our data; rm -rf ~"
    words = shlex.split(app_command(folder, ascii_only=True))
    assert words == [sys.executable, "-P", "-c", STARTER, HERE, "--data-dir", str(folder), "--ascii"]


def test_a_tab_runs_attune_even_from_a_folder_with_its_own_tui_package(tmp_path):
    """The server started in a project folder that has a `tui` package: each tab still runs attune."""
    (tmp_path / "tui").mkdir()
    (tmp_path / "tui" / "__init__.py").write_text("raise SystemExit('the wrong tui')")
    (tmp_path / "tui" / "cli.py").write_text("raise SystemExit('the wrong tui')")
    words = shlex.split(app_command(tmp_path / "d"))
    r = subprocess.run([*words, "--version"], cwd=tmp_path, capture_output=True, text=True, timeout=30,
                       env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"})
    assert r.returncode == 0 and r.stdout.startswith("attune "), (r.stdout, r.stderr)


async def test_token_is_asked_for_and_then_the_app_opens(served_with_token):
    s = served_with_token
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:  # unsafe: keep IP cookies
        async with http.get(s.url + "/", allow_redirects=False) as page:
            assert page.status == 303 and page.headers["Location"] == "/login"
        async with http.get(s.url + "/login") as page:
            assert 'type="password"' in await page.text()
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await http.ws_connect(f"ws://127.0.0.1:{s.port}/ws")
        assert refused.value.status == 401
        started = time.monotonic()
        async with http.post(s.url + "/login", data={"token": "wrong-but-long-enough"}) as page:
            assert page.status == 401 and "not right" in await page.text()
        assert time.monotonic() - started >= 0.9  # guesses are slowed down
        async with http.post(s.url + "/login", data={"token": TOKEN}, allow_redirects=False) as page:
            assert page.status == 303
            cookie = page.headers["Set-Cookie"]
            assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
        async with http.get(s.url + "/") as page:  # the session cookie now lets us in
            assert page.status == 200
            assert f"ws://127.0.0.1:{s.port}/ws" in await page.text()
        async with http.ws_connect(f"ws://127.0.0.1:{s.port}/ws?width=80&height=24") as ws:
            await read_app_screen(ws, "Sam & Alex")
            assert all("ATTUNE_SERVE_TOKEN" not in env for env in app_environments(s.proc.pid))
        # Behind a reverse proxy the page is asked for under the proxy's name: the token guards it.
        async with http.get(s.url + "/", headers={"Host": "attune.example.org", "X-Forwarded-Proto": "https"}) as page:
            assert page.status == 200
            assert 'data-session-websocket-url="wss://attune.example.org/ws"' in await page.text()


def app_environments(server_pid: int) -> list[str]:
    """The environment of each process the server started (Linux /proc): the app must not see the token."""
    children = Path(f"/proc/{server_pid}/task/{server_pid}/children")
    if not children.exists():
        pytest.skip("no /proc on this system")
    pids = children.read_text().split()
    assert pids, "the server started no app process"
    return [Path(f"/proc/{pid}/environ").read_bytes().decode(errors="replace") for pid in pids]
