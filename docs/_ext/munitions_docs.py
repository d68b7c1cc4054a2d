"""Sphinx extension: write the generated pages and validate every public docstring.

At ``builder-inited`` it writes (only what changed, so incremental builds stay quick):

- ``api/<module>.rst`` for every public module and ``api/index.rst`` (the front door), from
  :func:`check_docstrings.entries`;
- ``guide/<section>.md``, one page per ``##`` section of the README (the README is the one
  source; links are rewritten to the site's pages);
- ``gallery/``: each executed notebook of ``notebooks/`` with its jupytext source, a
  thumbnail (its first figure) and an index page.

As autodoc renders a docstring it validates it (:func:`check_docstrings.problems`) and warns
on each failure; at the end it warns about any public object that was never rendered.
The modules of the allow-list (``NOT_YET_VALIDATED``) are rendered but not validated, and
the build says so.
"""

from __future__ import annotations

import base64
import json
import logging as logging_module
import re
from pathlib import Path
from typing import Any

import check_docstrings as rules
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.logging import WarningStreamHandler, get_node_location

logger = logging.getLogger(__name__)

DOCS = Path(__file__).resolve().parents[1]
ROOT = DOCS.parent
PACKAGE = rules.PACKAGE


def _write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` unless it already holds it (keeps builds incremental)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def _heading(title: str, underline: str = "=") -> str:
    return f"{title}\n{underline * len(title)}\n"


# --------------------------------------------------------------------------- API pages

_KIND_TITLES = {"function": "Functions", "class": "Classes", "data": "Constants and types"}
_DIRECTIVES = {"function": "autofunction", "class": "autoclass", "data": "autodata"}
_SHORT_VALUE = 60  # longer values (a model instance, a table) are not printed


def _module_page(module: str) -> str:
    full = f"{PACKAGE}.{module}"
    entries = rules.entries(module)
    top = [e for e in entries if e.kind in _KIND_TITLES]
    lines = [
        f".. This page is written by docs/_ext/munitions_docs.py from {full}.__all__.\n",
        _heading(f"``{full}``"),
        f".. automodule:: {full}\n   :no-members:\n",
        f".. currentmodule:: {full}\n",
    ]
    if top:
        lines.append(".. autosummary::\n   :nosignatures:\n")
        lines += [f"   {e.name.rsplit('.', 1)[1]}" for e in top]
        lines.append("")
    moved = rules.reexports(module)
    if moved:
        links = ", ".join(f":py:obj:`~{path}`" for _, path in moved)
        lines.append(f"Also importable from here, documented where they are defined: {links}.\n")
    for kind, title in _KIND_TITLES.items():
        chosen = [e for e in top if e.kind == kind]
        if not chosen:
            continue
        lines.append(_heading(title, "-"))
        for entry in chosen:
            name = entry.name.rsplit(".", 1)[1]
            lines.append(f".. {_DIRECTIVES[kind]}:: {name}")
            members = [
                e.name.rsplit(".", 1)[1]
                for e in entries
                if e.kind in ("method", "property") and e.name.startswith(f"{entry.name}.")
            ]
            if members:
                lines.append(f"   :members: {', '.join(members)}")
            if kind == "data" and len(repr(entry.obj)) > _SHORT_VALUE:
                lines.append("   :no-value:")
            lines.append("")
    return "\n".join(lines)


def _api_index() -> str:
    package = __import__(PACKAGE)
    front = [n for n in package.__all__ if not n.startswith("__")]
    lines = [
        ".. This page is written by docs/_ext/munitions_docs.py.\n",
        _heading("API reference"),
        f"``import {PACKAGE} as mm`` gives the names a user needs first; the rest is one",
        "module down (``mm.sensitivity.sobol``). Each name is documented in the module that",
        "defines it.\n",
        _heading("The front door", "-"),
        ".. autosummary::\n   :nosignatures:\n",
    ]
    lines += [
        f"   ~{rules.documented_name(getattr(package, n)) or f'{PACKAGE}.{n}'}"
        for n in sorted(front, key=str.lower)
    ]
    lines += ["", _heading("Modules", "-"), ".. toctree::\n   :maxdepth: 1\n"]
    lines += [f"   {m}" for m in rules.public_modules()]
    here = rules.front_door_entries()
    if here:
        lines += ["", _heading("Defined behind the front door", "-")]
        lines.append("Front-door names that no public module holds.\n")
        lines.append(f".. currentmodule:: {PACKAGE}\n")
        lines += [f".. {_DIRECTIVES[e.kind]}:: {e.name.rsplit('.', 1)[1]}\n" for e in here]
    return "\n".join(lines) + "\n"


def write_api_pages() -> None:
    """Write ``api/index.rst`` and one page per public module; remove stale pages."""
    api = DOCS / "api"
    modules = rules.public_modules()
    for module in modules:
        _write(api / f"{module}.rst", _module_page(module))
    _write(api / "index.rst", _api_index())
    for stale in api.glob("*.rst"):
        if stale.stem not in {*modules, "index"}:
            stale.unlink()


# --------------------------------------------------------------------------- user guide

_FENCE = re.compile(r"^(```|~~~)")
_LINK = re.compile(r"(!?)\[([^\]]*)\]\(([^)\s]+)\)")


