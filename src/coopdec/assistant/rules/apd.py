"""The annual declaration of official development assistance (APD) by local authorities."""

from __future__ import annotations

from datetime import date

from coopdec.i18n import N_, _
from coopdec.projectfile.model import ProjectFile

from .. import programs as progs
from .base import Context, rule

_L1115_6 = (
    "CGCT art. L1115-6",
    "https://french-business-law.com/french-legislation/legitext000006070633-french-general-code-of-local-authorities/page/7/",
)


def window(on: date, opens: str, closes: str) -> tuple[date, date]:
    return date.fromisoformat(f"{on.year}-{opens}"), date.fromisoformat(f"{on.year}-{closes}")


@rule(
    "apd.declaration",
    title=N_("Déclaration annuelle de l'APD"),
    description=N_(
        "Chaque année, du 15 avril au 31 mai (dates de campagne variables), la collectivité "
        "déclare l'aide publique au développement versée l'année précédente (L1115-6) ; depuis "
        "2015 c'est une condition de tout cofinancement du MEAE."
    ),
    sources=[_L1115_6],
    valid_from=date(2015, 1, 1),
    parameters=("apd_declaration_window", "apd_prerequisite_for_meae"),
)
def apd_declaration(project: ProjectFile, on: date, ctx: Context) -> None:
    period = ctx.param("apd_declaration_window")
    if period is None:
        ctx.unknown(_("Aucune campagne de déclaration de l'APD connue à cette date."))
        return
    opens, closes = window(on, period.value["opens"], period.value["closes"])
    declared = project.prerequisites.apd_declared_previous_year if project.prerequisites else None
    asks_meae = bool(progs.dctciv_lines(project))
    campaign = _("campagne %d du %s au %s") % (
        on.year,
        opens.strftime("%d/%m"),
        closes.strftime("%d/%m"),
    )
    first = project.prerequisites.first_action if project.prerequisites else None
    if first and not declared:
        ctx.not_applicable(
            _(
                "Sans objet (première action) : aucune aide versée l'année précédente, rien à "
                "déclarer ; l'APD de cette année sera à déclarer l'an prochain (%s)."
            )
            % campaign
        )
        return
    if declared is None:
        ctx.unknown(
            _(
                "Indiquer si l'APD de l'année précédente est déclarée : "
                "prerequisites.apd_declared_previous_year (%s)."
            )
            % campaign
        )
    elif declared:
        ctx.ok(_("APD de l'année précédente déclarée (%s).") % campaign)
    elif opens <= on <= closes:
        extra = _(" Elle conditionne le cofinancement du MEAE.") if asks_meae else ""
        ctx.warn(
            _("APD de %d pas encore déclarée : la campagne est ouverte jusqu'au %s.%s")
            % (on.year - 1, closes.strftime("%d/%m/%Y"), extra)
        )
    elif asks_meae:
        ctx.block(
            _("APD non déclarée (%s) : c'est une condition de tout cofinancement du MEAE.")
            % campaign
        )
    else:
        ctx.warn(
            _(
                "APD non déclarée (%s) : la déclaration est obligatoire pour toute collectivité "
                "ayant versé de l'aide à un pays de la liste CAD."
            )
            % campaign
        )
