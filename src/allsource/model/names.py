"""Name normalisation shared by coreference (inside a document) and resolution (across them).

Keys are exact-match strings, so two names merge only when their keys are equal: that keeps
Khamenei (khamini) and Khomeini (khumini) apart while Qods/Quds, Qasem/Qassem, Ghaani/Qaani,
Soleimani/Suleimani and Sergei/Sergey fold together. `person_names_alike` goes further
for full names only (spellings a letter or two apart, initials, short forms, word breaks);
resolution uses it only when it points to exactly one known person.
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
hojatolislam hujjatulislam congressman congresswoman
ministers presidents generals commanders leaders secretaries ambassadors senators
""".split())

ARABIC_PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "abu"})
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



# English short forms of given names, compared as their full form when names are alike
NICKNAMES = {
    "bill": "william", "will": "william", "bob": "robert", "rob": "robert", "dick": "richard", "rick": "richard",
    "jim": "james", "jimmy": "james", "mike": "michael", "mick": "michael", "chris": "christopher",
    "tom": "thomas", "tony": "anthony", "ted": "edward", "ed": "edward", "ned": "edward", "jeff": "jeffrey",
    "ken": "kenneth", "chuck": "charles", "charlie": "charles", "dave": "david", "dan": "daniel",
    "joe": "joseph", "sam": "samuel", "steve": "stephen", "alec": "alexander", "alex": "alexander",
    "andy": "andrew", "ben": "benjamin", "bibi": "benjamin", "nick": "nicholas", "pete": "peter",
    "fred": "frederick", "greg": "gregory", "jack": "john", "jon": "jonathan", "kate": "katherine",
    "liz": "elizabeth", "beth": "elizabeth", "sue": "susan", "pat": "patrick", "larry": "lawrence",
    "matt": "matthew", "ash": "ashton", "newt": "newton", "lulu": "lulama", "hal": "henry", "harry": "henry",
}


def _given(part: str) -> str:
    return phonetic(NICKNAMES.get(part, part))


def person_names_alike(a: str, b: str) -> bool:
    """True when two full names (two parts or more each) can be one person's name spelled or
    written differently: the same letters with other word breaks (Abdelelah / Abdel Elah);
    three parts or more that agree but for one letter in one part; or the first given names
    alike, the surnames (last parts, or the longer name's last but one) alike, and the shorter
    name's middle parts found, in order, among the longer name's (Janaka B. Tennekoon / Janaka
    Bandara Tennakoon). Parts are alike when equal, one edit apart (two in parts of eight
    letters or more), or, for the first given name, a short form (Jeff / Jeffrey) or a prefix of
    five letters or more; an initial stands for a middle part with that letter, never for a
    surname. A lone surname never qualifies, so Khamenei and Khomeini stay apart, and
    different first names keep Bashar and Hafez al-Assad apart."""
    pa, pb = name_parts(a), name_parts(b)
    if len(pa) < 2 or len(pb) < 2:
        return False
    fa, fb = [phonetic(t) for t in pa], [phonetic(t) for t in pb]
    joined_a, joined_b = "".join(fa), "".join(fb)
    if joined_a == joined_b or _joined_with_particles(a) == _joined_with_particles(b):
        return True
    # other word breaks and a letter more in a long name (Ramakrishna / Rama Kirshna)
    if len(fa) != len(fb) and min(len(joined_a), len(joined_b)) >= 10 and _edits_within(joined_a, joined_b, 1):
        return True
    (short, short_raw), (long_, long_raw) = sorted([(fa, pa), (fb, pb)], key=lambda pair: len(pair[0]))
    if _one_part_respelled(short, long_):
        return True
    if _rotated(short, long_):
        return True
    if not _given_alike(short_raw[0], long_raw[0], same_surname=short[-1] == long_[-1] and len(short[-1]) >= 4):
        return False
    if _surnames_alike(short[-1], long_[-1], rare_given_name=short[0] == long_[0] and len(short[0]) >= 8):
        return _middle_parts_found(short[1:-1], long_[1:-1])
    # a second surname the shorter name leaves out (Dante Pino / Dante Napoleon Pino Archondo);
    # in an Arabic name (al, bin…) the parts are a chain of forebears, so only the family name
    # may be left out, never a forebear in between (Rachid Talbi / Rachid Talbi el Alami, but
    # Rashid Ahmad is not Rashid bin Abdallah bin Ahmad al Khalifa)
    arabic = bool(ARABIC_PARTICLES & set(tokens(a if long_raw is pa else b)))
    return (len(long_) > len(short) and not (arabic and len(long_) > len(short) + 1)
            and _surnames_alike(short[-1], long_[-2]) and _middle_parts_found(short[1:-1], long_[1:-2]))


