"""Rule registry and the small toolkit every rule uses to build its verdict.

A rule is a function of (project, date). It records findings on a :class:`Context`; the
context folds them into one verdict per rule (the worst status wins) and collects the
sources, dates and confidence of every dated parameter the rule read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from coopdec.projectfile.model import ProjectFile

from ..params import ParameterValue, value_at
from ..verdict import BLOCKING, NOT_APPLICABLE, OK, UNKNOWN, WARNING, Source, Verdict, weakest

# blocking hides everything; unknown comes next because a missing fact may hide a blocking one.
# "sans objet" is the weakest: any real finding (even ok) outranks it.
_SEVERITY = {NOT_APPLICABLE: -1, OK: 0, WARNING: 1, UNKNOWN: 2, BLOCKING: 3}


@dataclass(frozen=True)
class Finding:
    status: str
    message: str


class Context:
    """Collects findings, sources and the validity window while a rule runs."""

    def __init__(self, rule: Rule, on: date) -> None:
        self.rule = rule
        self.on = on
        self.findings: list[Finding] = []
        self.sources: list[Source] = list(rule.sources)
        self.confidences: list[str] = [rule.confidence]
        self.valid_from = rule.valid_from
        self.valid_to = rule.valid_to

    def param(self, name: str) -> ParameterValue | None:
        """The value of a dated parameter on the check date, recorded in the verdict."""
        value = value_at(name, self.on)
        if value is not None:
            self.use(value)
        return value

    def use(self, value: ParameterValue) -> Any:
        for source in value.sources:
            if source not in self.sources:
                self.sources.append(source)
        self.confidences.append(value.confidence)
        # The verdict holds only while every value it used holds: keep the narrowest window.
        if value.valid_from and (self.valid_from is None or value.valid_from > self.valid_from):
            self.valid_from = value.valid_from
        if value.valid_to and (self.valid_to is None or value.valid_to < self.valid_to):
            self.valid_to = value.valid_to
        return value.value

    def doubt(self, confidence: str) -> None:
        """Lower the verdict's confidence because an underlying fact is uncertain."""
        self.confidences.append(confidence)

    def add_source(self, source: Source) -> None:
        if source not in self.sources:
            self.sources.append(source)

    def ok(self, message: str) -> None:
        self.findings.append(Finding(OK, message))

    def warn(self, message: str) -> None:
        self.findings.append(Finding(WARNING, message))

    def block(self, message: str) -> None:
        self.findings.append(Finding(BLOCKING, message))

    def unknown(self, message: str) -> None:
        self.findings.append(Finding(UNKNOWN, message))

    def not_applicable(self, message: str) -> None:
        """The rule has nothing to judge here ("sans objet"): never counted as conforme."""
        self.findings.append(Finding(NOT_APPLICABLE, message))

    def verdict(self) -> Verdict:
        if not self.findings:
            raise RuntimeError(f"la règle {self.rule.id} n'a rien conclu")
        status = max((f.status for f in self.findings), key=_SEVERITY.__getitem__)
        # Show what matters first: the findings of the worst status, then the others.
        ordered = sorted(self.findings, key=lambda f: -_SEVERITY[f.status])
        worst = [f.message for f in ordered if f.status not in {OK, NOT_APPLICABLE}]
        shown = worst or [f.message for f in ordered if f.status == status]
        return Verdict(
            rule=self.rule.id,
            status=status,
            message=" ".join(dict.fromkeys(shown)),
            sources=tuple(self.sources),
            confidence=weakest(*self.confidences),
            valid_from=self.valid_from,
            valid_to=self.valid_to,
        )


RuleFunction = Callable[[ProjectFile, date, Context], None]


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    description: str
    sources: tuple[Source, ...]
    valid_from: date | None
    valid_to: date | None
    confidence: str
    parameters: tuple[str, ...]
    function: RuleFunction

    def evaluate(self, project: ProjectFile, on: date) -> Verdict:
        context = Context(self, on)
        self.function(project, on, context)
        return context.verdict()


_REGISTRY: dict[str, Rule] = {}


def rule(
    rule_id: str,
    *,
    title: str,
    description: str,
    sources: list[tuple[str, str]],
    valid_from: date | None = None,
    valid_to: date | None = None,
    confidence: str = "high",
    parameters: tuple[str, ...] = (),
) -> Callable[[RuleFunction], RuleFunction]:
    """Register a rule function under ``rule_id`` with its sources and dates."""

    def register(function: RuleFunction) -> RuleFunction:
        if rule_id in _REGISTRY:
            raise ValueError(f"règle {rule_id} déjà enregistrée")
        _REGISTRY[rule_id] = Rule(
            id=rule_id,
            title=title,
            description=description,
            sources=tuple(Source(label, url) for label, url in sources),
            valid_from=valid_from,
            valid_to=valid_to,
            confidence=confidence,
            parameters=parameters,
            function=function,
        )
        return function

    return register


# Report order follows the project cycle: legal basis first, then money, then calls.
_FAMILY_ORDER = (
    "l1115_1",
    "l1115_5",
    "l1115_4",
    "restrictions",
    "acts",
    "one_percent",
    "apd",
    "meae",
    "ficol",
    "joint_funds",
)


def _order(item: Rule) -> int:
    family = item.id.split(".")[0]
    return _FAMILY_ORDER.index(family) if family in _FAMILY_ORDER else len(_FAMILY_ORDER)


def registered_rules() -> tuple[Rule, ...]:
    """Every registered rule, in report order (stable within a family)."""
    return tuple(sorted(_REGISTRY.values(), key=_order))
