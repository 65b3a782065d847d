"""Exports: everything stored about one complainant (an access request under the AVG), and
all complaints of a period for an audit.

A data subject gets their complaints in full (fields and history), every e-mail of theirs as it
arrived (.eml, replies included), the attachments, the acknowledgements sent to them and the
letters (decision, extension) as they received them. An
auditor gets how each complaint was handled, without who complained or their own words (see
`for_audit`), as CSV (the report's columns) and JSON (with the history).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.procedure import Complaint, LetterChannel
from bot.procedure.model import json_value
from bot.procedure.privacy import for_audit
from bot.serialize import complaint_to_dict
from bot.service import ComplaintService
from bot.texts import privacy as text
from storage.complaints import ComplaintStore
from storage.letters import LetterStore
from storage.models import LetterRow
from storage.models.intake import Acknowledgement, InboundAttachment, InboundMessage
from storage.privacy import PersonalDataStore

if TYPE_CHECKING:
    from reports.periods import Period

SAFE_NAME = re.compile(r"[^\w.-]+")
# An export holds personal data: only its owner reads it, and nothing already there (a file, a
# folder, a symbolic link planted by someone else) is written into or followed.
FOLDER_MODE = 0o700
FILE_MODE = 0o600
NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)


class ExportFolderTaken(Exception):
    """The export's folder exists already (or is a symbolic link): nothing was written."""

    def __init__(self, path: Path) -> None:
        super().__init__(text.EXPORT_FOLDER_TAKEN.format(path=path))
        self.message = str(self)


