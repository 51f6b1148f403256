"""jiceng without its optional extras: the presets load and the main job runs.

The extras (`cn`, `serde`, `pandas`, `testing`, `dask`) are blocked in a child process, as
in an environment where `pip install jiceng` installed the runtime dependencies only.
"""

from __future__ import annotations

import subprocess
import sys

BLOCK_EXTRAS = """
import importlib.abc
import sys

EXTRAS = {"holidays", "cattrs", "pandas", "hypothesis", "dask", "distributed"}

class Blocked(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in EXTRAS:
            raise ImportError(f"No module named {name!r}")
        return None

sys.meta_path.insert(0, Blocked())
"""

MAIN_JOB = """
import runpy

from jiceng.plugins import default_registry

print(sorted(p.name for p in default_registry().plugins))
sys.argv = ["jiceng", "--scale", "0.002"]
runpy.run_module("jiceng", run_name="__main__")
"""


def test_the_presets_load_and_the_main_job_runs_without_any_extra() -> None:
    done = subprocess.run(
        [sys.executable, "-c", BLOCK_EXTRAS + MAIN_JOB],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "'loudi'" in done.stdout
    assert "网格事件 Grid events" in done.stdout
    assert "积分制 Points" in done.stdout
