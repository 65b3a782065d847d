"""Charts: valid 150 dpi PNGs of one size, the right number of bars and points, readable labels
with 20 categories, and a plain "no complaints" image for an empty period."""

from __future__ import annotations

import struct
import subprocess
import sys
from itertools import combinations

import pytest
from matplotlib.figure import Figure as MplFigure

from reports import charts
from reports.figures import Figures, Month, Summary, TrendPoint

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE
    width, height = struct.unpack(">II", data[16:24])
    return width, height


CATEGORY_KEYS = list(charts.CATEGORY_COLOURS)


def make_figures(categories: int = 4, causes: int = 2, received: int = 9) -> Figures:
    keys = CATEGORY_KEYS[:categories]
    months = [
        Month(f"2026-0{m}", {key: (i + m) % 4 + 1 for i, key in enumerate(keys)}, 3, 1)
        for m in (4, 5, 6)
    ]
    return Figures(
        period="2026-Q2",
        kind="quarter",
        title="2e kwartaal 2026",
        generated_at="2026-07-01T09:00:00+02:00",
        on_time_target=0.9,
        deadline_hours=(16.0, 24.0),
        summary=Summary("2026-Q2", received=received, on_time=9, late=3),
        previous=Summary("2026-Q1"),
        year_earlier=Summary("2025-Q2"),
        by_category={key: 10 - i for i, key in enumerate(keys)},
        previous_by_category={},
        by_relation_type={},
        by_source={},
        root_causes={f"oorzaak-met-een-lange-naam-{i:02d}": 30 - i for i in range(causes)},
        measures=[],
        measures_total=0,
        employees_involved=0,
        per_employee=[],
        overdue_references=[],
        months=months,
        hour_bins=[2, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 3],
        trend=[TrendPoint(f"{2025 + i // 4}-Q{i % 4 + 1}", i, i, 1) for i in range(8)],
        day_bins=[3, 2, 4, 2, 1],
    )


def empty_figures() -> Figures:
    full = make_figures(categories=0, causes=0, received=0)
    return Figures.from_json(
        {
            **full.to_json(),
            "summary": Summary("2024-Q1").__dict__,
            "months": [Month(m.label, {}, 0, 0).__dict__ for m in full.months],
            "hour_bins": [0] * 13,
            "day_bins": [0] * 5,
            "trend": [TrendPoint(p.label, 0, 0, 0).__dict__ for p in full.trend],
        }
    )


def bars(figure: MplFigure) -> int:
    return sum(len(axes.patches) for axes in figure.axes)


def lines_points(figure: MplFigure) -> list[int]:
    return [len(line.get_xdata()) for axes in figure.axes for line in axes.get_lines()]


def overlaps(texts) -> list[tuple[str, str]]:
    boxes = [(t.get_text(), t.get_window_extent()) for t in texts if t.get_text()]
    return [(a, b) for (a, box_a), (b, box_b) in combinations(boxes, 2) if box_a.overlaps(box_b)]


def test_every_chart_is_a_150_dpi_png_of_the_same_size(tmp_path):
    paths = charts.write_charts(charts.draw_charts(make_figures()), tmp_path)
    assert [p.name for p in paths] == [
        "1-klachten-per-maand.png",
        "2-contact-binnen-termijn.png",
        "3-werkuren-tot-contact.png",
        "4-oorzaken-pareto.png",
        "5-trend-8-kwartalen.png",
    ]
    for path in paths:
        assert png_size(path.read_bytes()) == (1500, 840)


def test_intake_chart_stacks_every_category_per_month():
    figure = charts.intake_chart(make_figures(categories=4))
    axes = figure.axes[0]
    assert len(axes.patches) == 4 * 3
    assert [t.get_text() for t in axes.get_xticklabels()] == ["apr 2026", "mei 2026", "jun 2026"]
    assert axes.get_title() == "9 klachten ontvangen per maand en categorie – K2 2026"
    assert len(figure.legends[0].get_texts()) == 4


def test_contact_chart_has_on_time_and_late_bars_a_rate_per_month_and_the_target():
    figure = charts.contact_chart(make_figures())
    assert bars(figure) == 2 * 3
    rates = figure.axes[1]
    rate_line, target = rates.get_lines()
    assert list(rate_line.get_ydata()) == [75.0, 75.0, 75.0]
    assert list(target.get_ydata()) == [90.0, 90.0]


