"""The reader's language for the messages the services build (verdicts, reasons, labels).

French is the default and the language every message is written in; English comes from the
project's gettext catalogue (``locale/en/LC_MESSAGES/django.mo``). The web pages and the API
follow Django's active language (the language switcher's cookie); the API's ``lang`` parameter
and the CLI's ``--lang`` option choose one explicitly with :func:`speaking`. The catalogue is
read with the standard library, so the CLI's project commands need no Django set-up.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

from coopdec import i18n

LANGUAGES = ("fr", "en")
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_chosen: ContextVar[str | None] = ContextVar("coopdec_reader_language", default=None)


class UnknownLanguageError(ValueError):
    """A language other than French or English was asked for."""


def checked(language: str) -> str:
    """``language`` when coopdec speaks it; raise :class:`UnknownLanguageError` otherwise."""
    if language not in LANGUAGES:
        raise UnknownLanguageError(f"langue inconnue : {language} (fr ou en)")
    return language


def reader_language() -> str:
    """The language chosen with :func:`speaking`, else Django's active one, else French."""
    chosen = _chosen.get()
    if chosen:
        return chosen
    from django.conf import settings

    if not settings.configured:
        return "fr"
    from django.utils.translation import get_language

    return "en" if (get_language() or "fr").startswith("en") else "fr"


@contextmanager
def speaking(language: str | None) -> Iterator[None]:
    """Build the messages of the enclosed calls in ``language`` (None: keep the current one)."""
    if language is None:
        yield
        return
    token = _chosen.set(checked(language))
    try:
        yield
    finally:
        _chosen.reset(token)


@lru_cache(maxsize=len(LANGUAGES))
def _catalogue(language: str) -> gettext.NullTranslations:
    return gettext.translation("django", str(LOCALE_DIR), languages=[language], fallback=True)


def translator(language: str | None = None) -> Callable[[str], str]:
    """The function that translates a French message into ``language`` (default: the
    reader's language)."""
    language = language or reader_language()
    return str if language == "fr" else _catalogue(checked(language)).gettext


@contextmanager
def assistant_messages() -> Iterator[None]:
    """The rules engine's and funding finder's messages of the enclosed calls, in the
    reader's language (the pure package takes the translator from here)."""
    with i18n.translated(reader_language(), translator()):
        yield
