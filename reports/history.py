"""A realistic complaint history, driven through the real procedure (ComplaintService) on a
movable clock: for the reports' tests, the demo's yearly report and a director's try-out.

Deterministic for a seed. Complaints arrive on working days over the span; most are registered,
contacted (mostly in time), sometimes discussed with an employee, and closed with a root cause,
measures, the customer's satisfaction and an effectiveness check that is later recorded (a share
"not effective"). Some are rejected, some reopened and closed again, some left unregistered or
open, as a real office leaves them. No row is inserted by hand.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from bot.procedure import (
    SYSTEM_ACTOR,
    Actor,
    Category,
    ContactOutcome,
    RelationType,
    Role,
    RootCause,
    Satisfaction,
    Source,
    steps,
)
from bot.procedure.inputs import (
    Closure,
    Contact,
    DiscussionRecord,
    DiscussionRequest,
    EffectivenessResult,
    EmployeeResponse,
    Intake,
    Registration,
    Rejection,
    Reopening,
)
from bot.service import ComplaintService
from bot.settings import Settings
from bot.workdays import WorkCalendar
from storage.db import Database

OFFICER = Actor("UHISTKF", Role.OFFICER, "Fatima Bakker")
EMPLOYEES = tuple(f"UHISTMW{n:02d}" for n in range(1, 13))
# Weights: a few categories and causes dominate, as they do in practice.
CATEGORIES = (
    (Category.COMMUNICATION, 30),
    (Category.PAYROLL, 25),
    (Category.PLANNING, 18),
    (Category.CONDUCT, 9),
    (Category.PLACEMENT, 7),
    (Category.INVOICING, 6),
    (Category.PRIVACY, 2),
    (Category.OTHER, 3),
)
CAUSES = (
    (RootCause.COMMUNICATION, 34),
    (RootCause.PROCEDURE, 22),
    (RootCause.HUMAN_ERROR, 18),
    (RootCause.SYSTEM, 10),
    (RootCause.EXPECTATION, 8),
    (RootCause.EXTERNAL, 5),
    (RootCause.OTHER, 3),
)
RELATIONS = (
    (RelationType.FLEXWORKER, 55),
    (RelationType.CLIENT, 30),
    (RelationType.DIRECT, 10),
    (RelationType.INDIRECT, 5),
)
MEASURES = {
    RootCause.COMMUNICATION: "Vaste contactpersoon en terugbelafspraak binnen 4 uur",
    RootCause.PROCEDURE: "Werkinstructie aangepast en met het team doorgenomen",
    RootCause.HUMAN_ERROR: "Vier-ogencontrole op de verwerking",
    RootCause.SYSTEM: "Melding bij de leverancier; controle na elke update",
    RootCause.EXPECTATION: "Afspraken vooraf schriftelijk bevestigd",
    RootCause.EXTERNAL: "Afspraak met de externe partij over de levertijd",
    RootCause.OTHER: "Besproken in het teamoverleg",
}


# Every REPEAT_EVERY-th complainant complained before: the one REPEAT_GAP complaints earlier
# (about two months), by the same e-mail address. Chosen by number, not by the random
# generator, so the rest of the history stays as it was.
REPEAT_EVERY = 9
REPEAT_GAP = 40


@dataclass
class HistoryClock:
    now: dt.datetime

    def __call__(self) -> dt.datetime:
        return self.now


@dataclass
class History:
    """What was generated: references per outcome, for tests to pick from."""

    references: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    unregistered: list[str] = field(default_factory=list)
    not_effective: list[str] = field(default_factory=list)
    reopened: list[str] = field(default_factory=list)
    repeated: list[str] = field(default_factory=list)  # the complainant complained before


def _pick(rng: random.Random, weighted: tuple[tuple[object, int], ...]):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def generate_history(
    db: Database,
    settings: Settings,
    start: dt.date,
    end: dt.datetime,
    count: int,
    *,
    seed: int = 22,
) -> History:
    """`count` complaints received on working days from `start` up to `end` (the moment the
    history stands at), each moved through the procedure as far as it got by `end`."""
    rng = random.Random(seed)
    clock = HistoryClock(end)
    service = ComplaintService(db, settings, clock)
    calendar, tz = service.calendar, settings.tz
    days: list[dt.date] = []
    day = start
    while day < end.astimezone(tz).date():
        if calendar.is_working_day(day):
            days.append(day)
        day += dt.timedelta(days=1)
    # Volume grows a little over time (more complaints found their way to the bot).
    weights = [1.0 + index / len(days) for index in range(len(days))]
    arrivals = sorted([days[0], *rng.choices(days, weights, k=count - 1)])  # live on day one
    history = History()
    for number, arrival in enumerate(arrivals):
        received = dt.datetime.combine(
            arrival, dt.time(rng.randint(8, 17), rng.choice((0, 15, 30, 45))), tz
        )
        if received >= end:
            continue
        _one(service, clock, rng, received, end, number, history)
    return history


def _one(
    service: ComplaintService,
    clock: HistoryClock,
    rng: random.Random,
    received: dt.datetime,
    end: dt.datetime,
    number: int,
    history: History,
) -> None:
    calendar = service.calendar
    clock.now = received
    source = rng.choices((Source.EMAIL, Source.MANUAL, Source.SLACK_MESSAGE), (70, 20, 10))[0]
    repeat = number >= REPEAT_GAP and number % REPEAT_EVERY == REPEAT_EVERY // 2
    person = number - REPEAT_GAP if repeat else number
    name = f"Klant {person:04d}"
    intake = Intake(
        source,
        received,
        f"Klacht {number}",
        f"Omschrijving van klacht {number}",
        name,
        complainant_email=f"klant{person:04d}@example.com",
    )
    reference = service.submit(intake, SYSTEM_ACTOR).reference
    assert reference is not None
    history.references.append(reference)
    if repeat:
        history.repeated.append(reference)

    def later(moment: dt.datetime, hours: float) -> dt.datetime | None:
        """`hours` working hours after `moment`, or None when that is after `end`."""
        result = _add_working_hours(calendar, moment, hours)
        return result if result < end else None

    def step(moment: dt.datetime, action, data, actor: Actor = OFFICER) -> None:
        clock.now = moment
        service.change(reference, action, actor, data)

    if rng.random() < 0.07:
        moment = later(received, rng.uniform(0.5, 4))
        if moment:
            step(moment, steps.reject, Rejection("Geen klacht: een vraag om informatie."))
            history.rejected.append(reference)
        return
    # About one in eight is never registered: mostly mail the officer did not get to.
    if rng.random() < 0.12:
        history.unregistered.append(reference)
        return
    registered = later(received, rng.uniform(0.2, 6))
    if registered is None:
        history.unregistered.append(reference)
        return
    category = _pick(rng, CATEGORIES)
    relation = _pick(rng, RELATIONS)
    step(registered, steps.register, Registration(name, relation, category))
    # Contact: mostly within the two working days, some late, a few never.
    if rng.random() < 0.04:
        return
    hours = rng.uniform(1, 14) if rng.random() < 0.8 else rng.uniform(17, 40)
    contacted = later(registered, hours)
    if contacted is None:
        return
    measures = MEASURES[RootCause.COMMUNICATION] if rng.random() < 0.5 else None
    outcome = ContactOutcome.MEASURES_AGREED if measures else ContactOutcome.RESOLVED_ON_CONTACT
    step(contacted, steps.record_contact, Contact(contacted, outcome, measures))
    moment = contacted
    employee = rng.choice(EMPLOYEES[:4] if rng.random() < 0.5 else EMPLOYEES)
    discussed = rng.random() < 0.45
    if discussed:
        asked = later(moment, rng.uniform(1, 8))
        if asked is None:
            return
        step(asked, steps.request_discussion, DiscussionRequest((employee,)))
        answered = later(asked, rng.uniform(2, 24))
        if answered is None:
            return
        actor = Actor(employee, Role.EMPLOYEE, "")
        step(answered, steps.record_employee_response, EmployeeResponse("Mijn kant."), actor)
        held = later(answered, rng.uniform(2, 24))
        if held is None:
            return
        step(held, steps.record_discussion, DiscussionRecord(held, "Besproken.", employee))
        moment = held
    closed = later(moment, rng.uniform(4, 120))
    if closed is None:
        return
    cause = _pick(rng, CAUSES)
    check_on = (closed + dt.timedelta(days=rng.randint(28, 45))).date()
    closure = _closure(rng, cause, discussed, check_on)
    step(closed, steps.close, closure)
    if rng.random() < 0.05:
        reopened = later(closed, rng.uniform(8, 40))
        if reopened is None:
            return
        step(reopened, steps.reopen, Reopening("Klant meldt dat het probleem terug is."))
        history.reopened.append(reference)
        closed = later(reopened, rng.uniform(4, 40))
        if closed is None:
            return
        check_on = (closed + dt.timedelta(days=rng.randint(28, 45))).date()
        step(closed, steps.close, _closure(rng, cause, discussed, check_on))
    checked = dt.datetime.combine(check_on, dt.time(10), service.settings.tz)
    if checked >= end or rng.random() < 0.1:
        return  # the check is still to come, or the officer has not recorded it yet
    effective = rng.random() < 0.85
    result = "Geen nieuwe klachten hierover." if effective else "Zelfde klacht kwam terug."
    step(checked, steps.record_effectiveness, EffectivenessResult(effective, result))
    if not effective:
        history.not_effective.append(reference)


def _add_working_hours(calendar: WorkCalendar, moment: dt.datetime, hours: float) -> dt.datetime:
    left = dt.timedelta(hours=hours)
    while True:
        if not calendar.is_open(moment):
            moment = calendar.next_opening(moment)
        closing = calendar.end_of_business_on(moment.astimezone(calendar.tz).date())
        if moment + left <= closing:
            return moment + left
        left -= closing - moment
        moment = closing


def _closure(rng: random.Random, cause: RootCause, discussed: bool, check_on: dt.date) -> Closure:
    return Closure(
        resolution="Met de klant opgelost en bevestigd.",
        root_cause_category=cause,
        root_cause="Zie het dossier.",
        corrective_measures="Hersteld en excuses aangeboden.",
        preventive_measures=MEASURES[cause] if rng.random() < 0.8 else None,
        customer_satisfied=rng.choices(
            (Satisfaction.YES, Satisfaction.NO, Satisfaction.UNKNOWN), (70, 15, 15)
        )[0],
        no_employee_reason=None if discussed else "Geen individuele medewerker betrokken.",
        effectiveness_check_on=check_on,
    )
