"""The ``coopdec`` command end to end, in a fresh data directory (real SQLite file)."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

COOPDEC = [sys.executable, "-m", "coopdec"]


def run(
    args: list[str], env: dict[str, str], timeout: int = 180
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*COOPDEC, *args], env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COOPDEC_", "DJANGO_"))}
    env["COOPDEC_DATA_DIR"] = str(tmp_path / "data")
    env.update(extra)
    return env


@pytest.mark.slow
def test_init_then_stats_on_a_new_sqlite_database(tmp_path: Path) -> None:
    env = clean_env(tmp_path)
    first = run(["init"], env)
    assert first.returncode == 0, first.stderr
    assert "chargé" in first.stderr
    database = tmp_path / "data" / "coopdec.sqlite3"
    assert database.exists()
    second = run(["init"], env)
    assert second.returncode == 0, second.stderr
    assert "chargé" not in second.stderr.replace("inchangé", "")
    stats = run(["stats", "--json"], env)
    assert stats.returncode == 0, stats.stderr
    counts = json.loads(stats.stdout)
    assert counts["communes"] == 34969
    assert counts["epci"] == 1255
    assert counts["sdg_targets"] == 169
    # WAL mode is on for the embedded database.
    import sqlite3

    with sqlite3.connect(database) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_help_lists_every_command(tmp_path: Path) -> None:
    result = run(["--help"], clean_env(tmp_path))
    assert result.returncode == 0
    for command in ("init", "serve", "stats"):
        assert command in result.stdout


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({"COOPDEC_DATABASE_URL": "postgresql://coopdec@127.0.0.1:1/coopdec"}, "injoignable"),
        ({"COOPDEC_DATABASE_URL": "mysql-ish://nowhere"}, "schéma"),
        ({"COOPDEC_DATABASE_URL": "postgresql:///"}, "invalide"),
        ({"COOPDEC_DATABASE_URL": "postgresql://h:notaport/db"}, "port"),
        ({"COOPDEC_DATA_DIR": "/proc/version/coopdec"}, "Répertoire de données"),
    ],
)
def test_bad_configuration_is_one_clear_line(
    tmp_path: Path, variables: dict[str, str], expected: str
) -> None:
    result = run(["stats"], clean_env(tmp_path, **variables), timeout=60)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert expected in lines[0]
    assert "Traceback" not in result.stderr


def test_unwritable_data_directory(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("root ignores directory permissions; covered by the /proc case")
        result = run(["stats"], clean_env(tmp_path, COOPDEC_DATA_DIR=str(locked)), timeout=60)
        assert result.returncode == 2
        assert "écriture" in result.stderr
    finally:
        locked.chmod(0o700)


def test_deploy_check_refuses_the_placeholder_secret(tmp_path: Path) -> None:
    env = clean_env(tmp_path, COOPDEC_DEBUG="0", DJANGO_SETTINGS_MODULE="coopdec.settings")
    command = [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"]
    refused = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert refused.returncode != 0
    assert "coopdec.E001" in refused.stderr
    env["COOPDEC_SECRET_KEY"] = secrets.token_urlsafe(64)
    accepted = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert accepted.returncode == 0, accepted.stderr + accepted.stdout
