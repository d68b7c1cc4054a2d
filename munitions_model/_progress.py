"""An optional progress bar (tqdm) for long sweeps and projections (private).

``progress=None`` shows a bar only when the work is large (more than `AUTO_THRESHOLD`
elementary evaluations, a few seconds on one core) and tqdm is installed; ``True``
requires tqdm; ``False`` never shows one.
"""

from __future__ import annotations

import importlib
from types import TracebackType
from typing import Any, Final

#: Evaluations (draws x grid points, or paths x days) above which ``progress=None`` shows a
#: bar: numpy evaluates the library's functions at roughly 10^7-10^8 values a second per
#: core, so 2^27 (1.3e8) is a few seconds.
AUTO_THRESHOLD: Final = 1 << 27


class _Silent:
    """Stands in for a bar when none is shown."""

    def update(self, n: int = 1) -> None:
        """Ignore progress."""

    def close(self) -> None:
        """Nothing to close."""


class Progress:
    """Context manager around a tqdm bar, or a silent stand-in."""

    def __init__(self, total: int, work: int, progress: bool | None, desc: str) -> None:
        self._bar: Any = _Silent()
        if progress is False or (progress is None and work <= AUTO_THRESHOLD):
            return
        try:
            tqdm = importlib.import_module("tqdm").tqdm
        except ImportError:
            if progress:
                raise ImportError(
                    "progress=True needs tqdm: pip install 'munitions_model[progress]'"
                ) from None
            return
        self._bar = tqdm(total=total, desc=desc, leave=False)

    def update(self, n: int = 1) -> None:
        """Advance the bar by ``n`` steps."""
        self._bar.update(n)

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._bar.close()
