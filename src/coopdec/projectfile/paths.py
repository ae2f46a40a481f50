"""Typed paths to the fields of a project file, for the forms that edit one.

A :class:`FieldPath` is built by :func:`path` from the model itself: every key is checked
against the dataclass fields when this module is imported, so a renamed field breaks at
start-up instead of silently writing a key the parser refuses. Paths to a list's items are
relative to the item (``LINE_AMOUNT`` is ``amount`` inside ``financing[i]``). ``str(path)``
is the dotted form the parser's errors use (``instruments.convention.signed``).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any

from .model import (
    ONE_PERCENT_SERVICES,
    AuthorityRef,
    BudgetLine,
    FinancingLine,
    Indicator,
    Partner,
    ProjectFile,
)


@dataclasses.dataclass(frozen=True)
class FieldPath:
    """The keys from a mapping (the file, or one item of a list) down to one value."""

    keys: tuple[str, ...]

    def __str__(self) -> str:
        return ".".join(self.keys)

    def get(self, data: dict[str, Any]) -> Any:
        """The value at this path in ``data`` (``None`` when any key is missing)."""
        node: Any = data
        for key in self.keys:
            if not isinstance(node, dict):
                return None
            node = node.get(key)
        return node

    def set(self, data: dict[str, Any], value: Any) -> None:
        """Set the value; ``None`` removes the key and the objects it leaves empty.

        An empty object and a missing one would both mean "nothing supplied"; removing it
        keeps the exported file free of clutter.
        """
        parents: list[dict[str, Any]] = [data]
        node = data
        for key in self.keys[:-1]:
            child = node.get(key)
            if not isinstance(child, dict):
                if value is None:
                    return
                child = {}
                node[key] = child
            parents.append(child)
            node = child
        if value is None:
            node.pop(self.keys[-1], None)
            for depth in range(len(self.keys) - 1, 0, -1):
                if parents[depth]:
                    break
                parents[depth - 1].pop(self.keys[depth - 1], None)
        else:
            node[self.keys[-1]] = value


def _field_type(owner: type, key: str) -> Any:
    if key not in {f.name for f in dataclasses.fields(owner)}:
        raise KeyError(f"{owner.__name__} has no field {key!r}")
    annotation = typing.get_type_hints(owner)[key]
    if isinstance(annotation, types.UnionType):
        annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
    return annotation


def path(owner: type, *keys: str) -> FieldPath:
    """A path from ``owner`` (a model dataclass) through ``keys``, checked against the model."""
    current: Any = owner
    for key in keys:
        if not (isinstance(current, type) and dataclasses.is_dataclass(current)):
            raise KeyError(f"{'.'.join(keys)}: {key!r} is below a plain value")
        current = _field_type(current, key)
    return FieldPath(keys)


# --- The file ----------------------------------------------------------------------------------
TITLE = path(ProjectFile, "title")
CONTEXT = path(ProjectFile, "context")
OBJECTIVES = path(ProjectFile, "objectives")
EXPECTED_RESULTS = path(ProjectFile, "expected_results")
LOGFRAME = path(ProjectFile, "logframe")
BUDGET_LINES = path(ProjectFile, "budget", "lines")
START_DATE = path(ProjectFile, "start_date")
END_DATE = path(ProjectFile, "end_date")
LEAD_KIND = path(ProjectFile, "lead_authority", "kind")
LEAD_CODE = path(ProjectFile, "lead_authority", "code")
LEAD_NAME = path(ProjectFile, "lead_authority", "name")
LEAD_PROJECT_OWNER = path(ProjectFile, "lead_authority", "project_owner")
CO_AUTHORITIES = path(ProjectFile, "co_authorities")
PARTNERS = path(ProjectFile, "partners")
FINANCING = path(ProjectFile, "financing")
THEMES = path(ProjectFile, "themes")
SDG_TARGETS = path(ProjectFile, "sdg_targets")
BUDGET_CURRENCY = path(ProjectFile, "budget", "currency")
BUDGET_TOTAL = path(ProjectFile, "budget", "total")
BUDGET_MONITORING = path(ProjectFile, "budget", "monitoring_evaluation")
SERVICE_BUDGETS = {
    service: path(ProjectFile, "service_budgets", service)
    for service in (*ONE_PERCENT_SERVICES, "versement_mobilite")
}
APD_DECLARED = path(ProjectFile, "prerequisites", "apd_declared_previous_year")
ATLAS_UP_TO_DATE = path(ProjectFile, "prerequisites", "atlas_up_to_date")
REPORTS_SUBMITTED = path(ProjectFile, "prerequisites", "previous_reports_submitted")
FIRST_ACTION = path(ProjectFile, "prerequisites", "first_action")

DELIBERATION_ADOPTED = path(ProjectFile, "instruments", "deliberation", "adopted")
DELIBERATION_ADOPTED_ON = path(ProjectFile, "instruments", "deliberation", "adopted_on")
DELIBERATION_TRANSMITTED = path(
    ProjectFile, "instruments", "deliberation", "transmitted_to_prefect"
)
CONVENTION_SIGNED = path(ProjectFile, "instruments", "convention", "signed")
CONVENTION_SIGNED_ON = path(ProjectFile, "instruments", "convention", "signed_on")
CONVENTION_STATES_PURPOSE = path(ProjectFile, "instruments", "convention", "states_purpose")
CONVENTION_STATES_COMMITMENT = path(
    ProjectFile, "instruments", "convention", "states_financial_commitment"
)
CONVENTION_TRANSMITTED = path(ProjectFile, "instruments", "convention", "transmitted_to_prefect")
TWINNING = path(ProjectFile, "instruments", "twinning")
CHARTER = path(ProjectFile, "instruments", "charter")
EXCEPTION_CASE = path(ProjectFile, "instruments", "state_convention_exception", "case")
EXCEPTION_PREFECT_AUTHORISED = path(
    ProjectFile, "instruments", "state_convention_exception", "prefect_authorised"
)

# --- Inside one item of a list -----------------------------------------------------------------
AUTHORITY_KIND = path(AuthorityRef, "kind")
AUTHORITY_CODE = path(AuthorityRef, "code")
AUTHORITY_NAME = path(AuthorityRef, "name")
AUTHORITY_PROJECT_OWNER = path(AuthorityRef, "project_owner")
PARTNER_NAME = path(Partner, "name")
PARTNER_COUNTRY = path(Partner, "country")
PARTNER_KIND = path(Partner, "kind")
PARTNER_AREA = path(Partner, "area")
PARTNER_COMMITMENT = path(Partner, "commitment")
INDICATOR_RESULT = path(Indicator, "result")
INDICATOR_INDICATOR = path(Indicator, "indicator")
INDICATOR_BASELINE = path(Indicator, "baseline")
INDICATOR_TARGET = path(Indicator, "target")
INDICATOR_SOURCE = path(Indicator, "source")
BUDGET_LINE_CATEGORY = path(BudgetLine, "category")
BUDGET_LINE_YEAR = path(BudgetLine, "year")
BUDGET_LINE_AMOUNT = path(BudgetLine, "amount")
LINE_SOURCE = path(FinancingLine, "source")
LINE_AMOUNT = path(FinancingLine, "amount")
LINE_SERVICE = path(FinancingLine, "service")
LINE_PROGRAM = path(FinancingLine, "program")
LINE_NAME = path(FinancingLine, "name")
