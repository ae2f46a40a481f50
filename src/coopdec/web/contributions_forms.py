"""The contribution forms (partnership, project, call for partners): they only turn what was
typed into the service's values and links; validation is the service's (model rules)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coopdec.catalogue.models import ForeignAuthority, RelationType, Status
from coopdec.reference.models import Country, Theme

# Service field -> form field, for the errors the service names.
FORM_FIELD = {"foreign_authorities": "partner_name"}


class ContributionForm(forms.Form):
    """Fields common to the three kinds; subclasses add theirs. ``initial_from`` fills a form
    from a draft's or a record's payload."""

    title = forms.CharField(label=_("Titre"), max_length=500)
    summary = forms.CharField(label=_("Résumé"), widget=forms.Textarea(attrs={"rows": 3}),
                              required=False)  # fmt: skip
    why = forms.CharField(label=_("Motif de la contribution"), required=False,
                          help_text=_("Gardé dans l'historique de la fiche."))  # fmt: skip
    base_updated_at = forms.CharField(widget=forms.HiddenInput, required=False)

    scalar: tuple[str, ...] = ("title", "summary")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
                continue
            css = "fr-select" if isinstance(widget, forms.Select) else "fr-input"
            widget.attrs.setdefault("class", css)

    def payload(self) -> tuple[dict[str, Any], dict[str, list[int]]]:
        """The service's values and links from the cleaned data."""
        data = self.cleaned_data
        values = {name: data.get(name) for name in self.scalar}
        return values, self.links()

    def links(self) -> dict[str, list[int]]:
        return {"themes": [t.pk for t in self.cleaned_data.get("themes") or []]}

    @classmethod
    def initial_from(cls, values: dict[str, Any], links: dict[str, list[int]]) -> dict[str, Any]:
        initial = {name: values.get(name) for name in cls.scalar}
        initial["themes"] = links.get("themes", [])
        return initial


def _themes() -> forms.ModelMultipleChoiceField[Any]:
    return forms.ModelMultipleChoiceField(
        Theme.objects.all(), label=_("Thèmes"), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip


def _countries(label: Any) -> forms.ModelMultipleChoiceField[Any]:
    return forms.ModelMultipleChoiceField(
        Country.objects.all(), label=label, required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )  # fmt: skip


class PartnershipForm(ContributionForm):
    relation_type = forms.ChoiceField(label=_("Type de relation"), choices=RelationType.choices)
    start_year = forms.IntegerField(label=_("Année de début"), required=False)
    end_year = forms.IntegerField(label=_("Année de fin"), required=False)
    status = forms.ChoiceField(label=_("Statut"), choices=Status.choices)
    funders = forms.CharField(label=_("Financeurs"), required=False)
    open_to_new_members = forms.BooleanField(
        label=_("Ouvert à de nouvelles collectivités"), required=False
    )
    partner_name = forms.CharField(label=_("Collectivité partenaire (nom)"), max_length=300)
    partner_country = forms.ModelChoiceField(Country.objects.all(), label=_("Pays du partenaire"))
    partner_level = forms.ChoiceField(
        label=_("Niveau du partenaire"), choices=ForeignAuthority.Level.choices, initial="other"
    )
    themes = _themes()

    scalar = ("title", "summary", "relation_type", "start_year", "end_year", "status",
              "funders", "open_to_new_members")  # fmt: skip

    @classmethod
    def initial_from(cls, values: dict[str, Any], links: dict[str, list[int]]) -> dict[str, Any]:
        initial = super().initial_from(values, links)
        partner = ForeignAuthority.objects.filter(
            pk__in=links.get("foreign_authorities", [])
        ).first()
        if partner is not None:
            initial.update(partner_name=partner.name, partner_country=partner.country_id,
                           partner_level=partner.level)  # fmt: skip
        return initial


class ProjectForm(ContributionForm):
    description = forms.CharField(
        label=_("Description, résultats et enseignements"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )
    status = forms.ChoiceField(label=_("Statut"), choices=Status.choices)
    start_date = forms.DateField(label=_("Début"), required=False,
                                 widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip
    end_date = forms.DateField(label=_("Fin"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip
    budget = forms.DecimalField(label=_("Budget (euros)"), required=False, min_value=0)
    funders = forms.CharField(label=_("Financeurs"), required=False)
    open_to_new_members = forms.BooleanField(
        label=_("Ouvert à de nouvelles collectivités"), required=False
    )
    countries = _countries(_("Pays"))
    themes = _themes()

    scalar = ("title", "summary", "description", "status", "start_date", "end_date", "budget",
              "funders", "open_to_new_members")  # fmt: skip

    def links(self) -> dict[str, list[int]]:
        return {**super().links(),
                "countries": [c.pk for c in self.cleaned_data.get("countries") or []]}  # fmt: skip

    @classmethod
    def initial_from(cls, values: dict[str, Any], links: dict[str, list[int]]) -> dict[str, Any]:
        return {**super().initial_from(values, links), "countries": links.get("countries", [])}


class CallForm(ContributionForm):
    description = forms.CharField(label=_("Ce que la collectivité recherche"),
                                  widget=forms.Textarea(attrs={"rows": 6}))  # fmt: skip
    call_closes_on = forms.DateField(label=_("Ouvert jusqu'au"),
                                     widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip
    call_contact = forms.CharField(label=_("Contact (service, adresse générique)"),
                                   max_length=300)  # fmt: skip
    countries = _countries(_("Où (pays)"))
    themes = _themes()

    scalar = ("title", "summary", "description", "call_closes_on", "call_contact")

    def links(self) -> dict[str, list[int]]:
        return {**super().links(),
                "countries": [c.pk for c in self.cleaned_data.get("countries") or []]}  # fmt: skip

    @classmethod
    def initial_from(cls, values: dict[str, Any], links: dict[str, list[int]]) -> dict[str, Any]:
        return {**super().initial_from(values, links), "countries": links.get("countries", [])}


FORMS: dict[str, type[ContributionForm]] = {
    "partnership": PartnershipForm,
    "project": ProjectForm,
    "call": CallForm,
}
# URL slug -> kind.
SLUGS = {"partenariat": "partnership", "projet": "project", "appel": "call"}
