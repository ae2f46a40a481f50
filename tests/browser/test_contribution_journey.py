"""The contribution journey in Chromium against ``coopdec serve``: a member signs in, declares
a partnership and a call for partners; the manager publishes them; the call is found by search
with its "open" badge; a moderator restores an earlier version."""

from __future__ import annotations

import subprocess
import sys
import uuid
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import REPO, Site, Watch, check_clean, needs_chromium, new_page

pytestmark = [pytest.mark.browser, needs_chromium]
PASSWORD = "correct horse battery staple 42"
SEED_ACCOUNTS = """
import django, json, sys
django.setup()
from django.contrib.auth import get_user_model
from coopdec.accounts.models import Membership, NetworkModerator
from coopdec.catalogue.models import FrenchAuthority
suffix, password = sys.argv[1], sys.argv[2]
own = FrenchAuthority.objects.get(kind="departement", code="29")
users = {}
for role in ("member", "manager", "moderator"):
    email = f"{role}-{suffix}@example.org"
    users[role] = get_user_model().objects.create_user(username=email, email=email,
                                                       password=password)
Membership.objects.create(user=users["member"], authority=own, status="approved")
Membership.objects.create(user=users["manager"], authority=own, status="approved",
                          role="manager")
NetworkModerator.objects.create(user=users["moderator"], region=own.region)
print(json.dumps({"authority": own.pk, **{k: u.email for k, u in users.items()}}))
"""


def _sign_in(browser: Any, site: Site, watch: Watch, email: str) -> Any:
    page = new_page(browser, site, watch)
    page.goto(f"{site.url}/compte/connexion/")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(lambda url: "/connexion/" not in url)
    return page


def test_declare_publish_search_restore(browser: Any, site: Site, watch: Watch) -> None:
    import json

    suffix = uuid.uuid4().hex[:8]
    done = subprocess.run(
        [sys.executable, "-c", SEED_ACCOUNTS, suffix, PASSWORD], env=site.env, cwd=REPO,
        capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    seeded = json.loads(done.stdout.strip().splitlines()[-1])
    authority = seeded["authority"]

    member = _sign_in(browser, site, watch, seeded["member"])
    member.goto(f"{site.url}/contribuer/{authority}/partenariat/")
    member.get_by_label("Titre").fill(f"Finistère et Ziguinchor {suffix}")
    member.get_by_label("Type de relation").select_option("cooperation")
    member.get_by_label("Statut").select_option("active")
    member.get_by_label("Collectivité partenaire (nom)").fill("Ziguinchor")
    member.get_by_label("Pays du partenaire").select_option(label="Sénégal (SN)")
    member.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(member.get_by_text("Contribution enregistrée")).to_be_visible()
    member.goto(f"{site.url}/contribuer/{authority}/appel/")
    title = f"Appel eau potable {suffix}"
    member.get_by_label("Titre").fill(f"{title} v1")
    member.get_by_label("Ce que la collectivité recherche").fill("Des communes partenaires")
    member.get_by_label("Ouvert jusqu'au").fill("2030-06-30")
    member.get_by_label("Contact (service, adresse générique)").fill("international@example.org")
    member.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(member.get_by_text("Contribution enregistrée")).to_be_visible()
    check_clean(member, watch)

    manager = _sign_in(browser, site, watch, seeded["manager"])
    for _draft in range(2):
        manager.goto(f"{site.url}/contribuer/moderation/")
        manager.locator("table a", has_text=suffix).first.click()
        manager.get_by_role("button", name="Publier", exact=True).click()
        expect(manager.get_by_text("Contribution publiée.")).to_be_visible()
    # A second version of the call, published too.
    manager.goto(f"{site.url}/catalogue/?q={suffix}")
    card = manager.locator("article, li, div").filter(has_text=f"{title} v1").last
    expect(card).to_be_visible()
    expect(manager.get_by_text("Ouvert à de nouvelles collectivités").first).to_be_visible()
    manager.get_by_role("link", name=f"{title} v1").first.click()
    expect(manager.get_by_text("Appel à partenaires ouvert jusqu'au 2030-06-30")).to_be_visible()
    expect(manager.get_by_text("Déclaré par Finistère")).to_be_visible()
    manager.get_by_role("link", name="Proposer une modification (pour Finistère)").click()
    manager.get_by_label("Titre").fill(f"{title} v2")
    manager.get_by_role("button", name="Enregistrer le brouillon").click()
    manager.goto(f"{site.url}/contribuer/moderation/")
    manager.locator("table a", has_text=f"{title} v2").click()
    manager.get_by_role("button", name="Publier", exact=True).click()
    check_clean(manager, watch)

    moderator = _sign_in(browser, site, watch, seeded["moderator"])
    moderator.goto(f"{site.url}/catalogue/?q={suffix}")
    moderator.get_by_role("link", name=f"{title} v2").first.click()
    moderator.get_by_role("link", name="Historique").click()
    moderator.get_by_role("button", name="Rétablir la version 1").click()
    expect(moderator.get_by_text("Version 1 rétablie.")).to_be_visible()
    moderator.goto(f"{site.url}/catalogue/?q={suffix}")
    expect(moderator.get_by_role("link", name=f"{title} v1").first).to_be_visible()
    check_clean(moderator, watch)
