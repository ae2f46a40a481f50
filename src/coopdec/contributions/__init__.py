"""Contributions: drafts of catalogue records by authorities, their moderation and the records'
history (docs/contributing-data.md). ``services`` is the one entry for web, API and CLI."""
