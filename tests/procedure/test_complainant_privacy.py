"""Confidentiality on the complainant's side: a signal of discrimination is seen by the officer
and management only (management without who complained or about what in their words); the
decision letter and the officer's texts about the complainant go with retention and erasure;
a privacy request points to the export and erasure of that complainant's data."""

from __future__ import annotations

import datetime as dt
import json
import shlex
from dataclasses import replace

from bot.procedure import EventKind, Remedy, Role, Route, Severity, inputs, steps
from bot.procedure.privacy import (
    Basis,
    anonymise,
    retention_due,
    subject_request,
    visible_to,
)
from bot.procedure.roles import may_see
from bot.serialize import complaint_to_dict
from tests.procedure import builders as b
from tests.procedure.builders import EMPLOYEE, MANAGER, OFFICER, OTHER_EMPLOYEE, ams


def discrimination():
    """Registered as discriminatie, then the employee concerned is asked for their side."""
    data = b.registration(
        route=Route.DISCRIMINATION,
        severity=Severity.HIGH,
        severity_reason="Opmerking over afkomst tijdens intake.",
    )
    registered = steps.register(b.received(), OFFICER, data, now=b.REGISTERED_AT, terms=b.TERMS)
    contacted = steps.record_contact(registered, OFFICER, b.contact(), now=b.CONTACT_RECORDED_AT)
    return b.discussion_requested(contacted)


def test_discrimination_is_seen_by_officer_and_management_only() -> None:
    complaint = discrimination()
    assert may_see(OFFICER, complaint) and may_see(MANAGER, complaint)
    # Not even the employee asked for their side can look it up; they have their request.
    assert not may_see(EMPLOYEE, complaint)
    assert not may_see(OTHER_EMPLOYEE, complaint)
    # An ordinary complaint stays visible to the employee asked about it.
    assert may_see(EMPLOYEE, b.discussion_requested())


def test_management_never_gets_the_complainants_details_of_a_discrimination_signal() -> None:
    complaint = replace(discrimination(), complainant_email="petra@example.nl")
    seen = visible_to(complaint, Role.MANAGEMENT)
    document = json.dumps(complaint_to_dict(seen, with_body=True), ensure_ascii=False)
    for trace in ("Petra", "petra@example.nl", "+31612345678", "Loonstrook", "week 15"):
        assert trace not in document, trace
    assert seen.subject == "" and seen.route is Route.DISCRIMINATION
    assert seen.severity is Severity.HIGH and seen.reference == complaint.reference
    # Other complaints keep their subject for management, as before.
    assert visible_to(b.registered(), Role.MANAGEMENT).subject == "Loonstrook klopt niet"


def test_the_decision_letter_is_for_the_officer_and_the_complainant() -> None:
    decided = b.decided()
    for role in (Role.MANAGEMENT, Role.EMPLOYEE):
        seen = visible_to(decided, role)
        assert seen.decision_letter is None
        closing = seen.last_event(EventKind.CLOSED)
        assert "decision_letter" not in closing.data
        assert seen.outcome is decided.outcome
    assert visible_to(decided, Role.OFFICER).decision_letter == b.DECISION_LETTER


def test_anonymising_removes_the_letter_and_the_officers_texts_keeps_the_codes() -> None:
    assessment = inputs.Assessment(
        route=Route.CAO_DISPUTE,
        severity=Severity.HIGH,
        severity_reason="Petra zonder loon.",
        remedy=Remedy.OTHER,
        remedy_text="Petra wil haar uren terug.",
    )
    complaint = steps.reclassify(
        b.in_recourse(), OFFICER, assessment, now=ams(24, 10), terms=b.TERMS
    )
    cleaned = anonymise(complaint, basis=Basis.ERASURE, now=ams(1, 9, month=6)).complaint

    document = json.dumps(complaint_to_dict(cleaned, with_body=True), ensure_ascii=False)
    assert "Petra" not in document and "Ons oordeel" not in document
    for name in ("decision_letter", "remedy_text", "severity_reason"):
        assert getattr(cleaned, name) == "[verwijderd]", name
    kept = ("route", "severity", "remedy", "outcome", "acceptance", "recourse_body", "recourse_on")
    for name in kept:
        assert getattr(cleaned, name) == getattr(complaint, name), name
    sent = cleaned.last_event(EventKind.LETTER_SENT).data
    assert sent == {"letter": "decision", "channel": "email", "message_id": b.MESSAGE_ID}
    changed = cleaned.last_event(EventKind.RECLASSIFIED).data
    assert changed["route"] == "cao_geschil" and changed["severity_reason"] == "[verwijderd]"


def test_a_privacy_request_links_to_export_and_erasure_of_that_complainant() -> None:
    data = b.registration(route=Route.PRIVACY_REQUEST)
    hostile = b.received(complainant_email="petra'$(rm -rf x)@example.nl")
    complaint = steps.register(hostile, OFFICER, data, now=b.REGISTERED_AT, terms=b.TERMS)

    request = subject_request(complaint)

    assert request is not None and request.email == "petra'$(rm -rf x)@example.nl"
    assert shlex.split(request.export_command) == [
        "klachtenbot",
        "export",
        "--complainant",
        "petra'$(rm -rf x)@example.nl",
        "--out",
        "inzageverzoek",
    ]
    assert shlex.split(request.erase_command)[-1] == "petra'$(rm -rf x)@example.nl"
    assert subject_request(b.registered()) is None  # not a privacy request
    no_address = steps.register(
        b.received(complainant_email=None), OFFICER, data, now=b.REGISTERED_AT, terms=b.TERMS
    )
    assert subject_request(no_address) is None


def test_the_term_of_a_privacy_request_is_a_month_from_receipt() -> None:
    data = b.registration(route=Route.PRIVACY_REQUEST)
    complaint = steps.register(b.received(), OFFICER, data, now=b.REGISTERED_AT, terms=b.TERMS)
    assert complaint.decision_deadline == ams(20, 17, month=5)
    assert complaint.decision_deadline.date() - complaint.received_at.date() == dt.timedelta(30)


def test_retention_waits_for_an_open_recourse() -> None:
    far = ams(1, 9, year=2029)
    assert not retention_due(b.in_recourse(), now=far, months=24)
    assert retention_due(b.disagreed(), now=far, months=24)
