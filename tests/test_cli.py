from __future__ import annotations

import subprocess
import sys

import pytest

import jiceng
from jiceng.__main__ import main


def test_the_main_job_prints_its_report_and_progress_on_stderr(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--scale", "0.002", "--seed", "7"]) == 0
    captured = capsys.readouterr()
    out = captured.out
    assert out.startswith(f"jiceng {jiceng.__version__} — scenario loudi-year, seed 7")
    for heading in ("按期办结率", "busiest categories", "still open", "Gini", "红榜", "分红"):
        assert heading in out
    assert "grid events: 100%" in captured.err
    assert "points: 100%" in captured.err
    assert "simulated in" in captured.err


@pytest.mark.parametrize("name", ["grids", "petitions", "points", "meeting", "mediation"])
def test_every_scenario_reports(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--scenario", name, "--scale", "0.01", "--quiet", "--values", "builtin"]) == 0
    captured = capsys.readouterr()
    assert f"scenario {name}" in captured.out
    assert captured.err == ""


def test_the_year_takes_another_value_set(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--scale", "0.002", "--quiet", "--values", "builtin"]) == 0
    assert "积分制" in capsys.readouterr().out


def test_a_scenario_without_values_ignores_the_option(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--scenario", "meeting", "--scale", "0.1", "--quiet", "--values", "builtin"]) == 0
    assert "exact" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("scale", "said"),
    [
        ("0", "--scale: must be at least 0.0001, got float 0.0"),
        ("-1", "--scale: must be at least 0.0001, got float -1.0"),
        ("nan", "--scale: must be a finite number, got nan"),
        ("inf", "--scale: must be a finite number, got inf"),
        ("1e9", "--scale: must be at most 100.0, got float 1000000000.0"),
        ("lots", "--scale expects a number, got 'lots'"),
    ],
)
def test_a_scale_out_of_range_exits_2_with_one_line(scale: str, said: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "jiceng", "--scale", scale],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert said in lines[0]
    assert lines[0].endswith("(see --help)")


def test_an_unknown_option_is_one_line_pointing_to_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--preset-that-does-not-exist"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "unrecognized arguments" in err
    assert "(see --help)" in err


def test_help_lists_scenarios_presets_seeds_and_scale(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    text = capsys.readouterr().out
    for word in ("policy simulation", "loudi-year", "mediation", "presets:", "--seed",
                 "--scale", "value sets"):  # fmt: skip
        assert word in text


def test_python_dash_m_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "jiceng", "--scenario", "meeting", "--scale", "0.05"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.startswith("jiceng ")
    assert "meetings: 100%" in result.stderr


def test_a_full_size_scenario_runs_without_scaling(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--scenario", "meeting", "--quiet"]) == 0
    assert "scale 1" in capsys.readouterr().out


def test_progress_that_never_started_ends_quietly() -> None:
    import io

    from jiceng.__main__ import _Progress

    stream = io.StringIO()
    _Progress(stream).end()
    assert stream.getvalue() == ""
