"""Adaptive Cards for Teams from the view model (bot.views)."""
