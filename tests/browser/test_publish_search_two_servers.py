"""The "Done when" walk of issue 21 in Chromium, across two servers sharing one database.

A member signs in on server A and declares a partnership, a project open to new authorities
and a call for partners; a manager publishes them on A; server B — another ``coopdec serve``
(two gunicorn workers) on the same database, started before the publications and never
restarted — finds the call and the project by search with their "ouvert à de nouvelles
collectivités" badge; a moderator restores an earlier version of the call on A, and B's
search follows. Every search below is answered by B's processes, never by A's (the two
servers have their own process ids, checked). How fast B follows is the benchmark's business
(``coopdec bench publish``, docs/benchmarks.md: p95 ≤ 2 s); here B must follow without a
restart, and the delay each step took is printed.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import REPO, Site, Watch, check_clean, needs_chromium, serving
from tests.browser.test_contribution_journey import PASSWORD, SEED_ACCOUNTS, _sign_in

pytestmark = [pytest.mark.browser, needs_chromium]
BADGE = "Ouvert à de nouvelles collectivités"
FOLLOW_TIMEOUT = 30.0  # seconds: a generous bound, not the target (see the module's note)


@pytest.fixture
def server_b(site: Site, tmp_path: Any) -> Iterator[str]:
    """A second server on the site's database (its URL)."""
    with serving(site.env, tmp_path / "server-b.log", workers=2) as url:
        yield url


def _listening_pids(port: int) -> set[int]:
    """Process ids holding the socket that listens on ``port`` (read from /proc: a gunicorn
    master and the workers it forked share it)."""
    inodes = set()
    for table in (Path("/proc/net/tcp"), Path("/proc/net/tcp6")):
        if table.exists():
            for row in table.read_text().splitlines()[1:]:
                fields = row.split()
                local, state, inode = fields[1], fields[3], fields[9]
                if state == "0A" and int(local.rsplit(":", 1)[1], 16) == port:  # LISTEN
                    inodes.add(f"socket:[{inode}]")
    pids = set()
    for process in Path("/proc").iterdir():
        if not process.name.isdigit():
            continue
        try:
            if any(str(fd.readlink()) in inodes for fd in (process / "fd").iterdir()):
                pids.add(int(process.name))
        except OSError:  # a process that ended meanwhile, or not ours to read
            continue
    return pids


def _api_finds(url: str, query: str, title: str) -> float:
    """Ask ``url``'s search API for ``query`` until ``title`` is among the results: the
    delay (a light request: the page below costs more than the index takes to follow)."""
    started = time.monotonic()
    address = f"{url}/api/v1/search?{urllib.parse.urlencode({'q': query})}"
    while True:
        with urllib.request.urlopen(address, timeout=10) as answer:  # noqa: S310
            titles = {hit["title"] for hit in json.load(answer)["results"]}
        if title in titles:
            return time.monotonic() - started
        assert time.monotonic() - started < FOLLOW_TIMEOUT, f"« {title} » absent from {url}"
        time.sleep(0.05)


def _found_on(page: Any, url: str, query: str, title: str) -> tuple[Any, float]:
    """Search ``query`` on ``url`` until a result card shows ``title``: the card, the delay."""
    started = time.monotonic()
    while True:
        page.goto(f"{url}/catalogue/?q={query}")
        card = page.locator("ul.coopdec-cards > li").filter(has_text=title)
        if card.count():
            return card.first, time.monotonic() - started
        assert time.monotonic() - started < FOLLOW_TIMEOUT, f"« {title} » absent from {url}"
        time.sleep(0.1)


def _gone_from(page: Any, url: str, query: str, title: str) -> float:
    started = time.monotonic()
    while True:
        page.goto(f"{url}/catalogue/?q={query}")
        if not page.locator("ul.coopdec-cards > li").filter(has_text=title).count():
            return time.monotonic() - started
        assert time.monotonic() - started < FOLLOW_TIMEOUT, f"« {title} » still on {url}"
        time.sleep(0.1)


