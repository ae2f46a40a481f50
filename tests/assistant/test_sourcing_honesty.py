"""Issue 22.7: sourcing honesty.

A fact graded "high" rests on at least one primary source (the text itself or the
authority that issued it), never only on a blog or a news summary, and never carries a note
saying it is to be confirmed; a source labelled with an article links to that article.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

from coopdec.assistant.engine import list_rules
from coopdec.assistant.params import all_parameters
from coopdec.assistant.verdict import Source

# The law's text (Légifrance and the mirrors that reproduce it), or the issuing authority.
PRIMARY_HOSTS = (
    "legifrance.gouv.fr",
    "doctrine.fr",
    "legal.tricoteuses.fr",
    "codes-et-lois.fr",
    "archeo-lex.fr",
    "french-business-law.com",
    "gouv.fr",
    "tribunal-administratif.fr",
    "eur-lex.europa.eu",
    "senat.fr",
    "afd.fr",
)
DOUBT = re.compile(r"à confirmer|incertain|non lu|non relu|inférence", re.IGNORECASE)
# LEGIARTI ids of the articles the labels name (Légifrance identifiers).
ARTICLE_IDS = {
    "L1115-1": "LEGIARTI000006389099",
    "L1115-4": "LEGIARTI000006389105",
    "L1115-5": "LEGIARTI000006389107",
    "L1115-3": "LEGIARTI000043904023",
}


def _primary(source: Source) -> bool:
    host = (urlparse(source.url).hostname or "").rstrip(".")
    return any(host == h or host.endswith("." + h) for h in PRIMARY_HOSTS)


def test_high_parameters_rest_on_a_primary_source_and_no_doubt() -> None:
    for name, param in all_parameters().items():
        for value in param.values:
            if value.confidence != "high":
                continue
            assert any(_primary(s) for s in value.sources), (name, value.valid_from)
            assert not DOUBT.search(value.note or ""), (name, value.note)


def test_high_rules_rest_on_a_primary_source() -> None:
    for info in list_rules():
        if info.confidence == "high":
            assert any(_primary(s) for s in info.sources), info.id


def test_article_labels_link_to_their_own_article() -> None:
    sources = [s for p in all_parameters().values() for v in p.values for s in v.sources]
    sources += [s for info in list_rules() for s in info.sources]
    for source in sources:
        match = re.match(r"CGCT art\. (L\d+(?:-\d+)*)\b", source.label)
        if match is None or "LEGIARTI" not in source.url:
            continue
        expected = ARTICLE_IDS.get(match.group(1))
        assert expected is not None and expected in source.url, (source.label, source.url)
