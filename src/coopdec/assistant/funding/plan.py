"""Financing-plan check: the sources add up, every cap and own-contribution rule holds.

The money rules already live in the rules engine; the plan check re-uses those rules (so the
two never disagree) and adds the arithmetic only a plan has: the sum and each programme's cap.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from coopdec.i18n import _
from coopdec.projectfile.model import ProjectFile

from .. import programs as progs
from ..rules import registered_rules
from ..verdict import BLOCKING, OK, UNKNOWN, Source, Verdict, summarise
from .finder import evaluate_program

# Rules of the engine that are about money and belong in a financing-plan review.
PLAN_RULES = (
    "one_percent.cap",
    "meae.own_contribution",
    "meae.in_kind_limit",
    "meae.max_rate",
    "joint_funds.conditions",
)
_GUIDE = Source(
    "Guide opérationnel de la coopération décentralisée (MEAE, 2020)",
    "https://www.diplomatie.gouv.fr/fr/politique-etrangere-de-la-france/action-exterieure-des-collectivites-territoriales/",
)


@dataclass(frozen=True)
class FinancingPlanReport:
    date: date
    total: Decimal | None
    sources_total: Decimal
    checks: tuple[Verdict, ...]

    @property
    def summary(self) -> dict[str, int]:
        return summarise(self.checks)

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "total": str(self.total) if self.total is not None else None,
            "sources_total": str(self.sources_total),
            "checks": [c.to_json() for c in self.checks],
            "summary": self.summary,
        }


def _check(
    rule: str, status: str, message: str, sources: tuple[Source, ...] = (_GUIDE,)
) -> Verdict:
    return Verdict(rule=rule, status=status, message=message, sources=sources)


def _sum_check(project: ProjectFile, total: Decimal | None, summed: Decimal) -> Verdict:
    missing = [
        f"financing[{i}].amount" for i, f in enumerate(project.financing) if f.amount is None
    ]
    if not project.financing:
        return _check(
            "plan.balance", UNKNOWN, _("Renseigner financing (les sources du plan de financement).")
        )
    if missing:
        return _check("plan.balance", UNKNOWN, _("Montant manquant : %s.") % ", ".join(missing))
    if total is None:
        return _check(
            "plan.balance", UNKNOWN, _("Renseigner budget.total pour vérifier l'équilibre du plan.")
        )
    if summed != total:
        gap = total - summed
        what = _("manque") if gap > 0 else _("excédent")
        return _check(
            "plan.balance",
            BLOCKING,
            _("Les sources (%s €) ne couvrent pas exactement le budget (%s €) : %s de %s €.")
            % (summed, total, what, abs(gap)),
        )
    return _check("plan.balance", OK, _("Les sources (%s €) égalent le budget total.") % summed)


def _program_caps(project: ProjectFile, on: date) -> list[Verdict]:
    out: list[Verdict] = []
    for program_id in dict.fromkeys(f.program for f in project.financing if f.program):
        match = evaluate_program(project, program_id, on)
        amount = progs.program_total(project, program_id)
        sources = progs.program_sources(program_id) or (_GUIDE,)
        rule = f"plan.program_cap[{program_id}]"
        if match.eligible is False:
            refused = " ".join(match.failed)
            out.append(
                _check(
                    rule,
                    BLOCKING,
                    _("%s : programme non éligible — %s") % (match.name, refused),
                    sources,
                )
            )
        elif match.eligible is None:
            # A criterion is unknown (data ended, competence to confirm…): never "ok".
            open_points = [r for r in match.reasons if _is_open(r)] or list(match.reasons[-1:])
            out.append(
                _check(
                    rule,
                    UNKNOWN,
                    _("%s : à vérifier — %s") % (match.name, " ".join(open_points)),
                    sources,
                )
            )
        elif match.max_amount is None:
            out.append(
                _check(
                    rule,
                    UNKNOWN,
                    _("%s : plafond inconnu ; %s") % (match.name, " ".join(match.reasons[-1:])),
                    sources,
                )
            )
        elif amount > match.max_amount:
            out.append(
                _check(
                    rule,
                    BLOCKING,
                    _("%s : %s € demandés, au-delà du maximum de %s €.")
                    % (match.name, amount, match.max_amount),
                    sources,
                )
            )
        else:
            out.append(
                _check(
                    rule,
                    OK,
                    _("%s : %s € demandés, dans la limite de %s €.")
                    % (match.name, amount, match.max_amount),
                    sources,
                )
            )
    return out


def _is_open(reason: str) -> bool:
    return "vérifier" in reason or "renseigner" in reason or "confirmer" in reason


def check_financing_plan(project: ProjectFile, on: date) -> FinancingPlanReport:
    """Check the financing plan of ``project`` with the rules in force on ``on``."""
    total = project.budget.total if project.budget else None
    summed = sum((f.amount for f in project.financing if f.amount is not None), Decimal(0))
    checks = [_sum_check(project, total, summed), *_program_caps(project, on)]
    checks.extend(r.evaluate(project, on) for r in registered_rules() if r.id in PLAN_RULES)
    return FinancingPlanReport(date=on, total=total, sources_total=summed, checks=tuple(checks))
