"""``{% load guide_links %}``: links from the workspace to the guide section behind a rule or
a step (``{{ verdict.rule|rule_guide_url }}``, ``{{ step.slug|step_guide_url }}``)."""

from __future__ import annotations

from django import template

from coopdec.guide import services

register = template.Library()


@register.filter
def rule_guide_url(rule_id: str) -> str:
    """The guide section explaining a rule, or "" when the guide has none."""
    return services.rule_guide_url(str(rule_id)) or ""


@register.filter
def step_guide_url(step_slug: str) -> str:
    """The section of the project-cycle page for a workspace step, or ""."""
    return services.step_guide_url(str(step_slug)) or ""
