"""The benchmark's synthetic catalogue and query mix: deterministic, real references, searchable."""

from __future__ import annotations

import pytest

from coopdec.bench.datasette import datasette_params
from coopdec.bench.search import query_mix
from coopdec.catalogue.models import Partnership, Project
from coopdec.catalogue.search import SearchQuery, rebuild_index, search, synthetic

pytestmark = pytest.mark.django_db


def test_same_seed_same_catalogue_with_real_references() -> None:
    synthetic.load(60, seed=5, workers=1)
    first = list(Project.objects.filter(key__startswith="syn-5-").values_list("key", "title"))
    assert len(first) == 60
    project = Project.objects.filter(key__startswith="syn-5-").first()
    assert project is not None and project.countries.exists() and project.themes.exists()
    assert 5 <= len(project.title.split()) <= 16 and len(project.description.split()) > 30
    Project.objects.filter(key__startswith="syn-5-").delete()
    Partnership.objects.filter(key__startswith="syn-5-").delete()
    synthetic.load(60, seed=5, workers=1)
    again = list(Project.objects.filter(key__startswith="syn-5-").values_list("key", "title"))
    assert again == first
    rebuild_index()
    word = first[0][1].split()[-1]
    assert search(SearchQuery.from_params({"q": word + " "})).total >= 1


def test_query_mix_is_fixed_and_valid() -> None:
    mix = query_mix()
    assert mix == query_mix() and len(mix) == 200
    assert all(1 <= len(p["q"].split()) <= 3 and p["page_size"] == "20" for p in mix)
    assert any(len(p) > 4 for p in mix) and any(len(p) == 3 for p in mix)
    for params in mix[:20]:
        SearchQuery.from_params(params)  # every query is a valid search
    translated = dict(datasette_params({"q": "eau pot", "theme": "sante", "status": "ended"}))
    assert translated["_search"] == '"eau" AND "pot"*'
    assert translated["themes__arraycontains"] == "sante" and translated["status"] == "ended"
