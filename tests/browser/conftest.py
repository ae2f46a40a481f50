"""Browser tests: Debian's Chromium driven by Playwright against a real server.

The server is ``coopdec serve`` (gunicorn, as ``make run``) on a throw-away SQLite database
made by ``coopdec init`` and the web tests' small catalogue (``tests/web/catalogue_data``),
added to whatever ``coopdec init`` loads. It runs in its own process: the test database and
its rolled-back transactions are not involved, and what the browser sees is what a newcomer
gets from ``make run``.

Every test also checks that the page broke no Content-Security-Policy rule, threw no script
error, wrote no error to the console and sent no request outside the site. On failure a
screenshot goes to test-artifacts/.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
SEED = """
import json, django
django.setup()
from django.db import transaction
from coopdec.catalogue.search import rebuild_index
from tests.web.catalogue_data import create
with transaction.atomic():
    created = create(replace=False)
rebuild_index()
print(json.dumps({"partnerships": created.partnerships, "project": created.project,
                  "authorities": created.authorities}))
"""
# Record CSP violations from the first script of every document (init scripts are not
# subject to the page's policy).
WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(
    `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`
  );
});
"""

needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"{CHROMIUM} absent (apt-get install chromium)"
)


@dataclass
class Site:
    url: str
    partnerships: dict[str, int]
    project: int
    authorities: dict[str, int]
    # The server's environment (data directory), for a test that seeds accounts.
    env: dict[str, str] = field(default_factory=dict)


@dataclass
class Watch:
    """What a page did that a test must not allow."""

    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _run(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(
        args, env=env, cwd=REPO, capture_output=True, text=True, timeout=600, check=False
    )
    if done.returncode:
        raise RuntimeError(f"{args} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} absent (apt-get install chromium)")
    data = tmp_path_factory.mktemp("site")
    env = {k: v for k, v in os.environ.items() if not k.startswith("COOPDEC_")}
    env.update(
        COOPDEC_DATA_DIR=str(data), COOPDEC_DEBUG="1", DJANGO_SETTINGS_MODULE="coopdec.settings"
    )
    # Every browser test speaks from 127.0.0.1 to this one server: the per-address rate limits
    # would count the whole session as one visitor (tests/web/test_abuse_limits.py tests them).
    env["COOPDEC_RATELIMIT_ENABLED"] = "0"
    _run([sys.executable, "-m", "coopdec", "init"], env)
    created = json.loads(_run([sys.executable, "-c", SEED], env).strip().splitlines()[-1])
    with serving(env, data / "server.log", workers=1) as url:
        yield Site(
            url, created["partnerships"], created["project"], created["authorities"], env=env
        )


@contextmanager
def serving(env: dict[str, str], log_path: Path, *, workers: int) -> Iterator[str]:
    """A ``coopdec serve`` on a free loopback port, answering ``/healthz``; its URL. Stopped
    on exit; its output goes to ``log_path`` (shown if it does not start)."""
    port = _free_port()
    log = log_path.open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "coopdec", "serve", "--port", str(port), "--workers", str(workers)],
        env=env, cwd=REPO, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/healthz", timeout=2) as answer:  # noqa: S310
                    if answer.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError(log_path.read_text()) from None
                time.sleep(0.3)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} absent (apt-get install chromium)")
    from playwright.sync_api import expect, sync_playwright

    # A loaded CI machine serves a page in seconds, not milliseconds.
    expect.set_options(timeout=15_000)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def new_page(browser: Any, site: Site, watch: Watch, **options: Any) -> Any:
    """A page in a fresh context (French browser unless told), watched."""
    context = browser.new_context(
        locale=options.pop("locale", "fr-FR"), accept_downloads=True, **options
    )
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.on("pageerror", lambda error: watch.errors.append(f"script error: {error}"))
    # Any console error fails the test: a refused resource, a CSP report, a failed request.
    page.on(
        "console",
        lambda message: (
            watch.errors.append(f"console {message.type}: {message.text} ({message.location})")
            if message.type == "error"
            else None
        ),
    )

    def on_request(request: Any) -> None:
        if not request.url.startswith((site.url, "data:", "blob:")):
            watch.outside.append(request.url)

    page.on("request", on_request)
    return page


@pytest.fixture
def watch() -> Watch:
    return Watch()


@pytest.fixture
def page(browser: Any, site: Site, watch: Watch, request: pytest.FixtureRequest) -> Iterator[Any]:
    page = new_page(browser, site, watch)
    yield page
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    else:
        check_clean(page, watch)
    page.context.close()


def check_clean(page: Any, watch: Watch) -> None:
    violations = page.evaluate("window.__cspViolations || []")
    assert violations == [], f"Content-Security-Policy violations: {violations}"
    assert watch.errors == [], "\n".join(watch.errors)
    assert watch.outside == [], f"requests outside the site: {watch.outside}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: Any) -> Iterator[None]:
    """Keep each phase's report on the test item, for the screenshot on failure."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
