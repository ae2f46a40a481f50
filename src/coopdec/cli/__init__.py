"""The ``coopdec`` command: one entry point, thin commands that call the services."""

from __future__ import annotations

import sys

from coopdec.cli.app import app
from coopdec.config.env import ConfigurationError


def main() -> None:
    try:
        app()
    except ConfigurationError as exc:
        # One clear line, no traceback: these are problems of set-up, not bugs.
        print(f"coopdec : erreur de configuration : {exc}", file=sys.stderr)
        sys.exit(2)


__all__ = ["app", "main"]
