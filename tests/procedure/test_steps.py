"""Every procedure step on an in-memory complaint: the happy paths, each guard and its Dutch
message, the event each step appends, and the validation of the step inputs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

import pytest

from bot.procedure import (
    SYSTEM_ACTOR,
    AlreadyDone,
    Category,
    Complaint,
    ContactOutcome,
    EventKind,
    NotAllowed,
    ProcedureError,
    RelationType,
    Role,
    RootCause,
    Satisfaction,
    Source,
    State,
    inputs,
    steps,
)
from tests.procedure import builders as b
from tests.procedure.builders import EMPLOYEE, OFFICER, OTHER_EMPLOYEE, OTHER_OFFICER, ams


@contextmanager
def refused(error: type[ProcedureError], message: str, field: str | None = None) -> Iterator[None]:
    """Expect a ProcedureError of type `error` with exactly this Dutch message and field."""
    with pytest.raises(error) as info:
        yield
    assert info.value.message == message
    assert str(info.value) == message
    assert info.value.field == field


# --- the happy paths ----------------------------------------------------------------------


def test_receive_opens_a_complaint_with_its_contact_deadline() -> None:
    complaint = b.received()

    assert complaint.state is State.RECEIVED
    assert complaint.is_open
    # Received Monday 20 April 2026: the second working day after is Wednesday 22 April.
    assert complaint.contact_deadline == ams(22, 17)
    assert complaint.received_at == b.RECEIVED_AT
    assert complaint.subject == "Loonstrook klopt niet"
    assert complaint.complainant_email == "petra@example.nl"
    assert complaint.reference is None and complaint.id is None
    (event,) = complaint.events
    assert (event.kind, event.before, event.after) == (EventKind.RECEIVED, None, State.RECEIVED)
    assert event.at == b.RECEIVED_AT
    assert event.actor_id == "system" and event.actor_role is Role.SYSTEM
    assert event.data == {"source": "email"}


def test_receive_counts_the_deadline_from_the_local_day_of_receipt() -> None:
    # Friday 24 April 2026 23:30 in Amsterdam is still Friday (21:30 UTC); Monday 27 April is
    # Koningsdag, so Tuesday 28 is day one and Wednesday 29 day two.
    late_friday = ams(24, 23, 30).astimezone(dt.UTC)
    complaint = b.received(received_at=late_friday)
    assert complaint.contact_deadline == ams(29, 17)


def test_registration_records_the_complainant() -> None:
    complaint = b.registered()

    assert complaint.state is State.REGISTERED
    assert complaint.registered_at == b.REGISTERED_AT
    assert complaint.complainant_name == "Petra Pietersen"
    assert complaint.relation_type is RelationType.FLEXWORKER
    assert complaint.category is Category.PAYROLL
    assert complaint.complainant_phone == "+31612345678"


def test_contact_then_discussion_then_closure() -> None:
    contacted = b.contacted()
    assert contacted.state is State.CONTACTED
    assert contacted.contacted_at == ams(20, 10, 50)
    assert contacted.contact_outcome is ContactOutcome.MEASURES_AGREED
    assert contacted.agreed_measures == "Uren worden met de volgende verloning nabetaald."

    requested = b.discussion_requested(contacted)
    assert requested.state is State.DISCUSSION
    assert requested.employee_id == EMPLOYEE.user_id
    assert requested.discussion_requested_at == b.DISCUSSION_REQUESTED_AT

    responded = b.responded()
    assert responded.state is State.DISCUSSION
    assert responded.employee_response == "Ik was het urenbriefje vergeten."
    assert responded.employee_responded_at == b.RESPONDED_AT

    discussed = b.discussed()
    assert discussed.state is State.DISCUSSION
    assert discussed.discussed_at == ams(20, 14, 45)
    assert discussed.discussion_summary == "Uren vergeten."

    closed = b.closed(effectiveness_check_on=dt.date(2026, 7, 1))
    assert closed.state is State.CLOSED
    assert not closed.is_open
    assert closed.closed_at == b.CLOSED_AT
    assert closed.resolution == "Uren nabetaald."
    assert closed.root_cause_category is RootCause.HUMAN_ERROR
    assert closed.customer_satisfied is Satisfaction.YES
    assert closed.effectiveness_check_on == dt.date(2026, 7, 1)
    assert [event.after for event in closed.events] == [
        State.RECEIVED,
        State.REGISTERED,
        State.CONTACTED,
        State.DISCUSSION,
        State.DISCUSSION,
        State.DISCUSSION,
        State.CLOSED,
    ]


def test_discussion_before_contact_keeps_the_furthest_step() -> None:
    requested = b.discussion_requested(b.registered())
    assert requested.state is State.DISCUSSION
    assert requested.contacted_at is None

    contacted = steps.record_contact(requested, OFFICER, b.contact(), now=ams(20, 16))

    # The contact is recorded as a fact, but the state stays at the furthest step reached.
    assert contacted.state is State.DISCUSSION
    assert contacted.contacted_at == ams(20, 10, 50)
    assert contacted.events[-1].before is State.DISCUSSION
    assert contacted.events[-1].after is State.DISCUSSION


def test_a_discussion_can_be_recorded_without_a_request_first() -> None:
    record = b.discussion_record(employee_id=EMPLOYEE.user_id)
    complaint = steps.record_discussion(b.contacted(), OFFICER, record, now=b.DISCUSSED_AT)

    assert complaint.state is State.DISCUSSION
    assert complaint.employee_id == EMPLOYEE.user_id
    assert complaint.discussed_at == ams(20, 14, 45)
    assert complaint.discussion_requested_at == ams(20, 14, 45)


def test_closing_without_an_employee_needs_only_a_reason() -> None:
    reason = "Klacht gaat over de website, geen medewerker betrokken."
    complaint = steps.close(
        b.contacted(), OFFICER, b.closure(no_employee_reason=reason), now=b.CLOSED_AT
    )

    assert complaint.state is State.CLOSED
    assert complaint.no_employee_reason == reason
    assert complaint.discussed_at is None
    assert complaint.events[-1].before is State.CONTACTED


def test_resolved_on_contact_needs_no_measures() -> None:
    data = inputs.Contact(ams(20, 10, 50), ContactOutcome.RESOLVED_ON_CONTACT)
    complaint = steps.record_contact(b.registered(), OFFICER, data, now=ams(20, 11))

    assert complaint.contact_outcome is ContactOutcome.RESOLVED_ON_CONTACT
    assert complaint.agreed_measures is None


def test_rejection_from_received() -> None:
    complaint = steps.reject(
        replace(b.received(), reference="K-2026-0008"),
        OFFICER,
        inputs.Rejection("Dubbel ingestuurd.", duplicate_of="K-2026-0007"),
        now=ams(20, 10),
    )

    assert complaint.state is State.REJECTED
    assert not complaint.is_open
    assert complaint.rejected_reason == "Dubbel ingestuurd."
    assert complaint.duplicate_of == "K-2026-0007"


def test_note_changes_nothing_but_the_history() -> None:
    before = b.contacted()
    after = steps.add_note(
        before, OFFICER, inputs.Note("Klant belt morgen terug."), now=ams(20, 12)
    )

    assert replace(after, events=before.events) == before
    assert after.events[-1].kind is EventKind.NOTE_ADDED
    assert after.events[-1].data == {"text": "Klant belt morgen terug."}


def test_effectiveness_result_after_a_planned_check() -> None:
    complaint = b.closed(effectiveness_check_on=dt.date(2026, 7, 1))
    result = inputs.EffectivenessResult(effective=True, result="Geen nieuwe klachten over uren.")

    checked = steps.record_effectiveness(complaint, OFFICER, result, now=ams(1, 9, month=7))

    assert checked.state is State.CLOSED
    assert checked.effective is True
    assert checked.effectiveness_result == "Geen nieuwe klachten over uren."


@pytest.mark.parametrize(
    "kind", [EventKind.REPLY_RECEIVED, EventKind.ACKNOWLEDGEMENT_SENT, EventKind.WARNING_SENT]
)
def test_bot_facts_are_recorded_by_the_system(kind: EventKind) -> None:
    complaint = steps.record_fact(b.received(), kind, now=ams(20, 9, 31), data={"to": "x"})

    assert complaint.state is State.RECEIVED
    event = complaint.events[-1]
    assert (event.kind, event.actor_id, event.actor_role) == (kind, "system", Role.SYSTEM)
    assert (event.before, event.after, event.data) == (State.RECEIVED, State.RECEIVED, {"to": "x"})


def test_officer_steps_are_no_bot_facts() -> None:
    with pytest.raises(ValueError):
        steps.record_fact(b.received(), EventKind.CLOSED, now=ams(20, 10))


# --- reopening ----------------------------------------------------------------------------


def test_reopening_a_closed_complaint_returns_to_the_furthest_step() -> None:
    closed = b.closed(effectiveness_check_on=dt.date(2026, 7, 1))
    reopened = steps.reopen(
        closed, OFFICER, inputs.Reopening("Klant belt opnieuw."), now=ams(22, 9)
    )

    assert reopened.state is State.DISCUSSION
    assert reopened.is_open
    # What the closure recorded is cleared, the contact and discussion stay.
    assert reopened.closed_at is None
    assert reopened.resolution is None
    assert reopened.root_cause_category is None
    assert reopened.customer_satisfied is None
    assert reopened.effectiveness_check_on is None
    assert reopened.contacted_at == closed.contacted_at
    assert reopened.discussed_at == closed.discussed_at
    event = reopened.events[-1]
    assert (event.kind, event.before, event.after) == (
        EventKind.REOPENED,
        State.CLOSED,
        State.DISCUSSION,
    )
    assert event.data == {"reason": "Klant belt opnieuw."}


def test_reopened_without_discussion_returns_to_contacted_and_can_close_again() -> None:
    closed = steps.close(
        b.contacted(), OFFICER, b.closure(no_employee_reason="Geen medewerker."), now=b.CLOSED_AT
    )
    reopened = steps.reopen(closed, OFFICER, inputs.Reopening("Nieuwe info."), now=ams(22, 9))
    assert reopened.state is State.CONTACTED
    assert reopened.no_employee_reason is None

    again = steps.close(
        reopened, OFFICER, b.closure(no_employee_reason="Nog steeds niet."), now=ams(22, 10)
    )
    assert again.state is State.CLOSED
    assert again.closed_at == ams(22, 10)


@pytest.mark.parametrize(
    ("build", "expected"),
    [
        pytest.param(b.received, State.RECEIVED, id="rejected-on-receipt"),
        pytest.param(b.registered, State.REGISTERED, id="rejected-after-registration"),
        pytest.param(b.contacted, State.CONTACTED, id="rejected-after-contact"),
    ],
)
def test_reopening_a_rejected_complaint(build, expected: State) -> None:
    rejected = b.rejected(build())
    reopened = steps.reopen(rejected, OFFICER, inputs.Reopening("Toch een klacht."), now=ams(21, 9))

    assert reopened.state is expected
    assert reopened.rejected_reason is None
    assert reopened.events[-1].before is State.REJECTED


@pytest.mark.parametrize("build", [b.received, b.registered, b.contacted, b.discussed])
def test_only_closed_or_rejected_complaints_can_be_reopened(build) -> None:
    with refused(ProcedureError, "Alleen een afgesloten klacht kan worden heropend."):
        steps.reopen(build(), OFFICER, inputs.Reopening("Waarom niet."), now=ams(22, 9))


# --- guards -------------------------------------------------------------------------------


def test_registering_twice_names_who_did_it_first() -> None:
    with refused(AlreadyDone, "Deze klacht is al geregistreerd door Fatima de Vries om 10:15."):
        steps.register(
            b.registered(), OTHER_OFFICER, b.registration(), now=ams(20, 10, 16), terms=b.TERMS
        )


def test_recording_the_contact_twice_is_already_done() -> None:
    with refused(AlreadyDone, "Al gedaan door Fatima de Vries om 11:00."):
        steps.record_contact(b.contacted(), OTHER_OFFICER, b.contact(), now=ams(20, 11, 1))


def test_requesting_a_discussion_twice_is_already_done() -> None:
    with refused(AlreadyDone, "Al gedaan door Fatima de Vries om 11:30."):
        b.discussion_requested(b.discussion_requested())


def test_recording_the_discussion_twice_is_already_done() -> None:
    with refused(AlreadyDone, "Al gedaan door Fatima de Vries om 15:00."):
        steps.record_discussion(b.discussed(), OFFICER, b.discussion_record(), now=ams(20, 16))


@pytest.mark.parametrize(
    "step",
    [
        lambda c: steps.record_contact(c, OFFICER, b.contact(), now=ams(20, 11)),
        lambda c: steps.request_discussion(
            c, OFFICER, inputs.DiscussionRequest(("UEMPLOYEE",)), now=ams(20, 11)
        ),
        lambda c: steps.record_discussion(
            c, OFFICER, b.discussion_record(employee_id="UEMPLOYEE"), now=ams(20, 15)
        ),
        lambda c: steps.close(c, OFFICER, b.closure(no_employee_reason="Geen."), now=ams(20, 15)),
    ],
    ids=["contact", "request-discussion", "record-discussion", "close"],
)
def test_steps_after_registration_need_a_registration(step) -> None:
    with refused(ProcedureError, "Registreer de klacht eerst."):
        step(b.received())


def test_closing_needs_a_contact() -> None:
    discussed_without_contact = steps.record_discussion(
        b.discussion_requested(b.registered()), OFFICER, b.discussion_record(), now=b.DISCUSSED_AT
    )
    with refused(ProcedureError, "Leg eerst het contact met de klant vast."):
        steps.close(discussed_without_contact, OFFICER, b.closure(), now=b.CLOSED_AT)


def test_closing_needs_a_discussion_or_a_reason_without_employee() -> None:
    message = (
        "Leg eerst de bespreking met de medewerker vast, of geef aan waarom er geen medewerker "
        "bij betrokken is."
    )
    with refused(ProcedureError, message, "no_employee_reason"):
        steps.close(b.contacted(), OFFICER, b.closure(), now=b.CLOSED_AT)
    # A request alone is no discussion.
    with refused(ProcedureError, message, "no_employee_reason"):
        steps.close(b.responded(), OFFICER, b.closure(), now=b.CLOSED_AT)


def test_effectiveness_check_must_lie_in_the_future() -> None:
    message = "De datum voor de effectiviteitscontrole moet in de toekomst liggen."
    with refused(ProcedureError, message, "effectiveness_check_on"):
        steps.close(
            b.discussed(),
            OFFICER,
            b.closure(effectiveness_check_on=dt.date(2026, 4, 21)),
            now=b.CLOSED_AT,
        )


def test_contact_cannot_lie_in_the_future() -> None:
    with refused(ProcedureError, "Het tijdstip van contact ligt in de toekomst.", "contacted_at"):
        steps.record_contact(b.registered(), OFFICER, b.contact(ams(20, 11, 1)), now=ams(20, 11))


def test_contact_cannot_lie_before_receipt() -> None:
    message = "Het tijdstip van contact ligt voor de ontvangst van de klacht."
    with refused(ProcedureError, message, "contacted_at"):
        steps.record_contact(b.registered(), OFFICER, b.contact(ams(20, 9, 29)), now=ams(20, 11))


def test_contact_at_the_moment_of_receipt_and_now_is_fine() -> None:
    at_receipt = steps.record_contact(
        b.registered(), OFFICER, b.contact(b.RECEIVED_AT), now=ams(20, 11)
    )
    right_now = steps.record_contact(
        b.registered(), OFFICER, b.contact(ams(20, 11)), now=ams(20, 11)
    )
    assert at_receipt.contacted_at == b.RECEIVED_AT
    assert right_now.contacted_at == ams(20, 11)


def test_discussion_cannot_lie_in_the_future() -> None:
    message = "Het tijdstip van de bespreking ligt in de toekomst."
    with refused(ProcedureError, message, "discussed_at"):
        steps.record_discussion(
            b.responded(), OFFICER, b.discussion_record(discussed_at=ams(20, 16)), now=ams(20, 15)
        )


def test_registration_without_a_phone_keeps_the_one_intake_found() -> None:
    complaint = b.received(complainant_phone="+31612345678")
    registered = steps.register(
        complaint, OFFICER, b.registration(complainant_phone=""), now=ams(20, 10), terms=b.TERMS
    )
    assert registered.complainant_phone == "+31612345678"
    assert registered.events[-1].data["complainant_phone"] == "+31612345678"


def test_a_number_intake_was_unsure_of_stays_unsure_until_the_officer_gives_one() -> None:
    intake = b.intake(complainant_phone="+31201234567", phone_uncertain=True)
    received = steps.receive(intake, b.ACTORS[Role.SYSTEM], calendar=b.CALENDAR, contact_days=2)
    kept = steps.register(
        received, OFFICER, b.registration(complainant_phone=""), now=ams(20, 10), terms=b.TERMS
    )
    given = steps.register(
        received,
        OFFICER,
        b.registration(complainant_phone="0201234567"),
        now=ams(20, 10),
        terms=b.TERMS,
    )

    assert received.phone_uncertain and kept.phone_uncertain
    assert not given.phone_uncertain


def test_discussion_cannot_lie_before_receipt() -> None:
    message = "Het tijdstip van de bespreking ligt voor de ontvangst van de klacht."
    before = b.RECEIVED_AT - dt.timedelta(minutes=1)
    with refused(ProcedureError, message, "discussed_at"):
        steps.record_discussion(
            b.responded(), OFFICER, b.discussion_record(discussed_at=before), now=ams(20, 15)
        )


def test_no_new_discussion_request_after_the_discussion_was_held() -> None:
    # The discussion is a recorded fact; asking again would reopen it behind the officer's back.
    with refused(AlreadyDone, "Al gedaan door Fatima de Vries om 11:30."):
        steps.request_discussion(
            b.discussed(), OFFICER, inputs.DiscussionRequest(("U0OTHER",)), now=ams(21, 9)
        )


def test_recording_a_discussion_needs_an_employee() -> None:
    with refused(
        ProcedureError, "Er is geen bespreking met een medewerker gevraagd.", "employee_id"
    ):
        steps.record_discussion(b.contacted(), OFFICER, b.discussion_record(), now=ams(20, 15))


CLOSED_MESSAGE = "Deze klacht is al afgesloten door Fatima de Vries op dinsdag 21 april om 10:00."

STEPS_ON_A_CLOSED_COMPLAINT = [
    pytest.param(
        lambda c: steps.register(c, OFFICER, b.registration(), now=ams(22, 9), terms=b.TERMS),
        id="register",
    ),
    pytest.param(
        lambda c: steps.record_contact(c, OFFICER, b.contact(), now=ams(22, 9)), id="contact"
    ),
    pytest.param(
        lambda c: steps.request_discussion(
            c, OFFICER, inputs.DiscussionRequest(("UEMPLOYEE2",)), now=ams(22, 9)
        ),
        id="request-discussion",
    ),
    pytest.param(
        lambda c: steps.record_employee_response(
            c, EMPLOYEE, inputs.EmployeeResponse("Nog iets."), now=ams(22, 9)
        ),
        id="employee-response",
    ),
    pytest.param(
        lambda c: steps.record_discussion(c, OFFICER, b.discussion_record(), now=ams(22, 9)),
        id="record-discussion",
    ),
    pytest.param(lambda c: steps.close(c, OFFICER, b.closure(), now=ams(22, 9)), id="close"),
]


@pytest.mark.parametrize("step", STEPS_ON_A_CLOSED_COMPLAINT)
def test_a_closed_complaint_refuses_every_step_naming_who_closed_it(step) -> None:
    with refused(AlreadyDone, CLOSED_MESSAGE):
        step(b.closed())


@pytest.mark.parametrize("step", STEPS_ON_A_CLOSED_COMPLAINT[:2])
def test_a_rejected_complaint_refuses_steps_naming_who_rejected_it(step) -> None:
    message = (
        "Deze klacht is al als geen klacht aangemerkt door Fatima de Vries "
        "op maandag 20 april om 10:00."
    )
    with refused(AlreadyDone, message):
        step(b.rejected(b.received()))


def test_rejecting_a_closed_complaint_is_refused() -> None:
    message = "Een afgesloten klacht kan niet meer als geen klacht worden aangemerkt."
    with refused(ProcedureError, message):
        steps.reject(b.closed(), OFFICER, inputs.Rejection("Spam."), now=ams(22, 9))


def test_rejecting_twice_is_already_done() -> None:
    with pytest.raises(AlreadyDone, match="al als geen klacht aangemerkt door Fatima de Vries"):
        b.rejected(b.rejected())


@pytest.mark.parametrize("typed", ["K-2026-0007", "k-2026-0007", " K-2026-0007 "])
def test_a_complaint_is_no_duplicate_of_itself(typed: str) -> None:
    complaint = replace(b.received(), reference="K-2026-0007")
    with refused(ProcedureError, "Een klacht kan geen dubbele van zichzelf zijn.", "duplicate_of"):
        steps.reject(complaint, OFFICER, inputs.Rejection("Dubbel.", typed), now=ams(20, 10))


def test_only_the_named_employee_may_respond() -> None:
    message = (
        "Deze vraag is aan een andere medewerker gesteld; alleen die kan hier reageren. "
        "Er is niets gewijzigd."
    )
    with refused(NotAllowed, message):
        steps.record_employee_response(
            b.discussion_requested(),
            OTHER_EMPLOYEE,
            inputs.EmployeeResponse("Ik?"),
            now=ams(20, 12),
        )


def test_an_employee_response_needs_a_request() -> None:
    with refused(ProcedureError, "Er is geen bespreking met een medewerker gevraagd."):
        steps.record_employee_response(
            b.contacted(), EMPLOYEE, inputs.EmployeeResponse("Ik?"), now=ams(20, 12)
        )


def test_responding_twice_is_already_done() -> None:
    message = "Je hebt hier al op gereageerd (maandag 20 april om 14:00). Er is niets gewijzigd."
    with refused(AlreadyDone, message):
        steps.record_employee_response(
            b.responded(), EMPLOYEE, inputs.EmployeeResponse("Nog iets."), now=ams(20, 14, 5)
        )


def test_effectiveness_result_needs_a_planned_check() -> None:
    result = inputs.EffectivenessResult(effective=False, result="Weer mis.")
    message = "Er is voor deze klacht geen controle op effectiviteit gepland."
    with refused(ProcedureError, message):
        steps.record_effectiveness(b.closed(), OFFICER, result, now=ams(1, 9, month=7))
    with refused(ProcedureError, message):
        steps.record_effectiveness(b.discussed(), OFFICER, result, now=ams(1, 9, month=7))


def test_effectiveness_result_only_once() -> None:
    result = inputs.EffectivenessResult(effective=False, result="Weer mis.")
    checked = steps.record_effectiveness(
        b.closed(effectiveness_check_on=dt.date(2026, 7, 1)),
        OFFICER,
        result,
        now=ams(1, 9, month=7),
    )
    with refused(AlreadyDone, "Al gedaan door Fatima de Vries om 09:00."):
        steps.record_effectiveness(checked, OFFICER, result, now=ams(1, 10, month=7))


# --- one event per step -------------------------------------------------------------------

# (name, complaint before, the step, expected kind, actor, now, expected event data)
ONE_EVENT_CASES = [
    (
        "register",
        b.received,
        lambda c: steps.register(c, OFFICER, b.registration(), now=b.REGISTERED_AT, terms=b.TERMS),
        EventKind.REGISTERED,
        OFFICER,
        b.REGISTERED_AT,
        {
            "complainant_name": "Petra Pietersen",
            "relation_type": "flexwerker",
            "category": "salaris",
            "complainant_phone": "+31612345678",
            "route": "dienstverlening",
            "suitable_work": False,
        },
    ),
    (
        "contact",
        b.registered,
        lambda c: steps.record_contact(c, OFFICER, b.contact(), now=b.CONTACT_RECORDED_AT),
        EventKind.CONTACT_RECORDED,
        OFFICER,
        b.CONTACT_RECORDED_AT,
        {
            "contacted_at": "2026-04-20T10:50:00+02:00",
            "outcome": "measures_agreed",
            "agreed_measures": "Uren worden met de volgende verloning nabetaald.",
        },
    ),
    (
        "request-discussion",
        b.contacted,
        b.discussion_requested,
        EventKind.DISCUSSION_REQUESTED,
        OFFICER,
        b.DISCUSSION_REQUESTED_AT,
        {"employee_ids": ["UEMPLOYEE"], "shared": []},
    ),
    (
        "employee-response",
        b.discussion_requested,
        lambda c: steps.record_employee_response(
            c, EMPLOYEE, inputs.EmployeeResponse("Vergeten."), now=b.RESPONDED_AT
        ),
        EventKind.EMPLOYEE_RESPONDED,
        EMPLOYEE,
        b.RESPONDED_AT,
        {
            "employee_id": "UEMPLOYEE",
            "account": "Vergeten.",
            "officer_id": "UOFFICER",
            "all_answered": True,
        },
    ),
    (
        "record-discussion",
        b.responded,
        lambda c: steps.record_discussion(c, OFFICER, b.discussion_record(), now=b.DISCUSSED_AT),
        EventKind.DISCUSSION_RECORDED,
        OFFICER,
        b.DISCUSSED_AT,
        {"discussed_at": "2026-04-20T14:45:00+02:00", "summary": "Uren vergeten."},
    ),
    (
        "close",
        b.discussed,
        lambda c: steps.close(
            c, OFFICER, b.closure(effectiveness_check_on=dt.date(2026, 7, 1)), now=b.CLOSED_AT
        ),
        EventKind.CLOSED,
        OFFICER,
        b.CLOSED_AT,
        {
            "resolution": "Uren nabetaald.",
            "root_cause_category": "menselijke_fout",
            "root_cause": "Urenbriefje niet ingevoerd.",
            "corrective_measures": "Nabetaling in week 17.",
            "preventive_measures": "Controle op ontbrekende uren voor de verloning.",
            "customer_satisfied": "ja",
            "effectiveness_check_on": "2026-07-01",
        },
    ),
    (
        "reject",
        b.registered,
        lambda c: steps.reject(c, OTHER_OFFICER, inputs.Rejection("Spam."), now=ams(20, 12)),
        EventKind.REJECTED,
        OTHER_OFFICER,
        ams(20, 12),
        {"reason": "Spam."},
    ),
    (
        "reopen",
        b.closed,
        lambda c: steps.reopen(c, OFFICER, inputs.Reopening("Terug."), now=ams(22, 9)),
        EventKind.REOPENED,
        OFFICER,
        ams(22, 9),
        {"reason": "Terug."},
    ),
    (
        "note",
        b.registered,
        lambda c: steps.add_note(c, b.MANAGER, inputs.Note("Gezien."), now=ams(20, 13)),
        EventKind.NOTE_ADDED,
        b.MANAGER,
        ams(20, 13),
        {"text": "Gezien."},
    ),
    (
        "effectiveness",
        lambda: b.closed(effectiveness_check_on=dt.date(2026, 7, 1)),
        lambda c: steps.record_effectiveness(
            c, OFFICER, inputs.EffectivenessResult(True, "Werkt."), now=ams(1, 9, month=7)
        ),
        EventKind.EFFECTIVENESS_RECORDED,
        OFFICER,
        ams(1, 9, month=7),
        {"effective": True, "result": "Werkt."},
    ),
]


@pytest.mark.parametrize(
    ("build", "step", "kind", "actor", "now", "data"),
    [pytest.param(*case[1:], id=case[0]) for case in ONE_EVENT_CASES],
)
def test_each_step_appends_exactly_one_event(build, step, kind, actor, now, data) -> None:
    before: Complaint = build()
    after: Complaint = step(before)

    assert after.events[:-1] == before.events
    event = after.events[-1]
    assert event.kind is kind
    assert (event.before, event.after) == (before.state, after.state)
    assert (event.actor_id, event.actor_role, event.actor_name) == (
        actor.user_id,
        actor.role,
        actor.name,
    )
    assert event.at == now
    assert event.data == data
    assert event.id is None
    assert after.new_events == after.events


def test_a_refused_step_leaves_the_complaint_as_it_was() -> None:
    complaint = b.contacted()
    snapshot = replace(complaint)
    with pytest.raises(ProcedureError):
        steps.close(complaint, OFFICER, b.closure(), now=b.CLOSED_AT)
    assert complaint == snapshot
    assert complaint.state is State.CONTACTED


# --- input validation ---------------------------------------------------------------------

TOO_LONG = "x" * 3001


@pytest.mark.parametrize("name", ["", "   ", None])
def test_registration_needs_a_name(name) -> None:
    with refused(ProcedureError, "Vul dit veld in.", "complainant_name"):
        b.registration(complainant_name=name)


def test_registration_name_is_limited() -> None:
    with refused(ProcedureError, "Maximaal 200 tekens.", "complainant_name"):
        b.registration(complainant_name="P" * 201)


@pytest.mark.parametrize("phone", ["12345", "06 1234", "bel me", "+31 6 1234567890"])
def test_registration_refuses_an_invalid_phone(phone: str) -> None:
    with refused(ProcedureError, "Dit is geen geldig telefoonnummer.", "complainant_phone"):
        b.registration(complainant_phone=phone)


@pytest.mark.parametrize(
    ("typed", "e164"),
    [
        ("06 12345678", "+31612345678"),
        ("06-12345678", "+31612345678"),
        ("+31 20 123 4567", "+31201234567"),
        ("0031612345678", "+31612345678"),
        ("+32 470 12 34 56", "+32470123456"),
        ("", None),
        ("  ", None),
    ],
)
def test_registration_stores_phones_as_e164(typed: str, e164: str | None) -> None:
    assert b.registration(complainant_phone=typed).complainant_phone == e164


def test_registration_strips_the_name() -> None:
    assert b.registration(complainant_name="  Petra  ").complainant_name == "Petra"


def test_measures_agreed_needs_the_measures() -> None:
    for measures in (None, "", "   "):
        with refused(ProcedureError, "Beschrijf de afgesproken maatregelen.", "agreed_measures"):
            inputs.Contact(ams(20, 10), ContactOutcome.MEASURES_AGREED, measures)


TEXT_INPUTS = [
    pytest.param(
        lambda t: inputs.Contact(ams(20, 10), ContactOutcome.MEASURES_AGREED, t),
        "agreed_measures",
        id="contact-measures",
    ),
    pytest.param(lambda t: inputs.EmployeeResponse(t), "account", id="employee-response"),
    pytest.param(lambda t: inputs.EmployeeResponse("x", cause=t), "cause", id="employee-cause"),
    pytest.param(lambda t: inputs.Decline(t), "reason", id="decline"),
    pytest.param(lambda t: b.discussion_record(summary=t), "summary", id="discussion-summary"),
    pytest.param(lambda t: b.closure(resolution=t), "resolution", id="resolution"),
    pytest.param(lambda t: b.closure(root_cause=t), "root_cause", id="root-cause"),
    pytest.param(
        lambda t: b.closure(corrective_measures=t), "corrective_measures", id="corrective"
    ),
    pytest.param(
        lambda t: b.closure(preventive_measures=t), "preventive_measures", id="preventive"
    ),
    pytest.param(
        lambda t: b.closure(no_employee_reason=t), "no_employee_reason", id="no-employee-reason"
    ),
    pytest.param(lambda t: inputs.Rejection(t), "reason", id="rejection"),
    pytest.param(lambda t: inputs.Reopening(t), "reason", id="reopening"),
    pytest.param(lambda t: inputs.Note(t), "text", id="note"),
    pytest.param(lambda t: inputs.EffectivenessResult(True, t), "result", id="effectiveness"),
]


@pytest.mark.parametrize(("build", "field"), TEXT_INPUTS)
def test_texts_longer_than_3000_characters_are_refused(build, field: str) -> None:
    with refused(ProcedureError, "Maximaal 3000 tekens.", field):
        build(TOO_LONG)


@pytest.mark.parametrize(("build", "field"), TEXT_INPUTS)
def test_texts_of_3000_characters_are_kept_whole(build, field: str) -> None:
    made = build(" " + "y" * 3000 + "\n")
    assert getattr(made, field) == "y" * 3000


@pytest.mark.parametrize(
    ("build", "field"),
    [
        pytest.param(lambda: inputs.EmployeeResponse("  "), "account", id="response"),
        pytest.param(lambda: inputs.Decline(" "), "reason", id="decline"),
        pytest.param(lambda: b.discussion_record(summary=""), "summary", id="summary"),
        pytest.param(lambda: b.closure(resolution=" "), "resolution", id="resolution"),
        pytest.param(lambda: b.closure(root_cause=""), "root_cause", id="root-cause"),
        pytest.param(
            lambda: b.closure(corrective_measures=None), "corrective_measures", id="corrective"
        ),
        pytest.param(lambda: inputs.Rejection(""), "reason", id="rejection"),
        pytest.param(lambda: inputs.Reopening("\n"), "reason", id="reopening"),
        pytest.param(lambda: inputs.Note(""), "text", id="note"),
        pytest.param(lambda: inputs.DiscussionRequest((" ",)), "employee_ids", id="employee"),
        pytest.param(lambda: inputs.EffectivenessResult(False, ""), "result", id="effectiveness"),
    ],
)
def test_required_texts_must_be_filled_in(build, field: str) -> None:
    with refused(ProcedureError, "Vul dit veld in.", field):
        build()


def test_optional_texts_become_none_when_blank() -> None:
    closure = b.closure(preventive_measures="   ", no_employee_reason="")
    assert closure.preventive_measures is None
    assert closure.no_employee_reason is None
    assert inputs.Rejection("Spam.", duplicate_of=" ").duplicate_of is None


def test_duplicate_of_is_a_reference() -> None:
    assert inputs.Rejection("Dubbel.", duplicate_of=" k-2026-0007 ").duplicate_of == "K-2026-0007"
    with pytest.raises(ProcedureError) as error:
        inputs.Rejection("Dubbel.", duplicate_of="K-2026-0007 en K-2026-0008")
    assert error.value.field == "duplicate_of"
    for typed in ("2026-0007", "K-2026-7a", "klacht 7"):
        with pytest.raises(ProcedureError, match="geen kenmerk") as error:
            inputs.Rejection("Dubbel.", duplicate_of=typed)
        assert error.value.field == "duplicate_of"


def test_employee_ids_are_limited_like_their_column() -> None:
    with pytest.raises(ProcedureError) as error:
        inputs.DiscussionRequest(("U" * 51,))
    assert error.value.field == "employee_ids"
    with pytest.raises(ProcedureError) as error:
        b.discussion_record(employee_id="U" * 51)
    assert error.value.field == "employee_id"
    assert b.discussion_record(employee_id=" UEMPLOYEE ").employee_id == "UEMPLOYEE"


def test_a_manual_intake_by_an_officer() -> None:
    complaint = steps.receive(
        b.intake(source=Source.MANUAL, complainant_email=None),
        OFFICER,
        calendar=b.CALENDAR,
        contact_days=3,
    )
    assert complaint.source is Source.MANUAL
    assert complaint.events[0].actor_id == OFFICER.user_id
    # Three working days after Monday 20 April: Thursday 23 April.
    assert complaint.contact_deadline == ams(23, 17)
    assert SYSTEM_ACTOR.role is Role.SYSTEM
