"""The generated analysis: a few Dutch sentences that explain what a director must know, most
important first (the first few are the report's key messages).

Rules, each saying something only when it matters: the change in volume (never against a period
the bot was not in use for), the contact target (per quarter in a year), the worst month, old
complaints still open, a concentration on one category, employee or relation type, repeat
complainants, the main root cause when it stands out, measures that proved not effective and the
effectiveness rate per quarter, unregistered complaints (data quality), satisfaction, and a caveat
when the numbers are small. No fixed "3 times is recurring" rule.
"""

from __future__ import annotations

from bot.texts import MONTHS
from bot.texts import reports as text
from reports.figures import Figures, on_time_rate

SMALL = 20  # below this many complaints percentages say little
CONCENTRATION = 0.4  # one category with this share of the complaints stands out
EMPLOYEE_CONCENTRATION = 0.2  # one employee concerned in this share of them
RELATION_CONCENTRATION = 0.5  # one relation type behind this share of the registered ones
MAIN_CAUSE = 0.3  # a root cause behind this share of the closed complaints stands out
UNREGISTERED = 0.1  # this share unregistered makes the breakdowns incomplete
NAMED = 5  # references named in one sentence


def analyse(figures: Figures) -> list[str]:
    """The sentences, most important first."""
    if figures.is_empty:
        return [text.ANALYSIS_EMPTY]
    rules = (
        _volume,
        _target,
        _not_effective,
        _effective_trend,
        _old_open,
        _data_quality,
        _main_cause,
        _concentration,
        _relation,
        _employee,
        _repeats,
        _worst_month,
        _satisfaction,
        _overdue,
        _small_numbers,
    )
    return [sentence for rule in rules if (sentence := rule(figures))]


def key_messages(figures: Figures, count: int = 5) -> list[str]:
    """The 3 to 5 messages that open the report."""
    return analyse(figures)[:count]


def analysis_text(figures: Figures) -> str:
    return "\n".join(analyse(figures))


def _references(references: list[str], total: int) -> str:
    named = ", ".join(references[:NAMED])
    rest = total - min(len(references), NAMED)
    return named + (text.ANALYSIS_MORE.format(count=rest) if rest > 0 else "")


def _volume(figures: Figures) -> str:
    n = figures.summary.complaints
    complaints = text.plural(n, "klacht", "klachten")
    so_far = text.ANALYSIS_SO_FAR if figures.running_until else ""
    previous = figures.previous
    if previous.label in figures.not_applicable:
        return text.ANALYSIS_VOLUME_FIRST.format(complaints=complaints, so_far=so_far)
    before = previous.complaints
    name = text.period_name(previous.label)
    if before == n:
        change = text.ANALYSIS_CHANGE_SAME.format(label=name)
    elif n > before:
        change = text.ANALYSIS_CHANGE_UP.format(delta=n - before, label=name)
    else:
        change = text.ANALYSIS_CHANGE_DOWN.format(delta=before - n, label=name)
    return text.ANALYSIS_VOLUME.format(complaints=complaints, so_far=so_far, change=change)


def _target(figures: Figures) -> str:
    target = figures.on_time_target
    summary = figures.summary
    rate = summary.on_time_rate
    if rate is None:
        return text.ANALYSIS_ON_TIME_NONE
    counted = text.plural(summary.on_time + summary.late, "klacht", "klachten")
    template = text.ANALYSIS_ON_TIME_MET if rate >= target else text.ANALYSIS_ON_TIME_MISSED
    sentence = template.format(
        rate=text.percent(rate), counted=counted, target=text.percent(target)
    )
    quarters = [q for q in figures.quarters if q.label not in figures.not_applicable]
    if quarters:
        met = [q for q in quarters if (q.on_time_rate or 0) >= target]
        per_quarter = ", ".join(
            f"{text.period_name(q.label)} {text.percent(q.on_time_rate)}" for q in quarters
        )
        sentence += " " + text.ANALYSIS_QUARTERS_MET.format(
            met=len(met), total=len(quarters), per_quarter=per_quarter
        )
    return sentence


def _not_effective(figures: Figures) -> str:
    failed = figures.not_effective
    checked = figures.effectiveness.get("effective", 0) + figures.effectiveness.get(
        "not_effective", 0
    )
    if not failed:
        return ""
    references = [item.reference for item in failed]
    return text.ANALYSIS_NOT_EFFECTIVE.format(
        measures=text.plural(len(failed), "maatregel", "maatregelen"),
        verb="bleek" if len(failed) == 1 else "bleken",
        checked=checked,
        references=_references(references, len(failed)),
    )


def _old_open(figures: Figures) -> str:
    if not figures.old_open:
        return ""
    oldest_ref, oldest_days = figures.oldest_open[0]
    return text.ANALYSIS_OLD_OPEN.format(
        complaints=text.plural(figures.old_open, "klacht", "klachten"),
        verb="staat" if figures.old_open == 1 else "staan",
        oldest=oldest_ref,
        days=oldest_days,
    )


def _data_quality(figures: Figures) -> str:
    unregistered = figures.by_category.get("", 0)
    total = figures.summary.complaints
    if not total or unregistered / total < UNREGISTERED:
        return ""
    return text.ANALYSIS_UNREGISTERED.format(
        count=unregistered,
        total=total,
        share=text.percent(unregistered / total),
        verb="is" if unregistered == 1 else "zijn",
    )


