-- Scam intelligence. Indicators (scammers' numbers, accounts, links, wallets, handles) are kept in
-- their canonical form, in clear: they are reported to be looked up, and the public page shows
-- their risk. Who reported them is kept per report; a private report counts only for its tenant.
CREATE TABLE scam_indicators (
    id         uuid        PRIMARY KEY,
    kind       text        NOT NULL,
    value      text        NOT NULL,
    created_at timestamptz NOT NULL,
    UNIQUE (kind, value)
);

-- reporter: who stands behind the report (a tenant id, a feed's name, a public reporter's key);
-- reports of one reporter count once. reference: the reporter's own id for the report, so that
-- posting it again changes nothing.
CREATE TABLE scam_reports (
    id           uuid             PRIMARY KEY,
    indicator_id uuid             NOT NULL REFERENCES scam_indicators (id),
    tenant_id    uuid             REFERENCES tenants (id),
    source       text             NOT NULL CHECK (source IN ('police', 'institution', 'feed', 'public')),
    reporter     text             NOT NULL,
    trust        double precision NOT NULL CHECK (trust > 0 AND trust <= 1),
    shared       boolean          NOT NULL,
    category     text,
    reference    text             NOT NULL,
    reported_at  timestamptz      NOT NULL,
    created_at   timestamptz      NOT NULL,
    UNIQUE (source, reporter, reference)
);

CREATE INDEX scam_reports_indicator ON scam_reports (indicator_id);

-- A dispute contests an indicator (a genuine number reported by mistake or malice); clearing it
-- sets aside the reports made before. Every step is also written to scam_audit.
CREATE TABLE scam_disputes (
    id           uuid        PRIMARY KEY,
    indicator_id uuid        NOT NULL REFERENCES scam_indicators (id),
    tenant_id    uuid        REFERENCES tenants (id),
    reason       text        NOT NULL,
    status       text        NOT NULL CHECK (status IN ('open', 'cleared', 'rejected')),
    opened_at    timestamptz NOT NULL,
    resolved_at  timestamptz,
    resolved_by  text,
    resolution   text
);

CREATE INDEX scam_disputes_indicator ON scam_disputes (indicator_id);

CREATE TABLE scam_audit (
    id           bigserial   PRIMARY KEY,
    indicator_id uuid        NOT NULL REFERENCES scam_indicators (id),
    action       text        NOT NULL,
    actor        text        NOT NULL,
    detail       jsonb       NOT NULL,
    at           timestamptz NOT NULL
);

CREATE INDEX scam_audit_indicator ON scam_audit (indicator_id, at);
