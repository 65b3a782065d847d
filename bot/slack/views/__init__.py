"""Pure Block Kit builders: complaint data in, Slack JSON (dicts) out. No I/O here."""
