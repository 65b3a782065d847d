"""Finding complaints on both databases: text search through each one's own index, the open
list, the dashboard counts and recurrence."""

from __future__ import annotations

import datetime as dt

from bot.procedure import SYSTEM_ACTOR, Category, Complaint, steps
from bot.procedure.inputs import DiscussionRequest, Rejection
from bot.service import ComplaintService
from bot.settings import Settings
from storage.db import Database
from tests.procedure import builders as b
from tests.procedure.builders import OFFICER, ams


def service_at(db: Database, settings: Settings, now: dt.datetime) -> ComplaintService:
    return ComplaintService(db, settings, clock=lambda: now)


def submit(service: ComplaintService, **intake: object) -> Complaint:
    return service.submit(b.intake(**intake), SYSTEM_ACTOR)


def refs(found) -> list[str | None]:
    return [c.reference for c in found.complaints]


def test_search_finds_by_reference_name_email_phone_and_words(db, settings) -> None:
    service = service_at(db, settings, ams(24, 12))
    salary = submit(service, received_at=ams(20, 9)).reference
    rude = submit(
        service,
        received_at=ams(21, 9),
        subject="Onbeschofte consulent",
        body="De consulent hing zomaar op. Bel me op 010 - 123 45 67.",
        complainant_name="Henk de Boer",
        complainant_email="Henk@Boer.example",
    ).reference
    service.change(salary, steps.register, OFFICER, b.registration())  # phone 06 12345678

    assert refs(service.search("k-2026-0002")) == [rude]
    assert refs(service.search("loonstrook")) == [salary]
    assert refs(service.search("loonstr")) == [salary]  # a word's start is enough
    assert refs(service.search("HING ZOMAAR")) == [rude]
    assert refs(service.search("de boer")) == [rude]
    assert refs(service.search("henk@boer.example")) == [rude]
    assert refs(service.search("petra@")) == [salary]
    for typed in ("0612345678", "06-12 34 56 78", "+31 6 1234 5678", "0031612345678"):
        assert refs(service.search(typed)) == [salary], typed
    assert refs(service.search("consulent")) == [rude]
    # The registered name replaced nothing it should not: the index follows updates.
    assert refs(service.search("pietersen")) == [salary]
    assert refs(service.search("vakantiegeld")) == []


def test_newest_first_at_most_the_limit_and_says_there_is_more(db, settings) -> None:
    service = service_at(db, settings, ams(30, 12))
    made = [
        submit(service, received_at=ams(1, 9) + dt.timedelta(hours=i), subject=f"Factuur {i}")
        for i in range(25)
    ]
    found = service.search("factuur")
    assert refs(found) == [c.reference for c in reversed(made)][:20]
    assert found.more
    narrowed = service.search("factuur 7")
    assert refs(narrowed) == [made[7].reference] and not narrowed.more


def test_search_syntax_and_huge_input_are_just_text(db, settings) -> None:
    service = service_at(db, settings, ams(24, 12))
    submit(service, subject='Rekening "dubbel" (OR NOT) 50% * korting')
    for typed in ('"', "*", "OR", "NEAR(", "'", "&|!", "a:*", "dubbel)", "50%", "%", "_", "\\"):
        service.search(typed)  # no syntax error from either database
    assert len(service.search('"dubbel" OR vakantie').complaints) == 0  # OR is just a word
    assert len(service.search("dubbel korting").complaints) == 1
    assert service.search("x" * 2000).complaints == []
    assert service.search("   ").complaints == []
    assert service.search("w " * 1000).complaints == []


def test_an_employee_finds_only_what_they_were_asked_about(db, settings) -> None:
    service = service_at(db, settings, ams(24, 12))
    asked = submit(service).reference
    other = submit(service).reference
    for reference, employee in ((asked, "UBRAM"), (other, "UANDER")):
        service.change(reference, steps.register, OFFICER, b.registration())
        service.change(reference, steps.request_discussion, OFFICER, DiscussionRequest((employee,)))

    assert refs(service.search("loonstrook", employee_id="UBRAM")) == [asked]
    assert refs(service.search("loonstrook", employee_id="UNIEMAND")) == []
    assert refs(service.open_complaints(employee_id="UBRAM")) == [asked]


def test_open_list_puts_overdue_first_then_deadline_and_counts_the_steps(db, settings) -> None:
    now = ams(24, 12)  # Friday
    service = service_at(db, settings, now)
    overdue_late = submit(service, received_at=ams(20, 9)).reference  # deadline Wed 22
    overdue_early = submit(service, received_at=ams(17, 9)).reference  # deadline Tue 21
    fresh = submit(service, received_at=ams(24, 9)).reference  # deadline Tue 28
    contacted = submit(service, received_at=ams(16, 9)).reference  # earliest deadline
    closed = submit(service, received_at=ams(16, 8)).reference
    service.change(contacted, steps.register, OFFICER, b.registration())
    service.change(contacted, steps.record_contact, OFFICER, b.contact(ams(17, 10)))
    service.change(closed, steps.reject, OFFICER, Rejection("Spam."))
    service.change(overdue_late, steps.register, OFFICER, b.registration())

    assert refs(service.open_complaints()) == [overdue_early, overdue_late, contacted, fresh]
    counts = service.counts()
    assert (counts.overdue, counts.open) == (2, 4)
    assert refs(service.overdue()) == [overdue_early, overdue_late]


def test_recurrence_counts_the_last_twelve_months(db, settings) -> None:
    now = ams(24, 12)
    service = service_at(db, settings, now)

    def registered(received_at, email, phone, category, employee=None) -> str:
        reference = submit(service, received_at=received_at, complainant_email=email).reference
        registration = b.registration(complainant_phone=phone, category=category)
        service.change(reference, steps.register, OFFICER, registration)
        if employee:
            service.change(
                reference, steps.request_discussion, OFFICER, DiscussionRequest((employee,))
            )
        return reference

    same_email = registered(ams(1, 9, month=3), "petra@example.nl", None, Category.PLANNING)
    same_phone = registered(ams(2, 9, month=3), "ander@example.nl", "0612345678", Category.OTHER)
    same_both = registered(ams(3, 9, month=3), "x@example.nl", None, Category.PAYROLL, "UBRAM")
    registered(ams(1, 9, year=2025), "petra@example.nl", "0612345678", Category.PAYROLL, "UBRAM")
    registered(ams(4, 9, month=3), "y@example.nl", "0201234567", Category.INVOICING, "UANDER")
    current = registered(ams(20, 9), "Petra@Example.nl", "06 12345678", Category.PAYROLL, "UBRAM")
    later = registered(ams(22, 9), "z@example.nl", "0612345678", Category.PAYROLL, "UBRAM")
    recurrence = service.recurrence(service.get(current))

    assert recurrence.complainant.count == 2  # the one of April 2025 is over 12 months before
    assert set(recurrence.complainant.references) == {same_email, same_phone}
    assert recurrence.employee.references == (same_both,)
    assert (recurrence.category.count, recurrence.category.references) == (1, (same_both,))
    # Looked up later, a complaint is weighed against what came before it, not after.
    assert later not in service.recurrence(service.get(same_email)).complainant.references
    assert service.recurrence(service.get(later)).complainant.references[0] == current

    lonely = submit(service, complainant_email="nieuw@example.nl")
    assert not service.recurrence(lonely).any
    # A form's button reads both on the driver's connection (prepared reads): the same answer.
    for reference in (current, later, lonely.reference):
        complaint, prepared = service.with_recurrence(reference, with_events=False)
        assert complaint.reference == reference
        assert prepared == service.recurrence(service.get(reference)), reference