def _sections(readme: str) -> tuple[str, list[tuple[str, str]]]:
    """Split the README into its introduction and its ``##`` sections (outside code)."""
    intro: list[str] = []
    sections: list[tuple[str, list[str]]] = []
    fenced = False
    for line in readme.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
        if not fenced and line.startswith("## "):
            sections.append((line[3:].strip(), []))
        elif sections:
            sections[-1][1].append(line)
        elif not line.startswith("# "):
            intro.append(line)
    return "\n".join(intro).strip(), [(t, "\n".join(b).strip()) for t, b in sections]


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def _relink(text: str, depth: int, anchors: dict[str, str], page: str | None = None) -> str:
    """Point the README's repository-relative links at the site's pages and files, and its
    ``#anchor`` links at the guide page that holds the heading."""
    up = "../" * depth

    def target(path: str) -> str:
        if path.startswith("#") and anchors.get(path[1:], page) != page:
            where = anchors[path[1:]]
            return f"{where}.md{path}" if depth else f"guide/{where}.md{path}"
        if re.match(r"^[a-z]+:|^#", path):
            return path
        if path.startswith("docs/"):
            return up + path.removeprefix("docs/")
        if path.startswith("notebooks/"):
            return up + "gallery/" + path.removeprefix("notebooks/")
        return path  # anything else fails the build (a link the site cannot serve)

    return _LINK.sub(lambda m: f"{m[1]}[{m[2]}]({target(m[3])})", text)


def _promote(body: str) -> str:
    """Raise every heading of a section by one level (its ``##`` title is the page's ``#``),
    outside code blocks."""
    out, fenced = [], False
    for line in body.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
        if not fenced and re.match(r"^#{3,6} ", line):
            line = line[1:]
        out.append(line)
    return "\n".join(out)


def _anchors(sections: list[tuple[str, str]]) -> dict[str, str]:
    """Each heading's anchor (GitHub's slug, as MyST makes it) -> the guide page it is on."""
    where = {}
    for title, body in sections:
        page = _slug(title)
        for heading in [title, *re.findall(r"^#{3,6} (.+)$", body, flags=re.M)]:
            anchor = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
            where[anchor] = page
    return where


def write_guide_pages() -> None:
    """Write the user guide (one page per README section) and the README's introduction."""
    intro, sections = _sections((ROOT / "README.md").read_text(encoding="utf-8"))
    anchors = _anchors(sections)
    note = "<!-- Written by docs/_ext/munitions_docs.py from README.md: edit the README. -->"
    intro_text = _relink(intro, 0, anchors)
    _write(DOCS / "_generated" / "readme_intro.md", f"{note}\n\n{intro_text}\n")
    guide = DOCS / "guide"
    names = []
    for title, body in sections:
        name = _slug(title)
        names.append(name)
        text = _relink(_promote(body), 1, anchors, name)
        _write(guide / f"{name}.md", f"{note}\n\n# {title}\n\n{text}\n")
    toctree = "\n".join(names)
    index = (
        f"{note}\n\n# User guide\n\nThe README's sections, one a page.\n\n"
        f"```{{toctree}}\n:maxdepth: 1\n\n{toctree}\n```\n"
    )
    _write(guide / "index.md", index)
    for stale in guide.glob("*.md"):
        if stale.stem not in {*names, "index"}:
            stale.unlink()


