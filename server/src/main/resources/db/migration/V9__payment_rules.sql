-- Payment protection rules per tenant, versioned: a new rule set is a new version, never an edit,
-- so every recorded outcome names the rules that produced it. A tenant without a row uses the
-- built-in rules (version 0).
CREATE TABLE payment_rules (
    tenant_id  uuid        NOT NULL REFERENCES tenants (id),
    version    integer     NOT NULL CHECK (version >= 1),
    rules      jsonb       NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, version)
);

-- Every assessment's outcome, for audit and tuning: the facts the rules saw, never the payee's raw
-- identifiers beyond their canonical indicators.
CREATE TABLE payment_assessments (
    id            uuid        PRIMARY KEY,
    tenant_id     uuid        NOT NULL REFERENCES tenants (id),
    outcome       text        NOT NULL,
    reasons       jsonb       NOT NULL,
    facts         jsonb       NOT NULL,
    rules_version integer     NOT NULL,
    created_at    timestamptz NOT NULL
);

CREATE INDEX payment_assessments_tenant ON payment_assessments (tenant_id, created_at);
