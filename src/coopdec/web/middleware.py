"""What the whole site obeys: French unless the visitor chose English, a strict
Content-Security-Policy, compressed assets and public pages.

French is the default for everyone (the product is a French public-service tool): the
browser's ``Accept-Language`` is not consulted, only the language switcher's cookie.

The policy allows nothing but this site (``default-src 'self'``): no inline script or style,
no CDN, no external font, no frame. The DSFR and htmx are served from our static files, the
SVG pictures are drawn on the server with classes instead of ``style`` attributes.

The DSFR stylesheet weighs 717 KB; gzip brings it to 92 KB. In production ``collectstatic``
with WhiteNoise's compressed storage writes ``.gz``/``.br`` files that WhiteNoise serves as they
are; in development (``make run`` serves straight from the app folders) this middleware gzips
text assets on the way out, so the page weight a browser sees is the same in both.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.middleware.gzip import GZipMiddleware
from django.utils.translation import gettext as _

POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        # The DSFR stylesheet draws a few icons from data: URIs.
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
# The API's Swagger page is django-ninja's, not ours: it loads its own bundle and inline
# settings, so it keeps the browser's defaults rather than a policy that would blank it.
EXEMPT_PATHS = ("/api/v1/docs",)
COMPRESSIBLE = re.compile(r"^(text/|application/(javascript|json)|image/svg\+xml)")


class SitePolicyMiddleware(GZipMiddleware):
    """Outermost middleware: language default, policy headers, gzipped static text files."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        super().__init__(get_response)
        self.static_prefix = settings.STATIC_URL or "/static/"

    def process_request(self, request: HttpRequest) -> HttpResponseBase | None:
        # LocaleMiddleware then falls back to LANGUAGE_CODE ("fr") unless the cookie says "en".
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return refuse_nul_parameters(request)

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if not request.path.startswith(EXEMPT_PATHS):
            response.headers.setdefault("Content-Security-Policy", POLICY)
            response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
            response.headers.setdefault(
                "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
            )
        if (
            response.status_code == 200
            and COMPRESSIBLE.match(response.headers.get("Content-Type", ""))
            and (
                request.path.startswith(self.static_prefix)
                or (
                    response.headers.get("Content-Type", "").startswith("text/html")
                    and _public_page(request)
                )
            )
        ):
            return super().process_response(request, response)
        return response


def _public_page(request: HttpRequest) -> bool:
    """Whether a page may be compressed without a BREACH exposure: compression leaks a
    secret only if the same response reflects what an attacker sends AND carries a secret.
    A page that used no CSRF token, for a visitor who is not signed in, carries none (the
    catalogue, country and authority pages, the contacts; docs/web.md). Pages with a form
    token or a signed-in visitor's data stay uncompressed."""
    # ``get_token`` (a form's token) leaves this key, which the CSRF middleware then resets to
    # False but does not remove.
    if "CSRF_COOKIE_NEEDS_UPDATE" in request.META:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def refuse_nul_parameters(request: HttpRequest) -> HttpResponseBase | None:
    """A NUL character in a URL parameter is refused here, once, for every page and endpoint:
    PostgreSQL cannot store or compare it (SQLite can), so it would reach the database as a
    server error on one engine and not the other."""
    names = [name for name, values in request.GET.lists() if any("\x00" in v for v in values)]
    if not names:
        return None
    message = _("caractère nul interdit dans le paramètre")
    if request.path.startswith("/api/"):
        errors = [{"path": name, "message": message} for name in names]
        return JsonResponse({"detail": _("paramètres invalides"), "errors": errors}, status=422)
    return HttpResponse(
        f"{message} : {', '.join(names)}", status=400, content_type="text/plain; charset=utf-8"
    )
