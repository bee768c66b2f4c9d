-- 1:1 face comparisons, kept as evidence of what was decided and on what. Never the images and
-- never the embeddings: only their hashes and the measurements shown to the caller.

CREATE TABLE face_comparisons (
    id                       uuid             PRIMARY KEY,
    tenant_id                uuid             NOT NULL REFERENCES tenants (id),
    created_at               timestamptz      NOT NULL,
    score                    double precision NOT NULL,
    threshold                double precision NOT NULL,
    match                    boolean          NOT NULL,
    multiple_faces           text             NOT NULL CHECK (multiple_faces IN ('most-prominent', 'refuse')),

    reference_sha256         char(64)         NOT NULL,
    reference_format         text             NOT NULL,
    reference_width          integer          NOT NULL CHECK (reference_width > 0),
    reference_height         integer          NOT NULL CHECK (reference_height > 0),
    reference_faces_found    integer          NOT NULL CHECK (reference_faces_found > 0),
    -- the face used: box, detection score, pose, eyes, quality with its issues, attack score
    reference_face           jsonb            NOT NULL,

    probe_sha256             char(64)         NOT NULL,
    probe_format             text             NOT NULL,
    probe_width              integer          NOT NULL CHECK (probe_width > 0),
    probe_height             integer          NOT NULL CHECK (probe_height > 0),
    probe_faces_found        integer          NOT NULL CHECK (probe_faces_found > 0),
    probe_face               jsonb            NOT NULL
);

CREATE INDEX face_comparisons_tenant_created ON face_comparisons (tenant_id, created_at DESC);