def _main_cause(figures: Figures) -> str:
    causes = {key: n for key, n in figures.root_causes.items() if key}
    total = sum(causes.values())
    if total < 5:
        return ""
    key, count = max(causes.items(), key=lambda item: item[1])
    if count / total < MAIN_CAUSE:
        return ""
    return text.ANALYSIS_MAIN_CAUSE.format(
        cause=text.root_cause_label(key).lower(),
        count=count,
        total=total,
        share=text.percent(count / total),
    )


def _concentration(figures: Figures) -> str:
    registered = {key: n for key, n in figures.by_category.items() if key}
    total = figures.summary.complaints
    if not registered or not total:
        return ""
    key, count = max(registered.items(), key=lambda item: item[1])
    template = (
        text.ANALYSIS_CONCENTRATION if count / total >= CONCENTRATION else text.ANALYSIS_BIGGEST
    )
    return template.format(
        category=text.category_label(key).lower(),
        count=count,
        total=total,
        share=text.percent(count / total),
    )


def _employee(figures: Figures) -> str:
    total = figures.summary.complaints
    if not figures.per_employee or total < SMALL:
        return ""
    _name, count = figures.per_employee[0]
    if count / total < EMPLOYEE_CONCENTRATION or count < 3:
        return ""
    return text.ANALYSIS_EMPLOYEE.format(count=count, total=total)


def _worst_month(figures: Figures) -> str:
    decided = [m for m in figures.months if m.on_time + m.late >= 3]
    if len(decided) < 2:
        return ""
    worst = min(decided, key=lambda m: on_time_rate(m.on_time, m.late) or 0)
    rate = on_time_rate(worst.on_time, worst.late)
    if rate is None or rate >= figures.on_time_target:
        return ""
    year, month = worst.label.split("-")
    name = f"{MONTHS[int(month) - 1]} {year}"
    return text.ANALYSIS_WORST_MONTH.format(month=name, rate=text.percent(rate), late=worst.late)


def _satisfaction(figures: Figures) -> str:
    yes, no = figures.satisfaction.get("ja", 0), figures.satisfaction.get("nee", 0)
    if yes + no == 0:
        return ""
    return text.ANALYSIS_SATISFACTION.format(
        share=text.percent(yes / (yes + no)),
        customers=text.plural(yes + no, "klant", "klanten"),
    )


def _overdue(figures: Figures) -> str:
    count = figures.summary.overdue_open
    if not count:
        return ""
    return text.ANALYSIS_OVERDUE.format(
        complaints=text.plural(count, "klacht", "klachten"),
        verb="staat" if count == 1 else "staan",
        references=_references(figures.overdue_references, count),
    )


def _small_numbers(figures: Figures) -> str:
    n = figures.summary.complaints
    if n >= SMALL:
        return ""
    return text.ANALYSIS_SMALL.format(complaints=text.plural(n, "klacht", "klachten"))


def _relation(figures: Figures) -> str:
    """One relation type (flexwerkers, opdrachtgevers, ...) behind most registered complaints."""
    registered = {key: n for key, n in figures.by_relation_type.items() if key}
    total = sum(registered.values())
    if total < 5:
        return ""
    key, count = max(registered.items(), key=lambda item: item[1])
    if count / total < RELATION_CONCENTRATION:
        return ""
    return text.ANALYSIS_RELATION.format(
        count=count,
        total=total,
        share=text.percent(count / total),
        verb="komt" if count == 1 else "komen",
        group=text.RELATION_TYPE_GROUPS.get(key, text.relation_type_label(key).lower()),
    )


def _repeats(figures: Figures) -> str:
    """Complaints from someone who complained in the 12 months before (as the card counts)."""
    count = figures.repeat_complaints
    if not count:
        return ""
    return text.ANALYSIS_REPEAT.format(
        complaints=text.plural(count, "klacht", "klachten"),
        verb="kwam" if count == 1 else "kwamen",
        references=_references(figures.repeat_references, count),
    )


def effectiveness_per_quarter(figures: Figures) -> list[tuple[str, float, int]]:
    """(quarter, share effective, checks) of the trend's quarters with a recorded check."""
    return [
        (point.label, rate, point.effective + point.not_effective)
        for point in figures.trend
        if (rate := point.effective_rate) is not None
    ]


def quarters_in_words(rates: list[tuple[str, float, int]]) -> str:
    """'K1 2026 90,0% (van 10), K2 2026 ...'."""
    return ", ".join(
        text.EFFECTIVE_QUARTER.format(
            label=text.period_name(label), rate=text.percent(rate), checked=checked
        )
        for label, rate, checked in rates
    )


def _effective_trend(figures: Figures) -> str:
    """The effectiveness rate per quarter, and whether the last went up or down."""
    rates = effectiveness_per_quarter(figures)
    if len(rates) < 2:
        return ""
    (before_label, before, _), (_, last, _) = rates[-2], rates[-1]
    label = text.period_name(before_label)
    if round(last - before, 3) < 0:
        direction = text.EFFECTIVE_LOWER.format(label=label)
    elif round(last - before, 3) > 0:
        direction = text.EFFECTIVE_HIGHER.format(label=label)
    else:
        direction = text.EFFECTIVE_SAME.format(label=label)
    return text.ANALYSIS_EFFECTIVE_TREND.format(
        per_quarter=quarters_in_words(rates[-4:]), direction=direction
    )
