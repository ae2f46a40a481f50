"""Text normalisation shared by name matching and search (pure, no Django)."""

from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# French articles glued by an apostrophe ("L'Abergement") and the usual "Saint"/"St" spellings
# make the same place look different from one source to another.
_SAINT = re.compile(r"\b(st|ste)\b")


def fold(text: str) -> str:
    """Lower-case, strip accents and ligatures (é -> e, œ -> oe)."""
    text = text.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def normalize_name(name: str) -> str:
    """A key for comparing place names: folded, punctuation as single spaces, Saint spelled out.

    >>> normalize_name("L'Haÿ-les-Roses")
    'l hay les roses'
    >>> normalize_name("St-Étienne")
    'saint etienne'
    """
    folded = _NON_ALNUM.sub(" ", fold(name)).strip()
    return _SAINT.sub(lambda m: "saint" if m.group(1) == "st" else "sainte", folded)
