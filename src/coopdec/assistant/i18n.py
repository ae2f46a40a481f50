"""Translation hook for user-facing messages.

Messages are written in French first; wrapping them in ``_()`` lets ``makemessages``
find them and a later locale translate them, without tying this pure package to Django.
"""

from __future__ import annotations

import gettext
import os
from functools import lru_cache

__all__ = ["_"]

# The environment variables ``gettext`` reads to pick a language, in its order.
_LANGUAGE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@lru_cache(maxsize=32)
def _catalogue(
    domain: str, localedir: str | None, languages: tuple[str | None, ...]
) -> gettext.NullTranslations:
    # ``gettext.gettext`` searches the disk for a catalogue on every call when none is
    # installed (a few ``stat`` per message: most of a funding judgement's time). The answer
    # only changes with the domain, its folder and the language variables, so it is kept.
    return gettext.translation(domain, localedir, fallback=True)


def _(message: str) -> str:
    """Return the translation of ``message`` (pass-through until a catalogue is installed)."""
    domain = gettext.textdomain()
    languages = tuple(os.environ.get(name) for name in _LANGUAGE_VARIABLES)
    return _catalogue(domain, gettext.bindtextdomain(domain), languages).gettext(message)
