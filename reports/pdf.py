"""The report as one A4 document, laid out by reportlab's platypus: page 1 the summary, then
the contents, the comparison, the breakdowns, the measures, the charts with their explanation
and the full analysis. Header and footer with 'Pagina x van y' on every page.

Imported only when a report is made (reportlab is not needed on the bot's start-up path)."""

from __future__ import annotations

import hashlib
import io
import struct
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFImageXObject,
    PDFName,
    PDFStream,
)
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from bot.texts import reports as text
from reports import summary
from reports.export import report_texts, tables
from reports.store import Report
from reports.summary import Row

MARGIN = 18 * mm
BODY_WIDTH = A4[0] - 2 * MARGIN
FONT, BOLD = "KlachtenSans", "KlachtenSans-Bold"
GREY = colors.HexColor("#444444")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SECTION = "section"  # the style of a heading listed in the contents
# Chart images as binary streams: the ASCII85 text encoding is pure Python in reportlab 5 and
# took most of the time of a document; a PDF file needs no 7-bit safety.
rl_config.useA85 = 0


@cache
def _fonts() -> None:
    """DejaVu Sans (shipped with matplotlib) embedded: the built-in PDF fonts lack '≤', '−'
    and the status arrows."""
    import matplotlib

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    pdfmetrics.registerFont(TTFont(FONT, str(folder / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(folder / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)


@cache
def _styles() -> dict[str, ParagraphStyle]:
    _fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=12, spaceAfter=4)
    heading = ParagraphStyle(
        SECTION, parent=body, fontName=BOLD, fontSize=13, leading=16, spaceBefore=8
    )
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8, leading=10),
        "title": ParagraphStyle("title", parent=heading, fontSize=18, leading=22),
        "section": heading,
        "sub": ParagraphStyle("sub", parent=heading, fontSize=11, leading=14),
        "unlisted": ParagraphStyle("unlisted", parent=heading),
        "bullet": ParagraphStyle("bullet", parent=body, leftIndent=10, bulletIndent=0),
        "cell": ParagraphStyle("cell", parent=body, fontSize=7.5, leading=9, spaceAfter=0),
        "head": ParagraphStyle("head", parent=body, fontName=BOLD, fontSize=7.5, leading=9),
        "number": ParagraphStyle(
            "number", parent=body, fontSize=7.5, leading=9, spaceAfter=0, alignment=TA_RIGHT
        ),
        "headnumber": ParagraphStyle(
            "headnumber", parent=body, fontName=BOLD, fontSize=7.5, leading=9, alignment=TA_RIGHT
        ),
        "toc": ParagraphStyle("toc", parent=body, spaceAfter=1),
    }


def _p(words: str, style: str = "body") -> Paragraph:
    """A paragraph of outside text: escaped, its line breaks kept."""
    return Paragraph(escape(words).replace("\n", "<br/>"), _styles()[style])


class _ContinuedTable(Table):
    """A table whose rest, when it does not fit, goes to the next page under its header row
    (repeatRows) with the caption '<title> (vervolg)'."""

    caption = ""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts = super().split(availWidth, availHeight)
        if len(parts) != 2:
            return parts
        first, rest = parts
        rest.caption = self.caption
        continued = _p(text.CONTINUED.format(title=self.caption), "sub")
        return [first, PageBreak(), continued, rest]


def _widths(header: Row, rows: list[Row], numbers: set[int]) -> list[float]:
    """Column widths: each at least its longest word (a label wraps between words, never
    inside one; a number never wraps), the rest of the body's width shared by how long the
    column's text runs."""
    padding = 14  # the cell's own padding, 6 points each side, and a little air

    def words(column: int) -> list[str]:
        cells = [header[column], *(r[column] for r in rows)]
        if column in numbers:
            return [*header[column].split(), *(r[column] for r in rows)]
        return [w for cell in cells for w in cell.split()]

    least = [
        max((stringWidth(w, BOLD, 7.5) for w in words(i)), default=0) + padding
        for i in range(len(header))
    ]
    runs = [
        min(max(stringWidth(c, FONT, 7.5) for c in [header[i], *(r[i] for r in rows)]), 220)
        for i in range(len(header))
    ]
    spare = max(BODY_WIDTH - sum(least), 0)
    wanted = [max(run + padding - low, 0) for run, low in zip(runs, least, strict=True)]
    share = spare / sum(wanted) if sum(wanted) else 0
    widths = [low + want * share for low, want in zip(least, wanted, strict=True)]
    return [w * BODY_WIDTH / sum(widths) for w in widths]


