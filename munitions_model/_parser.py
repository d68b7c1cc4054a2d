"""Deterministic parser from a reported phrase to a :class:`~munitions_model.claims.Claim`.

``parse_claim("more than one million artillery rounds")`` gives
``Claim(value=1e6, qualifier="more_than", unit="rounds", ...)``. The parser is a small
hand-written tokenizer followed by a left-to-right reader over the tokens; it uses no
``eval`` and no large regular expression, and the same text always gives the same claim.

Normalisation
-------------
Text longer than :data:`MAX_PHRASE_LENGTH` characters, empty text and non-``str`` input are
rejected. The text is lowercased; unicode dashes (``‐ ‑ ‒ – — ― −``) become ``-``;
non-breaking, thin and other spaces become ``" "``; double quotes and quote-like marks are
removed and curly apostrophes become ``'`` (kept inside words such as ``russia's``).

Numbers written with digits
---------------------------
Separators between digit groups are read as follows.

* ``" "`` is only ever a thousands separator, and only before a group of exactly three
  digits that ends the word and is not a calibre (``60 000``, ``1 000 000``; but
  ``400 122 mm`` is 400 of 122 mm).
* If both ``,`` and ``.`` occur, the last one is the decimal mark and the other one is the
  thousands separator: ``1,000.5`` and ``1.000,5`` are both 1000.5.
* A mark that occurs more than once is a thousands separator: ``1,000,000``, ``1.000.000``.
* A mark that occurs once is a thousands separator when exactly three digits follow it and
  one to three digits (not a lone ``0``) precede it: ``1,000`` and ``60.000`` are 1000 and
  60000. Otherwise it is the decimal mark: ``1.5``, ``1,5``, ``0.500``.
* **Exception for scale words:** a single ``.`` followed by three digits is the decimal mark
  when a scale word follows, because "1.250 million" is how English writes 1.25 million:
  ``1.250 million`` is 1 250 000 whereas ``1.250`` alone is 1250. A comma is not affected
  (``1,250 million`` is 1 250 million).
* Thousands groups must be three digits (``1,00,000`` is an error) and a literal may use
  only one thousands separator.

Digits glued to letters are split, so ``4.8m``, ``5k``, ``2bn`` and ``122mm`` work.

Scale words after digits: ``hundred`` (100), ``thousand``/``k`` (1e3),
``million``/``m``/``mn``/``mln`` (1e6), ``billion``/``bn`` (1e9) and ``dozen`` (12), chained
when increasing (``5 hundred thousand``).

Numbers written with words
--------------------------
A run of number words (``zero`` .. ``nineteen``, the tens, ``hundred``, ``thousand``,
``million``, ``billion``) is converted with :func:`text_to_num.text2num`. ``and`` belongs
to the run when it follows a scale word and precedes a number word ("one hundred and
twenty") except after ``between``, where it separates the two ends. A hyphen written
inside a word joins a tens word and a unit word ("twenty-one"). The parser adds:
``a``/``an`` before ``hundred``/``thousand``/``million``/``billion``/``dozen`` means one;
``dozen`` multiplies by 12 ("two dozen" = 24); ``half a ...`` halves ("half a million");
``a``/``half a`` before a time unit is a number when no number has been read yet
("about a month").

Qualifiers
----------
See :data:`PREFIX_QUALIFIERS` and :data:`POSTFIX_QUALIFIERS`; the longest phrase matches
first ("just under" before "under"). A prefix qualifier must come before the number, a
postfix one after it. A range (two numbers or a vague quantity) cannot carry another
qualifier ("about 10 to 20" is an error, not a silently dropped "about").

Ranges
------
``between X and Y``, ``between X to Y``, ``from X to Y``, ``X to Y``, ``X-Y`` and
``X or Y`` are ranges, stored sorted (``from 60000 to 20000`` is 20000..60000); equal ends
give an exact value. A scale word (thousand, million, billion or their short forms) after
the second number also applies to the first number when the first has none *and* doing so
brings the two ends closer together: ``1.5-2 million`` is 1.5e6..2e6 and
``between 10 and 11 million`` is 1e7..1.1e7, but ``500,000 to 1 million`` stays
5e5..1e6.

Vague quantities
----------------
These become ``qualifier="range"`` with ``vague=True``:

======================================  =====================
phrase                                  range
======================================  =====================
tens                                    20 .. 90
dozens                                  24 .. 108
hundreds                                200 .. 900
thousands                               2,000 .. 9,000
tens of thousands                       20,000 .. 90,000
hundreds of thousands                   200,000 .. 900,000
millions                                2e6 .. 9e6
several [hundred|thousand|million...]   3 .. 9 times the scale
a few / few [hundred|thousand|...]      2 .. 5 times the scale
======================================  =====================

"hundreds of thousands" = 200,000 .. 900,000 is how ``reported_figures.csv`` records the
ROK Ministry of National Defense figure. ``X of Y`` chains any of the plural words with a
larger ``thousands``/``millions``/``billions``.

Units
-----
See :data:`COUNT_NOUNS`, :data:`TIME_NOUNS` and :data:`RATES`. The unit is built as count
(or time), then a per-item denominator ("per gun" -> ``/piece``), then a time denominator
("a day" -> ``/day``): ``24 shots per gun per day`` is ``rounds/piece/day``. A rate with no
count noun is ``count/day``; no unit word at all is ``count``. Count nouns after the first
describe the content and are skipped ("containers of ... munitions" is ``containers``). A
duration cannot be mixed with a count except as a rate ("two months of rounds" is an
error).

A number followed by ``mm`` is a calibre, never the quantity: ``(152 mm)``, ``122mm``,
``155mm-calibre`` give ``item="152 mm"`` etc.; several calibres are joined
(``122 and 152 mm`` -> ``"122 mm and 152 mm"``) and with ``rocket(s)`` the item is
``"122 mm rocket"``.

Context and filler
------------------
Words in :data:`FILLER_WORDS` and the punctuation ``( ) [ ] , ; : .`` are skipped, as is
``-`` when it is not between numbers. A four-digit year 1900-2100 is skipped as context
when it directly follows ``in``, ``since``, ``of`` or a month name (as filler: the ``of``
of "in excess of 2000" belongs to the qualifier) and is not followed by a unit word
("some 12 million shells in 2022", "since August 2023"). Any other word is an error that quotes the
phrase and the word and says what was expected, as is a second quantity.
"""

