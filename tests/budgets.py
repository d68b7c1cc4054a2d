"""How many examples a property test tries under each hypothesis profile (tests/conftest.py).

``dev`` (a plain local run) explores: its examples are new on every run, so a property's
budget there is what it deserves for finding new inputs. ``ci`` (the default test step of
``.ci/run``) is derandomised: every run tries the same examples, and ``ci-full`` (the
``.ci/run`` step ``pytest -m hypothesis``) tries the same stream with the full budgets.

A test gets a smaller ``ci`` budget, ``examples(full, ci=n)``, only when one of these was
measured on the ci stream (a line tracer recording the arcs, pairs of consecutive lines,
that a test runs in the package):

- its arcs stop growing: ``n`` is at least twice the count after which the full budget
  reaches no arc that fewer examples miss;
- or it is a fuzzer whose arcs keep growing with the budget (the parser's, the robustness
  suite): ``n`` keeps all but a few of the arcs it adds to the rest of the default run,
  and the ``ci-full`` step runs the full budget.

Each use says which, with its numbers.
"""

from __future__ import annotations

import os

#: The hypothesis profile of this run: ``HYPOTHESIS_PROFILE``, else ``ci`` where ``CI=true``.
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") == "true" else "dev")


def examples(full: int, *, ci: int) -> int:
    """Return ``ci`` under the ``ci`` profile, ``full`` under ``dev`` and ``ci-full``."""
    return ci if PROFILE == "ci" else full
