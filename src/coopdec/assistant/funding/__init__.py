"""Funding: the programme finder and the financing-plan check."""

from __future__ import annotations

from .finder import FundingReport, ProgramMatch, evaluate_program, find_funding
from .plan import FinancingPlanReport, check_financing_plan

__all__ = [
    "FinancingPlanReport",
    "FundingReport",
    "ProgramMatch",
    "check_financing_plan",
    "evaluate_program",
    "find_funding",
]
