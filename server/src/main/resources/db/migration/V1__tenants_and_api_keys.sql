-- Institutions that call the API, and the keys they call it with.

CREATE TABLE tenants (
    id         uuid        PRIMARY KEY,
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at timestamptz NOT NULL
);

-- Only a SHA-256 of each key is kept: a leaked table does not leak usable keys.
CREATE TABLE api_keys (
    id         uuid        PRIMARY KEY,
    tenant_id  uuid        NOT NULL REFERENCES tenants (id),
    key_hash   bytea       NOT NULL UNIQUE CHECK (length(key_hash) = 32),
    -- the key's first characters, so people can tell their keys apart; not enough to guess it
    prefix     text        NOT NULL,
    created_at timestamptz NOT NULL,
    revoked_at timestamptz,
    CHECK (revoked_at IS NULL OR revoked_at >= created_at)
);

CREATE INDEX api_keys_tenant ON api_keys (tenant_id);
