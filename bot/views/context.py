"""The small typed context a button or form carries and gets back when someone acts (Slack: a
button's `value`, a modal's `private_metadata`).

Serialised and parsed here only, so every listener reads the same shape.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

# A Slack button value holds 2,000 characters, private_metadata 3,000: the smaller one for both.
LIMIT = 2000
KEYS = (
    "reference",
    "channel",
    "permalink",
    "employee",
    "report_id",
    "inbound_id",
    "letter_for",
    "letter_digest",
    "letter_id",
)


@dataclass(frozen=True)
class Context:
    """`reference` of the complaint acted on; `channel` where the person clicked (ephemeral
    answers go there); `permalink` of a chat message turned into a complaint; `employee`
    whose discussion request a button answers; `report_id` of the report whose text the
    officer adds; `inbound_id` of the ignored e-mail the officer takes up; `letter_for`, the
    outcome the closing form's decision letter was composed for, and `letter_digest`, its
    fingerprint (an unedited letter is composed again when the outcome changes); `letter_id`
    of the stored letter the officer posted."""

    reference: str | None = None
    channel: str | None = None
    permalink: str | None = None
    employee: str | None = None  # the employee whose buttons these are
    report_id: int | None = None
    inbound_id: int | None = None
    letter_for: str | None = None
    letter_digest: str | None = None
    letter_id: int | None = None

    def dump(self) -> str:
        data = {key: getattr(self, key) for key in KEYS if getattr(self, key)}
        text = json.dumps(data, separators=(",", ":"))
        if len(text) > LIMIT:
            raise ValueError("context too long for a button value or private_metadata")
        return text

    @classmethod
    def load(cls, text: str | None) -> Context:
        """Parse a dumped context; an empty or foreign value gives an empty Context."""
        try:
            data = json.loads(text or "{}")
        except json.JSONDecodeError:
            return cls()
        if not isinstance(data, dict):
            return cls()
        return cls(**{key: data[key] for key in KEYS if key in data})
