"""Application summary (fiche de synthèse) for a funder's call for projects.

It gathers what calls ask for first: who carries the project with whom, where, on which
themes and SDG targets, for how much and financed by whom (with shares, since co-financing
ceilings are rates), when, and which formal acts exist.
"""

from __future__ import annotations

from decimal import Decimal

from coopdec.documents.blocks import Block, BulletList, Document, Heading, Table, para
from coopdec.documents.formatting import format_money
from coopdec.documents.kinds.common import (
    financing_notes,
    financing_table,
    footer,
    join_fr,
    legal_section,
    period_phrase,
    present,
)
from coopdec.documents.model import DocumentContext
from coopdec.i18n import N_, _

KIND = "candidature"
UNSPECIFIED = N_("non précisé")


def build(context: DocumentContext) -> Document:
    lead, title = present(context.lead), present(context.title)
    facts: list[tuple[str, str]] = [
        (_("Intitulé"), title),
        (_("Collectivité cheffe de file"), f"{lead.designation} ({lead.code})"),
    ]
    if context.co_authorities:
        facts.append(
            (_("Collectivités associées"), join_fr(a.designation for a in context.co_authorities))
        )
    facts += [
        (_("Partenaires"), join_fr(p.name for p in context.partners)),
        (_("Pays"), join_fr(dict.fromkeys(p.country for p in context.partners))),
        (_("Thématiques"), " ; ".join(t.label for t in context.themes)),
        (_("Période"), period_phrase(context) or UNSPECIFIED),
    ]
    if context.budget_total:
        facts.append((_("Budget total"), context.budget_total.text))
    if context.own_contribution and context.own_share:
        own = f"{context.own_contribution.text} ({context.own_share})"
        facts.append((_("Contribution propre"), own))
    number = _Numbering()
    blocks: list[Block] = [
        Heading(number(_("Identification du projet")), 2),
        Table((_("Rubrique"), _("Information")), tuple(facts), widths=(1, 3)),
    ]
    if context.context_text:
        blocks.append(Heading(number(_("Contexte")), 2))
        blocks.append(para(context.context_text))
    if context.description or context.objectives or context.expected_results:
        blocks.append(Heading(number(_("Description, objectifs et résultats attendus")), 2))
        if context.description:
            blocks.append(para(context.description))
        if context.objectives:
            blocks.append(para(_("Objectifs :")))
            blocks.append(BulletList(context.objectives))
        if context.expected_results:
            blocks.append(para(_("Résultats attendus :")))
            blocks.append(BulletList(context.expected_results))
    if context.logframe:
        blocks.append(Heading(number(_("Cadre logique")), 2))
        blocks.append(
            Table(
                (
                    _("Résultat"),
                    _("Indicateur"),
                    _("Valeur de départ"),
                    _("Cible"),
                    _("Source de vérification"),
                ),
                tuple(
                    (r.result, r.indicator, r.baseline, r.target, r.source)
                    for r in context.logframe
                ),
                widths=(3, 3, 2, 2, 2),
            )
        )
    blocks.append(Heading(number(_("Partenaires")), 2))
    blocks.append(
        Table(
            (_("Partenaire"), _("Pays"), _("Nature"), _("Territoire")),
            tuple(
                (p.name, p.country, p.kind_label or UNSPECIFIED, p.area or UNSPECIFIED)
                for p in context.partners
            ),
            widths=(3, 2, 2, 2),
        )
    )
    blocks.append(Heading(number(_("Thématiques et objectifs de développement durable")), 2))
    blocks.append(BulletList(tuple(t.label for t in context.themes)))
    if context.sdg_targets:
        blocks.append(
            Table(
                (_("Cible"), _("Objectif"), _("Intitulé de la cible")),
                tuple((t.code, t.goal, t.text) for t in context.sdg_targets),
                widths=(1, 3, 6),
            )
        )
    commitments = [(p.name, p.commitment) for p in context.partners if p.commitment]
    if commitments:
        blocks.append(Heading(number(_("Engagement des partenaires")), 2))
        blocks.append(BulletList(tuple(f"{name} : {what}" for name, what in commitments)))
    blocks.append(Heading(number(_("Budget et plan de financement")), 2))
    if context.budget_lines:
        blocks.append(para(_("Budget par catégorie de dépenses et par année :")))
        blocks.append(budget_by_year(context))
    blocks.append(financing_table(context))
    blocks += financing_notes(context)
    blocks.append(Heading(number(_("Calendrier et actes")), 2))
    blocks.append(BulletList(_acts(context)))
    blocks += legal_section(KIND, context, number(_("Références juridiques")))
    return Document(
        kind=KIND,
        title=_("Dossier de candidature – fiche de synthèse"),
        subtitle=f"« {title} »",
        header=(lead.designation,),
        blocks=tuple(blocks),
        footer=footer(context, _("Fiche de synthèse")),
    )


