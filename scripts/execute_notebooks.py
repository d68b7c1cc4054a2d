"""Write each notebook's paired ``.ipynb`` from its jupytext ``.py`` source, executed.

Usage (from the repository root, with the ``dev`` extra installed)::

    python scripts/execute_notebooks.py              # every notebooks/*.py
    python scripts/execute_notebooks.py notebooks/02_sensitivity.py
    python scripts/execute_notebooks.py --check      # run each headless; write nothing

``--check`` is the notebooks' CI step (``.ci/run``): each ``.py`` runs top to bottom as a
script, headless (``MPLBACKEND=Agg``) and with warnings as errors, saving its figures to a
temporary folder instead of ``docs/``; it fails if a notebook fails or writes anything to
stderr. (The test suite checks that each pair holds the same cells and uses only the
public API; running them is this step's job, so that ``pytest`` stays fast.)

The ``.py`` file is the source: edit it, then run this to refresh the ``.ipynb`` with its
outputs (figures included) so that it reads well on a code host. Cells run in the
``notebooks/`` directory with the ``python3`` kernel; per-cell execution timestamps are
dropped and cell ids are numbered, so that a re-run changes the file only where an output
changed. The test suite
checks that both files of each pair hold the same cells.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import jupytext
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]


def execute(source: Path) -> Path:
    """Execute ``source`` (a percent-format script) and write the paired notebook."""
    notebook = jupytext.read(source)
    NotebookClient(
        notebook,
        kernel_name="python3",
        timeout=600,
        resources={"metadata": {"path": str(source.parent)}},
    ).execute()
    for i, cell in enumerate(notebook.cells):
        cell.metadata.pop("execution", None)
        cell.id = f"cell-{i:02d}"  # stable ids: a re-run changes only what changed
    target = source.with_suffix(".ipynb")
    jupytext.write(notebook, target)
    return target


def run_headless(source: Path) -> str | None:
    """Run ``source`` as a script, headless, warnings as errors; what went wrong, if
    anything. Figures go to a temporary folder (``MUNITIONS_MODEL_DOCS``)."""
    with tempfile.TemporaryDirectory() as docs:
        env = {
            **os.environ,
            "MPLBACKEND": "Agg",
            "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
            "MUNITIONS_MODEL_DOCS": docs,
        }
        run = subprocess.run(
            [sys.executable, "-W", "error", str(source)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if run.returncode != 0 or run.stderr:
            return f"exit {run.returncode}:\n{run.stderr[-3000:]}"
        if source.stem == "02_sensitivity" and not (Path(docs) / "duration_heatmap.png").is_file():
            return "did not save duration_heatmap.png"
    return None


def main(paths: list[str]) -> int:
    checking = "--check" in paths
    paths = [p for p in paths if p != "--check"]
    sources = [Path(p) for p in paths] or sorted((ROOT / "notebooks").glob("[0-9]*.py"))
    failed = 0
    for source in sources:
        if checking:
            problem = run_headless(source.resolve())
            print(f"{source}: {'ok' if problem is None else problem}")
            failed += problem is not None
        else:
            print(f"{source} -> {execute(source.resolve())}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
