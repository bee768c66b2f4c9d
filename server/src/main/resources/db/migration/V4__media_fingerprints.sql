-- Perceptual fingerprints of every analysed session's frames, for finding media submitted again, in
-- this institution or another. Only hashes: never an image; another institution's sessions are only
-- counted in what a tenant is shown.
CREATE TABLE media_fingerprints (
    session_id  uuid        NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    frame_index integer     NOT NULL,
    tenant_id   uuid        NOT NULL REFERENCES tenants (id),
    -- 64-bit difference hash, and its four 16-bit bands: hashes within 3 bits of each other share
    -- at least one band exactly, so the bands are what the index finds candidates by
    coarse      bigint      NOT NULL,
    band0       integer     NOT NULL,
    band1       integer     NOT NULL,
    band2       integer     NOT NULL,
    band3       integer     NOT NULL,
    -- 256-bit difference hash that confirms a candidate
    fine        bytea       NOT NULL CHECK (length(fine) = 32),
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (session_id, frame_index)
);

CREATE INDEX media_fingerprints_band0 ON media_fingerprints (band0);
CREATE INDEX media_fingerprints_band1 ON media_fingerprints (band1);
CREATE INDEX media_fingerprints_band2 ON media_fingerprints (band2);
CREATE INDEX media_fingerprints_band3 ON media_fingerprints (band3);
