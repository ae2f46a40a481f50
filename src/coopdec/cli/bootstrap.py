"""Start Django for a command, after checking the configuration it depends on."""

from __future__ import annotations

import os

from coopdec.config.env import (
    ConfigurationError,
    check_data_dir,
    check_database_url,
    read_environment,
)


def setup_django(*, check_connection: bool = True) -> None:
    """Check COOPDEC_* settings, start Django and (optionally) reach the database.

    Raises ConfigurationError with a one-line French message on any problem.
    """
    env = read_environment()
    check_data_dir(env.data_dir)
    check_database_url(env.database_url)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coopdec.settings")
    import django

    django.setup()
    if check_connection:
        from django.db import connection
        from django.db.utils import Error as DatabaseError

        try:
            connection.ensure_connection()
        except DatabaseError as exc:
            first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
            raise ConfigurationError(f"base de données injoignable : {first_line}") from exc
