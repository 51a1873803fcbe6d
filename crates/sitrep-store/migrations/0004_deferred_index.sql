-- Version 4: the full-text indexes are brought up to date in bulk (`sitrep index`, and before
-- every full-text query), not row by row as `ingest` stores documents. Indexing row by row in
-- each ingest batch cost more CPU than extraction itself, and more again as the index grew
-- (FTS5 merges its segments over and over); in bulk the same index costs a fraction of it.
--
-- Each index records the highest rowid it holds. Documents and claims are never deleted and
-- their ids only grow, so everything above that mark is what the index still lacks.
CREATE TABLE full_text_progress (
    index_name   TEXT PRIMARY KEY,
    indexed_upto INTEGER NOT NULL
) WITHOUT ROWID;
-- A file of version 3 indexed every row as it was stored.
INSERT INTO full_text_progress (index_name, indexed_upto) VALUES
    ('documents_fts', (SELECT coalesce(max(id), 0) FROM documents)),
    ('claims_fts', (SELECT coalesce(max(id), 0) FROM claims));
