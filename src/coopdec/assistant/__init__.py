"""Project assistant (pure logic, no Django): dated rules and funding for a project file.

The project file itself (model, parser, errors) is ``coopdec.projectfile``; its main names
are re-exported here for the callers of the assistant. Public API::

    check_project(project, on) -> CheckReport       list_rules() -> tuple[RuleInfo, ...]
    find_funding(project, on) -> FundingReport
    check_financing_plan(project, on) -> FinancingPlanReport
"""

from __future__ import annotations

from coopdec.projectfile import (
    FieldError,
    ProjectFile,
    ProjectFileError,
    load_project_file,
    parse_project,
    project_to_dict,
)

from .engine import RuleInfo, check_project, list_rules
from .funding import (
    FinancingPlanReport,
    FundingReport,
    ProgramMatch,
    check_financing_plan,
    find_funding,
)
from .restrictions import blocked_partner_problems
from .verdict import CheckReport, Source, Verdict

# The old name, for ``exchange/`` until the merge switches it to ``ProjectFile``.
Project = ProjectFile

__all__ = [
    "CheckReport",
    "FieldError",
    "FinancingPlanReport",
    "FundingReport",
    "ProgramMatch",
    "Project",
    "ProjectFile",
    "ProjectFileError",
    "RuleInfo",
    "Source",
    "Verdict",
    "blocked_partner_problems",
    "check_financing_plan",
    "check_project",
    "find_funding",
    "list_rules",
    "load_project_file",
    "parse_project",
    "project_to_dict",
]
