"""Name normalisation shared by coreference (inside a document) and resolution (across them).

Keys are exact-match strings, so two names merge only when their keys are equal: that keeps
Khamenei (khamini) and Khomeini (khumini) apart while Qods/Quds, Qasem/Qassem, Ghaani/Qaani,
Soleimani/Suleimani and Sergei/Sergey fold together.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

TITLES = frozenset("""
mr mrs ms dr prof sir president vice prime minister foreign defense defence interior
ayatollah grand hojatoleslam sheikh shaykh imam supreme leader general gen maj lt col colonel
lieutenant brigadier commander cmdr admiral adm sergeant capt captain major ret retired senator
sen rep representative ambassador secretary chancellor king queen prince crown emir
former late then deputy chief spokesman spokeswoman mullah haj hajj sayyed sayed seyed
""".split())

NAME_PARTICLES = frozenset({"al", "el", "ul", "bin", "ibn", "bint", "abu", "van", "von", "de", "der", "la", "le"})

_APOSTROPHES = "\u2019\u2018\u02bc\u02bb`\u00b4"
_POSSESSIVE = re.compile(r"(?:'s|')$")
_TOKEN = re.compile(r"[a-z0-9]+")


def fold_ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def clean_surface(text: str) -> str:
    """Trims a mention's surface: quotes, a leading 'the', a trailing possessive, spaces."""
    text = text.strip()
    for mark in _APOSTROPHES:
        text = text.replace(mark, "'")
    text = re.sub(r"\s+", " ", text).strip(" \"'.,;:()[]")
    text = _POSSESSIVE.sub("", text).strip()
    if text.lower().startswith("the "):
        text = text[4:]
    return text


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold_ascii(clean_surface(text)).lower().replace("'", ""))


@lru_cache(maxsize=65536)
def phonetic(token: str) -> str:
    """Folds the spelling choices of romanised Persian, Arabic and Russian names."""
    t = token.lower()
    t = t.replace("gh", "q").replace("kh", "x").replace("ck", "k").replace("ph", "f")
    t = t.replace("ou", "u").replace("ee", "i").replace("oo", "u")
    t = t.translate(str.maketrans({"q": "k", "c": "k", "e": "i", "o": "u", "y": "i", "w": "u"}))
    t = re.sub(r"(.)\1+", r"\1", t)
    return t.replace("x", "kh")


def name_parts(text: str) -> list[str]:
    """The name's tokens without titles, particles or initials' dots."""
    parts = [t for t in tokens(text) if t not in TITLES]
    return [t for t in parts if t not in NAME_PARTICLES] or parts


def person_key(text: str) -> str:
    return " ".join(phonetic(t) for t in name_parts(text))


def surname_key(text: str) -> str:
    parts = name_parts(text)
    return phonetic(parts[-1]) if parts else ""


def org_key(text: str) -> str:
    return " ".join(phonetic(t) for t in tokens(text))


def acronym_of(text: str) -> str:
    """Initials of the capitalised words: 'Islamic Revolutionary Guard Corps' -> 'IRGC'."""
    words = re.findall(r"[A-Za-z][A-Za-z'\-]*", fold_ascii(text))
    skip = {"of", "the", "and", "for", "in", "on", "de", "al"}
    return "".join(w[0].upper() for w in words if w.lower() not in skip)


def person_names_compatible(a: str, b: str) -> bool:
    """True when one person name can stand for the other: same surname, and the shorter
    name's parts all appear in the longer (so Bashar and Hafez al-Assad stay apart)."""
    pa, pb = [phonetic(t) for t in name_parts(a)], [phonetic(t) for t in name_parts(b)]
    if not pa or not pb or pa[-1] != pb[-1]:
        return False
    shorter, longer = (pa, pb) if len(pa) <= len(pb) else (pb, pa)
    return set(shorter) <= set(longer)