from __future__ import annotations

import math
import reprlib
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final, Literal, NamedTuple, TypeVar

from pydantic import ValidationError
from text_to_num import text2num

from munitions_model.claims import Claim, ClaimParseError, Qualifier, Source
from munitions_model.units import validate_unit

__all__ = [
    "COUNT_NOUNS",
    "FILLER_WORDS",
    "MAX_PHRASE_LENGTH",
    "POSTFIX_QUALIFIERS",
    "PREFIX_QUALIFIERS",
    "RATES",
    "TIME_NOUNS",
    "parse_claim",
]

#: Longest phrase read; longer text is rejected rather than scanned.
MAX_PHRASE_LENGTH: Final = 300

# --------------------------------------------------------------------------- vocabulary

#: Qualifier words before the number, as token tuples.
PREFIX_QUALIFIERS: Final[Mapping[tuple[str, ...], Qualifier]] = {
    ("about",): "about",
    ("around",): "about",
    ("approximately",): "about",
    ("approx",): "about",
    ("roughly",): "about",
    ("some",): "about",
    ("an", "estimated"): "about",
    ("estimated",): "about",
    ("circa",): "about",
    ("ca",): "about",
    ("~",): "about",
    ("more", "than"): "more_than",
    ("over",): "more_than",
    ("above",): "more_than",
    ("in", "excess", "of"): "more_than",
    ("upwards", "of"): "more_than",
    ("greater", "than"): "more_than",
    ("exceeding",): "more_than",
    ("just", "over"): "more_than",
    ("at", "least"): "at_least",
    ("no", "fewer", "than"): "at_least",
    ("no", "less", "than"): "at_least",
    ("a", "minimum", "of"): "at_least",
    ("less", "than"): "less_than",
    ("fewer", "than"): "less_than",
    ("under",): "less_than",
    ("below",): "less_than",
    ("up", "to"): "at_most",
    ("as", "many", "as"): "at_most",
    ("as", "much", "as"): "at_most",
    ("at", "most"): "at_most",
    ("no", "more", "than"): "at_most",
    ("a", "maximum", "of"): "at_most",
    ("nearly",): "nearly",
    ("almost",): "nearly",
    ("close", "to"): "nearly",
    ("just", "under"): "nearly",
    ("just", "below"): "nearly",
}

#: Qualifier words after the number ("1,000+ containers", "ten or more").
POSTFIX_QUALIFIERS: Final[Mapping[tuple[str, ...], Qualifier]] = {
    ("or", "so"): "about",
    ("+",): "more_than",
    ("plus",): "more_than",
    ("or", "more"): "at_least",
    ("or", "fewer"): "at_most",
    ("or", "less"): "at_most",
}


