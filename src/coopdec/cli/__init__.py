"""The ``coopdec`` command: one entry point, thin commands that call the services."""

from __future__ import annotations

import sys

from coopdec.cli.app import app
from coopdec.config.env import ConfigurationError

# What the database says when the disk is full (SQLite: SQLITE_FULL, or an I/O error when a
# file-size limit is hit; PostgreSQL: "No space left on device").
_DISK_FULL = ("disk is full", "disk i/o error", "no space left", "file too large")


def main() -> None:
    try:
        app()
    except ConfigurationError as exc:
        # One clear line, no traceback: these are problems of set-up, not bugs.
        print(f"coopdec : erreur de configuration : {exc}", file=sys.stderr)
        sys.exit(2)
    except Exception as exc:
        from django.db import DatabaseError

        if not isinstance(exc, DatabaseError):
            raise
        # Every command writes in one transaction: the database rolled it back.
        first_line = (str(exc).strip().splitlines() or [repr(exc)])[0]
        hint = " (disque plein ?)" if any(k in first_line.lower() for k in _DISK_FULL) else ""
        print(
            f"coopdec : la base de données a refusé l'écriture{hint} : {first_line} — "
            "rien n'a été enregistré de cette opération.",
            file=sys.stderr,
        )
        sys.exit(2)


__all__ = ["app", "main"]
