"""metadata.json for browsing a knowledge base with Datasette: titles and descriptions of every
table, view and column, default facets, label columns (so foreign keys show names) and canned
queries. `allsource datasette-metadata` writes it; `datasette kb.db -m metadata.json` reads it."""

from __future__ import annotations

import json
import os
from pathlib import Path

from allsource.export.files import output_file

CLAIMS_BY_SPEAKER = """SELECT speaker, cue, said, direct, evidence_sentence, document_title
FROM claims_with_evidence
WHERE speaker_entity IN (SELECT id FROM entities WHERE name LIKE '%' || :speaker || '%'
                         OR aliases LIKE '%' || :speaker || '%')
ORDER BY document_title, claim"""

STATEMENTS_BETWEEN = """SELECT subject, predicate, object, "when", negated, evidence_sentence, document_title
FROM statements_with_evidence
WHERE (subject LIKE '%' || :a || '%' AND object LIKE '%' || :b || '%')
   OR (subject LIKE '%' || :b || '%' AND object LIKE '%' || :a || '%')
ORDER BY time_start IS NULL, time_start"""

ENTITY_TIMELINE = """SELECT time_start, "when", subject, predicate, object, evidence_sentence, document_title
FROM statements_with_evidence
WHERE time_start IS NOT NULL AND (subject LIKE '%' || :entity || '%' OR object LIKE '%' || :entity || '%')
ORDER BY time_start"""

CONFLICTS = """SELECT kind, reason, side_a_sentence, side_a_document, side_b_sentence, side_b_document
FROM conflicts_side_by_side ORDER BY kind, conflict"""

MOST_MENTIONED = """SELECT name, type, subtype, mention_count, doc_count, aliases
FROM entities ORDER BY mention_count DESC LIMIT 50"""

TABLES = {
    "documents": {"title": "Documents", "description": "One row per article, with its clean text.",
                  "label_column": "title", "facets": ["publisher", "format"], "sort": "title",
                  "columns": {"text": "the clean text every offset points into",
                              "source": "file path or URL the article came from",
                              "published": "publication date (YYYY-MM-DD, YYYY-MM or YYYY)"}},
    "entities": {"title": "Entities", "description": "Corpus-wide actors and things, most mentioned first.",
                 "label_column": "name", "facets": ["type", "subtype"], "sort_desc": "mention_count",
                 "columns": {"aliases": "every surface form (JSON list)", "mention_count": "mentions in all documents",
                             "doc_count": "documents that mention it"}},
    "local_entities": {"title": "Entities as each document names them",
                       "description": "Document-local entities; `entity` is the corpus-wide entity they joined.",
                       "label_column": "name", "facets": ["type"]},
    "mentions": {"title": "Mentions", "description": "Spans of text that name an entity.",
                 "facets": ["type", "source"], "label_column": "text"},
    "statements": {"title": "Statements (raw)", "facets": ["predicate", "modality", "extractor"],
                   "description": "Subject–predicate–object records with document-local ids; "
                                  "see statements_with_evidence for names and sentences."},
    "claims": {"title": "Claims (raw)", "facets": ["cue", "direct"], "label_column": "text",
               "description": "Who said what, with document-local ids; see claims_with_evidence."},
    "events": {"title": "Events (raw)", "facets": ["event_type"],
               "description": "Happenings with document-local ids; see events_with_evidence."},
    "evidence": {"title": "Evidence spans",
                 "description": "The exact characters (document, start, end) supporting each record."},
    "conflicts": {"title": "Conflicts (raw)", "facets": ["kind"],
                  "description": "Pairs of records that cannot both be true; see conflicts_side_by_side."},
    "merges": {"title": "Merge judgements", "facets": ["decided_by", "reason"],
               "description": "Why each document's entity joined a corpus-wide entity (undone ones have undone_at)."},
    "rules": {"title": "Resolution rules", "facets": ["kind"],
              "description": "never / always merge rules, applied to documents added afterwards."},
    "statements_with_evidence": {
        "title": "Statements with their evidence", "facets": ["predicate", "modality", "negated"],
        "description": "Each statement as a sentence: subject, predicate, object, when, and the words that say so.",
        "columns": {"when": "the time as the text gives it", "negated": "1 when the source says it did not happen",
                    "evidence_sentence": "the sentence that states it"}},
    "claims_with_evidence": {
        "title": "Claims with their evidence", "facets": ["speaker", "cue", "direct"],
        "description": "Who said what, the sentence that carries it and the document.",
        "columns": {"said": "the quote or reported clause", "direct": "1 for a direct quotation"}},
    "events_with_evidence": {"title": "Events with participants", "facets": ["event_type"],
                             "description": "Events with their participants named, place, time and sentence."},
    "conflicts_side_by_side": {"title": "Conflicts side by side", "facets": ["kind"],
                               "description": "Both sides of every contradiction between sources."},
    "entity_mentions_by_document": {"title": "Entities by document", "facets": ["entity_type"],
                                    "description": "Which documents mention each entity, and how often."},
}

QUERIES = {
    "claims_by_speaker": {"title": "Claims by speaker", "sql": CLAIMS_BY_SPEAKER,
                          "description": "Everything a speaker (any part of a name or alias) is reported to have said."},
    "conflicts": {"title": "Conflicts", "sql": CONFLICTS,
                  "description": "Contradictions between sources, both sentences side by side."},
    "statements_between": {"title": "Statements between two actors", "sql": STATEMENTS_BETWEEN,
                           "description": "What the sources say one actor did to the other, either way round."},
    "entity_timeline": {"title": "Timeline of an entity", "sql": ENTITY_TIMELINE,
                        "description": "Dated statements about an entity in time order."},
    "most_mentioned": {"title": "Most mentioned entities", "sql": MOST_MENTIONED,
                       "description": "The fifty entities mentioned most often."},
}


def datasette_metadata(db_path: str | os.PathLike) -> dict:
    """Metadata for the knowledge base file `db_path` (Datasette names a database by its file stem)."""
    return {
        "title": "allsource knowledge base",
        "description": "Actors, statements, events and claims extracted from a folder of articles; every record "
                       "points at the exact characters of its source document.",
        "databases": {Path(db_path).stem: {"tables": TABLES, "queries": QUERIES}},
    }


def write_datasette_metadata(db_path: str | os.PathLike, path: str | os.PathLike) -> None:
    with output_file(path) as out:
        out.write(json.dumps(datasette_metadata(db_path), indent=2) + "\n")
