"""Mixture quantile tables shipped with the package (private).

A mixture samples through its quantile function tabulated at 65,537 normal scores (see
`munitions_model.distributions.Mixture`); building a table takes a tenth of a second or
more, and ``python -m munitions_model`` needs three of them (the Russian fire rate pooled
over each period), rebuilt in every process. The tables of the mixtures the bundled
record yields under the default hedge model are therefore shipped in
``data/mixture_tables.npz``, made by ``scripts/build_mixture_tables.py``. A table is
used only for a mixture whose specification (its JSON, without the unit) and table
layout are exactly those it was made from, so it is the table the mixture would build,
bit for bit (``tests/test_tables.py`` checks that); any other mixture builds its own.
When the record or the default hedges change, the shipped tables stop matching: the
tests say so, and the script makes them again.

The values are stored exactly, packed: the second differences of their bit patterns (as
unsigned 64-bit integers, so the arithmetic wraps and inverts exactly), split into byte
planes, then deflated by ``numpy.savez_compressed``; about 100 KB a table instead of 512.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any, TypeAlias

import numpy as np
from numpy.typing import NDArray

__all__ = ["lookup", "name_of", "write"]

Floats: TypeAlias = NDArray[np.float64]

_FILE = "mixture_tables.npz"


def name_of(spec: str, layout: str) -> str:
    """The name a table is stored under: a digest of its mixture's spec and layout."""
    return "t" + hashlib.sha256(f"{layout}\n{spec}".encode()).hexdigest()[:24]


@functools.cache
def _names() -> frozenset[str]:
    """The names of the arrays in the shipped file (empty if it is missing)."""
    try:
        with np.load(_path(), allow_pickle=False) as data:
            return frozenset(data.files)
    except FileNotFoundError:
        return frozenset()


def _path() -> Path:
    return Path(str(resources.files("munitions_model") / "data" / _FILE))


def lookup(spec: str, layout: str) -> tuple[bool, Floats] | None:
    """The shipped table of the mixture with JSON ``spec`` in ``layout``: whether its
    values are logs, and the values (read-only); ``None`` when none was shipped."""
    name = name_of(spec, layout)
    if f"{name}_packed" not in _names():
        return None
    with np.load(_path(), allow_pickle=False) as data:
        if str(data[f"{name}_spec"]) != spec or str(data[f"{name}_layout"]) != layout:
            return None  # a digest collision: build it instead
        values = _unpack(data[f"{name}_packed"])
        in_logs = bool(data[f"{name}_logs"])
    values.setflags(write=False)
    return in_logs, values


def _pack(values: Floats) -> NDArray[np.uint8]:
    """``values`` as byte planes of the second differences of their bit patterns."""
    bits = np.ascontiguousarray(values, dtype="<f8").view("<u8")
    second = np.diff(np.diff(bits, prepend=np.uint64(0)), prepend=np.uint64(0))
    return np.ascontiguousarray(second.astype("<u8").view(np.uint8).reshape(-1, 8).T)


def _unpack(planes: NDArray[np.uint8]) -> Floats:
    """The inverse of `_pack`, exactly."""
    second = np.ascontiguousarray(planes.T).view("<u8").reshape(-1)
    bits = np.cumsum(np.cumsum(second, dtype=np.uint64), dtype=np.uint64)
    return bits.astype("<u8").view("<f8").astype(np.float64)


def write(path: Path, tables: Iterable[tuple[str, str, bool, Floats]]) -> int:
    """Write ``(spec, layout, in_logs, values)`` tables to ``path``; returns how many."""
    arrays: dict[str, NDArray[Any]] = {}
    for spec, layout, in_logs, values in tables:
        name = name_of(spec, layout)
        arrays[f"{name}_spec"] = np.array(spec)
        arrays[f"{name}_layout"] = np.array(layout)
        arrays[f"{name}_logs"] = np.array(in_logs)
        packed = _pack(np.asarray(values, dtype=np.float64))
        if not np.array_equal(_unpack(packed), values):  # pragma: no cover - a packing bug
            raise AssertionError(f"table {name} does not unpack to its values")
        arrays[f"{name}_packed"] = packed
    np.savez_compressed(path, allow_pickle=False, **arrays)
    return len(arrays) // 4
