-- Makes the knowledge base pleasant in Datasette (and any SQLite browser): full-text indexes
-- Datasette recognises on documents and claims, and views that read like sentences, with
-- entity names and the evidence text in place of ids.

-- Datasette finds a table's full-text index by `content="table"` in double quotes; the first
-- schema wrote single quotes, so the documents index is rebuilt with the same columns.
DROP TRIGGER IF EXISTS documents_fts_insert;
DROP TRIGGER IF EXISTS documents_fts_delete;
DROP TABLE IF EXISTS documents_fts;
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content="documents", content_rowid="rowid", tokenize="porter unicode61"
);
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');

CREATE VIRTUAL TABLE IF NOT EXISTS claims_fts USING fts5(
    text, cue, content="claims", content_rowid="rowid", tokenize="porter unicode61"
);
CREATE TRIGGER IF NOT EXISTS claims_fts_insert AFTER INSERT ON claims BEGIN
    INSERT INTO claims_fts(rowid, text, cue) VALUES (new.rowid, new.text, new.cue);
END;
CREATE TRIGGER IF NOT EXISTS claims_fts_delete AFTER DELETE ON claims BEGIN
    INSERT INTO claims_fts(claims_fts, rowid, text, cue) VALUES ('delete', old.rowid, old.text, old.cue);
END;
INSERT INTO claims_fts(claims_fts) VALUES ('rebuild');

-- Each statement as a sentence: who, what, whom, when, and the words that say so.
CREATE VIEW IF NOT EXISTS statements_with_evidence AS
SELECT s.id AS statement, s.subject_name AS subject, s.predicate, s.object_name AS object,
       s.item_name AS item, s.role, s.time_text AS "when", s.time_start, s.time_end,
       s.negated, s.modality, s.confidence, ev.text AS evidence_sentence, d.title AS document_title,
       d.published AS document_published, s.doc AS document, s.subject_entity, s.object_entity
FROM statement_view s
JOIN documents d ON d.id = s.doc
LEFT JOIN evidence ev ON ev.record = s.id AND ev.seq = 0;

-- Who said what, with the sentence that carries the quote and the document it is in.
CREATE VIEW IF NOT EXISTS claims_with_evidence AS
SELECT c.id AS claim, c.speaker_name AS speaker, c.cue, c.text AS said, c.direct, c.negated,
       COALESCE(sentence.text, content.text) AS evidence_sentence, d.title AS document_title,
       d.published AS document_published, c.doc AS document, c.speaker_entity
FROM claim_view c
JOIN documents d ON d.id = c.doc
LEFT JOIN evidence content ON content.record = c.id AND content.seq = 0
LEFT JOIN evidence sentence ON sentence.record = c.id AND sentence.seq = 1;

-- Both sides of every contradiction, with their sentences and documents.
CREATE VIEW IF NOT EXISTS conflicts_side_by_side AS
SELECT cf.id AS conflict, cf.kind, cf.reason,
       ea.text AS side_a_sentence, da.title AS side_a_document,
       eb.text AS side_b_sentence, db.title AS side_b_document,
       cf.a AS side_a_record, cf.b AS side_b_record
FROM conflicts cf
LEFT JOIN evidence ea ON ea.record = cf.a AND ea.seq = 0 LEFT JOIN documents da ON da.id = ea.doc
LEFT JOIN evidence eb ON eb.record = cf.b AND eb.seq = 0 LEFT JOIN documents db ON db.id = eb.doc;

-- Events with their participants named, where and when, and the sentence.
CREATE VIEW IF NOT EXISTS events_with_evidence AS
SELECT v.id AS event, v.event_type, v.time_text AS "when", v.time_start, v.time_end,
       (SELECT group_concat(e.name, ', ') FROM event_participants p
          JOIN local_entities l ON l.id = p.local_entity JOIN entities e ON e.id = l.entity
          WHERE p.event = v.id) AS participants,
       v.place_name AS place, v.negated, ev.text AS evidence_sentence, d.title AS document_title,
       v.doc AS document
FROM event_view v
JOIN documents d ON d.id = v.doc
LEFT JOIN evidence ev ON ev.record = v.id AND ev.seq = 0;

-- Which documents mention each entity, and how often.
CREATE VIEW IF NOT EXISTS entity_mentions_by_document AS
SELECT e.name AS entity_name, e.type AS entity_type, d.title AS document_title,
       sum(l.mention_count) AS mentions, e.id AS entity, d.id AS document
FROM local_entities l JOIN entities e ON e.id = l.entity JOIN documents d ON d.id = l.doc
GROUP BY e.id, d.id;
