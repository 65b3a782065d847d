"""The shared FakeSlack, plus what posting a report needs and it does not (yet) answer:
files.getUploadURLExternal, the upload URL itself, files.completeUploadExternal, views.update."""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from typing import Any

from tests.support.fake_slack import FakeSlack

UPLOAD_PREFIX = "/upload/"


@dataclass
class Upload:
    file_id: str
    filename: str
    data: bytes = b""
    title: str = ""
    channel: str = ""
    comment: str = ""


class FakeSlackWithFiles(FakeSlack):
    def __init__(self) -> None:
        super().__init__()
        self.uploads: dict[str, Upload] = {}
        self._file_ids = itertools.count(1)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        base = super()._handler()
        fake = self

        class Handler(base):  # type: ignore[misc, valid-type]
            def do_POST(self) -> None:
                if not self.path.startswith(UPLOAD_PREFIX):
                    return super().do_POST()
                data = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with fake._lock:
                    fake.uploads[self.path.removeprefix(UPLOAD_PREFIX)].data = data
                    fake._lock.notify_all()
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"OK")

        return Handler

    def _files_getUploadURLExternal(self, params: dict[str, Any]) -> dict[str, Any]:
        file_id = f"F{next(self._file_ids):06d}"
        self.uploads[file_id] = Upload(file_id, params["filename"])
        base = self.url.removesuffix("/api/")
        return {"ok": True, "upload_url": f"{base}{UPLOAD_PREFIX}{file_id}", "file_id": file_id}

    def _files_completeUploadExternal(self, params: dict[str, Any]) -> dict[str, Any]:
        files = params["files"]
        files = json.loads(files) if isinstance(files, str) else files
        for item in files:
            upload = self.uploads[item["id"]]
            upload.title = item.get("title", "")
            upload.channel = params.get("channel_id", "")
            upload.comment = params.get("initial_comment", "")
        return {"ok": True, "files": [{"id": item["id"]} for item in files]}

    def _views_update(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "view": self._view(params["view"])}

    def shared_files(self, channel: str) -> list[Upload]:
        return [u for u in self.uploads.values() if u.channel == channel]
