"""Follow docs/operations.md's recipe on this machine: PostgreSQL, two app servers, nginx.

    python scripts/deploy_local.py ROOT [--proxy-port 8080] [--servers 2] [--workers 2]

What the recipe does on several machines, done on one (all on 127.0.0.1):

1. a fresh PostgreSQL cluster (``initdb`` + ``pg_ctl``, under ``ROOT/pg`` or a temporary
   directory the ``postgres`` user can reach when run as root), a role ``coopdec`` with a
   password and a database it owns;
2. the environment file of the recipe (``ROOT/coopdec.env``, mode 600): database URL, one
   secret key for every server, allowed hosts, static root, trusted proxy, shared rate-limit
   counters;
3. ``coopdec init`` once, ``django-admin collectstatic --noinput``, then
   ``django-admin check --deploy --fail-level WARNING``;
4. ``--servers`` processes ``coopdec serve`` on their own ports;
5. nginx in front (the recipe's nginx block, ``ROOT/nginx.conf``): ``/static/`` served from
   the static root, everything else shared between the servers, ``X-Forwarded-For`` and
   ``X-Request-ID`` passed on, its access log naming the server of each request;
6. ``/healthz`` through the proxy answers ``{"status": "ok"}``.

Without TLS on this machine the servers run with ``COOPDEC_SECURE_SSL_REDIRECT=0`` (the
recipe's proxy terminates TLS; ``check --deploy`` is run with the redirect on). The command
keeps everything running until Ctrl-C, then stops what it started (and only that).
``tests/browser/test_several_servers.py`` uses :func:`deploy`.
"""

from __future__ import annotations

import argparse
import json
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pg_test_cluster import find_bin, free_port, run_as, service_user

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
NGINX_CONF = """\
{user}
worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/nginx-error.log warn;
daemon off;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    client_body_temp_path {root}/nginx-tmp/body;
    proxy_temp_path {root}/nginx-tmp/proxy;
    fastcgi_temp_path {root}/nginx-tmp/fastcgi;
    uwsgi_temp_path {root}/nginx-tmp/uwsgi;
    scgi_temp_path {root}/nginx-tmp/scgi;
    log_format upstream '$remote_addr "$request" $status $upstream_addr $request_id';
    access_log {root}/nginx-access.log upstream;

    upstream coopdec {{
        least_conn;
{servers}
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{port};
        server_name 127.0.0.1 localhost;
        client_max_body_size 50m;
        location /static/ {{
            alias {static}/;
            expires 30d;
        }}
        location / {{
            proxy_pass http://coopdec;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Request-ID $request_id;
            proxy_read_timeout 90s;
        }}
    }}
}}
"""


@dataclass
class Deployment:
    """What :func:`deploy` started: the proxy's URL, each app server's URL and log."""

    url: str
    servers: list[str]
    server_logs: list[Path]
    proxy_access_log: Path
    env: dict[str, str]
    root: Path
    pids: dict[str, int] = field(default_factory=dict)

    def served_by(self) -> dict[str, int]:
        """How many proxied requests each app server answered (from nginx's access log)."""
        counts = {address.removeprefix("http://"): 0 for address in self.servers}
        for line in self.proxy_access_log.read_text().splitlines():
            for address in counts:
                if f" {address} " in line:
                    counts[address] += 1
        return counts


def wait_for(url: str, deadline: float, process: subprocess.Popen[bytes], log: Path) -> None:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:  # noqa: S310 (loopback)
                if answer.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline or process.poll() is not None:
            raise RuntimeError(f"{url} never answered; log {log}:\n{log.read_text()[-3000:]}")
        time.sleep(0.3)


