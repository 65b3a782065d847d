"""Dutch labels and number formats for report figures (keys are the stored codes)."""

from __future__ import annotations

from bot.texts import CATEGORY_LABELS, RELATION_TYPE_LABELS, ROOT_CAUSE_LABELS, SOURCE_LABELS
from bot.texts import reports as text


def _label(labels: dict[str, str], key: str) -> str:
    return labels.get(key, key) if key else text.UNKNOWN_LABEL


def category(key: str) -> str:
    return _label(CATEGORY_LABELS, key)


def relation_type(key: str) -> str:
    return _label(RELATION_TYPE_LABELS, key)


def source(key: str) -> str:
    return _label(SOURCE_LABELS, key)


def root_cause(key: str) -> str:
    return _label(ROOT_CAUSE_LABELS, key)


def percent(rate: float | None) -> str:
    """'66,7%' (Dutch decimal comma); a dash when there is nothing to divide."""
    if rate is None:
        return text.NONE
    return f"{rate * 100:.1f}%".replace(".", ",")


def number(value: float | None) -> str:
    """'6,5' / '12'; a dash for no value."""
    if value is None:
        return text.NONE
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").replace(".", ",")


def signed(delta: float | None) -> str:
    """'+3' / '−1,5' / '0' for a change; a dash when either side had no value."""
    if delta is None:
        return text.NONE
    if delta == 0:
        return "0"
    return ("+" if delta > 0 else "−") + number(abs(delta))