# --------------------------------------------------------------------------- gallery


def _notebook_summary(notebook: dict[str, Any]) -> tuple[str, str]:
    """The title and first paragraph of a notebook's first markdown cell."""
    first = next(c for c in notebook["cells"] if c["cell_type"] == "markdown")
    text = "".join(first["source"]).strip()
    title, _, rest = text.partition("\n")
    return title.lstrip("# ").strip(), rest.strip().split("\n\n")[0].replace("\n", " ")


def _first_figure(notebook: dict[str, Any]) -> bytes | None:
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            png = output.get("data", {}).get("image/png")
            if png:
                return base64.b64decode("".join(png) if isinstance(png, list) else png)
    return None


def write_gallery() -> None:
    """Copy each executed notebook and its source into ``gallery/``, with an index page."""
    gallery = DOCS / "gallery"
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    lines = [
        "<!-- Written by docs/_ext/munitions_docs.py from notebooks/. -->\n",
        "# Notebook gallery\n",
        "Each notebook is a jupytext script in `notebooks/` paired with its executed",
        "`.ipynb`; the pages below show the stored outputs (CI runs every notebook with",
        "`python scripts/execute_notebooks.py --check`).\n",
    ]
    for path in notebooks:
        notebook = json.loads(path.read_text(encoding="utf-8"))
        _write(gallery / path.name, path.read_text(encoding="utf-8"))
        source = path.with_suffix(".py")
        if source.is_file():
            _write(gallery / source.name, source.read_text(encoding="utf-8"))
        title, summary = _notebook_summary(notebook)
        lines.append(f"## [{title}]({path.name})\n")
        figure = _first_figure(notebook)
        if figure is not None:
            thumb = gallery / "thumbs" / f"{path.stem}.png"
            thumb.parent.mkdir(parents=True, exist_ok=True)
            if not thumb.is_file() or thumb.read_bytes() != figure:
                thumb.write_bytes(figure)
            lines.append(f"[![{title}](thumbs/{path.stem}.png)]({path.name})\n")
        lines.append(f"{summary}\n")
        if source.is_file():
            lines.append(f"Source: [{source.name}]({source.name})\n")
    lines += ["```{toctree}", ":hidden:", "", *(p.name for p in notebooks), "```", ""]
    _write(gallery / "index.md", "\n".join(lines))
    keep = {p.name for p in notebooks} | {p.with_suffix(".py").name for p in notebooks}
    for stale in gallery.glob("*.*"):
        if stale.name not in keep | {"index.md"}:
            stale.unlink()
    if (gallery / "thumbs").is_dir():
        for stale in (gallery / "thumbs").glob("*.png"):
            if stale.stem not in {p.stem for p in notebooks}:
                stale.unlink()


# --------------------------------------------------------------------------- validation


def _generate(app: Sphinx) -> None:
    write_api_pages()
    write_guide_pages()
    write_gallery()
    waiting = ", ".join(rules.NOT_YET_VALIDATED) or "none"
    logger.info(
        "numpydoc validation: modules not yet validated (allow-list in "
        "scripts/check_docstrings.py): %s",
        waiting,
        color="yellow",
    )


