"""Run coopdec under gunicorn from the ``coopdec serve`` command."""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication


class _Server(BaseApplication):  # type: ignore[misc]
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from coopdec.wsgi import application

        return application


def run_server(*, host: str, port: int, workers: int) -> None:
    _Server(
        {
            "bind": f"{host}:{port}",
            "workers": workers,
            "worker_class": "gthread",
            "threads": 4,
            "accesslog": "-",
            "timeout": 60,
            # Idle kept-alive connections are held by the worker's poller, not a thread, so a
            # long keep-alive is cheap. It must outlast the proxy's own idle timeout (nginx
            # upstream keepalive_timeout: 60 s): with gunicorn's default 2 s, the server closes
            # connections the proxy is about to reuse; nginx retries a GET on another server
            # but answers 502 to a POST (the load benchmark's clients met ~300 such closed
            # connections a minute, docs/benchmarks.md).
            "keepalive": 75,
            # gunicorn's control socket lives in the user's home (~/.gunicorn/gunicorn.ctl):
            # shared by every server of one user on a host, unwritable under the systemd unit
            # of docs/operations.md (ProtectSystem=strict), and unused by coopdec.
            "control_socket_disable": True,
        }
    ).run()
