"""HTML to readable plain text with the standard library (for HTML-only e-mail)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Content of these elements is never text a person wrote.
SKIPPED = frozenset({"script", "style", "head", "title", "template", "noscript"})
# Elements that start a new line in a browser.
BLOCKS = frozenset(
    {
        "p", "div", "br", "li", "tr", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
        "blockquote", "pre", "hr", "section", "article", "header", "footer", "dt", "dd",
    }
)  # fmt: skip


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED:
            self.skip_depth += 1
        elif tag in BLOCKS:
            self.parts.append("\n")
        elif tag == "td":
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The visible text of `html`: no markup, no script or style, one paragraph per line."""
    collector = _TextCollector()
    try:
        collector.feed(_escape_stray_brackets(html))
        collector.close()
    except (AssertionError, ValueError):  # pragma: no cover - HTMLParser is very lenient
        pass
    return tidy_whitespace("".join(collector.parts))


def _escape_stray_brackets(html: str) -> str:
    """A '<' with no '>' before the next '<' can start no tag: as text it cannot make
    HTMLParser look ahead to the end of the input from every one of them (quadratic)."""
    first, *rest = html.split("<")
    return first + "".join(f"<{piece}" if ">" in piece else f"&lt;{piece}" for piece in rest)


SPACES = re.compile(r"[ \t\r\f\v\xa0]+")
SPACE_AROUND_NEWLINE = re.compile(r" ?\n ?")
BLANK_LINES = re.compile(r"\n{3,}")


def tidy_whitespace(text: str) -> str:
    """Collapse runs of spaces within lines and of blank lines between them (three passes
    over the whole text, not one per line)."""
    collapsed = SPACE_AROUND_NEWLINE.sub("\n", SPACES.sub(" ", text))
    return BLANK_LINES.sub("\n\n", collapsed).strip()
