"""The workspace in English: once the language switcher chose English, every step, the
documents page, the messages and the form errors speak English, with no French interface
message left (the rule messages, programme names and documents stay French: they are data)."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client

from coopdec.web.pofile import LOCALE_DIR, parse_po

from .helpers import STEP_SLUGS, form_values

pytestmark = pytest.mark.django_db

PLACEHOLDER = re.compile(r"%(?:\([a-z_]+\))?[sd]")


# Parts of the page that show data in French, whatever the language.
DATA_SHOWN = (
    r'<ol class="fr-raw-list" id="verdicts">.*?</ol>',  # rule titles and messages
    r'<div class="fr-mb-3w" data-program=.*?</details>\s*</div>',  # programmes and reasons
    r'<ul class="fr-raw-list">\s*(?:<li[^>]*data-plan-rule.*?</li>\s*)*</ul>',  # plan checks
    r'<select[^>]*name="[^"]*(?:program|country)"[^>]*>.*?</select>',  # programme names
)


def _workspace_french_messages() -> list[str]:
    """The French interface messages of the workspace whose English differs (long enough to
    be told apart from data: "Code" or "Type" are the same word in both languages)."""
    entries = parse_po(LOCALE_DIR / "en" / "LC_MESSAGES" / "django.po")
    return [
        e.msgid.replace("%%", "%")
        for e in entries
        if e.msgid
        and e.plural is None
        and any(r.startswith(("web/workspace/", "web/templates/workspace/")) for r in e.references)
        and len(e.msgid) >= 12
        and not PLACEHOLDER.search(e.msgid)
        and "<" not in e.msgid
        and e.msgstr
        and e.msgstr[0].replace("%%", "%") != e.msgid.replace("%%", "%")
    ]


def _interface_text(page: str) -> str:
    """The visible text of the page's main content, without the data it shows in French:
    the checks panel (rule messages, programme names) and the programme and country lists."""
    main = page.split('id="contenu"', 1)[1].split("</main>", 1)[0]
    for data in DATA_SHOWN:
        main = re.sub(data, " ", main, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", main))
    return re.sub(r"\s+", " ", text)


def _english(client: Client) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/projet/"})
    assert response.status_code == 302


def test_every_workspace_page_is_in_english_after_the_switch(client: Client) -> None:
    _english(client)
    loaded = client.post("/projet/exemple/", follow=True).content.decode()
    assert "Example project loaded (Carmaux – Koudougou, drinking water)." in loaded
    french = _workspace_french_messages()
    assert len(french) > 150
    pages = [f"/projet/{slug}/" for slug in STEP_SLUGS] + ["/projet/documents/"]
    for url in pages:
        page = client.get(url).content.decode()
        assert '<html lang="en"' in page, url
        assert "<h1>Project workspace</h1>" in page, url
        text = _interface_text(page)
        left = [message for message in french if message in text]
        assert left == [], (url, left)
    steps = client.get("/projet/financement/").content.decode()
    assert "Step 4 of 8" in steps and "Next step:" in steps
    assert "Save and check" in steps and "Save and go to the next step" in steps
    assert "Total cost of the project (€)" in steps and "Add a financing line" in steps
    assert "Resources of the service budgets (basis of the “1 %” caps)" in steps
    assert "Possible funding" in steps and "Financing plan" in steps
    assert "High reliability: a fact established by the sources cited." in steps
    assert re.search(r"\d+ ineligible programmes?, and why", steps)
    formalisation = client.get("/projet/formalisation/").content.decode()
    assert "Cooperation agreement (CGCT, article L1115-1)" in formalisation
    assert ">Not stated</label>" in formalisation and ">Yes</label>" in formalisation
    documents = client.get("/projet/documents/").content.decode()
    assert "Export as YAML" in documents and "Import a project file" in documents
    assert "KiB" in documents


def test_saving_and_errors_speak_english(client: Client) -> None:
    _english(client)
    client.post("/projet/exemple/")
    saved = client.post(
        "/projet/financement/", form_values(client, "financement"), follow=True
    ).content.decode()
    assert "Step “Funding” saved; the checks are up to date." in saved
    data = {**form_values(client, "financement"), "budget_total": "douze mille"}
    refused = client.post("/projet/financement/", data).content.decode()
    assert "Nothing has been saved: correct the fields marked." in refused
    assert "An amount in euros is expected, for example 12000, 12 000 or 12000.50." in refused
    search = client.get("/projet/identification/?q=Carmaux").content.decode()
    assert re.search(r"\d+ local authorit(y|ies) found", search)
    assert "Lead authority" in search
    bad_date = client.get("/projet/suivi/?date=demain").content.decode()
    assert "Unreadable date “demain” (format YYYY-MM-DD): today&#x27;s law is applied." in bad_date


def test_the_workspace_stays_french_by_default(client: Client) -> None:
    page = client.get("/projet/financement/").content.decode()
    assert '<html lang="fr"' in page
    assert "Étape 4 sur 8" in page and "Enregistrer et vérifier" in page
    assert "Save and check" not in page
