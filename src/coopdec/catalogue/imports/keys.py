"""Stable keys: the same partnership gets the same key whichever source the row comes from.

A partnership key is ``<French authority>|<country>|<foreign partner>``:

* the French authority is ``kind:code`` for a body of the COG (``commune:72181``) and
  ``kind:~normalised name`` for a body outside it (``syndicat:~syndicat des eaux d ile de
  france sedif``);
* the country is its ISO 3166-1 alpha-2 code;
* the partner is its normalised name (:func:`partner_search_name`): accents, case and
  punctuation folded, municipal prefixes such as "Commune de", "Ville de" or "Municipality of"
  removed, a trailing ", <country>" removed, and common exonyms mapped to one spelling
  (Tangier → tanger, Beirut → beyrouth), so that a page naming "Ville de Tanger" and Wikidata
  naming "Tangier" give one partnership.

A part too long for the column keeps a readable prefix and ends with a hash of the whole part.
Pure module (no Django).
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable

from coopdec.textnorm import normalize_name as _normalize_name

KEY_MAX = 120  # Partnership.key
PROJECT_KEY_MAX = 200  # Project.key

# Municipal prefixes, in normalised form ("d'" becomes "d "). Only prefixes that name the
# municipality itself: "Région de Kayes" and "Commune de Kayes" are different authorities,
# so administrative levels (région, province, district...) are kept.
_MUNICIPAL_PREFIX = re.compile(
    r"^(?:"
    r"ville|commune(?: urbaine| rurale)?|communaute rurale|municipalite|mairie|cite"
    r")(?: de la| de l| de| d| du)? "
    r"|^(?:municipality|city|town|township|village|borough|municipio|comune|ayuntamiento|"
    r"gemeinde|stadt|miasto|gmina)(?: of| di| de| do| da)? "
)
# Letters that Unicode does not decompose into a base letter and an accent.
_LETTERS = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "ı": "i", "þ": "th"}
)
# "Alingsås Municipality", "Quebec City": the same trailing words in English labels.
_MUNICIPAL_SUFFIX = re.compile(r" (?:municipality|city|town|kommune|kommun|gemeente)$")
# The few spellings that differ between French pages and the English labels of Wikidata and
# Wikipedia, for partners in the catalogue. Normalised form on both sides; the value is the
# canonical (French) spelling used in keys.
EXONYMS: dict[str, str] = {
    "aachen": "aix la chapelle",
    "alexandria": "alexandrie",
    "algiers": "alger",
    "antwerp": "anvers",
    "antwerpen": "anvers",
    "athens": "athenes",
    "baalbek": "baalbeck",
    "basel": "bale",
    "beijing": "pekin",
    "beirut": "beyrouth",
    "bethlehem": "bethleem",
    "braunschweig": "brunswick",
    "brussels": "bruxelles",
    "bucharest": "bucarest",
    "cairo": "le caire",
    "canterbury": "cantorbery",
    "cape town": "le cap",
    "copenhagen": "copenhague",
    "dover": "douvres",
    "dresden": "dresde",
    "edinburgh": "edimbourg",
    "el aaiun": "laayoune",
    "fez": "fes",
    "firenze": "florence",
    "geneva": "geneve",
    "genoa": "genes",
    "genova": "genes",
    "gent": "gand",
    "ghent": "gand",
    "guangzhou": "canton",
    "hamburg": "hambourg",
    "havana": "la havane",
    "ho chi minh": "ho chi minh ville",
    "jbeil": "byblos",
    "koeln": "cologne",
    "krakow": "cracovie",
    "kyiv": "kiev",
    "libre et hanseatique de hambourg": "hambourg",
    "lisboa": "lisbonne",
    "lisbon": "lisbonne",
    "london": "londres",
    "mainz": "mayence",
    "marrakesh": "marrakech",
    "mexico city": "mexico",
    "milano": "milan",
    "moscow": "moscou",
    "muenchen": "munich",
    "nablus": "naplouse",
    "nanjing": "nankin",
    "nanking": "nankin",
    "napoli": "naples",
    "new orleans": "la nouvelle orleans",
    "peking": "pekin",
    "philadelphia": "philadelphie",
    "piraeus": "piree",
    "quebec city": "quebec",
    "roma": "rome",
    "saint louis du senegal": "saint louis",
    "saint petersburg": "saint petersbourg",
    "saragossa": "saragosse",
    "sevilla": "seville",
    "sidon": "saida",
    "tananarive": "antananarivo",
    "tangier": "tanger",
    "tangiers": "tanger",
    "tetuan": "tetouan",
    "timbuktu": "tombouctou",
    "torino": "turin",
    "trier": "treves",
    "tyre": "tyr",
    "venezia": "venise",
    "venice": "venise",
    "vienna": "vienne",
    "ville de quebec": "quebec",
    "warsaw": "varsovie",
    "yerevan": "erevan",
    "zaragoza": "saragosse",
}


@functools.lru_cache(maxsize=1 << 16)
def fold_name(name: str) -> str:
    """``coopdec.textnorm.normalize_name``, memoised: an import folds the same names often."""
    return _normalize_name(name)


def french_search_name(name: str) -> str:
    """The normalised name of a French authority (the directory's ``search_name``)."""
    return fold_name(name)


@functools.lru_cache(maxsize=512)
def _labels(country_names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(fold_name(label) for label in country_names if label)


def _country_suffix(name: str, country_names: Iterable[str]) -> str:
    """``name`` without a trailing ", <country>" or " (<country>)"."""
    if "," not in name and "(" not in name:
        return name
    labels = _labels(tuple(country_names))
    match = re.fullmatch(r"(.+?)\s*(?:,\s*([^,]+)|\(([^()]+)\))\s*", name)
    if match and fold_name(match.group(2) or match.group(3) or "") in labels:
        return match.group(1)
    return name


def partner_search_name(name: str, country_names: Iterable[str] = ()) -> str:
    """The normalised name of a foreign partner, as used in keys and in ``search_name``.

    >>> partner_search_name("Ville de Tanger")
    'tanger'
    >>> partner_search_name("Tangier")
    'tanger'
    >>> partner_search_name("Kaya, Burkina Faso", ["Burkina Faso"])
    'kaya'
    >>> partner_search_name("Région de Kayes")
    'region de kayes'
    """
    folded = fold_name(_country_suffix(name.strip(), country_names).translate(_LETTERS))
    stripped = _MUNICIPAL_PREFIX.sub("", folded, count=1).strip() or folded
    stripped = _MUNICIPAL_SUFFIX.sub("", stripped).strip() or stripped
    return EXONYMS.get(stripped, stripped)


# Administrative level of a foreign partner, from the words of its name (normalised).
_LEVEL_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "region",
        re.compile(
            r"^(?:region|conseil regional|etat|state|land|generalite|oblast|krai|kraï|voivodie)\b"
            r"|\b(?:region|oblast|krai|voivodeship|prefecture)$"
        ),
    ),
    (
        "intermediate",
        re.compile(
            r"^(?:province|departement|district|cercle|gouvernorat|governorate|wilaya|comte|"
            r"county|territoire|prefecture|conseil de district|conseil departemental)\b"
            r"|\b(?:county|province|district|governorate)$"
        ),
    ),
    (
        "grouping",
        re.compile(r"^(?:groupement|communaute des|communautes|federation|association|syndicat)\b"),
    ),
    (
        "municipality",
        re.compile(
            r"^(?:ville|commune|communes|municipalite|municipality|city|town|mairie|cite|"
            r"communaute rurale|district autonome)\b"
        ),
    ),
)


