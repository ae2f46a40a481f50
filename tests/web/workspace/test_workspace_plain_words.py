"""What the workspace shows is worded for a person: labels and programme names, not ids."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from coopdec import projectfile_service as services
from coopdec.workspaces.models import Workspace

from .helpers import STEP_SLUGS, example

pytestmark = pytest.mark.django_db

# What a user must never read: field paths, programme ids, the package's file paths.
TECHNICAL = re.compile(
    r"instruments\.[a-z_]+|financing\[\d|partners\[\d|prerequisites\.[a-z]|"
    r"lead_authority\.|(?:dctciv|daect)-aap|data/reference|(?:partner_restrictions|funding_programs)\.yaml"
)


class _Text(HTMLParser):
    """The text a reader sees (attributes, scripts and the ``<code>`` of examples left out)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style"}:
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"}:
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def visible(html: str) -> str:
    reader = _Text()
    reader.feed(html)
    return " ".join(reader.parts)


def _senegal_project() -> dict[str, object]:
    return {
        "coopdec_project": 1,
        "title": "Eau potable à Fissel",
        "lead_authority": {"kind": "commune", "code": "29019"},
        "partners": [{"name": "Commune de Fissel", "country": "SN", "kind": "local_authority"}],
        "themes": ["eau_assainissement"],
        "financing": [
            {"source": "own_cash", "amount": 10000},
            {"source": "program", "program": "dctciv-aap-generaliste"},
            {"source": "one_percent", "service": "eau_assainissement"},
        ],
    }


@pytest.mark.parametrize("on", ["2025-03-01", "2026-03-01"])
def test_no_page_of_the_workspace_shows_a_field_path_or_a_programme_id(
    client: Client, on: str
) -> None:
    for project in (_senegal_project(), example(), {"coopdec_project": 1}):
        content = yaml.safe_dump(project, allow_unicode=True).encode()
        client.post("/projet/importer/", {"file": SimpleUploadedFile("p.yaml", content)})
        for slug in (*STEP_SLUGS, "documents"):
            text = visible(client.get(f"/projet/{slug}/?date={on}").content.decode())
            assert not TECHNICAL.findall(text), (slug, TECHNICAL.findall(text))


def test_the_json_keeps_the_ids(client: Client) -> None:
    response = client.post("/api/v1/check?date=2026-03-01", _senegal_project(), "application/json")
    messages = " ".join(v["message"] for v in response.json()["verdicts"])
    assert "instruments.convention.signed" in messages


def test_check_without_json_speaks_plainly(tmp_path: Path) -> None:
    path = tmp_path / "fissel.yaml"
    path.write_text(yaml.safe_dump(_senegal_project(), allow_unicode=True), "utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "coopdec", "check", str(path), "--date", "2026-03-01"],
        capture_output=True,
        text=True,
        check=True,
        env={"COLUMNS": "250", "PATH": "/usr/bin:/bin", "COOPDEC_DATA_DIR": str(tmp_path)},
    )
    assert not TECHNICAL.findall(run.stdout), TECHNICAL.findall(run.stdout)
    assert "Contenu de la convention" in run.stdout  # the rule's title, not its id


def test_a_refused_import_names_the_field_in_words(client: Client) -> None:
    project = example()
    project["financing"][2]["amount"] = "douze"
    content = yaml.safe_dump(project, allow_unicode=True).encode()
    response = client.post("/projet/importer/", {"file": SimpleUploadedFile("p.yaml", content)})
    html = response.content.decode()
    summary = html[
        html.index('id="import-errors"') - 80 : html.index(
            "</div>", html.index('id="import-errors"')
        )
    ]
    assert "fr-alert--error" in summary and "autofocus" in summary and 'tabindex="-1"' in summary
    assert "Montant — ligne de financement 3" in summary
    # The summary comes first on the page, before the list of documents.
    assert html.index('id="import-errors"') < html.index('data-document="convention"')


def test_emptying_the_workspace_asks_first(client: Client) -> None:
    client.post("/projet/exemple/")
    page = client.get("/projet/identification/").content.decode()
    assert 'href="/projet/effacer/' in page  # a link to a page, not a form that empties at once
    confirm = client.get("/projet/effacer/")
    assert confirm.status_code == 200
    assert "Cette action est définitive" in confirm.content.decode()
    assert Workspace.objects.count() == 1  # asking changed nothing
    client.post("/projet/effacer/")
    assert Workspace.objects.count() == 0


def test_the_stated_retention_is_the_cookies_lifetime(client: Client) -> None:
    response = client.post("/projet/exemple/")
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    days = services_retention_days()
    assert abs(int(cookie["max-age"]) - days * 24 * 3600) <= 2
    page = client.get("/projet/identification/").content.decode()
    assert f"conservé sur ce navigateur {days} jours après sa dernière modification" in page


def services_retention_days() -> int:
    from coopdec.workspaces.services import RETENTION

    return RETENTION.days


def test_downloads_are_named_after_the_project(client: Client) -> None:
    content = yaml.safe_dump(_senegal_project(), allow_unicode=True).encode()
    client.post("/projet/importer/", {"file": SimpleUploadedFile("p.yaml", content)})
    response = client.get("/projet/fichier.yaml")
    assert response["Content-Disposition"] == 'attachment; filename="eau-potable-a-fissel.yaml"'
    title = 'Projet "à/b"\\..\r\n;x'
    assert services.file_stem(services.parse({"coopdec_project": 1, "title": title})) == (
        "projet-ab-x"
    )
