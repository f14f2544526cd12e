-- The audit trail (docs/security.md): who read or changed what, and when. Paths name pseudonymous customer ids;
-- no bodies, no query values, no personal data.
CREATE TABLE IF NOT EXISTS pulse_audit (
    id      bigserial   PRIMARY KEY,
    at      timestamptz NOT NULL,
    actor   text        NOT NULL,
    method  text        NOT NULL,
    path    text        NOT NULL,
    status  integer     NOT NULL
);
CREATE INDEX IF NOT EXISTS pulse_audit_at ON pulse_audit (at);
