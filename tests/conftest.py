"""Test-suite set-up: hypothesis profiles.

``ci`` (selected when the environment has ``CI=true``, as ``.ci/run`` sets it) is
deterministic: examples come from a fixed derandomised stream, nothing is read from or
written to the example database, and a test without its own ``max_examples`` tries 50.
``ci-full`` is the same, for the ``.ci/run`` step that runs every property test with its
full budget (``pytest -m hypothesis``). ``dev`` (the default otherwise) keeps hypothesis'
random exploration and its database, so that a failure found once is replayed. A profile
can be chosen explicitly with ``HYPOTHESIS_PROFILE``. Tests that set ``max_examples``
themselves keep their budget under every profile, except where ``budgets.examples`` gives
a smaller one for ``ci`` (tests/budgets.py says when).

Tests marked ``long`` (statistical checks that take tens of seconds: the samplers'
agreement, recovery over many synthetic series, back-tests on the bundled record) are
skipped unless a marker expression asks for them: ``pytest -m long`` runs them alone,
``pytest -m "long or not long"`` runs everything.

The cyclic garbage collector is paused while the tests are collected (importing numpy,
scipy, matplotlib, pandas and hypothesis makes millions of long-lived objects and few
cycles), and what collection made is then frozen (``gc.freeze``): later collections skip
those objects instead of walking them again at every full pass. Objects the tests make
are collected as usual.
"""

from __future__ import annotations

import gc

import pytest
from budgets import PROFILE
from hypothesis import settings

settings.register_profile(
    "ci", derandomize=True, database=None, max_examples=50, deadline=None, print_blob=True
)
settings.register_profile("ci-full", settings.get_profile("ci"))
settings.register_profile("dev", deadline=None)
settings.load_profile(PROFILE)

gc.disable()


def pytest_collection_finish(session: pytest.Session) -> None:
    """Collect once, freeze what collection made, and resume (see the module docstring)."""
    gc.collect()
    gc.freeze()
    gc.enable()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip ``long`` tests unless ``-m`` names them (see the module docstring)."""
    if "long" in str(config.getoption("markexpr") or ""):
        return
    skip = pytest.mark.skip(reason="long statistical check: run with pytest -m long")
    for item in items:
        if item.get_closest_marker("long") is not None:
            item.add_marker(skip)
