"""French labels for the identifiers of the project file (themes, kinds, sources).

The ids are fixed by the project-file format (issue 5); the labels are what a council, a
prefecture or a funder reads, so they follow administrative usage.
"""

from __future__ import annotations

from dataclasses import dataclass

from coopdec.i18n import N_
from coopdec.projectfile.model import AUTHORITY_KINDS

THEME_LABELS: dict[str, str] = {
    "eau_assainissement": N_("Eau et assainissement"),
    "dechets": N_("Gestion des déchets"),
    "energie_climat": N_("Énergie et climat"),
    "mobilite_transport": N_("Mobilité et transports"),
    "agriculture_alimentation": N_("Agriculture et alimentation"),
    "sante": N_("Santé"),
    "education_formation": N_("Éducation et formation"),
    "culture_patrimoine": N_("Culture et patrimoine"),
    "gouvernance_locale": N_("Gouvernance locale"),
    "developpement_economique": N_("Développement économique"),
    "tourisme": N_("Tourisme"),
    "jeunesse": N_("Jeunesse"),
    "environnement_biodiversite": N_("Environnement et biodiversité"),
    "sport": N_("Sport"),
    "urbanisme_habitat": N_("Urbanisme et habitat"),
    "egalite_genre": N_("Égalité femmes-hommes"),
    "numerique": N_("Numérique"),
    "migrations_diaspora": N_("Migrations et diasporas"),
    "francophonie": N_("Francophonie"),
    "echanges_scolaires": N_("Échanges scolaires"),
    "aide_humanitaire_urgence": N_("Aide humanitaire et d'urgence"),
    "finances_locales": N_("Finances locales"),
}

PARTNER_KIND_LABELS: dict[str, str] = {
    "local_authority": N_("collectivité territoriale"),
    "federated_entity": N_("entité fédérée"),
    "state": N_("État"),
    "grouping": N_("groupement de collectivités territoriales"),
    "ngo": N_("organisation non gouvernementale"),
    "other": N_("autre organisme"),
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
    "commune": AuthorityKind(N_("Commune"), N_("conseil municipal"), N_("le maire")),
    "epci": AuthorityKind(
        N_("Établissement public de coopération intercommunale"),
        N_("conseil communautaire"),
        N_("le président"),
    ),
    "departement": AuthorityKind(
        N_("Département"),
        N_("conseil départemental"),
        N_("le président du conseil départemental"),
    ),
    "region": AuthorityKind(
        N_("Région"), N_("conseil régional"), N_("le président du conseil régional")
    ),
    "collectivite_particuliere": AuthorityKind(
        N_("Collectivité"), N_("assemblée délibérante"), N_("le président de l'exécutif")
    ),
    "syndicat": AuthorityKind(N_("Syndicat"), N_("comité syndical"), N_("le président")),
}

if set(AUTHORITY_KIND_NAMING) != set(AUTHORITY_KINDS):  # pragma: no cover - caught at import
    raise ValueError("documents.labels: every authority kind of the model needs its naming")

# The four "1 %" mechanisms: which service budget pays, and the CGCT article allowing it.
ONE_PERCENT_SERVICES: dict[str, tuple[str, str]] = {
    "eau_assainissement": (N_("1 % eau et assainissement"), "cgct_l1115_1_1"),
    "energie": (N_("1 % énergie"), "cgct_l1115_1_1"),
    "dechets": (N_("1 % déchets"), "cgct_l1115_2"),
    "mobilite": (N_("1 % mobilité"), "cgct_l1115_3"),
}

ONE_PERCENT_BUDGETS: dict[str, str] = {
    "eau_assainissement": N_("budget du service public de l'eau et de l'assainissement"),
    "energie": N_("budget du service public de distribution d'électricité et de gaz"),
    "dechets": N_("budget du service public de collecte et de traitement des déchets ménagers"),
    "mobilite": N_("budget du service de mobilité, hors versement mobilité"),
}

FINANCING_SOURCE_LABELS: dict[str, str] = {
    "own_cash": N_("Apport en numéraire"),
    "own_in_kind": N_("Apport en nature (valorisation)"),
    "partner": N_("Contribution du partenaire"),
    "one_percent": N_("Dispositif du 1 %"),
    "program": N_("Subvention sollicitée"),
    "other": N_("Autre financement"),
}

# Sources that are the French authorities' own contribution: the 1 % lines come out of
# their own service budgets, so funders count them as the authority's share.
OWN_SOURCES = frozenset({"own_cash", "own_in_kind", "one_percent"})

# The expense categories of the application's budget (``projectfile.model.EXPENSE_CATEGORIES``).
EXPENSE_LABELS: dict[str, str] = {
    "personnel": N_("Personnel"),
    "missions": N_("Missions et déplacements"),
    "equipement": N_("Équipement et matériel"),
    "travaux": N_("Travaux"),
    "formation": N_("Formation"),
    "prestations": N_("Prestations de services et expertise"),
    "communication": N_("Communication et capitalisation"),
    "suivi_evaluation": N_("Suivi et évaluation"),
    "fonctionnement": N_("Frais de fonctionnement"),
    "autre": N_("Autres dépenses"),
}
