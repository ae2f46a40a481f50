"""Start Django for a command, after checking the configuration it depends on."""

from __future__ import annotations

import os

from coopdec.config.env import (
    ConfigurationError,
    check_data_dir,
    check_database_url,
    ensure_local_secret,
    read_environment,
    sqlite_path,
)


def setup_django(*, check_connection: bool = True, creates_database: bool = False) -> None:
    """Check COOPDEC_* settings, start Django and (optionally) reach the database.

    Only the commands that create the database (``init``, ``serve``) create the data
    directory and its local secret; any other command run where there is no coopdec database
    (e.g. from another folder) stops with one line saying so, and leaves nothing behind.
    Raises ConfigurationError with a one-line French message on any problem.
    """
    from django.apps import apps

    env = read_environment()
    check_database_url(env.database_url)
    database_file = sqlite_path(env.database_url)
    if apps.ready:
        # Django already runs in this process (a test, or coopdec used as a library): its
        # database is the one configured there, not the environment's.
        database_file = None
    if creates_database:
        check_data_dir(env.data_dir)
        ensure_local_secret()
    elif database_file is not None and not database_file.exists():
        raise ConfigurationError(
            f"Répertoire de données sans base coopdec ({env.data_dir}) : lancez d'abord "
            "« coopdec init », ou indiquez le bon répertoire dans COOPDEC_DATA_DIR."
        )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coopdec.settings")
    import django

    django.setup()
    if check_connection:
        from django.db import connection
        from django.db.utils import Error as DatabaseError

        try:
            connection.ensure_connection()
            tables = connection.introspection.table_names() if not creates_database else []
        except DatabaseError as exc:
            first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
            raise ConfigurationError(f"base de données injoignable : {first_line}") from exc
        if not creates_database and "reference_datasetload" not in tables:
            raise ConfigurationError(
                "La base de données n'est pas initialisée : lancez d'abord « coopdec init »."
            )
