"""The notebooks in docs/notebooks run from top to bottom in a fresh kernel, and are saved
with their outputs (the docs site shows them as saved, without running them).

Each notebook runs with matplotlib's non-interactive Agg backend, a time limit per cell,
and fails on the first error. After changing a notebook, or the simulation behind it,
save it again with its new outputs:

    .venv/bin/python -m tests.test_notebooks
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat import NotebookNode

NOTEBOOKS = sorted((Path(__file__).parent.parent / "docs" / "notebooks").glob("*.ipynb"))
CELL_TIMEOUT = 120  # seconds; each notebook takes a few seconds in all


def read(path: Path) -> NotebookNode:
    """`path`'s notebook in the current format (nbformat's functions carry no annotations)."""
    notebook: NotebookNode = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
    return notebook


def execute(path: Path) -> NotebookNode:
    """`path`'s notebook run from the top in a fresh kernel, in the notebook's folder."""
    notebook = read(path)
    NotebookClient(
        notebook,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    ).execute()
    return notebook


def test_there_are_four_notebooks() -> None:
    assert [p.name for p in NOTEBOOKS] == [
        "comparing-policies.ipynb",
        "points-inequality.ipynb",
        "quorum-turnout.ipynb",
        "staffing.ipynb",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_notebook_runs_from_top_to_bottom(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MPLBACKEND", "Agg")  # the kernel inherits it: no display needed
    notebook = execute(path)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert [cell.execution_count for cell in code] == list(range(1, len(code) + 1))
    assert not [o for cell in code for o in cell.outputs if o.output_type == "error"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_notebook_is_saved_with_its_outputs_in_order(path: Path) -> None:
    notebook = read(path)
    nbformat.validate(notebook)
    assert notebook.cells[0].cell_type == "markdown"
    assert notebook.cells[0].source.startswith("# ")
    assert "**Question.**" in notebook.cells[0].source
    assert "**Answer.**" in notebook.cells[0].source
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert [cell.execution_count for cell in code] == list(range(1, len(code) + 1))
    outputs = [o for cell in code for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert any("image/png" in o.get("data", {}) for o in outputs), "no plot saved"


if __name__ == "__main__":
    # Save every notebook (or those named) with fresh outputs, plotted inline.
    for path in NOTEBOOKS:
        if sys.argv[1:] and path.name not in sys.argv[1:]:
            continue
        nbformat.write(execute(path), path)  # type: ignore[no-untyped-call]
        print(f"saved {path}")
