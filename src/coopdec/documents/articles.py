"""French articles and elision before an institution's name: "avec la Commune de Fissel",
"auprès de l'Agence de l'eau", "auprès du Ministère de l'Europe".

A name that starts with a common noun of public life (commune, agence, ministère...) takes the
definite article of that noun's gender, elided before a vowel or a mute h; a proper name
("Koudougou", "Expertise France") or an acronym ("MEAE – DCTCIV", "AFD") takes none, as French
writes it. A name that already starts with an article keeps it and contracts after "de"/"à"
("du Mans"). The French authorities' names use INSEE's own liaison codes (``names.py``).
"""

from __future__ import annotations

from coopdec.i18n import english

FEMININE = frozenset(
    {
        "agence", "association", "autorité", "banque", "caisse", "chambre", "collectivité",
        "commune", "communauté", "coopérative", "délégation", "direction", "fédération",
        "fondation", "métropole", "mairie", "municipalité", "organisation", "préfecture",
        "province", "région", "république", "union", "université", "ville", "wilaya",
        "afd", "ue", "dctciv", "daect",
    }
)  # fmt: skip
MASCULINE = frozenset(
    {
        "arrondissement", "cercle", "centre", "comité", "comté", "conseil", "département",
        "district", "fonds", "gouvernement", "gouvernorat", "groupement", "land", "ministère",
        "office", "programme", "réseau", "secrétariat", "service", "syndicat", "état",
        "meae",
    }
)  # fmt: skip
_VOWELS = "aàâäeéèêëiîïoôöuùûüyœh"
# "h aspiré" nouns take no elision ("la Haute Autorité"); few appear in institutions' names.
_ASPIRATED_H = ("haut", "haute", "hameau")


def _first_word(name: str) -> str:
    return name.split(maxsplit=1)[0].split("'")[0].split("-")[0].lower() if name.strip() else ""


def definite(name: str) -> str:
    """``name`` with its definite article: "la Commune de Fissel", "l'Agence de l'eau"
    ("the Commune de Fissel" in an English document)."""
    word = _first_word(name)
    if english():
        return ("the " + name) if word in FEMININE or word in MASCULINE else name
    if word in {"le", "la", "les", "l"} or name.lower().startswith("l'"):
        return name
    if word in FEMININE or word in MASCULINE:
        if word[:1] in _VOWELS and not word.startswith(_ASPIRATED_H):
            return "l'" + name
        return ("la " if word in FEMININE else "le ") + name
    return name


def of(name: str) -> str:
    """ "de" + ``name``: "de la Commune", "de l'Agence", "du Ministère", "d'Expertise France"."""
    if english():
        return "of " + definite(name)
    return _contract("de", definite(name))


def to(name: str) -> str:
    """ "à" + ``name``: "à la Commune", "à l'Agence", "au Ministère"."""
    if english():
        return "to " + definite(name)
    return _contract("à", definite(name))


def _contract(preposition: str, phrase: str) -> str:
    lowered = phrase.lower()
    if lowered.startswith("le "):
        return ("du " if preposition == "de" else "au ") + phrase[3:]
    if lowered.startswith("les "):
        return ("des " if preposition == "de" else "aux ") + phrase[4:]
    if preposition == "de" and phrase[:1].lower() in _VOWELS and not lowered.startswith("h"):
        return "d'" + phrase
    return f"{preposition} {phrase}"
