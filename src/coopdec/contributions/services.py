"""The contribution workflow, one service for the web forms, the API and the CLI
(docs/contributing-data.md):

* ``propose`` — a member (or a moderator) of an authority drafts a new record, a change or a
  removal; nothing reaches the catalogue yet. A change to an imported record is a proposed
  correction, for moderators.
* ``publish`` — a manager of the authority or a moderator of its région publishes the draft
  (possibly edited first) through ``CatalogueWriter``; a record changed since the author read
  it is refused (``StaleDraft``); the record gets a new version.
* ``reject`` — with a reason, mailed to the author.
* ``restore`` — a moderator publishes an earlier version again (a new version).
* what moderators and visitors read (queue, diff, history, attribution) is in
  ``coopdec.contributions.queries``.
* ``close_expired_calls`` — calls for partners past their closing date stop being open.

Rights are asked of ``coopdec.accounts.permissions``; every write is one transaction.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coopdec.accounts import audit
from coopdec.accounts.permissions import can, is_national_admin, require
from coopdec.catalogue.models import (
    Example,
    ForeignAuthority,
    FrenchAuthority,
    Partnership,
    Project,
)
from coopdec.catalogue.writer import CatalogueWriter, RecordChange, StaleRecord
from coopdec.contributions import lines
from coopdec.contributions.forms_spec import FIELDS, LINE_FIELDS, LINKS, MODELS, REQUIRED
from coopdec.contributions.models import ChangeRequest, Kind, RecordVersion
from coopdec.projectfile import ProjectFileError, parse_project
from coopdec.reference.models import Country, Region, SdgTarget, Theme

LINK_MODELS: dict[str, type[models.Model]] = {
    "french_authorities": FrenchAuthority,
    "foreign_authorities": ForeignAuthority,
    "countries": Country,
    "themes": Theme,
    "sdg_targets": SdgTarget,
}


class StaleDraft(Exception):
    """The record was published again since the draft's author read it."""

    def __init__(self, change: ChangeRequest, stored: dt.datetime) -> None:
        self.change = change
        self.stored = stored
        super().__init__(
            _(
                "La fiche « %(title)s » a été modifiée le %(date)s, après la lecture de "
                "l'auteur de ce brouillon : publier écraserait cette modification. Rouvrez la "
                "fiche publiée, reportez-y les changements et proposez un nouveau brouillon."
            )
            % {"title": change.title, "date": timezone.localtime(stored).strftime("%d/%m/%Y %H:%M")}
        )


class WrongState(Exception):
    """The draft was already published or rejected."""


# -- values -------------------------------------------------------------------------------


