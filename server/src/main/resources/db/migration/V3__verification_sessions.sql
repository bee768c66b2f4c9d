-- Secrets the deployment generates for itself when none is configured (for example the key that
-- signs challenges), so that a restart keeps verifying what it signed before.
CREATE TABLE deployment_secrets (
    name       text        PRIMARY KEY,
    secret     bytea       NOT NULL CHECK (length(secret) >= 32),
    created_at timestamptz NOT NULL
);

-- One verification session: its signed challenge, the capture it received, and the analysis.
CREATE TABLE sessions (
    id                        uuid        PRIMARY KEY,
    tenant_id                 uuid        NOT NULL REFERENCES tenants (id),
    state                     text        NOT NULL
        CHECK (state IN ('created', 'capturing', 'submitted', 'analysed', 'expired')),
    outcome                   text        CHECK (outcome IN ('passed', 'failed', 'retry')),
    policy                    text        NOT NULL,
    applicant_reference       text        CHECK (length(applicant_reference) <= 200),
    record                    boolean     NOT NULL,
    challenge                 jsonb       NOT NULL,
    challenge_signature       text        NOT NULL,
    -- SHA-256 of the single-use capture token and of the upload token it was exchanged for
    capture_token_hash        bytea       NOT NULL UNIQUE CHECK (length(capture_token_hash) = 32),
    upload_token_hash         bytea       UNIQUE CHECK (length(upload_token_hash) = 32),
    -- L2-normalised float32 embedding (little-endian) of the reference photo's face; never the photo
    reference_embedding       bytea,
    reference_sha256          text,
    telemetry                 jsonb,
    frames_received           integer     NOT NULL DEFAULT 0,
    frame_count               integer,
    reasons                   jsonb,
    result                    jsonb,
    created_at                timestamptz NOT NULL,
    expires_at                timestamptz NOT NULL,
    capture_started_at        timestamptz,
    submitted_at              timestamptz,
    analysed_at               timestamptz,
    -- when the raw frames of a recorded session and the evidence are deleted
    retain_until              timestamptz,
    CHECK (expires_at > created_at),
    CHECK ((state = 'analysed') = (outcome IS NOT NULL))
);

CREATE INDEX sessions_tenant_created ON sessions (tenant_id, created_at DESC);
CREATE INDEX sessions_open_by_expiry ON sessions (expires_at) WHERE state IN ('created', 'capturing');
CREATE INDEX sessions_submitted ON sessions (submitted_at) WHERE state = 'submitted';
CREATE INDEX sessions_retained ON sessions (retain_until) WHERE retain_until IS NOT NULL;

-- Frames as the client sent them; deleted once analysed (kept until retain_until when recording).
CREATE TABLE session_frames (
    session_id   uuid        NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    frame_index  integer     NOT NULL CHECK (frame_index >= 0),
    timestamp_ms bigint      NOT NULL CHECK (timestamp_ms >= 0),
    prompt       text,
    screen       text,
    image        bytea       NOT NULL,
    sha256       bytea       NOT NULL CHECK (length(sha256) = 32),
    received_at  timestamptz NOT NULL,
    PRIMARY KEY (session_id, frame_index)
);

-- Audit frames and face crops kept as evidence of an analysis, until retain_until.
CREATE TABLE session_evidence (
    id           uuid        PRIMARY KEY,
    session_id   uuid        NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    kind         text        NOT NULL,
    frame_index  integer,
    image        bytea       NOT NULL,
    created_at   timestamptz NOT NULL
);

CREATE INDEX session_evidence_session ON session_evidence (session_id);
