"""The phrase reader's vocabulary, loaded from ``data/phrases.toml`` and checked once.

Every English word the reader (:mod:`munitions_model._parser`) knows is data in
``phrases.toml``; this module turns its lists into `PhraseTable` look-ups and checks them
(units against :mod:`munitions_model.units`, no word under two meanings of one kind).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any, Final, Generic, TypeVar, cast, get_args

from munitions_model._tokens import Token, tokenize
from munitions_model.claims import Qualifier, ScopeKind
from munitions_model.units import validate_unit

__all__ = ["GENERIC_ITEMS", "Noun", "PhraseTable", "Vocabulary", "vocabulary", "words_of"]

V = TypeVar("V")
_QUALIFIERS: Final = frozenset(get_args(Qualifier))


def words_of(tokens: Iterable[Token]) -> tuple[str, ...]:
    """The words of tokens for matching: glued hyphens dropped ("self-propelled" is
    matched as "self propelled")."""
    return tuple(t.text for t in tokens if not (t.text == "-" and not t.spaced))


class PhraseTable(Generic[V]):
    """Phrases of one or more words, each with a value; finds the longest at a position.

    Matching ignores glued hyphens on both sides, so "large-calibre" matches "large
    calibre" and "self-propelled" matches "self propelled".
    """

    def __init__(self, name: str, entries: Iterable[tuple[str, V]]) -> None:
        self.name = name
        self._by_first: dict[str, list[tuple[tuple[str, ...], V]]] = {}
        seen: dict[tuple[str, ...], V] = {}
        for phrase, value in entries:
            key = words_of(tokenize(phrase.lower()))
            if not key:
                raise ValueError(f"phrases.toml [{name}]: empty phrase {phrase!r}")
            if key in seen and seen[key] != value:
                raise ValueError(
                    f"phrases.toml [{name}]: {phrase!r} has two meanings, "
                    f"{seen[key]!r} and {value!r}"
                )
            seen[key] = value
        for key, value in seen.items():
            self._by_first.setdefault(key[0], []).append((key, value))
        for keys in self._by_first.values():
            keys.sort(key=lambda kv: -len(kv[0]))

    def __contains__(self, word: object) -> bool:
        return any(len(k) == 1 and k[0] == word for k, _ in self._by_first.get(str(word), []))

    def __iter__(self) -> Iterator[tuple[tuple[str, ...], V]]:
        for keys in self._by_first.values():
            yield from keys

    def match(self, tokens: list[Token], i: int) -> tuple[int, V, tuple[str, ...]] | None:
        """Longest phrase starting at token ``i``: (end index, value, words), or ``None``."""
        if i >= len(tokens):
            return None
        candidates = self._by_first.get(tokens[i].text)
        if not candidates:
            return None
        for key, value in candidates:
            end = _match_words(tokens, i, key)
            if end is not None:
                return end, value, key
        return None


def _match_words(tokens: list[Token], i: int, key: tuple[str, ...]) -> int | None:
    """End index if the tokens from ``i`` spell ``key`` (skipping glued hyphens)."""
    j = i
    for word in key:
        while j < len(tokens) and tokens[j].text == "-" and not tokens[j].spaced and j > i:
            j += 1
        if j >= len(tokens) or tokens[j].text != word:
            return None
        j += 1
    return j


@dataclass(frozen=True)
class Noun:
    """What a noun phrase counts.

    Parameters
    ----------
    unit : str, optional
        The unit it counts (``rounds``, ``drones``, ``count`` ...), or ``None`` for a
        descriptor that only names the item ("artillery", "explosives").
    item : str, optional
        The item label it gives ("ballistic missile", "Shahed").
    generic : bool
        Counts whatever follows "of" ("units of ammunition", "pieces of artillery
        ammunition").
    calibre : str, optional
        The calibre the item implies ("170mm" for a Koksan).
    system : bool
        A named system (more specific than a kind).
    """

    unit: str | None = None
    item: str | None = None
    generic: bool = False
    calibre: str | None = None
    system: bool = False


@dataclass(frozen=True)
class Relative:
    """A time relative to the report date: so many years, months or days from it."""

    years: int | None = None
    months: int | None = None
    days: int | None = None


@dataclass(frozen=True)
class Vocabulary:
    """Every table of ``phrases.toml``, ready for the reader."""

    prefix_qualifiers: PhraseTable[Qualifier]
    postfix_qualifiers: PhraseTable[Qualifier]
    negations: PhraseTable[bool]
    limits: frozenset[str]
    emphasis: PhraseTable[bool]
    units_words: frozenset[str]
    teens_words: frozenset[str]
    tens_words: frozenset[str]
    scale_words: frozenset[str]
    point_word: str
    digit_scales: Mapping[str, Decimal]
    vague_plurals: Mapping[str, Decimal]
    vague_plural_range: tuple[Decimal, Decimal]
    several_range: tuple[Decimal, Decimal]
    a_few_range: tuple[Decimal, Decimal]
    fraction_words: Mapping[str, int]
    percent: PhraseTable[bool]
    multiplier_words: Mapping[str, int]
    divisor_words: Mapping[str, int]
    multiplier_suffixes: frozenset[str]
    comparatives: PhraseTable[bool]
    ratio_words: frozenset[str]
    per_each: PhraseTable[bool]
    nouns: PhraseTable[Noun]
    time_nouns: PhraseTable[str]
    rate_leads: PhraseTable[bool]
    rate_adverbs: PhraseTable[str]
    per_item_leads: PhraseTable[bool]
    length_words: PhraseTable[bool]
    money_words: PhraseTable[bool]
    mass_attributes: PhraseTable[str]
    mm_words: PhraseTable[bool]
    inch_words: PhraseTable[bool]
    calibre_suffixes: PhraseTable[bool]
    catalogue: Mapping[str, str]
    scope_leads: PhraseTable[ScopeKind]
    ago_words: PhraseTable[bool]
    months: Mapping[str, int]
    parts_of_year: PhraseTable[tuple[int, int]]
    relative: PhraseTable[Relative]
    span_backward: frozenset[str]
    span_forward: frozenset[str]
    recent_weeks: int
    events: PhraseTable[str]
    context_words: frozenset[str]
    number_words: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        words = self.units_words | self.teens_words | self.tens_words | self.scale_words
        object.__setattr__(self, "number_words", words)


def _table(name: str, groups: Mapping[str, Any], convert: Any = None) -> PhraseTable[Any]:
    """A table from ``{value: [phrases]}``; ``convert`` maps the key to the stored value."""
    entries = [
        (phrase, key if convert is None else convert(key))
        for key, phrases in groups.items()
        for phrase in phrases
    ]
    return PhraseTable(name, entries)


def _flag_table(name: str, phrases: Iterable[str]) -> PhraseTable[bool]:
    return PhraseTable(name, [(p, True) for p in phrases])


def _pair(name: str, value: Any) -> tuple[Decimal, Decimal]:
    low, high = (Decimal(v) for v in value)
    if not 0 < low < high:
        raise ValueError(f"phrases.toml [{name}]: expected 0 < low < high, got {value!r}")
    return low, high


def _qualifiers(name: str, groups: Mapping[str, Any]) -> PhraseTable[Qualifier]:
    for key in groups:
        if key not in _QUALIFIERS:
            raise ValueError(f"phrases.toml [{name}]: {key!r} is not a qualifier")
    return cast(PhraseTable[Qualifier], _table(name, groups))


def _nouns(units: Mapping[str, Any], items: Mapping[str, Any]) -> PhraseTable[Noun]:
    """Count nouns, other countable nouns, kinds and systems in one table."""
    generic = {w.lower() for w in units["generic"]["words"]}
    entries: list[tuple[str, Noun]] = []
    for unit, words in units["count"].items():
        validate_unit(unit)
        entries += [(w, Noun(unit=unit, generic=w in generic)) for w in words]
    counted = {w for words in units["count"].values() for w in words}
    entries += [(w, Noun(generic=True)) for w in generic - counted]
    for label, words in units["other"].items():
        entries += [(w, Noun(unit="count", item=label)) for w in words]
    for group, system in (("kinds", False), ("systems", True)):
        for label, spec in items[group].items():
            unit = spec.get("unit")
            if unit is not None:
                validate_unit(unit)
            noun = Noun(unit=unit, item=label, calibre=spec.get("calibre"), system=system)
            entries += [(w, noun) for w in spec["words"]]
    return PhraseTable("nouns", entries)


def _load(data: Mapping[str, Any]) -> Vocabulary:
    q, numbers, units, scopes = (
        data["qualifiers"],
        data["numbers"],
        data["units"],
        data["scopes"],
    )
    vague = numbers["vague_range"]
    rate = units["rate"]
    per = {"day", "week", "month", "year", "hour", "minute", "second"}
    for key in rate["adverbs"]:
        if key not in per:
            raise ValueError(f"phrases.toml [units.rate.adverbs]: unknown time {key!r}")
    months = {k: int(v) for k, v in scopes["months"].items()}
    if any(not 1 <= m <= 12 for m in months.values()):
        raise ValueError("phrases.toml [scopes.months]: a month must be 1..12")
    return Vocabulary(
        prefix_qualifiers=_qualifiers("qualifiers.prefix", q["prefix"]),
        postfix_qualifiers=_qualifiers("qualifiers.postfix", q["postfix"]),
        negations=_flag_table("qualifiers.negation", q["negation"]["words"]),
        limits=frozenset(q["limit"]["words"]),
        emphasis=_flag_table("lead", data["lead"]["emphasis"]),
        units_words=frozenset(numbers["units"]),
        teens_words=frozenset(numbers["teens"]),
        tens_words=frozenset(numbers["tens"]),
        scale_words=frozenset(numbers["scales"]),
        point_word=numbers["point"],
        digit_scales={k: Decimal(v) for k, v in numbers["digit_scales"].items()},
        vague_plurals={k: Decimal(v) for k, v in numbers["vague_plurals"].items()},
        vague_plural_range=_pair("vague_range.plural", vague["plural"]),
        several_range=_pair("vague_range.several", vague["several"]),
        a_few_range=_pair("vague_range.a_few", vague["a_few"]),
        fraction_words={k: int(v) for k, v in numbers["fractions"].items()},
        percent=_flag_table("numbers.percent", numbers["percent"]["words"]),
        multiplier_words={k: int(v) for k, v in numbers["multipliers"].items()},
        divisor_words={k: int(v) for k, v in numbers["divisors"].items()},
        multiplier_suffixes=frozenset(numbers["multiplier_suffixes"]["words"]),
        comparatives=_table(
            "numbers.multiplier_comparatives",
            numbers["multiplier_comparatives"],
            lambda key: key == "less",
        ),
        ratio_words=frozenset(numbers["ratio"]["ratio_words"]),
        per_each=_flag_table("numbers.ratio.per_each", numbers["ratio"]["per_each"]),
        nouns=_nouns(units, data["items"]),
        time_nouns=_table("units.time", units["time"]),
        rate_leads=_flag_table("units.rate.leads", rate["leads"]),
        rate_adverbs=_table("units.rate.adverbs", rate["adverbs"]),
        per_item_leads=_flag_table("units.per_item", units["per_item"]["leads"]),
        length_words=_flag_table("units.length", units["length"]["words"]),
        money_words=_flag_table("units.length.money", units["length"]["money"]),
        mass_attributes=_table("units.mass_attribute", units["mass_attribute"]),
        mm_words=_flag_table("units.calibre.mm", units["calibre"]["mm"]),
        inch_words=_flag_table("units.calibre.inch", units["calibre"]["inch"]),
        calibre_suffixes=_flag_table("units.calibre.suffixes", units["calibre"]["suffixes"]),
        catalogue=dict(data["catalogue"]),
        scope_leads=_table("scopes", {k: scopes[k] for k in ("since", "by", "during", "total")}),
        ago_words=_flag_table("scopes.ago", scopes["ago"]),
        months=months,
        parts_of_year=_table(
            "scopes.parts_of_year",
            {k: [k] for k in scopes["parts_of_year"]},
            lambda k: tuple(scopes["parts_of_year"][k]),
        ),
        relative=PhraseTable(
            "scopes.relative", [(k, Relative(**v)) for k, v in scopes["relative"].items()]
        ),
        span_backward=frozenset(scopes["spans"]["backward"]),
        span_forward=frozenset(scopes["spans"]["forward"]),
        recent_weeks=int(scopes["spans"]["recent_weeks"]),
        events=PhraseTable("scopes.events", list(scopes["events"].items())),
        context_words=frozenset(
            w for key in ("function_words", "verbs") for w in data["context"][key]
        ),
    )


def _generic_items() -> frozenset[str]:
    text = resources.files("munitions_model").joinpath("data/phrases.toml").read_text("utf-8")
    return frozenset(tomllib.loads(text)["catalogue_generic"]["items"])


#: Item labels that name no munition in particular ("artillery rounds"): where a function
#: needs a munition, such a claim leaves the choice to the argument or the default.
GENERIC_ITEMS: Final = _generic_items()


@cache
def vocabulary() -> Vocabulary:
    """The bundled vocabulary (read once)."""
    text = resources.files("munitions_model").joinpath("data/phrases.toml").read_text("utf-8")
    return _load(tomllib.loads(text))
