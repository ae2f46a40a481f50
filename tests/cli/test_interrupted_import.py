"""An IATI import killed with SIGKILL, on SQLite and on PostgreSQL, as an operator would see it.

The import runs in a subprocess (``coopdec import iati``) that a receiver kills with a real
``kill -9`` at a chosen point: after its 3rd batch (mid-way, nothing committed) or right after
its commit (the catalogue written, the search index not yet), or in the middle of the full
rebuild of the search index that follows the commit. Then: the database is intact
(integrity and foreign keys), the counts are the old ones or the new ones, never in between,
and the index drift is detected (``coopdec doctor`` exit 1, the journal row, the fingerprint)
and repaired: by re-importing the same file, by ``coopdec init``, by ``coopdec doctor --repair``.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.formats.iati_factories import GENERATED, french_activity

COOPDEC = [sys.executable, "-m", "coopdec"]
ACTIVITIES = 400
BATCH = 100  # the importer's batch, smaller here so that 400 activities make 4 batches

# Runs ``coopdec import iati FILE`` in this process and kills it with SIGKILL at ``WHEN``.
KILLER = textwrap.dedent(
    """
    import os, signal, sys
    from coopdec.bootstrap import setup_django
    setup_django()
    from django.db import transaction
    from coopdec.catalogue.changes import catalogue_changing
    from coopdec.catalogue.imports.iati import importer, upsert
    when, path = sys.argv[1], sys.argv[2]
    importer.BATCH = {batch}
    def die():
        os.kill(os.getpid(), signal.SIGKILL)
    if when == "mid-import":
        write, calls = upsert.IatiActivityWriter.write, []
        def counted(self, rows):
            write(self, rows)
            calls.append(1)
            if len(calls) == 3:
                die()
        upsert.IatiActivityWriter.write = counted
    elif when == "mid-rebuild":  # committed; its full index rebuild has written documents
        from coopdec.catalogue.search import indexer
        upsert.MAX_TRACKED_IDS = 100  # so that these 400 activities ask for a full rebuild
        insert = indexer._insert
        def dying(*args, **kwargs):
            insert(*args, **kwargs)
            die()
        indexer._insert = dying
    else:  # after the commit, before the search index receivers
        def on_changing(**kwargs):
            transaction.on_commit(die)
        catalogue_changing.connect(on_changing, weak=False)
    from coopdec.cli.app import app
    app(["import", "iati", path])
    """
).format(batch=BATCH)

# The database's own checks: SQLite's integrity check, and the foreign keys on both engines.
INTEGRITY = textwrap.dedent(
    """
    from coopdec.bootstrap import setup_django
    setup_django()
    from django.db import connection
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA integrity_check")
            assert cursor.fetchall() == [("ok",)], "integrity_check"
    connection.check_constraints()
    print("intact")
    """
)


# ``coopdec import iati FILE`` under a file-size limit: writes past ``LIMIT`` bytes fail with
# EFBIG (SIGXFSZ ignored), as on a full disk.
FILE_SIZE_LIMIT = textwrap.dedent(
    """
    import resource, signal, sys
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    limit = int(sys.argv[1])
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    sys.argv = ["coopdec", "import", "iati", sys.argv[2]]
    from coopdec.cli import main
    main()
    """
)


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*COOPDEC, *args], env=env, capture_output=True, text=True, timeout=300, check=False
    )


def python(code: str, args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def base_env(directory: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COOPDEC_", "DJANGO_"))}
    env["COOPDEC_DATA_DIR"] = str(directory)
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    return env


def doctor(env: dict[str, str]) -> tuple[int, dict[str, object]]:
    result = run(["doctor", "--json"], env)
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, json.loads(result.stdout)


def stats(env: dict[str, str]) -> dict[str, int]:
    result = run(["stats", "--json"], env)
    assert result.returncode == 0, result.stderr
    counts: dict[str, int] = json.loads(result.stdout)
    return counts


@pytest.fixture(scope="module")
def iati_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from coopdec.formats import iati

    path = tmp_path_factory.mktemp("iati") / "bretagne.xml"
    activities = (french_activity(n, transactions=1) for n in range(1, ACTIVITIES + 1))
    iati.write_activities(activities, path, generated_datetime=GENERATED)
    return path


# -- one initialised database per engine, copied for each test ------------------------------


@pytest.fixture(scope="module")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("template")
    initialised = run(["init"], base_env(directory))
    assert initialised.returncode == 0, initialised.stderr
    return directory


@pytest.fixture(scope="module")
def postgresql_template() -> Iterator[str]:
    url = os.environ.get("COOPDEC_DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("PostgreSQL pass only (make test starts the cluster)")
    import psycopg

    base, _, _ = url.rpartition("/")
    name = f"killed_template_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        env = {**base_env(Path("/nonexistent")), "COOPDEC_DATABASE_URL": f"{base}/{name}"}
        initialised = run(["init"], env)
        assert initialised.returncode == 0, initialised.stderr
        yield name
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def env(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[dict[str, str]]:
    """A fresh initialised database of the engine, and the environment that points to it."""
    if request.param == "sqlite":
        if os.environ.get("COOPDEC_TEST_DATABASE_ONLY") == "1":
            pytest.skip("the SQLite case runs in the SQLite pass")
        template: Path = request.getfixturevalue("sqlite_template")
        shutil.copytree(template, tmp_path / "data")
        yield base_env(tmp_path / "data")
        return
    template_name: str = request.getfixturevalue("postgresql_template")
    import psycopg

    url = os.environ["COOPDEC_DATABASE_URL"]
    base, _, _ = url.rpartition("/")
    name = f"killed_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template_name}"')
    try:
        yield {**base_env(tmp_path / "data"), "COOPDEC_DATABASE_URL": f"{base}/{name}"}
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def killed_import(when: str, path: Path, env: dict[str, str]) -> None:
    result = python(KILLER, [when, str(path)], env)
    assert result.returncode == -signal.SIGKILL, (result.returncode, result.stderr)
    intact = python(INTEGRITY, [], env)
    assert intact.returncode == 0, intact.stderr
    assert intact.stdout.strip() == "intact"


def searched(env: dict[str, str]) -> int:
    result = run(["search", "Tambacounda", "--json", "--page-size", "1"], env)
    assert result.returncode == 0, result.stderr
    total: int = json.loads(result.stdout)["total"]
    return total


# -- the tests (the django_db mark selects them for the PostgreSQL pass) ---------------------

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def test_an_import_killed_mid_way_leaves_the_old_catalogue(
    env: dict[str, str], iati_file: Path
) -> None:
    before = stats(env)
    killed_import("mid-import", iati_file, env)
    assert stats(env) == before  # nothing of the three batches written was kept
    code, health = doctor(env)
    assert (code, health["status"], health["pending_changes"]) == (0, "ok", 0)


def test_a_kill_after_the_commit_is_detected_and_a_reimport_indexes_what_is_missing(
    env: dict[str, str], iati_file: Path
) -> None:
    before, found = stats(env), searched(env)
    killed_import("after-commit", iati_file, env)
    assert stats(env)["projects"] == before["projects"] + ACTIVITIES  # committed
    code, health = doctor(env)
    assert (code, health["status"], health["pending_changes"]) == (1, "drift", 1)
    projects = health["kinds"]["project"]  # type: ignore[index]
    assert projects["records"] == projects["documents"] + ACTIVITIES
    assert searched(env) == found  # the drift users would see

    again = run(["import", "iati", str(iati_file), "--json"], env)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["unchanged"] == ACTIVITIES
    code, health = doctor(env)
    assert (code, health["status"], health["pending_changes"]) == (0, "ok", 0)
    assert searched(env) == found + ACTIVITIES


def test_init_catches_up_and_doctor_repair_rebuilds(env: dict[str, str], iati_file: Path) -> None:
    found = searched(env)
    killed_import("after-commit", iati_file, env)
    initialised = run(["init"], env)
    assert initialised.returncode == 0, initialised.stderr
    assert "rattrapage" in initialised.stderr
    assert doctor(env)[0] == 0
    assert searched(env) == found + ACTIVITIES

    # A drift without a journal (documents deleted behind the index's back, as a database
    # restored by hand could be): the fingerprint sees it, --repair rebuilds.
    removed = python(
        "from coopdec.bootstrap import setup_django; setup_django()\n"
        "from django.db import connection\n"
        "with connection.cursor() as c:\n"
        "    c.execute(\"DELETE FROM search_document WHERE kind = 'project'\")",
        [],
        env,
    )
    assert removed.returncode == 0, removed.stderr
    code, health = doctor(env)
    assert (code, health["pending_changes"]) == (1, 0)
    repaired = run(["doctor", "--repair"], env)
    assert repaired.returncode == 0, repaired.stderr
    assert "Index reconstruit" in repaired.stderr
    assert doctor(env)[0] == 0
    assert searched(env) == found + ACTIVITIES


def test_a_kill_during_the_index_rebuild_leaves_the_old_index_served(
    env: dict[str, str], iati_file: Path
) -> None:
    before, found = stats(env), searched(env)
    killed_import("mid-rebuild", iati_file, env)
    assert stats(env)["projects"] == before["projects"] + ACTIVITIES  # committed
    assert searched(env) == found  # the old index, whole: nothing of the half-done rebuild
    leftover = python(
        "from coopdec.bootstrap import setup_django; setup_django()\n"
        "from django.db import connection\n"
        "with connection.cursor() as c:\n"
        "    if connection.vendor == 'postgresql':\n"
        "        c.execute(\"SELECT to_regclass('search_document_next')\")\n"
        "        print(c.fetchone()[0])\n"
        "    else:\n"
        "        print(None)",
        [],
        env,
    )
    assert leftover.stdout.strip() == "None", leftover.stderr  # no half-built copy left
    code, health = doctor(env)
    assert (code, health["status"], health["pending_changes"]) == (1, "drift", 1)
    repaired = run(["doctor", "--repair"], env)
    assert repaired.returncode == 0, repaired.stderr
    assert doctor(env)[0] == 0
    assert searched(env) == found + ACTIVITIES


# -- a full disk during an import (SQLite: the data directory is where the disk fills) -------


def _full_disk_import(env: dict[str, str], iati_file: Path, how: str) -> None:
    if how == "file-size-limit":
        # In WAL mode a transaction writes only the -wal file, from its start: 64 KiB of it,
        # no more (the database file, larger, is only read before the commit).
        result = python(FILE_SIZE_LIMIT, [str(64 * 1024), str(iati_file)], env)
    else:
        result = run(["import", "iati", str(iati_file)], env)
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "disque plein" in result.stderr and "rien n'a été enregistré" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_full_disk_during_an_import_is_a_clean_error_sqlite_file_size_limit(
    sqlite_template: Path, iati_file: Path, tmp_path: Path
) -> None:
    """RLIMIT_FSIZE on the import process: its writes past the limit fail with EFBIG."""
    if os.environ.get("COOPDEC_TEST_DATABASE_ONLY") == "1":
        pytest.skip("the SQLite case runs in the SQLite pass")
    shutil.copytree(sqlite_template, tmp_path / "data")
    env = base_env(tmp_path / "data")
    before = stats(env)
    _full_disk_import(env, iati_file, "file-size-limit")
    intact = python(INTEGRITY, [], env)
    assert intact.returncode == 0, intact.stderr
    assert stats(env) == before
    assert doctor(env)[0] == 0


def test_a_full_disk_during_an_import_is_a_clean_error_sqlite_on_a_small_tmpfs(
    sqlite_template: Path, iati_file: Path, tmp_path: Path
) -> None:
    """A real full file system: the data directory on a tmpfs with 256 KiB to spare (needs
    root to mount; skipped otherwise)."""
    if os.environ.get("COOPDEC_TEST_DATABASE_ONLY") == "1":
        pytest.skip("the SQLite case runs in the SQLite pass")
    used = sum(f.stat().st_size for f in sqlite_template.iterdir())
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    size = used + 256 * 1024
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount_point)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (not root): the file-size-limit case covers it")
    try:
        data = mount_point / "data"
        shutil.copytree(sqlite_template, data)
        env = base_env(data)
        before = stats(env)
        _full_disk_import(env, iati_file, "tmpfs")
        intact = python(INTEGRITY, [], env)
        assert intact.returncode == 0, intact.stderr
        assert stats(env) == before
        assert doctor(env)[0] == 0
    finally:
        subprocess.run(["umount", str(mount_point)], check=False)
