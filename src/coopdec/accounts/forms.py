"""Forms of the account pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class SignInForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Adresse électronique"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    error_messages = {
        # One message for a wrong password, an unknown or an unverified address: no enumeration.
        "invalid_login": _(
            "Adresse électronique ou mot de passe incorrect, ou adresse pas encore vérifiée."
        ),
        "inactive": _(
            "Adresse électronique ou mot de passe incorrect, ou adresse pas encore vérifiée."
        ),
    }

    def clean_username(self) -> str:
        return str(self.cleaned_data["username"]).strip().lower()


class SignUpForm(forms.Form):
    email = forms.EmailField(
        label=_("Adresse électronique"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password1 = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("12 caractères au moins, ni trop courant ni entièrement numérique."),
    )
    password2 = forms.CharField(
        label=_("Confirmation du mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("Les deux mots de passe diffèrent."))
        elif first:
            from django.contrib.auth.models import User

            probe = User(username=data.get("email", ""), email=data.get("email", ""))
            try:
                password_validation.validate_password(first, probe)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


class MembershipRequestForm(forms.Form):
    authority = forms.IntegerField(widget=forms.HiddenInput)


class AuthoritySearchForm(forms.Form):
    q = forms.CharField(
        label=_("Nom ou code officiel (INSEE, SIREN, numéro de département)"),
        max_length=100,
        required=False,
    )


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Nom du jeton"), max_length=100)
