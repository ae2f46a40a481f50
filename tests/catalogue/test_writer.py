"""CatalogueWriter: the merge policy's declaration, and one-record writes (the contribution
forms' path): created or updated in one transaction, what changed, stale edits refused."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from coopdec.catalogue import merge_policy
from coopdec.catalogue.imports.iati import upsert as iati_upsert
from coopdec.catalogue.models import FrenchAuthority, Partnership, Project
from coopdec.catalogue.writer import CatalogueWriter, StaleRecord
from coopdec.reference.models import Country, Theme


def test_every_field_of_the_policy_is_a_field_of_its_model() -> None:
    for model, policy, links in (
        (Project, merge_policy.PROJECT_POLICY, merge_policy.PROJECT_LINKS),
        (Partnership, merge_policy.PARTNERSHIP_POLICY, merge_policy.PARTNERSHIP_LINKS),
    ):
        names = {f.name for f in model._meta.get_fields()}
        assert set(policy) <= names, set(policy) - names
        many = {f.name for f in model._meta.many_to_many}
        assert set(links) == many, (model, set(links) ^ many)


def test_iati_never_writes_what_curators_add() -> None:
    written = set(iati_upsert.PROJECT_FIELDS) | set(iati_upsert.M2M)
    assert {"partnership", "contact", "funders", "open_to_new_members", "key"}.isdisjoint(written)
    assert {"title", "budget", "start_date", "narratives", "source_url"} <= written


def test_curated_imports_only_replace_and_combine() -> None:
    assert merge_policy.PROJECT_REPLACED == (
        "title", "summary", "description", "status", "open_to_new_members", "funders",
        "budget", "currency",
    )  # fmt: skip
    assert "start_date" not in merge_policy.PROJECT_REPLACED
    assert merge_policy.merge_value("Ancien", "", weak=False) == "Ancien"
    assert merge_policy.merge_value("Ancien", "Nouveau", weak=True) == "Ancien"
    assert merge_policy.merge_value("", "Nouveau", weak=True) == "Nouveau"
    assert merge_policy.merge_value("Ancien", "Nouveau", weak=False) == "Nouveau"


@pytest.mark.django_db
def test_save_project_creates_then_reports_what_changed() -> None:
    writer = CatalogueWriter()
    sn, ml = Country.objects.get(iso2="SN"), Country.objects.get(iso2="ML")
    water = Theme.objects.get(code="eau_assainissement")
    rennes = FrenchAuthority.objects.get(kind="commune", code="35238")
    created = writer.save_project(
        "test|puits",
        {"title": "Puits à Podor", "status": "active", "budget": Decimal("1200.00")},
        {"countries": [sn.pk], "themes": [water.pk], "french_authorities": [rennes.pk]},
    )
    assert created.created and created.changed and created.kind == "project"
    project = Project.objects.get(key="test|puits")
    assert set(project.countries.values_list("iso2", flat=True)) == {"SN"}
    assert project.import_batch is None

    again = writer.save_project("test|puits", {"title": "Puits à Podor"}, {"countries": [sn.pk]})
    assert not again.changed and again.pk == project.pk

    edit = writer.save_project(
        "test|puits",
        {"title": "Puits et latrines à Podor", "summary": ""},
        {"countries": [sn.pk, ml.pk]},
    )
    assert edit.fields == {"title": ("Puits à Podor", "Puits et latrines à Podor")}
    assert edit.links == {"countries": (frozenset({sn.pk}), frozenset({sn.pk, ml.pk}))}
    project.refresh_from_db()
    assert project.title == "Puits et latrines à Podor"
    assert project.themes.count() == 1  # links not given are left as they are


@pytest.mark.django_db
def test_a_stale_edit_is_refused_and_writes_nothing() -> None:
    writer = CatalogueWriter()
    writer.save_partnership("test|jumelage", {"title": "Jumelage", "relation_type": "jumelage"})
    read_at = Partnership.objects.get(key="test|jumelage").updated_at
    writer.save_partnership(
        "test|jumelage", {"summary": "Par quelqu'un d'autre"}, expected_updated_at=read_at
    )
    with pytest.raises(StaleRecord):
        writer.save_partnership(
            "test|jumelage", {"summary": "Par moi"}, expected_updated_at=read_at
        )
    assert Partnership.objects.get(key="test|jumelage").summary == "Par quelqu'un d'autre"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("values", "error"),
    [
        ({"title": "X", "key": "autre"}, ValueError),  # the key is not a field one edits
        ({"title": "X", "iati_identifier": "XM-1"}, ValueError),  # owned by IATI
        ({"title": "", "status": "active"}, ValidationError),
        ({"title": "X", "status": "perhaps"}, ValidationError),
    ],
)
def test_bad_writes_are_refused_and_write_nothing(
    values: dict[str, Any], error: type[Exception]
) -> None:
    before = Project.objects.count()
    with pytest.raises(error):
        CatalogueWriter().save_project("test|refus", values)
    assert Project.objects.count() == before


@pytest.mark.django_db
def test_a_partnership_link_outside_the_policy_is_refused() -> None:
    with pytest.raises(ValueError, match="countries"):
        CatalogueWriter().save_partnership(
            "test|x", {"title": "X", "relation_type": "jumelage"}, {"countries": [1]}
        )
    assert not Partnership.objects.filter(key="test|x").exists()


def test_stale_record_names_the_record() -> None:
    error = StaleRecord("test|x", dt.datetime(2026, 1, 2, tzinfo=dt.UTC))
    assert "test|x" in str(error)
