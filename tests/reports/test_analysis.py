"""The generated analysis explains what a director must know, in plain Dutch with the right
singular and plural, and judges causes sensibly instead of flagging every cause."""

from __future__ import annotations

import dataclasses

from sqlalchemy import select

from bot.procedure import State
from bot.texts import reports as text
from reports.analysis import analyse, key_messages
from reports.export import markdown_summary
from reports.figures import NotEffective, compute_figures
from reports.generate import make_report
from reports.periods import parse_period
from storage.models import ComplaintRow
from tests.reports.conftest import HISTORY_NOW
from tests.reports.seed import AMS, REPORT_NOW


def test_seeded_quarter(seeded_quarter):
    figures, refs = seeded_quarter
    sentences = analyse(figures)
    assert sentences[0] == "8 klachten, 7 meer dan in K1 2026."
    assert sentences[1] == (
        "Contact binnen de termijn: 66,7% van 6 klachten; dat is onder het doel van 90,0%."
    )
    assert (
        f"1 klacht staat nog open zonder contact terwijl de termijn verstreken is: {refs['F']}."
        in sentences
    )
    assert sentences[-1] == "Let op: met 8 klachten zeggen percentages en verschillen weinig."
    # 3 of 4 closed complaints is not "a main cause" worth a sentence with so few: under 5.
    assert not any("belangrijkste oorzaak" in s for s in sentences)


def test_one_is_singular(seeded_quarter):
    figures, _ = seeded_quarter
    one = dataclasses.replace(
        figures,
        satisfaction={"ja": 1},
        summary=dataclasses.replace(figures.summary, on_time=1, late=0),
    )
    text = "\n".join(analyse(one))
    assert "van 1 klacht;" in text and "van 1 klant die" in text
    assert "1 klanten" not in text and "1 medewerkers" not in text and "1 klachten" not in text


def test_only_a_cause_that_stands_out_is_named(seeded_quarter):
    figures, _ = seeded_quarter
    spread = dataclasses.replace(
        figures,
        root_causes={
            "communicatie": 5,
            "menselijke_fout": 4,
            "systeem": 4,
            "extern": 4,
            "procedure_niet_gevolgd": 4,
            "overig": 3,
            "verwachting_klant": 3,
        },
    )
    # Every cause counted 3 or more times, none stands out: no cause is called out.
    assert not any("belangrijkste oorzaak" in s for s in analyse(spread))
    dominant = dataclasses.replace(
        figures, root_causes={"communicatie": 12, "systeem": 4, "extern": 3}
    )
    named = [s for s in analyse(dominant) if "belangrijkste oorzaak" in s]
    assert named == [
        "De belangrijkste oorzaak is communicatie: 12 van de 19 afgesloten klachten (63,2%)."
    ]


def test_empty_period(db, settings):
    with db.session() as session:
        figures = compute_figures(
            session.connection(), settings, parse_period("2026-Q2", settings.tz), REPORT_NOW
        )
    assert analyse(figures) == ["In deze periode zijn geen klachten ontvangen."]


def test_a_long_overdue_list_names_five_and_counts_the_rest(seeded_quarter):
    figures, _ = seeded_quarter
    many = dataclasses.replace(
        figures,
        overdue_references=[f"K-2026-{n:04d}" for n in range(1, 21)],
        summary=dataclasses.replace(figures.summary, overdue_open=23),
    )
    assert (
        "23 klachten staan nog open zonder contact terwijl de termijn verstreken is: "
        + ", ".join(f"K-2026-{n:04d}" for n in range(1, 6))
        + " en nog 18 andere."
    ) in analyse(many)


def test_the_year_explains_what_a_director_must_know(history):
    db, settings, made = history
    report = make_report(db, settings, parse_period("2026", AMS), HISTORY_NOW, "cli")
    sentences = analyse(report.figures)
    text = "\n".join(sentences)
    # Volume against the previous year, marked as running.
    assert sentences[0].startswith(f"{report.figures.summary.complaints} klachten tot nu toe, ")
    assert "meer dan in 2025" in sentences[0] or "minder dan in 2025" in sentences[0]
    # The target per quarter.
    assert "Het doel is in " in text and "K1 2026" in text
    # Measures that did not work, by reference.
    assert "niet effectief" in text
    assert any(ref in text for ref in made.not_effective)
    # Old complaints still open, with the oldest.
    assert "na 30 dagen nog open; de oudste is K-2026-" in text
    # Data quality: the unregistered share.
    assert "nog niet geregistreerd" in text
    assert 3 <= len(key_messages(report.figures)) <= 5


