"""Facet labels follow each request's language, whichever language built the label cache."""

from __future__ import annotations

import pytest
from django.utils import translation

from coopdec.catalogue.search.labels import Labels

pytestmark = pytest.mark.django_db


def test_choice_labels_exist_in_both_languages_whatever_the_building_language() -> None:
    with translation.override("en"):
        built_in_english = Labels()
    with translation.override("fr"):
        built_in_french = Labels()
    for labels in (built_in_english, built_in_french):
        relation = labels.dimensions["relation_type"]
        stored = relation.to_int["jumelage"]
        assert relation.label(stored, english=False) == "jumelage"
        assert relation.label(stored, english=True) == "twinning"
