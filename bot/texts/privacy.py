"""Dutch text of the privacy area: history, exports, retention and erasure."""

# What an anonymised field holds instead of the personal data or free text it had.
REMOVED = "[verwijderd]"
ANONYMISED_COMPLAINANT = "Geanonimiseerd"

BASIS_LABELS = {"retention": "Bewaartermijn verstreken", "erasure": "Verzoek van betrokkene"}

# History (`show --history`, `/klacht K-... historie`)
HISTORY_TITLE = "Historie van {reference}"
HISTORY_EMPTY = "Geen gebeurtenissen vastgelegd."
HISTORY_STATE = "status {before} → {after}"
HISTORY_CHANGE = "{label}: {before} → {after}"
HISTORY_VALUE = "{label}: {after}"
HISTORY_NOTHING = "(leeg)"
HISTORY_USAGE = "Gebruik: `/klacht K-2026-0001 historie`."
HISTORY_TRUNCATED = "… en nog {count} gebeurtenissen: `klachtenbot show {reference} --history`."
HISTORY_NOT_ALLOWED = (
    "Alleen de klachtenfunctionaris of de directie kan de historie van een klacht inzien."
)
