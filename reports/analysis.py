"""The generated analysis: a few Dutch sentences naming what management should notice."""

from __future__ import annotations

from bot.texts import reports as text
from reports.figures import Figures, Summary

RECURRING_AT = 3  # a root cause named this often in one period is "recurring"


def analyse(figures: Figures) -> list[str]:
    """Biggest category and its change, on-time rate against the target, recurring root
    causes, and open complaints whose contact deadline has passed."""
    if figures.is_empty:
        return [text.ANALYSIS_EMPTY]
    sentences = [_biggest_category(figures), _on_time(figures.summary, figures.on_time_target)]
    sentences += [
        text.ANALYSIS_RECURRING.format(cause=text.root_cause_label(cause), count=count)
        for cause, count in figures.root_causes.items()
        if cause and count >= RECURRING_AT
    ]
    sentences.append(_overdue(figures))
    return [sentence for sentence in sentences if sentence]


def analysis_text(figures: Figures) -> str:
    return "\n".join(analyse(figures))


def _biggest_category(figures: Figures) -> str:
    registered = {key: n for key, n in figures.by_category.items() if key}
    if not registered:
        return ""
    key, count = next(iter(registered.items()))
    total = figures.summary.complaints
    return text.ANALYSIS_BIGGEST.format(
        category=text.category_label(key).lower(),
        count=count,
        total=total,
        share=text.percent(count / total),
        change=_change(count, figures.previous_by_category.get(key, 0), figures.previous.label),
    )


def _change(now: int, before: int, label: str) -> str:
    if now > before:
        return text.ANALYSIS_CHANGE_UP.format(delta=now - before, label=label)
    if now < before:
        return text.ANALYSIS_CHANGE_DOWN.format(delta=before - now, label=label)
    return text.ANALYSIS_CHANGE_SAME.format(label=label)


def _on_time(summary: Summary, target: float) -> str:
    rate = summary.on_time_rate
    if rate is None:
        return text.ANALYSIS_ON_TIME_NONE
    template = text.ANALYSIS_ON_TIME_MET if rate >= target else text.ANALYSIS_ON_TIME_MISSED
    return template.format(
        count=summary.on_time, rate=text.percent(rate), target=text.percent(target)
    )


def _overdue(figures: Figures) -> str:
    count = figures.summary.overdue_open
    if not count:
        return text.ANALYSIS_NO_OVERDUE
    template = text.ANALYSIS_OVERDUE_ONE if count == 1 else text.ANALYSIS_OVERDUE
    references = ", ".join(figures.overdue_references)
    unnamed = count - len(figures.overdue_references)
    if unnamed > 0:
        references += text.ANALYSIS_OVERDUE_MORE.format(count=unnamed)
    return template.format(count=count, references=references)
