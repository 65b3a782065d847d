"""A local HTTP endpoint that takes form POSTs and answers JSON, as OAuth2 servers do; with
`documents` it also serves fixed JSON on GET (OpenID discovery), and with `tls` it speaks
HTTPS (for clients such as msal that accept nothing else)."""

from __future__ import annotations

import json
import ssl
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any
from urllib.parse import parse_qs

from tests.support.ports import free_port

Answer = Callable[[dict[str, str]], tuple[int, dict[str, Any]]]


@contextmanager
def form_endpoint(
    answer: Answer,
    path: str,
    *,
    documents: dict[str, dict[str, Any]] | None = None,
    tls: ssl.SSLContext | None = None,
) -> Iterator[str]:
    """Serve `answer(form fields) -> (status, JSON body)` on a free port; yield the URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            form = parse_qs(self.rfile.read(length).decode())
            self._reply(*answer({name: values[0] for name, values in form.items()}))

        def do_GET(self) -> None:
            document = (documents or {}).get(self.path.split("?")[0])
            self._reply(200, document) if document else self._reply(404, {"error": "not_found"})

        def _reply(self, status: int, reply: dict[str, Any]) -> None:
            body = json.dumps(reply).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", free_port()), Handler)
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    scheme = "https" if tls else "http"
    try:
        yield f"{scheme}://127.0.0.1:{server.server_port}{path}"
    finally:
        server.shutdown()
        server.server_close()
