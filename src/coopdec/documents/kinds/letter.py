"""Lettre d'intention with a quantified technical and financial commitment.

The ministry's calls for projects accept, alongside the convention and the deliberation,
letters of intent that quantify the technical and financial commitment (domain brief A.4),
so every figure of the authority's own share is spelled out.
"""

from __future__ import annotations

from coopdec.documents.blocks import (
    Block,
    BulletList,
    Document,
    Heading,
    Signature,
    Signatures,
    para,
)
from coopdec.documents.kinds.common import (
    financing_table,
    footer,
    join_fr,
    legal_section,
    of_council,
    partners_phrase,
    period_phrase,
    present,
    themes_phrase,
    upper_first,
)
from coopdec.documents.labels import OWN_SOURCES
from coopdec.documents.model import DocumentContext
from coopdec.i18n import _, ngettext

KIND = "lettre-intention"


def build(context: DocumentContext) -> Document:
    lead, title = present(context.lead), present(context.title)
    budget_total, own = present(context.budget_total), present(context.own_contribution)
    where = f"{lead.seat}, le " if lead.seat else "Le "
    blocks: list[Block] = [
        para(where + context.today.text, align="right"),
        para(
            _("Objet : lettre d'intention – projet « {title} »").format(title=title), align="left"
        ),
        para(_("Madame, Monsieur,"), align="left"),
    ]
    intent = _(
        "Par la présente, {lead} fait part de son intention de conduire, avec {partners}, "
        "le projet « {title} »"
    ).format(lead=lead.with_article, partners=partners_phrase(context), title=title)
    if context.themes:
        intent += _(", dans les domaines suivants : {themes}").format(themes=themes_phrase(context))
    if (period := period_phrase(context)) is not None:
        intent += _(", {period}").format(period=period)
    blocks.append(para(intent + "."))
    if context.description:
        blocks.append(para(context.description))

    blocks.append(Heading(_("Engagement financier"), 2))
    own_lines = [ln for ln in context.financing if ln.source in OWN_SOURCES]
    blocks.append(
        para(
            _(
                "{lead} s'engage à contribuer au projet à hauteur de {amount}, soit {share} de "
                "son coût total prévisionnel de {total}, selon la répartition suivante :"
            ).format(
                lead=upper_first(lead.with_article),
                amount=own.text,
                share=context.own_share,
                total=budget_total.text,
            )
        )
    )
    blocks.append(
        BulletList(
            tuple(
                f"{ln.amount.text} – {ln.nature}"
                + (f" ({ln.detail})" if ln.detail else "")
                + ("" if ln.funder == lead.designation else f", {ln.funder}")
                for ln in own_lines
            )
        )
    )
    blocks.append(para(_("Le plan de financement prévisionnel du projet s'établit ainsi :")))
    blocks.append(financing_table(context))

    blocks.append(Heading(_("Engagement technique"), 2))
    technical = _(
        "{lead} s'engage à mobiliser ses élus et ses services pour la mise en œuvre "
        "du projet, à participer à son comité de pilotage et à produire chaque année "
        "un compte rendu technique et financier."
    ).format(lead=upper_first(lead.with_article))
    blocks.append(para(technical))
    in_kind = [ln for ln in own_lines if ln.source == "own_in_kind"]
    if in_kind:
        blocks.append(
            para(
                _(
                    "Les moyens humains et matériels mis à disposition sont valorisés à {amount}."
                ).format(amount=join_fr(ln.amount.text for ln in in_kind))
            )
        )
    if context.objectives:
        blocks.append(para(_("Les actions poursuivront les objectifs suivants :")))
        blocks.append(BulletList(context.objectives))
    if context.co_authorities:
        blocks.append(
            para(
                ngettext(
                    "{names} s'associe à cet engagement.",
                    "{names} s'associent à cet engagement.",
                    len(context.co_authorities),
                ).format(names=upper_first(join_fr(a.with_article for a in context.co_authorities)))
            )
        )
    blocks.append(para(_deliberation_sentence(context)))
    blocks.append(
        para(
            _(
                "Cette action s'inscrit dans le cadre de l'article L1115-1 du code "
                "général des collectivités territoriales."
            )
        )
    )
    blocks.append(
        para(
            _(
                "Je vous prie d'agréer, Madame, Monsieur, l'expression de ma "
                "considération distinguée."
            )
        )
    )
    blocks.append(Signatures(None, (Signature(lead.designation, upper_first(lead.executive)),)))
    blocks += legal_section(KIND, context)
    return Document(
        kind=KIND,
        title=_("Lettre d'intention"),
        subtitle=f"« {title} »",
        header=(lead.designation,),
        blocks=tuple(blocks),
        footer=footer(context, _("Lettre d'intention")),
    )


def _deliberation_sentence(context: DocumentContext) -> str:
    lead = present(context.lead)
    council = of_council(lead.council)
    instruments = context.instruments
    if instruments.deliberation_adopted_on:
        return _("Cet engagement a été approuvé par délibération {council} du {date}.").format(
            council=council, date=instruments.deliberation_adopted_on.text
        )
    if instruments.deliberation_adopted:
        return _("Cet engagement a été approuvé par délibération {council}.").format(
            council=council
        )
    return _("Cet engagement sera soumis à l'approbation {council}.").format(council=council)
