"""A complaint's own words as whoever may not see the complainant's contact details sees them:
e-mail addresses, phone numbers, IBANs and BSNs masked (bot.logs), and the complainant's own
name, as they gave it, too. Every view for management and employees shows text through here,
and their search looks only at what this leaves (storage.search), so no search finds what no
view shows."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

from bot.logs import mask_personal_data

if TYPE_CHECKING:
    from bot.procedure import Complaint

NAME_MARK = "<naam>"
# Words of a name that are also everyday words: masking them everywhere would garble the text.
COMMON = frozenset(
    {"de", "den", "der", "van", "von", "het", "ten", "ter", "aan", "bij", "uit", "dos", "das"}
    | {"dhr", "mevr", "heer", "mevrouw", "familie", "fam"}
)
NAME_WORD = re.compile(r"[^\W\d_]{2,}")
SHORTEST = 3


def name_words(complaint: Complaint) -> list[str]:
    """The words of the complainant's name and of their address's local part that identify
    them (no tussenvoegsels, at least three letters)."""
    sources = [complaint.complainant_name or ""]
    if complaint.complainant_email:
        sources.append(complaint.complainant_email.partition("@")[0])
    words = {
        word.lower()
        for source in sources
        for word in NAME_WORD.findall(source)
        if len(word) >= SHORTEST and word.lower() not in COMMON
    }
    return sorted(words, key=len, reverse=True)


def masked(text: str, complaint: Complaint) -> str:
    """`text` without contact details or the complainant's name."""
    shown = mask_personal_data(text)
    words = name_words(complaint)
    if not words:
        return shown
    pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(word) for word in words) + r")(?!\w)", re.IGNORECASE
    )
    return pattern.sub(NAME_MARK, shown)


def plain(text: str) -> str:
    """Lower case without accents, as the search index reads words (remove_diacritics)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def searchable_words(texts: Iterable[str]) -> set[str]:
    return {word for text in texts for word in re.findall(r"\w+", plain(text))}
