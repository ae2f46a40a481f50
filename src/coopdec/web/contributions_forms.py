"""The contribution forms (partnership, project, call for partners): they only turn what was
typed into the service's values and links; validation is the service's (model rules)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coopdec.catalogue.models import ForeignAuthority, RelationType, Status
from coopdec.documents.labels import EXPENSE_LABELS, FINANCING_SOURCE_LABELS
from coopdec.projectfile.model import EXPENSE_CATEGORIES, FINANCING_SOURCES
from coopdec.reference.models import Country, SdgTarget, Theme

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


def _sdg_targets() -> forms.ModelMultipleChoiceField[Any]:
    return forms.ModelMultipleChoiceField(
        SdgTarget.objects.all(), label=_("Cibles des objectifs de développement durable"),
        required=False, widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Plusieurs choix possibles (Ctrl ou Cmd + clic)."),
    )  # fmt: skip


def _date(label: Any) -> forms.DateField:
    return forms.DateField(label=label, required=False,
                           widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip


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
    convention_signed_on = _date(_("Convention signée le"))
    convention_transmitted_on = _date(_("Convention transmise au préfet le"))
    contacts = forms.CharField(
        label=_("Contacts"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Services et adresses génériques (pas d'adresse personnelle)."),
    )  # fmt: skip
    themes = _themes()
    sdg_targets = _sdg_targets()

    scalar = ("title", "summary", "relation_type", "start_year", "end_year", "status",
              "funders", "open_to_new_members", "convention_signed_on",
              "convention_transmitted_on", "contacts")  # fmt: skip

    def links(self) -> dict[str, list[int]]:
        targets = self.cleaned_data.get("sdg_targets") or []
        return {**super().links(), "sdg_targets": [t.pk for t in targets]}

    @classmethod
    def initial_from(cls, values: dict[str, Any], links: dict[str, list[int]]) -> dict[str, Any]:
        initial = super().initial_from(values, links)
        partner = ForeignAuthority.objects.filter(
            pk__in=links.get("foreign_authorities", [])
        ).first()
        if partner is not None:
            initial.update(partner_name=partner.name, partner_country=partner.country_id,
                           partner_level=partner.level)  # fmt: skip
        initial["sdg_targets"] = links.get("sdg_targets", [])
        return initial


# The rows of budget and financing lines a form offers: at least this many, and one more
# than the record (or the submitted form) has, so that editing never drops a line.
MIN_LINE_ROWS = 3
_ROW = re.compile(r"^(budget|financing)_(\d+)_")


class ProjectForm(ContributionForm):
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    results = forms.CharField(
        label=_("Résultats"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    lessons = forms.CharField(
        label=_("Enseignements (ce que d'autres collectivités peuvent en retenir)"),
        widget=forms.Textarea(attrs={"rows": 4}), required=False,
    )  # fmt: skip
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
    sdg_targets = _sdg_targets()

    scalar = ("title", "summary", "description", "results", "lessons", "status", "start_date",
              "end_date", "budget", "funders", "open_to_new_members")  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind, count in self._rows().items():
            for i in range(count):
                self._add_row(kind, i)
        for name, field in self.fields.items():  # the DSFR classes of the rows just added
            if _ROW.match(name):
                widget = field.widget
                css = "fr-select" if isinstance(widget, forms.Select) else "fr-input"
                widget.attrs.setdefault("class", css)

    def _rows(self) -> dict[str, int]:
        counts = {"budget": 0, "financing": 0}
        for key in self.data or {}:
            if match := _ROW.match(key):
                counts[match[1]] = max(counts[match[1]], int(match[2]) + 1)
        for kind in counts:
            stored = len(self.initial.get(f"{kind}_lines") or [])
            counts[kind] = min(max(counts[kind], stored + 1, MIN_LINE_ROWS), 30)
        return counts

    def _add_row(self, kind: str, i: int) -> None:
        n = i + 1
        if kind == "budget":
            self.fields[f"budget_{i}_category"] = forms.ChoiceField(
                label=_("Dépense %(n)s : poste") % {"n": n}, required=False,
                choices=[("", "—"), *((c, _(EXPENSE_LABELS[c])) for c in EXPENSE_CATEGORIES)],
            )  # fmt: skip
        else:
            self.fields[f"financing_{i}_source"] = forms.ChoiceField(
                label=_("Financement %(n)s : source") % {"n": n}, required=False,
                choices=[("", "—"),
                         *((c, _(FINANCING_SOURCE_LABELS[c])) for c in FINANCING_SOURCES)],
            )  # fmt: skip
            self.fields[f"financing_{i}_name"] = forms.CharField(
                label=_("Financement %(n)s : financeur ou programme") % {"n": n},
                required=False, max_length=300,
            )  # fmt: skip
        label = _("Dépense %(n)s") if kind == "budget" else _("Financement %(n)s")
        self.fields[f"{kind}_{i}_year"] = forms.IntegerField(
            label=f"{label % {'n': n}} : {_('année')}", required=False
        )
        self.fields[f"{kind}_{i}_amount"] = forms.DecimalField(
            label=f"{label % {'n': n}} : {_('montant (euros)')}", required=False, min_value=0
        )
        stored = self.initial.get(f"{kind}_lines") or []
        if i < len(stored):
            for name, value in stored[i].items():
                self.initial[f"{kind}_{i}_{name}"] = value

    def _lines(self, kind: str, code: str, texts: tuple[str, ...]) -> list[dict[str, Any]]:
        data, out = self.cleaned_data, []
        i = 0
        while f"{kind}_{i}_amount" in self.fields:
            names = (code, "year", "amount", *texts)
            row = {name: data.get(f"{kind}_{i}_{name}") for name in names}
            if any(v not in (None, "") for v in row.values()):
                out.append({k: (str(v) if k == "amount" and v is not None else v)
                            for k, v in row.items() if v not in (None, "")})  # fmt: skip
            i += 1
        return out

    def payload(self) -> tuple[dict[str, Any], dict[str, list[int]]]:
        values, links = super().payload()
        values["budget_lines"] = self._lines("budget", "category", ())
        values["financing_lines"] = self._lines("financing", "source", ("name",))
        return values, links

    def links(self) -> dict[str, list[int]]:
        data = self.cleaned_data
        return {**super().links(),
                "countries": [c.pk for c in data.get("countries") or []],
                "sdg_targets": [t.pk for t in data.get("sdg_targets") or []]}  # fmt: skip

    @classmethod
    def initial_from(cls, values: dict[str, Any], links: dict[str, list[int]]) -> dict[str, Any]:
        return {**super().initial_from(values, links), "countries": links.get("countries", []),
                "sdg_targets": links.get("sdg_targets", []),
                "budget_lines": values.get("budget_lines") or [],
                "financing_lines": values.get("financing_lines") or []}  # fmt: skip


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


class OfferForm(CallForm):
    """A foreign authority's offer, entered by a regional network: the call, and the foreign
    authority that makes it (found by name and country, else added)."""

    partner_name = forms.CharField(label=_("Collectivité étrangère qui fait l'offre (nom)"),
                                   max_length=300)  # fmt: skip
    partner_country = forms.ModelChoiceField(Country.objects.all(), label=_("Son pays"))
    partner_level = forms.ChoiceField(
        label=_("Son niveau"), choices=ForeignAuthority.Level.choices, initial="other"
    )


FORMS: dict[str, type[ContributionForm]] = {
    "partnership": PartnershipForm,
    "project": ProjectForm,
    "call": CallForm,
}
# URL slug -> kind.
SLUGS = {"partenariat": "partnership", "projet": "project", "appel": "call"}
