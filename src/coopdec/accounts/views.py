"""Account pages: sign-in/up, verification, reset, "mon compte", members, audit log.

Views only read forms and call ``coopdec.accounts.services``; rights are asked of
``coopdec.accounts.permissions`` (a refusal is an HTTP 403 with nothing changed).
"""

from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coopdec.accounts import audit, mail, oidc, services
from coopdec.accounts.forms import AuthoritySearchForm, SignInForm, SignUpForm, TokenForm
from coopdec.accounts.models import ApiToken, AuditEvent, Membership, OwnedWorkspace
from coopdec.accounts.permissions import can, require
from coopdec.accounts.tokens import verification_token
from coopdec.catalogue.models import FrenchAuthority


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)
        context["proconnect"] = oidc.enabled()
        return context


def locked_out(request: HttpRequest, credentials: Any = None, *args: Any, **kwargs: Any) -> Any:
    """django-axes' answer to a locked-out sign-in: HTTP 429 and when to try again."""
    audit.record("auth.locked_out", ip=audit.client_ip(request), target="")
    return render(
        request,
        "accounts/locked_out.html",
        {"minutes": int(settings.AXES_COOLOFF_TIME * 60)},
        status=429,
    )


def sign_up(request: HttpRequest) -> HttpResponse:
    """Create an unverified local account; the same answer whether the address is known or not."""
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        existing = services.find_user_by_email(email)
        if existing is not None:
            mail.send_already_registered(existing.email, _base_url(request))
        else:
            user = services.create_local_user(email, form.cleaned_data["password1"])
            audit.record("account.sign_up", ip=audit.client_ip(request), target=user)
            mail.send_verification(user, _base_url(request))
        return render(request, "accounts/check_mailbox.html")
    return render(request, "accounts/signup.html", {"form": form})


