"""Parse time against text length: ``extract_claims`` on 1k, 10k and 100k characters.

The text is real reporting: the corpus sentences (``tests/data/phrase_corpus.csv``) joined
in a fixed order until the length is reached. Each size is timed as the median of several
runs, against a baseline in the same process: a plain regular-expression scan for digit
runs over the same text (what any tool must do at least once). Linear time shows as a
constant time per character (and a constant ratio) across sizes. Also timed: `parse_claim`
on each corpus phrase.

    python benchmarks/parse_scaling.py            # sizes 1k, 10k, 100k
    python benchmarks/parse_scaling.py --quick    # 1k and 10k, fewer runs

No timing is asserted in the tests; this script prints.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from munitions_model import extract_claims, parse_claim
from munitions_model.claims import ClaimParseError

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "phrase_corpus.csv"
DIGITS = re.compile(r"\d[\d,. ]*\d|\d")


def _corpus() -> tuple[list[str], list[str]]:
    with CORPUS.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return sorted({r["context"] for r in rows}), [r["phrase"] for r in rows]


def _text(sentences: list[str], length: int) -> str:
    parts: list[str] = []
    size, k = 0, 0
    while size < length:
        sentence = sentences[k % len(sentences)]
        parts.append(sentence)
        size += len(sentence) + 1
        k += 1
    return " ".join(parts)[:length]


def _median_seconds(run: Callable[[], object], repeat: int) -> float:
    run()  # warm-up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _baseline(text: str) -> int:
    return sum(1 for _ in DIGITS.finditer(text))


def _phrases(phrases: list[str]) -> None:
    for phrase in phrases:
        with contextlib.suppress(ClaimParseError):
            parse_claim(phrase)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1k and 10k only, 3 runs")
    args = parser.parse_args()
    sentences, phrases = _corpus()
    sizes = (1_000, 10_000) if args.quick else (1_000, 10_000, 100_000)
    repeat = 3 if args.quick else 7
    print("| characters | claims | extract_claims | per 1k chars | regex scan | ratio |")
    print("|---|---|---|---|---|---|")
    for size in sizes:
        text = _text(sentences, size)
        claims = len(extract_claims(text))
        ours = _median_seconds(lambda text=text: extract_claims(text), repeat)
        base = _median_seconds(lambda text=text: _baseline(text), repeat)
        print(
            f"| {size:,} | {claims:,} | {ours * 1e3:.1f} ms | {ours / size * 1e6:.2f} ms "
            f"| {base * 1e3:.3f} ms | {ours / base:.0f} |"
        )
    per_phrase = _median_seconds(lambda: _phrases(phrases), max(1, repeat // 2)) / len(phrases)
    print(f"\nparse_claim on the {len(phrases)} corpus phrases: {per_phrase * 1e6:.0f} us each")


if __name__ == "__main__":
    main()