def test_hours_chart_counts_the_never_contacted_in_working_days():
    figure = charts.hours_chart(make_figures())
    axes = figure.axes[0]
    assert [p.get_height() for p in axes.patches] == [3, 2, 4, 2, 1]
    assert [t.get_text() for t in axes.get_xticklabels()] == [
        "≤ ½ werkdag",
        "≤ 1 werkdag",
        "≤ 2 werkdagen",
        "meer dan 2 werkdagen",
        "nog geen contact,\ntermijn verstreken",
    ]
    # On time and late in different colours; the never-contacted hatched.
    colours = [p.get_facecolor() for p in axes.patches]
    assert colours[0] == colours[2] != colours[3] == colours[4]
    assert axes.patches[4].get_hatch() == "//"
    assert axes.get_title().startswith("Werkdagen tot contact: 75,0% binnen termijn (doel 90,0%)")


def test_pareto_is_one_axis_with_count_and_share_labels():
    figure = charts.pareto_chart(make_figures(causes=5))
    (axes,) = figure.axes
    assert [p.get_width() for p in axes.patches] == [30, 29, 28, 27, 26]
    labels = [t.get_text() for t in axes.texts]
    assert labels[0] == "30 (21,4%)" and len(labels) == 5


def test_a_category_keeps_its_colour_whatever_its_rank():
    first = make_figures(categories=4)
    flipped = Figures.from_json(
        {**first.to_json(), "by_category": dict(reversed(list(first.by_category.items())))}
    )

    def colour_of(figures, key):
        figure = charts.intake_chart(figures)
        names = [t.get_text() for t in figure.legends[0].get_texts()]
        handles = figure.legends[0].legend_handles
        return handles[names.index(charts.text.category_label(key))].get_facecolor()

    assert colour_of(first, "communicatie") == colour_of(flipped, "communicatie")
    assert colour_of(first, "salaris") == colour_of(flipped, "salaris")


def test_unregistered_is_a_neutral_hatch_and_the_tallest_bar_has_headroom():
    figures = make_figures(categories=3)
    months = [Month(m.label, {**m.by_category, "": 2}, 3, 1) for m in figures.months]
    figures = Figures.from_json(
        {
            **figures.to_json(),
            "by_category": {**figures.by_category, "": 6},
            "months": [m.__dict__ for m in months],
        }
    )
    for draw in (charts.intake_chart, charts.contact_chart, charts.hours_chart, charts.trend_chart):
        figure = draw(figures)
        axes = figure.axes[0]
        tops = [p.get_y() + p.get_height() for p in axes.patches]
        assert axes.get_ylim()[1] >= max(tops) * 1.1, draw.__name__
    hatched = [p for p in charts.intake_chart(figures).axes[0].patches if p.get_hatch() == "//"]
    assert len(hatched) == 3


def test_quarters_before_the_bot_was_in_use_are_marked_in_the_trend():
    figures = Figures.from_json({**make_figures().to_json(), "not_applicable": ["2025-Q1"]})
    figure = charts.trend_chart(figures)
    axes = figure.axes[0]
    assert [t.get_text() for t in axes.texts] == ["klachtenbot nog niet in gebruik"]
    ticks = [t.get_text() for t in figure.axes[1].get_xticklabels()]
    assert ticks[:2] == ["K1 2025", "K2 2025"]


def test_trend_chart_has_eight_quarters():
    figure = charts.trend_chart(make_figures())
    assert bars(figure) == 8
    assert lines_points(figure)[0] == 8


@pytest.mark.parametrize("draw", [charts.pareto_chart])
def test_twenty_causes_keep_their_labels_apart(draw):
    figure = draw(make_figures(categories=20, causes=20))
    figure.draw_without_rendering()  # lay out, so extents are final
    texts = [*figure.axes[0].get_yticklabels(), *figure.axes[0].get_xticklabels()]
    for legend in figure.legends:
        texts += legend.get_texts()
    names = [t for t in texts if "lange" in t.get_text()]  # the causes' long names
    assert len(names) == 20
    assert overlaps(names) == []
    canvas = figure.bbox
    for name in names:  # wholly on the image
        box = name.get_window_extent()
        assert canvas.x0 <= box.x0 and box.x1 <= canvas.x1, name.get_text()
        assert canvas.y0 <= box.y0 and box.y1 <= canvas.y1, name.get_text()


