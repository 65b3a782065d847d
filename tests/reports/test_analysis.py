"""The generated analysis names what management should notice, in plain Dutch."""

from __future__ import annotations

import dataclasses

from reports.analysis import analyse
from reports.figures import compute_figures
from reports.periods import parse_period
from tests.reports.seed import REPORT_NOW


def test_seeded_quarter(seeded_quarter):
    figures, refs = seeded_quarter
    assert analyse(figures) == [
        "De grootste categorie is planning en roosters met 3 van de 8 klachten (37,5%); "
        "3 meer dan in 2026-Q1.",
        "Met 4 klanten (66,7%) is binnen de termijn contact opgenomen; dat is onder het doel "
        "van 90,0%.",
        "Terugkerende oorzaak: Menselijke fout (3 keer).",
        f"1 klacht staat nog open zonder contact terwijl de termijn verstreken is: {refs['F']}.",
    ]


def test_target_met_fewer_than_before_and_nothing_overdue(seeded_quarter):
    figures, _ = seeded_quarter
    calmer = dataclasses.replace(
        figures,
        on_time_target=0.6,
        previous_by_category={"planning": 5},
        root_causes={"menselijke_fout": 2, "communicatie": 2},
        summary=dataclasses.replace(figures.summary, overdue_open=0),
    )
    assert analyse(calmer) == [
        "De grootste categorie is planning en roosters met 3 van de 8 klachten (37,5%); "
        "2 minder dan in 2026-Q1.",
        "Met 4 klanten (66,7%) is binnen de termijn contact opgenomen; het doel van 60,0% is "
        "gehaald.",
        "Er staan geen klachten open waarvan de contacttermijn verstreken is.",
    ]


def test_empty_period(db, settings):
    with db.session() as session:
        figures = compute_figures(
            session.connection(), settings, parse_period("2026-Q2", settings.tz), REPORT_NOW
        )
    assert analyse(figures) == ["In deze periode zijn geen klachten ontvangen."]


def test_a_long_overdue_list_says_how_many_are_not_named(seeded_quarter):
    figures, _ = seeded_quarter
    many = dataclasses.replace(
        figures,
        overdue_references=[f"K-2026-{n:04d}" for n in range(1, 21)],
        summary=dataclasses.replace(figures.summary, overdue_open=23),
    )
    assert analyse(many)[-1] == (
        "23 klachten staan nog open zonder contact terwijl de termijn verstreken is: "
        + ", ".join(f"K-2026-{n:04d}" for n in range(1, 21))
        + " en nog 3 andere."
    )
