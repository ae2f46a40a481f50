"""Issue 19, item 7: two app servers on one PostgreSQL behind nginx, as docs/operations.md
deploys them (``scripts/deploy_local.py``, the recipe on one machine).

Through the proxy only: the browser journey of issue 4 (the same test functions as
``test_journey.py``, given this deployment as their site) and the API contract
(schemathesis over HTTP, a few examples per operation). Then nginx's access log shows that
both servers answered, and each server's own log has JSON lines with the proxy's request ids.
The cluster, the servers and nginx are started here and stopped afterwards.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from benchmarks.fuzz_api import fuzz

from tests.browser.conftest import CHROMIUM, SEED, Site
from tests.browser.test_journey import (  # noqa: F401 (collected here against this site)
    test_departement_in_a_country_shared_mapped_and_contacted,
    test_home_search_box_leads_to_results,
)

REPO = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("deploy_local", REPO / "scripts/deploy_local.py")
assert _spec and _spec.loader
deploy_local = importlib.util.module_from_spec(_spec)
sys.modules["deploy_local"] = deploy_local
_spec.loader.exec_module(deploy_local)

# Bounded (the in-process contract test does 25 per operation; benchmarks/fuzz_api.py more).
EXAMPLES_PER_OPERATION = 3

pytestmark = [
    pytest.mark.browser,
    pytest.mark.postgresql,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} absent"),
    pytest.mark.skipif(deploy_local.NGINX is None, reason="nginx absent (apt-get install nginx)"),
    pytest.mark.skipif(
        deploy_local.find_bin("initdb") is None, reason="PostgreSQL absent (initdb)"
    ),
]


@pytest.fixture(scope="module")
def deployment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    root = tmp_path_factory.mktemp("deploy")
    # Every request comes from 127.0.0.1: the per-address limits are tested elsewhere.
    with deploy_local.deploy(
        root, servers=2, workers=1, extra_env={"COOPDEC_RATELIMIT_ENABLED": "0"}, seed=SEED
    ) as deployed:
        yield deployed


@pytest.fixture(scope="module")
def site(deployment: Any) -> Site:
    """The journey's site is the proxy, seeded with the web tests' small catalogue."""
    created = json.loads((deployment.root / "seed.out").read_text().strip().splitlines()[-1])
    return Site(
        deployment.url,
        created["partnerships"],
        created["project"],
        created["authorities"],
        env=deployment.env,
    )


def test_api_contract_through_the_proxy(deployment: Any) -> None:
    """Every operation of the served document, a few examples each, over HTTP through nginx:
    the checks of the contract test (benchmarks/fuzz_api.py runs the same with more)."""
    report = fuzz(deployment.url, EXAMPLES_PER_OPERATION, seed=0)
    assert report["operations"] >= 10
    assert report["examples"] >= report["operations"]
    assert report["server_errors"] == 0, report["failures"]
    assert report["schema_violations"] == 0, report["failures"]


def test_requests_reached_both_servers_with_request_ids(deployment: Any) -> None:
    with urllib.request.urlopen(deployment.url + "/healthz", timeout=10) as answer:  # noqa: S310
        assert json.loads(answer.read())["status"] == "ok"
    served = deployment.served_by()
    assert len(served) == 2
    assert all(count > 20 for count in served.values()), served
    # The proxy's request id is in the server's JSON lines (docs/operations.md, « Journaux »).
    proxy_ids = {
        line.rsplit(" ", 1)[-1] for line in deployment.proxy_access_log.read_text().splitlines()
    }
    for log in deployment.server_logs:
        ids = set()
        for line in log.read_text().splitlines():
            if line.startswith("{"):
                record = json.loads(line)
                if record.get("logger") == "coopdec.request":
                    ids.add(record.get("request_id"))
        assert ids & proxy_ids, f"no proxied request id in {log.name}"
    # Static files come from nginx (collectstatic), not from the app servers.
    static = [
        line for line in deployment.proxy_access_log.read_text().splitlines() if "/static/" in line
    ]
    assert static
    assert all(" 200 - " in line or " 304 - " in line for line in static), static[:3]
