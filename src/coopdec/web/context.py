"""Template context every page gets (a context processor, see settings.TEMPLATES)."""

from __future__ import annotations

from urllib.parse import quote

from django.http import HttpRequest


def next_query(full_path: str) -> str:
    """The page's own URL as the ``next`` parameter of the language links."""
    return quote(full_path, safe="/")


def language_next(request: HttpRequest) -> dict[str, str]:
    """``language_next``: where the language links come back to (this page)."""
    return {"language_next": next_query(request.get_full_path())}
