"""Step 2, diagnostic: the themes of the project and the SDG targets it serves."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coopdec.projectfile import paths as P
from coopdec.web.workspace.forms.base import ProjectForm


class DiagnosticForm(ProjectForm):
    themes = forms.MultipleChoiceField(
        label=_("Thématiques du projet"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    sdg_targets = forms.MultipleChoiceField(
        label=_("Cibles des objectifs de développement durable (ODD)"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    paths = {"themes": P.THEMES, "sdg_targets": P.SDG_TARGETS}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from coopdec.reference.models import SdgGoal, SdgTarget, Theme

        super().__init__(*args, **kwargs)
        themes = Theme.objects.prefetch_related("sdg_goals").order_by("position")
        self.fields["themes"].choices = [(t.code, t.label) for t in themes]  # type: ignore[attr-defined]
        self.theme_goals = {t.code: {g.number for g in t.sdg_goals.all()} for t in themes}
        targets = SdgTarget.objects.select_related("goal").order_by("goal__number", "position")
        self.fields["sdg_targets"].choices = [  # type: ignore[attr-defined]
            (t.code, f"{t.code} — {t.label}") for t in targets
        ]
        self.goals = list(SdgGoal.objects.order_by("number"))

    def sdg_groups(self) -> list[dict[str, Any]]:
        """The target checkboxes grouped by goal; goals linked to a chosen theme come open."""
        chosen_themes = self["themes"].value() or []
        suggested = set().union(*(self.theme_goals.get(code, set()) for code in chosen_themes))
        chosen = set(self["sdg_targets"].value() or [])
        by_goal: dict[str, list[Any]] = {}
        for box in self["sdg_targets"]:
            by_goal.setdefault(str(box.data["value"]).split(".")[0], []).append(box)
        return [
            {
                "goal": goal,
                "boxes": by_goal.get(str(goal.number), []),
                "chosen": sum(
                    1 for box in by_goal.get(str(goal.number), []) if box.data["value"] in chosen
                ),
                "suggested": goal.number in suggested,
            }
            for goal in self.goals
        ]
