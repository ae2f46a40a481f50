"""Abuse limits read from ``COOPDEC_RATELIMIT_*``, ``COOPDEC_TRUSTED_PROXIES`` and
``COOPDEC_MAX_BODY_BYTES`` (docs/operations.md, « Limites contre les abus »), and the share of
the machine an import and its index rebuild may take, ``COOPDEC_INDEX_WORKERS`` and
``COOPDEC_IMPORT_SHARE`` (docs/operations.md, « Un import pendant que le service tourne »).

Imported by ``coopdec.settings`` before Django is set up: no Django import here.
"""

from __future__ import annotations

import os
import re

from coopdec.config.env import ConfigurationError

# Requests per client address and per window, for each kind of costly request. Generous
# for a person (a type-ahead sends a request per key), low for a script.
DEFAULT_RATES = {
    "search": "120/m",
    "suggestions": "300/m",
    "exports": "30/m",
    "documents": "20/m",
    "signin": "10/m",
}
UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_RATE = re.compile(r"\s*(\d+)\s*/\s*([smhd])\s*")
# Django's own default for a request body; the IATI upload has its own, larger limit.
DEFAULT_MAX_BODY_BYTES = 2_621_440
# Paths that take files larger than that (the curators' IATI upload: 50 MiB, as its view).
LARGE_BODY_PATHS = {"/api/v1/imports/": 50 * 1024 * 1024}
CACHES = {"memory", "database"}


def parse_rate(name: str, value: str) -> tuple[int, int] | None:
    """``"120/m"`` -> (120, 60); ``"off"`` or ``"0"`` -> None (no limit)."""
    if value.strip().lower() in {"off", "0", "none", "non"}:
        return None
    match = _RATE.fullmatch(value)
    if not match:
        raise ConfigurationError(
            f"{name} invalide ({value!r}) : attendu NOMBRE/UNITÉ, par ex. 120/m "
            "(s, m, h ou d), ou off"
        )
    return int(match.group(1)), UNITS[match.group(2)]


def rate_limits(environ: dict[str, str] | None = None) -> dict[str, tuple[int, int]]:
    """Scope -> (requests, seconds); ``COOPDEC_RATELIMIT_ENABLED=0`` turns every limit off."""
    env = dict(os.environ if environ is None else environ)
    if (env.get("COOPDEC_RATELIMIT_ENABLED") or "1").strip().lower() in {"0", "false", "no"}:
        return {}
    limits = {}
    for scope, default in DEFAULT_RATES.items():
        name = f"COOPDEC_RATELIMIT_{scope.upper()}"
        rate = parse_rate(name, env.get(name) or default)
        if rate is not None:
            limits[scope] = rate
    return limits


def rate_limit_cache(environ: dict[str, str] | None = None) -> dict[str, str]:
    """Where the counters live: each process's memory (one server), or the database (shared
    by every app server; the table is created by ``coopdec init``)."""
    env = dict(os.environ if environ is None else environ)
    kind = (env.get("COOPDEC_RATELIMIT_CACHE") or "memory").strip().lower()
    if kind not in CACHES:
        raise ConfigurationError("COOPDEC_RATELIMIT_CACHE doit valoir memory ou database")
    if kind == "database":
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "coopdec_ratelimit",
        }
    return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ratelimit"}


def trusted_proxies(environ: dict[str, str] | None = None) -> frozenset[str]:
    """Addresses of the reverse proxies whose ``X-Forwarded-For`` names the client."""
    env = dict(os.environ if environ is None else environ)
    raw = env.get("COOPDEC_TRUSTED_PROXIES") or ""
    return frozenset(part.strip() for part in raw.split(",") if part.strip())


def max_body_bytes(environ: dict[str, str] | None = None) -> int:
    env = dict(os.environ if environ is None else environ)
    raw = env.get("COOPDEC_MAX_BODY_BYTES") or str(DEFAULT_MAX_BODY_BYTES)
    if not raw.isdigit() or int(raw) <= 0:
        raise ConfigurationError("COOPDEC_MAX_BODY_BYTES doit être un nombre d'octets positif")
    return int(raw)


def index_workers(environ: dict[str, str] | None = None, cpus: int | None = None) -> int:
    """Processes that build search documents during a full rebuild, besides the one writing
    them. By default one core fewer than the machine has: an import run beside a serving
    coopdec leaves the servers a core (with every core taken, the search p99 during a 100k
    import was 2.3x the quiet one on 2 cores; docs/benchmarks.md). 0 builds in the writing
    process itself."""
    env = dict(os.environ if environ is None else environ)
    raw = (env.get("COOPDEC_INDEX_WORKERS") or "").strip()
    if not raw:
        return max(1, (cpus if cpus is not None else os.cpu_count() or 1) - 1)
    if not raw.isdigit():
        raise ConfigurationError(
            "COOPDEC_INDEX_WORKERS doit être un nombre de processus (0 ou plus)"
        )
    return int(raw)


def import_share(environ: dict[str, str] | None = None) -> float:
    """Share of the elapsed time an import and its index rebuild may compute
    (``catalogue/pacing.py``): 1 (the default) runs them flat out; 0.5 pauses as long as
    they work, leaving the servers beside them more of the machine."""
    env = dict(os.environ if environ is None else environ)
    raw = (env.get("COOPDEC_IMPORT_SHARE") or "1").strip().replace(",", ".")
    try:
        share = float(raw)
    except ValueError:
        share = 0.0
    if not 0.05 <= share <= 1:
        raise ConfigurationError(
            "COOPDEC_IMPORT_SHARE doit être une part du temps entre 0.05 et 1 (par ex. 0.5)"
        )
    return share