def test_published_then_restored_records_are_searched_on_another_server(
    browser: Any, site: Site, watch: Watch, server_b: str
) -> None:
    url_b = server_b
    port_a, port_b = int(site.url.rsplit(":", 1)[1]), int(url_b.rsplit(":", 1)[1])
    pids_a, pids_b = _listening_pids(port_a), _listening_pids(port_b)
    assert pids_a and pids_b and not pids_a & pids_b  # two servers, no process in common
    assert len(pids_b) >= 3  # B's gunicorn master and its two workers
    suffix = uuid.uuid4().hex[:8]
    done = subprocess.run(
        [sys.executable, "-c", SEED_ACCOUNTS, suffix, PASSWORD], env=site.env, cwd=REPO,
        capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    seeded = json.loads(done.stdout.strip().splitlines()[-1])
    authority = seeded["authority"]
    visitor = browser.new_page()  # anonymous, on server B only
    _found_on(visitor, url_b, "eau", "")  # B has loaded its index before any publication

    member = _sign_in(browser, site, watch, seeded["member"])
    member.goto(f"{site.url}/contribuer/{authority}/partenariat/")
    member.get_by_label("Titre").fill(f"Finistère et Ziguinchor {suffix}")
    member.get_by_label("Type de relation").select_option("cooperation")
    member.get_by_label("Statut").select_option("active")
    member.get_by_label("Collectivité partenaire (nom)").fill("Ziguinchor")
    member.get_by_label("Pays du partenaire").select_option(label="Sénégal (SN)")
    member.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(member.get_by_text("Contribution enregistrée")).to_be_visible()
    member.goto(f"{site.url}/contribuer/{authority}/projet/")
    project = f"Maraîchage à Ziguinchor {suffix}"
    member.get_by_label("Titre").fill(project)
    member.get_by_label("Statut").select_option("active")
    member.locator("label", has_text=BADGE).click()  # the DSFR label covers its box
    expect(member.get_by_label(BADGE)).to_be_checked()
    member.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(member.get_by_text("Contribution enregistrée")).to_be_visible()
    member.goto(f"{site.url}/contribuer/{authority}/appel/")
    call = f"Appel eau potable {suffix}"
    member.get_by_label("Titre").fill(f"{call} v1")
    member.get_by_label("Ce que la collectivité recherche").fill("Des communes partenaires")
    member.get_by_label("Ouvert jusqu'au").fill("2030-06-30")
    member.get_by_label("Contact (service, adresse générique)").fill("international@example.org")
    member.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(member.get_by_text("Contribution enregistrée")).to_be_visible()
    check_clean(member, watch)
    # Nothing is public before a manager publishes.
    assert _gone_from(visitor, url_b, suffix, f"{call} v1") < FOLLOW_TIMEOUT

    manager = _sign_in(browser, site, watch, seeded["manager"])
    for _draft in range(3):
        manager.goto(f"{site.url}/contribuer/moderation/")
        manager.locator("table a", has_text=suffix).first.click()
        manager.get_by_role("button", name="Publier", exact=True).click()
        expect(manager.get_by_text("Contribution publiée.")).to_be_visible()
    delay = _api_finds(url_b, suffix, f"{call} v1")
    print(f"call found by server B's search API {delay:.2f} s after its publication on A")
    card, delay = _found_on(visitor, url_b, suffix, f"{call} v1")
    print(f"... and on B's catalogue page after {delay:.2f} s more")
    expect(card.get_by_text(BADGE)).to_be_visible()
    card, _delay = _found_on(visitor, url_b, suffix, project)
    expect(card.get_by_text(BADGE)).to_be_visible()
    _found_on(visitor, url_b, suffix, f"Finistère et Ziguinchor {suffix}")

    # A second version of the call, published on A, reaches B too.
    manager.goto(f"{site.url}/catalogue/?q={suffix}")
    manager.get_by_role("link", name=f"{call} v1").first.click()
    manager.get_by_role("link", name="Proposer une modification (pour Finistère)").click()
    manager.get_by_label("Titre").fill(f"{call} v2")
    manager.get_by_role("button", name="Enregistrer le brouillon").click()
    manager.goto(f"{site.url}/contribuer/moderation/")
    manager.locator("table a", has_text=f"{call} v2").click()
    manager.get_by_role("button", name="Publier", exact=True).click()
    expect(manager.get_by_text("Contribution publiée.")).to_be_visible()
    _found_on(visitor, url_b, suffix, f"{call} v2")
    check_clean(manager, watch)

    moderator = _sign_in(browser, site, watch, seeded["moderator"])
    moderator.goto(f"{site.url}/catalogue/?q={suffix}")
    moderator.get_by_role("link", name=f"{call} v2").first.click()
    moderator.get_by_role("link", name="Historique").click()
    moderator.get_by_role("button", name="Rétablir la version 1").click()
    expect(moderator.get_by_text("Version 1 rétablie.")).to_be_visible()
    delay = _api_finds(url_b, suffix, f"{call} v1")
    print(f"restored version found by server B's search API {delay:.2f} s after the restore")
    card, _delay = _found_on(visitor, url_b, suffix, f"{call} v1")
    expect(card.get_by_text(BADGE)).to_be_visible()
    _gone_from(visitor, url_b, suffix, f"{call} v2")
    check_clean(moderator, watch)
    assert _listening_pids(port_b) == pids_b  # the same processes of B answered throughout
    visitor.close()
