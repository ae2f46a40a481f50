"""Run a command against a throw-away PostgreSQL cluster started for it.

    python scripts/pg_test_cluster.py -- pytest -m "not browser"

initdb + pg_ctl in a temporary directory, a free port on 127.0.0.1, a database named
``coopdec``; ``COOPDEC_DATABASE_URL`` points to it for the command; the cluster is stopped and
removed afterwards. PostgreSQL refuses to run as root, so as root the cluster runs as the
``postgres`` system user (or ``nobody``). Without PostgreSQL binaries it says so and exits 0:
the PostgreSQL half of the suite is then skipped, loudly.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path


def find_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True)
    return str(candidates[0]) if candidates else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run_as(user: str | None, args: list[str]) -> None:
    command = ["runuser", "-u", user, "--", *args] if user else args
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)  # noqa: S603


def service_user() -> str | None:
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise SystemExit("pg_test_cluster: running as root and no 'postgres' or 'nobody' user")


def main(argv: list[str]) -> int:
    if "--" not in argv:
        raise SystemExit("usage: pg_test_cluster.py -- COMMAND [ARGS...]")
    command = argv[argv.index("--") + 1 :]
    initdb, pg_ctl = find_bin("initdb"), find_bin("pg_ctl")
    if not (initdb and pg_ctl):
        print("PostgreSQL introuvable (initdb/pg_ctl) : tests PostgreSQL SAUTÉS.", flush=True)
        return 0
    user = service_user()
    root = Path(tempfile.mkdtemp(prefix="coopdec-pg-"))
    data, sockets = root / "data", root / "run"
    sockets.mkdir()
    if user:
        entry = pwd.getpwnam(user)
        for path in (root, sockets):
            os.chown(path, entry.pw_uid, entry.pw_gid)
    port = free_port()
    try:
        run_as(
            user,
            [
                initdb,
                "-D",
                str(data),
                "-U",
                "coopdec",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
        )
        options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off"
        run_as(
            user,
            [pg_ctl, "-D", str(data), "-o", options, "-w", "-l", str(root / "server.log"), "start"],
        )
        createdb = find_bin("createdb") or "createdb"
        run_as(user, [createdb, "-h", "127.0.0.1", "-p", str(port), "-U", "coopdec", "coopdec"])
        env = dict(os.environ)
        env["COOPDEC_DATABASE_URL"] = f"postgresql://coopdec@127.0.0.1:{port}/coopdec"
        print(f"PostgreSQL de test sur 127.0.0.1:{port} ({pg_ctl})", flush=True)
        return subprocess.run(command, env=env, check=False).returncode  # noqa: S603
    finally:
        if (data / "postmaster.pid").exists():
            run_as(user, [pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop"])
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
