"""extract_document: one Document in, plain records out. Nothing spaCy crosses this boundary."""

from __future__ import annotations

from allsource.extract.blockquotes import extract_block_quotes
from allsource.extract.claims import extract_claims
from allsource.extract.coref import resolve_document
from allsource.extract.events import extract_events
from allsource.extract.mentionindex import MentionIndex
from allsource.extract.mentions import find_candidates
from allsource.extract.nlp import parse
from allsource.extract.statements import extract_statements
from allsource.model.records import Claim, Document, Extraction, Statement

EXTRACTOR_VERSION = "1"


def extract_document(document: Document, nlp=None) -> Extraction:
    doc = parse(document.text, nlp)
    entities, mentions = resolve_document(doc, find_candidates(doc), document.id)
    index = MentionIndex(mentions)
    by_id = {e.id: e for e in entities}
    statements = extract_statements(doc, document, index, by_id)
    events = extract_events(doc, document, index, by_id)
    claims = extract_claims(doc, document, index)
    claims += extract_block_quotes(doc, document, index, claims)
    _link_claims_to_statements(claims, statements)
    return Extraction(document, entities, mentions, statements, events, claims)


def _link_claims_to_statements(claims: list[Claim], statements: list[Statement]) -> None:
    """A statement found inside a claim's content is that claim's assertion: it is reported."""
    for claim in claims:
        content = claim.evidence[0]
        for statement in statements:
            sentence = statement.evidence[0]
            if sentence.start < content.end and content.start < sentence.end:
                statement.modality = "reported"
                if claim.statement is None:
                    claim.statement = statement.id