def test_the_first_year_compares_with_nothing(history):
    db, settings, _ = history
    report = make_report(db, settings, parse_period("2025", AMS), HISTORY_NOW, "cli")
    assert "de eerste periode met de klachtenbot" in report.analysis
    assert "2024" not in report.analysis


def test_a_measure_that_failed_is_named(seeded_quarter):
    figures, _ = seeded_quarter
    failed = dataclasses.replace(
        figures,
        effectiveness={"effective": 3, "not_effective": 1, "pending": 0},
        not_effective=[
            NotEffective("K-2026-0001", "salaris", "systeem", "Controle", "Terug", "2026-05-01")
        ],
    )
    assert (
        "1 maatregel bleek bij de controle niet effectief (van 4 gecontroleerd): K-2026-0001. "
        "Zie de lijst van niet effectieve maatregelen."
    ) in analyse(failed)


def test_repeat_complainants_are_counted_as_the_card_counts_them(history):
    """A complaint whose complainant complained in the 12 months before (the same e-mail
    address, as on the complaint card) counts once, and the first few are named."""
    db, settings, made = history
    quarter = parse_period("2026-Q2", AMS)
    report = make_report(db, settings, quarter, HISTORY_NOW, "cli")
    with db.session() as session:
        rows = session.execute(
            select(ComplaintRow.reference, ComplaintRow.state).where(
                ComplaintRow.received_at >= quarter.start, ComplaintRow.received_at < quarter.end
            )
        ).all()
    expected = sorted(
        ref for ref, state in rows if ref in made.repeated and state != State.REJECTED.value
    )
    assert len(expected) >= 2
    figures = report.figures
    assert figures.repeat_complaints == len(expected)
    assert set(figures.repeat_references) <= set(expected)
    sentence = next(s for s in analyse(figures) if "in de 12 maanden ervoor" in s)
    assert sentence.startswith(f"{len(expected)} klachten kwamen van iemand die ")
    assert figures.repeat_references[0] in sentence

    one = dataclasses.replace(figures, repeat_complaints=1, repeat_references=expected[:1])
    singular = "1 klacht kwam van iemand die in de 12 maanden ervoor al een klacht indiende"
    assert f"{singular}: {expected[0]}." in analyse(one)


def test_a_relation_type_behind_most_complaints_is_named(history):
    db, settings, _ = history
    report = make_report(db, settings, parse_period("2026", AMS), HISTORY_NOW, "cli")
    by_relation = report.figures.by_relation_type
    registered = sum(n for key, n in by_relation.items() if key)
    flex = by_relation["flexwerker"]
    assert flex / registered >= 0.5  # the history's weights: most complaints are flexworkers'
    assert (
        f"{flex} van de {registered} geregistreerde klachten "
        f"({text.percent(flex / registered)}) komen van flexwerkers."
    ) in analyse(report.figures)
    spread = dataclasses.replace(
        report.figures,
        by_relation_type={"flexwerker": 4, "opdrachtgever": 3, "directe_relatie": 2, "": 9},
    )
    assert not any("geregistreerde klachten" in s for s in analyse(spread))


def test_the_effectiveness_rate_has_its_trend_per_quarter(history):
    """Per quarter the share of checks that found the measure effective, and whether the last
    quarter went up or down; the same figures in the measures section of the summary."""
    db, settings, _ = history
    report = make_report(db, settings, parse_period("2026-Q3", AMS), HISTORY_NOW, "cli")
    checked = {p.label: (p.effective, p.not_effective) for p in report.figures.trend}
    # The quarter's own point matches the quarter's checks.
    effective = report.figures.effectiveness
    assert checked["2026-Q3"] == (effective["effective"], effective["not_effective"])
    q2, q3 = checked["2026-Q2"], checked["2026-Q3"]
    rate = [good / (good + bad) for good, bad in (q2, q3)]
    word = "lager" if rate[1] < rate[0] else "hoger" if rate[1] > rate[0] else "even hoog"
    sentence = next(s for s in analyse(report.figures) if s.startswith("Effectieve maatregelen"))
    assert f"K3 2026 {text.percent(rate[1])} (van {sum(q3)})" in sentence
    assert sentence.endswith(f"; {word} {'als' if word == 'even hoog' else 'dan'} in K2 2026.")
    assert "Effectief per kwartaal" in markdown_summary(report)
