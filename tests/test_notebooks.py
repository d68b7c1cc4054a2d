"""Notebooks: each .py and .ipynb hold the same cells, it uses only the public API and
defines no model logic; the README shows one of their plots. Running them headless is a CI
step of its own (``python scripts/execute_notebooks.py --check``), not a test."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from types import ModuleType

import pytest

import munitions_model as mm

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9]*.py"))
# Modules a notebook may import besides the package: plotting and arrays for grids.
ALLOWED_IMPORTS = {"munitions_model", "numpy", "os", "pathlib"}

jupytext = pytest.importorskip("jupytext")


def test_the_notebooks_are_there() -> None:
    names = {p.stem for p in NOTEBOOKS}
    assert {"01_two_months", "02_sensitivity", "03_containers_and_time"} <= names


def _cells(path: Path) -> list[tuple[str, str]]:
    notebook = jupytext.read(path)
    return [(cell.cell_type, cell.source.strip()) for cell in notebook.cells]


@pytest.mark.parametrize("source", NOTEBOOKS, ids=lambda p: p.stem)
def test_pair_in_sync(source: Path) -> None:
    paired = source.with_suffix(".ipynb")
    assert paired.exists(), f"{paired.name} is missing: run scripts/execute_notebooks.py"
    assert _cells(paired) == _cells(source), f"run scripts/execute_notebooks.py {source.name}"


@pytest.mark.parametrize("source", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_with_outputs(source: Path) -> None:
    notebook = jupytext.read(source.with_suffix(".ipynb"))
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    counts = [cell.execution_count for cell in code]
    assert counts == list(range(1, len(code) + 1)), "execute the notebook top to bottom"
    images = [o for cell in code for o in cell.outputs if "image/png" in o.get("data", {})]
    assert images, "the committed notebook shows no figure"


@pytest.mark.parametrize("source", NOTEBOOKS, ids=lambda p: p.stem)
def test_public_api_only_and_no_model_logic(source: Path) -> None:
    tree = ast.parse(source.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        assert not isinstance(
            node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda
        ), f"{source.name} defines {type(node).__name__} at line {node.lineno}"
        if isinstance(node, ast.Import):
            for alias in node.names:
                assert alias.name.split(".")[0] in ALLOWED_IMPORTS, alias.name
                if alias.name.startswith("munitions_model"):
                    assert alias.name == "munitions_model", alias.name
        if isinstance(node, ast.ImportFrom):
            assert node.module in ALLOWED_IMPORTS - {"munitions_model"}, node.module
        if not isinstance(node, ast.Attribute):
            continue
        if isinstance(node.value, ast.Name) and node.value.id == "mm":
            public = node.attr in mm.__all__ or node.attr in mm._SUBMODULES
            assert public, f"mm.{node.attr} is neither a front-door name nor a public module"
        inner = node.value  # mm.record.pooled: public in the submodule
        if (
            isinstance(inner, ast.Attribute)
            and isinstance(inner.value, ast.Name)
            and inner.value.id == "mm"
        ):
            owner = getattr(mm, inner.attr)
            name = f"mm.{inner.attr}.{node.attr}"
            if isinstance(owner, ModuleType):
                assert node.attr in owner.__all__, f"{name} is not public"
            else:  # mm.stockflow.Cadence.from_record: a public class's own API
                assert not node.attr.startswith("_"), f"{name} is private"


def test_readme_shows_a_notebook_plot_and_links_the_notebooks() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.index("## Sensitivity and notebooks")
    assert section < readme.index("## Reported figures")
    body = readme[section : readme.index("## Reported figures")]
    images = re.findall(r"!\[[^\]]*\]\(([^)]+\.png)\)", body)
    assert images, "the section shows no image"
    for image in images:
        assert (ROOT / image).is_file(), image
    saved_by_notebooks = " ".join(p.read_text(encoding="utf-8") for p in NOTEBOOKS)
    assert any(Path(image).name in saved_by_notebooks for image in images)
    for source in NOTEBOOKS:
        assert f"notebooks/{source.stem}.ipynb" in body