def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``; keeps word lists readable."""
    return frozenset(text.split())


#: Count nouns, singular and plural, to the canonical count unit.
COUNT_NOUNS: Final[Mapping[str, str]] = {
    **dict.fromkeys(
        _words(
            "round rounds shell shells munition munitions projectile projectiles shot shots "
            "rocket rockets ammunition"
        ),
        "rounds",
    ),
    **dict.fromkeys(_words("container containers"), "containers"),
    **dict.fromkeys(
        _words(
            "transfer transfers shipment shipments delivery deliveries consignment consignments"
        ),
        "transfers",
    ),
    **dict.fromkeys(
        _words("piece pieces gun guns tube tubes howitzer howitzers barrel barrels"), "pieces"
    ),
}

#: Singular count nouns usable as a denominator ("per gun") to the unit's denominator.
_ITEM_DENOMINATORS: Final[Mapping[str, str]] = {
    noun: COUNT_NOUNS[noun].removesuffix("s")
    for noun in COUNT_NOUNS
    if not noun.endswith("s") and noun != "ammunition"
}

#: Time nouns, singular and plural, to the canonical time unit.
TIME_NOUNS: Final[Mapping[str, str]] = {
    "day": "days",
    "days": "days",
    "week": "weeks",
    "weeks": "weeks",
    "month": "months",
    "months": "months",
    "year": "years",
    "years": "years",
}

_PER_TIME: Final[Mapping[str, str]] = {
    "day": "day",
    "week": "week",
    "month": "month",
    "year": "year",
}


def _rate_table() -> dict[tuple[str, ...], str]:
    """All spellings of "per <time>", built from the time words rather than listed by hand."""
    table: dict[tuple[str, ...], str] = {}
    for word, per in _PER_TIME.items():
        for lead in ("a", "per", "every", "each", "/"):
            table[(lead, word)] = per
        if word != "day":  # "this year" is a yearly figure; "this day" is not a rate
            table[("this", word)] = per
    table |= {
        ("daily",): "day",
        ("weekly",): "week",
        ("monthly",): "month",
        ("annually",): "year",
        ("yearly",): "year",
        ("per", "annum"): "year",
    }
    return table


#: Rate phrases ("a day", "per month", "daily", "/day", "this year" ...) to the denominator.
RATES: Final[Mapping[tuple[str, ...], str]] = _rate_table()

_MONTHS: Final = _words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)

#: Words skipped anywhere (as whole tokens); they carry context, not quantity.
FILLER_WORDS: Final = _MONTHS | _words(
    "artillery arms military equipment of the to for in and since sufficient enough "
    "equivalent worth russia russia's ukraine ukraine's war north korea korea's korean "
    "calibre caliber heavy"
)
_PUNCTUATION: Final = frozenset("()[],;:.-")
#: Tokens after which a four-digit number is a year, not a quantity.
_YEAR_LEADS: Final = frozenset({"in", "since", "of", *_MONTHS})

_UNITS_WORDS: Final = _words("zero one two three four five six seven eight nine")
_TEENS_WORDS: Final = _words(
    "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen"
)
_TENS_WORDS: Final = _words("twenty thirty forty fifty sixty seventy eighty ninety")
_SCALE_WORDS: Final = frozenset({"hundred", "thousand", "million", "billion"})
_NUMBER_WORDS: Final = _UNITS_WORDS | _TEENS_WORDS | _TENS_WORDS | _SCALE_WORDS

#: Scale words after digits ("1.5 million", "4.8m", "2 dozen").
_DIGIT_SCALES: Final[Mapping[str, Decimal]] = {
    "dozen": Decimal(12),
    "hundred": Decimal(100),
    "thousand": Decimal(1000),
    "k": Decimal(1000),
    "million": Decimal(10**6),
    "m": Decimal(10**6),
    "mn": Decimal(10**6),
    "mln": Decimal(10**6),
    "billion": Decimal(10**9),
    "bn": Decimal(10**9),
}
#: Scales that carry over to the first end of a range ("between 10 and 11 million").
#: Not hundred or dozen: "between one and two hundred" more often means 1..200.
_RANGE_SCALES: Final = frozenset({"thousand", "k", "million", "m", "mn", "mln", "billion", "bn"})

#: Plural words of a vague quantity to the magnitude they multiply.
_VAGUE_PLURALS: Final[Mapping[str, Decimal]] = {
    "tens": Decimal(10),
    "dozens": Decimal(12),
    "hundreds": Decimal(100),
    "thousands": Decimal(1000),
    "millions": Decimal(10**6),
    "billions": Decimal(10**9),
}
_VAGUE_OF: Final = frozenset({"thousands", "millions", "billions"})
_CHAIN_SCALES: Final = frozenset({"dozen", "hundred", "thousand", "million", "billion"})
_SEVERAL: Final = (Decimal(3), Decimal(9))
_A_FEW: Final = (Decimal(2), Decimal(5))
_MANY: Final = (Decimal(2), Decimal(9))

_MM_WORDS: Final = frozenset({"mm", "millimetre", "millimetres", "millimeter", "millimeters"})
_CALIBRE_JOINERS: Final[Mapping[str, str]] = {
    ",": " and ",
    "and": " and ",
    "or": " or ",
    "/": " or ",
}
_RANGE_CONNECTORS: Final = frozenset({"to", "-", "or"})
_BETWEEN_CONNECTORS: Final = frozenset({"and", "to", "-"})
_FROM_CONNECTORS: Final = frozenset({"to", "-"})

# --------------------------------------------------------------------------- tokens

_DIGITS: Final = frozenset("0123456789")
_SYMBOLS: Final = frozenset("()[],;:.-+~/")
_DASHES: Final = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SPACES: Final = "\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_APOSTROPHES: Final = "\u2018\u2019\u201b\u02bc`"
_DOUBLE_QUOTES: Final = '"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a'
_NORMALISE: Final = str.maketrans(
    {
        **dict.fromkeys(_DASHES, "-"),
        **dict.fromkeys(_SPACES, " "),
        **dict.fromkeys(_APOSTROPHES, "'"),
        **dict.fromkeys(_DOUBLE_QUOTES, None),
    }
)


class _Token(NamedTuple):
    """One token: ``num`` (a digit literal), ``word`` or ``sym`` (one character).

    ``glued`` marks a hyphen written inside a word ("twenty-one"), which joins number
    words, as opposed to a free-standing one ("twenty - thirty"), which is a range.
    """

    kind: Literal["num", "word", "sym"]
    text: str
    glued: bool = False


def _quote(phrase: str) -> str:
    """The phrase as it appears in every error message."""
    return repr(phrase)


def _error(phrase: str, message: str) -> ClaimParseError:
    """A `ClaimParseError` that quotes the phrase."""
    return ClaimParseError(f"cannot parse {_quote(phrase)}: {message}")


def _normalise(text: object) -> str:
    """Check the raw input and return it lowercased with dashes, spaces and quotes unified.

    Raises
    ------
    ClaimParseError
        If ``text`` is not a ``str``, is too long, or is blank.
    """
    if not isinstance(text, str):
        shown = reprlib.repr(text)
        raise ClaimParseError(
            f"cannot parse {shown}: expected the phrase as str, got {type(text).__name__}"
        )
    if len(text) > MAX_PHRASE_LENGTH:
        raise _error(
            text, f"phrase is {len(text)} characters long; at most {MAX_PHRASE_LENGTH} are read"
        )
    if not text.strip():
        raise _error(text, "phrase is empty; expected a number such as 'about 5000 rounds'")
    return text.translate(_NORMALISE).lower()


def _skip_digits(text: str, start: int) -> int:
    """Index just past the ASCII digits starting at ``start``."""
    end = start
    while end < len(text) and text[end] in _DIGITS:
        end += 1
    return end


def _is_grouped(literal: str) -> bool:
    """Whether a digit literal so far is 1-3 digits then only 3-digit groups."""
    groups = literal.replace(",", " ").replace(".", " ").split(" ")
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def _next_word(text: str, start: int) -> str:
    """The run of letters after optional spaces or hyphens at ``start`` (empty if none)."""
    begin = start
    while begin < len(text) and text[begin] in " -":
        begin += 1
    end = begin
    while end < len(text) and text[end].isalpha():
        end += 1
    return text[begin:end]


def _space_group_at(text: str, start: int, end: int) -> bool:
    """Whether ``" ddd"`` at ``end`` continues the literal ``text[start:end]`` ("60 000").

    The group must be exactly three digits ending the word, and must not be a calibre
    ("400 122 mm rounds" is 400 rounds of 122 mm).
    """
    group_end = end + 4
    if text[end : end + 1] != " " or not all(c in _DIGITS for c in text[end + 1 : group_end]):
        return False
    if len(text) < group_end:
        return False
    if group_end < len(text) and (text[group_end] in _DIGITS or text[group_end].isalpha()):
        return False
    return _is_grouped(text[start:end]) and _next_word(text, group_end) not in _MM_WORDS


def _scan_number(text: str, start: int) -> tuple[_Token, int]:
    """Read a digit literal with its separators, e.g. ``1,000.5`` or ``60 000``."""
    end = _skip_digits(text, start)
    while True:
        if text[end : end + 1] in {".", ","} and text[end + 1 : end + 2] in _DIGITS:
            end = _skip_digits(text, end + 1)
        elif _space_group_at(text, start, end):
            end += 4
        else:
            return _Token("num", text[start:end]), end


def _scan_word(text: str, start: int) -> tuple[list[_Token], int]:
    """Read letters with inner apostrophes and hyphens; hyphens become glued ``-`` tokens."""
    end = start
    while end < len(text) and (
        text[end].isalpha()
        or (text[end] in "'-" and end + 1 < len(text) and text[end + 1].isalpha())
    ):
        end += 1
    tokens: list[_Token] = []
    for k, part in enumerate(text[start:end].split("-")):
        if k:
            tokens.append(_Token("sym", "-", glued=True))
        tokens.append(_Token("word", part))
    return tokens, end


def _tokenize(text: str, phrase: str) -> list[_Token]:
    """Split normalised text into number, word and symbol tokens.

    Raises
    ------
    ClaimParseError
        On a character that can be none of these.
    """
    tokens: list[_Token] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch.isspace() or ch == "'":
            i += 1  # a lone apostrophe is a quote mark; inner ones were read with the word
        elif ch in _DIGITS:
            token, i = _scan_number(text, i)
            tokens.append(token)
        elif ch.isalpha():
            words, i = _scan_word(text, i)
            tokens.extend(words)
        elif ch in _SYMBOLS:
            tokens.append(_Token("sym", ch))
            i += 1
        else:
            raise _error(
                phrase, f"unexpected character {ch!r}; expected letters, digits or punctuation"
            )
    return tokens


# --------------------------------------------------------------------------- digit literals


def _split_literal(literal: str) -> tuple[list[str], list[str]]:
    """Digit groups and the separators between them: ``"1,000.5"`` -> 3 groups, 2 marks."""
    groups: list[str] = [""]
    marks: list[str] = []
    for ch in literal:
        if ch in _DIGITS:
            groups[-1] += ch
        else:
            marks.append(ch)
            groups.append("")
    return groups, marks


def _decimal_index(groups: list[str], marks: list[str], scaled: bool) -> int | None:
    """Index in ``marks`` of the decimal mark, or ``None``; see the module docstring."""
    kinds = set(marks) - {" "}
    if not kinds:
        return None
    last = len(marks) - 1
    if len(kinds) == 2:
        return last
    (mark,) = kinds
    if marks.count(mark) > 1 or marks[last] != mark:
        return None
    if " " in marks:
        return last
    thousands = len(groups[1]) == 3 and 1 <= len(groups[0]) <= 3 and groups[0] != "0"
    if thousands and not (mark == "." and scaled):
        return None
    return last


def _literal_value(literal: str, scaled: bool, phrase: str) -> Decimal:
    """Value of a digit literal; ``scaled`` says a scale word follows it.

    Raises
    ------
    ClaimParseError
        If the separators do not form a thousands grouping.
    """
    groups, marks = _split_literal(literal)
    point = _decimal_index(groups, marks, scaled)
    whole, fraction = (groups, "") if point is None else (groups[: point + 1], groups[-1])
    separators = marks if point is None else marks[:point]
    well_grouped = not separators or (
        len(set(separators)) == 1
        and (point is None or marks[point] not in separators)
        and _is_grouped(" ".join(whole))
    )
    if not well_grouped:
        raise _error(
            phrase,
            f"cannot read the number {literal!r}; expected thousands in groups of three "
            "(1,000,000 or 1 000 000) and at most one decimal mark",
        )
    return Decimal("".join(whole) + ("." + fraction if fraction else ""))


def _format_decimal(value: Decimal) -> str:
    """``152`` or ``152.4`` (no exponent, no trailing zeros) for an item label."""
    return f"{value.normalize():f}"


# --------------------------------------------------------------------------- numbers


@dataclass(frozen=True)
class _Number:
    """A number read from the tokens.

    Parameters
    ----------
    value : Decimal
        The number, scale applied.
    end : int
        Index of the first token after it.
    bare : bool
        Written without any scale word ("10", "twenty-one"), so a range may give it one.
    range_scale : Decimal, optional
        Trailing thousand/million/billion factor, which a range may carry to its first end.
    literal : str, optional
        The digit literal when written with digits, so it can be re-read as scaled.
    """

    value: Decimal
    end: int
    bare: bool = False
    range_scale: Decimal | None = None
    literal: str | None = None


def _text(tokens: list[_Token], i: int) -> str | None:
    """Text of the token at ``i`` (any kind), ``None`` past the end."""
    return tokens[i].text if 0 <= i < len(tokens) else None


def _word(tokens: list[_Token], i: int) -> str | None:
    """Text of the word token at ``i``, ``None`` if it is not a word."""
    return tokens[i].text if 0 <= i < len(tokens) and tokens[i].kind == "word" else None


def _word_in(tokens: list[_Token], i: int, vocabulary: Collection[str]) -> str | None:
    """The word at ``i`` if it is in ``vocabulary``, else ``None``."""
    word = _word(tokens, i)
    return word if word is not None and word in vocabulary else None


def _is_num(tokens: list[_Token], i: int) -> bool:
    """Whether the token at ``i`` is a digit literal."""
    return 0 <= i < len(tokens) and tokens[i].kind == "num"


def _match(tokens: list[_Token], i: int, words: tuple[str, ...]) -> bool:
    """Whether the tokens from ``i`` spell ``words`` exactly."""
    return all(_text(tokens, i + k) == w for k, w in enumerate(words))


_V = TypeVar("_V")


def _longest_match(
    tokens: list[_Token], i: int, table: Mapping[tuple[str, ...], _V]
) -> tuple[tuple[str, ...], _V] | None:
    """The longest key of ``table`` spelled at ``i`` with its value, or ``None``."""
    best: tuple[tuple[str, ...], _V] | None = None
    for key, value in table.items():
        if (best is None or len(key) > len(best[0])) and _match(tokens, i, key):
            best = (key, value)
    return best


def _text2num(words: list[str], phrase: str) -> int:
    """Typed wrapper around the untyped :func:`text_to_num.text2num`.

    Raises
    ------
    ClaimParseError
        If the words do not form one number ("one two").
    """
    text = " ".join(words)
    try:
        value = text2num(text, "en")
    except ValueError as exc:
        raise _error(
            phrase, f"cannot read {text!r} as one number; expected e.g. 'two million'"
        ) from exc
    if not isinstance(value, int):  # defensive: the library is untyped
        raise _error(phrase, f"cannot read {text!r} as one number")
    return value


def _scale_run(tokens: list[_Token], i: int) -> tuple[Decimal, int, Decimal | None]:
    """Increasing scale words from ``i``: factor, end, and the factor if it ends in a range scale.

    ``5 hundred thousand`` reads ``hundred thousand`` as 1e5.
    """
    factor, previous, j = Decimal(1), Decimal(0), i
    last = ""
    while (word := _word_in(tokens, j, _DIGIT_SCALES)) is not None:
        scale = _DIGIT_SCALES[word]
        if scale <= previous:
            break
        factor, previous, last, j = factor * scale, scale, word, j + 1
    return factor, j, factor if last in _RANGE_SCALES else None


def _read_digits(tokens: list[_Token], i: int, phrase: str) -> _Number | None:
    """A digit literal with optional scale words; ``None`` if it is a calibre."""
    if not _is_num(tokens, i) or _word(tokens, i + 1) in _MM_WORDS:
        return None
    factor, end, range_scale = _scale_run(tokens, i + 1)
    literal = tokens[i].text
    bare = end == i + 1
    value = _literal_value(literal, scaled=not bare, phrase=phrase) * factor
    return _Number(value, end, bare, range_scale, literal)


def _word_run(tokens: list[_Token], i: int, between: bool) -> tuple[list[str], int]:
    """Collect number words from ``i`` ("one hundred and twenty", "twenty-one")."""
    words: list[str] = []
    j = i
    if _word(tokens, j) in {"a", "an"} and _word(tokens, j + 1) in _SCALE_WORDS | {"dozen"}:
        words, j = ["one"], j + 1
    while j < len(tokens):
        word, following = _word_in(tokens, j, _NUMBER_WORDS), _word(tokens, j + 1)
        if word is not None:
            words.append(word)
            j += 1
        elif _joins_tens(tokens, j, words):
            j += 1
        elif _text(tokens, j) == "and" and _and_joins(words, following, between):
            words.append("and")
            j += 1
        else:
            break
    return words, j


def _and_joins(words: list[str], following: str | None, between: bool) -> bool:
    """Whether "and" continues a number ("one hundred and twenty").

    After "between" it never does: there it separates the two ends.
    """
    return (
        not between
        and bool(words)
        and words[-1] in _SCALE_WORDS
        and following is not None
        and following in _NUMBER_WORDS
    )


def _joins_tens(tokens: list[_Token], j: int, words: list[str]) -> bool:
    """Whether the token at ``j`` is the hyphen of "twenty-one" (glued, tens then unit)."""
    token = tokens[j]
    return (
        token.glued
        and bool(words)
        and words[-1] in _TENS_WORDS
        and _word(tokens, j + 1) in _UNITS_WORDS - {"zero"}
    )


def _read_words(tokens: list[_Token], i: int, phrase: str, between: bool) -> _Number | None:
    """A run of number words, with ``dozen`` and ``a``/``an`` handled here."""
    words, end = _word_run(tokens, i, between)
    if not words:
        return None
    value = Decimal(_text2num(words, phrase))
    if _word(tokens, end) == "dozen":
        return _Number(value * 12, end + 1)
    range_scale = _DIGIT_SCALES[words[-1]] if words[-1] in _RANGE_SCALES else None
    return _Number(value, end, words[-1] not in _SCALE_WORDS, range_scale)


def _read_number(
    tokens: list[_Token], i: int, phrase: str, between: bool = False
) -> _Number | None:
    """One number at ``i`` in any supported spelling, or ``None`` if none starts there."""
    if _word(tokens, i) == "half" and _word(tokens, i + 1) in {"a", "an"}:
        whole = _read_number(tokens, i + 1, phrase)
        return None if whole is None else _Number(whole.value / 2, whole.end)
    if _word(tokens, i) in {"a", "an"} and _word(tokens, i + 1) in _PER_TIME:
        return _Number(Decimal(1), i + 1)  # "about a month": the time word is the unit
    return _read_digits(tokens, i, phrase) or _read_words(tokens, i, phrase, between)


def _scale_chain(tokens: list[_Token], i: int) -> tuple[Decimal, int]:
    """Scale words after "several"/"a few": ``hundred thousand`` is 1e5; none is 1."""
    factor, previous, j = Decimal(1), Decimal(0), i
    while (word := _word_in(tokens, j, _CHAIN_SCALES)) is not None:
        scale = _DIGIT_SCALES[word]
        if scale <= previous:
            break
        factor, previous, j = factor * scale, scale, j + 1
    return factor, j


def _read_vague(tokens: list[_Token], i: int) -> tuple[Decimal, Decimal, int] | None:
    """A vague quantity ("hundreds of thousands", "several million") as low, high, end."""
    word = _word(tokens, i)
    if word is not None and word in _VAGUE_PLURALS:
        factor, last, j = _VAGUE_PLURALS[word], _VAGUE_PLURALS[word], i + 1
        while _word(tokens, j) == "of" and (larger := _word_in(tokens, j + 1, _VAGUE_OF)):
            if _VAGUE_PLURALS[larger] <= last:
                break  # "thousands of thousands" is not a phrase; leave "of" to the filler
            factor, last, j = factor * _VAGUE_PLURALS[larger], _VAGUE_PLURALS[larger], j + 2
        low, high = _MANY
    elif word == "several":
        (factor, j), (low, high) = _scale_chain(tokens, i + 1), _SEVERAL
    elif word == "few" or (word == "a" and _word(tokens, i + 1) == "few"):
        start = i + 1 if word == "few" else i + 2
        (factor, j), (low, high) = _scale_chain(tokens, start), _A_FEW
    else:
        return None
    return low * factor, high * factor, j


def _spread(a: Decimal, b: Decimal) -> Decimal:
    """Ratio of the larger to the smaller of two positive numbers."""
    return max(a, b) / min(a, b)


def _range_ends(first: _Number, second: _Number, phrase: str) -> tuple[Decimal, Decimal]:
    """Sorted ends of ``first`` to ``second``, carrying the second's scale when it fits.

    The second number's thousand/million/billion applies to a bare first number only if
    that brings the ends closer: "1.5-2 million" yes, "500,000 to 1 million" no.
    """
    low, high = first.value, second.value
    if first.bare and second.range_scale is not None and low > 0 and high > 0:
        if first.literal is not None:
            scaled = _literal_value(first.literal, scaled=True, phrase=phrase)
        else:
            scaled = low
        scaled *= second.range_scale
        if _spread(scaled, high) < _spread(low, high):
            low = scaled
    return min(low, high), max(low, high)


# --------------------------------------------------------------------------- reader state


@dataclass
class _Quantity:
    """The quantity read: a value, or a range ``low``..``high`` (vague or stated)."""

    low: Decimal
    high: Decimal | None = None
    vague: bool = False


@dataclass
class _State:
    """Everything read so far from a phrase."""

    qualifier: Qualifier | None = None
    quantity: _Quantity | None = None
    count: str | None = None
    time: str | None = None
    per_item: str | None = None
    per_time: str | None = None
    calibres: list[str] = field(default_factory=list)
    calibre_joiner: str = " and "
    rocket: bool = False


class _Reader:
    """Reads tokens left to right; each ``_try_*`` consumes what it recognises.

    Parameters
    ----------
    phrase : str
        The original text, quoted in errors.
    tokens : list of _Token
        The tokens of the normalised text.
    """

    def __init__(self, phrase: str, tokens: list[_Token]) -> None:
        self.phrase = phrase
        self.tokens = tokens
        self.pos = 0
        self.state = _State()
        # True right after "in"/"since"/"of"/a month name, where 2022 is a year.
        self.year_lead = False

    def error(self, message: str) -> ClaimParseError:
        """A `ClaimParseError` quoting the phrase."""
        return _error(self.phrase, message)

    def read(self) -> _State:
        """Consume all tokens and return the state.

        Raises
        ------
        ClaimParseError
            On a token none of the readers accepts.
        """
        handlers: tuple[Callable[[], bool], ...] = (
            self._try_calibre,
            self._try_range_intro,
            self._try_qualifier,
            self._try_postfix,
            self._try_rate,
            self._try_per_item,
            self._try_quantity,
            self._try_unit,
        )
        while self.pos < len(self.tokens):
            lead, self.year_lead = self.year_lead, False
            if lead and self._try_year():
                continue
            if any(handler() for handler in handlers) or self._try_filler(lead):
                continue
            raise self.unexpected()
        return self.state

    def unexpected(self) -> ClaimParseError:
        """The error for the token at ``pos``, saying what could have come instead."""
        token = self.tokens[self.pos]
        if self.state.quantity is None:
            expected = "a qualifier (about, more than, up to ...) or a number"
        else:
            expected = (
                "a unit (rounds, containers, transfers, pieces, days ...), a rate (a day, "
                "per month ...), a postfix qualifier (or more ...) or the end of the phrase"
            )
        what = "number" if token.kind == "num" else "word" if token.kind == "word" else "symbol"
        return self.error(f"unexpected {what} {token.text!r}; expected {expected}")

    # -- individual readers ------------------------------------------------------------

    def _try_year(self) -> bool:
        """Skip a year after in/since/of/a month name ("in 2022") unless a unit follows."""
        token = self.tokens[self.pos]
        following = _word(self.tokens, self.pos + 1)
        is_year = (
            token.kind == "num"
            and len(token.text) == 4
            and token.text.isdigit()
            and 1900 <= int(token.text) <= 2100
            and following not in {*COUNT_NOUNS, *TIME_NOUNS, *_DIGIT_SCALES, *_MM_WORDS}
        )
        if is_year:
            self.pos += 1
        return is_year

    def _try_calibre(self) -> bool:
        """Read "152 mm", "122mm", "152-mm" or "122 and 152 mm" into the item."""
        j, literals, joiner = self.pos, list[str](), " and "
        while _is_num(self.tokens, j):
            literals.append(self.tokens[j].text)
            j += 1
            if _text(self.tokens, j) == "-" and _word(self.tokens, j + 1) in _MM_WORDS:
                j += 1
            if _word(self.tokens, j) in _MM_WORDS:
                values = (_literal_value(t, scaled=False, phrase=self.phrase) for t in literals)
                self.state.calibres.extend(f"{_format_decimal(v)} mm" for v in values)
                self.state.calibre_joiner = joiner
                self.pos = j + 1
                return True
            connector = _text(self.tokens, j)
            if connector is None or connector not in _CALIBRE_JOINERS:
                return False
            if not _is_num(self.tokens, j + 1):
                return False
            joiner, j = _CALIBRE_JOINERS[connector], j + 1
        return False

    def _try_range_intro(self) -> bool:
        """Read "between X and/to Y" or "from X to Y"."""
        word = _word(self.tokens, self.pos)
        if word not in {"between", "from"}:
            return False
        between = word == "between"
        connectors = _BETWEEN_CONNECTORS if between else _FROM_CONNECTORS
        self._require_no_quantity()
        first = _read_number(self.tokens, self.pos + 1, self.phrase, between=between)
        if first is None:
            raise self.error(f"expected a number after {word!r}")
        connector = _text(self.tokens, first.end)
        second = (
            _read_number(self.tokens, first.end + 1, self.phrase)
            if connector in connectors
            else None
        )
        if second is None:
            shown = " or ".join(repr(c) for c in sorted(connectors))
            raise self.error(f"expected {shown} and a second number after {word!r} and a number")
        self._set_range(first, second)
        return True

    def _try_qualifier(self) -> bool:
        """Read a prefix qualifier ("more than", "about" ...)."""
        found = _longest_match(self.tokens, self.pos, PREFIX_QUALIFIERS)
        if found is None:
            return False
        words, qualifier = found
        if self.state.quantity is not None:
            raise self.error(
                f"qualifier {' '.join(words)!r} after the number; expected it before the number"
            )
        self._set_qualifier(qualifier, words)
        self.pos += len(words)
        return True

    def _try_postfix(self) -> bool:
        """Read a postfix qualifier ("or more", "+" ...) after the number."""
        if self.state.quantity is None:
            return False
        found = _longest_match(self.tokens, self.pos, POSTFIX_QUALIFIERS)
        if found is None:
            return False
        words, qualifier = found
        self._set_qualifier(qualifier, words)
        self.pos += len(words)
        return True

    def _try_rate(self) -> bool:
        """Read a time denominator ("a day", "per month", "daily", "/day", "this year")."""
        found = _longest_match(self.tokens, self.pos, RATES)
        if found is None:
            return False
        words, per = found
        if words[0] == "a" and self.state.quantity is None:
            return False  # "about a month": "a" is the number, read by _try_quantity
        if self.state.per_time is not None:
            raise self.error(f"second rate {' '.join(words)!r}; expected one 'per <time>'")
        self.state.per_time = per
        self.pos += len(words)
        return True

    def _try_per_item(self) -> bool:
        """Read an item denominator ("per gun", "per container", "/piece")."""
        lead, noun = _text(self.tokens, self.pos), _word(self.tokens, self.pos + 1)
        # "a" is a denominator only after the number ("300 shells a container").
        leads = {"per", "each", "every", "/"} | (
            {"a"} if self.state.quantity is not None else set()
        )
        if lead not in leads or noun is None or noun not in _ITEM_DENOMINATORS:
            return False
        if self.state.per_item is not None:
            raise self.error(f"second item denominator 'per {noun}'; expected at most one")
        self.state.per_item = _ITEM_DENOMINATORS[noun]
        self.pos += 2
        return True

    def _try_quantity(self) -> bool:
        """Read the quantity: a vague word, a number, or a range "X to Y" / "X-Y"."""
        vague = _read_vague(self.tokens, self.pos)
        if vague is not None:
            self._require_no_quantity()
            low, high, self.pos = vague
            self.state.quantity = _Quantity(low, high, vague=True)
            return True
        first = _read_number(self.tokens, self.pos, self.phrase)
        if first is None:
            return False
        self._require_no_quantity()
        second = None
        if _text(self.tokens, first.end) in _RANGE_CONNECTORS:
            second = _read_number(self.tokens, first.end + 1, self.phrase)
        if second is None:
            self.state.quantity = _Quantity(first.value)
            self.pos = first.end
        else:
            self._set_range(first, second)
        return True

    def _try_unit(self) -> bool:
        """Read a count noun (first one counts, later ones describe) or a time noun."""
        word = _word(self.tokens, self.pos)
        if word is None or (word not in COUNT_NOUNS and word not in TIME_NOUNS):
            return False
        state = self.state
        if word in {"rocket", "rockets"}:
            state.rocket = True
        if word in TIME_NOUNS:
            if state.count is not None or state.time is not None:
                raise self.error(
                    f"time unit {word!r} after the unit {state.count or state.time!r}; a count "
                    "and a duration only combine as a rate ('a day', 'per month' ...)"
                )
            state.time = TIME_NOUNS[word]
        elif state.time is not None:
            raise self.error(
                f"count unit {word!r} after the duration {state.time!r} is ambiguous; expected "
                "a count with a rate ('rounds per month') or a duration alone"
            )
        elif state.count is None:
            state.count = COUNT_NOUNS[word]
        self.pos += 1
        return True

    def _try_filler(self, lead: bool) -> bool:
        """Skip filler words and punctuation; keep or set the year context."""
        token = self.tokens[self.pos]
        if token.kind == "sym" and token.text in _PUNCTUATION:
            self.year_lead = lead  # "August, 2023"
        elif token.kind == "word" and token.text in FILLER_WORDS:
            self.year_lead = token.text in _YEAR_LEADS
        else:
            return False
        self.pos += 1
        return True

    # -- state updates -----------------------------------------------------------------

    def _require_no_quantity(self) -> None:
        """Refuse a second quantity: one phrase states one figure."""
        if self.state.quantity is not None:
            token = self.tokens[self.pos]
            raise self.error(f"second number at {token.text!r}; expected one quantity per phrase")

    def _set_qualifier(self, qualifier: Qualifier, words: tuple[str, ...]) -> None:
        """Record the qualifier; repeating it is fine ("about ... or so"), changing it is not."""
        previous = self.state.qualifier
        if previous is not None and previous != qualifier:
            raise self.error(
                f"qualifier {' '.join(words)!r} conflicts with the earlier {previous!r}; "
                "expected one qualifier"
            )
        self.state.qualifier = qualifier

    def _set_range(self, first: _Number, second: _Number) -> None:
        """Record "first to second" as the quantity; equal ends are a single value."""
        low, high = _range_ends(first, second, self.phrase)
        self.state.quantity = _Quantity(low, None if high == low else high)
        self.pos = second.end


# --------------------------------------------------------------------------- claim


def _unit(state: _State, phrase: str) -> str:
    """The unit string: count or time, then item denominator, then time denominator."""
    if state.time is not None and (state.per_item or state.per_time):
        raise _error(
            phrase,
            f"duration {state.time!r} cannot be per item or per time; expected a count "
            "with a rate ('rounds per day') or a duration alone ('two months')",
        )
    parts = [state.time or state.count or "count"]
    parts += [p for p in (state.per_item, state.per_time) if p is not None]
    unit = "/".join(parts)
    try:
        return validate_unit(unit)
    except ValueError as exc:  # defensive: the tables only build valid units
        raise _error(phrase, str(exc)) from exc


def _item(state: _State) -> str | None:
    """Calibre label, with "rocket" when rockets are counted."""
    if not state.calibres:
        return None
    label = state.calibre_joiner.join(state.calibres)
    return f"{label} rocket" if state.rocket else label


def _to_float(value: Decimal, phrase: str) -> float:
    """Convert to float, refusing numbers too large to represent.

    Unreachable within :data:`MAX_PHRASE_LENGTH` characters today (300 digits stay below
    1.8e308); kept so that raising the limit cannot produce an infinite value.
    """
    number = float(value)
    if not math.isfinite(number):
        raise _error(phrase, f"number {value} is too large")
    return number


def _values(state: _State, phrase: str) -> tuple[Qualifier, float, float | None, bool]:
    """Qualifier, value, value_high and vague flag from the quantity read."""
    quantity = state.quantity
    if quantity is None:
        raise _error(phrase, "no number found; expected e.g. 'more than 5000 rounds'")
    low = _to_float(quantity.low, phrase)
    high = None if quantity.high is None else _to_float(quantity.high, phrase)
    if high is None or high == low:  # ends equal after rounding to float: not a range
        return state.qualifier or "exact", low, None, False
    if state.qualifier is not None:
        raise _error(
            phrase,
            f"qualifier {state.qualifier!r} cannot be combined with a range; expected either "
            "a qualified number or a range",
        )
    return "range", low, high, quantity.vague


def parse_claim(text: str, source: Source | None = None) -> Claim:
    """Parse a reported phrase into a :class:`~munitions_model.claims.Claim`.

    Parameters
    ----------
    text : str
        The phrase, e.g. ``"more than one million artillery rounds"``; at most
        :data:`MAX_PHRASE_LENGTH` characters. It is stored unmodified in ``Claim.phrase``.
    source : Source, optional
        Passed through to the claim.

    Returns
    -------
    Claim
        Value in the unit as stated, qualifier, unit, item and the phrase.

    Raises
    ------
    ClaimParseError
        If the phrase cannot be read; the message quotes the phrase and says what was
        expected. Non-``str`` input raises it too, naming the type.

    Examples
    --------
    >>> claim = parse_claim("up to 60 000 artillery shells every day")
    >>> claim.qualifier, claim.value, claim.unit
    ('at_most', 60000.0, 'rounds/day')
    >>> claim = parse_claim("between 10 and 11 million")
    >>> claim.qualifier, claim.value, claim.value_high, claim.unit
    ('range', 10000000.0, 11000000.0, 'count')
    """
    normalised = _normalise(text)
    state = _Reader(text, _tokenize(normalised, text)).read()
    qualifier, value, value_high, vague = _values(state, text)
    unit = _unit(state, text)
    try:
        return Claim(
            value=value,
            qualifier=qualifier,
            unit=unit,
            value_high=value_high,
            vague=vague,
            item=_item(state),
            phrase=text,
            source=source,
        )
    except ValidationError as exc:  # defensive: the checks above should make this unreachable
        raise _error(text, str(exc)) from exc
