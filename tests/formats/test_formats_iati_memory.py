"""Memory stays bounded while streaming a large file (not a timing test).

tracemalloc sees Python allocations (activities kept by mistake, element proxies); libxml2's
tree lives outside the Python allocator, so a second check reads the same file in a child
process and compares its peak RSS with the file size: a reader that kept the tree would need
several times the file size.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
from iati_factories import GENERATED, french_activity

from coopdec.formats import iati

ACTIVITIES = 20_000


def _generate(path: Path, template: iati.Activity) -> Path:
    activities = (
        dataclasses.replace(template, iati_identifier=f"FR-TEST-{n:06d}") for n in range(ACTIVITIES)
    )
    assert iati.write_activities(activities, path, generated_datetime=GENERATED) == ACTIVITIES
    return path


@pytest.fixture(scope="module")
def small_activities(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Lean records: tracemalloc slows every allocation ~10x, and the point is the count.
    lean = dataclasses.replace(
        french_activity(transactions=0),
        contacts=(),
        locations=(),
        budgets=(),
        document_links=(),
        tags=(),
    )
    return _generate(tmp_path_factory.mktemp("iati") / "small.xml", lean)


@pytest.fixture(scope="module")
def large_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _generate(tmp_path_factory.mktemp("iati") / "large.xml", french_activity(transactions=8))


@pytest.mark.slow
def test_streaming_keeps_python_memory_small(small_activities: Path) -> None:
    tracemalloc.start()
    try:
        count = 0
        for activity in iati.iter_activities(small_activities):
            count += activity.iati_identifier.startswith("FR-TEST-")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == ACTIVITIES
    # Keeping every activity would take well over 20 MB of Python objects.
    assert peak < 2_000_000, f"peak traced memory {peak} bytes"


_CHILD = """
import resource, sys
from coopdec.formats.iati import iter_activities
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
count = sum(1 for _ in iter_activities(sys.argv[1]))
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(count, (after - before) * 1024)
"""


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in kilobytes on Linux only")
def test_streaming_keeps_process_memory_below_the_file_size(large_file: Path) -> None:
    src = Path(__file__).resolve().parents[2] / "src"
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, str(large_file)],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(src), "PATH": ""},
    )
    count, growth = (int(value) for value in result.stdout.split())
    assert count == ACTIVITIES
    assert large_file.stat().st_size > 40_000_000
    assert growth < large_file.stat().st_size / 2, f"RSS grew by {growth} bytes"
