"""The report's charts (matplotlib, Agg, no pyplot state): import this module only when a
report is made; importing matplotlib costs 0.4-1 s and ~66 MB, which the bot does not pay at
start-up.

Each chart function takes stored `Figures` and returns a matplotlib `Figure` (tests inspect its
Axes); `write_charts` saves them as 150 dpi PNGs of one fixed size.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, PercentFormatter

from bot.texts import reports as text
from reports.figures import HOUR_BIN_WIDTH, Figures, on_time_rate

DPI = 150
SIZE = (10.0, 5.6)  # inches: 1500 x 840 pixels
# Okabe & Ito (2008): distinguishable with every common colour-vision deficiency.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999")
HATCHES = ("", "//", "..", "xx")  # after 8 categories the colours repeat with a pattern
ON_TIME_COLOUR, LATE_COLOUR, LINE_COLOUR = "#0072B2", "#D55E00", "#000000"
PARETO_ROWS = 5

ChartFunction = Callable[[Figures], Figure]


def _new_figure() -> tuple[Figure, Axes]:
    figure = Figure(figsize=SIZE, dpi=DPI, layout="constrained")
    return figure, figure.add_subplot()


def _style(index: int) -> dict[str, object]:
    return {
        "color": PALETTE[index % len(PALETTE)],
        "hatch": HATCHES[(index // len(PALETTE)) % len(HATCHES)],
        "edgecolor": "white",
        "linewidth": 0.5,
    }


def empty_chart(title: str, message: str = text.EMPTY_CHART) -> Figure:
    """A chart that says plainly that there is nothing to show."""
    figure, axes = _new_figure()
    axes.set_title(title)
    axes.set_axis_off()
    axes.text(0.5, 0.5, message, ha="center", va="center", fontsize=20, color="#555555")
    return figure


def _nothing_yet(figures: Figures, title: str, message: str) -> Figure:
    """The empty chart: 'no complaints' when there were none, else why this one is blank."""
    return empty_chart(title, text.EMPTY_CHART if figures.summary.complaints == 0 else message)


def _month_labels(figures: Figures) -> list[str]:
    """'jul 2026' in a quarter; in a year (whose title names it) 'jan' ... 'dec'."""
    names = []
    for month in figures.months:
        year, number = month.label.split("-")
        short = text.MONTHS_SHORT[int(number) - 1]
        names.append(short if figures.kind == "year" else f"{short} {year}")
    return names


def intake_chart(figures: Figures) -> Figure:
    """Complaints received per month, stacked by category (largest category at the bottom)."""
    title = text.CHART_INTAKE_TITLE.format(title=figures.title)
    if figures.summary.complaints == 0:
        return empty_chart(title)
    figure, axes = _new_figure()
    months = _month_labels(figures)
    bottoms = [0] * len(months)
    for index, key in enumerate(figures.by_category):
        heights = [month.by_category.get(key, 0) for month in figures.months]
        axes.bar(months, heights, bottom=bottoms, label=text.category_label(key), **_style(index))
        bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
    axes.set_title(title)
    axes.set_xlabel(text.AXIS_MONTH)
    axes.set_ylabel(text.AXIS_COMPLAINTS)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    handles, names = axes.get_legend_handles_labels()
    # Listed top-down in the order the stack reads, largest category last (at the bottom).
    figure.legend(handles[::-1], names[::-1], loc="outside right upper", fontsize=8, frameon=False)
    return figure


def _target_line(axes: Axes, target: float) -> None:
    axes.axhline(
        target * 100,
        color=LINE_COLOUR,
        linestyle="--",
        linewidth=1,
        label=text.LEGEND_TARGET.format(percent=text.percent(target)),
    )


def _rate(on_time: int, late: int) -> float:
    """On-time percentage; NaN (no point drawn) when no contact deadline was decided."""
    rate = on_time_rate(on_time, late)
    return float("nan") if rate is None else 100 * rate


def _count_and_rate_panels() -> tuple[Figure, Axes, Axes]:
    """Counts above, percentages below, on one shared time axis: a count and a percentage never
    share a scale (a 30% dot beside a count axis reads as '3'; a 90% target as '9 klachten')."""
    figure = Figure(figsize=SIZE, dpi=DPI, layout="constrained")
    counts, rates = figure.subplots(2, 1, sharex=True, height_ratios=(3, 2))
    counts.set_ylabel(text.AXIS_COMPLAINTS)
    counts.yaxis.set_major_locator(MaxNLocator(integer=True))
    counts.tick_params(axis="x", labelbottom=False)
    rates.set_ylim(0, 105)
    rates.yaxis.set_major_formatter(PercentFormatter())
    rates.set_ylabel(text.AXIS_RATE)
    return figure, counts, rates


def contact_chart(figures: Figures) -> Figure:
    """Contacts on time and late per month, against the on-time target."""
    title = text.CHART_CONTACT_TITLE.format(title=figures.title)
    if figures.summary.on_time + figures.summary.late == 0:
        return _nothing_yet(figures, title, text.EMPTY_CONTACT_CHART)
    figure, axes, rates = _count_and_rate_panels()
    months = _month_labels(figures)
    on_time = [month.on_time for month in figures.months]
    late = [month.late for month in figures.months]
    axes.bar(months, on_time, color=ON_TIME_COLOUR, label=text.LEGEND_ON_TIME)
    axes.bar(months, late, bottom=on_time, color=LATE_COLOUR, label=text.LEGEND_LATE)
    axes.set_title(title)
    rates.set_xlabel(text.AXIS_MONTH)
    rates.plot(
        months,
        [_rate(m.on_time, m.late) for m in figures.months],
        color=LINE_COLOUR,
        marker="o",
        label=text.LEGEND_RATE,
    )
    _target_line(rates, figures.on_time_target)
    figure.legend(loc="outside lower center", ncols=4, fontsize=8, frameon=False)
    return figure


def hours_chart(figures: Figures) -> Figure:
    """How many working hours it took to reach the customer, with the deadline window marked."""
    title = text.CHART_HOURS_TITLE.format(title=figures.title)
    if sum(figures.hour_bins) == 0:
        return _nothing_yet(figures, title, text.EMPTY_HOURS_CHART)
    figure, axes = _new_figure()
    lefts = [i * HOUR_BIN_WIDTH for i in range(len(figures.hour_bins))]
    axes.bar(
        lefts,
        figures.hour_bins,
        width=HOUR_BIN_WIDTH,
        align="edge",
        color=ON_TIME_COLOUR,
        edgecolor="white",
    )
    low, high = figures.deadline_hours
    axes.axvspan(
        low,
        high,
        color=LATE_COLOUR,
        alpha=0.2,
        label=text.LEGEND_DEADLINE.format(low=low, high=high),
        zorder=0,
    )
    axes.set_xticks([left + HOUR_BIN_WIDTH / 2 for left in lefts], _hour_bin_labels(lefts))
    axes.set_xlim(0, lefts[-1] + HOUR_BIN_WIDTH)
    axes.set_title(title)
    axes.set_xlabel(text.AXIS_HOURS)
    axes.set_ylabel(text.AXIS_COMPLAINTS)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.legend(loc="best", fontsize=8, frameon=False)
    return figure


def _hour_bin_labels(lefts: list[int]) -> list[str]:
    middle = [text.HOUR_BIN.format(low=low, high=low + HOUR_BIN_WIDTH) for low in lefts[:-1]]
    return [*middle, text.HOUR_BIN_LAST.format(low=lefts[-1])]


def pareto_chart(figures: Figures) -> Figure:
    """Root causes of closed complaints, largest first, with the cumulative share.

    Horizontal bars keep every label level and apart, even with 20 causes.
    """
    title = text.CHART_PARETO_TITLE.format(title=figures.title)
    if not figures.root_causes:
        return _nothing_yet(figures, title, text.EMPTY_PARETO_CHART)
    figure, axes = _new_figure()
    names = [text.root_cause_label(key) for key in figures.root_causes]
    counts = list(figures.root_causes.values())
    total = sum(counts)
    positions = list(range(len(names)))
    axes.barh(positions, counts, color=ON_TIME_COLOUR)
    axes.set_yticks(positions, names, fontsize=8 if len(names) > 12 else 10)
    # Largest at the top; at least PARETO_ROWS rows high, so one cause is not one huge block.
    axes.set_ylim(max(len(names), PARETO_ROWS) - 0.5, -0.5)
    axes.set_xlabel(text.AXIS_COMPLAINTS)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    cumulative = axes.twiny()
    running, shares = 0, []
    for count in counts:
        running += count
        shares.append(100 * running / total)
    cumulative.plot(shares, positions, color=LATE_COLOUR, marker="o", label=text.LEGEND_CUMULATIVE)
    cumulative.set_xlim(0, 105)
    cumulative.xaxis.set_major_formatter(PercentFormatter())
    # The classic Pareto form keeps the share on a second axis: labelled, in the line's colour,
    # so that no one reads a share off the count scale.
    cumulative.set_xlabel(text.AXIS_CUMULATIVE, color=LATE_COLOUR)
    cumulative.tick_params(axis="x", colors=LATE_COLOUR)
    cumulative.spines["top"].set_color(LATE_COLOUR)
    axes.set_title(title)
    return figure


def trend_chart(figures: Figures) -> Figure:
    """Complaints received and the on-time rate over the last eight quarters."""
    title = text.CHART_TREND_TITLE
    if all(point.received == 0 for point in figures.trend):
        return empty_chart(title)
    figure, axes, rates = _count_and_rate_panels()
    quarters = [point.label for point in figures.trend]
    axes.bar(
        quarters,
        [point.received for point in figures.trend],
        color=PALETTE[7],
        label=text.LEGEND_RECEIVED,
    )
    rates.set_xlabel(text.AXIS_QUARTER)
    values = [_rate(point.on_time, point.late) for point in figures.trend]
    rates.plot(quarters, values, color=ON_TIME_COLOUR, marker="o", label=text.LEGEND_RATE)
    _target_line(rates, figures.on_time_target)
    axes.set_title(title)
    figure.legend(loc="outside lower center", ncols=3, fontsize=8, frameon=False)
    return figure


CHARTS: dict[str, ChartFunction] = {
    "intake": intake_chart,
    "contact": contact_chart,
    "hours": hours_chart,
    "pareto": pareto_chart,
    "trend": trend_chart,
}


def draw_charts(figures: Figures) -> dict[str, Figure]:
    return {name: draw(figures) for name, draw in CHARTS.items()}


def write_charts(charts: dict[str, Figure], out_dir: Path) -> list[Path]:
    """Each drawn chart as a 150 dpi PNG in `out_dir`, named as the reader sees it."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, figure in charts.items():
        path = out_dir / f"{text.CHART_FILES[name]}.png"
        figure.savefig(path, dpi=DPI, format="png")
        paths.append(path)
    return paths