def table(
    title: str, header: Row, rows: list[Row], numeric: Iterable[int], heading: str = SECTION
) -> list[Flowable]:
    """The titled table: cells wrap, numbers are right-aligned, the header repeats on every
    page the table continues on. `heading`: the title's style (a section is in the contents)."""
    numbers = set(numeric)
    rows = rows or [(text.NONE,) + ("",) * (len(header) - 1)]

    def cells(row: Row, plain: str, right: str) -> list[Paragraph]:
        return [_p(c, right if i in numbers else plain) for i, c in enumerate(row)]

    data = [cells(header, "head", "headnumber"), *(cells(r, "cell", "number") for r in rows)]
    grid = _ContinuedTable(data, colWidths=_widths(header, rows, numbers), repeatRows=1)
    grid.caption = title
    grid.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#cccccc")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return [CondPageBreak(40 * mm), _p(title, heading), grid, Spacer(1, 4 * mm)]


class _Document(BaseDocTemplate):
    """Lists every section heading in the contents with its page."""

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Paragraph) and flowable.style.name == SECTION:
            self.notify("TOCEntry", (0, flowable.getPlainText(), self.page))


def _numbered_canvas(header: str, footer: str) -> type[Canvas]:
    """A canvas that keeps its pages until the end, so each footer knows the page count."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, page in enumerate(self._pages, start=1):
                self.__dict__.update(page)
                self._furniture(number, total)
                super().showPage()
            super().save()

        def _furniture(self, number: int, total: int) -> None:
            self.setFont(FONT, 7.5)
            self.setFillColor(GREY)
            self.drawString(MARGIN, A4[1] - 12 * mm, header)
            self.setStrokeColor(colors.HexColor("#999999"))
            self.setLineWidth(0.5)
            self.line(MARGIN, A4[1] - 13.5 * mm, A4[0] - MARGIN, A4[1] - 13.5 * mm)
            page = text.PAGE_NUMBER.format(number=number, total=total)
            self.drawRightString(A4[0] - MARGIN, 9 * mm, f"{footer} · {page}")

    return NumberedCanvas


def _front_page(report: Report) -> list[Flowable]:
    """Page 1: who, what, how it stands, the key messages and figures, the cases, the
    officer's text and the decision asked."""
    front = summary.front_page(report)
    story: list[Flowable] = [_p(front.title, "title"), _p(front.organisation)]
    story += [_p(line) for line in front.about]
    story.append(_p(text.KEY_MESSAGES, "sub"))
    story += [Paragraph(escape(m), _styles()["bullet"], bulletText="•") for m in front.messages]
    story += table(
        text.KEY_FIGURES, text.KEY_FIGURES_HEADER, front.key_figures, {1, 2, 3, 4}, "sub"
    )[1:]
    for heading, body in (
        (text.ATTENTION_CASES, front.cases),
        (front.officer_heading, front.officer_text),
        (text.DECISION_HEADING, front.decision),
    ):
        story += [_p(heading, "sub"), _p(body)]
    return story


class _PngImage(PDFImageXObject):
    """A PNG's pixels embedded as the PNG holds them: its zlib stream with the row filters,
    which PDF reads itself (FlateDecode with PNG predictors). Nothing is decoded and compressed
    again, which was most of the time the charts took in a document."""

    def __init__(self, name: str, png: bytes) -> None:
        super().__init__(name)
        self.width, self.height = _png_size(png)
        self.bitsPerComponent = 8
        self.colorSpace = "DeviceRGB"
        self.mask = None
        self.streamContent = b"".join(data for kind, data in _png_chunks(png) if kind == b"IDAT")

    def format(self, document: Any) -> bytes:
        stream = PDFStream(content=self.streamContent)
        stream.dictionary.dict.update(
            Type=PDFName("XObject"),
            Subtype=PDFName("Image"),
            Width=self.width,
            Height=self.height,
            BitsPerComponent=8,
            ColorSpace=PDFName("DeviceRGB"),
            Filter=PDFArray([PDFName("FlateDecode")]),
            DecodeParms=PDFDictionary(
                {"Predictor": 15, "Colors": 3, "BitsPerComponent": 8, "Columns": self.width}
            ),
        )
        return stream.format(document)


def _png_chunks(png: bytes) -> Iterator[tuple[bytes, bytes]]:
    position = len(PNG_SIGNATURE)
    while position < len(png):
        (length,) = struct.unpack(">I", png[position : position + 4])
        yield png[position + 4 : position + 8], png[position + 8 : position + 8 + length]
        position += length + 12  # length, kind, data, CRC


def _png_size(png: bytes) -> tuple[int, int]:
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def _passes_through(png: bytes) -> bool:
    """An 8-bit RGB PNG without interlacing (as reports.charts writes them) can be embedded
    as it is; any other is decoded by reportlab."""
    depth, colour, _compression, _filter, interlace = png[24:29]
    return png.startswith(PNG_SIGNATURE) and (depth, colour, interlace) == (8, 2, 0)


