"""Charte de jumelage ou d'amitié (ATD 31, 2024; circulaire du 24 mai 2018).

A twinning rests on a council deliberation and, often, a simple charter rather than a
convention: the charter states the friendship and the fields of exchange, commits no money
(a financial commitment needs a convention under L1115-1) and, like every act of external
action, is sent to the prefect.
"""

from __future__ import annotations

from coopdec.documents.blocks import (
    Block,
    BulletList,
    Document,
    Heading,
    Signature,
    Signatures,
    bold,
    para,
)
from coopdec.documents.kinds.common import (
    footer,
    join_fr,
    legal_section,
    of_council,
    partner_label,
    present,
    themes_phrase,
    upper_first,
    visa,
)
from coopdec.documents.legal import REFERENCES
from coopdec.documents.model import DocumentContext
from coopdec.i18n import _

KIND = "charte-jumelage"


def build(context: DocumentContext) -> Document:
    lead, title = present(context.lead), present(context.title)
    twinning = context.instruments.twinning
    parties = [p for p in context.partners if p.can_sign_convention]
    heading = _("Charte de jumelage") if twinning else _("Charte d'amitié et de coopération")
    blocks: list[Block] = [Heading(_("Entre"), 2), para(bold(lead.designation))]
    for partner in parties:
        blocks.append(para(bold(partner_label(partner))))
    blocks.append(Heading(_("Préambule"), 2))
    blocks.append(
        BulletList(tuple(visa(REFERENCES[k].citation) for k in ("cgct_l1115_1", "circulaire_2018")))
    )
    blocks.append(
        para(
            _(
                "Animées par la volonté de rapprocher leurs habitants, dans le respect des "
                "engagements internationaux de la France, de la neutralité du service public et "
                "du principe de laïcité, et en tenant compte du Programme de développement "
                "durable à l'horizon 2030, {lead} et {partners} affirment par la présente "
                "charte les liens d'amitié qui les unissent."
            ).format(lead=lead.with_article, partners=join_fr(partner_label(p) for p in parties))
        )
    )
    blocks.append(Heading(_("Engagements"), 2))
    fields = _(
        "Les signataires s'engagent à favoriser les échanges entre leurs habitants, leurs "
        "associations, leurs établissements scolaires et leurs acteurs culturels, sportifs et "
        "économiques"
    )
    if context.themes:
        fields += _(", notamment dans les domaines suivants : {themes}").format(
            themes=themes_phrase(context)
        )
    blocks.append(para(fields + "."))
    blocks.append(
        para(
            _(
                "Ils se tiennent mutuellement informés de leurs projets et se réunissent au moins "
                "une fois par an pour en dresser le bilan, dans le cadre du projet « {title} »."
            ).format(title=title)
        )
    )
    blocks.append(Heading(_("Portée"), 2))
    blocks.append(
        para(
            _(
                "La présente charte n'emporte par elle-même aucun engagement financier : tout "
                "engagement financier fait l'objet d'une convention précisant l'objet des "
                "actions et le montant prévisionnel des engagements (article L1115-1 du code "
                "général des collectivités territoriales)."
            )
        )
    )
    approval = _("Elle est approuvée par délibération {council}").format(
        council=of_council(lead.council)
    )
    if context.instruments.deliberation_adopted_on:
        approval += _(" en date du {date}").format(
            date=context.instruments.deliberation_adopted_on.text
        )
    blocks.append(
        para(
            approval
            + _(
                " et transmise au représentant de l'État au titre du contrôle de légalité, "
                "comme tout acte de coopération (circulaire du 24 mai 2018)."
            )
        )
    )
    blocks.append(
        para(
            _(
                "Elle est établie en langue française et dans la langue de chaque partenaire, "
                "chaque version faisant également foi."
            )
        )
    )
    place = _("Fait à {seat}").format(seat=lead.seat) if lead.seat else _("Fait")
    place += _(", le {date}.").format(date=context.today.text)
    signatures = [Signature(_("Pour ") + lead.with_article, upper_first(lead.executive))]
    signatures += [Signature(partner_label(p), _("son représentant légal")) for p in parties]
    blocks.append(Signatures(place, tuple(signatures)))
    blocks += legal_section(KIND, context, _("Annexe : références juridiques"))
    return Document(
        kind=KIND,
        title=heading,
        subtitle=f"« {title} »",
        header=(lead.designation,),
        blocks=tuple(blocks),
        footer=footer(context, heading),
    )
