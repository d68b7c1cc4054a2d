"""Deterministic reader from reported text to :class:`~munitions_model.claims.Claim`.

``parse_claim("more than one million artillery rounds")`` gives
``Claim(value=1e6, qualifier="more_than", unit="rounds", item="artillery", ...)`` and
``extract_claims(paragraph)`` gives every claim of a paragraph with its character span.
The same text always gives the same claims; nothing is evaluated, nothing is learned.

How it reads
------------
Three stages, each in its own module:

1. :mod:`munitions_model._tokens` splits the text into number, word, name and symbol tokens
   that keep their character offsets, and reads digit literals (``1,000``, ``60 000``,
   ``5,2 million``).
2. ``data/phrases.toml``, loaded by :mod:`munitions_model._vocabulary`, holds **every English
   word the reader knows**, as data: qualifiers, leading words, number words, fractions,
   multipliers, count nouns and the unit each counts, items (kinds, systems, calibres) and
   the catalogue keys they map to, rate words, scope words, months, parts of the year,
   relative times and named events. The longest entry that matches wins.
3. This module reads the tokens left to right with the grammar below. Each rule is one
   ``_try_*`` method of `_Reader`, tried in the order listed at each position; what a rule
   recognises it consumes and records on the current *figure*.

Grammar (informal EBNF; ``{x}`` is any number of x, ``[x]`` at most one)::

    text       = { figure | skipped } ;
    figure     = { lead | qualifier | scope } quantity { after } ;
    after      = calibre | attribute | unit | item | rate | per-item | postfix
               | scope | whole | skipped ;
    quantity   = percent | fraction | ratio | multiplier | range | vague | number ;
    number     = digits [ scale ] | words [ scale ] | "half a" number ;
    range      = "between" number ("and" | "to") number | "from" number "to" number
               | number ("to" | "-" | "or") number ;
    vague      = ("tens" | "hundreds" | ...) { "of" ("thousands" | "millions") }
               | ("several" | "a few") { scale } | "several times" ;
    percent    = number ("%" | "percent") ;
    fraction   = "half" | [number] ("third" | "quarter" | "fifth" ...)
               | number "out of" number ;
    ratio      = number ":" number | number "-to-" number | number "to" number (with the
                 word "ratio", or descending) | figure "to" <possessive> number
               | figure ("for each" | "for every") noun ;
    multiplier = number ("times" | "fold") | "double" | "threefold" | ... ;
    unit       = count-noun | time-noun | generic-noun "of" count-noun ;
    rate       = ("a" | "per" | "every" | "each" | "in one") time-noun | "daily" | ... ;
    per-item   = ("per" | "each" | "for each") count-noun ;
    calibre    = number ["-"] ("mm" | "millimetre" | "inch") [ "calibre" ] ;
    attribute  = number ["-"] (length | money | weight) ;  (never the quantity)
    scope      = ("since" | "by" | "as of" | "in" | "during" | "over" ...) date
               | date-range | relative | span | number time-noun "ago" | "in total" ;
    whole      = "of" [determiner] figure ;  (what a fraction or part is taken of)

Words the vocabulary does not know are skipped before the number and after the unit, and
between a number and a unit that follows ("14,000 highly destructive 2,000-pound bombs");
right after a number with no unit they are an error ("5000 bananas"), and so is a word one
letter away from a qualifier just before a number ("roughy 5000": did you mean 'roughly'?).

Several figures
---------------
A second quantity that is not part of a construct above starts a new figure: "127 missiles
and 109 drones" holds two. A rate or scope after the last of a list joined by "and", ","
or "or" applies to every figure of the list that has none ("115 to 130 missiles and 300
to 350 drones a month"). A multiplier followed by "to" and a figure ("triple ... to 356,400
shells per month", "double that capacity to 2 million") gives way to that figure.
`parse_claim` returns the first figure that stands (use `extract_claims` for all of them).

Qualifiers
----------
Prefix qualifiers come before the number, postfix ones after it or after the unit ("1,000+
containers", "20 railcars at most"). When two are stated, a bound (``more_than``,
``at_least``, ``less_than``, ``at_most``, ``nearly``) wins over ``about``, and the first
stated (outer) bound wins over another ("as many as more than 6 million" is at most);
``Claim.qualifiers`` keeps all of them. A qualifier on
a stated range keeps ``qualifier="range"`` and is kept in ``qualifiers`` ("approximately
5,000-7,000"); on a vague quantity a lower bound takes its low end ("at least several
million" is at least 3 million). A negation up to three words before "more than" makes it
"at most" ("unable to fire more than 2,000 shells a day").

Items and time
--------------
A calibre ("152 mm", "6-inch", "152-millimeter") or weight class ("2,000-pound") is never
the quantity: it is the item, combined with the kind or system named ("122mm rocket",
"2000lb MK-84", "170mm self-propelled howitzer"); labels listed under ``[catalogue]`` map to
catalogue keys ("152mm", "122mm", "122mm-rocket": "Grad" and "122 mm MLRS rockets" both
give "122mm-rocket"). Time words give a `TimeScope`: "since August", "by the end of
2024", "in July and August", "over the past six months", "this year". A total counted over
a period is not a rate: "over one million this year" is ``rounds`` during this year.
Relative words are resolved against ``source.when``; without it they are kept unresolved
(``TimeScope.resolved`` is ``False``) with their words in ``TimeScope.text``.

Refusals
--------
A phrase with no number, a negative count ("-1,000,000 rounds"), text in another script or
with letters outside the English alphabet, or a number too large for a float fails with a
`ClaimParseError` that quotes the phrase and says what was expected.

Why a hand-written reader and not a grammar library
---------------------------------------------------
Measured on the 41 phrases of ``tests/test_parser.py`` (``SEED_PHRASES``) with a lark
prototype of only the core rules (qualifier, number, scale, unit, rate; see the
``benchmarks/README.md`` parsing section): lark's LALR parser with its standard lexer read 13
of 41 (a catch-all word terminal conflicts with every keyword, so tolerant skipping of
unknown words cannot be expressed) in 86 us per phrase; lark's Earley parser read 30 of 41
in 6.8 ms per phrase, 23 times slower than the 0.1 hand-written reader (294 us). The hard
parts of this domain are not context-free anyway: which separator is a decimal mark, when a
range end takes the other end's scale, whether "122" is a calibre, which month "since
August" means. They would live in Python callbacks beside a grammar file. A reader whose
rules are small methods, with the vocabulary as data and the grammar above, is shorter to
read and stays linear in the length of the text.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Final, Literal

from pydantic import ValidationError
from text_to_num import text2num

from munitions_model._tokens import Token, error, literal_value, tokenize
from munitions_model._vocabulary import Noun, Vocabulary, vocabulary
from munitions_model.claims import (
    Claim,
    ClaimParseError,
    ExtractedClaim,
    Qualifier,
    ScopeKind,
    Source,
    TimeScope,
)
from munitions_model.units import DAYS_PER_MONTH, MUNITION_UNITS, TIME_UNITS, validate_unit

__all__ = [
    "MAX_PHRASE_LENGTH",
    "MAX_TEXT_LENGTH",
    "extract_claims",
    "parse_claim",
]

#: Longest phrase `parse_claim` reads; longer text is refused (use `extract_claims`).
MAX_PHRASE_LENGTH: Final = 1_000
#: Longest text `extract_claims` reads in one call.
MAX_TEXT_LENGTH: Final = 2_000_000

_BOUNDS: Final = ("more_than", "at_least", "less_than", "at_most", "nearly")
_LOWER_BOUNDS: Final = frozenset({"more_than", "at_least"})
#: "more than twice less": a bound on an inverted multiplier bounds the other way.
_INVERT: Final[Mapping[Qualifier, Qualifier]] = {
    "more_than": "less_than",
    "less_than": "more_than",
    "at_least": "at_most",
    "at_most": "at_least",
}
_FLIP: Final[Mapping[Qualifier, Qualifier]] = {"more_than": "at_most", "less_than": "at_least"}
_RANGE_CONNECTORS: Final = frozenset({"to", "-", "or"})
_BETWEEN_CONNECTORS: Final = frozenset({"and", "to", "-"})
_FROM_CONNECTORS: Final = frozenset({"to", "-"})
_LIST_CONNECTORS: Final = frozenset(
    {
        "and",
        ",",
        "or",
        "as",
        "well",
        "plus",
        "while",
        ";",
        "including",
        "of",
        "which",
        "among",
        "them",
    }
)
_SENTENCE_ENDS: Final = frozenset({".", "!", "?", ";"})
_ABBREVIATIONS: Final = frozenset(
    {"approx", "ca", "no", "vs", "mr", "mrs", "dr", "st", "gen", "lt", "col", "u", "s", "e", "g"}
)
_PUNCTUATION: Final = frozenset("()[],;:.-!?&")
_DETERMINERS: Final = frozenset({"the", "a", "an", "its", "their", "our", "those", "these"})
_YEARS: Final = range(1900, 2101)
#: Longest run of number words read as one number: "two hundred and thirty-four thousand
#: five hundred and sixty-seven" is 11; a longer run is not one number (and its length
#: must not make reading slower than linear).
_MAX_NUMBER_WORDS: Final = 24
_CARRIERS: Final = frozenset({"containers", "rail_cars", "trains", "transfers"})
_HOLDERS: Final = frozenset({"containers", "rail_cars", "trains", "pieces", "batteries"})
#: Words after which a noun no longer names what a figure counts ("2,000 were launched").
_CLOSERS: Final = frozenset(
    {
        "into", "onto", "to", "at", "on", "from", "with", "by", "for", "were", "was", "are",
        "is", "have", "has", "had", "be", "been", "will", "would", "could", "should", "that",
        "which", "who", "while", "whereas", "but", "than",
    }
)  # fmt: skip
_ONE_OF: Final = frozenset({"a", "an", "each", "every", "per"})

QuantityKind = Literal["number", "fraction", "ratio", "multiplier"]


# --------------------------------------------------------------------------- read results


@dataclass(frozen=True)
class _Number:
    """A number read from the tokens.

    ``bare`` marks a number without scale word ("10", "twenty-one"), which a range may
    scale; ``range_scale`` a trailing thousand/million/billion that a range may carry to its
    first end; ``literal`` the digit literal, so it can be re-read as scaled.
    """

    value: Decimal
    start: int
    end: int
    bare: bool = False
    range_scale: Decimal | None = None
    literal: str | None = None


@dataclass
class _Quantity:
    """The quantity of a figure: a value or a range, and what kind of number it is."""

    low: Decimal
    high: Decimal | None
    start: int
    end: int
    kind: QuantityKind = "number"
    vague: bool = False
    negative: bool = False
    excluded: bool = False
    inverted: bool = False


@dataclass(frozen=True)
class _When:
    """The report date, as far as it is known (from ``Source.when``)."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str | None) -> _When | None:
        if text is None:
            return None
        parts = [int(p) for p in text.split("-")]
        return cls(*parts)

    def months(self) -> int | None:
        """Months since year 0, or ``None`` when the month is not known."""
        return None if self.month is None else self.year * 12 + self.month - 1


@dataclass(frozen=True)
class _Date:
    """A period named by words: its first and last partial dates, or why it is unknown."""

    first: str | None
    last: str | None
    text: str = ""
    explicit: bool = True

    @property
    def known(self) -> bool:
        return self.first is not None and self.last is not None


@dataclass
class _ScopeRead:
    kind: ScopeKind
    start: str | None
    end: str | None
    resolved: bool
    first_token: int
    last_token: int
    length_days: float | None = None
    bare: bool = False


