"""The role matrix: every step tried by every role on a complaint where the step is legal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from copy import deepcopy

import pytest

from bot.procedure import (
    Acceptance,
    Actor,
    Complaint,
    LetterChannel,
    LetterKind,
    NotAllowed,
    Outcome,
    Role,
    Severity,
    State,
    decision,
    inputs,
    steps,
)
from bot.procedure.roles import ROLE_MATRIX, may, role_of
from tests.procedure import builders as b
from tests.procedure.builders import ACTORS, ams

OFFICER, EMPLOYEE, MANAGEMENT, SYSTEM = Role.OFFICER, Role.EMPLOYEE, Role.MANAGEMENT, Role.SYSTEM

# What docs/procedure.md ("Who does what") asks for, written out by hand (not read from
# ROLE_MATRIX, so this can fail).
EXPECTED = {
    "receive": {OFFICER, EMPLOYEE, MANAGEMENT, SYSTEM},
    "admit": {OFFICER},
    "register": {OFFICER},
    "record_contact": {OFFICER},
    "request_discussion": {OFFICER},
    # Whoever was asked, in any role (an officer can be the employee concerned); the step
    # itself refuses anyone not asked (tests/procedure/test_discussion.py).
    "record_employee_response": {OFFICER, EMPLOYEE, MANAGEMENT},
    "decline_discussion": {OFFICER, EMPLOYEE, MANAGEMENT},
    "plan_meeting": {OFFICER, EMPLOYEE, MANAGEMENT},
    "move_meeting": {OFFICER, EMPLOYEE, MANAGEMENT},
    # The officer moves an employee's planned talk from the card.
    "move_planned_talk": {OFFICER},
    "record_discussion": {OFFICER},
    "close": {OFFICER},
    "reject": {OFFICER},
    "reopen": {OFFICER},
    "add_note": {OFFICER, MANAGEMENT},
    "record_effectiveness": {OFFICER},
    "reclassify": {OFFICER},
    "extend_deadline": {OFFICER},
    # The bot records the e-mails it sent, the officer the letters they posted.
    "record_letter_sent": {OFFICER, SYSTEM},
    # The officer records the complainant's answer, the bot "geen reactie".
    "record_acceptance": {OFFICER, SYSTEM},
    "record_recourse": {OFFICER},
    "record_recourse_result": {OFFICER},
}

OFFICER_ONLY = "Alleen de klachtenfunctionaris mag dit doen. Er is niets gewijzigd."
ASKED_ONLY = (
    "Alleen de medewerker of directie of klachtenfunctionaris mag dit doen. Er is niets gewijzigd."
)
REFUSALS = {
    "record_employee_response": ASKED_ONLY,
    "decline_discussion": ASKED_ONLY,
    "plan_meeting": ASKED_ONLY,
    "move_meeting": ASKED_ONLY,
    "add_note": "Alleen de directie of klachtenfunctionaris mag dit doen. Er is niets gewijzigd.",
}

Step = Callable[[Complaint, Actor], Complaint]


def _effectiveness_due() -> Complaint:
    return b.closed(effectiveness_check_on=dt.date(2026, 7, 1))


def _letter_sent(complaint: Complaint, actor: Actor) -> Complaint:
    """By e-mail when the bot records it, by post when the officer does."""
    by_mail = actor.role is SYSTEM
    data = inputs.LetterSent(
        LetterKind.DECISION,
        LetterChannel.EMAIL if by_mail else LetterChannel.POST,
        b.MESSAGE_ID if by_mail else None,
    )
    return decision.record_letter_sent(complaint, actor, data, now=b.LETTER_SENT_AT, terms=b.TERMS)


def _answer(complaint: Complaint, actor: Actor) -> Complaint:
    """The officer's "niet akkoord"; the bot's "geen reactie" once the wait is over."""
    if actor.role is SYSTEM:
        data = inputs.AcceptanceRecord(Acceptance.NO_REACTION)
        return decision.record_acceptance(complaint, actor, data, now=ams(6, 17, month=5))
    data = inputs.AcceptanceRecord(Acceptance.DISAGREED)
    return decision.record_acceptance(complaint, actor, data, now=b.DISAGREED_AT)


# step name -> (a complaint on which the step is legal, the step taken by `actor`)
STEPS: dict[str, tuple[Callable[[], Complaint], Step]] = {
    "receive": (
        b.received,
        lambda _, actor: steps.receive(b.intake(), actor, calendar=b.CALENDAR, contact_days=2),
    ),
    "admit": (
        b.received,
        lambda _, actor: steps.admit(
            b.intake(),
            actor,
            calendar=b.CALENDAR,
            contact_days=2,
            reason="notification",
            now=ams(1, 9, month=7),
        ),
    ),
    "register": (
        b.received,
        lambda c, actor: steps.register(
            c, actor, b.registration(), now=b.REGISTERED_AT, terms=b.TERMS
        ),
    ),
    "record_contact": (
        b.registered,
        lambda c, actor: steps.record_contact(c, actor, b.contact(), now=b.CONTACT_RECORDED_AT),
    ),
    "request_discussion": (
        b.contacted,
        lambda c, actor: steps.request_discussion(
            c, actor, inputs.DiscussionRequest(("UEMPLOYEE",)), now=b.DISCUSSION_REQUESTED_AT
        ),
    ),
    # The request names the actor of each role, so only the role decides.
    "record_employee_response": (
        b.contacted,
        lambda c, actor: steps.record_employee_response(
            steps.request_discussion(
                c, b.OFFICER, inputs.DiscussionRequest((actor.user_id,)), now=ams(20, 11, 30)
            ),
            actor,
            inputs.EmployeeResponse("Mijn kant."),
            now=b.RESPONDED_AT,
        ),
    ),
    "decline_discussion": (
        b.contacted,
        lambda c, actor: steps.decline_discussion(
            steps.request_discussion(
                c, b.OFFICER, inputs.DiscussionRequest((actor.user_id,)), now=ams(20, 11, 30)
            ),
            actor,
            inputs.Decline("Niet mijn klant."),
            now=b.RESPONDED_AT,
        ),
    ),
    "plan_meeting": (
        b.contacted,
        lambda c, actor: steps.plan_meeting(
            steps.request_discussion(
                c, b.OFFICER, inputs.DiscussionRequest((actor.user_id,)), now=ams(20, 11, 30)
            ),
            actor,
            inputs.MeetingPlan(ams(21, 10)),
            now=b.RESPONDED_AT,
        ),
    ),
    "move_meeting": (
        b.contacted,
        lambda c, actor: steps.move_meeting(
            steps.plan_meeting(
                steps.request_discussion(
                    c, b.OFFICER, inputs.DiscussionRequest((actor.user_id,)), now=ams(20, 11, 30)
                ),
                actor,
                inputs.MeetingPlan(ams(21, 10)),
                now=b.RESPONDED_AT,
            ),
            actor,
            inputs.MeetingPlan(ams(22, 10)),
            now=b.RESPONDED_AT,
        ),
    ),
    "move_planned_talk": (
        lambda: steps.plan_meeting(
            steps.request_discussion(
                b.contacted(),
                b.OFFICER,
                inputs.DiscussionRequest((b.OTHER_EMPLOYEE.user_id,)),
                now=ams(20, 11, 30),
            ),
            b.OTHER_EMPLOYEE,
            inputs.MeetingPlan(ams(21, 10)),
            now=b.RESPONDED_AT,
        ),
        lambda c, actor: steps.move_meeting(
            c,
            actor,
            inputs.MeetingPlan(ams(22, 10), employee_id=b.OTHER_EMPLOYEE.user_id),
            now=b.RESPONDED_AT,
        ),
    ),
    "record_discussion": (
        b.responded,
        lambda c, actor: steps.record_discussion(
            c, actor, b.discussion_record(), now=b.DISCUSSED_AT
        ),
    ),
    "close": (
        b.discussed,
        lambda c, actor: steps.close(c, actor, b.closure(), now=b.CLOSED_AT),
    ),
    "reject": (
        b.received,
        lambda c, actor: steps.reject(c, actor, inputs.Rejection("Spam."), now=ams(20, 10)),
    ),
    "reopen": (
        b.closed,
        lambda c, actor: steps.reopen(c, actor, inputs.Reopening("Terug."), now=ams(22, 9)),
    ),
    "add_note": (
        b.contacted,
        lambda c, actor: steps.add_note(c, actor, inputs.Note("Gezien."), now=ams(20, 12)),
    ),
    "record_effectiveness": (
        _effectiveness_due,
        lambda c, actor: steps.record_effectiveness(
            c, actor, inputs.EffectivenessResult(True, "Werkt."), now=ams(1, 9, month=7)
        ),
    ),
    "reclassify": (
        b.registered,
        lambda c, actor: steps.reclassify(
            c, actor, inputs.Assessment(severity=Severity.LOW), now=ams(20, 12), terms=b.TERMS
        ),
    ),
    "extend_deadline": (
        b.registered,
        lambda c, actor: decision.extend_deadline(
            c,
            actor,
            inputs.Extension(dt.date(2026, 5, 15), "Wachten op de loonadministratie."),
            now=ams(21, 9),
            terms=b.TERMS,
        ),
    ),
    "record_letter_sent": (b.decided, _letter_sent),
    "record_acceptance": (b.letter_sent, _answer),
    "record_recourse": (
        b.disagreed,
        lambda c, actor: decision.record_recourse(
            c, actor, inputs.Recourse(b.RecourseBody.GCU, b.RECOURSE_ON), now=ams(24, 9)
        ),
    ),
    "record_recourse_result": (
        b.in_recourse,
        lambda c, actor: decision.record_recourse_result(
            c,
            actor,
            inputs.RecourseResult(Outcome.NOT_UPHELD, "Vordering afgewezen.", dt.date(2026, 6, 1)),
            now=ams(2, 9, month=6),
        ),
    ),
}

CASES = [pytest.param(step, role, id=f"{step}-{role.value}") for step in STEPS for role in Role]


def test_every_step_is_in_the_matrix() -> None:
    assert set(STEPS) == set(EXPECTED) == set(ROLE_MATRIX)


@pytest.mark.parametrize(("step", "role"), CASES)
def test_role_matrix(step: str, role: Role) -> None:
    build, take = STEPS[step]
    complaint = build()
    snapshot = deepcopy(complaint)
    actor = ACTORS[role]

    assert may(actor, step) is (role in EXPECTED[step])
    if role in EXPECTED[step]:
        changed = take(complaint, actor)
        assert changed.events[-1].actor_id == actor.user_id
        assert changed.events[-1].actor_role is role
        return
    with pytest.raises(NotAllowed) as refused:
        take(complaint, actor)
    assert refused.value.message == REFUSALS.get(step, OFFICER_ONLY)
    assert complaint == snapshot


def test_the_role_is_checked_before_the_guards() -> None:
    # An employee clicking "Registreren" on a registered complaint learns nothing about who did.
    with pytest.raises(NotAllowed, match="Alleen de klachtenfunctionaris"):
        steps.register(
            b.registered(), ACTORS[EMPLOYEE], b.registration(), now=ams(20, 12), terms=b.TERMS
        )
    with pytest.raises(NotAllowed, match="Alleen de klachtenfunctionaris"):
        steps.close(b.closed(), ACTORS[MANAGEMENT], b.closure(), now=ams(22, 9))


def test_management_sees_but_does_not_run_the_procedure() -> None:
    complaint = b.registered()
    noted = steps.add_note(
        complaint, ACTORS[MANAGEMENT], inputs.Note("Graag snel."), now=ams(20, 12)
    )
    assert noted.state is State.REGISTERED
    with pytest.raises(NotAllowed):
        steps.record_contact(complaint, ACTORS[MANAGEMENT], b.contact(), now=ams(20, 12))


OFFICERS = frozenset({"UOFFICER", "UBOTH"})
DIRECTORS = {"UDIRECTIE", "UBOTH"}


@pytest.mark.parametrize(
    ("user_id", "role"),
    [
        ("UOFFICER", Role.OFFICER),
        ("UDIRECTIE", Role.MANAGEMENT),
        ("UBOTH", Role.OFFICER),
        ("UANYONE", Role.EMPLOYEE),
        ("", Role.EMPLOYEE),
        ("uofficer", Role.EMPLOYEE),
    ],
)
def test_role_of(user_id: str, role: Role) -> None:
    assert role_of(user_id, officer_ids=OFFICERS, management_ids=DIRECTORS) is role


def test_role_of_without_anyone_configured() -> None:
    assert role_of("UOFFICER", officer_ids=set(), management_ids=set()) is Role.EMPLOYEE
