"""A private Dovecot IMAP server for tests: own config, temp dir, free port, process group.

One server per test session (per xdist worker); every test gets its own user, and so its own
maildir, through `Dovecot.new_user()`. The users are written before the start: Dovecot does
reread a changed passwd-file, but not one changed twice within the same second.
Without the binary the tests skip with the reason, except in CI where they fail.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.support.form_endpoint import form_endpoint
from tests.support.ports import free_port

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
START_TIMEOUT = 10.0
USERS = 500

CONFIG = """\
instance_name = {name}
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
info_log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login{oauth_mechanisms}
auth_failure_delay = 0
first_valid_uid = 1
mail_location = maildir:{root}/mail/%u
{capability}
{oauth_passdb}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {root}/users
  default_fields = uid=dovecot gid=dovecot home={root}/home/%u
}}
namespace inbox {{
  inbox = yes
  separator = /
}}
# No growing delay after failed logins: tests log in wrongly on purpose, and the penalty
# (per IP, up to 15 s) would slow every later login on this shared instance.
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
"""


@dataclass(frozen=True)
class ImapAccount:
    host: str
    port: int
    user: str
    password: str


class Dovecot:
    def __init__(
        self, root: Path, port: int, process: subprocess.Popen[bytes], users: list[ImapAccount]
    ) -> None:
        self.root = root
        self.port = port
        self.process = process
        self._unused = list(users)

    def new_user(self) -> ImapAccount:
        """An account nobody used before in this session (an empty mailbox)."""
        return self._unused.pop()

    def stop(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=5)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.process.pid, signal.SIGKILL)
        shutil.rmtree(self.root, ignore_errors=True)


def dovecot_missing_reason() -> str | None:
    if not Path(DOVECOT).exists():
        return f"Dovecot not installed ({DOVECOT}); apt-get install dovecot-imapd"
    if os.geteuid() != 0:
        return "a private Dovecot instance needs root (it switches to the dovecot user)"
    return None


OAUTH_PASSDB = """\
passdb {{
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = {root}/oauth2.conf.ext
}}
"""
OAUTH_CONFIG = """\
introspection_mode = post
introspection_url = {url}
username_attribute = username
active_attribute = active
active_value = true
"""


def start_dovecot(
    *, move_capability: bool = True, oauth_introspection_url: str | None = None
) -> Dovecot:
    """Start a private instance; skip (fail in CI) when Dovecot is not installed.

    With `oauth_introspection_url`, XOAUTH2 logins are checked by POSTing the token there
    (RFC 7662 token introspection), as a Microsoft 365 or Google mailbox would."""
    reason = dovecot_missing_reason()
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    # Short path: Dovecot's unix sockets break beyond ~100 characters.
    root = Path(tempfile.mkdtemp(prefix="dc", dir="/tmp"))
    port = free_port()
    users = [ImapAccount("127.0.0.1", port, f"u{n:04d}", uuid.uuid4().hex) for n in range(USERS)]
    try:
        config = _write_config(root, port, users, move_capability, oauth_introspection_url)
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise
    process = subprocess.Popen(
        [DOVECOT, "-c", str(config), "-F"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    server = Dovecot(root, port, process, users)
    try:
        _wait_ready(server)
    except BaseException:
        server.stop()
        raise
    return server


def _write_config(
    root: Path, port: int, users: list[ImapAccount], move: bool, oauth_url: str | None
) -> Path:
    root.chmod(0o755)  # the mail processes run as the dovecot user
    for sub in ("run", "state", "mail", "home"):
        (root / sub).mkdir()
    shutil.chown(root / "mail", "dovecot", "dovecot")
    shutil.chown(root / "home", "dovecot", "dovecot")
    (root / "users").write_text("".join(f"{a.user}:{{PLAIN}}{a.password}::::::\n" for a in users))
    oauth_passdb = ""
    if oauth_url:
        (root / "oauth2.conf.ext").write_text(OAUTH_CONFIG.format(url=oauth_url))
        oauth_passdb = OAUTH_PASSDB.format(root=root)
    config = root / "dovecot.conf"
    config.write_text(
        CONFIG.format(
            name=root.name,
            root=root,
            port=port,
            capability="" if move else "imap_capability = IMAP4rev1 LITERAL+ UIDPLUS IDLE",
            oauth_passdb=oauth_passdb,
            oauth_mechanisms=" xoauth2 oauthbearer" if oauth_url else "",
        )
    )
    return config


def _wait_ready(server: Dovecot) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            log_file = server.root / "dovecot.log"
            log = log_file.read_text(errors="replace")[-2000:] if log_file.exists() else ""
            stderr = server.process.stderr.read().decode(errors="replace")
            raise RuntimeError(f"dovecot exited: {stderr}{log}")
        try:
            with socket.create_connection(("127.0.0.1", server.port), timeout=1) as connection:
                if connection.recv(100).startswith(b"* OK"):
                    return
        except OSError:
            time.sleep(0.02)
    raise RuntimeError("dovecot did not start in time")


@contextmanager
def introspection_server(tokens: dict[str, str]) -> Iterator[str]:
    """A token introspection endpoint (RFC 7662) on a free port: `tokens` maps each valid
    access token to its user. Yields the URL for `start_dovecot(oauth_introspection_url=...)`."""

    def introspect(form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        token = form.get("token", "")
        return 200, {"active": token in tokens, "username": tokens.get(token, "")}

    with form_endpoint(introspect, "/introspect") as url:
        yield url