@contextmanager
def postgresql(stack: ExitStack) -> Iterator[str]:
    """A fresh cluster, a password role ``coopdec`` and its database; the URL to use."""
    initdb, pg_ctl, psql = find_bin("initdb"), find_bin("pg_ctl"), find_bin("psql")
    if not (initdb and pg_ctl and psql):
        raise RuntimeError("PostgreSQL introuvable (initdb, pg_ctl, psql)")
    user = service_user()
    # Its own temporary directory: as root, the ``postgres`` user must reach it.
    pg_root = Path(tempfile.mkdtemp(prefix="coopdec-deploy-pg-"))
    data, sockets = pg_root / "data", pg_root / "run"
    sockets.mkdir()
    if user:
        entry = pwd.getpwnam(user)
        for path in (pg_root, sockets):
            os.chown(path, entry.pw_uid, entry.pw_gid)
    port = free_port()
    base = [initdb, "-D", str(data), "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8"]
    run_as(user, [*base, "--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync"])
    # The recipe's settings, scaled down: two servers x workers x 4 threads + 10 connections.
    options = (
        f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c shared_buffers=128MB "
        "-c work_mem=16MB -c maintenance_work_mem=256MB -c max_connections=60"
    )
    log = pg_root / "server.log"
    run_as(user, [pg_ctl, "-D", str(data), "-o", options, "-w", "-l", str(log), "start"])

    def stop() -> None:
        if (data / "postmaster.pid").exists():
            run_as(user, [pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop"])
        shutil.rmtree(pg_root, ignore_errors=True)

    stack.callback(stop)
    password = secrets.token_urlsafe(18)
    for sql in (
        f"CREATE ROLE coopdec LOGIN PASSWORD '{password}'",
        "CREATE DATABASE coopdec OWNER coopdec",
    ):
        run_as(user, [psql, "-h", str(sockets), "-p", str(port), "-U", "postgres", "-c", sql])
    yield f"postgresql://coopdec:{password}@127.0.0.1:{port}/coopdec"


@contextmanager
def deploy(
    root: Path,
    *,
    servers: int = 2,
    workers: int = 1,
    proxy_port: int | None = None,
    extra_env: dict[str, str] | None = None,
    seed: str | None = None,
) -> Iterator[Deployment]:
    """The recipe of docs/operations.md on this machine; everything stopped on exit.

    ``extra_env`` is added to the environment file (e.g. rate limits off for a test that
    speaks from one address); ``seed`` is Python code run once after ``coopdec init``."""
    if NGINX is None:
        raise RuntimeError("nginx introuvable (apt-get install nginx)")
    root.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        database_url = stack.enter_context(postgresql(stack))
        static = root / "static"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("COOPDEC_", "DJANGO_"))}
        settings = {
            "COOPDEC_DATABASE_URL": database_url,
            "COOPDEC_SECRET_KEY": secrets.token_urlsafe(50),
            "COOPDEC_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "COOPDEC_STATIC_ROOT": str(static),
            "COOPDEC_DATA_DIR": str(root / "data"),
            "COOPDEC_TRUSTED_PROXIES": "127.0.0.1",
            "COOPDEC_RATELIMIT_CACHE": "database",
            **(extra_env or {}),
        }
        env_file = root / "coopdec.env"
        env_file.touch(mode=0o600)
        env_file.write_text("".join(f"{key}={value}\n" for key, value in settings.items()))
        env.update(settings, DJANGO_SETTINGS_MODULE="coopdec.settings")
        admin = [sys.executable, "-m", "django"]
        coopdec = [sys.executable, "-m", "coopdec"]
        for step in (
            [*coopdec, "init"],
            [*admin, "collectstatic", "--noinput"],
            [*admin, "check", "--deploy", "--fail-level", "WARNING"],
        ):
            done = subprocess.run(step, env=env, capture_output=True, text=True, check=False)  # noqa: S603
            if done.returncode:
                raise RuntimeError(f"{' '.join(step[1:])}:\n{done.stdout}\n{done.stderr}")
        if seed:
            done = subprocess.run(  # noqa: S603
                [sys.executable, "-c", seed], env=env, capture_output=True, text=True, check=False
            )
            if done.returncode:
                raise RuntimeError(f"seed:\n{done.stderr}")
            (root / "seed.out").write_text(done.stdout)
        # Plain HTTP on this machine: the recipe's proxy terminates TLS.
        env["COOPDEC_SECURE_SSL_REDIRECT"] = "0"
        deployment = Deployment(
            url="", servers=[], server_logs=[], proxy_access_log=root / "nginx-access.log",
            env=env, root=root,
        )  # fmt: skip
        deadline = time.monotonic() + 120
        started = []
        for number in range(1, servers + 1):
            port = free_port()
            log_path = root / f"app{number}.log"
            log = stack.enter_context(log_path.open("w"))
            process = subprocess.Popen(  # noqa: S603
                [*coopdec, "serve", "--port", str(port), "--workers", str(workers)],
                env=env, stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
            stack.callback(stop_process, process)
            deployment.pids[f"app{number}"] = process.pid
            deployment.servers.append(f"http://127.0.0.1:{port}")
            deployment.server_logs.append(log_path)
            started.append((process, log_path))
        for (process, log_path), url in zip(started, deployment.servers, strict=True):
            wait_for(url + "/healthz", deadline, process, log_path)
        port = proxy_port or free_port()
        (root / "nginx-tmp").mkdir(exist_ok=True)
        conf = root / "nginx.conf"
        conf.write_text(
            NGINX_CONF.format(
                # As root, the workers would run as nobody and not reach a private ROOT.
                user="user root;" if os.geteuid() == 0 else "",
                root=root,
                port=port,
                static=static,
                servers="\n".join(
                    f"        server {url.removeprefix('http://')};" for url in deployment.servers
                ),
            )
        )
        nginx_log = root / "nginx-stderr.log"
        proxy = subprocess.Popen(  # noqa: S603
            [NGINX, "-c", str(conf), "-p", str(root), "-e", str(root / "nginx-error.log")],
            stdout=stack.enter_context(nginx_log.open("w")), stderr=subprocess.STDOUT,
        )  # fmt: skip
        stack.callback(stop_process, proxy, signal.SIGQUIT)
        deployment.pids["nginx"] = proxy.pid
        deployment.url = f"http://127.0.0.1:{port}"
        wait_for(deployment.url + "/healthz", deadline, proxy, root / "nginx-error.log")
        yield deployment


def stop_process(process: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
    """Stop one process this script started (by its own handle, never by name)."""
    if process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--proxy-port", type=int)
    parser.add_argument("--servers", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with deploy(
        args.root.resolve(), servers=args.servers, workers=args.workers, proxy_port=args.proxy_port
    ) as deployment:
        with urllib.request.urlopen(deployment.url + "/healthz", timeout=5) as answer:  # noqa: S310
            health = json.loads(answer.read())
        print(f"coopdec sert {deployment.url}/ via nginx → {', '.join(deployment.servers)}")
        print(f"/healthz : {health}")
        print("Ctrl-C pour tout arrêter.", flush=True)
        with suppress(KeyboardInterrupt):
            signal.pause()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
