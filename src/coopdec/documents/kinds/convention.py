"""Convention de partenariat (CGCT art. L1115-1; circulaire du 24 mai 2018).

L1115-1 requires the convention to state the purpose of the actions and the provisional
amount of the financial commitments, and makes it enter into force on transmission to the
State's representative; the articles below follow that order.
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
    financing_notes,
    financing_table,
    footer,
    join_fr,
    legal_section,
    of_council,
    partner_label,
    period_phrase,
    present,
    themes_phrase,
    upper_first,
    visa,
    yearly_split,
)
from coopdec.documents.legal import REFERENCES, needs_subsidy_convention, one_percent_keys
from coopdec.documents.model import Authority, DocumentContext
from coopdec.i18n import _

KIND = "convention"


def build(context: DocumentContext) -> Document:
    lead, title = present(context.lead), present(context.title)
    parties = [p for p in context.partners if p.can_sign_convention]
    associated = [p for p in context.partners if not p.can_sign_convention]
    blocks: list[Block] = [Heading(_("Entre les soussignés"), 2)]
    for authority in context.authorities:
        blocks.append(para(bold(authority.designation), ", ", _represented(context, authority)))
    for partner in parties:
        kind = f", {partner.kind_label}" if partner.kind_label else ""
        blocks.append(
            para(bold(partner_label(partner)), kind, _(", représentée par son exécutif,"))
        )
    blocks.append(para(_("ci-après dénommées ensemble « les Parties ».")))
    blocks.append(Heading(_("Préambule"), 2))
    visas = ["cgct_l1115_1", *one_percent_keys(context), "circulaire_2018"]
    blocks.append(BulletList(tuple(visa(REFERENCES[k].citation) for k in visas)))
    blocks.append(
        para(
            _(
                "Les Parties, soucieuses de conduire ensemble une action de coopération "
                "décentralisée dans le respect des engagements internationaux de la France, "
                "de la neutralité du service public et du principe de laïcité, et en tenant "
                "compte du Programme de développement durable à l'horizon 2030 (Agenda 2030), "
                "sont convenues de ce qui suit."
            )
        )
    )
    blocks += _articles(context, associated_names=[partner_label(p) for p in associated])
    place = _("Fait à {seat}").format(seat=lead.seat) if lead.seat else _("Fait")
    if context.instruments.convention_signed_on:
        place += _(", le {date}").format(date=context.instruments.convention_signed_on.text)
    copies = len(context.authorities) + len(parties)
    place += _(", en {n} exemplaires originaux.").format(n=copies)
    signatures = [Signature(_("Pour ") + a.with_article, a.executive) for a in context.authorities]
    signatures += [Signature(partner_label(p), _("son représentant légal")) for p in parties]
    blocks.append(Signatures(place, tuple(signatures)))
    blocks += legal_section(KIND, context, _("Annexe : références juridiques"))
    return Document(
        kind=KIND,
        title=_("Convention de partenariat de coopération décentralisée"),
        subtitle=f"« {title} »",
        header=(lead.designation,),
        blocks=tuple(blocks),
        footer=footer(context, _("Convention de partenariat")),
    )


def _represented(context: DocumentContext, authority: Authority) -> str:
    represented = _("représentée") if authority.feminine else _("représenté")
    text = _("{represented} par {executive}, dûment habilité par délibération {council}")
    text = text.format(
        represented=represented,
        executive=authority.executive,
        council=of_council(authority.council),
    )
    adopted_on = context.instruments.deliberation_adopted_on
    if authority is context.lead and adopted_on:
        text += _(" en date du {date}").format(date=adopted_on.text)
    return text + ","


def _articles(context: DocumentContext, associated_names: list[str]) -> list[Block]:
    lead = present(context.lead)
    n = 0

    def article(title: str) -> Heading:
        nonlocal n
        n += 1
        label = _("Article 1er") if n == 1 else _("Article {n}").format(n=n)
        return Heading(f"{label} – {title}", 2)

    blocks: list[Block] = [article(_("Objet"))]
    purpose = _(
        "La présente convention a pour objet de définir les conditions dans lesquelles "
        "les Parties mettent en œuvre le projet « {title} »"
    ).format(title=present(context.title))
    if context.themes:
        purpose += _(", dans les domaines suivants : {themes}").format(
            themes=themes_phrase(context)
        )
    blocks.append(para(purpose + "."))
    if context.description:
        blocks.append(para(context.description))
    blocks.append(article(_("Actions et objectifs")))
    if context.objectives:
        blocks.append(para(_("Les Parties s'engagent à poursuivre les objectifs suivants :")))
        blocks.append(BulletList(context.objectives))
    else:
        blocks.append(
            para(
                _(
                    "Les actions sont arrêtées chaque année par le comité de pilotage prévu à "
                    "l'article 5, dans le cadre de l'objet défini à l'article 1er."
                )
            )
        )
    if context.sdg_targets:
        blocks.append(
            para(
                _(
                    "Le projet contribue aux cibles suivantes des objectifs de "
                    "développement durable :"
                )
            )
        )
        blocks.append(BulletList(tuple(f"{t.code} – {t.text}" for t in context.sdg_targets)))
    if associated_names:
        blocks.append(
            para(
                _(
                    "Sont associés à la mise en œuvre du projet, sans être parties à la "
                    "présente convention : {names}."
                ).format(names=join_fr(associated_names))
            )
        )
    blocks.append(article(_("Engagements financiers prévisionnels")))
    blocks.append(
        para(
            _(
                "Conformément à l'article L1115-1 du code général des collectivités "
                "territoriales, le montant prévisionnel des engagements financiers des Parties "
                "est le suivant :"
            )
        )
    )
    blocks.append(financing_table(context))
    blocks += yearly_split(context)
    blocks += financing_notes(context)
    if needs_subsidy_convention(context):
        blocks.append(
            para(
                _(
                    "La contribution financière des collectivités françaises dépassant "
                    "23 000 €, la présente convention en fixe l'objet, le montant et les "
                    "conditions d'utilisation (loi n° 2000-321 du 12 avril 2000, article 10 ; "
                    "décret n° 2001-495 du 6 juin 2001) ; les sommes non employées conformément "
                    "à leur objet sont reversées."
                )
            )
        )
    blocks.append(
        para(
            _(
                "Ces montants sont prévisionnels. Ils sont engagés sous réserve du vote des "
                "crédits correspondants par les assemblées délibérantes et de l'obtention des "
                "cofinancements sollicités."
            )
        )
    )
    blocks.append(article(_("Durée")))
    blocks.append(
        para(
            _("La présente convention est conclue pour la durée du projet, {period}.").format(
                period=period_phrase(context)
            )
        )
    )
    blocks.append(article(_("Gouvernance")))
    blocks.append(
        para(
            _(
                "Un comité de pilotage, composé de représentants élus et techniques de chacune "
                "des Parties, se réunit au moins une fois par an. Il arrête le programme "
                "annuel d'actions, suit l'exécution technique et financière du projet et "
                "propose, le cas échéant, les ajustements nécessaires. {lead} en assure le "
                "secrétariat."
            ).format(lead=upper_first(lead.with_article))
        )
    )
    blocks.append(article(_("Suivi et évaluation")))
    blocks.append(
        para(
            _(
                "Les Parties établissent chaque année un compte rendu technique et financier "
                "de l'exécution du projet, présenté au comité de pilotage. Une évaluation est "
                "conduite au terme du projet."
            )
        )
    )
    blocks.append(article(_("Entrée en vigueur")))
    blocks.append(
        para(
            _(
                "La présente convention entre en vigueur à la date de sa transmission au "
                "représentant de l'État, conformément à l'article L1115-1 du code général des "
                "collectivités territoriales, après sa signature par l'ensemble des Parties."
            )
        )
    )
    blocks.append(article(_("Modification")))
    blocks.append(
        para(
            _(
                "Toute modification de la présente convention fait l'objet d'un "
                "avenant conclu dans les mêmes formes."
            )
        )
    )
    blocks.append(article(_("Résiliation")))
    blocks.append(
        para(
            _(
                "Chacune des Parties peut résilier la présente convention par écrit, moyennant "
                "un préavis de trois mois. En cas de manquement grave d'une Partie à ses "
                "engagements, la convention peut être résiliée sans préavis après une mise en "
                "demeure restée sans effet pendant un mois. La résiliation ne remet pas en "
                "cause les actions engagées à sa date."
            )
        )
    )
    blocks.append(article(_("Langue")))
    blocks.append(
        para(
            _(
                "La présente convention est établie en langue française. Lorsqu'elle est "
                "traduite dans la langue d'une autre Partie, chaque version signée fait "
                "également foi ; en cas de divergence d'interprétation, la version française "
                "prévaut."
            )
        )
    )
    blocks.append(article(_("Règlement des litiges")))
    blocks.append(
        para(
            _(
                "Les Parties s'efforcent de régler à l'amiable tout différend relatif à "
                "l'interprétation ou à l'exécution de la présente convention, au sein du "
                "comité de pilotage. À défaut d'accord, le litige est porté devant la "
                "juridiction compétente."
            )
        )
    )
    return blocks
