"""Block quotes: paragraphs quoted whole after a lead-in that ends with a colon.

Digests and newsletters excerpt other writers this way ("…, explains Oved Lobel:" followed by
his paragraphs). The excerpt runs until the next lead-in colon; a lead-in with no reporting
verb of its own ("Since 2000 the ties have grown:") continues the previous writer's excerpt.
"""

from __future__ import annotations

import re

from allsource.extract.claims import load_lexicon
from allsource.extract.mentionindex import MentionIndex
from allsource.model.ids import make_id
from allsource.model.records import Claim, Document, Evidence

_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]*)*")


def extract_block_quotes(doc, document: Document, mentions: MentionIndex, known: list[Claim]) -> list[Claim]:
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(document.text) if m.group().strip()]
    covered = {(c.evidence[0].start, c.evidence[0].end) for c in known}
    claims: list[Claim] = []
    speaker, cue = None, ""
    quoting = False
    for start, end in paragraphs:
        text = document.text[start:end].rstrip()
        if text.endswith(":"):
            found = _lead_in_speaker(doc, start, start + len(text), mentions)
            if found:
                speaker, cue = found
            quoting = speaker is not None
            continue
        if not quoting or (start, start + len(text)) in covered:
            continue
        content_end = start + len(text)
        about = [e for e in mentions.entities_in(start, content_end) if e != speaker]
        claims.append(Claim(
            id=make_id("claim", document.id, start, content_end, speaker), speaker=speaker, cue=cue,
            text=document.text[start:content_end], direct=True, about=about,
            evidence=[Evidence(document.id, start, content_end, document.text[start:content_end])]))
    return claims


def _lead_in_speaker(doc, start: int, end: int, mentions: MentionIndex) -> tuple[str, str] | None:
    """The named subject of a reporting verb in the lead-in's last sentence, with the verb."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    last = list(span.sents)[-1]
    verbs = load_lexicon().verbs
    for token in last:
        if token.lemma_.lower() in verbs and token.pos_ in ("VERB", "AUX"):
            for child in token.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    speaker = mentions.entity_at(child.left_edge.idx, child.right_edge.idx + len(child.right_edge.text))
                    if speaker:
                        return speaker, token.text
    return None
