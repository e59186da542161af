-- allsource knowledge base, schema version 1.
-- Records keep the document-local entity ids they were extracted with; `local_entities.entity`
-- is the current judgement of which corpus-wide entity each belongs to (see `merges`).

CREATE TABLE IF NOT EXISTS sources (
    path TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('done', 'failed')),
    error TEXT,
    updated_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL,
    source TEXT NOT NULL,
    part INTEGER NOT NULL,
    format TEXT NOT NULL,
    title TEXT NOT NULL,
    authors TEXT NOT NULL,          -- JSON list
    publisher TEXT NOT NULL,
    published TEXT,
    text TEXT NOT NULL,
    added_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_hash ON documents(content_hash);

CREATE TABLE IF NOT EXISTS removals (
    doc TEXT NOT NULL REFERENCES documents(id),
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    at INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (doc, seq)
);

CREATE TABLE IF NOT EXISTS entities (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    subtype TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL,
    aliases TEXT NOT NULL,          -- JSON list of every surface form
    mention_count INTEGER NOT NULL DEFAULT 0,
    doc_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS entities_type ON entities(type);

CREATE TABLE IF NOT EXISTS local_entities (
    id TEXT PRIMARY KEY,
    doc TEXT NOT NULL REFERENCES documents(id),
    type TEXT NOT NULL,
    subtype TEXT NOT NULL,
    name TEXT NOT NULL,
    aliases TEXT NOT NULL,
    acronym TEXT NOT NULL,
    mention_count INTEGER NOT NULL,
    entity TEXT REFERENCES entities(id)      -- NULL only inside the transaction that adds it
);
CREATE INDEX IF NOT EXISTS local_entities_entity ON local_entities(entity);
CREATE INDEX IF NOT EXISTS local_entities_doc ON local_entities(doc);

CREATE TABLE IF NOT EXISTS name_keys (
    key TEXT NOT NULL,
    entity TEXT NOT NULL REFERENCES entities(id),
    PRIMARY KEY (key, entity)
);

CREATE TABLE IF NOT EXISTS merges (
    id INTEGER PRIMARY KEY,
    local_entity TEXT NOT NULL REFERENCES local_entities(id),
    entity TEXT NOT NULL REFERENCES entities(id),
    reason TEXT NOT NULL,
    score REAL NOT NULL,
    decided_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    undone_at TEXT
);
CREATE INDEX IF NOT EXISTS merges_entity ON merges(entity);

CREATE TABLE IF NOT EXISTS rules (
    kind TEXT NOT NULL CHECK (kind IN ('never', 'always')),
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (kind, a, b)
);

CREATE TABLE IF NOT EXISTS mentions (
    id TEXT PRIMARY KEY,
    doc TEXT NOT NULL REFERENCES documents(id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    local_entity TEXT NOT NULL REFERENCES local_entities(id),
    source TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(doc, start);
CREATE INDEX IF NOT EXISTS mentions_local ON mentions(local_entity);

CREATE TABLE IF NOT EXISTS statements (
    id TEXT PRIMARY KEY,
    doc TEXT NOT NULL REFERENCES documents(id),
    subject TEXT NOT NULL REFERENCES local_entities(id),
    predicate TEXT NOT NULL,
    object TEXT REFERENCES local_entities(id),
    item TEXT REFERENCES local_entities(id),
    role TEXT,
    time_start TEXT, time_end TEXT, time_precision TEXT, time_text TEXT,
    negated INTEGER NOT NULL,
    modality TEXT NOT NULL,
    confidence REAL NOT NULL,
    extractor TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS statements_doc ON statements(doc);
CREATE INDEX IF NOT EXISTS statements_subject ON statements(subject);
CREATE INDEX IF NOT EXISTS statements_object ON statements(object);

CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY,
    doc TEXT NOT NULL REFERENCES documents(id),
    event_type TEXT NOT NULL,
    place TEXT REFERENCES local_entities(id),
    time_start TEXT, time_end TEXT, time_precision TEXT, time_text TEXT,
    trigger TEXT NOT NULL,
    negated INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS events_doc ON events(doc);

CREATE TABLE IF NOT EXISTS event_participants (
    event TEXT NOT NULL REFERENCES events(id),
    seq INTEGER NOT NULL,
    local_entity TEXT NOT NULL REFERENCES local_entities(id),
    PRIMARY KEY (event, seq)
);
CREATE INDEX IF NOT EXISTS event_participants_local ON event_participants(local_entity);

CREATE TABLE IF NOT EXISTS claims (
    id TEXT PRIMARY KEY,
    doc TEXT NOT NULL REFERENCES documents(id),
    speaker TEXT NOT NULL REFERENCES local_entities(id),
    cue TEXT NOT NULL,
    text TEXT NOT NULL,
    direct INTEGER NOT NULL,
    statement TEXT,
    via TEXT,
    negated INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS claims_doc ON claims(doc);
CREATE INDEX IF NOT EXISTS claims_speaker ON claims(speaker);

CREATE TABLE IF NOT EXISTS claim_about (
    claim TEXT NOT NULL REFERENCES claims(id),
    local_entity TEXT NOT NULL REFERENCES local_entities(id),
    PRIMARY KEY (claim, local_entity)
);

CREATE TABLE IF NOT EXISTS evidence (
    record TEXT NOT NULL,
    seq INTEGER NOT NULL,
    doc TEXT NOT NULL REFERENCES documents(id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (record, seq)
);
CREATE INDEX IF NOT EXISTS evidence_doc ON evidence(doc);

CREATE TABLE IF NOT EXISTS conflicts (
    id TEXT PRIMARY KEY,
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    kind TEXT NOT NULL,
    reason TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS failures (
    source TEXT NOT NULL,
    stage TEXT NOT NULL,
    reason TEXT NOT NULL,
    at TEXT NOT NULL
);

CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(
    title, text, content='documents', content_rowid='rowid', tokenize='porter unicode61'
);
CREATE TRIGGER IF NOT EXISTS documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER IF NOT EXISTS documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;

-- Records with their corpus-wide entity ids and names: what queries and Datasette read.
CREATE VIEW IF NOT EXISTS statement_view AS
SELECT s.*, ls.entity AS subject_entity, es.name AS subject_name,
       lo.entity AS object_entity, eo.name AS object_name,
       li.entity AS item_entity, ei.name AS item_name
FROM statements s
JOIN local_entities ls ON ls.id = s.subject JOIN entities es ON es.id = ls.entity
LEFT JOIN local_entities lo ON lo.id = s.object LEFT JOIN entities eo ON eo.id = lo.entity
LEFT JOIN local_entities li ON li.id = s.item LEFT JOIN entities ei ON ei.id = li.entity;

CREATE VIEW IF NOT EXISTS claim_view AS
SELECT c.*, l.entity AS speaker_entity, e.name AS speaker_name
FROM claims c JOIN local_entities l ON l.id = c.speaker JOIN entities e ON e.id = l.entity;

CREATE VIEW IF NOT EXISTS event_view AS
SELECT v.*, lp.entity AS place_entity, ep.name AS place_name
FROM events v LEFT JOIN local_entities lp ON lp.id = v.place LEFT JOIN entities ep ON ep.id = lp.entity;
