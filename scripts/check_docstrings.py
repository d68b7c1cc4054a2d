"""List the public names whose docstrings fail numpydoc validation, without building the docs.

Usage (from the repository root, with the ``docs`` extra installed, as ``dev`` does)::

    python scripts/check_docstrings.py                 # every public module, allow-list kept
    python scripts/check_docstrings.py model units     # these modules only
    python scripts/check_docstrings.py --all           # the allow-listed modules too

It exits 1 when a name fails, and prints each failure as ``name: CODE message``. The docs
build (``docs/conf.py``) imports this module: the API pages are written from
:func:`entries`, and every docstring autodoc renders is validated by :func:`problems`, so
the build and this script cannot disagree.

What is public, and what is checked
-----------------------------------
A *public module* is one the front door loads as an attribute (``munitions_model._SUBMODULES``);
its *public names* are its ``__all__``. Each name is documented once, in the module that
defines it (``logistics`` re-exports the physics of ``capacity``: those link there). The
front door's names are the same objects, documented in their modules.

- Functions and classes: every numpydoc check (:data:`NAME_CHECKS`) except ES01 (an
  extended summary is welcome, not required). So a function has a one-line summary, every
  parameter with its type, Returns, See Also and Examples (which run as doctests); a class
  documents its fields under Parameters (they are its constructor's).
- Public methods and properties of those classes (:data:`MEMBER_CHECKS`): the same, less
  See Also and Examples, which live on the class.
- Constants and type aliases: a ``#:`` comment above the assignment with a one-line summary
  (numpydoc cannot read these: its validator looks at the value's own docstring).

Modules listed in :data:`NOT_YET_VALIDATED` are rendered but not validated; the build and
this script print them. The list only ever shrinks.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from numpydoc.docscrape import get_doc_object
from numpydoc.validate import ERROR_MSGS, Validator, get_validation_checks, validate

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "munitions_model"

#: Checks for the public functions and classes of every public module.
NAME_CHECKS: frozenset[str] = frozenset(get_validation_checks({"all", "ES01"}))
#: Checks for the public methods and properties of public classes.
MEMBER_CHECKS: frozenset[str] = NAME_CHECKS - {"SA01", "EX01"}

#: Public modules whose docstrings are not validated yet (being rewritten on other
#: branches). Rendered, printed by the build, and never silently skipped. Only shrinks.
NOT_YET_VALIDATED: tuple[str, ...] = (
    "capacity",
    "catalogue",
    "consistency",
    "distributions",
    "estimation",
    "hedges",
    "logistics",
    "plots",
    "record",
    "report",
    "sensitivity",
)

#: pydantic's hooks, defined on a model but not part of its documented interface.
_HOOKS = frozenset({"model_post_init"})


@dataclass(frozen=True)
class Entry:
    """One documented object: where it is documented, and what kind of thing it is."""

    #: Dotted path under which it is documented, e.g. ``munitions_model.model.duration_days``.
    name: str
    #: The public module that documents it, e.g. ``model``.
    module: str
    #: ``"function"``, ``"class"``, ``"data"``, ``"method"`` or ``"property"``.
    kind: str
    obj: Any

    @property
    def checks(self) -> frozenset[str]:
        """The numpydoc checks that apply to this kind of object."""
        return NAME_CHECKS if self.kind in ("function", "class") else MEMBER_CHECKS

    @property
    def validated(self) -> bool:
        """Whether its module has left the allow-list."""
        return self.module not in NOT_YET_VALIDATED


def public_modules() -> list[str]:
    """Return the public modules, as the front door lists them."""
    package = importlib.import_module(PACKAGE)
    return sorted(package._SUBMODULES)


def _module(name: str) -> ModuleType:
    return importlib.import_module(f"{PACKAGE}.{name}")


def _kind(obj: Any) -> str:
    if inspect.isclass(obj):
        return "class"
    if inspect.isroutine(obj):
        return "function"
    return "data"


def _home(obj: Any, module: str) -> str:
    """The public module that documents ``obj``, found in ``module``'s ``__all__``."""
    home = getattr(obj, "__module__", None) if _kind(obj) != "data" else None
    if isinstance(home, str) and home.startswith(f"{PACKAGE}."):
        short = home.removeprefix(f"{PACKAGE}.")
        if not short.startswith("_") and short in public_modules():
            return short
    return module  # defined here, in a private module, or outside the package


def reexports(module: str) -> list[tuple[str, str]]:
    """Return ``(name, documented path)`` for the names ``module`` re-exports."""
    found = _module(module)
    out = []
    for name in found.__all__:
        home = _home(getattr(found, name), module)
        if home != module:
            out.append((name, f"{PACKAGE}.{home}.{name}"))
    return out


def _members(cls: type) -> Iterator[tuple[str, str, Any]]:
    """Public methods and properties of ``cls``, its own and those of private bases."""
    seen: set[str] = set()
    for base in cls.__mro__:
        private_base = base.__module__.startswith(PACKAGE) and base.__name__.startswith("_")
        if base is not cls and not private_base:
            continue
        for attr, value in vars(base).items():
            if attr.startswith("_") or attr in seen or attr in _HOOKS:
                continue
            if isinstance(value, property):
                kind = "property"
            elif isinstance(value, staticmethod | classmethod) or inspect.isfunction(value):
                kind = "method"
            else:
                continue
            seen.add(attr)
            yield attr, kind, getattr(cls, attr)


