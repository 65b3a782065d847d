"""The Slack surface: app factory, listeners per area, Block Kit builders, delivery outbox."""
