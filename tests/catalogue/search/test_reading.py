"""What the indexer reads in plain SQL is what the ORM reads, on both engines, for a run of
ids (a rebuild) as for scattered ids (a refresh)."""

from __future__ import annotations

import datetime as dt

import pytest

from coopdec.catalogue.models import (
    Example,
    ForeignAuthority,
    FrenchAuthority,
    Partnership,
    Project,
)
from coopdec.catalogue.search import reading
from coopdec.reference.models import Country

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects() -> list[Project]:
    country = Country.objects.get(iso2="SN")
    partnership = Partnership.objects.create(
        key="reading-p", title="Partenariat", relation_type="jumelage", start_year=2001
    )
    partner = ForeignAuthority.objects.create(name="Saint-Louis", country=country)
    partnership.foreign_authorities.add(partner)
    made = []
    for index in range(6):
        project = Project.objects.create(
            key=f"reading-{index}",
            title=f"Projet {index}",
            summary="Résumé",
            description="Description",
            start_date=dt.date(2000 + index, 3, 1) if index % 2 else None,
            end_date=dt.date(2010, 12, 31) if index == 3 else None,
            open_to_new_members=index == 2,
            partnership=partnership if index < 3 else None,
            narratives={"en": {"title": f"Project {index}"}} if index == 4 else {},
        )
        project.countries.add(country)
        project.foreign_authorities.add(partner)
        made.append(project)
    # Flagged as examples: one published, one withdrawn (``published`` off): only the first
    # reads as an example.
    Example.objects.create(project=made[1], why="Bonne pratique")
    Example.objects.create(project=made[4], why="Retiré", published=False)
    return made


@pytest.mark.parametrize("pick", [slice(None), slice(None, None, 2), slice(1, 2)])
def test_project_rows_are_the_orm_values(projects: list[Project], pick: slice) -> None:
    ids = sorted(p.id for p in projects[pick])
    rows = reading.project_rows(ids)
    assert [r[0] for r in rows] == ids
    for row, project in zip(rows, Project.objects.filter(id__in=ids).order_by("id"), strict=True):
        relation = project.partnership.relation_type if project.partnership else None
        assert row == (
            project.id, project.title, project.summary, project.description,
            project.start_date.year if project.start_date else None,
            project.end_date.year if project.end_date else None,
            project.status, project.open_to_new_members, project.partnership_id, relation,
            project.narratives,
            Example.objects.filter(project=project, published=True).exists(),
        )  # fmt: skip


def test_links_and_names_for_runs_and_scattered_ids(projects: list[Project]) -> None:
    ids = sorted(p.id for p in projects)
    every = reading.links(Project, "countries", ids)
    some = reading.links(Project, "countries", ids[::3])
    sn = Country.objects.get(iso2="SN").id
    assert every == {i: [sn] for i in ids}
    assert some == {i: [sn] for i in ids[::3]}
    partners = reading.links(Project, "foreign_authorities", ids)
    names = reading.foreign_authorities(f for values in partners.values() for f in values)
    assert {name for name, _ in names.values()} == {"Saint-Louis"}
    paris = FrenchAuthority.objects.get(kind="commune", code="75056")
    lyon = FrenchAuthority.objects.get(kind="commune", code="69123")
    found = reading.authorities([paris.id, lyon.id])  # far apart: a list, not a range
    assert found[paris.id][:2] == ("Paris", "commune")
    assert found[lyon.id][0] == "Lyon" and set(found) == {paris.id, lyon.id}
    assert reading.authorities([]) == {} and reading.project_rows([]) == []


def test_partnership_rows(projects: list[Project]) -> None:
    partnership = Partnership.objects.get(key="reading-p")
    (row,) = reading.partnership_rows([partnership.id])
    assert row[:4] == (partnership.id, "Partenariat", "", 2001)
    assert row[6:] == ("jumelage", False)


def test_a_range_read_keeps_only_the_ids_asked_for(projects: list[Project]) -> None:
    """[first, third] is read as a range; the third is gone, the second is not asked for:
    as many rows come back as ids were asked, yet only the first is wanted."""
    first, second, third = projects[:3]
    asked = [first.id, third.id]
    third.delete()
    assert [row[0] for row in reading.project_rows(asked)] == [first.id]
    assert second.id not in reading.links(Project, "countries", asked)
