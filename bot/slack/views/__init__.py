"""Slack's side of the views: the Block Kit renderer of the view model (render.py, on the
primitives of blocks.py), the Slack payloads the delivery sends, and how Slack's modal
submissions read (forms.py). Pure functions: no I/O here."""
