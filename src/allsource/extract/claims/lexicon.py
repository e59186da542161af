"""The reporting cues claim extraction looks for: data, loaded from `data/reporting_verbs.yaml`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from allsource.errors import ConfigError

# Relative to the `allsource` package rather than to this module, so it names the same file
# wherever the module sits.
LEXICON_PATH = "data/reporting_verbs.yaml"


@dataclass(frozen=True)
class VerbCue:
    """How one reporting verb carries a claim; see the header of the lexicon file."""

    denial: bool = False
    accusation: bool = False
    complement: str | None = None
    object_content: bool = False
    infinitive: bool = False
    belief: bool = False

    @property
    def complement_words(self) -> tuple[str, ...]:
        """Where the content sits when the verb's object is a target rather than the content,
        most telling first ("predicate for": "called Y Z", else "called for Z")."""
        if self.complement:
            return tuple(self.complement.split())
        return ("of",) if self.accusation else ()


@dataclass(frozen=True)
class QuotedAs:
    """"X was quoted as saying": the quoting verb, the link and the speech verb, as written."""

    verb: str
    link: str
    speech: str


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, VerbCue]
    source_phrases: tuple[tuple[str, ...], ...]
    possessive_nouns: frozenset[str]
    quoted_as: tuple[QuotedAs, ...]
    cue_nouns: frozenset[str] = frozenset()


def parse_lexicon(data: Any) -> Lexicon:
    if not isinstance(data, dict):
        raise ConfigError(f"{LEXICON_PATH}: expected a mapping at the top level")
    verbs = _parse_verbs(data.get("verbs"))
    phrases = tuple(tuple(phrase.split()) for phrase in _word_list(data, "source_phrases"))
    possessive_nouns = frozenset(_word_list(data, "possessive_nouns"))
    quoted_as = []
    for phrase in _word_list(data, "quoted_as"):
        words = phrase.split()
        if len(words) != 3:
            raise ConfigError(f"{LEXICON_PATH}: quoted_as entry {phrase!r} needs exactly three words")
        quoted_as.append(QuotedAs(*words))
    return Lexicon(verbs, phrases, possessive_nouns, tuple(quoted_as), frozenset(_word_list(data, "cue_nouns")))


def _parse_verbs(section: Any) -> dict[str, VerbCue]:
    if not isinstance(section, dict) or not section:
        raise ConfigError(f"{LEXICON_PATH}: section 'verbs' is missing or empty")
    verbs = {}
    for lemma, flags in section.items():
        flags = flags or {}
        unknown = set(flags) - set(VerbCue.__dataclass_fields__)
        if not isinstance(flags, dict) or unknown:
            raise ConfigError(f"{LEXICON_PATH}: verb {lemma!r} has unknown flags {sorted(unknown)}")
        verbs[str(lemma).lower()] = VerbCue(**flags)
    return verbs


def _word_list(data: dict[str, Any], section: str) -> list[str]:
    entries = data.get(section)
    if not isinstance(entries, list) or not all(isinstance(e, str) and e.strip() for e in entries):
        raise ConfigError(f"{LEXICON_PATH}: section {section!r} must be a list of phrases")
    return [entry.lower() for entry in entries]


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    text = resources.files("allsource").joinpath(LEXICON_PATH).read_text(encoding="utf-8")
    return parse_lexicon(yaml.safe_load(text))
