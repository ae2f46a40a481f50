"""Offline evaluation of the country recommendations (issue 17): can they find a hidden partner?

    python benchmarks/eval_recommendations.py [--seed 17] [--data-dir DIR] [--json]

For every French authority with at least two partner countries in the catalogue, one of its
countries (drawn with ``--seed``) is hidden: every action of that authority in that country is
removed from the catalogue the recommender reads (``Catalogue.hide``: the authority's own
links, and the same records for any co-signatory, so nothing leaks). The recommender then ranks
countries from what is left, and so do two baselines, in the same run:

- **popularity**: the countries most frequent among authorities of the same kind;
- **random**: a uniformly random order of the countries where French authorities act (its
  exact expected recall, ``k / candidates``, rather than one noisy draw).

recall@k is the share of authorities whose hidden country is in the first k. Goal: recall@10
at least 1.5 x popularity's. An additional view (``hard_*``), not a replacement of the goal:
the same recalls on the cases where the hidden country is not among the ten most frequent
countries of the authority's kind, where popularity is weak. Without ``--data-dir``, a new
SQLite data directory gets ``coopdec init`` (reference data and the starter catalogue) first.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

KS = (5, 10)


def _environment(folder: Path) -> None:
    for key in [k for k in os.environ if k.startswith("COOPDEC_")]:
        del os.environ[key]
    os.environ["COOPDEC_DATA_DIR"] = str(folder)
    os.environ["COOPDEC_DEBUG"] = "0"
    os.environ["DJANGO_SETTINGS_MODULE"] = "coopdec.settings"


def evaluate(
    catalogue: Any, seed: int = 17, weights: dict[str, float] | None = None
) -> dict[str, Any]:
    """recall@5 and @10 of the recommender and both baselines on ``catalogue``."""
    from coopdec.recommendations import popularity_ranking, random_recall, recommend_countries
    from coopdec.recommendations.countries import WEIGHTS

    draw = random.Random(seed)
    catalogue.pairs()  # computed once; each held-out view adjusts it for what it hides
    hits: dict[str, Counter[int]] = {"recommender": Counter(), "popularity": Counter()}
    # An additional view, not the stated goal: the cases where the hidden country is not one
    # of the ten most frequent for the authority's kind (popularity's weak spot).
    hard: dict[str, Counter[int]] = {"recommender": Counter(), "popularity": Counter()}
    hard_cases = 0
    random_sum = dict.fromkeys(KS, 0.0)
    by_kind: Counter[str] = Counter()
    cases = 0
    for aid in sorted(catalogue.authorities):
        known = sorted(catalogue.countries_of(aid) - {"FR"})
        if len(known) < 2:
            continue
        hidden = draw.choice(known)
        keys = [a.key for a in catalogue.actions_of(aid) if hidden in a.countries]
        view = catalogue.hide(keys)
        authority = catalogue.authorities[aid]
        ranked = [
            s.country
            for s in recommend_countries(view, authority, limit=max(KS), weights=weights or WEIGHTS)
        ]
        baseline = popularity_ranking(view, authority)
        candidates = len(view.countries() - view.countries_of(aid) - {"FR"})
        cases += 1
        by_kind[authority.kind] += 1
        frequent = sorted(view.kind_counts(authority.kind).items(), key=lambda kv: (-kv[1], kv[0]))
        top_of_kind = {country for country, _n in frequent[:10]}
        is_hard = hidden not in top_of_kind
        hard_cases += is_hard
        for k in KS:
            hits["recommender"][k] += hidden in ranked[:k]
            hits["popularity"][k] += hidden in baseline[:k]
            random_sum[k] += random_recall(candidates, k)
            if is_hard:
                hard["recommender"][k] += hidden in ranked[:k]
                hard["popularity"][k] += hidden in baseline[:k]
    figures: dict[str, Any] = {"authorities": cases, "by_kind": dict(sorted(by_kind.items()))}
    for k in KS:
        for name in hits:
            figures[f"{name}_recall@{k}"] = round(hits[name][k] / max(cases, 1), 3)
        figures[f"random_recall@{k}"] = round(random_sum[k] / max(cases, 1), 3)
        popularity = figures[f"popularity_recall@{k}"]
        figures[f"ratio_to_popularity@{k}"] = (
            round(figures[f"recommender_recall@{k}"] / popularity, 2) if popularity else None
        )
    figures["hard_authorities"] = hard_cases
    for k in KS:
        for name in hard:
            figures[f"hard_{name}_recall@{k}"] = round(hard[name][k] / max(hard_cases, 1), 3)
        popularity = figures[f"hard_popularity_recall@{k}"]
        figures[f"hard_ratio_to_popularity@{k}"] = (
            round(figures[f"hard_recommender_recall@{k}"] / popularity, 2) if popularity else None
        )
    return figures


def run(seed: int) -> dict[str, Any]:
    import django

    django.setup()
    from coopdec.diagnostic import snapshot

    started = time.perf_counter()
    data = snapshot.build()
    figures = {"seed": seed, "partnerships": data.partnerships, "projects": data.projects}
    figures.update(evaluate(data.catalogue, seed))
    figures["seconds"] = round(time.perf_counter() - started, 1)
    figures["machine"] = (
        f"{platform.machine()}, {os.cpu_count()} CPU, Python {platform.python_version()}"
    )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=17, help="which country is hidden")
    parser.add_argument("--data-dir", type=Path, help="an initialised data directory to read")
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    if options.data_dir:
        _environment(options.data_dir)
        figures = run(options.seed)
    else:
        with tempfile.TemporaryDirectory(prefix="coopdec-eval-") as folder:
            _environment(Path(folder))
            import django

            django.setup()
            from coopdec.platform import initialise

            initialise()
            figures = run(options.seed)
    if options.json:
        print(json.dumps(figures, indent=2))
        return
    for key, value in figures.items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
