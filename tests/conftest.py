"""Test-suite set-up: hypothesis profiles.

``ci`` (selected when the environment has ``CI=true``, as ``.ci/run`` sets it) is
deterministic: examples come from a fixed derandomised stream, nothing is read from or
written to the example database, and a test without its own ``max_examples`` tries 50.
``dev`` (the default otherwise) keeps hypothesis' random exploration and its database, so
that a failure found once is replayed. Either profile can be chosen explicitly with
``HYPOTHESIS_PROFILE=ci`` or ``HYPOTHESIS_PROFILE=dev``. Tests that set ``max_examples``
themselves keep their budget under both.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile(
    "ci", derandomize=True, database=None, max_examples=50, deadline=None, print_blob=True
)
settings.register_profile("dev", deadline=None)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") == "true" else "dev")
)
