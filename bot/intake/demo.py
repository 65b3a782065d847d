"""Feed the sample e-mails (bot/intake/samples/*.eml) through the real intake, for the demo."""

from __future__ import annotations

from importlib import resources
from typing import TextIO

from bot.intake.store import Outcome, OutcomeKind, ingest_raw
from bot.phones import format_phone
from bot.service import ComplaintService
from bot.texts import PHONE_MISSING
from bot.texts import intake as text


def sample_messages() -> list[tuple[str, bytes]]:
    """(file name, raw bytes) of every sample e-mail, in file-name order."""
    folder = resources.files("bot.intake") / "samples"
    files = sorted((item for item in folder.iterdir() if item.name.endswith(".eml")), key=str)
    return [(item.name, item.read_bytes()) for item in files]


def ingest_samples(service: ComplaintService, out: TextIO) -> list[str]:
    """Ingest each sample as the mail-server pipe would, print what happened (Dutch), and
    return the references of the complaints created."""
    print(text.DEMO_HEADER, file=out)
    created: list[str] = []
    for name, raw in sample_messages():
        outcome = ingest_raw(raw, service.now(), service, source="pipe")
        print(_line(name, outcome), file=out)
        if outcome.kind is OutcomeKind.STORED and not outcome.duplicate:
            created.append(outcome.reference)
    return created


def _line(name: str, outcome: Outcome) -> str:
    complaint = outcome.complaint
    if outcome.duplicate:
        return text.DEMO_DUPLICATE.format(sample=name)
    if outcome.kind is OutcomeKind.IGNORED or complaint is None:
        return text.DEMO_IGNORED.format(sample=name, reason=text.REASON_LABELS[str(outcome.reason)])
    if outcome.kind is OutcomeKind.ATTACHED:
        return text.DEMO_ATTACHED.format(sample=name, reference=outcome.reference)
    phone = (
        format_phone(complaint.complainant_phone) if complaint.complainant_phone else PHONE_MISSING
    )
    values = {
        "sample": name,
        "reference": outcome.reference,
        "name": complaint.complainant_name or text.DEMO_UNKNOWN_NAME,
        "phone": phone,
        "by": complaint.forwarded_by,
    }
    template = text.DEMO_FORWARDED if complaint.forwarded_by else text.DEMO_STORED
    return template.format(**values)
