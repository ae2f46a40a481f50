"""Leaving the machine to the servers while a long job runs beside them.

An import of 100,000 IATI activities and the index rebuild after it take one to two cores
for minutes; on a small server the web processes then wait for a core, and the search p99
doubled during an import (docs/benchmarks.md, issue 19). Operating-system priorities
(``nice``) are the first answer where they work; ``COOPDEC_IMPORT_SHARE`` is the portable
one: after each unit of work (a batch of activities, a chunk of index documents) the job
pauses so that it works at most that share of the elapsed time, as PostgreSQL's
``vacuum_cost_delay`` paces a vacuum. The job then takes longer by about ``1 / share``.
Pure module (no Django).
"""

from __future__ import annotations

import time
from collections.abc import Callable


class Pace:
    """Call ``step()`` after each unit of work: it sleeps ``worked × (1 / share − 1)``, where
    ``worked`` is the time since the previous step ended. ``share`` 1 never sleeps."""

    def __init__(
        self,
        share: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if not 0 < share <= 1:
            raise ValueError(f"share must be in (0, 1], not {share}")
        self.share = share
        self.clock, self.sleep = clock, sleep
        self.resumed = clock()
        self.paused = 0.0  # seconds slept in all, for the job's report

    def step(self) -> None:
        if self.share < 1:
            pause = (self.clock() - self.resumed) * (1 / self.share - 1)
            if pause > 0:
                self.sleep(pause)
                self.paused += pause
        self.resumed = self.clock()
