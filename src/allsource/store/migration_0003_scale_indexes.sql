-- Indexes that keep adding a document independent of the size of the knowledge base: the
-- documents of a source (checked for every file), the conflicts of a record (dropped when its
-- document is replaced) and the statements of a predicate (the candidates of a conflict).
CREATE INDEX IF NOT EXISTS documents_source ON documents(source);
CREATE INDEX IF NOT EXISTS conflicts_a ON conflicts(a);
CREATE INDEX IF NOT EXISTS conflicts_b ON conflicts(b);
CREATE INDEX IF NOT EXISTS statements_predicate ON statements(predicate, subject);
