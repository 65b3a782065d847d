"""Text from outside keeps no control or invisible character and one_line() gives one line,
for every character there is: a printable text is passed on as it is (the common, fast path),
anything else goes through the character classes."""

from __future__ import annotations

import sys

from bot.sanitize import LINE_BREAKS, UNSAFE, free_text, one_line

CHUNK = 4096


def _texts() -> list[str]:
    """Every code point but the surrogates, twice in a row between letters, in chunks."""
    points = [cp for cp in range(sys.maxunicode + 1) if not 0xD800 <= cp <= 0xDFFF]
    return [
        "".join(f"a{chr(cp)}{chr(cp)}b" for cp in points[start : start + CHUNK])
        for start in range(0, len(points), CHUNK)
    ]


def test_free_text_leaves_no_control_or_invisible_character() -> None:
    for text in _texts():
        shown = free_text(text)
        assert UNSAFE.search(shown) is None
        assert LINE_BREAKS.search(shown) is None


def test_one_line_is_a_single_line_of_single_spaces() -> None:
    for text in _texts():
        shown = one_line(f"  {text}  ")
        assert UNSAFE.search(shown) is None
        assert shown == shown.strip()
        assert "  " not in shown
        assert all(character == " " or not character.isspace() for character in shown)


def test_plain_text_is_passed_on_as_it_is() -> None:
    assert free_text("Loonstrook van mei – nog niet ontvangen") == (
        "Loonstrook van mei – nog niet ontvangen"
    )
    assert one_line(" Petra  Pietersen\n") == "Petra Pietersen"
    assert one_line("Petra\u00a0Pietersen") == "Petra Pietersen"
