-- Indexes that keep adding a document independent of the size of the knowledge base: the
-- judgements of a member (superseded when it is assigned) and the statements of a member and
-- predicate (the candidates of a conflict, reached through the subject entity's members).
CREATE INDEX IF NOT EXISTS merges_local_entity ON merges(local_entity);
CREATE INDEX IF NOT EXISTS statements_subject_predicate ON statements(subject, predicate);
