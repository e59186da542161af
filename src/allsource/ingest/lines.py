"""Recognisers for single lines of web-page boilerplate, judged on their visible text alone.

These are the context-free rules; `clean` adds the ones that depend on where a line stands
(before the title, after the last sentence, inside a "Recommended" section).
"""

from __future__ import annotations

import re

_SHARE = re.compile(
    r"^(?:share(?: this(?: article| page| story| post)?)?(?: on \w+)?|tweet(?: this)?|"
    r"e-?mail(?: this)?(?: article| page)?|print(?: this)?(?: article| page)?|"
    r"view/print page as pdf|(?:download|save)(?: as)? (?:a )?pdf|copy link|"
    r"(?:(?:facebook|twitter|x|linkedin|whatsapp|telegram|reddit|email|print|share)"
    r"[\s|/·•,]*){1,8})$",
    re.IGNORECASE,
)
_SIGNUP = re.compile(
    r"\b(?:sign[- ]?up|subscribe|subscription|newsletters?|email alerts|mailing list|"
    r"get (?:our|the) (?:latest|best)|delivered to your inbox)\b",
    re.IGNORECASE,
)
# A promotion phrased as a sentence: an imperative offering mail.
_SIGNUP_PROMPT = re.compile(
    r"^(?:sign up|subscribe|join our|get our|receive our)\b.*\b(?:newsletters?|alerts?|"
    r"updates|inbox|mailing list|e-?mails?)\b",
    re.IGNORECASE,
)
_NAVIGATION = re.compile(
    r"^(?:home|menu|search|site ?map|skip to (?:main )?content|(?:back )?to top|"
    r"also available in|read (?:this|it) in \w+|next(?: article| post| story)?|"
    r"previous(?: article| post| story)?|log ?in|sign ?in|log ?out|main menu|"
    r"toggle navigation|open menu|close menu)\s*[:›»>|/]*$",
    re.IGNORECASE,
)
_BREADCRUMB = re.compile(r"^\S.*?(?:\s[>›»/|]\s.*?){2,}$|^home\s*[>›»/|]", re.IGNORECASE)
_TRAILING_SEPARATOR = re.compile(r"\s[/|›»]$|^[/|›»]\s")
_LANGUAGES = frozenset(
    "arabic farsi persian english french spanish german russian turkish hebrew chinese urdu "
    "kurdish pashto dari italian portuguese japanese korean ukrainian azerbaijani azeri "
    "armenian georgian hindi indonesian malay dutch polish".split()
)
_READ_MORE = re.compile(
    r"^(?:read more|continue reading|read the (?:full |whole |rest of the |original )?"
    r"(?:article|story|piece|report|essay|interview))(?:\s+(?:at|on|in|from)\b|\W*$)",
    re.IGNORECASE,
)
_MORE_ABOUT = re.compile(
    r"^(?:more (?:about|on)|tags|topics|filed under|categories|keywords|related topics)\s*:",
    re.IGNORECASE,
)
_FOOTER = re.compile(
    r"©|\(c\)\s*\d{4}|\bcopyright\s+(?:©\s*)?\d{4}|all rights reserved|privacy policy|"
    r"terms (?:of|and) (?:use|service|conditions)|cookie (?:policy|settings)|"
    r"^(?:tel|phone|fax|e-?mail)\s*[:.]|^contact(?: us)?$|^follow us\b|"
    r"^rights (?:&|and) permissions$|^press room$|^about us$|^careers$|^donate$",
    re.IGNORECASE,
)
_IMAGE_FILE = re.compile(r"^\S+\.(?:jpe?g|png|gif|webp|svg|tiff?|bmp|avif)$", re.IGNORECASE)
_CAPTION = re.compile(
    r"^(?:photo|image|picture|photograph|illustration)(?: credit)?s?\s*(?::|by\b)",
    re.IGNORECASE,
)


def _labels(*alternatives: str) -> re.Pattern[str]:
    return re.compile(rf"^(?:{'|'.join(alternatives)})$", re.IGNORECASE)


