"""``COOPDEC_IMPORT_SHARE``: an import and its index rebuild pause between units of work so
that they compute at most that share of the time (``catalogue/pacing.py``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from coopdec.catalogue.imports.iati import importer
from coopdec.catalogue.pacing import Pace
from coopdec.config.env import ConfigurationError
from coopdec.config.limits import import_share
from coopdec.formats import iati
from tests.formats.iati_factories import GENERATED, french_activity


class Clock:
    """A clock the test moves; ``sleep`` moves it too."""

    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_a_half_share_pauses_as_long_as_it_worked() -> None:
    clock = Clock()
    pace = Pace(0.5, clock=clock, sleep=clock.sleep)
    clock.now += 2.0  # a batch
    pace.step()
    clock.now += 0.5
    pace.step()
    assert clock.slept == [2.0, 0.5]
    assert pace.paused == 2.5


def test_a_quarter_share_pauses_three_times_the_work() -> None:
    clock = Clock()
    pace = Pace(0.25, clock=clock, sleep=clock.sleep)
    clock.now += 1.0
    pace.step()
    assert clock.slept == [3.0]


def test_the_full_share_never_pauses() -> None:
    clock = Clock()
    pace = Pace(1, clock=clock, sleep=clock.sleep)
    clock.now += 5.0
    pace.step()
    assert clock.slept == [] and pace.paused == 0


@pytest.mark.parametrize("share", [0, -0.5, 1.5])
def test_a_share_outside_zero_one_is_refused(share: float) -> None:
    with pytest.raises(ValueError, match="share"):
        Pace(share)


def test_the_setting_reads_a_share_and_names_itself_when_wrong() -> None:
    assert import_share({}) == 1.0
    assert import_share({"COOPDEC_IMPORT_SHARE": "0,5"}) == 0.5
    for wrong in ("0", "2", "moitié", "0.01"):
        with pytest.raises(ConfigurationError, match="COOPDEC_IMPORT_SHARE"):
            import_share({"COOPDEC_IMPORT_SHARE": wrong})


@pytest.mark.django_db
def test_an_import_pauses_after_each_batch(
    tmp_path: Path, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "lot.xml"
    iati.write_activities(
        (french_activity(n, transactions=1) for n in range(1, 251)), path,
        generated_datetime=GENERATED,
    )  # fmt: skip
    steps: list[float] = []
    real_step = Pace.step

    def counted(self: Pace) -> None:
        real_step(self)
        steps.append(self.share)

    monkeypatch.setattr(Pace, "step", counted)
    monkeypatch.setattr(importer, "BATCH", 100)
    settings.COOPDEC_IMPORT_SHARE = 0.9
    summary = importer.import_iati(path, use_child=False)
    assert summary.created == 250
    assert steps[:2] == [0.9, 0.9]  # two full batches of 100 (the last 50 are written at the end)
