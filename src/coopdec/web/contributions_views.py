"""Contribution pages: declare (partnership, project, call for partners), my contributions,
the moderation queue with its diff, a record's history with restore.

Views read forms and call ``coopdec.contributions.services``; the service decides rights
(a refusal is an HTTP 403 with nothing changed) and validation (errors shown by field).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coopdec.accounts.models import NetworkModerator, OwnedWorkspace
from coopdec.accounts.services import memberships_of
from coopdec.catalogue.models import FrenchAuthority
from coopdec.contributions import bulk, queries, services
from coopdec.contributions.models import ChangeRequest, Kind, RecordVersion
from coopdec.reference.models import Region
from coopdec.web.contributions_forms import (
    FORM_FIELD,
    FORMS,
    SLUGS,
    ContributionForm,
    OfferForm,
)


def _saved_message() -> str:
    return _(
        "Contribution enregistrée : elle sera publiée après relecture par un gestionnaire ou "
        "un modérateur."
    )


def _kind(slug: str) -> str:
    if slug not in SLUGS:
        raise Http404
    return SLUGS[slug]


def _service_errors(form: ContributionForm, exc: ValidationError) -> None:
    for name, errors in exc.message_dict.items():
        field = FORM_FIELD.get(name, name)
        for error in errors:
            form.add_error(field if field in form.fields else None, error)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """My authorities (links to the forms) and my contributions."""
    memberships = [m for m in memberships_of(request.user) if m.status == "approved"]
    workspaces = OwnedWorkspace.objects.filter(
        owner_id=request.user.pk, authority__isnull=False
    ).select_related("workspace", "authority")
    regions = Region.objects.filter(
        pk__in=NetworkModerator.objects.filter(user=request.user).values("region_id")  # type: ignore[misc]
    )
    return render(request, "contributions/mine.html", {
        "memberships": memberships, "drafts": queries.drafts_of(request.user)[:50],
        "regions": regions,
        "workspaces": workspaces,
        "slugs": {v: k for k, v in SLUGS.items()},
    })  # fmt: skip


@login_required
def declare(request: HttpRequest, authority_pk: int, slug: str) -> HttpResponse:
    """A new record, or a change to the published record ``?cle=``, as a draft."""
    kind = _kind(slug)
    authority = get_object_or_404(FrenchAuthority, pk=authority_pk)
    key = request.GET.get("cle") or None
    existing = services.record(kind, key) if key else None
    if key and existing is None:
        raise Http404
    form_class = FORMS[kind]
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            try:
                with transaction.atomic():
                    change = _propose(request, form, kind, authority, key)
            except ValidationError as exc:
                _service_errors(form, exc)
            except LookupError as exc:
                raise Http404 from exc
            else:
                messages.success(request, _saved_message())
                return redirect(reverse("contributions:mine") + f"#c{change.pk}")
    else:
        if not services.may_draft(request.user, authority):
            raise PermissionDenied("authority.edit_draft")
        initial: dict[str, Any] = {}
        if existing is not None:
            values, links = services.snapshot(
                "partnership" if kind == Kind.PARTNERSHIP else "project", existing
            )
            initial = form_class.initial_from(values, links)
            initial["base_updated_at"] = existing.updated_at.isoformat()
        form = form_class(initial=initial)
    return render(request, "contributions/form.html", {
        "form": form, "authority": authority, "kind": kind, "existing": existing,
        "kind_label": Kind(kind).label,
    })  # fmt: skip


def _propose(
    request: HttpRequest, form: ContributionForm, kind: str, authority: Any, key: str | None
) -> ChangeRequest:
    values, links = form.payload()
    data = form.cleaned_data
    if kind == Kind.PARTNERSHIP:
        partner = services.foreign_partner(
            request.user, authority, data["partner_name"], data["partner_country"],
            data["partner_level"],
        )  # fmt: skip
        links["foreign_authorities"] = [partner]
    if key:
        record = services.record(kind, key)
        if record is not None:
            links.setdefault("french_authorities", [])
            links["french_authorities"] = sorted(
                set(record.french_authorities.values_list("pk", flat=True))
            )
    base = parse_datetime(data.get("base_updated_at") or "") if key else None
    return services.propose(request.user, authority, kind, values, links, key=key,
                            why=data.get("why") or "", base_updated_at=base)  # fmt: skip


@login_required
@require_POST
def from_workspace(request: HttpRequest, pk: int) -> HttpResponse:
    """Draft a catalogue project from a workspace project shared with an authority."""
    owned = get_object_or_404(OwnedWorkspace.objects.select_related("workspace"), pk=pk)
    try:
        with transaction.atomic():
            change = services.propose_from_workspace(request.user, owned)
    except (ValidationError, LookupError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return redirect("contributions:mine")
    messages.success(request, _saved_message())
    return redirect(reverse("contributions:mine") + f"#c{change.pk}")


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    """The moderation queue, filtered by région, kind and age."""
    region = request.GET.get("region") or None
    kind = request.GET.get("type") or None
    try:
        age = int(request.GET.get("age") or 0) or None
    except ValueError:
        age = None
    rows = queries.queue(request.user, region=region, kind=kind, older_than_days=age)
    return render(request, "contributions/queue.html", {
        "rows": rows[:200], "regions": Region.objects.all(), "kinds": Kind.choices,
        "region": region or "", "kind": kind or "", "age": age or "",
    })  # fmt: skip


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """One draft: the diff against the published record; publish, edit then publish, reject."""
    change = get_object_or_404(ChangeRequest.objects.select_related("authority", "author"), pk=pk)
    if not services.may_publish(request.user, change) and change.author_id != request.user.pk:
        raise PermissionDenied("authority.publish_record")
    form_class = FORMS[change.kind]
    form = form_class(initial=form_class.initial_from(change.values, change.links))
    error = ""
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "reject":
                services.reject(request.user, change, request.POST.get("reason", ""))
                messages.success(request, _("Contribution refusée ; son auteur est prévenu."))
                return redirect("contributions:queue")
            if action == "edit":
                form = form_class(request.POST)
                if form.is_valid():
                    values, links = form.payload()
                    links["foreign_authorities"] = change.links.get("foreign_authorities", [])
                    links["french_authorities"] = change.links.get("french_authorities", [])
                    services.publish(request.user, change, why=form.cleaned_data["why"],
                                     values=values, links=links)  # fmt: skip
                    messages.success(request, _("Contribution corrigée et publiée."))
                    return redirect("contributions:queue")
            elif action == "publish":
                services.publish(request.user, change, why=request.POST.get("why", ""))
                messages.success(request, _("Contribution publiée."))
                return redirect("contributions:queue")
        except ValidationError as exc:
            if action == "edit":
                _service_errors(form, exc)
            else:
                error = " ".join(exc.messages)
        except (services.StaleDraft, services.WrongState) as exc:
            error = str(exc)
    return render(request, "contributions/review.html", {
        "change": change, "rows": queries.diff(change), "form": form, "error": error,
        "may_publish": services.may_publish(request.user, change),
    }, status=409 if error and request.method == "POST" else 200)  # fmt: skip


def history(request: HttpRequest, record_kind: str, key: str) -> HttpResponse:
    """Every version of a record, with restore buttons for its moderators."""
    if record_kind not in ("partnership", "project"):
        raise Http404
    versions = queries.history(record_kind, key)
    if not versions:
        raise Http404
    return render(request, "contributions/history.html", {
        "versions": versions, "record_kind": record_kind, "key": key,
        "record": services.record(record_kind, key),
        "may_restore": request.user.is_authenticated
        and services.may_restore(request.user, versions[0]),
    })  # fmt: skip


@login_required
@require_POST
def restore(request: HttpRequest, pk: int) -> HttpResponse:
    version = get_object_or_404(RecordVersion, pk=pk)
    try:
        services.restore(request.user, version, why=request.POST.get("why", ""))
    except services.WrongState as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Version %(n)s rétablie.") % {"n": version.number})
    return redirect("contributions:history", record_kind=version.record_kind, key=version.key)


@login_required
@require_POST
def example(request: HttpRequest, key: str) -> HttpResponse:
    """Flag (with why) or unflag a project as an example; moderators only (403 otherwise)."""
    project = services.record("project", key)
    if project is None:
        raise Http404
    try:
        if request.POST.get("action") == "remove":
            services.unflag_example(request.user, key)
            messages.success(request, _("Ce projet n'est plus signalé comme exemple."))
        else:
            services.flag_example(request.user, key, request.POST.get("why", ""))
            messages.success(request, _("Projet signalé comme exemple."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("web:project", pk=project.pk)


@login_required
def upload(request: HttpRequest, authority_pk: int) -> HttpResponse:
    """A CSV of the authority's partnerships, all rows as drafts or none (errors by line)."""
    authority = get_object_or_404(FrenchAuthority, pk=authority_pk)
    if not services.may_draft(request.user, authority):
        raise PermissionDenied("authority.edit_draft")
    problems: list[str] = []
    if request.method == "POST":
        sent = request.FILES.get("file")
        if sent is None:
            problems = [_("Choisissez un fichier CSV.")]
        elif sent.size is not None and sent.size > bulk.MAX_BYTES:
            problems = [_("%(file)s : fichier trop volumineux (%(max)s Mo au plus)")
                        % {"file": sent.name, "max": bulk.MAX_BYTES // (1024 * 1024)}]  # fmt: skip
        else:
            try:
                done = bulk.propose_csv(request.user, authority, sent.read(),
                                        filename=sent.name or "fichier.csv",
                                        why=request.POST.get("why", ""))  # fmt: skip
            except bulk.UploadRefused as exc:
                problems = [p.describe() for p in exc.problems]
            else:
                messages.success(request, _(
                    "%(n)s brouillon(s) créé(s) depuis %(file)s : ils seront publiés après "
                    "relecture."
                ) % {"n": len(done.drafts), "file": done.file})  # fmt: skip
                return redirect("contributions:mine")
    return render(request, "contributions/upload.html", {
        "authority": authority, "problems": problems,
    }, status=400 if problems else 200)  # fmt: skip


@login_required
def offer(request: HttpRequest, region_code: str) -> HttpResponse:
    """A regional network enters a foreign authority's offer (a call for partners), a draft
    its moderators publish."""
    region = get_object_or_404(Region, code=region_code)
    if not services.may_enter_offer(request.user, region):
        raise PermissionDenied("region.enter_offer")
    form = OfferForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                values, links = form.payload()
                links["foreign_authorities"] = [services.offer_partner(
                    request.user, region, data["partner_name"], data["partner_country"],
                    data["partner_level"],
                )]  # fmt: skip
                change = services.propose_offer(request.user, region, values, links,
                                                why=data.get("why") or "")  # fmt: skip
        except ValidationError as exc:
            _service_errors(form, exc)
        else:
            messages.success(request, _saved_message())
            return redirect(reverse("contributions:mine") + f"#c{change.pk}")
    return render(request, "contributions/form.html", {
        "form": form, "authority": None, "region": region, "kind": Kind.CALL,
        "existing": None, "kind_label": _("offre d'une collectivité étrangère"),
    })  # fmt: skip
