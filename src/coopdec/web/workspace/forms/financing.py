"""Step 4, financing: the budget, the financing plan and the service budgets (1 % caps)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coopdec.projectfile import paths as P
from coopdec.projectfile.model import MAX_ITEMS
from coopdec.web.workspace.fields import MoneyField, YearField
from coopdec.web.workspace.forms.base import ItemForm, ProjectForm, list_formset
from coopdec.web.workspace.forms.vocabulary import (
    EXPENSE_CATEGORIES,
    FINANCING_SOURCES,
    SERVICES,
    choices,
    program_choices,
)


class FinancingForm(ProjectForm):
    budget_total = MoneyField(
        label=_("Coût total du projet (€)"),
        help_text=_("La somme des lignes du plan de financement doit l'égaler."),
    )
    eau_assainissement = MoneyField(label=_("Budget eau et assainissement (€)"))
    energie = MoneyField(label=_("Budget énergie (€)"))
    dechets = MoneyField(label=_("Budget déchets (€)"))
    mobilite = MoneyField(label=_("Budget mobilité (€)"))
    versement_mobilite = MoneyField(
        label=_("dont versement mobilité (€)"),
        help_text=_("Exclu de la base du « 1 % » mobilité (article L1115-3 du CGCT)."),
    )

    service_fields = ("eau_assainissement", "energie", "dechets", "mobilite", "versement_mobilite")
    paths = {
        "budget_total": P.BUDGET_TOTAL,
        **{name: P.SERVICE_BUDGETS[name] for name in service_fields},
    }

    def service_bound_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.service_fields]

    def apply(self, project: dict[str, Any]) -> None:
        super().apply(project)
        # The caps and ceilings are in euros, the only currency the rules know: say so.
        if P.BUDGET_TOTAL.get(project) is not None:
            P.BUDGET_CURRENCY.set(project, "EUR")


class FinancingLineForm(ItemForm):
    source = forms.ChoiceField(
        label=_("Source"), choices=choices(FINANCING_SOURCES), required=False
    )
    amount = MoneyField(label=_("Montant (€)"))
    service = forms.ChoiceField(
        label=_("Service (pour un « 1 % »)"), choices=choices(SERVICES), required=False
    )
    program = forms.ChoiceField(label=_("Programme (pour un programme)"), required=False)
    name = forms.CharField(label=_("Financeur (pour « autre »)"), max_length=300, required=False)

    paths = {
        "source": P.LINE_SOURCE,
        "amount": P.LINE_AMOUNT,
        "service": P.LINE_SERVICE,
        "program": P.LINE_PROGRAM,
        "name": P.LINE_NAME,
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["program"].choices = program_choices()  # type: ignore[attr-defined]
        # static/workspace/workspace.js shows only the field this source uses.
        self.fields["source"].widget.attrs["data-source"] = ""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if any(cleaned.get(name) for name in ("amount", "service", "program", "name")) and not (
            cleaned.get("source")
        ):
            self.add_error("source", _("Choisir la source de ce financement."))
        return cleaned


class BudgetLineForm(ItemForm):
    """One cell of the budget by expense category and by year (the application's annex)."""

    category = forms.ChoiceField(
        label=_("Catégorie de dépenses"), choices=choices(EXPENSE_CATEGORIES), required=False
    )
    year = YearField(label=_("Année"))
    amount = MoneyField(label=_("Montant (€)"))

    paths = {
        "category": P.BUDGET_LINE_CATEGORY,
        "year": P.BUDGET_LINE_YEAR,
        "amount": P.BUDGET_LINE_AMOUNT,
    }


FinancingLineFormSet = list_formset(FinancingLineForm, P.FINANCING)
BudgetLineFormSet = list_formset(BudgetLineForm, P.BUDGET_LINES, max_num=MAX_ITEMS)