class _Chart(Flowable):
    """A chart drawn in the final pass only: the passes that lay out the contents need its
    size, not its pixels. Drawn as Canvas.drawImage does (one XObject per picture, placed by
    scaling the unit square), with the PNG's data passed through."""

    final = False

    def __init__(self, png: bytes, width: float, height: float) -> None:
        super().__init__()
        self.png, self.width, self.height = png, width, height

    def draw(self) -> None:
        if not self.final:
            return
        canvas = self.canv
        if not _passes_through(self.png):
            canvas.drawImage(ImageReader(io.BytesIO(self.png)), 0, 0, self.width, self.height)
            return
        name = hashlib.md5(self.png, usedforsecurity=False).hexdigest()
        registered = canvas._doc.getXObjectName(name)
        if registered not in canvas._doc.idToObject:
            picture = _PngImage(name, self.png)
            canvas._setXObjects(picture)
            canvas._doc.Reference(picture, registered)
            canvas._doc.addForm(name, picture)
        canvas._currentPageHasImages = 1
        canvas.saveState()
        canvas.scale(self.width, self.height)
        canvas._code.append(f"/{registered} Do")
        canvas.restoreState()
        canvas._formsinuse.append(name)  # the page lists it among its resources


def _chart(title: str, png: bytes, explanation: str) -> list[Flowable]:
    """The chart at the body's width, its 2-3 lines of explanation under it."""
    width_px, height_px = _png_size(png)
    height = BODY_WIDTH * height_px / width_px
    return [
        CondPageBreak(height + 30 * mm),
        _p(title, SECTION),
        _Chart(png, width=BODY_WIDTH, height=height),
        _p(explanation, "small"),
        Spacer(1, 4 * mm),
    ]


def _body(report: Report, charts: dict[str, tuple[str, bytes]]) -> list[Flowable]:
    figures = report.figures
    story: list[Flowable] = []
    comparison = summary.comparison_header(figures), summary.comparison_rows(figures)
    story += table(text.COMPARISON, *comparison, range(1, len(comparison[0])))
    story += [_p(f"• {note}", "small") for note in summary.comparison_notes(figures)]
    if figures.quarters:
        quarters = summary.quarters_header(figures), summary.quarters_rows(figures)
        story += table(text.QUARTERS_SIDE_BY_SIDE, *quarters, range(1, 6))
    for title, header, rows in tables(figures):
        story += table(title, header, rows, range(1, len(header)))
    story += [CondPageBreak(40 * mm), _p(text.MEASURES, SECTION)]
    story.append(_p(summary.effectiveness_line(figures)))
    if trend := summary.effectiveness_trend_line(figures):
        story.append(_p(trend))
    story += table(text.MEASURES_BY_CAUSE, text.MEASURES_HEADER, summary.measure_rows(figures), {2})
    story += table(
        text.NOT_EFFECTIVE_TITLE, text.NOT_EFFECTIVE_HEADER, summary.not_effective_rows(figures), ()
    )
    for key, (title, png) in charts.items():
        story += _chart(title, png, text.CHART_EXPLANATIONS[key])
    for heading, body in report_texts(report):
        story += [CondPageBreak(30 * mm), _p(heading, SECTION), _p(body)]
    return story


def build_pdf(
    report: Report, charts: dict[str, tuple[str, bytes]], path: Path, author: str
) -> Path:
    """Write the report's document to `path`. `charts`: per chart its title and PNG."""
    figures = report.figures
    name = summary.report_name(figures)
    organisation = figures.organisation or text.HEADER_ORGANISATION_MISSING
    _styles()

    def document(target: Path | io.BytesIO) -> _Document:
        made = _Document(
            target if isinstance(target, io.BytesIO) else str(target),
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=20 * mm,
            bottomMargin=16 * mm,
            title=f"{name} – {organisation}",
            author=author,
            subject=name,
            creator=organisation,
        )
        frame = Frame(MARGIN, 16 * mm, BODY_WIDTH, A4[1] - 36 * mm, id="body")
        made.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        return made

    contents = TableOfContents(levelStyles=[_styles()["toc"]], dotsMinLevel=0)
    story = [*_front_page(report), PageBreak(), _p(text.CONTENTS, "unlisted"), contents]
    story += _body(report, charts)
    header = f"{organisation} · {name} · {summary.status(figures)}"
    canvas = _numbered_canvas(header, f"{organisation} · {name}")
    # Lay out until the contents list their page numbers, then write once with the charts
    # (the contents already known, that takes one pass).
    document(io.BytesIO()).multiBuild(story, canvasmaker=canvas)
    for flowable in story:
        # reportlab marks a flowable moved to the next page and clears the mark only between
        # passes of one build.
        flowable.__dict__.pop("_postponed", None)
        if isinstance(flowable, _Chart):
            flowable.final = True
    document(path).multiBuild(story, canvasmaker=canvas)
    return path
