"""Wording and tables shared by several document kinds."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TypeVar

from coopdec.documents import articles
from coopdec.documents.blocks import Block, BulletList, Heading, Table, para
from coopdec.documents.formatting import format_money, format_percent
from coopdec.documents.legal import references_for
from coopdec.documents.model import DocumentContext, Partner
from coopdec.i18n import _, english

T = TypeVar("T")


def present(value: T | None) -> T:
    """A field :mod:`coopdec.documents.requirements` has already checked.

    Reaching ``None`` here means a builder uses a field its kind does not require: a bug,
    reported loudly rather than printed as a blank in a legal act.
    """
    if value is None:
        raise RuntimeError("document builder used a field its requirements do not check")
    return value


def join_fr(items: Iterable[str]) -> str:
    """``["a", "b", "c"]`` -> ``"a, b et c"``."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " " + _("et") + " " + items[-1]


def lower_first(text: str) -> str:
    """Theme labels start with a capital; inside a sentence they must not."""
    return text[:1].lower() + text[1:]


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def of_council(council: str) -> str:
    """ "du conseil municipal", "de l'assemblée délibérante" ("of the municipal council")."""
    if english():
        return "of the " + council
    return ("de l'" if council[:1] in "aeéiouy" else "du ") + council


def visa(citation: str) -> str:
    """ "Vu le code général ..., article L1115-1 ;", "Vu la loi n° ... ;"."""
    if english():
        # The citation names a French text: it stays in French, as a source does.
        return _("Vu {article} {text} ;").format(article="the", text=citation)
    head, _space, rest = citation.partition(" ")
    article = "le" if head == "Code" else "la"
    return _("Vu {article} {text} ;").format(article=article, text=f"{head.lower()} {rest}")


def the_council(council: str) -> str:
    """ "le conseil municipal", "l'assemblée délibérante"."""
    if english():
        return "the " + council
    return ("l'" if council[:1] in "aeéiouy" else "le ") + council


def partner_label(partner: Partner) -> str:
    """ "Commune de Réo (Burkina Faso)", with the region when the file gives it."""
    where = f"{partner.area}, {partner.country}" if partner.area else partner.country
    return f"{partner.name} ({where})"


def partners_phrase(context: DocumentContext) -> str:
    """ "la Commune de Réo (Burkina Faso) et l'Association X (Sénégal)", after "avec"."""
    return join_fr(articles.definite(partner_label(p)) for p in context.partners)


def themes_phrase(context: DocumentContext) -> str:
    return join_fr(lower_first(t.label) for t in context.themes)


def period_phrase(context: DocumentContext) -> str | None:
    if context.start is None or context.end is None:
        return None
    return _("du {start} au {end}, soit {duration}").format(
        start=context.start.text, end=context.end.text, duration=context.duration
    )


def financing_table(context: DocumentContext) -> Table:
    """The financing plan: one row per line, a total, shares of the total budget."""
    rows = tuple(
        (
            line.funder,
            line.nature if line.detail is None else f"{line.nature} : {line.detail}",
            line.amount.text,
            line.share or "",
        )
        for line in context.financing
    )
    total_share = ""
    if context.financing_total and context.budget_total and context.budget_total.amount:
        total_share = format_percent(context.financing_total.amount, context.budget_total.amount)
    return Table(
        header=(_("Financeur"), _("Nature"), _("Montant"), _("Part du budget")),
        rows=rows,
        numeric=(2, 3),
        total=(
            _("Total des financements"),
            "",
            context.financing_total.text if context.financing_total else "",
            total_share,
        ),
        widths=(3, 4, 2, 2),
    )


def yearly_split(context: DocumentContext) -> list[Block]:
    """The amounts by budget year, when the plan dates its lines: the 1 % caps are annual
    (L1115-1-1, L1115-2, L1115-3), so the act shows the split the council votes."""
    dated = [line for line in context.financing if line.year is not None]
    if not dated:
        return []
    years = sorted({line.year for line in dated if line.year is not None})
    rows = []
    for year in years:
        lines = [ln for ln in dated if ln.year == year]
        total = sum((ln.amount.amount for ln in lines), Decimal(0))
        one_percent = sum(
            (ln.amount.amount for ln in lines if ln.source == "one_percent"), Decimal(0)
        )
        rows.append(
            (
                str(year),
                format_money(total, context.currency),
                format_money(one_percent, context.currency) if one_percent else "",
            )
        )
    blocks: list[Block] = [
        para(_("Répartition annuelle prévisionnelle des montants datés :")),
        Table(
            header=(_("Année"), _("Montant"), _("dont « 1 % »")),
            rows=tuple(rows),
            numeric=(1, 2),
            total=None,
            widths=(2, 3, 3),
        ),
    ]
    undated = [ln for ln in context.financing if ln.year is None]
    if undated:
        blocks.append(
            para(
                _("Les autres montants ({amount}) ne sont pas répartis par année.").format(
                    amount=format_money(
                        sum((ln.amount.amount for ln in undated), Decimal(0)), context.currency
                    )
                )
            )
        )
    return blocks


def financing_notes(context: DocumentContext) -> list[Block]:
    """Sentences that qualify the financing plan, each only when it applies."""
    blocks: list[Block] = []
    if context.budget_total:
        blocks.append(
            para(
                _("Le coût total prévisionnel du projet s'élève à {amount}.").format(
                    amount=context.budget_total.text
                )
            )
        )
    if context.own_contribution and context.own_share:
        blocks.append(
            para(
                _(
                    "La contribution propre des collectivités françaises s'élève à {amount}, "
                    "soit {share} du budget."
                ).format(amount=context.own_contribution.text, share=context.own_share)
            )
        )
    if context.monitoring_evaluation:
        share = f" ({context.monitoring_share})" if context.monitoring_share else ""
        blocks.append(
            para(
                _("Le budget consacre {amount}{share} au suivi et à l'évaluation.").format(
                    amount=context.monitoring_evaluation.text, share=share
                )
            )
        )
    if context.financing_gap:
        # A plan that does not balance is shown as it is: hiding the gap would mislead
        # the council or the funder; the financing check explains how to fix it.
        blocks.append(
            para(
                _("Écart entre le budget total et le total des financements : {gap}.").format(
                    gap=context.financing_gap.text
                )
            )
        )
    for line in context.one_percent_lines:
        blocks.append(
            para(
                _(
                    "La ligne « {nature} » ({amount}) est imputée sur le {budget}, dans la "
                    "limite de 1 % des ressources affectées à ce budget."
                ).format(nature=line.nature, amount=line.amount.text, budget=line.detail)
            )
        )
    return blocks


def legal_section(kind: str, context: DocumentContext, title: str | None = None) -> list[Block]:
    """A closing list of the legal references the document relies on, with their source."""
    items = tuple(
        _("{citation} : {summary} Source : {url}").format(
            citation=ref.citation, summary=_(ref.summary), url=ref.url
        )
        for ref in references_for(kind, context)
    )
    return [Heading(title or _("Références juridiques"), 2), BulletList(items)]


def footer(context: DocumentContext, label: str) -> str:
    return _("{label} « {title} » — établi le {today}").format(
        label=label, title=context.title, today=context.today.text
    )
