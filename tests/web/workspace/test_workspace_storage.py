"""The workspace lives on the server; the visitor's signed cookie carries only its token."""

from __future__ import annotations

import pytest
import yaml
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from coopdec import projectfile_service as services
from coopdec.workspaces.models import Workspace

from .helpers import example, exported, form_values

pytestmark = pytest.mark.django_db


def test_a_large_project_stays_out_of_the_session_cookie(client: Client) -> None:
    """Thirty partners would not fit in the 4 KB a browser keeps for a cookie."""
    project = example()
    project["partners"] = [
        {
            "name": f"Commune partenaire n° {number} du Centre-Ouest",
            "country": "BF",
            "kind": "local_authority",
            "area": "Région du Centre-Ouest",
        }
        for number in range(30)
    ]
    content = yaml.safe_dump(project, allow_unicode=True).encode()
    response = client.post("/projet/importer/", {"file": SimpleUploadedFile("p.yaml", content)})
    assert response.status_code == 302
    assert len(content) > 4096
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert len(cookie) < 300
    assert Workspace.objects.get().project == exported(client) == services.normalise(project)
    # The page still edits all thirty, and saving them untouched keeps them.
    data = form_values(client, "identification")
    assert data["partners-TOTAL_FORMS"] == "30"  # the limit: no blank row past it
    assert client.post("/projet/identification/", data).status_code == 302
    assert exported(client) == services.normalise(project)


def test_thirty_rows_is_the_limit(client: Client) -> None:
    client.post("/projet/exemple/")
    data = form_values(client, "identification")
    data["partners-TOTAL_FORMS"] = "31"
    response = client.post("/projet/identification/", data)
    assert response.status_code == 200
    assert "Veuillez soumettre au plus 30 formulaires" in response.content.decode()
    assert len(exported(client)["partners"]) == 2


def test_each_visitor_has_their_own_workspace(client: Client) -> None:
    client.post("/projet/exemple/")
    other = Client()
    assert exported(other) == {"coopdec_project": 1}
    assert exported(client) == services.normalise(example())
    assert Workspace.objects.count() == 1  # reading an empty workspace stores nothing


def test_emptying_the_workspace_forgets_it(client: Client) -> None:
    client.post("/projet/exemple/")
    response = client.post("/projet/effacer/")
    assert response.status_code == 302
    assert exported(client) == {"coopdec_project": 1}
    assert Workspace.objects.count() == 0


def test_exact_amounts_survive_the_database(client: Client) -> None:
    """Cents are kept as decimal strings, never floats, on SQLite and PostgreSQL alike."""
    data = {
        **form_values(client, "financement"),
        "budget_total": "100 000,10",
        "financing-0-source": "own_cash",
        "financing-0-amount": "0,10",
    }
    assert client.post("/projet/financement/", data).status_code == 302
    Workspace.objects.get().refresh_from_db()
    project = exported(client)
    assert project["budget"] == {"currency": "EUR", "total": "100000.10"}
    assert project["financing"] == [{"source": "own_cash", "amount": "0.10"}]