def new_folder(path: Path) -> Path:
    """Make `path` as a new folder only its owner may enter (its missing parents as usual);
    ExportFolderTaken when anything, a symbolic link included, has that name already."""
    if os.path.lexists(path):
        raise ExportFolderTaken(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.mkdir(path, FOLDER_MODE)
    except FileExistsError:
        raise ExportFolderTaken(path) from None
    os.chmod(path, FOLDER_MODE)  # whatever the umask
    return path


def write_new(path: Path, content: bytes) -> None:
    """Write `content` to a file that did not exist, readable by its owner only; a name that
    exists (a symbolic link included) is refused, never followed or overwritten."""
    descriptor = os.open(path, NEW_FILE, FILE_MODE)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(content)


@dataclass(frozen=True)
class SubjectExport:
    complaints: int
    emails: int
    attachments: int
    path: Path
    letters: int = 0


def export_complainant(
    service: ComplaintService, email: str, out_dir: Path, *, now: dt.datetime
) -> SubjectExport:
    """Write all that is stored about the complainant with this address into `out_dir`, a
    new folder (ExportFolderTaken when it exists)."""
    new_folder(out_dir)
    emails_dir = out_dir / text.EMAILS_FOLDER
    attachments_dir = out_dir / text.ATTACHMENTS_FOLDER
    letters_dir = out_dir / text.LETTERS_FOLDER
    document: dict[str, Any] = {
        "complainant": email.strip(),
        "exported_at": now.isoformat(),
        "complaints": [],
        "emails": [],
        "attachments": [],
        "acknowledgements": [],
        "letters": [],
    }
    with service.db.session() as session:
        store = PersonalDataStore(session, service.settings.tz, service.settings.outbox)
        for complaint in store.of_complainant(email):
            assert complaint.id is not None
            reference = complaint.reference or "?"
            document["complaints"].append(complaint_to_dict(complaint, with_body=True))
            for number, message in enumerate(store.messages(complaint.id), 1):
                name = f"{reference}-{number:02d}.eml"
                document["emails"].append(_email(message, emails_dir / name, reference))
            for number, attachment in enumerate(store.attachments(complaint.id), 1):
                name = f"{reference}-{number:02d}-{_safe(attachment.filename)}"
                document["attachments"].append(
                    _attachment(attachment, attachments_dir / name, reference)
                )
            document["acknowledgements"] += [
                _acknowledgement(ack, reference) for ack in store.acknowledgements(complaint.id)
            ]
            for number, letter in enumerate(LetterStore(session).of_complaint(complaint.id), 1):
                name = f"{reference}-{number:02d}-{letter.kind}{_letter_suffix(letter)}"
                document["letters"].append(_letter(letter, letters_dir / name, reference))
        for number, message in enumerate(store.unlinked_messages_from(email), 1):
            name = f"{text.OTHER_EMAILS_PREFIX}-{number:02d}.eml"
            document["emails"].append(_email(message, emails_dir / name, None))
    path = out_dir / text.SUBJECT_JSON
    _write_json(path, document)
    return SubjectExport(
        len(document["complaints"]),
        len(document["emails"]),
        len(document["attachments"]),
        path,
        len(document["letters"]),
    )


def export_period(
    service: ComplaintService, period: Period, out_dir: Path
) -> tuple[Path, Path, int]:
    """The complaints received in the period as CSV and JSON in `out_dir`, a new folder
    (ExportFolderTaken when it exists); (csv, json, count)."""
    from reports.export import write_csv

    new_folder(out_dir)
    csv_path = out_dir / text.PERIOD_CSV.format(period=period.label)
    json_path = out_dir / text.PERIOD_JSON.format(period=period.label)
    with service.db.session() as session:
        store = ComplaintStore(session, service.settings.tz)
        complaints = store.received_between(period.start, period.end)
        write_new(csv_path, b"")  # created owner-only; write_csv fills it
        write_csv(session.connection(), service.settings, period, csv_path)
    document = {
        "period": period.label,
        "complaints": [_audit_record(complaint) for complaint in complaints],
    }
    _write_json(json_path, document)
    return csv_path, json_path, len(complaints)


def _audit_record(complaint: Complaint) -> dict[str, Any]:
    return complaint_to_dict(for_audit(complaint))


def _email(message: InboundMessage, path: Path, reference: str | None) -> dict[str, Any]:
    return {
        "complaint": reference,
        "received_at": message.received_at.isoformat(),
        "outcome": message.outcome,
        "size": message.size,
        "file": _saved(path, message.raw or None),
    }


def _attachment(attachment: InboundAttachment, path: Path, reference: str) -> dict[str, Any]:
    return {
        "complaint": reference,
        "filename": attachment.filename,
        "content_type": attachment.content_type,
        "size": attachment.size,
        "file": _saved(path, attachment.content),
    }


def _acknowledgement(ack: Acknowledgement, reference: str) -> dict[str, Any]:
    return {
        "complaint": reference,
        "recipient": ack.recipient,
        "status": ack.status,
        "created_at": json_value(ack.created_at),
        "sent_at": json_value(ack.sent_at),
    }


def _letter(letter: LetterRow, path: Path, reference: str) -> dict[str, Any]:
    """A letter the complainant was sent (or that was posted to them), as they received it."""
    return {
        "complaint": reference,
        "kind": letter.kind,
        "channel": letter.channel,
        "recipient": letter.recipient,
        "created_at": json_value(letter.created_at),
        "sent_at": json_value(letter.sent_at),
        "file": _saved(path, letter.content or None),
    }


def _saved(path: Path, content: bytes | None) -> str | None:
    """Write what is still stored to `path`; the name the export's JSON refers to it by (None
    when retention or erasure removed it, or an attachment was too large to keep)."""
    if content is None:
        return None
    if not path.parent.is_dir():
        new_folder(path.parent)
    write_new(path, content)
    return f"{path.parent.name}/{path.name}"


def _letter_suffix(letter: LetterRow) -> str:
    return ".eml" if letter.channel == LetterChannel.EMAIL else ".txt"


def _safe(filename: str) -> str:
    """An attachment's own name, reduced to characters that cannot leave the folder."""
    return SAFE_NAME.sub("_", filename).strip("._")[:100] or "bijlage"


def _write_json(path: Path, document: dict[str, Any]) -> None:
    write_new(path, json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8"))
