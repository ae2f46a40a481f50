"""French vocabulary of the synthetic catalogue: what decentralised cooperation projects say."""

from __future__ import annotations

ACTIONS = (
    "appui à", "renforcement de", "amélioration de", "développement de", "soutien à",
    "modernisation de", "structuration de", "accompagnement de", "création de",
    "réhabilitation de", "formation à", "promotion de", "coopération pour", "échanges sur",
)  # fmt: skip

PLACES_SUFFIX = ("", "", "", "ville", "bougou", "kro", "dougou", " centre", "-Nord", "-Sud")

SENTENCES = (
    "Le projet porte sur le {action} {objet} dans la commune de {lieu}.",
    "Depuis {annee}, les deux collectivités conduisent ensemble le {action} {objet}.",
    "Il bénéficie à {nombre} familles et associe les services techniques de {lieu}.",
    "Les élus ont signé une convention de coopération décentralisée portant sur {objet}.",
    "Une mission d'experts a permis d'évaluer les besoins en matière de {objet} et de {autre}.",
    "Les habitants de {lieu} participent aux comités de gestion de {objet}.",
    "Le partenariat prévoit des échanges de jeunes et de techniciens autour de {autre}.",
    "Le financement associe la collectivité, la DAECT et des fonds européens pour {objet}.",
    "Un diagnostic partagé a précédé le {action} {autre} en {annee}.",
    "{nombre} agents municipaux ont suivi une formation consacrée à {objet}.",
    "Les actions de sensibilisation des écoles portent sur {autre} et {objet}.",
    "Le jumelage entre les deux villes s'appuie sur des associations de solidarité internationale.",
)

THEME_WORDS: dict[str, tuple[str, ...]] = {
    "eau_assainissement": (
        "l'accès à l'eau potable",
        "l'assainissement collectif",
        "les forages",
        "les latrines",
        "la gestion des réseaux d'eau",
        "les bornes-fontaines",
        "l'hygiène publique",
    ),
    "dechets": (
        "la collecte des déchets",
        "le tri sélectif",
        "la valorisation des ordures ménagères",
        "le compostage",
        "les décharges contrôlées",
        "le recyclage des plastiques",
    ),
    "energie_climat": (
        "l'énergie solaire",
        "l'éclairage public",
        "l'adaptation au changement climatique",
        "les énergies renouvelables",
        "l'efficacité énergétique",
        "le plan climat",
    ),
    "mobilite_transport": (
        "les transports publics",
        "la mobilité urbaine",
        "les pistes rurales",
        "la sécurité routière",
        "le plan de déplacements",
        "les gares routières",
    ),
    "agriculture_alimentation": (
        "les filières agricoles",
        "la sécurité alimentaire",
        "les coopératives paysannes",
        "le maraîchage",
        "l'élevage",
        "la transformation des produits agricoles",
    ),
    "sante": (
        "les centres de santé",
        "la santé maternelle",
        "la prévention du paludisme",
        "les hôpitaux de district",
        "la formation des infirmiers",
        "la vaccination",
    ),
    "education_formation": (
        "l'éducation de base",
        "la formation professionnelle",
        "les écoles primaires",
        "l'alphabétisation",
        "les bibliothèques",
        "la formation des enseignants",
    ),
    "culture_patrimoine": (
        "le patrimoine bâti",
        "les festivals",
        "la lecture publique",
        "les musées",
        "la valorisation du patrimoine",
        "les échanges artistiques",
    ),
    "gouvernance_locale": (
        "la décentralisation",
        "l'état civil",
        "la gouvernance locale",
        "la maîtrise d'ouvrage communale",
        "la participation citoyenne",
        "l'administration municipale",
    ),
    "developpement_economique": (
        "le développement économique local",
        "l'artisanat",
        "les marchés",
        "l'entrepreneuriat",
        "la microfinance",
        "l'emploi des jeunes",
    ),
    "tourisme": (
        "le tourisme solidaire",
        "l'écotourisme",
        "l'accueil touristique",
        "les circuits de découverte",
    ),
    "jeunesse": (
        "la jeunesse",
        "les chantiers de jeunes",
        "le volontariat",
        "la citoyenneté des jeunes",
    ),
    "aide_humanitaire_urgence": (
        "l'aide d'urgence",
        "la reconstruction",
        "l'accueil des réfugiés",
        "la gestion des crises",
    ),
    "echanges_scolaires": (
        "les échanges scolaires",
        "les correspondances entre classes",
        "les séjours d'élèves",
    ),
    "egalite_genre": (
        "l'égalité entre les femmes et les hommes",
        "l'autonomisation des femmes",
        "les groupements féminins",
    ),
    "environnement_biodiversite": (
        "la biodiversité",
        "la reforestation",
        "la protection des zones humides",
        "la gestion des forêts",
        "les aires protégées",
    ),
    "finances_locales": (
        "les finances locales",
        "la fiscalité locale",
        "le budget communal",
        "l'adressage",
    ),
    "francophonie": ("la francophonie", "la langue française", "les alliances françaises"),
    "migrations_diaspora": (
        "les migrations",
        "la diaspora",
        "le codéveloppement",
        "les transferts des migrants",
    ),
    "numerique": (
        "le numérique",
        "l'administration en ligne",
        "l'inclusion numérique",
        "les données ouvertes",
    ),
    "sport": (
        "le sport",
        "les équipements sportifs",
        "les clubs de football",
        "l'éducation physique",
    ),
    "urbanisme_habitat": (
        "l'urbanisme",
        "l'habitat social",
        "le cadastre",
        "l'aménagement urbain",
        "la planification urbaine",
    ),
}
