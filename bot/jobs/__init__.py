"""The clock's jobs: scheduled scans of the database (see registry.py for the list)."""
