"""Translation hook for user-facing messages.

Messages are written in French first; wrapping them in ``_()`` lets ``makemessages``
find them and a later locale translate them, without tying this pure package to Django.
"""

from __future__ import annotations

import gettext

__all__ = ["_"]


def _(message: str) -> str:
    """Return the translation of ``message`` (pass-through until a catalogue is installed)."""
    return gettext.gettext(message)
