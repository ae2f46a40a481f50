"""The four « 1 % » mechanisms: who may use them, the cap, the same-sector condition."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from coopdec.i18n import N_, _
from coopdec.projectfile.model import FinancingLine, ProjectFile

from ..params import ParameterValue, value_at
from ..programs import cents
from .base import Context, rule

_PSEAU = ("pS-Eau, le 1 % eau", "https://www.pseau.org/fr/1pourcent")
_L1115_1_1 = (
    "CGCT art. L1115-1-1 (version consolidée 2008)",
    "https://www.legifrance.gouv.fr/affichCode.do?idSectionTA=LEGISCTA000006164470&cidTexte=LEGITEXT000006070633&dateTexte=20080222",
)
_L1115_3 = (
    "CGCT art. L1115-3 (loi n° 2021-1031 du 4 août 2021)",
    "https://legal.tricoteuses.fr/articles/LEGIARTI000043904023",
)
# Translated where they are used (``_(...)``): they are built once, at import.
_SERVICE_LABELS = {
    "eau_assainissement": N_("1 % eau et assainissement"),
    "energie": N_("1 % énergie"),
    "dechets": N_("1 % déchets"),
    "mobilite": N_("1 % mobilité"),
}


def mechanism(service: str, on: date) -> ParameterValue | None:
    """The dated parameter of a 1 % mechanism, or None if it did not exist on ``on``."""
    return value_at(f"one_percent_{service}", on)


def one_percent_base(project: ProjectFile, service: str) -> Decimal | None:
    """The base of the cap: the service budget's resources (minus versement mobilité)."""
    budgets = project.service_budgets
    if budgets is None:
        return None
    base = budgets.get(service)
    if base is None:
        return None
    if service == "mobilite" and budgets.versement_mobilite is not None:
        base = max(Decimal(0), base - budgets.versement_mobilite)
    return base


def one_percent_cap(project: ProjectFile, service: str, on: date) -> Decimal | None:
    value = mechanism(service, on)
    base = one_percent_base(project, service)
    if value is None or base is None:
        return None
    rate = Decimal(str(value.value["rate"]))
    return cents(base * rate)


def _lines(project: ProjectFile) -> list[tuple[int, FinancingLine]]:
    return [(i, f) for i, f in enumerate(project.financing) if f.source == "one_percent"]


def _none(ctx: Context) -> None:
    ctx.not_applicable(_("Sans objet : aucun financement « 1 % » dans le plan de financement."))


@rule(
    "one_percent.authority",
    title=N_("Qui peut utiliser un « 1 % »"),
    description=N_(
        "Les communes, EPCI et syndicats mixtes gérant le service (eau et assainissement, "
        "distribution d'électricité et de gaz, déchets ménagers) et, pour la mobilité, les "
        "autorités organisatrices de la mobilité ; chaque mécanisme n'existe qu'à partir de sa loi "
        "(eau 2005, énergie fin 2006, déchets 2014, mobilité 6 août 2021)."
    ),
    sources=[_L1115_1_1, _L1115_3, _PSEAU],
    valid_from=date(2005, 2, 9),
    parameters=tuple(f"one_percent_{s}" for s in _SERVICE_LABELS),
)
def one_percent_authority(project: ProjectFile, on: date, ctx: Context) -> None:
    lines = _lines(project)
    if not lines:
        _none(ctx)
        return
    kind = project.lead_authority.kind if project.lead_authority else None
    for index, line in lines:
        if line.service is None:
            ctx.unknown(_("Renseigner financing[%d].service.") % index)
            continue
        value = ctx.param(f"one_percent_{line.service}")
        label = _(_SERVICE_LABELS[line.service])
        if value is None:
            ctx.block(_("financing[%d] : le %s n'existait pas à cette date.") % (index, label))
            continue
        data: dict[str, Any] = value.value
        if kind is None:
            ctx.unknown(_("Renseigner lead_authority.kind pour savoir qui utilise le %s.") % label)
        elif kind not in data["authority_kinds"]:
            ctx.block(
                _("financing[%d] : un·e %s ne peut pas utiliser le %s (%s : réservé à %s).")
                % (index, kind, label, data["article"], ", ".join(data["authority_kinds"]))
            )
        else:
            ctx.ok(
                _("Le %s peut être mobilisé par la collectivité (%s), qui doit gérer %s.")
                % (label, data["article"], data["label"])
            )