@dataclass
class _Figure:
    """Everything read for one figure, with the token indices it was read from."""

    qualifiers: list[tuple[Qualifier, int]] = field(default_factory=list)
    negated: set[int] = field(default_factory=set)
    quantity: _Quantity | None = None
    count: str | None = None
    time: str | None = None
    per_item: str | None = None
    per_time: str | None = None
    pre_count: str | None = None
    holder: str | None = None
    calibres: list[str] = field(default_factory=list)
    inch: bool = False
    weight: str | None = None
    labels: list[list[tuple[str, bool]]] = field(default_factory=list)
    system: str | None = None
    system_calibre: str | None = None
    item_end: int | None = None
    from_lead: bool = False
    content: str | None = None
    rockets: bool = False
    scope: _ScopeRead | None = None
    total: bool = False
    whole_of: _Figure | None = None
    whole: _Figure | None = None
    whole_number: _Number | None = None
    ratio_of: _Figure | None = None
    superseded: bool = False
    joined: bool = False
    link: list[str] = field(default_factory=list)
    unknown_after: int | None = None
    unit_closed: bool = False
    after_checked: bool = False
    tokens: set[int] = field(default_factory=set)
    last: int = -1
    sentence: int = 0

    def mark(self, start: int, end: int) -> None:
        """Record that tokens ``start:end`` belong to this figure."""
        self.tokens.update(range(start, end))
        self.last = max(self.last, end - 1)


# --------------------------------------------------------------------------- helpers


def _to_float(value: Decimal, phrase: str) -> float:
    """Convert to float, refusing numbers too large to represent."""
    try:
        number = float(value)
    except (OverflowError, InvalidOperation):  # defensive: float(Decimal) saturates to inf
        number = math.inf
    if not math.isfinite(number):
        raise error(phrase, f"number {value:.6g} is too large; expected a finite count")
    return number


def _text2num(words: list[str], phrase: str) -> int:
    """Typed wrapper around the untyped :func:`text_to_num.text2num`."""
    text = " ".join(words)
    try:
        value = text2num(text, "en")
    except (ValueError, IndexError, KeyError) as exc:
        raise error(
            phrase, f"cannot read {text!r} as one number; expected e.g. 'two million'"
        ) from exc
    if not isinstance(value, int):  # defensive: the library is untyped
        raise error(phrase, f"cannot read {text!r} as one number")
    return value