def foreign_level(name: str, default: str = "other") -> str:
    """The ``ForeignAuthority.Level`` a partner's name announces, else ``default``.

    >>> foreign_level("Province de l'Anhui")
    'intermediate'
    >>> foreign_level("Commune de Ziniaré")
    'municipality'
    """
    folded = fold_name(name)
    for level, pattern in _LEVEL_WORDS:
        if pattern.search(folded):
            return level
    return default


def french_part(kind: str, code: str | None, search_name: str) -> str:
    """The French-authority part of a key."""
    return f"{kind}:{code}" if code else f"{kind}:~{search_name}"


def bounded(key: str, limit: int) -> str:
    """``key`` itself when short enough, else a readable prefix and a hash of the whole."""
    if len(key) <= limit:
        return key
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    return f"{key[: limit - 17]}#{digest}"


def partnership_key(french: str, iso2: str, partner: str) -> str:
    """The stable key of a partnership (see the module docstring); each part is bounded on its
    own (50 + 2 + 60 characters and two separators), so a key always splits in three."""
    return f"{bounded(french, 50)}|{iso2.upper()}|{bounded(partner, 60)}"


def project_key(prefix: str, *parts: str) -> str:
    return bounded("|".join((prefix, *parts)), PROJECT_KEY_MAX)