def test_the_png_shows_exactly_what_matplotlib_draws_without_an_alpha_channel(tmp_path):
    """The PNG is written without transparency (the PDF then embeds one image per chart, not
    an image and a mask), pixel for pixel the picture matplotlib's own PNG shows."""
    import io

    from PIL import Image, ImageChops

    drawn = charts.draw_charts(make_figures())
    for path, figure in zip(charts.write_charts(drawn, tmp_path), drawn.values(), strict=True):
        with Image.open(path) as written:
            assert written.mode == "RGB"
            assert round(written.info["dpi"][0]) == 150
            buffer = io.BytesIO()
            figure.savefig(buffer, format="png", dpi=150)
            with Image.open(buffer) as reference:
                assert reference.getextrema()[3] == (255, 255)  # opaque: nothing lost
                assert ImageChops.difference(written, reference.convert("RGB")).getbbox() is None


def test_empty_period_says_so_on_every_chart(tmp_path):
    figures = empty_figures()
    for name, draw in charts.CHARTS.items():
        figure = draw(figures)
        words = [t.get_text() for axes in figure.axes for t in axes.texts]
        assert words == ["Geen klachten in deze periode"], name
        assert bars(figure) == 0
    for path in charts.write_charts(charts.draw_charts(figures), tmp_path):
        assert png_size(path.read_bytes()) == (1500, 840)


def test_a_period_with_complaints_but_nothing_decided_says_what_is_missing():
    waiting = make_figures()
    waiting = Figures.from_json(
        {
            **waiting.to_json(),
            "summary": Summary("2026-Q2", received=3).__dict__,
            "months": [Month(m.label, m.by_category, 0, 0).__dict__ for m in waiting.months],
            "hour_bins": [0] * 13,
            "day_bins": [0] * 5,
            "root_causes": {},
        }
    )
    assert bars(charts.intake_chart(waiting)) == 4 * 3
    for draw, message in [
        (charts.contact_chart, "Nog geen klacht met contact of verstreken termijn"),
        (charts.hours_chart, "Nog geen contact met klanten in deze periode"),
        (charts.pareto_chart, "Nog geen afgesloten klachten in deze periode"),
    ]:
        figure = draw(waiting)
        assert [t.get_text() for axes in figure.axes for t in axes.texts] == [message]


def year_figures() -> Figures:
    quarter = make_figures(categories=8)
    months = [Month(f"2026-{m:02d}", quarter.months[0].by_category, 3, 1) for m in range(1, 13)]
    return Figures.from_json(
        {
            **quarter.to_json(),
            "period": "2026",
            "kind": "year",
            "title": "jaar 2026",
            "months": [m.__dict__ for m in months],
        }
    )


@pytest.mark.parametrize("draw", [charts.intake_chart, charts.contact_chart])
def test_twelve_months_of_a_year_are_named_apart(draw):
    figure = draw(year_figures())
    figure.draw_without_rendering()
    ticks = figure.axes[-1].get_xticklabels()  # the month axis at the bottom
    assert [t.get_text() for t in ticks][:3] == ["jan", "feb", "mrt"]
    assert len(ticks) == 12 and overlaps(ticks) == []
    assert bars(figure) == (8 * 12 if draw is charts.intake_chart else 2 * 12)


def test_the_bot_does_not_load_matplotlib_until_a_report_is_made():
    code = (
        "import sys, bot.cli, bot.slack.app, bot.slack.reports, reports.jobs, reports.cli; "
        "print(sorted(m for m in ('matplotlib', 'matplotlib.pyplot') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("draw", [charts.contact_chart, charts.trend_chart])
def test_counts_and_percentages_never_share_a_scale(draw):
    """The rate and its target sit in a panel of their own, with a percent axis; the counts in
    another, without lines: a 30% point cannot be read as '3', nor the target as '9 klachten'."""
    figure = draw(make_figures())
    counts, rates = figure.axes
    assert counts.get_ylabel() == "Aantal klachten"
    assert counts.patches and not counts.get_lines()
    assert rates.get_ylabel() == "Binnen termijn (%)"
    assert not rates.patches and len(rates.get_lines()) == 2
    assert rates.yaxis.get_major_formatter()(90, 0) == "90%"
    figure.canvas.draw()
    assert counts.get_position().y0 > rates.get_position().y1  # one above the other, apart
