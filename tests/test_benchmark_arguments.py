"""The catalogue page benchmark refuses counts that leave nothing to measure."""

import pytest
from benchmarks import bench_catalogue_page


@pytest.mark.parametrize("flag", ["--rounds", "--queries"])
@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0", "must be 1 or more, not 0"),
        ("-2", "must be 1 or more, not -2"),
        ("trois", "invalid positive_count value: 'trois'"),
    ],
)
def test_a_count_below_one_or_not_a_number_is_refused_before_any_work(
    flag: str,
    value: str,
    message: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr("sys.argv", ["bench_catalogue_page.py", flag, value])
    with pytest.raises(SystemExit) as exit_info:
        bench_catalogue_page.main()
    assert exit_info.value.code == 2
    assert f"argument {flag}: {message}" in capsys.readouterr().err
