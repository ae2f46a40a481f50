"""The forked document builders of a full rebuild write the index one process writes.

``rebuild_index`` hands chunks of records to ``COOPDEC_INDEX_WORKERS`` forked processes
above ``PARALLEL_FROM`` records (an import of thousands of activities); below, or with the
setting at 0, it builds them itself. Both paths must give the same documents and vocabulary.
The parallel path needs a database other connections can read, so this runs in a
subprocess on an initialised SQLite data directory (the starter catalogue, ~4,000 records),
with ``PARALLEL_FROM`` lowered to reach the pool.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from coopdec.config.env import ConfigurationError
from coopdec.config.limits import index_workers

REPO = Path(__file__).resolve().parents[3]

REBUILD = textwrap.dedent(
    """
    import json, sys
    from coopdec.bootstrap import setup_django
    setup_django()
    from django.conf import settings
    from django.db import connection
    from coopdec.catalogue.search import indexer
    indexer.PARALLEL_FROM = 0
    forks = []
    get_context = indexer.multiprocessing.get_context
    def counted(method):
        forks.append(method)
        return get_context(method)
    indexer.multiprocessing.get_context = counted
    total = indexer.rebuild_index()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT kind, object_id, title, summary, sort_title, title_terms, body_terms,"
            " start_year, end_year, \\"values\\", payload FROM search_document"
            " WHERE NOT deleted ORDER BY kind, object_id"
        )
        documents = [list(row) for row in cursor.fetchall()]
        cursor.execute("SELECT word, term, df FROM search_word ORDER BY word")
        words = [list(row) for row in cursor.fetchall()]
    print(json.dumps({"workers": settings.COOPDEC_INDEX_WORKERS, "forked": len(forks),
                      "total": total, "documents": documents, "words": words},
                     default=lambda raw: bytes(raw).hex()))
    """
)


def _rebuilt(env: dict[str, str], workers: str) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", REBUILD],
        env={**env, "COOPDEC_INDEX_WORKERS": workers},
        capture_output=True,
        text=True,
        timeout=600,  # not a measure: a hung pool fails the test instead of the run
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out: dict[str, object] = json.loads(result.stdout)
    return out


@pytest.mark.slow
def test_forked_builders_write_the_index_one_process_writes(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COOPDEC_", "DJANGO_"))}
    env |= {"COOPDEC_DATA_DIR": str(tmp_path), "PYTHONPATH": str(REPO / "src")}
    initialised = subprocess.run(
        [sys.executable, "-m", "coopdec", "init"], env=env, capture_output=True, text=True,
        timeout=600, check=False,
    )  # fmt: skip
    assert initialised.returncode == 0, initialised.stderr

    alone = _rebuilt(env, "0")
    forked = _rebuilt(env, "2")

    assert (alone["workers"], alone["forked"]) == (0, 0)
    assert (forked["workers"], forked["forked"]) == (2, 1)
    assert alone["total"] == forked["total"]
    assert isinstance(alone["total"], int) and alone["total"] > 1000
    assert forked["documents"] == alone["documents"]
    assert forked["words"] == alone["words"]


def test_index_workers_default_leaves_the_server_a_core() -> None:
    assert index_workers({}, cpus=2) == 1
    assert index_workers({}, cpus=8) == 7
    assert index_workers({}, cpus=1) == 1
    assert index_workers({"COOPDEC_INDEX_WORKERS": "0"}, cpus=8) == 0
    assert index_workers({"COOPDEC_INDEX_WORKERS": " 3 "}, cpus=2) == 3


@pytest.mark.parametrize("value", ["-1", "deux", "1.5"])
def test_a_wrong_index_workers_value_is_one_french_line(value: str) -> None:
    with pytest.raises(ConfigurationError, match="COOPDEC_INDEX_WORKERS"):
        index_workers({"COOPDEC_INDEX_WORKERS": value})
