-- The identity graph. An application (a session, or a record the institution's backend posts) is
-- linked to others through what it shares. Identifiers are never stored: only keyed hashes
-- (HMAC-SHA256 under a deployment secret, 32 bytes) of their canonical form, by kind.
-- identity_key is the application's identity anchor: the document number's key, else the national
-- ID's, else the name-and-birth-date's; it tells "another identity" from "the same one again".
CREATE TABLE graph_applications (
    id           uuid        PRIMARY KEY,
    tenant_id    uuid        NOT NULL REFERENCES tenants (id),
    reference    text        NOT NULL,
    content_hash bytea       NOT NULL CHECK (length(content_hash) = 32),
    identity_key bytea       CHECK (length(identity_key) = 32),
    received_at  timestamptz NOT NULL,
    UNIQUE (tenant_id, reference)
);

CREATE INDEX graph_applications_identity ON graph_applications (identity_key, received_at) WHERE identity_key IS NOT NULL;

-- One row per identifier an application carries. Looked up by (kind, key) for every new
-- application: the primary key is that index.
CREATE TABLE graph_links (
    kind           text        NOT NULL,
    key            bytea       NOT NULL CHECK (length(key) = 32),
    application_id uuid        NOT NULL REFERENCES graph_applications (id) ON DELETE CASCADE,
    tenant_id      uuid        NOT NULL,
    identity_key   bytea,
    received_at    timestamptz NOT NULL,
    PRIMARY KEY (kind, key, application_id)
);

CREATE INDEX graph_links_application ON graph_links (application_id);

-- The application's face embedding (L2-normalised float32, little-endian), searched 1:N.
CREATE TABLE graph_faces (
    application_id uuid        PRIMARY KEY REFERENCES graph_applications (id) ON DELETE CASCADE,
    tenant_id      uuid        NOT NULL,
    identity_key   bytea,
    embedding      bytea       NOT NULL,
    received_at    timestamptz NOT NULL
);

-- Faces found at or above the match threshold that belong to another identity: the edges the
-- ring detection follows, written when the later application is recorded.
CREATE TABLE graph_face_links (
    application_id uuid             NOT NULL REFERENCES graph_applications (id) ON DELETE CASCADE,
    other_id       uuid             NOT NULL REFERENCES graph_applications (id) ON DELETE CASCADE,
    similarity     double precision NOT NULL,
    PRIMARY KEY (application_id, other_id)
);

CREATE INDEX graph_face_links_other ON graph_face_links (other_id);
