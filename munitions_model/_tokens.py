"""Tokens of a phrase, with their character offsets, and the values of digit literals.

The first stage of the phrase reader (:mod:`munitions_model._parser`). Text is normalised
one character for one character (so every token keeps its offsets into the original
text): unicode dashes become ``-``, unusual spaces ``" "``, curly apostrophes ``'`` and
double quotes a space. Tokens are digit literals (``num``), words (``word``), names that
mix letters and digits (``name``: ``kn-23``, ``m1989``, ``zapad-2025``), words in another
script or with accented letters (``foreign``) and single symbols (``sym``).

Digit literals
--------------
Separators between digit groups are read as follows.

* ``" "`` is only ever a thousands separator, and only before a group of exactly three
  digits that ends the word and is not a calibre (``60 000``, ``1 000 000``; but
  ``400 122 mm`` is 400 of 122 mm).
* If both ``,`` and ``.`` occur, the last one is the decimal mark and the other one is the
  thousands separator: ``1,000.5`` and ``1.000,5`` are both 1000.5.
* A mark that occurs more than once is a thousands separator: ``1,000,000``, ``1.000.000``.
* A mark that occurs once is a thousands separator when exactly three digits follow it and
  one to three digits (not a lone ``0``) precede it: ``1,000`` and ``60.000`` are 1000 and
  60000. Otherwise it is the decimal mark: ``1.5``, ``0.500``.
* **Scale words:** a single ``.`` followed by three digits is the decimal mark when a scale
  word follows, because "1.250 million" is how English writes 1.25 million: ``1.250
  million`` is 1 250 000 whereas ``1.250`` alone is 1250. A comma is not affected
  (``1,250 million`` is 1 250 million).
* **Decimal comma:** a single ``,`` followed by one or two digits is a decimal comma only
  when a scale word follows, as in translated reports ("5,2 million", "400,63 thousand").
  Without one it is refused: in English text "300,00" is more likely a thousands group
  with a digit lost than 300.
* Thousands groups must be three digits (``1,00,000`` is an error) and a literal may use
  only one thousands separator.

Digits glued to letters are split, so ``4.8m``, ``5k``, ``2bn`` and ``122mm`` work; letters
glued to digits make one name (``m1989``, ``kn-23``, ``fab-500``), never a number.
"""

from __future__ import annotations

import reprlib
import unicodedata
from decimal import Decimal
from typing import Final, Literal, NamedTuple

from munitions_model.claims import ClaimParseError

__all__ = [
    "Token",
    "error",
    "literal_value",
    "tokenize",
]

#: Longest digit literal read: longer ones cannot be a float anyway (1.8e308).
MAX_LITERAL: Final = 400

TokenKind = Literal["num", "word", "name", "sym", "foreign"]

_DIGITS: Final = frozenset("0123456789")
_SYMBOLS: Final = frozenset("()[],;:.-+~/%$€£&!?")
_DASHES: Final = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SPACES: Final = (
    "\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\n\r\f\v"
)
_APOSTROPHES: Final = "\u2018\u2019\u201b\u02bc`\u00b4"
_DOUBLE_QUOTES: Final = '"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a'
_NORMALISE: Final = str.maketrans(
    {
        **dict.fromkeys(_DASHES, "-"),
        **dict.fromkeys(_SPACES, " "),
        **dict.fromkeys(_APOSTROPHES, "'"),
        **dict.fromkeys(_DOUBLE_QUOTES, " "),
    }
)


class Token(NamedTuple):
    """One token of the text.

    Parameters
    ----------
    kind : {"num", "word", "name", "sym", "foreign"}
        Digit literal, English-alphabet word, letters-and-digits name, single symbol, or a
        word with letters outside the English alphabet.
    text : str
        The token, lower case (the digit literal as written).
    start, end : int
        Offsets of the token in the original text.
    spaced : bool
        Whether white space precedes the token (``False`` for the ``-`` and ``mm`` of
        ``152-mm``, which are glued to what comes before).
    upper : bool
        Whether the token starts with a capital letter in the original text.
    """

    kind: TokenKind
    text: str
    start: int
    end: int
    spaced: bool = True
    upper: bool = False


def error(phrase: object, message: str) -> ClaimParseError:
    """A `ClaimParseError` that quotes the phrase (shortened if very long)."""
    shortener = reprlib.Repr()
    shortener.maxstring = 240
    shortener.maxother = 240
    shown = shortener.repr(phrase)
    return ClaimParseError(f"cannot parse {shown}: {message}")


def _skip_digits(text: str, start: int) -> int:
    """Index just past the ASCII digits starting at ``start``."""
    end = start
    while end < len(text) and text[end] in _DIGITS:
        end += 1
    return end


def is_grouped(literal: str) -> bool:
    """Whether a digit literal so far is 1-3 digits then only 3-digit groups."""
    groups = literal.replace(",", " ").replace(".", " ").split(" ")
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def _letters_after(text: str, start: int) -> str:
    """The run of letters after optional spaces or hyphens at ``start`` (empty if none)."""
    begin = start
    while begin < len(text) and text[begin] in " -":
        begin += 1
    end = begin
    while end < len(text) and text[end].isalpha():
        end += 1
    return text[begin:end].lower()


_CALIBRE_WORDS: Final = frozenset(
    {"mm", "millimetre", "millimetres", "millimeter", "millimeters", "inch"}
)


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
    if text[group_end : group_end + 1] == "-" or any(c in ",." for c in text[start:end]):
        return False  # "6,500 500-pound", "1,800 2,000-lb": two numbers, not one
    return is_grouped(text[start:end]) and _letters_after(text, group_end) not in _CALIBRE_WORDS


