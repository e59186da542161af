"""The knowledge base as flat tables, for the CSV and Parquet exports: one table per record kind
plus the link tables, every id corpus-wide. The column descriptions become the README of a
CSV export and the field metadata of a Parquet one."""

from __future__ import annotations

TIME_COLUMNS = {
    "time_start": "first day of the time interval (YYYY-MM-DD); empty when the text gives no time",
    "time_end": "last day of the time interval (YYYY-MM-DD)",
    "time_precision": "day, month, season, year, decade, century or range",
    "time_text": "the words the time came from, as written",
}

TABLES: dict[str, tuple[str, dict[str, str]]] = {
    "documents": ("One row per article.", {
        "id": "document id (doc-…)",
        "title": "title from metadata or the first line",
        "authors": "author names",
        "publisher": "publisher or site; empty when unknown",
        "published": "publication date: YYYY-MM-DD, YYYY-MM or YYYY; empty when unknown",
        "source": "the file path or URL the article came from",
        "part": "index of the article within its file, from 0",
        "format": "txt, md, html or pdf",
        "content_hash": "SHA-256 of the file's bytes",
        "text": "the clean text; every start/end offset points into it",
    }),
    "entities": ("One row per corpus-wide actor or thing.", {
        "id": "entity id (ent-…)",
        "type": "person, organization, state, place, facility, weapon, product, agreement, event or other",
        "subtype": "organization subtype (government_body, military_unit, armed_group, …); empty otherwise",
        "name": "canonical name",
        "aliases": "every surface form, most mentioned first",
        "mention_count": "mentions across all documents",
        "doc_count": "documents that mention it",
    }),
    "mentions": ("One row per span of text naming an entity.", {
        "id": "mention id (m-…)",
        "entity": "entities.id it resolves to",
        "doc": "documents.id",
        "start": "offset of the first character in the document text",
        "end": "offset one past the last character",
        "text": "the surface text",
        "type": "the entity type the mention was read as",
        "source": "what found it: ner, gazetteer, pattern, seat, demonym, pronoun, propagated",
    }),
    "statements": ("One row per subject–predicate–object statement; evidence in the evidence table.", {
        "id": "statement id (st-…)",
        "subject": "entities.id of the subject",
        "predicate": "predicate of the ontology (docs/predicates.md)",
        "object": "entities.id of the object; empty when there is none",
        "item": "entities.id of the thing involved (weapon, agreement); empty when none",
        "role": "office or title for holds_role and leads",
        **TIME_COLUMNS,
        "negated": "true when the sentence says it did not happen",
        "modality": "plain, hedged or reported",
        "confidence": "0–1, a fixed score per extraction rule",
        "extractor": "the rule family that produced it",
        "doc": "documents.id",
    }),
    "events": ("One row per event; participants in event_participants, evidence in evidence.", {
        "id": "event id (ev-…)",
        "event_type": "event type of the ontology",
        "place": "entities.id of where it happened; empty when unknown",
        **TIME_COLUMNS,
        "trigger": "the word that signalled the event",
        "negated": "true when the sentence says it did not happen",
        "doc": "documents.id",
    }),
    "event_participants": ("Who took part in each event.", {
        "event": "events.id",
        "seq": "position in text order, from 0",
        "entity": "entities.id of the participant",
    }),
    "claims": ("One row per claim (who said what); the entities it is about are in claim_about.", {
        "id": "claim id (claim-…)",
        "speaker": "entities.id of who said it",
        "cue": "the attributing words as written (said, accused, denied, according to…)",
        "text": "the quote or reported clause",
        "direct": "true for a direct quotation",
        "statement": "statements.id the content asserts, when one was extracted",
        "via": "claims.id of the account this claim was reported inside",
        "negated": "true for a denial or a negated cue",
        "doc": "documents.id",
    }),
    "claim_about": ("The entities each claim is about.", {
        "claim": "claims.id",
        "entity": "entities.id",
    }),
    "evidence": ("The exact characters that support each statement, event and claim.", {
        "record": "statements.id, events.id or claims.id",
        "seq": "order of the span within the record, from 0",
        "doc": "documents.id",
        "start": "offset of the first character in the document text",
        "end": "offset one past the last character",
        "text": "the supporting text, repeated from the document",
    }),
    "conflicts": ("Pairs of records that cannot both be true.", {
        "id": "conflict id (cf-…)",
        "a": "statements.id or events.id of one side",
        "b": "statements.id or events.id of the other side",
        "kind": "polarity, dates or answer",
        "reason": "one line saying why",
    }),
    "entity_documents": ("Which documents mention each entity, and how often.", {
        "entity": "entities.id",
        "doc": "documents.id",
        "mention_count": "mentions of the entity in that document",
    }),
}

LIST_COLUMNS = {("documents", "authors"), ("entities", "aliases")}
BOOLEAN_COLUMNS = {("statements", "negated"), ("events", "negated"), ("claims", "direct"), ("claims", "negated")}
