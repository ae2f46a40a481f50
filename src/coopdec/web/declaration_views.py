"""``/compte/collectivites/<id>/apd/<année>/``: the APD declaration campaign of an authority,
and ``/compte/declarations/<année>/`` for national administrators (docs/apd.md)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coopdec.accounts import audit
from coopdec.accounts.permissions import can
from coopdec.catalogue.models import FrenchAuthority
from coopdec.declarations import services
from coopdec.declarations.models import ApdDeclaration


def _authority(pk: int) -> FrenchAuthority:
    return get_object_or_404(FrenchAuthority, pk=pk)


@login_required
def declaration(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    authority = _authority(pk)
    try:
        current = services.view(request.user, authority, year)
    except services.DeclarationError as exc:
        raise Http404(exc.message) from exc
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "save")
        amounts = {
            int(key.removeprefix("montant-")): value
            for key, value in request.POST.items()
            if key.startswith("montant-") and key.removeprefix("montant-").isdigit()
        }
        removed = {int(v) for v in request.POST.getlist("retirer") if v.isdigit()}
        try:
            if action in ("save", "submit"):
                current = services.save(
                    request.user, authority, year, amounts, removed, audit.client_ip(request)
                )
            if action == "submit":
                services.submit(request.user, authority, year, audit.client_ip(request))
                messages.success(request, _("Déclaration transmise. Le récépissé est prêt."))
            else:
                messages.success(request, _("Brouillon enregistré."))
            return redirect("web:apd_declaration", pk=pk, year=year)
        except services.DeclarationError as exc:
            errors[exc.field] = exc.message
            status = 400
            current = services.view(request.user, authority, year)
    return render(
        request,
        "declarations/declaration.html",
        {
            "authority": authority,
            "current": current,
            "rows": list(enumerate(current.rows, 1)),
            "errors": errors,
            "can_declare": can(request.user, "authority.declare_apd", authority),
            "can_reopen": can(request.user, "admin.reopen_apd", authority),
        },
        status=status,
    )


@login_required
def receipt(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    record = get_object_or_404(ApdDeclaration, authority_id=pk, campaign_year=year)
    try:
        pdf = services.receipt_pdf(request.user, record)
    except services.DeclarationError as exc:
        raise Http404(exc.message) from exc
    answer = HttpResponse(pdf, content_type="application/pdf")
    answer["Content-Disposition"] = f'attachment; filename="recepisse-{record.receipt}.pdf"'
    return answer


@login_required
@require_POST
def reopen(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    record = get_object_or_404(ApdDeclaration, authority_id=pk, campaign_year=year)
    try:
        services.reopen(
            request.user, record, request.POST.get("reason", ""), audit.client_ip(request)
        )
        messages.success(request, _("Déclaration rouverte."))
    except services.DeclarationError as exc:
        messages.error(request, exc.message)
    return redirect("web:apd_declaration", pk=pk, year=year)


@login_required
def campaign(request: HttpRequest, year: int) -> HttpResponse:
    """Who declared in a campaign, and the export of every declaration (administrators)."""
    records = services.declared(request.user, year)  # PermissionDenied is Django's 403
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        content = services.export_all(request.user, year, fmt)
        kind = (
            "text/csv; charset=utf-8"
            if fmt == "csv"
            else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        answer = HttpResponse(content, content_type=kind)
        answer["Content-Disposition"] = f'attachment; filename="declarations-apd-{year}.{fmt}"'
        return answer
    return render(request, "declarations/campaign.html", {"year": year, "records": records})
