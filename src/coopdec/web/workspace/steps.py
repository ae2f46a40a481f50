"""The eight steps of the project cycle, what each edits, and the editor that saves a step."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from coopdec.projectfile import FieldError
from coopdec.web.workspace.forms.base import ItemFormSet, ProjectForm, make_list
from coopdec.web.workspace.forms.diagnostic import DiagnosticForm
from coopdec.web.workspace.forms.financing import (
    BudgetLineFormSet,
    FinancingForm,
    FinancingLineFormSet,
)
from coopdec.web.workspace.forms.follow_up import (
    CapitalisationForm,
    ImplementationForm,
    MonitoringForm,
    ReportingForm,
)
from coopdec.web.workspace.forms.formalisation import FormalisationForm
from coopdec.web.workspace.forms.identification import (
    CoAuthorityFormSet,
    IdentificationForm,
    LogframeFormSet,
    PartnerFormSet,
)


@dataclass(frozen=True)
class Step:
    slug: str
    title: Promise
    summary: Promise
    form: type[ProjectForm]
    lists: tuple[type[ItemFormSet], ...] = field(default=())


STEPS: tuple[Step, ...] = (
    Step(
        "identification",
        _("Identification"),
        _(
            "Le projet, la collectivité cheffe de file, les collectivités associées et les "
            "partenaires étrangers."
        ),
        IdentificationForm,
        (CoAuthorityFormSet, PartnerFormSet, LogframeFormSet),
    ),
    Step(
        "diagnostic",
        _("Diagnostic"),
        _("Les thématiques du projet et les cibles des ODD auxquelles il contribue."),
        DiagnosticForm,
    ),
    Step(
        "formalisation",
        _("Formalisation"),
        _("La délibération, la convention de coopération et les autres actes."),
        FormalisationForm,
    ),
    Step(
        "financement",
        _("Financement"),
        _("Le budget, le plan de financement et les budgets des services (plafonds du « 1 % »)."),
        FinancingForm,
        (FinancingLineFormSet, BudgetLineFormSet),
    ),
    Step(
        "mise-en-oeuvre",
        _("Mise en œuvre"),
        _("Le calendrier du projet."),
        ImplementationForm,
    ),
    Step(
        "suivi",
        _("Suivi"),
        _("Le suivi-évaluation et les comptes rendus des projets cofinancés."),
        MonitoringForm,
    ),
    Step(
        "capitalisation",
        _("Capitalisation"),
        _("Faire connaître l'action : l'Atlas de la coopération décentralisée."),
        CapitalisationForm,
    ),
    Step(
        "declaration-annuelle",
        _("Déclaration annuelle"),
        _("La déclaration de l'aide publique au développement (APD) des collectivités."),
        ReportingForm,
    ),
)
STEPS_BY_SLUG = {step.slug: step for step in STEPS}

# "partners[2].name", "budget.lines[0].year": a list's key may be a dotted path.
_INDEXED = re.compile(r"^(?P<key>[a-z_.]+)\[(?P<index>\d+)\](?:\.(?P<rest>.+))?$")


def step_for_path(path: str) -> Step | None:
    """The step whose form edits a project-file path (``financing[2].amount`` -> financing)."""
    key = _INDEXED.sub(r"\g<key>", path)
    for step in STEPS:
        owned = [str(p) for p in step.form.paths.values()] + [f.key for f in step.lists]
        if any(key == p or p.startswith(key + ".") or key.startswith(p + ".") for p in owned):
            return step
    return None


class StepEditor:
    """The form and lists of one step, bound to the project file or to a POST."""

    def __init__(self, step: Step, project: dict[str, Any], data: Any = None) -> None:
        self.step = step
        self.form = step.form(data, project=project)
        self.lists = [make_list(formset, project, data) for formset in step.lists]
        self.unplaced: list[FieldError] = []
        self._rows: dict[str, list[int]] = {}

    @property
    def by_key(self) -> dict[str, ItemFormSet]:
        """The lists by project-file key, for the templates (``editor.by_key.partners``;
        a dotted key with underscores: ``editor.by_key.budget_lines``)."""
        return {formset.key.replace(".", "_"): formset for formset in self.lists}

    def is_valid(self) -> bool:
        valid = self.form.is_valid()
        return all([valid, *(formset.is_valid() for formset in self.lists)])

    def apply(self, project: dict[str, Any]) -> dict[str, Any]:
        """A copy of ``project`` with this step's keys replaced by the cleaned values."""
        updated = copy.deepcopy(project)
        self.form.apply(updated)
        for formset in self.lists:
            self._rows[formset.key] = formset.apply(updated)
        return updated

    def place(self, errors: list[FieldError]) -> None:
        """Attach the project file's errors to the inputs they are about; keep the rest."""
        for error in errors:
            if not self._place(error):
                self.unplaced.append(error)
        self.mark_errors()

    def _place(self, error: FieldError) -> bool:
        name = self.form.field_for_path(error.path)
        if name is not None:
            self.form.add_error(name, error.message)
            return True
        match = _INDEXED.match(error.path)
        if match is None:
            return False
        for formset in self.lists:
            rows = self._rows.get(formset.key, [])
            index = int(match["index"])
            if formset.key == match["key"] and index < len(rows):
                row = formset.forms[rows[index]]
                field_name = row.field_for_path(match["rest"] or "")
                row.add_error(field_name, error.message)
                return True
        return False

    def mark_errors(self) -> None:
        self.form.mark_errors()
        for formset in self.lists:
            for form in formset.forms:
                form.mark_errors()

    @property
    def has_errors(self) -> bool:
        return bool(
            self.unplaced
            or self.form.errors
            or any(formset.total_error_count() for formset in self.lists)
        )