def budget_by_year(context: DocumentContext) -> Table:
    """Categories down, years across, with totals: the shape of the ministry's budget annex."""
    years = sorted({c.year for c in context.budget_lines if c.year is not None})
    undated = any(c.year is None for c in context.budget_lines)
    columns: list[int | None] = [*years, *([None] if undated else [])]
    categories = list(dict.fromkeys(c.category for c in context.budget_lines))
    sums: dict[tuple[str, int | None], Decimal] = {}
    for c in context.budget_lines:
        key = (c.category, c.year)
        sums[key] = sums.get(key, Decimal(0)) + c.amount.amount

    def money(amount: Decimal) -> str:
        return format_money(amount, context.currency)

    rows = []
    for category in categories:
        cells = [sums.get((category, year)) for year in columns]
        total = sum((c for c in cells if c is not None), Decimal(0))
        rows.append((category, *(money(c) if c is not None else "—" for c in cells), money(total)))
    totals = [
        sum((v for (_cat, y), v in sums.items() if y == year), Decimal(0)) for year in columns
    ]
    total_row = (_("Total"), *(money(t) for t in totals), money(sum(totals, Decimal(0))))
    header = (
        _("Catégorie de dépenses"),
        *(str(y) if y is not None else _("Non datée") for y in columns),
        _("Total"),
    )
    return Table(
        header,
        tuple(rows),
        numeric=tuple(range(1, len(columns) + 2)),
        total=total_row,
        widths=(3, *(2 for _c in columns), 2),
    )


class _Numbering:
    """Numbers the sections in the order they are written, so a section left out (no
    description) leaves no gap: 1, 2, 3... whatever the project holds."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, title: str) -> str:
        self.count += 1
        return f"{self.count}. {title}"


def _acts(context: DocumentContext) -> tuple[str, ...]:
    """Where the formal acts stand; L1115-1 makes transmission the start of the convention."""
    inst = context.instruments
    items = []
    if (period := period_phrase(context)) is not None:
        items.append(_("Mise en œuvre {period}.").format(period=period))
    if inst.convention_signed_on:
        items.append(
            _("Convention de partenariat signée le {date}.").format(
                date=inst.convention_signed_on.text
            )
        )
    elif inst.convention_signed:
        items.append(_("Convention de partenariat signée."))
    else:
        items.append(_("Convention de partenariat à signer."))
    if inst.convention_transmitted:
        items.append(_("Convention transmise au représentant de l'État."))
    else:
        items.append(
            _(
                "Convention à transmettre au représentant de l'État : elle n'entre en "
                "vigueur qu'à sa transmission (article L1115-1 du CGCT)."
            )
        )
    if inst.deliberation_adopted_on:
        items.append(
            _("Délibération adoptée le {date}.").format(date=inst.deliberation_adopted_on.text)
        )
    elif inst.deliberation_adopted:
        items.append(_("Délibération adoptée."))
    else:
        items.append(_("Délibération à soumettre à l'assemblée délibérante."))
    if inst.twinning:
        items.append(_("Jumelage en vigueur entre les collectivités partenaires."))
    if inst.charter:
        items.append(_("Charte de coopération adoptée."))
    return tuple(items)
