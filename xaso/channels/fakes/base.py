"""A tiny HTTP server on localhost, in a thread, that records every request.

The fake services (Facebook Graph API, Zalo OA, hosted speech) build on it. Tests and the
demo script their answers: fail the next call to a route with a documented error, or hold
a response ("stall") after recording the request, to kill a worker while it waits.
"""

from __future__ import annotations

import json
import threading
from collections import defaultdict, deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self
from urllib.parse import parse_qs, urlsplit


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    form: dict[str, str]
    json: Any
    body: bytes


@dataclass
class Reply:
    status: int = 200
    body: Any = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "application/json"


class FakeServer:
    """Subclasses implement `handle(request) -> Reply`; `route_of(request)` names a route."""

    name = "fake"

    def __init__(self, *, host: str = "127.0.0.1", port: int = 0) -> None:
        self.requests: list[Recorded] = []
        self.lock = threading.Lock()
        self.scripted: dict[str, deque[Reply]] = defaultdict(deque)
        self.stalls: dict[str, threading.Event] = {}
        self.reached: dict[str, threading.Event] = defaultdict(threading.Event)
        self.delay: dict[str, float] = {}
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                return None

            def _serve(self) -> None:
                fake._serve(self)

            do_GET = _serve  # noqa: N815 - http.server names its handlers so
            do_POST = _serve  # noqa: N815
            do_DELETE = _serve  # noqa: N815

        self.httpd = ThreadingHTTPServer((host, port), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, name=f"{self.name}-server", daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> Self:
        self.thread.start()
        return self

    def stop(self) -> None:
        for event in self.stalls.values():
            event.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- scripting ----------------------------------------------------------------------

    def fail_next(self, route: str, reply: Reply, *, times: int = 1) -> None:
        with self.lock:
            for _ in range(times):
                self.scripted[route].append(reply)

    def stall_next(self, route: str) -> threading.Event:
        """Record the next request to `route`, then hold the answer until the event is set."""
        event = threading.Event()
        with self.lock:
            self.stalls[route] = event
        return event

    def wait_for(self, route: str, timeout: float = 30) -> bool:
        return self.reached[route].wait(timeout)

    def calls(self, route: str) -> list[Recorded]:
        with self.lock:
            return [r for r in self.requests if self.route_of(r) == route]

    # -- serving --------------------------------------------------------------------------

    def route_of(self, request: Recorded) -> str:
        return f"{request.method} {request.path}"

    def handle(self, request: Recorded) -> Reply:
        return Reply(status=404, body={"error": "not found"})

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(handler.path)
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        content_type = handler.headers.get("Content-Type", "")
        form: dict[str, str] = {}
        payload: Any = None
        if "application/x-www-form-urlencoded" in content_type:
            form = {k: v[-1] for k, v in parse_qs(body.decode(), keep_blank_values=True).items()}
        elif "application/json" in content_type and body:
            try:
                payload = json.loads(body)
            except json.JSONDecodeError:
                payload = None
        request = Recorded(
            method=handler.command,
            path=parts.path,
            query={k: v[-1] for k, v in parse_qs(parts.query).items()},
            headers={k.lower(): v for k, v in handler.headers.items()},
            form=form,
            json=payload,
            body=body,
        )
        route = self.route_of(request)
        with self.lock:
            self.requests.append(request)
            scripted = self.scripted[route].popleft() if self.scripted[route] else None
            stall = self.stalls.pop(route, None)
        reply = scripted or self.handle(request)
        self.reached[route].set()
        if stall is not None:
            stall.wait(120)
        if route in self.delay:
            threading.Event().wait(self.delay[route])
        self._write(handler, reply)

    def _write(self, handler: BaseHTTPRequestHandler, reply: Reply) -> None:
        data = reply.body if isinstance(reply.body, bytes) else json.dumps(reply.body, ensure_ascii=False).encode()
        try:
            handler.send_response(reply.status)
            handler.send_header("Content-Type", reply.content_type)
            handler.send_header("Content-Length", str(len(data)))
            for key, value in reply.headers.items():
                handler.send_header(key, value)
            handler.end_headers()
            handler.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client (a killed worker) is gone