@rule(
    "one_percent.cap",
    title=N_("Plafond du « 1 % »"),
    description=N_(
        "Le montant mobilisé chaque année ne dépasse pas 1 % des ressources affectées au budget "
        "du service concerné cette année-là (plafond annuel, comparé année par année) ; pour la "
        "mobilité, le versement mobilité est exclu de cette base."
    ),
    sources=[_L1115_1_1, _L1115_3, _PSEAU],
    valid_from=date(2005, 2, 9),
    parameters=tuple(f"one_percent_{s}" for s in _SERVICE_LABELS),
)
def one_percent_cap_rule(project: ProjectFile, on: date, ctx: Context) -> None:
    lines = _lines(project)
    if not lines:
        _none(ctx)
        return
    by_service: dict[str, list[tuple[int, FinancingLine]]] = {}
    for index, line in lines:
        if line.service is None:
            ctx.unknown(_("Renseigner financing[%d].service.") % index)
        elif line.amount is None:
            ctx.unknown(_("Renseigner financing[%d].amount.") % index)
        else:
            by_service.setdefault(line.service, []).append((index, line))
    for service, dated in by_service.items():
        value = ctx.param(f"one_percent_{service}")
        label = _(_SERVICE_LABELS[service])
        if value is None:
            ctx.block(_("Le %s n'existait pas à cette date.") % label)
            continue
        vm_note = ""
        if service == "mobilite":
            vm_note = _(" (base hors versement mobilité, exclu par L1115-3)")
            budgets = project.service_budgets
            if (
                budgets is not None
                and budgets.mobilite is not None
                and budgets.versement_mobilite is None
            ):
                ctx.warn(
                    _(
                        "Le versement mobilité est exclu de la base du 1 % mobilité : indiquer "
                        "service_budgets.versement_mobilite s'il est inclus dans "
                        "service_budgets.mobilite."
                    )
                )
        cap = one_percent_cap(project, service, on)
        if cap is None:
            ctx.unknown(
                _(
                    "Renseigner service_budgets.%s (ressources du budget du service) pour "
                    "calculer le plafond du %s%s."
                )
                % (service, label, vm_note)
            )
            continue
        _annual_cap(ctx, project, dated, cap, label, vm_note)


def yearly_split(lines: list[tuple[int, FinancingLine]]) -> dict[int | None, Decimal]:
    """Amounts by budget year (``None``: lines without a year)."""
    split: dict[int | None, Decimal] = {}
    for _index, line in lines:
        split[line.year] = split.get(line.year, Decimal(0)) + (line.amount or Decimal(0))
    return split


def project_years(project: ProjectFile) -> list[int]:
    """The calendar years the project spans (empty when its dates are unknown)."""
    if project.start_date is None or project.end_date is None:
        return []
    return list(range(project.start_date.year, project.end_date.year + 1))


def _annual_cap(
    ctx: Context,
    project: ProjectFile,
    lines: list[tuple[int, FinancingLine]],
    cap: Decimal,
    label: str,
    vm_note: str,
) -> None:
    """The cap is 1 % of one year's resources (L1115-1-1, L1115-2, L1115-3): compare year by
    year; the service budget given is taken as that of each year."""
    split = yearly_split(lines)
    undated = split.pop(None, None)
    for year, amount in sorted(split.items()):
        if amount > cap:
            ctx.block(
                _("%s %d : %s € dépasse le plafond annuel de %s € (1 %% des ressources%s).")
                % (label, year, amount, cap, vm_note)
            )
        else:
            ctx.ok(
                _("%s %d : %s € dans la limite annuelle de %s € (1 %% des ressources%s).")
                % (label, year, amount, cap, vm_note)
            )
    if undated is None:
        return
    years = project_years(project)
    span = max(1, len(years))
    where = ", ".join(f"financing[{i}].year" for i, line in lines if line.year is None)
    if span == 1 and not split:
        # One budget year: the whole amount falls in it.
        if undated > cap:
            ctx.block(
                _("%s : %s € dépasse le plafond annuel de %s € (1 %% des ressources%s).")
                % (label, undated, cap, vm_note)
            )
        else:
            ctx.ok(
                _("%s : %s € dans la limite annuelle de %s € (1 %% des ressources%s).")
                % (label, undated, cap, vm_note)
            )
    elif undated > cap * span:
        ctx.block(
            _(
                "%s : %s € sur %d an(s) dépassent %d fois le plafond annuel de %s € (1 %% des "
                "ressources%s)."
            )
            % (label, undated, span, span, cap, vm_note)
        )
    elif undated > cap:
        ctx.unknown(
            _(
                "%s : %s € sans année ; le plafond de %s € est annuel — répartir les montants "
                "par année (%s)."
            )
            % (label, undated, cap, where)
        )
    else:
        ctx.ok(
            _("%s : %s € dans la limite annuelle de %s € (1 %% des ressources%s).")
            % (label, undated, cap, vm_note)
        )


@rule(
    "one_percent.same_sector",
    title=N_("« 1 % » dans le même secteur"),
    description=N_(
        "Les sommes du « 1 % » financent des actions du même secteur que le service (eau et "
        "assainissement, électricité et gaz, déchets ménagers, mobilité)."
    ),
    sources=[_L1115_1_1, _L1115_3, _PSEAU],
    valid_from=date(2005, 2, 9),
    parameters=tuple(f"one_percent_{s}" for s in _SERVICE_LABELS),
)
def one_percent_same_sector(project: ProjectFile, on: date, ctx: Context) -> None:
    lines = _lines(project)
    if not lines:
        _none(ctx)
        return
    for index, line in lines:
        if line.service is None:
            ctx.unknown(_("Renseigner financing[%d].service.") % index)
            continue
        value = ctx.param(f"one_percent_{line.service}")
        label = _(_SERVICE_LABELS[line.service])
        if value is None:
            ctx.block(_("Le %s n'existait pas à cette date.") % label)
            continue
        themes: list[str] = value.value["themes"]
        if not project.themes:
            ctx.unknown(
                _("Renseigner themes pour vérifier que le projet relève du secteur du %s.") % label
            )
        elif not set(themes) & set(project.themes):
            ctx.block(
                _(
                    "Le %s ne peut financer que des actions du même secteur (thème attendu : %s) "
                    "; thèmes du projet : %s."
                )
                % (label, ", ".join(themes), ", ".join(project.themes))
            )
        else:
            ctx.ok(_("Le projet relève du secteur du %s.") % label)
