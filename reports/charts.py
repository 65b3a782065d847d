"""The report's charts (matplotlib, Agg, no pyplot state): import this module only when a
report is made; importing matplotlib costs 0.4-1 s and ~66 MB, which the bot does not pay at
start-up.

Each chart function takes stored `Figures` and returns a matplotlib `Figure` (tests inspect its
Axes); `write_charts` saves them as 150 dpi PNGs of one fixed size.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, PercentFormatter

from bot.texts import reports as text
from reports.figures import Figures, on_time_rate

DPI = 150
SIZE = (10.0, 5.6)  # inches: 1500 x 840 pixels
# Okabe & Ito (2008): distinguishable with every common colour-vision deficiency.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999")
HATCHES = ("", "//", "..", "xx")  # after 8 categories the colours repeat with a pattern
ON_TIME_COLOUR, LATE_COLOUR, LINE_COLOUR = "#0072B2", "#D55E00", "#000000"
# Each category keeps its colour in every report, whatever its rank in a period: at most 7
# categories and "Overig"; "nog niet geregistreerd" is a neutral grey with a hatch.
CATEGORY_COLOURS = {
    "communicatie": "#0072B2",
    "salaris": "#E69F00",
    "planning": "#009E73",
    "bejegening": "#CC79A7",
    "plaatsing": "#56B4E9",
    "facturatie": "#D55E00",
    "privacy": "#F0E442",
    "overig": "#999999",
}
UNREGISTERED_COLOUR, UNREGISTERED_HATCH = "#DDDDDD", "//"
OTHER_KEY = "overig"
HEADROOM = 1.15  # the tallest bar stays clear of the frame
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


def category_style(key: str) -> dict[str, object]:
    """The same colour for a category in every report; unknown codes count as 'Overig'."""
    if not key:
        return {"color": UNREGISTERED_COLOUR, "hatch": UNREGISTERED_HATCH, "edgecolor": "#888888"}
    colour = CATEGORY_COLOURS.get(key, CATEGORY_COLOURS[OTHER_KEY])
    return {"color": colour, "edgecolor": "white", "linewidth": 0.5}


def _stacked_categories(figures: Figures) -> list[str]:
    """The categories in their fixed order (unknown codes fold into 'Overig'), the
    unregistered last, on top."""
    present = {
        key if key in CATEGORY_COLOURS or not key else OTHER_KEY for key in figures.by_category
    }
    ordered = [key for key in CATEGORY_COLOURS if key in present]
    return [*ordered, ""] if "" in present else ordered


def _month_count(month_counts: dict[str, int], key: str) -> int:
    if key == OTHER_KEY:
        return sum(n for k, n in month_counts.items() if k and k not in CATEGORY_COLOURS) + (
            month_counts.get(OTHER_KEY, 0)
        )
    return month_counts.get(key, 0)


def intake_chart(figures: Figures) -> Figure:
    """Complaints received per month, stacked by category in a fixed order and colour."""
    title = text.CHART_INTAKE_TITLE.format(
        count=figures.summary.complaints, title=text.period_name(figures.period)
    )
    if figures.summary.complaints == 0:
        return empty_chart(title)
    figure, axes = _new_figure()
    months = _month_labels(figures)
    bottoms = [0] * len(months)
    for key in _stacked_categories(figures):
        heights = [_month_count(month.by_category, key) for month in figures.months]
        axes.bar(
            months, heights, bottom=bottoms, label=text.category_label(key), **category_style(key)
        )
        bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
    axes.set_ylim(0, max(max(bottoms), 1) * HEADROOM)
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
    title = text.CHART_CONTACT_TITLE.format(
        rate=text.percent(figures.summary.on_time_rate),
        target=text.percent(figures.on_time_target),
        count=figures.summary.on_time + figures.summary.late,
    )
    if figures.summary.on_time + figures.summary.late == 0:
        return _nothing_yet(figures, title, text.EMPTY_CONTACT_CHART)
    figure, axes, rates = _count_and_rate_panels()
    months = _month_labels(figures)
    on_time = [month.on_time for month in figures.months]
    late = [month.late for month in figures.months]
    axes.bar(months, on_time, color=ON_TIME_COLOUR, label=text.LEGEND_ON_TIME)
    axes.bar(months, late, bottom=on_time, color=LATE_COLOUR, label=text.LEGEND_LATE)
    tallest = max((a + b for a, b in zip(on_time, late, strict=True)), default=1)
    axes.set_ylim(0, max(tallest, 1) * HEADROOM)
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
    """How long the customer waited for contact, in working days, with the complaints never
    contacted after their deadline as a bar of their own; on time and late in two colours."""
    bins = figures.day_bins or []
    decided = figures.summary.on_time + figures.summary.late
    title = text.CHART_HOURS_TITLE.format(
        rate=text.percent(figures.summary.on_time_rate),
        target=text.percent(figures.on_time_target),
        count=decided,
    )
    if sum(bins) == 0:
        return _nothing_yet(figures, title, text.EMPTY_HOURS_CHART)
    figure, axes = _new_figure()
    labels = list(text.DAY_BINS)
    # Within two working days is within the deadline (the deadline is 2 working days after
    # the day of receipt); later, or never, is late.
    colours = [ON_TIME_COLOUR, ON_TIME_COLOUR, ON_TIME_COLOUR, LATE_COLOUR, LATE_COLOUR]
    hatches = ["", "", "", "", "//"]
    positions = list(range(len(bins)))
    bars = axes.bar(positions, bins, color=colours, edgecolor="white")
    for bar, hatch in zip(bars, hatches, strict=True):
        bar.set_hatch(hatch)
    axes.bar_label(bars, labels=[str(n) for n in bins], padding=2, fontsize=9)
    axes.set_xticks(positions, labels, fontsize=9)
    axes.set_ylim(0, max(max(bins), 1) * HEADROOM)
    axes.set_title(title)
    axes.set_xlabel(text.AXIS_DAYS)
    axes.set_ylabel(text.AXIS_COMPLAINTS)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    from matplotlib.patches import Patch

    axes.legend(
        handles=[
            Patch(color=ON_TIME_COLOUR, label=text.LEGEND_ON_TIME),
            Patch(color=LATE_COLOUR, label=text.LEGEND_LATE),
        ],
        loc="upper right",
        fontsize=8,
        frameon=False,
    )
    return figure


def pareto_chart(figures: Figures) -> Figure:
    """Root causes of closed complaints, largest first, on one axis: each bar says its count
    and its share, e.g. '42 (23 %)'. Horizontal bars keep every label level and apart."""
    closed = sum(figures.root_causes.values())
    title = text.CHART_PARETO_TITLE.format(title=text.period_name(figures.period), count=closed)
    if not figures.root_causes:
        return _nothing_yet(figures, title, text.EMPTY_PARETO_CHART)
    figure, axes = _new_figure()
    names = [text.root_cause_label(key) for key in figures.root_causes]
    counts = list(figures.root_causes.values())
    positions = list(range(len(names)))
    bars = axes.barh(positions, counts, color=ON_TIME_COLOUR)
    labels = [text.PARETO_LABEL.format(count=n, share=text.percent(n / closed)) for n in counts]
    axes.bar_label(bars, labels=labels, padding=3, fontsize=9)
    axes.set_yticks(positions, names, fontsize=8 if len(names) > 12 else 10)
    # Largest at the top; at least PARETO_ROWS rows high, so one cause is not one huge block.
    axes.set_ylim(max(len(names), PARETO_ROWS) - 0.5, -0.5)
    axes.set_xlim(0, max(counts) * 1.3)  # room for the labels beside the longest bar
    axes.set_xlabel(text.AXIS_COMPLAINTS)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_title(title)
    return figure


def trend_chart(figures: Figures) -> Figure:
    """Complaints received and the on-time rate over the last eight quarters."""
    title = text.CHART_TREND_TITLE
    if all(point.received == 0 for point in figures.trend):
        return empty_chart(title)
    figure, axes, rates = _count_and_rate_panels()
    quarters = [text.period_name(point.label) for point in figures.trend]
    received = [point.received for point in figures.trend]
    axes.bar(quarters, received, color=PALETTE[7], label=text.LEGEND_RECEIVED)
    axes.set_ylim(0, max(max(received), 1) * HEADROOM)
    # Quarters before the bot was in use hold no complaints to count: marked, not a zero.
    for index, point in enumerate(figures.trend):
        if point.label in figures.not_applicable:
            axes.axvspan(index - 0.4, index + 0.4, color="#EEEEEE", hatch="..", zorder=0)
            axes.text(
                index,
                max(max(received), 1) * 0.05,
                text.NOT_IN_USE_MARK,
                ha="center",
                va="bottom",
                rotation=90,
                fontsize=8,
                color="#555555",
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
        path.write_bytes(png(figure))
        paths.append(path)
    return paths


def png(figure: Figure) -> bytes:
    """The chart as a PNG without an alpha channel: the background is opaque, and a PDF would
    carry the alpha as a second image (a soft mask) that costs time to decode and compress."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    width, height = canvas.get_width_height()
    picture = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buffer = io.BytesIO()
    # zlib level 3: half the time of the default 6 for files about 15% larger (~70 kB each).
    picture.convert("RGB").save(buffer, format="png", dpi=(DPI, DPI), compress_level=3)
    return buffer.getvalue()