@cache
def entries(module: str) -> tuple[Entry, ...]:
    """Return everything ``module``'s API page documents, in ``__all__`` order."""
    found = _module(module)
    out = []
    for name in found.__all__:
        obj = getattr(found, name)
        if _home(obj, module) != module:
            continue
        path = f"{PACKAGE}.{module}.{name}"
        out.append(Entry(path, module, _kind(obj), obj))
        if inspect.isclass(obj):
            out += [Entry(f"{path}.{a}", module, k, v) for a, k, v in _members(obj)]
    return tuple(out)


@cache
def front_door_entries() -> tuple[Entry, ...]:
    """Return the front door's names that no public module holds (defined in a private
    module, such as ``parse_claim``): the API index documents them as ``munitions_model.X``.
    """
    package = importlib.import_module(PACKAGE)
    out = []
    for name, module in package._EXPORTS.items():
        obj = getattr(package, name)
        if module.startswith("_") and _home(obj, module) == module:
            out.append(Entry(f"{PACKAGE}.{name}", module, _kind(obj), obj))
    return tuple(out)


@cache
def all_entries() -> dict[str, Entry]:
    """Return every documented object, by the dotted path it is documented under."""
    found = [*front_door_entries(), *(e for m in public_modules() for e in entries(m))]
    return {e.name: e for e in found}


def documented_name(obj: Any) -> str | None:
    """Return the dotted path under which ``obj`` (a module-level name) is documented."""
    for entry in all_entries().values():
        if entry.obj is obj and entry.kind in ("function", "class", "data"):
            return entry.name
    return None


@cache
def _attribute_docs(module: str) -> dict[str, str]:
    """``#:`` comments (and docstrings after assignments) of module-level names."""
    from sphinx.pycode import ModuleAnalyzer

    analyzer = ModuleAnalyzer.for_module(f"{PACKAGE}.{module}")
    return {name: "\n".join(lines) for (scope, name), lines in analyzer.find_attr_docs().items()}


def docstring(entry: Entry) -> str:
    """Return the docstring autodoc renders for ``entry``."""
    if entry.kind == "data":
        return _attribute_docs(entry.module).get(entry.name.rsplit(".", 1)[1], "")
    # As written (numpydoc checks the layout of the quotes too); an override without one
    # shows the docstring it overrides, as autodoc does.
    own = entry.obj.fget.__doc__ if isinstance(entry.obj, property) else entry.obj.__doc__
    return own or inspect._finddoc(entry.obj) or ""


class _Validator(Validator):  # type: ignore[misc]
    """numpydoc's validator on a given docstring, for objects whose source is generated
    (hypothesis' ``@composite`` strategies) or whose docstring is a ``#:`` comment."""

    def __init__(self, obj_name: str, entry: Entry, text: str) -> None:
        what = {"data": "object", "property": "object"}.get(entry.kind, entry.kind)
        super().__init__(get_doc_object(entry.obj, what, text))
        self.raw_doc = text
        self.clean_doc = inspect.cleandoc(text)
        self._name = obj_name

    @property
    def name(self) -> str:
        return self._name

    @property
    def source_file_name(self) -> str | None:
        try:
            return super().source_file_name  # type: ignore[no-any-return]
        except OSError:
            return None

    @property
    def source_file_def_line(self) -> int | None:
        try:
            return super().source_file_def_line  # type: ignore[no-any-return]
        except (OSError, TypeError):
            return None

    @property
    def method_returns_something(self) -> bool:
        try:
            return super().method_returns_something  # type: ignore[no-any-return]
        except OSError:
            return True  # generated source (a hypothesis strategy): it returns a strategy


def problems(entry: Entry) -> list[tuple[str, str]]:
    """Return the numpydoc failures ``(code, message)`` of ``entry`` that its kind checks."""
    text = docstring(entry)
    if not text.strip():
        return [("GL08", ERROR_MSGS["GL08"])]
    if entry.kind == "data":
        # Only the summary checks apply to a constant or a type alias.
        summary = " ".join(text.strip().split("\n\n")[0].split())  # the first paragraph
        errors = []
        if not summary[:1].isupper():
            errors.append(("SS02", ERROR_MSGS["SS02"]))
        if not summary.endswith("."):
            errors.append(("SS03", ERROR_MSGS["SS03"]))
        return errors
    report = validate(entry.name, validator_cls=_Validator, entry=entry, text=text)
    return [(code, msg) for code, msg in report["errors"] if code in entry.checks]


def main(argv: list[str] | None = None) -> int:
    """Print the public names that fail validation; return 1 if any does."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", help="public modules to check (default: all)")
    parser.add_argument("--all", action="store_true", help="check allow-listed modules too")
    args = parser.parse_args(argv)
    modules = args.modules or public_modules()
    unknown = sorted(set(modules) - set(public_modules()))
    if unknown:
        parser.error(f"not public modules: {', '.join(unknown)}")
    checked = failed = 0
    chosen = [e for m in modules for e in entries(m)]
    if not args.modules:
        chosen[:0] = front_door_entries()
    for entry in chosen:
        if not entry.validated and not (args.all or args.modules):
            continue
        checked += 1
        errors = problems(entry)
        failed += bool(errors)
        for code, message in errors:
            print(f"{entry.name}: {code} {message}")
    skipped = [] if args.all or args.modules else list(NOT_YET_VALIDATED)
    if skipped:
        print(f"not yet validated (allow-list): {', '.join(skipped)}")
    print(f"{checked - failed} of {checked} documented objects pass numpydoc validation")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
