"""Write each notebook's paired ``.ipynb`` from its jupytext ``.py`` source, executed.

Usage (from the repository root, with the ``dev`` extra installed)::

    python scripts/execute_notebooks.py              # every notebooks/*.py
    python scripts/execute_notebooks.py notebooks/02_sensitivity.py

The ``.py`` file is the source: edit it, then run this to refresh the ``.ipynb`` with its
outputs (figures included) so that it reads well on a code host. Cells run in the
``notebooks/`` directory with the ``python3`` kernel; per-cell execution timestamps are
dropped and cell ids are numbered, so that a re-run changes the file only where an output
changed. The test suite
checks that both files of each pair hold the same cells.
"""

from __future__ import annotations

import sys
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


def main(paths: list[str]) -> None:
    sources = [Path(p) for p in paths] or sorted((ROOT / "notebooks").glob("[0-9]*.py"))
    for source in sources:
        print(f"{source} -> {execute(source.resolve())}")


if __name__ == "__main__":
    main(sys.argv[1:])
