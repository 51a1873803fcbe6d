-- Version 1: documents, their claims (every spec v1 field) and the inputs that failed.

CREATE TABLE documents (
    id           INTEGER PRIMARY KEY,
    doc          TEXT NOT NULL,            -- the document's id: file name, JSON Lines id, link
    content_hash BLOB NOT NULL UNIQUE,     -- SHA-256 of the text, whitespace folded
    url          TEXT UNIQUE,              -- canonical URL
    title        TEXT,
    byline       TEXT,
    published    TEXT,                     -- YYYY-MM-DD
    source       TEXT,                     -- publisher
    language     TEXT,
    origin       TEXT NOT NULL,            -- the file it was read from
    ingested_at  TEXT NOT NULL             -- RFC 3339, UTC
);

-- Texts apart from the metadata, so that listing claims with their documents reads a few
-- dense pages of metadata, not one page per article.
CREATE TABLE document_texts (
    id   INTEGER PRIMARY KEY REFERENCES documents(id),
    text TEXT NOT NULL
);
CREATE INDEX documents_doc ON documents(doc);
CREATE INDEX documents_published ON documents(published);
-- Document names packed densely in id order: a listing of thousands of claims looks up their
-- documents' names from a few pages instead of one page per document.
CREATE INDEX documents_names ON documents(id, doc);

CREATE TABLE claims (
    id            INTEGER PRIMARY KEY,
    document_id   INTEGER NOT NULL REFERENCES documents(id),
    ordinal       INTEGER NOT NULL,        -- the claim's place in the document's output
    metric        TEXT NOT NULL,
    subject       TEXT NOT NULL,
    quantity_text TEXT NOT NULL,
    value         REAL,
    low           REAL,
    high          REAL,
    qualifier     TEXT NOT NULL,
    place         TEXT,
    date          TEXT,                    -- YYYY-MM-DD
    sources       TEXT NOT NULL,           -- JSON array, nearest speaker first
    sentence      TEXT NOT NULL,
    span_start    INTEGER NOT NULL,        -- characters, end exclusive
    span_end      INTEGER NOT NULL,
    UNIQUE (document_id, ordinal)
);
-- Listing claims by metric and date ("killed since December, North Korean") reads this index
-- alone: it holds every column the listing shows, in date order, so a million claims are
-- answered from a few hundred pages instead of one page per claim.
CREATE INDEX claims_listing ON claims(metric, date, subject, quantity_text, place, sources,
    document_id, ordinal);
CREATE INDEX claims_date ON claims(date);

CREATE TABLE failures (
    id         INTEGER PRIMARY KEY,
    origin     TEXT NOT NULL,
    record     INTEGER NOT NULL DEFAULT 0, -- line or record number; 0 for the whole input
    document   TEXT NOT NULL DEFAULT '',
    error      TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen  TEXT NOT NULL,
    times      INTEGER NOT NULL DEFAULT 1,
    UNIQUE (origin, record, document, error)
);
