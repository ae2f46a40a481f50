"""Logs as JSON lines, each carrying the id of the request it belongs to.

``COOPDEC_LOG_FORMAT=json`` (the default without DEBUG) writes one JSON object per line on
the standard error (journald, a log shipper): time, level, logger, message, ``request_id``,
and the fields a caller passes with ``extra``; ``text`` keeps Django's plain lines.
The request id is set by ``coopdec.web.requestlog`` for the duration of a request.
"""

from __future__ import annotations

import contextvars
import json
import logging
import os
from datetime import UTC, datetime
from typing import Any

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")

# Attributes every LogRecord has: what is left are the caller's ``extra`` fields.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


class JsonLines(logging.Formatter):
    """One JSON object per record."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        current = request_id.get()
        if current:
            line["request_id"] = current
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                line[key] = value if isinstance(value, str | int | float | bool) else str(value)
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


def logging_settings(*, debug: bool, environ: dict[str, str] | None = None) -> dict[str, Any]:
    """Django's ``LOGGING``: JSON lines or plain text on the standard error."""
    env = dict(os.environ if environ is None else environ)
    chosen = (env.get("COOPDEC_LOG_FORMAT") or ("text" if debug else "json")).strip().lower()
    formatter = (
        {"()": "coopdec.config.logs.JsonLines"}
        if chosen == "json"
        else {"format": "%(levelname)s %(name)s %(message)s"}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"main": formatter},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "main"}},
        "root": {"handlers": ["console"], "level": "WARNING"},
        "loggers": {"coopdec.request": {"level": "INFO"}},
    }