def verify(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The link of the verification e-mail: activates the account once."""
    user_model = get_user_model()
    try:
        user = user_model.objects.get(pk=force_str(urlsafe_base64_decode(uidb64)))
    except (ValueError, TypeError, OverflowError, user_model.DoesNotExist):
        user = None
    if user is None or user.is_active or not verification_token.check_token(user, token):
        return render(request, "accounts/verify_failed.html", status=400)
    user.is_active = True
    user.save(update_fields=["is_active"])
    audit.record("account.verified", actor=user, ip=audit.client_ip(request), target=user)
    messages.success(request, _("Adresse vérifiée : vous pouvez vous connecter."))
    return redirect("accounts:login")


def logout_token(request: HttpRequest) -> str:
    """A per-session secret that makes the sign-out link unforgeable by other sites."""
    return salted_hmac("coopdec.accounts.logout", request.session.session_key or "").hexdigest()


def sign_out(request: HttpRequest) -> HttpResponse:
    """Sign out (a link, so that the browser may then go on to ProConnect's logout page).

    The session row is deleted: a cookie kept from before opens nothing (issue 20.5).
    """
    if not request.user.is_authenticated:
        return redirect(settings.LOGOUT_REDIRECT_URL)
    if not constant_time_compare(request.GET.get("jeton", ""), logout_token(request)):
        return render(request, "accounts/logout_confirm.html", {"token": logout_token(request)})
    target = oidc.provider_logout_url(request)
    logout(request)
    return HttpResponseRedirect(target)


@login_required
def account(request: HttpRequest) -> HttpResponse:
    """ "Mon compte": memberships and requests, API tokens, authority search to ask to join."""
    search = AuthoritySearchForm(request.GET or None)
    found = services.find_authorities(search.cleaned_data["q"]) if search.is_valid() else []
    memberships = services.memberships_of(request.user).order_by("authority__name")
    managed = [
        m.authority for m in memberships if can(request.user, "authority.view_members", m.authority)
    ]
    return render(
        request,
        "accounts/account.html",
        {
            "search": search,
            "found": found,
            "memberships": memberships,
            "managed": managed,
            "tokens": ApiToken.objects.filter(user=cast(Any, request.user)),
            "token_form": TokenForm(),
            "can_create_token": can(request.user, "token.create"),
            "new_token": request.session.pop("new_token", None),
            "is_admin": can(request.user, "admin.view_audit"),
            "logout_token": logout_token(request),
            "workspaces": services.workspaces_of(request.user),
            "authorities": services.approved_authorities(request.user),
        },
    )


@login_required
@require_POST
def request_membership(request: HttpRequest) -> HttpResponse:
    authority = get_object_or_404(FrenchAuthority, pk=request.POST.get("authority") or 0)
    services.request_membership(request.user, authority, ip=audit.client_ip(request))
    messages.success(request, _("Demande envoyée à %(name)s.") % {"name": authority.name})
    return redirect("accounts:account")


@login_required
@require_POST
def leave(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(Membership, pk=pk)
    services.leave(request.user, membership, ip=audit.client_ip(request))
    return redirect("accounts:account")


@login_required
def members(request: HttpRequest, pk: int) -> HttpResponse:
    """The members and pending requests of one authority (managers, moderators, admins)."""
    authority = get_object_or_404(FrenchAuthority, pk=pk)
    require(request.user, "authority.view_members", authority)
    rows = Membership.objects.filter(authority=authority).select_related("user")
    return render(
        request,
        "accounts/members.html",
        {
            "authority": authority,
            "pending": rows.filter(status=Membership.Status.PENDING),
            "approved": rows.filter(status=Membership.Status.APPROVED),
            "can_set_role": can(request.user, "membership.set_role", authority),
        },
    )


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(Membership, pk=pk)
    decision = request.POST.get("decision")
    ip = audit.client_ip(request)
    if decision in ("approve", "reject"):
        services.decide_membership(request.user, membership, decision == "approve", ip=ip)
    elif decision == "remove":
        services.remove_member(request.user, membership, ip=ip)
    elif decision in Membership.Role.values:
        services.set_member_role(request.user, membership, decision, ip=ip)
    else:
        raise Http404
    return redirect("accounts:members", pk=membership.authority_id)


@login_required
@require_POST
def create_token(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if form.is_valid():
        _token, secret = services.create_token(
            request.user, form.cleaned_data["name"], ip=audit.client_ip(request)
        )
        # Shown once, on the next page, then gone from the session.
        request.session["new_token"] = secret
    return redirect(reverse("accounts:account") + "#jetons")


@login_required
@require_POST
def revoke_token(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk)
    services.revoke_token(request.user, token, ip=audit.client_ip(request))
    return redirect(reverse("accounts:account") + "#jetons")


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    require(request.user, "admin.view_audit")
    events = AuditEvent.objects.all()
    if request.GET.get("format") == "csv":
        response = HttpResponse(
            audit.export_csv(events.iterator()), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="journal-coopdec.csv"'
        return response
    return render(request, "accounts/audit.html", {"events": events[:200]})


class ResetView(auth_views.PasswordResetView):
    """Same page whether the address is known or not (Django mails only real accounts)."""

    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/mail/reset.txt"
    subject_template_name = "accounts/mail/reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class ResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        audit.record(
            "account.password_reset", actor=self.user, ip=audit.client_ip(self.request),
            target=self.user,
        )  # fmt: skip
        return response


@login_required
@require_POST
def workspace_action(request: HttpRequest, pk: int) -> HttpResponse:
    """Open, rename, duplicate, share or delete one of the account's projects."""
    owned = get_object_or_404(OwnedWorkspace.objects.select_related("workspace"), pk=pk)
    action = request.POST.get("action")
    if action == "open":
        token = services.open_workspace(request.user, owned)
        request.session[services.WORKSPACE_SESSION_KEY] = token
        return redirect("/projet/")
    if action == "rename":
        services.rename_workspace(request.user, owned, request.POST.get("name", ""))
    elif action == "duplicate":
        services.duplicate_workspace(request.user, owned)
    elif action == "delete":
        services.delete_workspace(request.user, owned)
    elif action == "share":
        authority_id = request.POST.get("authority") or None
        authority = get_object_or_404(FrenchAuthority, pk=authority_id) if authority_id else None
        services.share_workspace(request.user, owned, authority)
    else:
        raise Http404
    return redirect(reverse("accounts:account") + "#projets")