def _scan_number(text: str, start: int) -> int:
    """End of a digit literal with its separators, e.g. ``1,000.5`` or ``60 000``."""
    end = _skip_digits(text, start)
    while True:
        if text[end : end + 1] in {".", ","} and text[end + 1 : end + 2] in _DIGITS:
            end = _skip_digits(text, end + 1)
        elif _space_group_at(text, start, end):
            end += 4
        else:
            return end


#: Words that a hyphen joins to a number without making a name ("5-to-1", "mid-2022").
_HYPHEN_WORDS: Final = frozenset(
    {"to", "and", "or", "per", "mid", "early", "late", "end", "start", "pre", "post", "in", "by"}
)


def _is_english_letter(ch: str) -> bool:
    return "a" <= ch <= "z" or "A" <= ch <= "Z"


def _scan_word(text: str, start: int) -> tuple[int, bool, bool]:
    """End of a word (letters, inner apostrophes and hyphens), whether it holds digits
    (a name such as ``kn-23``) and whether it has letters outside the English alphabet."""
    end, digits, foreign = start, False, False
    while end < len(text):
        ch = text[end]
        following = text[end + 1 : end + 2]
        if ch.isalpha():
            foreign = foreign or not _is_english_letter(ch)
        elif ch in _DIGITS:
            digits = True
        elif ch in "'-" and following and (following.isalpha() or (ch == "-" and digits)):
            pass
        elif (
            ch == "-"
            and following in _DIGITS
            and end > start
            and text[start:end].lower() not in _HYPHEN_WORDS
        ):
            digits = True  # "kn-23", "zapad-2025": a name, not a range
        elif unicodedata.category(ch) == "Mn":  # combining accents belong to the word
            foreign = True
        else:
            break
        end += 1
    return end, digits, foreign


def _word_tokens(normalised: str, start: int, end: int, spaced: bool, upper: bool) -> list[Token]:
    """A word split at its hyphens into words and glued ``-`` symbols ("twenty-one")."""
    tokens: list[Token] = []
    i = start
    for k, part in enumerate(normalised[start:end].split("-")):
        if k:
            tokens.append(Token("sym", "-", i, i + 1, spaced=False))
            i += 1
        if part:
            tokens.append(
                Token("word", part.lower(), i, i + len(part), spaced=spaced and not k, upper=upper)
            )
        i += len(part)
        upper = False
    return tokens


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens with offsets into ``text`` (see the module docstring).

    Never raises: characters that are none of letters, digits or known symbols become
    ``foreign`` tokens, which the reader refuses or skips.
    """
    normalised = text.translate(_NORMALISE)
    tokens: list[Token] = []
    i, spaced = 0, True
    while i < len(normalised):
        ch = normalised[i]
        if ch.isspace() or ch == "'":  # a lone apostrophe is a quote mark
            i, spaced = i + 1, True
            continue
        if ch in _DIGITS:
            end = _scan_number(normalised, i)
            tokens.append(Token("num", normalised[i:end], i, end, spaced))
        elif ch.isalpha():
            end, digits, foreign = _scan_word(normalised, i)
            if foreign:
                word = normalised[i:end]
                tokens.append(Token("foreign", word.lower(), i, end, spaced, word[0].isupper()))
            elif digits:
                word = normalised[i:end].lower()
                tokens.append(Token("name", word, i, end, spaced, upper=ch.isupper()))
            else:
                tokens.extend(_word_tokens(normalised, i, end, spaced, ch.isupper()))
        elif ch in _SYMBOLS:
            end = i + 1
            tokens.append(Token("sym", ch, i, end, spaced))
        else:
            end = i + 1
            tokens.append(Token("foreign", ch, i, end, spaced))
        i, spaced = end, False
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


def literal_value(literal: str, scaled: bool, phrase: str) -> Decimal:
    """Value of a digit literal; ``scaled`` says a scale word follows it.

    Raises
    ------
    ClaimParseError
        If the separators do not form a thousands grouping, or a decimal comma stands
        without a scale word.
    """
    if len(literal) > MAX_LITERAL:
        raise error(
            phrase,
            f"number {literal[:12]}... is too large ({len(literal)} characters; at most "
            f"{MAX_LITERAL} are read, a float holds about 309 digits)",
        )
    groups, marks = _split_literal(literal)
    point = _decimal_index(groups, marks, scaled)
    whole, fraction = (groups, "") if point is None else (groups[: point + 1], groups[-1])
    separators = marks if point is None else marks[:point]
    well_grouped = not separators or (
        len(set(separators)) == 1
        and (point is None or marks[point] not in separators)
        and is_grouped(" ".join(whole))
    )
    if not well_grouped:
        raise error(
            phrase,
            f"cannot read the number {literal!r}; expected thousands in groups of three "
            "(1,000,000 or 1 000 000) and at most one decimal mark",
        )
    if point is not None and marks == [","] and len(fraction) < 3 and not scaled:
        raise error(
            phrase,
            f"cannot read the number {literal!r}: a comma before {len(fraction)} digit(s) is "
            "a decimal comma only before a scale word ('5,2 million'); in English text it "
            "is more likely a thousands group with a digit lost; write 1.5 or 1,500",
        )
    return Decimal("".join(whole) + ("." + fraction if fraction else ""))
