"""Translation hook for the user-visible strings of the documents package.

The package is pure logic (no Django import): every string is written in French and wrapped
in ``_()``, which translates it with the reader's translator when the document is composed.
The caller chooses the language with :func:`translated` (the services layer does, for the
English half of a bilingual convention); without it the documents stay in French.

Strings built once at import (labels of themes, kinds, months) are marked with ``N_()`` and
translated with ``_()`` where they are used.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

__all__ = ["N_", "_", "english", "ngettext", "translated"]


@dataclass(frozen=True)
class _Reader:
    language: str
    translate: Callable[[str], str]


_FRENCH = _Reader("fr", str)
_reader: ContextVar[_Reader] = ContextVar("coopdec_documents_reader", default=_FRENCH)


def _(message: str) -> str:
    """Return ``message`` in the reader's language (French as written by default)."""
    return _reader.get().translate(message)


def N_(message: str) -> str:
    """Mark ``message`` for translation without translating it now (translated when used)."""
    return message


def english() -> bool:
    """Whether the document being composed is written for an English reader."""
    return _reader.get().language == "en"


def ngettext(singular: str, plural: str, count: int) -> str:
    """Plural-aware translation (French: 0 and 1 are singular; English: only 1)."""
    several = count != 1 if english() else count > 1
    return _(plural if several else singular)


@contextmanager
def translated(language: str, translate: Callable[[str], str]) -> Iterator[None]:
    """Compose the enclosed documents in ``language`` with ``translate``."""
    token = _reader.set(_Reader(language, translate))
    try:
        yield
    finally:
        _reader.reset(token)
