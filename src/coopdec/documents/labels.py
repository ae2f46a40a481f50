"""French labels for the identifiers of the project file (themes, kinds, sources).

The ids are fixed by the project-file format (issue 5); the labels are what a council, a
prefecture or a funder reads, so they follow administrative usage.
"""

from __future__ import annotations

from dataclasses import dataclass

from coopdec.documents.i18n import _
from coopdec.projectfile.model import AUTHORITY_KINDS

THEME_LABELS: dict[str, str] = {
    "eau_assainissement": _("Eau et assainissement"),
    "dechets": _("Gestion des déchets"),
    "energie_climat": _("Énergie et climat"),
    "mobilite_transport": _("Mobilité et transports"),
    "agriculture_alimentation": _("Agriculture et alimentation"),
    "sante": _("Santé"),
    "education_formation": _("Éducation et formation"),
    "culture_patrimoine": _("Culture et patrimoine"),
    "gouvernance_locale": _("Gouvernance locale"),
    "developpement_economique": _("Développement économique"),
    "tourisme": _("Tourisme"),
    "jeunesse": _("Jeunesse"),
    "environnement_biodiversite": _("Environnement et biodiversité"),
    "sport": _("Sport"),
    "urbanisme_habitat": _("Urbanisme et habitat"),
    "egalite_genre": _("Égalité femmes-hommes"),
    "numerique": _("Numérique"),
    "migrations_diaspora": _("Migrations et diasporas"),
    "francophonie": _("Francophonie"),
    "echanges_scolaires": _("Échanges scolaires"),
    "aide_humanitaire_urgence": _("Aide humanitaire et d'urgence"),
    "finances_locales": _("Finances locales"),
}

PARTNER_KIND_LABELS: dict[str, str] = {
    "local_authority": _("collectivité territoriale"),
    "federated_entity": _("entité fédérée"),
    "state": _("État"),
    "grouping": _("groupement de collectivités territoriales"),
    "ngo": _("organisation non gouvernementale"),
    "other": _("autre organisme"),
}

# Partners that may sign an L1115-1 convention (foreign local authorities, their groupings,
# federated entities — circulaire du 24 mai 2018). ``None`` means the file did not say; the
# rules engine reports that, the convention lists the partner as a party.
CONVENTION_PARTY_KINDS = frozenset({"local_authority", "federated_entity", "grouping", None})


@dataclass(frozen=True)
class AuthorityKind:
    """How a kind of French authority is named, who decides and who signs for it."""

    label: str
    council: str
    executive: str


# How each of the model's authority kinds is named (the kinds are ``projectfile.model``'s).
AUTHORITY_KIND_NAMING: dict[str, AuthorityKind] = {
    "commune": AuthorityKind(_("Commune"), _("conseil municipal"), _("le maire")),
    "epci": AuthorityKind(
        _("Établissement public de coopération intercommunale"),
        _("conseil communautaire"),
        _("le président"),
    ),
    "departement": AuthorityKind(
        _("Département"),
        _("conseil départemental"),
        _("le président du conseil départemental"),
    ),
    "region": AuthorityKind(
        _("Région"), _("conseil régional"), _("le président du conseil régional")
    ),
    "collectivite_particuliere": AuthorityKind(
        _("Collectivité"), _("assemblée délibérante"), _("le président de l'exécutif")
    ),
    "syndicat": AuthorityKind(_("Syndicat"), _("comité syndical"), _("le président")),
}

if set(AUTHORITY_KIND_NAMING) != set(AUTHORITY_KINDS):  # pragma: no cover - caught at import
    raise ValueError("documents.labels: every authority kind of the model needs its naming")

# The four "1 %" mechanisms: which service budget pays, and the CGCT article allowing it.
ONE_PERCENT_SERVICES: dict[str, tuple[str, str]] = {
    "eau_assainissement": (_("1 % eau et assainissement"), "cgct_l1115_1_1"),
    "energie": (_("1 % énergie"), "cgct_l1115_1_1"),
    "dechets": (_("1 % déchets"), "cgct_l1115_2"),
    "mobilite": (_("1 % mobilité"), "cgct_l1115_3"),
}

ONE_PERCENT_BUDGETS: dict[str, str] = {
    "eau_assainissement": _("budget du service public de l'eau et de l'assainissement"),
    "energie": _("budget du service public de distribution d'électricité et de gaz"),
    "dechets": _("budget du service public de collecte et de traitement des déchets ménagers"),
    "mobilite": _("budget du service de mobilité, hors versement mobilité"),
}

FINANCING_SOURCE_LABELS: dict[str, str] = {
    "own_cash": _("Apport en numéraire"),
    "own_in_kind": _("Apport en nature (valorisation)"),
    "partner": _("Contribution du partenaire"),
    "one_percent": _("Dispositif du 1 %"),
    "program": _("Subvention sollicitée"),
    "other": _("Autre financement"),
}

# Sources that are the French authorities' own contribution: the 1 % lines come out of
# their own service budgets, so funders count them as the authority's share.
OWN_SOURCES = frozenset({"own_cash", "own_in_kind", "one_percent"})

# The expense categories of the application's budget (``projectfile.model.EXPENSE_CATEGORIES``).
EXPENSE_LABELS: dict[str, str] = {
    "personnel": _("Personnel"),
    "missions": _("Missions et déplacements"),
    "equipement": _("Équipement et matériel"),
    "travaux": _("Travaux"),
    "formation": _("Formation"),
    "prestations": _("Prestations de services et expertise"),
    "communication": _("Communication et capitalisation"),
    "suivi_evaluation": _("Suivi et évaluation"),
    "fonctionnement": _("Frais de fonctionnement"),
    "autre": _("Autres dépenses"),
}
