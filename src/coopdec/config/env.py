"""Read and check coopdec's settings from the environment.

Every problem becomes a ``ConfigurationError`` with one clear French line, so that the CLI can
print it and exit non-zero instead of showing a traceback.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

PLACEHOLDER_SECRET = "coopdec-dev-secret-not-for-production"  # noqa: S105 - marks the dev default
# A secret generated once for this data directory (``coopdec init`` / ``serve``), so that a
# local server runs without DEBUG and without the public placeholder. Production sets
# COOPDEC_SECRET_KEY, shared by every app server, instead.
LOCAL_SECRET_FILE = "secret_key"  # noqa: S105 - a file name, not a secret
SUPPORTED_SCHEMES = {"sqlite", "postgres", "postgresql", "pgsql"}


class ConfigurationError(Exception):
    """A setting is wrong; the message is one line meant for the person running coopdec."""


@dataclass(frozen=True)
class Environment:
    debug: bool
    secret_key: str
    data_dir: Path
    database_url: str
    allowed_hosts: list[str]
    secure_ssl_redirect: bool
    static_root: Path | None


def _truthy(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "oui"}


def default_data_dir() -> Path:
    return Path(os.environ.get("COOPDEC_DATA_DIR") or Path.cwd() / "var").resolve()


def read_environment(environ: dict[str, str] | None = None) -> Environment:
    env = dict(os.environ if environ is None else environ)
    debug = _truthy(env.get("COOPDEC_DEBUG"), default=False)
    data_dir = Path(env.get("COOPDEC_DATA_DIR") or Path.cwd() / "var").resolve()
    database_url = env.get("COOPDEC_DATABASE_URL") or f"sqlite:///{data_dir / 'coopdec.sqlite3'}"
    secret_key = env.get("COOPDEC_SECRET_KEY") or _local_secret(data_dir) or PLACEHOLDER_SECRET
    hosts = env.get("COOPDEC_ALLOWED_HOSTS") or "127.0.0.1,localhost,[::1],testserver"
    return Environment(
        debug=debug,
        secret_key=secret_key,
        data_dir=data_dir,
        database_url=database_url,
        allowed_hosts=[h.strip() for h in hosts.split(",") if h.strip()],
        static_root=Path(env["COOPDEC_STATIC_ROOT"]) if env.get("COOPDEC_STATIC_ROOT") else None,
        secure_ssl_redirect=_truthy(env.get("COOPDEC_SECURE_SSL_REDIRECT"), default=True),
    )


def _local_secret(data_dir: Path) -> str | None:
    try:
        return (data_dir / LOCAL_SECRET_FILE).read_text(encoding="ascii").strip() or None
    except (OSError, UnicodeDecodeError):
        return None


def ensure_local_secret(environ: dict[str, str] | None = None) -> None:
    """Write a random secret into the data directory once, unless COOPDEC_SECRET_KEY is set.

    The file is created readable by its owner only, atomically (a second process racing
    this one keeps whichever file was written first).
    """
    env = dict(os.environ if environ is None else environ)
    if env.get("COOPDEC_SECRET_KEY"):
        return
    data_dir = Path(env.get("COOPDEC_DATA_DIR") or Path.cwd() / "var").resolve()
    path = data_dir / LOCAL_SECRET_FILE
    if path.exists():
        return
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    except OSError as exc:
        raise ConfigurationError(
            f"Répertoire de données non accessible en écriture : {data_dir}"
        ) from exc
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(secrets.token_urlsafe(64))


def sqlite_path(url: str) -> Path | None:
    """The file of an SQLite database URL, or None for another engine."""
    import dj_database_url

    if urlsplit(url).scheme != "sqlite":
        return None
    name = str(dj_database_url.parse(url)["NAME"])
    return None if name in ("", ":memory:") else Path(name)


def check_database_url(url: str) -> None:
    """Refuse a malformed URL before Django tries to use it."""
    parts = urlsplit(url)
    if parts.scheme not in SUPPORTED_SCHEMES:
        raise ConfigurationError(
            f"COOPDEC_DATABASE_URL invalide ({url!r}) : le schéma doit être sqlite:// ou "
            "postgresql://"
        )
    if parts.scheme != "sqlite":
        if not parts.hostname and "host=" not in parts.query:
            raise ConfigurationError(
                f"COOPDEC_DATABASE_URL invalide ({_redact(url)}) : nom d'hôte manquant"
            )
        if not parts.path.strip("/"):
            raise ConfigurationError(
                f"COOPDEC_DATABASE_URL invalide ({_redact(url)}) : nom de base manquant"
            )
        try:
            _ = parts.port
        except ValueError as exc:
            raise ConfigurationError(
                f"COOPDEC_DATABASE_URL invalide ({_redact(url)}) : port incorrect"
            ) from exc


def _redact(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        return url.replace(f":{parts.password}@", ":***@")
    return url


def check_data_dir(data_dir: Path) -> None:
    """The data directory must exist (we create it) and be writable."""
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigurationError(
            f"Répertoire de données inutilisable ({data_dir}) : {exc.strerror or exc}"
        ) from exc
    if not os.access(data_dir, os.W_OK | os.X_OK):
        raise ConfigurationError(f"Répertoire de données non accessible en écriture : {data_dir}")


def database_settings(url: str) -> dict[str, Any]:
    import dj_database_url

    check_database_url(url)
    config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets readers work while a writer imports; IMMEDIATE avoids "database is locked"
        # upgrades in the middle of a transaction.
        config["OPTIONS"] = {
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;"
            ),
            "transaction_mode": "IMMEDIATE",
        }
        config["CONN_MAX_AGE"] = 600
    else:
        config.setdefault("OPTIONS", {})["connect_timeout"] = 5
    return config
