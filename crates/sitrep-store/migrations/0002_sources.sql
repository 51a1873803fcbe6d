-- Version 2: sources as entities, with every name each appears under, the claims attributed to
-- them, and who cited whom in which document. Claims stored by version 1 are carried over from
-- their JSON `sources` column.

CREATE TABLE sources (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL,                    -- the fullest name, as claims carry it
    kind TEXT NOT NULL DEFAULT 'other'     -- person, organisation, group, place, other
);
CREATE INDEX sources_name ON sources(name COLLATE NOCASE);

CREATE TABLE source_names (
    name      TEXT NOT NULL COLLATE NOCASE,
    source_id INTEGER NOT NULL REFERENCES sources(id),
    generic   INTEGER NOT NULL DEFAULT 0,  -- 1 for descriptions ("the spy agency"): never merged on
    PRIMARY KEY (name, source_id)
) WITHOUT ROWID;
CREATE INDEX source_names_source ON source_names(source_id);

CREATE TABLE claim_sources (
    claim_id  INTEGER NOT NULL REFERENCES claims(id),
    position  INTEGER NOT NULL,            -- 0 for the nearest speaker
    source_id INTEGER NOT NULL REFERENCES sources(id),
    PRIMARY KEY (claim_id, position)
) WITHOUT ROWID;
CREATE INDEX claim_sources_source ON claim_sources(source_id);

CREATE TABLE citations (
    document_id INTEGER NOT NULL REFERENCES documents(id),
    speaker_id  INTEGER NOT NULL REFERENCES sources(id),
    cited_id    INTEGER NOT NULL REFERENCES sources(id),
    PRIMARY KEY (document_id, speaker_id, cited_id)
) WITHOUT ROWID;

INSERT INTO sources (name)
    SELECT MIN(j.value) FROM claims, json_each(claims.sources) AS j GROUP BY lower(j.value);
INSERT INTO source_names (name, source_id) SELECT name, id FROM sources;
INSERT INTO claim_sources (claim_id, position, source_id)
    SELECT c.id, j.key, n.source_id
    FROM claims AS c, json_each(c.sources) AS j
    JOIN source_names AS n ON n.name = j.value;
INSERT OR IGNORE INTO citations (document_id, speaker_id, cited_id)
    SELECT c.document_id, a.source_id, b.source_id
    FROM claims AS c
    JOIN claim_sources AS a ON a.claim_id = c.id
    JOIN claim_sources AS b ON b.claim_id = c.id AND b.position = a.position + 1;
