"""The ``coopdec`` command end to end, in a fresh data directory (real SQLite file)."""

from __future__ import annotations

import json
import os
import re
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


@pytest.fixture(scope="module")
def initialised(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], str]:
    """A data directory after one ``coopdec init``, and what that init printed."""
    env = clean_env(tmp_path_factory.mktemp("initialised"))
    first = run(["init"], env)
    assert first.returncode == 0, first.stderr
    return env, first.stderr


@pytest.mark.slow
def test_init_then_stats_on_a_new_sqlite_database(
    initialised: tuple[dict[str, str], str],
) -> None:
    env, first = initialised
    assert "chargé" in first
    database = Path(env["COOPDEC_DATA_DIR"]) / "coopdec.sqlite3"
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


@pytest.mark.slow
def test_init_reports_each_step_once_with_what_it_loaded(
    initialised: tuple[dict[str, str], str],
) -> None:
    """One table: a row per step, the rows the step loaded, its own duration; the durations
    add up to no more than the whole run (the bars used to keep counting after their step)."""
    env, output = initialised
    stats = json.loads(run(["stats", "--json"], env).stdout)
    rows = [line for line in output.splitlines() if "│" in line and " s " in line]
    labels = [line.split("│")[1].strip() for line in rows]
    assert len(labels) == len(set(labels)), labels
    themes = next(line for line in rows if "Thèmes" in line)
    assert themes.split("│")[2].strip() == str(stats["themes"])
    wikidata = next(line for line in rows if "Wikidata" in line)
    assert wikidata.split("│")[2].strip().replace("\u202f", "").isdigit()
    durations = [float(line.split("│")[3].strip().split()[0]) for line in rows]
    total = float(re.search(r"terminé en ([0-9.]+) s", output).group(1))  # type: ignore[union-attr]
    assert sum(durations) <= total + 0.5


def test_a_command_run_where_there_is_no_database_says_so(tmp_path: Path) -> None:
    """From another folder: one clear line and exit 2, and no ./var left behind."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COOPDEC_", "DJANGO_"))}
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [*COOPDEC, "search", "eau"], env=env, cwd=elsewhere, capture_output=True, text=True,
        timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "coopdec init" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (elsewhere / "var").exists()


def test_init_writes_a_local_secret_once(initialised: tuple[dict[str, str], str]) -> None:
    env, _ = initialised
    secret = Path(env["COOPDEC_DATA_DIR"]) / "secret_key"
    assert secret.stat().st_mode & 0o777 == 0o600
    before = secret.read_text()
    assert len(before) >= 50
    assert run(["init"], env).returncode == 0
    assert secret.read_text() == before


@pytest.mark.slow
def test_serve_without_debug_shows_the_site_s_own_error_pages(
    initialised: tuple[dict[str, str], str],
) -> None:
    """``make run`` serves with DEBUG off: a visitor never sees Django's technical pages."""
    import socket
    import time
    import urllib.error
    import urllib.request

    env, _ = initialised
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**env, "COOPDEC_SECURE_SSL_REDIRECT": "0"}
    server = subprocess.Popen(
        [*COOPDEC, "serve", "--port", str(port), "--workers", "1"], env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/no-such-page/", timeout=5)
            except urllib.error.HTTPError as exc:
                body = exc.read().decode()
                assert exc.code == 404
                break
            except OSError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.5)
        assert "Using the URLconf" not in body
        assert "DEBUG = True" not in body
        assert "coopdec" in body.lower()
    finally:
        server.terminate()
        server.wait(timeout=30)
