-- Applications found bad after they were recorded: the session behind them failed verification,
-- or the institution flagged them (confirmed fraud, a mule account, identity theft). A flagged
-- application raises the scam indicators it carries (its bank account, its phone). Only the count
-- of flagged applications crosses tenant lines, never which ones or why.
ALTER TABLE graph_applications ADD COLUMN session_id uuid;
ALTER TABLE graph_applications ADD COLUMN flag text
    CHECK (flag IN ('failed-verification', 'confirmed-fraud', 'mule-account', 'identity-theft'));
ALTER TABLE graph_applications ADD COLUMN flagged_at timestamptz;
ALTER TABLE graph_applications ADD CHECK ((flag IS NULL) = (flagged_at IS NULL));

CREATE INDEX graph_applications_session ON graph_applications (session_id) WHERE session_id IS NOT NULL;
-- Flagged applications are few: counting those that carry an identifier starts from them and probes
-- graph_links' primary key, instead of reading every carrier of a shared IP.
CREATE INDEX graph_applications_flagged ON graph_applications (id) WHERE flag IS NOT NULL;

-- Every flag set or cleared, by whom (a tenant, or the service for a failed session) and why.
CREATE TABLE graph_flag_events (
    id             bigserial   PRIMARY KEY,
    application_id uuid        NOT NULL REFERENCES graph_applications (id) ON DELETE CASCADE,
    tenant_id      uuid        NOT NULL,
    action         text        NOT NULL CHECK (action IN ('flagged', 'cleared')),
    flag           text        NOT NULL,
    actor          text        NOT NULL CHECK (actor IN ('tenant', 'session-analysis')),
    note           text        CHECK (length(note) <= 500),
    at             timestamptz NOT NULL
);

CREATE INDEX graph_flag_events_application ON graph_flag_events (application_id, at);
