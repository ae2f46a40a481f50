"""Step 1, identification: the project, the French authorities and the foreign partners."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coopdec.projectfile import paths as P
from coopdec.projectfile.model import MAX_OBJECTIVES
from coopdec.web.workspace.fields import LinesField, TriStateField
from coopdec.web.workspace.forms.base import ItemForm, ProjectForm, list_formset
from coopdec.web.workspace.forms.vocabulary import (
    AUTHORITY_KIND_LABELS,
    PARTNER_KINDS,
    choices,
    country_choices,
)

CODE_HELP = _(
    "INSEE de la commune (81060), SIREN de l'EPCI ou du syndicat (9 chiffres), "
    "code du département (81, 2A, 974) ou de la région (76)."
)


class _CodeField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=9, required=False, help_text=CODE_HELP, **kwargs)
        self.widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})

    def clean(self, value: Any) -> str:
        return str(super().clean(value)).strip().upper()


def _kind_and_code(form: forms.Form, kind: str, code: str) -> None:
    data = form.cleaned_data
    if data.get(code) and not data.get(kind):
        form.add_error(kind, _("Choisir le type de collectivité qui correspond à ce code."))


class IdentificationForm(ProjectForm):
    title = forms.CharField(label=_("Intitulé du projet"), max_length=300, required=False)
    lead_kind = forms.ChoiceField(
        label=_("Type de collectivité cheffe de file"),
        choices=choices(AUTHORITY_KIND_LABELS),
        required=False,
    )
    lead_code = _CodeField(label=_("Code officiel de la collectivité cheffe de file"))
    lead_name = forms.CharField(
        label=_("Nom usuel (facultatif)"),
        help_text=_("Les documents emploient le nom officiel du répertoire quand il est connu."),
        max_length=300,
        required=False,
    )
    lead_project_owner = TriStateField(
        label=_("La collectivité est-elle maître d'ouvrage du projet ?"),
        help_text=_(
            "Une collectivité simple bailleur n'est éligible ni aux appels du MEAE ni à la FICOL."
        ),
    )

    # The application's narrative (the ministry's form asks for it).
    context = forms.CharField(
        label=_("Contexte du projet"),
        help_text=_("La situation à laquelle le projet répond, sur le territoire partenaire."),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        required=False,
    )
    objectives = LinesField(
        label=_("Objectifs du projet"),
        help_text=_("Un objectif par ligne."),
        max_items=MAX_OBJECTIVES,
    )
    expected_results = LinesField(
        label=_("Résultats attendus"),
        help_text=_("Un résultat par ligne."),
        max_items=MAX_OBJECTIVES,
    )

    paths = {
        "title": P.TITLE,
        "context": P.CONTEXT,
        "objectives": P.OBJECTIVES,
        "expected_results": P.EXPECTED_RESULTS,
        "lead_kind": P.LEAD_KIND,
        "lead_code": P.LEAD_CODE,
        "lead_name": P.LEAD_NAME,
        "lead_project_owner": P.LEAD_PROJECT_OWNER,
    }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _kind_and_code(self, "lead_kind", "lead_code")
        return cleaned


class CoAuthorityForm(ItemForm):
    kind = forms.ChoiceField(
        label=_("Type"), choices=choices(AUTHORITY_KIND_LABELS), required=False
    )
    code = _CodeField(label=_("Code officiel"))
    name = forms.CharField(label=_("Nom usuel (facultatif)"), max_length=300, required=False)
    project_owner = TriStateField(label=_("Maître d'ouvrage ?"))

    paths = {
        "kind": P.AUTHORITY_KIND,
        "code": P.AUTHORITY_CODE,
        "name": P.AUTHORITY_NAME,
        "project_owner": P.AUTHORITY_PROJECT_OWNER,
    }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _kind_and_code(self, "kind", "code")
        return cleaned


class PartnerForm(ItemForm):
    name = forms.CharField(label=_("Nom du partenaire"), max_length=300, required=False)
    country = forms.ChoiceField(label=_("Pays"), required=False)
    kind = forms.ChoiceField(label=_("Nature"), choices=choices(PARTNER_KINDS), required=False)
    area = forms.CharField(
        label=_("Territoire infranational (facultatif)"),
        help_text=_("Région, province ou ville : sert aux restrictions (zones non reconnues)."),
        max_length=200,
        required=False,
    )

    commitment = forms.CharField(
        label=_("Engagement du partenaire (facultatif)"),
        help_text=_("Ce que le partenaire apporte : personnel, locaux, cofinancement."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )

    paths = {
        "name": P.PARTNER_NAME,
        "country": P.PARTNER_COUNTRY,
        "kind": P.PARTNER_KIND,
        "area": P.PARTNER_AREA,
        "commitment": P.PARTNER_COMMITMENT,
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices()  # type: ignore[attr-defined]


class IndicatorForm(ItemForm):
    """One row of the logical framework."""

    result = forms.CharField(label=_("Résultat"), max_length=500, required=False)
    indicator = forms.CharField(label=_("Indicateur"), max_length=500, required=False)
    baseline = forms.CharField(label=_("Valeur de départ"), max_length=200, required=False)
    target = forms.CharField(label=_("Cible"), max_length=200, required=False)
    source = forms.CharField(label=_("Source de vérification"), max_length=500, required=False)

    paths = {
        "result": P.INDICATOR_RESULT,
        "indicator": P.INDICATOR_INDICATOR,
        "baseline": P.INDICATOR_BASELINE,
        "target": P.INDICATOR_TARGET,
        "source": P.INDICATOR_SOURCE,
    }


CoAuthorityFormSet = list_formset(CoAuthorityForm, P.CO_AUTHORITIES)
PartnerFormSet = list_formset(PartnerForm, P.PARTNERS)
LogframeFormSet = list_formset(IndicatorForm, P.LOGFRAME, max_num=MAX_OBJECTIVES)
