from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import jiceng
from jiceng.__main__ import main
from jiceng.sim import PRESET_NAMES, SCENARIOS, preset_scenario, record_fields, records, run


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
        ("lots", "argument --scale: expects a number, got 'lots'"),
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


def _run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "jiceng", *args], capture_output=True, text=True, check=False
    )


def test_json_output_holds_every_figure_under_stable_keys() -> None:
    result = _run_cli("--scenario", "grids", "--scale", "0.005", "--format", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert list(document) == ["jiceng", "scenario", "seed", "scale", "result"]
    assert (document["scenario"], document["seed"], document["scale"]) == ("grids", 2026, 0.005)
    figures = document["result"]
    for key in ("reported", "closure_rate", "on_time_closure_rate", "departments", "by_category"):
        assert key in figures
    assert set(figures["closure_rate"]) == {"numerator", "denominator"}
    assert "records" not in figures
    assert "scenario" not in figures


def test_the_year_nests_its_two_parts_in_json() -> None:
    result = _run_cli("--scale", "0.002", "--format", "json", "--quiet")
    figures = json.loads(result.stdout)["result"]
    assert {"grids", "points"} <= set(figures)
    assert "pool" in figures["points"]


def test_csv_output_is_one_row_per_entity_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    result = _run_cli(
        "--scenario", "mediation", "--scale", "0.05", "--format", "csv", "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    with out.open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert rows
    assert set(rows[0]) >= {"id", "kind", "resolved"}


@pytest.mark.parametrize("name", ["loudi-year", "grids", "petitions", "points", "mediation"])
def test_csv_rows_stream_as_the_run_goes_and_are_those_of_the_result(
    name: str, tmp_path: Path
) -> None:
    out = tmp_path / "rows.csv"
    args = ["--scenario", name, "--scale", "0.003", "--seed", "4", "--quiet"]
    assert main([*args, "--format", "csv", "--out", str(out)]) == 0
    scenario = SCENARIOS[name].scaled(0.003)
    with out.open(encoding="utf-8", newline="") as stream:
        lines = list(csv.reader(stream))
    assert tuple(lines[0]) == record_fields(scenario)  # the header first, in field order
    kept = io.StringIO()
    writer = csv.DictWriter(kept, fieldnames=record_fields(scenario), lineterminator="\n")
    writer.writerows(records(run(scenario, 4)))
    assert sorted(lines[1:]) == sorted(csv.reader(io.StringIO(kept.getvalue())))


def test_an_unwritable_out_path_exits_2_with_one_line(tmp_path: Path) -> None:
    result = _run_cli("--scenario", "meeting", "--out", str(tmp_path / "no" / "such" / "dir.json"))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "--out: cannot write" in result.stderr


def test_progress_to_a_pipe_is_a_plain_line_every_tenth_without_carriage_returns() -> None:
    result = _run_cli("--scenario", "grids", "--scale", "0.005")
    assert result.returncode == 0
    assert "\r" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("grid events:")]
    assert lines == [f"grid events: {n}%" for n in range(0, 101, 10)]


def test_progress_on_a_terminal_is_a_live_bar_with_an_eta() -> None:
    from jiceng.__main__ import _Progress

    stream = io.StringIO()
    progress = _Progress(stream, live=True)
    for step in range(5):
        progress("grid events", step / 4)
    progress("points", 0.5)
    progress.end()
    text = stream.getvalue()
    assert text.count("\r") == 6
    assert "grid events: [###############...............]  50% ETA 0:00:" in text
    assert text.endswith("\n")
    assert "\rpoints: [" in text


@pytest.mark.parametrize(("fmt", "first"), [("json", "{"), ("csv", "id,")])
def test_main_writes_json_and_csv_to_a_file(fmt: str, first: str, tmp_path: Path) -> None:
    out = tmp_path / f"meeting.{fmt}"
    assert main(["--scenario", "meeting", "--format", fmt, "--out", str(out), "--quiet"]) == 0
    assert out.read_text(encoding="utf-8").startswith(first)


@pytest.mark.parametrize("scale", ["nan", "0", "lots"])
def test_main_refuses_a_bad_scale_with_status_2(
    scale: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--scale", scale])
    assert info.value.code == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_main_refuses_an_unwritable_out_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--scenario", "meeting", "--out", str(tmp_path / "missing" / "x.json")])
    assert info.value.code == 2
    assert "--out: cannot write" in capsys.readouterr().err


def test_json_and_csv_name_the_extra_they_need(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delitem(sys.modules, "jiceng.serde")
    monkeypatch.setitem(sys.modules, "cattrs", None)  # as if the extra were not installed
    with pytest.raises(SystemExit) as info:
        main(["--scenario", "meeting", "--format", "json"])
    assert info.value.code == 2
    assert "pip install 'jiceng[serde]'" in capsys.readouterr().err


@pytest.mark.parametrize("name", PRESET_NAMES)
def test_every_preset_with_a_workflow_runs_on_its_own_rules(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--preset", name, "--scale", "0.005", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert f"scenario {preset_scenario(name).name}," in out


def test_a_preset_and_a_scenario_are_one_choice() -> None:
    result = _run_cli("--preset", "julu", "--scenario", "grids")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "not allowed with argument --preset" in result.stderr
    unknown = _run_cli("--preset", "atlantis")
    assert unknown.returncode == 2
    assert "invalid choice: 'atlantis'" in unknown.stderr


def test_a_preset_runs_as_json_under_its_scenario_name() -> None:
    result = _run_cli("--preset", "fangzheng", "--scale", "0.05", "--format", "json", "--quiet")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["scenario"] == "fangzheng-points"
