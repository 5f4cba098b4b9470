"""The HTTP server (loopback only): request-level faults around the routes, and the Sandbox handle."""

from __future__ import annotations

import contextlib
import logging
import os
import socketserver
import sys
import threading
from collections.abc import Iterable, Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

from sandbox import auth, control, helpcenter, identity, member
from sandbox.faults import Fault, FaultTable
from sandbox.layout import error_page, not_found, unexpected_page
from sandbox.router import Request, Response, Router
from sandbox.state import AccountSpec, Store

log = logging.getLogger("sandbox")

HOST = "127.0.0.1"
MAX_BODY = 1 << 20
POLL_S = 0.05  # how quickly stop() is noticed by the accept loop
ROUTER = Router().include([auth.router, member.router, identity.router, helpcenter.router, control.router,
                                 member.late_router])


class App:
    """Answers requests: routes them, with the faults that apply to a whole request around the route."""

    def __init__(self) -> None:
        self.store = Store()
        self.faults = FaultTable()
        self.stopping = threading.Event()

    def request(self, method: str, target: str, headers: Mapping[str, str], body: bytes) -> Request:
        url = urlsplit(target)
        lowered = {name.lower(): value for name, value in headers.items()}
        return Request(method, url.path or "/", url.query, lowered, body, self.store, self.faults)

    def dispatch(self, req: Request) -> Response | None:
        """The answer, or None when the connection must close without one."""
        if req.path == "/favicon.ico":
            return Response(204)
        member.note_save_received(req)
        self._delay(req.fault("latency"))  # before the request is acted on
        if req.fault("drop") is not None:
            return None
        error = req.fault("error")
        if error is not None:
            return _error_answer(req, error)
        if req.method == "GET" and req.fault("unexpected-page") is not None:
            return unexpected_page()
        lost = req.fault("lost-response") is not None
        slow = req.fault("slow-response")
        response = self.route(req)
        self._delay(slow)  # after it was acted on: the answer leaves late
        return None if lost else response

    def _delay(self, fault: Fault | None) -> None:
        if fault is not None:
            self.stopping.wait(fault.ms / 1000)  # the deliberate delay; stop() cuts it short

    def route(self, req: Request) -> Response:
        handler, params, path_known = ROUTER.resolve(req.method, req.path)
        if handler is None:
            return Response.json({"error": "method not allowed"}, 405) if path_known else not_found()
        req.params = params
        try:
            return handler(req)
        except Exception:  # a sandbox bug: answer 500 and show the traceback, as a real server would log it
            log.exception("sandbox: %s %s failed", req.method, req.path)
            return error_page(500)