def _json(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _python_values(kind: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """The payload's values as model values; ``ValidationError`` per field for bad ones."""
    model = MODELS[kind]
    out: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for name, value in values.items():
        field = model._meta.get_field(name)
        try:
            converted = field.to_python(value)  # type: ignore[union-attr]
        except ValidationError as exc:
            errors[name] = list(exc.messages)
            continue
        if converted is None and not field.null:
            converted = "" if isinstance(field, models.CharField | models.TextField) else converted
        out[name] = converted
    if errors:
        raise ValidationError(errors)
    return out


def _check(
    kind: str,
    authority: FrenchAuthority | None,
    values: Mapping[str, Any],
    links: Mapping[str, Any],
) -> tuple[dict[str, Any], dict[str, list[int]]]:
    """Validate a draft's values and links (per field, with the model's own rules) and return
    them in payload form. The authority is always one of the record's French authorities; a
    foreign authority's offer (``authority`` None, entered by a network) names none and names
    the foreign authority that makes it."""
    allowed, allowed_links = FIELDS[kind], LINKS[kind]
    unknown = [n for n in values if n not in allowed] + [n for n in links if n not in allowed_links]
    errors: dict[str, list[str]] = {
        name: [_("champ inconnu ou non modifiable")] for name in unknown
    }
    for name in REQUIRED[kind]:
        if values.get(name) in (None, ""):
            errors.setdefault(name, []).append(_("Ce champ est obligatoire."))
    if unknown:
        raise ValidationError(errors)
    try:
        python = _python_values(kind, values)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
        python = {}
        for name, value in values.items():
            if name not in errors:
                python.update(_python_values(kind, {name: value}))
    for name in LINE_FIELDS:
        if name in python and name not in errors:
            try:
                python[name] = lines.clean_lines(name, python[name])
            except ValidationError as exc:
                errors[name] = list(exc.messages)
                del python[name]
    model = MODELS[kind]
    instance = model(key="draft", **python)
    if kind == Kind.CALL:
        instance.open_to_new_members = True
    try:
        instance.clean_fields(exclude=[f.name for f in model._meta.fields if f.name not in python])
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    clean_links: dict[str, list[int]] = {}
    for name, raw in links.items():
        try:
            ids = sorted({int(i) for i in raw})
        except (TypeError, ValueError):
            errors[name] = [_("identifiants attendus")]
            continue
        found = set(
            LINK_MODELS[name]._default_manager.filter(pk__in=ids).values_list("pk", flat=True)
        )
        if missing := [i for i in ids if i not in found]:
            errors[name] = [_("identifiant inconnu : %(id)s") % {"id": missing[0]}]
        clean_links[name] = ids
    if authority is None:
        if clean_links.get("french_authorities"):
            errors.setdefault("french_authorities", []).append(
                _("L'offre d'une collectivité étrangère ne nomme pas de collectivité française.")
            )
        if not clean_links.get("foreign_authorities"):
            errors.setdefault("foreign_authorities", []).append(
                _("Nommez la collectivité étrangère qui fait l'offre.")
            )
        clean_links["french_authorities"] = []
    else:
        french = set(clean_links.get("french_authorities", [])) | {authority.pk}
        clean_links["french_authorities"] = sorted(french)
    if kind == Kind.PARTNERSHIP and not clean_links.get("foreign_authorities"):
        errors.setdefault("foreign_authorities", []).append(
            _("Un partenariat nomme au moins une collectivité étrangère.")
        )
    if errors:
        raise ValidationError(errors)
    payload = {name: _json(getattr(instance, name)) for name in python}
    if kind == Kind.CALL:
        payload["open_to_new_members"] = True
    return payload, clean_links


# -- reading records ----------------------------------------------------------------------


def record(kind: str, key: str) -> Partnership | Project | None:
    """The published record a draft of ``kind`` targets, if any."""
    model = MODELS[kind]
    return model._default_manager.filter(key=key).first()


def snapshot(
    record_kind: str, obj: Partnership | Project
) -> tuple[dict[str, Any], dict[str, list[int]]]:
    """A published record's contributable fields and links, in payload form."""
    kind = record_kind
    names = FIELDS[kind] + (FIELDS["call"] if kind == "project" else ())
    values = {n: _json(getattr(obj, n)) for n in dict.fromkeys(names)}
    links = {
        n: sorted(getattr(obj, n).values_list("pk", flat=True))
        for n in dict.fromkeys(LINKS[kind] + (LINKS["call"] if kind == "project" else ()))
    }
    return values, links


def _published(kind: str, key: str) -> Partnership | Project:
    """The record just written (inside the publishing transaction)."""
    return MODELS[kind]._default_manager.get(key=key)


def _authorities_of(obj: Partnership | Project) -> list[FrenchAuthority]:
    return list(obj.french_authorities.all())


def may_draft(user: Any, authority: FrenchAuthority) -> bool:
    """Members of the authority draft; its regional moderators too (offers entered by a
    network)."""
    return _may_draft(user, authority)


def _may_draft(user: Any, authority: FrenchAuthority) -> bool:
    return can(user, "authority.edit_draft", authority) or can(
        user, "authority.moderate_record", authority
    )


# -- writing ------------------------------------------------------------------------------


def propose(
    user: Any,
    authority: FrenchAuthority,
    kind: str,
    values: Mapping[str, Any],
    links: Mapping[str, Iterable[int]] | None = None,
    *,
    key: str | None = None,
    why: str = "",
    base_updated_at: dt.datetime | None = None,
) -> ChangeRequest:
    """Draft a new record (``key`` None) or a change to the published record ``key`` on behalf
    of ``authority``. Raises ``PermissionDenied`` (not a member, or the record is not the
    authority's), ``ValidationError`` per field, ``LookupError`` for an unknown key."""
    if not _may_draft(user, authority):
        raise PermissionDenied("authority.edit_draft")
    if kind not in FIELDS:
        raise ValidationError({"kind": [_("type de fiche inconnu")]})
    existing = None
    if key is not None:
        existing = record(kind, key)
        if existing is None:
            raise LookupError(key)
        if authority not in _authorities_of(existing):
            raise PermissionDenied("authority.edit_draft")
        if kind == Kind.CALL and not isinstance(existing, Project):
            raise LookupError(key)
    payload, clean_links = _check(kind, authority, values, dict(links or {}))
    _check_french_authorities(user, authority, clean_links, existing)
    with transaction.atomic():
        change = ChangeRequest.objects.create(
            kind=kind,
            authority=authority,
            author=user,
            key=key or f"contrib|{kind}|{uuid.uuid4().hex[:12]}",
            base_updated_at=(
                base_updated_at or existing.updated_at if existing is not None else None
            ),
            imported=bool(existing is not None and existing.import_batch_id),
            values=payload,
            links=clean_links,
            why=why,
        )
        audit.record("contribution.propose", actor=user, target=change.key, kind=kind)
    return change


def foreign_partner(
    user: Any, authority: FrenchAuthority, name: str, country: Country, level: str = "other"
) -> int:
    """The id of the foreign partner a member names (found by normalised name, else added
    through the writer). Raises ``PermissionDenied`` and ``ValidationError``."""
    if not _may_draft(user, authority):
        raise PermissionDenied("authority.edit_draft")
    return CatalogueWriter().foreign_partner(name, country, level)


def may_enter_offer(user: Any, region: Region) -> bool:
    """Moderators of the région's network (and national administrators) enter foreign offers."""
    return can(user, "region.enter_offer", region)


def offer_partner(user: Any, region: Region, name: str, country: Country, level: str) -> int:
    """As ``foreign_partner``, for a network entering a foreign authority's offer."""
    require(user, "region.enter_offer", region)
    return CatalogueWriter().foreign_partner(name, country, level)


def _offer_region(key: str) -> Region | None:
    """The région whose network entered the offer ``key`` (its first draft's)."""
    first = ChangeRequest.objects.filter(key=key, region__isnull=False).order_by("pk").first()
    return first.region if first is not None else None


def propose_offer(
    user: Any,
    region: Region,
    values: Mapping[str, Any],
    links: Mapping[str, Iterable[int]],
    *,
    key: str | None = None,
    why: str = "",
    base_updated_at: dt.datetime | None = None,
) -> ChangeRequest:
    """A regional network drafts a foreign authority's offer (a call for partners naming the
    foreign authority in ``links["foreign_authorities"]`` and no French authority), or a
    change to an offer its network entered. Published by the network's moderators. Raises
    ``PermissionDenied``, ``ValidationError``, ``LookupError``."""
    require(user, "region.enter_offer", region)
    existing = None
    if key is not None:
        existing = record(Kind.CALL, key)
        if existing is None:
            raise LookupError(key)
        if existing.french_authorities.exists() or _offer_region(key) != region:
            raise PermissionDenied("region.enter_offer")
    payload, clean_links = _check(Kind.CALL, None, values, dict(links))
    with transaction.atomic():
        change = ChangeRequest.objects.create(
            kind=Kind.CALL, authority=None, region=region, author=user,
            key=key or f"contrib|offer|{uuid.uuid4().hex[:12]}",
            base_updated_at=(
                base_updated_at or existing.updated_at if existing is not None else None
            ),
            values=payload, links=clean_links, why=why,
        )  # fmt: skip
        audit.record("contribution.propose_offer", actor=user, target=change.key)
    return change


def _check_french_authorities(
    user: Any,
    authority: FrenchAuthority,
    links: dict[str, list[int]],
    existing: Partnership | Project | None,
) -> None:
    """A draft names no French authority its author may not draft for, unless the published
    record already names it: a member of A never makes a record B's (it would then show on
    B's page and B's members could change it)."""
    kept = set(existing.french_authorities.values_list("pk", flat=True)) if existing else set()
    for other in FrenchAuthority.objects.filter(pk__in=links["french_authorities"]):
        if other.pk != authority.pk and other.pk not in kept and not _may_draft(user, other):
            raise ValidationError({"french_authorities": [
                _("Vous ne pouvez pas déclarer pour %(name)s : un de ses membres le fera.")
                % {"name": other.name}
            ]})  # fmt: skip


def _funder(line: Any) -> str:
    """Who funds a financing line, in words: its funder's name, or its programme's name and
    funder (never the programme's identifier); "" for the authority's own and the partner's
    contributions (the line's source says it)."""
    from coopdec.assistant import reference
    from coopdec.assistant.funding.finder import funder_name

    if line.name:
        return str(line.name)
    program = reference.programs_by_id().get(line.program or "")
    if program is not None:
        return f"{program.get('name') or ''} — {funder_name(program)}".strip(" —")
    return ""


def propose_from_workspace(user: Any, owned: Any, *, why: str = "") -> ChangeRequest:
    """Draft a catalogue project from a workspace project (/projet/) shared with an authority:
    title, description and objectives, dates, budget and its lines by category and year, the
    financing plan's lines, themes, SDG targets, foreign partners (found or added by name and
    country), funders (the financing lines' sources). Raises
    ``PermissionDenied``, ``ValidationError`` (the file or the draft), ``LookupError`` when the
    workspace is shared with no authority."""
    require(user, "workspace.edit", owned)
    authority = owned.authority
    if authority is None:
        raise LookupError(_("espace projet non partagé avec une collectivité"))
    try:
        project = parse_project(owned.workspace.project)
    except ProjectFileError as exc:
        raise ValidationError({"project": [str(exc)]}) from exc
    text = "\n\n".join(
        part for part in (project.description, "\n".join(f"- {o}" for o in project.objectives))
        if part
    )  # fmt: skip
    budget = project.budget
    values: dict[str, Any] = {
        "title": project.title or str(owned.workspace),
        "description": text,
        "start_date": project.start_date.isoformat() if project.start_date else None,
        "end_date": project.end_date.isoformat() if project.end_date else None,
        "budget": str(budget.total) if budget and budget.total is not None else None,
        "currency": (budget.currency if budget and budget.currency else "EUR"),
        "funders": " ; ".join(dict.fromkeys(
            name for line in project.financing if (name := _funder(line))
        )),
        "status": "planned",
        # The lines keep the project file's own vocabulary (contributions.lines).
        "budget_lines": [
            {"category": line.category, "year": line.year, "amount": str(line.amount)}
            for line in (budget.lines if budget else ())
            if line.category and line.amount is not None
        ],
        "financing_lines": [
            {"source": line.source, "name": _funder(line), "year": line.year,
             "amount": str(line.amount)}
            for line in project.financing if line.source and line.amount is not None
        ],
    }  # fmt: skip
    partners: list[int] = []
    countries: set[int] = set()
    for partner in project.foreign_partners():
        if partner.kind not in (None, "local_authority"):  # an NGO is not a foreign authority
            continue
        country = Country.objects.filter(iso2=partner.country or "").first()
        if country is None or not partner.name:
            continue
        countries.add(country.pk)
        partners.append(foreign_partner(user, authority, partner.name, country))
    links = {
        "themes": list(Theme.objects.filter(code__in=project.themes).values_list("pk", flat=True)),
        "sdg_targets": list(
            SdgTarget.objects.filter(code__in=project.sdg_targets).values_list("pk", flat=True)
        ),
        "foreign_authorities": partners,
        "countries": sorted(countries),
    }
    return propose(user, authority, "project", values, links,
                   why=why or _("publié depuis l'espace projet"))  # fmt: skip


def propose_removal(
    user: Any, authority: FrenchAuthority, kind: str, key: str, *, why: str = ""
) -> ChangeRequest:
    """Draft the removal of the published record ``key`` (its history stays)."""
    if not _may_draft(user, authority):
        raise PermissionDenied("authority.edit_draft")
    existing = record(kind, key)
    if existing is None:
        raise LookupError(key)
    if authority not in _authorities_of(existing):
        raise PermissionDenied("authority.edit_draft")
    with transaction.atomic():
        change = ChangeRequest.objects.create(
            kind=kind, action=ChangeRequest.Action.DELETE, authority=authority, author=user,
            key=key, base_updated_at=existing.updated_at,
            imported=bool(existing.import_batch_id), values={"title": existing.title}, why=why,
        )  # fmt: skip
        audit.record("contribution.propose_removal", actor=user, target=key, kind=kind)
    return change


def may_publish(user: Any, change: ChangeRequest) -> bool:
    """A correction of an imported record is for moderators; other drafts also for managers;
    a foreign authority's offer for its network's moderators."""
    if change.authority is None:
        return change.region is not None and may_enter_offer(user, change.region)
    if can(user, "authority.moderate_record", change.authority):
        return True
    return not change.imported and can(user, "authority.publish_record", change.authority)


def _role_label(user: Any, authority: FrenchAuthority | None, region: Region | None = None) -> str:
    if is_national_admin(user):
        return _("l'administration nationale")
    if authority is None:
        return _("le réseau régional (%(region)s)") % {"region": region.name if region else ""}
    region = authority.region
    if can(user, "authority.moderate_record", authority) and region is not None:
        return _("le réseau régional (%(region)s)") % {"region": region.name}
    return _("un gestionnaire de %(name)s") % {"name": authority.name}


def _next_number(record_kind: str, key: str) -> int:
    last = RecordVersion.objects.filter(record_kind=record_kind, key=key).order_by("-number")
    number = last.values_list("number", flat=True).first()
    return (number or 0) + 1


def _first_version(record_kind: str, obj: Partnership | Project | None) -> None:
    """An imported record changed for the first time: its imported state is version 1."""
    if obj is None or RecordVersion.objects.filter(record_kind=record_kind, key=obj.key).exists():
        return
    values, links = snapshot(record_kind, obj)
    source = obj.import_batch.get_kind_display() if obj.import_batch_id else ""  # type: ignore[union-attr]
    RecordVersion.objects.create(
        record_kind=record_kind, key=obj.key, number=1, values=values, links=links,
        declared_by=str(source or _("import")), declared_at=obj.created_at,
        why=_("état importé"),
    )  # fmt: skip


def _write(
    record_kind: str,
    key: str,
    values: Mapping[str, Any],
    links: Mapping[str, Iterable[int]],
    expected: dt.datetime | None,
) -> RecordChange:
    writer = CatalogueWriter()
    python = _python_values(record_kind, values)
    if record_kind == "partnership":
        return writer.save_partnership(key, python, links, expected_updated_at=expected)
    return writer.save_project(key, python, links, expected_updated_at=expected)


def publish(
    user: Any,
    change: ChangeRequest,
    *,
    why: str = "",
    values: Mapping[str, Any] | None = None,
    links: Mapping[str, Iterable[int]] | None = None,
) -> RecordVersion:
    """Publish ``change`` (after replacing its values/links when the reviewer edited it).
    Raises ``PermissionDenied``, ``ValidationError``, ``StaleDraft``, ``WrongState``."""
    if not may_publish(user, change):
        raise PermissionDenied("authority.publish_record")
    if change.state != ChangeRequest.State.PENDING:
        raise WrongState(change.get_state_display())
    if values is not None or links is not None:
        change.values, change.links = _check(
            change.kind, change.authority,
            change.values if values is None else values,
            change.links if links is None else dict(links),
        )  # fmt: skip
    kind = change.record_kind
    try:
        with transaction.atomic():
            existing = record(change.kind, change.key)
            _first_version(kind, existing)
            if change.action == ChangeRequest.Action.DELETE:
                stored_values: dict[str, Any] = change.values
                stored_links: dict[str, list[int]] = {}
                if existing is not None:  # before the removal takes the links with it
                    stored_values, stored_links = snapshot(kind, existing)
                CatalogueWriter().delete_record(
                    kind, change.key, expected_updated_at=change.base_updated_at
                )
            else:
                expected = change.base_updated_at if existing is not None else None
                _write(kind, change.key, change.values, change.links, expected)
                published = _published(change.kind, change.key)
                stored_values, stored_links = snapshot(kind, published)
            version = RecordVersion.objects.create(
                record_kind=kind, key=change.key, number=_next_number(kind, change.key),
                values=stored_values, links=stored_links,
                deleted=change.action == ChangeRequest.Action.DELETE,
                declared_by=change.declarer, declared_at=change.created_at,
                verified_by=_role_label(user, change.authority, change.region),
                why=why or change.why,
                change_request=change,
            )  # fmt: skip
            change.state = ChangeRequest.State.PUBLISHED
            change.reviewer, change.reviewed_at = user, timezone.now()
            change.save()
            audit.record(
                "contribution.publish", actor=user, target=change.key, version=version.number
            )
    except StaleRecord as exc:
        raise StaleDraft(change, exc.stored) from exc
    except LookupError as exc:  # removal of a record someone removed already
        raise WrongState(str(exc)) from exc
    return version


def reject(user: Any, change: ChangeRequest, reason: str) -> ChangeRequest:
    """Refuse ``change`` with ``reason`` (required), mailed to its author."""
    if not may_publish(user, change):
        raise PermissionDenied("authority.publish_record")
    if change.state != ChangeRequest.State.PENDING:
        raise WrongState(change.get_state_display())
    if not reason.strip():
        raise ValidationError({"reason": [_("Indiquez la raison du refus.")]})
    with transaction.atomic():
        change.state = ChangeRequest.State.REJECTED
        change.reason = reason.strip()
        change.reviewer, change.reviewed_at = user, timezone.now()
        change.save()
        audit.record("contribution.reject", actor=user, target=change.key)
    if change.author is not None and change.author.email:
        body = _(
            "Bonjour,\n\nVotre contribution « %(title)s » (%(kind)s, %(authority)s) n'a pas été "
            "publiée.\n\nRaison : %(reason)s\n\nVous pouvez la corriger et la proposer à "
            "nouveau.\n\n— coopdec"
        ) % {"title": change.title, "kind": change.get_kind_display(),
             "authority": change.declarer, "reason": change.reason}  # fmt: skip
        send_mail(_("coopdec : contribution non publiée"), body, None, [change.author.email])
    return change


def may_restore(user: Any, version: RecordVersion) -> bool:
    """A moderator of one of the record's authorities (or a national administrator)."""
    ids = version.links.get("french_authorities", [])
    authorities = FrenchAuthority.objects.filter(pk__in=ids)
    if not ids and version.record_kind == "project":  # a foreign offer: its network's
        region = _offer_region(version.key)
        if region is not None and may_enter_offer(user, region):
            return True
    return bool(is_national_admin(user)) or any(
        can(user, "authority.moderate_record", a) for a in authorities
    )


def restore(user: Any, version: RecordVersion, *, why: str = "") -> RecordVersion:
    """Publish ``version``'s state again (a moderator of one of the record's authorities)."""
    if not may_restore(user, version):
        raise PermissionDenied("authority.moderate_record")
    ids = version.links.get("french_authorities", [])
    authorities = list(FrenchAuthority.objects.filter(pk__in=ids))
    if version.deleted:
        raise WrongState(_("cette version est un retrait"))
    kind = version.record_kind
    with transaction.atomic():
        existing = record(kind, version.key)
        _first_version(kind, existing)
        _write(kind, version.key, version.values, version.links, None)
        published = _published(kind, version.key)
        values, links = snapshot(kind, published)
        restored = RecordVersion.objects.create(
            record_kind=kind, key=version.key, number=_next_number(kind, version.key),
            values=values, links=links, declared_by=version.declared_by,
            declared_at=version.declared_at,
            verified_by=_role_label(user, authorities[0] if authorities else None,
                                    _offer_region(version.key)),
            why=why or _("version %(n)s rétablie") % {"n": version.number},
        )  # fmt: skip
        audit.record("contribution.restore", actor=user, target=version.key, version=version.number)
    return restored


# -- examples (good practice) -----------------------------------------------------------


def may_flag_example(user: Any, project: Project) -> bool:
    """Only moderators flag examples: a regional moderator of one of the project's French
    authorities, or a national administrator (a project naming no French authority)."""
    if is_national_admin(user):
        return True
    return any(can(user, "authority.moderate_record", a) for a in _authorities_of(project))


def flag_example(user: Any, key: str, why: str) -> Example:
    """Flag the project ``key`` as an example with a short ``why`` (required, shown on its
    page and as a badge in the catalogue). Raises ``LookupError``, ``PermissionDenied``,
    ``ValidationError``."""
    project = Project.objects.filter(key=key).first()
    if project is None:
        raise LookupError(key)
    if not may_flag_example(user, project):
        raise PermissionDenied("authority.moderate_record")
    if not why.strip():
        raise ValidationError({"why": [_("Dites en une phrase pourquoi c'est un exemple.")]})
    authorities = _authorities_of(project)
    label = _role_label(user, authorities[0]) if authorities else _("l'administration nationale")
    with transaction.atomic():
        example = CatalogueWriter().set_example(key, why, label)
        audit.record("contribution.flag_example", actor=user, target=key)
    return example


def unflag_example(user: Any, key: str) -> bool:
    """Remove the example flag (the same moderators); False when there was none."""
    project = Project.objects.filter(key=key).first()
    if project is None:
        raise LookupError(key)
    if not may_flag_example(user, project):
        raise PermissionDenied("authority.moderate_record")
    with transaction.atomic():
        removed = CatalogueWriter().clear_example(key)
        audit.record("contribution.unflag_example", actor=user, target=key)
    return removed


def close_expired_calls(today: dt.date | None = None) -> list[str]:
    """Calls for partners past their closing date are no longer open (cron, idempotent)."""
    today = today or timezone.localdate()
    closed = []
    due = Project.objects.filter(open_to_new_members=True, call_closes_on__lt=today)
    for key in due.values_list("key", flat=True):
        CatalogueWriter().save_project(key, {"open_to_new_members": False})
        closed.append(key)
    return closed
