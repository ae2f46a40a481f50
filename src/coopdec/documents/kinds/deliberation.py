"""Projet de délibération of the lead authority's council.

Visas name the articles the council acts under (its own competence, L1115-1, the 1 %
articles its financing uses), considérants give the reasons, articles decide: approve the
project and its plan, authorise the executive to sign, ask for co-financing, budget the
credits, and send the act to the prefect (circulaire du 24 mai 2018: every act of external
action goes to the legality check).
"""

from __future__ import annotations

from decimal import Decimal

from coopdec.documents import articles
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
from coopdec.documents.formatting import format_money
from coopdec.documents.kinds.common import (
    financing_notes,
    financing_table,
    footer,
    join_fr,
    legal_section,
    partner_label,
    partners_phrase,
    period_phrase,
    present,
    the_council,
    themes_phrase,
    upper_first,
    visa,
    yearly_split,
)
from coopdec.documents.legal import (
    REFERENCES,
    council_key,
    needs_subsidy_convention,
    one_percent_keys,
)
from coopdec.documents.model import DocumentContext
from coopdec.i18n import N_, _

KIND = "deliberation"

# Councils that may delegate the decision (CGCT L3211-2, L4221-5, L5211-10): the visa says so
# when the act is taken by the commission permanente or the bureau.
_DELEGATION = {
    "departement": N_(
        "Vu, le cas échéant, la délibération du conseil départemental portant délégation "
        "d'attributions à la commission permanente (article L3211-2 du code général des "
        "collectivités territoriales) ;"
    ),
    "region": N_(
        "Vu, le cas échéant, la délibération du conseil régional portant délégation "
        "d'attributions à la commission permanente (article L4221-5 du code général des "
        "collectivités territoriales) ;"
    ),
    "epci": N_(
        "Vu, le cas échéant, la délibération du conseil communautaire portant délégation "
        "d'attributions au bureau (article L5211-10 du code général des collectivités "
        "territoriales) ;"
    ),
}


def build(context: DocumentContext) -> Document:
    lead, title = present(context.lead), present(context.title)
    header = [lead.designation, upper_first(lead.council)]
    if context.instruments.deliberation_adopted_on:
        header.append(
            _("Séance du {date}").format(date=context.instruments.deliberation_adopted_on.text)
        )
    blocks: list[Block] = [Heading(_("Exposé des motifs"), 2)]
    motive = _("{lead} conduit avec {partners} le projet « {title} »").format(
        lead=upper_first(lead.with_article), partners=partners_phrase(context), title=title
    )
    if context.themes:
        motive += _(", dans les domaines suivants : {themes}").format(themes=themes_phrase(context))
    if (period := period_phrase(context)) is not None:
        motive += _(", {period}").format(period=period)
    blocks.append(para(motive + "."))
    if context.description:
        blocks.append(para(context.description))
    blocks += financing_notes(context)

    blocks.append(para(bold(upper_first(the_council(lead.council)) + ",")))
    visas = [k for k in (council_key(context),) if k]
    visas += ["cgct_l1115_1", *one_percent_keys(context), "loi_2021_1031", "circulaire_2018"]
    if needs_subsidy_convention(context):
        visas.append("loi_2000_321_art10")
    items = [visa(REFERENCES[k].citation) for k in visas]
    delegation = _DELEGATION.get(lead.kind)
    if delegation:
        items.append(delegation)
    # Cite the annexed convention only when there is one: a convention party exists.
    if any(p.can_sign_convention for p in context.partners):
        items.append(
            _("Vu le projet de convention de partenariat annexé à la présente délibération ;")
        )
    blocks.append(BulletList(tuple(items)))
    blocks.append(BulletList(tuple(_considerants(context))))
    blocks.append(para(_("Après en avoir délibéré, "), bold(_("DÉCIDE :"))))
    blocks += _articles(context)
    blocks.append(Signatures(None, (Signature(_("Pour extrait conforme,"), lead.executive),)))
    blocks += legal_section(KIND, context)
    return Document(
        kind=KIND,
        title=_("Projet de délibération"),
        subtitle=_("Objet : coopération décentralisée avec {partners} – projet « {title} »").format(
            partners=join_fr(articles.definite(p.name) for p in context.partners), title=title
        ),
        header=tuple(header),
        blocks=tuple(blocks),
        footer=footer(context, _("Projet de délibération")),
    )


