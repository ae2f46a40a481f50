"""Project assistant (pure logic, no Django): project file v1, dated rules, funding.

Public API::

    parse_project(data) -> Project           load_project_file(path) -> Project
    project_to_dict(project) -> dict          check_project(project, on) -> CheckReport
    list_rules() -> tuple[RuleInfo, ...]      find_funding(project, on) -> FundingReport
    check_financing_plan(project, on) -> FinancingPlanReport
"""

from __future__ import annotations

from .engine import RuleInfo, check_project, list_rules
from .errors import FieldError, ProjectFileError
from .export import project_to_dict
from .funding import (
    FinancingPlanReport,
    FundingReport,
    ProgramMatch,
    check_financing_plan,
    find_funding,
)
from .loading import load_project_file
from .model import Project
from .parsing import parse_project
from .verdict import CheckReport, Source, Verdict

__all__ = [
    "CheckReport",
    "FieldError",
    "FinancingPlanReport",
    "FundingReport",
    "ProgramMatch",
    "Project",
    "ProjectFileError",
    "RuleInfo",
    "Source",
    "Verdict",
    "check_financing_plan",
    "check_project",
    "find_funding",
    "list_rules",
    "load_project_file",
    "parse_project",
    "project_to_dict",
]