LONG_SURNAME = 8


def long_surname_keys(text: str) -> list[str]:
    """A long surname's start and end, under which a lone surname finds a full name spelled a
    letter apart (Wiramethikun / Wirachai Wiramenthikun) and the other way round."""
    parts = name_parts(text)
    surname = phonetic(parts[-1]) if parts else ""
    return [f"surname:~^{surname[:4]}", f"surname:~${surname[-4:]}"] if len(surname) >= LONG_SURNAME else []


def lone_surname_alike(lone: str, full: str) -> bool:
    """A lone surname of eight letters or more is the last part of a full name, spelled
    alike (see _surnames_alike); shorter surnames are too often shared to guess."""
    lone_parts, full_parts = name_parts(lone), name_parts(full)
    if len(lone_parts) != 1 or len(full_parts) < 2:
        return False
    a, b = phonetic(lone_parts[0]), phonetic(full_parts[-1])
    return min(len(a), len(b)) >= LONG_SURNAME and _surnames_alike(a, b)


def _surnames_alike(a: str, b: str, rare_given_name: bool = False) -> bool:
    """Surnames may be spelled a letter apart, but short ones not by a for o/u: e/i (Mohamad,
    Mohamed) are interchangeable in transliteration, while Khamenei (khamini) and Khomeini
    (khumini) are two men. Behind one long given name spelled the same (eight letters or more,
    rarely shared), a for o/u is a spelling too (Ruhakana Ruganda / Rugunda), and a surname of
    four letters may differ by one (Satyadeow Sawh / Sawah)."""
    vowel_swap = (not rare_given_name and len(a) == len(b) < 9
                  and all({x, y} == {"a", "u"} for x, y in zip(a, b) if x != y))
    return a == b or (not vowel_swap and _parts_alike(a, b, initials=False, min_length=4 if rare_given_name else 5))


def _middle_parts_found(short: list[str], long_: list[str]) -> bool:
    """Each of the shorter name's middle parts is alike one of the longer's, in order."""
    j = 0
    for part in short:
        while j < len(long_) and not _parts_alike(part, long_[j]):
            j += 1
        if j == len(long_):
            return False
        j += 1
    return True


def _one_part_respelled(short: list[str], long_: list[str]) -> bool:
    """Three parts or more, all the same but one that is a letter apart (Tae / Thae Hyong
    Chol): with two parts agreeing, even a short part's spelling can vary."""
    if len(short) != len(long_) or len(short) < 3:
        return False
    differing = [(a, b) for a, b in zip(short, long_) if a != b]
    if len(differing) != 1 or min(map(len, differing[0])) < 3:
        return False
    # with three parts agreeing, a long part may be two letters apart (Jingili / Jangali)
    limit = 2 if len(short) >= 4 and min(map(len, differing[0])) >= 6 else 1
    return _edits_within(*differing[0], limit)


def _joined_with_particles(name: str) -> str:
    """The name's letters, particles kept, without word breaks (Sufiyan al Aw / Sufiyan Alaw)."""
    return "".join(phonetic(t) for t in tokens(name) if t not in TITLES)


def _rotated(short: list[str], long_: list[str]) -> bool:
    """Three parts or more, the same but for the first moved to the end (Hans Adam II / Adam
    II Hans), as East Asian and regnal names are written in either order."""
    return len(short) == len(long_) >= 3 and (short[1:] + short[:1] == long_ or long_[1:] + long_[:1] == short)


