-- The capture's face embedding (L2-normalised float32, little-endian), kept until retain_until so
-- that an identity document posted after the capture can be compared with the person on camera.
ALTER TABLE sessions ADD COLUMN live_embedding bytea;

-- Identity documents posted to a session: each attempt (a blurred photo, then a sharp one) is a
-- row; the newest is the session's document. The result holds the reading, the checks and the
-- holder comparison; the portrait's embedding, never the portrait, is kept for that comparison.
-- Documents seen again are linked by the identity graph (V7), which keeps its own keyed hashes.
CREATE TABLE session_documents (
    id                 uuid        PRIMARY KEY,
    session_id         uuid        NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    tenant_id          uuid        NOT NULL REFERENCES tenants (id),
    outcome            text        NOT NULL CHECK (outcome IN ('passed', 'failed', 'retry')),
    reasons            jsonb       NOT NULL,
    result             jsonb       NOT NULL,
    portrait_embedding bytea,
    created_at         timestamptz NOT NULL
);

CREATE INDEX session_documents_session ON session_documents (session_id, created_at DESC);