def _validate(app: Sphinx, what: str, name: str, obj: Any, options: Any, lines: list[str]) -> None:
    entry = rules.all_entries().get(name)
    if entry is None:
        return
    env = app.env
    rendered: set[str] = env.munitions_rendered.setdefault(env.docname, set())  # type: ignore[attr-defined]
    if name in rendered:
        return  # autosummary reads a docstring before autodoc renders it: warn once
    rendered.add(name)
    if not entry.validated:
        return
    errors = rules.problems(entry)
    if errors:
        detail = "\n".join(f"  {code}: {message}" for code, message in errors)
        logger.warning(
            "[numpydoc] %s fails validation:\n%s",
            name,
            detail,
            location=(env.docname, None),
            type="numpydoc",
            subtype="validation",
        )


def _init_env(app: Sphinx) -> None:
    if not hasattr(app.env, "munitions_rendered"):
        app.env.munitions_rendered = {}  # type: ignore[attr-defined]


def _purge(app: Sphinx, env: Any, docname: str) -> None:
    env.munitions_rendered.pop(docname, None)


def _merge(app: Sphinx, env: Any, docnames: Any, other: Any) -> None:
    for docname in docnames:
        if docname in other.munitions_rendered:
            env.munitions_rendered[docname] = other.munitions_rendered[docname]


def _front_door(app: Sphinx, env: Any, node: Any, contnode: Any) -> Any:
    """Resolve ``munitions_model.<name>`` (a front-door name) to where it is documented."""
    target = node.get("reftarget", "")
    if node.get("refdomain") != "py" or not target.startswith(f"{PACKAGE}."):
        return None
    package = __import__(PACKAGE)
    name = target.removeprefix(f"{PACKAGE}.")
    documented = rules.documented_name(getattr(package, name)) if name in package.__all__ else None
    if documented is None or documented == target:
        return None
    node["reftarget"] = documented
    domain = env.get_domain("py")
    return domain.resolve_xref(
        env, node["refdoc"], app.builder, node["reftype"], node["reftarget"], node, contnode
    )


class _AllowListFilter(logging_module.Filter):
    """Hold back warnings about a module of the allow-list; they are printed at the end."""

    PLACE = re.compile(rf"(?:api/|docstring of {PACKAGE}\.|{PACKAGE}/)(\w+)(?:\.rst|\.py|\b)")

    def __init__(self) -> None:
        super().__init__()
        self.held: list[str] = []

    def filter(self, record: logging_module.LogRecord) -> bool:
        location = getattr(record, "location", None)
        if hasattr(location, "source") or hasattr(location, "line"):
            place = get_node_location(location) or ""
        elif isinstance(location, tuple):
            place = str(location[0])
        else:
            place = str(location or "")
        found = self.PLACE.search(place)
        if found and found[1] in rules.NOT_YET_VALIDATED:
            message = record.msg % record.args if record.args else str(record.msg)
            self.held.append(f"{place}: {message}")
            return False
        return True


_HELD = _AllowListFilter()


def _hold_allow_listed(app: Sphinx, config: Any) -> None:
    for handler in logging_module.getLogger("sphinx").handlers:
        if isinstance(handler, WarningStreamHandler) and _HELD not in handler.filters:
            handler.filters.insert(0, _HELD)  # before -W turns it into an error


def _report_held(app: Sphinx, exception: Exception | None) -> None:
    if _HELD.held:
        logger.info(
            "%d warnings held back in modules not yet validated (allow-list):\n  %s",
            len(_HELD.held),
            "\n  ".join(_HELD.held),
            color="yellow",
        )


def _check_coverage(app: Sphinx, env: Any) -> None:
    """Warn about a public object that no page rendered (so it was never validated)."""
    seen = set().union(*env.munitions_rendered.values()) if env.munitions_rendered else set()
    missing = sorted(set(rules.all_entries()) - seen)
    for name in missing:
        logger.warning("public object never rendered, so never validated: %s", name)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the page writers and the validation hooks."""
    app.connect("builder-inited", _init_env)
    app.connect("builder-inited", _generate)
    app.connect("autodoc-process-docstring", _validate, priority=400)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-check-consistency", _check_coverage)
    app.connect("missing-reference", _front_door)
    app.connect("config-inited", _hold_allow_listed)
    app.connect("build-finished", _report_held)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
