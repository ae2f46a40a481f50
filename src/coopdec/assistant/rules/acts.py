"""Acts that need a council deliberation, and their transmission to the prefect."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from coopdec.i18n import N_, _
from coopdec.projectfile.model import ProjectFile

from .base import Context, rule
from .legal import _ATD31, _CIRCULAR_2018

_CNFPT = (
    "CNFPT, fiche « Rédiger une convention de coopération décentralisée »",
    "https://www.wikiterritorial.cnfpt.fr/xwiki/wiki/encyclopedie/view/fiches/Redigeruneconventiondecooperationdecentralisee/",
)


@rule(
    "acts.council_deliberation",
    title=N_("Délibération du conseil et transmission au préfet"),
    description=N_(
        "Un jumelage, une charte ou une convention de coopération est soumis au conseil avec un "
        "projet de délibération avant la signature par l'exécutif ; tout acte de coopération, "
        "même une simple charte, est transmis au préfet (contrôle de légalité)."
    ),
    sources=[_ATD31, _CNFPT, _CIRCULAR_2018],
    valid_from=date(1992, 2, 6),
    parameters=("acts_transmission_to_prefect",),
)
def council_deliberation(project: ProjectFile, on: date, ctx: Context) -> None:
    instruments = project.instruments
    if instruments is None:
        ctx.unknown(_("Renseigner instruments (convention, délibération, jumelage, charte)."))
        return
    convention_signed = instruments.convention.signed if instruments.convention else None
    acts: dict[str, bool | None] = {
        _("jumelage"): instruments.twinning,
        _("charte"): instruments.charter,
        _("convention"): convention_signed,
    }
    if granted_subsidy(project) > 0:
        # Granting money is itself a decision of the council (its budget, its purpose).
        acts[_("subvention")] = True
    if all(value is None for value in acts.values()):
        ctx.unknown(
            _(
                "Indiquer les actes prévus : instruments.twinning, instruments.charter, "
                "instruments.convention.signed."
            )
        )
        return
    present = [name for name, value in acts.items() if value]
    if not present:
        ctx.not_applicable(
            _("Sans objet : aucun acte (jumelage, charte, convention) ne requiert de délibération.")
        )
        return
    needs = ", ".join(present)
    deliberation = instruments.deliberation
    if deliberation is None or deliberation.adopted is None:
        ctx.unknown(
            _(
                "Acte(s) prévu(s) : %s. Indiquer si la délibération est adoptée : "
                "instruments.deliberation.adopted."
            )
            % needs
        )
        return
    if not deliberation.adopted:
        ctx.block(
            _(
                "Acte(s) prévu(s) : %s. Une délibération du conseil doit l'autoriser avant la "
                "signature."
            )
            % needs
        )
        return
    signed_on = instruments.convention.signed_on if instruments.convention else None
    if signed_on and deliberation.adopted_on and deliberation.adopted_on > signed_on:
        ctx.block(
            _(
                "La délibération (%s) est postérieure à la signature de la convention (%s) : le "
                "conseil doit autoriser la signature avant."
            )
            % (deliberation.adopted_on.isoformat(), signed_on.isoformat())
        )
    ctx.param("acts_transmission_to_prefect")
    if deliberation.transmitted_to_prefect is None:
        ctx.unknown(
            _(
                "Indiquer si la délibération a été transmise au préfet : "
                "instruments.deliberation.transmitted_to_prefect."
            )
        )
    elif not deliberation.transmitted_to_prefect:
        ctx.block(_("La délibération n'est exécutoire qu'après sa transmission au préfet."))
    ctx.ok(_("Délibération adoptée et transmise au préfet pour : %s.") % needs)


def granted_subsidy(project: ProjectFile) -> Decimal:
    """What the French authority pays out of its budgets (cash and 1 % lines)."""
    return sum(
        (
            line.amount
            for line in project.financing
            if line.amount is not None and line.source in {"own_cash", "one_percent"}
        ),
        Decimal(0),
    )


_LOI_2000_321 = (
    "Loi n° 2000-321 du 12 avril 2000, article 10",
    "https://www.legifrance.gouv.fr/loda/id/JORFTEXT000000215117",
)


@rule(
    "acts.subsidy_convention",
    title=N_("Convention au-delà de 23 000 € de subvention"),
    description=N_(
        "Une subvention de plus de 23 000 € donne lieu à une convention fixant son objet, son "
        "montant et ses conditions d'utilisation (loi n° 2000-321, art. 10 ; décret "
        "n° 2001-495) ; sa portée pour un partenaire public étranger reste à confirmer."
    ),
    sources=[_LOI_2000_321],
    valid_from=date(2001, 6, 8),
    confidence="medium",
    parameters=("subsidy_convention_threshold",),
)
def subsidy_convention(project: ProjectFile, on: date, ctx: Context) -> None:
    threshold = ctx.param("subsidy_convention_threshold")
    if threshold is None:
        ctx.not_applicable(_("Sans objet à cette date."))
        return
    limit = Decimal(str(threshold.value))
    granted = granted_subsidy(project)
    if granted <= limit:
        ctx.not_applicable(
            _("Sans objet : la contribution financière (%s €) ne dépasse pas %s €.")
            % (granted, limit)
        )
        return
    convention = project.instruments.convention if project.instruments else None
    signed = convention.signed if convention else None
    if signed is None:
        ctx.unknown(
            _(
                "Contribution de %s € : au-delà de %s €, une convention fixe l'objet, le montant "
                "et les conditions d'utilisation ; indiquer si elle est prévue."
            )
            % (granted, limit)
        )
    elif not signed:
        ctx.warn(
            _(
                "Contribution de %s € sans convention : au-delà de %s €, la loi n° 2000-321 "
                "(art. 10) exige une convention ; portée exacte pour un partenaire public "
                "étranger à confirmer avec la préfecture."
            )
            % (granted, limit)
        )
    else:
        ctx.ok(_("Contribution de %s € encadrée par une convention.") % granted)
