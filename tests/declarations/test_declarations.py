"""The APD declaration campaign: a manager completes and submits; the snapshot is locked with
a PDF receipt; only an administrator reopens it; administrators export every declaration.
One service behind the page, the API and the CLI; permissions the same everywhere."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.test import Client
from openpyxl import load_workbook
from typer.testing import CliRunner

from coopdec.accounts import services as accounts
from coopdec.accounts.models import AuditEvent, Membership, OwnedWorkspace
from coopdec.catalogue.models import FrenchAuthority
from coopdec.cli.app import app
from coopdec.declarations import services
from coopdec.declarations.models import ApdDeclaration
from coopdec.projectfile import load_project_file, project_to_dict
from coopdec.workspaces.models import Workspace

pytestmark = pytest.mark.django_db
EXAMPLE = Path(services.__file__).parents[1] / "assistant/examples/carmaux-koudougou-eau.yaml"
YEAR = 2026  # amounts of 2025: the example project starts on 1 September 2025
PASSWORD = "correct horse battery staple 42"


def user(email: str, **extra: Any) -> Any:
    return get_user_model().objects.create_user(
        username=email, email=email, password=PASSWORD, **extra
    )


@pytest.fixture
def carmaux() -> FrenchAuthority:
    return FrenchAuthority.objects.get(kind="commune", code="81060")


@pytest.fixture
def people(carmaux: FrenchAuthority) -> dict[str, Any]:
    approved = Membership.Status.APPROVED
    people = {
        "manager": user("dgs@carmaux.example"),
        "member": user("agent@carmaux.example"),
        "outsider": user("dgs@ailleurs.example"),
        "admin": user("admin@meae.example", is_staff=True, is_superuser=True),
    }
    Membership.objects.create(
        user=people["manager"], authority=carmaux, status=approved, role=Membership.Role.MANAGER
    )
    Membership.objects.create(user=people["member"], authority=carmaux, status=approved)
    elsewhere = FrenchAuthority.objects.get(kind="commune", code="35238")
    Membership.objects.create(
        user=people["outsider"], authority=elsewhere, status=approved, role=Membership.Role.MANAGER
    )
    workspace = Workspace.objects.create(
        token="carmaux-apd", project=project_to_dict(load_project_file(EXAMPLE))
    )
    OwnedWorkspace.objects.create(
        workspace=workspace, owner=people["member"], authority=carmaux, name="Eau Koudougou"
    )
    return people


def test_the_manager_completes_submits_and_gets_a_receipt(
    carmaux: FrenchAuthority, people: dict[str, Any]
) -> None:
    manager = people["manager"]
    prepared = services.view(manager, carmaux, YEAR)
    assert prepared.record is None and len(prepared.rows) >= 1
    koudougou = next(i for i, r in enumerate(prepared.rows, 1) if r["country"] == "BF")
    assert prepared.rows[koudougou - 1]["amount"]  # the estimate from the shared project file
    others = [i for i in range(1, len(prepared.rows) + 1) if i != koudougou]
    services.save(manager, carmaux, YEAR, {koudougou: "6 100,50"}, set(others))
    saved = services.view(manager, carmaux, YEAR)
    assert [r["amount"] for r in saved.rows] == ["6100.50"]
    assert saved.total == Decimal("6100.50")
    record = services.submit(manager, carmaux, YEAR)
    assert record.status == "submitted" and record.receipt.startswith("APD2026-")
    assert record.fingerprint == services.fingerprint(record.rows)
    pdf = services.receipt_pdf(people["member"], record)
    assert pdf.startswith(b"%PDF")
    # Locked: no change by any path until an administrator reopens it.
    with pytest.raises(services.DeclarationError):
        services.save(manager, carmaux, YEAR, {1: "1"})
    with pytest.raises(services.DeclarationError):
        services.submit(manager, carmaux, YEAR)
    with pytest.raises(PermissionDenied):
        services.reopen(manager, record, "erreur de saisie")
    with pytest.raises(services.DeclarationError):
        services.reopen(people["admin"], record, "   ")
    services.reopen(people["admin"], record, "montant du compte administratif corrigé")
    record.refresh_from_db()
    assert record.status == "draft" and "corrigé" in record.reopen_reason
    assert AuditEvent.objects.filter(action="apd.reopen").count() == 1
    assert AuditEvent.objects.filter(action="apd.submit").count() == 1


def test_a_submission_needs_every_amount_and_bad_amounts_change_nothing(
    carmaux: FrenchAuthority, people: dict[str, Any]
) -> None:
    manager = people["manager"]
    rows = services.view(manager, carmaux, YEAR).rows
    services.save(manager, carmaux, YEAR, dict.fromkeys(range(1, len(rows) + 1), ""))
    with pytest.raises(services.DeclarationError) as caught:
        services.submit(manager, carmaux, YEAR)
    assert caught.value.field == "lignes[1].montant"
    before = ApdDeclaration.objects.get().rows
    for bad in ("douze", "-5", "1,234", "1e99"):
        with pytest.raises(services.DeclarationError) as caught:
            services.save(manager, carmaux, YEAR, {1: "100", len(rows): bad})
        assert caught.value.field == f"lignes[{len(rows)}].montant"
    with pytest.raises(services.DeclarationError) as caught:
        services.save(manager, carmaux, YEAR, {len(rows) + 5: "1"})
    assert ApdDeclaration.objects.get().rows == before  # all or nothing


def test_permissions_are_the_same_on_every_path(
    carmaux: FrenchAuthority, people: dict[str, Any]
) -> None:
    with pytest.raises(PermissionDenied):
        services.view(people["outsider"], carmaux, YEAR)
    with pytest.raises(PermissionDenied):
        services.save(people["member"], carmaux, YEAR, {1: "1"})
    with pytest.raises(PermissionDenied):
        services.declared(people["manager"], YEAR)
    page = Client()
    page.force_login(people["outsider"])
    assert page.get(f"/compte/collectivites/{carmaux.pk}/apd/{YEAR}/").status_code == 403
    page.force_login(people["member"])
    read_only = page.get(f"/compte/collectivites/{carmaux.pk}/apd/{YEAR}/")
    assert read_only.status_code == 200 and "Transmettre" not in read_only.content.decode()
    assert page.get(f"/compte/declarations/{YEAR}/").status_code == 403
    secret = accounts.create_token(people["member"], "apd")[1]
    api = Client()
    refused = api.post(
        f"/api/v1/authorities/{carmaux.pk}/apd/{YEAR}/submit",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert refused.status_code == 403
    assert not ApdDeclaration.objects.exists()


def test_the_page_saves_and_submits(carmaux: FrenchAuthority, people: dict[str, Any]) -> None:
    page = Client()
    page.force_login(people["manager"])
    url = f"/compte/collectivites/{carmaux.pk}/apd/{YEAR}/"
    shown = page.get(url).content.decode()
    assert "Carmaux" in shown and "Transmettre la déclaration" in shown
    rows = services.view(people["manager"], carmaux, YEAR).rows
    amounts = {f"montant-{i}": "100" for i in range(1, len(rows) + 1)}
    wrong = page.post(url, {**amounts, "montant-1": "beaucoup", "action": "submit"})
    assert wrong.status_code == 400 and "lignes[1].montant" in wrong.content.decode()
    assert not ApdDeclaration.objects.filter(status="submitted").exists()
    done = page.post(url, {**amounts, "action": "submit"})
    assert done.status_code == 302
    after = page.get(url).content.decode()
    assert "récépissé n°" in after
    receipt = page.get(url + "recepisse.pdf")
    assert receipt.status_code == 200 and receipt.content.startswith(b"%PDF")


def test_administrators_see_who_declared_and_export_everything(
    carmaux: FrenchAuthority, people: dict[str, Any]
) -> None:
    manager, admin = people["manager"], people["admin"]
    rows = services.view(manager, carmaux, YEAR).rows
    services.save(manager, carmaux, YEAR, dict.fromkeys(range(1, len(rows) + 1), "250"))
    services.submit(manager, carmaux, YEAR)
    page = Client()
    page.force_login(admin)
    listing = page.get(f"/compte/declarations/{YEAR}/").content.decode()
    assert "Carmaux" in listing and "APD2026-" in listing
    exported = page.get(f"/compte/declarations/{YEAR}/?format=csv").content.decode()
    table = list(csv.DictReader(io.StringIO(exported)))
    assert len(table) == len(rows) and {r["montant_eur"] for r in table} == {"250.00"}
    book = load_workbook(io.BytesIO(services.export_all(admin, YEAR, "xlsx")))
    assert book.active is not None


def test_the_api_and_the_cli(
    carmaux: FrenchAuthority, people: dict[str, Any], tmp_path: Path
) -> None:
    secret = accounts.create_token(people["manager"], "apd")[1]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    api = Client()
    base = f"/api/v1/authorities/{carmaux.pk}/apd/{YEAR}"
    body = api.get(base, **auth).json()
    assert body["status"] == "draft" and body["rows"]
    count = len(body["rows"])
    bad = api.put(base, {"amounts": {"1": "x"}}, content_type="application/json", **auth)
    assert bad.status_code == 422 and bad.json()["errors"][0]["path"] == "lignes[1].montant"
    # The CLI submits with an Excel export: cp1252, semicolons, a header line.
    amounts = tmp_path / "montants.csv"
    amounts.write_bytes(
        ("ligne;montant versé\n" + "".join(f"{i};1 000,00\n" for i in range(1, count + 1))).encode(
            "cp1252"
        )
    )
    broken = tmp_path / "casse.csv"
    broken.write_text("ligne;montant\ndeux;100\n", encoding="utf-8")
    runner = CliRunner()
    args = ["declaration", "submit", "--authority", "commune:81060", "--year", str(YEAR)]
    failed = runner.invoke(app, [*args, "--as", people["manager"].email, "--amounts", str(broken)])
    assert failed.exit_code == 2 and "casse.csv, ligne 2" in failed.output
    denied = runner.invoke(app, [*args, "--as", people["member"].email])
    assert denied.exit_code == 3
    done = runner.invoke(app, [*args, "--as", people["manager"].email, "--amounts", str(amounts)])
    assert done.exit_code == 0, done.output
    after = api.get(base, **auth).json()
    assert after["status"] == "submitted" and after["total"] == str(Decimal(1000) * count) + ".00"
    receipt = api.get(base + "/receipt.pdf", **auth)
    assert receipt.status_code == 200 and receipt.content.startswith(b"%PDF")
    listed = runner.invoke(
        app, ["declaration", "list", "--year", str(YEAR), "--as", people["admin"].email,
              "-o", str(tmp_path / "toutes.xlsx")],
    )  # fmt: skip
    assert listed.exit_code == 0 and "1 déclaration(s)" in listed.output
    assert (tmp_path / "toutes.xlsx").stat().st_size > 0
    reopened = runner.invoke(
        app, ["declaration", "reopen", "--authority", "commune:81060", "--year", str(YEAR),
              "--as", people["admin"].email, "--reason", "montant corrigé"],
    )  # fmt: skip
    assert reopened.exit_code == 0, reopened.output
