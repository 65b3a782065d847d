"""Who may take which step: the role matrix, enforced here so that no user interface can skip it."""

from __future__ import annotations

from bot.procedure.discussion import request_of
from bot.procedure.errors import NotAllowed
from bot.procedure.model import Actor, Complaint, Role, Route
from bot.texts import ROLE_LABELS
from bot.texts import procedure as text

OFFICER_ONLY = frozenset({Role.OFFICER})
ANYONE = frozenset({Role.OFFICER, Role.EMPLOYEE, Role.MANAGEMENT})

# step name -> roles allowed to take it
ROLE_MATRIX: dict[str, frozenset[Role]] = {
    # Anyone who hears a complaint (by phone, at the desk) may hand it in; the bot for e-mail.
    "receive": frozenset({Role.OFFICER, Role.EMPLOYEE, Role.MANAGEMENT, Role.SYSTEM}),
    # An e-mail the intake ignored as machine mail holds personal data: the officer decides.
    "admit": OFFICER_ONLY,
    "register": OFFICER_ONLY,
    "record_contact": OFFICER_ONLY,
    "request_discussion": OFFICER_ONLY,
    # Whoever was asked, whatever their role; the step checks that it is them.
    "record_employee_response": ANYONE,
    "move_meeting": ANYONE,  # the employee's own planned talk (steps.move_meeting)
    "move_planned_talk": OFFICER_ONLY,  # an employee's planned talk, from the card
    "decline_discussion": ANYONE,
    "plan_meeting": ANYONE,
    "record_discussion": OFFICER_ONLY,
    "close": OFFICER_ONLY,
    "reject": OFFICER_ONLY,
    "reopen": OFFICER_ONLY,
    "add_note": frozenset({Role.OFFICER, Role.MANAGEMENT}),
    "record_effectiveness": OFFICER_ONLY,
    "reclassify": OFFICER_ONLY,
    "extend_deadline": OFFICER_ONLY,
    # The bot records each e-mail it sent; the officer a letter they posted.
    "record_letter_sent": frozenset({Role.OFFICER, Role.SYSTEM}),
    # The officer records the complainant's answer; the bot only "geen reactie".
    "record_acceptance": frozenset({Role.OFFICER, Role.SYSTEM}),
    "record_recourse": OFFICER_ONLY,
    "record_recourse_result": OFFICER_ONLY,
}


def may(actor: Actor, step: str) -> bool:
    return actor.role in ROLE_MATRIX[step]


def require_role(actor: Actor, step: str) -> None:
    """Raise NotAllowed with a Dutch explanation unless `actor` may take `step`."""
    if not may(actor, step):
        allowed = sorted(ROLE_MATRIX[step] - {Role.SYSTEM})
        role = " of ".join(ROLE_LABELS[role] for role in allowed)
        raise NotAllowed(text.NOT_ALLOWED.format(role=role))


def role_of(
    user_id: str,
    *,
    officer_ids: frozenset[str] | set[str],
    management_ids: frozenset[str] | set[str],
) -> Role:
    """The role a workspace member acts in; officer wins when someone is listed twice."""
    if user_id in officer_ids:
        return Role.OFFICER
    if user_id in management_ids:
        return Role.MANAGEMENT
    return Role.EMPLOYEE


def employee_scope(actor: Actor) -> str | None:
    """Whose complaints `actor` may look up: an employee only those they were asked about
    (their user id), officer and management all (None)."""
    return actor.user_id if actor.role is Role.EMPLOYEE else None


def may_see(actor: Actor, complaint: Complaint) -> bool:
    """Whether `actor` may look at `complaint` (loaded with its history: an employee may see
    it when they were asked for their side). A signal of discrimination is confidential: only
    the officer and management see it; an employee asked about it sees nothing beyond the
    officer's message in their request."""
    scope = employee_scope(actor)
    if scope is None:
        return True
    if complaint.route is Route.DISCRIMINATION:
        return False
    return complaint.employee_id == scope or request_of(complaint, scope) is not None


def sees_contact_details(actor: Actor) -> bool:
    """Only the officer sees a complainant's name, e-mail address and phone number;
    management sees figures and the state of affairs, an employee their side of it."""
    return actor.role is Role.OFFICER
