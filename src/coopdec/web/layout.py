"""A page whose frame does not change from one request to the next, rendered by Django once
per process and filled in on each request.

The catalogue page answers every filter change, and the search it shows takes a few
milliseconds: running the DSFR header and footer (forty ``{% translate %}``, the language
form, the menu) and the page's own form through the template engine each time cost about as
much again (docs/benchmarks.md). What those templates produce depends only on the language,
the path and a few fixed context values, so ``render_framed`` renders the template once for
that key with markers in place of the per-request values (the CSRF token if the template has
one, the current URL for the language links, and the caller's *slots*), keeps the text
between the markers, and on each request joins the pieces with the request's values.

The template stays the single source of the markup: editing ``base.html`` changes this page
like the others. A template rendered this way must take from ``request`` only ``path`` and
``get_full_path`` (all the frame needs); ``tests/web/test_catalogue_page.py`` checks that the
framed page is the template's own rendering.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from html import escape

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.urls import get_script_prefix
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from coopdec.web.context import next_query

# Private-use characters: nothing a template writes contains them, and escaping leaves them.
_OPEN, _CLOSE = "\ue000", "\ue001"
_MARKER = re.compile(f"{_OPEN}([a-z_]+){_CLOSE}")
# What the frame itself takes from the request (base.html).
CSRF, FULL_PATH, LANGUAGE_NEXT = "csrf_token", "full_path", "language_next"


def marker(name: str) -> SafeString:
    return mark_safe(f"{_OPEN}{name}{_CLOSE}")  # noqa: S308 (a placeholder, replaced below)


# What a slot holds: HTML as text, or as UTF-8 bytes already (the map), or a run of both.
Chunk = str | bytes
Slot = Chunk | Sequence[Chunk]


def encode(chunks: Iterable[Chunk]) -> bytes:
    """The UTF-8 body of a response made of pieces. Encoding piece by piece keeps the large
    ASCII and pre-encoded parts out of the slow path that one non-ASCII character (an
    accent, a dash) puts the whole joined text on."""
    return b"".join(c if isinstance(c, bytes) else c.encode() for c in chunks)


def _chunks(slot: Slot) -> Sequence[Chunk]:
    return (slot,) if isinstance(slot, str | bytes) else slot


@dataclass(frozen=True)
class Frame:
    """The rendered template cut at its markers: text, marker name, text, …, text."""

    pieces: tuple[str, ...]

    @property
    def slots(self) -> frozenset[str]:
        return frozenset(self.pieces[1::2])

    @cached_property
    def encoded(self) -> tuple[bytes, ...]:
        return tuple(piece.encode() for piece in self.pieces[0::2])

    def fill(self, values: Mapping[str, Slot]) -> bytes:
        """The page: the frame's text with each marker replaced by its value (UTF-8)."""
        names = self.pieces[1::2]
        out: list[Chunk] = [self.encoded[0]]
        for name, text in zip(names, self.encoded[1:], strict=True):
            out.extend(_chunks(values[name]))
            out.append(text)
        return encode(out)


class _FrameRequest:
    """What the frame reads of the request; the URL is a marker, filled per request."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.get_full_path = marker(FULL_PATH)


def _render(
    template_name: str, path: str, fixed: tuple[tuple[str, str], ...], slots: frozenset[str]
) -> Frame:
    context: dict[str, object] = dict(fixed)
    context.update({name: marker(name) for name in slots})
    context["request"] = _FrameRequest(path)
    context[CSRF] = marker(CSRF)
    context[LANGUAGE_NEXT] = marker(LANGUAGE_NEXT)  # what context.language_next gives
    text = get_template(template_name).render(context)
    pieces = tuple(_MARKER.split(text))
    return Frame(pieces)


@lru_cache(maxsize=64)
def _cached(
    template_name: str,
    language: str,  # part of the key: the template translates its words
    prefix: str,  # part of the key: {% route %} depends on the script prefix
    path: str,
    fixed: tuple[tuple[str, str], ...],
    slots: frozenset[str],
) -> Frame:
    return _render(template_name, path, fixed, slots)


def frame(template_name: str, path: str, fixed: Mapping[str, str], slots: frozenset[str]) -> Frame:
    """The template cut at its markers, for the active language; kept per process (templates
    are read afresh in DEBUG, so edits show without a restart)."""
    key = tuple(sorted(fixed.items()))
    if settings.DEBUG:
        return _render(template_name, path, key, slots)
    return _cached(template_name, get_language() or "", get_script_prefix(), path, key, slots)


def render_framed(
    request: HttpRequest,
    template_name: str,
    *,
    fixed: Mapping[str, str],
    slots: Mapping[str, Slot],
) -> HttpResponse:
    """``render(request, template_name, {**fixed, **slots})`` for a template whose output
    depends on nothing else of the request than its path, its URL and its CSRF token.

    ``fixed`` values are part of the cache key (a handful of values, e.g. ``nav``);
    ``slots`` change with every request and must already be HTML (escaped by the caller),
    as text or UTF-8 bytes."""
    shape = frame(template_name, request.path, fixed, frozenset(slots))
    values: dict[str, Slot] = dict(slots)
    wanted = shape.slots
    full_path = request.get_full_path()
    if CSRF in wanted:
        # Same effect as the csrf context processor: the token is made (and its cookie set)
        # only because the page shows it; public pages have none (language links).
        values[CSRF] = escape(get_token(request))
    if FULL_PATH in wanted:
        values[FULL_PATH] = escape(full_path)
    if LANGUAGE_NEXT in wanted:
        values[LANGUAGE_NEXT] = escape(next_query(full_path))
    return HttpResponse(shape.fill(values))
