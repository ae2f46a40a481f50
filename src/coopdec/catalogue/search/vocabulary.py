"""The bilingual vocabulary of the catalogue's themes: words a reader may type, French or
English, for a record of each theme (pure: no Django).

The catalogue is written in French; a foreign partner searches in English ("water", not
"eau"). A record is indexed with its themes' labels in both languages, the short names of its
own SDG goals (both languages), its countries' English names and the words below, so an
English query matches the French record. The OECD DAC categories' labels are not used: one
category spans several themes (140 holds water and waste), which would blur the French
search; a project's own 5-digit DAC purpose codes are precise, and their French and English
labels are indexed with it (``documents.Reference.sector_names``). Both the index and the
query go through the same analyser (``text``), so the two languages' words meet on the same
terms.
"""

from __future__ import annotations

# Theme code -> everyday words of the theme in French and English (the labels are added from
# the reference data; these are the words people type that no label holds).
THEME_WORDS: dict[str, str] = {
    "eau_assainissement": "eau potable assainissement hygiène forage water drinking sanitation "
    "hygiene borehole well",
    "dechets": "déchets ordures recyclage collecte waste garbage rubbish recycling collection",
    "energie_climat": "énergie climat solaire électricité energy climate solar electricity "
    "renewable",
    "mobilite_transport": "mobilité transport route bus mobility transport roads",
    "agriculture_alimentation": "agriculture alimentation agricole élevage nourriture farming "
    "agriculture food livestock nutrition",
    "sante": "santé hôpital soins médical health hospital care medical",
    "education_formation": "éducation formation école enseignement education training school "
    "teaching",
    "culture_patrimoine": "culture patrimoine musée art heritage culture museum arts",
    "gouvernance_locale": "gouvernance décentralisation état civil governance local government "
    "decentralisation civil registration",
    "developpement_economique": "économie entreprise emploi economic development business jobs "
    "employment",
    "tourisme": "tourisme tourism tourist",
    "jeunesse": "jeunesse jeunes youth young people",
    "environnement_biodiversite": "environnement biodiversité forêt nature environment "
    "biodiversity forest",
    "sport": "sport sports",
    "urbanisme_habitat": "urbanisme habitat logement ville urban planning housing city",
    "egalite_genre": "égalité femmes genre gender equality women",
    "numerique": "numérique internet informatique digital computing",
    "migrations_diaspora": "migrations diaspora migrants migration",
    "francophonie": "francophonie français french language",
    "echanges_scolaires": "échanges scolaires élèves school exchanges pupils students",
    "aide_humanitaire_urgence": "humanitaire urgence crise humanitarian emergency relief crisis",
    "finances_locales": "finances locales fiscalité budget local finance taxation",
}
