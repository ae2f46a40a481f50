"""Translation hook for the interoperability layer.

The pure packages must not import Django, yet their messages have to reach gettext catalogues.
``_`` marks a message for extraction (``xgettext --keyword=_``) and returns it unchanged; the
web layer translates at display time if it needs another language. Messages are written in
French because French users read them first.
"""

from __future__ import annotations

__all__ = ["_"]


def _(message: str) -> str:
    """Mark ``message`` for translation and return it unchanged."""
    return message