def _given_alike(a: str, b: str, same_surname: bool = False) -> bool:
    """Given names alike (see _parts_alike); behind one long surname spelled the same, long
    given names may differ by two letters (Triphonie / Triophodie Nkurunziza)."""
    ga, gb = _given(a), _given(b)
    shorter, longer = sorted((ga, gb), key=len)
    if same_surname and len(shorter) >= 7 and _edits_within(_sound(ga), _sound(gb), 2):
        return True
    return _parts_alike(ga, gb, initials=False, min_length=4) or (len(shorter) >= 5 and longer.startswith(shorter))


def _parts_alike(a: str, b: str, initials: bool = True, min_length: int = 5) -> bool:
    """Whether part a (of the shorter name) is alike part b (of the longer)."""
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return initials and (a == b[0] if len(a) == 1 else b == a[0])
    if _loose(a) == _loose(b) and len(_loose(a)) >= 3 or _sound(a) == _sound(b) and len(_sound(a)) >= 4:
        return True
    shortest = min(len(a), len(b))
    # a letter is a spelling choice only in parts long enough (Kerry and Kirby are two
    # people), a different first letter only in long parts (Mpande / Pande)
    if shortest < (min_length if a[0] == b[0] else 6):
        return False
    # sounds are already folded, so they may differ by one letter only
    return _edits_within(a, b, 2 if shortest >= 8 else 1) or _edits_within(_sound(a), _sound(b), 1)


_SILENT_H = re.compile(r"(?<![ckstz])h")
_FINAL_VOWELS = re.compile(r"[aiu]+$")


def _loose(part: str) -> str:
    """A folded part without an h that only lengthens a vowel and without final vowels, so
    Browne/Brown, Abbah/Aba and Thae/Tae agree."""
    folded = re.sub(r"(.)\1+", r"\1", _SILENT_H.sub("", part))
    stem = _FINAL_VOWELS.sub("", folded)
    return stem if len(stem) >= 3 else folded


# romanisations of one sound: Russian zh/dzh, Serbian dj, Persian and Turkmen sh/s, v/w
# (w is already u), th/t; a final d is often written t (Rashid / Rasit)
_TRANSLITERATIONS = (("dzh", "j"), ("dj", "j"), ("dz", "j"), ("zh", "j"), ("sh", "s"), ("th", "t"),
                     ("ij", "i"))


@lru_cache(maxsize=65536)
def _sound(part: str) -> str:
    """A folded part reduced further to how it sounds across romanisations, so Meredov /
    Meredow, Rashid / Rasit, Dmitri / Dimitri (after _edits_within) and Daudi / David agree."""
    for written, sound in _TRANSLITERATIONS:
        part = part.replace(written, sound)
    # v after the final vowels are dropped, so Petrov and Petr stay a letter apart
    part = re.sub(r"(.)\1+", r"\1", _loose(part).replace("v", "u"))
    return part[:-1] + "t" if part.endswith("d") else part


def _edits_within(a: str, b: str, limit: int) -> bool:
    """Edit distance between a and b (insertions, deletions, substitutions and swaps of two
    neighbouring letters, as in Colbert / Clobert) is at most limit."""
    if abs(len(a) - len(b)) > limit:
        return False
    before, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if before and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, before[j - 2] + 1)
            current.append(cost)
        if min(current) > limit:
            return False
        before, previous = previous, current
    return previous[-1] <= limit


def alike_keys(text: str) -> list[str]:
    """Blocking keys under which names `person_names_alike` may join are filed: the letters
    without word breaks, a long surname without its first letter, and the first given name's
    start with each later part's start. Like
    surname keys they find candidates, never a name: they start with "surname:" so that
    lookups by name (which skip surname keys) do not take them for one."""
    parts = name_parts(text)
    if len(parts) < 2:
        return long_surname_keys(text)
    keys = ["surname:~" + "".join(phonetic(t) for t in parts), *long_surname_keys(text)]
    surname = phonetic(parts[-1])
    if len(surname) >= 6:  # a surname whose first letter is spelled differently (Hryshchenko / Gryshchenko)
        keys.append(f"surname:~-{surname[1:]}")
    given = _given(parts[0])[:3]
    for part in parts[1:]:
        folded = phonetic(part)
        keys.append(f"surname:~{given} {folded[:1]}")
        keys.append(f"surname:~{given} ~{folded[1:3]}")
    return keys
