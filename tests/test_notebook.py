"""notebooks/tour.ipynb: committed without outputs and runs from top to bottom."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

ROOT = Path(__file__).resolve().parent.parent
TOUR = ROOT / "notebooks" / "tour.ipynb"


def test_committed_without_outputs():
    nb = nbformat.read(TOUR, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code, "the tour has code cells"
    for cell in code:
        assert cell.outputs == [], cell.source[:60]
        assert cell.execution_count is None, cell.source[:60]


def test_tour_runs_top_to_bottom(monkeypatch):
    # The kernel is a new process started in notebooks/: make it import this checkout.
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    nb = nbformat.read(TOUR, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(TOUR.parent)}},
    )
    client.execute()  # raises CellExecutionError on the first failing cell

    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    kinds = [k for o in outputs for k in o.get("data", {})]
    assert kinds.count("image/png") >= 4  # pairs heatmap, one type, map, six types
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert any(h.startswith("<iframe srcdoc=") for h in html)  # cn.show inline
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "line 2" in text and "column 'type'" in text  # the DataError shown to the user
