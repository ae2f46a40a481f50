"""The reader's translator for the pure packages' messages (rules engine, funding finder,
documents), one for all of them.

Messages are written in French first and wrapped in ``_()``, which translates them with the
reader's translator at the moment they are built. The pure packages do not import Django: the
services layer says which language the reader reads, with :func:`translated`
(``coopdec.languages`` gives the translator from the project's gettext catalogue); without it
every message stays in French, as written. One reader for every package: a verdict and the
document composed beside it are in the same language.

Texts built once at import (rule titles, labels of themes, kinds, months) are marked with
``N_()`` instead and translated with ``_()`` where they are shown, so that the language of the
first reader is never frozen into them.

``formats`` and ``projectfile`` keep hooks of their own that only mark their messages for
extraction: their error messages are translated by the layer that shows them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

__all__ = ["N_", "_", "current_language", "english", "localised", "ngettext", "translated"]


@dataclass(frozen=True)
class _Reader:
    language: str
    translate: Callable[[str], str]


_FRENCH = _Reader("fr", str)
# A context variable, not a global: two requests in two languages may run at once (threads,
# asyncio tasks), each sees its own reader.
_reader: ContextVar[_Reader] = ContextVar("coopdec_reader", default=_FRENCH)


def _(message: str) -> str:
    """Return ``message`` in the current reader's language (French as written by default)."""
    return _reader.get().translate(message)


def N_(message: str) -> str:
    """Mark ``message`` for translation without translating it now (translated when shown)."""
    return message


def current_language() -> str:
    """The code of the language messages are built in ("fr" unless a caller chose another)."""
    return _reader.get().language


def english() -> bool:
    """Whether messages are built for an English reader (names then use their ``_en`` form)."""
    return current_language() == "en"


def ngettext(singular: str, plural: str, count: int) -> str:
    """Plural-aware translation (French: 0 and 1 are singular; English: only 1)."""
    several = count != 1 if english() else count > 1
    return _(plural if several else singular)


def localised(data: Mapping[str, Any], field: str) -> Any:
    """A text field of the reference data in the reader's language.

    The data files write each text in French under ``field`` and, for English readers, under
    ``field + "_en"`` next to it (the precedent of the programmes' ``name_en``); a missing
    English text falls back to the French one."""
    if english():
        translation = data.get(f"{field}_en")
        if translation:
            return translation
    return data.get(field)


@contextmanager
def translated(language: str, translate: Callable[[str], str]) -> Iterator[None]:
    """Build the messages of the enclosed calls in ``language`` with ``translate``."""
    token = _reader.set(_Reader(language, translate))
    try:
        yield
    finally:
        _reader.reset(token)
