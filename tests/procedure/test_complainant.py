"""The complainant's side in the procedure core: route, remedy and severity at registration and
changed later, the decision deadline's extension, the decision with its letter, the letters
sent, the complainant's answer and their recourse; each guard with its Dutch message."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from bot.procedure import (
    SYSTEM_ACTOR,
    Acceptance,
    AlreadyDone,
    EventKind,
    LetterChannel,
    LetterKind,
    NotAllowed,
    Outcome,
    ProcedureError,
    RecourseBody,
    Remedy,
    Route,
    Severity,
    State,
    decision,
    inputs,
    steps,
)
from bot.procedure.signals import Signal, alerts_of
from tests.procedure import builders as b
from tests.procedure.builders import OFFICER, ams
from tests.procedure.test_steps import refused


def at(month: int, day: int, hour: int = 17, minute: int = 0) -> dt.datetime:
    return ams(day, hour, minute, month=month)


# --- registration asks more ----------------------------------------------------------------


def test_registration_records_route_remedy_and_severity() -> None:
    data = b.registration(
        route=Route.CAO_DISPUTE,
        suitable_work=True,
        remedy=Remedy.COMPENSATION,
        remedy_text="De gemiste uren uitbetaald.",
        severity=Severity.MEDIUM,
    )
    complaint = steps.register(b.received(), OFFICER, data, now=b.REGISTERED_AT, terms=b.TERMS)

    assert complaint.route is Route.CAO_DISPUTE
    assert complaint.suitable_work is True
    assert (complaint.remedy, complaint.remedy_text) == (
        Remedy.COMPENSATION,
        "De gemiste uren uitbetaald.",
    )
    assert complaint.severity is Severity.MEDIUM
    # Passende arbeid: 14 days from the registration on 20 April.
    assert complaint.decision_deadline == at(5, 4)
    event = complaint.events[-1]
    assert event.data["route"] == "cao_geschil" and event.data["suitable_work"] is True
    assert alerts_of(event) == ()


def test_a_complaint_registered_before_routes_existed_is_dienstverlening() -> None:
    complaint = b.registered()
    assert complaint.route is Route.SERVICE
    assert complaint.severity is None and complaint.remedy is None and complaint.outcome is None


@pytest.mark.parametrize(
    ("assessment", "signals"),
    [
        (
            {"severity": Severity.HIGH, "severity_reason": "Loon twee maanden niet betaald."},
            ["hoog"],
        ),
        ({"route": Route.DISCRIMINATION}, ["discriminatie"]),
        (
            {
                "route": Route.DISCRIMINATION,
                "severity": Severity.HIGH,
                "severity_reason": "Ernstig.",
            },
            ["hoog", "discriminatie"],
        ),
        ({"severity": Severity.MEDIUM}, []),
    ],
)
def test_hoog_and_discriminatie_tell_management_at_once(assessment, signals) -> None:
    data = b.registration(**assessment)
    complaint = steps.register(b.received(), OFFICER, data, now=b.REGISTERED_AT, terms=b.TERMS)
    event = complaint.events[-1]
    assert [signal.value for signal in alerts_of(event)] == signals
    assert event.data.get("management_alert", []) == signals


@pytest.mark.parametrize(
    ("assessment", "message", "field"),
    [
        (
            {"suitable_work": True},
            "Passende arbeid geldt alleen bij een cao-geschil.",
            "suitable_work",
        ),
        ({"remedy": Remedy.OTHER}, "Beschrijf welke oplossing de klant wil.", "remedy_text"),
        (
            {"remedy": Remedy.OTHER, "remedy_text": " \x00\u200b "},
            "Beschrijf welke oplossing de klant wil.",
            "remedy_text",
        ),
        (
            {"severity": Severity.HIGH},
            "Geef in een paar woorden aan waarom de ernst hoog is.",
            "severity_reason",
        ),
        (
            {"severity": Severity.HIGH, "severity_reason": "x" * 501},
            "Maximaal 500 tekens.",
            "severity_reason",
        ),
    ],
)
def test_the_assessment_is_validated(assessment, message, field) -> None:
    with refused(ProcedureError, message, field):
        b.registration(**assessment)
    with refused(ProcedureError, message, field):
        inputs.Assessment(**assessment)


def test_typed_reasons_lose_control_characters() -> None:
    data = inputs.Assessment(
        severity=Severity.HIGH, severity_reason="Bedreigd\x00 door \u202eklant\r\ngisteren"
    )
    assert data.severity_reason == "Bedreigd door klant\ngisteren"


def test_the_term_cannot_start_in_the_future() -> None:
    data = b.registration(route=Route.CAO_DISPUTE, decision_start=dt.date(2026, 4, 21))
    with refused(
        ProcedureError, "De beslistermijn kan niet in de toekomst beginnen.", "decision_start"
    ):
        steps.register(b.received(), OFFICER, data, now=b.REGISTERED_AT, terms=b.TERMS)


# --- changed later ----------------------------------------------------------------------------


def test_reclassify_changes_the_route_and_moves_the_deadline() -> None:
    complaint = b.registered()
    data = inputs.Assessment(route=Route.APPLICANT, severity=Severity.LOW)
    changed = steps.reclassify(complaint, OFFICER, data, now=ams(21, 9), terms=b.TERMS)

    assert changed.route is Route.APPLICANT and changed.severity is Severity.LOW
    assert changed.decision_deadline == at(5, 20)  # 20 April (receipt) + 30 days
    assert changed.state is State.REGISTERED
    event = changed.events[-1]
    assert (event.kind, event.before, event.after) == (
        EventKind.RECLASSIFIED,
        State.REGISTERED,
        State.REGISTERED,
    )
    assert event.data == {"route": "sollicitant", "suitable_work": False, "severity": "laag"}


def test_reclassify_alerts_only_for_a_new_signal() -> None:
    high = inputs.Assessment(severity=Severity.HIGH, severity_reason="Bedreiging.")
    first = steps.reclassify(b.registered(), OFFICER, high, now=ams(21, 9), terms=b.TERMS)
    assert alerts_of(first.events[-1]) == (Signal.HIGH_SEVERITY,)

    also_discrimination = inputs.Assessment(
        route=Route.DISCRIMINATION, severity=Severity.HIGH, severity_reason="Bedreiging."
    )
    second = steps.reclassify(first, OFFICER, also_discrimination, now=ams(21, 10), terms=b.TERMS)
    assert alerts_of(second.events[-1]) == (Signal.DISCRIMINATION,)


def test_reclassify_never_moves_the_deadline_before_an_extension() -> None:
    extended = decision.extend_deadline(
        b.registered(),
        OFFICER,
        inputs.Extension(dt.date(2026, 5, 29), "Wachten op de opdrachtgever."),
        now=ams(21, 9),
        terms=b.TERMS,
    )
    sooner = inputs.Assessment(route=Route.CAO_DISPUTE, suitable_work=True)  # 20 Apr + 14 = 4 May
    changed = steps.reclassify(extended, OFFICER, sooner, now=ams(22, 9), terms=b.TERMS)
    assert changed.decision_deadline == at(5, 29)


def test_reclassify_a_closed_complaint_keeps_its_deadline() -> None:
    closed = b.closed()
    data = inputs.Assessment(route=Route.PRIVACY_REQUEST)
    changed = steps.reclassify(closed, OFFICER, data, now=ams(22, 9), terms=b.TERMS)
    assert changed.route is Route.PRIVACY_REQUEST
    assert changed.decision_deadline == closed.decision_deadline
    assert changed.state is State.CLOSED


def test_reclassify_without_a_change_says_so_and_a_double_click_is_already_done() -> None:
    with refused(
        ProcedureError, "Er is niets gewijzigd: kies een andere soort, ernst of gewenste oplossing."
    ):
        steps.reclassify(
            b.registered(), OFFICER, inputs.Assessment(), now=ams(21, 9), terms=b.TERMS
        )
    data = inputs.Assessment(severity=Severity.LOW)
    once = steps.reclassify(b.registered(), OFFICER, data, now=ams(21, 9), terms=b.TERMS)
    with refused(AlreadyDone, "Al gedaan door Fatima de Vries om 09:00."):
        steps.reclassify(once, OFFICER, data, now=ams(21, 9, 1), terms=b.TERMS)


def test_reclassify_needs_a_registered_complaint() -> None:
    data = inputs.Assessment(severity=Severity.LOW)
    with refused(ProcedureError, "Registreer de klacht eerst."):
        steps.reclassify(b.received(), OFFICER, data, now=ams(21, 9), terms=b.TERMS)
    rejected = steps.reject(b.registered(), OFFICER, inputs.Rejection("Spam."), now=ams(20, 12))
    with pytest.raises(AlreadyDone):
        steps.reclassify(rejected, OFFICER, data, now=ams(21, 9), terms=b.TERMS)


# --- termijn verlengen -------------------------------------------------------------------------


def extend(complaint, day: dt.date, now=None, reason="Wachten op de loonadministratie."):
    return decision.extend_deadline(
        complaint, OFFICER, inputs.Extension(day, reason), now=now or ams(21, 9), terms=b.TERMS
    )


def test_extension_moves_the_deadline_as_an_event() -> None:
    complaint = b.registered()
    extended = extend(complaint, dt.date(2026, 5, 15))

    assert extended.decision_deadline == at(5, 15)
    event = extended.events[-1]
    assert event.kind is EventKind.DEADLINE_EXTENDED
    assert event.data == {
        "new_date": "2026-05-15",
        "reason": "Wachten op de loonadministratie.",
        "previous_deadline": "2026-05-05T17:00:00+02:00",
    }


def test_extension_to_a_day_off_names_it() -> None:
    with refused(
        ProcedureError, "Die dag is geen werkdag (Hemelvaartsdag); kies een werkdag.", "new_date"
    ):
        extend(b.registered(), dt.date(2026, 5, 14))
    with refused(
        ProcedureError, "Die dag is geen werkdag (zaterdag); kies een werkdag.", "new_date"
    ):
        extend(b.registered(), dt.date(2026, 5, 16))


def test_extension_must_move_later() -> None:
    with refused(ProcedureError, "Kies een dag na dinsdag 5 mei om 17:00.", "new_date"):
        extend(b.registered(), dt.date(2026, 5, 4))
    # A deadline already passed: the new day must be after now.
    with refused(ProcedureError, "Kies een dag na vrijdag 8 mei om 09:00.", "new_date"):
        extend(b.registered(), dt.date(2026, 5, 6), now=ams(8, 9, month=5))


def test_a_double_submitted_extension_is_already_done() -> None:
    once = extend(b.registered(), dt.date(2026, 5, 15))
    with refused(AlreadyDone, "Al gedaan door Fatima de Vries om 09:00."):
        extend(once, dt.date(2026, 5, 15), now=ams(21, 9, 1))


def test_a_privacy_request_is_extended_by_two_months_at_most() -> None:
    data = b.registration(route=Route.PRIVACY_REQUEST)
    complaint = steps.register(b.received(), OFFICER, data, now=b.REGISTERED_AT, terms=b.TERMS)
    assert complaint.decision_deadline == at(5, 20)  # 20 April + 30 days
    with refused(
        ProcedureError,
        "De AVG staat hoogstens twee maanden verlenging toe: kies uiterlijk maandag 20 juli.",
        "new_date",
    ):
        extend(complaint, dt.date(2026, 7, 21))
    assert extend(complaint, dt.date(2026, 7, 20)).decision_deadline == at(7, 20)


def test_extension_needs_an_open_registered_complaint() -> None:
    with refused(ProcedureError, "Registreer de klacht eerst."):
        extend(b.received(), dt.date(2026, 5, 15))
    with pytest.raises(AlreadyDone):
        extend(b.closed(), dt.date(2026, 5, 15))


def test_extension_reason_is_required_and_cleaned() -> None:
    with refused(ProcedureError, "Vul dit veld in.", "reason"):
        inputs.Extension(dt.date(2026, 5, 15), " \x07 ")
    assert (
        inputs.Extension(dt.date(2026, 5, 15), "Ziek\r\nte\x1b[31mrug").reason == "Ziek\nte[31mrug"
    )


# --- the decision ----------------------------------------------------------------------------


def test_closing_records_the_outcome_and_the_letter_as_edited() -> None:
    complaint = b.decided()
    assert complaint.state is State.CLOSED
    assert complaint.outcome is Outcome.NOT_UPHELD
    assert complaint.decision_letter == b.DECISION_LETTER
    event = complaint.events[-1]
    assert event.data["outcome"] == "ongegrond"
    assert event.data["decision_letter"] == b.DECISION_LETTER


def test_a_letter_needs_an_outcome_and_loses_control_characters() -> None:
    with refused(ProcedureError, "Kies het oordeel waarover de beslisbrief gaat.", "outcome"):
        b.closure(decision_letter="Geachte heer,")
    data = b.closure(
        outcome=Outcome.UPHELD, decision_letter="Geachte heer,\r\n\r\nBcc: x@example.org\x00\u202e"
    )
    assert data.decision_letter == "Geachte heer,\n\nBcc: x@example.org"


# --- letters sent ------------------------------------------------------------------------------


def test_the_decision_letter_sent_starts_the_wait_for_an_answer() -> None:
    sent = b.letter_sent()
    assert sent.decision_sent_at == b.LETTER_SENT_AT
    assert sent.acceptance_due == at(5, 6)
    event = sent.events[-1]
    assert (event.kind, event.actor_role.value) == (EventKind.LETTER_SENT, "system")
    assert event.data == {
        "letter": "decision",
        "channel": "email",
        "message_id": "<beslisbrief.1@klachten.example.nl>",
    }
    with refused(AlreadyDone, "Al gedaan door klachtenbot om 10:05."):
        b.letter_sent(sent)


def test_a_posted_letter_is_the_officers_and_a_mail_the_bots() -> None:
    posted = inputs.LetterSent(LetterKind.DECISION, LetterChannel.POST)
    sent = decision.record_letter_sent(b.decided(), OFFICER, posted, now=ams(22, 9), terms=b.TERMS)
    assert sent.decision_sent_at == ams(22, 9)
    with refused(
        NotAllowed, "Een e-mail aan de klant legt de klachtenbot zelf vast na verzending."
    ):
        decision.record_letter_sent(
            b.decided(),
            OFFICER,
            inputs.LetterSent(LetterKind.DECISION, LetterChannel.EMAIL, b.MESSAGE_ID),
            now=ams(22, 9),
            terms=b.TERMS,
        )
    with refused(NotAllowed, "Een brief per post legt de klachtenfunctionaris vast."):
        decision.record_letter_sent(
            b.decided(), SYSTEM_ACTOR, posted, now=ams(22, 9), terms=b.TERMS
        )


def test_letters_need_their_occasion() -> None:
    data = inputs.LetterSent(LetterKind.DECISION, LetterChannel.EMAIL, b.MESSAGE_ID)
    with refused(ProcedureError, "Sluit de klacht eerst af met een oordeel."):
        decision.record_letter_sent(b.closed(), SYSTEM_ACTOR, data, now=ams(22, 9), terms=b.TERMS)
    notice = inputs.LetterSent(LetterKind.EXTENSION, LetterChannel.EMAIL, b.MESSAGE_ID)
    with refused(ProcedureError, "De beslistermijn van deze klacht is niet verlengd."):
        decision.record_letter_sent(
            b.registered(), SYSTEM_ACTOR, notice, now=ams(22, 9), terms=b.TERMS
        )
    extended = extend(b.registered(), dt.date(2026, 5, 15))
    told = decision.record_letter_sent(
        extended, SYSTEM_ACTOR, notice, now=ams(21, 9, 1), terms=b.TERMS
    )
    assert told.events[-1].data["letter"] == "extension"
    assert told.decision_sent_at is None


@pytest.mark.parametrize("message_id", ["", "beslisbrief@x", "<a b@x>", "<a@b>\r\nBcc: c@d"])
def test_a_mail_is_recorded_with_a_valid_message_id_only(message_id: str) -> None:
    with pytest.raises(ValueError):
        inputs.LetterSent(LetterKind.DECISION, LetterChannel.EMAIL, message_id)


# --- the complainant's answer -------------------------------------------------------------------


def answer(complaint, acceptance: Acceptance, actor=OFFICER, now=None):
    data = inputs.AcceptanceRecord(acceptance)
    return decision.record_acceptance(complaint, actor, data, now=now or ams(23, 11))


def test_the_officer_records_akkoord_or_niet_akkoord() -> None:
    agreed = answer(b.letter_sent(), Acceptance.AGREED)
    assert (agreed.acceptance, agreed.accepted, agreed.acceptance_at) == (
        Acceptance.AGREED,
        True,
        ams(23, 11),
    )
    disagreed = b.disagreed()
    assert disagreed.accepted is False
    assert disagreed.events[-1].data == {
        "acceptance": "niet_akkoord",
        "note": "Klant belde: niet eens.",
    }
    with refused(AlreadyDone, "Al gedaan door Fatima de Vries om 11:00."):
        answer(disagreed, Acceptance.AGREED)


def test_geen_reactie_is_the_bots_and_only_after_the_wait() -> None:
    sent = b.letter_sent()
    with refused(
        AlreadyDone, "De wachttijd voor een reactie op de beslissing is nog niet voorbij."
    ):
        answer(sent, Acceptance.NO_REACTION, SYSTEM_ACTOR, now=at(5, 6, 16, 59))
    lapsed = answer(sent, Acceptance.NO_REACTION, SYSTEM_ACTOR, now=at(5, 6, 17))
    assert (lapsed.acceptance, lapsed.accepted) == (Acceptance.NO_REACTION, None)
    with refused(NotAllowed, "'Geen reactie' legt de klachtenbot zelf vast na de wachttijd."):
        answer(sent, Acceptance.NO_REACTION, OFFICER, now=at(5, 7, 9))
    with refused(NotAllowed, "De reactie van de klant legt de klachtenfunctionaris vast."):
        answer(sent, Acceptance.AGREED, SYSTEM_ACTOR)
    # A late answer replaces "geen reactie"; the bot never records it twice.
    late = answer(lapsed, Acceptance.DISAGREED, now=at(5, 8, 10))
    assert late.acceptance is Acceptance.DISAGREED
    with pytest.raises(AlreadyDone):
        answer(lapsed, Acceptance.NO_REACTION, SYSTEM_ACTOR, now=at(5, 8, 10))


def test_an_answer_needs_a_decision() -> None:
    with refused(ProcedureError, "Sluit de klacht eerst af met een oordeel."):
        answer(b.closed(), Acceptance.AGREED)
    with refused(ProcedureError, "Sluit de klacht eerst af met een oordeel."):
        answer(b.discussed(), Acceptance.AGREED)


# --- the recourse -------------------------------------------------------------------------------


def test_niet_akkoord_opens_the_recourse_which_keeps_the_complaint_in_the_lists() -> None:
    assert not b.disagreed().needs_attention
    complaint = b.in_recourse()
    assert complaint.state is State.CLOSED
    assert (complaint.recourse_body, complaint.recourse_on) == (RecourseBody.GCU, b.RECOURSE_ON)
    assert complaint.recourse_open and complaint.needs_attention
    assert complaint.events[-1].data == {"recourse_body": "gcu", "recourse_on": "2026-04-24"}

    result = inputs.RecourseResult(Outcome.NOT_UPHELD, "Vordering afgewezen.", dt.date(2026, 6, 1))
    decided = decision.record_recourse_result(complaint, OFFICER, result, now=at(6, 2, 9))
    assert decided.recourse_result is Outcome.NOT_UPHELD
    assert decided.recourse_result_text == "Vordering afgewezen."
    assert not decided.recourse_open and not decided.needs_attention
    with refused(AlreadyDone, "Al gedaan door Fatima de Vries om 09:00."):
        decision.record_recourse_result(decided, OFFICER, result, now=at(6, 2, 10))


def test_a_recourse_follows_disagreement_or_silence() -> None:
    data = inputs.Recourse(RecourseBody.GCU, b.RECOURSE_ON)
    message = (
        "Een vervolgstap volgt op 'niet akkoord' of 'geen reactie'; leg eerst de reactie van de "
        "klant vast."
    )
    with refused(ProcedureError, message):
        decision.record_recourse(b.letter_sent(), OFFICER, data, now=ams(24, 9))
    with refused(ProcedureError, message):
        decision.record_recourse(
            answer(b.letter_sent(), Acceptance.AGREED), OFFICER, data, now=ams(24, 9)
        )
    lapsed = answer(b.letter_sent(), Acceptance.NO_REACTION, SYSTEM_ACTOR, now=at(5, 6, 17))
    assert decision.record_recourse(lapsed, OFFICER, data, now=at(5, 7, 9)).recourse_open
    with refused(AlreadyDone, "Al gedaan door Fatima de Vries om 09:00."):
        decision.record_recourse(b.in_recourse(), OFFICER, data, now=ams(24, 10))


def test_recourse_days_are_checked() -> None:
    with refused(ProcedureError, "Die dag ligt in de toekomst.", "recourse_on"):
        decision.record_recourse(
            b.disagreed(),
            OFFICER,
            inputs.Recourse(RecourseBody.GCU, dt.date(2026, 4, 25)),
            now=ams(24, 9),
        )
    with refused(ProcedureError, "Die dag ligt voor dinsdag 21 april.", "recourse_on"):
        decision.record_recourse(
            b.disagreed(),
            OFFICER,
            inputs.Recourse(RecourseBody.GCU, dt.date(2026, 4, 20)),
            now=ams(24, 9),
        )
    with refused(ProcedureError, "Die dag ligt voor vrijdag 24 april.", "recourse_result_on"):
        decision.record_recourse_result(
            b.in_recourse(),
            OFFICER,
            inputs.RecourseResult(Outcome.UPHELD, "Toegewezen.", dt.date(2026, 4, 23)),
            now=at(6, 2, 9),
        )
    with refused(ProcedureError, "Er is geen vervolgstap vastgelegd."):
        decision.record_recourse_result(
            b.disagreed(),
            OFFICER,
            inputs.RecourseResult(Outcome.UPHELD, "Toegewezen.", dt.date(2026, 6, 1)),
            now=at(6, 2, 9),
        )


def test_another_body_is_named() -> None:
    with refused(
        ProcedureError, "Noem de instantie waar de klant naartoe is gegaan.", "recourse_body_name"
    ):
        inputs.Recourse(RecourseBody.OTHER, b.RECOURSE_ON)
    named = inputs.Recourse(RecourseBody.OTHER, b.RECOURSE_ON, "Kantonrechter\r\nBcc: x")
    assert named.recourse_body_name == "Kantonrechter Bcc: x"


def test_an_open_recourse_must_end_before_reopening_and_reopening_clears_the_decision() -> None:
    with refused(
        ProcedureError,
        "De vervolgstap loopt nog: leg eerst de uitkomst vast, heropen daarna de klacht.",
    ):
        steps.reopen(
            b.in_recourse(), OFFICER, inputs.Reopening("GCU: opnieuw beslissen."), now=at(6, 2)
        )
    result = inputs.RecourseResult(Outcome.UPHELD, "Opnieuw beslissen.", dt.date(2026, 6, 1))
    upheld = decision.record_recourse_result(b.in_recourse(), OFFICER, result, now=at(6, 2, 9))
    reopened = steps.reopen(
        upheld, OFFICER, inputs.Reopening("GCU: opnieuw beslissen."), now=at(6, 2, 10)
    )
    assert reopened.is_open
    cleared = (
        reopened.outcome,
        reopened.decision_letter,
        reopened.decision_sent_at,
        reopened.acceptance,
        reopened.recourse_body,
        reopened.recourse_result,
    )
    assert cleared == (None,) * 6
    # The history keeps all of it.
    kinds = [event.kind for event in reopened.events]
    assert EventKind.RECOURSE_DECIDED in kinds and EventKind.LETTER_SENT in kinds


def test_a_refused_step_changes_nothing() -> None:
    complaint = b.letter_sent()
    snapshot = replace(complaint)
    with pytest.raises(ProcedureError):
        decision.record_recourse(
            complaint, OFFICER, inputs.Recourse(RecourseBody.GCU, b.RECOURSE_ON), now=ams(24, 9)
        )
    assert complaint == snapshot


def test_a_complaint_registered_before_routes_gets_its_deadline_from_its_kind() -> None:
    old = replace(b.registered(), decision_deadline=None)  # as migration 0015 leaves it
    with refused(
        ProcedureError, "Deze klacht heeft nog geen beslistermijn: leg eerst haar soort vast."
    ):
        extend(old, dt.date(2026, 5, 15))
    same_kind = steps.reclassify(old, OFFICER, inputs.Assessment(), now=ams(21, 9), terms=b.TERMS)
    assert same_kind.decision_deadline == at(5, 5)
    assert same_kind.events[-1].kind is EventKind.RECLASSIFIED