def _error_answer(req: Request, fault: Fault) -> Response:
    if req.path.startswith(member.SETTINGS_API):
        response = Response.json({"status": fault.status, "message": "Something went wrong"}, fault.status)
    else:
        response = error_page(fault.status)
    if fault.retry_after is not None:
        response.headers.append(("Retry-After", str(fault.retry_after)))
    return response


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64

    def __init__(self, port: int, app: App) -> None:
        self.app = app
        super().__init__((HOST, port), _Handler)

    def server_bind(self) -> None:
        socketserver.TCPServer.server_bind(self)  # skips HTTPServer's reverse DNS lookup of the host
        self.server_name, self.server_port = self.server_address[:2]


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.0"  # one request per connection: no idle kept-alive sockets to clean up
    server_version = "sandbox"

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def do_DELETE(self) -> None:
        self._serve()

    def do_PUT(self) -> None:
        self._serve()

    def _serve(self) -> None:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_BODY:
            self._send(Response.json({"error": "bad Content-Length"}, 400))
            return
        body = self.rfile.read(length) if length else b""
        app = self.server.app
        response = app.dispatch(app.request(self.command, self.path, dict(self.headers.items()), body))
        if response is None:
            self._hang_up()
        else:
            self._send(response)

    def _hang_up(self) -> None:
        """Closes the connection without an answer. A bare CRLF goes first: a browser whose connection closes
        before any byte arrived silently resends the request (a lost objection would be filed twice); after a
        byte that is no HTTP status line it shows a network error instead."""
        self.close_connection = True
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(b"\r\n")

    def _send(self, response: Response) -> None:
        try:
            self.send_response(response.status)
            for name, value in response.headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(response.body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(response.body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the browser went away; nothing to tell it

    def log_message(self, format: str, *args: Any) -> None:
        if os.environ.get("SANDBOX_LOG") == "1":
            sys.stderr.write(f"sandbox {self.address_string()} {format % args}\n")


class Sandbox:
    """A running sandbox: its URL, its state, and the faults it plays. Stop it (or use `with`) when done."""

    def __init__(self, port: int = 0) -> None:
        self._app = App()
        self._server = _Server(port, self._app)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": POLL_S}, name="sandbox", daemon=True
        )
        self._stopped = threading.Event()

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def start(self) -> Sandbox:
        """Starts answering in a daemon thread (serve() already did); harmless when already running."""
        if not self._thread.is_alive() and not self._stopped.is_set():
            self._thread.start()
        return self

    def add_account(self, spec: AccountSpec | Mapping[str, Any]) -> AccountSpec:
        """Adds a member; ValueError for a bad spec, AccountExists when the email is taken."""
        account = spec if isinstance(spec, AccountSpec) else AccountSpec.from_dict(spec)
        self._app.store.add_account(account)
        return account

    def add_settings(self, settings: Iterable[Mapping[str, Any]]) -> None:
        """Adds settings to the table (see `serve`); ValueError for a malformed one."""
        self._app.store.add_table(settings)

    def state(self) -> dict[str, dict[str, Any]]:
        """The same document as `GET /__sandbox__/state`."""
        return self._app.store.snapshot()

    def add_fault(self, fault: Mapping[str, Any]) -> None:
        """Adds a fault in its JSON form (see docs/sandbox.md); ValueError when it is malformed."""
        self._app.faults.add(Fault.from_dict(fault))

    def clear_faults(self) -> None:
        self._app.faults.clear()

    def session_cookie(self, email: str) -> dict[str, str]:
        """Cookies of a new live session for the member (`POST /__sandbox__/session`): {"li_at", "JSESSIONID"};
        KeyError for an unknown email. Not counted in `logins`."""
        return control.session_cookies(self._app.store, email)

    def draw(self, email: str) -> dict[str, Any]:
        """What the member's pages show (`GET /__sandbox__/draw?email=...`); KeyError for an unknown email."""
        return control.draw_document(self._app.store, email)

    def set_seed(self, seed: int | None) -> None:
        """The seed for members whose spec has none (None: today's pages)."""
        self._app.store.set_seed(seed)

    def set_variants(self, variants: Iterable[str] = (), language: str = "en") -> None:
        """Variants and language for every page (what `POST /__sandbox__/variants` does); ValueError if unknown."""
        self._app.store.set_look(tuple(variants), language)

    def solve_captcha(self, email: str) -> int:
        """Simulates a person solving the captcha waiting for `email`; how many were waiting."""
        return self._app.store.solve_captcha(email=email)

    def stop(self) -> None:
        if self._stopped.is_set():
            return
        self._stopped.set()
        self._app.stopping.set()
        if self._thread.is_alive():
            self._server.shutdown()
        self._server.server_close()

    def serve_forever(self) -> None:
        """Blocks until stop() is called or Ctrl-C is pressed, then stops (for `optout sandbox`)."""
        self.start()
        try:
            self._stopped.wait()
        except KeyboardInterrupt:
            pass
        finally:
            self.stop()

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()


def serve(port: int = 0, accounts: Iterable[AccountSpec | Mapping[str, Any]] = (), variants: Iterable[str] = (),
          language: str = "en", seed: int | None = None, settings: Iterable[Mapping[str, Any]] = ()) -> Sandbox:
    """Starts a sandbox on 127.0.0.1 (`port` 0: a free one) in a background thread, with these accounts, these
    variants and language for every page, and a seed that draws every unconfirmed page detail per member.
    `settings`: the settings table beyond the sandbox's own two settings (the bot's: flows/registry.py
    `sandbox_table()`), each served at its path with its switch."""
    sandbox = Sandbox(port)
    try:
        sandbox.set_seed(seed)
        sandbox.set_variants(variants, language)
        sandbox.add_settings(settings)
        for spec in accounts:
            sandbox.add_account(spec)
    except (ValueError, TypeError):
        sandbox.stop()
        raise
    return sandbox.start()