def _considerants(context: DocumentContext) -> list[str]:
    lead = present(context.lead)
    items = [
        _(
            "Considérant que l'article L1115-1 du code général des collectivités territoriales "
            "permet aux collectivités territoriales et à leurs groupements de mener ou de "
            "soutenir toute action internationale de coopération, d'aide au développement ou à "
            "caractère humanitaire ;"
        ),
        _("Considérant l'intérêt du projet « {title} », conduit avec {partners} ;").format(
            title=present(context.title), partners=partners_phrase(context)
        ),
    ]
    if context.sdg_targets:
        codes = join_fr(t.code for t in context.sdg_targets)
        items.append(
            _(
                "Considérant que le projet contribue aux cibles {codes} des objectifs de "
                "développement durable du Programme de développement durable à l'horizon 2030 ;"
            ).format(codes=codes)
        )
    for line in context.one_percent_lines:
        items.append(
            _(
                "Considérant que {lead} peut consacrer chaque année jusqu'à 1 % des ressources "
                "affectées au {budget} à des actions de coopération dans ce domaine ;"
            ).format(lead=lead.with_article, budget=line.detail)
        )
    if needs_subsidy_convention(context):
        items.append(
            _(
                "Considérant que la contribution financière de {lead} dépasse 23 000 € et "
                "qu'une convention en fixe l'objet, le montant et les conditions d'utilisation ;"
            ).format(lead=lead.with_article)
        )
    return items


def _articles(context: DocumentContext) -> list[Block]:
    lead = present(context.lead)
    decisions: list[list[Block]] = [
        [
            para(
                _(
                    "Approuve le projet « {title} » et son plan de financement prévisionnel, "
                    "établi comme suit :"
                ).format(title=present(context.title))
            ),
            financing_table(context),
            *yearly_split(context),
        ]
    ]
    if context.instruments.twinning:
        decisions.append(
            [
                para(
                    _("Approuve le jumelage entre {lead} et {partners}.").format(
                        lead=lead.with_article, partners=partners_phrase(context)
                    )
                )
            ]
        )
    parties = join_fr(
        articles.definite(partner_label(p)) for p in context.partners if p.can_sign_convention
    )
    if parties:
        decisions.append(
            [
                para(
                    _(
                        "Approuve les termes de la convention de partenariat avec {parties}, "
                        "annexée à la présente délibération, et autorise {executive} à la "
                        "signer, ainsi que tout document s'y rapportant."
                    ).format(parties=parties, executive=lead.executive)
                )
            ]
        )
    if context.program_lines:
        requests = tuple(
            _("{amount} auprès {funder}, au titre de « {program} »").format(
                amount=line.amount.text,
                funder=articles.of(line.funder),
                program=line.detail or line.funder,
            )
            for line in context.program_lines
        )
        decisions.append(
            [
                para(
                    _(
                        "Sollicite les cofinancements suivants et autorise {executive} à signer "
                        "toute pièce nécessaire :"
                    ).format(executive=lead.executive)
                ),
                BulletList(requests),
            ]
        )
    credits = _credits(context)
    if credits:
        decisions.append(
            [
                para(
                    _(
                        "Dit que la contribution de la collectivité est assurée comme suit, les "
                        "crédits étant inscrits aux budgets des exercices concernés :"
                    )
                ),
                BulletList(credits),
            ]
        )
    decisions.append(
        [
            para(
                _(
                    "Dit que la présente délibération, ainsi que la convention après sa "
                    "signature, sont transmises au représentant de l'État au titre du contrôle "
                    "de légalité, et charge {executive} de leur exécution."
                ).format(executive=lead.executive)
            )
        ]
    )
    decisions.append(
        [
            para(
                _(
                    "Dit que la présente délibération est exécutoire de plein droit dès sa "
                    "publication, sous forme électronique, et sa transmission au représentant "
                    "de l'État."
                )
            ),
            para(
                _(
                    "Voies et délais de recours : la présente délibération peut faire l'objet "
                    "d'un recours pour excès de pouvoir devant le tribunal administratif "
                    "territorialement compétent dans un délai de deux mois à compter de sa "
                    "publication et de sa transmission au représentant de l'État ; le tribunal "
                    "peut être saisi par l'application Télérecours citoyens "
                    "(www.telerecours.fr)."
                )
            ),
        ]
    )
    blocks: list[Block] = []
    for n, decision in enumerate(decisions, start=1):
        label = _("Article 1er") if n == 1 else _("Article {n}").format(n=n)
        blocks.append(Heading(label, 3))
        blocks += decision
    return blocks


def _credits(context: DocumentContext) -> tuple[str, ...]:
    """What the authority's own budgets carry: cash, in-kind, each 1 % service budget."""
    lead = context.lead.designation if context.lead else None

    def total(source: str) -> Decimal:
        # Lines naming another payer (a co-authority) are not this council's credits.
        lines = [ln for ln in context.financing if ln.source == source and ln.funder == lead]
        return sum((ln.amount.amount for ln in lines), Decimal(0))

    items = []
    if cash := total("own_cash"):
        items.append(
            _("{amount} en numéraire au budget principal ;").format(
                amount=format_money(cash, context.currency)
            )
        )
    if in_kind := total("own_in_kind"):
        items.append(
            _(
                "{amount} d'apport en nature (valorisation de moyens et de temps de "
                "travail des agents) ;"
            ).format(amount=format_money(in_kind, context.currency))
        )
    for line in context.one_percent_lines:
        items.append(
            _("{amount} au {budget} ;").format(amount=line.amount.text, budget=line.detail)
        )
    return tuple(items)
