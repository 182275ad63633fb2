"""textual-serve's server with the door attune needs.

- With a token, every page and the websocket need the session cookie the sign-in form gives;
  wrong tokens are answered one per second at most.
- The websocket that drives the app must come from our own page (Origin check), so another web
  site open in the same browser cannot drive attune through it.
- Without a token we listen on loopback only, and answer only to a local host name, so a web
  site cannot reach us by pointing its own name at 127.0.0.1 (DNS rebinding).
- Page URLs are built from the address the browser used, so 0.0.0.0 or a proxy still works.
- The page loads nothing from other sites (textual-serve's page asks Google for a font) and
  cannot be framed by another site.
"""

from __future__ import annotations

import asyncio
import hmac
import re
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server, to_int

from tui.cli import shown
from tui.net import is_loopback

COOKIE = "attune_session"
FONT_LINK = re.compile(r'<link[^>]*fonts\.googleapis\.com[^>]*>')
PAGE_HEADERS = {"X-Frame-Options": "DENY", "Content-Security-Policy": "frame-ancestors 'none'",
                "Referrer-Policy": "no-referrer"}
WRONG_TOKEN_DELAY = 1.0

LOGIN_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>attune: sign in</title>
<style>body{{font-family:monospace;background:#121212;color:#e0e0e0;display:flex;justify-content:center;
margin-top:15vh}}form{{border:1px solid #0178d4;padding:1.5em 2em}}input{{font:inherit;margin:.5em 0}}
.error{{color:#ff6b6b}}</style></head>
<body><form method="post" action="/login">
<h1>attune</h1><p>{message}</p>
<label for="token">Token</label><br>
<input id="token" name="token" type="password" autofocus autocomplete="current-password" size="32"><br>
<input type="submit" value="Open attune">
</form></body></html>"""


class AttuneServer(Server):
    def __init__(self, command: str, host: str, port: int, token: str | None, data_root: Path) -> None:
        super().__init__(command, host=host, port=port, title="attune")
        self.token = token
        self.data_root = data_root
        self.loopback_only = is_loopback(host)
        self.session = secrets.token_urlsafe(32)  # new each run: restarting signs everyone out
        self._wrong_tokens = asyncio.Lock()

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self.guard)
        app.router.add_get("/login", self.login_page)
        app.router.add_post("/login", self.login)
        return app

    # -- who may come in ---------------------------------------------------------------
    @web.middleware
    async def guard(self, request: web.Request, handler: Any) -> web.StreamResponse:
        # Without a token, only local names (a reverse proxy with a token may pass its own name).
        if self.loopback_only and not self.token and not is_loopback(urlsplit(f"//{request.host}").hostname or ""):
            return web.Response(status=403, text="attune: open it as http://127.0.0.1 or http://localhost\n")
        if request.path == "/login":
            if not self.token:  # nothing to sign in to
                raise web.HTTPSeeOther("/")
            return await handler(request)
        if self.token and not self.signed_in(request):
            if request.path == "/":
                raise web.HTTPSeeOther("/login")
            return web.Response(status=401, text="attune: sign in first at /login\n")
        origin = request.headers.get("Origin")
        if request.path == "/ws" and origin is not None and urlsplit(origin).netloc != request.host:
            return web.Response(status=403, text="attune: connection from another site refused\n")
        response = await handler(request)
        if not response.prepared:  # the websocket has already answered
            response.headers.update(PAGE_HEADERS)
        return response

    def signed_in(self, request: web.Request) -> bool:
        return hmac.compare_digest(request.cookies.get(COOKIE, "").encode(), self.session.encode())

    async def login_page(self, request: web.Request) -> web.Response:
        return self._form("Enter the token you set when you started <code>attune serve</code>.")

    async def login(self, request: web.Request) -> web.Response:
        given = str((await request.post()).get("token", ""))
        if not hmac.compare_digest(given.encode(), self.token.encode()):
            async with self._wrong_tokens:  # one guess per second, however many connections
                await asyncio.sleep(WRONG_TOKEN_DELAY)
            return self._form('<span class="error">That token is not right.</span>', status=401)
        response = web.HTTPSeeOther("/")
        response.set_cookie(COOKIE, self.session, httponly=True, samesite="Strict", path="/", secure=request.secure)
        raise response

    def _form(self, message: str, status: int = 200) -> web.Response:
        html = LOGIN_PAGE.format(message=message)
        return web.Response(text=html, content_type="text/html", status=status, headers={"Cache-Control": "no-store"})

    # -- the page ----------------------------------------------------------------------
    async def handle_index(self, request: web.Request) -> web.Response:
        scheme = request.headers.get("X-Forwarded-Proto", request.scheme)
        base = f"{scheme}://{request.host}"
        ws_scheme = "wss" if scheme == "https" else "ws"
        context = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"{ws_scheme}://{request.host}{request.app.router['websocket'].url_for()}",
            "config": {"static": {"url": f"{base}/static/"}},
            "application": {"name": self.title},
        }
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        response.text = FONT_LINK.sub("", response.text or "")  # falls back to the local monospace font
        return response

    async def on_startup(self, app: web.Application) -> None:
        def say(text: str) -> None:
            self.console.print(text, markup=False, highlight=False, soft_wrap=True)

        host = "127.0.0.1" if self.host in ("0.0.0.0", "::") else self.host
        where = f"http://{f'[{host}]' if ':' in host else host}:{self.port}"
        say(f"attune: serving {shown(self.data_root)} at {where}")  # a folder name may hold escapes
        if self.token:
            say("Your browser will ask for the token.")
        else:
            say("No token: anyone with an account on this machine could open it. Set ATTUNE_SERVE_TOKEN to ask for one.")
        say("Ctrl+C stops it.")
