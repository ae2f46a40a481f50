"""Back up and restore the whole platform database (``coopdec backup`` / ``coopdec restore``).

A backup is one tar file: ``manifest.json`` (engine, date, coopdec version, the row count of
every table ``coopdec stats`` shows) and the database itself —

- SQLite: a copy made with SQLite's online backup API, consistent while the server keeps
  serving and writing (WAL); restoring copies it back the same way, in one step;
- PostgreSQL: ``pg_dump --format=custom``, restored with ``pg_restore --clean --if-exists``
  in a single transaction.

Uploaded files: coopdec keeps none outside the database (workspaces and imports are rows),
so the database is the whole state. A restore checks the counts against the manifest and
says which table differs; a backup of one engine is refused by the other with a clear line.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.db import connection

from coopdec.platform import table_counts

MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
POSTGRES_MEMBER = "database.pgdump"


class BackupError(Exception):
    """A backup or restore that cannot be done; the message is one line for the user."""


@dataclass(frozen=True)
class BackupReport:
    path: Path
    engine: str
    created: str
    counts: dict[str, int]


def _engine() -> str:
    return "sqlite" if connection.vendor == "sqlite" else "postgresql"


def _pg_url() -> str:
    """A libpq URL of Django's connection (pg_dump and pg_restore read it with -d)."""
    s = connection.settings_dict
    auth = quote(s["USER"] or "")
    if s.get("PASSWORD"):
        auth += ":" + quote(s["PASSWORD"])
    host = s.get("HOST") or "localhost"
    port = f":{s['PORT']}" if s.get("PORT") else ""
    return f"postgresql://{auth}@{host}{port}/{quote(s['NAME'])}"


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} introuvable : installez les outils clients de PostgreSQL")
    return found


def _run(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        lines = (result.stderr or result.stdout).strip().splitlines()
        raise BackupError(f"{Path(command[0]).name} a échoué : {lines[0] if lines else '?'}")


def backup(out: Path) -> BackupReport:
    """Write a backup of the database to ``out`` (a tar file), consistent while serving."""
    engine = _engine()
    created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with tempfile.TemporaryDirectory(prefix="coopdec-backup-") as work:
        if engine == "sqlite":
            member = Path(work) / SQLITE_MEMBER
            connection.ensure_connection()
            source: Any = connection.connection
            with sqlite3.connect(member) as copy:
                source.backup(copy)
            copy.close()
        else:
            member = Path(work) / POSTGRES_MEMBER
            _run([_pg_tool("pg_dump"), "--format=custom", "--no-owner", "-f", str(member),
                  "-d", _pg_url()])  # fmt: skip
        counts = table_counts()
        manifest = {
            "engine": engine,
            "created": created,
            "coopdec": metadata.version("coopdec"),
            "counts": counts,
        }
        out.parent.mkdir(parents=True, exist_ok=True)
        partial = out.with_name(out.name + ".partial")
        with tarfile.open(partial, "w") as tar:
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
            tar.add(member, arcname=member.name)
        partial.replace(out)  # never a half-written backup under the final name
    return BackupReport(out, engine, created, counts)


def read_manifest(path: Path) -> dict[str, Any]:
    try:
        with tarfile.open(path) as tar:
            handle = tar.extractfile(MANIFEST)
            if handle is None:
                raise KeyError(MANIFEST)
            manifest: dict[str, Any] = json.loads(handle.read())
    except (OSError, tarfile.TarError, KeyError, ValueError) as exc:
        raise BackupError(f"{path} : ce n'est pas une sauvegarde coopdec lisible") from exc
    return manifest


def restore(path: Path) -> BackupReport:
    """Replace the database's content by the backup's, then check the row counts."""
    manifest = read_manifest(path)
    engine = _engine()
    if manifest.get("engine") != engine:
        raise BackupError(
            f"{path} : sauvegarde d'une base {manifest.get('engine')}, "
            f"la base configurée est {engine}"
        )
    member = SQLITE_MEMBER if engine == "sqlite" else POSTGRES_MEMBER
    with tempfile.TemporaryDirectory(prefix="coopdec-restore-") as work:
        with tarfile.open(path) as tar:
            try:
                tar.extract(member, work, filter="data")
            except KeyError as exc:
                raise BackupError(f"{path} : {member} manquant dans la sauvegarde") from exc
        extracted = Path(work) / member
        if engine == "sqlite":
            connection.ensure_connection()
            target: Any = connection.connection
            with sqlite3.connect(extracted) as source:
                source.backup(target)
            source.close()
        else:
            connection.close()  # pg_restore drops the tables this connection may hold
            _run([_pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner",
                  "--single-transaction", "-d", _pg_url(), str(extracted)])  # fmt: skip
    counts = table_counts()
    expected = {k: int(v) for k, v in manifest.get("counts", {}).items()}
    differing = [k for k, v in expected.items() if counts.get(k) != v]
    if differing:
        raise BackupError(
            f"restauration incomplète : comptes différents pour {', '.join(differing)}"
        )
    return BackupReport(path, engine, str(manifest.get("created", "")), counts)