def _edit_distance_one(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one insertion, deletion or substitution."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :] or (len(a) == len(b) and a[i + 1 :] == b[i + 1 :])


def _format_decimal(value: Decimal) -> str:
    """``152`` or ``152.4`` (no exponent, no trailing zeros) for an item label."""
    return f"{value.normalize():f}"


def _partial(year: int, month: int | None = None, day: int | None = None) -> str:
    """A partial date ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    text = f"{year:04d}"
    if month is not None:
        text += f"-{month:02d}"
        if day is not None:
            text += f"-{day:02d}"
    return text


def _month_shift(year: int, month: int, shift: int) -> tuple[int, int]:
    """The month ``shift`` months after ``year-month``."""
    index = year * 12 + month - 1 + shift
    return index // 12, index % 12 + 1


# --------------------------------------------------------------------------- the reader


def _shared_groups(first: str | None, second: str | None, low: Decimal, high: Decimal) -> Decimal:
    """The low end of a range whose ends share the second's digit groups: "40-60,000" is
    40,000 to 60,000, "1-1,500,000" is 1 to 1.5 million.

    Only a plain first literal of at most three digits takes the groups, and only when the
    ends then differ by less than a factor of ten ("1-10,000" stays as written).
    """
    if first is None or second is None or not first.isdigit():
        return low
    groups = second.replace("\u00a0", " ").replace(" ", ",").split(",")
    if len(groups) < 2 or not all(len(g) == 3 and g.isdigit() for g in groups[1:]):
        return low
    candidate = low * Decimal(1000) ** (len(groups) - 1)
    return candidate if candidate <= high and high / candidate < 10 else low


class _Reader:
    """Reads tokens left to right into figures; each ``_try_*`` consumes what it recognises.

    Parameters
    ----------
    phrase : str
        The original text, quoted in errors.
    tokens : list of Token
        Its tokens.
    when : _When, optional
        The report date, for relative time words.
    strict : bool
        `parse_claim` reading one phrase (errors for what cannot be read) rather than
        `extract_claims` reading a paragraph (skips what cannot be read).
    """

    def __init__(self, phrase: str, tokens: list[Token], when: _When | None, strict: bool) -> None:
        self.phrase = phrase
        self.tokens = tokens
        self.when = when
        self.strict = strict
        self.vocab: Vocabulary = vocabulary()
        self.pos = 0
        self.sentence = 0
        self.figures: list[_Figure] = []
        self.fig = _Figure()
        self.sentence_scope: _ScopeRead | None = None
        self.pending_whole: _Number | None = None
        self.qualifier_end = -1

    # -- the loop ----------------------------------------------------------------------

    def read(self) -> list[_Figure]:
        """Consume all tokens and return the figures read."""
        handlers: tuple[Callable[[], bool], ...] = (
            self._try_sentence_end,
            self._try_attribute,
            self._try_calibre,
            self._try_scope,
            self._try_total,
            self._try_range_intro,
            self._try_per_each,
            self._try_qualifier,
            self._try_postfix,
            self._try_rate,
            self._try_per_item,
            self._try_quantity,
            self._try_noun,
            self._try_time_noun,
            self._try_skip,
        )
        while self.pos < len(self.tokens):
            start = self.pos
            if not any(handler() for handler in handlers):
                self._unknown()
            if self.pos <= start:  # defensive: every rule consumes what it recognises
                raise RuntimeError(
                    f"the reader did not advance at token {start} of {self.phrase!r}"
                )
        self._close()
        return self.figures

    def _close(self) -> None:
        """Finish the current figure and start a new one."""
        if self.fig.quantity is not None or (self.fig.whole_of is not None):
            self.fig.sentence = self.sentence
            self.figures.append(self.fig)
        self.fig = _Figure()

    def _unknown(self) -> None:
        """A word no rule reads: skipped, but remembered right after a bare number."""
        token = self.tokens[self.pos]
        fig = self.fig
        if self.strict and token.kind == "foreign":
            raise self.error(
                f"{token.text!r} is not English; expected English text such as "
                "'more than 5000 rounds'"
            )
        if (
            self.strict
            and token.kind == "word"
            and len(token.text) >= 5
            and self._starts_number(self.pos + 1)
        ):
            near = self._near_miss(token.text)
            if near is not None:
                raise self.error(f"unknown word {token.text!r}; did you mean {near!r}?")
        if fig.quantity is not None and not fig.after_checked and token.text.isalpha():
            # Only the first unknown word can stand right after the quantity.
            fig.after_checked = True
            bare = fig.count is None and fig.time is None
            if bare and self.pos == self._after_quantity():
                fig.unknown_after = self.pos
        self.pos += 1

    def _after_quantity(self) -> int:
        """Index of the first token after the quantity, past punctuation."""
        assert self.fig.quantity is not None
        j = max(self.fig.quantity.end, self.fig.last + 1)
        while j < len(self.tokens) and (
            self.tokens[j].text in _PUNCTUATION or self.tokens[j].text in {"of", "the"}
        ):
            j += 1
        return j

    def _near_miss(self, word: str) -> str | None:
        """A qualifier word one letter away from ``word`` ("roughy"), if any; a plural or
        possessive of a known word is not a near miss."""
        vocab = self.vocab
        if "'" in word:
            return None
        for table in (vocab.prefix_qualifiers,):
            for key, _ in table:
                known = key[0]
                if len(key) != 1 or len(known) < 5 or known in {word + "s", word[:-1]}:
                    continue
                if _edit_distance_one(word, known):
                    return known
        return None

    def error(self, message: str) -> ClaimParseError:
        """A `ClaimParseError` quoting the phrase."""
        return error(self.phrase, message)

    # -- token helpers -----------------------------------------------------------------

    def _text(self, i: int) -> str | None:
        return self.tokens[i].text if 0 <= i < len(self.tokens) else None

    def _word(self, i: int) -> str | None:
        ok = 0 <= i < len(self.tokens) and self.tokens[i].kind == "word"
        return self.tokens[i].text if ok else None

    def _is_num(self, i: int) -> bool:
        return 0 <= i < len(self.tokens) and self.tokens[i].kind == "num"

    def _glued(self, i: int) -> bool:
        """Whether token ``i`` follows the previous one with no space."""
        return 0 <= i < len(self.tokens) and not self.tokens[i].spaced

    def _skip_determiners(self, i: int) -> int:
        while self._word(i) in _DETERMINERS:
            i += 1
        return i

    # -- numbers -----------------------------------------------------------------------

    def _scale_run(self, i: int) -> tuple[Decimal, int, Decimal | None]:
        """Increasing scale words from ``i`` ("hundred thousand"; "-thousand" glued)."""
        factor, previous, j, last = Decimal(1), Decimal(0), i, ""
        scales = self.vocab.digit_scales
        while True:
            k = j + 1 if self._text(j) == "-" and self._glued(j) and self._glued(j + 1) else j
            word = self._word(k)
            if word is None or word not in scales or scales[word] <= previous:
                break
            if word in {"m", "k", "mn", "mln", "bn", "mil"} and self._word(k + 1) == "-":
                break
            factor, previous, last, j = factor * scales[word], scales[word], word, k + 1
        carries = last in {"thousand", "k", "million", "m", "mn", "mln", "mil", "billion", "bn"}
        return factor, j, factor if carries else None

    def _read_digits(self, i: int) -> _Number | None:
        """A digit literal with optional scale words; ``None`` if it is not a quantity."""
        if not self._is_num(i):
            return None
        factor, end, range_scale = self._scale_run(i + 1)
        literal = self.tokens[i].text
        bare = end == i + 1
        value = self._literal(literal, scaled=not bare)
        if value is None:
            return None
        return _Number(value * factor, i, end, bare, range_scale, literal)

    def _literal(self, literal: str, scaled: bool) -> Decimal | None:
        """Value of a digit literal; a malformed one is an error in a phrase and skipped
        in a paragraph."""
        try:
            return literal_value(literal, scaled=scaled, phrase=self.phrase)
        except ClaimParseError:
            if self.strict:
                raise
            return None

    def _word_run(self, i: int, between: bool) -> tuple[list[str], int]:
        """Number words from ``i`` ("one hundred and twenty", "twenty-one", "one-thousand")."""
        vocab = self.vocab
        words: list[str] = []
        j = i
        if self._word(j) in {"a", "an"} and self._word(j + 1) in vocab.scale_words | {"dozen"}:
            words, j = ["one"], j + 1
        while j < len(self.tokens) and len(words) < _MAX_NUMBER_WORDS:
            word = self._word(j)
            if word is not None and word in vocab.number_words:
                words.append(word)
                j += 1
            elif self._text(j) == "-" and self._glued(j) and words:
                following = self._word(j + 1)
                tens_unit = words[-1] in vocab.tens_words and following in vocab.units_words
                if not (tens_unit and following != "zero") and following not in vocab.scale_words:
                    break  # "twenty-one", "one-thousand" join; "five-ten" is a range
                j += 1
            elif word == "and" and self._and_joins(words, self._word(j + 1), between):
                words.append("and")
                j += 1
            else:
                break
        return words, j

    def _and_joins(self, words: list[str], following: str | None, between: bool) -> bool:
        """Whether "and" continues a number ("one hundred and twenty"); never after "between"."""
        return (
            not between
            and bool(words)
            and words[-1] in self.vocab.scale_words
            and following is not None
            and following in self.vocab.number_words
        )

    def _read_words(self, i: int, between: bool) -> _Number | None:
        """Number words, with "dozen", "and a half" and "point six" handled here."""
        words, end = self._word_run(i, between)
        if not words:
            return None
        vocab = self.vocab
        try:
            value = Decimal(_text2num(words, self.phrase))
        except ClaimParseError:
            if self.strict:
                raise
            return None  # "one two" in a paragraph: not a number
        fraction, after = self._and_a_half_or_point(end)
        if fraction and words[-1] not in vocab.scale_words:
            factor, end, range_scale = self._scale_run(after)
            return _Number((value + fraction) * factor, i, end, factor == 1, range_scale)
        if self._word(end) == "dozen":
            return _Number(value * 12, i, end + 1)
        last = words[-1]
        carries = last in {"thousand", "million", "billion"}
        range_scale = vocab.digit_scales[last] if carries else None
        return _Number(value, i, end, last not in vocab.scale_words, range_scale)

    def _and_a_half_or_point(self, j: int) -> tuple[Decimal, int]:
        """ "and a half" (0.5) or "point six" (0.6) after a number at ``j``; 0 if neither."""
        k = self._after_hyphen(j)
        if self._word(k) == "and" and self._word_after_hyphen(k + 1) in {"a", "one"}:
            m = self._after_hyphen(self._after_hyphen(k + 1) + 1)
            if self._word(m) in {"half", "quarter"}:
                return Decimal("0.5" if self._word(m) == "half" else "0.25"), m + 1
        if self._word(k) == self.vocab.point_word:
            digits: list[str] = []
            m = self._after_hyphen(k + 1)
            while (word := self._word(m)) is not None and word in self.vocab.units_words:
                digits.append(str(_text2num([word], self.phrase)))
                m += 1
                if self._word(self._after_hyphen(m)) not in self.vocab.units_words:
                    break
                m = self._after_hyphen(m)
            if digits:
                return Decimal("0." + "".join(digits)), m
        return Decimal(0), j

    def _after_hyphen(self, j: int) -> int:
        return j + 1 if self._text(j) == "-" and self._glued(j) else j

    def _word_after_hyphen(self, j: int) -> str | None:
        return self._word(self._after_hyphen(j))

    def _read_number(self, i: int, between: bool = False) -> _Number | None:
        """One number at ``i`` in any supported spelling, or ``None`` if none starts there."""
        if self._word(i) == "half" and self._word(self._after_hyphen(i + 1)) == "dozen":
            return _Number(Decimal(6), i, self._after_hyphen(i + 1) + 1)
        if self._word(i) == "half" and self._word(i + 1) in {"a", "an"}:
            whole = self._read_number(i + 1)
            if whole is not None:
                return _Number(whole.value / 2, i, whole.end)
        if self._word(i) in {"a", "an"}:
            following = self.vocab.time_nouns.match(self.tokens, i + 1)
            if following is not None:
                return _Number(Decimal(1), i, i + 1)  # "about a month": the noun is the unit
        if self._is_num(i) and self._is_year_like(i) and self._year_context(i):
            return None
        return self._read_digits(i) or self._read_words(i, between)

    def _is_year_like(self, i: int) -> bool:
        text = self.tokens[i].text
        return len(text) == 4 and text.isdigit() and int(text) in _YEARS

    def _year_context(self, i: int) -> bool:
        """A four-digit year after a month, a part of the year or a scope lead ("in 2022")."""
        previous = self._word(i - 1)
        if previous is None or self.qualifier_end == i:
            return False  # "in excess of 2000": the "of" belongs to the qualifier
        vocab = self.vocab
        following = self._word(i + 1)
        if following is not None and (
            vocab.nouns.match(self.tokens, i + 1) is not None or following in vocab.digit_scales
        ):
            return False
        return (
            previous in vocab.months
            or previous in {"of", "in", "since", "by", "during", "until", "through", "and"}
            or self.vocab.parts_of_year.match(self.tokens, i - 1) is not None
        )

    # -- rules -------------------------------------------------------------------------

    def _try_sentence_end(self) -> bool:
        """A sentence ends at . ! ? ; before a capital (paragraphs only)."""
        token = self.tokens[self.pos]
        if self.strict or token.text not in _SENTENCE_ENDS:
            return False
        k = self.pos + 1
        while k < len(self.tokens) and self.tokens[k].kind in {"sym", "foreign"}:
            if self.tokens[k].text.isalpha():
                break
            k += 1  # quotes, brackets, bullets before the next sentence
        following = self.tokens[k] if k < len(self.tokens) else None
        previous = self._text(self.pos - 1)
        spaced = following is not None and (following.spaced or k > self.pos + 1)
        starts = following is not None and (following.upper or following.kind == "num")
        is_end = (following is None or token.text == ";" or (spaced and starts)) and not (
            token.text == "." and (previous in _ABBREVIATIONS or self._month_abbreviation(previous))
        )
        if not is_end:
            return False
        self._close()
        self.sentence += 1
        self.sentence_scope = None
        self.pos += 1
        return True

    def _month_abbreviation(self, word: str | None) -> bool:
        """ "Feb." or "Sept.", whose full stop ends no sentence; "April." does."""
        return word is not None and word in self.vocab.months and len(word) <= 4

    def _try_attribute(self) -> bool:
        """A length, money or weight attached to a number: never the quantity.

        "a 1,500-kilometer front", "up to 100 km", "$1.7 million", "500-pound bombs" (the
        weight class becomes the item), "weighing up to one tonne".
        """
        if self._try_money_first():
            return True
        i, vocab = self.pos, self.vocab
        weighing = self._word(i) in {"weighing", "weighs", "weigh"}
        start = i + 1 if weighing else i
        if weighing:
            q = vocab.prefix_qualifiers.match(self.tokens, start)
            start = q[0] if q is not None else start
        number = self._read_number(start) if self._starts_number(start) else None
        if number is None:
            return False
        hyphen = self._text(number.end) == "-" and self._glued(number.end)
        j = number.end + 1 if hyphen else number.end
        glued = hyphen or self._glued(j)
        other = vocab.length_words.match(self.tokens, j) or vocab.money_words.match(self.tokens, j)
        mass = vocab.mass_attributes.match(self.tokens, j)
        if other is not None:
            end = other[0]
        elif mass is not None and (weighing or (glued and self._word(mass[0]) != "of")):
            end = self._weight_class(number, mass[0], mass[1])
        else:
            return False
        if weighing:
            self._drop_orphan_qualifiers()
        self.fig.mark(i, end)
        self.pos = end
        return True

    def _try_money_first(self) -> bool:
        """ "$1.7 million", "€ 2 billion": money is not a quantity of this domain."""
        vocab = self.vocab
        money = vocab.money_words.match(self.tokens, self.pos)
        if money is None or not self._starts_number(money[0]):
            return False
        number = self._read_number(money[0])
        if number is None:
            return False
        self._drop_orphan_qualifiers()
        after = vocab.money_words.match(self.tokens, number.end)
        self.pos = number.end if after is None else after[0]
        return True

    def _weight_class(self, number: _Number, end: int, unit: str) -> int:
        """Record "2,000-pound" as the item's weight class; the index after it."""
        short = {"pound": "lb", "kg": "kg", "ton": "t"}[unit]
        self.fig.weight = f"{_format_decimal(number.value)}{short}"
        return end + 1 if self._word(end) in {"apiece", "each"} else end

    def _starts_number(self, i: int) -> bool:
        word = self._word(i)
        return self._is_num(i) or (
            word is not None and (word in self.vocab.number_words or word in {"a", "an", "half"})
        )

    def _drop_orphan_qualifiers(self) -> None:
        """Qualifiers read for a number that turned out to be an attribute belong to it."""
        if self.fig.quantity is None:
            self.fig.qualifiers.clear()

    def _try_calibre(self) -> bool:
        """Read "152 mm", "122mm", "152-millimeter", "6-inch" or "122 and 152 mm" (the item)."""
        j, literals, vocab = self.pos, list[str](), self.vocab
        while self._is_num(j):
            literals.append(self.tokens[j].text)
            j += 1
            k = j + 1 if self._text(j) == "-" else j
            mm, inch = vocab.mm_words.match(self.tokens, k), vocab.inch_words.match(self.tokens, k)
            if inch is not None and (k != j or self._glued(k)):
                mm = None
            elif inch is not None:
                inch = None
            found = mm or inch
            if found is not None:
                end = found[0]
                suffix = vocab.calibre_suffixes.match(self.tokens, self._after_hyphen(end))
                if suffix is not None:
                    end = suffix[0]
                values = [self._literal(t, scaled=False) for t in literals]
                unit = "mm" if mm is not None else "in"
                self.fig.calibres.extend(f"{_format_decimal(v)}{unit}" for v in values if v)
                self.fig.mark(self.pos, end)
                self.pos = end
                return True
            if self._text(j) in {",", "and", "or", "/"} and self._is_num(j + 1):
                j += 1
                continue
            return False
        return False

    # -- scopes ------------------------------------------------------------------------

    def _try_scope(self) -> bool:
        """Read a time scope: "since August 2023", "in 2024", "this year", "6 months ago"."""
        read = self._read_scope(self.pos)
        if read is None:
            return False
        fig = self.fig
        if read.bare:
            self.pos = read.last_token + 1  # a date in passing: "(NIS, 1 Nov 2023)"
            return True
        if fig.quantity is not None and self._word(self.pos - 1) in {"than", "as"} | (
            {"in"} if self._word(self.pos - 2) in {"than", "as"} else set()
        ):
            self.pos = read.last_token + 1  # "14 times more than in the same month last year"
            return True
        if fig.quantity is None and not fig.qualifiers and fig.scope is None:
            self.sentence_scope = read
        if fig.scope is None:
            fig.scope = read
        fig.mark(self.pos, read.last_token + 1)
        self.pos = read.last_token + 1
        return True

    def _read_scope(self, i: int) -> _ScopeRead | None:
        """A scope starting at ``i``, or ``None``."""
        vocab = self.vocab
        relative = self._read_relative(i)
        if relative is not None:
            return self._during(relative, i)
        ago = self._read_ago(i)
        if ago is not None:
            return ago
        if (
            self._text(i) in {"(", "["}
            and self._is_num(i + 1)
            and self._is_year_like(i + 1)
            and self._text(i + 2) in {")", "]"}
            and self.fig.quantity is not None
        ):
            year = _partial(int(self.tokens[i + 1].text))
            return _ScopeRead("during", year, year, True, i, i + 2)  # "12 million shells (2022)"
        lead = vocab.scope_leads.match(self.tokens, i)
        if lead is None:
            return self._read_bare_period(i)
        j, kind, words = lead
        if kind == "total":
            return None
        if words in {("between",), ("from",)}:
            return self._read_period_range(i, j, words[0])
        forward = words in {("by",), ("until",)}
        direction = "future" if forward else "past"
        found = self._read_date(j, direction)
        if found is None:
            return self._read_span(i, j) if kind == "during" else None
        when, end = found
        period = self._read_date_range_tail(end, when, direction)
        if period is not None:
            when, end = period
        return self._scope(kind, when, when, i, end - 1)

    def _scope(
        self, kind: ScopeKind, first: _Date, last: _Date, i: int, last_token: int
    ) -> _ScopeRead:
        start = first.first if kind in {"since", "during"} else None
        end = last.last if kind in {"by", "during"} else None
        resolved = (kind == "by" or first.known) and (kind == "since" or last.known)
        return _ScopeRead(kind, start, end, resolved, i, last_token)

    def _during(self, found: tuple[_Date, int], i: int) -> _ScopeRead:
        date_, end = found
        return self._scope("during", date_, date_, i, end - 1)

    def _read_bare_period(self, i: int) -> _ScopeRead | None:
        """A date with no lead word: a month range ("July-August this year") is a scope; a
        single date ("1 Nov 2023", "October 7") is read so that its numbers are not taken
        for figures, and marked ``bare`` (a date in passing, not the figure's period)."""
        day_first = self._is_num(i) and self._word(i + 1) in self.vocab.months
        if self._word(i) not in self.vocab.months and not day_first:
            return None
        found = self._read_date(i, "past")
        if found is None:
            return None
        period = self._read_date_range_tail(found[1], found[0], "past")
        if period is None:
            dated = found[1] - i > 1 or day_first
            if not dated:
                return None
            when = found[0]
            return _ScopeRead(
                "during", when.first, when.last, when.known, i, found[1] - 1, bare=True
            )
        when, end = period
        return _ScopeRead("during", when.first, when.last, when.known, i, end - 1)

    def _read_date_range_tail(
        self, j: int, first: _Date, direction: str
    ) -> tuple[_Date, int] | None:
        """ "-August", " and August", " to January 2024" after a first date: the whole period."""
        if self._text(j) not in {"-", "and", "to", "until", "through", "or"}:
            return None
        found = self._read_date(j + 1, direction, bare=True)
        if found is None:
            return None
        second, end = found
        return self._join_period(first, second), end

    def _join_period(self, first: _Date, second: _Date) -> _Date:
        """The period from ``first`` to ``second``. A month with no year of its own takes it
        from the other end: "July-August 2024", "January-May this year"; "July and August"
        with neither is the latest such period that began by the report date."""
        start, last = first.first, second.last
        if first.first is None or second.first is None or last is None:
            return _Date(start, last, f"{first.text} to {second.text}", False)
        if not first.explicit and second.explicit:
            year = int(second.first[:4]) - (first.first[5:] > second.first[5:])
            start = f"{year:04d}{first.first[4:]}"
        elif not second.explicit:
            year = int(first.first[:4]) + (second.first[5:] < first.first[5:])
            last = f"{year:04d}{last[4:]}"
        return _Date(start, last, f"{first.text} to {second.text}", first.explicit)

    def _read_period_range(self, i: int, j: int, lead: str) -> _ScopeRead | None:
        """ "between December 2023 and February 2024", "from last August to this January"."""
        found = self._read_date(j, "past")
        if found is None:
            return None
        first, end = found
        connectors = {"and"} if lead == "between" else {"to", "until", "through", "-"}
        if self._text(end) not in connectors:
            return None
        year_only = self._is_num(end + 1) and self._is_year_like(end + 1)
        if year_only and first.first is not None and len(first.first) > 4:
            month = first.first[5:7]
            year = self.tokens[end + 1].text
            second = _Date(f"{year}-{month}", f"{year}-{month}", year)
            last = end + 2
        else:
            found2 = self._read_date(end + 1, "past")
            if found2 is None:
                return None
            second, last = found2
        period = self._join_period(first, second)
        return _ScopeRead("during", period.first, period.last, period.known, i, last - 1)

    def _read_date(self, i: int, direction: str, bare: bool = False) -> tuple[_Date, int] | None:
        """A date expression at ``i``: a year, a month (with day and year), a part of a year,
        a relative time or a named event. Returns the period and the index after it."""
        vocab = self.vocab
        j = self._skip_determiners(i)
        event = vocab.events.match(self.tokens, i)
        if event is not None:
            return _Date(event[1], event[1], " ".join(event[2])), event[0]
        relative = self._read_relative(i)
        if relative is not None:
            return relative
        first_months = self._first_months(j)
        if first_months is not None:
            months, k = first_months
            return self._part_of_year(months, k, direction)
        shift = self._word(j) if self._word(j) in {"next", "last", "this"} else None
        part = vocab.parts_of_year.match(self.tokens, j + 1 if shift else j)
        if shift is not None and part is not None:
            return self._shifted_part(part[1], shift), part[0]
        part = vocab.parts_of_year.match(self.tokens, j)
        if part is not None and self._word(self._after_hyphen(part[0])) in vocab.months:
            return self._read_month(self._after_hyphen(part[0]), direction)  # "mid-May"
        if part is not None:
            k = self._after_hyphen(part[0])
            if self._word(k) == "of":
                k += 1
                if self._read_relative(k) is None:
                    k = self._skip_determiners(k)
            return self._part_of_year(part[1], k, direction)
        if self._is_num(j) and self._is_year_like(j):
            if bare and not (self._word(j - 1) in {"and", "to"} or self._text(j - 1) == "-"):
                return None
            year = int(self.tokens[j].text)
            return _Date(_partial(year), _partial(year), str(year)), j + 1
        return self._read_month(j, direction)

    def _shifted_part(self, months: tuple[int, int], shift: str) -> _Date:
        """ "next spring", "last summer", "this winter" from the report date."""
        when = self.when
        if when is None or when.month is None:
            return _Date(None, None, f"{shift} part of a year")
        first, last = months
        year = when.year
        if shift == "next" and first <= when.month:
            year += 1
        elif shift == "last" and first >= when.month:
            year -= 1
        y2, m2 = _month_shift(year, 1, last - 1)
        return _Date(_partial(year, first), _partial(y2, m2), f"{shift} {year}")

    def _first_months(self, j: int) -> tuple[tuple[int, int], int] | None:
        """ "the first nine months of 2024", "the last three months of 2023"."""
        word = self._word(j)
        if word not in {"first", "last", "final"}:
            return None
        number = self._read_number(j + 1) if self._starts_number(j + 1) else None
        k = number.end if number is not None else j + 1
        time = self.vocab.time_nouns.match(self.tokens, k)
        if time is None or time[1] != "months" or self._word(time[0]) != "of":
            return None
        count = int(number.value) if number is not None else 1
        if not 1 <= count <= 12:
            return None
        months = (1, count) if word == "first" else (13 - count, 12)
        return months, self._skip_determiners(time[0] + 1)

    def _read_month(self, j: int, direction: str) -> tuple[_Date, int] | None:
        """ "August 2023", "last August", "this January", "October 7", "7 October", "Feb. 16"."""
        head = self._month_head(j)
        if head is None:
            return None
        month, day, shift, j = head
        if day is None and self._is_num(j) and self.tokens[j].text.isdigit():
            candidate = int(self.tokens[j].text)
            if 1 <= candidate <= 31 and not self._is_year_like(j):
                day, j = candidate, j + 1
        if self._text(j) in {",", "of"} and self._is_num(j + 1) and self._is_year_like(j + 1):
            j += 1
        if self._is_num(j) and self._is_year_like(j):
            text = _partial(int(self.tokens[j].text), month, day)
            return _Date(text, text, text), j + 1
        if self._word(j) in {"this", "last", "next"} and self._word(j + 1) == "year":
            offset = {"this": 0, "last": -1, "next": 1}[self._word(j) or "this"]
            if self.when is None:
                return _Date(None, None, "month of a relative year"), j + 2
            text = _partial(self.when.year + offset, month, day)
            return _Date(text, text, text), j + 2
        return self._resolve_month(month, day, shift or direction), j

    def _month_head(self, j: int) -> tuple[int, int | None, str | None, int] | None:
        """A month name with what may stand before it: "last August", "7 October", "Feb.";
        its number, day, shift word and the index after it."""
        vocab = self.vocab
        day: int | None = None
        shift = None
        if self._word(j) in {"last", "this", "next"} and self._word(j + 1) in vocab.months:
            shift, j = self._word(j), j + 1
        if self._is_num(j) and self._word(j + 1) in vocab.months and self.tokens[j].text.isdigit():
            day, j = int(self.tokens[j].text), j + 1
        word = self._word(j)
        if word is None or word not in vocab.months:
            return None
        leads = {"in", "since", "by", "of", "until", "and", "-", "to"}
        dated = self._is_num(j + 1) or day is not None or shift
        if word == "may" and not dated and self._text(j - 1) not in leads:
            return None  # "may" the verb
        j += 1
        if self._text(j) == "." and self._month_abbreviation(word):
            j += 1  # "Feb. 16"
        return vocab.months[word], day, shift, j

    def _resolve_month(self, month: int, day: int | None, how: str) -> _Date:
        """The year of a month named without one, from the report date."""
        when = self.when
        if when is None or when.month is None:
            return _Date(None, None, "month without a year")
        if how == "this":
            year = when.year
        elif how == "last":
            year = when.year if month < when.month else when.year - 1
        elif how in {"next", "future"}:
            year = when.year if month >= when.month else when.year + 1
        else:
            year = when.year if month <= when.month else when.year - 1
        text = _partial(year, month, day)
        return _Date(text, text, text, explicit=False)

    def _part_of_year(
        self, months: tuple[int, int], k: int, direction: str
    ) -> tuple[_Date, int] | None:
        """ "early 2022", "the summer of 2023", "the end of the year", "mid-2022", "the summer"."""
        first_month, last_month = months
        year: int | None = None
        end = k
        if self._is_num(k) and self._is_year_like(k):
            year, end = int(self.tokens[k].text), k + 1
        else:
            relative = self._read_relative(k)
            if relative is not None and relative[0].first is not None:
                year, end = int(relative[0].first[:4]), relative[1]
            elif relative is not None:
                return _Date(None, None, "part of a relative year"), relative[1]
            elif self._word(k) == "year":
                return None
            elif self.when is not None and self.when.month is not None:
                year = self.when.year
                if direction == "past" and first_month > self.when.month:
                    year -= 1
                if direction == "future" and last_month < self.when.month:
                    year += 1
            else:
                return _Date(None, None, "part of a year without the year"), k
        y2, m2 = _month_shift(year, 1, last_month - 1)
        return _Date(_partial(year, first_month), _partial(y2, m2), str(year)), end

    def _read_relative(self, i: int) -> tuple[_Date, int] | None:
        """ "this year", "last month", "earlier this month", "today" against the report date."""
        j = i + 1 if self._word(i) == "the" and self._word(i + 1) in {"past", "previous"} else i
        found = self.vocab.relative.match(self.tokens, j)
        if found is None:
            return None
        end, relative, words = found
        loose = {("the", "year"), ("the", "month"), ("now",), ("today",), ("currently",)}
        if words in loose and self._word(i - 1) not in {"of", "in", "during", "by", "until", "end"}:
            return None
        when = self.when
        text = " ".join(words)
        if when is None:
            return _Date(None, None, text), end
        if relative.years is not None:
            year = when.year + relative.years
            return _Date(_partial(year), _partial(year), text), end
        if relative.months is not None:
            if when.month is None:
                return _Date(None, None, text), end
            year, month = _month_shift(when.year, when.month, relative.months)
            return _Date(_partial(year, month), _partial(year, month), text), end
        exact = _partial(when.year, when.month, when.day)
        return _Date(exact, exact, text), end

    def _read_span(self, i: int, j: int) -> _ScopeRead | None:
        """ "over the past six months", "in the previous three months", "in recent weeks",
        "over the next twelve months", and after a figure "over two months" (a length)."""
        vocab = self.vocab
        if self._word(i) == "in" and self._word(j) in {"one", "a", "an"}:
            k = j + 1 if self._word(j + 1) == "single" else j
            if self.vocab.time_nouns.match(self.tokens, k + 1) is not None:
                return None  # "in one hour", "in a single day": a rate
        k = self._skip_determiners(j)
        direction = None
        if self._word(k) in vocab.span_backward:
            direction, k = "past", k + 1
        elif self._word(k) in vocab.span_forward:
            direction, k = "next", k + 1
        count = Decimal(1)
        number = self._read_number(k) if self._starts_number(k) else None
        if number is not None:
            count, k = number.value, number.end
            k = self._after_hyphen(k)
        time = vocab.time_nouns.match(self.tokens, k)
        if time is None:
            return None
        end = time[0]
        if self._word(end) in {"span", "period", "stretch", "window"}:
            end += 1
        if direction is None:
            has_figure = self.fig.quantity is not None and self.fig.time is None
            if not has_figure and self._word(k) != "recent":
                return None
        if number is None and direction == "past" and self._word(k - 1) == "recent":
            count = Decimal(vocab.recent_weeks)
        days = float(count) * TIME_UNITS[time[1]]
        start_end = self._span_dates(days, direction) if direction is not None else None
        if start_end is None:
            return _ScopeRead("during", None, None, False, i, end - 1, length_days=days)
        start, stop = start_end
        return _ScopeRead("during", start, stop, True, i, end - 1, length_days=days)

    def _span_dates(self, days: float, direction: str) -> tuple[str, str] | None:
        """Month-precision ends of a span of ``days`` before or after the report date."""
        when = self.when
        if when is None or when.month is None:
            return None
        months = round(days / DAYS_PER_MONTH)
        if months >= 1:
            shift = -months if direction == "past" else months
            year, month = _month_shift(when.year, when.month, shift)
            here = _partial(when.year, when.month)
            there = _partial(year, month)
            return (there, here) if direction == "past" else (here, there)
        here = _partial(when.year, when.month)
        return here, here

    def _read_ago(self, i: int) -> _ScopeRead | None:
        """ "6 or 8 months ago", "two years earlier"."""
        if not self._starts_number(i):
            return None
        number = self._read_number(i)
        if number is None:
            return None
        high = None
        k = number.end
        if self._text(k) in {"or", "to", "-"}:
            second = self._read_number(k + 1)
            if second is not None:
                high, k = second, second.end
        time = self.vocab.time_nouns.match(self.tokens, k)
        if time is None or self.vocab.ago_words.match(self.tokens, time[0]) is None:
            return None
        end = self.vocab.ago_words.match(self.tokens, time[0])[0]  # type: ignore[index]
        far = (high or number).value * Decimal(TIME_UNITS[time[1]])
        near = number.value * Decimal(TIME_UNITS[time[1]])
        when = self.when
        if when is None or when.month is None:
            return _ScopeRead("during", None, None, False, i, end - 1)
        starts = [
            _month_shift(when.year, when.month, -round(float(d) / DAYS_PER_MONTH))
            for d in (far, near)
        ]
        return _ScopeRead("during", _partial(*starts[0]), _partial(*starts[1]), True, i, end - 1)

    def _try_total(self) -> bool:
        """ "in total", "a total of", "so far": a cumulative total with no dates."""
        found = self.vocab.scope_leads.match(self.tokens, self.pos)
        if found is None or found[1] != "total":
            return False
        self.fig.total = True
        self.pos = found[0]
        return True

    # -- quantities ----------------------------------------------------------------------

    def _try_range_intro(self) -> bool:
        """Read "between X and/to Y" or "from X to Y"."""
        word = self._word(self.pos)
        if word not in {"between", "from"}:
            return False
        between = word == "between"
        connectors = _BETWEEN_CONNECTORS if between else _FROM_CONNECTORS
        first = self._read_number(self.pos + 1, between=between)
        if first is None:
            return False
        connector = self._text(first.end)
        second = self._read_number(first.end + 1) if connector in connectors else None
        if second is None:
            if between:
                if self.strict:
                    shown = " or ".join(repr(c) for c in sorted(connectors))
                    raise self.error(
                        f"expected {shown} and a second number after 'between' and a number"
                    )
                return False
            return False  # "from 1.5 million": the number alone, read next
        self._new_quantity_starts(self.pos)
        low, high = self._range_ends(first, second)
        quantity = _Quantity(low, None if high == low else high, self.pos, second.end)
        self._percent_tail(quantity)
        self._set_quantity(quantity)
        return True

    def _try_quantity(self) -> bool:
        """Read a quantity: percent, fraction, ratio, multiplier, range, vague or number."""
        i = self.pos
        noun = self.vocab.nouns.match(self.tokens, i)
        if noun is not None and len(noun[2]) > 1 and not self._is_num(i):
            return False  # "One Way Attack Uncrewed Aerial": a name, not "one"
        negative = self._minus_sign(i)
        start = i + 1 if negative else i
        quantity = (
            self._read_fraction(start)
            or self._read_multiplier_word(start)
            or self._read_vague(start)
            or self._read_numeric(start)
        )
        if quantity is None:
            return False
        quantity.start, quantity.negative = i, negative
        quantity.excluded = self._word(i - 1) in {"but", "except"} and self._word(i - 2) == "all"
        self._new_quantity_starts(i)
        self.fig.from_lead = self._word(self._before_qualifiers(i) - 1) == "from"
        if not self.fig.qualifiers and self._limited(i):
            self.fig.qualifiers.append(("at_most", i - 1))
        if quantity.kind == "multiplier":
            found = self.vocab.comparatives.match(self.tokens, quantity.end)
            if found is not None:
                quantity.end = found[0]
                if found[1]:  # "ten times less": a tenth
                    low, high = quantity.low, quantity.high
                    quantity.low, quantity.high = (
                        1 / (high or low),
                        None if high is None else 1 / low,
                    )
                    quantity.kind, quantity.inverted = "fraction", True
        self._set_quantity(quantity)
        return True

    def _limited(self, i: int) -> bool:
        """ "limit daily firing to 24 shots", "capped at 2,000": a limit is an upper bound."""
        if self._word(i - 1) not in {"to", "at"}:
            return False
        return any(self._word(k) in self.vocab.limits for k in range(max(0, i - 5), i - 1))

    def _before_qualifiers(self, i: int) -> int:
        """Index of the first of the qualifiers read just before ``i``."""
        at = [k for _, k in self.fig.qualifiers if k < i]
        return min(at) if at else i

    def _minus_sign(self, i: int) -> bool:
        """A minus sign before a number ("-5", "(-5)", "minus 5"), not a range hyphen."""
        if self._word(i) in {"minus", "negative"} and self._starts_number(i + 1):
            return True
        if self._text(i) != "-" or not self._is_num(i + 1) or not self._glued(i + 1):
            return False
        previous = self.tokens[i - 1] if i > 0 else None
        if previous is None or previous.text in {"(", "[", ",", ";", ":"}:
            return True  # "-5", "(-5) rounds"
        return not self._glued(i) and previous.kind != "num" and previous.text != "to"

    def _read_numeric(self, i: int) -> _Quantity | None:
        """A number, then what it turns into: a ratio, a multiplier, a part of a whole, a
        range or a percent."""
        first = self._read_number(i)
        if first is None:
            return None
        special = self._ratio_after(first, i) or self._multiplier_or_part(first, i)
        if special is not None:
            return special
        end = first.end
        second = self._read_number(end + 1) if self._text(end) in _RANGE_CONNECTORS else None
        if second is not None and self._text(end) == "to":
            descending = first.value > second.value and not self._is_time_after(second.end)
            if (self._ratio_near(i) or descending) and second.value > 0:
                return _Quantity(first.value / second.value, None, i, second.end, "ratio")
        if second is None:
            quantity = _Quantity(first.value, None, i, end)
        else:
            low, high = self._range_ends(first, second)
            quantity = _Quantity(low, None if high == low else high, i, second.end)
        k = self._after_hyphen(quantity.end)
        if self._word(k) in self.vocab.multiplier_suffixes:
            quantity.kind, quantity.end = "multiplier", k + 1
        self._percent_tail(quantity)
        return quantity

    def _ratio_after(self, first: _Number, i: int) -> _Quantity | None:
        """ "3:1" or "5-to-1" after the first number: a ratio."""
        end = first.end
        colon = self._text(end) == ":" and self._is_num(end + 1) and self._glued(end + 1)
        hyphens = (
            self._text(end) == "-"
            and self._word(end + 1) == "to"
            and self._text(end + 2) == "-"
            and self._glued(end + 1)
        )
        if not (colon or hyphens):
            return None
        second = self._read_number(end + 1 if colon else end + 3)
        if second is None or second.value <= 0:
            return None
        return _Quantity(first.value / second.value, None, i, second.end, "ratio")

    def _multiplier_or_part(self, first: _Number, i: int) -> _Quantity | None:
        """ "ten times", "twenty-fold", "3x" (a multiplier); "2 out of 5" (a fraction)."""
        end = first.end
        k = self._after_hyphen(end)
        if self._word(k) in self.vocab.multiplier_suffixes and (k == end or self._glued(k)):
            return _Quantity(first.value, None, i, k + 1, "multiplier")
        if self._word(end) != "out" or self._word(end + 1) != "of":
            return None
        second = self._read_number(self._skip_determiners(end + 2))
        if second is None or second.value <= 0 or first.value > second.value:
            return None
        self._whole_number(second)
        return _Quantity(first.value / second.value, None, i, second.end, "fraction")

    def _ratio_near(self, i: int) -> bool:
        """Whether a ratio word ("ratio", "proportion" ...) stands within 15 tokens of ``i``."""
        near = self.tokens[max(0, i - 15) : i + 15]
        return any(t.text in self.vocab.ratio_words for t in near)

    def _whole_number(self, number: _Number) -> None:
        """Keep the "5" of "2 out of 5 missiles" as the fraction's whole."""
        self.pending_whole = number

    def _is_time_after(self, j: int) -> bool:
        return self.vocab.time_nouns.match(self.tokens, j) is not None

    def _percent_tail(self, quantity: _Quantity) -> None:
        """ "30%", "40 percent", "20-30%": a number with a percent sign is a fraction."""
        found = self.vocab.percent.match(self.tokens, quantity.end)
        if found is None or quantity.kind != "number":
            return
        quantity.low /= 100
        quantity.high = None if quantity.high is None else quantity.high / 100
        quantity.kind, quantity.end = "fraction", found[0]

    def _read_fraction(self, i: int) -> _Quantity | None:
        """ "half", "a third", "two-thirds", "one fifth", "three quarters"."""
        vocab = self.vocab
        word = self._word(i)
        if word == "half" and self._word(self._after_hyphen(i + 1)) == "dozen":
            return None  # "half-dozen" is six
        if word == "half" and self._word(i + 1) not in {"a", "an"}:
            return _Quantity(Decimal("0.5"), None, i, i + 1, "fraction")
        numerator: Decimal | None = None
        j = i
        if word in {"a", "an", "one"} or (word is not None and word in vocab.units_words):
            numerator = (
                Decimal(1) if word in {"a", "an"} else Decimal(_text2num([word or ""], self.phrase))
            )
            j = self._after_hyphen(i + 1)
        elif self._is_num(i) and self.tokens[i].text.isdigit():
            numerator = Decimal(self.tokens[i].text)
            j = i + 1
        denominator = self._word(j)
        if numerator is None or denominator is None or denominator not in vocab.fraction_words:
            return None
        if (
            denominator in {"quarter", "quarters"}
            and self._word(j + 1) in {"of"}
            and self._is_num(j + 2)
        ):
            return None  # "the first quarter of 2024" is read as a time
        value = numerator / vocab.fraction_words[denominator]
        if value > 1:
            return None
        return _Quantity(value, None, i, j + 1, "fraction")

    def _read_multiplier_word(self, i: int) -> _Quantity | None:
        """ "double", "twofold", "tripling", "twice"; "doubling or even tripling" is a range."""
        word = self._word(i)
        words = self.vocab.multiplier_words
        divisors = self.vocab.divisor_words
        if word is not None and word in divisors and not (word == "halves" and i == 0):
            # "halved": a fraction, and a bound on it bounds the other way ("more than halved")
            part = _Quantity(1 / Decimal(divisors[word]), None, i, i + 1, "fraction")
            part.inverted = True
            return part
        if word is None or word not in words:
            return None
        low = Decimal(words[word])
        end = i + 1
        k = end + 1 if self._word(end) == "or" else None
        if k is not None:
            k = k + 1 if self._word(k) == "even" else k
            other = self._word(k)
            if other is not None and other in words and words[other] > low:
                return _Quantity(low, Decimal(words[other]), i, k + 1, "multiplier")
        return _Quantity(low, None, i, end, "multiplier")

    def _read_vague(self, i: int) -> _Quantity | None:
        """A vague quantity ("hundreds of thousands", "several million", "several times")."""
        vocab = self.vocab
        word = self._word(i)
        plurals = vocab.vague_plurals
        if word is not None and word in plurals:
            factor, last, j = plurals[word], plurals[word], i + 1
            while self._word(j) == "of" and (larger := self._word(j + 1)) in {
                "thousands",
                "millions",
                "billions",
            }:
                assert larger is not None
                if plurals[larger] <= last:
                    break
                factor, last, j = factor * plurals[larger], plurals[larger], j + 2
            low, high = vocab.vague_plural_range
        elif word == "several":
            (factor, j), (low, high) = self._scale_chain(i + 1), vocab.several_range
        elif word == "few" or (word == "a" and self._word(i + 1) == "few"):
            start = i + 1 if word == "few" else i + 2
            (factor, j), (low, high) = self._scale_chain(start), vocab.a_few_range
        else:
            return None
        if factor == 1 and word in {"several", "few", "a"}:
            k = self._after_hyphen(j)
            if self._word(k) in vocab.multiplier_suffixes:
                return _Quantity(low, high, i, k + 1, "multiplier", vague=True)
            if (
                vocab.nouns.match(self.tokens, j) is None
                and vocab.time_nouns.match(self.tokens, j) is None
            ):
                return None
        return _Quantity(low * factor, high * factor, i, j, "number", vague=True)

    def _scale_chain(self, i: int) -> tuple[Decimal, int]:
        """Scale words after "several"/"a few": ``hundred thousand`` is 1e5; none is 1."""
        factor, previous, j = Decimal(1), Decimal(0), i
        chain = {"dozen", "hundred", "thousand", "million", "billion"}
        while (word := self._word(j)) is not None and word in chain:
            scale = self.vocab.digit_scales[word]
            if scale <= previous:
                break
            factor, previous, j = factor * scale, scale, j + 1
        return factor, j

    def _range_ends(self, first: _Number, second: _Number) -> tuple[Decimal, Decimal]:
        """Sorted ends of ``first`` to ``second``, carrying the second's scale when it fits.

        The second number's thousand/million/billion applies to a bare first number only if
        that brings the ends closer: "1.5-2 million" yes, "500,000 to 1 million" no.
        """
        low, high = first.value, second.value
        scale = second.range_scale
        if first.bare and scale is not None and low > 0 and high > 0:
            relit = None if first.literal is None else self._literal(first.literal, scaled=True)
            base = low if relit is None else relit
            # "600-1.8 million" is 600 thousand to 1.8 million: a smaller scale may fit better
            factors = [scale, *([scale / 1000] if scale >= 10**6 else [])]
            for candidate in (base * f for f in factors):
                if candidate <= high and high / candidate < max(low, high) / min(low, high):
                    low = candidate
                    break
        elif first.bare and scale is None and 0 < low < 1000 < high:
            low = _shared_groups(first.literal, second.literal, low, high)
        return min(low, high), max(low, high)

    def _new_quantity_starts(self, i: int) -> None:
        """A quantity starts at ``i``: if the figure has one, close it (or link the two)."""
        fig = self.fig
        if fig.quantity is None:
            return
        previous = self._previous_words(i)
        whole_link = previous[-1:] == ["of"] or (
            len(previous) >= 2 and previous[-2] == "of" and previous[-1] in _DETERMINERS
        )
        if whole_link and (
            fig.quantity.kind == "fraction" or (fig.count is None and fig.time is None)
        ):
            self._close()
            self.fig.whole_of = self.figures[-1]
            return
        closed = fig
        self._close()
        new = self.fig
        new.link = previous
        self._link_figures(closed, new, previous)
        restated = previous[:2] == [",", "or"]  # "131,46 thousand, or 14,600 per day"
        new.joined = not restated and all(
            w in _LIST_CONNECTORS or w in {"even", "also", "then"} for w in previous
        )
        start = closed.quantity.end if closed.quantity else 0
        carried = [(q, k) for q, k in closed.qualifiers if k >= start]
        if carried:
            closed.qualifiers = [(q, k) for q, k in closed.qualifiers if k < start]
            new.qualifiers = carried

    @staticmethod
    def _link_figures(closed: _Figure, new: _Figure, previous: list[str]) -> None:
        """How the figure just closed relates to the new one: "10,000 ... to Ukraine's 2,000"
        is one ratio; "triple ... to 356,400" and "from 1,500 tons ... to 3,000 tons" give
        way to the new figure."""
        if closed.quantity is None:
            return
        kind = closed.quantity.kind
        possessive = (
            bool(previous)
            and previous[-1].endswith("'s")
            and bool(set(previous[-3:-1]) & {"to", "versus", "vs", "against", "with"})
        )
        to_link = previous[-1:] == ["to"] or possessive
        counted = bool(closed.count or closed.time or closed.per_time) or kind == "ratio"
        if possessive and kind == "number":
            new.ratio_of = closed
        elif to_link and (kind == "multiplier" or (closed.from_lead and counted)):
            closed.superseded = True

    def _previous_words(self, i: int) -> list[str]:
        """Texts of the tokens between the current figure's last token and ``i``."""
        fig = self.fig
        last = max(0, fig.last, fig.quantity.end - 1 if fig.quantity else 0)
        words = [t.text for t in self.tokens[last + 1 : i]]
        q = [k for _, k in fig.qualifiers if k > last]
        if q:
            words = [t.text for t in self.tokens[last + 1 : min(q)]]
        return words

    def _set_quantity(self, quantity: _Quantity) -> None:
        fig = self.fig
        fig.quantity = quantity
        fig.mark(quantity.start, quantity.end)
        fig.whole_number, self.pending_whole = self.pending_whole, None
        self.pos = quantity.end

    # -- qualifiers ----------------------------------------------------------------------

    def _try_qualifier(self) -> bool:
        """Read a prefix qualifier ("more than", "about" ...)."""
        found = self.vocab.prefix_qualifiers.match(self.tokens, self.pos)
        if found is None:
            return False
        end, qualifier, words = found
        if words == ("more",) and not self._starts_number(end):
            return False  # "more" alone is a qualifier only in "more 3,000" (a typo)
        fig = self.fig
        if fig.quantity is not None:
            if self._quantity_follows(end):
                fig.qualifiers.append((qualifier, self.pos))
                self._note_negation(qualifier, self.pos)
                self.pos = end
                return True
            post = self.vocab.postfix_qualifiers.match(self.tokens, self.pos)
            if post is not None:
                return self._try_postfix()
            at_end = all(t.text in _PUNCTUATION for t in self.tokens[end:])
            if self.strict and at_end:
                raise self.error(
                    f"qualifier {' '.join(words)!r} after the number; expected it before the number"
                )
            self.pos = end  # "over average", "more than the Armed Forces": not a qualifier
            return True
        fig.qualifiers.append((qualifier, self.pos))
        self._note_negation(qualifier, self.pos)
        fig.mark(self.pos, end)
        self.pos = self.qualifier_end = end
        return True

    def _quantity_follows(self, j: int) -> bool:
        """Whether a quantity starts at ``j`` (after at most two emphasis words)."""
        for _ in range(3):
            if self._starts_number(j) or self._word(j) in {
                "half",
                "several",
                "hundreds",
                "thousands",
                "dozens",
                "millions",
                "tens",
            }:
                return True
            found = self.vocab.emphasis.match(self.tokens, j)
            if found is None:
                return False
            j = found[0]
        return False

    def _note_negation(self, qualifier: Qualifier, i: int) -> None:
        """ "unable to fire more than": a negation up to three words before flips a bound."""
        if qualifier not in _FLIP:
            return
        for k in range(max(0, i - 3), i):
            if self.vocab.negations.match(self.tokens, k) is not None:
                self.fig.negated.add(i)
                return

    def _try_postfix(self) -> bool:
        """Read a postfix qualifier ("or more", "+", "at most" ...) after the number."""
        if self.fig.quantity is None:
            return False
        found = self.vocab.postfix_qualifiers.match(self.tokens, self.pos)
        if found is None:
            return False
        end, qualifier, _ = found
        self.fig.qualifiers.append((qualifier, self.pos))
        self.fig.mark(self.pos, end)
        self.pos = end
        return True

    # -- units ---------------------------------------------------------------------------

    def _try_rate(self) -> bool:
        """Read a time denominator ("a day", "per month", "daily", "in one hour")."""
        vocab = self.vocab
        adverb = vocab.rate_adverbs.match(self.tokens, self.pos)
        if adverb is not None:
            end, per = adverb[0], adverb[1]
        else:
            lead = vocab.rate_leads.match(self.tokens, self.pos)
            if lead is None:
                return False
            time = vocab.time_nouns.match(self.tokens, lead[0])
            if time is None:
                return False
            if lead[2][0] in {"a", "an", "in"} and self.fig.quantity is None:
                return False  # "about a month": "a" is the number
            if lead[2][0] == "in" and (self.fig.count is None or self.fig.time is not None):
                return False
            end, per = time[0], time[1].removesuffix("s")
        fig = self.fig
        if fig.quantity is not None and fig.quantity.kind != "number":
            fig.mark(self.pos, end)
            self.pos = end
            return True  # a rate word beside a fraction, ratio or multiplier says nothing more
        if fig.per_time is not None:
            if self.strict and per != fig.per_time:
                raise self.error(f"second rate {per!r}; expected one 'per <time>'")
        else:
            fig.per_time = per
        fig.mark(self.pos, end)
        self.pos = end
        return True

    def _try_per_item(self) -> bool:
        """Read an item denominator ("per gun", "per container", "/piece")."""
        vocab = self.vocab
        lead = vocab.per_item_leads.match(self.tokens, self.pos)
        if lead is None:
            return self._try_holder()
        if self.fig.quantity is None:
            return self._try_holder()
        noun = vocab.nouns.match(self.tokens, lead[0])
        if noun is None or noun[1].unit in {None, "count"} or self.fig.quantity is None:
            return False
        if lead[2][0] in {"a", "for", "in", "on"} and noun[1].unit == self.fig.count:
            return False
        denominator = _singular(noun[1].unit or "")
        fig = self.fig
        if fig.per_item is not None:
            if self.strict:
                raise self.error(
                    f"second item denominator {' '.join(noun[2])!r}; expected at most one"
                )
        else:
            fig.per_item = denominator
        fig.mark(self.pos, noun[0])
        self.pos = noun[0]
        return True

    def _try_holder(self) -> bool:
        """ "a container could hold 300 to 500 shells", "each wagon carried 792 rounds": one
        carrier or gun before the figure makes it a count per that carrier or gun."""
        if self.fig.quantity is not None or self._word(self.pos) not in _ONE_OF:
            return False
        noun = self.vocab.nouns.match(self.tokens, self.pos + 1)
        if noun is None or noun[1].unit not in _HOLDERS or noun[2][-1].endswith("s"):
            return False
        self.fig.holder = _singular(noun[1].unit or "")
        self.pos = noun[0]
        return True

    def _try_per_each(self) -> bool:
        """ "1.5 rounds for each Ukrainian shell": the same kind per the same kind is a ratio."""
        fig = self.fig
        if fig.quantity is None or fig.count is None:
            return False
        found = self.vocab.per_each.match(self.tokens, self.pos)
        if found is None:
            return False
        for k in range(found[0], min(found[0] + 3, len(self.tokens))):
            noun = self.vocab.nouns.match(self.tokens, k)
            if noun is not None and noun[1].unit == fig.count:
                fig.quantity.kind = "ratio"
                fig.mark(self.pos, noun[0])
                self.pos = noun[0]
                return True
        return False

    def _try_noun(self) -> bool:
        """Read a noun: a count noun, a kind or system (with its unit), or a descriptor."""
        found = self.vocab.nouns.match(self.tokens, self.pos)
        if found is None:
            return False
        end, noun, words = found
        if self._compound(self.pos - 1):  # "anti-tank", "air-to-surface"
            self.pos = end
            return True
        if self._compound(end):  # "weapon-transporting", "munition-related"
            self.pos = end + 2
            return True
        fig = self.fig
        if noun.generic and fig.quantity is not None and fig.count is None:
            noun = self._generic(noun, end)
        self._record_item(noun, self.pos)
        fig.item_end = end if noun.item is not None else fig.item_end
        following = self.vocab.nouns.match(self.tokens, end)
        if noun.unit is not None and following is not None and following[1].unit is not None:
            if noun.item == "MLRS" and following[1].unit in {"rounds", "rockets"}:
                fig.rockets = True
            fig.mark(self.pos, end)
            self.pos = end  # "MLRS rockets", "howitzer shells": the first noun names the item
            return True
        self._count_noun(noun, words)
        fig.mark(self.pos, end)
        self.pos = end
        return True

    def _count_noun(self, noun: Noun, words: tuple[str, ...]) -> None:
        """What a noun says of the figure: its unit (the first count noun after the number,
        or one before it), or what a mass of cargo is of ("74,000 tons of explosives")."""
        fig = self.fig
        if noun.unit == "rockets":
            fig.rockets = True
        if noun.unit is None:
            if fig.count == "tonnes" and fig.content is None and noun.item is not None:
                fig.content = noun.item
        elif fig.quantity is None:
            fig.pre_count = fig.pre_count or noun.unit
        elif fig.count is None and fig.time is None and not fig.unit_closed:
            fig.count = noun.unit
        elif fig.count == "tonnes" and fig.content is None:
            fig.content = noun.item or words[-1]

    def _compound(self, hyphen: int) -> bool:
        """Whether the token at ``hyphen`` is a hyphen glued between two words."""
        glued = self._glued(hyphen) and self._glued(hyphen + 1)
        words = self._word(hyphen - 1) is not None and self._word(hyphen + 1) is not None
        return self._text(hyphen) == "-" and glued and words

    def _generic(self, noun: Noun, end: int) -> Noun:
        """ "units of ammunition" counts rounds; "pieces of artillery" pieces; "units" a count."""
        own = noun.unit or "count"
        if self._word(end) == "of":
            for k in range(end + 1, min(end + 6, len(self.tokens))):
                found = self.vocab.nouns.match(self.tokens, k)
                if found is not None and found[1].unit is not None and found[1].unit != "count":
                    if own == "rounds" and found[1].unit == "pieces":
                        break  # "rounds of 122 mm multiple rocket launchers" stay rounds
                    return Noun(unit=found[1].unit)
        return Noun(unit=own)

    def _record_item(self, noun: Noun, start: int) -> None:
        """Keep the most specific name of what is counted: system, kind, descriptor.

        What a carrier holds ("containers of ammunition and military equipment") is not
        the item, nor is a kind that counts something else than the figure ("rounds ... to
        go with the howitzers"). Two kinds joined by "and"/"or" are both kept
        ("mortar/artillery").
        """
        fig = self.fig
        if noun.item is None:
            return
        counted = fig.quantity is not None and fig.count is not None
        if counted and noun.item == "MLRS" and fig.count in {"rounds", "rockets"}:
            fig.rockets = True  # "rounds of 122 mm multiple rocket launchers"
            return
        if counted and fig.count in _CARRIERS:
            return
        if counted and noun.unit not in {None, fig.count} and not noun.system:
            return
        if noun.system:
            fig.system = fig.system or noun.item
            fig.system_calibre = fig.system_calibre or noun.calibre
            return
        joined = fig.item_end is not None and all(
            t.text in {"and", "or", ",", "/", "&"} for t in self.tokens[fig.item_end : start]
        )
        label = (noun.item, noun.unit is not None)
        if joined and fig.labels:
            if label[0] not in [name for name, _ in fig.labels[-1]]:
                fig.labels[-1].append(label)
        else:
            fig.labels.append([label])

    def _try_time_noun(self) -> bool:
        """Read a time noun: the unit of a duration ("two months")."""
        found = self.vocab.time_nouns.match(self.tokens, self.pos)
        if found is None:
            return False
        end, unit, _ = found
        fig = self.fig
        if fig.quantity is None or fig.time is not None:
            return False
        if fig.count is not None:
            if self.strict:
                raise self.error(
                    f"time unit {unit!r} after the unit {fig.count!r}; a count and a duration "
                    "only combine as a rate ('a day', 'per month' ...)"
                )
            return False
        fig.time = unit
        fig.mark(self.pos, end)
        self.pos = end
        return True

    def _try_skip(self) -> bool:
        """Skip punctuation, emphasis and context words."""
        token = self.tokens[self.pos]
        vocab = self.vocab
        if token.kind == "sym" and token.text in _PUNCTUATION:
            self.pos += 1
            return True
        found = vocab.emphasis.match(self.tokens, self.pos) or vocab.negations.match(
            self.tokens, self.pos
        )
        if found is not None:
            self.pos = found[0]
            return True
        if token.kind == "word" and (
            token.text in vocab.context_words or token.text in vocab.months
        ):
            fig = self.fig
            closes = token.text in _CLOSERS and token.spaced  # not the "to" of "ground-to-ground"
            if fig.quantity is not None and fig.count is None and closes:
                fig.unit_closed = True  # "hundreds of thousands of Israelis into bomb shelters"
            self.pos += 1
            return True
        return False


def _singular(unit: str) -> str:
    return "battery" if unit == "batteries" else unit.removesuffix("s")


# --------------------------------------------------------------------------- figures to claims


def _link(figures: list[_Figure]) -> list[_Figure]:
    """Attach wholes and comparisons to the figure they belong to; share list tails."""
    kept: list[_Figure] = []
    for fig in figures:
        if fig.whole_of is not None:
            fig.whole_of.whole = fig
            continue
        if fig.ratio_of is not None and fig.quantity is not None:
            base = fig.ratio_of
            assert base.quantity is not None
            if fig.quantity.low > 0 and base.quantity.high is None:
                base.quantity.low /= fig.quantity.low
                base.quantity.kind = "ratio"
                base.tokens |= fig.tokens
                continue
        kept.append(fig)
    _share_list_tails(kept)
    return kept


def _share_list_tails(figures: list[_Figure]) -> None:
    """ "115 to 130 missiles and 300 to 350 drones a month": the last figure's rate or scope
    applies to every figure of the list that has none."""
    run: list[_Figure] = []
    for fig in [*figures, None]:
        if (
            fig is not None
            and (not run or fig.joined)
            and (not run or fig.sentence == run[-1].sentence)
        ):
            run.append(fig)
            continue
        last = run[-1] if run else None
        for earlier in run[:-1]:
            assert last is not None
            if not _alike(earlier, last):
                continue  # "1,000 containers and 10,000 rounds a day": different measures
            if earlier.per_time is None and earlier.time is None:
                earlier.per_time = last.per_time
            if earlier.scope is None:
                earlier.scope = last.scope
        run = [] if fig is None else [fig]


def _alike(one: _Figure, other: _Figure) -> bool:
    """Whether two figures of a list count alike: the same unit, or both munitions."""
    if one.quantity is None or one.quantity.kind != "number" or one.time is not None:
        return False
    heads = {one.count or one.pre_count, other.count or other.pre_count}
    return len(heads) == 1 or heads <= set(MUNITION_UNITS)


def _stated(fig: _Figure, quantity: _Quantity) -> tuple[Qualifier, ...]:
    """The qualifiers stated for a figure, in order, negations and inversions applied."""
    stated: list[Qualifier] = []
    for q, k in sorted(fig.qualifiers, key=lambda qk: qk[1]):
        q = _FLIP[q] if k in fig.negated and q in _FLIP else q
        q = _INVERT.get(q, q) if quantity.inverted else q
        if q not in stated:
            stated.append(q)
    return tuple(stated)


def _main_name(fig: _Figure, calibre: bool) -> str | None:
    """The name of what is counted: a system, else the first group naming a kind, else
    (without a calibre) the first descriptor ("artillery")."""
    kinds = [g for g in fig.labels if any(is_kind for _, is_kind in g)]
    kind = "/".join(name for name, _ in kinds[0]) if kinds else None
    described = "/".join(name for name, _ in fig.labels[0]) if fig.labels else None
    return fig.system or kind or (None if calibre else described)


class _Builder:
    """Turns figures into claims: unit, qualifier, item, scope and whole."""

    def __init__(self, reader: _Reader, source: Source | None) -> None:
        self.reader = reader
        self.vocab = reader.vocab
        self.phrase = reader.phrase
        self.source = source
        self.strict = reader.strict

    def error(self, message: str) -> ClaimParseError:
        return error(self.phrase, message)

    def claim(self, fig: _Figure, phrase: str) -> Claim:
        """The claim of one figure; ``ClaimParseError`` if it cannot be one."""
        quantity = fig.quantity
        assert quantity is not None
        if quantity.negative:
            shown = self.phrase[
                self.reader.tokens[quantity.start].start : self.reader.tokens[quantity.end - 1].end
            ]
            raise self.error(f"a count cannot be negative, got {shown!r}; expected a number >= 0")
        if quantity.excluded:
            raise self.error(
                "'all but' a number counts what is left out, not a figure; expected a figure "
                "such as 'more than 5000 rounds'"
            )
        unit = self._unit(fig)
        qualifier, qualifiers, low, high, vague = self._qualify(fig)
        try:
            return Claim(
                value=_to_float(low, self.phrase),
                qualifier=qualifier,
                unit=unit,
                value_high=None if high is None else _to_float(high, self.phrase),
                vague=vague,
                qualifiers=qualifiers,
                item=self._item(fig),
                scope=self._scope(fig),
                whole=self._whole(fig),
                phrase=phrase,
                source=self.source,
            )
        except ValidationError as exc:
            problems = "; ".join(e["msg"].removeprefix("Value error, ") for e in exc.errors())
            raise self.error(problems) from None

    def _unit(self, fig: _Figure) -> str:
        assert fig.quantity is not None
        if fig.quantity.kind != "number":
            return fig.quantity.kind
        if fig.time is not None and (fig.per_item or fig.per_time):
            raise self.error(
                f"duration {fig.time!r} cannot be per item or per time; expected a count "
                "with a rate ('rounds per day') or a duration alone ('two months')"
            )
        head = fig.time or fig.count or fig.pre_count or "count"
        if fig.whole is not None and head == "count":
            head = self._unit(fig.whole).split("/")[0]
        per_item = fig.per_item
        if per_item is None and fig.holder is not None and _singular(head) != fig.holder:
            per_item = fig.holder if fig.time is None else None
        parts = [head, *(p for p in (per_item, fig.per_time) if p is not None)]
        try:
            return validate_unit("/".join(parts))
        except ValueError as exc:  # defensive: the vocabulary only builds valid units
            raise self.error(str(exc)) from None

    def _qualify(
        self, fig: _Figure
    ) -> tuple[Qualifier, tuple[Qualifier, ...], Decimal, Decimal | None, bool]:
        """Qualifier, stated qualifiers, low, high and vague flag of a figure."""
        quantity = fig.quantity
        assert quantity is not None
        words = _stated(fig, quantity)
        low, high = quantity.low, quantity.high
        if high is not None and high > low:
            bounds = [q for q in words if q in _LOWER_BOUNDS]
            if quantity.vague and bounds:
                return bounds[-1], words if len(words) > 1 else (), low, None, False
            return "range", words, low, high, quantity.vague
        if not words:
            return "exact", (), low, None, False
        bounds = [q for q in words if q in _BOUNDS]
        chosen = bounds[0] if bounds else words[0]
        return chosen, words if len(words) > 1 else (), low, None, False

    def _item(self, fig: _Figure) -> str | None:
        """The item label, as a catalogue key when one fits."""
        calibre = "/".join(fig.calibres) or fig.system_calibre
        main = _main_name(fig, bool(calibre))
        rocket = fig.rockets or (main in {"MLRS", "Grad"} and fig.count in {"rounds", "rockets"})
        if fig.count == "tonnes" and not calibre:  # what the mass is of, unless a calibre
            label = fig.content or main
        elif fig.weight is not None:
            label = fig.weight + (f" {fig.system}" if fig.system else "")
        elif calibre and rocket:
            label = f"{calibre} rocket"
        elif calibre and main:
            label = f"{calibre} {main}"
        elif calibre:
            label = calibre
        else:
            label = main
        if label is None:
            return None if fig.whole is None else self._item(fig.whole)
        return self.vocab.catalogue.get(label, label)

    def _scope(self, fig: _Figure) -> TimeScope | None:
        read = fig.scope
        if read is None:
            return TimeScope(kind="total", text="in total") if fig.total else None
        tokens = self.reader.tokens
        text = self.phrase[tokens[read.first_token].start : tokens[read.last_token].end]
        try:
            return TimeScope(
                kind=read.kind,
                start=read.start,
                end=read.end,
                length_days=read.length_days,
                text=text,
                resolved=read.resolved,
            )
        except ValidationError as exc:
            if self.strict:
                problems = "; ".join(e["msg"] for e in exc.errors())
                raise self.error(f"cannot date {text!r}: {problems}") from None
            return None

    def _whole(self, fig: _Figure) -> Claim | None:
        """What a fraction or part is of: "80% of our 2 million", "2 out of 5 missiles"."""
        if fig.whole is not None and fig.whole.quantity is not None:
            return self.claim(fig.whole, self._span_text(fig.whole))
        if fig.whole_number is not None:
            head = fig.count or fig.pre_count or "count"
            value = _to_float(fig.whole_number.value, self.phrase)
            return Claim(value=value, unit=head, item=self._item(fig))
        return None

    def _span_text(self, fig: _Figure) -> str:
        start, end = span(self.reader.tokens, fig)
        return self.phrase[start:end]


def span(tokens: list[Token], fig: _Figure) -> tuple[int, int]:
    """Character span of a figure: from its first qualifier or its quantity to the last
    token read for it (words before the quantity, such as a sentence's scope, excluded)."""
    assert fig.quantity is not None
    first = min([fig.quantity.start, *(k for _, k in fig.qualifiers)])
    own = [k for k in fig.tokens if k >= first]
    last = max([fig.quantity.end - 1, *own])
    return tokens[first].start, tokens[last].end


def _inherit_units(figures: list[_Figure]) -> None:
    """ "more than 30,000 shells daily, while Ukraine spent up to 10,000": a bare number
    takes the unit (and rate) of the figure before it in the same sentence."""
    for previous, fig in itertools.pairwise(figures):
        bare = fig.count is None and fig.time is None and fig.pre_count is None
        if not bare or fig.unknown_after is not None or fig.sentence != previous.sentence:
            continue
        if fig.quantity is None or fig.quantity.kind != "number" or fig.whole is not None:
            continue
        head = previous.count or previous.time
        if head is None or previous.quantity is None or previous.quantity.kind != "number":
            continue
        fig.count = previous.count
        fig.time = previous.time
        if fig.per_time is None and fig.time is None:
            fig.per_time = previous.per_time


def _read(
    text: object, source: Source | None, strict: bool, limit: int
) -> tuple[_Reader, list[_Figure]]:
    """Check the input, tokenize and read it into linked figures."""
    if not isinstance(text, str):
        raise error(text, f"expected the phrase as str, got {type(text).__name__}")
    if len(text) > limit:
        raise error(
            text[:60] + "...", f"text is {len(text)} characters long; at most {limit} are read"
        )
    if source is not None and not isinstance(source, Source):
        raise error(text, f"expected source as a Source, got {type(source).__name__}")
    if not text.strip():
        raise error(text, "phrase is empty; expected a number such as 'about 5000 rounds'")
    when = _When.parse(source.when) if source is not None else None
    reader = _Reader(text, tokenize(text), when, strict)
    figures = _link(reader.read())
    if not strict:
        _inherit_units(figures)
    _apply_sentence_scopes(figures)
    return reader, figures


def _apply_sentence_scopes(figures: list[_Figure]) -> None:
    """A scope stated before the first figure of a sentence holds for all of its figures."""
    first_scope: dict[int, _ScopeRead] = {}
    for fig in figures:
        if fig.scope is not None and fig.quantity is not None:
            if fig.scope.last_token < fig.quantity.start and fig.sentence not in first_scope:
                first_scope[fig.sentence] = fig.scope
        elif fig.scope is None and fig.sentence in first_scope:
            fig.scope = first_scope[fig.sentence]


def parse_claim(text: str, source: Source | None = None) -> Claim:
    """Parse a reported phrase into a :class:`~munitions_model.claims.Claim`.

    Parameters
    ----------
    text : str
        The phrase, e.g. ``"more than one million artillery rounds"``; at most
        ``MAX_PHRASE_LENGTH`` (300) characters. It is stored unmodified in ``Claim.phrase``.
    source : Source, optional
        Passed through to the claim; its ``when`` dates relative time words ("this year",
        "since August", "last month").

    Returns
    -------
    Claim
        Value in the unit as stated, qualifier, unit, item, time scope and the phrase. A
        phrase holding several figures gives its first (see the module docstring; use
        `extract_claims` for all of them).

    Raises
    ------
    ClaimParseError
        If the phrase cannot be read: no number, a negative count, a word right after the
        number that is not a unit, text that is not English. The message quotes the phrase
        and says what was expected. Non-``str`` input raises it too, naming the type.

    See Also
    --------
    munitions_model.interpret : Reads the claim into a distribution.
    munitions_model.claims.Claim : What it returns.

    Examples
    --------
    >>> claim = parse_claim("up to 60 000 artillery shells every day")
    >>> claim.qualifier, claim.value, claim.unit, claim.item
    ('at_most', 60000.0, 'rounds/day', 'artillery')
    >>> claim = parse_claim("half a million 122mm rockets")
    >>> claim.value, claim.unit, claim.item
    (500000.0, 'rockets', '122mm-rocket')
    >>> claim = parse_claim("over one million this year", Source(who="x", when="2024-05"))
    >>> claim.unit, claim.is_rate, str(claim.scope)
    ('count', False, 'during:2024')
    """
    reader, figures = _read(text, source, strict=True, limit=MAX_PHRASE_LENGTH)
    standing = [f for f in figures if not f.superseded]
    if not standing:
        raise error(text, "no number found; expected e.g. 'more than 5000 rounds'")
    fig = standing[0]
    assert fig.quantity is not None
    bare = fig.count is None and fig.time is None and not fig.qualifiers
    bare = bare and fig.quantity.kind == "number"
    if bare and len(standing) > 1 and standing[1].link == [","]:
        raise error(
            text,
            "a list of numbers is not one figure; expected a single figure such as "
            "'more than 5000 rounds' (extract_claims reads each)",
        )
    if fig.unknown_after is not None and fig.count is None and fig.time is None:
        assert fig.quantity is not None
        if fig.quantity.kind == "number" and fig.whole is None:
            word = reader.tokens[fig.unknown_after].text
            raise error(
                text,
                f"unexpected word {word!r} after the number; expected a unit (rounds, "
                "shells, containers, missiles, days ...), a rate (a day, per month ...) or "
                "the end of the phrase",
            )
    return _Builder(reader, source).claim(fig, text)


def extract_claims(text: str, source: Source | None = None) -> list[ExtractedClaim]:
    """Every claim in a sentence or paragraph, with its character span.

    The text is read with the same grammar as `parse_claim`, sentence by sentence; a
    figure with no unit takes the unit of the figure before it in its sentence ("more than
    30,000 shells daily, while Ukraine spent up to 10,000"), and a scope opening a sentence
    ("Since September 2023, ...") holds for every figure in it. Numbers that are not
    claims are skipped: years and dates, lengths ("a 1,500-kilometre front"), money
    ("$1.7 million"), weights of one item ("500-pound"), a number followed by a word that
    is not a unit ("3,000 Hamas gunmen"), and negative numbers.

    Parameters
    ----------
    text : str
        A sentence or paragraph, at most ``MAX_TEXT_LENGTH`` (2,000,000) characters.
    source : Source, optional
        Passed to every claim; its ``when`` dates relative time words.

    Returns
    -------
    list of ExtractedClaim
        In the order of the text; each holds the `Claim` (its ``phrase`` is the span's
        text), ``start`` and ``end`` (``text[start:end]`` is that span).

    Raises
    ------
    ClaimParseError
        Only for input that is not text: not a ``str``, empty, or too long.

    See Also
    --------
    parse_claim : Reads one phrase.
    munitions_model.claims.ExtractedClaim : What it returns.

    Examples
    --------
    >>> found = extract_claims(
    ...     "North Korea sent more than 1,000 containers and about 10,000 rounds a day.")
    >>> [(c.text, c.claim.unit) for c in found]
    [('more than 1,000 containers', 'containers'), ('about 10,000 rounds a day', 'rounds/day')]
    """
    reader, figures = _read(text, source, strict=False, limit=MAX_TEXT_LENGTH)
    builder = _Builder(reader, source)
    found: list[ExtractedClaim] = []
    for fig in figures:
        if fig.quantity is None or fig.quantity.negative:
            continue
        if fig.unknown_after is not None and fig.count is None and fig.time is None:
            continue
        start, end = span(reader.tokens, fig)
        try:
            claim = builder.claim(fig, text[start:end])
        except ClaimParseError:
            continue
        found.append(ExtractedClaim(claim=claim, start=start, end=end, text=text[start:end]))
    return found
