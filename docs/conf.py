"""Sphinx configuration: the site is built from the code, the README and the notebooks.

Build (what CI runs; no network needed)::

    sphinx-build -W --keep-going -b html docs docs/_build/html

The pages under ``api/``, ``guide/`` and ``gallery/`` are written at build time by
``_ext/munitions_docs.py`` (and ignored by git): the API reference from each public
module's ``__all__``, the user guide from the README's sections, the gallery from the
executed notebooks. Every public docstring is validated with numpydoc as it is rendered
(``scripts/check_docstrings.py`` holds the rules and runs them without a build).
"""

from __future__ import annotations

import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path[:0] = [str(DOCS / "_ext"), str(DOCS.parent / "scripts"), str(DOCS.parent)]

import munitions_model  # noqa: E402

project = "munitions_model"
author = "munitions_model developers"
copyright = "munitions_model developers"
release = munitions_model.__version__
version = release

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "numpydoc",
    "myst_nb",
    "munitions_docs",
]

exclude_patterns = ["_build", "_generated", "**/.ipynb_checkpoints", "Thumbs.db", ".DS_Store"]
source_suffix = {".md": "myst-nb", ".ipynb": "myst-nb", ".rst": "restructuredtext"}
root_doc = "index"

# No fetches at build time: no intersphinx (numpy, scipy and pydantic types are plain text),
# notebooks rendered from their stored outputs, never executed.
nb_execution_mode = "off"
myst_enable_extensions = ["dollarmath"]
myst_heading_anchors = 3

# Signatures without annotations: each parameter's type and unit is in the docstring
# (Parameters), and the aliases (Quantity, SeedLike) read better there than expanded.
autodoc_typehints = "none"
autodoc_member_order = "bysource"
autoclass_content = "class"
autosummary_generate = False

# numpydoc renders; munitions_docs validates with numpydoc's validator and the rules of
# scripts/check_docstrings.py (one set for functions and classes, one for members, one for
# constants), which numpydoc's own numpydoc_validation_checks cannot express per kind and
# which also covers hypothesis strategies, whose source numpydoc cannot read.
numpydoc_validation_checks: set[str] = set()
numpydoc_show_class_members = False
numpydoc_xref_param_type = False
numpydoc_use_plots = False

# Every role that names a target must find it (See Also included); outside references
# are text, since nothing is fetched.
nitpicky = True
nitpick_ignore_regex = [
    (r"py:.*", r"(numpy|np|scipy|pydantic|hypothesis|matplotlib|datetime|typing|collections)\..*"),
]

html_theme = "furo"
html_title = f"munitions_model {release}"
html_static_path: list[str] = []
html_show_sourcelink = False
