"""``coopdec backup`` then ``coopdec restore`` into a new data directory: same rows, same search.

On SQLite (the default) through the CLI in subprocesses, as an operator would; the PostgreSQL
pass runs the same round trip on the test cluster (``make test``'s second half).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

COOPDEC = [sys.executable, "-m", "coopdec"]


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*COOPDEC, *args], env=env, capture_output=True, text=True, timeout=300, check=False
    )


def data_env(directory: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COOPDEC_", "DJANGO_"))}
    env["COOPDEC_DATA_DIR"] = str(directory)
    return env


@pytest.mark.slow
def test_backup_restores_into_a_new_data_directory(tmp_path: Path) -> None:
    source = data_env(tmp_path / "source")
    assert run(["init"], source).returncode == 0
    archive = tmp_path / "saves" / "coopdec.tar"
    made = run(["backup", str(archive)], source)
    assert made.returncode == 0, made.stderr
    with tarfile.open(archive) as tar:
        assert sorted(tar.getnames()) == ["database.sqlite3", "manifest.json"]

    target = data_env(tmp_path / "target")
    restored = run(["restore", str(archive)], target)
    assert restored.returncode == 0, restored.stderr
    assert "comptes vérifiés" in restored.stderr
    counts = [json.loads(run(["stats", "--json"], env).stdout) for env in (source, target)]
    assert counts[0] == counts[1]
    assert counts[1]["partnerships"] > 0
    searches = [run(["search", "eau", "--json"], env).stdout for env in (source, target)]
    assert searches[0] == searches[1]
    assert json.loads(searches[1])["total"] > 0


def test_restore_refuses_what_is_not_a_backup(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.tar"
    bogus.write_text("pas une sauvegarde")
    result = run(["restore", str(bogus)], data_env(tmp_path / "data"))
    assert result.returncode == 2
    assert "pas une sauvegarde coopdec" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
@pytest.mark.postgresql
@pytest.mark.django_db  # selects it for the PostgreSQL pass, which runs the database tests
def test_backup_restores_into_a_new_postgresql_database(tmp_path: Path) -> None:
    url = os.environ.get("COOPDEC_DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("PostgreSQL pass only (make test starts the cluster)")
    import uuid

    import psycopg

    names = [f"backup_{role}_{uuid.uuid4().hex[:8]}" for role in ("source", "target")]
    base, _, _ = url.rpartition("/")
    with psycopg.connect(url, autocommit=True) as admin:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
    try:
        source, target = (
            {**data_env(tmp_path / name), "COOPDEC_DATABASE_URL": f"{base}/{name}"}
            for name in names
        )
        assert run(["init"], source).returncode == 0
        archive = tmp_path / "coopdec.tar"
        made = run(["backup", str(archive)], source)
        assert made.returncode == 0, made.stderr
        restored = run(["restore", str(archive)], target)
        assert restored.returncode == 0, restored.stderr
        counts = [json.loads(run(["stats", "--json"], env).stdout) for env in (source, target)]
        assert counts[0] == counts[1]
        searches = [run(["search", "eau", "--json"], env).stdout for env in (source, target)]
        assert searches[0] == searches[1]
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
