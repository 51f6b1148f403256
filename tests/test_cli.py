from __future__ import annotations

import subprocess
import sys

import pytest

import jiceng
from jiceng.__main__ import main


def test_the_main_command_prints_the_version_and_the_kernel(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    assert f"jiceng {jiceng.__version__}" in out
    assert "Machine" in out


def test_help_describes_the_main_job(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    assert "policy simulation" in capsys.readouterr().out


def test_python_dash_m_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "jiceng"], capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("jiceng ")
