"""Step 3, formalisation: the convention, the deliberation and the other acts (L1115-1, L1115-5)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coopdec.projectfile import paths as P
from coopdec.web.workspace.fields import DayField, TriStateField
from coopdec.web.workspace.forms.base import ProjectForm
from coopdec.web.workspace.forms.vocabulary import STATE_EXCEPTIONS, choices


class FormalisationForm(ProjectForm):
    deliberation_adopted = TriStateField(label=_("Le conseil a-t-il délibéré sur le projet ?"))
    deliberation_adopted_on = DayField(label=_("Date de la délibération"))
    deliberation_transmitted = TriStateField(
        label=_("La délibération a-t-elle été transmise au préfet ?"),
        help_text=_("Elle devient exécutoire à sa transmission (contrôle de légalité)."),
    )
    convention_signed = TriStateField(label=_("La convention est-elle signée ?"))
    convention_signed_on = DayField(
        label=_("Date de signature"),
        help_text=_("La délibération doit précéder la signature."),
    )
    convention_states_purpose = TriStateField(
        label=_("La convention précise-t-elle l'objet des actions ?")
    )
    convention_states_commitment = TriStateField(
        label=_("Précise-t-elle le montant prévisionnel des engagements financiers ?")
    )
    convention_transmitted = TriStateField(
        label=_("La convention a-t-elle été transmise au préfet ?"),
        help_text=_("Elle n'entre en vigueur qu'à cette transmission."),
    )
    twinning = TriStateField(label=_("S'agit-il d'un jumelage ?"))
    charter = TriStateField(label=_("Une charte d'amitié ou de coopération est-elle signée ?"))
    exception_case = forms.ChoiceField(
        label=_("Exception de l'article L1115-5 invoquée"),
        help_text=_("Seulement si un partenaire est un État étranger."),
        choices=choices(STATE_EXCEPTIONS),
        required=False,
    )
    exception_prefect_authorised = TriStateField(
        label=_("Le préfet a-t-il donné son autorisation préalable ?")
    )

    paths = {
        "deliberation_adopted": P.DELIBERATION_ADOPTED,
        "deliberation_adopted_on": P.DELIBERATION_ADOPTED_ON,
        "deliberation_transmitted": P.DELIBERATION_TRANSMITTED,
        "convention_signed": P.CONVENTION_SIGNED,
        "convention_signed_on": P.CONVENTION_SIGNED_ON,
        "convention_states_purpose": P.CONVENTION_STATES_PURPOSE,
        "convention_states_commitment": P.CONVENTION_STATES_COMMITMENT,
        "convention_transmitted": P.CONVENTION_TRANSMITTED,
        "twinning": P.TWINNING,
        "charter": P.CHARTER,
        "exception_case": P.EXCEPTION_CASE,
        "exception_prefect_authorised": P.EXCEPTION_PREFECT_AUTHORISED,
    }

    # Fieldsets of the page: (legend, field names).
    groups: tuple[tuple[Any, tuple[str, ...]], ...] = (
        (
            _("Délibération du conseil"),
            ("deliberation_adopted", "deliberation_adopted_on", "deliberation_transmitted"),
        ),
        (
            _("Convention de coopération (article L1115-1 du CGCT)"),
            (
                "convention_signed",
                "convention_signed_on",
                "convention_states_purpose",
                "convention_states_commitment",
                "convention_transmitted",
            ),
        ),
        (_("Autres actes"), ("twinning", "charter")),
        (
            _("Partenaire étatique (article L1115-5 du CGCT)"),
            ("exception_case", "exception_prefect_authorised"),
        ),
    )

    def fieldsets(self) -> list[tuple[Any, list[forms.BoundField]]]:
        return [(legend, [self[name] for name in names]) for legend, names in self.groups]
