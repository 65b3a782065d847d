"""The Microsoft Teams surface: the Bot Framework endpoint (`klachtenbot teams`), the Bot
Connector client, the conversation references it keeps, and the app package."""
