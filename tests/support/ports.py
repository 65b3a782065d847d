"""Loopback ports for the servers tests start."""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def free_port() -> int:
    """A port on 127.0.0.1 that nobody listens on right now (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def imap_down(settings, **more):
    """`settings` with an IMAP server on a loopback port where nobody listens."""
    update = {
        "imap_host": "127.0.0.1",
        "imap_port": free_port(),
        "imap_ssl": False,
        "imap_user": "klachten",
        "imap_password": "x",
        **more,
    }
    return settings.model_copy(update=update)


def serve_on_loopback(handler: type[BaseHTTPRequestHandler]) -> ThreadingHTTPServer:
    """An HTTP server on a free loopback port, answering in a daemon thread until
    `shutdown()`; its port is `server_address[1]`."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    return server
