"""Editorial mapping from the funding data's free text to checkable criteria.

The funding data describe applicants, themes and territories in prose; these tables turn the
prose into our vocabulary (authority kinds, theme ids, region codes). They are our reading of
each programme's sources, so a criterion built only on them is never stronger than "medium".
"""

from __future__ import annotations

# Thematic calls: the project must carry at least one of these themes.
PROGRAM_THEMES: dict[str, tuple[str, ...]] = {
    "dctciv-aap-jeunesse": ("jeunesse", "education_formation", "echanges_scolaires"),
    "dctciv-aap-sport": ("sport",),
    "dctciv-aap-egalite-femmes-hommes": ("egalite_genre",),
    "dctciv-aap-numerique-inclusif": ("numerique",),
    "dctciv-aap-securite-alimentaire": ("agriculture_alimentation",),
    "dctciv-aap-patrimoine": ("culture_patrimoine",),
    "dctciv-aap-ocean": ("environnement_biodiversite", "developpement_economique", "tourisme"),
    "dctciv-aap-finances-locales": ("finances_locales", "gouvernance_locale"),
    "dctciv-aap-climat-culture-historique": ("energie_climat", "culture_patrimoine"),
    "one-percent-eau": ("eau_assainissement",),
    "one-percent-energie": ("energie_climat",),
    "one-percent-dechets": ("dechets",),
    "one-percent-mobilite": ("mobilite_transport",),
    "agences-eau-aap-eau-solidarites-internationales": ("eau_assainissement",),
    "eu-cerv-town-twinning-networks": (),
    # Emergency channels: contributions to humanitarian funds, not project co-financing.
    "meae-faceco": ("aide_humanitaire_urgence",),
    "cuf-fonds-solidarite": ("aide_humanitaire_urgence",),
}
# Programmes whose data give no country rule but whose nature implies one.
COUNTRY_RULE_OVERRIDES = {"eu-interreg-gect": "eu_member_states_and_associated"}
WATER_AGENCIES = (
    "ae-rhone-mediterranee-corse",
    "ae-adour-garonne",
    "ae-seine-normandie",
    "ae-loire-bretagne",
    "ae-rhin-meuse",
    "ae-artois-picardie",
)
for _agency in WATER_AGENCIES:
    PROGRAM_THEMES[_agency] = ("eau_assainissement",)

ONE_PERCENT_SERVICE = {
    "one-percent-eau": "eau_assainissement",
    "one-percent-energie": "energie",
    "one-percent-dechets": "dechets",
    "one-percent-mobilite": "mobilite",
}

# Regional and departmental schemes are reserved to actors of their territory (COG codes).
PROGRAM_REGION = {
    "region-nouvelle-aquitaine-developpement-solidaire": "75",
    "region-grand-est-cooperation-ct": "44",
    "region-ile-de-france-actions-internationales": "11",
    "region-bretagne-solidarite-multi-acteurs": "53",
    "region-bfc-cooperation-internationale": "27",
    "region-occitanie-cooperation-mediterranee": "76",
    "region-centre-val-de-loire-echanges-societes-civiles": "24",
    "region-pays-de-la-loire-fonds-appui": "52",
    "contrat-etat-region-pays-de-la-loire": "52",
}
PROGRAM_DEPARTEMENT = {"departement-allier-microprojets": "03"}
# The authority that runs a scheme is never offered its own scheme (kind, code).
OWN_SCHEMES: dict[str, tuple[str, str]] = {
    **{pid: ("region", code) for pid, code in PROGRAM_REGION.items()},
    **{pid: ("departement", code) for pid, code in PROGRAM_DEPARTEMENT.items()},
}

# Programmes whose judgement reads where the applicant is (its région, département or water
# basin, hence its code): a cache of judgements keys these by territory, the others by kind
# only. A new territorial table above must be added here too.
TERRITORIAL = frozenset(PROGRAM_REGION) | frozenset(PROGRAM_DEPARTEMENT) | frozenset(WATER_AGENCIES)

# Programmes open to some kinds of authority only (the funder's own words in the comment).
APPLICANT_KINDS: dict[str, tuple[str, ...]] = {
    # CERV "Town-Twinning": towns and municipalities, their twinning committees or non-profit
    # organisations representing them — not départements or regions.
    "eu-cerv-town-twinning-networks": ("commune", "epci"),
}
# Programmes whose partner must be a foreign local authority (or grouping, federated entity):
# the ministry's calls (never a State nor an unrecognised entity) and AFD's FICOL.
LOCAL_PARTNER_REQUIRED = ("afd-ficol",)
LOCAL_PARTNER_KINDS = ("local_authority", "federated_entity", "grouping")

# Programmes whose applicant is not a local authority (the authority may only take part).
NOT_FOR_AUTHORITIES = {
    "meae-fspi": (
        "porté par l'ambassade au profit d'acteurs locaux ; "
        "les collectivités peuvent seulement y être associées"
    ),
    "expertise-france": (
        "opérateur : les collectivités y sont fournisseurs d'expertise, pas bénéficiaires"
    ),
    "dctciv-aap-cles-en-main": (
        "réservé aux associations ou GIP de collectivités (au moins 3 collectivités participantes)"
    ),
    "dctciv-pact3": "programme d'appui des associations de collectivités (statut actuel inconnu)",
}

# Latin America and the Caribbean (UN M49 region), for the 2024 LAC call.
LATIN_AMERICA_CARIBBEAN = frozenset(
    [
        "AG",
        "AR",
        "BS",
        "BB",
        "BZ",
        "BO",
        "BR",
        "CL",
        "CO",
        "CR",
        "CU",
        "DM",
        "DO",
        "EC",
        "SV",
        "GD",
        "GT",
        "GY",
        "HT",
        "HN",
        "JM",
        "MX",
        "NI",
        "PA",
        "PY",
        "PE",
        "KN",
        "LC",
        "VC",
        "SR",
        "TT",
        "UY",
        "VE",
        "AI",
        "AW",
        "BQ",
        "VG",
        "KY",
        "CW",
        "GF",
        "GP",
        "MQ",
        "MS",
        "PR",
        "BL",
        "MF",
        "SX",
        "TC",
        "VI",
    ]
)
# EU member states plus the CERV-associated countries known in 2024 (Albania, Bosnia and
# Herzegovina, Montenegro, North Macedonia, Serbia, Ukraine).
EU_AND_ASSOCIATED = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "HU",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
        "AL",
        "BA",
        "ME",
        "MK",
        "RS",
        "UA",
    ]
)