_SECTION_HEADINGS = (
    (
        "author_bio",
        _labels(r"about the authors?", r"about the author\(s\)", r"author bios?", r"the authors?"),
    ),
    (
        "recommended",
        _labels(
            r"recommended(?: reading| for you)?",
            r"related(?: articles| content| posts| reading| stories| analysis)?",
            r"read next",
            r"you may also like",
            r"more from [\w\s&'’.-]{1,40}",
            r"most (?:read|popular)",
            r"further reading",
            r"see also",
            r"popular(?: articles)?",
        ),
    ),
    (
        "more_about",
        _labels(
            r"topics", r"tags", r"categories", r"keywords", r"regions?(?: (?:&|and) countries)?"
        ),
    ),
    (
        "signup",
        _labels(
            r"stay up to date",
            r"stay informed",
            r"email alerts",
            r"newsletter",
            r"subscribe",
            r"sign up",
        ),
    ),
    (
        "endnotes",
        _labels(
            r"notes",
            r"end ?notes",
            r"foot ?notes",
            r"references",
            r"sources",
            r"bibliography",
            r"works cited",
            r"citations",
        ),
    ),
)
_TERMINAL = re.compile(r"[.!?…:;][\"'”’)\]]*$")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_NOTE_START = re.compile(r"^(?:\[\d{1,3}\]|<sup>\s*\d{1,3}\s*</sup>|\d{1,3}[.)]?)\s+\S")
_CITATION_CUE = re.compile(
    r"https?://|www\.|\bibid\b|\bop\. cit\b|\bpp?\.\s*\d|[\"“*]|\baccessed\b", re.IGNORECASE
)


def line_kind(raw: str, plain: str) -> str | None:
    """The boilerplate kind of a line that is boilerplate wherever it stands, else None."""
    if not plain:
        return "image" if raw.lstrip().startswith("![") else None
    words = len(plain.split())
    if _IMAGE_FILE.match(plain) or (_CAPTION.match(plain) and words <= 12):
        return "image"
    if words <= 15 and _READ_MORE.match(plain):
        return "read_more"
    if _MORE_ABOUT.match(plain) and words <= 40:
        return "more_about"
    if words <= 20 and _FOOTER.search(plain):
        return "footer"
    if words <= 8 and _SHARE.match(plain):
        return "share"
    if words <= 12 and (
        _SIGNUP_PROMPT.match(plain) or (_SIGNUP.search(plain) and not _SENTENCE_END.search(plain))
    ):
        return "signup"
    if words <= 12 and _is_navigation(raw, plain):
        return "navigation"
    return None


def _is_navigation(raw: str, plain: str) -> bool:
    if _NAVIGATION.match(plain) or _BREADCRUMB.match(plain):
        return True
    if _TRAILING_SEPARATOR.search(plain) and len(plain.split()) <= 6:
        return True
    return _is_language_links(raw, plain)


def _is_language_links(raw: str, plain: str) -> bool:
    names = re.split(r"[\s/|,·•]+", plain.lower())
    names = [n for n in names if n]
    linked = "](" in raw or any(sep in plain for sep in "/|")
    return linked and bool(names) and all(n in _LANGUAGES for n in names)


def section_kind(plain: str) -> str | None:
    """The kind of boilerplate section a heading-like line opens, if it opens one."""
    label = plain.strip().rstrip(":").strip()
    if len(label.split()) > 6 or ends_sentence(label):
        return None
    for kind, pattern in _SECTION_HEADINGS:
        if pattern.match(label):
            return kind
    return None


def word_count(text: str) -> int:
    return len(text.split())


def is_sentence(plain: str, min_words: int = 4) -> bool:
    """A line that reads as prose: enough words and closing punctuation."""
    return word_count(plain) >= min_words and bool(_TERMINAL.search(plain))


def ends_sentence(plain: str) -> bool:
    return bool(_TERMINAL.search(plain))


def is_citation(raw: str) -> bool:
    """A numbered note that cites a source rather than continuing the argument."""
    text = raw.strip()
    return bool(_NOTE_START.match(text)) and bool(_CITATION_CUE.search(text))
