"""The contribution workflow through its service: drafts, publish, reject, restore, history,
permissions (a member of A never writes B's records), stale edits, nothing half-written."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from coopdec.catalogue.models import Partnership, Project
from coopdec.contributions import queries, services
from coopdec.contributions.models import ChangeRequest, RecordVersion
from tests.contributions.conftest import partnership_values

pytestmark = pytest.mark.django_db


def _draft(world: Any, partner: Any, **extra: Any) -> ChangeRequest:
    return services.propose(
        world.users["member"], world.own, "partnership", partnership_values(**extra),
        {"foreign_authorities": [partner.pk]},
    )  # fmt: skip


def test_a_members_draft_is_not_in_the_catalogue_until_a_manager_publishes(
    world: Any, partner: Any
) -> None:
    change = _draft(world, partner)
    assert not Partnership.objects.filter(key=change.key).exists()
    with pytest.raises(PermissionDenied):
        services.publish(world.users["member"], change)
    version = services.publish(world.users["manager"], change, why="première déclaration")
    stored = Partnership.objects.get(key=change.key)
    assert stored.title == "Finistère – Ziguinchor"
    assert set(stored.french_authorities.all()) == {world.own}
    assert list(stored.foreign_authorities.all()) == [partner]
    assert version.number == 1 and version.declared_by == world.own.name
    assert "gestionnaire" in version.verified_by
    who = queries.attribution("partnership", change.key)
    assert who is not None and who.declared_by == world.own.name
    change.refresh_from_db()
    assert change.state == "published" and change.reviewer == world.users["manager"]


def test_a_member_of_b_cannot_draft_for_a_nor_change_as_records(world: Any, partner: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.propose(
            world.users["member_other"], world.own, "partnership", partnership_values(),
            {"foreign_authorities": [partner.pk]},
        )  # fmt: skip
    published = services.publish(world.users["manager"], _draft(world, partner))
    # B's member drafts "for B" a change of A's record: refused, the record is not B's.
    with pytest.raises(PermissionDenied):
        services.propose(
            world.users["member_other"], world.other, "partnership", partnership_values(),
            {"foreign_authorities": [partner.pk]}, key=published.key,
        )  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.propose_removal(world.users["member_other"], world.other, "partnership",
                                 published.key)  # fmt: skip
    # A's draft cannot be published by B's member, nor rejected.
    change = _draft(world, partner)
    with pytest.raises(PermissionDenied):
        services.publish(world.users["member_other"], change)
    with pytest.raises(PermissionDenied):
        services.reject(world.users["member_other"], change, "non")
    assert ChangeRequest.objects.filter(authority=world.other).count() == 0


def test_field_errors_name_the_field_and_nothing_is_written(world: Any, partner: Any) -> None:
    before = ChangeRequest.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.propose(
            world.users["member"], world.own, "partnership",
            partnership_values(title="", start_year="deux mille", relation_type="mariage"),
            {"foreign_authorities": [999999]},
        )  # fmt: skip
    errors = caught.value.message_dict
    assert {"title", "start_year"} <= set(errors)
    with pytest.raises(ValidationError) as caught:
        services.propose(
            world.users["member"], world.own, "partnership",
            partnership_values(relation_type="mariage"), {"foreign_authorities": [999999]},
        )  # fmt: skip
    assert {"relation_type", "foreign_authorities"} <= set(caught.value.message_dict)
    assert ChangeRequest.objects.count() == before


def test_a_stale_draft_is_refused_with_a_clear_message(world: Any, partner: Any) -> None:
    key = services.publish(world.users["manager"], _draft(world, partner)).key
    first = services.propose(world.users["member"], world.own, "partnership",
                             partnership_values(summary="A"),
                             {"foreign_authorities": [partner.pk]}, key=key)  # fmt: skip
    second = services.propose(world.users["member"], world.own, "partnership",
                              partnership_values(summary="B"),
                              {"foreign_authorities": [partner.pk]}, key=key)  # fmt: skip
    services.publish(world.users["manager"], first)
    with pytest.raises(services.StaleDraft) as caught:
        services.publish(world.users["manager"], second)
    assert "a été modifiée le" in str(caught.value)
    assert Partnership.objects.get(key=key).summary == "A"
    second.refresh_from_db()
    assert second.state == "pending"


def test_reject_needs_a_reason_and_mails_the_author(
    world: Any, partner: Any, mailoutbox: Any
) -> None:
    change = _draft(world, partner)
    with pytest.raises(ValidationError):
        services.reject(world.users["manager"], change, "  ")
    services.reject(world.users["manager"], change, "Le partenaire est mal orthographié.")
    assert [m.to for m in mailoutbox] == [["membre@example.org"]]
    assert "mal orthographié" in mailoutbox[0].body
    with pytest.raises(services.WrongState):
        services.publish(world.users["manager"], change)


def test_edit_then_accept(world: Any, partner: Any) -> None:
    change = _draft(world, partner)
    services.publish(world.users["moderator"], change,
                     values=partnership_values(title="Titre corrigé"))  # fmt: skip
    assert Partnership.objects.get(key=change.key).title == "Titre corrigé"


def test_correction_of_an_imported_record_is_a_diff_for_moderators(world: Any) -> None:
    imported = Partnership.objects.filter(
        french_authorities=world.own, import_batch__isnull=False
    ).first()
    assert imported is not None
    values, links = services.snapshot("partnership", imported)
    values = {k: v for k, v in values.items() if k in partnership_values()}
    values["summary"] = "Corrigé"
    change = services.propose(world.users["member"], world.own, "partnership", values, links,
                              key=imported.key)  # fmt: skip
    assert change.imported
    rows = queries.diff(change)
    assert [(r.field, r.after) for r in rows] == [("summary", "Corrigé")]
    assert change not in queries.queue(world.users["manager"])
    assert change in queries.queue(world.users["moderator"], region=world.own.region.code)
    assert change not in queries.queue(world.users["moderator"], kind="project")
    with pytest.raises(PermissionDenied):
        services.publish(world.users["manager"], change)
    services.publish(world.users["moderator"], change)
    versions = queries.history("partnership", imported.key)
    assert [v.number for v in versions] == [2, 1]
    assert versions[1].values["summary"] == imported.summary


def test_a_moderator_restores_an_earlier_version(world: Any, partner: Any) -> None:
    change = _draft(world, partner)
    services.publish(world.users["manager"], change)
    edit = services.propose(world.users["member"], world.own, "partnership",
                            partnership_values(title="Nouveau titre"),
                            {"foreign_authorities": [partner.pk]}, key=change.key)  # fmt: skip
    services.publish(world.users["manager"], edit)
    first = RecordVersion.objects.get(key=change.key, number=1)
    with pytest.raises(PermissionDenied):
        services.restore(world.users["member"], first)
    restored = services.restore(world.users["moderator"], first, why="erreur de saisie")
    assert restored.number == 3
    assert Partnership.objects.get(key=change.key).title == "Finistère – Ziguinchor"


def test_a_removed_record_keeps_its_history(world: Any, partner: Any) -> None:
    key = services.publish(world.users["manager"], _draft(world, partner)).key
    removal = services.propose_removal(world.users["member"], world.own, "partnership", key)
    services.publish(world.users["manager"], removal)
    assert not Partnership.objects.filter(key=key).exists()
    versions = queries.history("partnership", key)
    assert [v.deleted for v in versions] == [True, False]
    restored = services.restore(world.users["moderator"], versions[1])
    assert Partnership.objects.filter(key=key).exists() and restored.number == 3


def test_a_call_for_partners_is_open_until_its_closing_date(world: Any) -> None:
    call = services.propose(
        world.users["member"], world.own, "call",
        {"title": "Eau potable à Ziguinchor", "call_closes_on": "2027-03-31",
         "call_contact": "cooperation@finistere.fr", "description": "<script>x</script>"},
        {"countries": []},
    )  # fmt: skip
    services.publish(world.users["manager"], call)
    project = Project.objects.get(key=call.key)
    assert project.open_to_new_members and project.call_closes_on == dt.date(2027, 3, 31)
    assert services.close_expired_calls(dt.date(2027, 3, 31)) == []
    assert services.close_expired_calls(dt.date(2027, 4, 1)) == [call.key]
    project.refresh_from_db()
    assert not project.open_to_new_members
    with pytest.raises(ValidationError) as caught:
        services.propose(world.users["member"], world.own, "call", {"title": "Sans date"})
    assert {"call_closes_on", "call_contact"} <= set(caught.value.message_dict)


def test_a_member_of_a_cannot_name_b_on_a_new_record(world: Any, partner: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        services.propose(
            world.users["member"], world.own, "partnership", partnership_values(),
            {"foreign_authorities": [partner.pk], "french_authorities": [world.other.pk]},
        )  # fmt: skip
    assert "Bouches-du-Rhône" in caught.value.message_dict["french_authorities"][0]
    assert ChangeRequest.objects.count() == 0
