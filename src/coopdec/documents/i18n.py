"""Gettext pass-through for user-visible strings of the documents package.

The package is pure logic (no Django import), so it cannot call Django's gettext. Wrapping
every user-facing string in ``_()`` marks it for ``makemessages``-style extraction today and
lets the web layer swap in a real translation function later without touching call sites.
"""

from __future__ import annotations


def _(message: str) -> str:
    """Return ``message`` unchanged; the marker is what matters for string extraction."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    """Plural-aware pass-through (French plural rule: 0 and 1 are singular)."""
    return singular if count <= 1 else plural
