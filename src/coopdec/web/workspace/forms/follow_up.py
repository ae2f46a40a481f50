"""Steps 5 to 8: implementation, monitoring, capitalisation and the annual declaration."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from coopdec.projectfile import paths as P
from coopdec.web.workspace.fields import DayField, MoneyField, TriStateField
from coopdec.web.workspace.forms.base import ProjectForm


class ImplementationForm(ProjectForm):
    start_date = DayField(label=_("Date de début"))
    end_date = DayField(label=_("Date de fin"))

    paths = {"start_date": P.START_DATE, "end_date": P.END_DATE}


class MonitoringForm(ProjectForm):
    monitoring_evaluation = MoneyField(
        label=_("Part du budget consacrée au suivi-évaluation (€)"),
        help_text=_("L'appel à projets 2018 du MEAE demandait 7 % du budget."),
    )
    previous_reports_submitted = TriStateField(
        label=_("Les comptes rendus des projets cofinancés auparavant sont-ils déposés ?")
    )

    paths = {
        "monitoring_evaluation": P.BUDGET_MONITORING,
        "previous_reports_submitted": P.REPORTS_SUBMITTED,
    }


class CapitalisationForm(ProjectForm):
    atlas_up_to_date = TriStateField(
        label=_("L'Atlas de la coopération décentralisée est-il à jour pour la collectivité ?")
    )

    paths = {"atlas_up_to_date": P.ATLAS_UP_TO_DATE}


class ReportingForm(ProjectForm):
    apd_declared_previous_year = TriStateField(
        label=_("L'aide publique au développement de l'année précédente est-elle déclarée ?"),
        help_text=_("La télédéclaration est ouverte chaque année du 15 avril au 31 mai."),
    )
    first_action = TriStateField(
        label=_("Est-ce la première action internationale de la collectivité ?"),
        help_text=_(
            "Oui : rien à déclarer pour l'année précédente ni dans l'Atlas ; ces préalables "
            "sont alors « sans objet (première action) »."
        ),
    )

    paths = {"apd_declared_previous_year": P.APD_DECLARED, "first_action": P.FIRST_ACTION}
