"""Django settings for coopdec, all read from COOPDEC_* environment variables.

Development defaults (``COOPDEC_DEBUG`` unset) are safe to run locally; with ``COOPDEC_DEBUG=0``
and a real ``COOPDEC_SECRET_KEY`` the same file passes ``manage.py check --deploy``.
"""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from coopdec.config.env import PLACEHOLDER_SECRET, database_settings, read_environment

ENV = read_environment()
BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = ENV.data_dir
SHIPPED_DATA_DIR = BASE_DIR / "data"

DEBUG = ENV.debug
SECRET_KEY = ENV.secret_key
ALLOWED_HOSTS = ENV.allowed_hosts
PRODUCTION = not DEBUG and SECRET_KEY != PLACEHOLDER_SECRET

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    # django-ninja's API documentation page from its own static files, not from a CDN
    # (the page must work offline and under the site's policy of no outside requests).
    "ninja",
    "dsfr",
    "coopdec.reference",
    "coopdec.catalogue",
    "coopdec.catalogue.search",
    "coopdec.funding",
    "coopdec.workspaces",
    "coopdec.opendata",
    "coopdec.web",
    # Accounts (docs/accounts.md).
    "axes",
    "mozilla_django_oidc",
    "coopdec.accounts",
    "coopdec.guide",
    "coopdec.alerts",
    "coopdec.declarations",
    "coopdec.contributions",
]

MIDDLEWARE = [
    # Outermost: a request id for every response and log line, one log line per request.
    "coopdec.web.requestlog.RequestLogMiddleware",
    "coopdec.web.middleware.SitePolicyMiddleware",  # French default, CSP, gzip (docs/web.md)
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After the session and the user (its 429/413 pages use the layout), before any view.
    "coopdec.web.abuse.AbuseLimitsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "coopdec.urls"
WSGI_APPLICATION = "coopdec.wsgi.application"
ASGI_APPLICATION = "coopdec.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "coopdec.web.context.language_next",
            ],
        },
    },
]

DATABASES = {"default": database_settings(ENV.database_url)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Production: COOPDEC_STATIC_ROOT + `django-admin collectstatic` (see README); otherwise whitenoise
# serves straight from the app folders.
STATIC_ROOT = ENV.static_root
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# --- Accounts, sessions and sign-in (docs/accounts.md) --------------------------------------
# Server-side sessions: signing out deletes the session row, so a cookie captured before
# logout opens nothing afterwards (issue 20.5). Signed-cookie sessions could not be ended.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_HTTPONLY = True
# The language choice is read by the server only (SameSite=Lax is set by the switch view).
LANGUAGE_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out sign-in before any password is checked.
    "coopdec.accounts.backends.ThrottleBackend",
    "coopdec.accounts.oidc.ProConnectBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]  # fmt: skip
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:account"
LOGOUT_REDIRECT_URL = "web:home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 2  # reset and verification links: two hours, single use
# Sign-in throttling (staff and everyone): 5 failures for one user name from one address lock
# that pair for 15 minutes; the lockout page says so without telling whether the account exists.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "coopdec.accounts.views.locked_out"
AXES_VERBOSE = False
# At most this many anonymous workspaces are kept (the oldest go first; accounts' projects stay).
COOPDEC_ANONYMOUS_WORKSPACES_MAX = 100_000
from coopdec.config.accounts import email_settings, oidc_settings  # noqa: E402

globals().update(email_settings())
globals().update(oidc_settings())
from coopdec.config import limits as _limits  # noqa: E402

# Abuse limits (docs/operations.md): per-address rates on costly requests, a body size cap.
COOPDEC_RATE_LIMITS = _limits.rate_limits()
COOPDEC_TRUSTED_PROXIES = _limits.trusted_proxies()
COOPDEC_MAX_BODY_BYTES = _limits.max_body_bytes()
DATA_UPLOAD_MAX_MEMORY_SIZE = COOPDEC_MAX_BODY_BYTES
# Document-building processes of a full search-index rebuild (catalogue.search.indexer).
COOPDEC_INDEX_WORKERS = _limits.index_workers()
# Share of the time an import and its index rebuild may compute (catalogue.pacing).
COOPDEC_IMPORT_SHARE = _limits.import_share()
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "ratelimit": _limits.rate_limit_cache(),
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

if not DEBUG:
    # Behind a TLS-terminating proxy (see README "Production").
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = ENV.secure_ssl_redirect
    # The load balancer's health check speaks plain HTTP to each app server (Caddy and nginx
    # send no X-Forwarded-Proto with it): a redirect would take every server out of service.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

from coopdec.config.logs import logging_settings  # noqa: E402

# JSON lines with request ids (COOPDEC_LOG_FORMAT=json, the default without DEBUG) or text.
LOGGING = logging_settings(debug=DEBUG)

SILENCED_SYSTEM_CHECKS: list[str] = []
